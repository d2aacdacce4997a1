/*
 * deadline: parse and render plan deadlines. See deadline.h.
 *
 * The text is split into lower-case tokens (dashes of any kind become their
 * own token), then read by a small recursive-descent grammar:
 *
 *   deadline := "-" | "" | [from] point [("-" | "to") point] [suffix]
 *   point    := ISO-date | [day] month [year]
 *   suffix   := "onwards" | ["and"] "ongoing" | ["and"] every ["thereafter"]
 *   every    := "monthly" | "quarterly" | "annually" | "every" [n] unit
 *             | n "monthly"
 */
#include "core/deadline.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_TOKENS 24
/* The longest recurrence, in months. */
#define EVERY_MAX_MONTHS 120
#define TOKEN_LEN 24

struct tokens {
    char t[MAX_TOKENS][TOKEN_LEN];
    int n;
    int pos;
};

/* Where a point was written to: a day, or only a month. */
struct point {
    int y, m, d; /* y 0 when no year was written; d 0 for a whole month */
};

static const char *
add_token(struct tokens *tk, const char *s, size_t len)
{
    if (len == 0)
        return NULL;
    if (tk->n == MAX_TOKENS)
        return "too many words";
    if (len >= TOKEN_LEN)
        return "a word is too long";
    for (size_t i = 0; i < len; i++)
        tk->t[tk->n][i] = (char)tolower((unsigned char)s[i]);
    tk->t[tk->n][len] = '\0';
    tk->n++;
    return NULL;
}

/* Length of a dash at s (ASCII hyphen, en dash or em dash), or 0. */
static size_t
dash_len(const char *s)
{
    if (s[0] == '-')
        return 1;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
        return 3;
    return 0;
}

static bool
looks_iso(const char *s)
{
    for (int i = 0; i < 10; i++) {
        bool want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return false;
    }
    return !isalnum((unsigned char)s[10]);
}

static const char *
tokenize(const char *s, struct tokens *tk)
{
    const char *err;
    tk->n = 0;
    tk->pos = 0;
    while (*s) {
        if (*s == ' ' || *s == ',' || *s == '\t' || *s == '\xA0') {
            s++;
            continue;
        }
        if (looks_iso(s)) {
            err = add_token(tk, s, 10);
            if (err)
                return err;
            s += 10;
            continue;
        }
        size_t dl = dash_len(s);
        if (dl) {
            err = add_token(tk, "-", 1);
            if (err)
                return err;
            s += dl;
            continue;
        }
        const char *w = s;
        while (*s && *s != ' ' && *s != ',' && *s != '\t' && !dash_len(s))
            s++;
        err = add_token(tk, w, (size_t)(s - w));
        if (err)
            return err;
    }
    return NULL;
}

static const char *
peek(const struct tokens *tk)
{
    return tk->pos < tk->n ? tk->t[tk->pos] : NULL;
}

static bool
accept(struct tokens *tk, const char *word)
{
    const char *t = peek(tk);
    if (t && strcmp(t, word) == 0) {
        tk->pos++;
        return true;
    }
    return false;
}

/* A whole token of digits as an int, or -1. */
static int
token_number(const char *t)
{
    int v = 0;
    if (!t || !*t || strlen(t) > 4)
        return -1;
    for (; *t; t++) {
        if (!isdigit((unsigned char)*t))
            return -1;
        v = v * 10 + (*t - '0');
    }
    return v;
}

/* "two" → 2 ... "twelve" → 12, digits too; -1 otherwise. */
static int
count_word(const char *t)
{
    static const char *const names[] = {
        "one",   "two",   "three", "four", "five",   "six",
        "seven", "eight", "nine",  "ten",  "eleven", "twelve",
    };
    if (!t)
        return -1;
    for (int i = 0; i < 12; i++)
        if (strcmp(t, names[i]) == 0)
            return i + 1;
    int v = token_number(t);
    return v >= 1 && v <= EVERY_MAX_MONTHS ? v : -1;
}

static const char *
parse_point(struct tokens *tk, struct point *p)
{
    const char *t = peek(tk);
    p->y = p->m = p->d = 0;
    if (!t)
        return "a month and year is missing";
    if (strlen(t) == 10 && t[4] == '-') {
        int32_t v;
        if (!gt_date_parse_iso(t, &v))
            return "not a real date";
        gt_date_to_ymd(v, &p->y, &p->m, &p->d);
        if (p->y < 1900 || p->y > 2200)
            return "the year must be between 1900 and 2200";
        tk->pos++;
        return NULL;
    }
    int day = token_number(t);
    if (day >= 0) {
        if (day < 1 || day > 31)
            return "a day of the month must be 1 to 31";
        p->d = day;
        tk->pos++;
        t = peek(tk);
        if (!t)
            return "a month is missing after the day";
    }
    int m = gt_month_from_name(t, strlen(t));
    if (!m)
        return p->d ? "a month is missing after the day"
                    : "no month name where one was expected";
    p->m = m;
    tk->pos++;
    int y = token_number(peek(tk));
    if (y >= 0) {
        if (y < 1900 || y > 2200)
            return "the year must be between 1900 and 2200";
        p->y = y;
        tk->pos++;
    }
    return NULL;
}

