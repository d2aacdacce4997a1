/*
 * deadline: the "Deadline for delivery" cell of a council plan, parsed.
 *
 * Plans write deadlines as free text: "December 2016", "January - March
 * 2017", "January 2017 and ongoing", "Start July 2016 and every two months
 * thereafter.", "31 March 2017", "-". This module turns every such form into
 * a start, a due date, a recurrence and an ongoing flag, renders them back in
 * one canonical wording, and answers when a deadline next falls due and
 * whether it is overdue. A month on its own means its last day. It knows
 * nothing of items or statuses beyond the BRAG value passed in.
 */
#ifndef GT_DEADLINE_H
#define GT_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/brag.h"
#include "core/date.h"

/* Longest deadline text accepted, in bytes. */
#define GT_DEADLINE_MAX_TEXT 200
/* Room for any canonical rendering, plus NUL. */
#define GT_DEADLINE_TEXT_LEN 96

/* What the parser accepts, for error messages. */
#define GT_DEADLINE_EXPECTED                                                   \
    "a month (\"March 2017\"), a date (\"31 March 2017\" or 2017-03-31), "     \
    "a range (\"January to March 2017\"), \"March 2017 onwards\", "            \
    "\"January 2017 and quarterly thereafter\" or \"-\" for none"

struct gt_deadline {
    int32_t start;    /* first day of a range or recurrence; GT_NO_DATE */
    int32_t due;      /* due date (first one if recurring); GT_NO_DATE */
    int every_months; /* recurs every so many months; 0 if it does not */
    bool ongoing;     /* carries on after the due date */
    bool start_month; /* start was written as a month, not a day */
    bool due_month;   /* due was written as a month, not a day */
};

/* A deadline that is not set. */
void gt_deadline_none(struct gt_deadline *dl);

/* Parse text (NUL-terminated, any case, surrounding spaces and a final full
 * stop ignored) into *out. Returns NULL on success, otherwise a static
 * message saying what was wrong; *out is then "none". No allocation. */
const char *gt_deadline_parse(const char *text, struct gt_deadline *out);

/* Write the canonical wording of dl into out: "December 2016", "January to
 * March 2017", "March 2017 onwards", "July 2016 and every 2 months
 * thereafter", "31 March 2017"; "-" when there is no deadline. */
void gt_deadline_format(const struct gt_deadline *dl,
                        char out[GT_DEADLINE_TEXT_LEN]);

/* The next due date on or after as_of for a recurring deadline; for any
 * other deadline its due date (which may be before as_of). GT_NO_DATE when
 * there is no deadline. */
int32_t gt_deadline_next_due(const struct gt_deadline *dl, int32_t as_of);

/* True when dl has a fixed due date before as_of and the work is not Blue.
 * Ongoing and recurring deadlines have no final date and are never overdue. */
bool gt_deadline_overdue(const struct gt_deadline *dl, enum gt_brag status,
                         int32_t as_of);

#endif
