/*
 * db_sqlite: the SQLite engine under the store (db_engine.h): WAL,
 * synchronous=FULL, foreign keys, defensive mode and trusted_schema off;
 * the audit triggers' functions gt_actor(), gt_now() and gt_json(); the
 * schema's version in PRAGMA user_version; the migrations of
 * src/core/sql/.
 */
#include "core/db_sqlite.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db_driver.h"
#include "core/db_internal.h"
#include "core/embedded.h"
#include "core/mem.h"

struct sqlite_engine {
    struct db_engine base;
    sqlite3 *h;
    char *path; /* as given, for messages */
};
struct sqlite_statement {
    struct db_statement base;
    sqlite3_stmt *st;
};

static sqlite3 *
handle(struct db_engine *e)
{
    return ((struct sqlite_engine *)e)->h;
}

static sqlite3_stmt *
raw(struct db_statement *st)
{
    return ((struct sqlite_statement *)st)->st;
}

sqlite3 *
db_sqlite_handle(struct db_engine *e)
{
    return e->driver == &db_sqlite_driver ? handle(e) : NULL;
}

/* gt_actor(): who the audit log records; used by the audit triggers. */
static void
fn_actor(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(c, db_actor(sqlite3_user_data(c)), -1,
                        SQLITE_TRANSIENT);
}

/* gt_now(): the recorded time, fixed in tests by gt_db_set_clock. */
static void
fn_now(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(c, db_now_iso(sqlite3_user_data(c)), -1,
                        SQLITE_TRANSIENT);
}

static void
json_string_to(struct buf *b, const char *s, bool *ok)
{
    static const char hex[] = "0123456789abcdef";
    *ok = *ok && buf_addc(b, '"');
    for (; *ok && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            *ok = buf_addc(b, '\\') && buf_addc(b, (char)c);
        } else if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            *ok = buf_add(b, esc, sizeof esc);
        } else {
            *ok = buf_addc(b, (char)c);
        }
    }
    *ok = *ok && buf_addc(b, '"');
}

/* gt_json(key, value, ...): a JSON object of the pairs, for the audit log.
 * SQLite's own json_object() is not marked innocuous, and with
 * trusted_schema off a trigger may only call innocuous functions. */
static void
fn_json(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    struct buf b;
    bool ok = true;
    if (argc % 2) {
        sqlite3_result_error(c, "gt_json() takes key and value pairs", -1);
        return;
    }
    buf_init(&b, 1024 * 1024);
    ok = buf_addc(&b, '{');
    for (int i = 0; ok && i < argc; i += 2) {
        const unsigned char *key = sqlite3_value_text(argv[i]);
        if (i)
            ok = buf_addc(&b, ',');
        json_string_to(&b, key ? (const char *)key : "", &ok);
        ok = ok && buf_addc(&b, ':');
        switch (sqlite3_value_type(argv[i + 1])) {
        case SQLITE_NULL:
            ok = ok && buf_adds(&b, "null");
            break;
        case SQLITE_INTEGER:
        case SQLITE_FLOAT:
            ok = ok &&
                 buf_adds(&b, (const char *)sqlite3_value_text(argv[i + 1]));
            break;
        default:
            json_string_to(&b, (const char *)sqlite3_value_text(argv[i + 1]),
                           &ok);
        }
    }
    ok = ok && buf_addc(&b, '}');
    if (ok)
        sqlite3_result_text(c, b.p, (int)b.len, SQLITE_TRANSIENT);
    else
        sqlite3_result_error_toobig(c);
    buf_finish(&b);
}

static enum db_step
step_of(int code)
{
    switch (code) {
    case SQLITE_ROW:
        return DB_ROW;
    case SQLITE_DONE:
    case SQLITE_OK:
        return DB_DONE;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return DB_CONFLICT;
    default:
        return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED
                   ? DB_BUSY
                   : DB_FAILED;
    }
}

static enum db_step
sqlite_exec(struct db_engine *e, const char *sql)
{
    return step_of(sqlite3_exec(handle(e), sql, NULL, NULL, NULL));
}

static enum db_step
sqlite_transaction(struct db_engine *e, enum db_transaction t)
{
    static const char *const sql[] = {
        [DB_BEGIN_WRITE] = "BEGIN IMMEDIATE",
        /* deferred: the snapshot is taken by the first read */
        [DB_BEGIN_READ] = "BEGIN",
        [DB_COMMIT] = "COMMIT",
        [DB_ROLLBACK] = "ROLLBACK",
        [DB_SAVEPOINT] = "SAVEPOINT gt_nested",
        /* releases the innermost savepoint of that name */
        [DB_RELEASE] = "RELEASE gt_nested",
        [DB_ROLLBACK_SAVEPOINT] = "ROLLBACK TO gt_nested; RELEASE gt_nested",
    };
    return sqlite_exec(e, sql[t]);
}

