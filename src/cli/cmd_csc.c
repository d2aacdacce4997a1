/*
 * cmd_csc: goldthread csc indicators|breaches|save: the statutory
 * indicators from Annex A lists. See cli.h for the table that describes
 * them, csc/annexa.h for what is read and csc/indicators.h for what is
 * computed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/hash.h"
#include "core/kpi.h"
#include "core/mem.h"
#include "csc/annexa.h"
#include "csc/indicators.h"
#include "csc/synth.h"
#include "io/csv.h"
#include "io/kpi_io.h"

/* What every csc command reads: the lists, the calendar, the period. */
struct csc_input {
    struct csc_records records;
    struct csc_load load;
    struct gt_calendar cal;
    struct gt_period period;
    int32_t as_at;
};

static long
rejected_rows(const struct csc_load *load)
{
    long n = 0;
    for (int l = 1; l <= CSC_LISTS; l++)
        n += load->rejected[l];
    return n;
}

static void
input_finish(struct csc_input *in)
{
    csc_records_finish(&in->records);
    gt_calendar_finish(&in->cal);
}

static enum gt_rc
read_file(const char *path, char **text, size_t *len, struct gt_ctx *ctx)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return gt_err(ctx, GT_IO, "%s: %s", path, strerror(errno));
    struct buf b;
    buf_init(&b, 16u << 20);
    int got = buf_read_all(&b, f);
    fclose(f);
    *len = b.len;
    *text = buf_take(&b);
    buf_finish(&b);
    return got == 1   ? GT_OK
           : got == 0 ? gt_err(ctx, GT_INVALID, "%s: too large", path)
                      : gt_err(ctx, GT_IO, "%s: read error", path);
}

static int
calendar(struct cli_env *env, const char *holidays, struct gt_calendar *cal)
{
    enum gt_rc rc;
    if (holidays) {
        char *text = NULL;
        size_t len = 0;
        rc = read_file(holidays, &text, &len, &env->ctx);
        if (rc == GT_OK)
            rc = gt_calendar_load(cal, text, len, holidays, &env->ctx);
        free(text);
    } else {
        rc = gt_calendar_default(cal, &env->ctx);
    }
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

/* The records: from the lists at path, or (no path) those stored by csc
 * load. Rejected rows are listed, and counted in in->load. */
static int
load_records(struct cli_env *env, const struct cli_args *a, const char *path,
             struct csc_input *in)
{
    struct stat st;
    enum gt_rc r;
    in->load.strict = cli_switch(env, a, "--strict");
    if (!path) {
        if (cli_open_db(env) != CLI_OK)
            return CLI_FAIL;
        r = gt_db_csc_read(env->db, &in->records, &env->ctx);
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        r = csc_load_dir(&in->records, path, &in->load, &env->ctx);
    } else {
        r = csc_load_file(&in->records, path, &in->load, &env->ctx);
    }
    if (r != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was %s\n",
                strcmp(env->cmd->name, "csc load") == 0 ? "loaded"
                                                        : "computed");
        return CLI_FAIL;
    }
    cli_tell(env);
    long rejected = rejected_rows(&in->load);
    if (rejected)
        fprintf(env->err, "goldthread: %ld %s not loaded (listed above)\n",
                rejected, rejected == 1 ? "row was" : "rows were");
    if (in->load.files_failed)
        fprintf(env->err,
                "goldthread: %ld %s of the folder could not be read and %s "
                "not loaded (listed above); the other files were\n",
                in->load.files_failed,
                in->load.files_failed == 1 ? "file" : "files",
                in->load.files_failed == 1 ? "was" : "were");
    return CLI_OK;
}

