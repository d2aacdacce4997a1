/*
 * kpi_import: indicator values from CSV, and back out. See kpi_io.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/kpi.h"
#include "core/mem.h"
#include "io/csv.h"
#include "io/csv_header.h"
#include "io/kpi_io.h"

enum col { C_CODE, C_PERIOD, C_VALUE, C_NUM, C_DEN, C_TARGET, C_NOTE, C_N };

static const struct gt_csv_column columns[C_N] = {
    [C_CODE] = {"Code", {NULL}, true},
    [C_PERIOD] = {"Period", {NULL}, true},
    [C_VALUE] = {"Value", {NULL}, false},
    [C_NUM] = {"Numerator", {NULL}, false},
    [C_DEN] = {"Denominator", {NULL}, false},
    [C_TARGET] = {"Target", {NULL}, false},
    [C_NOTE] = {"Note", {NULL}, false},
};

/* An indicator already looked up, so each row does not query again. */
struct known {
    struct gt_kpi kpi;
    bool missing; /* looked up and not found */
};

/* A period already given in this file, to refuse a second; kept in an
 * open-addressing table so a long file is checked in linear time. */
struct seen {
    int64_t kpi_id; /* 0: empty slot (ids start at 1) */
    struct gt_period period;
    long line;
};

struct importer {
    struct gt_db *db;
    struct gt_csv *csv;
    struct gt_ctx *ctx;
    struct gt_csv_header header;
    long n_errors;
    struct known *known;
    size_t n_known;
    struct seen *seen; /* table of seen_size slots, a power of two */
    size_t n_seen, seen_size;
};

