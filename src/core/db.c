/*
 * db: the SQLite connection, its settings, migrations, transactions and
 * the statement cache. See db.h; the domain queries are in db_plan.c,
 * db_status.c and db_thread.c.
 */
#include "core/db.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/child_key.h"
#include "core/db_internal.h"
#include "core/hash.h"
#include "core/embedded.h"
#include "core/mem.h"

sqlite3_stmt *
db_stmt_(struct gt_db *db, const char *sql, struct gt_ctx *ctx)
{
    size_t slot = ((uintptr_t)sql >> 3) % DB_CACHE_SLOTS;
    for (size_t probe = 0; probe < DB_CACHE_SLOTS; probe++) {
        size_t i = (slot + probe) % DB_CACHE_SLOTS;
        if (db->cache[i].sql == sql)
            return db->cache[i].st;
        if (db->cache[i].sql == NULL) {
            sqlite3_stmt *st = NULL;
            if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                   &st, NULL) != SQLITE_OK) {
                db_fail(db, ctx);
                return NULL;
            }
            db->cache[i].sql = sql;
            db->cache[i].st = st;
            return st;
        }
    }
    /* The cache is full: a design error, since SQL is literal and the
     * number of statements is fixed at compile time. */
    gt_err(ctx, GT_IO, "database: statement cache full");
    return NULL;
}

void
db_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
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

void
db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = param(st, name);
    /* Static: every caller steps and releases the statement before the
     * string it bound goes away, so SQLite need not copy it. */
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

void
db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    sqlite3_bind_int64(st, param(st, name), v);
}

void
db_bind_date(sqlite3_stmt *st, const char *name, int32_t v)
{
    char iso[GT_DATE_ISO_LEN];
    if (v == GT_NO_DATE) {
        sqlite3_bind_null(st, param(st, name));
        return;
    }
    gt_date_iso(v, iso);
    sqlite3_bind_text(st, param(st, name), iso, -1, SQLITE_TRANSIENT);
}

void
db_bind_as_of(sqlite3_stmt *st, const char *name, int32_t v)
{
    if (v == GT_NO_DATE)
        sqlite3_bind_text(st, param(st, name), "9999-12-31", -1, SQLITE_STATIC);
    else
        db_bind_date(st, name, v);
}

void
db_bind_id(sqlite3_stmt *st, const char *name, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, param(st, name), v);
    else
        sqlite3_bind_null(st, param(st, name));
}

char *
db_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? xstrdup((const char *)t) : NULL;
}

int32_t
db_col_date(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    int32_t v;
    if (!t || !gt_date_parse_iso((const char *)t, &v))
        return GT_NO_DATE;
    return v;
}

enum gt_rc
db_fail(struct gt_db *db, struct gt_ctx *ctx)
{
    int code = sqlite3_errcode(db->h);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        db->busy = true;
    return gt_err(ctx, GT_IO, "database: %s", sqlite3_errmsg(db->h));
}

bool
gt_db_was_busy(struct gt_db *db)
{
    bool was = db->busy;
    db->busy = false;
    return was;
}

void
gt_db_share_writer(struct gt_db *db, pthread_mutex_t *writer)
{
    db->writer = writer;
}

/* Take the process's writer for a write outside any transaction, or for
 * the outermost BEGIN, waiting no longer than SQLite's busy timeout
 * would (not at all when try is set); false, with the connection marked
 * busy, when another kept it. */
