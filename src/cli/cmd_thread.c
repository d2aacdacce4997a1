/*
 * cmd_thread: link, thread and rollup: the golden thread and the counts
 * that roll up along it. See cli.h.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/show.h"
#include "core/mem.h"
#include "core/plan_write.h"

/* Deep enough for corporate outcome → ... → milestone many times over;
 * the store refuses loops, so this only bounds pathological data. */
#define THREAD_MAX_DEPTH 32

int
cmd_link(struct cli_env *env, const struct cli_args *a)
{
    struct gt_item from, to;
    const char *target = cli_flag(env, a, "--contributes-to");
    int rc = CLI_FAIL;
    if (!target)
        return cli_usage(env, "link: --contributes-to PLAN:REF is required");
    rc = cli_item(env, a->pos[0], GT_NO_DATE, &from);
    if (rc != CLI_OK)
        goto out_from;
    rc = cli_item(env, target, GT_NO_DATE, &to);
    if (rc != CLI_OK)
        goto out;
    if (gt_link_create(env->db, NULL, &from, &to, &env->ctx) != GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    fprintf(env->out, "%s:%s now contributes to %s:%s\n", from.plan_code,
            from.ref, to.plan_code, to.ref);
    rc = CLI_OK;
out:
    gt_item_finish(&to);
out_from:
    gt_item_finish(&from);
    return rc;
}

/* Items already printed in this walk, so a thread that reaches the same
 * item by two routes shows it once. */
struct seen {
    int64_t *ids;
    size_t n, alloc;
};

/* Print the item; false when it was printed before (it is then marked
 * "see above" and should not be walked again). */
static bool
line(struct cli_env *env, struct seen *seen, const char *relation,
     const struct gt_item *it, int depth, int32_t as_of)
{
    for (size_t i = 0; i < seen->n; i++) {
        if (seen->ids[i] == it->id) {
            fprintf(env->out, "%*s%s%s:%s (see above)\n", depth * 2, "",
                    relation, it->plan_code, it->ref);
            return false;
        }
    }
    if (seen->n == seen->alloc) {
        seen->alloc = seen->alloc ? seen->alloc * 2 : 32;
        seen->ids = xrealloc(seen->ids, seen->alloc * sizeof *seen->ids);
    }
    seen->ids[seen->n++] = it->id;
    fprintf(env->out, "%*s%s", depth * 2, "", relation);
    show_item_line(env->out, it, 0, true, false, as_of);
    return true;
}

/* Print what it sits in and what it contributes to, recursively. */
static enum gt_rc
walk_up(struct cli_env *env, struct seen *seen, const struct gt_item *it,
        int depth, int32_t as_of)
{
    enum gt_rc rc = GT_OK;
    struct gt_items up = {0};
    if (depth >= THREAD_MAX_DEPTH)
        return GT_OK;
    if (it->parent_id) {
        struct gt_item parent;
        rc = gt_db_item_get(env->db, it->parent_id, as_of, &parent, &env->ctx);
        if (rc == GT_OK && line(env, seen, "in ", &parent, depth, as_of))
            rc = walk_up(env, seen, &parent, depth + 1, as_of);
        gt_item_finish(&parent);
        if (rc != GT_OK)
            return rc;
    }
    rc = gt_db_links_up(env->db, it->id, as_of, &up, &env->ctx);
    for (size_t i = 0; rc == GT_OK && i < up.n; i++)
        if (line(env, seen, "contributes to ", &up.v[i], depth, as_of))
            rc = walk_up(env, seen, &up.v[i], depth + 1, as_of);
    gt_items_finish(&up);
    return rc;
}

/* Print what sits in it and what contributes to it, recursively. */
static enum gt_rc
walk_down(struct cli_env *env, struct seen *seen, const struct gt_item *it,
          int depth, int32_t as_of)
{
    struct gt_items below = {0};
    enum gt_rc rc;
    if (depth >= THREAD_MAX_DEPTH)
        return GT_OK;
    rc = gt_db_item_children(env->db, it->id, as_of, &below, &env->ctx);
    size_t n_children = below.n;
    if (rc == GT_OK)
        rc = gt_db_links_down(env->db, it->id, as_of, &below, &env->ctx);
    for (size_t i = 0; rc == GT_OK && i < below.n; i++)
        if (line(env, seen, i < n_children ? "contains " : "contributed to by ",
                 &below.v[i], depth, as_of))
            rc = walk_down(env, seen, &below.v[i], depth + 1, as_of);
    gt_items_finish(&below);
    return rc;
}

int
cmd_thread(struct cli_env *env, const struct cli_args *a)
{
    struct gt_item it;
    int32_t as_of;
    bool only_up = cli_switch(env, a, "--up");
    bool only_down = cli_switch(env, a, "--down");
    enum gt_rc rc = GT_OK;
    if (only_up && only_down)
        return cli_usage(env, "thread: give --up or --down, not both");
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    int crc = cli_item(env, a->pos[0], as_of, &it);
    if (crc != CLI_OK)
        return crc;
    struct seen seen = {0};
    if (!only_down) {
        fprintf(env->out, "Up the thread:\n");
        line(env, &seen, "", &it, 1, as_of);
        rc = walk_up(env, &seen, &it, 2, as_of);
    }
    seen.n = 0;
    if (rc == GT_OK && !only_up) {
        fprintf(env->out, "%sDown the thread:\n", only_down ? "" : "\n");
        line(env, &seen, "", &it, 1, as_of);
        rc = walk_down(env, &seen, &it, 2, as_of);
    }
    free(seen.ids);
    gt_item_finish(&it);
    return rc == GT_OK ? CLI_OK : cli_fail(env);
}

static int
print_rollup(struct cli_env *env, enum gt_scope scope, const char *name,
             const char *label, int indent, int32_t as_of)
{
    struct gt_brag_counts c;
    char counts[160];
    if (gt_db_rollup(env->db, scope, name, as_of, &c, &env->ctx) != GT_OK)
        return cli_fail(env);
    gt_brag_counts_format(&c, counts, sizeof counts);
    fprintf(env->out, "%*s%s: %s (%ld in all)\n", indent, "", label, counts,
            gt_brag_total(&c));
    return CLI_OK;
}

int
cmd_rollup(struct cli_env *env, const struct cli_args *a)
{
    const char *lead = cli_flag(env, a, "--lead");
    const char *unit = cli_flag(env, a, "--unit");
    const char *item = cli_flag(env, a, "--item");
    int32_t as_of;
    int given =
        (a->n_pos > 0) + (lead != NULL) + (unit != NULL) + (item != NULL);
    if (given != 1)
        return cli_usage(env, "rollup: name one PLAN, or one of --lead, "
                              "--unit, --item");
    if (!cli_date(env, "--as-of", cli_flag(env, a, "--as-of"), &as_of))
        return CLI_USAGE;
    if (lead)
        return print_rollup(env, GT_SCOPE_LEAD, lead, lead, 0, as_of);
    if (unit)
        return print_rollup(env, GT_SCOPE_UNIT, unit, unit, 0, as_of);
    if (item)
        return print_rollup(env, GT_SCOPE_ITEM, item, item, 0, as_of);

    struct gt_plan plan;
    struct gt_items items = {0};
    int rc = CLI_FAIL;
    if (gt_db_plan_get(env->db, a->pos[0], &plan, &env->ctx) != GT_OK ||
        gt_db_plan_items(env->db, plan.id, as_of, &items, &env->ctx) != GT_OK) {
        rc = cli_fail(env);
        goto out;
    }
    rc = print_rollup(env, GT_SCOPE_PLAN, plan.code, plan.code, 0, as_of);
    if (rc != CLI_OK)
        goto out;
    for (size_t i = 0; i < items.n; i++) {
        const struct gt_item *it = &items.v[i];
        if (!gt_item_kind_is_group(it->kind))
            continue;
        char *name = xasprintf("%s:%s", plan.code, it->ref);
        char *label = xasprintf("%s %s", it->ref, it->title);
        rc = print_rollup(env, GT_SCOPE_ITEM, name, label,
                          it->parent_id ? 4 : 2, as_of);
        free(name);
        free(label);
        if (rc != CLI_OK)
            goto out;
    }
out:
    gt_items_finish(&items);
    gt_plan_finish(&plan);
    return rc;
}
