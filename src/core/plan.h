/*
 * plan: the in-memory shape of plans and their items.
 *
 * A plan (corporate, partnership, directorate, service development,
 * improvement, team or individual) is a tree of items: priority or theme,
 * objective, action, milestone, outcome. These structs are what the store
 * fills and the front ends read; this module names the kinds, frees the
 * structs and answers tree questions on a loaded list. It does no I/O.
 */
#ifndef GT_PLAN_H
#define GT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/brag.h"
#include "core/deadline.h"

enum gt_plan_kind {
    GT_PLAN_CORPORATE = 0,
    GT_PLAN_PARTNERSHIP,
    GT_PLAN_DIRECTORATE,
    GT_PLAN_SERVICE_DEVELOPMENT,
    GT_PLAN_IMPROVEMENT,
    GT_PLAN_TEAM,
    GT_PLAN_INDIVIDUAL,
};
#define GT_PLAN_KIND_COUNT 7

enum gt_item_kind {
    GT_ITEM_PRIORITY = 0,
    GT_ITEM_THEME,
    GT_ITEM_OBJECTIVE,
    GT_ITEM_ACTION,
    GT_ITEM_MILESTONE,
    GT_ITEM_OUTCOME,
};
#define GT_ITEM_KIND_COUNT 6

struct gt_plan {
    int64_t id;  /* 0 until stored */
    char *code;  /* short unique name, e.g. "imp17"; owned */
    char *title; /* owned */
    enum gt_plan_kind kind;
    char *owner_unit;    /* unit name or NULL; owned */
    int32_t period_from; /* GT_NO_DATE when not set */
    int32_t period_to;
    int32_t review_date;
};

struct gt_item {
    int64_t id; /* 0 until stored */
    int64_t plan_id;
    int64_t parent_id; /* 0 at the top of the plan */
    enum gt_item_kind kind;
    char *plan_code;             /* code of the item's plan; owned */
    char *ref;                   /* "T3.2"; owned */
    char *title;                 /* owned */
    char *description;           /* owned, may be NULL */
    char *lead;                  /* person's name, may be NULL; owned */
    char *owner;                 /* person's name, may be NULL; owned */
    char *deadline_text;         /* as written, may be NULL; owned */
    struct gt_deadline deadline; /* parsed from deadline_text */
    char *monitoring;            /* may be NULL; owned */
    char *source;                /* source of the idea, may be NULL; owned */
    int position;                /* order among siblings, from 1 */
    enum gt_brag status;         /* latest update as of the load date */
    int32_t status_as_of;        /* GT_NO_DATE when never rated */
    char *commentary; /* with the latest update, may be NULL; owned */
    /* in the plan's tree, from 0, and the place in its order from 0:
     * set by loads in the plan's order */
    int depth;
    size_t place;
    char *parent_ref; /* the parent's ref, set by page loads; owned */
};

/* A growable list of items; owns its items. */
struct gt_items {
    struct gt_item *v;
    size_t n;
    size_t alloc;
};

/* A growable list of plans; owns its plans. */
struct gt_plans {
    struct gt_plan *v;
    size_t n;
    size_t alloc;
};

/* "corporate", "service_development", ...: the stored code. */
const char *gt_plan_kind_code(enum gt_plan_kind k);
/* "Corporate plan", "Service development plan", ...: for people. */
const char *gt_plan_kind_word(enum gt_plan_kind k);
/* Parse a code or a word ("service development", any case, "-" or "_"
 * between words). false when unknown. */
bool gt_plan_kind_parse(const char *s, enum gt_plan_kind *out);

/* "priority", "theme", ...: the stored code, also the word for people. */
const char *gt_item_kind_code(enum gt_item_kind k);
/* Parse a code, any case. false when unknown. */
bool gt_item_kind_parse(const char *s, enum gt_item_kind *out);
/* Priorities and themes group work; they are not themselves rated work. */
bool gt_item_kind_is_group(enum gt_item_kind k);

/* Zero a plan so gt_plan_finish is safe; dates become GT_NO_DATE. */
void gt_plan_init(struct gt_plan *p);
void gt_plan_finish(struct gt_plan *p);
/* Zero an item; status Not rated, no deadline. */
void gt_item_init(struct gt_item *it);
void gt_item_finish(struct gt_item *it);

/* Append a new zeroed item and return it (owned by the list). */
struct gt_item *gt_items_push(struct gt_items *list);
/* Free every item and the array; the list is then empty and reusable. */
void gt_items_finish(struct gt_items *list);
/* Append a new zeroed plan and return it (owned by the list). */
struct gt_plan *gt_plans_push(struct gt_plans *list);
void gt_plans_finish(struct gt_plans *list);

/* Move the items of flat (siblings in order, any parent order) into out
 * depth first: each parent before its children, with its depth. flat is
 * left empty.
 * Items whose parent is not in flat are treated as top-level. */
void gt_items_tree_order(struct gt_items *flat, struct gt_items *out);
/* Count the rated work among items by status, as gt_db_rollup does: only
 * items with no children, never priorities or themes. */
void gt_items_rollup(const struct gt_items *items, struct gt_brag_counts *out);

/* Index of the item with this id in list, or -1. Linear. */
long gt_items_find(const struct gt_items *list, int64_t id);
/* Each item's parent's index in list (-1 at the top or when the parent is
 * not in it), in one pass of n log n: for walking a large plan's tree.
 * Caller frees. */
long *gt_items_parents(const struct gt_items *list);
/* True when the item at index i has children in list. */
bool gt_items_has_children(const struct gt_items *list, size_t i);

#endif
