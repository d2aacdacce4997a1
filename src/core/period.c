/*
 * period: reporting periods. See period.h.
 */
#include "core/period.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int32_t
month_start(int y, int m)
{
    return gt_date_from_ymd(y, m, 1);
}

/* (y, m) moved by n months. */
static void
add_months(int *y, int *m, int n)
{
    int months = *y * 12 + (*m - 1) + n;
    *y = months / 12;
    *m = months % 12 + 1;
}

static struct gt_period
make(enum gt_period_kind kind, int y1, int m1, int y2, int m2)
{
    struct gt_period p = {kind, month_start(y1, m1), gt_date_month_end(y2, m2)};
    return p;
}

/* The financial year (April to March) or academic year (September to
 * August) that starts in first_year. */
static struct gt_period
whole_year(enum gt_period_kind kind, int first_year)
{
    int month = kind == GT_PERIOD_ACADEMIC ? 9 : 4;
    return make(kind, first_year, month, first_year + 1, month - 1);
}

int
gt_period_fy(int32_t date)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? y : y - 1;
}

int
gt_period_quarter_number(int32_t date)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    return m >= 4 ? (m - 4) / 3 + 1 : 4;
}

struct gt_period
gt_period_year_of(int32_t date)
{
    int fy = gt_period_fy(date);
    return whole_year(GT_PERIOD_YEAR, fy);
}

struct gt_period
gt_period_quarter_of(int32_t date)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    int first = m - (m + 8) % 3; /* April, July, October or January */
    int ey = y, em = first;
    add_months(&ey, &em, 2);
    return make(GT_PERIOD_QUARTER, y, first, ey, em);
}

struct gt_period
gt_period_month_of(int32_t date)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    return make(GT_PERIOD_MONTH, y, m, y, m);
}

bool
gt_period_equal(const struct gt_period *a, const struct gt_period *b)
{
    return a->kind == b->kind && a->start == b->start && a->end == b->end;
}

/* The period's length in whole months (for month-based kinds). */
static int
months_long(const struct gt_period *p)
{
    int y1, m1, d1, y2, m2, d2;
    gt_date_to_ymd(p->start, &y1, &m1, &d1);
    gt_date_to_ymd(p->end, &y2, &m2, &d2);
    return (y2 * 12 + m2) - (y1 * 12 + m1) + 1;
}

static struct gt_period
shift(const struct gt_period *p, int months)
{
    int y1, m1, d1, y2, m2, d2;
    gt_date_to_ymd(p->start, &y1, &m1, &d1);
    gt_date_to_ymd(p->end, &y2, &m2, &d2);
    add_months(&y1, &m1, months);
    add_months(&y2, &m2, months);
    return make(p->kind, y1, m1, y2, m2);
}

struct gt_period
gt_period_previous(const struct gt_period *p)
{
    if (p->kind == GT_PERIOD_SNAPSHOT) {
        struct gt_period q = {GT_PERIOD_SNAPSHOT, p->start - 1, p->end - 1};
        return q;
    }
    /* a rolling year steps back a year, like the year it summarises */
    int back = p->kind == GT_PERIOD_ROLLING ? 12 : months_long(p);
    return shift(p, -back);
}

struct gt_period
gt_period_year_earlier(const struct gt_period *p)
{
    if (p->kind == GT_PERIOD_SNAPSHOT) {
        int y, m, d;
        gt_date_to_ymd(p->start, &y, &m, &d);
        if (m == 2 && d == 29)
            d = 28;
        int32_t day = gt_date_from_ymd(y - 1, m, d);
        struct gt_period q = {GT_PERIOD_SNAPSHOT, day, day};
        return q;
    }
    return shift(p, -12);
}

/* ---- parsing ---- */

#define MAX_WORDS 12
#define WORD_LEN 24

struct words {
    char w[MAX_WORDS][WORD_LEN];
    int n, pos;
};

