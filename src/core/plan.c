/*
 * plan: kinds, lifecycles and tree helpers for plans and items. See plan.h.
 */
#include "core/plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

static const char *const plan_codes[GT_PLAN_KIND_COUNT] = {
    "corporate",   "partnership", "directorate", "service_development",
    "improvement", "team",        "individual",
};
static const char *const plan_words[GT_PLAN_KIND_COUNT] = {
    "Corporate plan",           "Partnership plan", "Directorate business plan",
    "Service development plan", "Improvement plan", "Team plan",
    "Individual work plan",
};
static const char *const item_codes[GT_ITEM_KIND_COUNT] = {
    "priority", "theme", "objective", "action", "milestone", "outcome",
};

const char *
gt_plan_kind_code(enum gt_plan_kind k)
{
    return (unsigned)k < GT_PLAN_KIND_COUNT ? plan_codes[k] : "";
}

const char *
gt_plan_kind_word(enum gt_plan_kind k)
{
    return (unsigned)k < GT_PLAN_KIND_COUNT ? plan_words[k] : "";
}

bool
gt_plan_kind_parse(const char *s, enum gt_plan_kind *out)
{
    char norm[40];
    size_t n = 0;
    for (; *s && n + 1 < sizeof norm; s++)
        norm[n++] = *s == ' ' || *s == '-' ? '_' : (char)tolower(*s);
    norm[n] = '\0';
    if (*s)
        return false;
    /* "directorate business plan" and friends: drop a trailing "_plan" */
    if (n > 5 && strcmp(norm + n - 5, "_plan") == 0)
        norm[n - 5] = '\0';
    if (strcmp(norm, "directorate_business") == 0)
        norm[11] = '\0';
    for (int i = 0; i < GT_PLAN_KIND_COUNT; i++) {
        if (strcmp(norm, plan_codes[i]) == 0) {
            *out = (enum gt_plan_kind)i;
            return true;
        }
    }
    return false;
}

const char *
gt_item_kind_code(enum gt_item_kind k)
{
    return (unsigned)k < GT_ITEM_KIND_COUNT ? item_codes[k] : "";
}

bool
gt_item_kind_parse(const char *s, enum gt_item_kind *out)
{
    for (int i = 0; i < GT_ITEM_KIND_COUNT; i++) {
        if (strcasecmp(s, item_codes[i]) == 0) {
            *out = (enum gt_item_kind)i;
            return true;
        }
    }
    return false;
}

bool
gt_item_kind_is_group(enum gt_item_kind k)
{
    return k == GT_ITEM_PRIORITY || k == GT_ITEM_THEME;
}

void
gt_plan_init(struct gt_plan *p)
{
    memset(p, 0, sizeof *p);
    p->period_from = GT_NO_DATE;
    p->period_to = GT_NO_DATE;
    p->review_date = GT_NO_DATE;
}

void
gt_plan_finish(struct gt_plan *p)
{
    if (!p)
        return;
    free(p->code);
    free(p->title);
    free(p->owner_unit);
    gt_plan_init(p);
}

void
gt_item_init(struct gt_item *it)
{
    memset(it, 0, sizeof *it);
    gt_deadline_none(&it->deadline);
    it->status = GT_NOT_RATED;
    it->status_as_of = GT_NO_DATE;
}

void
gt_item_finish(struct gt_item *it)
{
    if (!it)
        return;
    free(it->plan_code);
    free(it->ref);
    free(it->title);
    free(it->description);
    free(it->lead);
    free(it->owner);
    free(it->deadline_text);
    free(it->monitoring);
    free(it->source);
    free(it->commentary);
    free(it->parent_ref);
    gt_item_init(it);
}

struct gt_item *
gt_items_push(struct gt_items *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 16;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_item *it = &list->v[list->n++];
    gt_item_init(it);
    return it;
}

void
gt_items_finish(struct gt_items *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_item_finish(&list->v[i]);
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}

struct gt_plan *
gt_plans_push(struct gt_plans *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_plan *p = &list->v[list->n++];
    gt_plan_init(p);
    return p;
}

void
gt_plans_finish(struct gt_plans *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_plan_finish(&list->v[i]);
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}

long
gt_items_find(const struct gt_items *list, int64_t id)
{
    for (size_t i = 0; i < list->n; i++)
        if (list->v[i].id == id)
            return (long)i;
    return -1;
}

struct id_at {
    int64_t id;
    long at;
};

