/*
 * db_plan: plans and items in the store. See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

void
db_read_item(struct db_statement *st, struct gt_item *it)
{
    gt_item_init(it);
    it->id = db_col_int(st, 0);
    it->plan_id = db_col_int(st, 1);
    it->parent_id = db_col_int(st, 2);
    const char *kind = db_col_str(st, 3);
    if (!kind || !gt_item_kind_parse(kind, &it->kind))
        it->kind = GT_ITEM_ACTION;
    it->plan_code = db_col_text(st, 4);
    it->ref = db_col_text(st, 5);
    it->title = db_col_text(st, 6);
    it->description = db_col_text(st, 7);
    it->lead = db_col_text(st, 8);
    it->owner = db_col_text(st, 9);
    it->deadline_text = db_col_text(st, 10);
    if (it->deadline_text &&
        gt_deadline_parse(it->deadline_text, &it->deadline) != NULL)
        gt_deadline_none(&it->deadline);
    it->monitoring = db_col_text(st, 11);
    it->source = db_col_text(st, 12);
    it->position = db_col_int32(st, 13);
    const char *brag = db_col_str(st, 14);
    if (!brag || !gt_brag_from_code(brag, &it->status))
        it->status = GT_NOT_RATED;
    it->status_as_of = db_col_date(st, 15);
    it->commentary = db_col_text(st, 16);
}

/* Step st to the end, appending each row to out. */
static void
push_item(struct db_statement *st, void *list)
{
    db_read_item(st, gt_items_push(list));
}

static void
read_item(struct db_statement *st, void *out)
{
    db_read_item(st, out);
}

enum gt_rc
db_read_items(struct gt_db *db, struct db_statement *st, struct gt_items *out,
              struct gt_ctx *ctx)
{
    return db_read_rows(db, st, push_item, out, ctx);
}

/* Step st once into *out; GT_NOTFOUND when there is no row. */
static enum gt_rc
read_one_item(struct gt_db *db, struct db_statement *st, struct gt_item *out,
              struct gt_ctx *ctx)
{
    gt_item_init(out);
    return db_read_one(db, st, read_item, out, ctx);
}

enum gt_rc
gt_db_plan_add(struct gt_db *db, struct gt_plan *plan, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO plan(code, kind, title, owner_unit_id, period_from, "
        "period_to, review_date, created_at) "
        "VALUES ($1, $2, $3, (SELECT id FROM unit WHERE name = $4), $5, $6, "
        "$7, gt_now())",
        ctx);
    if (!st)
        return GT_IO;
    if (plan->owner_unit) {
        struct db_statement *q =
            db_stmt(db, "SELECT 1 FROM unit WHERE name = $1", ctx);
        if (!q)
            return GT_IO;
        db_bind_text(q, "$1", plan->owner_unit);
        int found = db_step(q) == DB_ROW;
        db_done(q);
        if (!found)
            return gt_err(ctx, GT_NOTFOUND, "no unit called \"%s\"",
                          plan->owner_unit);
    }
    db_bind_text(st, "$1", plan->code);
    db_bind_text(st, "$2", gt_plan_kind_code(plan->kind));
    db_bind_text(st, "$3", plan->title);
    db_bind_text(st, "$4", plan->owner_unit);
    db_bind_date(st, "$5", plan->period_from);
    db_bind_date(st, "$6", plan->period_to);
    db_bind_date(st, "$7", plan->review_date);
    char *conflict =
        xasprintf("a plan called \"%s\" already exists", plan->code);
    enum gt_rc rc = db_write(db, st, conflict, &plan->id, ctx);
    free(conflict);
    return rc;
}

static void
read_plan(struct db_statement *st, void *out)
{
    struct gt_plan *p = out;
    gt_plan_init(p);
    p->id = db_col_int(st, 0);
    p->code = db_col_text(st, 1);
    const char *kind = db_col_str(st, 2);
    if (!kind || !gt_plan_kind_parse(kind, &p->kind))
        p->kind = GT_PLAN_TEAM;
    p->title = db_col_text(st, 3);
    p->owner_unit = db_col_text(st, 4);
    p->period_from = db_col_date(st, 5);
    p->period_to = db_col_date(st, 6);
    p->review_date = db_col_date(st, 7);
}

static void
push_plan(struct db_statement *st, void *list)
{
    read_plan(st, gt_plans_push(list));
}

#define PLAN_SELECT                                                            \
    "SELECT p.id, p.code, p.kind, p.title, u.name, p.period_from, "            \
    "p.period_to, p.review_date FROM plan p "                                  \
    "LEFT JOIN unit u ON u.id = p.owner_unit_id "

