/*
 * xlsx_write: spreadsheets out, the one file that uses libxlsxwriter.
 * Workbooks are written as UI.md asks of exports: one plain table per
 * sheet with a single bold header row, no merged cells, numbers stored as
 * numbers, text as text, sheet names and document properties set.
 */
#ifndef GT_IO_XLSX_WRITE_H
#define GT_IO_XLSX_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"

struct gt_xlsx;

/* Document properties. */
struct gt_xlsx_props {
    const char *title, *subject, *company;
    long long created; /* Unix seconds: the data's date, not the clock's */
};

/* Start a workbook at path; NULL (with a message) when it cannot be. */
struct gt_xlsx *gt_xlsx_open(const char *path, const struct gt_xlsx_props *p,
                             struct gt_ctx *ctx);
/* Start a sheet called name (cut to Excel's 31 characters, characters
 * Excel refuses replaced, made unique) with a header row of n headings;
 * widths are in characters, one per column. */
void gt_xlsx_sheet(struct gt_xlsx *x, const char *name, size_t n,
                   const char *const *headings, const double *widths);
/* Start the next row; the cells that follow fill it left to right. */
void gt_xlsx_row(struct gt_xlsx *x);
void gt_xlsx_text(struct gt_xlsx *x, const char *text);
void gt_xlsx_number(struct gt_xlsx *x, double v);
/* A date (days as core/date.h counts them) stored as Excel stores dates: a
 * serial number shown through a DD/MM/YYYY format. */
void gt_xlsx_date(struct gt_xlsx *x, int32_t date);
/* Write the file and free x; GT_IO when it could not be written. */
enum gt_rc gt_xlsx_close(struct gt_xlsx *x, struct gt_ctx *ctx) GT_MUST;

#endif
