/*
 * db_pg: the PostgreSQL engine under the store (db_engine.h), over libpq.
 * A statement is prepared on the server under a name of its own, its
 * "$name" parameters numbered by first appearance as PostgreSQL needs;
 * values go as text (bytes as binary), rows come back as text. One writer
 * at a time, as on SQLite: a write transaction takes a transaction-level
 * advisory lock, and who acts and the test clock are set for the
 * transaction (gt.actor, gt.now). A read transaction is REPEATABLE READ,
 * one snapshot from its first read to its end. A connection the server
 * or the network ended is made again before the next transaction (or
 * statement outside one), when nothing can be lost by it. A write
 * transaction's inserts whose answers can wait are pipelined (db_send):
 * sent without waiting, their answers read a batch at a time and before
 * anything else.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db_driver.h"
#include "core/db_internal.h"
#include "core/embedded.h"
#include "core/mem.h"

/* The advisory lock every write transaction of goldthread takes. */
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(1735355492)"
/* Writes sent before their answers are read: few enough that the
 * answers waiting (under 100 bytes each) never fill the socket's buffer,
 * which would leave the server waiting for us to read and us for it. */
#define PG_SEND_BATCH 256

struct pg_engine {
    struct db_engine base;
    PGconn *conn;
    struct gt_db *db; /* who acts and the clock; may be NULL */
    char error[512];  /* the last failure's message */
    bool busy;        /* it was a lock or serialization failure */
    long changes;
    int64_t last_id;
    long *counter; /* statements run, or NULL */
    /* who acts and the clock as last given to the session (owned), so
     * that they are sent again only when they change */
    char *sent_actor, *sent_clock;
    unsigned long prepared;
    unsigned long session; /* connections made again (revive) */
    bool unset;            /* made again, its session not yet set up */
    bool piping;           /* in pipeline mode, answers still to read */
    char **pending;        /* each write sent: its conflict message, owned */
    size_t n_pending, pending_slots;
    unsigned long sent; /* writes sent in this write transaction */
    /* a read transaction begun but not yet sent: its BEGIN goes with its
     * first statement, in one round trip (begin_and_run) */
    bool begin_due;
};

#define PG_BEGIN_READ "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
#define PG_SET_ACTOR                                                           \
    "SELECT set_config('gt.actor', $1, false), "                               \
    "set_config('gt.now', coalesce($2, ''), false)"

struct pg_statement {
    struct db_statement base;
    struct pg_engine *e;
    char name[32];
    char *sql;             /* as prepared, "$N" numbered; owned */
    unsigned long session; /* the connection it was prepared on */
    int n_params;
    char **names;        /* the parameters' names by number, owned */
    const char **values; /* bound values, by number */
    int *lengths, *formats;
    char **owned; /* copies behind values, or NULL */
    PGresult *res;
    int row, rows;
    bool ran;
    bool returns_id; /* RETURNING id added here, its row not the caller's */
    unsigned char *bytes; /* the last column read as bytes (PQfreemem) */
};

static struct pg_engine *
engine(struct db_engine *e)
{
    return (struct pg_engine *)e;
}

static struct pg_statement *
statement(struct db_statement *st)
{
    return (struct pg_statement *)st;
}

/* Keep the primary message only: the detail of a broken unique key names
 * the values, which may be another council's. */
static enum db_step
failed(struct pg_engine *e, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg =
        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    if (PQstatus(e->conn) == CONNECTION_BAD)
        msg = "the connection to PostgreSQL was lost";
    snprintf(e->error, sizeof e->error, "%s",
             msg ? msg : "PostgreSQL gave no answer");
    e->busy = state && (strcmp(state, "40001") == 0 || /* serialization */
                        strcmp(state, "40P01") == 0 || /* deadlock */
                        strcmp(state, "55P03") == 0);  /* lock timeout */
    if (state && strcmp(state, "23505") == 0)
        return DB_CONFLICT;
    return e->busy ? DB_BUSY : DB_FAILED;
}

/* What a finished command left: rows changed, and an insert's returned
 * id. */
static enum db_step
answered(struct pg_engine *e, PGresult *res)
{
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failed(e, res);
    e->changes = strtol(PQcmdTuples(res), NULL, 10);
    if (strncmp(PQcmdStatus(res), "INSERT", 6) == 0 &&
        status == PGRES_TUPLES_OK && PQntuples(res) > 0)
        e->last_id = strtoll(PQgetvalue(res, PQntuples(res) - 1, 0), NULL, 10);
    return DB_DONE;
}

/* The answers of every write sent (pg_send), read to the end of the
 * pipeline, which is then left: the first failure is the result, with the
 * message the write gave for a broken unique key. */