enum gt_rc
gt_db_plan_get(struct gt_db *db, const char *code, struct gt_plan *out,
               struct gt_ctx *ctx)
{
    gt_plan_init(out);
    struct db_statement *st = db_stmt(db, PLAN_SELECT "WHERE p.code = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", code);
    enum gt_rc rc = db_read_one(db, st, read_plan, out, ctx);
    if (rc == GT_NOTFOUND)
        gt_err(ctx, rc, "no plan called \"%s\"", code);
    return rc;
}

enum gt_rc
gt_db_plan_list(struct gt_db *db, struct gt_plans *out, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(db, PLAN_SELECT "ORDER BY p.code", ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, push_plan, out, ctx);
}

static enum gt_rc
person_id(struct gt_db *db, const char *name, int64_t *id, struct gt_ctx *ctx)
{
    *id = 0;
    if (!name || !*name)
        return GT_OK;
    return gt_db_person_ensure(db, name, id, ctx);
}

/* The tree key of an item this bulk write added, or NULL. */
static const char *
bulk_key(const struct gt_db *db, int64_t id)
{
    if (id <= db->bulk_items_after)
        return NULL;
    uint64_t at = (uint64_t)(id - db->bulk_items_after - 1);
    return at < db->bulk_keys_alloc ? db->bulk_keys[at] : NULL;
}

static void
bulk_key_keep(struct gt_db *db, int64_t id, char *key)
{
    size_t at = (size_t)(id - db->bulk_items_after - 1);
    if (at >= db->bulk_keys_alloc) {
        size_t grown = db->bulk_keys_alloc ? db->bulk_keys_alloc * 2 : 1024;
        while (grown <= at)
            grown *= 2;
        db->bulk_keys = xrealloc(db->bulk_keys, grown * sizeof *db->bulk_keys);
        memset(db->bulk_keys + db->bulk_keys_alloc, 0,
               (grown - db->bulk_keys_alloc) * sizeof *db->bulk_keys);
        db->bulk_keys_alloc = grown;
    }
    free(db->bulk_keys[at]);
    db->bulk_keys[at] = key;
}

/* In a bulk write the item's id and tree key are worked out here, its
 * parent's key remembered from when it was added (or read, for a parent
 * from before), instead of by the insert's subqueries: a fifth of an
 * import's writing time. An id a rolled-back savepoint took is not used
 * again: a gap, nothing more. */
static enum gt_rc
bulk_item_place(struct gt_db *db, const struct gt_item *item, int64_t *id,
                char **key, struct gt_ctx *ctx)
{
    const char *parent_key = "";
    char *read = NULL;
    if (item->parent_id) {
        parent_key = bulk_key(db, item->parent_id);
        if (!parent_key) {
            struct db_statement *st = db_stmt(
                db, "SELECT COALESCE(tree_key, '') FROM item WHERE id = $1",
                ctx);
            if (!st)
                return GT_IO;
            db_bind_int(st, "$1", item->parent_id);
            enum db_step step = db_step(st);
            if (step == DB_ROW)
                read = db_col_text(st, 0);
            db_done(st);
            if (step != DB_ROW && step != DB_DONE)
                return db_fail(db, ctx);
            parent_key = read ? read : ""; /* no parent: the insert fails */
        }
    }
    *id = db->bulk_next_item;
    *key =
        xasprintf("%s%08llx%08llx", parent_key,
                  (unsigned long long)item->position, (unsigned long long)*id);
    free(read);
    return GT_OK;
}

/* An item's insert naming the id SQLite would choose, its tree key its
 * parent's then STEP (its position and id in hexadecimal). */
#define NEXT_ID "(SELECT COALESCE(max(id), 0) + 1 FROM item)"
#define ITEM_INSERT(step)                                                      \
    "INSERT INTO item(id, plan_id, parent_id, kind, ref, title, "              \
    "description, lead_id, owner_id, deadline_text, deadline_start, "          \
    "deadline_due, deadline_every, deadline_ongoing, monitoring, source, "     \
    "position, tree_key) VALUES (" NEXT_ID ", $1, $2, $3, $4, $5, $6, $7, "    \
    "$8, $9, $10, $11, $12, $13, $14, $15, $16, COALESCE((SELECT tree_key "    \
    "FROM item WHERE id = $2), '') || " step ")"

