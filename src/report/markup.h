/*
 * markup: the report's escaping writer, for the committee report's HTML
 * and for SVG charts, which pages paste in whole (web/html.h's
 * html_markup). Like the pages' writer, markup comes only from string
 * literals and text is always escaped (io/escape.h); numbers are written
 * with a fixed number of decimals so the same data gives the same bytes.
 */
#ifndef GT_REPORT_MARKUP_H
#define GT_REPORT_MARKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/mem.h"

struct markup {
    struct buf b;    /* the document so far */
    bool overflowed; /* a write passed the cap */
};

void markup_init(struct markup *m, size_t cap);
void markup_finish(struct markup *m);
/* Markup from a string literal. */
#define markup_lit(m, s) markup_lit_((m), "" s)
void markup_lit_(struct markup *m, const char *s);
/* Text content or a double-quoted attribute value, escaped. NULL writes
 * nothing. */
void markup_text(struct markup *m, const char *s);
/* A number with places decimals (a coordinate, a value); never "-0". */
void markup_num(struct markup *m, double v, int places);
void markup_int(struct markup *m, long v);
/* "1 April 2024" inside <time datetime="2024-04-01">; "-" for none. */
void markup_date(struct markup *m, int32_t date);

#endif
