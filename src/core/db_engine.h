/*
 * db_engine: the seam between the store and the database engine under it.
 * The store's domain files (db_*.c) prepare, bind, step and read through
 * these calls only; an engine implements them (SQLite's is db_sqlite.c),
 * so that another engine can stand beside it without the domain files
 * changing. Parameters are named "$1", "$2" ... in the SQL and bound by
 * name; columns are read by their place in the select list.
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

/* Open (or create) the database at path with the store's settings, its
 * functions bound to db: who acts and what time it is come from it.
 * NULL with a message naming path on ctx when it cannot. */
struct db_engine *db_engine_open(const char *path, struct gt_db *db,
                                 struct gt_ctx *ctx);
void db_engine_close(struct db_engine *e);

/* A statement kept for the connection's life, or NULL (see
 * db_engine_error). */
struct db_statement *db_engine_prepare(struct db_engine *e, const char *sql);
void db_statement_free(struct db_statement *st);
/* Run sql, which may hold several statements and returns no rows. */
enum db_step db_engine_exec(struct db_engine *e, const char *sql);

/* The last failure's message, and whether it was a lock held by another
 * connection. */
const char *db_engine_error(struct db_engine *e);
bool db_engine_was_busy(struct db_engine *e);
/* How long a step waits for another connection's lock, in ms (0: not at
 * all). */
void db_engine_wait(struct db_engine *e, int ms);
/* Whether a transaction is open on the connection. */
bool db_engine_in_transaction(struct db_engine *e);
/* Rows the last write changed, and the id of the last row inserted. */
long db_engine_changes(struct db_engine *e);
int64_t db_engine_last_id(struct db_engine *e);
/* Count each statement run from now on into *counter (triggers' own
 * statements not counted). */
void db_engine_count_statements(struct db_engine *e, long *counter);

/* The schema's version, -1 when it cannot be read. */
int db_engine_schema_version(struct db_engine *e);
/* Migrating: begin the one transaction every migration runs in (with
 * foreign keys unchecked until the end, so tables can be rebuilt); then
 * finish it at version (every foreign key checked first) or abandon it. */
enum db_step db_engine_migration_begin(struct db_engine *e);
enum gt_rc db_engine_migration_finish(struct db_engine *e, int version,
                                      struct gt_ctx *ctx);
void db_engine_migration_abandon(struct db_engine *e);

enum db_step db_step(struct db_statement *st);
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