enum gt_rc
gt_db_item_add(struct gt_db *db, struct gt_item *item, struct gt_ctx *ctx)
{
    int64_t lead = 0, owner = 0;
    enum gt_rc rc;
    rc = person_id(db, item->lead, &lead, ctx);
    if (rc == GT_OK)
        rc = person_id(db, item->owner, &owner, ctx);
    if (rc != GT_OK)
        return rc;
    bool bulk = db->bulk_write;
    int64_t id = 0;
    char *key = NULL;
    if (bulk && bulk_item_place(db, item, &id, &key, ctx) != GT_OK)
        return GT_IO;
    /* the id is the one SQLite would choose (the write lock is held),
     * named here because the item's tree key ends with it
     * (0017_tree_key.sql) */
    struct db_statement *st =
        bulk ? db_stmt(db,
                       "INSERT INTO item(id, plan_id, parent_id, kind, ref, "
                       "title, description, lead_id, owner_id, "
                       "deadline_text, deadline_start, deadline_due, "
                       "deadline_every, deadline_ongoing, monitoring, "
                       "source, position, tree_key) VALUES ($17, $1, $2, "
                       "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                       "$15, $16, $18)",
                       ctx)
             /* the key's eight hexadecimal digits a part: SQLite's
              * printf, PostgreSQL's to_hex */
             : db_stmt_dialect(
                   db, ITEM_INSERT("printf('%08x%08x', $16, " NEXT_ID ")"),
                   ITEM_INSERT("lpad(to_hex(CAST($16 AS BIGINT)), "
                               "8, '0') || lpad(to_hex(" NEXT_ID "), 8, '0')"),
                   ctx);
    if (!st) {
        free(key);
        return GT_IO;
    }
    db_bind_int(st, "$1", item->plan_id);
    db_bind_id(st, "$2", item->parent_id);
    db_bind_text(st, "$3", gt_item_kind_code(item->kind));
    db_bind_text(st, "$4", item->ref);
    db_bind_text(st, "$5", item->title);
    db_bind_text(st, "$6", item->description);
    db_bind_id(st, "$7", lead);
    db_bind_id(st, "$8", owner);
    db_bind_text(st, "$9", item->deadline_text);
    db_bind_date(st, "$10", item->deadline.start);
    db_bind_date(st, "$11", item->deadline.due);
    db_bind_int(st, "$12", item->deadline.every_months);
    db_bind_int(st, "$13", item->deadline.ongoing);
    db_bind_text(st, "$14", item->monitoring);
    db_bind_text(st, "$15", item->source);
    db_bind_int(st, "$16", item->position);
    char *conflict = xasprintf("ref \"%s\" is used twice in the plan",
                               item->ref ? item->ref : "");
    if (bulk) {
        db_bind_int(st, "$17", id);
        db_bind_text(st, "$18", key);
        /* its id is named, so its answer can wait */
        rc = db_write_later(db, st, conflict, ctx);
    } else {
        rc = db_write(db, st, conflict, &item->id, ctx);
    }
    if (rc == GT_OK && bulk) {
        item->id = id;
        bulk_key_keep(db, id, key);
        key = NULL;
        db->bulk_next_item = id + 1;
    }
    free(conflict);
    free(key);
    return rc;
}

enum gt_rc
gt_db_item_update(struct gt_db *db, const struct gt_item *item,
                  struct gt_ctx *ctx)
{
    int64_t lead = 0, owner = 0;
    enum gt_rc rc = person_id(db, item->lead, &lead, ctx);
    if (rc == GT_OK)
        rc = person_id(db, item->owner, &owner, ctx);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st = db_stmt(
        db,
        "UPDATE item SET title = $2, description = $3, lead_id = $4, "
        "owner_id = $5, deadline_text = $6, deadline_start = $7, "
        "deadline_due = $8, deadline_every = $9, deadline_ongoing = $10, "
        "monitoring = $11, source = $12 WHERE id = $1",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item->id);
    db_bind_text(st, "$2", item->title);
    db_bind_text(st, "$3", item->description);
    db_bind_id(st, "$4", lead);
    db_bind_id(st, "$5", owner);
    db_bind_text(st, "$6", item->deadline_text);
    db_bind_date(st, "$7", item->deadline.start);
    db_bind_date(st, "$8", item->deadline.due);
    db_bind_int(st, "$9", item->deadline.every_months);
    db_bind_int(st, "$10", item->deadline.ongoing);
    db_bind_text(st, "$11", item->monitoring);
    db_bind_text(st, "$12", item->source);
    rc = db_write(db, st, "the item changed twice", NULL, ctx);
    if (rc == GT_OK && db_engine_changes(db->engine) == 0)
        rc = gt_err(ctx, GT_NOTFOUND, "no item with id %lld",
                    (long long)item->id);
    return rc;
}

