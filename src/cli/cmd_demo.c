/*
 * cmd_demo: build the demonstration database from the example plans that
 * travel inside the binary (examples/, embedded by tools/embed.c).
 *
 * examples/plans.csv lists the plans in the order they are loaded (a plan
 * can only link to plans loaded before it); examples/updates.csv adds
 * earlier status updates so items have a history. The demo uses the same
 * import code as `goldthread import plan`, so it is also a test of it.
 * examples/kpis.csv defines the indicators of the business plan's
 * performance table and what each measures; examples/kpi-values.csv (the
 * same file `goldthread kpi import` reads) gives eight quarters of their
 * values and targets, and examples/kpi-comparators.csv England's, the
 * region's and the statistical neighbours' figures.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/embedded.h"
#include "core/kpi.h"
#include "core/date.h"
#include "core/db.h"
#include "core/mem.h"
#include "csc/annexa.h"
#include "csc/synth.h"
#include "io/budget_io.h"
#include "io/csv.h"
#include "io/risk_io.h"
#include "io/workforce_io.h"
#include "io/caseload_io.h"
#include "io/snapshot_io.h"
#include "io/kpi_io.h"
#include "io/plan_io.h"
#include "web/auth.h"

enum {
    P_CODE,
    P_KIND,
    P_TITLE,
    P_UNIT,
    P_FROM,
    P_TO,
    P_REVIEW,
    P_FILE,
    P_AS_OF,
    P_COUNT
};

static const struct gt_embedded *
example(const char *name)
{
    for (size_t i = 0; i < gt_examples_count; i++)
        if (strcmp(gt_examples[i].name, name) == 0)
            return &gt_examples[i];
    return NULL;
}

/* The embedded example name as rows; NULL (with a message) when it is
 * missing. */
static struct gt_csv *
example_rows(const char *name, struct gt_ctx *ctx)
{
    const struct gt_embedded *file = example(name);
    if (!file) {
        gt_err(ctx, GT_NOTFOUND, "example %s is missing", name);
        return NULL;
    }
    return gt_csv_open_mem(file->data, file->len, file->name, NULL);
}

static enum gt_rc
add_units(struct gt_db *db, struct gt_ctx *ctx)
{
    static const char *const units[][3] = {
        {"Children's Services", "directorate", NULL},
        {"Early Help and MASH", "service", "Children's Services"},
        {"Children's Social Care and Early Help", "division",
         "Children's Services"},
        {"Safeguarding and Children in Care", "service",
         "Children's Social Care and Early Help"},
        {"Schools and Educational Services", "service", "Children's Services"},
    };
    enum gt_rc rc = gt_db_org_set(db, "Riverside Borough Council (example)",
                                  NULL, NULL, ctx);
    for (size_t i = 0; rc == GT_OK && i < sizeof units / sizeof units[0]; i++)
        rc = gt_db_unit_add(db, units[i][0], units[i][1], units[i][2], ctx);
    return rc;
}