static int
by_id(const void *a, const void *b)
{
    const struct id_at *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

long *
gt_items_parents(const struct gt_items *list)
{
    size_t n = list->n;
    struct id_at *ids = xcalloc(n ? n : 1, sizeof *ids);
    long *parents = xcalloc(n ? n : 1, sizeof *parents);
    for (size_t i = 0; i < n; i++)
        ids[i] = (struct id_at){list->v[i].id, (long)i};
    qsort(ids, n, sizeof *ids, by_id);
    for (size_t i = 0; i < n; i++) {
        struct id_at key = {list->v[i].parent_id, 0};
        const struct id_at *found =
            list->v[i].parent_id ? bsearch(&key, ids, n, sizeof *ids, by_id)
                                 : NULL;
        parents[i] = found ? found->at : -1;
    }
    free(ids);
    return parents;
}

bool
gt_items_has_children(const struct gt_items *list, size_t i)
{
    for (size_t k = 0; k < list->n; k++)
        if (list->v[k].parent_id == list->v[i].id)
            return true;
    return false;
}

/* For sorting item indices by id, to find children and parents fast. */
struct by_parent {
    int64_t parent; /* parent id, 0 at the top */
    size_t index;   /* position in the flat list (siblings in order) */
};

static int
cmp_parent(const void *a, const void *b)
{
    const struct by_parent *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

struct by_id {
    int64_t id;
    size_t index;
};

static int
cmp_id(const void *a, const void *b)
{
    const struct by_id *x = a, *y = b;
    return x->id < y->id ? -1 : (x->id > y->id);
}

static bool
has_id(const struct by_id *ids, size_t n, int64_t id)
{
    struct by_id key = {.id = id};
    return bsearch(&key, ids, n, sizeof *ids, cmp_id) != NULL;
}

void
gt_items_tree_order(struct gt_items *flat, struct gt_items *out)
{
    size_t n = flat->n;
    struct by_id *ids = xcalloc(n ? n : 1, sizeof *ids);
    struct by_parent *kids = xcalloc(n ? n : 1, sizeof *kids);
    size_t *stack = xcalloc(n ? n : 1, sizeof *stack);
    bool *done = xcalloc(n ? n : 1, sizeof *done);
    for (size_t i = 0; i < n; i++)
        ids[i] = (struct by_id){flat->v[i].id, i};
    qsort(ids, n, sizeof *ids, cmp_id);
    for (size_t i = 0; i < n; i++) {
        int64_t parent = flat->v[i].parent_id;
        if (parent && !has_id(ids, n, parent))
            parent = 0;
        kids[i] = (struct by_parent){parent, i};
    }
    qsort(kids, n, sizeof *kids, cmp_parent);

    /* Depth first: push the top level in reverse, pop one, emit it, push
     * its children in reverse. */
    size_t top = 0;
    for (size_t k = n; k-- > 0;)
        if (kids[k].parent == 0)
            stack[top++] = kids[k].index;
    while (top) {
        size_t i = stack[--top];
        if (done[i])
            continue;
        done[i] = true;
        flat->v[i].place = out->n;
        *gt_items_push(out) = flat->v[i];
        struct by_parent key = {flat->v[i].id, 0};
        size_t lo = 0, hi = n;
        while (lo < hi) { /* first child of i */
            size_t mid = (lo + hi) / 2;
            if (cmp_parent(&kids[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < n && kids[end].parent == flat->v[i].id)
            end++;
        for (size_t k = end; k-- > lo;) {
            stack[top++] = kids[k].index;
            flat->v[kids[k].index].depth = flat->v[i].depth + 1;
        }
    }
    /* Anything not reached sits in a loop of parents: keep it, last. */
    for (size_t i = 0; i < n; i++)
        if (!done[i])
            *gt_items_push(out) = flat->v[i];
    free(flat->v);
    flat->v = NULL;
    flat->n = flat->alloc = 0;
    free(done);
    free(stack);
    free(kids);
    free(ids);
}

void
gt_items_rollup(const struct gt_items *items, struct gt_brag_counts *out)
{
    size_t n = items->n;
    struct by_id *parents = xcalloc(n ? n : 1, sizeof *parents);
    size_t n_parents = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        if (items->v[i].parent_id)
            parents[n_parents++] = (struct by_id){items->v[i].parent_id, i};
    qsort(parents, n_parents, sizeof *parents, cmp_id);
    for (size_t i = 0; i < n; i++) {
        const struct gt_item *it = &items->v[i];
        if (gt_item_kind_is_group(it->kind) ||
            has_id(parents, n_parents, it->id))
            continue;
        out->n[it->status]++;
    }
    free(parents);
}
