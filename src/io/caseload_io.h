/*
 * caseload_io: a caseload snapshot in, from CSV or a workbook sheet
 * (formats.md): a row a worker with Team, Worker, Experience (a band's
 * name, or the years since qualifying) and Cases (a whole number, 0 or
 * more). A worker given twice in a team is an error. Every problem is
 * FILE:LINE: COLUMN: message and nothing is read unless there are none.
 */
#ifndef GT_CASELOAD_IO_H
#define GT_CASELOAD_IO_H

#include "core/caseload.h"
#include "core/ctx.h"
#include "io/csv.h"

enum gt_rc gt_caseload_read(struct gt_csv *rows, struct gt_caseloads *out,
                            struct gt_ctx *ctx) GT_MUST;

#endif
