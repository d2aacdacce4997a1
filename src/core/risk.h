/*
 * risk: a plan's risk register. Each risk is scored likelihood x impact,
 * both 1 to 5, before controls (inherent), now (residual) and aimed for
 * (target); the score's band is Low (1 to 4), Medium (5 to 9), High (10 to
 * 16) or Very high (20 and 25), as council registers band a 5 x 5 matrix.
 * A risk whose review date has passed is overdue for review.
 */
#ifndef GT_RISK_H
#define GT_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gt_mitigation_status {
    GT_MITIGATION_PLANNED = 0,
    GT_MITIGATION_IN_PROGRESS,
    GT_MITIGATION_DONE,
};

/* "planned", "in progress", "done". */
const char *gt_mitigation_status_code(enum gt_mitigation_status s);
/* Any case, and "not started", "underway", "complete(d)". */
bool gt_mitigation_status_parse(const char *s, enum gt_mitigation_status *out);

struct gt_mitigation {
    char *action, *owner; /* owned; owner may be NULL */
    enum gt_mitigation_status status;
    int32_t due; /* GT_NO_DATE when none */
};

/* Likelihood and impact, 1 to 5; 0 for not given (a target only). */
struct gt_risk_score {
    int likelihood, impact;
};

struct gt_risk {
    int64_t id;
    char *ref, *title, *cause, *effect, *owner, *category; /* owned */
    struct gt_risk_score inherent, residual, target;
    int32_t review; /* GT_NO_DATE when none */
    struct gt_mitigation *mitigations;
    size_t n_mitigations;
    char **links; /* "PLAN:REF" of the items it threatens; owned */
    size_t n_links;
};

struct gt_risks {
    struct gt_risk *v;
    size_t n, alloc;
};

/* likelihood x impact; 0 when not given. */
int gt_risk_value(struct gt_risk_score s);
/* "Low", "Medium", "High", "Very high"; "" for 0. */
const char *gt_risk_band(int value);
/* Whether the review date has passed by today. */
bool gt_risk_review_overdue(const struct gt_risk *r, int32_t today);

struct gt_risk *gt_risks_push(struct gt_risks *list);
struct gt_mitigation *gt_risk_add_mitigation(struct gt_risk *r);
void gt_risk_add_link(struct gt_risk *r, const char *spec);
void gt_risks_finish(struct gt_risks *list);

#endif