static const char *
split(const char *s, struct words *ws)
{
    ws->n = ws->pos = 0;
    while (*s) {
        while (*s == ' ' || *s == ',' || *s == '(' || *s == ')' || *s == '\t')
            s++;
        if (!*s)
            break;
        const char *start = s;
        while (*s && *s != ' ' && *s != ',' && *s != '(' && *s != ')' &&
               *s != '\t')
            s++;
        size_t len = (size_t)(s - start);
        if (ws->n == MAX_WORDS)
            return "too many words";
        if (len >= WORD_LEN)
            return "a word is too long";
        for (size_t i = 0; i < len; i++)
            ws->w[ws->n][i] = (char)tolower((unsigned char)start[i]);
        ws->w[ws->n][len] = '\0';
        ws->n++;
    }
    return NULL;
}

static const char *
peek(const struct words *ws)
{
    return ws->pos < ws->n ? ws->w[ws->pos] : NULL;
}

static bool
take(struct words *ws, const char *word)
{
    const char *w = peek(ws);
    if (w && strcmp(w, word) == 0) {
        ws->pos++;
        return true;
    }
    return false;
}

/* "2024/25", "2024-25", "2024/2025": the first year; -1 if not one. */
static int
year_pair(const char *w)
{
    int a, b;
    char sep, extra;
    if (sscanf(w, "%4d%c%4d%c", &a, &sep, &b, &extra) != 3 ||
        (sep != '/' && sep != '-') || a < 1900 || a > 2200)
        return -1;
    if (b == (a + 1) % 100 && strlen(strchr(w, sep) + 1) == 2)
        return a;
    if (b == a + 1 && strlen(strchr(w, sep) + 1) == 4)
        return a;
    return -1;
}

static int
plain_year(const char *w)
{
    int y;
    char extra;
    if (!w || strlen(w) != 4 || sscanf(w, "%4d%c", &y, &extra) != 1 ||
        y < 1900 || y > 2200)
        return -1;
    return y;
}

static int
month_word(const char *w)
{
    return w ? gt_month_from_name(w, strlen(w)) : 0;
}