static int
read_input(struct cli_env *env, const struct cli_args *a, const char *path,
           struct csc_input *in)
{
    const char *period = cli_flag(env, a, "--period");
    const char *msg;
    memset(in, 0, sizeof *in);
    if (!period)
        return cli_usage(env, "%s: --period is required (such as 2016/17)",
                         env->cmd->name);
    if ((msg = gt_period_parse(period, &in->period)))
        return cli_usage(env, "%s: --period \"%s\": %s; expected %s",
                         env->cmd->name, period, msg, GT_PERIOD_EXPECTED);
    if (!cli_date(env, "--as-at", cli_flag(env, a, "--as-at"), &in->as_at))
        return CLI_USAGE;
    if (!cli_flag(env, a, "--as-at"))
        in->as_at = in->period.end;
    int rc = calendar(env, cli_flag(env, a, "--holidays"), &in->cal);
    if (rc != CLI_OK)
        return rc;
    if (!gt_calendar_covers(&in->cal, in->period.start) ||
        !gt_calendar_covers(&in->cal, in->as_at))
        fprintf(env->err,
                "goldthread: the bank holidays do not cover the period; "
                "only weekends are left out of working days there\n");
    return load_records(env, a, path, in);
}

int
cmd_csc_load(struct cli_env *env, const struct cli_args *a)
{
    struct csc_input in;
    memset(&in, 0, sizeof in);
    int rc = load_records(env, a, a->pos[0], &in);
    if (rc == CLI_OK &&
        gt_db_csc_replace(env->db, &in.records, a->pos[0],
                          rejected_rows(&in.load), &env->ctx) != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was loaded; the records "
                          "stored before are as they were\n");
        rc = CLI_FAIL;
    }
    if (rc == CLI_OK) {
        const struct csc_records *r = &in.records;
        fprintf(env->out,
                "loaded %zu children: %zu contacts, %zu referrals, %zu "
                "assessments, %zu section 47 enquiries, %zu protection "
                "plans, %zu periods of care, %zu care leavers (IDs kept "
                "only as keyed hashes)\n",
                r->children.n, r->contacts.n, r->referrals.n, r->assessments.n,
                r->s47.n, r->plans.n, r->care.n, r->leavers.n);
    }
    input_finish(&in);
    return rc;
}

/* Code, Numerator, Denominator (0 for a count), as synth's expected.csv
 * has them, for programs and comparisons. */
static void
print_csv(struct cli_env *env, const struct csc_result *res)
{
    fprintf(env->out, "Code,Numerator,Denominator\n");
    for (int i = 0; i < CSC_N; i++)
        fprintf(env->out, "%s,%ld,%ld\n", csc_defs[i].code, res[i].numerator,
                res[i].denominator);
}

int
cmd_csc_indicators(struct cli_env *env, const struct cli_args *a)
{
    struct csc_input in;
    struct csc_result res[CSC_N];
    char period[GT_PERIOD_TEXT_LEN], at[GT_DATE_LONG_LEN];
    int rc = read_input(env, a, a->n_pos ? a->pos[0] : NULL, &in);
    if (rc != CLI_OK)
        goto out;
    csc_compute(&in.records, &in.cal, in.period.start, in.period.end, in.as_at,
                res);
    if (cli_switch(env, a, "--csv")) {
        print_csv(env, res);
        goto out;
    }
    gt_period_format(&in.period, period);
    gt_date_long(in.as_at, at);
    fprintf(env->out, "Period %s; counts at %s; %zu children\n", period, at,
            in.records.children.n);
    fprintf(env->out, "%-17s %-20s %9s %11s %8s  %s\n", "code", "version",
            "numerator", "denominator", "value", "indicator");
    for (int i = 0; i < CSC_N; i++) {
        const struct csc_def *d = &csc_defs[i];
        char value[32], den[24] = "";
        csc_value_text(d, &res[i], value, sizeof value);
        if (d->percent)
            snprintf(den, sizeof den, "%ld", res[i].denominator);
        fprintf(env->out, "%-17s %-20s %9ld %11s %8s  %s\n", d->code,
                d->version ? d->version : "", res[i].numerator, den, value,
                d->title);
    }
out:
    input_finish(&in);
    return rc;
}

