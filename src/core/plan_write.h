/*
 * plan_write: making a plan and linking work up the golden thread, the
 * writes every front end (web form, JSON API, command line) uses.
 *
 * The front ends only turn their input into a struct gt_plan or two
 * items, and the problems back into their own words and fields; who may
 * do it, what a code or title may be, the period's order and the
 * transaction are here, so the three refuse exactly the same inputs
 * (tests/fronts/ runs one table of cases through all three).
 */
#ifndef GT_PLAN_WRITE_H
#define GT_PLAN_WRITE_H

#include <stddef.h>

#include "core/ctx.h"
#include "core/plan.h"
#include "core/user.h"

struct gt_db;

/* The longest plan code and title, in characters. */
#define GT_PLAN_CODE_MAX 40
#define GT_PLAN_TITLE_MAX 500

/* What a refusal is about: the names the web form and the API use for
 * the field (the command line says the matching --flag). */
enum gt_plan_field {
    GT_PLAN_FIELD_NONE = 0,
    GT_PLAN_FIELD_CODE,
    GT_PLAN_FIELD_TITLE,
    GT_PLAN_FIELD_KIND,
    GT_PLAN_FIELD_FROM,
    GT_PLAN_FIELD_TO,
    GT_PLAN_FIELD_REVIEW,
};
struct gt_plan_problem {
    enum gt_plan_field field;
    const char *message; /* static; begins with a capital, as forms show */
};
#define GT_PLAN_MAX_PROBLEMS 6

/* The field's name ("code", "title", "kind", "from", "to", "review"). */
const char *gt_plan_field_name(enum gt_plan_field f);

/* Whether s is a plan code: 1 to GT_PLAN_CODE_MAX letters, digits, '-'
 * or '_' (it names items as CODE:REF and appears in addresses). */
bool gt_plan_code_valid(const char *s);

/* Check plan's values on their own: up to GT_PLAN_MAX_PROBLEMS problems
 * into problems, one a field; returns how many. kind_given is false when
 * the front end could not read a kind. */
size_t gt_plan_check(const struct gt_plan *plan, bool kind_given,
                     struct gt_plan_problem *problems);

/* Make plan as actor (NULL: the command line, which may do what an
 * administrator may). GT_OK with plan->id set; GT_FORBIDDEN when actor
 * may not plan; GT_INVALID with *n problems (gt_plan_check's);
 * GT_CONFLICT with one problem, on the code, when another plan has it;
 * GT_IO when the store failed. */
enum gt_rc gt_plan_create(struct gt_db *db, const struct gt_user *actor,
                          struct gt_plan *plan, bool kind_given,
                          struct gt_plan_problem *problems, size_t *n,
                          struct gt_ctx *ctx) GT_MUST;

/* Record that from contributes to to, as actor (NULL: the command line).
 * GT_FORBIDDEN when actor may not plan; GT_CONFLICT (message on ctx, in
 * words for the page) when it would link an item to itself, link twice,
 * or make the thread loop; GT_IO when the store failed. */
enum gt_rc gt_link_create(struct gt_db *db, const struct gt_user *actor,
                          const struct gt_item *from, const struct gt_item *to,
                          struct gt_ctx *ctx) GT_MUST;

#endif
