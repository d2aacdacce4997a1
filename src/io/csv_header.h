/*
 * csv_header: the named columns of an imported CSV. An importer describes
 * its columns (name as export writes it, other headings councils use,
 * whether required); this module matches the file's header row against
 * them in any order, spelling and case, reports unknown, repeated and
 * missing columns, hands out trimmed cells by column, and words errors as
 * FILE:LINE: HEADING: message with the heading as the file wrote it.
 */
#ifndef GT_CSV_HEADER_H
#define GT_CSV_HEADER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ctx.h"
#include "io/csv.h"

#define GT_CSV_MAX_COLUMNS 32

struct gt_csv_column {
    const char *name;     /* as export writes it */
    const char *alias[3]; /* other headings councils use, lower case */
    bool required;
};

struct gt_csv_header {
    const struct gt_csv_column *columns; /* borrowed */
    size_t n;
    long col_of[GT_CSV_MAX_COLUMNS];   /* field index, -1 when absent */
    char *heading[GT_CSV_MAX_COLUMNS]; /* as the file wrote it; owned */
    long cell_errors;                  /* reported through gt_csv_cell_error */
};

/* Read the first row of c as the header of the n columns (at most
 * GT_CSV_MAX_COLUMNS). GT_INVALID after listing every unknown, repeated or
 * missing column (and for an empty file); finish h whatever it returns. */
enum gt_rc gt_csv_header_read(struct gt_csv_header *h, struct gt_csv *c,
                              const struct gt_csv_column *columns, size_t n,
                              struct gt_ctx *ctx) GT_MUST;
void gt_csv_header_finish(struct gt_csv_header *h);

/* Read a whole table into h: the header of the n columns, then each data
 * row through row(arg), which reports its cells' problems with
 * gt_csv_cell_error. GT_INVALID when any cell was wrong, or (with the
 * message "NAME: no WHAT") when there was no data row; h is finished
 * here. */
enum gt_rc gt_csv_read_table(struct gt_csv_header *h, struct gt_csv *c,
                             const struct gt_csv_column *columns, size_t n,
                             void (*row)(void *arg), void *arg,
                             const char *what, struct gt_ctx *ctx) GT_MUST;

/* Column col's heading as the file wrote it, else its name. */
const char *gt_csv_heading(const struct gt_csv_header *h, int col);
/* Column col of c's current row, unguarded, without surrounding white
 * space: *len bytes from the returned pointer (borrowed until the next
 * row); "" when the file has no such column. */
const char *gt_csv_cell(const struct gt_csv_header *h, const struct gt_csv *c,
                        int col, size_t *len);
/* Add "FILE:LINE: HEADING: message" for column col of the current row,
 * counted in h->cell_errors. */
void gt_csv_cell_error(struct gt_csv_header *h, const struct gt_csv *c, int col,
                       struct gt_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
