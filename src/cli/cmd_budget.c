/*
 * cmd_budget: goldthread budget import|show, a plan's revenue budget for a
 * financial year. See cli.h for the table that describes them and
 * core/budget.h for how totals are reconciled.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/budget.h"
#include "core/date.h"
#include "core/judge.h"
#include "core/mem.h"
#include "core/period.h"
#include "io/budget_io.h"

/* --year as a financial year ("2017/18"): its first calendar year. */
static bool
year_flag(struct cli_env *env, const struct cli_args *a, int *year)
{
    const char *text = cli_flag(env, a, "--year");
    struct gt_period p;
    if (!text) {
        cli_usage(env,
                  "%s: --year is required (a financial year such as "
                  "2017/18)",
                  env->cmd->name);
        return false;
    }
    if (gt_period_parse(text, &p) || p.kind != GT_PERIOD_YEAR) {
        cli_usage(env,
                  "%s: --year \"%s\" is not a financial year (such as "
                  "2017/18)",
                  env->cmd->name, text);
        return false;
    }
    int y, m, d;
    gt_date_to_ymd(p.start, &y, &m, &d);
    *year = y;
    return true;
}

static enum gt_rc
read_budget(struct cli_env *env, const struct cli_args *a, int year,
            struct gt_budget *b)
{
    struct cli_rows r;
    enum gt_rc rc = cli_rows_open(env, a, a->pos[0], &r);
    if (rc == GT_OK)
        rc = gt_budget_read(r.rows, year, b, &env->ctx);
    cli_rows_close(&r);
    return rc;
}

static size_t
areas_of(const struct gt_budget *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_lines; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = strcmp(b->lines[k].area, b->lines[i].area) == 0;
        n += !seen;
    }
    return n;
}

int
cmd_budget_import(struct cli_env *env, const struct cli_args *a)
{
    const char *plan = cli_flag(env, a, "--plan");
    struct gt_budget b = {0};
    struct gt_budget_table t = {0};
    int year, rc = CLI_OK;
    if (!plan)
        return cli_usage(env, "budget import: --plan is required");
    if (!year_flag(env, a, &year))
        return CLI_USAGE;
    if (read_budget(env, a, year, &b) != GT_OK ||
        gt_db_budget_replace(env->db, plan, &b, &env->ctx) != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was imported\n");
        rc = CLI_FAIL;
        goto out;
    }
    cli_tell(env);
    gt_budget_lay_out(&b, &t, &env->ctx);
    cli_tell(env);
    fprintf(env->out,
            "imported %zu budget lines in %zu areas for %s, %d/%02d\n",
            b.n_lines, areas_of(&b), plan, year, (year + 1) % 100);
out:
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    return rc;
}

/* The monitoring table for the forecasts b holds, if any. */
static void
print_monitor(struct cli_env *env, const struct gt_budget *b,
              const struct gt_budget_table *t)
{
    struct gt_budget_watch *w = xcalloc(t->n + 1, sizeof *w);
    size_t n;
    gt_budget_monitor(b, t, w, &n);
    if (n) {
        char month[GT_DATE_LONG_LEN];
        gt_date_long(b->month_end, month);
        fprintf(env->out, "\nForecast outturn at %s (council funding)\n",
                month);
        fprintf(env->out, "%-44s %10s %10s %10s %8s  %s\n", "", "Budget",
                "Forecast", "Variance", "%", "RAG");
    }
    for (size_t i = 0; i < n; i++) {
        char budget[48], forecast[48], variance[48], pct[16];
        gt_budget_amount_text(w[i].budget, b->unit, false, budget,
                              sizeof budget);
        gt_budget_amount_text(w[i].forecast, b->unit, false, forecast,
                              sizeof forecast);
        gt_budget_amount_text(w[i].variance, b->unit, false, variance,
                              sizeof variance);
        snprintf(pct, sizeof pct, "%.1f", w[i].percent);
        fprintf(env->out, "%-44.44s %10s %10s %10s %8s  %s%s\n",
                *w[i].area ? w[i].area : "Total", budget, forecast, variance,
                pct, gt_rag_word(w[i].rag),
                w[i].has ? "" : " (no forecast given)");
    }
    free(w);
}

