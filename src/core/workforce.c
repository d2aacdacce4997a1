/*
 * workforce: workforce figures worked out. See workforce.h.
 */
#include "core/workforce.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

double
gt_workforce_vacancies(const struct gt_workforce *w)
{
    double v = w->establishment - w->filled;
    return v > 0 ? v : 0;
}

double
gt_workforce_agency_percent(const struct gt_workforce *w)
{
    return w->filled > 0 ? 100.0 * w->agency / w->filled : 0;
}

bool
gt_workforce_days_per_fte(const struct gt_workforce *w, double *out)
{
    if (!w->has_sickness || w->filled <= 0 || w->period.end < w->period.start)
        return false;
    /* a year's rate, as the target is: a quarter's days count four times */
    double days = (double)(w->period.end - w->period.start + 1);
    *out = w->sickness_days / w->filled * (365.0 / days);
    return true;
}

enum gt_rag
gt_workforce_sickness_rag(double days_per_fte, double target)
{
    /* judged as shown, to one decimal place */
    double shown = gt_round_half_away(days_per_fte, 1);
    if (shown <= target)
        return GT_RAG_GREEN;
    return shown <= target * 1.1 ? GT_RAG_AMBER : GT_RAG_RED;
}

void
gt_workforce_total(const struct gt_workforce_list *list,
                   struct gt_workforce *out)
{
    static char total[] = "Total";
    memset(out, 0, sizeof *out);
    out->unit = total;
    out->period = list->v[0].period;
    out->has_sickness = true;
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_workforce *w = &list->v[i];
        out->establishment += w->establishment;
        out->filled += w->filled;
        out->agency += w->agency;
        out->sickness_days += w->sickness_days;
        out->has_sickness = out->has_sickness && w->has_sickness;
    }
}

struct gt_workforce *
gt_workforce_push(struct gt_workforce_list *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_workforce *w = &list->v[list->n++];
    memset(w, 0, sizeof *w);
    return w;
}

void
gt_workforce_list_finish(struct gt_workforce_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].unit);
    free(list->v);
    memset(list, 0, sizeof *list);
}
