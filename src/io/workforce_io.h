/*
 * workforce_io: workforce figures in, from CSV or a workbook sheet
 * (formats.md): a row a unit and period with Unit, Period, Establishment
 * FTE, Filled FTE, Agency FTE and Sickness days. FTE are numbers 0 or
 * more (agency no more than those in post); a unit and period given twice
 * is an error. Every problem is FILE:LINE: COLUMN: message and nothing is
 * read unless there are none.
 */
#ifndef GT_WORKFORCE_IO_H
#define GT_WORKFORCE_IO_H

#include "core/ctx.h"
#include "core/workforce.h"
#include "io/csv.h"

enum gt_rc gt_workforce_read(struct gt_csv *rows, struct gt_workforce_list *out,
                             struct gt_ctx *ctx) GT_MUST;

#endif
