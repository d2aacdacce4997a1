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
#include "io/table_out.h"

static bool
export_values(struct gt_db *db, const struct gt_kpi *k, bool disclose,
              struct gt_table_out *out, struct gt_ctx *ctx, enum gt_rc *rc)
{
    struct gt_kpi_values values = {0};
    const bool ok = true;
    if ((*rc = gt_db_kpi_values(db, k->id, &values, ctx)) != GT_OK)
        return false;
    if (!disclose)
        gt_kpi_values_suppress(k, &values);
    for (size_t i = 0; i < values.n; i++) {
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
            gt_table_number_text(v->value.number, value);
        else if (v->has_value)
            gt_value_format(&v->value, 0, value, sizeof value);
        if (v->has_ratio) {
            gt_table_number_text(v->numerator, num);
            gt_table_number_text(v->denominator, den);
        }
        if (v->target.set) {
            char lo[64], hi[64];
            gt_table_number_text(v->target.value, lo);
            gt_table_number_text(v->target.high, hi);
            if (k->polarity == GT_WITHIN_BAND)
                snprintf(target, sizeof target, "%s to %s", lo, hi);
            else
                snprintf(target, sizeof target, "%s", lo);
        }
        const char *row[GT_KPI_VALUE_COLUMNS] = {
            k->code, period, value, num, den, target, v->note ? v->note : ""};
        gt_table_row(out, row);
    }
    gt_kpi_values_finish(&values);
    return ok;
}

static bool
export_comparators(struct gt_db *db, const struct gt_kpi *k, bool disclose,
                   struct gt_table_out *out, struct gt_ctx *ctx, enum gt_rc *rc)
{
    (void)disclose; /* other areas' published figures are suppressed at
                     * source */
    struct gt_comparators list = {0};
    if ((*rc = gt_db_comparators(db, k->id, &list, ctx)) != GT_OK)
        return false;
    for (size_t i = 0; i < list.n; i++) {
        const struct gt_comparator *c = &list.v[i];
        char period[GT_PERIOD_TEXT_LEN], value[64];
        gt_period_format(&c->period, period);
        if (c->value.kind == GT_VALUE_NUMBER)
            gt_table_number_text(c->value.number, value);
        else
            gt_value_format(&c->value, 0, value, sizeof value);
        const char *row[GT_COMPARATOR_COLUMNS] = {
            k->code, period, gt_area_type_word(c->type), c->area, value};
        gt_table_row(out, row);
    }
    gt_comparators_finish(&list);
    return true;
}

/* The header, then each indicator's rows: of the n codes, or of every
 * indicator when codes is NULL. */
static enum gt_rc export(struct gt_db *db, const char *const *codes, size_t n,
                         bool disclose, struct gt_table_out *out,
                         const char *sheet,
                         const struct gt_table_column *columns,
                         size_t n_columns,
                         bool (*rows)(struct gt_db *, const struct gt_kpi *,
                                      bool, struct gt_table_out *,
                                      struct gt_ctx *, enum gt_rc *),
                         struct gt_ctx *ctx) {
    struct gt_kpis kpis = {0}; enum gt_rc rc = GT_OK;
    if (!codes) rc = gt_db_kpi_list(db, &kpis, ctx);
    for (size_t i = 0; codes && rc == GT_OK && i < n; i++)
        rc = gt_db_kpi_get(db, codes[i], gt_kpis_push(&kpis), ctx);
    if (rc == GT_OK) gt_table_begin(out, sheet, columns, n_columns);
    for (size_t i = 0; rc == GT_OK && i < kpis.n; i++)
        rows(db, &kpis.v[i], disclose, out, ctx, &rc);
    gt_kpis_finish(&kpis);
    return rc == GT_OK ? gt_table_end(out, ctx) : rc;
}

/* What each column holds; the headings are the importer's. */
static const enum gt_cell_kind value_kinds[GT_KPI_VALUE_COLUMNS] = {
    GT_CELL_TEXT,   GT_CELL_TEXT,   GT_CELL_NUMBER, GT_CELL_NUMBER,
    GT_CELL_NUMBER, GT_CELL_NUMBER, GT_CELL_TEXT};
static const enum gt_cell_kind comparator_kinds[GT_COMPARATOR_COLUMNS] = {
    GT_CELL_TEXT, GT_CELL_TEXT, GT_CELL_TEXT, GT_CELL_TEXT, GT_CELL_NUMBER};

static void
value_columns(struct gt_table_column out[GT_KPI_VALUE_COLUMNS])
{
    const char *headings[GT_KPI_VALUE_COLUMNS];
    gt_kpi_value_headings(headings);
    for (size_t c = 0; c < GT_KPI_VALUE_COLUMNS; c++)
        out[c] = (struct gt_table_column){headings[c], value_kinds[c]};
}

enum gt_rc
gt_kpi_export(struct gt_db *db, const char *code, bool disclose, FILE *out,
              struct gt_ctx *ctx)
{
    struct gt_table_out t = gt_table_to_csv(out);
    return gt_kpi_export_table(db, code ? &code : NULL, 1, disclose, &t, ctx);
}

enum gt_rc
gt_kpi_export_table(struct gt_db *db, const char *const *codes, size_t n,
                    bool disclose, struct gt_table_out *out, struct gt_ctx *ctx)
{
    struct gt_table_column columns[GT_KPI_VALUE_COLUMNS];
    value_columns(columns);
    return export(db, codes, n, disclose, out, "Indicators", columns,
                  GT_KPI_VALUE_COLUMNS, export_values, ctx);
}

enum gt_rc
gt_comparator_export(struct gt_db *db, const char *code, FILE *out,
                     struct gt_ctx *ctx)
{
    const char *headings[GT_COMPARATOR_COLUMNS];
    struct gt_table_column columns[GT_COMPARATOR_COLUMNS];
    gt_comparator_headings(headings);
    for (size_t c = 0; c < GT_COMPARATOR_COLUMNS; c++)
        columns[c] = (struct gt_table_column){headings[c], comparator_kinds[c]};
    struct gt_table_out t = gt_table_to_csv(out);
    return export(db, code ? &code : NULL, 1, true, &t, "Comparators", columns,
                  GT_COMPARATOR_COLUMNS, export_comparators, ctx);
}
