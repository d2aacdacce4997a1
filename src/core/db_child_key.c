/*
 * db_child_key: which key the store's children's hashes were made with,
 * and moving a key an earlier version kept inside the database out into
 * its file. See child_key.h for why the two are kept apart.
 */
#include "core/child_key.h"
#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void
read_key_text(struct db_statement *st, void *out)
{
    *(char **)out = db_col_text(st, 0);
}

/* The key an earlier version stored as a setting, or NULL. */
static enum gt_rc
stored_key(struct gt_db *db, char **key, struct gt_ctx *ctx)
{
    *key = NULL;
    struct db_statement *st = db_stmt(
        db, "SELECT value FROM setting WHERE key = 'child_id_key'", ctx);
    if (!st)
        return GT_IO;
    enum gt_rc rc = db_read_one(db, st, read_key_text, key, ctx);
    return rc == GT_NOTFOUND ? GT_OK : rc;
}

static enum gt_rc
run_pragma(struct gt_db *db, struct db_statement *st, struct gt_ctx *ctx)
{
    if (!st)
        return GT_IO;
    int step;
    while ((step = db_step(st)) == DB_ROW)
        ;
    db_done(st);
    return step == DB_DONE ? GT_OK : db_fail(db, ctx);
}

/* Delete the stored key so that no page of the file keeps it: the
 * deleted cell is overwritten with zeros, and the write-ahead log that
 * held the old page is emptied into the file and truncated. */
static enum gt_rc
forget_stored_key(struct gt_db *db, struct gt_ctx *ctx)
{
    enum gt_rc rc =
        run_pragma(db, db_stmt(db, "PRAGMA secure_delete = ON", ctx), ctx);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st =
        db_stmt(db, "DELETE FROM setting WHERE key = 'child_id_key'", ctx);
    if (!st)
        return GT_IO;
    if ((rc = db_write(db, st, "", NULL, ctx)) != GT_OK)
        return rc;
    return run_pragma(db, db_stmt(db, "PRAGMA secure_delete = OFF", ctx), ctx);
}

static enum gt_rc
move_out(struct gt_db *db, const char *key, struct gt_ctx *ctx)
{
    char existing[GT_KEY_HEX_LEN];
    enum gt_rc rc = gt_child_key_read(db->key_path, existing, ctx);
    if (rc == GT_OK && strcasecmp(existing, key) != 0)
        return gt_err(ctx, GT_CONFLICT,
                      "%s holds a child ID key, and the database holds "
                      "another: the children's hashes were made with the "
                      "database's; move %s aside and run again to write "
                      "the database's key there",
                      db->key_path, db->key_path);
    if (rc == GT_NOTFOUND)
        rc = gt_child_key_write(db->key_path, key, ctx);
    if (rc != GT_OK)
        return rc;
    if ((rc = gt_db_begin(db, ctx)) != GT_OK)
        return rc;
    if ((rc = forget_stored_key(db, ctx)) != GT_OK) {
        gt_db_rollback(db);
        return rc;
    }
    if ((rc = gt_db_commit(db, ctx)) != GT_OK)
        return rc;
    if (db->depth == 0)
        /* another reader may hold the log's start: then the file is
         * cleaned at the next checkpoint, so failing here loses nothing */
        (void)run_pragma(
            db, db_stmt(db, "PRAGMA wal_checkpoint(TRUNCATE)", ctx), ctx);
    gt_err(ctx, GT_OK,
           "the child ID key was moved out of the database into %s: back it "
           "up apart from the database (see docs/operations.md)",
           db->key_path);
    return GT_OK;
}

enum gt_rc
gt_db_use_key_file(struct gt_db *db, const char *path, struct gt_ctx *ctx)
{
    if (path) {
        free(db->key_path);
        db->key_path = xstrdup(path);
    }
    char *key = NULL;
    enum gt_rc rc = stored_key(db, &key, ctx);
    if (rc == GT_OK && key && db->key_path)
        rc = move_out(db, key, ctx);
    free(key);
    return rc;
}

static enum gt_rc
children_stored(struct gt_db *db, bool *yes, struct gt_ctx *ctx)
{
    return db_step_exists(
        db, db_stmt(db, "SELECT 1 FROM csc_child LIMIT 1", ctx), yes, ctx);
}

static enum gt_rc
new_key_file(struct gt_db *db, char key_hex[GT_KEY_HEX_LEN], bool replacing,
             struct gt_ctx *ctx)
{
    bool stored = false;
    enum gt_rc rc = children_stored(db, &stored, ctx);
    if (rc != GT_OK)
        return rc;
    if (stored && !replacing)
        return gt_err(ctx, GT_NOTFOUND,
                      "%s: the child ID key is not there, and the "
                      "child-level records stored were hashed with it: "
                      "restore the key from its backup (see "
                      "docs/operations.md), or load the records again to "
                      "hash them under a new key",
                      db->key_path);
    gt_new_key_hex(key_hex);
    rc = gt_child_key_write(db->key_path, key_hex, ctx);
    if (rc == GT_CONFLICT) {
        /* another process made it first: use theirs */
        gt_ctx_clear(ctx);
        return gt_child_key_read(db->key_path, key_hex, ctx);
    }
    if (rc == GT_OK && stored)
        gt_err(ctx, GT_OK,
               "%s: a new child ID key was made, as the old one was not "
               "there; lists of children's hashes made before will not "
               "match the new ones",
               db->key_path);
    return rc;
}

enum gt_rc
db_child_key(struct gt_db *db, bool replacing, char **key_hex,
             struct gt_ctx *ctx)
{
    *key_hex = NULL;
    char key[GT_KEY_HEX_LEN];
    enum gt_rc rc = gt_db_use_key_file(db, NULL, ctx);
    if (rc != GT_OK)
        return rc;
    if (!db->key_path && !db_engine_is_sqlite(db->engine))
        return gt_err(ctx, GT_INVALID,
                      "a %s store keeps the child ID key outside the "
                      "database: name its file with GOLDTHREAD_KEY_FILE",
                      db_engine_name(db->engine));
    if (!db->key_path) {
        /* a database with no file keeps its key in the database (the
         * key of an earlier version) or for its lifetime */
        char *stored = NULL;
        if ((rc = stored_key(db, &stored, ctx)) != GT_OK)
            return rc;
        if (stored) {
            *key_hex = stored;
            return GT_OK;
        }
        if (!db->key_mem[0])
            gt_new_key_hex(db->key_mem);
        *key_hex = xstrdup(db->key_mem);
        return GT_OK;
    }
    rc = gt_child_key_read(db->key_path, key, ctx);
    if (rc == GT_NOTFOUND)
        rc = new_key_file(db, key, replacing, ctx);
    if (rc != GT_OK)
        return rc;
    *key_hex = xstrdup(key);
    return GT_OK;
}

enum gt_rc
gt_db_child_key(struct gt_db *db, char **key_hex, struct gt_ctx *ctx)
{
    return db_child_key(db, false, key_hex, ctx);
}
