/*
 * caseload: social workers' caseloads against the policy's bands. Each
 * worker is in an experience band (newly qualified; after the first year;
 * more than two years qualified) and the policy gives each band the range
 * of cases a worker should hold (8-10, 10-12 and 12-20 unless changed). A
 * worker over the band's top is a breach; under its bottom is shown too,
 * as room to take more. Teams are summed in the order first given.
 */
#ifndef GT_CASELOAD_H
#define GT_CASELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gt_caseload_band {
    GT_BAND_NEWLY_QUALIFIED,
    GT_BAND_SECOND_YEAR,
    GT_BAND_EXPERIENCED,
    GT_BAND_COUNT
};

/* The range of cases each band should hold. */
struct gt_caseload_policy {
    int low[GT_BAND_COUNT], high[GT_BAND_COUNT];
};

/* 8-10, 10-12, 12-20. */
extern const struct gt_caseload_policy gt_caseload_default_policy;

struct gt_caseload {
    char *team, *worker; /* owned */
    enum gt_caseload_band band;
    int cases;
};

struct gt_caseloads {
    int32_t as_at; /* the date the cases were counted */
    struct gt_caseload *v;
    size_t n, alloc;
};

/* "newly-qualified", "second-year", "experienced": the store's codes. */
const char *gt_caseload_band_code(enum gt_caseload_band b);
/* "Newly qualified", "After first year", "More than two years". */
const char *gt_caseload_band_word(enum gt_caseload_band b);
/* A band from its code or word, the words plans use ("NQSW", "ASYE",
 * "Experienced", ...) or the years since qualifying ("0.5", "3"): under
 * one year newly qualified, one to two years the second band, more than
 * two experienced. False when it is none of these. */
bool gt_caseload_band_parse(const char *text, enum gt_caseload_band *out);

/* -1 under the band's range, 0 within it, 1 over it (a breach). */
int gt_caseload_check(const struct gt_caseload_policy *p,
                      const struct gt_caseload *c);

struct gt_caseload_team {
    const char *team; /* borrowed from the caseloads */
    size_t workers, over, under;
    long cases;
};

/* Each team's sums, in the order teams first appear, then (as the last,
 * team "All teams") the whole. *n gets the number of rows; free the
 * result. */
struct gt_caseload_team *gt_caseload_teams(const struct gt_caseload_policy *p,
                                           const struct gt_caseloads *list,
                                           size_t *n);

struct gt_caseload *gt_caseloads_push(struct gt_caseloads *list);
void gt_caseloads_finish(struct gt_caseloads *list);

#endif
