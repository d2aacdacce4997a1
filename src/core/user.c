/*
 * user: roles and user lifecycles. See user.h.
 */
#include "core/user.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

static const char *const codes[GT_ROLE_COUNT] = {"viewer", "lead", "planner",
                                                 "admin", "analyst"};
static const char *const words[GT_ROLE_COUNT] = {
    "Viewer", "Action lead", "Planner", "Administrator", "Analyst"};

const char *
gt_role_code(enum gt_role r)
{
    return (unsigned)r < GT_ROLE_COUNT ? codes[r] : codes[0];
}

const char *
gt_role_word(enum gt_role r)
{
    return (unsigned)r < GT_ROLE_COUNT ? words[r] : words[0];
}

bool
gt_role_parse(const char *s, enum gt_role *out)
{
    for (int i = 0; i < GT_ROLE_COUNT; i++) {
        if (strcasecmp(s, codes[i]) == 0) {
            *out = (enum gt_role)i;
            return true;
        }
    }
    return false;
}

bool
gt_role_may_plan(enum gt_role r)
{
    return r == GT_ROLE_PLANNER || r == GT_ROLE_ADMIN;
}

bool
gt_role_may_see_children(enum gt_role r)
{
    return r == GT_ROLE_ANALYST || r == GT_ROLE_ADMIN;
}

const struct gt_disclosure gt_disclose_all = {true, true};

struct gt_disclosure
gt_role_disclosure(enum gt_role r)
{
    return (struct gt_disclosure){.small_counts = gt_role_may_see_children(r),
                                  .worker_names = gt_role_may_plan(r)};
}

void
gt_user_init(struct gt_user *u)
{
    memset(u, 0, sizeof *u);
}

void
gt_user_finish(struct gt_user *u)
{
    if (!u)
        return;
    free(u->username);
    free(u->display_name);
    free(u->person);
    gt_user_init(u);
}

struct gt_user *
gt_users_push(struct gt_users *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_user *u = &list->v[list->n++];
    gt_user_init(u);
    return u;
}

void
gt_users_finish(struct gt_users *list)
{
    for (size_t i = 0; i < list->n; i++)
        gt_user_finish(&list->v[i]);
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}
