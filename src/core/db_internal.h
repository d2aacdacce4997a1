/*
 * db_internal: what the store's own files (db*.c) share: the connection,
 * the statement cache and typed bind and column helpers. Nothing outside
 * src/core/db*.c includes this.
 *
 * SQL text is always a literal: db_stmt(db, sql) pastes "" before it, so a
 * variable does not compile. Parameters are written $1, $2 ... and bound by
 * name, since SQLite numbers $N by first appearance.
 */
#ifndef GT_DB_INTERNAL_H
#define GT_DB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/date.h"
#include "core/db_engine.h"

#define DB_CACHE_SLOTS 512
/* How long a connection waits for another's write lock before it gives
 * up: long enough for any write, which holds the lock only while it
 * writes (imports parse and check first). */
#define DB_BUSY_MS 5000
/* Insert triggers a bulk write sets aside (db.c). */
#define GT_DB_BULK_TRIGGERS 4

struct gt_db {
    struct db_engine *engine;
    char *actor;      /* who writes are recorded against; owned */
    char *clock;      /* fixed "now", or NULL for the real clock; owned */
    char *key_path;   /* the child ID key's file, or NULL; owned */
    char key_mem[65]; /* the key of a database with no file, or "" */
    int depth;        /* open transactions: 0, 1, or more nested */
    bool busy;        /* a step failed because another writer held on */
    bool bulk_write;  /* gt_db_bulk_write: catch up triggers at commit */
    /* the highest ids before the bulk write, and the insert triggers set
     * aside (owned) */
    int64_t bulk_items_after, bulk_updates_after;
    char *bulk_trigger_sql[GT_DB_BULK_TRIGGERS];
    long statements; /* run since gt_db_count_statements, or -1 */
    /* the process's one writer (gt_db_share_writer), or NULL; held from
     * the outermost BEGIN to its end, or around one autocommit write */
    pthread_mutex_t *writer;
    bool holds_writer;
    bool reading; /* a read transaction (gt_db_read_begin) is open */
    /* people a bulk write has named, by name (open addressing): an import
     * names the same few leads on thousands of rows, and no other writer
     * can change them while it holds the lock */
    struct db_person_memo {
        char *name; /* owned; NULL for an empty slot */
        int64_t id;
    } * people;
    size_t n_people, people_slots;
    /* the tree keys of the items a bulk write has added (owned), the
     * first for id bulk_items_after + 1, and the id the next one takes:
     * the import adds parents before children, so it need not read back
     * what it has just written (0017_tree_key.sql) */
    char **bulk_keys;
    size_t bulk_keys_alloc;
    int64_t bulk_next_item;
    long now_second;   /* the second now_text was made for */
    char now_text[32]; /* gt_now() for that second, cached */
    struct {
        const char *sql; /* the literal's address is the key */
        struct db_statement *st;
    } cache[DB_CACHE_SLOTS];
};

/* A prepared statement for the literal sql, reset and ready to bind; NULL
 * (with a message on ctx) when it will not prepare. Borrowed: release with
 * db_done, never finalize. */
#define db_stmt(db, sql, ctx) db_stmt_((db), "" sql, (ctx))
/* Where the dialects really differ, the two texts side by side: SQLite's
 * and PostgreSQL's, the engine's chosen. */
#define db_stmt_dialect(db, sqlite_sql, postgresql_sql, ctx)                   \
    db_stmt_((db),                                                             \
             db_engine_is_sqlite((db)->engine) ? "" sqlite_sql                 \
                                               : "" postgresql_sql,            \
             (ctx))
struct db_statement *db_stmt_(struct gt_db *db, const char *sql,
                              struct gt_ctx *ctx);
/* Step a write that may be skipped when another connection holds the
 * write lock (a session's last-seen mark): GT_OK whether it was written
 * or skipped, without waiting. Releases st. */
enum gt_rc db_write_if_free(struct gt_db *db, struct db_statement *st,
                            struct gt_ctx *ctx) GT_MUST;
/* A write transaction's insert whose answer is not needed now (db_send:
 * PostgreSQL pipelines it): GT_OK may mean sent, its failure then the
 * next call's or the commit's, as conflict (or a generic failure) there.
 * Outside a write transaction, db_write. Releases st. */
enum gt_rc db_write_later(struct gt_db *db, struct db_statement *st,
                          const char *conflict, struct gt_ctx *ctx) GT_MUST;
/* Reset st and clear its bindings so the cache can hand it out again. */
void db_done(struct db_statement *st);

/* Binding besides db_engine.h's. */
/* A date as ISO text, SQL NULL for GT_NO_DATE. */
void db_bind_date(struct db_statement *st, const char *name, int32_t v);
/* A date as ISO text, '9999-12-31' for GT_NO_DATE (an as-of bound). */
void db_bind_as_of(struct db_statement *st, const char *name, int32_t v);
/* An id, SQL NULL for 0. */
void db_bind_id(struct db_statement *st, const char *name, int64_t v);

/* Column as a new string (NULL for SQL NULL); caller frees. */
char *db_col_text(struct db_statement *st, int col);
/* Column ISO date as a day number; GT_NO_DATE for NULL or bad text. */
int32_t db_col_date(struct db_statement *st, int col);

/* Step a statement that writes and returns no rows, and release st. A
 * broken uniqueness rule gives GT_CONFLICT with the message conflict (which
 * says which rule, in the user's terms; NULL when the caller words it, so
 * that a message is made only when needed); any other failure is GT_IO with
 * the database's message. *id (may be NULL) gets the new row's id. */
enum gt_rc db_write(struct gt_db *db, struct db_statement *st,
                    const char *conflict, int64_t *id, struct gt_ctx *ctx);