static bool
writer_take(struct gt_db *db, bool try)
{
    if (db->depth > 0)
        return true;
    /* a write needs the latest data, not the read's snapshot */
    gt_db_read_end(db);
    if (!db->writer)
        return true;
    int got;
    if (try) {
        got = pthread_mutex_trylock(db->writer);
    } else {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += DB_BUSY_MS / 1000;
        until.tv_nsec += (long)(DB_BUSY_MS % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        got = pthread_mutex_timedlock(db->writer, &until);
    }
    if (got != 0) {
        db->busy = true;
        return false;
    }
    db->holds_writer = true;
    return true;
}

static void
writer_give(struct gt_db *db)
{
    if (db->holds_writer) {
        db->holds_writer = false;
        pthread_mutex_unlock(db->writer);
    }
}

enum gt_rc
db_write_if_free(struct gt_db *db, sqlite3_stmt *st, struct gt_ctx *ctx)
{
    /* a write that may be skipped must not wait for the lock either */
    if (!writer_take(db, true)) {
        db_done(st);
        return GT_OK;
    }
    sqlite3_busy_timeout(db->h, 0);
    int step = sqlite3_step(st);
    sqlite3_busy_timeout(db->h, DB_BUSY_MS);
    if (db->depth == 0)
        writer_give(db);
    db_done(st);
    if (step == SQLITE_DONE || step == SQLITE_BUSY || step == SQLITE_LOCKED)
        return GT_OK;
    return db_fail(db, ctx);
}

enum gt_rc
db_step_exists(struct gt_db *db, sqlite3_stmt *st, bool *yes,
               struct gt_ctx *ctx)
{
    *yes = false;
    if (!st)
        return GT_IO;
    int step = sqlite3_step(st);
    db_done(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return db_fail(db, ctx);
    *yes = step == SQLITE_ROW;
    return GT_OK;
}

enum gt_rc
db_read_one(struct gt_db *db, sqlite3_stmt *st, db_reader read, void *out,
            struct gt_ctx *ctx)
{
    int step = sqlite3_step(st);
    enum gt_rc rc = step == SQLITE_ROW    ? GT_OK
                    : step == SQLITE_DONE ? GT_NOTFOUND
                                          : db_fail(db, ctx);
    if (rc == GT_OK)
        read(st, out);
    db_done(st);
    return rc;
}

enum gt_rc
db_read_rows(struct gt_db *db, sqlite3_stmt *st, db_reader read, void *list,
             struct gt_ctx *ctx)
{
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        read(st, list);
    enum gt_rc rc = step == SQLITE_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

enum gt_rc
db_write(struct gt_db *db, sqlite3_stmt *st, const char *conflict, int64_t *id,
         struct gt_ctx *ctx)
{
    if (!writer_take(db, false)) {
        db_done(st);
        return gt_err(ctx, GT_IO, "database: another write held on");
    }
    int step = sqlite3_step(st);
    if (db->depth == 0)
        writer_give(db);
    enum gt_rc rc = GT_OK;
    if (step == SQLITE_DONE) {
        if (id)
            *id = sqlite3_last_insert_rowid(db->h);
    } else if (step == SQLITE_CONSTRAINT_UNIQUE ||
               step == SQLITE_CONSTRAINT_PRIMARYKEY) {
        rc = conflict ? gt_err(ctx, GT_CONFLICT, "%s", conflict) : GT_CONFLICT;
    } else {
        rc = db_fail(db, ctx);
    }
    db_done(st);
    return rc;
}

/* gt_actor(): who the audit log records; used by the audit triggers. */
static void
fn_actor(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    struct gt_db *db = sqlite3_user_data(c);
    sqlite3_result_text(c, db->actor ? db->actor : "system", -1,
                        SQLITE_TRANSIENT);
}

/* The recorded time as UTC ISO 8601; formatted once a second, since
 * every audited row asks for it. */
static const char *
now_iso(struct gt_db *db)
{
    if (db->clock)
        return db->clock;
    time_t t = time(NULL);
    if ((long)t != db->now_second || !db->now_text[0]) {
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(db->now_text, sizeof db->now_text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        db->now_second = (long)t;
    }
    return db->now_text;
}

/* gt_now(): the recorded time, fixed in tests by gt_db_set_clock. */
static void
fn_now(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(c, now_iso(sqlite3_user_data(c)), -1, SQLITE_TRANSIENT);
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

static enum gt_rc
exec_sql(struct gt_db *db, const char *sql, struct gt_ctx *ctx)
{
    char *msg = NULL;
    int code = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (code != SQLITE_OK) {
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
            db->busy = true;
        enum gt_rc rc = gt_err(ctx, GT_IO, "database: %s",
                               msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return rc;
    }
    return GT_OK;
}

static int
user_version(struct gt_db *db)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int
gt_db_schema_version(struct gt_db *db)
{
    return user_version(db);
}

int
gt_db_schema_latest(void)
{
    return (int)gt_migrations_count;
}

/* Whether any row breaks a foreign key. */
static enum gt_rc
foreign_keys_hold(struct gt_db *db, struct gt_ctx *ctx)
{
    sqlite3_stmt *st = db_stmt(db, "PRAGMA foreign_key_check", ctx);
    bool broken;
    enum gt_rc rc = db_step_exists(db, st, &broken, ctx);
    if (rc == GT_OK && broken)
        rc = gt_err(ctx, GT_IO,
                    "database: an upgrade would break a link between "
                    "tables; nothing was changed");
    return rc;
}

/* Apply every migration after the database's version, all in one
 * transaction, so a failure leaves the database as it was. Foreign keys
 * are off meanwhile, as SQLite requires for rebuilding a table that
 * others refer to, and checked whole before the commit. */
static enum gt_rc
migrate(struct gt_db *db, struct gt_ctx *ctx)
{
    int have = user_version(db);
    int want = gt_db_schema_latest();
    char pragma[48];
    if (have < 0)
        return db_fail(db, ctx);
    if (have > want)
        return gt_err(ctx, GT_INVALID,
                      "database schema version %d is newer than this "
                      "goldthread (%d); upgrade goldthread",
                      have, want);
    if (have == want)
        return GT_OK;
    if (exec_sql(db, "PRAGMA foreign_keys = OFF", ctx) != GT_OK ||
        exec_sql(db, "BEGIN IMMEDIATE", ctx) != GT_OK)
        return GT_IO;
    for (int v = have; v < want; v++) {
        if (exec_sql(db, (const char *)gt_migrations[v].data, ctx) != GT_OK)
            goto fail;
    }
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", want);
    if (foreign_keys_hold(db, ctx) != GT_OK ||
        exec_sql(db, pragma, ctx) != GT_OK || exec_sql(db, "COMMIT", ctx))
        goto fail;
    return exec_sql(db, "PRAGMA foreign_keys = ON", ctx);
fail:
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return GT_IO;
}

enum gt_rc
gt_db_open(const char *path, struct gt_db **out, struct gt_ctx *ctx)
{
    struct gt_db *db = xcalloc(1, sizeof *db);
    db->statements = -1;
    int on = 1, off = 0;
    *out = NULL;
    /* Memory statistics cost a global mutex on every allocation; we do not
     * read them. This only takes effect before SQLite's first use, and is
     * refused harmlessly after it. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (sqlite3_open_v2(path, &db->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        gt_err(ctx, GT_IO, "%s: cannot open database: %s", path,
               db->h ? sqlite3_errmsg(db->h) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_busy_timeout(db->h, DB_BUSY_MS);
    sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
    sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
    sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_FKEY, on, NULL);
    if (sqlite3_create_function(db->h, "gt_actor", 0,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS, db, fn_actor,
                                NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db->h, "gt_now", 0,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS, db, fn_now,
                                NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db->h, "gt_json", -1,
                                SQLITE_UTF8 | SQLITE_INNOCUOUS |
                                    SQLITE_DETERMINISTIC,
                                NULL, fn_json, NULL, NULL) != SQLITE_OK) {
        db_fail(db, ctx);
        goto fail;
    }
    if (exec_sql(db, "PRAGMA journal_mode = WAL", ctx) != GT_OK ||
        exec_sql(db, "PRAGMA synchronous = FULL", ctx) != GT_OK ||
        exec_sql(db, "PRAGMA cache_size = -65536", ctx) != GT_OK ||
        exec_sql(db, "PRAGMA foreign_keys = ON", ctx) != GT_OK) {
        gt_err(ctx, GT_IO, "%s: not a goldthread database", path);
        goto fail;
    }
    if (migrate(db, ctx) != GT_OK)
        goto fail;
    db->key_path = gt_child_key_path(path, NULL, NULL);
    *out = db;
    return GT_OK;
fail:
    gt_db_close(db);
    return GT_IO;
}

static void bulk_forget(struct gt_db *db);
static void people_forget(struct gt_db *db);

void
gt_db_close(struct gt_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < DB_CACHE_SLOTS; i++)
        sqlite3_finalize(db->cache[i].st);
    sqlite3_close(db->h);
    bulk_forget(db);
    free(db->actor);
    free(db->clock);
    free(db->key_path);
    free(db);
}

void
gt_db_set_actor(struct gt_db *db, const char *actor)
{
    free(db->actor);
    db->actor = xstrdup(actor);
}

/* SQLITE_TRACE_STMT reports each statement as it starts, and each
 * trigger program as a statement of its own whose text is a comment. */
static int
count_statement(unsigned event, void *arg, void *stmt, void *sql)
{
    (void)event, (void)stmt;
    struct gt_db *db = arg;
    const char *text = sql;
    if (!(text[0] == '-' && text[1] == '-'))
        db->statements++;
    return 0;
}

void
gt_db_count_statements(struct gt_db *db)
{
    db->statements = 0;
    sqlite3_trace_v2(db->h, SQLITE_TRACE_STMT, count_statement, db);
}

long
gt_db_statements(const struct gt_db *db)
{
    return db->statements;
}

void
gt_db_set_clock(struct gt_db *db, const char *now)
{
    free(db->clock);
    db->clock = xstrdup(now);
}

/* The insert triggers on the tables whose rows an import adds by the
 * thousand. A trigger a row was half of such an import's writing time
 * (SQLite sets up a trigger's program for every row, even one its WHEN
 * clause would skip), so for a bulk write each is set aside inside the
 * transaction and the commit writes what it would have, by one statement
 * each, in this order: $item and $update are the highest item and status
 * update ids before the bulk write. */
static const struct bulk_trigger {
    const char *name;     /* as the schema names it */
    const char *drop;     /* DROP TRIGGER of it */
    const char *catch_up; /* what it would have written for the new rows */
} bulk_triggers[GT_DB_BULK_TRIGGERS] = {
    {"item_audit_insert", "DROP TRIGGER item_audit_insert",
     "INSERT INTO audit_log(at, actor, table_name, row_id, action, after) "
     "SELECT gt_now(), gt_actor(), 'item', id, 'insert', NULL FROM item "
     "WHERE id > $item ORDER BY id"},
    {"status_update_audit", "DROP TRIGGER status_update_audit",
     "INSERT INTO audit_log(at, actor, table_name, row_id, action, after) "
     "SELECT gt_now(), gt_actor(), 'status_update', id, 'insert', NULL "
     "FROM status_update WHERE id > $update ORDER BY id"},
    /* the new updates in the order they were added, each merged by the
     * trigger's rule (0015_current_status.sql); a window function picking
     * each item's newest first was twice as slow */
    {"item_status_keep", "DROP TRIGGER item_status_keep",
     "INSERT INTO item_status(item_id, status_id, brag, as_of, "
     "last_update_id) SELECT item_id, id, brag, as_of, id FROM "
     "status_update WHERE id > $update ORDER BY id "
     "ON CONFLICT(item_id) DO UPDATE SET "
     "status_id = CASE WHEN (excluded.as_of, excluded.status_id) > "
     "(item_status.as_of, item_status.status_id) THEN excluded.status_id "
     "ELSE item_status.status_id END, "
     "brag = CASE WHEN (excluded.as_of, excluded.status_id) > "
     "(item_status.as_of, item_status.status_id) THEN excluded.brag "
     "ELSE item_status.brag END, "
     "as_of = max(excluded.as_of, item_status.as_of), "
     "last_update_id = max(excluded.last_update_id, "
     "item_status.last_update_id)"},
    /* every plan with a new item or update counted afresh, after the
     * current statuses above: item_status_keep counts too (the parents
     * gathered once: a lookup an item was twice as slow); materialized
     * so that each item's status and leafness are worked out once, not
     * again in each of the sums they feed, as a flattened subquery would
     * (0.33 -> 0.21 s for 120,100 items) */
    {"plan_tally_item", "DROP TRIGGER plan_tally_item",
     "WITH counted AS MATERIALIZED (SELECT i.plan_id, "
     "IFNULL(c.brag, 'not_rated') AS brag, c.as_of, "
     "i.kind NOT IN ('priority', 'theme') AS carries, "
     "i.kind NOT IN ('priority', 'theme') AND i.id NOT IN (SELECT "
     "parent_id FROM item WHERE parent_id IS NOT NULL) AS work FROM item i "
     "LEFT JOIN item_status c ON c.item_id = i.id WHERE i.plan_id IN ("
     "SELECT plan_id FROM item WHERE id > $item UNION SELECT n.plan_id "
     "FROM status_update s JOIN item n ON n.id = s.item_id "
     "WHERE s.id > $update)) "
     "INSERT INTO plan_tally(plan_id, items, blue, red, amber, green, "
     "not_rated, latest, status_blue, status_red, status_amber, "
     "status_green, status_not_rated) SELECT plan_id, count(*), sum(work "
     "AND brag = 'blue'), sum(work AND brag = 'red'), sum(work AND brag = "
     "'amber'), sum(work AND brag = 'green'), sum(work AND brag = "
     "'not_rated'), max(as_of), sum(carries AND brag = 'blue'), "
     "sum(carries AND brag = 'red'), sum(carries AND brag = 'amber'), "
     "sum(carries AND brag = 'green'), sum(carries AND brag = 'not_rated') "
     "FROM counted GROUP BY plan_id "
     "ON CONFLICT(plan_id) DO UPDATE SET items = excluded.items, "
     "blue = excluded.blue, red = excluded.red, amber = excluded.amber, "
     "green = excluded.green, not_rated = excluded.not_rated, "
     "latest = excluded.latest, changes = plan_tally.changes + 1, "
     "status_blue = excluded.status_blue, status_red = excluded.status_red, "
     "status_amber = excluded.status_amber, "
     "status_green = excluded.status_green, "
     "status_not_rated = excluded.status_not_rated"},
};

static void
people_forget(struct gt_db *db)
{
    for (size_t i = 0; i < db->people_slots; i++)
        free(db->people[i].name);
    free(db->people);
    db->people = NULL;
    db->n_people = db->people_slots = 0;
}

static void
bulk_forget(struct gt_db *db)
{
    for (size_t i = 0; i < GT_DB_BULK_TRIGGERS; i++) {
        free(db->bulk_trigger_sql[i]);
        db->bulk_trigger_sql[i] = NULL;
    }
    for (size_t i = 0; i < db->bulk_keys_alloc; i++)
        free(db->bulk_keys[i]);
    free(db->bulk_keys);
    db->bulk_keys = NULL;
    db->bulk_keys_alloc = 0;
    people_forget(db);
    db->bulk_write = false;
}

/* The one value of the one row st answers, as text or as an integer. */
static enum gt_rc
bulk_read(struct gt_db *db, sqlite3_stmt *st, char **text, int64_t *n,
          struct gt_ctx *ctx)
{
    if (!st)
        return GT_IO;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && text)
        *text = db_col_text(st, 0);
    if (step == SQLITE_ROW && n)
        *n = sqlite3_column_int64(st, 0);
    db_done(st);
    if (step == SQLITE_ROW && (!text || *text))
        return GT_OK;
    return step == SQLITE_ROW || step == SQLITE_DONE
               ? gt_err(ctx, GT_IO, "database: an insert trigger is missing")
               : db_fail(db, ctx);
}

enum gt_rc
gt_db_bulk_write(struct gt_db *db, struct gt_ctx *ctx)
{
    if (db->depth != 1)
        return gt_err(ctx, GT_INVALID,
                      "database: a bulk write belongs to the outermost "
                      "transaction");
    if (db->bulk_write)
        return GT_OK;
    db->bulk_write = true;
    /* the write lock is held from BEGIN IMMEDIATE, so every row above
     * these ids at commit was added by this transaction */
    if (bulk_read(db, db_stmt(db, "SELECT IFNULL(max(id), 0) FROM item", ctx),
                  NULL, &db->bulk_items_after, ctx) != GT_OK ||
        bulk_read(
            db,
            db_stmt(db, "SELECT IFNULL(max(id), 0) FROM status_update", ctx),
            NULL, &db->bulk_updates_after, ctx) != GT_OK)
        return GT_IO;
    db->bulk_next_item = db->bulk_items_after + 1;
    for (size_t i = 0; i < GT_DB_BULK_TRIGGERS; i++) {
        const struct bulk_trigger *t = &bulk_triggers[i];
        sqlite3_stmt *st =
            db_stmt(db,
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND "
                    "name = $1",
                    ctx);
        if (st)
            db_bind_text(st, "$1", t->name);
        if (bulk_read(db, st, &db->bulk_trigger_sql[i], NULL, ctx) != GT_OK ||
            exec_sql(db, t->drop, ctx) != GT_OK) {
            /* the caller rolls back, which puts back any trigger dropped */
            return GT_IO;
        }
    }
    return GT_OK;
}

/* What the set-aside triggers would have written for a bulk write's new
 * rows, and the triggers put back exactly as the schema had them. */
static enum gt_rc
catch_up_bulk_rows(struct gt_db *db, struct gt_ctx *ctx)
{
    enum gt_rc rc = GT_OK;
    for (size_t i = 0; i < GT_DB_BULK_TRIGGERS && rc == GT_OK; i++) {
        sqlite3_stmt *st = db_stmt_(db, bulk_triggers[i].catch_up, ctx);
        if (!st) {
            rc = GT_IO;
            break;
        }
        db_bind_int(st, "$item", db->bulk_items_after);
        db_bind_int(st, "$update", db->bulk_updates_after);
        rc = db_write(db, st, "a row is written twice", NULL, ctx);
        if (rc == GT_OK)
            rc = exec_sql(db, db->bulk_trigger_sql[i], ctx);
    }
    bulk_forget(db);
    return rc;
}

/* Transactions nest: the outermost is BEGIN IMMEDIATE (the write lock
 * taken at once, so a writer never fails half way on a lock), each inner
 * one a savepoint, so a core write that opens its own transaction can be
 * one step of a caller's all-or-nothing change. */
enum gt_rc
gt_db_begin(struct gt_db *db, struct gt_ctx *ctx)
{
    if (db->depth == 0) {
        if (!writer_take(db, false))
            return gt_err(ctx, GT_IO, "database: another write held on");
        if (exec_sql(db, "BEGIN IMMEDIATE", ctx) != GT_OK) {
            writer_give(db);
            return GT_IO;
        }
    } else if (exec_sql(db, "SAVEPOINT gt_nested", ctx) != GT_OK) {
        return GT_IO;
    }
    db->depth++;
    return GT_OK;
}

enum gt_rc
gt_db_commit(struct gt_db *db, struct gt_ctx *ctx)
{
    if (db->depth > 1) {
        /* releases the innermost savepoint of that name; on failure the
         * caller's gt_db_rollback undoes it */
        if (exec_sql(db, "RELEASE gt_nested", ctx) != GT_OK)
            return GT_IO;
        db->depth--;
        return GT_OK;
    }
    if ((db->bulk_write && catch_up_bulk_rows(db, ctx) != GT_OK) ||
        exec_sql(db, "COMMIT", ctx) != GT_OK) {
        gt_db_rollback(db);
        return GT_IO;
    }
    db->depth = 0;
    writer_give(db);
    return GT_OK;
}

void
gt_db_rollback(struct gt_db *db)
{
    if (db->depth > 1) {
        sqlite3_exec(db->h, "ROLLBACK TO gt_nested; RELEASE gt_nested", NULL,
                     NULL, NULL);
        db->depth--;
        /* a person the savepoint added is gone with it */
        people_forget(db);
        return;
    }
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    db->depth = 0;
    writer_give(db);
    bulk_forget(db);
}

bool
gt_db_read_begin(struct gt_db *db)
{
    if (db->depth > 0 || db->reading)
        return false;
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    /* deferred: the snapshot is taken by the first read */
    db->reading = exec_sql(db, "BEGIN", &ctx) == GT_OK;
    gt_ctx_finish(&ctx);
    return db->reading;
}

void
gt_db_read_end(struct gt_db *db)
{
    if (!db->reading)
        return;
    db->reading = false;
    if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
gt_db_depth(const struct gt_db *db)
{
    return db->depth;
}

enum gt_rc
gt_db_count(struct gt_db *db, const char *table, long *n, struct gt_ctx *ctx)
{
    /* Table names cannot be bound, so each maps to its own literal. */
    static const struct {
        const char *name;
        const char *sql;
    } tables[] = {
        {"plan", "SELECT count(*) FROM plan"},
        {"item", "SELECT count(*) FROM item"},
        {"link", "SELECT count(*) FROM link"},
        {"status_update", "SELECT count(*) FROM status_update"},
        {"evidence", "SELECT count(*) FROM evidence"},
        {"person", "SELECT count(*) FROM person"},
        {"audit_log", "SELECT count(*) FROM audit_log"},
        {"organisation", "SELECT count(*) FROM organisation"},
        {"unit", "SELECT count(*) FROM unit"},
        {"kpi", "SELECT count(*) FROM kpi"},
        {"kpi_value", "SELECT count(*) FROM kpi_value"},
        {"kpi_comparator", "SELECT count(*) FROM kpi_comparator"},
        {"sign_in_failure", "SELECT count(*) FROM sign_in_failure"},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(table, tables[i].name) != 0)
            continue;
        sqlite3_stmt *st = db_stmt_(db, tables[i].sql, ctx);
        if (!st)
            return GT_IO;
        enum gt_rc rc = GT_OK;
        if (sqlite3_step(st) == SQLITE_ROW)
            *n = (long)sqlite3_column_int64(st, 0);
        else
            rc = db_fail(db, ctx);
        db_done(st);
        return rc;
    }
    return gt_err(ctx, GT_INVALID, "no table called \"%s\"", table);
}

enum gt_rc
gt_db_org_set(struct gt_db *db, const char *name, const char *ons_code,
              const char *la_code, struct gt_ctx *ctx)
{
    sqlite3_stmt *st =
        db_stmt(db,
                "INSERT INTO organisation(id, name, ons_code, dfe_la_code) "
                "VALUES (1, $1, $2, $3) ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, ons_code = excluded.ons_code, "
                "dfe_la_code = excluded.dfe_la_code",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    db_bind_text(st, "$2", ons_code);
    db_bind_text(st, "$3", la_code);
    return db_write(db, st, "the organisation is set twice", NULL, ctx);
}

enum gt_rc
gt_db_org_name(struct gt_db *db, char **name, struct gt_ctx *ctx)
{
    *name = NULL;
    sqlite3_stmt *st =
        db_stmt(db, "SELECT name FROM organisation ORDER BY id LIMIT 1", ctx);
    if (!st)
        return GT_IO;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *name = db_col_text(st, 0);
    db_done(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? GT_OK : db_fail(db, ctx);
}

enum gt_rc
gt_db_unit_add(struct gt_db *db, const char *name, const char *kind,
               const char *parent, struct gt_ctx *ctx)
{
    sqlite3_stmt *st = db_stmt(
        db,
        "INSERT INTO unit(organisation_id, parent_id, kind, name) "
        "SELECT (SELECT id FROM organisation LIMIT 1), "
        "(SELECT id FROM unit WHERE name = $3), $2, $1 "
        "WHERE $3 IS NULL OR EXISTS (SELECT 1 FROM unit WHERE name = $3)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    db_bind_text(st, "$2", kind);
    db_bind_text(st, "$3", parent);
    char *conflict = xasprintf("a unit called \"%s\" already exists", name);
    enum gt_rc rc = db_write(db, st, conflict, NULL, ctx);
    free(conflict);
    if (rc == GT_OK && sqlite3_changes(db->h) == 0)
        rc = gt_err(ctx, GT_NOTFOUND, "no unit called \"%s\"", parent);
    return rc;
}

/* The memo's slot for name: where it is, or the empty slot for it. */
static struct db_person_memo *
person_memo_slot(struct gt_db *db, const char *name)
{
    size_t mask = db->people_slots - 1;
    size_t j = gt_str_hash(name) & mask;
    while (db->people[j].name && strcmp(db->people[j].name, name) != 0)
        j = (j + 1) & mask;
    return &db->people[j];
}

static void
person_memo_keep(struct gt_db *db, const char *name, int64_t id)
{
    if (db->n_people * 2 + 2 > db->people_slots) {
        struct db_person_memo *old = db->people;
        size_t n_old = db->people_slots;
        db->people_slots = n_old ? n_old * 2 : 64;
        db->people = xcalloc(db->people_slots, sizeof *db->people);
        for (size_t i = 0; i < n_old; i++)
            if (old[i].name)
                *person_memo_slot(db, old[i].name) = old[i];
        free(old);
    }
    struct db_person_memo *m = person_memo_slot(db, name);
    if (!m->name) {
        m->name = xstrdup(name);
        m->id = id;
        db->n_people++;
    }
}

static enum gt_rc person_find_or_add(struct gt_db *db, const char *name,
                                     int64_t *id, struct gt_ctx *ctx);

enum gt_rc
gt_db_person_ensure(struct gt_db *db, const char *name, int64_t *id,
                    struct gt_ctx *ctx)
{
    if (!db->bulk_write)
        return person_find_or_add(db, name, id, ctx);
    if (db->people_slots) {
        struct db_person_memo *m = person_memo_slot(db, name);
        if (m->name) {
            *id = m->id;
            return GT_OK;
        }
    }
    enum gt_rc rc = person_find_or_add(db, name, id, ctx);
    if (rc == GT_OK)
        person_memo_keep(db, name, *id);
    return rc;
}

static enum gt_rc
person_find_or_add(struct gt_db *db, const char *name, int64_t *id,
                   struct gt_ctx *ctx)
{
    sqlite3_stmt *st =
        db_stmt(db, "SELECT id FROM person WHERE name = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        db_done(st);
        return GT_OK;
    }
    db_done(st);
    if (step != SQLITE_DONE)
        return db_fail(db, ctx);
    st = db_stmt(db, "INSERT INTO person(name) VALUES ($1)", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    return db_write(db, st, "two people with one name", id, ctx);
}

void
gt_updates_finish(struct gt_updates *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].commentary);
        free(list->v[i].author);
        free(list->v[i].recorded_at);
        free(list->v[i].evidence);
    }
    free(list->v);
    list->v = NULL;
    list->n = list->alloc = 0;
}

struct gt_db_changes
gt_db_changes(struct gt_db *db, const char *plan_code)
{
    struct gt_db_changes v = {-1, -1};
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    sqlite3_stmt *st =
        plan_code
            ? db_stmt(db,
                      "SELECT d.n, t.changes FROM data_change d, plan p JOIN "
                      "plan_tally t ON t.plan_id = p.id WHERE p.code = $1",
                      &ctx)
            : db_stmt(db,
                      "SELECT d.n, (SELECT IFNULL(sum(changes), 0) FROM "
                      "plan_tally) FROM data_change d",
                      &ctx);
    if (st && plan_code)
        db_bind_text(st, "$1", plan_code);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        v.rest = sqlite3_column_int64(st, 0);
        v.plan = sqlite3_column_int64(st, 1);
    }
    db_done(st);
    gt_ctx_finish(&ctx);
    return v;
}
