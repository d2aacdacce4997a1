/*
 * indicators: the statutory children's social care indicators of
 * csc-data.md section 5, computed from child-level records for a period
 * (its first and last day) and a date for the counts "at a date" (by
 * default the period's last day). Where a definition has two versions,
 * both are computed and named.
 *
 * Each result is a numerator and denominator (a count has no
 * denominator); the timeliness indicators can also list the rows behind
 * them (csc_breaches), for managers.
 */
#ifndef GT_CSC_INDICATORS_H
#define GT_CSC_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csc/calendar.h"
#include "csc/records.h"

enum csc_id {
    CSC_CONTACTS = 0,     /* 1: contacts in the period */
    CSC_CONVERSION,       /* 1: referrals / contacts */
    CSC_REREFERRAL,       /* 2: from the referral dates in List 3 */
    CSC_REREFERRAL_LIST,  /* 2: from "Number of Referrals in Last 12 Months" */
    CSC_ASSESS45,         /* 3: from the assessment's start */
    CSC_ASSESS45_REF,     /* 3: from the referral before it */
    CSC_ICPC15,           /* 4 */
    CSC_CPP,              /* 5: plans open at the date */
    CSC_CPP2Y_OPEN,       /* 6a: open at the date, 2 years or more */
    CSC_CPP2Y_ENDED,      /* 6b: ended in the period after 2 years or more */
    CSC_CPP_REPEAT,       /* 7: plans starting that are second or later */
    CSC_CPP_REVIEWS,      /* 8 */
    CSC_CLA,              /* 9: looked after at the date, not short breaks */
    CSC_STABILITY_SHORT,  /* 10 */
    CSC_STABILITY_LONG,   /* 11 */
    CSC_LEAVERS_SUITABLE, /* 12 */
    CSC_LEAVERS_EET,      /* 13 */
    CSC_CLA_REVIEWS,      /* 14 */
    CSC_N
};

struct csc_def {
    const char *code;    /* the KPI code results are saved under */
    const char *version; /* which definition, when there are two */
    const char *title;
    const char *definition; /* numerator and denominator, in words */
    bool percent;           /* else a count */
    bool lower_better;
};

struct csc_result {
    long numerator;
    long denominator; /* 0 for a count */
};

/* The definitions, by enum csc_id. */
extern const struct csc_def csc_defs[CSC_N];

/* The indicator with this code (any case); false when there is none. */
bool csc_find(const char *code, enum csc_id *out);
/* Whether the indicator has rows behind it (csc_rows): the timeliness
 * ones. */
bool csc_has_rows(enum csc_id id);
/* A result as people read it: the count, the rate to one decimal place
 * with "%", or "x" for a rate with nothing to divide by. */
void csc_value_text(const struct csc_def *d, const struct csc_result *r,
                    char *out, size_t len);

/* Compute every indicator for the period [start, end] with counts at as_at
 * into out[CSC_N]. */
void csc_compute(const struct csc_records *r, const struct gt_calendar *cal,
                 int32_t start, int32_t end, int32_t as_at,
                 struct csc_result out[CSC_N]);

/* A row behind a timeliness indicator. */
struct csc_row {
    int32_t child;        /* into r->children */
    int32_t team, worker; /* into r->people; -1 when blank */
    int32_t from, to;     /* the dates measured between */
    int32_t days;         /* working days (convention A) */
    bool late;            /* a breach */
};

/* The rows in the denominator of a timeliness indicator (ASSESS45,
 * ASSESS45_REF, ICPC15), in date order; *n gets the count. The caller
 * frees the array. NULL with *n = 0 for other indicators. */
struct csc_row *csc_rows(const struct csc_records *r,
                         const struct gt_calendar *cal, enum csc_id id,
                         int32_t start, int32_t end, size_t *n);

/* Write rows (every one with all, else the late ones) to f as CSV under
 * the heading child, team, worker, from, to, working days, within
 * timescale; each child as its hash keyed with key_hex (or as it is, when
 * r->hashed). false when f cannot be written or the key is not one. */
bool csc_rows_csv(FILE *f, const struct csc_records *r,
                  const struct csc_row *rows, size_t n, bool all,
                  const char *key_hex);

#endif
