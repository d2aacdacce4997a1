/*
 * escape: text into HTML and XML. See escape.h.
 */
#include "io/escape.h"

#include <string.h>

bool
gt_escape_xml(struct buf *b, const char *s)
{
    if (!s)
        return true;
    const char *run = s;
    for (; *s; s++) {
        const char *esc;
        switch (*s) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            continue;
        }
        if (!buf_add(b, run, (size_t)(s - run)) || !buf_adds(b, esc))
            return false;
        run = s + 1;
    }
    return buf_add(b, run, (size_t)(s - run));
}
