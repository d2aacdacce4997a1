/*
 * kpi_import: indicator values and comparators from CSV. See kpi_io.h.
 *
 * Both files share the machinery here: header matching, indicators looked
 * up once, every row checked (also after an earlier row failed), a period
 * given twice refused. Reading makes a draft with no database of its own
 * (the indicators come from a finder: the store's, read before any lock,
 * or a fuzz target's fixed list); the draft is then written in one
 * transaction, only when no row had a problem.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/comparator.h"
#include "core/kpi.h"
#include "core/mem.h"
#include "io/csv.h"
#include "io/csv_header.h"
#include "io/kpi_io.h"

enum col { C_CODE, C_PERIOD, C_VALUE, C_NUM, C_DEN, C_TARGET, C_NOTE, C_N };
_Static_assert(C_N == GT_KPI_VALUE_COLUMNS, "kpi_io.h counts the columns");

static const struct gt_csv_column value_columns[C_N] = {
    [C_CODE] = {"Code", {NULL}, true},
    [C_PERIOD] = {"Period", {NULL}, true},
    [C_VALUE] = {"Value", {NULL}, false},
    [C_NUM] = {"Numerator", {NULL}, false},
    [C_DEN] = {"Denominator", {NULL}, false},
    [C_TARGET] = {"Target", {NULL}, false},
    [C_NOTE] = {"Note", {NULL}, false},
};

/* The comparator file's columns; Code and Period come first in both. */
enum ccol { CC_CODE, CC_PERIOD, CC_TYPE, CC_AREA, CC_VALUE, CC_N };
_Static_assert(CC_N == GT_COMPARATOR_COLUMNS, "kpi_io.h counts the columns");

static const struct gt_csv_column comparator_columns[CC_N] = {
    [CC_CODE] = {"Code", {NULL}, true},
    [CC_PERIOD] = {"Period", {NULL}, true},
    [CC_TYPE] = {"Area type", {"comparator", "type"}, true},
    [CC_AREA] = {"Area", {"area name", "name"}, false},
    [CC_VALUE] = {"Value", {NULL}, true},
};

/* An indicator already looked up, so each row does not query again. */
struct known {
    struct gt_kpi kpi;
    bool missing; /* looked up and not found */
};

/* A row's key already given in this file, to refuse a second; kept in an
 * open-addressing table so a long file is checked in linear time. */
struct seen {
    int64_t kpi_id; /* 0: empty slot (ids start at 1) */
    struct gt_period period;
    int type;   /* a comparator's area type; 0 for values */
    char *area; /* a comparator's area; owned; NULL for values */
    long line;
};

/* A row ready to write: a value or a comparator of an indicator. */
struct draft_row {
    int64_t kpi_id;
    struct gt_kpi_value value;       /* note owned */
    struct gt_comparator comparator; /* area owned */
};

struct gt_kpi_draft {
    bool comparators;
    struct draft_row *rows;
    size_t n, alloc;
};

struct importer {
    gt_kpi_finder find;
    void *find_arg;
    struct gt_kpi_draft *draft;
    struct gt_csv *csv;
    struct gt_ctx *ctx;
    struct gt_csv_header header;
    long n_errors;
    struct seen *seen; /* table of seen_size slots, a power of two */
    size_t n_seen, seen_size;
};

/* The store's indicators, each looked up once. */
struct store_finder {
    struct gt_db *db;
    struct known *known;
    size_t n_known;
};

