/*
 * table_out: one table to CSV or a workbook sheet. See table_out.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "io/csv.h"
#include "io/table_out.h"
#include "io/xlsx_write.h"

struct gt_table_out
gt_table_to_csv(FILE *f)
{
    return (struct gt_table_out){.csv = f};
}

struct gt_table_out
gt_table_to_xlsx(struct gt_xlsx *x)
{
    return (struct gt_table_out){.xlsx = x};
}

void
gt_table_number_text(double v, char out[32])
{
    for (int places = 0; places <= 6; places++) {
        snprintf(out, 32, "%.*f", places, v);
        if (strtod(out, NULL) == v)
            return;
    }
    snprintf(out, 32, "%.17g", v);
}

/* A sheet's column width in characters from its heading. */
static double
width(const struct gt_table_column *c)
{
    size_t n = strlen(c->heading);
    return c->kind == GT_CELL_TEXT ? (n < 24 ? 24 : (double)n + 2)
                                   : (n < 10 ? 12 : (double)n + 2);
}

void
gt_table_begin(struct gt_table_out *t, const char *sheet,
               const struct gt_table_column *cols, size_t n)
{
    const char *headings[GT_TABLE_MAX_COLUMNS];
    double widths[GT_TABLE_MAX_COLUMNS];
    if (n > GT_TABLE_MAX_COLUMNS) {
        t->failed = true;
        n = GT_TABLE_MAX_COLUMNS;
    }
    t->n = n;
    for (size_t c = 0; c < n; c++) {
        t->kinds[c] = cols[c].kind;
        headings[c] = cols[c].heading;
        widths[c] = width(&cols[c]);
    }
    if (t->xlsx)
        gt_xlsx_sheet(t->xlsx, sheet, n, headings, widths);
    else if (!gt_csv_write_row(t->csv, headings, n))
        t->failed = true;
}

/* A cell of a workbook as its column's kind says, when it reads as one. */
static void
xlsx_cell(struct gt_xlsx *x, enum gt_cell_kind kind, const char *s)
{
    char *end;
    int32_t date;
    if (!s || !*s) {
        gt_xlsx_text(x, "");
        return;
    }
    if (kind == GT_CELL_NUMBER) {
        double v = strtod(s, &end);
        if (end != s && !*end && strspn(s, "+-0123456789.eE") == strlen(s)) {
            gt_xlsx_number(x, v);
            return;
        }
    }
    if (kind == GT_CELL_DATE && gt_date_parse_iso(s, &date)) {
        gt_xlsx_date(x, date);
        return;
    }
    gt_xlsx_text(x, s);
}

void
gt_table_row(struct gt_table_out *t, const char *const *cells)
{
    if (!t->xlsx) {
        if (!gt_csv_write_row(t->csv, cells, t->n))
            t->failed = true;
        return;
    }
    gt_xlsx_row(t->xlsx);
    for (size_t c = 0; c < t->n; c++)
        xlsx_cell(t->xlsx, t->kinds[c], cells[c]);
}

enum gt_rc
gt_table_end(struct gt_table_out *t, struct gt_ctx *ctx)
{
    return t->failed ? gt_err(ctx, GT_IO, "cannot write the export") : GT_OK;
}