int
cmd_budget_forecast(struct cli_env *env, const struct cli_args *a)
{
    const char *plan = cli_flag(env, a, "--plan");
    const char *month_text = cli_flag(env, a, "--month");
    struct gt_budget b = {0};
    struct gt_budget_table t = {0};
    struct gt_period month;
    struct cli_rows r = {0};
    struct gt_ctx notes;
    int year, rc = CLI_OK;
    if (!plan)
        return cli_usage(env, "budget forecast: --plan is required");
    if (!year_flag(env, a, &year))
        return CLI_USAGE;
    if (!month_text || gt_period_parse(month_text, &month) ||
        month.kind != GT_PERIOD_MONTH)
        return cli_usage(env, "budget forecast: --month must be a month "
                              "such as \"September 2026\"");
    if (month.start < gt_date_from_ymd(year, 4, 1) ||
        month.end > gt_date_from_ymd(year + 1, 3, 31))
        return cli_usage(env,
                         "budget forecast: --month \"%s\" is not in "
                         "%d/%02d",
                         month_text, year, (year + 1) % 100);
    gt_ctx_init(&notes);
    if (gt_db_budget_get(env->db, plan, year, &b, &env->ctx) != GT_OK ||
        cli_rows_open(env, a, a->pos[0], &r) != GT_OK ||
        gt_budget_forecast_read(r.rows, &b, &env->ctx) != GT_OK) {
        rc = CLI_FAIL;
    } else {
        b.month_end = month.end;
        if (gt_db_budget_forecast_set(env->db, plan, &b, &env->ctx) != GT_OK)
            rc = CLI_FAIL;
    }
    cli_rows_close(&r);
    if (rc != CLI_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was recorded\n");
        goto out;
    }
    fprintf(env->out, "recorded the forecast outturn of %zu areas for %s\n",
            b.n_forecasts, plan);
    gt_budget_lay_out(&b, &t, &notes); /* the reconciliation is not news */
    print_monitor(env, &b, &t);
out:
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    gt_ctx_finish(&notes);
    return rc;
}

int
cmd_budget_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_budget b = {0};
    struct gt_budget_table t = {0};
    int year;
    if (!year_flag(env, a, &year))
        return CLI_USAGE;
    if (gt_db_budget_get(env->db, a->pos[0], year, &b, &env->ctx) != GT_OK) {
        gt_budget_finish(&b);
        return cli_fail(env);
    }
    if (gt_db_budget_forecasts(env->db, a->pos[0], env->today, &b, &env->ctx) !=
        GT_OK) {
        gt_budget_finish(&b);
        return cli_fail(env);
    }
    gt_budget_lay_out(&b, &t, &env->ctx);
    fprintf(env->out, "Revenue budget %d/%02d, %s (%s)\n", year,
            (year + 1) % 100, a->pos[0],
            b.unit == 1000 ? "\xc2\xa3"
                             "000"
                           : "\xc2\xa3");
    fprintf(env->out, "%-60s %10s %10s %10s %10s %10s\n", "", "Gross", "Grants",
            "Other", "Income", "Funding");
    for (size_t i = 0; i < t.n; i++) {
        const struct gt_budget_row *r = &t.rows[i];
        char v[GT_BUDGET_COLUMNS][48];
        for (int c = 0; c < GT_BUDGET_COLUMNS; c++)
            gt_budget_amount_text(r->v[c], b.unit,
                                  c == GT_BUDGET_GRANTS ||
                                      c == GT_BUDGET_OTHER ||
                                      c == GT_BUDGET_INCOME,
                                  v[c], sizeof v[c]);
        fprintf(env->out, "%-60.60s %10s %10s %10s %10s %10s\n", r->label, v[0],
                v[1], v[2], v[3], v[4]);
    }
    print_monitor(env, &b, &t);
    if (env->ctx.n_errors)
        fprintf(env->out, "\nReconciliation with the totals as stated:\n");
    for (size_t i = 0; i < env->ctx.n_errors; i++)
        fprintf(env->out, "- %s\n", env->ctx.errors[i]);
    gt_ctx_clear(&env->ctx);
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    return CLI_OK;
}

/* A percentage to two decimal places ("0.5", "2", "1.25") as basis
 * points; false when it is not one from 0 to 100. */
static bool
basis_points(const char *text, int *out)
{
    char *end;
    double v = text ? strtod(text, &end) : -1;
    if (!text || end == text || *end || !(v >= 0) || v > 100)
        return false;
    double bp = v * 100;
    *out = (int)(bp + 0.5);
    return bp - *out < 1e-6 && *out - bp < 1e-6;
}

int
cmd_budget_thresholds(struct cli_env *env, const struct cli_args *a)
{
    const char *amber = cli_flag(env, a, "--amber"),
               *red = cli_flag(env, a, "--red");
    struct gt_budget_thresholds th;
    if (amber || red) {
        th.set = true;
        if (!amber || !red || !basis_points(amber, &th.amber) ||
            !basis_points(red, &th.red))
            return cli_usage(env, "budget thresholds: give --amber and --red "
                                  "together, as percentages from 0 to 100 to "
                                  "two decimal places, such as 0.5 and 2");
        if (gt_db_budget_thresholds_set(env->db, &th, &env->ctx) != GT_OK)
            return cli_fail(env);
    }
    if (gt_db_budget_thresholds(env->db, &th, &env->ctx) != GT_OK)
        return cli_fail(env);
    char a_text[16], r_text[16];
    gt_budget_percent_text(th.amber, a_text);
    gt_budget_percent_text(th.red, r_text);
    fprintf(env->out,
            "Green: on or under budget, or over by less than %s\n"
            "Amber: over by %s to %s\nRed: over by more than %s\n",
            a_text, a_text, r_text, r_text);
    return CLI_OK;
}
