/*
 * user: people who sign in to the web application, and what their role
 * lets them do.
 *
 * admin does everything; planner edits plans, items and links and may set
 * any status; lead records status updates and evidence only on items they
 * lead or own (or that sit beneath one); viewer (councillors) reads;
 * analyst reads as a viewer does and also the child-level pages (the rows
 * behind an indicator), which no other role but admin sees. This
 * module names roles and answers what a role may do; the store keeps users
 * (db.h) and web/auth.c hashes their passwords.
 */
#ifndef GT_USER_H
#define GT_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gt_role {
    GT_ROLE_VIEWER = 0,
    GT_ROLE_LEAD,
    GT_ROLE_PLANNER,
    GT_ROLE_ADMIN,
    GT_ROLE_ANALYST,
};
#define GT_ROLE_COUNT 5

struct gt_user {
    int64_t id;
    char *username;     /* owned */
    char *display_name; /* owned */
    enum gt_role role;
    int64_t person_id; /* 0 when not linked to a person */
    char *person;      /* the person's name, may be NULL; owned */
    bool disabled;
};

struct gt_users {
    struct gt_user *v;
    size_t n;
    size_t alloc;
};

/* "admin", "planner", "lead", "viewer", "analyst". */
const char *gt_role_code(enum gt_role r);
/* "Administrator", "Planner", "Action lead", "Viewer", "Analyst". */
const char *gt_role_word(enum gt_role r);
/* Parse a code, any case; false when unknown. */
bool gt_role_parse(const char *s, enum gt_role *out);
/* Whether the role may change plans, items and links. */
bool gt_role_may_plan(enum gt_role r);
/* Whether the role may see child-level records (hashed IDs, teams,
 * workers, dates): admin and analyst. */
bool gt_role_may_see_children(enum gt_role r);

/* What a reader may see named or counted exactly, for every page and
 * every download that mirrors one: the one rule both obey. */
struct gt_disclosure {
    bool small_counts; /* counts of children from 1 to 5, not "c" */
    bool worker_names; /* social workers by name (caseloads, breaches) */
};
/* What role r may see. */
struct gt_disclosure gt_role_disclosure(enum gt_role r);
/* Everything: the command line, run by whoever holds the database. */
extern const struct gt_disclosure gt_disclose_all;

void gt_user_init(struct gt_user *u);
void gt_user_finish(struct gt_user *u);
void gt_users_finish(struct gt_users *list);
/* Append a new zeroed user and return it (owned by the list). */
struct gt_user *gt_users_push(struct gt_users *list);

#endif
