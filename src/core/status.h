/*
 * status: recording a status update, the one write every front end uses.
 *
 * The web form, the JSON API and the command line only translate their
 * input into a gt_status_request and the outcome back into words; the
 * checks (who may rate what, the longest commentary, which dates), the
 * rule for which update is current and the transaction are all here, so
 * the three cannot drift apart.
 *
 * The rule: an item's current status is the update that describes the
 * latest day (its as-of date); of two for the same day, the one recorded
 * last. An update describing a day before the current one is history: it
 * is kept in date order and changes nothing now, so it is recorded only
 * when the writer has been told so and agreed (earlier_ok).
 *
 * Not here: reading history (db.h), permissions to read pages (web).
 */
#ifndef GT_STATUS_H
#define GT_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/brag.h"
#include "core/ctx.h"
#include "core/plan.h"
#include "core/user.h"

struct gt_db;

/* The longest commentary, in characters. */
#define GT_STATUS_COMMENT_MAX 10000
/* The largest evidence file, in bytes. */
#define GT_STATUS_EVIDENCE_MAX (10u * 1024u * 1024u)

/* What someone asks to record. Every pointer is borrowed. */
struct gt_status_request {
    enum gt_brag brag;
    const char *commentary; /* may be NULL */
    int32_t as_of;          /* the day it describes; GT_NO_DATE is refused */
    const char *author;     /* the person's name, or NULL */
    bool earlier_ok;        /* agreed to record it though it is dated earlier */
    const char *evidence_name; /* NULL for no evidence */
    const char *evidence_type; /* media type */
    const void *evidence;
    size_t evidence_len;
};

/* Which part of the request a refusal is about. */
enum gt_status_field {
    GT_STATUS_NONE = 0, /* the item or the writer */
    GT_STATUS_BRAG,
    GT_STATUS_COMMENTARY,
    GT_STATUS_AS_OF,
    GT_STATUS_EVIDENCE,
};

struct gt_status_outcome {
    enum gt_status_field field; /* on a refusal, what it is about */
    int64_t update_id;          /* the new update, when recorded */
    bool is_current;            /* the new update is now the item's status */
    /* the item's current update afterwards (or, on GT_CONFLICT, the one
     * that would stay current): GT_NO_DATE when there is none */
    enum gt_brag current;
    int32_t current_as_of;
};

/* One thing wrong with a request. */
struct gt_status_problem {
    enum gt_status_field field;
    const char *message; /* static; begins lower case */
};
#define GT_STATUS_MAX_PROBLEMS 4

/* Check req's values on their own (no store), today being the day it
 * is: writes up to GT_STATUS_MAX_PROBLEMS problems, one a field, and
 * returns how many (0 when it may be recorded as far as its values go).
 * gt_status_record makes the same checks; a form calls this too so it
 * can list every problem at once. */
size_t gt_status_check(const struct gt_status_request *req, int32_t today,
                       struct gt_status_problem *problems);

/* Record req against it as actor (NULL: the command line, which may do
 * what an administrator may), today being the day it is. Returns GT_OK
 * with out filled; GT_INVALID for a bad value (out->field names it);
 * GT_FORBIDDEN when actor may not rate it (a theme or priority takes its
 * status from the work beneath it, for everyone); GT_CONFLICT when req is
 * dated before the item's current update and earlier_ok is false
 * (nothing written; out->current says what stays current); GT_IO when the
 * store failed. One transaction (nested inside the caller's if one is
 * open): the update and its evidence land together or not at all. */
enum gt_rc gt_status_record(struct gt_db *db, const struct gt_user *actor,
                            const struct gt_item *it, int32_t today,
                            const struct gt_status_request *req,
                            struct gt_status_outcome *out,
                            struct gt_ctx *ctx) GT_MUST;

/* Whether actor (NULL: the command line) may record a status on it:
 * *yes is set; false only when the store failed. */
enum gt_rc gt_status_may_record(struct gt_db *db, const struct gt_user *actor,
                                const struct gt_item *it, bool *yes,
                                struct gt_ctx *ctx) GT_MUST;

/* The field's name in words ("status", "commentary", ...). */
const char *gt_status_field_word(enum gt_status_field f);

#endif
