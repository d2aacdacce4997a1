/*
 * doc: the committee report as a document in no particular format: a
 * title, document control, then parts of headed paragraphs and at most one
 * table each. report.c fills it from the data; report_html.c,
 * report_md.c, report_xlsx.c and report_pdf.c each write it in their own
 * way, so all formats say the same thing. A part can be marked exempt from
 * publication and then left out of the public version.
 */
#ifndef GT_REPORT_DOC_H
#define GT_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/svg.h"

/* The colour a cell's word goes with (its tag in HTML). */
enum doc_tone {
    DOC_PLAIN = 0,
    DOC_RED,
    DOC_AMBER,
    DOC_GREEN,
    DOC_BLUE,
    DOC_GREY,
};

struct doc_cell {
    char *text;      /* as shown; owned */
    bool has_number; /* number is the value shown, for spreadsheets */
    double number;
    enum doc_tone tone;
};

struct doc_table {
    char *caption;          /* owned */
    size_t n_cols;          /* 0: the part has no table */
    char **headings;        /* n_cols; owned */
    bool *numeric;          /* n_cols: right-aligned numbers */
    struct doc_cell *cells; /* n_rows * n_cols, row by row; owned */
    size_t n_rows, alloc_rows;
};

struct doc_part {
    const char *key; /* "summary", "indicators": for --exempt */
    char *title;     /* owned */
    bool exempt;     /* left out of the public version */
    char **paras;    /* owned */
    size_t n_paras;
    struct doc_table table;
    struct svg_brag_row *bars; /* a BRAG bar chart (HTML only); owned */
    size_t n_bars;
};

struct doc_control {
    const char *key; /* "Title" */
    char *value;     /* owned */
};

#define DOC_MAX_CONTROL 12

struct doc {
    char *title;  /* owned */
    int32_t date; /* the data's date (days since 1970) */
    struct doc_control control[DOC_MAX_CONTROL];
    size_t n_control;
    struct doc_part *parts;
    size_t n_parts, alloc_parts;
};

void doc_finish(struct doc *d);
/* Add a document control row; value is copied. */
void doc_control(struct doc *d, const char *key, const char *value);
/* A new part at the end; borrowed from d until the next doc_part. */
struct doc_part *doc_part(struct doc *d, const char *key, const char *title);
/* Remove and free part i. */
void doc_remove_part(struct doc *d, size_t i);
/* A paragraph, printf-style. */
void doc_para(struct doc_part *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Start the part's table with n headings (copied); a heading that starts
 * with '#' is a numeric column (the '#' is not shown). */
void doc_table(struct doc_part *p, const char *caption, size_t n,
               const char *const *headings);
/* Start a new row; then doc_text/doc_number fill its cells in order. */
void doc_row(struct doc_part *p);
void doc_text(struct doc_part *p, const char *text, enum doc_tone tone);
/* A number shown as text (which says it with its unit). */
void doc_number(struct doc_part *p, double number, const char *text);
/* The cell at row r, column c. */
const struct doc_cell *doc_cell_at(const struct doc_table *t, size_t r,
                                   size_t c);

#endif
