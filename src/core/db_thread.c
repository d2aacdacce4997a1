/*
 * db_thread: the golden thread (links between items) and status roll-ups
 * in the store. See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

enum gt_rc
gt_db_link_add(struct gt_db *db, int64_t from, int64_t to, struct gt_ctx *ctx)
{
    if (from == to)
        return gt_err(ctx, GT_CONFLICT, "an item cannot contribute to itself");
    /* Walking up from `to` (through parents and links) must not reach
     * `from`, or the thread would loop. */
    struct db_statement *st = db_stmt_dialect(
        db,
        "WITH RECURSIVE reach(id) AS (SELECT $to"
        " UNION SELECT i.parent_id FROM reach JOIN item i ON i.id = reach.id"
        "  WHERE i.parent_id IS NOT NULL"
        " UNION SELECT k.to_item_id FROM reach"
        "  JOIN link k ON k.from_item_id = reach.id) "
        "SELECT 1 FROM reach WHERE id = $from LIMIT 1",
        /* one recursive reference only: the two kinds of step as one
         * set of edges */
        "WITH RECURSIVE reach(id) AS (SELECT CAST($to AS BIGINT)"
        " UNION SELECT e.up FROM reach JOIN (SELECT id AS down, parent_id AS"
        "  up FROM item WHERE parent_id IS NOT NULL UNION ALL SELECT"
        "  from_item_id, to_item_id FROM link) e ON e.down = reach.id) "
        "SELECT 1 FROM reach WHERE id = $from LIMIT 1",
        ctx);
    bool loops = false;
    if (st) {
        db_bind_int(st, "$to", to);
        db_bind_int(st, "$from", from);
    }
    enum gt_rc rc = db_step_exists(db, st, &loops, ctx);
    if (rc != GT_OK)
        return rc;
    if (loops)
        return gt_err(ctx, GT_CONFLICT,
                      "the link would make the thread loop back on itself");
    st = db_stmt(
        db, "INSERT INTO link(from_item_id, to_item_id) VALUES ($1, $2)", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", from);
    db_bind_int(st, "$2", to);
    return db_write(db, st, "the link exists already", NULL, ctx);
}

static void
push_link_ref(struct db_statement *st, void *out)
{
    struct gt_link_refs *list = out;
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 16;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    list->v[list->n].from = db_col_int(st, 0);
    list->v[list->n].target = db_col_text(st, 1);
    list->n++;
}

enum gt_rc
gt_db_plan_links_up(struct gt_db *db, int64_t plan_id, struct gt_link_refs *out,
                    struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT k.from_item_id, p.code || ':' || i.ref FROM link k "
        "JOIN item f ON f.id = k.from_item_id "
        "JOIN item i ON i.id = k.to_item_id JOIN plan p ON p.id = i.plan_id "
        "WHERE f.plan_id = $1 ORDER BY k.from_item_id, p.code, i.ref",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan_id);
    return db_read_rows(db, st, push_link_ref, out, ctx);
}

void
gt_link_refs_finish(struct gt_link_refs *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].target);
    free(list->v);
    memset(list, 0, sizeof *list);
}

