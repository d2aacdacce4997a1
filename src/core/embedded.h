/*
 * embedded: files compiled into the binary by tools/embed.c.
 *
 * The database migrations (src/core/sql/), the example plans (examples/)
 * and reference data (data/) travel inside goldthread, so `goldthread init` and
 * `goldthread demo` work from any directory. Each entry's bytes are
 * NUL-terminated.
 */
#ifndef GT_EMBEDDED_H
#define GT_EMBEDDED_H

#include <stddef.h>

struct gt_embedded {
    const char *name;          /* file name without directories */
    const unsigned char *data; /* contents, NUL-terminated */
    size_t len;                /* length without the NUL */
    const char *hash;          /* FNV-1a of the bytes, 16 hex digits */
};

extern const struct gt_embedded gt_migrations[];
extern const size_t gt_migrations_count;
/* PostgreSQL's (src/core/sql/pg/): a new database at the latest version. */
extern const struct gt_embedded gt_pg_migrations[];
extern const size_t gt_pg_migrations_count;
extern const struct gt_embedded gt_examples[];
extern const size_t gt_examples_count;
extern const struct gt_embedded gt_assets[];
extern const size_t gt_assets_count;
/* Reference data (data/): the bank holidays. */
extern const struct gt_embedded gt_data[];
extern const size_t gt_data_count;

#endif
