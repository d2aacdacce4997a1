/*
 * brag: the Blue, Red, Amber, Green rating councils give each action.
 *
 * Blue means fully completed, Red fully stuck, Amber more work needed or a
 * resolvable issue in sight, Green in progress with no barriers; an item
 * nobody has rated yet is Not rated. This module names, parses and counts
 * ratings; where ratings are stored is db.h's business. Roll-ups are counts
 * per status, never an average.
 */
#ifndef GT_BRAG_H
#define GT_BRAG_H

#include <stdbool.h>
#include <stddef.h>

enum gt_brag {
    GT_NOT_RATED = 0,
    GT_RED,
    GT_AMBER,
    GT_GREEN,
    GT_BLUE,
};
#define GT_BRAG_COUNT 5

/* Per-status counts; index by enum gt_brag. */
struct gt_brag_counts {
    long n[GT_BRAG_COUNT];
};

/* Parse a status word: Blue (or Complete, Completed), Red, Amber, Green, Not
 * rated (or empty, "-"), any case, or the single letters B, R, A, G.
 * false when the word is none of these. */
bool gt_brag_parse(const char *word, enum gt_brag *out);
/* The word shown to people: "Blue", "Red", "Amber", "Green", "Not rated". */
const char *gt_brag_word(enum gt_brag b);
/* What the word means, in the plans' own terms. */
const char *gt_brag_meaning(enum gt_brag b);
/* The stable code stored in files and the database: "blue", "red", "amber",
 * "green", "not_rated". */
const char *gt_brag_code(enum gt_brag b);
/* Parse a stored code; false when it is not one. */
bool gt_brag_from_code(const char *code, enum gt_brag *out);

/* Total of all counts. */
long gt_brag_total(const struct gt_brag_counts *c);
/* Write "Blue 3, Green 2, Amber 1, Red 0, Not rated 4" into out. */
void gt_brag_counts_format(const struct gt_brag_counts *c, char *out,
                           size_t len);

#endif