static enum db_step
drain(struct pg_engine *e)
{
    if (!e->piping)
        return DB_DONE;
    enum db_step s = DB_DONE;
    size_t ended = 0; /* writes whose answers are all read */
    bool synced = false;
    if (PQpipelineSync(e->conn) == 1) {
        /* each write's answers end with NULL; the sync point has none */
        while (ended <= e->n_pending) {
            PGresult *res = PQgetResult(e->conn);
            if (!res) {
                ended++;
                continue;
            }
            ExecStatusType status = PQresultStatus(res);
            if (status == PGRES_PIPELINE_SYNC) {
                synced = true;
                PQclear(res);
                break;
            }
            if (s == DB_DONE && status != PGRES_COMMAND_OK &&
                status != PGRES_TUPLES_OK) {
                s = failed(e, res);
                const char *conflict =
                    ended < e->n_pending ? e->pending[ended] : NULL;
                if (s == DB_CONFLICT && conflict)
                    snprintf(e->error, sizeof e->error, "%s", conflict);
            }
            PQclear(res);
        }
    }
    if (!synced && s == DB_DONE) {
        snprintf(e->error, sizeof e->error,
                 "the connection to PostgreSQL was lost");
        s = DB_FAILED;
    }
    (void)PQexitPipelineMode(e->conn);
    e->piping = false;
    for (size_t i = 0; i < e->n_pending; i++)
        free(e->pending[i]);
    e->n_pending = 0;
    return s;
}

/* A read transaction's BEGIN, if still due, sent on its own: for what
 * cannot go in one pipeline with it. */
static enum db_step
settle(struct pg_engine *e)
{
    if (!e->begin_due)
        return DB_DONE;
    e->begin_due = false;
    PGresult *res = PQexec(e->conn, PG_BEGIN_READ);
    enum db_step s = answered(e, res);
    PQclear(res);
    return s;
}

static enum db_step
pg_exec(struct db_engine *de, const char *sql)
{
    struct pg_engine *e = engine(de);
    enum db_step s = drain(e);
    if (s == DB_DONE)
        s = settle(e);
    if (s != DB_DONE)
        return s;
    if (e->counter)
        (*e->counter)++;
    PGresult *res = PQexec(e->conn, sql);
    s = answered(e, res);
    PQclear(res);
    return s;
}

static bool
same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void
forget_actor(struct pg_engine *e)
{
    free(e->sent_actor);
    free(e->sent_clock);
    e->sent_actor = e->sent_clock = NULL;
}

/* Who acts and the test clock, for the session: every write, in a
 * transaction or not, is audited against them, as SQLite's gt_actor()
 * reads the connection's at any time. Sent only when they change; a
 * rollback may take a setting back, so it forgets what was sent. */
static bool
actor_sent(const struct pg_engine *e)
{
    return !e->db ||
           (e->sent_actor && same_text(e->sent_actor, db_actor(e->db)) &&
            same_text(e->sent_clock, db_clock(e->db)));
}

static void actor_was_sent(struct pg_engine *e, bool worked);

static enum db_step
keep_actor(struct pg_engine *e)
{
    if (actor_sent(e))
        return DB_DONE;
    const char *actor = db_actor(e->db), *clock = db_clock(e->db);
    const char *values[2] = {actor, clock};
    PGresult *res =
        PQexecParams(e->conn, PG_SET_ACTOR, 2, NULL, values, NULL, NULL, 0);
    enum db_step s = answered(e, res);
    PQclear(res);
    actor_was_sent(e, s == DB_DONE);
    return s;
}

/* Record what keep_actor's statement gave the session, when it worked. */
static void
actor_was_sent(struct pg_engine *e, bool worked)
{
    forget_actor(e);
    if (worked && e->db) {
        const char *clock = db_clock(e->db);
        e->sent_actor = xstrdup(db_actor(e->db));
        e->sent_clock = clock ? xstrdup(clock) : NULL;
    }
}

/* The session as the store expects it: UTF-8, the times in UTC, a lock
 * waited for no longer than a busy database is. */
static bool
session_setup(struct pg_engine *e)
{
    /* A kept statement's plan is made once: the server would otherwise
     * plan each of its first five runs for their values, and the store's
     * statements are short lookups whose best plan the values do not
     * change. One round trip for all the settings. */
    char settings[160];
    snprintf(settings, sizeof settings,
             "SET TimeZone = 'UTC'; SET lock_timeout = %d; "
             "SET plan_cache_mode = force_generic_plan",
             DB_BUSY_MS);
    if (PQsetClientEncoding(e->conn, "UTF8") != 0) {
        snprintf(e->error, sizeof e->error,
                 "the session's text cannot be set to UTF-8");
        return false;
    }
    return pg_exec(&e->base, settings) == DB_DONE;
}

