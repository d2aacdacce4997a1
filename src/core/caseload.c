/*
 * caseload: caseloads checked against the policy's bands. See caseload.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/caseload.h"
#include "core/mem.h"

const struct gt_caseload_policy gt_caseload_default_policy = {
    .low = {8, 10, 12},
    .high = {10, 12, 20},
};

static const char *const codes[GT_BAND_COUNT] = {"newly-qualified",
                                                 "second-year", "experienced"};
static const char *const words[GT_BAND_COUNT] = {
    "Newly qualified", "After first year", "More than two years"};

const char *
gt_caseload_band_code(enum gt_caseload_band b)
{
    return b < GT_BAND_COUNT ? codes[b] : "";
}

const char *
gt_caseload_band_word(enum gt_caseload_band b)
{
    return b < GT_BAND_COUNT ? words[b] : "";
}

/* Years since qualifying, as a number of 0 to 60; false if not one. */
static bool
years(const char *text, double *out)
{
    char *end;
    *out = strtod(text, &end);
    while (end != text && *end == ' ')
        end++;
    if (end != text && strncasecmp(end, "year", 4) == 0)
        end += strspn(end + 4, "s") + 4;
    return end != text && !*end && *out >= 0 && *out <= 60;
}

bool
gt_caseload_band_parse(const char *text, enum gt_caseload_band *out)
{
    static const struct {
        const char *word;
        enum gt_caseload_band band;
    } known[] = {
        {"newly-qualified", GT_BAND_NEWLY_QUALIFIED},
        {"newly qualified", GT_BAND_NEWLY_QUALIFIED},
        {"NQ", GT_BAND_NEWLY_QUALIFIED},
        {"NQSW", GT_BAND_NEWLY_QUALIFIED},
        {"ASYE", GT_BAND_NEWLY_QUALIFIED},
        {"second-year", GT_BAND_SECOND_YEAR},
        {"second year", GT_BAND_SECOND_YEAR},
        {"after first year", GT_BAND_SECOND_YEAR},
        {"after the first year", GT_BAND_SECOND_YEAR},
        {"experienced", GT_BAND_EXPERIENCED},
        {"more than two years", GT_BAND_EXPERIENCED},
        {"more than 2 years", GT_BAND_EXPERIENCED},
    };
    double y;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(text, known[i].word) == 0) {
            *out = known[i].band;
            return true;
        }
    if (!years(text, &y))
        return false;
    *out = y < 1    ? GT_BAND_NEWLY_QUALIFIED
           : y <= 2 ? GT_BAND_SECOND_YEAR
                    : GT_BAND_EXPERIENCED;
    return true;
}

int
gt_caseload_check(const struct gt_caseload_policy *p,
                  const struct gt_caseload *c)
{
    return c->cases > p->high[c->band]  ? 1
           : c->cases < p->low[c->band] ? -1
                                        : 0;
}

static void
count(struct gt_caseload_team *t, int judged, int cases)
{
    t->workers++;
    t->cases += cases;
    t->over += judged > 0;
    t->under += judged < 0;
}

struct gt_caseload_team *
gt_caseload_teams(const struct gt_caseload_policy *p,
                  const struct gt_caseloads *list, size_t *n)
{
    struct gt_caseload_team *out = xcalloc(list->n + 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < list->n; i++) {
        const struct gt_caseload *c = &list->v[i];
        size_t t = 0;
        while (t < k && strcmp(out[t].team, c->team) != 0)
            t++;
        if (t == k)
            out[k++].team = c->team;
        count(&out[t], gt_caseload_check(p, c), c->cases);
    }
    struct gt_caseload_team *all = &out[k];
    all->team = "All teams";
    for (size_t t = 0; t < k; t++) {
        all->workers += out[t].workers;
        all->cases += out[t].cases;
        all->over += out[t].over;
        all->under += out[t].under;
    }
    *n = k + 1;
    return out;
}

struct gt_caseload *
gt_caseloads_push(struct gt_caseloads *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 16;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_caseload *c = &list->v[list->n++];
    memset(c, 0, sizeof *c);
    return c;
}

void
gt_caseloads_finish(struct gt_caseloads *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].team);
        free(list->v[i].worker);
    }
    free(list->v);
    memset(list, 0, sizeof *list);
}
