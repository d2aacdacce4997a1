/*
 * markup: the report's escaping writer. See markup.h.
 */
#include "report/markup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "io/escape.h"

void
markup_init(struct markup *m, size_t cap)
{
    buf_init(&m->b, cap);
    m->overflowed = false;
}

void
markup_finish(struct markup *m)
{
    buf_finish(&m->b);
}

static void
put(struct markup *m, const char *s, size_t len)
{
    if (!m->overflowed && !buf_add(&m->b, s, len))
        m->overflowed = true;
}

void
markup_lit_(struct markup *m, const char *s)
{
    put(m, s, strlen(s));
}

void
markup_text(struct markup *m, const char *s)
{
    if (!m->overflowed && !gt_escape_xml(&m->b, s))
        m->overflowed = true;
}

void
markup_num(struct markup *m, double v, int places)
{
    char n[64];
    int len = snprintf(n, sizeof n, "%.*f", places, isfinite(v) ? v : 0.0);
    /* -0.0 and values that round to zero print as "-0" or "-0.0" */
    if (n[0] == '-' && strspn(n + 1, "0.") == (size_t)(len - 1)) {
        memmove(n, n + 1, (size_t)len);
        len--;
    }
    put(m, n, (size_t)len);
}

void
markup_int(struct markup *m, long v)
{
    char n[24];
    int len = snprintf(n, sizeof n, "%ld", v);
    put(m, n, (size_t)len);
}

void
markup_date(struct markup *m, int32_t date)
{
    char iso[GT_DATE_ISO_LEN], words[GT_DATE_LONG_LEN];
    if (date == GT_NO_DATE) {
        markup_lit(m, "-");
        return;
    }
    gt_date_iso(date, iso);
    gt_date_long(date, words);
    markup_lit(m, "<time datetime=\"");
    markup_text(m, iso);
    markup_lit(m, "\">");
    markup_text(m, words);
    markup_lit(m, "</time>");
}
