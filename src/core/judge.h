/*
 * judge: how councils judge an indicator: RAG against a target with a
 * tolerance band, aware of which way is better, and direction of travel
 * against an earlier value, in words and an arrow. Values may be missing
 * in the ways official statistics write them: x (not available), z (not
 * applicable), c (confidential, suppressed), low (rounds to zero).
 *
 * Pure functions on numbers; where values come from is the KPI model's
 * business.
 */
#ifndef GT_JUDGE_H
#define GT_JUDGE_H

#include <stdbool.h>
#include <stddef.h>

enum gt_polarity {
    GT_HIGHER_BETTER = 0,
    GT_LOWER_BETTER,
    GT_WITHIN_BAND, /* on target between a low and a high */
};

enum gt_rag {
    GT_RAG_GREY = 0, /* no target or no value */
    GT_RAG_RED,      /* off target */
    GT_RAG_AMBER,    /* within tolerance */
    GT_RAG_GREEN,    /* on target */
};

enum gt_direction {
    GT_DIR_UNKNOWN = 0, /* no earlier value to compare */
    GT_DIR_WORSENING,
    GT_DIR_NO_CHANGE,
    GT_DIR_IMPROVING,
};

/* A value as published: a number, or one of the missing-value symbols. */
enum gt_value_kind {
    GT_VALUE_NUMBER = 0,
    GT_VALUE_NOT_AVAILABLE,  /* x */
    GT_VALUE_NOT_APPLICABLE, /* z */
    GT_VALUE_SUPPRESSED,     /* c */
    GT_VALUE_LOW,            /* low: rounds to zero */
};

struct gt_value {
    enum gt_value_kind kind;
    double number; /* for GT_VALUE_NUMBER; 0 for LOW */
};

/* A target: a number for higher or lower is better, a band otherwise. */
struct gt_target {
    bool set;
    double value; /* the target, or the band's low end */
    double high;  /* the band's high end (GT_WITHIN_BAND) */
};

/* How far from the target still counts as within tolerance. */
struct gt_tolerance {
    bool relative; /* amount is a fraction of the target (0.05 = 5%) */
    double amount; /* else in the indicator's own units */
};

/* Parse "12.5", "x", "z", "c" or "low" (any case); false when it is none. */
bool gt_value_parse(const char *s, struct gt_value *out);
/* v rounded to decimals places, halves away from zero as published
 * statistics round (20.25 to one place is 20.3), whatever the binary
 * representation of the decimal written. */
double gt_round_half_away(double v, int decimals);
/* Write the value with decimals places, or its symbol. */
void gt_value_format(const struct gt_value *v, int decimals, char *out,
                     size_t len);
/* Whether the value can be judged (a number or low). */
bool gt_value_usable(const struct gt_value *v);

/* Judge v against the target. Grey when either is missing. */
enum gt_rag gt_judge_rag(const struct gt_value *v, const struct gt_target *t,
                         enum gt_polarity polarity,
                         const struct gt_tolerance *tol);
/* "On or above target", "On or below target", "Within the target band",
 * "Within tolerance", "Off target", "No target or value". */
const char *gt_rag_words(enum gt_rag rag, enum gt_polarity polarity);
/* "Green", "Amber", "Red", "Grey". */
const char *gt_rag_word(enum gt_rag rag);

/* Compare now with before: a change smaller than no_change (in the
 * indicator's units) is no change; for a band, moving towards it is
 * improving. Unknown when either value cannot be judged. */
enum gt_direction gt_judge_direction(const struct gt_value *now,
                                     const struct gt_value *before,
                                     enum gt_polarity polarity,
                                     const struct gt_target *band,
                                     double no_change);
/* "Improving", "Worsening", "No change", "Not known". */
const char *gt_direction_word(enum gt_direction d);
/* The movement of the value itself: "↑", "↓", "→", or "" when unknown.
 * It says which way the number went; the word says whether that is good. */
const char *gt_direction_arrow(const struct gt_value *now,
                               const struct gt_value *before, double no_change);

#endif