/* Add the plan one row of plans.csv describes, and import its file. */
static enum gt_rc
load_plan(struct gt_db *db, struct gt_csv *list, struct gt_ctx *ctx)
{
    struct gt_plan plan;
    struct gt_import_opts opts = {0};
    struct gt_import_result result;
    const struct gt_embedded *file = example(gt_csv_field(list, P_FILE));
    enum gt_rc rc = GT_OK;
    FILE *f = NULL;
    gt_plan_init(&plan);
    if (gt_csv_n_fields(list) != P_COUNT)
        return gt_err(ctx, GT_INVALID, "plans.csv:%ld: expected %d fields",
                      gt_csv_line(list), P_COUNT);
    if (!file)
        return gt_err(ctx, GT_NOTFOUND, "example %s is missing",
                      gt_csv_field(list, P_FILE));
    plan.code = xstrdup(gt_csv_field(list, P_CODE));
    plan.title = xstrdup(gt_csv_field(list, P_TITLE));
    if (*gt_csv_field(list, P_UNIT))
        plan.owner_unit = xstrdup(gt_csv_field(list, P_UNIT));
    if (!gt_plan_kind_parse(gt_csv_field(list, P_KIND), &plan.kind) ||
        !gt_date_parse_iso(gt_csv_field(list, P_FROM), &plan.period_from) ||
        !gt_date_parse_iso(gt_csv_field(list, P_TO), &plan.period_to) ||
        !gt_date_parse_iso(gt_csv_field(list, P_REVIEW), &plan.review_date) ||
        !gt_date_parse_iso(gt_csv_field(list, P_AS_OF), &opts.as_of)) {
        rc = gt_err(ctx, GT_INVALID, "plans.csv:%ld: bad kind or date",
                    gt_csv_line(list));
        goto out;
    }
    rc = gt_db_plan_add(db, &plan, ctx);
    if (rc != GT_OK)
        goto out;
    opts.plan_code = plan.code;
    opts.kind = plan.kind;
    opts.by = "Performance and Quality Team";
    f = fmemopen((void *)(uintptr_t)file->data, file->len, "rb");
    if (!f) {
        rc = gt_err(ctx, GT_IO, "cannot read example %s", file->name);
        goto out;
    }
    rc = gt_plan_import_csv(db, f, file->name, &opts, &result, ctx);
    fclose(f);
out:
    gt_plan_finish(&plan);
    return rc;
}

/* Add one row of updates.csv: Item, Status, Commentary, By, As of. */
static enum gt_rc
load_update(struct gt_db *db, struct gt_csv *csv, struct gt_ctx *ctx)
{
    const char *spec = gt_csv_field(csv, 0);
    const char *colon = strchr(spec, ':');
    struct gt_item it;
    enum gt_brag brag;
    int32_t as_of;
    if (!colon || !gt_brag_parse(gt_csv_field(csv, 1), &brag) ||
        !gt_date_parse_iso(gt_csv_field(csv, 4), &as_of))
        return gt_err(ctx, GT_INVALID, "updates.csv:%ld: bad row",
                      gt_csv_line(csv));
    char *plan = xstrndup(spec, (size_t)(colon - spec));
    enum gt_rc rc = gt_db_item_find(db, plan, colon + 1, GT_NO_DATE, &it, ctx);
    free(plan);
    if (rc == GT_OK)
        rc = gt_db_status_add(db, it.id, brag, gt_csv_field(csv, 2),
                              gt_csv_field(csv, 3), as_of, NULL, ctx);
    gt_item_finish(&it);
    return rc;
}

/* Add one row of kpis.csv: Code, Title, Unit, Polarity, Frequency,
 * Decimals, Tolerance, Owner, Measures (PLAN:REF). */
static enum gt_rc
load_kpi(struct gt_db *db, struct gt_csv *csv, struct gt_ctx *ctx)
{
    struct gt_kpi k;
    struct gt_item it;
    enum gt_rc rc = GT_OK;
    const char *measures = gt_csv_field(csv, 8);
    const char *colon = strchr(measures, ':');
    gt_kpi_init(&k);
    gt_item_init(&it);
    char *end;
    k.decimals = (int)strtol(gt_csv_field(csv, 5), &end, 10);
    if (gt_csv_n_fields(csv) != 9 || !colon || *end ||
        !gt_kpi_unit_parse(gt_csv_field(csv, 2), &k.unit) ||
        !gt_polarity_parse(gt_csv_field(csv, 3), &k.polarity) ||
        !gt_frequency_parse(gt_csv_field(csv, 4), &k.frequency) ||
        gt_tolerance_parse(gt_csv_field(csv, 6), &k.tolerance))
        return gt_err(ctx, GT_INVALID, "kpis.csv:%ld: bad row",
                      gt_csv_line(csv));
    k.code = xstrdup(gt_csv_field(csv, 0));
    k.title = xstrdup(gt_csv_field(csv, 1));
    k.owner = xstrdup(gt_csv_field(csv, 7));
    char *plan = xstrndup(measures, (size_t)(colon - measures));
    rc = gt_db_kpi_add(db, &k, ctx);
    if (rc == GT_OK)
        rc = gt_db_item_find(db, plan, colon + 1, GT_NO_DATE, &it, ctx);
    if (rc == GT_OK)
        rc = gt_db_kpi_link(db, k.id, it.id, ctx);
    free(plan);
    gt_item_finish(&it);
    gt_kpi_finish(&k);
    return rc;
}

