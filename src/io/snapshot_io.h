/*
 * snapshot_io: a plan version's snapshot, and what changed between two.
 *
 * A snapshot is one JSON document: the plan's fields and its items (as
 * `export plan --format json` writes them, statuses and commentary as of
 * the date), the template's sections, every period of the plan's
 * indicators (small counts of children as c), the current year's budget
 * lines and the risk register's scores. Its SHA-256 is kept beside it, so
 * a copy can be checked against what was approved.
 *
 * The difference between two snapshots lists, in a fixed order (plan,
 * sections, items, indicators, budget, risks), each thing added or
 * removed and each field that changed, with before and after as text.
 */
#ifndef GT_IO_SNAPSHOT_IO_H
#define GT_IO_SNAPSHOT_IO_H

#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/db.h"
#include "core/hash.h"

/* The plan as of as_of into *text (caller frees) and its digest. */
enum gt_rc gt_plan_snapshot(struct gt_db *db, const char *plan_code,
                            int32_t as_of, char **text,
                            char sha256[GT_SHA256_HEX_LEN],
                            struct gt_ctx *ctx) GT_MUST;

struct gt_change {
    char *where;  /* "Item T1.2", "Budget line Area Name", "Our ambitions" */
    char *what;   /* a field's name, or "added" or "removed" */
    char *before; /* "" when added */
    char *after;  /* "" when removed */
};

struct gt_changes {
    struct gt_change *v;
    size_t n, alloc;
};

/* What changed from snapshot a to snapshot b, appended to out. */
enum gt_rc gt_snapshot_diff(const char *a, const char *b,
                            struct gt_changes *out, struct gt_ctx *ctx) GT_MUST;
void gt_changes_finish(struct gt_changes *c);

#endif
