/*
 * budget_io: a revenue budget table in, from CSV or a workbook sheet, in
 * the shape councils' plans print it (see formats.md): a name column, then
 * gross expenditure, grants, other income, total income and council
 * funding, recognised by their headings (the total income heading may be
 * blank, as it is in many plans); "£000" in a heading makes the unit
 * thousands. Rows ending "total" close a service area (the lines since the
 * last total); "Grand total" is the whole; repeated heading rows (a table
 * broken across pages) are skipped. Amounts take thousands separators and
 * brackets for negatives; income is read as the table's sign convention
 * says (in brackets, or all positive).
 *
 * A cell that is not an amount, a line with no name or a table with no
 * gross column is an error naming file, line and column, and nothing is
 * read. A line whose own total income or council funding disagrees with
 * its parts is noted (GT_OK messages), as the stated totals are later
 * (core/budget.h).
 */
#ifndef GT_BUDGET_IO_H
#define GT_BUDGET_IO_H

#include "core/budget.h"
#include "core/ctx.h"
#include "io/csv.h"

/* Read the table from rows into *out (zeroed by the caller) for year (the
 * financial year's first calendar year). */
enum gt_rc gt_budget_read(struct gt_csv *rows, int year, struct gt_budget *out,
                          struct gt_ctx *ctx) GT_MUST;

/* Read a month's forecast outturn into b's forecasts: a service area
 * column, then one whose heading says "forecast" or "outturn" ("£000"
 * making the unit thousands); a row an area of b (its lines' areas, any
 * case); total rows skipped. An area b does not have, an amount that is
 * not one or an area given twice is an error naming file, line and
 * column. */
enum gt_rc gt_budget_forecast_read(struct gt_csv *rows, struct gt_budget *b,
                                   struct gt_ctx *ctx) GT_MUST;

#endif
