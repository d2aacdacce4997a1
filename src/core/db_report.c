/* The store's side of the committee report (report/report.c): the plan's
 * counted work by status under each top-level item in one GROUP BY, and
 * each list of work in the plan's order up to a limit. The report page
 * shows the first rows of each list and the downloads every row; both
 * read the same rules here, so a page's cost follows what it shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/deadline.h"
#include "core/mem.h"

void
gt_report_tally_finish(struct gt_report_tally *t)
{
    for (size_t i = 0; i < t->n_tops; i++) {
        free(t->tops[i].ref);
        free(t->tops[i].title);
    }
    free(t->tops);
    memset(t, 0, sizeof *t);
}

/* Each top-level item with a row for each status its counted work has (a
 * NULL status when it has none); an item's top is the first level of its
 * tree key (0017_tree_key.sql). The status on the last report's day is
 * looked up only for Blue work: it is history, not the stored status. */
#define TALLY_SQL                                                              \
    "SELECT t.id, t.ref, t.title, w.brag, w.n, w.achieved, w.overdue FROM "    \
    "item t LEFT JOIN (SELECT top, brag, count(*) AS n, sum(CASE WHEN brag = " \
    "'blue' AND was <> 'blue' THEN 1 ELSE 0 END) AS achieved, sum(CASE WHEN "  \
    "late = 1 AND brag <> 'blue' THEN 1 ELSE 0 END) AS overdue FROM (SELECT "  \
    "substr(i.tree_key, 1, 16) AS top, COALESCE(" BRAG_AS_OF ", 'not_rated') " \
    "AS brag, CASE WHEN " BRAG_AS_OF                                           \
    " = 'blue' THEN COALESCE(" BRAG_AS_OF_SINCE                                \
    ", '') END AS was, CASE WHEN " PAST_DEADLINE                               \
    "THEN 1 ELSE 0 END AS late FROM item i LEFT JOIN item_status cur ON "      \
    "cur.item_id = i.id WHERE i.plan_id = $plan AND " COUNTED_WORK ") AS w0 "  \
    "GROUP BY top, brag) AS w ON w.top = t.tree_key WHERE t.plan_id = $plan "  \
    "AND t.parent_id IS NULL ORDER BY t.tree_key, w.brag"

struct tally_reader {
    struct gt_report_tally *out;
    size_t alloc;
};

static void
read_tally_row(struct db_statement *st, void *reader)
{
    struct tally_reader *r = reader;
    struct gt_report_tally *t = r->out;
    int64_t id = db_col_int(st, 0);
    if (!t->n_tops || t->tops[t->n_tops - 1].id != id) {
        if (t->n_tops == r->alloc) {
            r->alloc = r->alloc ? 2 * r->alloc : 16;
            t->tops = xrealloc(t->tops, r->alloc * sizeof *t->tops);
        }
        struct gt_report_top *top = &t->tops[t->n_tops++];
        memset(top, 0, sizeof *top);
        top->id = id;
        top->ref = db_col_text(st, 1);
        top->title = db_col_text(st, 2);
    }
    enum gt_brag b;
    const char *word = db_col_str(st, 3);
    if (!word || !gt_brag_from_code(word, &b))
        return; /* nothing counted beneath it */
    long n = (long)db_col_int(st, 4);
    t->tops[t->n_tops - 1].counts.n[b] += n;
    t->counts.n[b] += n;
    t->achieved += (long)db_col_int(st, 5);
    t->overdue += (long)db_col_int(st, 6);
}

enum gt_rc
gt_db_report_tally(struct gt_db *db, int64_t plan_id, int32_t as_of,
                   int32_t since, struct gt_report_tally *out,
                   struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    struct db_statement *st = db_stmt(db, TALLY_SQL, ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan_id);
    db_bind_as_of(st, "$asof", as_of);
    db_bind_as_of(st, "$since", since);
    struct tally_reader r = {out, 0};
    enum gt_rc rc = db_read_rows(db, st, read_tally_row, &r, ctx);
    if (rc != GT_OK)
        gt_report_tally_finish(out);
    return rc;
}

/* A list's rows: the plan's counted work meeting the condition, in the
 * plan's order, walked in item_tree's order up to the limit. */
#define LIST_SQL(condition)                                                    \
    ITEM_SELECT "WHERE i.plan_id = $plan AND " COUNTED_WORK "AND " condition   \
                " ORDER BY i.tree_key LIMIT $limit"

static const char *const list_sql[] = {
    [GT_REPORT_ACHIEVED] = LIST_SQL(
        "s.brag = 'blue' AND COALESCE(" BRAG_AS_OF_SINCE ", '') <> 'blue'"),
    [GT_REPORT_RED] = LIST_SQL("s.brag = 'red'"),
    [GT_REPORT_AMBER] = LIST_SQL("s.brag = 'amber'"),
    [GT_REPORT_OVERDUE] =
        LIST_SQL(PAST_DEADLINE "AND COALESCE(s.brag, '') <> 'blue'"),
};

