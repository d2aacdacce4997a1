/*
 * cmd_plan: init, unit add, plan add|list|show, import plan, export plan
 * and check. See cli.h for the table that describes them.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "core/mem.h"
#include "core/plan_write.h"
#include "io/plan_io.h"

int
cmd_init(struct cli_env *env, const struct cli_args *a)
{
    const char *org = cli_flag(env, a, "--org");
    const char *ons = cli_flag(env, a, "--ons");
    const char *la = cli_flag(env, a, "--la");
    if ((ons || la) && !org)
        return cli_usage(env, "init: --ons and --la need --org");
    if (org && gt_db_org_set(env->db, org, ons, la, &env->ctx) != GT_OK)
        return cli_fail(env);
    char where[512];
    gt_db_describe(env->db, where, sizeof where);
    fprintf(env->out, "%s: schema version %d\n", where,
            gt_db_schema_version(env->db));
    return CLI_OK;
}

int
cmd_unit_add(struct cli_env *env, const struct cli_args *a)
{
    const char *kind = cli_flag(env, a, "--kind");
    static const char *const kinds[] = {"directorate", "division", "service",
                                        "team"};
    bool known = false;
    for (size_t i = 0; kind && i < 4; i++)
        known = known || strcmp(kind, kinds[i]) == 0;
    if (!known)
        return cli_usage(env, "unit add: --kind must be directorate, "
                              "division, service or team");
    if (gt_db_unit_add(env->db, a->pos[0], kind, cli_flag(env, a, "--parent"),
                       &env->ctx) != GT_OK)
        return cli_fail(env);
    fprintf(env->out, "added %s %s\n", kind, a->pos[0]);
    return CLI_OK;
}

/* The flag the command line uses for a plan's field. */
static const char *
plan_flag(enum gt_plan_field f)
{
    switch (f) {
    case GT_PLAN_FIELD_CODE:
        return "CODE";
    case GT_PLAN_FIELD_TITLE:
        return "--title";
    case GT_PLAN_FIELD_KIND:
        return "--kind";
    case GT_PLAN_FIELD_FROM:
        return "--from";
    case GT_PLAN_FIELD_TO:
        return "--to";
    case GT_PLAN_FIELD_REVIEW:
        return "--review";
    default:
        return "plan";
    }
}

