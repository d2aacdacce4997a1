/*
 * table_out: one plain table written to CSV or as a sheet of a workbook,
 * so each export is written once for both. A table names its columns and
 * what each holds: text, numbers (a cell that reads wholly as a number is
 * stored as one in a workbook; anything else, such as "c" or "x", as
 * text) or dates (ISO YYYY-MM-DD, stored as Excel dates in a workbook).
 * CSV gets the text as given, guarded against formulas.
 */
#ifndef GT_IO_TABLE_OUT_H
#define GT_IO_TABLE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/ctx.h"

struct gt_xlsx;

enum gt_cell_kind { GT_CELL_TEXT, GT_CELL_NUMBER, GT_CELL_DATE };

struct gt_table_column {
    const char *heading;
    enum gt_cell_kind kind;
};

#define GT_TABLE_MAX_COLUMNS 32

struct gt_table_out {
    FILE *csv;            /* borrowed, or */
    struct gt_xlsx *xlsx; /* borrowed: each table a new sheet */
    enum gt_cell_kind kinds[GT_TABLE_MAX_COLUMNS];
    size_t n;
    bool failed;
};

/* v as text that reads back as exactly v, in the fewest decimal places
 * that do so (people read these files too). */
void gt_table_number_text(double v, char out[32]);

/* A table writer to f, or to the workbook x. */
struct gt_table_out gt_table_to_csv(FILE *f);
struct gt_table_out gt_table_to_xlsx(struct gt_xlsx *x);

/* Start a table (a sheet called sheet in a workbook; CSV ignores the
 * name) with n columns (at most GT_TABLE_MAX_COLUMNS) and its header
 * row. */
void gt_table_begin(struct gt_table_out *t, const char *sheet,
                    const struct gt_table_column *cols, size_t n);
/* One row of the begun table's n cells; NULL or "" leaves a cell blank. */
void gt_table_row(struct gt_table_out *t, const char *const *cells);
/* GT_IO with a message when any write failed (CSV; a workbook reports on
 * closing). */
enum gt_rc gt_table_end(struct gt_table_out *t, struct gt_ctx *ctx) GT_MUST;

#endif