static int32_t
point_day(const struct point *p, bool *by_month)
{
    *by_month = p->d == 0;
    if (p->d == 0)
        return gt_date_month_end(p->y, p->m);
    return gt_date_from_ymd(p->y, p->m, p->d);
}

static int32_t
point_first_day(const struct point *p, bool *by_month)
{
    *by_month = p->d == 0;
    return gt_date_from_ymd(p->y, p->m, p->d ? p->d : 1);
}

/* Read a recurrence; 0 when the tokens do not start one, -1 on error. */
static int
parse_every(struct tokens *tk)
{
    const char *t = peek(tk);
    if (!t)
        return 0;
    static const struct {
        const char *word;
        int months;
    } adverbs[] = {
        {"monthly", 1}, {"quarterly", 3}, {"annually", 12},
        {"yearly", 12}, {"bimonthly", 2}, {"biannually", 6},
    };
    for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++) {
        if (strcmp(t, adverbs[i].word) == 0) {
            tk->pos++;
            return adverbs[i].months;
        }
    }
    int n = count_word(t);
    if (n > 0 && tk->pos + 1 < tk->n) {
        /* "six monthly", "six-monthly" */
        int save = tk->pos++;
        accept(tk, "-");
        if (accept(tk, "monthly"))
            return n;
        tk->pos = save;
    }
    if (!accept(tk, "every"))
        return 0;
    int count = 1;
    if (accept(tk, "other"))
        count = 2;
    else if (count_word(peek(tk)) > 0) {
        count = count_word(peek(tk));
        tk->pos++;
    }
    int months = -1;
    if (accept(tk, "month") || accept(tk, "months"))
        months = count;
    else if (accept(tk, "quarter") || accept(tk, "quarters"))
        months = count * 3;
    else if (accept(tk, "year") || accept(tk, "years"))
        months = count * 12;
    /* what is printed ("every 300 months") must read back: the same
     * bound as a count of months (found by the fuzzer) */
    return months > EVERY_MAX_MONTHS ? -2 : months;
}

static const char *
parse_suffix(struct tokens *tk, struct gt_deadline *dl)
{
    if (accept(tk, "onwards") || accept(tk, "onward") ||
        accept(tk, "ongoing")) {
        dl->ongoing = true;
        return NULL;
    }
    bool and_ = accept(tk, "and") || accept(tk, "then");
    if (accept(tk, "ongoing") || accept(tk, "onwards")) {
        dl->ongoing = true;
        return NULL;
    }
    int every = parse_every(tk);
    if (every == -2)
        return "a deadline recurs at least every 10 years (120 months)";
    if (every < 0)
        return "\"every\" must be followed by a number of months, "
               "quarters or years";
    if (every == 0)
        return and_ ? "\"and\" must be followed by \"ongoing\" or a "
                      "recurrence such as \"quarterly thereafter\""
                    : NULL;
    accept(tk, "thereafter");
    dl->every_months = every;
    dl->ongoing = true;
    return NULL;
}

void
gt_deadline_none(struct gt_deadline *dl)
{
    dl->start = GT_NO_DATE;
    dl->due = GT_NO_DATE;
    dl->every_months = 0;
    dl->ongoing = false;
    dl->start_month = false;
    dl->due_month = false;
}

static const char *
parse_tokens(struct tokens *tk, struct gt_deadline *dl)
{
    const char *err;
    struct point a, b;
    bool from = accept(tk, "from") || accept(tk, "start") ||
                accept(tk, "starting") || accept(tk, "starts") ||
                accept(tk, "beginning");
    err = parse_point(tk, &a);
    if (err)
        return err;
    bool range = accept(tk, "-") || accept(tk, "to") || accept(tk, "until");
    if (range) {
        err = parse_point(tk, &b);
        if (err)
            return err;
        if (!b.y)
            return "the end of a range needs a year";
        if (!a.y)
            a.y = a.m > b.m || (a.m == b.m && a.d > b.d) ? b.y - 1 : b.y;
        dl->start = point_first_day(&a, &dl->start_month);
        dl->due = point_day(&b, &dl->due_month);
        if (dl->start == GT_NO_DATE || dl->due == GT_NO_DATE)
            return "not a real date";
        if (dl->due < dl->start)
            return "the range ends before it starts";
    } else {
        if (!a.y)
            return "a year is missing";
        dl->due = point_day(&a, &dl->due_month);
        if (dl->due == GT_NO_DATE)
            return "not a real date";
    }
    err = parse_suffix(tk, dl);
    if (err)
        return err;
    if (peek(tk))
        return "unexpected words at the end";
    if (range && dl->ongoing)
        return "a range cannot also be ongoing or recurring";
    /* "from March 2027" runs on; "from January to March 2027" is a range
     * (found by the fuzzer: it was made ongoing, and printed as it could
     * not be read back) */
    if (from && !range && !dl->ongoing)
        dl->ongoing = true;
    if (dl->ongoing && !range) {
        dl->start = point_first_day(&a, &dl->start_month);
    }
    return NULL;
}

