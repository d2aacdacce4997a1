/*
 * cmd_workforce: goldthread workforce import|show, a plan's workforce
 * figures. See cli.h for the table that describes them and
 * core/workforce.h for what is worked out.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/workforce.h"
#include "io/workforce_io.h"

int
cmd_workforce_import(struct cli_env *env, const struct cli_args *a)
{
    const char *plan = cli_flag(env, a, "--plan");
    struct gt_workforce_list list = {0};
    struct cli_rows r;
    if (!plan)
        return cli_usage(env, "workforce import: --plan is required");
    enum gt_rc rc = cli_rows_open(env, a, a->pos[0], &r);
    if (rc == GT_OK)
        rc = gt_workforce_read(r.rows, &list, &env->ctx);
    cli_rows_close(&r);
    if (rc == GT_OK)
        rc = gt_db_workforce_set(env->db, plan, &list, &env->ctx);
    if (rc == GT_OK)
        fprintf(env->out, "recorded %zu unit %s for %s\n", list.n,
                list.n == 1 ? "period" : "periods", plan);
    gt_workforce_list_finish(&list);
    if (rc != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was recorded\n");
        return CLI_FAIL;
    }
    return CLI_OK;
}

static void
print_row(struct cli_env *env, const struct gt_workforce *w, double target)
{
    char period[GT_PERIOD_TEXT_LEN] = "", days[32] = "-";
    double d;
    if (w->period.start)
        gt_period_format(&w->period, period);
    if (gt_workforce_days_per_fte(w, &d))
        snprintf(days, sizeof days, "%.1f %s", gt_round_half_away(d, 1),
                 gt_rag_word(gt_workforce_sickness_rag(d, target)));
    fprintf(env->out, "%-32.32s %-12s %9.1f %9.1f %9.1f %7.1f%% %s\n", w->unit,
            period, w->establishment, w->filled, gt_workforce_vacancies(w),
            gt_workforce_agency_percent(w), days);
}

int
cmd_workforce_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_workforce_list list = {0};
    const char *target_text = cli_flag(env, a, "--target");
    double target = GT_SICKNESS_TARGET;
    char *end;
    if (target_text) {
        target = strtod(target_text, &end);
        if (end == target_text || *end || target <= 0 || target > 365)
            return cli_usage(env, "workforce show: --target must be a number "
                                  "of days, such as 6");
    }
    if (gt_db_workforce(env->db, a->pos[0], env->today, &list, &env->ctx) !=
        GT_OK) {
        gt_workforce_list_finish(&list);
        return cli_fail(env);
    }
    if (!list.n) {
        fprintf(env->out, "%s has no workforce figures\n", a->pos[0]);
        gt_workforce_list_finish(&list);
        return CLI_OK;
    }
    fprintf(env->out, "%-32s %-12s %9s %9s %9s %8s %s (target %.1f)\n", "unit",
            "period", "establ.", "in post", "vacant", "agency",
            "days lost per FTE", target);
    for (size_t i = 0; i < list.n; i++)
        print_row(env, &list.v[i], target);
    struct gt_workforce all;
    gt_workforce_total(&list, &all);
    print_row(env, &all, target);
    gt_workforce_list_finish(&list);
    return CLI_OK;
}
