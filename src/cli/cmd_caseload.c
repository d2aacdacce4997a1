/*
 * cmd_caseload: goldthread caseload import|show|policy, social workers'
 * caseloads against the policy's bands. See core/caseload.h for what is
 * judged.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/caseload.h"
#include "core/date.h"
#include "io/caseload_io.h"

int
cmd_caseload_import(struct cli_env *env, const struct cli_args *a)
{
    const char *plan = cli_flag(env, a, "--plan");
    struct gt_caseloads list = {0};
    struct cli_rows r;
    if (!plan)
        return cli_usage(env, "caseload import: --plan is required");
    if (!cli_date(env, "--as-at", cli_flag(env, a, "--as-at"), &list.as_at))
        return CLI_USAGE;
    enum gt_rc rc = cli_rows_open(env, a, a->pos[0], &r);
    if (rc == GT_OK)
        rc = gt_caseload_read(r.rows, &list, &env->ctx);
    cli_rows_close(&r);
    if (rc == GT_OK)
        rc = gt_db_caseload_set(env->db, plan, &list, &env->ctx);
    if (rc == GT_OK) {
        char date[GT_DATE_LONG_LEN];
        gt_date_long(list.as_at, date);
        fprintf(env->out, "recorded %zu %s' caseloads for %s as at %s\n",
                list.n, list.n == 1 ? "worker" : "workers", plan, date);
    }
    gt_caseloads_finish(&list);
    if (rc != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was recorded\n");
        return CLI_FAIL;
    }
    return CLI_OK;
}

static void
print_policy(struct cli_env *env, const struct gt_caseload_policy *p)
{
    for (int b = 0; b < GT_BAND_COUNT; b++)
        fprintf(env->out, "%-20s %d-%d cases\n",
                gt_caseload_band_word((enum gt_caseload_band)b), p->low[b],
                p->high[b]);
}

int
cmd_caseload_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_caseloads list = {0};
    struct gt_caseload_policy policy;
    if (gt_db_caseload_policy(env->db, &policy, &env->ctx) != GT_OK ||
        gt_db_caseloads(env->db, a->pos[0], env->today, &list, &env->ctx) !=
            GT_OK) {
        gt_caseloads_finish(&list);
        return cli_fail(env);
    }
    if (!list.n) {
        fprintf(env->out, "%s has no caseloads\n", a->pos[0]);
        gt_caseloads_finish(&list);
        return CLI_OK;
    }
    char date[GT_DATE_LONG_LEN];
    gt_date_long(list.as_at, date);
    fprintf(env->out, "caseloads as at %s against the policy:\n", date);
    print_policy(env, &policy);
    size_t n_teams;
    struct gt_caseload_team *teams =
        gt_caseload_teams(&policy, &list, &n_teams);
    fprintf(env->out, "\n%-32s %7s %6s %8s %5s %5s\n", "team", "workers",
            "cases", "average", "over", "under");
    for (size_t t = 0; t < n_teams; t++)
        fprintf(env->out, "%-32.32s %7zu %6ld %8.1f %5zu %5zu\n", teams[t].team,
                teams[t].workers, teams[t].cases,
                (double)teams[t].cases / (double)teams[t].workers,
                teams[t].over, teams[t].under);
    bool any = false;
    for (size_t i = 0; i < list.n; i++) {
        const struct gt_caseload *c = &list.v[i];
        if (gt_caseload_check(&policy, c) <= 0)
            continue;
        if (!any)
            fprintf(env->out, "\nbreaches (over the band):\n");
        any = true;
        fprintf(env->out, "%-32.32s %-24.24s %-20s %d cases (up to %d)\n",
                c->team, c->worker, gt_caseload_band_word(c->band), c->cases,
                policy.high[c->band]);
    }
    if (!any)
        fprintf(env->out, "\nno worker holds more than the policy allows\n");
    free(teams);
    gt_caseloads_finish(&list);
    return CLI_OK;
}

static int
number(struct cli_env *env, const struct cli_args *a, const char *flag,
       int *out)
{
    const char *text = cli_flag(env, a, flag);
    char *end;
    long v = text ? strtol(text, &end, 10) : -1;
    if (!text || end == text || *end || v < 0 || v > 1000)
        return cli_usage(env,
                         "caseload policy: %s must be a whole number of "
                         "cases from 0 to 1000",
                         flag);
    *out = (int)v;
    return CLI_OK;
}

int
cmd_caseload_policy(struct cli_env *env, const struct cli_args *a)
{
    struct gt_caseload_policy policy;
    const char *band_text = cli_flag(env, a, "--band");
    if (band_text) {
        enum gt_caseload_band band;
        int low = 0, high = 0, rc;
        if (!gt_caseload_band_parse(band_text, &band))
            return cli_usage(env, "caseload policy: --band must be "
                                  "newly-qualified, second-year or "
                                  "experienced");
        if ((rc = number(env, a, "--low", &low)) != CLI_OK ||
            (rc = number(env, a, "--high", &high)) != CLI_OK)
            return rc;
        if (gt_db_caseload_policy_set(env->db, (int)band, low, high,
                                      &env->ctx) != GT_OK)
            return cli_fail(env);
    } else if (cli_flag(env, a, "--low") || cli_flag(env, a, "--high"))
        return cli_usage(env, "caseload policy: --low and --high need --band");
    if (gt_db_caseload_policy(env->db, &policy, &env->ctx) != GT_OK)
        return cli_fail(env);
    print_policy(env, &policy);
    return CLI_OK;
}
