/*
 * db_version: plan versions, approvals and sections in the store
 * (migration 0012). See db.h and core/version.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"
#include "core/version.h"

static void
read_section(struct db_statement *st, void *out)
{
    struct gt_sections *s = out;
    enum gt_section k;
    const char *code = db_col_str(st, 0);
    if (code && gt_section_parse(code, &k)) {
        free(s->body[k]);
        s->body[k] = db_col_text(st, 1);
    }
}

enum gt_rc
gt_db_sections(struct gt_db *db, const char *plan_code, struct gt_sections *out,
               struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT s.section, s.body FROM plan_section s "
                "JOIN plan p ON p.id = s.plan_id "
                "WHERE p.code = $1",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    return db_read_rows(db, st, read_section, out, ctx);
}

enum gt_rc
gt_db_section_set(struct gt_db *db, const char *plan_code, int section,
                  const char *body, struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st =
        body && *body
            ? db_stmt(db,
                      "INSERT INTO plan_section(plan_id, section, body) "
                      "VALUES ($plan, $s, $body) ON CONFLICT (plan_id, "
                      "section) DO UPDATE SET body = excluded.body",
                      ctx)
            : db_stmt(db,
                      "DELETE FROM plan_section WHERE plan_id = $plan AND "
                      "section = $s",
                      ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan);
    db_bind_text(st, "$s", gt_section_code((enum gt_section)section));
    if (body && *body)
        db_bind_text(st, "$body", body);
    return db_write(db, st, "", NULL, ctx);
}

enum gt_rc
gt_db_version_create(struct gt_db *db, const char *plan_code,
                     const struct gt_version *v, int *number,
                     struct gt_ctx *ctx)
{
    int64_t plan = 0;
    enum gt_rc rc = db_plan_id(db, plan_code, &plan, ctx);
    if (rc != GT_OK || (rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO plan_version(plan_id, number, author, created_at, note, "
        "review_date, circulation, snapshot, sha256) VALUES ($plan, "
        "(SELECT COALESCE(max(number), 0) + 1 FROM plan_version WHERE plan_id "
        "= $plan), $author, gt_now(), $note, $review, $circ, $snap, $sha) "
        "RETURNING number",
        ctx);
    if (!st) {
        gt_db_rollback(db);
        return GT_IO;
    }
    db_bind_int(st, "$plan", plan);
    db_bind_text(st, "$author", v->author);
    db_bind_text(st, "$note", v->note);
    db_bind_date(st, "$review", v->review_date);
    db_bind_text(st, "$circ", v->circulation);
    db_bind_text(st, "$snap", v->snapshot);
    db_bind_text(st, "$sha", v->sha256);
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        *number = db_col_int32(st, 0);
    rc = step == DB_ROW ? GT_OK : db_fail(db, ctx);
    db_done(st);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}

#define VERSION_SELECT                                                         \
    "SELECT v.id, v.number, v.status, v.author, v.created_at, v.note, "        \
    "v.review_date, v.circulation, v.sha256, "                                 \
    "CASE WHEN $snap THEN v.snapshot END FROM plan_version v "                 \
    "JOIN plan p ON p.id = v.plan_id WHERE p.code = $1 "

struct reading {
    struct gt_versions *list;
    int64_t *ids; /* the versions' row ids, in list order */
    size_t n_ids;
};

static void
read_version(struct db_statement *st, void *out)
{
    struct reading *rd = out;
    struct gt_version *v = gt_versions_push(rd->list);
    rd->ids = xrealloc(rd->ids, rd->list->n * sizeof *rd->ids);
    rd->ids[rd->n_ids++] = db_col_int(st, 0);
    v->number = db_col_int32(st, 1);
    const char *status = db_col_str(st, 2);
    if (!status || !gt_version_status_parse(status, &v->status))
        v->status = GT_VERSION_DRAFT;
    v->author = db_col_text(st, 3);
    v->created_at = db_col_text(st, 4);
    v->note = db_col_text(st, 5);
    v->review_date = db_col_date(st, 6);
    v->circulation = db_col_text(st, 7);
    v->sha256 = db_col_text(st, 8);
    v->snapshot = db_col_text(st, 9);
}

static void
read_approval(struct db_statement *st, void *out)
{
    struct gt_approval *a = gt_version_add_approval(out);
    a->body = db_col_text(st, 0);
    a->on = db_col_date(st, 1);
    a->by = db_col_text(st, 2);
}

static enum gt_rc
approvals(struct gt_db *db, struct reading *rd, struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    for (size_t i = 0; rc == GT_OK && i < rd->n_ids; i++) {
        struct db_statement *st = db_stmt(
            db,
            "SELECT body, approved_on, approved_by FROM plan_approval WHERE "
            "version_id = $v ORDER BY approved_on, id",
            ctx);
        if (!st)
            return GT_IO;
        db_bind_int(st, "$v", rd->ids[i]);
        rc = db_read_rows(db, st, read_approval, &rd->list->v[i], ctx);
    }
    return rc;
}

