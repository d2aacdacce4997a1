/*
 * period: the reporting periods councils measure against, as they write
 * them: financial years (2024/25, 1 April to 31 March), quarters (Q1 =
 * April to June), months, academic years (1 September to 31 August),
 * rolling 12 months, part years, and snapshot dates.
 *
 * A period is its kind and its first and last day (inclusive). This
 * module parses and prints periods, finds the quarter or year a date
 * falls in, and steps to the previous period and the same period a year
 * earlier, for direction of travel. It knows nothing of indicators.
 */
#ifndef GT_PERIOD_H
#define GT_PERIOD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

enum gt_period_kind {
    GT_PERIOD_YEAR = 0, /* financial year */
    GT_PERIOD_QUARTER,  /* of a financial year */
    GT_PERIOD_MONTH,
    GT_PERIOD_ACADEMIC, /* academic year */
    GT_PERIOD_ROLLING,  /* 12 months to the end of a month */
    GT_PERIOD_PART,     /* whole months from one to another */
    GT_PERIOD_SNAPSHOT, /* one day */
};

struct gt_period {
    enum gt_period_kind kind;
    int32_t start; /* first day */
    int32_t end;   /* last day; equal to start for a snapshot */
};

/* Room for any period's wording, plus NUL. */
#define GT_PERIOD_TEXT_LEN 64

/* What the parser accepts, for error messages. */
#define GT_PERIOD_EXPECTED                                                     \
    "a financial year (2024/25), a quarter (Q1 2024/25), a month (April "      \
    "2024), an academic year (2024/25 academic year), rolling 12 months "      \
    "(12 months to March 2025), months (April to September 2024) or a date "   \
    "(31 March 2025)"

/* Parse text into *out. NULL on success, else a static message. */
const char *gt_period_parse(const char *text, struct gt_period *out);
/* The canonical wording: "2024/25", "Q1 2024/25", "April 2024",
 * "2024/25 academic year", "12 months to March 2025", "April to September
 * 2024", "31 March 2025". */
void gt_period_format(const struct gt_period *p, char out[GT_PERIOD_TEXT_LEN]);

/* The financial year, quarter or month that date falls in. */
struct gt_period gt_period_year_of(int32_t date);
struct gt_period gt_period_quarter_of(int32_t date);
struct gt_period gt_period_month_of(int32_t date);
/* The first year of the financial year date falls in (2024 for 2024/25). */
int gt_period_fy(int32_t date);
/* Quarter number 1 to 4 (Q1 = April to June) of date. */
int gt_period_quarter_number(int32_t date);

/* The period of the same kind and length just before p (a snapshot: the
 * same day a year earlier is not meant; the day before is). */
struct gt_period gt_period_previous(const struct gt_period *p);
/* The same period a year earlier. */
struct gt_period gt_period_year_earlier(const struct gt_period *p);
/* Whether two periods are the same. */
bool gt_period_equal(const struct gt_period *a, const struct gt_period *b);

#endif
