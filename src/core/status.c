/*
 * status: recording a status update under one set of rules. See status.h.
 */
#include "core/status.h"

#include <string.h>

#include "core/date.h"
#include "core/db.h"
#include "core/hash.h"
#include "core/utf8.h"

const char *
gt_status_field_word(enum gt_status_field f)
{
    static const char *const words[] = {
        [GT_STATUS_NONE] = "item",
        [GT_STATUS_BRAG] = "status",
        [GT_STATUS_COMMENTARY] = "commentary",
        [GT_STATUS_AS_OF] = "as-of date",
        [GT_STATUS_EVIDENCE] = "evidence",
    };
    return words[f];
}

enum gt_rc
gt_status_may_record(struct gt_db *db, const struct gt_user *actor,
                     const struct gt_item *it, bool *yes, struct gt_ctx *ctx)
{
    *yes = false;
    if (gt_item_kind_is_group(it->kind))
        return GT_OK;
    if (!actor || gt_role_may_plan(actor->role)) {
        *yes = true;
        return GT_OK;
    }
    if (actor->role != GT_ROLE_LEAD || !actor->person_id)
        return GT_OK;
    return gt_db_item_led_by(db, it->id, actor->person_id, yes, ctx);
}

/* The first problem with the commentary, or NULL. */
static const char *
commentary_problem(const char *c)
{
    if (!c)
        return NULL;
    if (!gt_utf8_valid(c, strlen(c)))
        return "commentary is not UTF-8 text";
    if (gt_utf8_chars(c, strlen(c)) > GT_STATUS_COMMENT_MAX)
        return "commentary must be 10,000 characters or fewer";
    return NULL;
}

static const char *
as_of_problem(int32_t as_of, int32_t today)
{
    if (as_of == GT_NO_DATE)
        return "a status update needs the date it describes";
    if (as_of > today)
        return "the date a status describes cannot be in the future";
    return NULL;
}

static const char *
evidence_problem(const struct gt_status_request *req)
{
    if (!req->evidence_name)
        return NULL;
    if (req->evidence_len == 0)
        return "the evidence file is empty";
    if (req->evidence_len > GT_STATUS_EVIDENCE_MAX)
        return "the evidence file must be smaller than 10 MB";
    if (!gt_utf8_valid(req->evidence_name, strlen(req->evidence_name)))
        return "the evidence file's name is not UTF-8 text";
    return NULL;
}

size_t
gt_status_check(const struct gt_status_request *req, int32_t today,
                struct gt_status_problem *problems)
{
    const struct gt_status_problem found[] = {
        {GT_STATUS_COMMENTARY, commentary_problem(req->commentary)},
        {GT_STATUS_AS_OF, as_of_problem(req->as_of, today)},
        {GT_STATUS_EVIDENCE, evidence_problem(req)},
        {GT_STATUS_NONE,
         req->author && !gt_utf8_valid(req->author, strlen(req->author))
             ? "the author's name is not UTF-8 text"
             : NULL},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
        if (found[i].message)
            problems[n++] = found[i];
    return n;
}

static enum gt_rc
check_writer(struct gt_db *db, const struct gt_user *actor,
             const struct gt_item *it, struct gt_status_outcome *out,
             struct gt_ctx *ctx)
{
    bool may;
    if (gt_item_kind_is_group(it->kind)) {
        out->field = GT_STATUS_NONE;
        return gt_err(ctx, GT_FORBIDDEN,
                      "%s:%s is a %s: its status comes from the work "
                      "beneath it, so rate that work instead",
                      it->plan_code, it->ref, gt_item_kind_code(it->kind));
    }
    if (gt_status_may_record(db, actor, it, &may, ctx) != GT_OK)
        return GT_IO;
    if (!may) {
        out->field = GT_STATUS_NONE;
        return gt_err(ctx, GT_FORBIDDEN,
                      "only the item's lead or owner, planners and "
                      "administrators can record its status");
    }
    return GT_OK;
}

static enum gt_rc
write_update(struct gt_db *db, const struct gt_item *it,
             const struct gt_status_request *req, struct gt_status_outcome *out,
             struct gt_ctx *ctx)
{
    if (gt_db_status_add(db, it->id, req->brag, req->commentary, req->author,
                         req->as_of, &out->update_id, ctx) != GT_OK)
        return GT_IO;
    if (req->evidence_name) {
        char sha[GT_SHA256_HEX_LEN];
        gt_sha256_hex(req->evidence, req->evidence_len, sha);
        if (gt_db_evidence_add(db, it->id, out->update_id, req->evidence_name,
                               req->evidence_type, req->evidence,
                               req->evidence_len, sha, ctx) != GT_OK)
            return GT_IO;
    }
    return GT_OK;
}

enum gt_rc
gt_status_record(struct gt_db *db, const struct gt_user *actor,
                 const struct gt_item *it, int32_t today,
                 const struct gt_status_request *req,
                 struct gt_status_outcome *out, struct gt_ctx *ctx)
{
    enum gt_rc rc;
    int64_t current_id;
    memset(out, 0, sizeof *out);
    out->current = GT_NOT_RATED;
    out->current_as_of = GT_NO_DATE;
    if ((rc = check_writer(db, actor, it, out, ctx)) != GT_OK)
        return rc;
    struct gt_status_problem problems[GT_STATUS_MAX_PROBLEMS];
    if (gt_status_check(req, today, problems) > 0) {
        out->field = problems[0].field;
        return gt_err(ctx, GT_INVALID, "%s", problems[0].message);
    }
    if (gt_db_begin(db, ctx) != GT_OK)
        return GT_IO;
    /* read inside the transaction, so no update lands between the check
     * and the write */
    rc = gt_db_status_current(db, it->id, &current_id, &out->current,
                              &out->current_as_of, ctx);
    if (rc != GT_OK)
        goto fail;
    if (current_id && req->as_of < out->current_as_of && !req->earlier_ok) {
        char day[GT_DATE_LONG_LEN], current_day[GT_DATE_LONG_LEN];
        gt_date_long(req->as_of, day);
        gt_date_long(out->current_as_of, current_day);
        out->field = GT_STATUS_AS_OF;
        rc = gt_err(ctx, GT_CONFLICT,
                    "this update describes %s, before the current status "
                    "(%s as of %s): it would go into the history and the "
                    "status would stay %s",
                    day, gt_brag_word(out->current), current_day,
                    gt_brag_word(out->current));
        goto fail;
    }
    if ((rc = write_update(db, it, req, out, ctx)) != GT_OK)
        goto fail;
    if (gt_db_commit(db, ctx) != GT_OK)
        return GT_IO;
    out->is_current = !current_id || req->as_of >= out->current_as_of;
    if (out->is_current) {
        out->current = req->brag;
        out->current_as_of = req->as_of;
    }
    return GT_OK;
fail:
    gt_db_rollback(db);
    return rc;
}
