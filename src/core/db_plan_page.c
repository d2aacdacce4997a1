/* The store's side of a plan's page: the rows of its table a page shows,
 * filtered and ordered in SQL. A plan of 120,000 items was loaded whole
 * for a page of 100 rows, 0.9 s and 100 MB; here only the rows shown are
 * read into memory. */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

/* A plan's order is its items' tree keys' (0017_tree_key.sql): 16
 * hexadecimal digits a level, so the depth is in the key's length. */
#define PLACE_COLUMNS ", length(i.tree_key) / 16 - 1, i.tree_key "

/* What a plan's table shows, in ITEM_COLUMNS' places (NULL for the
 * rest): no plan code, description, source, commentary or status date,
 * the owner only where there is no lead, no parent's ref. */
#define BRIEF_COLUMNS                                                          \
    "i.id, i.plan_id, COALESCE(i.parent_id, 0), i.kind, NULL, i.ref, "         \
    "i.title, "                                                                \
    "NULL, l.name, CASE WHEN i.lead_id IS NULL THEN (SELECT o.name FROM "      \
    "person o WHERE o.id = i.owner_id) END, i.deadline_text, i.monitoring, "   \
    "NULL, i.position, " BRAG_AS_OF ", NULL, NULL" PLACE_COLUMNS ", NULL "
#define BRIEF_JOINS                                                            \
    "LEFT JOIN person l ON l.id = i.lead_id "                                  \
    "LEFT JOIN item_status cur ON cur.item_id = i.id "
/* Everything an item holds, and its parent's ref. */
#define FULL_COLUMNS                                                           \
    ITEM_COLUMNS PLACE_COLUMNS ", (SELECT r.ref FROM item r WHERE r.id = "     \
                               "i.parent_id) "

/* Every filter, each a no-op when its parameter is NULL; the status
 * filter, like the roll-ups, passes over priorities and themes. Reads
 * only i, l and cur, which both sets of joins have. */
#define PAGE_FILTER                                                            \
    "WHERE i.plan_id = $plan AND (CAST($status AS TEXT) IS NULL OR (i.kind "   \
    "NOT IN ('priority', 'theme') AND COALESCE(" BRAG_AS_OF ", 'not_rated') "  \
    "= $status)) AND (CAST($kind AS TEXT) IS NULL OR i.kind = $kind) "         \
    "AND (CAST($lead AS TEXT) IS NULL OR l.name = $lead) "                     \
    "AND (CAST($overdue AS BIGINT) IS NULL OR (" PAST_DEADLINE "AND "          \
    "COALESCE(" BRAG_AS_OF ", '') <> 'blue')) "

/* The plan's own order with nothing filtered, the page most read: the
 * page's ids from the index alone (a later page skips index entries, not
 * joined rows), then their rows, put in order in C (sorting whole rows
 * in SQL was half the statement's time). */
#define TREE_PAGE(columns, joins)                                              \
    "SELECT " columns "FROM (SELECT id FROM item WHERE plan_id = $plan "       \
    "ORDER BY tree_key LIMIT $limit OFFSET $offset) pg JOIN item i ON i.id = " \
    "pg.id " joins
#define FILTERED_PAGE(columns, joins, order)                                   \
    "SELECT " columns "FROM item i " joins PAGE_FILTER "ORDER BY " order       \
    "i.tree_key LIMIT $limit OFFSET $offset"
#define BY_DEADLINE "i.deadline_due IS NULL, i.deadline_due, "
#define BY_STATUS                                                              \
    "CASE COALESCE(" BRAG_AS_OF ", 'not_rated') WHEN 'red' THEN 0 WHEN "       \
    "'amber' THEN 1 WHEN 'green' THEN 3 WHEN 'blue' THEN 4 ELSE 2 END, "
#define BY_LEAD "l.name IS NULL, l.name, "

/* One statement each, so each is prepared once and cached: [brief][order],
 * and the unfiltered tree order apart. */
static const char *const page_sql[2][GT_ORDER_LEAD + 1] = {
    {
        [GT_ORDER_TREE] = FILTERED_PAGE(FULL_COLUMNS, ITEM_JOINS, ""),
        [GT_ORDER_DEADLINE] =
            FILTERED_PAGE(FULL_COLUMNS, ITEM_JOINS, BY_DEADLINE),
        [GT_ORDER_STATUS] = FILTERED_PAGE(FULL_COLUMNS, ITEM_JOINS, BY_STATUS),
        [GT_ORDER_LEAD] = FILTERED_PAGE(FULL_COLUMNS, ITEM_JOINS, BY_LEAD),
    },
    {
        [GT_ORDER_TREE] = FILTERED_PAGE(BRIEF_COLUMNS, BRIEF_JOINS, ""),
        [GT_ORDER_DEADLINE] =
            FILTERED_PAGE(BRIEF_COLUMNS, BRIEF_JOINS, BY_DEADLINE),
        [GT_ORDER_STATUS] =
            FILTERED_PAGE(BRIEF_COLUMNS, BRIEF_JOINS, BY_STATUS),
        [GT_ORDER_LEAD] = FILTERED_PAGE(BRIEF_COLUMNS, BRIEF_JOINS, BY_LEAD),
    },
};
static const char *const tree_sql[2] = {
    TREE_PAGE(FULL_COLUMNS, ITEM_JOINS),
    TREE_PAGE(BRIEF_COLUMNS, BRIEF_JOINS),
};

