/*
 * comparator: what an indicator's value is elsewhere, for comparison:
 * England, the council's region, its statistical neighbours (a named set,
 * such as "Statistical neighbours (10)"), and every other council one by
 * one, from which the quartile position follows.
 *
 * This module owns the comparator structures, the words for area types,
 * choosing the comparator that goes with a period, and the quartile; the
 * store keeps them (db.h) and io/kpi_io.h reads and writes them as CSV.
 */
#ifndef GT_COMPARATOR_H
#define GT_COMPARATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/judge.h"
#include "core/period.h"

enum gt_area_type {
    GT_AREA_ENGLAND = 0,
    GT_AREA_REGION,
    GT_AREA_NEIGHBOURS, /* statistical neighbours, the set named in area */
    GT_AREA_AUTHORITY,  /* one council, of all of them */
};
#define GT_AREA_TYPES 4

struct gt_comparator {
    struct gt_period period;
    enum gt_area_type type;
    char *area; /* "England", "North West", a council's name; owned */
    struct gt_value value;
};

struct gt_comparators {
    struct gt_comparator *v; /* in period order, then type, then area */
    size_t n;
    size_t alloc;
};

void gt_comparators_finish(struct gt_comparators *list);
/* A new zeroed comparator at the end of list; borrowed from the list. */
struct gt_comparator *gt_comparators_push(struct gt_comparators *list);

/* "england", "region", "neighbours", "authority". */
const char *gt_area_type_code(enum gt_area_type t);
/* "England", "Region", "Statistical neighbours", "Council". */
const char *gt_area_type_word(enum gt_area_type t);
/* The code or the word, any case; false when it is neither. */
bool gt_area_type_parse(const char *s, enum gt_area_type *out);

/* The comparator of type t to set beside period p: one for the same period,
 * else the latest ending on or before p ends (figures for England are
 * published for a year and compared with each quarter until the next
 * year's). NULL when there is none. Types other than authority have one
 * area per indicator in practice; when several are loaded, the first by
 * name is taken. */
const struct gt_comparator *gt_comparator_for(const struct gt_comparators *c,
                                              enum gt_area_type t,
                                              const struct gt_period *p);

/* The quartile of value among every council's value for period p (the
 * same period only): 1 is the best quarter of councils for the polarity,
 * 4 the worst; 0 when it cannot be told (no usable value, fewer than four
 * councils, or an indicator where within a band is better). A tie takes
 * the better place. */
int gt_comparator_quartile(const struct gt_comparators *c,
                           const struct gt_period *p,
                           const struct gt_value *value,
                           enum gt_polarity polarity);
/* "Top quartile", "Second quartile", "Third quartile", "Bottom quartile",
 * "Not known". */
const char *gt_quartile_words(int quartile);

#endif
