/*
 * db: the store's connection over its engine (db_engine.h): migrations,
 * nested transactions, the one writer, read transactions, bulk writes and
 * the statement cache. See db.h; the domain queries are in the other
 * db_*.c files.
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

struct db_statement *
db_stmt_(struct gt_db *db, const char *sql, struct gt_ctx *ctx)
{
    size_t slot = ((uintptr_t)sql >> 3) % DB_CACHE_SLOTS;
    for (size_t probe = 0; probe < DB_CACHE_SLOTS; probe++) {
        size_t i = (slot + probe) % DB_CACHE_SLOTS;
        if (db->cache[i].sql == sql)
            return db->cache[i].st;
        if (db->cache[i].sql == NULL) {
            struct db_statement *st = db_engine_prepare(db->engine, sql);
            if (!st) {
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
db_done(struct db_statement *st)
{
    db_reset(st);
}

void
db_bind_date(struct db_statement *st, const char *name, int32_t v)
{
    char iso[GT_DATE_ISO_LEN];
    if (v == GT_NO_DATE) {
        db_bind_null(st, name);
        return;
    }
    gt_date_iso(v, iso);
    db_bind_text_copy(st, name, iso);
}

void
db_bind_as_of(struct db_statement *st, const char *name, int32_t v)
{
    if (v == GT_NO_DATE)
        db_bind_text(st, name, "9999-12-31");
    else
        db_bind_date(st, name, v);
}

void
db_bind_id(struct db_statement *st, const char *name, int64_t v)
{
    if (v)
        db_bind_int(st, name, v);
    else
        db_bind_null(st, name);
}

char *
db_col_text(struct db_statement *st, int col)
{
    const char *t = db_col_str(st, col);
    return t ? xstrdup(t) : NULL;
}

int32_t
db_col_date(struct db_statement *st, int col)
{
    const char *t = db_col_str(st, col);
    int32_t v;
    if (!t || !gt_date_parse_iso(t, &v))
        return GT_NO_DATE;
    return v;
}

enum gt_rc
db_fail(struct gt_db *db, struct gt_ctx *ctx)
{
    if (db_engine_was_busy(db->engine))
        db->busy = true;
    return gt_err(ctx, GT_IO, "database: %s", db_engine_error(db->engine));
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
db_write_if_free(struct gt_db *db, struct db_statement *st, struct gt_ctx *ctx)
{
    /* a write that may be skipped must not wait for the lock either */
    if (!writer_take(db, true)) {
        db_done(st);
        return GT_OK;
    }
    db_engine_wait(db->engine, 0);
    enum db_step step = db_step(st);
    db_engine_wait(db->engine, DB_BUSY_MS);
    if (db->depth == 0)
        writer_give(db);
    db_done(st);
    if (step == DB_DONE || step == DB_BUSY)
        return GT_OK;
    return db_fail(db, ctx);
}

enum gt_rc
db_step_exists(struct gt_db *db, struct db_statement *st, bool *yes,
               struct gt_ctx *ctx)
{
    *yes = false;
    if (!st)
        return GT_IO;
    enum db_step step = db_step(st);
    db_done(st);
    if (step != DB_ROW && step != DB_DONE)
        return db_fail(db, ctx);
    *yes = step == DB_ROW;
    return GT_OK;
}

enum gt_rc
db_read_one(struct gt_db *db, struct db_statement *st, db_reader read,
            void *out, struct gt_ctx *ctx)
{
    enum db_step step = db_step(st);
    enum gt_rc rc = step == DB_ROW    ? GT_OK
                    : step == DB_DONE ? GT_NOTFOUND
                                      : db_fail(db, ctx);
    if (rc == GT_OK)
        read(st, out);
    db_done(st);
    return rc;
}