/* The rows behind indicator id as CSV, children as keyed hashes. */
static int
write_rows(struct cli_env *env, const struct csc_input *in, enum csc_id id,
           bool all, const char *key)
{
    size_t n;
    struct csc_row *rows = csc_rows(&in->records, &in->cal, id,
                                    in->period.start, in->period.end, &n);
    bool ok = csc_rows_csv(env->out, &in->records, rows, n, all, key);
    free(rows);
    if (!ok)
        fprintf(env->err, "goldthread: the rows could not be written (or "
                          "the database's child ID key is not a key)\n");
    return ok ? CLI_OK : CLI_FAIL;
}

int
cmd_csc_breaches(struct cli_env *env, const struct cli_args *a)
{
    enum csc_id id;
    struct csc_input in;
    char *key = NULL;
    if (!csc_find(a->pos[0], &id) || !csc_has_rows(id))
        return cli_usage(env,
                         "csc breaches: \"%s\" is not a timeliness "
                         "indicator (CSC-ASSESS45, CSC-ASSESS45-REF or "
                         "CSC-ICPC15)",
                         a->pos[0]);
    int rc = read_input(env, a, a->n_pos > 1 ? a->pos[1] : NULL, &in);
    if (rc == CLI_OK && gt_db_child_key(env->db, &key, &env->ctx) != GT_OK)
        rc = cli_fail(env);
    if (rc == CLI_OK)
        rc = write_rows(env, &in, id, cli_switch(env, a, "--all"), key);
    free(key);
    input_finish(&in);
    return rc;
}

static enum gt_frequency
frequency_of(enum gt_period_kind k)
{
    switch (k) {
    case GT_PERIOD_QUARTER:
        return GT_FREQ_QUARTERLY;
    case GT_PERIOD_MONTH:
        return GT_FREQ_MONTHLY;
    case GT_PERIOD_SNAPSHOT:
        return GT_FREQ_SNAPSHOT;
    default:
        return GT_FREQ_ANNUAL;
    }
}

/* The indicator for a definition, added the first time it is saved. */
static enum gt_rc
ensure_kpi(struct cli_env *env, const struct csc_def *d, enum gt_frequency f,
           struct gt_kpi *k)
{
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    enum gt_rc rc = gt_db_kpi_get(env->db, d->code, k, &quiet);
    gt_ctx_finish(&quiet);
    if (rc != GT_NOTFOUND)
        return rc;
    gt_kpi_init(k);
    k->code = xstrdup(d->code);
    k->title = xstrdup(d->title);
    k->definition = xasprintf("%s. Computed by goldthread from child-level "
                              "records (Annex A lists)%s%s.",
                              d->definition, d->version ? "; version: " : "",
                              d->version ? d->version : "");
    k->unit = d->percent ? GT_UNIT_PERCENT : GT_UNIT_COUNT;
    k->decimals = d->percent ? 1 : 0;
    k->polarity = d->lower_better ? GT_LOWER_BETTER : GT_HIGHER_BETTER;
    k->frequency = f;
    k->child_level = true;
    return gt_db_kpi_add(env->db, k, &env->ctx);
}

static enum gt_rc
save_one(struct cli_env *env, const struct csc_input *in, enum csc_id i,
         const struct csc_result *r)
{
    const struct csc_def *d = &csc_defs[i];
    struct gt_kpi k;
    struct gt_kpi_value v = {0};
    char note[256];
    enum gt_rc rc = ensure_kpi(env, d, frequency_of(in->period.kind), &k);
    if (rc != GT_OK)
        return rc;
    v.period = in->period;
    if (!d->percent)
        v.period = (struct gt_period){GT_PERIOD_SNAPSHOT, in->as_at, in->as_at};
    v.has_value = true;
    if (!d->percent) {
        v.value = (struct gt_value){GT_VALUE_NUMBER, (double)r->numerator};
    } else if (r->denominator) {
        v.has_ratio = true;
        v.numerator = (double)r->numerator;
        v.denominator = (double)r->denominator;
        v.value.kind = GT_VALUE_NUMBER;
        (void)gt_kpi_rate(GT_UNIT_PERCENT, v.numerator, v.denominator,
                          &v.value.number);
    } else {
        v.value.kind = GT_VALUE_NOT_AVAILABLE;
    }
    snprintf(note, sizeof note,
             "Computed from child-level records%s%s: %ld of %ld",
             d->version ? ", version " : "", d->version ? d->version : "",
             r->numerator, r->denominator);
    v.note = d->percent ? note : NULL;
    rc = gt_db_kpi_value_set(env->db, k.id, &v, "goldthread csc", &env->ctx);
    gt_kpi_finish(&k);
    return rc;
}

