/*
 * plan_workbook: a plan and its resources as one Excel workbook, a sheet
 * for each table in the shape its importer reads: Plan, Indicators (the
 * values of the plan's indicators), Budget and Forecast (the current
 * year's), Risks, Workforce and Caseloads (the latest). A table the plan
 * has nothing in is left out. See plan_io.h.
 */
#include <stdlib.h>

#include "core/budget.h"
#include "core/caseload.h"
#include "core/risk.h"
#include "core/workforce.h"
#include "io/kpi_io.h"
#include "io/plan_io.h"
#include "io/resource_io.h"
#include "io/table_out.h"
#include "io/xlsx_write.h"

struct sources {
    struct gt_names kpis;
    struct gt_budget budget;
    struct gt_risks risks;
    struct gt_workforce_list workforce;
    struct gt_caseloads caseloads;
    struct gt_caseload_policy policy;
};

static enum gt_rc
load(struct gt_db *db, const char *plan, int32_t as_of, struct sources *s,
     struct gt_ctx *ctx)
{
    enum gt_rc rc;
    if ((rc = gt_db_plan_kpis(db, plan, &s->kpis, ctx)) != GT_OK ||
        (rc = gt_db_budget_current(db, plan, as_of, &s->budget, ctx)) !=
            GT_OK ||
        (rc = gt_db_risks(db, plan, &s->risks, ctx)) != GT_OK ||
        (rc = gt_db_workforce(db, plan, as_of, &s->workforce, ctx)) != GT_OK ||
        (rc = gt_db_caseload_policy(db, &s->policy, ctx)) != GT_OK)
        return rc;
    return gt_db_caseloads(db, plan, as_of, &s->caseloads, ctx);
}

static void
finish(struct sources *s)
{
    gt_names_finish(&s->kpis);
    gt_budget_finish(&s->budget);
    gt_risks_finish(&s->risks);
    gt_workforce_list_finish(&s->workforce);
    gt_caseloads_finish(&s->caseloads);
}

static enum gt_rc
sheets(struct gt_db *db, const char *plan, int32_t as_of,
       const struct gt_disclosure *who, const struct sources *s,
       struct gt_table_out *t, struct gt_ctx *ctx)
{
    enum gt_rc rc = gt_plan_export_table(db, plan, as_of, t, ctx);
    if (rc == GT_OK && s->kpis.n)
        rc = gt_kpi_export_table(db, (const char *const *)s->kpis.v, s->kpis.n,
                                 who->small_counts, t, ctx);
    if (rc == GT_OK && s->budget.n_lines)
        rc = gt_budget_export_table(&s->budget, t, ctx);
    if (rc == GT_OK && s->budget.n_forecasts)
        rc = gt_forecast_export_table(&s->budget, t, ctx);
    if (rc == GT_OK && s->risks.n)
        rc = gt_risk_export_table(&s->risks, t, ctx);
    if (rc == GT_OK && s->workforce.n)
        rc = gt_workforce_export_table(&s->workforce, t, ctx);
    if (rc == GT_OK && s->caseloads.n)
        rc = who->worker_names ? gt_caseload_export_table(&s->caseloads, t, ctx)
                               : gt_caseload_teams_export_table(
                                     &s->policy, &s->caseloads, t, ctx);
    return rc;
}

static enum gt_rc
write_book(struct gt_db *db, const char *plan_code, const char *title,
           const char *org, int32_t as_of, const struct gt_disclosure *who,
           const struct sources *s, const char *path, struct gt_ctx *ctx)
{
    struct gt_xlsx_props props = {title, "Plan workbook", org ? org : "",
                                  (long long)as_of * 86400};
    struct gt_xlsx *x = gt_xlsx_open(path, &props, ctx);
    if (!x)
        return GT_IO;
    struct gt_table_out t = gt_table_to_xlsx(x);
    enum gt_rc rc = sheets(db, plan_code, as_of, who, s, &t, ctx);
    enum gt_rc closed = gt_xlsx_close(x, ctx);
    return rc == GT_OK ? closed : rc;
}

enum gt_rc
gt_plan_export_workbook(struct gt_db *db, const char *plan_code, int32_t as_of,
                        const struct gt_disclosure *who, const char *path,
                        struct gt_ctx *ctx)
{
    struct gt_plan plan;
    struct sources s = {0};
    char *org = NULL;
    gt_plan_init(&plan);
    enum gt_rc rc = gt_db_plan_get(db, plan_code, &plan, ctx);
    if (rc == GT_OK)
        rc = gt_db_org_name(db, &org, ctx);
    if (rc == GT_OK)
        rc = load(db, plan_code, as_of, &s, ctx);
    if (rc == GT_OK)
        rc = write_book(db, plan_code, plan.title, org, as_of, who, &s, path,
                        ctx);
    free(org);
    finish(&s);
    gt_plan_finish(&plan);
    return rc;
}
