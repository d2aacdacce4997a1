/*
 * calendar: working days in England, for the timeliness indicators.
 * Monday to Friday, less England and Wales bank holidays read from a file
 * in the shape of GOV.UK's bank-holidays.json (a copy is built in:
 * data/bank-holidays.json). A cumulative table makes any duration one
 * subtraction.
 *
 * Two conventions are in use (csc-data.md section 6):
 *  A, the DfE statistics': the working days in [start, end), so the same
 *    day is 0, and a start at a weekend counts from the next working day.
 *    "Within 45 working days" is a duration of 45 or less. The default.
 *  B, the DfE validator's: the start day is day 1; the deadline for n
 *    working days is start + (n - 1) working days, one working day earlier
 *    than A's.
 */
#ifndef GT_CSC_CALENDAR_H
#define GT_CSC_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"

struct gt_calendar {
    int32_t first;   /* the first day in the table */
    int32_t n_days;  /* days in the table */
    int32_t *before; /* n_days + 1: working days in [first, first + i) */
    int32_t known_from, known_to; /* the years the holiday list covers */
    size_t n_holidays;
};

/* Read a bank-holidays.json (name is for messages) into c; the table
 * spans 1990 to 2060 and has holidays only where the file gives them. */
enum gt_rc gt_calendar_load(struct gt_calendar *c, const char *json, size_t len,
                            const char *name, struct gt_ctx *ctx) GT_MUST;
/* The built-in list. */
enum gt_rc gt_calendar_default(struct gt_calendar *c,
                               struct gt_ctx *ctx) GT_MUST;
void gt_calendar_finish(struct gt_calendar *c);

/* Whether the holiday list covers date (outside it only weekends count). */
bool gt_calendar_covers(const struct gt_calendar *c, int32_t date);
bool gt_calendar_is_working_day(const struct gt_calendar *c, int32_t date);

/* Convention A: working days in [start, end); negative when end is before
 * start. Dates outside the table are clamped to it. */
int32_t gt_working_days(const struct gt_calendar *c, int32_t start,
                        int32_t end);
/* Convention B: the last day within n working days of start, counting
 * start as day 1 (start itself when n is 1 and start is a working day). */
int32_t gt_working_deadline_b(const struct gt_calendar *c, int32_t start,
                              int n);

#endif