int
cmd_plan_add(struct cli_env *env, const struct cli_args *a)
{
    struct gt_plan plan;
    struct gt_plan_problem problems[GT_PLAN_MAX_PROBLEMS];
    size_t n = 0;
    const char *title = cli_flag(env, a, "--title");
    const char *kind = cli_flag(env, a, "--kind");
    int rc = CLI_USAGE;
    bool kind_given;
    enum gt_rc made;
    gt_plan_init(&plan);
    /* reading the words is the command line's; every rule is the core's */
    if (!cli_date(env, "--from", cli_flag(env, a, "--from"),
                  &plan.period_from) ||
        !cli_date(env, "--to", cli_flag(env, a, "--to"), &plan.period_to) ||
        !cli_date(env, "--review", cli_flag(env, a, "--review"),
                  &plan.review_date))
        goto out;
    if (!cli_flag(env, a, "--from"))
        plan.period_from = GT_NO_DATE;
    if (!cli_flag(env, a, "--to"))
        plan.period_to = GT_NO_DATE;
    if (!cli_flag(env, a, "--review"))
        plan.review_date = GT_NO_DATE;
    kind_given = kind && gt_plan_kind_parse(kind, &plan.kind);
    plan.code = xstrdup(a->pos[0]);
    plan.title = xstrdup(title ? title : "");
    plan.owner_unit = xstrdup(cli_flag(env, a, "--unit"));
    made = gt_plan_create(env->db, NULL, &plan, kind_given, problems, &n,
                          &env->ctx);
    if ((made == GT_INVALID || made == GT_CONFLICT) && n) {
        for (size_t i = 0; i < n; i++)
            fprintf(env->err, "goldthread: plan add: %s%s%s%s: %s\n",
                    plan_flag(problems[i].field),
                    problems[i].field == GT_PLAN_FIELD_CODE ? " \"" : "",
                    problems[i].field == GT_PLAN_FIELD_CODE ? plan.code : "",
                    problems[i].field == GT_PLAN_FIELD_CODE ? "\"" : "",
                    problems[i].message);
        if (!kind_given)
            fprintf(env->err, "goldthread: plan add: --kind is corporate, "
                              "partnership, directorate, service development, "
                              "improvement, team or individual\n");
        rc = made == GT_CONFLICT ? CLI_FAIL : CLI_USAGE;
        goto out;
    }
    if (made != GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    fprintf(env->out, "added plan %s: %s\n", plan.code, plan.title);
    rc = CLI_OK;
out:
    gt_plan_finish(&plan);
    return rc;
}

static void
print_period(FILE *f, const struct gt_plan *p)
{
    char from[GT_DATE_LONG_LEN], to[GT_DATE_LONG_LEN];
    fprintf(f, "%s", gt_plan_kind_word(p->kind));
    if (p->period_from != GT_NO_DATE || p->period_to != GT_NO_DATE) {
        show_date(p->period_from, from);
        show_date(p->period_to, to);
        fprintf(f, "; %s to %s", from, to);
    }
    if (p->review_date != GT_NO_DATE) {
        gt_date_long(p->review_date, from);
        fprintf(f, "; review %s", from);
    }
    if (p->owner_unit)
        fprintf(f, "; owned by %s", p->owner_unit);
}

int
cmd_plan_list(struct cli_env *env, const struct cli_args *a)
{
    struct gt_plans plans = {0};
    struct gt_rollups rollups = {0};
    int32_t as_of;
    int rc = CLI_OK;
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    if (gt_db_plan_list(env->db, &plans, &env->ctx) != GT_OK ||
        gt_db_rollup_each(env->db, GT_SCOPE_PLAN, as_of, &rollups, &env->ctx) !=
            GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    if (plans.n == 0)
        fprintf(env->out, "no plans yet: add one with 'goldthread plan add' "
                          "or 'goldthread import plan'\n");
    for (size_t i = 0; i < plans.n; i++) {
        struct gt_brag_counts counts = gt_rollups_of(&rollups, plans.v[i].code);
        char line[160];
        gt_brag_counts_format(&counts, line, sizeof line);
        fprintf(env->out, "%s  %s\n    ", plans.v[i].code, plans.v[i].title);
        print_period(env->out, &plans.v[i]);
        fprintf(env->out, "\n    %s\n", line);
    }
out:
    gt_plans_finish(&plans);
    gt_rollups_finish(&rollups);
    return rc;
}

int
cmd_plan_show(struct cli_env *env, const struct cli_args *a)
{
    struct gt_plan plan;
    struct gt_items items = {0};
    struct gt_brag_counts counts;
    int32_t as_of;
    int rc = CLI_FAIL;
    char line[160], day[GT_DATE_LONG_LEN];
    int *depth = NULL;
    long overdue = 0;

    gt_plan_init(&plan);
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    if (gt_db_plan_get(env->db, a->pos[0], &plan, &env->ctx) != GT_OK ||
        gt_db_plan_items(env->db, plan.id, as_of, &items, &env->ctx) != GT_OK ||
        gt_db_rollup(env->db, GT_SCOPE_PLAN, plan.code, as_of, &counts,
                     &env->ctx) != GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    for (size_t i = 0; i < items.n; i++)
        overdue +=
            gt_deadline_overdue(&items.v[i].deadline, items.v[i].status, as_of);
    gt_brag_counts_format(&counts, line, sizeof line);
    gt_date_long(as_of, day);
    fprintf(env->out, "%s (%s)\n", plan.title, plan.code);
    print_period(env->out, &plan);
    fprintf(env->out, "\nStatus as of %s: %s; %ld overdue\n", day, line,
            overdue);
    depth = xcalloc(items.n ? items.n : 1, sizeof *depth);
    for (size_t i = 0; i < items.n; i++) {
        const struct gt_item *it = &items.v[i];
        /* Parents come first, so a parent's depth is always known. */
        for (size_t k = i; k-- > 0;) {
            if (items.v[k].id == it->parent_id) {
                depth[i] = depth[k] + 1;
                break;
            }
        }
        if (depth[i] == 0)
            fputc('\n', env->out);
        bool parent = gt_items_has_children(&items, i);
        show_item_line(env->out, it, depth[i] * 2, false, parent, as_of);
        if (gt_item_kind_is_group(it->kind) ||
            (parent && it->status_as_of == GT_NO_DATE)) {
            char name[256];
            snprintf(name, sizeof name, "%s:%s", plan.code, it->ref);
            if (gt_db_rollup(env->db, GT_SCOPE_ITEM, name, as_of, &counts,
                             &env->ctx) != GT_OK) {
                rc = cli_fail(env);
                goto out;
            }
            gt_brag_counts_format(&counts, line, sizeof line);
            fprintf(env->out, "%*s%s%s%s%s\n", depth[i] * 2 + 4, "",
                    it->owner ? "owner: " : "", it->owner ? it->owner : "",
                    it->owner ? "; " : "", line);
        } else {
            show_item_details(env->out, it, depth[i] * 2 + 4, as_of);
        }
    }
    rc = CLI_OK;
out:
    free(depth);
    gt_items_finish(&items);
    gt_plan_finish(&plan);
    return rc;
}

int
cmd_import_plan(struct cli_env *env, const struct cli_args *a)
{
    struct gt_import_opts opts = {0};
    struct gt_import_result result;
    const char *kind = cli_flag(env, a, "--kind");
    opts.plan_code = cli_flag(env, a, "--plan");
    opts.title = cli_flag(env, a, "--title");
    opts.by = cli_flag(env, a, "--by");
    opts.kind = GT_PLAN_IMPROVEMENT;
    if (!opts.plan_code || !cli_valid_code(opts.plan_code))
        return cli_usage(env, "import plan: --plan CODE is required (1 to 40 "
                              "letters, digits, '-' or '_')");
    if (kind && !gt_plan_kind_parse(kind, &opts.kind))
        return cli_usage(env, "import plan: unknown --kind \"%s\"", kind);
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &opts.as_of))
        return CLI_USAGE;
    struct cli_rows r;
    if (cli_rows_open(env, a, a->pos[0], &r) != GT_OK) {
        cli_rows_close(&r);
        return cli_fail(env);
    }
    enum gt_rc rc =
        gt_plan_import_rows(env->db, r.rows, &opts, &result, &env->ctx);
    cli_rows_close(&r);
    if (rc != GT_OK) {
        cli_fail(env);
        fprintf(env->err, "goldthread: nothing was imported\n");
        return CLI_FAIL;
    }
    fprintf(env->out,
            "imported %ld rows into plan %s: %ld items, %ld status "
            "updates, %ld links\n",
            result.n_rows, opts.plan_code, result.n_items, result.n_updates,
            result.n_links);
    if (cli_switch(env, a, "--timing"))
        fprintf(env->err,
                "timing: read and checked in %.0f ms before the write lock; "
                "the lock held %.0f ms\n",
                result.read_ms, result.lock_ms);
    return CLI_OK;
}

/* The plan and its resources as one workbook at path, written beside it
 * and renamed into place. */
static int
export_workbook(struct cli_env *env, const char *plan, const char *path,
                int32_t as_of)
{
    if (!path)
        return cli_usage(env, "export plan: --format xlsx needs --out FILE");
    char *tmp = xasprintf("%s.tmp", path);
    /* the command line is the analyst's or officer's own: counts shown */
    enum gt_rc rc = gt_plan_export_workbook(
        env->db, plan, as_of == GT_NO_DATE ? env->today : as_of,
        &gt_disclose_all, tmp, &env->ctx);
    if (rc == GT_OK && rename(tmp, path) != 0)
        rc = gt_err(&env->ctx, GT_IO, "%s: %s", path, strerror(errno));
    if (rc != GT_OK)
        remove(tmp);
    free(tmp);
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

int
cmd_export_plan(struct cli_env *env, const struct cli_args *a)
{
    const char *format = cli_flag(env, a, "--format");
    const char *path = cli_flag(env, a, "--out");
    const char *as_of_text = cli_flag(env, a, "--as-of");
    int32_t as_of = GT_NO_DATE;
    bool json = false;
    if (as_of_text && !cli_date(env, "--as-of", as_of_text, &as_of))
        return CLI_USAGE;
    if (format && strcmp(format, "xlsx") == 0)
        return export_workbook(env, a->pos[0], path, as_of);
    if (format && strcmp(format, "json") == 0)
        json = true;
    else if (format && strcmp(format, "csv") != 0)
        return cli_usage(env,
                         "export plan: --format must be csv, json or xlsx");
    /* Write to a temporary file beside the target and rename it into place,
     * so a failed export never leaves half a file. */
    char *tmp = path ? xasprintf("%s.tmp", path) : NULL;
    FILE *f = path ? fopen(tmp, "wb") : env->out;
    if (!f) {
        fprintf(env->err, "goldthread: %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return CLI_FAIL;
    }
    enum gt_rc rc =
        json ? gt_plan_export_json(env->db, a->pos[0], as_of, f, &env->ctx)
             : gt_plan_export_csv(env->db, a->pos[0], as_of, f, &env->ctx);
    if (path) {
        if (fclose(f) != 0 && rc == GT_OK)
            rc = gt_err(&env->ctx, GT_IO, "%s: cannot write", path);
        if (rc == GT_OK && rename(tmp, path) != 0)
            rc = gt_err(&env->ctx, GT_IO, "%s: %s", path, strerror(errno));
        if (rc != GT_OK)
            remove(tmp);
    }
    free(tmp);
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

/* The nearest value of a field on the item or the items above it. */
static const char *
inherited(const struct gt_items *items, size_t i, size_t field_offset)
{
    long k = (long)i;
    while (k >= 0) {
        const char *v =
            *(char *const *)((const char *)&items->v[k] + field_offset);
        if (v && *v)
            return v;
        if (!items->v[k].parent_id)
            break;
        k = gt_items_find(items, items->v[k].parent_id);
    }
    return NULL;
}

/* Monitoring may sit on the action or an earlier milestone of it, as a
 * merged cell does in the plan's table. */
static bool
has_monitoring(const struct gt_items *items, size_t i)
{
    if (inherited(items, i, offsetof(struct gt_item, monitoring)))
        return true;
    for (size_t k = 0; k < i; k++)
        if (items->v[k].parent_id == items->v[i].parent_id &&
            items->v[i].parent_id && items->v[k].monitoring)
            return true;
    return false;
}

static bool
has_deadline(const struct gt_items *items, size_t i)
{
    for (long k = (long)i; k >= 0;) {
        if (items->v[k].deadline.due != GT_NO_DATE)
            return true;
        if (!items->v[k].parent_id)
            break;
        k = gt_items_find(items, items->v[k].parent_id);
    }
    return false;
}

int
cmd_check(struct cli_env *env, const struct cli_args *a)
{
    struct gt_plan plan;
    struct gt_items items = {0};
    long problems = 0;
    int rc = CLI_FAIL;
    gt_plan_init(&plan);
    if (gt_db_plan_get(env->db, a->pos[0], &plan, &env->ctx) != GT_OK ||
        gt_db_plan_items(env->db, plan.id, GT_NO_DATE, &items, &env->ctx) !=
            GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    for (size_t i = 0; i < items.n; i++) {
        const struct gt_item *it = &items.v[i];
        bool leaf = !gt_items_has_children(&items, i);
        bool work =
            !gt_item_kind_is_group(it->kind) && it->kind != GT_ITEM_OUTCOME;
#define PROBLEM(...)                                                           \
    do {                                                                       \
        fprintf(env->out, "%s:%s: ", plan.code, it->ref);                      \
        fprintf(env->out, __VA_ARGS__);                                        \
        fputc('\n', env->out);                                                 \
        problems++;                                                            \
    } while (0)
        if (work && leaf) {
            if (!inherited(&items, i, offsetof(struct gt_item, lead)))
                PROBLEM("no lead");
            if (!has_deadline(&items, i))
                PROBLEM("no deadline");
            if (!has_monitoring(&items, i))
                PROBLEM("no monitoring");
        }
        if (it->kind == GT_ITEM_ACTION && leaf)
            PROBLEM("action has no milestone");
        int32_t due = it->deadline.due;
        if (due != GT_NO_DATE &&
            ((plan.period_from != GT_NO_DATE && due < plan.period_from) ||
             (plan.period_to != GT_NO_DATE && due > plan.period_to))) {
            char canon[GT_DEADLINE_TEXT_LEN];
            gt_deadline_format(&it->deadline, canon);
            PROBLEM("deadline %s is outside the plan's period", canon);
        }
        if (!it->parent_id && plan.kind != GT_PLAN_CORPORATE) {
            struct gt_items up = {0};
            if (gt_db_links_up(env->db, it->id, GT_NO_DATE, &up, &env->ctx) !=
                GT_OK) {
                gt_items_finish(&up);
                rc = cli_fail(env);
                goto out;
            }
            if (up.n == 0)
                PROBLEM("not linked up the thread (use 'goldthread link')");
            gt_items_finish(&up);
        }
#undef PROBLEM
    }
    fprintf(env->out, "%ld problem%s found in %s\n", problems,
            problems == 1 ? "" : "s", plan.code);
    rc = problems ? CLI_FAIL : CLI_OK;
out:
    gt_items_finish(&items);
    gt_plan_finish(&plan);
    return rc;
}