/* A connection the server closed (a restart, an administrator ending the
 * session, a failover) or the network lost is made again, between
 * transactions only, where nothing is lost by it: the server's prepared
 * statements and settings went with the old session and are made again
 * as they are next used. PQconsumeInput reads what is waiting without
 * blocking, so a connection the server closed is seen before it is used.
 * When the server cannot be reached, the next use fails with its reason;
 * false when the connection is there but its session could not be set
 * up, which is tried again the next time. */
static bool
revive(struct pg_engine *e)
{
    PGTransactionStatusType t = PQtransactionStatus(e->conn);
    if (t != PQTRANS_IDLE && t != PQTRANS_UNKNOWN)
        return true; /* in a transaction: its loss is its failure */
    /* the first read takes the server's farewell, the second its end */
    for (int i = 0; i < 2 && PQstatus(e->conn) == CONNECTION_OK; i++)
        (void)PQconsumeInput(e->conn);
    if (PQstatus(e->conn) == CONNECTION_BAD) {
        PQreset(e->conn);
        if (PQstatus(e->conn) != CONNECTION_OK)
            return true;
        e->session++;
        forget_actor(e);
        e->unset = true;
    }
    if (e->unset && session_setup(e))
        e->unset = false;
    return !e->unset;
}

static enum db_step
pg_transaction(struct db_engine *de, enum db_transaction t)
{
    struct pg_engine *e = engine(de);
    /* what was sent is answered first: a failure there is a commit's,
     * and nothing to a rollback */
    enum db_step sent = drain(e);
    if (sent != DB_DONE && t != DB_ROLLBACK && t != DB_ROLLBACK_SAVEPOINT) {
        forget_actor(e);
        return sent;
    }
    if (e->begin_due && (t == DB_COMMIT || t == DB_ROLLBACK)) {
        e->begin_due = false; /* a read that read nothing: nothing sent */
        return DB_DONE;
    }
    if ((t == DB_BEGIN_WRITE || t == DB_BEGIN_READ) && !revive(e))
        return DB_FAILED;
    if (t == DB_BEGIN_READ) {
        e->begin_due = true;
        return DB_DONE;
    }
    static const char *const sql[] = {
        [DB_BEGIN_WRITE] = "BEGIN; " PG_WRITE_LOCK,
        [DB_BEGIN_READ] = PG_BEGIN_READ,
        [DB_COMMIT] = "COMMIT",
        [DB_ROLLBACK] = "ROLLBACK",
        [DB_SAVEPOINT] = "SAVEPOINT gt_nested",
        [DB_RELEASE] = "RELEASE SAVEPOINT gt_nested",
        [DB_ROLLBACK_SAVEPOINT] =
            "ROLLBACK TO SAVEPOINT gt_nested; RELEASE SAVEPOINT gt_nested",
    };
    enum db_step due = settle(e);
    if (due != DB_DONE)
        return due;
    if (t == DB_COMMIT) {
        /* a transaction an error ended answers COMMIT with ROLLBACK */
        PGresult *res = PQexec(e->conn, "COMMIT");
        enum db_step s = answered(e, res);
        if (s == DB_DONE && strcmp(PQcmdStatus(res), "COMMIT") != 0) {
            snprintf(e->error, sizeof e->error,
                     "the change was undone after an earlier error");
            e->busy = false;
            s = DB_FAILED;
        }
        if (s != DB_DONE)
            forget_actor(e);
        PQclear(res);
        return s;
    }
    if (t == DB_ROLLBACK || t == DB_ROLLBACK_SAVEPOINT)
        forget_actor(e);
    if (t == DB_BEGIN_WRITE)
        e->sent = 0;
    enum db_step s = pg_exec(de, sql[t]);
    if (s == DB_DONE && t == DB_BEGIN_WRITE)
        s = keep_actor(e);
    if (s != DB_DONE && (t == DB_BEGIN_WRITE || t == DB_BEGIN_READ) &&
        PQtransactionStatus(e->conn) != PQTRANS_IDLE) {
        /* a begin that failed half way (the lock not had) leaves nothing
         * open, as SQLite's does; the failure's message is kept */
        PGresult *res = PQexec(e->conn, "ROLLBACK");
        PQclear(res);
        forget_actor(e);
    }
    return s;
}

static void
ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

static void
pg_describe(const struct db_engine *de, char *out, size_t len)
{
    PGconn *c = ((const struct pg_engine *)de)->conn;
    snprintf(out, len, "PostgreSQL database %s on %s port %s", PQdb(c),
             PQhost(c), PQport(c));
}

