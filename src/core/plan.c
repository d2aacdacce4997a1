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

bool
gt_items_has_children(const struct gt_items *list, size_t i)
{
    for (size_t k = 0; k < list->n; k++)
        if (list->v[k].parent_id == list->v[i].id)
            return true;
    return false;
}