static void cell_error(struct importer *im, int c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cell_error(struct importer *im, int c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gt_csv_cell_error(&im->header, im->csv, c, im->ctx, "%s", msg);
    im->n_errors++;
}

/* The trimmed, unguarded cell of column c, copied into buf. */
static const char *
cell(struct importer *im, int c, char *buf, size_t len)
{
    size_t n;
    const char *s = gt_csv_cell(&im->header, im->csv, c, &n);
    if (n >= len) {
        /* never cut a cell short: a shortened number is a different one */
        cell_error(im, c, "longer than %zu characters", len - 1);
        n = 0;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static const struct gt_kpi *
store_find(void *arg, const char *code)
{
    struct store_finder *sf = arg;
    for (size_t i = 0; i < sf->n_known; i++)
        if (strcmp(sf->known[i].kpi.code, code) == 0)
            return sf->known[i].missing ? NULL : &sf->known[i].kpi;
    sf->known = xrealloc(sf->known, (sf->n_known + 1) * sizeof *sf->known);
    struct known *k = &sf->known[sf->n_known++];
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    k->missing = gt_db_kpi_get(sf->db, code, &k->kpi, &quiet) != GT_OK;
    gt_ctx_finish(&quiet);
    if (k->missing) {
        gt_kpi_finish(&k->kpi);
        k->kpi.code = xstrdup(code);
        return NULL;
    }
    return &k->kpi;
}

/* The indicator named in column CODE (both files' first column), with an
 * error when there is none. */
static const struct gt_kpi *
read_code(struct importer *im)
{
    char code[256];
    cell(im, C_CODE, code, sizeof code);
    if (!*code) {
        cell_error(im, C_CODE, "an indicator code is needed");
        return NULL;
    }
    const struct gt_kpi *k = im->find(im->find_arg, code);
    if (!k)
        cell_error(im, C_CODE,
                   "there is no indicator \"%s\" (add it with goldthread "
                   "kpi add)",
                   code);
    return k;
}

/* The period in column PERIOD (both files' second column). */
static void
read_period(struct importer *im, struct gt_period *out)
{
    char period[128];
    const char *msg =
        gt_period_parse(cell(im, C_PERIOD, period, sizeof period), out);
    if (msg)
        cell_error(im, C_PERIOD, "\"%s\": %s; expected %s", period, msg,
                   GT_PERIOD_EXPECTED);
}

static bool
parse_number(const char *s, double *out)
{
    char *end;
    if (!*s)
        return false;
    *out = strtod(s, &end);
    return *end == '\0' && isfinite(*out);
}

/* "70", or "60 to 70" for a band. */
static bool
parse_target(const char *s, enum gt_polarity polarity, struct gt_target *t)
{
    char lo[64];
    const char *to = strstr(s, " to ");
    t->set = true;
    if (polarity != GT_WITHIN_BAND)
        return !to && parse_number(s, &t->value);
    if (!to || (size_t)(to - s) >= sizeof lo)
        return false;
    memcpy(lo, s, (size_t)(to - s));
    lo[to - s] = '\0';
    return parse_number(lo, &t->value) && parse_number(to + 4, &t->high) &&
           t->value <= t->high;
}

static bool
same_key(const struct seen *s, int64_t kpi_id, const struct gt_period *p,
         int type, const char *area)
{
    return s->kpi_id == kpi_id && gt_period_equal(&s->period, p) &&
           s->type == type &&
           (area ? s->area && strcmp(s->area, area) == 0 : !s->area);
}

static size_t
seen_slot(const struct seen *table, size_t size, int64_t kpi_id,
          const struct gt_period *p, int type, const char *area)
{
    uint64_t h = (uint64_t)kpi_id * 0x9E3779B97F4A7C15u;
    h ^= ((uint64_t)(uint32_t)p->start << 32 | (uint32_t)p->end) +
         (uint64_t)p->kind + (uint64_t)type * 31 + (h << 6) + (h >> 2);
    for (const char *c = area; c && *c; c++)
        h = (h ^ (unsigned char)*c) * 0x100000001B3u;
    size_t i = (size_t)(h ^ (h >> 29)) & (size_t)(size - 1);
    while (table[i].kpi_id && !same_key(&table[i], kpi_id, p, type, area))
        i = (i + 1) & (size - 1);
    return i;
}

static void
seen_grow(struct importer *im)
{
    size_t size = im->seen_size ? im->seen_size * 2 : 64;
    struct seen *table = xcalloc(size, sizeof *table);
    for (size_t i = 0; i < im->seen_size; i++) {
        const struct seen *s = &im->seen[i];
        if (s->kpi_id)
            table[seen_slot(table, size, s->kpi_id, &s->period, s->type,
                            s->area)] = *s;
    }
    free(im->seen);
    im->seen = table;
    im->seen_size = size;
}

/* Refuse a key the file gave before (the error goes on column col). */
static void
remember(struct importer *im, int col, int64_t kpi_id,
         const struct gt_period *p, int type, const char *area)
{
    if (2 * (im->n_seen + 1) > im->seen_size)
        seen_grow(im);
    size_t i = seen_slot(im->seen, im->seen_size, kpi_id, p, type, area);
    if (im->seen[i].kpi_id) {
        cell_error(im, col, "this %s was already given on line %ld",
                   area ? "comparator" : "period", im->seen[i].line);
        return;
    }
    im->seen[i] = (struct seen){kpi_id, *p, type, area ? xstrdup(area) : NULL,
                                gt_csv_line(im->csv)};
    im->n_seen++;
}

/* A value given with its numerator and denominator must be their rate,
 * as shown to the indicator's decimals (a published 25.8 for 896 / 3471
 * is right; 30.5 is a typing slip in one of the three). */
static void
check_rate(struct importer *im, const struct gt_kpi *kpi,
           const struct gt_kpi_value *v)
{
    double rate;
    if (v->value.kind != GT_VALUE_NUMBER ||
        !gt_kpi_rate(kpi->unit, v->numerator, v->denominator, &rate))
        return;
    double shown = gt_round_half_away(rate, kpi->decimals);
    double slack = 0.5 * pow(10, -kpi->decimals) + 1e-9 * fabs(rate);
    if (fabs(v->value.number - rate) > slack &&
        fabs(v->value.number - shown) > 1e-9 * fabs(rate))
        cell_error(im, C_VALUE,
                   "%g is not the rate of %g out of %g, which is %.*f; "
                   "correct one of the three, or leave Value empty",
                   v->value.number, v->numerator, v->denominator, kpi->decimals,
                   shown);
}

static struct draft_row *
add_row(struct gt_kpi_draft *d)
{
    if (d->n == d->alloc) {
        d->alloc = d->alloc ? d->alloc * 2 : 64;
        d->rows = xrealloc(d->rows, d->alloc * sizeof *d->rows);
    }
    struct draft_row *r = &d->rows[d->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Check the current row of a values file and, when the file has had no
 * problem so far, keep it for writing. */
static enum gt_rc
value_row(struct importer *im)
{
    char value[64], num[64], den[64], target[128], note[4096];
    long before = im->n_errors;
    struct gt_kpi_value v = {0};
    const struct gt_kpi *kpi = read_code(im);
    read_period(im, &v.period);
    cell(im, C_VALUE, value, sizeof value);
    cell(im, C_NUM, num, sizeof num);
    cell(im, C_DEN, den, sizeof den);
    if (*num || *den) {
        v.has_ratio = parse_number(num, &v.numerator) &&
                      parse_number(den, &v.denominator);
        if (!v.has_ratio)
            cell_error(im,
                       *num && parse_number(num, &v.numerator) ? C_DEN : C_NUM,
                       "numerator and denominator are numbers, given together");
        else if (v.denominator <= 0 || v.numerator < 0)
            cell_error(im, C_DEN,
                       "the denominator must be above 0 and the numerator "
                       "not below 0");
    }
    if (*value) {
        v.has_value = gt_value_parse(value, &v.value);
        if (!v.has_value)
            cell_error(im, C_VALUE, "\"%s\" is not a number or x, z, c or low",
                       value);
        else if (v.has_ratio && kpi && im->n_errors == before)
            check_rate(im, kpi, &v);
    } else if (v.has_ratio && kpi && im->n_errors == before) {
        v.has_value =
            gt_kpi_rate(kpi->unit, v.numerator, v.denominator, &v.value.number);
        v.value.kind = GT_VALUE_NUMBER;
    }
    cell(im, C_TARGET, target, sizeof target);
    if (*target && kpi && !parse_target(target, kpi->polarity, &v.target))
        cell_error(im, C_TARGET,
                   kpi->polarity == GT_WITHIN_BAND
                       ? "\"%s\": a band is written as two numbers, such as "
                         "60 to 70"
                       : "\"%s\" is not a number",
                   target);
    cell(im, C_NOTE, note, sizeof note);
    v.note = note;
    if (!v.has_value && !v.target.set && im->n_errors == before)
        cell_error(im, C_VALUE,
                   "give a value, a numerator and denominator, "
                   "or a target");
    if (kpi && im->n_errors == before)
        remember(im, C_PERIOD, kpi->id, &v.period, 0, NULL);
    if (im->n_errors)
        return GT_OK;
    struct draft_row *r = add_row(im->draft);
    r->kpi_id = kpi->id;
    r->value = v;
    r->value.note = xstrdup(note);
    return GT_OK;
}

/* The same for a comparators file. */
static enum gt_rc
comparator_row(struct importer *im)
{
    char type[64], area[256], value[64];
    long before = im->n_errors;
    struct gt_comparator c = {0};
    const struct gt_kpi *kpi = read_code(im);
    read_period(im, &c.period);
    if (!gt_area_type_parse(cell(im, CC_TYPE, type, sizeof type), &c.type))
        cell_error(im, CC_TYPE,
                   "\"%s\": expected England, Region, Statistical neighbours "
                   "or Council",
                   type);
    cell(im, CC_AREA, area, sizeof area);
    if (!*area && c.type == GT_AREA_ENGLAND)
        snprintf(area, sizeof area, "England");
    else if (!*area)
        cell_error(im, CC_AREA,
                   "name the %s (such as \"North West\" or "
                   "\"Statistical neighbours (10)\")",
                   c.type == GT_AREA_AUTHORITY ? "council" : "area");
    c.area = area;
    if (!gt_value_parse(cell(im, CC_VALUE, value, sizeof value), &c.value))
        cell_error(im, CC_VALUE, "\"%s\" is not a number or x, z, c or low",
                   value);
    if (kpi && im->n_errors == before)
        remember(im, CC_AREA, kpi->id, &c.period, (int)c.type + 1, area);
    if (im->n_errors)
        return GT_OK;
    struct draft_row *r = add_row(im->draft);
    r->kpi_id = kpi->id;
    r->comparator = c;
    r->comparator.area = xstrdup(area);
    return GT_OK;
}

void
gt_kpi_draft_free(struct gt_kpi_draft *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->rows[i].value.note);
        free(d->rows[i].comparator.area);
    }
    free(d->rows);
    free(d);
}

size_t
gt_kpi_draft_rows(const struct gt_kpi_draft *d)
{
    return d ? d->n : 0;
}

enum gt_rc
gt_kpi_draft_read(struct gt_csv *csv, bool comparators, gt_kpi_finder find,
                  void *find_arg, struct gt_kpi_draft **out, struct gt_ctx *ctx)
{
    struct importer im = {
        .find = find, .find_arg = find_arg, .ctx = ctx, .csv = csv};
    enum gt_rc rc;
    *out = NULL;
    im.draft = xcalloc(1, sizeof *im.draft);
    im.draft->comparators = comparators;
    rc = gt_csv_header_read(&im.header, im.csv,
                            comparators ? comparator_columns : value_columns,
                            comparators ? CC_N : C_N, ctx);
    while (rc == GT_OK && (rc = gt_csv_next(im.csv, ctx)) == GT_OK)
        rc = comparators ? comparator_row(&im) : value_row(&im);
    if (rc == GT_DONE)
        rc = im.n_errors ? GT_INVALID : GT_OK;
    if (rc == GT_OK)
        *out = im.draft;
    else
        gt_kpi_draft_free(im.draft);
    for (size_t i = 0; i < im.seen_size; i++)
        free(im.seen[i].area);
    free(im.seen);
    gt_csv_header_finish(&im.header);
    return rc;
}

enum gt_rc
gt_kpi_draft_write(struct gt_db *db, const struct gt_kpi_draft *d,
                   const char *entered_by, long *rows, struct gt_ctx *ctx)
{
    *rows = 0;
    /* a failed begin opened nothing: there is nothing of ours to undo
     * (and a caller's transaction must be left to the caller) */
    enum gt_rc rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        return rc;
    for (size_t i = 0; rc == GT_OK && i < d->n; i++) {
        const struct draft_row *r = &d->rows[i];
        rc = d->comparators
                 ? gt_db_comparator_set(db, r->kpi_id, &r->comparator, ctx)
                 : gt_db_kpi_value_set(db, r->kpi_id, &r->value, entered_by,
                                       ctx);
    }
    if (rc != GT_OK) {
        gt_db_rollback(db);
        return rc;
    }
    if ((rc = gt_db_commit(db, ctx)) == GT_OK)
        *rows = (long)d->n;
    return rc;
}

/* Read the file against the store's indicators (before any lock), then
 * write it. */
static enum gt_rc
import(struct gt_db *db, struct gt_csv *csv, const char *entered_by,
       bool comparators, long *rows, struct gt_ctx *ctx)
{
    struct store_finder sf = {.db = db};
    struct gt_kpi_draft *draft = NULL;
    *rows = 0;
    enum gt_rc rc =
        gt_kpi_draft_read(csv, comparators, store_find, &sf, &draft, ctx);
    if (rc == GT_OK)
        rc = gt_kpi_draft_write(db, draft, entered_by, rows, ctx);
    gt_kpi_draft_free(draft);
    for (size_t i = 0; i < sf.n_known; i++)
        gt_kpi_finish(&sf.known[i].kpi);
    free(sf.known);
    return rc;
}

enum gt_rc
gt_kpi_import_rows(struct gt_db *db, struct gt_csv *rows,
                   const char *entered_by, long *n, struct gt_ctx *ctx)
{
    return import(db, rows, entered_by, false, n, ctx);
}

enum gt_rc
gt_comparator_import_rows(struct gt_db *db, struct gt_csv *rows, long *n,
                          struct gt_ctx *ctx)
{
    return import(db, rows, NULL, true, n, ctx);
}

enum gt_rc
gt_kpi_import(struct gt_db *db, FILE *f, const char *name,
              const char *entered_by, long *rows, struct gt_ctx *ctx)
{
    struct gt_csv *csv = gt_csv_open(f, name, NULL);
    enum gt_rc rc = gt_kpi_import_rows(db, csv, entered_by, rows, ctx);
    gt_csv_close(csv);
    return rc;
}

enum gt_rc
gt_comparator_import(struct gt_db *db, FILE *f, const char *name, long *rows,
                     struct gt_ctx *ctx)
{
    struct gt_csv *csv = gt_csv_open(f, name, NULL);
    enum gt_rc rc = gt_comparator_import_rows(db, csv, rows, ctx);
    gt_csv_close(csv);
    return rc;
}

enum gt_rc
gt_kpi_set(struct gt_db *db, const char *const cells[GT_KPI_VALUE_COLUMNS],
           const char *name, const char *entered_by, struct gt_ctx *ctx)
{
    /* One row through the importer, so a form, the command line and files
     * are checked by the same rules and give the same messages. */
    const char *headings[GT_KPI_VALUE_COLUMNS];
    char *text = NULL;
    size_t len = 0;
    long rows;
    gt_kpi_value_headings(headings);
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return gt_err(ctx, GT_IO, "out of memory");
    bool ok = gt_csv_write_row(mem, headings, GT_KPI_VALUE_COLUMNS) &&
              gt_csv_write_row(mem, cells, GT_KPI_VALUE_COLUMNS);
    fclose(mem);
    FILE *in = ok ? fmemopen(text, len, "rb") : NULL;
    enum gt_rc rc = in ? gt_kpi_import(db, in, name, entered_by, &rows, ctx)
                       : gt_err(ctx, GT_IO, "out of memory");
    if (in)
        fclose(in);
    free(text);
    return rc;
}

void
gt_kpi_value_headings(const char *out[GT_KPI_VALUE_COLUMNS])
{
    for (int c = 0; c < C_N; c++)
        out[c] = value_columns[c].name;
}

void
gt_comparator_headings(const char *out[GT_COMPARATOR_COLUMNS])
{
    for (int c = 0; c < CC_N; c++)
        out[c] = comparator_columns[c].name;
}