static void
sqlite_close(struct db_engine *e)
{
    sqlite3_close(handle(e));
    free(((struct sqlite_engine *)e)->path);
    free(e);
}

static void
sqlite_describe(const struct db_engine *e, char *out, size_t len)
{
    snprintf(out, len, "%s", ((const struct sqlite_engine *)e)->path);
}

static struct db_engine *
sqlite_open(const char *path, struct gt_db *db, struct gt_ctx *ctx)
{
    struct sqlite_engine *s = xcalloc(1, sizeof *s);
    struct db_engine *e = &s->base;
    int on = 1, off = 0;
    e->driver = &db_sqlite_driver;
    s->path = xstrdup(path);
    /* Memory statistics cost a global mutex on every allocation; we do not
     * read them. This only takes effect before SQLite's first use, and is
     * refused harmlessly after it. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_open_v2(path, &s->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        gt_err(ctx, GT_IO, "%s: cannot open database: %s", path,
               s->h ? sqlite3_errmsg(s->h) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(s->h, 1);
    sqlite3_busy_timeout(s->h, DB_BUSY_MS);
    sqlite3_db_config(s->h, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
    sqlite3_db_config(s->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
    sqlite3_db_config(s->h, SQLITE_DBCONFIG_ENABLE_FKEY, on, NULL);
    if (sqlite3_create_function(s->h, "gt_actor", 0,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS, db, fn_actor,
                                NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(s->h, "gt_now", 0,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS, db, fn_now,
                                NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(s->h, "gt_json", -1,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS |
                                    SQLITE_DETERMINISTIC,
                                NULL, fn_json, NULL, NULL) != SQLITE_OK) {
        gt_err(ctx, GT_IO, "%s: %s", path, sqlite3_errmsg(s->h));
        goto fail;
    }
    if (sqlite_exec(e, "PRAGMA journal_mode = WAL") != DB_DONE ||
        sqlite_exec(e, "PRAGMA synchronous = FULL") != DB_DONE ||
        sqlite_exec(e, "PRAGMA cache_size = -65536") != DB_DONE ||
        sqlite_exec(e, "PRAGMA foreign_keys = ON") != DB_DONE) {
        gt_err(ctx, GT_IO, "%s: not a goldthread database", path);
        goto fail;
    }
    return e;
fail:
    sqlite_close(e);
    return NULL;
}

static struct db_statement *
sqlite_prepare(struct db_engine *e, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(handle(e), sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK)
        return NULL;
    struct sqlite_statement *s = xcalloc(1, sizeof *s);
    s->base.driver = &db_sqlite_driver;
    s->st = st;
    return &s->base;
}

static void
sqlite_statement_free(struct db_statement *st)
{
    sqlite3_finalize(raw(st));
    free(st);
}

static const char *
sqlite_error(struct db_engine *e)
{
    return sqlite3_errmsg(handle(e));
}

static bool
sqlite_was_busy(struct db_engine *e)
{
    int code = sqlite3_errcode(handle(e)) & 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

static void
sqlite_wait(struct db_engine *e, int ms)
{
    sqlite3_busy_timeout(handle(e), ms);
}

static bool
sqlite_in_transaction(struct db_engine *e)
{
    return !sqlite3_get_autocommit(handle(e));
}

static long
sqlite_changes(struct db_engine *e)
{
    return (long)sqlite3_changes(handle(e));
}

static int64_t
sqlite_last_id(struct db_engine *e)
{
    return sqlite3_last_insert_rowid(handle(e));
}

/* SQLITE_TRACE_STMT reports each statement as it starts, and each
 * trigger program as a statement of its own whose text is a comment. */
static int
count_statement(unsigned event, void *arg, void *stmt, void *sql)
{
    (void)event, (void)stmt;
    long *counter = arg;
    const char *text = sql;
    if (!(text[0] == '-' && text[1] == '-'))
        (*counter)++;
    return 0;
}

static void
sqlite_count_statements(struct db_engine *e, long *counter)
{
    sqlite3_trace_v2(handle(e), SQLITE_TRACE_STMT, count_statement, counter);
}

static int
sqlite_schema_version(struct db_engine *e)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(handle(e), "PRAGMA user_version", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* One file a version, src/core/sql/. */
static bool
sqlite_migrations(int from, const struct gt_embedded **list, size_t *n)
{
    if (from < 0 || (size_t)from > gt_migrations_count)
        return false;
    *list = gt_migrations + from;
    *n = gt_migrations_count - (size_t)from;
    return true;
}

/* Foreign keys are off while migrating, as SQLite requires for rebuilding
 * a table that others refer to. */
static enum db_step
sqlite_migration_begin(struct db_engine *e)
{
    enum db_step s = sqlite_exec(e, "PRAGMA foreign_keys = OFF");
    return s == DB_DONE ? sqlite_exec(e, "BEGIN IMMEDIATE") : s;
}

static enum gt_rc
sqlite_migration_finish(struct db_engine *e, int version, struct gt_ctx *ctx)
{
    sqlite3 *h = handle(e);
    sqlite3_stmt *st = NULL;
    int step = SQLITE_ERROR;
    char pragma[48];
    if (sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st, NULL) ==
        SQLITE_OK)
        step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_ROW)
        return gt_err(ctx, GT_IO,
                      "database: an upgrade would break a link between "
                      "tables; nothing was changed");
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
    if (step != SQLITE_DONE || sqlite_exec(e, pragma) != DB_DONE ||
        sqlite_exec(e, "COMMIT") != DB_DONE)
        return gt_err(ctx, GT_IO, "database: %s", sqlite3_errmsg(h));
    if (sqlite_exec(e, "PRAGMA foreign_keys = ON") != DB_DONE)
        return gt_err(ctx, GT_IO, "database: %s", sqlite3_errmsg(h));
    return GT_OK;
}