enum gt_rc
gt_db_plan_items(struct gt_db *db, int64_t plan_id, int32_t as_of,
                 struct gt_items *out, struct gt_ctx *ctx)
{
    /* Siblings come in order from SQL; the depth-first order (parents
     * before children) is made in C, which a profile showed to be several
     * times cheaper than building and sorting paths in a recursive query. */
    struct gt_items flat = {0};
    struct db_statement *st =
        db_stmt(db,
                ITEM_SELECT "WHERE i.plan_id = $plan "
                            "ORDER BY i.parent_id, i.position, i.id",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$plan", plan_id);
    db_bind_as_of(st, "$asof", as_of);
    enum gt_rc rc = db_read_items(db, st, &flat, ctx);
    if (rc == GT_OK)
        gt_items_tree_order(&flat, out);
    gt_items_finish(&flat);
    return rc;
}

enum gt_rc
gt_db_item_find(struct gt_db *db, const char *plan_code, const char *ref,
                int32_t as_of, struct gt_item *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, ITEM_SELECT "WHERE p.code = $1 AND i.ref = $2", ctx);
    if (!st) {
        gt_item_init(out);
        return GT_IO;
    }
    db_bind_text(st, "$1", plan_code);
    db_bind_text(st, "$2", ref);
    db_bind_as_of(st, "$asof", as_of);
    enum gt_rc rc = read_one_item(db, st, out, ctx);
    if (rc == GT_NOTFOUND)
        gt_err(ctx, rc, "no item %s:%s", plan_code, ref);
    return rc;
}

enum gt_rc
gt_db_item_get(struct gt_db *db, int64_t id, int32_t as_of, struct gt_item *out,
               struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(db, ITEM_SELECT "WHERE i.id = $1", ctx);
    if (!st) {
        gt_item_init(out);
        return GT_IO;
    }
    db_bind_int(st, "$1", id);
    db_bind_as_of(st, "$asof", as_of);
    enum gt_rc rc = read_one_item(db, st, out, ctx);
    if (rc == GT_NOTFOUND)
        gt_err(ctx, rc, "no item with id %lld", (long long)id);
    return rc;
}

enum gt_rc
gt_db_item_child_count(struct gt_db *db, int64_t plan_id, int64_t parent_id,
                       long *n, struct gt_ctx *ctx)
{
    /* the top of a plan by item_top, the rest by item_children */
    struct db_statement *st =
        parent_id ? db_stmt(db,
                            "SELECT count(*) FROM item WHERE parent_id = $2 "
                            "AND plan_id = $1",
                            ctx)
                  : db_stmt(db,
                            "SELECT count(*) FROM item WHERE plan_id = $1 "
                            "AND parent_id IS NULL",
                            ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", plan_id);
    if (parent_id)
        db_bind_int(st, "$2", parent_id);
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        *n = (long)db_col_int(st, 0);
    db_done(st);
    return step == DB_ROW ? GT_OK : db_fail(db, ctx);
}

enum gt_rc
gt_db_item_children(struct gt_db *db, int64_t item_id, int32_t as_of,
                    struct gt_items *out, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, ITEM_SELECT "WHERE i.parent_id = $1 ORDER BY i.position", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", item_id);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
gt_db_items_overdue(struct gt_db *db, int32_t as_of, const char *lead,
                    const char *plan_code, long limit, struct gt_items *out,
                    struct gt_ctx *ctx)
{
    /* walks item_due (0015_current_status.sql) in order and stops at the
     * limit: its terms are the index's own */
    struct db_statement *st = db_stmt(
        db,
        ITEM_SELECT "WHERE " PAST_DEADLINE
                    "AND i.kind NOT IN ('priority', 'theme') AND "
                    "COALESCE(s.brag, '') <> 'blue' "
                    "AND (CAST($lead AS TEXT) IS NULL OR l.name = $lead) "
                    "AND (CAST($plan AS TEXT) IS NULL OR p.code = $plan) "
                    "ORDER BY i.deadline_due, i.id LIMIT $limit",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_as_of(st, "$asof", as_of);
    /* no limit: SQLite takes a negative LIMIT for none, PostgreSQL refuses
     * one */
    db_bind_int(st, "$limit", limit < 0 ? INT64_MAX : limit);
    db_bind_text(st, "$lead", lead);
    db_bind_text(st, "$plan", plan_code);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
db_plan_id(struct gt_db *db, const char *code, int64_t *id, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, "SELECT id FROM plan WHERE code = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", code);
    enum db_step step = db_step(st);
    if (step == DB_ROW)
        *id = db_col_int(st, 0);
    db_done(st);
    if (step == DB_ROW)
        return GT_OK;
    return step == DB_DONE
               ? gt_err(ctx, GT_NOTFOUND, "there is no plan \"%s\"", code)
               : db_fail(db, ctx);
}
