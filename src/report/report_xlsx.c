/*
 * report_xlsx: the committee report as a workbook: document control, then
 * a sheet for each part: its table when it has one (the data; the
 * paragraphs that explain it are in the HTML), else its paragraphs one to
 * a row. Numbers are stored as numbers and statuses as words. See
 * report.h.
 */
#include <string.h>

#include "io/xlsx_write.h"
#include "report/report.h"

/* A column's width from its longest text, within reason. */
static double
width(const struct doc_table *t, size_t c)
{
    size_t most = strlen(t->headings[c]);
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t len = strlen(doc_cell_at(t, r, c)->text);
        if (len > most)
            most = len;
    }
    return most < 8 ? 10 : most > 60 ? 62 : (double)most + 2;
}

static void
part_sheet(struct gt_xlsx *x, const struct doc_part *p)
{
    const struct doc_table *t = &p->table;
    if (!t->n_cols) {
        static const char *const heading[] = {"Text"};
        static const double wide[] = {100};
        gt_xlsx_sheet(x, p->title, 1, heading, wide);
        if (p->exempt) {
            gt_xlsx_row(x);
            gt_xlsx_text(x, "This part is exempt from publication.");
        }
        for (size_t k = 0; k < p->n_paras; k++) {
            gt_xlsx_row(x);
            gt_xlsx_text(x, p->paras[k]);
        }
        return;
    }
    double widths[32];
    size_t n = t->n_cols < 32 ? t->n_cols : 32;
    for (size_t c = 0; c < n; c++)
        widths[c] = width(t, c);
    gt_xlsx_sheet(x, p->title, n, (const char *const *)t->headings, widths);
    for (size_t r = 0; r < t->n_rows; r++) {
        gt_xlsx_row(x);
        for (size_t c = 0; c < n; c++) {
            const struct doc_cell *cell = doc_cell_at(t, r, c);
            if (cell->has_number)
                gt_xlsx_number(x, cell->number);
            else
                gt_xlsx_text(x, cell->text);
        }
    }
}

enum gt_rc
gt_report_xlsx(const struct doc *d, const char *path, struct gt_ctx *ctx)
{
    const char *company = "";
    for (size_t i = 0; i < d->n_control; i++)
        if (strcmp(d->control[i].key, "Council") == 0)
            company = d->control[i].value;
    struct gt_xlsx_props props = {d->title, "Committee report", company,
                                  (long long)d->date * 86400};
    struct gt_xlsx *x = gt_xlsx_open(path, &props, ctx);
    if (!x)
        return GT_IO;
    static const char *const headings[] = {"Item", "Value"};
    static const double widths[] = {20, 80};
    gt_xlsx_sheet(x, "Document control", 2, headings, widths);
    for (size_t i = 0; i < d->n_control; i++) {
        gt_xlsx_row(x);
        gt_xlsx_text(x, d->control[i].key);
        gt_xlsx_text(x, d->control[i].value);
    }
    for (size_t i = 0; i < d->n_parts; i++)
        part_sheet(x, &d->parts[i]);
    return gt_xlsx_close(x, ctx);
}
