/*
 * kpi_export: indicator values and comparators out as CSV, in the shapes
 * kpi_import.c reads. See kpi_io.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/comparator.h"
#include "core/kpi.h"
#include "io/csv.h"
#include "io/kpi_io.h"

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
export_values(struct gt_db *db, const struct gt_kpi *k, bool disclose,
              FILE *out, struct gt_ctx *ctx, enum gt_rc *rc)
{
    struct gt_kpi_values values = {0};
    bool ok = true;
    if ((*rc = gt_db_kpi_values(db, k->id, &values, ctx)) != GT_OK)
        return false;
    if (!disclose)
        gt_kpi_values_suppress(k, &values);
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
        const char *row[GT_KPI_VALUE_COLUMNS] = {
            k->code, period, value, num, den, target, v->note ? v->note : ""};
        ok = gt_csv_write_row(out, row, GT_KPI_VALUE_COLUMNS);
    }
    gt_kpi_values_finish(&values);
    if (!ok)
        *rc = gt_err(ctx, GT_IO, "cannot write the export");
    return ok;
}

static bool
export_comparators(struct gt_db *db, const struct gt_kpi *k, bool disclose,
                   FILE *out, struct gt_ctx *ctx, enum gt_rc *rc)
{
    (void)disclose; /* other areas' published figures are suppressed at
                     * source */
    struct gt_comparators list = {0};
    bool ok = true;
    if ((*rc = gt_db_comparators(db, k->id, &list, ctx)) != GT_OK)
        return false;
    for (size_t i = 0; ok && i < list.n; i++) {
        const struct gt_comparator *c = &list.v[i];
        char period[GT_PERIOD_TEXT_LEN], value[64];
        gt_period_format(&c->period, period);
        if (c->value.kind == GT_VALUE_NUMBER)
            exact(c->value.number, value, sizeof value);
        else
            gt_value_format(&c->value, 0, value, sizeof value);
        const char *row[GT_COMPARATOR_COLUMNS] = {
            k->code, period, gt_area_type_word(c->type), c->area, value};
        ok = gt_csv_write_row(out, row, GT_COMPARATOR_COLUMNS);
    }
    gt_comparators_finish(&list);
    if (!ok)
        *rc = gt_err(ctx, GT_IO, "cannot write the export");
    return ok;
}

/* The header, then each indicator's rows (of one indicator when code is
 * not NULL). */
static enum gt_rc export(struct gt_db *db, const char *code, bool disclose,
                         FILE *out, const char **headings, size_t n_headings,
                         bool (*rows)(struct gt_db *, const struct gt_kpi *,
                                      bool, FILE *, struct gt_ctx *,
                                      enum gt_rc *),
                         struct gt_ctx *ctx) {
    struct gt_kpis kpis = {0};
    enum gt_rc rc = code ? gt_db_kpi_get(db, code, gt_kpis_push(&kpis), ctx)
                         : gt_db_kpi_list(db, &kpis, ctx);
    if (rc == GT_OK && !gt_csv_write_row(out, headings, n_headings))
        rc = gt_err(ctx, GT_IO, "cannot write the export");
    for (size_t i = 0; rc == GT_OK && i < kpis.n; i++)
        rows(db, &kpis.v[i], disclose, out, ctx, &rc);
    gt_kpis_finish(&kpis);
    return rc;
}

enum gt_rc
gt_kpi_export(struct gt_db *db, const char *code, bool disclose, FILE *out,
              struct gt_ctx *ctx)
{
    const char *headings[GT_KPI_VALUE_COLUMNS];
    gt_kpi_value_headings(headings);
    return export(db, code, disclose, out, headings, GT_KPI_VALUE_COLUMNS,
                  export_values, ctx);
}

enum gt_rc
gt_comparator_export(struct gt_db *db, const char *code, FILE *out,
                     struct gt_ctx *ctx)
{
    const char *headings[GT_COMPARATOR_COLUMNS];
    gt_comparator_headings(headings);
    return export(db, code, true, out, headings, GT_COMPARATOR_COLUMNS,
                  export_comparators, ctx);
}
