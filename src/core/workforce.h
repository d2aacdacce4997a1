/*
 * workforce: a plan's workforce figures by unit and period: establishment,
 * FTE in post, agency FTE among them and working days lost to sickness.
 * From them: vacancies (establishment less those in post, never below 0),
 * the agency share of those in post, and days lost per FTE in post over
 * a year (a period's days scaled by its length, as the target is a
 * year's), judged against the target (6 days unless given): Green at or
 * under it, Amber within a tenth over, Red beyond.
 */
#ifndef GT_WORKFORCE_H
#define GT_WORKFORCE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/judge.h"
#include "core/period.h"

#define GT_SICKNESS_TARGET 6.0

struct gt_workforce {
    char *unit; /* owned */
    struct gt_period period;
    double establishment, filled, agency;
    bool has_sickness;
    double sickness_days;
};

struct gt_workforce_list {
    struct gt_workforce *v;
    size_t n, alloc;
};

double gt_workforce_vacancies(const struct gt_workforce *w);
/* Agency FTE as a percentage of FTE in post; 0 with nobody in post. */
double gt_workforce_agency_percent(const struct gt_workforce *w);
/* Days lost per FTE in post a year; false when not given or nobody in
 * post. */
bool gt_workforce_days_per_fte(const struct gt_workforce *w, double *out);
enum gt_rag gt_workforce_sickness_rag(double days_per_fte, double target);

/* The units added up into *out (unit "Total", borrowed), for the first
 * unit's period (units report together); sickness only when every unit
 * gave it. list must not be empty. */
void gt_workforce_total(const struct gt_workforce_list *list,
                        struct gt_workforce *out);

struct gt_workforce *gt_workforce_push(struct gt_workforce_list *list);
void gt_workforce_list_finish(struct gt_workforce_list *list);

#endif