/* Import the embedded kpi-values.csv and kpi-comparators.csv as an
 * officer would. */
static enum gt_rc
load_kpi_values(struct gt_db *db, struct gt_ctx *ctx)
{
    static const char *const names[] = {"kpi-values.csv",
                                        "kpi-comparators.csv"};
    for (size_t i = 0; i < 2; i++) {
        struct gt_csv *rows = example_rows(names[i], ctx);
        long n;
        if (!rows)
            return GT_NOTFOUND;
        enum gt_rc rc =
            i == 0 ? gt_kpi_import_rows(db, rows, "Performance team", &n, ctx)
                   : gt_comparator_import_rows(db, rows, &n, ctx);
        gt_csv_close(rows);
        if (rc != GT_OK)
            return rc;
    }
    return GT_OK;
}

/* The business plan's revenue budget for its first year, from the example
 * table (its reconciliation notes are for the budget page, not here), and
 * September's forecast outturn. */
static enum gt_rc
load_budget(struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_budget b = {0};
    struct gt_ctx notes;
    gt_ctx_init(&notes);
    struct gt_csv *rows = example_rows("budget.csv", ctx);
    enum gt_rc rc = rows ? gt_budget_read(rows, 2026, &b, &notes) : GT_NOTFOUND;
    if (rc == GT_OK)
        rc = gt_db_budget_replace(db, "csbp", &b, ctx);
    else if (rows)
        gt_err(ctx, rc, "%s", gt_ctx_last(&notes));
    gt_csv_close(rows);
    rows = rc == GT_OK ? example_rows("budget-forecast.csv", ctx) : NULL;
    if (rc == GT_OK && !rows)
        rc = GT_NOTFOUND;
    if (rc == GT_OK) {
        b.month_end = gt_date_from_ymd(2026, 9, 30);
        rc = gt_budget_forecast_read(rows, &b, ctx);
        if (rc == GT_OK)
            rc = gt_db_budget_forecast_set(db, "csbp", &b, ctx);
    }
    gt_csv_close(rows);
    gt_budget_finish(&b);
    gt_ctx_finish(&notes);
    return rc;
}

/* The business plan's risk register, from the example. */
static enum gt_rc
load_risks(struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_risks risks = {0};
    struct gt_csv *rows = example_rows("risks.csv", ctx);
    enum gt_rc rc = rows ? gt_risks_read(rows, &risks, ctx) : GT_NOTFOUND;
    if (rc == GT_OK)
        rc = gt_db_risks_replace(db, "csbp", &risks, ctx);
    gt_csv_close(rows);
    gt_risks_finish(&risks);
    return rc;
}

/* The business plan's workforce figures, from the example. */
static enum gt_rc
load_workforce(struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_workforce_list list = {0};
    struct gt_csv *rows = example_rows("workforce.csv", ctx);
    enum gt_rc rc = rows ? gt_workforce_read(rows, &list, ctx) : GT_NOTFOUND;
    if (rc == GT_OK)
        rc = gt_db_workforce_set(db, "csbp", &list, ctx);
    gt_csv_close(rows);
    gt_workforce_list_finish(&list);
    return rc;
}

/* The business plan's social workers' caseloads at the end of October
 * 2026, from the example. */