static const char *
parse_words(struct words *ws, struct gt_period *out)
{
    const char *w = peek(ws);
    int y, m, fy;
    if (!w)
        return "empty";

    /* rolling 12 months: "[rolling] 12 months to March 2025", "year to" */
    bool rolling = take(ws, "rolling");
    /* "12" alone may begin a day ("12 November 2026", a snapshot) */
    const char *next = peek(ws);
    bool twelve =
        next && (strcmp(next, "12") == 0 || strcmp(next, "twelve") == 0);
    if (twelve && (rolling || (ws->pos + 1 < ws->n &&
                               strcmp(ws->w[ws->pos + 1], "months") == 0))) {
        ws->pos++;
        if (!take(ws, "months"))
            return "\"12\" must be followed by \"months to\"";
        rolling = true;
    } else if (take(ws, "year")) {
        rolling = true;
    }
    if (rolling) {
        if (!take(ws, "to") && !take(ws, "ending"))
            return "a rolling year needs \"to\" and a month";
        if (peek(ws) && strlen(peek(ws)) <= 2 && isdigit(peek(ws)[0]))
            ws->pos++; /* "to 31 March 2025": the day is the month's end */
        m = month_word(peek(ws));
        if (!m)
            return "a rolling year ends at a month, like March 2025";
        ws->pos++;
        y = plain_year(peek(ws));
        if (y < 0)
            return "a year is missing";
        ws->pos++;
        int sy = y, sm = m;
        add_months(&sy, &sm, -11);
        *out = make(GT_PERIOD_ROLLING, sy, sm, y, m);
        return NULL;
    }

    /* quarters: "Q1 2024/25", "2024/25 Q1", "quarter 1 2024/25" */
    int q = -1;
    if (take(ws, "quarter")) {
        w = peek(ws);
        if (w && strlen(w) == 1 && w[0] >= '1' && w[0] <= '4') {
            q = w[0] - '0';
            ws->pos++;
        } else {
            return "a quarter is 1 to 4";
        }
    } else if (w[0] == 'q' && strlen(w) == 2 && w[1] >= '1' && w[1] <= '4') {
        q = w[1] - '0';
        ws->pos++;
    }
    if (q > 0 && month_word(peek(ws))) {
        /* "Q2 (July to September) 2024/25": the months must match */
        int first = month_word(peek(ws)), last;
        ws->pos++;
        if (!take(ws, "to") && !take(ws, "-"))
            return "the quarter's months are written like July to September";
        last = month_word(peek(ws));
        ws->pos++;
        int want = (q - 1) * 3 + 4;
        want = want > 12 ? want - 12 : want;
        if (first != want || last != (want + 1) % 12 + 1)
            return "the months do not match the quarter";
    }
    fy = peek(ws) ? year_pair(peek(ws)) : -1;
    if (fy >= 0) {
        ws->pos++;
        if (q < 0) {
            w = peek(ws);
            if (w && w[0] == 'q' && strlen(w) == 2 && w[1] >= '1' &&
                w[1] <= '4') {
                q = w[1] - '0';
                ws->pos++;
            }
        }
        if (q > 0) {
            int sy = fy, sm = 4;
            add_months(&sy, &sm, (q - 1) * 3);
            int ey = sy, em = sm;
            add_months(&ey, &em, 2);
            *out = make(GT_PERIOD_QUARTER, sy, sm, ey, em);
            return NULL;
        }
        if (take(ws, "academic")) {
            take(ws, "year");
            *out = whole_year(GT_PERIOD_ACADEMIC, fy);
            return NULL;
        }
        take(ws, "financial");
        take(ws, "year");
        *out = whole_year(GT_PERIOD_YEAR, fy);
        return NULL;
    }
    if (q > 0)
        return "a quarter needs a financial year, like Q1 2024/25";
    /* "FY 2024/25", "financial year 2024/25", "AY ...", "academic year ..." */
    bool financial = take(ws, "fy") || take(ws, "financial");
    if (financial || take(ws, "ay") || take(ws, "academic")) {
        take(ws, "year");
        fy = peek(ws) ? year_pair(peek(ws)) : -1;
        if (fy < 0)
            return financial ? "a financial year is written like 2024/25"
                             : "an academic year is written like 2024/25";
        ws->pos++;
        *out = whole_year(financial ? GT_PERIOD_YEAR : GT_PERIOD_ACADEMIC, fy);
        return NULL;
    }

    /* a snapshot: "31 March 2025", "at 31 March 2025", ISO */
    take(ws, "at");
    take(ws, "as");
    take(ws, "of");
    w = peek(ws);
    int32_t day;
    if (w && strlen(w) == 10 && gt_date_parse_iso(w, &day)) {
        ws->pos++;
        int y0, m0, d0;
        gt_date_to_ymd(day, &y0, &m0, &d0);
        if (y0 < 1900 || y0 > 2200)
            return "the year must be between 1900 and 2200";
        out->kind = GT_PERIOD_SNAPSHOT;
        out->start = out->end = day;
        return NULL;
    }
    if (w && strlen(w) <= 2 && isdigit((unsigned char)w[0])) {
        char text[64];
        if (ws->pos + 2 >= ws->n)
            return "a date needs a month and a year";
        snprintf(text, sizeof text, "%s %s %s", ws->w[ws->pos],
                 ws->w[ws->pos + 1], ws->w[ws->pos + 2]);
        if (!gt_date_parse(text, &day))
            return "not a real date";
        int y0, m0, d0;
        gt_date_to_ymd(day, &y0, &m0, &d0);
        if (y0 < 1900 || y0 > 2200)
            return "the year must be between 1900 and 2200";
        ws->pos += 3;
        out->kind = GT_PERIOD_SNAPSHOT;
        out->start = out->end = day;
        return NULL;
    }

    /* months: "April 2024", "2024-04", "April to September 2024" */
    if (w && strlen(w) == 7 && w[4] == '-' &&
        sscanf(w, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12 && y >= 1900 &&
        y <= 2200) {
        ws->pos++;
        *out = make(GT_PERIOD_MONTH, y, m, y, m);
        return NULL;
    }
    m = month_word(w);
    if (!m)
        return "not a period";
    ws->pos++;
    int y1 = plain_year(peek(ws));
    if (y1 >= 0 && ws->pos + 1 < ws->n &&
        (strcmp(ws->w[ws->pos + 1], "to") == 0 ||
         strcmp(ws->w[ws->pos + 1], "-") == 0)) {
        /* "October 2024 to March 2025" */
        ws->pos += 2;
        int m2 = month_word(peek(ws));
        if (!m2)
            return "a range of months ends with a month";
        ws->pos++;
        int y2 = plain_year(peek(ws));
        if (y2 < 0)
            return "a year is missing";
        ws->pos++;
        if (y2 * 12 + m2 < y1 * 12 + m)
            return "the months end before they start";
        *out = make(GT_PERIOD_PART, y1, m, y2, m2);
        return NULL;
    }
    if (take(ws, "to") || take(ws, "-")) {
        int m2 = month_word(peek(ws));
        if (!m2)
            return "a range of months ends with a month";
        ws->pos++;
        int y2 = plain_year(peek(ws));
        if (y2 < 0)
            return "a year is missing";
        ws->pos++;
        *out = make(GT_PERIOD_PART, m > m2 ? y2 - 1 : y2, m, y2, m2);
        return NULL;
    }
    y = plain_year(peek(ws));
    if (y < 0)
        return "a year is missing";
    ws->pos++;
    *out = make(GT_PERIOD_MONTH, y, m, y, m);
    return NULL;
}

const char *
gt_period_parse(const char *text, struct gt_period *out)
{
    struct words ws;
    char tmp[128];
    size_t len = strlen(text);
    if (len >= sizeof tmp)
        return "longer than 127 characters";
    /* "April–September 2024": dashes become words */
    size_t n = 0;
    for (size_t i = 0; i < len && n + 3 < sizeof tmp; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0xE2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x93 ||
             (unsigned char)text[i + 2] == 0x94)) {
            tmp[n++] = ' ';
            tmp[n++] = '-';
            tmp[n++] = ' ';
            i += 2;
        } else if (c == '.' && i + 1 == len) {
            break;
        } else {
            tmp[n++] = (char)c;
        }
    }
    tmp[n] = '\0';
    const char *err = split(tmp, &ws);
    if (err)
        return err;
    err = parse_words(&ws, out);
    if (!err && peek(&ws))
        err = "unexpected words at the end";
    return err;
}

