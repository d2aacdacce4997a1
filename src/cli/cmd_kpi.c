/*
 * cmd_kpi: kpi add|list|show|set|import|export|link. See cli.h for the
 * table that describes them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "core/comparator.h"
#include "core/kpi.h"
#include "core/mem.h"
#include "io/csv.h"
#include "io/kpi_io.h"

static bool
number_flag(struct cli_env *env, const char *flag, const char *text, double min,
            double max, double *out)
{
    char *end;
    if (!text)
        return true;
    *out = strtod(text, &end);
    if (end != text && !*end && *out >= min && *out <= max)
        return true;
    cli_usage(env, "%s: %s must be a number from %g to %g, not \"%s\"",
              env->cmd->name, flag, min, max, text);
    return false;
}

int
cmd_kpi_add(struct cli_env *env, const struct cli_args *a)
{
    struct gt_kpi k;
    const char *unit = cli_flag(env, a, "--unit");
    const char *polarity = cli_flag(env, a, "--polarity");
    const char *frequency = cli_flag(env, a, "--frequency");
    const char *tolerance = cli_flag(env, a, "--tolerance");
    const char *msg;
    double decimals = 0;
    int rc;
    gt_kpi_init(&k);
    if (!cli_valid_code(a->pos[0]))
        return cli_usage(env,
                         "kpi add: an indicator code is 1 to 40 letters, "
                         "digits, '-' or '_', not \"%s\"",
                         a->pos[0]);
    if (!cli_flag(env, a, "--title") || !*cli_flag(env, a, "--title"))
        return cli_usage(env, "kpi add: --title is required");
    if (!unit || !gt_kpi_unit_parse(unit, &k.unit))
        return cli_usage(env, "kpi add: --unit must be count, percent, "
                              "rate10k, days, gbp000 or ratio");
    if (polarity && !gt_polarity_parse(polarity, &k.polarity))
        return cli_usage(env, "kpi add: --polarity must be higher, lower or "
                              "band");
    if (!frequency || !gt_frequency_parse(frequency, &k.frequency))
        return cli_usage(env, "kpi add: --frequency must be monthly, "
                              "quarterly, annual or snapshot");
    if ((msg = gt_tolerance_parse(tolerance, &k.tolerance)))
        return cli_usage(env, "kpi add: --tolerance: %s", msg);
    if (!number_flag(env, "--decimals", cli_flag(env, a, "--decimals"), 0, 4,
                     &decimals) ||
        !number_flag(env, "--no-change", cli_flag(env, a, "--no-change"), 0,
                     1e12, &k.no_change))
        return CLI_USAGE;
    k.decimals = (int)decimals;
    if (decimals != k.decimals)
        return cli_usage(env, "kpi add: --decimals must be a whole number");
    const char *owner = cli_flag(env, a, "--owner");
    const char *definition = cli_flag(env, a, "--definition");
    k.code = xstrdup(a->pos[0]);
    k.title = xstrdup(cli_flag(env, a, "--title"));
    k.owner = owner ? xstrdup(owner) : NULL;
    k.definition = definition ? xstrdup(definition) : NULL;
    rc =
        gt_db_kpi_add(env->db, &k, &env->ctx) == GT_OK ? CLI_OK : cli_fail(env);
    gt_kpi_finish(&k);
    if (rc == CLI_OK)
        fprintf(env->out, "added indicator %s: %s\n", a->pos[0],
                cli_flag(env, a, "--title"));
    return rc;
}

static void
judgement_text(const struct gt_kpi *k, const struct gt_kpi_values *values,
               size_t i, char *rag, size_t rag_len, char *dir, size_t dir_len)
{
    struct gt_kpi_judgement j = gt_kpi_judge(k, values, i);
    snprintf(rag, rag_len, "%s", gt_rag_word(j.rag));
    const char *arrow =
        j.previous ? gt_direction_arrow(&values->v[i].value, &j.previous->value,
                                        k->no_change)
                   : "";
    snprintf(dir, dir_len, "%s%s%s", gt_direction_word(j.since_previous),
             *arrow ? " " : "", arrow);
}

int
cmd_kpi_list(struct cli_env *env, const struct cli_args *a)
{
    (void)a;
    struct gt_kpis kpis = {0};
    int rc = CLI_OK;
    if (gt_db_kpi_list(env->db, &kpis, &env->ctx) != GT_OK)
        return cli_fail(env);
    if (kpis.n == 0)
        fprintf(env->out, "no indicators yet (add one with goldthread kpi "
                          "add)\n");
    for (size_t i = 0; i < kpis.n && rc == CLI_OK; i++) {
        const struct gt_kpi *k = &kpis.v[i];
        struct gt_kpi_values values = {0};
        if (gt_db_kpi_values(env->db, k->id, &values, &env->ctx) != GT_OK) {
            rc = cli_fail(env);
            break;
        }
        fprintf(env->out, "%s  %s\n", k->code, k->title);
        if (values.n == 0) {
            fprintf(env->out, "    no values yet\n");
        } else {
            size_t n = gt_kpi_latest(&values);
            char period[GT_PERIOD_TEXT_LEN], value[80], target[160], rag[16],
                dir[40];
            gt_period_format(&values.v[n].period, period);
            gt_kpi_value_text(k, &values.v[n], value, sizeof value);
            gt_kpi_target_text(k, &values.v[n].target, target, sizeof target);
            judgement_text(k, &values, n, rag, sizeof rag, dir, sizeof dir);
            fprintf(env->out, "    %s: %s (target %s) %s, %s\n", period,
                    *value ? value : "no value", *target ? target : "none", rag,
                    dir);
        }
        gt_kpi_values_finish(&values);
    }
    gt_kpis_finish(&kpis);
    return rc;
}

static int
show_items(struct cli_env *env, const struct gt_kpi *k)
{
    struct gt_items items = {0};
    if (gt_db_kpi_items(env->db, k->id, env->today, &items, &env->ctx) != GT_OK)
        return cli_fail(env);
    if (items.n)
        fprintf(env->out, "Measures:\n");
    for (size_t i = 0; i < items.n; i++)
        show_item_line(env->out, &items.v[i], 2, true, false, env->today);
    gt_items_finish(&items);
    return CLI_OK;
}

/* "    Compared with: England 22.4% (2024/25); ...; Top quartile", when
 * there is anything to compare with. */
