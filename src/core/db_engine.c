/*
 * db_engine: each call of the seam handed to the engine its connection or
 * statement belongs to (db_driver.h), and the engine chosen by where the
 * data lives.
 */
#include "core/db_engine.h"

#include <string.h>

#include "core/db_driver.h"

bool
db_engine_is_postgresql(const char *where)
{
    return strncmp(where, "postgresql://", 13) == 0 ||
           strncmp(where, "postgres://", 11) == 0;
}

struct db_engine *
db_engine_open(const char *where, struct gt_db *db, struct gt_ctx *ctx)
{
    const struct db_driver *d =
        db_engine_is_postgresql(where) ? &db_pg_driver : &db_sqlite_driver;
    return d->open(where, db, ctx);
}

void
db_engine_close(struct db_engine *e)
{
    if (e)
        e->driver->close(e);
}

const char *
db_engine_name(const struct db_engine *e)
{
    return e->driver->name;
}

void
db_engine_describe(const struct db_engine *e, char *out, size_t len)
{
    e->driver->describe(e, out, len);
}

bool
db_engine_is_sqlite(const struct db_engine *e)
{
    return e->driver == &db_sqlite_driver;
}

bool
db_engine_sends_later(const struct db_engine *e)
{
    return e->driver->send != NULL;
}

bool
db_engine_bulk_sets_triggers_aside(const struct db_engine *e)
{
    return e->driver->bulk_sets_triggers_aside;
}

struct db_statement *
db_engine_prepare(struct db_engine *e, const char *sql)
{
    return e->driver->prepare(e, sql);
}

void
db_statement_free(struct db_statement *st)
{
    if (st)
        st->driver->statement_free(st);
}

enum db_step
db_engine_exec(struct db_engine *e, const char *sql)
{
    return e->driver->exec(e, sql);
}

enum db_step
db_engine_transaction(struct db_engine *e, enum db_transaction t)
{
    return e->driver->transaction(e, t);
}

const char *
db_engine_error(struct db_engine *e)
{
    return e->driver->error(e);
}

bool
db_engine_was_busy(struct db_engine *e)
{
    return e->driver->was_busy(e);
}

void
db_engine_wait(struct db_engine *e, int ms)
{
    e->driver->wait(e, ms);
}

bool
db_engine_in_transaction(struct db_engine *e)
{
    return e->driver->in_transaction(e);
}

long
db_engine_changes(struct db_engine *e)
{
    return e->driver->changes(e);
}

int64_t
db_engine_last_id(struct db_engine *e)
{
    return e->driver->last_id(e);
}

void
db_engine_count_statements(struct db_engine *e, long *counter)
{
    e->driver->count_statements(e, counter);
}

int
db_engine_schema_version(struct db_engine *e)
{
    return e->driver->schema_version(e);
}

bool
db_engine_migrations(const struct db_engine *e, int from,
                     const struct gt_embedded **list, size_t *n)
{
    return e->driver->migrations(from, list, n);
}

enum db_step
db_engine_migration_begin(struct db_engine *e)
{
    return e->driver->migration_begin(e);
}

enum gt_rc
db_engine_migration_finish(struct db_engine *e, int version, struct gt_ctx *ctx)
{
    return e->driver->migration_finish(e, version, ctx);
}

void
db_engine_migration_abandon(struct db_engine *e)
{
    e->driver->migration_abandon(e);
}

enum db_step
db_step(struct db_statement *st)
{
    return st->driver->step(st);
}

enum db_step
db_send(struct db_statement *st, const char *conflict)
{
    return st->driver->send ? st->driver->send(st, conflict)
                            : st->driver->step(st);
}

void
db_reset(struct db_statement *st)
{
    if (st)
        st->driver->reset(st);
}

static void
bind(struct db_statement *st, const char *name, struct db_value v)
{
    st->driver->bind(st, name, &v);
}

void
db_bind_text(struct db_statement *st, const char *name, const char *v)
{
    bind(st, name,
         (struct db_value){.type = v ? DB_VALUE_TEXT : DB_VALUE_NULL, .p = v});
}

void
db_bind_text_copy(struct db_statement *st, const char *name, const char *v)
{
    bind(st, name,
         (struct db_value){.type = v ? DB_VALUE_TEXT_COPY : DB_VALUE_NULL,
                           .p = v});
}

void
db_bind_int(struct db_statement *st, const char *name, int64_t v)
{
    bind(st, name, (struct db_value){.type = DB_VALUE_INT, .i = v});
}

void
db_bind_double(struct db_statement *st, const char *name, double v)
{
    bind(st, name, (struct db_value){.type = DB_VALUE_DOUBLE, .d = v});
}

void
db_bind_null(struct db_statement *st, const char *name)
{
    bind(st, name, (struct db_value){.type = DB_VALUE_NULL});
}

void
db_bind_bytes(struct db_statement *st, const char *name, const void *data,
              size_t len)
{
    bind(st, name,
         (struct db_value){.type = DB_VALUE_BYTES, .p = data, .len = len});
}

bool
db_col_null(struct db_statement *st, int col)
{
    return st->driver->col_null(st, col);
}

int64_t
db_col_int(struct db_statement *st, int col)
{
    return st->driver->col_int(st, col);
}

int
db_col_int32(struct db_statement *st, int col)
{
    return (int)st->driver->col_int(st, col);
}

double
db_col_double(struct db_statement *st, int col)
{
    return st->driver->col_double(st, col);
}

const char *
db_col_str(struct db_statement *st, int col)
{
    return st->driver->col_str(st, col);
}

const void *
db_col_bytes(struct db_statement *st, int col, size_t *len)
{
    return st->driver->col_bytes(st, col, len);
}
