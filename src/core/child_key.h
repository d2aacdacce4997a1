/*
 * child_key: the key of the keyed hash that stands for children's IDs,
 * kept in a file of its own and never in the database.
 *
 * The database holds only keyed hashes of children's IDs; whoever has the
 * database and the key can recover every ID by trying each possible one,
 * so the two are kept and backed up apart. The file holds the key as 64
 * hex digits and a newline, readable by its owner alone (mode 0600, or a
 * systemd credential). This module reads, makes and checks that file; the
 * store (db.c) decides when a key is made.
 */
#ifndef GT_CHILD_KEY_H
#define GT_CHILD_KEY_H

#include "core/ctx.h"
#include "core/hash.h"

/* The name systemd's LoadCredential= gives the key inside
 * $CREDENTIALS_DIRECTORY. */
#define GT_CHILD_KEY_CREDENTIAL "goldthread-child-id-key"

/* Where the key for the database at db_path lives: key_file when given
 * (the service's setting), else the systemd credential when
 * credentials_dir holds one, else db_path with ".key" after it. NULL for
 * a database with no file (":memory:" or ""). The caller frees it. */
char *gt_child_key_path(const char *db_path, const char *key_file,
                        const char *credentials_dir);

/* Read the key at path into key_hex. GT_NOTFOUND (no message) when there
 * is no such file; GT_INVALID when it holds no key or others may read it;
 * GT_IO when it cannot be read. */
enum gt_rc gt_child_key_read(const char *path, char key_hex[GT_KEY_HEX_LEN],
                             struct gt_ctx *ctx) GT_MUST;

/* Write key_hex to a new file at path, readable by its owner alone, and
 * make it durable before returning. GT_CONFLICT when the file exists
 * (never overwritten: it may be the only copy of another key). */
enum gt_rc gt_child_key_write(const char *path, const char *key_hex,
                              struct gt_ctx *ctx) GT_MUST;

#endif
