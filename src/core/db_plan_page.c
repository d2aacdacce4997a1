/* The store's side of a plan's page: the rows of its table a page shows,
 * filtered and ordered in SQL. A plan of 120,000 items was loaded whole
 * for a page of 100 rows, 0.9 s and 100 MB; here only the rows shown are
 * read into memory. */
#include <stdlib.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

/* The plan's items depth first, each with its depth and its place in the
 * plan's order (seq). Popping the deepest first, and of those the lowest
 * position, walks the tree in order: when an item is popped, the only
 * items one level deeper waiting are its own children. $cap stops the
 * walk once it has every row a page could show (-1 walks it all). */
#define TREE_WALK                                                              \
    "WITH RECURSIVE tree(id, depth, position) AS ("                            \
    "SELECT id, 0, position FROM item WHERE plan_id = $plan AND "              \
    "parent_id IS NULL "                                                       \
    "UNION ALL SELECT c.id, tree.depth + 1, c.position FROM tree "             \
    "JOIN item c ON c.parent_id = tree.id ORDER BY 2 DESC, 3, 1 LIMIT $cap) "
#define TREE_CTE                                                               \
    TREE_WALK ", ordered AS (SELECT id, depth, row_number() OVER () AS seq "   \
              "FROM tree) "

/* Every filter, each a no-op when its parameter is NULL; the status
 * filter, like the roll-ups, passes over priorities and themes. */
#define PAGE_FILTER                                                            \
    "WHERE ($status IS NULL OR (i.kind NOT IN ('priority', 'theme') AND "      \
    "IFNULL(s.brag, 'not_rated') = $status)) "                                 \
    "AND ($kind IS NULL OR i.kind = $kind) "                                   \
    "AND ($lead IS NULL OR l.name = $lead) "                                   \
    "AND ($overdue IS NULL OR (i.deadline_due < $asof AND "                    \
    "i.deadline_ongoing = 0 AND i.deadline_every = 0 AND "                     \
    "IFNULL(s.brag, '') <> 'blue')) "

#define PAGE_SELECT(order)                                                     \
    TREE_CTE "SELECT " ITEM_COLUMNS ", t.depth, t.seq, (SELECT r.ref FROM "    \
             "item r WHERE r.id = i.parent_id) FROM ordered t "                \
             "CROSS JOIN item i ON i.id = t.id " ITEM_JOINS PAGE_FILTER        \
             "ORDER BY " order "t.seq LIMIT $limit OFFSET $offset"

/* The plan's own order with nothing filtered, the page most read: the
 * walk yields its rows in order to the outer loop (CROSS JOIN keeps it
 * outermost), so no place is numbered or sorted by; the reader numbers
 * them. A third of the page's time went to that numbering and sort. */
static const char walk_sql[] =
    TREE_WALK "SELECT " ITEM_COLUMNS ", t.depth, NULL, (SELECT r.ref FROM "
              "item r WHERE r.id = i.parent_id) FROM tree t "
              "CROSS JOIN item i ON i.id = t.id " ITEM_JOINS
              "LIMIT $limit OFFSET $offset";

/* One statement an order, so each is prepared once and cached. */
static const char *const page_sql[] = {
    [GT_ORDER_TREE] = PAGE_SELECT(""),
    [GT_ORDER_DEADLINE] =
        PAGE_SELECT("i.deadline_due IS NULL, i.deadline_due, "),
    [GT_ORDER_STATUS] = PAGE_SELECT(
        "CASE IFNULL(s.brag, 'not_rated') WHEN 'red' THEN 0 WHEN 'amber' "
        "THEN 1 WHEN 'green' THEN 3 WHEN 'blue' THEN 4 ELSE 2 END, "),
    [GT_ORDER_LEAD] = PAGE_SELECT("l.name IS NULL, l.name, "),
};

static bool
filtered(const struct gt_plan_query *q)
{
    return q->status || q->kind || q->lead || q->overdue;
}

static void
bind_filter(sqlite3_stmt *st, const struct gt_plan_query *q)
{
    db_bind_int(st, "$plan", q->plan_id);
    db_bind_as_of(st, "$asof", q->as_of);
    if (q->status)
        db_bind_text(st, "$status", gt_brag_code(*q->status));
    if (q->kind)
        db_bind_text(st, "$kind", gt_item_kind_code(*q->kind));
    db_bind_text(st, "$lead", q->lead);
    if (q->overdue)
        db_bind_int(st, "$overdue", 1);
}

static enum gt_rc
count_matches(struct gt_db *db, const struct gt_plan_query *q, size_t *total,
              struct gt_ctx *ctx)
{
    sqlite3_stmt *st =
        filtered(q)
            ? db_stmt(db,
                      "SELECT count(*) FROM item i " ITEM_JOINS PAGE_FILTER
                      "AND i.plan_id = $plan",
                      ctx)
            /* every item: the plan's tally (0015_current_status.sql) */
            : db_stmt(db,
                      "SELECT IFNULL((SELECT items FROM plan_tally WHERE "
                      "plan_id = $plan), 0)",
                      ctx);
    if (!st)
        return GT_IO;
    if (filtered(q))
        bind_filter(st, q);
    else
        db_bind_int(st, "$plan", q->plan_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *total = (size_t)sqlite3_column_int64(st, 0);
    db_done(st);
    return step == SQLITE_ROW ? GT_OK : db_fail(db, ctx);
}

/* Where a page's rows go: after the had rows out held, the first at
 * place offset. */
struct page_reader {
    struct gt_items *out;
    size_t had, offset;
};

/* An item row of PAGE_SELECT or walk_sql: ITEM_COLUMNS, depth, place
 * (from 1; NULL from walk_sql, whose rows come in order), the parent's
 * ref. */
static void
push_row(sqlite3_stmt *st, void *reader)
{
    struct page_reader *r = reader;
    struct gt_item *it = gt_items_push(r->out);
    db_read_item(st, it);
    it->depth = sqlite3_column_int(st, 17);
    it->place = sqlite3_column_type(st, 18) == SQLITE_NULL
                    ? r->offset + (r->out->n - 1 - r->had)
                    : (size_t)sqlite3_column_int64(st, 18) - 1;
    it->parent_ref = db_col_text(st, 19);
}

enum gt_rc
gt_db_plan_page(struct gt_db *db, const struct gt_plan_query *q, size_t offset,
                size_t limit, struct gt_items *out, size_t *total,
                struct gt_ctx *ctx)
{
    if ((unsigned)q->order > GT_ORDER_LEAD)
        return gt_err(ctx, GT_INVALID, "no such order of a plan's items");
    enum gt_rc rc = count_matches(db, q, total, ctx);
    if (rc != GT_OK)
        return rc;
    /* only the plan's order with nothing filtered out can stop the walk
     * early: any other page may hold the plan's last item */
    bool capped = q->order == GT_ORDER_TREE && !filtered(q);
    /* walk_sql and page_sql hold literals only, as db_stmt asks */
    sqlite3_stmt *st =
        db_stmt_(db, capped ? walk_sql : page_sql[q->order], ctx);
    if (!st)
        return GT_IO;
    bind_filter(st, q);
    db_bind_int(st, "$cap", capped ? (int64_t)(offset + limit) : -1);
    db_bind_int(st, "$limit", (int64_t)limit);
    db_bind_int(st, "$offset", (int64_t)offset);
    struct page_reader reader = {out, out->n, offset};
    return db_read_rows(db, st, push_row, &reader, ctx);
}