static void cell_error(struct importer *im, enum col c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cell_error(struct importer *im, enum col c, const char *fmt, ...)
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
cell(struct importer *im, enum col c, char *buf, size_t len)
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
lookup(struct importer *im, const char *code)
{
    for (size_t i = 0; i < im->n_known; i++)
        if (strcmp(im->known[i].kpi.code, code) == 0)
            return im->known[i].missing ? NULL : &im->known[i].kpi;
    im->known = xrealloc(im->known, (im->n_known + 1) * sizeof *im->known);
    struct known *k = &im->known[im->n_known++];
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    k->missing = gt_db_kpi_get(im->db, code, &k->kpi, &quiet) != GT_OK;
    gt_ctx_finish(&quiet);
    if (k->missing) {
        gt_kpi_finish(&k->kpi);
        k->kpi.code = xstrdup(code);
        return NULL;
    }
    return &k->kpi;
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

static size_t
seen_slot(const struct seen *table, size_t size, int64_t kpi_id,
          const struct gt_period *p)
{
    uint64_t h = (uint64_t)kpi_id * 0x9E3779B97F4A7C15u;
    h ^= ((uint64_t)(uint32_t)p->start << 32 | (uint32_t)p->end) +
         (uint64_t)p->kind + (h << 6) + (h >> 2);
    size_t i = (size_t)(h ^ (h >> 29)) & (size_t)(size - 1);
    while (table[i].kpi_id &&
           !(table[i].kpi_id == kpi_id && gt_period_equal(&table[i].period, p)))
        i = (i + 1) & (size - 1);
    return i;
}

static void
seen_grow(struct importer *im)
{
    size_t size = im->seen_size ? im->seen_size * 2 : 64;
    struct seen *table = xcalloc(size, sizeof *table);
    for (size_t i = 0; i < im->seen_size; i++)
        if (im->seen[i].kpi_id)
            table[seen_slot(table, size, im->seen[i].kpi_id,
                            &im->seen[i].period)] = im->seen[i];
    free(im->seen);
    im->seen = table;
    im->seen_size = size;
}

static void
remember_period(struct importer *im, int64_t kpi_id, const struct gt_period *p)
{
    if (2 * (im->n_seen + 1) > im->seen_size)
        seen_grow(im);
    size_t i = seen_slot(im->seen, im->seen_size, kpi_id, p);
    if (im->seen[i].kpi_id) {
        cell_error(im, C_PERIOD, "this period was already given on line %ld",
                   im->seen[i].line);
        return;
    }
    im->seen[i] = (struct seen){kpi_id, *p, gt_csv_line(im->csv)};
    im->n_seen++;
}

/* Read the current row into *v, its note into note (which v->note then
 * borrows); false (after errors) when it is bad. */
static bool
read_row(struct importer *im, const struct gt_kpi **kpi, struct gt_kpi_value *v,
         char *note, size_t note_len)
{
    char code[256], period[128], value[64], num[64], den[64], target[128];
    long before = im->n_errors;
    const char *msg;
    memset(v, 0, sizeof *v);
    cell(im, C_CODE, code, sizeof code);
    *kpi = *code ? lookup(im, code) : NULL;
    if (!*code)
        cell_error(im, C_CODE, "an indicator code is needed");
    else if (!*kpi)
        cell_error(im, C_CODE,
                   "there is no indicator \"%s\" (add it with goldthread "
                   "kpi add)",
                   code);
    if ((msg = gt_period_parse(cell(im, C_PERIOD, period, sizeof period),
                               &v->period)))
        cell_error(im, C_PERIOD, "\"%s\": %s; expected %s", period, msg,
                   GT_PERIOD_EXPECTED);
    cell(im, C_VALUE, value, sizeof value);
    cell(im, C_NUM, num, sizeof num);
    cell(im, C_DEN, den, sizeof den);
    if (*num || *den) {
        v->has_ratio = parse_number(num, &v->numerator) &&
                       parse_number(den, &v->denominator);
        if (!v->has_ratio)
            cell_error(im,
                       *num && parse_number(num, &v->numerator) ? C_DEN : C_NUM,
                       "numerator and denominator are numbers, given together");
        else if (v->denominator <= 0 || v->numerator < 0)
            cell_error(im, C_DEN,
                       "the denominator must be above 0 and the numerator "
                       "not below 0");
    }
    if (*value) {
        v->has_value = gt_value_parse(value, &v->value);
        if (!v->has_value)
            cell_error(im, C_VALUE, "\"%s\" is not a number or x, z, c or low",
                       value);
    } else if (v->has_ratio && *kpi && im->n_errors == before) {
        v->has_value = gt_kpi_rate((*kpi)->unit, v->numerator, v->denominator,
                                   &v->value.number);
        v->value.kind = GT_VALUE_NUMBER;
    }
    cell(im, C_TARGET, target, sizeof target);
    if (*target && *kpi && !parse_target(target, (*kpi)->polarity, &v->target))
        cell_error(im, C_TARGET,
                   (*kpi)->polarity == GT_WITHIN_BAND
                       ? "\"%s\": a band is written as two numbers, such as "
                         "60 to 70"
                       : "\"%s\" is not a number",
                   target);
    cell(im, C_NOTE, note, note_len);
    v->note = note;
    if (!v->has_value && !v->target.set && im->n_errors == before)
        cell_error(im, C_VALUE,
                   "give a value, a numerator and denominator, "
                   "or a target");
    if (*kpi && im->n_errors == before)
        remember_period(im, (*kpi)->id, &v->period);
    return im->n_errors == before;
}

static enum gt_rc
import_rows(struct importer *im, const char *entered_by, long *rows)
{
    enum gt_rc rc;
    char note[4096];
    while ((rc = gt_csv_next(im->csv, im->ctx)) == GT_OK) {
        const struct gt_kpi *kpi;
        struct gt_kpi_value v;
        if (!read_row(im, &kpi, &v, note, sizeof note) || im->n_errors)
            continue;
        if ((rc = gt_db_kpi_value_set(im->db, kpi->id, &v, entered_by,
                                      im->ctx)) != GT_OK)
            return rc;
        (*rows)++;
    }
    if (rc != GT_DONE)
        return rc;
    return im->n_errors ? GT_INVALID : GT_OK;
}

enum gt_rc
gt_kpi_import(struct gt_db *db, FILE *f, const char *name,
              const char *entered_by, long *rows, struct gt_ctx *ctx)
{
    struct importer im = {.db = db, .ctx = ctx};
    enum gt_rc rc;
    *rows = 0;
    im.csv = gt_csv_open(f, name, NULL);
    if ((rc = gt_csv_header_read(&im.header, im.csv, columns, C_N, ctx)) !=
        GT_OK)
        goto done;
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        goto done;
    rc = import_rows(&im, entered_by, rows);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK) {
        gt_db_rollback(db);
        *rows = 0;
    }
done:
    for (size_t i = 0; i < im.n_known; i++)
        gt_kpi_finish(&im.known[i].kpi);
    free(im.known);
    free(im.seen);
    gt_csv_header_finish(&im.header);
    gt_csv_close(im.csv);
    return rc;
}

/* A number as the import reads it back exactly, in the fewest decimal
 * places that do so (people read these files too). */
static void
exact(double v, char *out, size_t len)
{
    for (int places = 0; places <= 6; places++) {
        snprintf(out, len, "%.*f", places, v);
        if (strtod(out, NULL) == v)
            return;
    }
    snprintf(out, len, "%.17g", v);
}

static bool
export_kpi(struct gt_db *db, const struct gt_kpi *k, FILE *out,
           struct gt_ctx *ctx, enum gt_rc *rc)
{
    struct gt_kpi_values values = {0};
    bool ok = true;
    if ((*rc = gt_db_kpi_values(db, k->id, &values, ctx)) != GT_OK)
        return false;
    for (size_t i = 0; ok && i < values.n; i++) {
        const struct gt_kpi_value *v = &values.v[i];
        char period[GT_PERIOD_TEXT_LEN], value[64] = "", num[64] = "",
                                         den[64] = "", target[140] = "";
        gt_period_format(&v->period, period);
        double rate;
        bool from_parts =
            v->has_ratio &&
            gt_kpi_rate(k->unit, v->numerator, v->denominator, &rate) &&
            v->has_value && v->value.kind == GT_VALUE_NUMBER &&
            rate == v->value.number;
        /* a rate left to its parts reads back the same and stays readable */
        if (from_parts)
            ;
        else if (v->has_value && v->value.kind == GT_VALUE_NUMBER)
            exact(v->value.number, value, sizeof value);
        else if (v->has_value)
            gt_value_format(&v->value, 0, value, sizeof value);
        if (v->has_ratio) {
            exact(v->numerator, num, sizeof num);
            exact(v->denominator, den, sizeof den);
        }
        if (v->target.set) {
            char lo[64], hi[64];
            exact(v->target.value, lo, sizeof lo);
            exact(v->target.high, hi, sizeof hi);
            if (k->polarity == GT_WITHIN_BAND)
                snprintf(target, sizeof target, "%s to %s", lo, hi);
            else
                snprintf(target, sizeof target, "%s", lo);
        }
        const char *row[C_N] = {
            k->code, period, value, num, den, target, v->note ? v->note : ""};
        ok = gt_csv_write_row(out, row, C_N);
    }
    gt_kpi_values_finish(&values);
    if (!ok)
        *rc = gt_err(ctx, GT_IO, "cannot write the export");
    return ok;
}

enum gt_rc
gt_kpi_export(struct gt_db *db, const char *code, FILE *out, struct gt_ctx *ctx)
{
    struct gt_kpis kpis = {0};
    enum gt_rc rc = GT_OK;
    if (code) {
        rc = gt_db_kpi_get(db, code, gt_kpis_push(&kpis), ctx);
    } else {
        rc = gt_db_kpi_list(db, &kpis, ctx);
    }
    const char *names[C_N];
    for (int c = 0; c < C_N; c++)
        names[c] = columns[c].name;
    if (rc == GT_OK && !gt_csv_write_row(out, names, C_N))
        rc = gt_err(ctx, GT_IO, "cannot write the export");
    for (size_t i = 0; rc == GT_OK && i < kpis.n; i++)
        export_kpi(db, &kpis.v[i], out, ctx, &rc);
    gt_kpis_finish(&kpis);
    return rc;
}
