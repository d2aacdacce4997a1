/*
 * html: escaping writer. See html.h.
 */
#include "web/html.h"

#include <stdio.h>
#include <string.h>

#include "io/escape.h"

void
html_init(struct html *h, size_t cap)
{
    buf_init(&h->b, cap);
    h->overflowed = false;
}

void
html_finish(struct html *h)
{
    buf_finish(&h->b);
}

static void
put(struct html *h, const char *s, size_t len)
{
    if (!h->overflowed && !buf_add(&h->b, s, len))
        h->overflowed = true;
}

void
html_lit_(struct html *h, const char *s)
{
    put(h, s, strlen(s));
}

void
html_raw(struct html *h, const char *s)
{
    put(h, s, strlen(s));
}

void
html_raw_n(struct html *h, const char *s, size_t len)
{
    put(h, s, len);
}

void
html_text(struct html *h, const char *s)
{
    if (!h->overflowed && !gt_escape_xml(&h->b, s))
        h->overflowed = true;
}

void
html_markup(struct html *h, const struct markup *m)
{
    put(h, m->b.p ? m->b.p : "", m->b.len);
    if (m->overflowed)
        h->overflowed = true;
}

void
html_attr(struct html *h, const char *s)
{
    html_text(h, s);
}

void
html_url_arg(struct html *h, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            put(h, (const char *)&c, 1);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            put(h, enc, 3);
        }
    }
}

void
html_int(struct html *h, long v)
{
    /* written here, not by snprintf: a plan's page writes thousands, and
     * snprintf was 5% of its time */
    char n[24];
    char *at = n + sizeof n;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        *--at = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--at = '-';
    put(h, at, (size_t)(n + sizeof n - at));
}

void
html_date(struct html *h, int32_t date)
{
    struct markup m;
    markup_init(&m, 256);
    markup_date(&m, date);
    html_markup(h, &m);
    markup_finish(&m);
}

void
html_brag_tag(struct html *h, enum gt_brag b)
{
    switch (b) {
    case GT_BLUE:
        html_lit(h, "<strong class=\"govuk-tag\">");
        break;
    case GT_RED:
        html_lit(h, "<strong class=\"govuk-tag govuk-tag--red\">");
        break;
    case GT_AMBER:
        html_lit(h, "<strong class=\"govuk-tag govuk-tag--orange\">");
        break;
    case GT_GREEN:
        html_lit(h, "<strong class=\"govuk-tag govuk-tag--green\">");
        break;
    case GT_NOT_RATED:
    default:
        html_lit(h, "<strong class=\"govuk-tag govuk-tag--grey\">");
        break;
    }
    html_text(h, gt_brag_word(b));
    html_lit(h, "</strong>");
}

bool
html_overflowed(const struct html *h)
{
    return h->overflowed;
}