enum gt_rc
gt_db_versions(struct gt_db *db, const char *plan_code, struct gt_versions *out,
               struct gt_ctx *ctx)
{
    struct reading rd = {.list = out};
    struct db_statement *st =
        db_stmt(db, VERSION_SELECT "ORDER BY v.number", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    db_bind_int(st, "$snap", 0);
    enum gt_rc rc = db_read_rows(db, st, read_version, &rd, ctx);
    if (rc == GT_OK)
        rc = approvals(db, &rd, ctx);
    free(rd.ids);
    return rc;
}

enum gt_rc
gt_db_version_get(struct gt_db *db, const char *plan_code, int number,
                  struct gt_version *out, struct gt_ctx *ctx)
{
    struct gt_versions list = {0};
    struct reading rd = {.list = &list};
    struct db_statement *st =
        db_stmt(db, VERSION_SELECT "AND v.number = $n", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", plan_code);
    db_bind_int(st, "$n", number);
    db_bind_int(st, "$snap", 1);
    enum gt_rc rc = db_read_rows(db, st, read_version, &rd, ctx);
    if (rc == GT_OK && !list.n)
        rc =
            gt_err(ctx, GT_NOTFOUND, "%s has no version %d", plan_code, number);
    if (rc == GT_OK)
        rc = approvals(db, &rd, ctx);
    if (rc == GT_OK) {
        *out = list.v[0];
        list.n = 0;
    }
    free(rd.ids);
    gt_versions_finish(&list);
    return rc;
}

static enum gt_rc
set_status(struct gt_db *db, const char *plan_code, int number,
           enum gt_version_status to, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "UPDATE plan_version SET status = $to WHERE number = $n AND plan_id "
        "= (SELECT id FROM plan WHERE code = $1)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$to", gt_version_status_code(to));
    db_bind_int(st, "$n", number);
    db_bind_text(st, "$1", plan_code);
    return db_write(db, st, "", NULL, ctx);
}

enum gt_rc
gt_db_version_approve(struct gt_db *db, const char *plan_code, int number,
                      const char *body, const char *by, int32_t on,
                      struct gt_ctx *ctx)
{
    struct gt_version v = {0};
    enum gt_rc rc = gt_db_version_get(db, plan_code, number, &v, ctx);
    if (rc == GT_OK && v.status != GT_VERSION_DRAFT &&
        v.status != GT_VERSION_APPROVED)
        rc = gt_err(ctx, GT_CONFLICT,
                    "version %d of %s is %s: it takes no more approvals",
                    number, plan_code, gt_version_status_code(v.status));
    enum gt_version_status was = v.status;
    gt_version_finish(&v);
    if (rc != GT_OK || (rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO plan_approval(version_id, body, approved_on, "
        "approved_by, recorded_by, recorded_at) SELECT v.id, $body, $on, $by, "
        "gt_actor(), gt_now() FROM plan_version v JOIN plan p ON p.id = "
        "v.plan_id WHERE p.code = $1 AND v.number = $n",
        ctx);
    if (!st)
        rc = GT_IO;
    else {
        db_bind_text(st, "$body", body);
        db_bind_date(st, "$on", on);
        db_bind_text(st, "$by", by);
        db_bind_text(st, "$1", plan_code);
        db_bind_int(st, "$n", number);
        rc = db_write(db, st, "", NULL, ctx);
    }
    if (rc == GT_OK && was == GT_VERSION_DRAFT)
        rc = set_status(db, plan_code, number, GT_VERSION_APPROVED, ctx);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}

enum gt_rc
gt_db_version_status(struct gt_db *db, const char *plan_code, int number,
                     enum gt_version_status to, struct gt_ctx *ctx)
{
    struct gt_version v = {0};
    enum gt_rc rc = gt_db_version_get(db, plan_code, number, &v, ctx);
    if (rc == GT_OK && to == GT_VERSION_PUBLISHED &&
        v.status == GT_VERSION_DRAFT)
        rc = gt_err(ctx, GT_CONFLICT,
                    "version %d of %s is a draft: a body must approve it "
                    "before it is published",
                    number, plan_code);
    else if (rc == GT_OK && !gt_version_may_become(v.status, to))
        rc = gt_err(ctx, GT_CONFLICT,
                    "version %d of %s is %s and cannot become %s", number,
                    plan_code, gt_version_status_code(v.status),
                    gt_version_status_code(to));
    gt_version_finish(&v);
    if (rc != GT_OK || (rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    if (to == GT_VERSION_PUBLISHED) {
        /* one published version at a time: the one before is archived */
        struct db_statement *st = db_stmt(
            db,
            "UPDATE plan_version SET status = 'archived' WHERE status = "
            "'published' AND plan_id = (SELECT id FROM plan WHERE code = $1)",
            ctx);
        if (!st)
            rc = GT_IO;
        else {
            db_bind_text(st, "$1", plan_code);
            rc = db_write(db, st, "", NULL, ctx);
        }
    }
    if (rc == GT_OK)
        rc = set_status(db, plan_code, number, to, ctx);
    if (rc == GT_OK)
        rc = gt_db_commit(db, ctx);
    if (rc != GT_OK)
        gt_db_rollback(db);
    return rc;
}
