/*
 * db_kpi: key performance indicators in the store. See db.h and kpi.h.
 *
 * A period's row is replaced rather than appended: an indicator's value
 * for a quarter is a fact that gets corrected (provisional, then final),
 * and the audit log keeps every earlier version with who changed it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/comparator.h"
#include "core/db.h"
#include "core/db_internal.h"
#include "core/kpi.h"
#include "core/mem.h"

#define KPI_SELECT                                                             \
    "SELECT k.id, k.code, k.title, k.definition, p.name, k.unit, "             \
    "k.decimals, k.polarity, k.frequency, k.tolerance, "                       \
    "k.tolerance_relative, k.no_change, k.child_level "                        \
    "FROM kpi k LEFT JOIN person p ON p.id = k.owner_id "

static void
read_kpi(struct db_statement *st, void *out)
{
    struct gt_kpi *k = out;
    gt_kpi_init(k);
    k->id = db_col_int(st, 0);
    k->code = db_col_text(st, 1);
    k->title = db_col_text(st, 2);
    k->definition = db_col_text(st, 3);
    k->owner = db_col_text(st, 4);
    /* the schema's CHECKs keep these codes valid */
    (void)gt_kpi_unit_parse(db_col_str(st, 5), &k->unit);
    k->decimals = db_col_int32(st, 6);
    (void)gt_polarity_parse(db_col_str(st, 7), &k->polarity);
    (void)gt_frequency_parse(db_col_str(st, 8), &k->frequency);
    k->tolerance.amount = db_col_double(st, 9);
    k->tolerance.relative = db_col_int32(st, 10) != 0;
    k->no_change = db_col_double(st, 11);
    k->child_level = db_col_int32(st, 12) != 0;
}

static void
push_kpi(struct db_statement *st, void *list)
{
    read_kpi(st, gt_kpis_push(list));
}

enum gt_rc
gt_db_kpi_add(struct gt_db *db, struct gt_kpi *k, struct gt_ctx *ctx)
{
    int64_t owner_id = 0;
    enum gt_rc rc;
    if (k->owner && *k->owner &&
        (rc = gt_db_person_ensure(db, k->owner, &owner_id, ctx)) != GT_OK)
        return rc;
    struct db_statement *st =
        db_stmt(db,
                "INSERT INTO kpi(code, title, definition, unit, decimals, "
                "polarity, frequency, owner_id, tolerance, "
                "tolerance_relative, no_change, child_level) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", k->code);
    db_bind_text(st, "$2", k->title);
    db_bind_text(st, "$3",
                 k->definition && *k->definition ? k->definition : NULL);
    db_bind_text(st, "$4", gt_kpi_unit_code(k->unit));
    db_bind_int(st, "$5", k->decimals);
    db_bind_text(st, "$6", gt_polarity_code(k->polarity));
    db_bind_text(st, "$7", gt_frequency_code(k->frequency));
    db_bind_id(st, "$8", owner_id);
    db_bind_double(st, "$9", k->tolerance.amount);
    db_bind_int(st, "$10", k->tolerance.relative);
    db_bind_double(st, "$11", k->no_change);
    db_bind_int(st, "$12", k->child_level);
    return db_write(db, st, "an indicator with this code already exists",
                    &k->id, ctx);
}

enum gt_rc
gt_db_kpi_get(struct gt_db *db, const char *code, struct gt_kpi *out,
              struct gt_ctx *ctx)
{
    gt_kpi_init(out);
    struct db_statement *st = db_stmt(db, KPI_SELECT "WHERE k.code = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", code);
    enum gt_rc rc = db_read_one(db, st, read_kpi, out, ctx);
    if (rc == GT_NOTFOUND)
        gt_err(ctx, rc, "there is no indicator \"%s\"", code);
    return rc;
}

enum gt_rc
gt_db_kpi_list(struct gt_db *db, struct gt_kpis *out, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(db, KPI_SELECT "ORDER BY k.code", ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, push_kpi, out, ctx);
}

static void
bind_double_or_null(struct db_statement *st, const char *name, bool set,
                    double v)
{
    if (set)
        db_bind_double(st, name, v);
    else
        db_bind_null(st, name);
}

