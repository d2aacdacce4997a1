/*
 * db_workforce: workforce figures in the store (migration 0010). See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/kpi.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/workforce.h"

enum gt_rc
gt_db_workforce_set(struct gt_db *db, const char *plan_code,
                    const struct gt_workforce_list *list, struct gt_ctx *ctx)
{
    struct gt_plan plan;
    enum gt_rc rc = gt_db_plan_get(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    int64_t plan_id = plan.id;
    gt_plan_finish(&plan);
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    for (size_t i = 0; rc == GT_OK && i < list->n; i++) {
        const struct gt_workforce *w = &list->v[i];
        struct db_statement *st = db_stmt(
            db,
            "INSERT INTO workforce(plan_id, unit, period_kind, period_start, "
            "period_end, establishment, filled, agency, sickness_days) VALUES "
            "($plan, $unit, $kind, $start, $end, $est, $filled, $agency, "
            "$sick) ON CONFLICT (plan_id, unit, period_kind, period_start, "
            "period_end) DO UPDATE SET establishment = excluded.establishment, "
            "filled = excluded.filled, agency = excluded.agency, "
            "sickness_days = excluded.sickness_days",
            ctx);
        if (!st) {
            rc = GT_IO;
            break;
        }
        db_bind_int(st, "$plan", plan_id);
        db_bind_text(st, "$unit", w->unit);
        db_bind_text(st, "$kind", gt_period_kind_code(w->period.kind));
        db_bind_date(st, "$start", w->period.start);
        db_bind_date(st, "$end", w->period.end);
        db_bind_double(st, "$est", w->establishment);
        db_bind_double(st, "$filled", w->filled);
        db_bind_double(st, "$agency", w->agency);
        if (w->has_sickness)
            db_bind_double(st, "$sick", w->sickness_days);
        else
            db_bind_text(st, "$sick", NULL);
        rc = db_write(db, st, "", NULL, ctx);
    }
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}

static void
read_workforce(struct db_statement *st, void *out)
{
    struct gt_workforce *w = gt_workforce_push(out);
    w->unit = db_col_text(st, 0);
    (void)gt_period_kind_parse(db_col_str(st, 1), &w->period.kind);
    w->period.start = db_col_date(st, 2);
    w->period.end = db_col_date(st, 3);
    w->establishment = db_col_double(st, 4);
    w->filled = db_col_double(st, 5);
    w->agency = db_col_double(st, 6);
    w->has_sickness = !db_col_null(st, 7);
    w->sickness_days = db_col_double(st, 7);
}

enum gt_rc
gt_db_workforce(struct gt_db *db, const char *plan_code, int32_t as_of,
                struct gt_workforce_list *out, struct gt_ctx *ctx)
{
    /* each unit's latest period ending by as_of */
    struct db_statement *st = db_stmt(
        db,
        "SELECT w.unit, w.period_kind, w.period_start, w.period_end, "
        "w.establishment, w.filled, w.agency, w.sickness_days FROM workforce "
        "w JOIN plan p ON p.id = w.plan_id WHERE p.code = $1 AND "
        "w.period_end <= $asof AND w.period_end = (SELECT max(v.period_end) "
        "FROM workforce v WHERE v.plan_id = w.plan_id AND v.unit = w.unit AND "
        "v.period_end <= $asof) ORDER BY w.id",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_rows(db, st, read_workforce, out, ctx);
}
