/*
 * db_risk: the risk register in the store (migration 0008). See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"
#include "core/plan.h"
#include "core/risk.h"

static void
bind_score(struct db_statement *st, const char *l, const char *i,
           struct gt_risk_score s)
{
    if (s.likelihood && s.impact) {
        db_bind_int(st, l, s.likelihood);
        db_bind_int(st, i, s.impact);
    } else {
        db_bind_text(st, l, NULL);
        db_bind_text(st, i, NULL);
    }
}

static enum gt_rc
person(struct gt_db *db, const char *name, int64_t *id, struct gt_ctx *ctx)
{
    *id = 0;
    return name && *name ? gt_db_person_ensure(db, name, id, ctx) : GT_OK;
}

static enum gt_rc
save_risk(struct gt_db *db, int64_t plan, size_t position,
          const struct gt_risk *r, struct gt_ctx *ctx)
{
    int64_t owner, risk_id;
    enum gt_rc rc = person(db, r->owner, &owner, ctx);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO risk(plan_id, ref, position, title, cause, effect, "
        "owner_id, category, inherent_l, inherent_i, residual_l, residual_i, "
        "target_l, target_i, review_date) VALUES ($plan, $ref, $pos, $title, "
        "$cause, $effect, $owner, $category, $il, $ii, $rl, $ri, $tl, $ti, "
        "$review)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan);
    db_bind_text(st, "$ref", r->ref);
    db_bind_int(st, "$pos", (int64_t)position);
    db_bind_text(st, "$title", r->title);
    db_bind_text(st, "$cause", r->cause);
    db_bind_text(st, "$effect", r->effect);
    db_bind_id(st, "$owner", owner);
    db_bind_text(st, "$category", r->category);
    bind_score(st, "$il", "$ii", r->inherent);
    bind_score(st, "$rl", "$ri", r->residual);
    bind_score(st, "$tl", "$ti", r->target);
    db_bind_date(st, "$review", r->review);
    if ((rc = db_write(db, st, "two risks have the same reference", &risk_id,
                       ctx)) != GT_OK)
        return rc;
    for (size_t k = 0; rc == GT_OK && k < r->n_mitigations; k++) {
        const struct gt_mitigation *m = &r->mitigations[k];
        if ((rc = person(db, m->owner, &owner, ctx)) != GT_OK)
            return rc;
        st = db_stmt(db,
                     "INSERT INTO risk_mitigation(risk_id, position, action, "
                     "owner_id, status, due) VALUES ($risk, $pos, $action, "
                     "$owner, $status, $due)",
                     ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$risk", risk_id);
        db_bind_int(st, "$pos", (int64_t)k + 1);
        db_bind_text(st, "$action", m->action);
        db_bind_id(st, "$owner", owner);
        db_bind_text(st, "$status", gt_mitigation_status_code(m->status));
        db_bind_date(st, "$due", m->due);
        rc = db_write(db, st, "", NULL, ctx);
    }
    for (size_t k = 0; rc == GT_OK && k < r->n_links; k++) {
        const char *spec = r->links[k], *colon = strchr(spec, ':');
        struct gt_item it;
        char *code = colon ? xstrndup(spec, (size_t)(colon - spec)) : NULL;
        rc = code ? gt_db_item_find(db, code, colon + 1, GT_NO_DATE, &it, ctx)
                  : gt_err(ctx, GT_INVALID, "risk %s: \"%s\" is not PLAN:REF",
                           r->ref, spec);
        free(code);
        if (rc != GT_OK)
            return rc;
        st = db_stmt(db,
                     "INSERT INTO risk_link(risk_id, item_id) VALUES ($1, $2) "
                     "ON CONFLICT DO NOTHING",
                     ctx);
        if (!st) {
            gt_item_finish(&it);
            return GT_IO;
        }
        db_bind_int(st, "$1", risk_id);
        db_bind_int(st, "$2", it.id);
        gt_item_finish(&it);
        rc = db_write(db, st, "", NULL, ctx);
    }
    return rc;
}

enum gt_rc
gt_db_risks_replace(struct gt_db *db, const char *plan_code,
                    const struct gt_risks *risks, struct gt_ctx *ctx)
{
    struct gt_plan plan;
    enum gt_rc rc = gt_db_plan_get(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    int64_t id = plan.id;
    gt_plan_finish(&plan);
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    struct db_statement *st =
        db_stmt(db, "DELETE FROM risk WHERE plan_id = $1", ctx);
    if (!st) {
        rc = GT_IO;
        goto fail;
    }
    db_bind_int(st, "$1", id);
    if ((rc = db_write(db, st, "", NULL, ctx)) != GT_OK)
        goto fail;
    for (size_t i = 0; i < risks->n; i++)
        if ((rc = save_risk(db, id, i + 1, &risks->v[i], ctx)) != GT_OK)
            goto fail;
    if ((rc = gt_db_commit(db, ctx)) != GT_OK)
        goto fail;
    return GT_OK;
fail:
    gt_db_rollback(db);
    return rc;
}

static struct gt_risk_score
col_score(struct db_statement *st, int col)
{
    return (struct gt_risk_score){db_col_int32(st, col),
                                  db_col_int32(st, col + 1)};
}

static void
read_risk(struct db_statement *st, void *out)
{
    struct gt_risk *r = gt_risks_push(out);
    r->id = db_col_int(st, 0);
    r->ref = db_col_text(st, 1);
    r->title = db_col_text(st, 2);
    r->cause = db_col_text(st, 3);
    r->effect = db_col_text(st, 4);
    r->owner = db_col_text(st, 5);
    r->category = db_col_text(st, 6);
    r->inherent = col_score(st, 7);
    r->residual = col_score(st, 9);
    r->target = col_score(st, 11);
    r->review = db_col_date(st, 13);
}

static void
read_mitigation(struct db_statement *st, void *out)
{
    struct gt_mitigation *m = gt_risk_add_mitigation(out);
    m->action = db_col_text(st, 0);
    m->owner = db_col_text(st, 1);
    const char *s = db_col_str(st, 2);
    (void)gt_mitigation_status_parse(s ? s : "", &m->status);
    m->due = db_col_date(st, 3);
}

static void
read_link(struct db_statement *st, void *out)
{
    const char *spec = db_col_str(st, 0);
    gt_risk_add_link(out, spec ? spec : "");
}

enum gt_rc
gt_db_risks(struct gt_db *db, const char *plan_code, struct gt_risks *out,
            struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT r.id, r.ref, r.title, r.cause, r.effect, o.name, r.category, "
        "r.inherent_l, r.inherent_i, r.residual_l, r.residual_i, r.target_l, "
        "r.target_i, r.review_date FROM risk r JOIN plan p ON p.id = "
        "r.plan_id LEFT JOIN person o ON o.id = r.owner_id WHERE p.code = $1 "
        "ORDER BY r.position",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    enum gt_rc rc = db_read_rows(db, st, read_risk, out, ctx);
    for (size_t i = 0; rc == GT_OK && i < out->n; i++) {
        st = db_stmt(db,
                     "SELECT m.action, o.name, m.status, m.due FROM "
                     "risk_mitigation m LEFT JOIN person o ON o.id = "
                     "m.owner_id WHERE m.risk_id = $1 ORDER BY m.position",
                     ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$1", out->v[i].id);
        if ((rc = db_read_rows(db, st, read_mitigation, &out->v[i], ctx)) !=
            GT_OK)
            break;
        st = db_stmt(db,
                     "SELECT p.code || ':' || i.ref FROM risk_link l JOIN "
                     "item i ON i.id = l.item_id JOIN plan p ON p.id = "
                     "i.plan_id WHERE l.risk_id = $1 ORDER BY p.code, "
                     "i.position",
                     ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$1", out->v[i].id);
        rc = db_read_rows(db, st, read_link, &out->v[i], ctx);
    }
    return rc;
}