static bool
filtered(const struct gt_plan_query *q)
{
    return q->status || q->kind || q->lead || q->overdue;
}

static void
bind_filter(struct db_statement *st, const struct gt_plan_query *q)
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

/* Only the status is filtered: the plan's tally counts its items by
 * current status (0018_status_counts.sql), good for a day no earlier
 * than the latest any current status describes. *found false when it
 * cannot answer. */
static enum gt_rc
count_by_status(struct gt_db *db, const struct gt_plan_query *q, size_t *total,
                bool *found, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT CASE $status WHEN 'blue' THEN status_blue WHEN 'red' THEN "
        "status_red WHEN 'amber' THEN status_amber WHEN 'green' THEN "
        "status_green ELSE status_not_rated END FROM plan_tally WHERE "
        "plan_id = $plan AND COALESCE(latest, '') <= $asof",
        ctx);
    if (!st)
        return GT_IO;
    bind_filter(st, q);
    enum db_step step = db_step(st);
    *found = step == DB_ROW;
    if (*found)
        *total = (size_t)db_col_int(st, 0);
    db_done(st);
    return step == DB_ROW || step == DB_DONE ? GT_OK : db_fail(db, ctx);
}

static enum gt_rc
count_matches(struct gt_db *db, const struct gt_plan_query *q, size_t *total,
              struct gt_ctx *ctx)
{
    if (q->status && !q->kind && !q->lead && !q->overdue) {
        bool found;
        enum gt_rc rc = count_by_status(db, q, total, &found, ctx);
        if (rc != GT_OK || found)
            return rc;
    }
    struct db_statement *st =
        filtered(q)
            ? db_stmt(db,
                      "SELECT count(*) FROM item i " BRIEF_JOINS PAGE_FILTER,
                      ctx)
            /* every item: the plan's tally (0015_current_status.sql) */
            : db_stmt(db,
                      "SELECT COALESCE((SELECT items FROM plan_tally WHERE "
                      "plan_id = $plan), 0)",
                      ctx);
    if (!st)
        return GT_IO;
    if (filtered(q))
        bind_filter(st, q);
    else
        db_bind_int(st, "$plan", q->plan_id);
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        *total = (size_t)db_col_int(st, 0);
    db_done(st);
    return step == DB_ROW ? GT_OK : db_fail(db, ctx);
}

/* Where a page's rows go: after the had rows out held, the first at
 * place offset; each row's tree key kept until the page is read. */
struct page_reader {
    struct gt_items *out;
    size_t had, offset;
    char **keys; /* one a row read; owned */
    size_t n_keys;
};

/* A row of page_sql or tree_sql: ITEM_COLUMNS, depth, tree key, the
 * parent's ref. */
static void
push_row(struct db_statement *st, void *reader)
{
    struct page_reader *r = reader;
    struct gt_item *it = gt_items_push(r->out);
    db_read_item(st, it);
    it->depth = db_col_int32(st, 17);
    r->keys = xrealloc(r->keys, (r->n_keys + 1) * sizeof *r->keys);
    r->keys[r->n_keys++] = db_col_text(st, 18);
    it->parent_ref = db_col_text(st, 19);
}

struct keyed_row {
    const char *key;
    size_t row;
};

static int
by_key(const void *a, const void *b)
{
    const struct keyed_row *x = a, *y = b;
    return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

/* Number the page's rows in the plan's order from offset: for the plan's
 * own order with nothing filtered, each item's place in the whole plan;
 * otherwise an order of the rows shown that sorts them as the plan does.
 * With in_order, the rows are also put in that order. */
static void
number_places(struct page_reader *r, bool in_order)
{
    size_t n = r->n_keys;
    struct keyed_row *order = xcalloc(n ? n : 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (struct keyed_row){r->keys[i], i};
    qsort(order, n, sizeof *order, by_key);
    struct gt_item *rows = r->out->v + r->had;
    for (size_t rank = 0; rank < n; rank++)
        rows[order[rank].row].place = r->offset + rank;
    if (in_order && n > 1) {
        struct gt_item *sorted = xcalloc(n, sizeof *sorted);
        for (size_t rank = 0; rank < n; rank++)
            sorted[rank] = rows[order[rank].row];
        memcpy(rows, sorted, n * sizeof *rows);
        free(sorted);
    }
    free(order);
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
    bool tree = q->order == GT_ORDER_TREE && !filtered(q);
    /* the tables hold literals only, as db_stmt asks */
    struct db_statement *st = db_stmt_(
        db, tree ? tree_sql[q->brief] : page_sql[q->brief][q->order], ctx);
    if (!st)
        return GT_IO;
    bind_filter(st, q);
    db_bind_int(st, "$limit", (int64_t)limit);
    db_bind_int(st, "$offset", (int64_t)offset);
    struct page_reader reader = {out, out->n, offset, NULL, 0};
    rc = db_read_rows(db, st, push_row, &reader, ctx);
    if (rc == GT_OK)
        number_places(&reader, tree);
    for (size_t i = 0; i < reader.n_keys; i++)
        free(reader.keys[i]);
    free(reader.keys);
    return rc;
}