static void
pg_close(struct db_engine *de)
{
    (void)drain(engine(de));
    free(engine(de)->pending);
    forget_actor(engine(de));
    PQfinish(engine(de)->conn);
    free(de);
}

/* libpq's message for an address it cannot read quotes the whole
 * address, password and all: check it first and give the reason alone. */
static bool
address_readable(const char *where, struct gt_ctx *ctx)
{
    char *why = NULL;
    PQconninfoOption *options = PQconninfoParse(where, &why);
    if (options) {
        PQconninfoFree(options);
        return true;
    }
    const char *msg = why ? why : "out of memory";
    const char *quoted = strstr(msg, where);
    int len = (int)strcspn(msg, "\n");
    if (quoted && quoted - msg < len) {
        len = (int)(quoted - msg);
        while (len > 0 && strchr(" :\"", msg[len - 1]))
            len--;
    }
    gt_err(ctx, GT_INVALID, "cannot read the PostgreSQL address: %.*s", len,
           msg);
    PQfreemem(why);
    return false;
}

static struct db_engine *
pg_open(const char *where, struct gt_db *db, struct gt_ctx *ctx)
{
    struct pg_engine *e = xcalloc(1, sizeof *e);
    e->base.driver = &db_pg_driver;
    e->db = db;
    if (!address_readable(where, ctx)) {
        free(e);
        return NULL;
    }
    e->conn = PQconnectdb(where);
    if (!e->conn || PQstatus(e->conn) != CONNECTION_OK) {
        /* libpq's message is several lines naming the server: keep the
         * reason from its first, and name the server without the address
         * (which may hold a password) */
        const char *msg = e->conn ? PQerrorMessage(e->conn) : "out of memory";
        const char *reason = strstr(msg, "failed: ");
        reason = reason ? reason + 8 : msg;
        if (strncmp(reason, "FATAL:  ", 8) == 0)
            reason += 8;
        int len = (int)strcspn(reason, "\n");
        gt_err(ctx, GT_IO,
               "cannot connect to PostgreSQL (host %s, port %s, database "
               "%s): %.*s",
               e->conn && PQhost(e->conn) ? PQhost(e->conn) : "?",
               e->conn && PQport(e->conn) ? PQport(e->conn) : "?",
               e->conn && PQdb(e->conn) ? PQdb(e->conn) : "?", len, reason);
        pg_close(&e->base);
        return NULL;
    }
    /* the server's notices ("does not exist, skipping") are not errors,
     * and a library never prints */
    PQsetNoticeProcessor(e->conn, ignore_notice, NULL);
    if (!session_setup(e)) {
        gt_err(ctx, GT_IO, "PostgreSQL: %s", e->error);
        pg_close(&e->base);
        return NULL;
    }
    return &e->base;
}

/* The SQL with each "$name" written as PostgreSQL's "$N", numbered by
 * first appearance, skipping quoted text and comments. */
static char *
number_parameters(const char *sql, struct pg_statement *st)
{
    struct buf out;
    bool ok = true;
    buf_init(&out, 1u << 20);
    for (const char *p = sql; ok && *p;) {
        if (*p == '\'' || *p == '"') {
            const char *end = strchr(p + 1, *p);
            size_t n = end ? (size_t)(end - p) + 1 : strlen(p);
            ok = buf_add(&out, p, n);
            p += n;
        } else if (p[0] == '-' && p[1] == '-') {
            size_t n = strcspn(p, "\n");
            ok = buf_add(&out, p, n);
            p += n;
        } else if (*p == '$' && (p[1] == '_' || (p[1] >= '0' && p[1] <= '9') ||
                                 (p[1] >= 'a' && p[1] <= 'z') ||
                                 (p[1] >= 'A' && p[1] <= 'Z'))) {
            size_t n = 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
                                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_");
            int at = 0;
            while (at < st->n_params && !(strlen(st->names[at]) == n &&
                                          strncmp(st->names[at], p, n) == 0))
                at++;
            if (at == st->n_params) {
                st->names =
                    xrealloc(st->names, (size_t)(at + 1) * sizeof *st->names);
                st->names[at] = xstrndup(p, n);
                st->n_params++;
            }
            char number[16];
            snprintf(number, sizeof number, "$%d", at + 1);
            ok = buf_adds(&out, number);
            p += n;
        } else {
            ok = buf_addc(&out, *p++);
        }
    }
    char *numbered = ok && buf_addc(&out, '\0') ? buf_take(&out) : NULL;
    buf_finish(&out);
    return numbered;
}