static enum gt_rc
load_caseloads(struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_caseloads list = {.as_at = gt_date_from_ymd(2026, 10, 31)};
    struct gt_csv *rows = example_rows("caseloads.csv", ctx);
    enum gt_rc rc = rows ? gt_caseload_read(rows, &list, ctx) : GT_NOTFOUND;
    if (rc == GT_OK)
        rc = gt_db_caseload_set(db, "csbp", &list, ctx);
    gt_csv_close(rows);
    gt_caseloads_finish(&list);
    return rc;
}

/* The business plan's template sections, and its first version as the
 * council agreed it: approved by its author, the management team and
 * Cabinet, then published. */
static enum gt_rc
load_governance(struct gt_db *db, struct gt_ctx *ctx)
{
    static const char *const sections[][2] = {
        {"ambitions", "Children in the borough are safe, healthy and able to "
                      "make the most of their education.\nFamilies get help "
                      "early, from the right service, without having to "
                      "tell their story twice."},
        {"outcomes", "Fewer children need a child protection plan a second "
                     "time.\nMore care leavers are in education, employment "
                     "or training."},
        {"horizon", "Demand for secondary school places keeps rising until "
                    "2029.\nAgency social workers cost more each year and "
                    "the market is short."},
    };
    static const struct {
        const char *body, *by;
        int month, day;
    } approvals[] = {
        {"Author", "Children's Services management team", 3, 2},
        {"Directorate Management Team", "Directorate Management Team meeting",
         3, 10},
        {"Cabinet", "Cabinet meeting", 3, 19},
    };
    enum gt_rc rc = GT_OK;
    for (size_t i = 0; rc == GT_OK && i < sizeof sections / sizeof *sections;
         i++) {
        enum gt_section k;
        if (!gt_section_parse(sections[i][0], &k))
            return gt_err(ctx, GT_INVALID, "no section %s", sections[i][0]);
        rc = gt_db_section_set(db, "csbp", (int)k, sections[i][1], ctx);
    }
    char sha[GT_SHA256_HEX_LEN];
    struct gt_version v = {
        .author = xstrdup("Children's Services management team"),
        .note = xstrdup("The plan as agreed for 2026 to 2028"),
        .circulation = xstrdup("None"),
        .review_date = gt_date_from_ymd(2027, 3, 31)};
    int number = 0;
    if (rc == GT_OK)
        rc = gt_plan_snapshot(db, "csbp", gt_date_from_ymd(2026, 3, 31),
                              &v.snapshot, sha, ctx);
    v.sha256 = xstrdup(sha);
    if (rc == GT_OK)
        rc = gt_db_version_create(db, "csbp", &v, &number, ctx);
    gt_version_finish(&v);
    for (size_t i = 0; rc == GT_OK && i < sizeof approvals / sizeof *approvals;
         i++) {
        rc = gt_db_version_approve(
            db, "csbp", number, approvals[i].body, approvals[i].by,
            gt_date_from_ymd(2026, approvals[i].month, approvals[i].day), ctx);
    }
    return rc == GT_OK ? gt_db_version_status(db, "csbp", number,
                                              GT_VERSION_PUBLISHED, ctx)
                       : rc;
}

/* Call row_fn on each row after the header of the embedded CSV name,
 * stopping at the first failure. */
static enum gt_rc
each_row(const char *name,
         enum gt_rc (*row_fn)(struct gt_db *, struct gt_csv *, struct gt_ctx *),
         struct gt_db *db, struct gt_ctx *ctx)
{
    struct gt_csv *csv = example_rows(name, ctx);
    if (!csv)
        return GT_NOTFOUND;
    enum gt_rc rc = gt_csv_next(csv, ctx); /* the header */
    while (rc == GT_OK) {
        rc = gt_csv_next(csv, ctx);
        if (rc == GT_OK)
            rc = row_fn(db, csv, ctx);
    }
    gt_csv_close(csv);
    return rc == GT_DONE ? GT_OK : rc;
}

