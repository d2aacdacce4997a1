/*
 * plan_write: the rules of making a plan and of a link. See plan_write.h.
 */
#include "core/plan_write.h"
#include "core/db.h"
#include "core/utf8.h"

#include <string.h>

const char *
gt_plan_field_name(enum gt_plan_field f)
{
    static const char *const names[] = {
        [GT_PLAN_FIELD_NONE] = "",         [GT_PLAN_FIELD_CODE] = "code",
        [GT_PLAN_FIELD_TITLE] = "title",   [GT_PLAN_FIELD_KIND] = "kind",
        [GT_PLAN_FIELD_FROM] = "from",     [GT_PLAN_FIELD_TO] = "to",
        [GT_PLAN_FIELD_REVIEW] = "review",
    };
    return names[f];
}

bool
gt_plan_code_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n <= GT_PLAN_CODE_MAX &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789-_") == n;
}

static bool
blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!strchr(" \t\r\n", *s))
            return false;
    return true;
}

size_t
gt_plan_check(const struct gt_plan *plan, bool kind_given,
              struct gt_plan_problem *problems)
{
    size_t n = 0;
    if (!gt_plan_code_valid(plan->code))
        problems[n++] = (struct gt_plan_problem){
            GT_PLAN_FIELD_CODE,
            "Enter a short name of up to 40 letters, digits, dashes and "
            "underscores"};
    if (blank(plan->title))
        problems[n++] =
            (struct gt_plan_problem){GT_PLAN_FIELD_TITLE, "Enter the title"};
    else if (gt_utf8_chars(plan->title, strlen(plan->title)) >
             GT_PLAN_TITLE_MAX)
        problems[n++] = (struct gt_plan_problem){
            GT_PLAN_FIELD_TITLE, "Enter a title of 500 characters or fewer"};
    if (!kind_given)
        problems[n++] =
            (struct gt_plan_problem){GT_PLAN_FIELD_KIND, "Select a kind"};
    if (plan->period_from != GT_NO_DATE && plan->period_to != GT_NO_DATE &&
        plan->period_to < plan->period_from)
        problems[n++] = (struct gt_plan_problem){
            GT_PLAN_FIELD_TO, "The period must end after it starts"};
    if (plan->review_date != GT_NO_DATE &&
        !gt_date_plausible(plan->review_date))
        problems[n++] = (struct gt_plan_problem){
            GT_PLAN_FIELD_REVIEW, "Enter a review date between 1900 and 2099"};
    return n;
}

static bool
may_plan(const struct gt_user *actor)
{
    return !actor || gt_role_may_plan(actor->role);
}

enum gt_rc
gt_plan_create(struct gt_db *db, const struct gt_user *actor,
               struct gt_plan *plan, bool kind_given,
               struct gt_plan_problem *problems, size_t *n, struct gt_ctx *ctx)
{
    *n = 0;
    if (!may_plan(actor))
        return gt_err(ctx, GT_FORBIDDEN,
                      "only planners and administrators may make a plan");
    *n = gt_plan_check(plan, kind_given, problems);
    if (*n)
        return GT_INVALID;
    struct gt_ctx quiet;
    gt_ctx_init(&quiet);
    enum gt_rc rc = gt_db_plan_add(db, plan, &quiet);
    if (rc == GT_CONFLICT) {
        problems[(*n)++] = (struct gt_plan_problem){
            GT_PLAN_FIELD_CODE, "That short name is already used by a plan"};
    } else if (rc != GT_OK) {
        gt_err(ctx, rc, "%s", gt_ctx_last(&quiet));
    }
    gt_ctx_finish(&quiet);
    return rc;
}

enum gt_rc
gt_link_create(struct gt_db *db, const struct gt_user *actor,
               const struct gt_item *from, const struct gt_item *to,
               struct gt_ctx *ctx)
{
    if (!may_plan(actor))
        return gt_err(ctx, GT_FORBIDDEN,
                      "only planners and administrators may link work");
    return gt_db_link_add(db, from->id, to->id, ctx);
}