static void pg_statement_free(struct db_statement *st);

/* The table an INSERT writes, into out; false for any other statement
 * and for one that says RETURNING itself. */
static bool
inserts_into(const char *sql, char *out, size_t len)
{
    while (*sql == ' ' || *sql == '\n')
        sql++;
    if (strncmp(sql, "INSERT INTO ", 12) != 0 || strstr(sql, "RETURNING"))
        return false;
    sql += 12;
    size_t n = strspn(sql, "abcdefghijklmnopqrstuvwxyz_0123456789");
    if (!n || n >= len)
        return false;
    memcpy(out, sql, n);
    out[n] = '\0';
    return true;
}

/* SQLite gives the last row's id whatever the INSERT; PostgreSQL only an
 * INSERT ... RETURNING. An insert into a table with an id column has it
 * added, so the store's inserts stay one text for both engines. */
static bool
has_id_column(struct pg_engine *e, const char *table)
{
    const char *values[1] = {table};
    PGresult *res = PQexecParams(
        e->conn,
        "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND "
        "attname = 'id' AND NOT attisdropped",
        1, NULL, values, NULL, NULL, 0);
    bool has = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    return has;
}

/* Prepare st on the connection as it now is. */
static bool
prepare_on_server(struct pg_statement *st)
{
    struct pg_engine *e = st->e;
    PGresult *res = PQprepare(e->conn, st->name, st->sql, st->n_params, NULL);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (ok)
        st->session = e->session;
    else
        failed(e, res);
    PQclear(res);
    return ok;
}

static struct db_statement *
pg_prepare(struct db_engine *de, const char *sql)
{
    struct pg_engine *e = engine(de);
    if (drain(e) != DB_DONE)
        return NULL;
    struct pg_statement *st = xcalloc(1, sizeof *st);
    st->base.driver = &db_pg_driver;
    st->e = e;
    snprintf(st->name, sizeof st->name, "gt_%lu", ++e->prepared);
    char table[64];
    char *numbered = number_parameters(sql, st);
    if (numbered && inserts_into(sql, table, sizeof table) &&
        has_id_column(e, table)) {
        char *returning = xasprintf("%s RETURNING id", numbered);
        free(numbered);
        numbered = returning;
        st->returns_id = true;
    }
    if (!numbered) {
        snprintf(e->error, sizeof e->error, "a statement is too long");
        pg_statement_free(&st->base);
        return NULL;
    }
    size_t n = (size_t)(st->n_params ? st->n_params : 1);
    st->values = xcalloc(n, sizeof *st->values);
    st->lengths = xcalloc(n, sizeof *st->lengths);
    st->formats = xcalloc(n, sizeof *st->formats);
    st->owned = xcalloc(n, sizeof *st->owned);
    st->sql = numbered;
    if (!revive(e) || !prepare_on_server(st)) {
        pg_statement_free(&st->base);
        return NULL;
    }
    return &st->base;
}

static void
forget_bytes(struct pg_statement *st)
{
    if (st->bytes)
        PQfreemem(st->bytes);
    st->bytes = NULL;
}

static void
pg_reset(struct db_statement *dst)
{
    struct pg_statement *st = statement(dst);
    PQclear(st->res);
    st->res = NULL;
    st->ran = false;
    st->row = st->rows = 0;
    forget_bytes(st);
    for (int i = 0; i < st->n_params; i++) {
        free(st->owned[i]);
        st->owned[i] = NULL;
        st->values[i] = NULL;
        st->lengths[i] = st->formats[i] = 0;
    }
}

/* The server frees its prepared statements when the connection ends, so
 * none is deallocated one by one. */
static void
pg_statement_free(struct db_statement *dst)
{
    struct pg_statement *st = statement(dst);
    pg_reset(dst);
    for (int i = 0; i < st->n_params; i++)
        free(st->names[i]);
    free(st->names);
    free(st->sql);
    free(st->values);
    free(st->lengths);
    free(st->formats);
    free(st->owned);
    free(st);
}

static const char *
pg_error(struct db_engine *e)
{
    return engine(e)->error;
}

static bool
pg_was_busy(struct db_engine *e)
{
    return engine(e)->busy;
}

/* lock_timeout 0 would wait for ever: "not at all" is the shortest wait */
static void
pg_wait(struct db_engine *e, int ms)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SET lock_timeout = %d", ms > 0 ? ms : 1);
    pg_exec(e, sql);
}

static bool
pg_in_transaction(struct db_engine *e)
{
    return engine(e)->begin_due ||
           PQtransactionStatus(engine(e)->conn) != PQTRANS_IDLE;
}