static const char *
value_kind_code(const struct gt_value *v)
{
    switch (v->kind) {
    case GT_VALUE_NUMBER:
        return "n";
    case GT_VALUE_NOT_AVAILABLE:
        return "x";
    case GT_VALUE_NOT_APPLICABLE:
        return "z";
    case GT_VALUE_SUPPRESSED:
        return "c";
    case GT_VALUE_LOW:
        return "low";
    }
    return NULL;
}

enum gt_rc
gt_db_kpi_value_set(struct gt_db *db, int64_t kpi_id,
                    const struct gt_kpi_value *v, const char *entered_by,
                    struct gt_ctx *ctx)
{
    int64_t by_id = 0;
    enum gt_rc rc;
    char start[GT_DATE_ISO_LEN], end[GT_DATE_ISO_LEN];
    if (entered_by && *entered_by &&
        (rc = gt_db_person_ensure(db, entered_by, &by_id, ctx)) != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO kpi_value(kpi_id, period_kind, period_start, "
        "period_end, value_kind, value, numerator, denominator, target, "
        "target_high, note, entered_by, entered_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, gt_now()) "
        "ON CONFLICT (kpi_id, period_kind, period_start, period_end) "
        "DO UPDATE SET value_kind = excluded.value_kind, "
        "value = excluded.value, numerator = excluded.numerator, "
        "denominator = excluded.denominator, target = excluded.target, "
        "target_high = excluded.target_high, note = excluded.note, "
        "entered_by = excluded.entered_by, entered_at = excluded.entered_at",
        ctx);
    if (!st)
        return GT_IO;
    gt_date_iso(v->period.start, start);
    gt_date_iso(v->period.end, end);
    db_bind_int(st, "$1", kpi_id);
    db_bind_text(st, "$2", gt_period_kind_code(v->period.kind));
    db_bind_text(st, "$3", start);
    db_bind_text(st, "$4", end);
    db_bind_text(st, "$5", v->has_value ? value_kind_code(&v->value) : NULL);
    bind_double_or_null(st, "$6",
                        v->has_value && v->value.kind == GT_VALUE_NUMBER,
                        v->value.number);
    bind_double_or_null(st, "$7", v->has_ratio, v->numerator);
    bind_double_or_null(st, "$8", v->has_ratio, v->denominator);
    bind_double_or_null(st, "$9", v->target.set, v->target.value);
    bind_double_or_null(st, "$10", v->target.set, v->target.high);
    db_bind_text(st, "$11", v->note && *v->note ? v->note : NULL);
    db_bind_id(st, "$12", by_id);
    return db_write(db, st, "the period is recorded twice", NULL, ctx);
}

/* The value in columns col (its kind) and col + 1 (the number); false
 * when the kind is NULL. */
static bool
read_value(struct db_statement *st, int col, struct gt_value *out)
{
    const char *kind = db_col_str(st, col);
    if (kind && strcmp(kind, "n") == 0) {
        out->kind = GT_VALUE_NUMBER;
        out->number = db_col_double(st, col + 1);
        return true;
    }
    return kind && gt_value_parse(kind, out);
}

static void
push_value(struct db_statement *st, void *list)
{
    struct gt_kpi_value *v = gt_kpi_values_push(list);
    v->id = db_col_int(st, 0);
    (void)gt_period_kind_parse(db_col_str(st, 1), &v->period.kind);
    v->period.start = db_col_date(st, 2);
    v->period.end = db_col_date(st, 3);
    v->has_value = read_value(st, 4, &v->value);
    v->has_ratio = !db_col_null(st, 6) && !db_col_null(st, 7);
    v->numerator = db_col_double(st, 6);
    v->denominator = db_col_double(st, 7);
    v->target.set = !db_col_null(st, 8);
    v->target.value = db_col_double(st, 8);
    v->target.high = db_col_double(st, 9);
    v->note = db_col_text(st, 10);
    v->entered_by = db_col_text(st, 11);
    v->entered_at = db_col_text(st, 12);
}

enum gt_rc
gt_db_kpi_values(struct gt_db *db, int64_t kpi_id, struct gt_kpi_values *out,
                 struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT v.id, v.period_kind, v.period_start, v.period_end, "
        "v.value_kind, v.value, v.numerator, v.denominator, v.target, "
        "v.target_high, v.note, p.name, v.entered_at "
        "FROM kpi_value v LEFT JOIN person p ON p.id = v.entered_by "
        "WHERE v.kpi_id = $1 ORDER BY v.period_end, v.period_start, v.id",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", kpi_id);
    return db_read_rows(db, st, push_value, out, ctx);
}

enum gt_rc
gt_db_kpi_link(struct gt_db *db, int64_t kpi_id, int64_t item_id,
               struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, "INSERT INTO kpi_link(kpi_id, item_id) VALUES ($1, $2)", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", kpi_id);
    db_bind_int(st, "$2", item_id);
    return db_write(db, st, "the indicator already measures that item", NULL,
                    ctx);
}

enum gt_rc
gt_db_kpi_items(struct gt_db *db, int64_t kpi_id, int32_t as_of,
                struct gt_items *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                ITEM_SELECT "JOIN kpi_link m ON m.item_id = i.id "
                            "WHERE m.kpi_id = $1 ORDER BY p.code, i.ref",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", kpi_id);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
gt_db_comparator_set(struct gt_db *db, int64_t kpi_id,
                     const struct gt_comparator *c, struct gt_ctx *ctx)
{
    char start[GT_DATE_ISO_LEN], end[GT_DATE_ISO_LEN];
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO kpi_comparator(kpi_id, period_kind, period_start, "
        "period_end, area_type, area, value_kind, value, entered_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, gt_now()) "
        "ON CONFLICT (kpi_id, period_kind, period_start, period_end, "
        "area_type, area) DO UPDATE SET value_kind = excluded.value_kind, "
        "value = excluded.value, entered_at = excluded.entered_at",
        ctx);
    if (!st)
        return GT_IO;
    gt_date_iso(c->period.start, start);
    gt_date_iso(c->period.end, end);
    db_bind_int(st, "$1", kpi_id);
    db_bind_text(st, "$2", gt_period_kind_code(c->period.kind));
    db_bind_text(st, "$3", start);
    db_bind_text(st, "$4", end);
    db_bind_text(st, "$5", gt_area_type_code(c->type));
    db_bind_text(st, "$6", c->area);
    db_bind_text(st, "$7", value_kind_code(&c->value));
    bind_double_or_null(st, "$8", c->value.kind == GT_VALUE_NUMBER,
                        c->value.number);
    return db_write(db, st, "the comparator is recorded twice", NULL, ctx);
}

static void
push_comparator(struct db_statement *st, void *list)
{
    struct gt_comparator *c = gt_comparators_push(list);
    (void)gt_period_kind_parse(db_col_str(st, 0), &c->period.kind);
    c->period.start = db_col_date(st, 1);
    c->period.end = db_col_date(st, 2);
    (void)gt_area_type_parse(db_col_str(st, 3), &c->type);
    c->area = db_col_text(st, 4);
    (void)read_value(st, 5, &c->value);
}

enum gt_rc
gt_db_comparators(struct gt_db *db, int64_t kpi_id, struct gt_comparators *out,
                  struct gt_ctx *ctx)
{
    /* the area types' codes do not sort in their reading order, so order
     * by it explicitly */
    struct db_statement *st = db_stmt(
        db,
        "SELECT period_kind, period_start, period_end, area_type, area, "
        "value_kind, value FROM kpi_comparator WHERE kpi_id = $1 "
        "ORDER BY period_end, period_start, "
        "CASE area_type WHEN 'england' THEN 0 WHEN 'region' THEN 1 "
        "WHEN 'neighbours' THEN 2 ELSE 3 END, area",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", kpi_id);
    return db_read_rows(db, st, push_comparator, out, ctx);
}

/* What a reader of gt_db_kpi_lists needs: the lists by indicator, and
 * which column holds a row's indicator. */
struct lists_reader {
    struct gt_kpi_lists *lists; /* sorted by kpi_id */
    size_t n;
    int kpi_column;
    size_t last; /* the lists the previous row went to: rows come grouped */
};

static int
by_kpi_id(const void *a, const void *b)
{
    const struct gt_kpi_lists *x = a, *y = b;
    return x->kpi_id < y->kpi_id ? -1 : x->kpi_id > y->kpi_id;
}

/* The lists of the row's indicator, or NULL when none was asked for. */
static struct gt_kpi_lists *
row_lists(struct db_statement *st, struct lists_reader *r)
{
    int64_t id = db_col_int(st, r->kpi_column);
    if (r->last < r->n && r->lists[r->last].kpi_id == id)
        return &r->lists[r->last];
    struct gt_kpi_lists key = {.kpi_id = id};
    struct gt_kpi_lists *found =
        bsearch(&key, r->lists, r->n, sizeof *r->lists, by_kpi_id);
    if (found)
        r->last = (size_t)(found - r->lists);
    return found;
}

static void
push_listed_value(struct db_statement *st, void *reader)
{
    struct gt_kpi_lists *l = row_lists(st, reader);
    if (l && l->values)
        push_value(st, l->values);
}

static void
push_listed_comparator(struct db_statement *st, void *reader)
{
    struct gt_kpi_lists *l = row_lists(st, reader);
    if (l && l->comparators)
        push_comparator(st, l->comparators);
}

static void
push_listed_item(struct db_statement *st, void *reader)
{
    struct gt_kpi_lists *l = row_lists(st, reader);
    if (l && l->items)
        db_read_item(st, gt_items_push(l->items));
}

enum gt_rc
gt_db_kpi_lists(struct gt_db *db, int32_t as_of, struct gt_kpi_lists *lists,
                size_t n, struct gt_ctx *ctx)
{
    if (n == 0)
        return GT_OK;
    qsort(lists, n, sizeof *lists, by_kpi_id);
    /* every indicator's rows, each after the columns its reader reads */
    struct lists_reader values = {lists, n, 13, 0};
    struct lists_reader comparators = {lists, n, 7, 0};
    struct lists_reader items = {lists, n, 17, 0};
    struct db_statement *st =
        db_stmt(db,
                "SELECT v.id, v.period_kind, v.period_start, v.period_end, "
                "v.value_kind, v.value, v.numerator, v.denominator, v.target, "
                "v.target_high, v.note, p.name, v.entered_at, v.kpi_id "
                "FROM kpi_value v LEFT JOIN person p ON p.id = v.entered_by "
                "ORDER BY v.kpi_id, v.period_end, v.period_start, v.id",
                ctx);
    enum gt_rc rc =
        st ? db_read_rows(db, st, push_listed_value, &values, ctx) : GT_IO;
    if (rc != GT_OK)
        return rc;
    st = db_stmt(db,
                 "SELECT period_kind, period_start, period_end, area_type, "
                 "area, value_kind, value, kpi_id FROM kpi_comparator "
                 "ORDER BY kpi_id, period_end, period_start, "
                 "CASE area_type WHEN 'england' THEN 0 WHEN 'region' THEN 1 "
                 "WHEN 'neighbours' THEN 2 ELSE 3 END, area",
                 ctx);
    rc = st ? db_read_rows(db, st, push_listed_comparator, &comparators, ctx)
            : GT_IO;
    if (rc != GT_OK)
        return rc;
    /* SQLite's CROSS JOIN keeps the links the outer loop, each item read
     * by its id; PostgreSQL takes no ON after CROSS JOIN and plans the
     * order itself */
    st = db_stmt_dialect(db,
                         "SELECT " ITEM_COLUMNS ", m.kpi_id FROM kpi_link m "
                         "CROSS JOIN item i ON i.id = m.item_id " ITEM_JOINS
                         "ORDER BY m.kpi_id, p.code, i.ref",
                         "SELECT " ITEM_COLUMNS ", m.kpi_id FROM kpi_link m "
                         "JOIN item i ON i.id = m.item_id " ITEM_JOINS
                         "ORDER BY m.kpi_id, p.code, i.ref",
                         ctx);
    if (!st)
        return GT_IO;
    db_bind_as_of(st, "$asof", as_of);
    return db_read_rows(db, st, push_listed_item, &items, ctx);
}