static void
show_comparators(FILE *out, const struct gt_kpi *k,
                 const struct gt_comparators *c, const struct gt_kpi_value *v)
{
    const char *sep = "    Compared with: ";
    for (int t = GT_AREA_ENGLAND; t < GT_AREA_AUTHORITY; t++) {
        const struct gt_comparator *x =
            gt_comparator_for(c, (enum gt_area_type)t, &v->period);
        char value[80], period[GT_PERIOD_TEXT_LEN];
        if (!x)
            continue;
        gt_kpi_number_text(k, &x->value, value, sizeof value);
        gt_period_format(&x->period, period);
        fprintf(out, "%s%s %s (%s)", sep, x->area, value, period);
        sep = "; ";
    }
    int q = v->has_value
                ? gt_comparator_quartile(c, &v->period, &v->value, k->polarity)
                : 0;
    if (q)
        fprintf(out, "%s%s among councils", sep, gt_quartile_words(q));
    if (q || *sep == ';')
        fprintf(out, "\n");
}

int
cmd_kpi_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_kpi k;
    struct gt_kpi_values values = {0};
    struct gt_comparators comparators = {0};
    char tol[32];
    int rc = CLI_OK;
    if (gt_db_kpi_get(env->db, a->pos[0], &k, &env->ctx) != GT_OK)
        return cli_fail(env);
    gt_tolerance_format(&k.tolerance, tol, sizeof tol);
    fprintf(env->out, "%s: %s\n", k.code, k.title);
    if (k.definition)
        fprintf(env->out, "Definition: %s\n", k.definition);
    fprintf(env->out, "Unit: %s; %s; %s; tolerance %s; owner %s\n",
            gt_kpi_unit_word(k.unit), gt_polarity_word(k.polarity),
            gt_frequency_code(k.frequency), tol, k.owner ? k.owner : "none");
    if (gt_db_kpi_values(env->db, k.id, &values, &env->ctx) != GT_OK ||
        gt_db_comparators(env->db, k.id, &comparators, &env->ctx) != GT_OK) {
        rc = cli_fail(env);
        goto done;
    }
    for (size_t i = 0; i < values.n; i++) {
        const struct gt_kpi_value *v = &values.v[i];
        struct gt_kpi_judgement j = gt_kpi_judge(&k, &values, i);
        char period[GT_PERIOD_TEXT_LEN], value[80], target[160];
        gt_period_format(&v->period, period);
        gt_kpi_value_text(&k, v, value, sizeof value);
        gt_kpi_target_text(&k, &v->target, target, sizeof target);
        fprintf(env->out,
                "  %s: %s, target %s: %s; since the period before: %s; "
                "since a year earlier: %s\n",
                period, *value ? value : "no value", *target ? target : "none",
                gt_rag_words(j.rag, k.polarity),
                gt_direction_word(j.since_previous),
                gt_direction_word(j.since_last_year));
        if (v->note)
            fprintf(env->out, "    %s\n", v->note);
        show_comparators(env->out, &k, &comparators, v);
    }
    rc = show_items(env, &k);