static long
pg_changes(struct db_engine *e)
{
    return engine(e)->changes;
}

static int64_t
pg_last_id(struct db_engine *e)
{
    return engine(e)->last_id;
}

static void
pg_count_statements(struct db_engine *e, long *counter)
{
    engine(e)->counter = counter;
}

/* One answer of one value, or NULL (with the error kept) when the query
 * fails or has none; the caller clears the result. */
static PGresult *
one_value(struct pg_engine *e, const char *sql)
{
    PGresult *res = PQexec(e->conn, sql);
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
        PQnfields(res) == 1)
        return res;
    failed(e, res);
    PQclear(res);
    return NULL;
}

/* 0 for a database no migration has touched. */
static int
pg_schema_version(struct db_engine *de)
{
    struct pg_engine *e = engine(de);
    if (drain(e) != DB_DONE)
        return -1;
    PGresult *res =
        one_value(e, "SELECT to_regclass('gt_schema_version') IS NOT NULL");
    if (!res)
        return -1;
    bool kept = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (!kept)
        return 0;
    res = one_value(e, "SELECT max(version) FROM gt_schema_version");
    if (!res)
        return -1;
    int v = PQgetisnull(res, 0, 0)
                ? 0
                : (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return v;
}

/* src/core/sql/pg/ makes a new database at the latest version whole;
 * there is no PostgreSQL database of an earlier version to upgrade. */
static bool
pg_migrations(int from, const struct gt_embedded **list, size_t *n)
{
    *list = gt_pg_migrations;
    *n = from == 0 ? gt_pg_migrations_count : 0;
    return from == 0 || (size_t)from == gt_migrations_count;
}

static enum db_step
pg_migration_begin(struct db_engine *e)
{
    return pg_exec(e, "BEGIN; " PG_WRITE_LOCK);
}

static enum gt_rc
pg_migration_finish(struct db_engine *de, int version, struct gt_ctx *ctx)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS gt_schema_version (version integer "
             "NOT NULL); DELETE FROM gt_schema_version; INSERT INTO "
             "gt_schema_version VALUES (%d)",
             version);
    if (pg_exec(de, sql) != DB_DONE || pg_transaction(de, DB_COMMIT) != DB_DONE)
        return gt_err(ctx, GT_IO, "database: %s", engine(de)->error);
    return GT_OK;
}

static void
pg_migration_abandon(struct db_engine *e)
{
    pg_exec(e, "ROLLBACK");
}

/* The answers to one command sent in a pipeline, to its end: the last
 * result, or the first failure's step; *last (when given and the command
 * worked) keeps the result. False when the connection gave no answer. */
static enum db_step
pipeline_answer(struct pg_engine *e, PGresult **last)
{
    enum db_step s = DB_FAILED;
    bool any = false;
    PGresult *res;
    while ((res = PQgetResult(e->conn)) != NULL) {
        if (!any) {
            any = true;
            s = PQresultStatus(res) == PGRES_PIPELINE_ABORTED
                    ? DB_FAILED
                    : answered(e, res);
        }
        if (last && s == DB_DONE && !*last)
            *last = res;
        else
            PQclear(res);
    }
    if (!any)
        snprintf(e->error, sizeof e->error,
                 "the connection to PostgreSQL was lost");
    return s;
}

/* One go at sending a read transaction's BEGIN, who acts (when it has
 * changed) and st's first run as one pipeline, and reading their
 * answers: one round trip where there were two or three. */
static enum db_step
begin_and_run_once(struct pg_engine *e, struct pg_statement *st)
{
    bool actor = !actor_sent(e);
    const char *values[2] = {e->db ? db_actor(e->db) : NULL,
                             e->db ? db_clock(e->db) : NULL};
    if (PQenterPipelineMode(e->conn) != 1) {
        snprintf(e->error, sizeof e->error,
                 "the connection to PostgreSQL was lost");
        return DB_FAILED;
    }
    if (e->counter)
        (*e->counter)++;
    bool queued =
        PQsendQueryParams(e->conn, PG_BEGIN_READ, 0, NULL, NULL, NULL, NULL,
                          0) == 1 &&
        (!actor || PQsendQueryParams(e->conn, PG_SET_ACTOR, 2, NULL, values,
                                     NULL, NULL, 0) == 1) &&
        PQsendQueryPrepared(e->conn, st->name, st->n_params, st->values,
                            st->lengths, st->formats, 0) == 1 &&
        PQpipelineSync(e->conn) == 1;
    enum db_step s = DB_FAILED;
    if (queued) {
        enum db_step began = pipeline_answer(e, NULL);
        enum db_step who = actor ? pipeline_answer(e, NULL) : DB_DONE;
        s = pipeline_answer(e, &st->res);
        if (actor)
            actor_was_sent(e, who == DB_DONE);
        if (began != DB_DONE)
            s = began;
        else if (who != DB_DONE)
            s = who;
        PGresult *sync = PQgetResult(e->conn);
        if (!sync || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) {
            snprintf(e->error, sizeof e->error,
                     "the connection to PostgreSQL was lost");
            s = DB_FAILED;
        }
        PQclear(sync);
    } else {
        snprintf(e->error, sizeof e->error,
                 "the connection to PostgreSQL was lost");
    }
    (void)PQexitPipelineMode(e->conn);
    if (s != DB_DONE) {
        PQclear(st->res);
        st->res = NULL;
    }
    return s;
}

