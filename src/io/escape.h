/*
 * escape: the one rule for putting text into HTML and XML. Both escaping
 * writers (web/html.h for pages, report/markup.h for reports and charts)
 * append text through it, so what counts as safe is decided once.
 */
#ifndef GT_IO_ESCAPE_H
#define GT_IO_ESCAPE_H

#include <stdbool.h>

#include "core/mem.h"

/* Append s to b with & < > " ' escaped, so it is safe as element text and
 * inside a double-quoted attribute. NULL appends nothing. False (with part
 * of s appended) when b's cap was reached. */
bool gt_escape_xml(struct buf *b, const char *s)
    __attribute__((warn_unused_result));

#endif