done:
    gt_comparators_finish(&comparators);
    gt_kpi_values_finish(&values);
    gt_kpi_finish(&k);
    return rc;
}

static int
import_file(struct cli_env *env, struct gt_csv *csv, const char *by,
            bool comparators)
{
    long rows = 0;
    enum gt_rc rc =
        comparators ? gt_comparator_import_rows(env->db, csv, &rows, &env->ctx)
                    : gt_kpi_import_rows(env->db, csv, by, &rows, &env->ctx);
    if (rc != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was recorded\n");
        return CLI_FAIL;
    }
    fprintf(env->out, "recorded %ld %s\n", rows,
            comparators ? (rows == 1 ? "comparator" : "comparators")
                        : (rows == 1 ? "period" : "periods"));
    return CLI_OK;
}

int
cmd_kpi_set(struct cli_env *env, const struct cli_args *a)
{
    const char *row[] = {a->pos[0],
                         a->pos[1],
                         cli_flag(env, a, "--value"),
                         cli_flag(env, a, "--numerator"),
                         cli_flag(env, a, "--denominator"),
                         cli_flag(env, a, "--target"),
                         cli_flag(env, a, "--note")};
    _Static_assert(sizeof row / sizeof row[0] == GT_KPI_VALUE_COLUMNS,
                   "one flag a column");
    for (size_t i = 0; i < GT_KPI_VALUE_COLUMNS; i++)
        if (!row[i])
            row[i] = "";
    if (gt_kpi_set(env->db, row, "kpi set", cli_flag(env, a, "--by"),
                   &env->ctx) != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was recorded\n");
        return CLI_FAIL;
    }
    fprintf(env->out, "recorded 1 period\n");
    return CLI_OK;
}

int
cmd_kpi_import(struct cli_env *env, const struct cli_args *a)
{
    struct cli_rows r;
    if (cli_rows_open(env, a, a->pos[0], &r) != GT_OK) {
        cli_rows_close(&r);
        return cli_fail(env);
    }
    int rc = import_file(env, r.rows, cli_flag(env, a, "--by"),
                         cli_switch(env, a, "--comparators"));
    cli_rows_close(&r);
    return rc;
}

int
cmd_kpi_export(struct cli_env *env, const struct cli_args *a)
{
    const char *path = cli_flag(env, a, "--out");
    FILE *out = path ? fopen(path, "wb") : env->out;
    if (!out) {
        fprintf(env->err, "goldthread: %s: %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    const char *code = a->n_pos ? a->pos[0] : NULL;
    enum gt_rc rc = cli_switch(env, a, "--comparators")
                        ? gt_comparator_export(env->db, code, out, &env->ctx)
                        : gt_kpi_export(env->db, code, true, out, &env->ctx);
    if (path && fclose(out) != 0 && rc == GT_OK)
        rc = gt_err(&env->ctx, GT_IO, "%s: cannot write", path);
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

int
cmd_kpi_link(struct cli_env *env, const struct cli_args *a)
{
    struct gt_kpi k;
    struct gt_item item;
    int rc;
    if (gt_db_kpi_get(env->db, a->pos[0], &k, &env->ctx) != GT_OK)
        return cli_fail(env);
    rc = cli_item(env, a->pos[1], env->today, &item);
    if (rc == CLI_OK) {
        if (gt_db_kpi_link(env->db, k.id, item.id, &env->ctx) == GT_OK)
            fprintf(env->out, "%s now measures %s\n", k.code, a->pos[1]);
        else
            rc = cli_fail(env);
    }
    gt_item_finish(&item);
    gt_kpi_finish(&k);
    return rc;
}
