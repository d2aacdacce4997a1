/*
 * db_backup: an online copy of the database, taken while others read and
 * write, and checked before it is called a backup: SQLite's own online
 * backup, so this file is of the SQLite engine (db_sqlite.h).
 */
#include "core/db.h"
#include "core/db_internal.h"
#include "core/db_sqlite.h"
#include "core/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SQLite's backup API copies pages under one read transaction: writers
 * carry on in the write-ahead log, and the copy is the database as it
 * stood when the copy began. */
static enum gt_rc
copy_pages(struct gt_db *db, sqlite3 *to, const char *path, struct gt_ctx *ctx)
{
    sqlite3 *from = db_sqlite_handle(db->engine);
    if (!from)
        return gt_err(ctx, GT_IO,
                      "%s: goldthread backs up a database file only; back up "
                      "a PostgreSQL database with its own tools",
                      path);
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return gt_err(ctx, GT_IO, "%s: cannot back up: %s", path,
                      sqlite3_errmsg(to));
    int step = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (step != SQLITE_DONE)
        return gt_err(ctx, GT_IO, "%s: the copy failed: %s", path,
                      sqlite3_errstr(step));
    return GT_OK;
}

/* Read the copy back in full: "ok" from integrity_check, and no broken
 * foreign key. */
static enum gt_rc
check_copy(sqlite3 *h, const char *path, struct gt_db_backup *out,
           struct gt_ctx *ctx)
{
    sqlite3_stmt *st = NULL;
    enum gt_rc rc = GT_OK;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) !=
        SQLITE_OK)
        return gt_err(ctx, GT_IO, "%s: cannot check the copy: %s", path,
                      sqlite3_errmsg(h));
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && strcmp(line, "ok") != 0)
            rc = gt_err(ctx, GT_IO,
                        "%s: the copy fails its integrity "
                        "check: %s",
                        path, line);
    }
    sqlite3_finalize(st);
    if (rc != GT_OK)
        return rc;
    if (sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st, NULL) !=
        SQLITE_OK)
        return gt_err(ctx, GT_IO, "%s: cannot check the copy: %s", path,
                      sqlite3_errmsg(h));
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = gt_err(ctx, GT_IO, "%s: the copy has a broken reference in %s",
                    path, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != GT_OK)
        return rc;
    if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        out->schema = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return GT_OK;
}

/* A copy is a single file that needs no log beside it: rollback
 * journal mode, everything in the file, synced. */
static enum gt_rc
settle_copy(sqlite3 *h, const char *path, struct gt_ctx *ctx)
{
    if (sqlite3_exec(h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) !=
        SQLITE_OK)
        return gt_err(ctx, GT_IO, "%s: cannot finish the copy: %s", path,
                      sqlite3_errmsg(h));
    return GT_OK;
}

enum gt_rc
gt_db_backup(struct gt_db *db, const char *path, struct gt_db_backup *out,
             struct gt_ctx *ctx)
{
    memset(out, 0, sizeof *out);
    struct stat sb;
    if (stat(path, &sb) == 0 || errno != ENOENT)
        return gt_err(ctx, GT_CONFLICT,
                      "%s is already there: a backup never replaces a file; "
                      "name a new one",
                      path);
    /* Written under a temporary name and renamed when checked, so a
     * file at path is always a whole, checked backup. */
    char *partial = xasprintf("%s.partial-XXXXXX", path);
    int fd = mkstemp(partial);
    sqlite3 *h = NULL;
    enum gt_rc rc = GT_OK;
    if (fd < 0) {
        rc = gt_err(ctx, GT_IO, "%s: cannot write the backup: %s", path,
                    strerror(errno));
        goto out;
    }
    close(fd);
    if (sqlite3_open_v2(partial, &h, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        rc = gt_err(ctx, GT_IO, "%s: cannot write the backup: %s", path,
                    h ? sqlite3_errmsg(h) : "out of memory");
        goto out;
    }
    if ((rc = copy_pages(db, h, path, ctx)) != GT_OK ||
        (rc = settle_copy(h, path, ctx)) != GT_OK ||
        (rc = check_copy(h, path, out, ctx)) != GT_OK)
        goto out;
    if (sqlite3_close(h) != SQLITE_OK) {
        h = NULL;
        rc = gt_err(ctx, GT_IO, "%s: cannot finish the backup", path);
        goto out;
    }
    h = NULL;
    if ((fd = open(partial, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0 ||
        fstat(fd, &sb) != 0) {
        rc = gt_err(ctx, GT_IO, "%s: cannot finish the backup: %s", path,
                    strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    close(fd);
    out->bytes = (int64_t)sb.st_size;
    /* link refuses an existing name where rename would replace it */
    if (link(partial, path) != 0) {
        rc = gt_err(ctx, GT_IO, "%s: cannot name the backup: %s", path,
                    strerror(errno));
        goto out;
    }
out:
    if (h)
        sqlite3_close(h);
    unlink(partial);
    free(partial);
    return rc;
}
