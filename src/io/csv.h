/*
 * csv: a streaming RFC 4180 reader and a writer.
 *
 * The reader takes UTF-8 with or without a byte-order mark, CRLF or LF line
 * ends, quoted fields with doubled quotes and embedded newlines. It reads a
 * row at a time through a fixed buffer, never the whole file, and every
 * size (field, row, fields per row) has a cap. Invalid UTF-8, a ragged row
 * (a field count that differs from the first row's), a stray quote or a
 * capped size is an error that names the file, line and column. Blank lines
 * are skipped. It knows nothing about what the columns mean.
 *
 * The writer quotes only where needed and, since exports are opened in
 * spreadsheets, guards cells that a spreadsheet would run as a formula
 * (starting = + @ - tab or CR) with a leading apostrophe; gt_csv_unguard
 * undoes that on the way back in.
 */
#ifndef GT_CSV_H
#define GT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/ctx.h"

struct gt_csv_limits {
    size_t max_field;  /* bytes in one field */
    size_t max_row;    /* bytes in one row, all fields */
    size_t max_fields; /* fields in one row */
};

/* 64 KiB fields, 1 MiB rows, 512 fields. */
extern const struct gt_csv_limits gt_csv_default_limits;

struct gt_csv;

/* Read from f (borrowed; the caller closes it). name is used in messages
 * (copied). limits may be NULL for the defaults. Free with gt_csv_close. */
struct gt_csv *gt_csv_open(FILE *f, const char *name,
                           const struct gt_csv_limits *limits);
/* Read from len bytes at data (borrowed; must outlive the reader). */
struct gt_csv *gt_csv_open_mem(const void *data, size_t len, const char *name,
                               const struct gt_csv_limits *limits);
void gt_csv_close(struct gt_csv *c);

/* Read the next row. GT_OK: a row is ready; GT_DONE: no more rows;
 * GT_INVALID or GT_IO: an error is on ctx and every later call fails. */
enum gt_rc gt_csv_next(struct gt_csv *c, struct gt_ctx *ctx) GT_MUST;
/* Fields in the current row. */
size_t gt_csv_n_fields(const struct gt_csv *c);
/* Field i (from 0) of the current row, NUL-terminated; borrowed until the
 * next call to gt_csv_next. "" past the end of the row. */
const char *gt_csv_field(const struct gt_csv *c, size_t i);
/* The current row's fields as one run of bytes, each field followed by
 * its NUL (*len counts them all); borrowed like a field. For hashing a
 * whole row at once. */
const char *gt_csv_row_text(const struct gt_csv *c, size_t *len);
/* The line on which the current row starts, from 1. */
long gt_csv_line(const struct gt_csv *c);
/* The name given at open; borrowed. */
const char *gt_csv_name(const struct gt_csv *c);

/* Rows that come from elsewhere (a spreadsheet's sheet) read through the
 * same interface, so every importer takes them as it takes CSV. next
 * builds one row with gt_csv_row_start and gt_csv_row_put and returns as
 * gt_csv_next does; close frees state. Rows may differ in length (blank
 * trailing cells are dropped), rows with no text are skipped, and line is
 * the source's own row number. */
struct gt_csv_source {
    enum gt_rc (*next)(void *state, struct gt_csv *c, struct gt_ctx *ctx);
    void (*close)(void *state);
    void *state; /* owned by the reader from open */
    bool exact;  /* rows as given: blank cells and blank rows kept */
};
struct gt_csv *gt_csv_open_source(const struct gt_csv_source *source,
                                  const char *name,
                                  const struct gt_csv_limits *limits);
/* For a source: begin a row numbered line. */
void gt_csv_row_start(struct gt_csv *c, long line);
/* For a source: len bytes of text in column (from 0) of the row; columns
 * must come in order and any skipped are blank. The same checks as a CSV
 * field (size, UTF-8, NUL, number of fields). */
enum gt_rc gt_csv_row_put(struct gt_csv *c, size_t column, const char *s,
                          size_t len, struct gt_ctx *ctx) GT_MUST;

/* Read every remaining row of in (up to cap bytes of text in all) and
 * return a new reader that gives them again, with their line numbers,
 * as a source does (csv_buffer.c); in is left at its end. NULL, with the
 * error on ctx, when a row cannot be read or the rows pass cap. The
 * caller closes both. */
struct gt_csv *gt_csv_read_all(struct gt_csv *in, size_t cap,
                               struct gt_ctx *ctx);

/* Write one row of n fields to f, quoting as needed and guarding formula
 * cells. false when the write fails. */
bool gt_csv_write_row(FILE *f, const char *const *fields, size_t n);
/* s without the apostrophe gt_csv_write_row put before a guarded cell. */
const char *gt_csv_unguard(const char *s);

#endif
