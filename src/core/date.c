/*
 * date: day numbers and their text forms. See date.h.
 *
 * The conversions are Howard Hinnant's civil-from-days algorithms, exact
 * for every Gregorian date in int32_t range.
 */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

static bool
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
gt_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int32_t
gt_date_from_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > gt_days_in_month(y, m))
        return GT_NO_DATE;
    int yy = m <= 2 ? y - 1 : y;
    int era = yy / 400;
    int yoe = yy - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void
gt_date_to_ymd(int32_t date, int *y, int *m, int *d)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int32_t
gt_date_month_end(int y, int m)
{
    return gt_date_from_ymd(y, m, gt_days_in_month(y, m));
}

int32_t
gt_date_month_end_after(int y, int m, int n)
{
    int months = y * 12 + (m - 1) + n;
    return gt_date_month_end(months / 12, months % 12 + 1);
}

int
gt_month_from_name(const char *s, size_t len)
{
    if (len < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        const char *name = month_names[i];
        size_t full = strlen(name);
        if (len != 3 && len != full && !(i == 8 && len == 4))
            continue; /* "Sept" is common enough to accept */
        bool same = true;
        for (size_t k = 0; k < len && same; k++)
            same =
                tolower((unsigned char)s[k]) == tolower((unsigned char)name[k]);
        if (same)
            return i + 1;
    }
    return 0;
}

const char *
gt_month_name(int m)
{
    return m >= 1 && m <= 12 ? month_names[m - 1] : "";
}

/* Store the day y-m-d in *out; false when there is no such day. */
static bool
store_day(int y, int m, int d, int32_t *out)
{
    int32_t v = gt_date_from_ymd(y, m, d);
    if (v == GT_NO_DATE)
        return false;
    *out = v;
    return true;
}

/* Read exactly n digits at s into *v. */
static bool
digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

bool
gt_date_parse_iso(const char *s, int32_t *out)
{
    int y, m, d;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) || y < 1000)
        return false;
    return store_day(y, m, d, out);
}

/* Read 1 to max digits starting at *p, advancing *p. */
static bool
number(const char **p, int max, int *v)
{
    int n = 0, x = 0;
    while (isdigit((unsigned char)**p) && n < max) {
        x = x * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    if (n == 0 || isdigit((unsigned char)**p))
        return false;
    *v = x;
    return true;
}

static bool
parse_words(const char *s, int32_t *out)
{
    int d, y;
    const char *p = s;
    if (!number(&p, 2, &d) || *p != ' ')
        return false;
    while (*p == ' ')
        p++;
    const char *name = p;
    while (isalpha((unsigned char)*p))
        p++;
    int m = gt_month_from_name(name, (size_t)(p - name));
    if (!m || *p != ' ')
        return false;
    while (*p == ' ')
        p++;
    if (!number(&p, 4, &y) || *p || y < 1000)
        return false;
    return store_day(y, m, d, out);
}

static bool
parse_slashed(const char *s, int32_t *out)
{
    int d, m, y;
    const char *p = s;
    if (!number(&p, 2, &d) || *p++ != '/' || !number(&p, 2, &m) ||
        *p++ != '/' || !number(&p, 4, &y) || *p || y < 1000)
        return false;
    return store_day(y, m, d, out);
}

bool
gt_date_plausible(int32_t d)
{
    return d != GT_NO_DATE && d >= gt_date_from_ymd(1900, 1, 1) &&
           d <= gt_date_from_ymd(2099, 12, 31);
}

bool
gt_date_parse(const char *s, int32_t *out)
{
    char tmp[64];
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len && s[len - 1] == ' ')
        len--;
    if (len == 0 || len >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return gt_date_parse_iso(tmp, out) || parse_words(tmp, out) ||
           parse_slashed(tmp, out);
}

void
gt_date_iso(int32_t date, char out[GT_DATE_ISO_LEN])
{
    int y, m, d;
    if (date == GT_NO_DATE) {
        out[0] = '\0';
        return;
    }
    gt_date_to_ymd(date, &y, &m, &d);
    /* Written by hand: this runs for every date bound to every statement,
     * and snprintf showed up in import profiles. Years outside 0-9999
     * never come from a parser. */
    unsigned uy = (unsigned)y % 10000u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

void
gt_date_long(int32_t date, char out[GT_DATE_LONG_LEN])
{
    int y, m, d;
    if (date == GT_NO_DATE) {
        out[0] = '\0';
        return;
    }
    gt_date_to_ymd(date, &y, &m, &d);
    snprintf(out, GT_DATE_LONG_LEN, "%d %s %d", d, gt_month_name(m), y);
}

void
gt_timestamp_day_long(const char *timestamp, char out[GT_DATE_LONG_LEN])
{
    char iso[GT_DATE_ISO_LEN];
    int32_t day;
    out[0] = '\0';
    if (!timestamp || strlen(timestamp) < 10)
        return;
    memcpy(iso, timestamp, 10);
    iso[10] = '\0';
    if (gt_date_parse_iso(iso, &day))
        gt_date_long(day, out);
}

int32_t
gt_date_add_months(int32_t date, int n)
{
    int y, m, d;
    gt_date_to_ymd(date, &y, &m, &d);
    int months = y * 12 + (m - 1) + n;
    y = months / 12;
    m = months % 12 + 1;
    int last = gt_days_in_month(y, m);
    return gt_date_from_ymd(y, m, d < last ? d : last);
}
