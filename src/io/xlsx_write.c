/*
 * xlsx_write: spreadsheets out through libxlsxwriter. See xlsx_write.h.
 */
#include "io/xlsx_write.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "core/mem.h"

#define MAX_SHEETS 64

struct gt_xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *wrap, *date;
    char *path;
    lxw_row_t row;
    lxw_col_t col;
    char names[MAX_SHEETS][32];
    size_t n_sheets;
    bool failed; /* a write was refused */
};

struct gt_xlsx *
gt_xlsx_open(const char *path, const struct gt_xlsx_props *p,
             struct gt_ctx *ctx)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        gt_err(ctx, GT_IO, "%s: cannot create the workbook", path);
        return NULL;
    }
    struct gt_xlsx *x = xcalloc(1, sizeof *x);
    x->wb = wb;
    x->path = xstrdup(path);
    lxw_doc_properties props = {
        /* this version of the library takes char *, and only reads them */
        .title = (char *)(uintptr_t)p->title,
        .subject = (char *)(uintptr_t)p->subject,
        .company = (char *)(uintptr_t)p->company,
        .author = (char *)(uintptr_t) "goldthread",
        /* the caller's date, so the same data gives the same properties */
        .created = (time_t)p->created,
    };
    workbook_set_properties(wb, &props);
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    x->wrap = workbook_add_format(wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->date = workbook_add_format(wb);
    format_set_num_format(x->date, "dd/mm/yyyy");
    format_set_align(x->date, LXW_ALIGN_VERTICAL_TOP);
    return x;
}

/* Excel's rules: 1 to 31 characters, none of []:*?/\, unique (any case). */
static void
sheet_name(struct gt_xlsx *x, const char *want, char out[32])
{
    size_t n = 0;
    for (const char *s = want; *s && n < 28; s++) {
        /* stop before a UTF-8 sequence that would not fit */
        size_t len = 1;
        unsigned char c = (unsigned char)*s;
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (n + len > 28)
            break;
        for (size_t k = 0; k < len && s[k]; k++)
            out[n++] = strchr("[]:*?/\\", s[k]) ? '-' : s[k];
        s += len - 1;
    }
    out[n] = '\0';
    if (!n)
        snprintf(out, 32, "Sheet");
    char base[32];
    memcpy(base, out, sizeof base);
    for (unsigned k = 2; k < 100; k++) {
        bool taken = false;
        for (size_t i = 0; i < x->n_sheets && !taken; i++)
            taken = strcasecmp(x->names[i], out) == 0;
        if (!taken)
            break;
        snprintf(out, 32, "%.27s %u", base, k % 100);
    }
}

void
gt_xlsx_sheet(struct gt_xlsx *x, const char *name, size_t n,
              const char *const *headings, const double *widths)
{
    char safe[32];
    if (x->n_sheets == MAX_SHEETS) {
        x->failed = true;
        return;
    }
    sheet_name(x, name, safe);
    memcpy(x->names[x->n_sheets++], safe, sizeof safe);
    x->ws = workbook_add_worksheet(x->wb, safe);
    if (!x->ws) {
        x->failed = true;
        return;
    }
    for (size_t c = 0; c < n; c++) {
        worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
                             x->wrap);
        worksheet_write_string(x->ws, 0, (lxw_col_t)c, headings[c], x->bold);
    }
    worksheet_freeze_panes(x->ws, 1, 0);
    x->row = 0;
    x->col = 0;
}

void
gt_xlsx_row(struct gt_xlsx *x)
{
    x->row++;
    x->col = 0;
}

void
gt_xlsx_text(struct gt_xlsx *x, const char *text)
{
    if (x->ws && *text &&
        worksheet_write_string(x->ws, x->row, x->col, text, x->wrap) !=
            LXW_NO_ERROR)
        x->failed = true;
    x->col++;
}

void
gt_xlsx_number(struct gt_xlsx *x, double v)
{
    if (x->ws &&
        worksheet_write_number(x->ws, x->row, x->col, v, NULL) != LXW_NO_ERROR)
        x->failed = true;
    x->col++;
}

void
gt_xlsx_date(struct gt_xlsx *x, int32_t date)
{
    /* day 0 is 30 December 1899 for every date after February 1900 */
    double serial = (double)(date - gt_date_from_ymd(1899, 12, 30));
    if (x->ws && worksheet_write_number(x->ws, x->row, x->col, serial,
                                        x->date) != LXW_NO_ERROR)
        x->failed = true;
    x->col++;
}

enum gt_rc
gt_xlsx_close(struct gt_xlsx *x, struct gt_ctx *ctx)
{
    lxw_error err = workbook_close(x->wb);
    enum gt_rc rc = GT_OK;
    if (err != LXW_NO_ERROR)
        rc = gt_err(ctx, GT_IO, "%s: %s", x->path, lxw_strerror(err));
    else if (x->failed)
        rc = gt_err(ctx, GT_IO, "%s: a cell could not be written", x->path);
    free(x->path);
    free(x);
    return rc;
}