/* A read transaction's first statement, with its BEGIN. A connection
 * found lost then had read nothing yet of the transaction, so nothing
 * is lost by beginning it again on a new one, once: a server that ended
 * idle sessions costs the reader nothing. */
static enum db_step
begin_and_run(struct pg_engine *e, struct pg_statement *st)
{
    e->begin_due = false;
    enum db_step s = begin_and_run_once(e, st);
    if (s == DB_DONE || PQstatus(e->conn) != CONNECTION_BAD)
        return s;
    if (!revive(e) || PQstatus(e->conn) != CONNECTION_OK ||
        !prepare_on_server(st))
        return DB_FAILED;
    return begin_and_run_once(e, st);
}

static enum db_step
pg_step(struct db_statement *dst)
{
    struct pg_statement *st = statement(dst);
    forget_bytes(st);
    if (!st->ran) {
        struct pg_engine *e = st->e;
        st->ran = true;
        enum db_step sent = drain(e);
        if (sent != DB_DONE)
            return sent;
        if (!revive(e))
            return DB_FAILED;
        /* prepared on a session since ended: again on this one */
        if (st->session != e->session && !prepare_on_server(st))
            return e->busy ? DB_BUSY : DB_FAILED;
        enum db_step s;
        if (e->begin_due) {
            s = begin_and_run(e, st);
        } else {
            s = keep_actor(e);
            if (s != DB_DONE)
                return s;
            if (e->counter)
                (*e->counter)++;
            st->res = PQexecPrepared(e->conn, st->name, st->n_params,
                                     st->values, st->lengths, st->formats, 0);
            s = answered(e, st->res);
        }
        if (s != DB_DONE)
            return s;
        st->rows =
            PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
        st->row = -1;
        if (st->returns_id)
            st->rows = 0; /* answered() kept the id */
    }
    if (st->row + 1 < st->rows) {
        st->row++;
        return DB_ROW;
    }
    st->row = st->rows;
    return DB_DONE;
}

/* A command just put in the pipeline (sent is libpq's answer to sending
 * it), whose answers drain reads, with the message a broken unique key
 * gets there. */
static bool
send_now(struct pg_engine *e, int sent, const char *conflict)
{
    if (sent != 1) {
        snprintf(e->error, sizeof e->error,
                 "the connection to PostgreSQL was lost");
        return false;
    }
    if (e->n_pending == e->pending_slots) {
        e->pending_slots = e->pending_slots ? 2 * e->pending_slots : 64;
        e->pending =
            xrealloc(e->pending, e->pending_slots * sizeof *e->pending);
    }
    e->pending[e->n_pending++] = conflict ? xstrdup(conflict) : NULL;
    return true;
}

/* A write sent in the connection's pipeline, its answer read with the
 * rest of the batch (drain). Inside a write transaction only, so the
 * connection is not made again under it. */
static enum db_step
pg_send(struct db_statement *dst, const char *conflict)
{
    struct pg_statement *st = statement(dst);
    struct pg_engine *e = st->e;
    forget_bytes(st);
    st->ran = true;
    st->row = st->rows = 0;
    /* what the write needs first runs outside the pipeline */
    if (!e->piping || st->session != e->session || !actor_sent(e)) {
        enum db_step s = drain(e);
        if (s == DB_DONE)
            s = settle(e);
        if (s == DB_DONE && st->session != e->session && !prepare_on_server(st))
            s = e->busy ? DB_BUSY : DB_FAILED;
        if (s == DB_DONE)
            s = keep_actor(e);
        if (s != DB_DONE)
            return s;
        if (PQenterPipelineMode(e->conn) != 1) {
            snprintf(e->error, sizeof e->error,
                     "the connection to PostgreSQL was lost");
            return DB_FAILED;
        }
        e->piping = true;
    }
    /* The server keeps a plan made while a table was small, a foreign
     * key's check among them, and a small table is scanned whole: as the
     * transaction grows it a thousandfold, each check scans it again
     * (8,000 rows into a freshly analysed database took 13.5 s, 2.5 s
     * into one never analysed). Plans are made again each time the rows
     * sent double from 128, from the size the tables have then. */
    e->sent++;
    if (e->sent >= 128 && (e->sent & (e->sent - 1)) == 0 &&
        !send_now(e,
                  PQsendQueryParams(e->conn, "DISCARD PLANS", 0, NULL, NULL,
                                    NULL, NULL, 0),
                  NULL))
        return DB_FAILED;
    if (e->counter)
        (*e->counter)++;
    if (!send_now(e,
                  PQsendQueryPrepared(e->conn, st->name, st->n_params,
                                      st->values, st->lengths, st->formats, 0),
                  conflict))
        return DB_FAILED;
    return e->n_pending >= PG_SEND_BATCH ? drain(e) : DB_DONE;
}

