/*
 * scorecard: indicators as they stood on a date. See scorecard.h.
 */
#include "core/scorecard.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

void
gt_kpi_card_finish(struct gt_kpi_card *c)
{
    gt_kpi_finish(&c->kpi);
    gt_kpi_values_finish(&c->values);
    gt_comparators_finish(&c->comparators);
    gt_items_finish(&c->items);
    memset(c, 0, sizeof *c);
}

void
gt_scorecard_finish(struct gt_scorecard *s)
{
    for (size_t i = 0; i < s->n; i++)
        gt_kpi_card_finish(&s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Finish a card whose lists are loaded: periods not yet begun left out,
 * small counts suppressed unless disclosed, the latest judged. */
static void
judge(int32_t as_of, bool disclose, struct gt_kpi_card *c)
{
    /* periods that had not begun on as_of (a target set ahead) are not yet
     * part of the picture; one under way shows what has been entered */
    size_t kept = 0;
    for (size_t i = 0; i < c->values.n; i++) {
        if (c->values.v[i].period.start > as_of)
            gt_kpi_value_finish(&c->values.v[i]);
        else
            c->values.v[kept++] = c->values.v[i];
    }
    c->values.n = kept;
    if (!disclose)
        gt_kpi_values_suppress(&c->kpi, &c->values);
    c->has_latest = c->values.n > 0;
    if (c->has_latest) {
        c->latest = gt_kpi_latest(&c->values);
        c->judgement = gt_kpi_judge(&c->kpi, &c->values, c->latest);
    }
}

/* Load and judge cards[0..n), whose indicators are in place: one card by
 * its own rows, more by the store's three statements for all of them (a
 * scorecard of 60 indicators was 180 statements). */
static enum gt_rc
fill(struct gt_db *db, int32_t as_of, bool disclose, struct gt_kpi_card *cards,
     size_t n, struct gt_ctx *ctx)
{
    enum gt_rc rc;
    if (n == 1) {
        int64_t id = cards->kpi.id;
        if ((rc = gt_db_kpi_values(db, id, &cards->values, ctx)) != GT_OK ||
            (rc = gt_db_comparators(db, id, &cards->comparators, ctx)) !=
                GT_OK ||
            (rc = gt_db_kpi_items(db, id, as_of, &cards->items, ctx)) != GT_OK)
            return rc;
    } else {
        struct gt_kpi_lists *lists = xcalloc(n ? n : 1, sizeof *lists);
        for (size_t i = 0; i < n; i++)
            lists[i] =
                (struct gt_kpi_lists){cards[i].kpi.id, &cards[i].values,
                                      &cards[i].comparators, &cards[i].items};
        rc = gt_db_kpi_lists(db, as_of, lists, n, ctx);
        free(lists);
    }
    for (size_t i = 0; rc == GT_OK && i < n; i++)
        judge(as_of, disclose, &cards[i]);
    return rc;
}

enum gt_rc
gt_kpi_card_load(struct gt_db *db, const char *code, int32_t as_of,
                 bool disclose, struct gt_kpi_card *out, struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    enum gt_rc rc = gt_db_kpi_get(db, code, &out->kpi, ctx);
    if (rc == GT_OK)
        rc = fill(db, as_of, disclose, out, 1, ctx);
    if (rc != GT_OK)
        gt_kpi_card_finish(out);
    return rc;
}

static int
compare_code(const void *key, const void *elem)
{
    return strcmp(key, *(char *const *)elem);
}

bool
gt_kpi_card_matches(const struct gt_kpi_card *c,
                    const struct gt_scorecard_filter *f)
{
    if (!f)
        return true;
    if (f->codes &&
        (!f->codes->n || !bsearch(c->kpi.code, f->codes->v, f->codes->n,
                                  sizeof *f->codes->v, compare_code)))
        return false;
    if (f->owner && *f->owner &&
        (!c->kpi.owner || strcmp(c->kpi.owner, f->owner) != 0))
        return false;
    enum gt_rag rag = c->has_latest ? c->judgement.rag : GT_RAG_GREY;
    return !f->by_rag || rag == f->rag;
}

enum gt_rc
gt_scorecard_load(struct gt_db *db, int32_t as_of,
                  const struct gt_scorecard_filter *filter, bool disclose,
                  struct gt_scorecard *out, struct gt_ctx *ctx)
{
    struct gt_kpis kpis = {0};
    enum gt_rc rc = gt_db_kpi_list(db, &kpis, ctx);
    if (rc != GT_OK) {
        gt_kpis_finish(&kpis);
        return rc;
    }
    struct gt_kpi_card *cards = xcalloc(kpis.n ? kpis.n : 1, sizeof *cards);
    size_t n = 0;
    for (size_t i = 0; i < kpis.n; i++) {
        /* a plan's indicators only: the others' values are not read */
        if (filter && filter->codes &&
            (!filter->codes->n ||
             !bsearch(kpis.v[i].code, filter->codes->v, filter->codes->n,
                      sizeof *filter->codes->v, compare_code)))
            continue;
        cards[n].kpi = kpis.v[i]; /* the card takes the strings over */
        gt_kpi_init(&kpis.v[i]);
        n++;
    }
    rc = fill(db, as_of, disclose, cards, n, ctx);
    /* the cards the filter keeps, in the list's order */
    for (size_t i = 0; i < n; i++) {
        if (rc != GT_OK || !gt_kpi_card_matches(&cards[i], filter)) {
            gt_kpi_card_finish(&cards[i]);
            continue;
        }
        if (out->n == out->alloc) {
            out->alloc = out->alloc ? out->alloc * 2 : 16;
            out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
        }
        out->v[out->n++] = cards[i];
    }
    free(cards);
    gt_kpis_finish(&kpis);
    return rc;
}

const struct gt_comparator *
gt_kpi_card_comparator(const struct gt_kpi_card *c, enum gt_area_type t)
{
    if (!c->has_latest)
        return NULL;
    return gt_comparator_for(&c->comparators, t,
                             &c->values.v[c->latest].period);
}
