/*
 * risk_io: a risk register in, from CSV or a workbook sheet (formats.md).
 * One row a risk, its first mitigation beside it; a row with a blank Ref
 * adds a further mitigation (and links) to the risk above. Likelihood and
 * impact are whole numbers 1 to 5; target likelihood and impact come
 * together or not at all; Links name items as PLAN:REF, separated by ";".
 * Every problem is FILE:LINE: COLUMN: message and nothing is read unless
 * there are none.
 */
#ifndef GT_RISK_IO_H
#define GT_RISK_IO_H

#include "core/ctx.h"
#include "core/risk.h"
#include "io/csv.h"

enum gt_rc gt_risks_read(struct gt_csv *rows, struct gt_risks *out,
                         struct gt_ctx *ctx) GT_MUST;

#endif
