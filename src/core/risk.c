/*
 * risk: the risk register's rules. See risk.h.
 */
#include "core/risk.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/mem.h"

const char *
gt_mitigation_status_code(enum gt_mitigation_status s)
{
    switch (s) {
    case GT_MITIGATION_IN_PROGRESS:
        return "in progress";
    case GT_MITIGATION_DONE:
        return "done";
    default:
        return "planned";
    }
}

bool
gt_mitigation_status_parse(const char *s, enum gt_mitigation_status *out)
{
    static const struct {
        const char *word;
        enum gt_mitigation_status status;
    } words[] = {
        {"planned", GT_MITIGATION_PLANNED},
        {"not started", GT_MITIGATION_PLANNED},
        {"in progress", GT_MITIGATION_IN_PROGRESS},
        {"underway", GT_MITIGATION_IN_PROGRESS},
        {"ongoing", GT_MITIGATION_IN_PROGRESS},
        {"done", GT_MITIGATION_DONE},
        {"complete", GT_MITIGATION_DONE},
        {"completed", GT_MITIGATION_DONE},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(s, words[i].word) == 0) {
            *out = words[i].status;
            return true;
        }
    return false;
}

int
gt_risk_value(struct gt_risk_score s)
{
    return s.likelihood * s.impact;
}

const char *
gt_risk_band(int value)
{
    if (value <= 0)
        return "";
    if (value <= 4)
        return "Low";
    if (value <= 9)
        return "Medium";
    if (value <= 16)
        return "High";
    return "Very high";
}

bool
gt_risk_review_overdue(const struct gt_risk *r, int32_t today)
{
    return r->review != GT_NO_DATE && r->review < today;
}

struct gt_risk *
gt_risks_push(struct gt_risks *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_risk *r = &list->v[list->n++];
    memset(r, 0, sizeof *r);
    r->review = GT_NO_DATE;
    return r;
}

struct gt_mitigation *
gt_risk_add_mitigation(struct gt_risk *r)
{
    r->mitigations = xrealloc(r->mitigations,
                              (r->n_mitigations + 1) * sizeof *r->mitigations);
    struct gt_mitigation *m = &r->mitigations[r->n_mitigations++];
    memset(m, 0, sizeof *m);
    m->due = GT_NO_DATE;
    return m;
}

void
gt_risk_add_link(struct gt_risk *r, const char *spec)
{
    r->links = xrealloc(r->links, (r->n_links + 1) * sizeof *r->links);
    r->links[r->n_links++] = xstrdup(spec);
}

void
gt_risks_finish(struct gt_risks *list)
{
    for (size_t i = 0; i < list->n; i++) {
        struct gt_risk *r = &list->v[i];
        free(r->ref);
        free(r->title);
        free(r->cause);
        free(r->effect);
        free(r->owner);
        free(r->category);
        for (size_t k = 0; k < r->n_mitigations; k++) {
            free(r->mitigations[k].action);
            free(r->mitigations[k].owner);
        }
        free(r->mitigations);
        for (size_t k = 0; k < r->n_links; k++)
            free(r->links[k]);
        free(r->links);
    }
    free(list->v);
    memset(list, 0, sizeof *list);
}