static enum gt_rc
build(struct gt_db *db, struct gt_ctx *ctx)
{
    enum gt_rc rc = add_units(db, ctx);
    if (rc == GT_OK)
        rc = each_row("plans.csv", load_plan, db, ctx);
    if (rc != GT_OK)
        return rc;
    /* The earlier updates land together or not at all. */
    rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        return rc;
    rc = each_row("updates.csv", load_update, db, ctx);
    if (rc == GT_OK)
        rc = each_row("kpis.csv", load_kpi, db, ctx);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    else
        gt_db_rollback(db);
    /* the import is its own transaction, all or nothing */
    if (rc == GT_OK)
        rc = load_kpi_values(db, ctx);
    if (rc == GT_OK)
        rc = load_budget(db, ctx);
    if (rc == GT_OK)
        rc = load_risks(db, ctx);
    if (rc == GT_OK)
        rc = load_workforce(db, ctx);
    if (rc == GT_OK)
        rc = load_caseloads(db, ctx);
    return rc == GT_OK ? load_governance(db, ctx) : rc;
}

/* Remove the files synth wrote to dir, and dir. */
static void
remove_lists(const char *dir)
{
    static const char *const names[] = {"list1.csv", "list3.csv",   "list4.csv",
                                        "list5.csv", "list7.csv",   "list8.csv",
                                        "list9.csv", "expected.csv"};
    /* expected.csv is gone unless the load stopped before its turn */
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);
        unlink(path);
        free(path);
    }
    rmdir(dir);
}

/* Child-level records for the analyst's pages: synthetic Annex A lists for
 * the last financial year (no real child is in them), loaded as csc load
 * loads them. */
static enum gt_rc
demo_children(struct gt_db *db, int32_t today, struct gt_ctx *ctx)
{
    int y, m, d;
    gt_date_to_ymd(today, &y, &m, &d);
    int end_year = m >= 4 ? y : y - 1;
    const char *tmp = getenv("TMPDIR");
    char *dir =
        xasprintf("%s/goldthread-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    struct csc_records r = {0};
    struct csc_load load = {0};
    struct gt_calendar cal = {0};
    enum gt_rc rc;
    if (!mkdtemp(dir)) {
        rc = gt_err(ctx, GT_IO, "%s: %s", dir, strerror(errno));
        free(dir);
        return rc;
    }
    struct csc_synth s = {.children = 2000,
                          .seed = 2026,
                          .from = gt_date_from_ymd(end_year - 1, 4, 1),
                          .to = gt_date_from_ymd(end_year, 3, 31),
                          .dir = dir};
    char *expected = xasprintf("%s/expected.csv", dir);
    if ((rc = gt_calendar_default(&cal, ctx)) == GT_OK &&
        (rc = csc_synth(&s, &cal, ctx)) == GT_OK &&
        /* the generator's answers are not a list */
        unlink(expected) == 0 &&
        (rc = csc_load_dir(&r, dir, &load, ctx)) == GT_OK)
        rc =
            gt_db_csc_replace(db, &r, "synthetic Annex A lists (demo)", 0, ctx);
    remove_lists(dir);
    free(expected);
    free(dir);
    csc_records_finish(&r);
    gt_calendar_finish(&cal);
    return rc;
}

/* One user for each role, so the web application can be tried at once.
 * The passwords are printed: this database is a demonstration. */
static const struct {
    const char *username, *name, *role, *person, *password;
} demo_users[] = {
    {"admin", "Alex Admin", "admin", NULL, "demo-admin-password"},
    {"planner", "Priya Planner", "planner", NULL, "demo-planner-password"},
    {"lead", "Lee Lead", "lead", "Head of Early Help and MASH",
     "demo-lead-password"},
    {"councillor", "Cllr Casey", "viewer", NULL, "demo-viewer-password"},
    {"analyst", "Ana Analyst", "analyst", NULL, "demo-analyst-password"},
};

static bool
add_users(struct cli_env *env)
{
    if (!auth_init())
        return false;
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
        char hash[AUTH_HASH_LEN];
        enum gt_role role;
        if (!gt_role_parse(demo_users[i].role, &role) ||
            !auth_hash_password(demo_users[i].password, hash) ||
            gt_db_user_add(env->db, demo_users[i].username, demo_users[i].name,
                           role, demo_users[i].person, hash,
                           &env->ctx) != GT_OK)
            return false;
    }
    return true;
}