/* The items at the other end of item_id's links, in one direction. */
static enum gt_rc
linked(struct gt_db *db, bool up, int64_t item_id, int32_t as_of,
       struct gt_items *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        up ? db_stmt(db,
                     ITEM_SELECT
                     "JOIN link k ON k.to_item_id = i.id "
                     "WHERE k.from_item_id = $1 ORDER BY p.code, i.ref",
                     ctx)
           : db_stmt(db,
                     ITEM_SELECT
                     "JOIN link k ON k.from_item_id = i.id "
                     "WHERE k.to_item_id = $1 ORDER BY p.code, i.ref",
                     ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
gt_db_links_up(struct gt_db *db, int64_t item_id, int32_t as_of,
               struct gt_items *out, struct gt_ctx *ctx)
{
    return linked(db, true, item_id, as_of, out, ctx);
}

enum gt_rc
gt_db_links_down(struct gt_db *db, int64_t item_id, int32_t as_of,
                 struct gt_items *out, struct gt_ctx *ctx)
{
    return linked(db, false, item_id, as_of, out, ctx);
}

/* The rated work at the bottom of the tree, with its status as of $asof;
 * each scope adds its own condition. */
#define ROLLUP_SELECT                                                          \
    "SELECT COALESCE(s.brag, 'not_rated'), count(*) FROM item "                \
    "i " ITEM_STATUS_JOIN "WHERE " COUNTED_WORK

static enum gt_rc
exists(struct gt_db *db, struct db_statement *st, const char *name, bool *found,
       struct gt_ctx *ctx)
{
    if (st)
        db_bind_text(st, "$1", name);
    return db_step_exists(db, st, found, ctx);
}

/* A plan's counts from its tally (0015_current_status.sql), which counts
 * current statuses: so only when none of the plan's describes a day after
 * as_of. *found false when the tally cannot answer. */
static enum gt_rc
plan_tally(struct gt_db *db, const char *code, int32_t as_of,
           struct gt_brag_counts *out, bool *found, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT t.blue, t.red, t.amber, t.green, t.not_rated FROM "
                "plan_tally t JOIN plan p ON p.id = t.plan_id WHERE p.code = "
                "$1 AND COALESCE(t.latest, '') <= $asof",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", code);
    db_bind_as_of(st, "$asof", as_of);
    static const enum gt_brag column[] = {GT_BLUE, GT_RED, GT_AMBER, GT_GREEN,
                                          GT_NOT_RATED};
    enum db_step step = db_step(st);
    *found = step == DB_ROW;
    for (int c = 0; *found && c < 5; c++)
        out->n[column[c]] = (long)db_col_int(st, c);
    db_done(st);
    return step == DB_ROW || step == DB_DONE ? GT_OK : db_fail(db, ctx);
}

enum gt_rc
gt_db_rollup(struct gt_db *db, enum gt_scope scope, const char *name,
             int32_t as_of, struct gt_brag_counts *out, struct gt_ctx *ctx)
{
    struct db_statement *st = NULL;
    bool found = false;
    enum gt_rc rc = GT_OK;
    memset(out, 0, sizeof *out);

    if (scope == GT_SCOPE_PLAN) {
        rc = plan_tally(db, name, as_of, out, &found, ctx);
        if (rc != GT_OK || found)
            return rc;
    }
    switch (scope) {
    case GT_SCOPE_PLAN:
        rc = exists(db, db_stmt(db, "SELECT 1 FROM plan WHERE code = $1", ctx),
                    name, &found, ctx);
        st = db_stmt(db,
                     ROLLUP_SELECT
                     "AND i.plan_id = (SELECT id FROM plan WHERE code = $1) "
                     "GROUP BY 1",
                     ctx);
        break;
    case GT_SCOPE_ITEM: {
        const char *colon = strchr(name, ':');
        char *plan = colon ? xstrndup(name, (size_t)(colon - name)) : NULL;
        struct gt_item it;
        found = false;
        if (plan) {
            struct gt_ctx quiet;
            gt_ctx_init(&quiet);
            rc = gt_db_item_find(db, plan, colon + 1, as_of, &it, &quiet);
            found = rc == GT_OK;
            if (rc == GT_NOTFOUND)
                rc = GT_OK;
            else if (rc != GT_OK)
                gt_err(ctx, rc, "%s", gt_ctx_last(&quiet));
            gt_ctx_finish(&quiet);
        }
        free(plan);
        if (rc != GT_OK || !found) {
            if (found)
                gt_item_finish(&it);
            return rc != GT_OK ? rc
                               : gt_err(ctx, GT_NOTFOUND, "no item %s", name);
        }
        st = db_stmt(
            db,
            "WITH RECURSIVE sub(id) AS (SELECT CAST($item AS BIGINT) UNION ALL "
            "SELECT c.id FROM item c JOIN sub ON c.parent_id = "
            "sub.id) " ROLLUP_SELECT
            "AND i.id IN (SELECT id FROM sub) GROUP BY 1",
            ctx);
        if (st)
            db_bind_int(st, "$item", it.id);
        gt_item_finish(&it);
        break;
    }
    case GT_SCOPE_LEAD:
        rc =
            exists(db, db_stmt(db, "SELECT 1 FROM person WHERE name = $1", ctx),
                   name, &found, ctx);
        st = db_stmt(db,
                     ROLLUP_SELECT
                     "AND i.lead_id = (SELECT id FROM person WHERE name = $1) "
                     "GROUP BY 1",
                     ctx);
        break;
    case GT_SCOPE_UNIT:
        rc = exists(db, db_stmt(db, "SELECT 1 FROM unit WHERE name = $1", ctx),
                    name, &found, ctx);
        st = db_stmt(
            db,
            "WITH RECURSIVE units(id) AS ("
            "SELECT id FROM unit WHERE name = $1 UNION ALL "
            "SELECT u.id FROM unit u JOIN units ON u.parent_id = "
            "units.id) " ROLLUP_SELECT "AND i.plan_id IN (SELECT id FROM plan "
            "WHERE owner_unit_id IN (SELECT id FROM units)) GROUP BY 1",
            ctx);
        break;
    }
    if (rc != GT_OK)
        return rc;
    if (!st)
        return GT_IO;
    if (scope != GT_SCOPE_ITEM && !found) {
        static const char *const what[] = {"plan", "item", "person", "unit"};
        return gt_err(ctx, GT_NOTFOUND, "no %s called \"%s\"", what[scope],
                      name);
    }
    if (scope != GT_SCOPE_ITEM)
        db_bind_text(st, "$1", name);
    db_bind_as_of(st, "$asof", as_of);
    enum db_step step = db_step(st);
    for (; step == DB_ROW; step = db_step(st)) {
        enum gt_brag b;
        const char *code = db_col_str(st, 0);
        if (code && gt_brag_from_code(code, &b))
            out->n[b] += (long)db_col_int(st, 1);
    }
    rc = step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(((const struct gt_rollup *)a)->name,
                  ((const struct gt_rollup *)b)->name);
}

/* bsearch's comparison of a name with a roll-up */
static int
name_in(const void *name, const void *rollup)
{
    return strcmp(name, ((const struct gt_rollup *)rollup)->name);
}

/* Roll-ups being read: the first `sorted` are in name order (the plans
 * from their tallies), and rows come ordered by name, so a name is the
 * last one added, one of the sorted, or new. */
struct rollups_reading {
    struct gt_rollups *list;
    size_t sorted;
};

static struct gt_rollup *
rollup_named(struct rollups_reading *r, const char *name)
{
    struct gt_rollups *list = r->list;
    if (list->n && strcmp(list->v[list->n - 1].name, name) == 0)
        return &list->v[list->n - 1];
    struct gt_rollup *found = NULL;
    if (r->sorted)
        found = bsearch(name, list->v, r->sorted, sizeof *list->v, name_in);
    if (found)
        return found;
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 16;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    found = &list->v[list->n++];
    memset(found, 0, sizeof *found);
    found->name = xstrdup(name);
    return found;
}

/* A row of (name, status word, count), added to that name's counts. */
static void
add_rollup_row(struct db_statement *st, void *out)
{
    const char *name = db_col_str(st, 0), *code = db_col_str(st, 1);
    enum gt_brag b;
    if (!name)
        return;
    struct gt_rollup *r = rollup_named(out, name);
    if (code && gt_brag_from_code(code, &b))
        r->counts.n[b] += (long)db_col_int(st, 2);
}

/* A plan's tally as of the day, or, when the tally cannot answer (a
 * status describes a later day), its name alone with nothing counted. */
static void
add_tally_row(struct db_statement *st, void *out)
{
    static const enum gt_brag column[] = {GT_BLUE, GT_RED, GT_AMBER, GT_GREEN,
                                          GT_NOT_RATED};
    const char *name = db_col_str(st, 0);
    if (!name)
        return;
    struct gt_rollup *r = rollup_named(out, name);
    for (int c = 0; db_col_int(st, 6) && c < 5; c++)
        r->counts.n[column[c]] = (long)db_col_int(st, c + 1);
}

enum gt_rc
gt_db_rollup_each(struct gt_db *db, enum gt_scope scope, int32_t as_of,
                  struct gt_rollups *out, struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    struct rollups_reading reading = {.list = out};
    struct db_statement *st;
    enum gt_rc rc = GT_OK;
    if (scope == GT_SCOPE_PLAN) {
        /* the tallies answer for every plan with no status after as_of;
         * the rest are counted item by item */
        st = db_stmt(db,
                     "SELECT p.code, t.blue, t.red, t.amber, t.green, "
                     "t.not_rated, CASE WHEN t.plan_id IS NOT NULL AND "
                     "COALESCE(t.latest, '') <= $asof THEN 1 ELSE 0 END "
                     "FROM plan p LEFT JOIN plan_tally t ON t.plan_id = p.id "
                     "ORDER BY p.code",
                     ctx);
        if (st)
            db_bind_as_of(st, "$asof", as_of);
        rc = st ? db_read_rows(db, st, add_tally_row, &reading, ctx) : GT_IO;
        if (rc == GT_OK && out->n)
            qsort(out->v, out->n, sizeof *out->v, by_name);
        reading.sorted = out->n;
        st = rc != GT_OK
                 ? NULL
                 : db_stmt(db,
                           "SELECT p.code, COALESCE(s.brag, 'not_rated'), "
                           "count(*) FROM item i " ITEM_STATUS_JOIN
                           "JOIN plan p ON p.id = i.plan_id WHERE " COUNTED_WORK
                           "AND i.plan_id NOT IN (SELECT plan_id FROM "
                           "plan_tally WHERE COALESCE(latest, '') <= $asof) "
                           "GROUP BY p.code, 2 ORDER BY 1",
                           ctx);
    } else if (scope == GT_SCOPE_LEAD) {
        st = db_stmt(db,
                     "SELECT ld.name, COALESCE(s.brag, 'not_rated'), "
                     "count(*) FROM item i " ITEM_STATUS_JOIN
                     "JOIN person ld ON ld.id = i.lead_id WHERE " COUNTED_WORK
                     "GROUP BY ld.name, 2 ORDER BY 1",
                     ctx);
    } else {
        return gt_err(ctx, GT_INVALID,
                      "roll-ups are listed for plans and leads only");
    }
    if (rc == GT_OK && st) {
        db_bind_as_of(st, "$asof", as_of);
        rc = db_read_rows(db, st, add_rollup_row, &reading, ctx);
    } else if (rc == GT_OK) {
        rc = GT_IO;
    }
    if (rc != GT_OK) {
        gt_rollups_finish(out);
        return rc;
    }
    /* the database's order of names may not be strcmp's */
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_name);
    return GT_OK;
}

struct gt_brag_counts
gt_rollups_of(const struct gt_rollups *list, const char *name)
{
    const struct gt_rollup *r =
        list->n ? bsearch(name, list->v, list->n, sizeof *list->v, name_in)
                : NULL;
    struct gt_brag_counts none = {0};
    return r ? r->counts : none;
}

void
gt_rollups_finish(struct gt_rollups *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].name);
    free(list->v);
    memset(list, 0, sizeof *list);
}

