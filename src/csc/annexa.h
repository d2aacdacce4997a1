/*
 * annexa: Ofsted's Annex A child-level lists read from CSV (one file a
 * list) or Excel workbooks (one sheet a list), each found by its headings,
 * so file and sheet names do not matter.
 *
 * Headings are matched after folding case, spaces, curly quotes and
 * trailing punctuation, with the variants councils send (the 2019
 * template, the January 2024 sample). Dates may be DD/MM/YYYY, ISO or
 * Excel serial numbers; blank and #N/A are missing. Codes may come as
 * Ofsted's "a) V2: Single period under S20" or DfE's bare "V2".
 *
 * A row with a problem (no child ID, a date that is not a date, an event
 * before the child's birth, an end before its start, an exact repeat of an
 * earlier row) is rejected and reported as FILE:LINE: COLUMN: message; by
 * default the rest load, in strict mode the load fails and nothing is
 * kept. Columns that hold names or addresses (the placement postcode) are
 * dropped unread; unknown columns are reported and ignored.
 */
#ifndef GT_CSC_ANNEXA_H
#define GT_CSC_ANNEXA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/ctx.h"
#include "csc/records.h"

#define CSC_LISTS 11

struct csc_load {
    bool strict;
    long rows[CSC_LISTS + 1];     /* rows read, by list number */
    long rejected[CSC_LISTS + 1]; /* rows rejected, by list number */
    long warnings;                /* unknown columns and the like */
    long files_failed; /* files of a folder not loaded (never when strict) */
    bool in_dir; /* reading a folder: files that are not lists are skipped */
};

/* Parse a date as the lists write it: 1 when *out is set, 0 when the cell
 * is blank or #N/A (missing), -1 when it is not a date. */
int csc_parse_date(const char *s, int32_t *out);

/* Read one list from f (name for messages) into r. GT_INVALID when the
 * file is not a list goldthread reads, or (strict) a row was rejected. */
enum gt_rc csc_load_csv(struct csc_records *r, FILE *f, const char *name,
                        struct csc_load *load, struct gt_ctx *ctx) GT_MUST;
/* Read every sheet of the Excel workbook at path (one list a sheet, found
 * by its headings as files are; other sheets are skipped with a message).
 * Messages name the sheet: FILE[SHEET]:ROW: COLUMN: message. */
enum gt_rc csc_load_workbook(struct csc_records *r, const char *path,
                             struct csc_load *load, struct gt_ctx *ctx) GT_MUST;
/* Read the file at path: a workbook when it is one (whatever its name),
 * else CSV. */
enum gt_rc csc_load_file(struct csc_records *r, const char *path,
                         struct csc_load *load, struct gt_ctx *ctx) GT_MUST;
/* Read every .csv and .xlsx file in dir, in name order; files and sheets
 * that are not lists are skipped with a message, and so (unless strict)
 * is a file that cannot be read, leaving none of its rows: the other
 * files load, and only a folder none of whose files could be read fails. The
 * files are read a thread a core (largest first to the least busy), each into
 * its own records, then merged; messages come out in file order, as if read one
 * by one, and the figures are the same. */
enum gt_rc csc_load_dir(struct csc_records *r, const char *dir,
                        struct csc_load *load, struct gt_ctx *ctx) GT_MUST;

#endif