static void
print_users(struct cli_env *env, const char *port)
{
    fprintf(env->out, "\nSign in at http://127.0.0.1:%s/ as:\n",
            port ? port : "8080");
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
        fprintf(env->out, "  %-11s password %-24s (%s)\n",
                demo_users[i].username, demo_users[i].password,
                demo_users[i].role);
}

int
cmd_demo(struct cli_env *env, const struct cli_args *a)
{
    const char *path = cli_flag(env, a, "--db");
    if (!path)
        path = "demo.db";
    /* The demo database is rebuilt from scratch every time: a file is
     * removed first, a server's database must be empty. */
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3 && !gt_db_is_address(path); i++) {
        char *name = xasprintf("%s%s", path, suffixes[i]);
        if (unlink(name) != 0 && errno != ENOENT) {
            fprintf(env->err, "goldthread: %s: %s\n", name, strerror(errno));
            free(name);
            return CLI_FAIL;
        }
        free(name);
    }
    env->db_path = path;
    if (gt_db_open(path, &env->db, &env->ctx) != GT_OK ||
        cli_use_key_file(env) != CLI_OK)
        return cli_fail(env);
    gt_db_set_actor(env->db, "demo");
    if (env->clock)
        gt_db_set_clock(env->db, env->clock);
    char where[512];
    gt_db_describe(env->db, where, sizeof where);
    struct gt_plans existing = {0};
    enum gt_rc listed = gt_db_plan_list(env->db, &existing, &env->ctx);
    size_t n_existing = existing.n;
    gt_plans_finish(&existing);
    if (listed != GT_OK)
        return cli_fail(env);
    if (n_existing) {
        fprintf(env->err,
                "goldthread: %s already holds plans: the demonstration is "
                "built into an empty database\n",
                where);
        return CLI_FAIL;
    }
    if (build(env->db, &env->ctx) != GT_OK ||
        demo_children(env->db, env->today, &env->ctx) != GT_OK) {
        fprintf(env->err, "goldthread: the demo database could not be "
                          "built\n");
        return cli_fail(env);
    }
    fprintf(env->out,
            "built %s: four example plans linked into one golden "
            "thread, the indicators that measure it, the business plan's "
            "budget, risks, workforce, caseloads and first published version, "
            "and synthetic child-level "
            "records\n",
            where);
    bool serve = !cli_switch(env, a, "--no-serve");
    if ((serve || cli_switch(env, a, "--users")) && !add_users(env)) {
        fprintf(env->err, "goldthread: the demo users could not be added\n");
        return cli_fail(env);
    }
    if (cli_switch(env, a, "--quiet")) {
        if (!serve)
            return CLI_OK;
        print_users(env, cli_flag(env, a, "--port"));
        fflush(env->out);
        return cli_serve(env, NULL, cli_flag(env, a, "--port"), NULL);
    }
    fprintf(env->out, "\n");
    static const char *const show_args[] = {"imp"};
    struct cli_args show = {.n_pos = 1};
    show.pos[0] = show_args[0];
    const struct cli_command *saved = env->cmd;
    for (const struct cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, "plan show") == 0)
            env->cmd = c;
    int rc = cmd_plan_show(env, &show);
    env->cmd = saved;
    fprintf(env->out,
            "\nTry: goldthread plan list --db %s\n"
            "     goldthread thread imp:T3.1.1 --db %s\n"
            "     goldthread overdue --db %s\n"
            "     goldthread check imp --db %s\n"
            "     goldthread kpi list --db %s\n",
            path, path, path, path, path);
    if (rc != CLI_OK || !serve)
        return rc;
    print_users(env, cli_flag(env, a, "--port"));
    fflush(env->out);
    return cli_serve(env, NULL, cli_flag(env, a, "--port"), NULL);
}
