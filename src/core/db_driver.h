/*
 * db_driver: what an engine under the store implements (db_engine.h says
 * what each call means). Each engine's connection and statement begin
 * with the base structs below, so db_engine.c can hand a call to the
 * engine it belongs to. Included by db_engine.c and the engines
 * (db_sqlite.c, db_pg.c) only.
 */
#ifndef GT_DB_DRIVER_H
#define GT_DB_DRIVER_H

#include "core/db_engine.h"
#include "core/embedded.h"

/* A value to bind. */
struct db_value {
    enum {
        DB_VALUE_NULL,
        DB_VALUE_INT,
        DB_VALUE_DOUBLE,
        DB_VALUE_TEXT,
        DB_VALUE_TEXT_COPY,
        DB_VALUE_BYTES
    } type;
    int64_t i;
    double d;
    const void *p; /* text or bytes */
    size_t len;    /* bytes */
};

struct db_driver {
    const char *name; /* for messages: "SQLite", "PostgreSQL" */
    /* whether a bulk write sets the insert triggers aside and catches up
     * at commit (db.c): SQLite runs a trigger's program for every row */
    bool bulk_sets_triggers_aside;
    struct db_engine *(*open)(const char *where, struct gt_db *db,
                              struct gt_ctx *ctx);
    void (*close)(struct db_engine *e);
    void (*describe)(const struct db_engine *e, char *out, size_t len);
    struct db_statement *(*prepare)(struct db_engine *e, const char *sql);
    void (*statement_free)(struct db_statement *st);
    enum db_step (*exec)(struct db_engine *e, const char *sql);
    enum db_step (*transaction)(struct db_engine *e, enum db_transaction t);
    const char *(*error)(struct db_engine *e);
    bool (*was_busy)(struct db_engine *e);
    void (*wait)(struct db_engine *e, int ms);
    bool (*in_transaction)(struct db_engine *e);
    long (*changes)(struct db_engine *e);
    int64_t (*last_id)(struct db_engine *e);
    void (*count_statements)(struct db_engine *e, long *counter);
    int (*schema_version)(struct db_engine *e);
    bool (*migrations)(int from, const struct gt_embedded **list, size_t *n);
    enum db_step (*migration_begin)(struct db_engine *e);
    enum gt_rc (*migration_finish)(struct db_engine *e, int version,
                                   struct gt_ctx *ctx);
    void (*migration_abandon)(struct db_engine *e);
    enum db_step (*step)(struct db_statement *st);
    /* db_send; NULL when the engine only steps */
    enum db_step (*send)(struct db_statement *st, const char *conflict);
    void (*reset)(struct db_statement *st);
    void (*bind)(struct db_statement *st, const char *name,
                 const struct db_value *v);
    bool (*col_null)(struct db_statement *st, int col);
    int64_t (*col_int)(struct db_statement *st, int col);
    double (*col_double)(struct db_statement *st, int col);
    const char *(*col_str)(struct db_statement *st, int col);
    const void *(*col_bytes)(struct db_statement *st, int col, size_t *len);
};

struct db_engine {
    const struct db_driver *driver;
};
struct db_statement {
    const struct db_driver *driver;
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
