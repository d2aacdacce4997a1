/*
 * kpi_io: indicator values and comparators in and out as CSV.
 *
 * Values come in the shape officers keep them: Code, Period, Value,
 * Numerator, Denominator, Target, Note. A value is a number or a
 * missing-value symbol (x, z, c, low); a rate may give its numerator and
 * denominator and leave Value empty; a band's target is written "60 to 70".
 *
 * Comparators come as Code, Period, Area type, Area, Value: the area type
 * is England, Region, Statistical neighbours or Council (one row per
 * council, for the quartile), the area names it ("North West",
 * "Statistical neighbours (10)"; England's may be left empty).
 *
 * Imports are all-or-nothing: every problem is reported as FILE:LINE:
 * COLUMN: message and nothing is written unless there are none. Exports
 * write the same shapes, so export then import is a no-op.
 */
#ifndef GT_KPI_IO_H
#define GT_KPI_IO_H

#include <stdio.h>

#include "core/ctx.h"
#include "io/csv.h"
#include "core/db.h"

#define GT_KPI_VALUE_COLUMNS 7
#define GT_COMPARATOR_COLUMNS 5

/* Import values from f (borrowed), named name in messages; entered_by (may
 * be NULL) is recorded against each; *rows gets the periods written. */
enum gt_rc gt_kpi_import(struct gt_db *db, FILE *f, const char *name,
                         const char *entered_by, long *rows,
                         struct gt_ctx *ctx) GT_MUST;
/* Import comparators from f the same way; *rows gets the rows written. */
enum gt_rc gt_comparator_import(struct gt_db *db, FILE *f, const char *name,
                                long *rows, struct gt_ctx *ctx) GT_MUST;

/* The indicator with code, or NULL: the store's for an import, a fixed
 * list for the fuzz target. The answer is borrowed; it must last as long
 * as the draft is read. */
typedef const struct gt_kpi *(*gt_kpi_finder)(void *arg, const char *code);

/* An import's two steps apart: the rows of a values (or, comparators, a
 * comparators) file read and checked into a draft, with no database but
 * what find answers (every problem on ctx; GT_INVALID and no draft when
 * there is one); then the draft written in one transaction, *rows
 * counting what was written. */
struct gt_kpi_draft;
enum gt_rc gt_kpi_draft_read(struct gt_csv *rows, bool comparators,
                             gt_kpi_finder find, void *find_arg,
                             struct gt_kpi_draft **out,
                             struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_kpi_draft_write(struct gt_db *db, const struct gt_kpi_draft *d,
                              const char *entered_by, long *rows,
                              struct gt_ctx *ctx) GT_MUST;
size_t gt_kpi_draft_rows(const struct gt_kpi_draft *d);
void gt_kpi_draft_free(struct gt_kpi_draft *d);

/* The same two from rows already open (a CSV reader or a workbook's
 * sheet; borrowed, not closed). */
enum gt_rc gt_kpi_import_rows(struct gt_db *db, struct gt_csv *rows,
                              const char *entered_by, long *n,
                              struct gt_ctx *ctx) GT_MUST;
enum gt_rc gt_comparator_import_rows(struct gt_db *db, struct gt_csv *rows,
                                     long *n, struct gt_ctx *ctx) GT_MUST;

/* Record one period from its cells, in the columns' order (empty strings
 * for none), exactly as a one-row file named name would be imported. */
enum gt_rc gt_kpi_set(struct gt_db *db,
                      const char *const cells[GT_KPI_VALUE_COLUMNS],
                      const char *name, const char *entered_by,
                      struct gt_ctx *ctx) GT_MUST;

/* The headings exports write, in order. */
void gt_kpi_value_headings(const char *out[GT_KPI_VALUE_COLUMNS]);
void gt_comparator_headings(const char *out[GT_COMPARATOR_COLUMNS]);

/* Write every period of the indicator code (or of every indicator, code
 * NULL) to out; small counts of children as c unless disclose (see
 * gt_kpi_values_suppress). */
enum gt_rc gt_kpi_export(struct gt_db *db, const char *code, bool disclose,
                         FILE *out, struct gt_ctx *ctx) GT_MUST;
/* The same for the n indicators codes (every one when NULL) as a table:
 * CSV or a workbook's sheet "Indicators". */
struct gt_table_out;
enum gt_rc gt_kpi_export_table(struct gt_db *db, const char *const *codes,
                               size_t n, bool disclose,
                               struct gt_table_out *out,
                               struct gt_ctx *ctx) GT_MUST;
/* Write the comparators of the indicator code (or of all) to out. */
enum gt_rc gt_comparator_export(struct gt_db *db, const char *code, FILE *out,
                                struct gt_ctx *ctx) GT_MUST;

#endif