const char *
gt_deadline_parse(const char *text, struct gt_deadline *out)
{
    struct tokens tk;
    char tmp[GT_DEADLINE_MAX_TEXT + 1];
    const char *err;

    gt_deadline_none(out);
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    if (len > GT_DEADLINE_MAX_TEXT)
        return "longer than 200 characters";
    memcpy(tmp, text, len + 1);
    while (len &&
           (tmp[len - 1] == ' ' || tmp[len - 1] == '.' || tmp[len - 1] == '\t'))
        tmp[--len] = '\0';
    if (len == 0 || strcmp(tmp, "-") == 0 || strcasecmp(tmp, "n/a") == 0)
        return NULL;
    err = tokenize(tmp, &tk);
    if (err)
        return err;
    err = parse_tokens(&tk, out);
    if (err) {
        gt_deadline_none(out);
        return err;
    }
    return NULL;
}

static void
format_point(int32_t date, bool by_month, bool with_year, char *out, size_t len)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    if (by_month && with_year)
        snprintf(out, len, "%s %d", gt_month_name(m), y);
    else if (by_month)
        snprintf(out, len, "%s", gt_month_name(m));
    else if (with_year)
        snprintf(out, len, "%d %s %d", d, gt_month_name(m), y);
    else
        snprintf(out, len, "%d %s", d, gt_month_name(m));
}

static const char *
every_words(int months, char *buf, size_t len)
{
    switch (months) {
    case 1:
        return "monthly";
    case 3:
        return "quarterly";
    case 12:
        return "annually";
    default:
        snprintf(buf, len, "every %d months", months);
        return buf;
    }
}

void
gt_deadline_format(const struct gt_deadline *dl, char out[GT_DEADLINE_TEXT_LEN])
{
    char a[40], b[40], every[24];
    if (dl->due == GT_NO_DATE) {
        snprintf(out, GT_DEADLINE_TEXT_LEN, "-");
        return;
    }
    if (dl->every_months) {
        format_point(dl->start_month ? dl->due : dl->start, dl->start_month,
                     true, a, sizeof a);
        snprintf(out, GT_DEADLINE_TEXT_LEN, "%s and %s thereafter", a,
                 every_words(dl->every_months, every, sizeof every));
        return;
    }
    if (dl->ongoing) {
        format_point(dl->start_month ? dl->due : dl->start, dl->start_month,
                     true, a, sizeof a);
        snprintf(out, GT_DEADLINE_TEXT_LEN, "%s onwards", a);
        return;
    }
    if (dl->start != GT_NO_DATE) {
        int ys, ms, ds, ye, me, de;
        gt_date_to_ymd(dl->start, &ys, &ms, &ds);
        gt_date_to_ymd(dl->due, &ye, &me, &de);
        format_point(dl->start, dl->start_month, ys != ye, a, sizeof a);
        format_point(dl->due, dl->due_month, true, b, sizeof b);
        snprintf(out, GT_DEADLINE_TEXT_LEN, "%s to %s", a, b);
        return;
    }
    format_point(dl->due, dl->due_month, true, a, sizeof a);
    snprintf(out, GT_DEADLINE_TEXT_LEN, "%s", a);
}

int32_t
gt_deadline_next_due(const struct gt_deadline *dl, int32_t as_of)
{
    if (dl->due == GT_NO_DATE || dl->every_months <= 0 || as_of <= dl->due)
        return dl->due;
    int sy, sm, sd, ay, am, ad;
    gt_date_to_ymd(dl->due, &sy, &sm, &sd);
    gt_date_to_ymd(as_of, &ay, &am, &ad);
    int diff = (ay * 12 + am) - (sy * 12 + sm);
    int k = (diff + dl->every_months - 1) / dl->every_months;
    int32_t next = gt_date_month_end_after(sy, sm, k * dl->every_months);
    if (next < as_of)
        next = gt_date_month_end_after(sy, sm, (k + 1) * dl->every_months);
    return next;
}

bool
gt_deadline_overdue(const struct gt_deadline *dl, enum gt_brag status,
                    int32_t as_of)
{
    return dl->due != GT_NO_DATE && !dl->ongoing && dl->every_months == 0 &&
           dl->due < as_of && status != GT_BLUE;
}
