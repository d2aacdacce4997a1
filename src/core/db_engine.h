/*
 * db_engine: the seam between the store and the database engine under it.
 * The store's domain files (db_*.c) prepare, bind, step and read through
 * these calls only; an engine implements them (db_driver.h): SQLite's is
 * db_sqlite.c, PostgreSQL's db_pg.c, and where the store's data lives says
 * which (a file path, or a postgresql:// address). Parameters are named
 * "$1", "$item" ... in the SQL and bound by name, each engine numbering
 * them as it needs; columns are read by their place in the select list.
 */
#ifndef GT_DB_ENGINE_H
#define GT_DB_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"

struct gt_db;
/* A connection to the engine, owned by its struct gt_db. */
struct db_engine;
/* A prepared statement of a connection; the store's cache owns it. */
struct db_statement;

/* What a step of a statement gave. */
enum db_step {
    DB_ROW,      /* a row to read */
    DB_DONE,     /* the statement has run to its end */
    DB_BUSY,     /* another connection held the lock past the wait */
    DB_CONFLICT, /* a unique or primary key would be broken */
    DB_FAILED    /* anything else: db_engine_error says what */
};

/* Whether where is a PostgreSQL address rather than a file's path. */
bool db_engine_is_postgresql(const char *where);
/* Open the database where says (a file is made when missing) with the
 * store's settings, who acts and what time it is read from db for the
 * audit trail. NULL with a message naming where on ctx when it cannot;
 * a password in an address is never repeated. */
struct db_engine *db_engine_open(const char *where, struct gt_db *db,
                                 struct gt_ctx *ctx);
void db_engine_close(struct db_engine *e);
/* The database as messages name it (db.h's gt_db_describe). */
void db_engine_describe(const struct db_engine *e, char *out, size_t len);
/* The engine's name, for messages: "SQLite" or "PostgreSQL". */
const char *db_engine_name(const struct db_engine *e);
bool db_engine_is_sqlite(const struct db_engine *e);
/* Whether a bulk write sets the insert triggers aside (db.c). */
bool db_engine_bulk_sets_triggers_aside(const struct db_engine *e);
/* Whether db_send may leave a write's answer for later. */
bool db_engine_sends_later(const struct db_engine *e);

/* A statement kept for the connection's life, or NULL (see
 * db_engine_error). */
struct db_statement *db_engine_prepare(struct db_engine *e, const char *sql);
void db_statement_free(struct db_statement *st);
/* Run sql, which may hold several statements and returns no rows. */
enum db_step db_engine_exec(struct db_engine *e, const char *sql);

/* Transactions on the connection. A write transaction takes the write
 * lock at once, so a writer never fails half way on a lock; a read one
 * sees one state of the data from its first read to its end. Inner ones
 * are savepoints, undone alone. */
enum db_transaction {
    DB_BEGIN_WRITE,
    DB_BEGIN_READ,
    DB_COMMIT,
    DB_ROLLBACK,
    DB_SAVEPOINT,
    DB_RELEASE,
    DB_ROLLBACK_SAVEPOINT
};
enum db_step db_engine_transaction(struct db_engine *e, enum db_transaction t);

/* The last failure's message, and whether it was a lock held by another
 * connection. */
const char *db_engine_error(struct db_engine *e);
bool db_engine_was_busy(struct db_engine *e);
/* How long a step waits for another connection's lock, in ms (0: not at
 * all). */
void db_engine_wait(struct db_engine *e, int ms);
/* Whether a transaction is open on the connection. */
bool db_engine_in_transaction(struct db_engine *e);
/* Rows the last write changed, and the id of the last row inserted (on
 * PostgreSQL, the id an INSERT ... RETURNING gave). */
long db_engine_changes(struct db_engine *e);
int64_t db_engine_last_id(struct db_engine *e);
/* Count each statement run from now on into *counter (triggers' own
 * statements not counted). */
void db_engine_count_statements(struct db_engine *e, long *counter);

/* The schema's version, -1 when it cannot be read. */
int db_engine_schema_version(struct db_engine *e);
/* The migrations that bring a schema at version from to the latest, in
 * order: *n of them from *list, none when it is the latest; false when
 * the engine has no way from there. */
struct gt_embedded;
bool db_engine_migrations(const struct db_engine *e, int from,
                          const struct gt_embedded **list, size_t *n);
/* Migrating: begin the one transaction every migration runs in (with
 * foreign keys unchecked until the end, so tables can be rebuilt); then
 * finish it at version (every foreign key checked first) or abandon it. */
enum db_step db_engine_migration_begin(struct db_engine *e);
enum gt_rc db_engine_migration_finish(struct db_engine *e, int version,
                                      struct gt_ctx *ctx);
void db_engine_migration_abandon(struct db_engine *e);

enum db_step db_step(struct db_statement *st);
/* Run a write whose answer is not wanted now: an engine may send it and
 * read its answer with later ones, at the latest by the next call that
 * needs the server (a read, a statement prepared, a commit), whose
 * failure it then is; conflict (copied) is the message for the row's
 * broken unique key. An engine that cannot steps it there and then. */
enum db_step db_send(struct db_statement *st, const char *conflict);
/* Back to the start with no values bound, ready to be handed out again. */
void db_reset(struct db_statement *st);

/* Bind by parameter name ("$1"); NULL text binds SQL NULL. Text and bytes
 * are not copied: they must stay valid until the statement is released. */
void db_bind_text(struct db_statement *st, const char *name, const char *v);
void db_bind_int(struct db_statement *st, const char *name, int64_t v);
void db_bind_double(struct db_statement *st, const char *name, double v);
void db_bind_null(struct db_statement *st, const char *name);
void db_bind_bytes(struct db_statement *st, const char *name, const void *data,
                   size_t len);
/* Text bound with a copy, for a value that will not outlive the call. */
void db_bind_text_copy(struct db_statement *st, const char *name,
                       const char *v);

/* Columns of the current row by place, from 0. Text is borrowed until
 * the next step or reset; NULL for SQL NULL. */
bool db_col_null(struct db_statement *st, int col);
int64_t db_col_int(struct db_statement *st, int col);
int db_col_int32(struct db_statement *st, int col);
double db_col_double(struct db_statement *st, int col);
const char *db_col_str(struct db_statement *st, int col);
/* Bytes into *len; borrowed like text. */
const void *db_col_bytes(struct db_statement *st, int col, size_t *len);

#endif
