/*
 * db_status: status updates and evidence in the store. See db.h.
 *
 * Both tables are append-only (enforced by triggers in the schema): a
 * correction is a new update, so the history a committee saw stays true.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

enum gt_rc
gt_db_status_add(struct gt_db *db, int64_t item_id, enum gt_brag brag,
                 const char *commentary, const char *author, int32_t as_of,
                 int64_t *update_id, struct gt_ctx *ctx)
{
    int64_t author_id = 0;
    enum gt_rc rc;
    if (as_of == GT_NO_DATE)
        return gt_err(ctx, GT_INVALID, "a status update needs an as-of date");
    if (author && *author &&
        (rc = gt_db_person_ensure(db, author, &author_id, ctx)) != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO status_update(item_id, brag, commentary, author_id, "
        "as_of, recorded_at) VALUES ($1, $2, $3, $4, $5, gt_now())",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    db_bind_text(st, "$2", gt_brag_code(brag));
    db_bind_text(st, "$3", commentary && *commentary ? commentary : NULL);
    db_bind_id(st, "$4", author_id);
    db_bind_date(st, "$5", as_of);
    /* in a bulk write, an update whose id is not asked for can wait */
    return update_id
               ? db_write(db, st, "the update is recorded twice", update_id,
                          ctx)
               : db_write_later(db, st, "the update is recorded twice", ctx);
}

enum gt_rc
gt_db_status_current(struct gt_db *db, int64_t item_id, int64_t *update_id,
                     enum gt_brag *brag, int32_t *as_of, struct gt_ctx *ctx)
{
    *update_id = 0;
    *brag = GT_NOT_RATED;
    *as_of = GT_NO_DATE;
    /* the same order as the history: the current update is its first */
    struct db_statement *st =
        db_stmt(db,
                "SELECT id, brag, as_of FROM status_update "
                "WHERE item_id = $1 "
                "ORDER BY as_of DESC, id DESC LIMIT 1",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        *update_id = db_col_int(st, 0);
        const char *code = db_col_str(st, 1);
        if (!code || !gt_brag_from_code(code, brag))
            *brag = GT_NOT_RATED;
        *as_of = db_col_date(st, 2);
    }
    enum gt_rc rc =
        step == DB_ROW || step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

enum gt_rc
gt_db_status_history(struct gt_db *db, int64_t item_id, struct gt_updates *out,
                     struct gt_ctx *ctx)
{
    return gt_db_status_history_page(db, item_id, 0, INT32_MAX, out, ctx);
}

enum gt_rc
gt_db_status_history_page(struct gt_db *db, int64_t item_id, int64_t from,
                          int limit, struct gt_updates *out, struct gt_ctx *ctx)
{
    /* keyset paging on the history's own index (item, as of, id): the
     * first page and a later one are two statements, so that each is a
     * range of the index */
#define HISTORY_SELECT                                                         \
    "SELECT s.id, s.brag, s.commentary, p.name, s.as_of, s.recorded_at, "      \
    "(SELECT group_concat(file_name, '; ') FROM evidence e "                   \
    " WHERE e.update_id = s.id) "                                              \
    "FROM status_update s LEFT JOIN person p ON p.id = s.author_id "           \
    "WHERE s.item_id = $1 "
    struct db_statement *st =
        from ? db_stmt(db,
                       HISTORY_SELECT
                       "AND (s.as_of, s.id) <= (SELECT f.as_of, f.id FROM "
                       "status_update f WHERE f.id = $2 AND f.item_id = $1) "
                       "ORDER BY s.as_of DESC, s.id DESC LIMIT $3",
                       ctx)
             : db_stmt(db,
                       HISTORY_SELECT
                       "AND $2 = 0 ORDER BY s.as_of DESC, s.id DESC LIMIT $3",
                       ctx);
#undef HISTORY_SELECT
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    db_bind_int(st, "$2", from);
    db_bind_int(st, "$3", limit);
    enum db_step step = db_step(st);
    for (; step == DB_ROW; step = db_step(st)) {
        if (out->n == out->alloc) {
            out->alloc = out->alloc ? out->alloc * 2 : 8;
            out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
        }
        struct gt_update *u = &out->v[out->n++];
        u->id = db_col_int(st, 0);
        const char *brag = db_col_str(st, 1);
        if (!brag || !gt_brag_from_code(brag, &u->brag))
            u->brag = GT_NOT_RATED;
        u->commentary = db_col_text(st, 2);
        u->author = db_col_text(st, 3);
        u->as_of = db_col_date(st, 4);
        u->recorded_at = db_col_text(st, 5);
        u->evidence = db_col_text(st, 6);
    }
    enum gt_rc rc = step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

enum gt_rc
gt_db_evidence_add(struct gt_db *db, int64_t item_id, int64_t update_id,
                   const char *file_name, const char *media_type,
                   const void *data, size_t len, const char *sha256,
                   struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO evidence(item_id, update_id, file_name, media_type, "
        "size, sha256, content) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    db_bind_id(st, "$2", update_id);
    db_bind_text(st, "$3", file_name);
    db_bind_text(st, "$4", media_type);
    db_bind_int(st, "$5", (int64_t)len);
    db_bind_text(st, "$6", sha256);
    db_bind_bytes(st, "$7", data, len);
    return db_write(db, st, "the evidence is recorded twice", NULL, ctx);
}

void
gt_evidence_list_finish(struct gt_evidence_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].file_name);
        free(list->v[i].media_type);
        free(list->v[i].sha256);
    }
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}

