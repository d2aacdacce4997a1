/*
 * comparator: other areas' values beside an indicator's. See comparator.h.
 */
#include "core/comparator.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

void
gt_comparators_finish(struct gt_comparators *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].area);
    free(list->v);
    memset(list, 0, sizeof *list);
}

struct gt_comparator *
gt_comparators_push(struct gt_comparators *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_comparator *c = &list->v[list->n++];
    memset(c, 0, sizeof *c);
    return c;
}

static const char *const area_types[GT_AREA_TYPES][2] = {
    {"england", "England"},
    {"region", "Region"},
    {"neighbours", "Statistical neighbours"},
    {"authority", "Council"},
};

const char *
gt_area_type_code(enum gt_area_type t)
{
    return (unsigned)t < GT_AREA_TYPES ? area_types[t][0] : "england";
}

const char *
gt_area_type_word(enum gt_area_type t)
{
    return (unsigned)t < GT_AREA_TYPES ? area_types[t][1] : "England";
}

bool
gt_area_type_parse(const char *s, enum gt_area_type *out)
{
    for (int t = 0; t < GT_AREA_TYPES; t++)
        if (strcasecmp(s, area_types[t][0]) == 0 ||
            strcasecmp(s, area_types[t][1]) == 0) {
            *out = (enum gt_area_type)t;
            return true;
        }
    return false;
}

const struct gt_comparator *
gt_comparator_for(const struct gt_comparators *c, enum gt_area_type t,
                  const struct gt_period *p)
{
    const struct gt_comparator *best = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const struct gt_comparator *x = &c->v[i];
        if (x->type != t || x->period.end > p->end)
            continue;
        if (gt_period_equal(&x->period, p))
            return x;
        /* a later end wins; the list's order keeps the first area by name
         * among equals */
        if (!best || x->period.end > best->period.end)
            best = x;
    }
    return best;
}

/* Whether a is better than b for the polarity. */
static bool
better(double a, double b, enum gt_polarity polarity)
{
    return polarity == GT_LOWER_BETTER ? a < b : a > b;
}

int
gt_comparator_quartile(const struct gt_comparators *c,
                       const struct gt_period *p, const struct gt_value *value,
                       enum gt_polarity polarity)
{
    size_t n = 0, ahead = 0;
    if (polarity == GT_WITHIN_BAND || !gt_value_usable(value))
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        const struct gt_comparator *x = &c->v[i];
        if (x->type != GT_AREA_AUTHORITY || !gt_period_equal(&x->period, p) ||
            !gt_value_usable(&x->value))
            continue;
        n++;
        if (better(x->value.number, value->number, polarity))
            ahead++;
    }
    if (n < 4)
        return 0;
    /* rank r of n falls in quarter ceil(4r / n); a value better than every
     * council is first, one worse than every council is last */
    size_t rank = ahead + 1;
    size_t q = (4 * rank + n - 1) / n;
    return q < 1 ? 1 : q > 4 ? 4 : (int)q;
}

const char *
gt_quartile_words(int quartile)
{
    static const char *const words[] = {"Not known", "Top quartile",
                                        "Second quartile", "Third quartile",
                                        "Bottom quartile"};
    return quartile >= 0 && quartile <= 4 ? words[quartile] : words[0];
}