enum gt_rc
db_read_rows(struct gt_db *db, struct db_statement *st, db_reader read,
             void *list, struct gt_ctx *ctx)
{
    enum db_step step;
    while ((step = db_step(st)) == DB_ROW)
        read(st, list);
    enum gt_rc rc = step == DB_DONE ? GT_OK : db_fail(db, ctx);
    db_done(st);
    return rc;
}

enum gt_rc
db_write(struct gt_db *db, struct db_statement *st, const char *conflict,
         int64_t *id, struct gt_ctx *ctx)
{
    if (!writer_take(db, false)) {
        db_done(st);
        return gt_err(ctx, GT_IO, "database: another write held on");
    }
    enum db_step step = db_step(st);
    if (db->depth == 0)
        writer_give(db);
    enum gt_rc rc = GT_OK;
    if (step == DB_DONE) {
        if (id)
            *id = db_engine_last_id(db->engine);
    } else if (step == DB_CONFLICT) {
        rc = conflict ? gt_err(ctx, GT_CONFLICT, "%s", conflict) : GT_CONFLICT;
    } else {
        rc = db_fail(db, ctx);
    }
    db_done(st);
    return rc;
}

enum gt_rc
db_write_later(struct gt_db *db, struct db_statement *st, const char *conflict,
               struct gt_ctx *ctx)
{
    if (db->depth == 0 || !db_engine_sends_later(db->engine))
        return db_write(db, st, conflict, NULL, ctx);
    enum db_step step = db_send(st, conflict);
    db_done(st);
    if (step == DB_DONE)
        return GT_OK;
    /* a conflict found now may be an earlier row's: the engine's message
     * names it */
    return step == DB_CONFLICT
               ? gt_err(ctx, GT_CONFLICT, "%s", db_engine_error(db->engine))
               : db_fail(db, ctx);
}

const char *
db_actor(const struct gt_db *db)
{
    return db->actor ? db->actor : "system";
}

const char *
db_clock(const struct gt_db *db)
{
    return db->clock;
}

/* The recorded time as UTC ISO 8601; formatted once a second, since
 * every audited row asks for it. */
const char *
db_now_iso(struct gt_db *db)
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

enum gt_rc
db_exec(struct gt_db *db, const char *sql, struct gt_ctx *ctx)
{
    if (db_engine_exec(db->engine, sql) != DB_DONE)
        return db_fail(db, ctx);
    return GT_OK;
}

static enum gt_rc
transaction(struct gt_db *db, enum db_transaction t, struct gt_ctx *ctx)
{
    if (db_engine_transaction(db->engine, t) != DB_DONE)
        return db_fail(db, ctx);
    return GT_OK;
}

int
gt_db_schema_version(struct gt_db *db)
{
    return db_engine_schema_version(db->engine);
}

int
gt_db_schema_latest(void)
{
    return (int)gt_migrations_count;
}

/* Apply every migration after the database's version, all in one
 * transaction, so a failure leaves the database as it was; every foreign
 * key is checked whole before the commit. */
static enum gt_rc
migrate(struct gt_db *db, struct gt_ctx *ctx)
{
    int have = db_engine_schema_version(db->engine);
    int want = gt_db_schema_latest();
    if (have < 0)
        return db_fail(db, ctx);
    if (have > want)
        return gt_err(ctx, GT_INVALID,
                      "database schema version %d is newer than this "
                      "goldthread (%d); upgrade goldthread",
                      have, want);
    if (have == want)
        return GT_OK;
    const struct gt_embedded *list;
    size_t n;
    if (!db_engine_migrations(db->engine, have, &list, &n))
        return gt_err(ctx, GT_INVALID,
                      "database: this goldthread cannot upgrade a %s "
                      "database of schema version %d",
                      db_engine_name(db->engine), have);
    if (db_engine_migration_begin(db->engine) != DB_DONE)
        return db_fail(db, ctx);
    for (size_t i = 0; i < n; i++)
        if (db_exec(db, (const char *)list[i].data, ctx) != GT_OK)
            goto fail;
    if (db_engine_migration_finish(db->engine, want, ctx) != GT_OK)
        goto fail;
    return GT_OK;
fail:
    db_engine_migration_abandon(db->engine);
    return GT_IO;
}

