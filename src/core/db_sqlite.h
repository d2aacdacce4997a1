/*
 * db_sqlite: what only the SQLite engine offers, for the store's files
 * that use SQLite itself (the online backup) and the tests that look
 * inside a connection. Everything else goes through db_engine.h.
 */
#ifndef GT_DB_SQLITE_H
#define GT_DB_SQLITE_H

#include <sqlite3.h>

#include "core/db_engine.h"

/* The connection's SQLite handle, borrowed. */
sqlite3 *db_sqlite_handle(struct db_engine *e);

#endif