enum gt_rc
gt_db_report_list(struct gt_db *db, int64_t plan_id, enum gt_report_list which,
                  int32_t as_of, int32_t since, size_t limit,
                  struct gt_items *out, struct gt_ctx *ctx)
{
    /* a static table of literals: each its own cached statement */
    struct db_statement *st = db_stmt_(db, list_sql[which], ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan_id);
    db_bind_as_of(st, "$asof", as_of);
    db_bind_as_of(st, "$since", since);
    /* PostgreSQL refuses SQLite's negative LIMIT for none */
    db_bind_int(st, "$limit", limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    return db_read_items(db, st, out, ctx);
}

/* A piece of work falling due, and its place in the plan's order. */
struct placed_due {
    struct gt_report_due due;
    size_t place;
};

struct due_reader {
    struct placed_due *v;
    size_t n, alloc, read; /* read: rows read, the next one's place */
    int32_t as_of, until;
};

static void
read_due_row(struct db_statement *st, void *reader)
{
    struct due_reader *r = reader;
    struct gt_deadline dl;
    gt_deadline_none(&dl);
    dl.due = db_col_date(st, 1);
    dl.every_months = db_col_int32(st, 2);
    size_t place = r->read++;
    int32_t next = gt_deadline_next_due(&dl, r->as_of + 1);
    if (next == GT_NO_DATE || next <= r->as_of || next > r->until)
        return;
    if (r->n == r->alloc) {
        r->alloc = r->alloc ? 2 * r->alloc : 64;
        r->v = xrealloc(r->v, r->alloc * sizeof *r->v);
    }
    r->v[r->n++] = (struct placed_due){{db_col_int(st, 0), next}, place};
}

static int
cmp_placed_due(const void *a, const void *b)
{
    const struct placed_due *x = a, *y = b;
    if (x->due.due != y->due.due)
        return x->due.due < y->due.due ? -1 : 1;
    return x->place < y->place ? -1 : x->place > y->place;
}

enum gt_rc
gt_db_report_due(struct gt_db *db, int64_t plan_id, int32_t as_of,
                 int32_t until, struct gt_report_dues *out, struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    /* a recurring deadline that started by until may fall due next within
     * the time; the rest only when their one due day does */
    struct db_statement *st = db_stmt(
        db,
        "SELECT i.id, i.deadline_due, i.deadline_every FROM item i LEFT JOIN "
        "item_status cur ON cur.item_id = i.id WHERE i.plan_id = $plan AND "
        "i.deadline_due IS NOT NULL AND i.deadline_due <= $until AND "
        "(i.deadline_every > 0 OR i.deadline_due > $asof) AND " COUNTED_WORK
        "AND COALESCE(" BRAG_AS_OF ", '') <> 'blue' ORDER BY "
        "i.tree_key",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan_id);
    db_bind_as_of(st, "$asof", as_of);
    db_bind_as_of(st, "$until", until);
    struct due_reader r = {.as_of = as_of, .until = until};
    enum gt_rc rc = db_read_rows(db, st, read_due_row, &r, ctx);
    if (rc == GT_OK && r.n) {
        qsort(r.v, r.n, sizeof *r.v, cmp_placed_due);
        out->v = xcalloc(r.n, sizeof *out->v);
        for (size_t i = 0; i < r.n; i++)
            out->v[i] = r.v[i].due;
        out->n = r.n;
    }
    free(r.v);
    return rc;
}

static int
cmp_item_id(const void *a, const void *b)
{
    const struct gt_item *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

enum gt_rc
gt_db_report_due_items(struct gt_db *db, const struct gt_report_due *due,
                       size_t n, int32_t as_of, struct gt_items *out,
                       struct gt_ctx *ctx)
{
    if (!n)
        return GT_OK;
    /* the ids as one JSON array: one statement whatever their number */
    struct buf ids;
    buf_init(&ids, SIZE_MAX);
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%s%lld", i ? "," : "[", (long long)due[i].id);
        if (!buf_adds(&ids, id))
            abort(); /* no cap */
    }
    if (!buf_adds(&ids, "]"))
        abort();
    struct gt_items got = {0};
    enum gt_rc rc = GT_IO;
    struct db_statement *st = db_stmt_dialect(
        db, ITEM_SELECT "WHERE i.id IN (SELECT value FROM json_each($ids))",
        ITEM_SELECT "WHERE i.id IN (SELECT CAST(value AS BIGINT) FROM "
                    "json_array_elements_text(CAST($ids AS json)))",
        ctx);
    if (st) {
        db_bind_text(st, "$ids", ids.p);
        db_bind_as_of(st, "$asof", as_of);
        rc = db_read_items(db, st, &got, ctx);
    }
    buf_finish(&ids);
    if (rc == GT_OK && got.n != n)
        rc = gt_err(ctx, GT_NOTFOUND, "work due was removed meanwhile");
    if (rc != GT_OK) {
        gt_items_finish(&got);
        return rc;
    }
    /* in the list's order, each row moved out of got */
    qsort(got.v, got.n, sizeof *got.v, cmp_item_id);
    for (size_t i = 0; i < n; i++) {
        struct gt_item key = {.id = due[i].id};
        const struct gt_item *it =
            bsearch(&key, got.v, got.n, sizeof *got.v, cmp_item_id);
        if (it) /* always: as many rows as ids, and ids are distinct */
            *gt_items_push(out) = *it;
    }
    free(got.v);
    return GT_OK;
}
