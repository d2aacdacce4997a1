/*
 * date: calendar dates as day numbers, and the ways councils write them.
 *
 * A date is an int32_t count of days since 1970-01-01 (proleptic Gregorian),
 * so comparing and subtracting dates is plain arithmetic. GT_NO_DATE stands
 * for "no date". This module parses and prints dates; it does not know about
 * deadlines (deadline.h) or reporting periods, and never reads the clock.
 */
#ifndef GT_DATE_H
#define GT_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GT_NO_DATE INT32_MIN

/* ISO text "YYYY-MM-DD" plus NUL. */
#define GT_DATE_ISO_LEN 11
/* Longest "30 September 2024" plus NUL, with room to spare. */
#define GT_DATE_LONG_LEN 32

/* Day number of a valid year, month (1-12), day; GT_NO_DATE if invalid. */
int32_t gt_date_from_ymd(int y, int m, int d);
/* Split a day number into year, month and day. */
void gt_date_to_ymd(int32_t date, int *y, int *m, int *d);
/* Days in month m (1-12) of year y. */
int gt_days_in_month(int y, int m);
/* Last day of month m of year y. */
int32_t gt_date_month_end(int y, int m);
/* Last day of the month that is n months after (y, m). */
int32_t gt_date_month_end_after(int y, int m, int n);

/* The same day n months later (earlier when n < 0), the month's last day
 * when it is shorter: 31 August + 6 months is 28 or 29 February. */
int32_t gt_date_add_months(int32_t date, int n);

/* Month number for a full or three-letter English month name, any case;
 * 0 when s[0..len) is not a month. */
int gt_month_from_name(const char *s, size_t len);
/* "January" ... "December" for 1-12; borrowed. */
const char *gt_month_name(int m);

/* Parse strict ISO "YYYY-MM-DD", years 1000 to 9999 as every other form
 * here. true on success. */
bool gt_date_parse_iso(const char *s, int32_t *out);
/* Parse ISO, "31 March 2017", "31 Mar 2017" or "31/03/2017". Surrounding
 * spaces are ignored. true on success. */
bool gt_date_parse(const char *s, int32_t *out);
/* Whether d could be a day in a council's plans or case records: from
 * 1 January 1900 to 31 December 2099. Importers refuse others (a
 * 9999-12-31 placeholder, a year typed as 20177). */
bool gt_date_plausible(int32_t d);
#define GT_DATE_PLAUSIBLE_WORDS "between 1900 and 2099"

/* Write "YYYY-MM-DD" into out (GT_DATE_ISO_LEN bytes); "" for GT_NO_DATE. */
void gt_date_iso(int32_t date, char out[GT_DATE_ISO_LEN]);
/* Write "1 April 2024" into out (GT_DATE_LONG_LEN bytes); "" for GT_NO_DATE. */
void gt_date_long(int32_t date, char out[GT_DATE_LONG_LEN]);
/* The day of a stored time ("2026-11-27T09:00:00Z") the same way; "" when
 * it is NULL or does not start with a date. */
void gt_timestamp_day_long(const char *timestamp, char out[GT_DATE_LONG_LEN]);

#endif