static void
sqlite_migration_abandon(struct db_engine *e)
{
    sqlite3_exec(handle(e), "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(handle(e), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

static enum db_step
sqlite_step(struct db_statement *st)
{
    return step_of(sqlite3_step(raw(st)));
}

static void
sqlite_reset(struct db_statement *st)
{
    sqlite3_reset(raw(st));
    sqlite3_clear_bindings(raw(st));
}

/* The index of a named parameter. Our SQL mostly numbers parameters in
 * the order they first appear, so "$N" is usually parameter N: check that
 * first, and search by name only when it is not. */
static int
param(sqlite3_stmt *st, const char *name)
{
    if (name[0] == '$' && name[1] >= '1' && name[1] <= '9') {
        int n = name[1] - '0';
        if (name[2] >= '0' && name[2] <= '9' && name[3] == '\0')
            n = n * 10 + (name[2] - '0');
        const char *at = sqlite3_bind_parameter_name(st, n);
        if (at && strcmp(at, name) == 0)
            return n;
    }
    return sqlite3_bind_parameter_index(st, name);
}

static void
sqlite_bind(struct db_statement *st, const char *name, const struct db_value *v)
{
    sqlite3_stmt *s = raw(st);
    int i = param(s, name);
    switch (v->type) {
    case DB_VALUE_NULL:
        sqlite3_bind_null(s, i);
        break;
    case DB_VALUE_INT:
        sqlite3_bind_int64(s, i, v->i);
        break;
    case DB_VALUE_DOUBLE:
        sqlite3_bind_double(s, i, v->d);
        break;
    case DB_VALUE_TEXT:
        sqlite3_bind_text(s, i, v->p, -1, SQLITE_STATIC);
        break;
    case DB_VALUE_TEXT_COPY:
        sqlite3_bind_text(s, i, v->p, -1, SQLITE_TRANSIENT);
        break;
    case DB_VALUE_BYTES:
        sqlite3_bind_blob64(s, i, v->len ? v->p : "", v->len, SQLITE_STATIC);
        break;
    }
}

static bool
sqlite_col_null(struct db_statement *st, int col)
{
    return sqlite3_column_type(raw(st), col) == SQLITE_NULL;
}

static int64_t
sqlite_col_int(struct db_statement *st, int col)
{
    return sqlite3_column_int64(raw(st), col);
}

static double
sqlite_col_double(struct db_statement *st, int col)
{
    return sqlite3_column_double(raw(st), col);
}

static const char *
sqlite_col_str(struct db_statement *st, int col)
{
    return (const char *)sqlite3_column_text(raw(st), col);
}

static const void *
sqlite_col_bytes(struct db_statement *st, int col, size_t *len)
{
    const void *blob = sqlite3_column_blob(raw(st), col);
    int n = sqlite3_column_bytes(raw(st), col);
    *len = n > 0 ? (size_t)n : 0;
    return blob;
}

const struct db_driver db_sqlite_driver = {
    .name = "SQLite",
    .bulk_sets_triggers_aside = true,
    .open = sqlite_open,
    .close = sqlite_close,
    .describe = sqlite_describe,
    .prepare = sqlite_prepare,
    .statement_free = sqlite_statement_free,
    .exec = sqlite_exec,
    .transaction = sqlite_transaction,
    .error = sqlite_error,
    .was_busy = sqlite_was_busy,
    .wait = sqlite_wait,
    .in_transaction = sqlite_in_transaction,
    .changes = sqlite_changes,
    .last_id = sqlite_last_id,
    .count_statements = sqlite_count_statements,
    .schema_version = sqlite_schema_version,
    .migrations = sqlite_migrations,
    .migration_begin = sqlite_migration_begin,
    .migration_finish = sqlite_migration_finish,
    .migration_abandon = sqlite_migration_abandon,
    .step = sqlite_step,
    .reset = sqlite_reset,
    .bind = sqlite_bind,
    .col_null = sqlite_col_null,
    .col_int = sqlite_col_int,
    .col_double = sqlite_col_double,
    .col_str = sqlite_col_str,
    .col_bytes = sqlite_col_bytes,
};
