/*
 * html: the one escaping writer every page is built with.
 *
 * Escaping is the default: text and attribute values go through html_text
 * and html_attr, URL parts through html_url_arg; markup comes only from
 * string literals (html_lit pastes "" before its argument, so a variable
 * does not compile). There are no format strings here. The writer has a
 * cap; past it the page is cut short and html_overflowed says so.
 */
#ifndef GT_WEB_HTML_H
#define GT_WEB_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/brag.h"
#include "core/mem.h"
#include "report/markup.h"

struct html {
    struct buf b;    /* the page so far */
    bool overflowed; /* a write passed the cap */
};

void html_init(struct html *h, size_t cap);
void html_finish(struct html *h);
/* Markup from a string literal. */
#define html_lit(h, s) html_lit_((h), "" s)
void html_lit_(struct html *h, const char *s);
/* Bytes that are not HTML at all (a JSON body), copied as they are. Only
 * for responses whose content type is not text/html. */
void html_raw(struct html *h, const char *s);
/* The same for len bytes (a part of a page kept from before). */
void html_raw_n(struct html *h, const char *s, size_t len);
/* Text content: & < > " ' escaped. NULL writes nothing. */
void html_text(struct html *h, const char *s);
/* What the report's writer built (a chart), already escaped there. */
void html_markup(struct html *h, const struct markup *m);
/* An attribute value inside double quotes: escaped as text. */
void html_attr(struct html *h, const char *s);
/* A path segment or query value: percent-encoded (RFC 3986 unreserved
 * characters kept). */
void html_url_arg(struct html *h, const char *s);
void html_int(struct html *h, long v);
/* "1 April 2024" inside <time datetime="2024-04-01">; "-" for none. */
void html_date(struct html *h, int32_t date);
/* A GOV.UK status tag that always shows the word. */
void html_brag_tag(struct html *h, enum gt_brag b);
bool html_overflowed(const struct html *h);

#endif