/* Step a query that answers yes (a row) or no (none) into *yes, and
 * release st; NULL st (failed to prepare) gives GT_IO. */
enum gt_rc db_step_exists(struct gt_db *db, struct db_statement *st, bool *yes,
                          struct gt_ctx *ctx);
/* Reads the current row of st into out (a struct, or a list to push on). */
typedef void (*db_reader)(struct db_statement *st, void *out);
/* Step st once and read the row into out with read, then release st.
 * GT_NOTFOUND (with no message: the caller names what is missing) when
 * there is no row; GT_IO with the database's message on failure. */
enum gt_rc db_read_one(struct gt_db *db, struct db_statement *st,
                       db_reader read, void *out, struct gt_ctx *ctx);
/* Step st to the end calling read for each row with list, then release
 * st. */
enum gt_rc db_read_rows(struct gt_db *db, struct db_statement *st,
                        db_reader read, void *list, struct gt_ctx *ctx);
/* The id of the plan code into *id; GT_NOTFOUND with a message naming
 * it when there is none. */
enum gt_rc db_plan_id(struct gt_db *db, const char *code, int64_t *id,
                      struct gt_ctx *ctx);
/* gt_db_child_key; when replacing (every stored child is about to be
 * replaced), a missing key file gives a new key, with a warning. */
enum gt_rc db_child_key(struct gt_db *db, bool replacing, char **key_hex,
                        struct gt_ctx *ctx) GT_MUST;
/* Record a database error on ctx, returning GT_IO. */
enum gt_rc db_fail(struct gt_db *db, struct gt_ctx *ctx);
/* Run sql (statements that return no rows); GT_IO with the database's
 * message when it fails. */
enum gt_rc db_exec(struct gt_db *db, const char *sql, struct gt_ctx *ctx);
/* Who the audit log records ("system" when nobody is named), and the
 * recorded time as UTC ISO 8601 (the test clock when set): what the
 * engine's audit functions answer. */
const char *db_actor(const struct gt_db *db);
const char *db_now_iso(struct gt_db *db);
/* The fixed "now" of gt_db_set_clock, or NULL for the real clock. */
const char *db_clock(const struct gt_db *db);

/* The status of item i as of $asof, as s: the stored current status
 * (item_status) when it describes $asof or earlier, as on every page of
 * today, and otherwise the latest update describing $asof or earlier,
 * from the history. */
#define ITEM_STATUS_JOIN                                                       \
    "LEFT JOIN item_status cur ON cur.item_id = i.id "                         \
    "LEFT JOIN status_update s ON s.id = CASE "                                \
    "WHEN cur.as_of <= $asof THEN cur.status_id "                              \
    "WHEN cur.item_id IS NOT NULL THEN (SELECT s2.id FROM status_update s2 "   \
    "WHERE s2.item_id = i.id AND s2.as_of <= $asof "                           \
    "ORDER BY s2.as_of DESC, s2.id DESC LIMIT 1) END "

/* The status word of item i as of the day bound to DAY (a parameter's
 * name), for a query that joins item_status as cur: the stored current
 * status when it describes that day or earlier, else the history's
 * latest update by then (ITEM_STATUS_JOIN's rule, without reading the
 * update when the stored status answers). NULL when never rated. */
#define BRAG_ON(day)                                                           \
    "CASE WHEN cur.as_of <= " day " THEN cur.brag WHEN cur.item_id IS NOT "    \
    "NULL THEN (SELECT s2.brag FROM status_update s2 WHERE s2.item_id = i.id " \
    "AND s2.as_of <= " day " ORDER BY s2.as_of DESC, s2.id DESC LIMIT 1) END"
/* ... on the day $asof, and on the last report's day $since */
#define BRAG_AS_OF BRAG_ON("$asof")
#define BRAG_AS_OF_SINCE BRAG_ON("$since")

/* The counted work among items i: nothing beneath it, never a priority
 * or theme (gt_items_rollup's rule). */
#define COUNTED_WORK                                                           \
    "i.kind NOT IN ('priority', 'theme') AND NOT EXISTS (SELECT 1 FROM item "  \
    "c WHERE c.parent_id = i.id) "
/* Item i's deadline is before $asof and is neither ongoing nor recurring
 * (gt_deadline_overdue's rule, but for the status). */
#define PAST_DEADLINE                                                          \
    "i.deadline_due IS NOT NULL AND i.deadline_ongoing = 0 AND "               \
    "i.deadline_every = 0 AND i.deadline_due < $asof "

/* Every item query selects the same columns, the status as of $asof, and
 * the plan's code, so one reader fills struct gt_item. */
#define ITEM_COLUMNS                                                           \
    "i.id, i.plan_id, COALESCE(i.parent_id, 0), i.kind, p.code, "              \
    "i.ref, i.title, i.description, l.name, o.name, i.deadline_text, "         \
    "i.monitoring, i.source, i.position, s.brag, s.as_of, s.commentary "
/* What ITEM_COLUMNS reads besides item i. */
#define ITEM_JOINS                                                             \
    "JOIN plan p ON p.id = i.plan_id "                                         \
    "LEFT JOIN person l ON l.id = i.lead_id "                                  \
    "LEFT JOIN person o ON o.id = i.owner_id " ITEM_STATUS_JOIN
#define ITEM_SELECT "SELECT " ITEM_COLUMNS "FROM item i " ITEM_JOINS

/* Fill *it (initialised here) from a row of ITEM_SELECT. */
struct gt_item;
struct gt_items;
void db_read_item(struct db_statement *st, struct gt_item *it);
/* Step st to the end appending each ITEM_SELECT row to out, then release
 * st with db_done. */
enum gt_rc db_read_items(struct gt_db *db, struct db_statement *st,
                         struct gt_items *out, struct gt_ctx *ctx);

#endif