static struct gt_evidence *
evidence_push(struct gt_evidence_list *list)
{
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->v = xrealloc(list->v, list->alloc * sizeof *list->v);
    }
    struct gt_evidence *e = &list->v[list->n++];
    memset(e, 0, sizeof *e);
    return e;
}

static void
read_evidence(struct db_statement *st, struct gt_evidence *e)
{
    e->id = db_col_int(st, 0);
    e->update_id = db_col_int(st, 1);
    e->file_name = db_col_text(st, 2);
    e->media_type = db_col_text(st, 3);
    e->size = (long)db_col_int(st, 4);
    e->sha256 = db_col_text(st, 5);
}

static void
push_evidence(struct db_statement *st, void *list)
{
    read_evidence(st, evidence_push(list));
}

enum gt_rc
gt_db_evidence_of_item(struct gt_db *db, int64_t item_id,
                       struct gt_evidence_list *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT id, COALESCE(update_id, 0), file_name, "
                "media_type, size, sha256 FROM evidence "
                "WHERE item_id = $1 ORDER BY id DESC",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    return db_read_rows(db, st, push_evidence, out, ctx);
}

enum gt_rc
gt_db_evidence_get(struct gt_db *db, int64_t id, struct gt_evidence_list *meta,
                   int64_t *item_id, void **data, size_t *len,
                   struct gt_ctx *ctx)
{
    *data = NULL;
    *len = 0;
    struct db_statement *st =
        db_stmt(db,
                "SELECT id, COALESCE(update_id, 0), file_name, "
                "media_type, size, sha256, item_id, content "
                "FROM evidence WHERE id = $1",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", id);
    enum db_step step = db_step(st);
    enum gt_rc rc = GT_OK;
    if (step == DB_ROW) {
        read_evidence(st, evidence_push(meta));
        *item_id = db_col_int(st, 6);
        const void *blob = db_col_bytes(st, 7, len);
        *data = xmalloc(*len ? *len : 1);
        if (*len)
            memcpy(*data, blob, *len);
    } else {
        rc = step == DB_DONE ? GT_NOTFOUND : db_fail(db, ctx);
    }
    db_done(st);
    return rc;
}

void
gt_audit_list_finish(struct gt_audit_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        struct gt_audit *a = &list->v[i];
        free(a->at);
        free(a->actor);
        free(a->table);
        free(a->action);
        free(a->before);
        free(a->after);
    }
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}

enum gt_rc
gt_db_audit_list(struct gt_db *db, int64_t before_id, int limit,
                 struct gt_audit_list *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "SELECT id, at, actor, table_name, row_id, "
                "action, before, after FROM audit_log "
                "WHERE ($1 = 0 OR id < $1) ORDER BY id DESC "
                "LIMIT $2",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", before_id);
    db_bind_int(st, "$2", limit);
    enum db_step step = db_step(st);
    for (; step == DB_ROW; step = db_step(st)) {
        if (out->n == out->alloc) {
            out->alloc = out->alloc ? out->alloc * 2 : 32;
            out->v = xrealloc(out->v, out->alloc * sizeof *out->v);
        }
        struct gt_audit *a = &out->v[out->n++];
        a->id = db_col_int(st, 0);
        a->at = db_col_text(st, 1);
        a->actor = db_col_text(st, 2);
        a->table = db_col_text(st, 3);
        a->row_id = db_col_int(st, 4);
        a->action = db_col_text(st, 5);
        a->before = db_col_text(st, 6);
        a->after = db_col_text(st, 7);
    }
    enum gt_rc rc = step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}