void
gt_period_format(const struct gt_period *p, char out[GT_PERIOD_TEXT_LEN])
{
    int y1, m1, d1, y2, m2, d2;
    gt_date_to_ymd(p->start, &y1, &m1, &d1);
    gt_date_to_ymd(p->end, &y2, &m2, &d2);
    int fy = gt_period_fy(p->start);
    switch (p->kind) {
    case GT_PERIOD_YEAR:
        snprintf(out, GT_PERIOD_TEXT_LEN, "%d/%02d", fy, (fy + 1) % 100);
        break;
    case GT_PERIOD_QUARTER:
        snprintf(out, GT_PERIOD_TEXT_LEN, "Q%d %d/%02d",
                 gt_period_quarter_number(p->start), fy, (fy + 1) % 100);
        break;
    case GT_PERIOD_MONTH:
        snprintf(out, GT_PERIOD_TEXT_LEN, "%s %d", gt_month_name(m1), y1);
        break;
    case GT_PERIOD_ACADEMIC:
        snprintf(out, GT_PERIOD_TEXT_LEN, "%d/%02d academic year", y1,
                 (y1 + 1) % 100);
        break;
    case GT_PERIOD_ROLLING:
        snprintf(out, GT_PERIOD_TEXT_LEN, "12 months to %s %d",
                 gt_month_name(m2), y2);
        break;
    case GT_PERIOD_PART:
        if (y1 == y2)
            snprintf(out, GT_PERIOD_TEXT_LEN, "%s to %s %d", gt_month_name(m1),
                     gt_month_name(m2), y2);
        else
            snprintf(out, GT_PERIOD_TEXT_LEN, "%s %d to %s %d",
                     gt_month_name(m1), y1, gt_month_name(m2), y2);
        break;
    case GT_PERIOD_SNAPSHOT:
    default:
        gt_date_long(p->start, out);
        break;
    }
}
