/*
 * xlsx_read: reading Excel workbooks (Office Open XML, .xlsx) as rows of
 * text, through the CSV reader's interface, so that every importer that
 * takes CSV takes a sheet of a workbook too.
 *
 * The package is opened with libzip and its XML parts parsed with expat.
 * Sheets are found as Excel finds them: the package relationships name the
 * workbook, the workbook names its sheets by relationship id, and the
 * workbook's relationships give each sheet's part (never a guessed file
 * name). A sheet is streamed a row at a time; shared strings (plain, rich
 * and with phonetic runs left out) are held in memory.
 *
 * Each cell becomes the text a person sees in it: strings as written;
 * booleans TRUE/FALSE; errors as Excel shows them (#N/A); a formula's
 * cached result; a number whose cell style has a date format as an ISO
 * date (YYYY-MM-DD, with the time when there is one), honouring the 1904
 * date system; other numbers with up to 15 significant digits, as Excel
 * shows them. A row's line is its row number in the sheet.
 *
 * Every part read counts towards caps on its uncompressed size and on the
 * shared strings held, so a small file that inflates to gigabytes (a zip
 * bomb) is refused early; document type declarations are refused.
 */
#ifndef GT_IO_XLSX_READ_H
#define GT_IO_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ctx.h"
#include "io/csv.h"

struct gt_workbook_limits {
    size_t max_part;    /* uncompressed bytes of any one part */
    size_t max_strings; /* bytes of shared strings held */
    size_t max_sheets;
    struct gt_csv_limits cells; /* cell, row and row-width caps */
};

/* 1 GiB parts, 256 MiB of shared strings, 1,024 sheets, CSV's cell caps. */
extern const struct gt_workbook_limits gt_workbook_default_limits;

struct gt_workbook;

/* Open the workbook at path (name in messages: path). limits may be NULL
 * for the defaults. */
enum gt_rc gt_workbook_open(const char *path,
                            const struct gt_workbook_limits *limits,
                            struct gt_workbook **out,
                            struct gt_ctx *ctx) GT_MUST;
/* Open a workbook held in len bytes at data (borrowed; must outlive every
 * reader made from it). */
enum gt_rc gt_workbook_open_mem(const void *data, size_t len, const char *name,
                                const struct gt_workbook_limits *limits,
                                struct gt_workbook **out,
                                struct gt_ctx *ctx) GT_MUST;
void gt_workbook_close(struct gt_workbook *x);

size_t gt_workbook_n_sheets(const struct gt_workbook *x);
/* Sheet i's name as the workbook gives it (tab order, from 0). */
const char *gt_workbook_sheet_name(const struct gt_workbook *x, size_t i);
/* A reader over sheet i's rows, named "NAME[SHEET]" in messages; NULL with
 * an error on ctx when the sheet's part cannot be opened. Close it (with
 * gt_csv_close) before the workbook. */
struct gt_csv *gt_workbook_sheet(struct gt_workbook *x, size_t i,
                                 struct gt_ctx *ctx);

/* True when the file at path starts as a zip package does ("PK\3\4"):
 * how importers tell a workbook from CSV whatever its name. */
bool gt_workbook_sniff(const char *path);

#endif
