/*
 * kpi_io: indicator values in and out as CSV, in the shape officers keep
 * them: Code, Period, Value, Numerator, Denominator, Target, Note. A value
 * is a number or a missing-value symbol (x, z, c, low); a rate may give its
 * numerator and denominator and leave Value empty; a band's target is
 * written "60 to 70". Import is all-or-nothing: every problem is reported
 * as FILE:LINE: COLUMN: message and nothing is written unless there are
 * none. Export writes the same shape, so export then import is a no-op.
 */
#ifndef GT_KPI_IO_H
#define GT_KPI_IO_H

#include <stdio.h>

#include "core/ctx.h"
#include "core/db.h"

/* Import values from f (borrowed), named name in messages; entered_by (may
 * be NULL) is recorded against each; *rows gets the periods written. */
enum gt_rc gt_kpi_import(struct gt_db *db, FILE *f, const char *name,
                         const char *entered_by, long *rows,
                         struct gt_ctx *ctx) GT_MUST;
/* Write every period of the indicator code (or of every indicator, code
 * NULL) to out. */
enum gt_rc gt_kpi_export(struct gt_db *db, const char *code, FILE *out,
                         struct gt_ctx *ctx) GT_MUST;

#endif