void
gt_matrix_finish(struct gt_matrix *m)
{
    gt_items_finish(&m->outcomes);
    gt_plans_finish(&m->plans);
    free(m->cells);
    m->cells = NULL;
}

enum gt_rc
gt_db_thread_matrix(struct gt_db *db, int32_t as_of, struct gt_matrix *out,
                    struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    struct db_statement *st =
        db_stmt(db,
                ITEM_SELECT "WHERE i.kind = 'outcome' AND p.kind = 'corporate' "
                            "AND i.plan_id IN (SELECT id FROM plan WHERE "
                            "kind = 'corporate') "
                            "ORDER BY p.code, (SELECT position FROM item "
                            "WHERE id = i.parent_id), i.position, i.id",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_as_of(st, "$asof", as_of);
    enum gt_rc rc = db_read_items(db, st, &out->outcomes, ctx);
    if (rc == GT_OK)
        rc = gt_db_plan_list(db, &out->plans, ctx);
    if (rc != GT_OK)
        return rc;
    /* keep only the plans that serve the corporate ones */
    size_t kept = 0;
    for (size_t i = 0; i < out->plans.n; i++) {
        if (out->plans.v[i].kind == GT_PLAN_CORPORATE)
            gt_plan_finish(&out->plans.v[i]);
        else
            out->plans.v[kept++] = out->plans.v[i];
    }
    out->plans.n = kept;
    out->cells = xcalloc(out->outcomes.n * kept + 1, sizeof *out->cells);

    /* Walk down from each outcome through children and contributing
     * links; count the rated work at the bottom of the tree, its status
     * the stored one unless that describes a later day. Each step
     * follows an index (children by parent, links by target), so the
     * walk reads what it reaches: a table of every edge, built first,
     * read all 120,000 items of a large plan that serves no outcome. */
#define MATRIX_COUNTS                                                          \
    "SELECT r.root, i.plan_id, COALESCE(" BRAG_AS_OF ", 'not_rated'), "        \
    "count(*) FROM reach r JOIN item i ON i.id = r.id LEFT JOIN item_status "  \
    "cur ON cur.item_id = i.id WHERE i.id <> r.root AND " COUNTED_WORK         \
    "GROUP BY 1, 2, 3"
#define MATRIX_ROOTS                                                           \
    " SELECT i.id, i.id FROM item i WHERE i.kind = 'outcome' AND"              \
    "  i.plan_id IN (SELECT id FROM plan WHERE kind = 'corporate')"
    st = db_stmt_dialect(
        db,
        "WITH RECURSIVE reach(root, id) AS (" MATRIX_ROOTS
        " UNION SELECT reach.root, c.id FROM reach"
        "  JOIN item c ON c.parent_id = reach.id"
        " UNION SELECT reach.root, k.from_item_id FROM reach"
        "  JOIN link k ON k.to_item_id = reach.id) " MATRIX_COUNTS,
        /* one recursive reference only: both kinds of step as one set of
         * edges */
        "WITH RECURSIVE reach(root, id) AS (" MATRIX_ROOTS
        " UNION SELECT reach.root, e.below FROM reach JOIN (SELECT parent_id"
        "  AS above, id AS below FROM item WHERE parent_id IS NOT NULL"
        "  UNION ALL SELECT to_item_id, from_item_id FROM link) e"
        "  ON e.above = reach.id) " MATRIX_COUNTS,
        ctx);
#undef MATRIX_ROOTS
#undef MATRIX_COUNTS
    if (!st)
        return GT_IO;
    db_bind_as_of(st, "$asof", as_of);
    enum db_step step = db_step(st);
    for (; step == DB_ROW; step = db_step(st)) {
        long row = gt_items_find(&out->outcomes, db_col_int(st, 0));
        int64_t plan_id = db_col_int(st, 1);
        enum gt_brag b;
        const char *code = db_col_str(st, 2);
        for (size_t col = 0; row >= 0 && col < kept; col++) {
            if (out->plans.v[col].id == plan_id && code &&
                gt_brag_from_code(code, &b))
                out->cells[(size_t)row * kept + col].n[b] +=
                    (long)db_col_int(st, 3);
        }
    }
    rc = step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

static void
push_name(struct db_statement *st, void *list)
{
    struct gt_names *out = list;
    if (out->n == out->alloc) {
        out->alloc = out->alloc ? out->alloc * 2 : 16;
        out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
    }
    out->v[out->n++] = db_col_text(st, 0);
}

enum gt_rc
gt_db_leads(struct gt_db *db, struct gt_names *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT DISTINCT p.name FROM person p JOIN "
                "item i ON i.lead_id = p.id ORDER BY p.name",
                ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, push_name, out, ctx);
}

enum gt_rc
gt_db_plan_leads(struct gt_db *db, int64_t plan_id, struct gt_names *out,
                 struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT name FROM person l WHERE EXISTS ("
                "SELECT 1 FROM item i WHERE i.lead_id = l.id "
                "AND i.plan_id = $1) ORDER BY name",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan_id);
    return db_read_rows(db, st, push_name, out, ctx);
}

enum gt_rc
gt_db_plan_kpis(struct gt_db *db, const char *plan_code, struct gt_names *out,
                struct gt_ctx *ctx)
{
    /* the plan's items, then everything they serve: each item's parent
     * and what it contributes to, up to the corporate outcomes */
    struct db_statement *st = db_stmt_dialect(
        db,
        "WITH RECURSIVE up(id) AS ("
        " SELECT i.id FROM item i JOIN plan p ON p.id = i.plan_id"
        " WHERE p.code = $1"
        " UNION SELECT l.to_item_id FROM link l JOIN up ON l.from_item_id = "
        "up.id"
        " UNION SELECT i.parent_id FROM item i JOIN up ON i.id = up.id"
        " WHERE i.parent_id IS NOT NULL) "
        "SELECT DISTINCT k.code FROM kpi k JOIN kpi_link m ON m.kpi_id = k.id "
        "JOIN up ON up.id = m.item_id ORDER BY k.code",
        /* one recursive reference only: both kinds of step as one set of
         * edges */
        "WITH RECURSIVE up(id) AS ("
        " SELECT i.id FROM item i JOIN plan p ON p.id = i.plan_id"
        " WHERE p.code = $1"
        " UNION SELECT e.target FROM up JOIN (SELECT from_item_id AS source,"
        " to_item_id AS target FROM link UNION ALL SELECT id, parent_id FROM"
        " item WHERE parent_id IS NOT NULL) e ON e.source = up.id) "
        "SELECT DISTINCT k.code FROM kpi k JOIN kpi_link m ON m.kpi_id = k.id "
        "JOIN up ON up.id = m.item_id ORDER BY k.code",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    return db_read_rows(db, st, push_name, out, ctx);
}

void
gt_names_finish(struct gt_names *names)
{
    for (size_t i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
    names->v = NULL;
    names->n = names->alloc = 0;
}