bool
gt_db_is_address(const char *where)
{
    return db_engine_is_postgresql(where);
}

void
gt_db_describe(const struct gt_db *db, char *out, size_t len)
{
    db_engine_describe(db->engine, out, len);
}

enum gt_rc
gt_db_open(const char *path, struct gt_db **out, struct gt_ctx *ctx)
{
    struct gt_db *db = xcalloc(1, sizeof *db);
    db->statements = -1;
    *out = NULL;
    db->engine = db_engine_open(path, db, ctx);
    if (!db->engine || migrate(db, ctx) != GT_OK)
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
        if (db->cache[i].st)
            db_statement_free(db->cache[i].st);
    db_engine_close(db->engine);
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

void
gt_db_count_statements(struct gt_db *db)
{
    db->statements = 0;
    db_engine_count_statements(db->engine, &db->statements);
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

/* Every plan with a new item or update in a bulk write counted afresh
 * (the parents gathered once: a lookup an item was twice as slow);
 * materialized so that each item's status and leafness are worked out
 * once, not again in each of the sums they feed, as a flattened subquery
 * would (0.33 -> 0.21 s for 120,100 items). */
#define TALLY_COUNTS_SQLITE                                                    \
    "sum(work AND brag = 'blue'), sum(work AND brag = 'red'), "                \
    "sum(work AND brag = 'amber'), sum(work AND brag = 'green'), "             \
    "sum(work AND brag = 'not_rated'), max(as_of), "                           \
    "sum(carries AND brag = 'blue'), sum(carries AND brag = 'red'), "          \
    "sum(carries AND brag = 'amber'), sum(carries AND brag = 'green'), "       \
    "sum(carries AND brag = 'not_rated') "
/* PostgreSQL sums no booleans */
#define TALLY_COUNTS_PG                                                        \
    "count(*) FILTER (WHERE work AND brag = 'blue'), "                         \
    "count(*) FILTER (WHERE work AND brag = 'red'), "                          \
    "count(*) FILTER (WHERE work AND brag = 'amber'), "                        \
    "count(*) FILTER (WHERE work AND brag = 'green'), "                        \
    "count(*) FILTER (WHERE work AND brag = 'not_rated'), max(as_of), "        \
    "count(*) FILTER (WHERE carries AND brag = 'blue'), "                      \
    "count(*) FILTER (WHERE carries AND brag = 'red'), "                       \
    "count(*) FILTER (WHERE carries AND brag = 'amber'), "                     \
    "count(*) FILTER (WHERE carries AND brag = 'green'), "                     \
    "count(*) FILTER (WHERE carries AND brag = 'not_rated') "
#define TALLY_CATCH_UP(counts)                                                 \
    "WITH counted AS MATERIALIZED (SELECT i.plan_id, "                         \
    "COALESCE(c.brag, 'not_rated') AS brag, c.as_of, "                         \
    "i.kind NOT IN ('priority', 'theme') AS carries, "                         \
    "i.kind NOT IN ('priority', 'theme') AND i.id NOT IN (SELECT "             \
    "parent_id FROM item WHERE parent_id IS NOT NULL) AS work FROM item i "    \
    "LEFT JOIN item_status c ON c.item_id = i.id WHERE i.plan_id IN ("         \
    "SELECT plan_id FROM item WHERE id > $item UNION SELECT n.plan_id "        \
    "FROM status_update s JOIN item n ON n.id = s.item_id "                    \
    "WHERE s.id > $update)) "                                                  \
    "INSERT INTO plan_tally(plan_id, items, blue, red, amber, green, "         \
    "not_rated, latest, status_blue, status_red, status_amber, "               \
    "status_green, status_not_rated) SELECT plan_id, count(*), " counts        \
    "FROM counted GROUP BY plan_id "                                           \
    "ON CONFLICT(plan_id) DO UPDATE SET items = excluded.items, "              \
    "blue = excluded.blue, red = excluded.red, amber = excluded.amber, "       \
    "green = excluded.green, not_rated = excluded.not_rated, "                 \
    "latest = excluded.latest, changes = plan_tally.changes + 1, "             \
    "status_blue = excluded.status_blue, status_red = excluded.status_red, "   \
    "status_amber = excluded.status_amber, "                                   \
    "status_green = excluded.status_green, "                                   \
    "status_not_rated = excluded.status_not_rated"

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
     * current statuses above: item_status_keep counts too */
    {"plan_tally_item", "DROP TRIGGER plan_tally_item",
     TALLY_CATCH_UP(TALLY_COUNTS_SQLITE)},
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
bulk_read(struct gt_db *db, struct db_statement *st, char **text, int64_t *n,
          struct gt_ctx *ctx)
{
    if (!st)
        return GT_IO;
    enum db_step step = db_step(st);
    if (step == DB_ROW && text)
        *text = db_col_text(st, 0);
    if (step == DB_ROW && n)
        *n = db_col_int(st, 0);
    db_done(st);
    if (step == DB_ROW && (!text || *text))
        return GT_OK;
    return step == DB_ROW || step == DB_DONE
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
    if (bulk_read(db, db_stmt(db, "SELECT COALESCE(max(id), 0) FROM item", ctx),
                  NULL, &db->bulk_items_after, ctx) != GT_OK ||
        bulk_read(
            db,
            db_stmt(db, "SELECT COALESCE(max(id), 0) FROM status_update", ctx),
            NULL, &db->bulk_updates_after, ctx) != GT_OK)
        return GT_IO;
    db->bulk_next_item = db->bulk_items_after + 1;
    /* PostgreSQL keeps every trigger running (setting one aside locks its
     * table against readers) but the tally's: updating the plan's one
     * tally row for each new item made each update walk every earlier
     * version of it, so an import grew with the square of its rows (20,000
     * rows in 288 s); the commit counts the plans afresh instead. */
    if (!db_engine_bulk_sets_triggers_aside(db->engine))
        return db_exec(db, "SET LOCAL gt.bulk = 'on'", ctx);
    for (size_t i = 0; i < GT_DB_BULK_TRIGGERS; i++) {
        const struct bulk_trigger *t = &bulk_triggers[i];
        struct db_statement *st =
            db_stmt(db,
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND "
                    "name = $1",
                    ctx);
        if (st)
            db_bind_text(st, "$1", t->name);
        if (bulk_read(db, st, &db->bulk_trigger_sql[i], NULL, ctx) != GT_OK ||
            db_exec(db, t->drop, ctx) != GT_OK) {
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
    if (!db_engine_bulk_sets_triggers_aside(db->engine)) {
        struct db_statement *st =
            db_stmt(db, TALLY_CATCH_UP(TALLY_COUNTS_PG), ctx);
        if (!st) {
            rc = GT_IO;
        } else {
            db_bind_int(st, "$item", db->bulk_items_after);
            db_bind_int(st, "$update", db->bulk_updates_after);
            rc = db_write(db, st, "a row is written twice", NULL, ctx);
        }
    }
    /* none was set aside when the engine keeps them running */
    for (size_t i = 0;
         i < GT_DB_BULK_TRIGGERS && rc == GT_OK && db->bulk_trigger_sql[i];
         i++) {
        struct db_statement *st = db_stmt_(db, bulk_triggers[i].catch_up, ctx);
        if (!st) {
            rc = GT_IO;
            break;
        }
        db_bind_int(st, "$item", db->bulk_items_after);
        db_bind_int(st, "$update", db->bulk_updates_after);
        rc = db_write(db, st, "a row is written twice", NULL, ctx);
        if (rc == GT_OK)
            rc = db_exec(db, db->bulk_trigger_sql[i], ctx);
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
        if (transaction(db, DB_BEGIN_WRITE, ctx) != GT_OK) {
            writer_give(db);
            return GT_IO;
        }
    } else if (transaction(db, DB_SAVEPOINT, ctx) != GT_OK) {
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
        if (transaction(db, DB_RELEASE, ctx) != GT_OK)
            return GT_IO;
        db->depth--;
        return GT_OK;
    }
    if ((db->bulk_write && catch_up_bulk_rows(db, ctx) != GT_OK) ||
        transaction(db, DB_COMMIT, ctx) != GT_OK) {
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
        db_engine_transaction(db->engine, DB_ROLLBACK_SAVEPOINT);
        db->depth--;
        /* a person the savepoint added is gone with it */
        people_forget(db);
        return;
    }
    if (db_engine_in_transaction(db->engine))
        db_engine_transaction(db->engine, DB_ROLLBACK);
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
    db->reading = transaction(db, DB_BEGIN_READ, &ctx) == GT_OK;
    gt_ctx_finish(&ctx);
    return db->reading;
}

void
gt_db_read_end(struct gt_db *db)
{
    if (!db->reading)
        return;
    db->reading = false;
    if (db_engine_transaction(db->engine, DB_COMMIT) != DB_DONE &&
        db_engine_in_transaction(db->engine))
        db_engine_transaction(db->engine, DB_ROLLBACK);
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
        struct db_statement *st = db_stmt_(db, tables[i].sql, ctx);
        if (!st)
            return GT_IO;
        enum gt_rc rc = GT_OK;
        if (db_step(st) == DB_ROW)
            *n = (long)db_col_int(st, 0);
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
    struct db_statement *st =
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
    struct db_statement *st =
        db_stmt(db, "SELECT name FROM organisation ORDER BY id LIMIT 1", ctx);
    if (!st)
        return GT_IO;
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        *name = db_col_text(st, 0);
    db_done(st);
    return step == DB_ROW || step == DB_DONE ? GT_OK : db_fail(db, ctx);
}

enum gt_rc
gt_db_unit_add(struct gt_db *db, const char *name, const char *kind,
               const char *parent, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "INSERT INTO unit(organisation_id, parent_id, kind, name) "
                "SELECT (SELECT id FROM organisation LIMIT 1), "
                "(SELECT id FROM unit WHERE name = $3), $2, $1 "
                "WHERE CAST($3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM unit "
                "WHERE name = $3)",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    db_bind_text(st, "$2", kind);
    db_bind_text(st, "$3", parent);
    char *conflict = xasprintf("a unit called \"%s\" already exists", name);
    enum gt_rc rc = db_write(db, st, conflict, NULL, ctx);
    free(conflict);
    if (rc == GT_OK && db_engine_changes(db->engine) == 0)
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
    struct db_statement *st =
        db_stmt(db, "SELECT id FROM person WHERE name = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", name);
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        *id = db_col_int(st, 0);
        db_done(st);
        return GT_OK;
    }
    db_done(st);
    if (step != DB_DONE)
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
    struct db_statement *st =
        plan_code
            ? db_stmt(db,
                      "SELECT d.n, t.changes FROM data_change d, plan p JOIN "
                      "plan_tally t ON t.plan_id = p.id WHERE p.code = $1",
                      &ctx)
            : db_stmt(db,
                      "SELECT d.n, (SELECT COALESCE(sum(changes), 0) FROM "
                      "plan_tally) FROM data_change d",
                      &ctx);
    if (st && plan_code)
        db_bind_text(st, "$1", plan_code);
    if (st && db_step(st) == DB_ROW) {
        v.rest = db_col_int(st, 0);
        v.plan = db_col_int(st, 1);
    }
    db_done(st);
    gt_ctx_finish(&ctx);
    return v;
}
