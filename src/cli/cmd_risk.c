/*
 * cmd_risk: goldthread risk import|list, a plan's risk register. See
 * cli.h for the table that describes them and core/risk.h for scores.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/risk.h"
#include "io/risk_io.h"

int
cmd_risk_import(struct cli_env *env, const struct cli_args *a)
{
    const char *plan = cli_flag(env, a, "--plan");
    struct gt_risks risks = {0};
    struct cli_rows r;
    if (!plan)
        return cli_usage(env, "risk import: --plan is required");
    enum gt_rc rc = cli_rows_open(env, a, a->pos[0], &r);
    if (rc == GT_OK)
        rc = gt_risks_read(r.rows, &risks, &env->ctx);
    cli_rows_close(&r);
    if (rc == GT_OK)
        rc = gt_db_risks_replace(env->db, plan, &risks, &env->ctx);
    size_t mitigations = 0;
    for (size_t i = 0; i < risks.n; i++)
        mitigations += risks.v[i].n_mitigations;
    if (rc == GT_OK)
        fprintf(env->out, "imported %zu risks with %zu mitigations for %s\n",
                risks.n, mitigations, plan);
    gt_risks_finish(&risks);
    if (rc != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was imported\n");
        return CLI_FAIL;
    }
    return CLI_OK;
}

static void
score_text(struct gt_risk_score s, char *out, size_t len)
{
    int v = gt_risk_value(s);
    if (!v)
        snprintf(out, len, "-");
    else
        snprintf(out, len, "%d %s", v, gt_risk_band(v));
}

int
cmd_risk_list(struct cli_env *env, const struct cli_args *a)
{
    struct gt_risks risks = {0};
    if (gt_db_risks(env->db, a->pos[0], &risks, &env->ctx) != GT_OK) {
        gt_risks_finish(&risks);
        return cli_fail(env);
    }
    if (!risks.n)
        fprintf(env->out, "%s has no risks recorded\n", a->pos[0]);
    else
        fprintf(env->out, "%-5s %-14s %-14s %-14s %-20s %s\n", "ref",
                "inherent", "residual", "target", "review", "risk");
    for (size_t i = 0; i < risks.n; i++) {
        const struct gt_risk *r = &risks.v[i];
        char in[32], now[32], aim[32], review[GT_DATE_LONG_LEN + 10] = "-";
        score_text(r->inherent, in, sizeof in);
        score_text(r->residual, now, sizeof now);
        score_text(r->target, aim, sizeof aim);
        if (r->review != GT_NO_DATE) {
            gt_date_long(r->review, review);
            if (gt_risk_review_overdue(r, env->today))
                snprintf(review + strlen(review),
                         sizeof review - strlen(review), " overdue");
        }
        fprintf(env->out, "%-5s %-14s %-14s %-14s %-20s %s\n", r->ref, in, now,
                aim, review, r->title);
        for (size_t k = 0; k < r->n_mitigations; k++) {
            const struct gt_mitigation *m = &r->mitigations[k];
            char due[GT_DATE_LONG_LEN] = "";
            if (m->due != GT_NO_DATE)
                gt_date_long(m->due, due);
            fprintf(env->out, "      - %s (%s%s%s%s%s)\n", m->action,
                    gt_mitigation_status_code(m->status), m->owner ? ", " : "",
                    m->owner ? m->owner : "", *due ? ", due " : "", due);
        }
    }
    gt_risks_finish(&risks);
    return CLI_OK;
}