/* Every indicator saved in one transaction. */
static int
save_all(struct cli_env *env, const struct csc_input *in)
{
    struct csc_result res[CSC_N];
    csc_compute(&in->records, &in->cal, in->period.start, in->period.end,
                in->as_at, res);
    enum gt_rc r = gt_db_begin(env->db, &env->ctx);
    for (int i = 0; r == GT_OK && i < CSC_N; i++)
        r = save_one(env, in, (enum csc_id)i, &res[i]);
    if (r == GT_OK)
        r = gt_db_commit(env->db, &env->ctx);
    if (r != GT_OK) {
        gt_db_rollback(env->db);
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was saved\n");
        return CLI_FAIL;
    }
    fprintf(env->out, "saved %d indicators\n", CSC_N);
    return CLI_OK;
}

int
cmd_csc_save(struct cli_env *env, const struct cli_args *a)
{
    struct csc_input in;
    int rc = read_input(env, a, a->n_pos ? a->pos[0] : NULL, &in);
    if (rc == CLI_OK)
        rc = save_all(env, &in);
    input_finish(&in);
    return rc;
}

int
cmd_synth(struct cli_env *env, const struct cli_args *a)
{
    struct csc_synth s = {.dir = cli_flag(env, a, "--out"),
                          .workbook = cli_switch(env, a, "--xlsx")};
    struct gt_calendar cal;
    const char *children = cli_flag(env, a, "--children");
    const char *seed = cli_flag(env, a, "--seed");
    char *end;
    if (!children || !s.dir || !cli_flag(env, a, "--from") ||
        !cli_flag(env, a, "--to"))
        return cli_usage(env, "synth: --children, --from, --to and --out are "
                              "required");
    s.children = strtol(children, &end, 10);
    if (*end || s.children < 1 || s.children > 50000000)
        return cli_usage(env,
                         "synth: --children must be 1 to 50,000,000, not "
                         "\"%s\"",
                         children);
    s.seed = seed ? strtoull(seed, &end, 10) : 1;
    if (seed && (*end || !*seed))
        return cli_usage(env, "synth: --seed must be a whole number");
    if (!cli_date(env, "--from", cli_flag(env, a, "--from"), &s.from) ||
        !cli_date(env, "--to", cli_flag(env, a, "--to"), &s.to))
        return CLI_USAGE;
    if (s.to < s.from)
        return cli_usage(env, "synth: --to is before --from");
    if (mkdir(s.dir, 0777) != 0 && errno != EEXIST) {
        fprintf(env->err, "goldthread: %s: %s\n", s.dir, strerror(errno));
        return CLI_FAIL;
    }
    int rc = calendar(env, cli_flag(env, a, "--holidays"), &cal);
    if (rc != CLI_OK)
        return rc;
    if (csc_synth(&s, &cal, &env->ctx) != GT_OK)
        rc = cli_fail(env);
    else
        fprintf(env->out,
                "wrote Annex A lists 1, 3, 4, 5, 7, 8 and 9 for %ld children "
                "%sand expected.csv to %s\n",
                s.children, s.workbook ? "as annex-a.xlsx " : "", s.dir);
    gt_calendar_finish(&cal);
    return rc;
}
