/*
 * scorecard: every indicator as it stood on a date, ready to show: its
 * periods up to that date, the latest judged against its target and the
 * periods before, the comparators beside it, and the items of the golden
 * thread it measures. The web scorecard, the indicator page and the
 * committee report all read indicators through here, so they agree.
 */
#ifndef GT_SCORECARD_H
#define GT_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/comparator.h"
#include "core/ctx.h"
#include "core/db.h"
#include "core/kpi.h"
#include "core/plan.h"

struct gt_kpi_card {
    struct gt_kpi kpi;
    struct gt_kpi_values values; /* periods ending on or before as_of */
    struct gt_comparators comparators;
    struct gt_items items;             /* what it measures */
    bool has_latest;                   /* values is not empty */
    size_t latest;                     /* index into values */
    struct gt_kpi_judgement judgement; /* of the latest; points into values */
};

struct gt_scorecard {
    struct gt_kpi_card *v; /* by indicator code */
    size_t n;
    size_t alloc;
};

/* Which indicators to keep; NULL or unset fields keep all. */
struct gt_scorecard_filter {
    const struct gt_names *codes; /* only these, by code (a plan's, from
                                   * gt_db_plan_kpis) */
    const char *owner;            /* owned by this person */
    bool by_rag;
    enum gt_rag rag; /* the latest period's RAG */
};

/* Whether the card passes the filter (NULL passes everything). */
bool gt_kpi_card_matches(const struct gt_kpi_card *c,
                         const struct gt_scorecard_filter *f);
/* Load the indicators as they stood on as_of into *out (appended). Small
 * counts from child-level records are suppressed (gt_kpi_values_suppress)
 * before anything is judged, unless disclose (for admins and analysts). */
enum gt_rc gt_scorecard_load(struct gt_db *db, int32_t as_of,
                             const struct gt_scorecard_filter *filter,
                             bool disclose, struct gt_scorecard *out,
                             struct gt_ctx *ctx) GT_MUST;
/* Load one indicator by code the same way; GT_NOTFOUND when none. */
enum gt_rc gt_kpi_card_load(struct gt_db *db, const char *code, int32_t as_of,
                            bool disclose, struct gt_kpi_card *out,
                            struct gt_ctx *ctx) GT_MUST;
void gt_kpi_card_finish(struct gt_kpi_card *c);
void gt_scorecard_finish(struct gt_scorecard *s);

/* The latest period's value beside the comparator of type t (see
 * gt_comparator_for); NULL when there is no latest period or comparator. */
const struct gt_comparator *gt_kpi_card_comparator(const struct gt_kpi_card *c,
                                                   enum gt_area_type t);

#endif