static void
pg_bind(struct db_statement *dst, const char *name, const struct db_value *v)
{
    struct pg_statement *st = statement(dst);
    int i = 0;
    while (i < st->n_params && strcmp(st->names[i], name) != 0)
        i++;
    if (i == st->n_params)
        return; /* as SQLite does with a name the SQL lacks */
    free(st->owned[i]);
    st->owned[i] = NULL;
    st->lengths[i] = st->formats[i] = 0;
    switch (v->type) {
    case DB_VALUE_NULL:
        st->values[i] = NULL;
        break;
    case DB_VALUE_INT:
        st->owned[i] = xasprintf("%lld", (long long)v->i);
        st->values[i] = st->owned[i];
        break;
    case DB_VALUE_DOUBLE:
        st->owned[i] = xasprintf("%.17g", v->d);
        st->values[i] = st->owned[i];
        break;
    case DB_VALUE_TEXT:
        st->values[i] = v->p;
        break;
    case DB_VALUE_TEXT_COPY:
        st->owned[i] = xstrdup(v->p);
        st->values[i] = st->owned[i];
        break;
    case DB_VALUE_BYTES:
        st->values[i] = v->len ? v->p : "";
        st->lengths[i] = (int)v->len;
        st->formats[i] = 1;
        break;
    }
}

static bool
pg_col_null(struct db_statement *dst, int col)
{
    struct pg_statement *st = statement(dst);
    return st->row < 0 || st->row >= st->rows ||
           PQgetisnull(st->res, st->row, col);
}

static const char *
pg_col_str(struct db_statement *dst, int col)
{
    struct pg_statement *st = statement(dst);
    return pg_col_null(dst, col) ? NULL : PQgetvalue(st->res, st->row, col);
}

/* Booleans come back as "t" and "f"; SQLite's are 1 and 0. */
static int64_t
pg_col_int(struct db_statement *dst, int col)
{
    const char *v = pg_col_str(dst, col);
    if (!v)
        return 0;
    if (v[0] == 't' && !v[1])
        return 1;
    return strtoll(v, NULL, 10);
}

static double
pg_col_double(struct db_statement *dst, int col)
{
    const char *v = pg_col_str(dst, col);
    return v ? strtod(v, NULL) : 0;
}

static const void *
pg_col_bytes(struct db_statement *dst, int col, size_t *len)
{
    struct pg_statement *st = statement(dst);
    const char *v = pg_col_str(dst, col);
    forget_bytes(st);
    *len = 0;
    if (!v)
        return NULL;
    st->bytes = PQunescapeBytea((const unsigned char *)v, len);
    return st->bytes;
}

const struct db_driver db_pg_driver = {
    .name = "PostgreSQL",
    /* disabling a trigger locks its table against every reader */
    .bulk_sets_triggers_aside = false,
    .open = pg_open,
    .close = pg_close,
    .describe = pg_describe,
    .prepare = pg_prepare,
    .statement_free = pg_statement_free,
    .exec = pg_exec,
    .transaction = pg_transaction,
    .error = pg_error,
    .was_busy = pg_was_busy,
    .wait = pg_wait,
    .in_transaction = pg_in_transaction,
    .changes = pg_changes,
    .last_id = pg_last_id,
    .count_statements = pg_count_statements,
    .schema_version = pg_schema_version,
    .migrations = pg_migrations,
    .migration_begin = pg_migration_begin,
    .migration_finish = pg_migration_finish,
    .migration_abandon = pg_migration_abandon,
    .step = pg_step,
    .send = pg_send,
    .reset = pg_reset,
    .bind = pg_bind,
    .col_null = pg_col_null,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_str = pg_col_str,
    .col_bytes = pg_col_bytes,
};
