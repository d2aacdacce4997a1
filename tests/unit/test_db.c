/* Unit tests for the store (core/db*.c): migrations, plans and items,
 * append-only history, current status, counts of changes, roll-ups,
 * links and the thread, the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/db.h"
#include "core/embedded.h"
#include "core/mem.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)

struct fixture {
    char dir[64];
    char path[96];
    struct gt_db *db;
    struct gt_ctx ctx;
};

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-db-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/t.db", fx->dir);
    gt_ctx_init(&fx->ctx);
    if (gt_db_open(fx->path, &fx->db, &fx->ctx) != GT_OK)
        return -1;
    gt_db_set_actor(fx->db, "tester");
    gt_db_set_clock(fx->db, "2026-11-27T09:00:00Z");
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    char wal[128], shm[128];
    gt_db_close(fx->db);
    gt_ctx_finish(&fx->ctx);
    snprintf(wal, sizeof wal, "%s-wal", fx->path);
    snprintf(shm, sizeof shm, "%s-shm", fx->path);
    unlink(fx->path);
    unlink(wal);
    unlink(shm);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static int64_t
add_plan(struct fixture *fx, const char *code, enum gt_plan_kind kind)
{
    struct gt_plan p;
    gt_plan_init(&p);
    p.code = xstrdup(code);
    p.title = xasprintf("Plan %s", code);
    p.kind = kind;
    assert_int_equal(gt_db_plan_add(fx->db, &p, &fx->ctx), GT_OK);
    int64_t id = p.id;
    gt_plan_finish(&p);
    return id;
}

static int64_t
add_item(struct fixture *fx, int64_t plan, int64_t parent,
         enum gt_item_kind kind, const char *ref, const char *lead,
         const char *deadline)
{
    struct gt_item it;
    gt_item_init(&it);
    it.plan_id = plan;
    it.parent_id = parent;
    it.kind = kind;
    it.ref = xstrdup(ref);
    it.title = xasprintf("Item %s", ref);
    it.lead = xstrdup(lead);
    it.position = 1;
    if (deadline) {
        assert_null(gt_deadline_parse(deadline, &it.deadline));
        it.deadline_text = xstrdup(deadline);
    }
    assert_int_equal(gt_db_item_add(fx->db, &it, &fx->ctx), GT_OK);
    int64_t id = it.id;
    gt_item_finish(&it);
    return id;
}

static long
count(struct fixture *fx, const char *table)
{
    long n = -1;
    assert_int_equal(gt_db_count(fx->db, table, &n, &fx->ctx), GT_OK);
    return n;
}

static void
migrates_from_empty(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(gt_db_schema_version(fx->db), gt_db_schema_latest());
    assert_true(gt_db_schema_latest() >= 1);
    assert_int_equal(count(fx, "plan"), 0);
    assert_int_equal(count(fx, "audit_log"), 0);
    long n;
    assert_int_equal(gt_db_count(fx->db, "sqlite_master", &n, &fx->ctx),
                     GT_INVALID);
    /* opening again leaves it as it is */
    struct gt_db *again = NULL;
    assert_int_equal(gt_db_open(fx->path, &again, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_schema_version(again), gt_db_schema_latest());
    gt_db_close(again);
}

/* Stand-ins for the functions the audit triggers call, for building an
 * old database without goldthread. */
static void
stub_text(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    sqlite3_result_text(c, "old", -1, SQLITE_STATIC);
}

/* The one value the one row of sql answers in the database at path, as
 * a number into *n or as text (owned) into *text. */
static void
answer_at(const char *path, const char *sql, long *n, char **text)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    if (n)
        *n = (long)sqlite3_column_int64(st, 0);
    if (text)
        *text = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static long
stored_at(const char *path, const char *sql)
{
    long n;
    answer_at(path, sql, &n, NULL);
    return n;
}

static long
stored(struct fixture *fx, const char *sql)
{
    return stored_at(fx->path, sql);
}

/* Caller frees. */
static char *
stored_text(struct fixture *fx, const char *sql)
{
    char *text;
    answer_at(fx->path, sql, NULL, &text);
    return text;
}

/* An old database, fx->dir/name (its path into path), built without
 * goldthread by the first version migrations with foreign keys on, then
 * rows (SQL, or NULL), and marked as at that version. */
static void
old_database(struct fixture *fx, const char *name, int version,
             const char *rows, char *path, size_t len)
{
    snprintf(path, len, "%s/%s", fx->dir, name);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_create_function(h, "gt_now", 0, SQLITE_UTF8, NULL, stub_text, NULL,
                            NULL);
    sqlite3_create_function(h, "gt_actor", 0, SQLITE_UTF8, NULL, stub_text,
                            NULL, NULL);
    sqlite3_create_function(h, "gt_json", -1, SQLITE_UTF8, NULL, stub_text,
                            NULL, NULL);
    assert_int_equal(
        sqlite3_exec(h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL),
        SQLITE_OK);
    for (int v = 0; v < version; v++)
        assert_int_equal(sqlite3_exec(h, (const char *)gt_migrations[v].data,
                                      NULL, NULL, NULL),
                         SQLITE_OK);
    if (rows)
        assert_int_equal(sqlite3_exec(h, rows, NULL, NULL, NULL), SQLITE_OK);
    char pragma[48];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version);
    assert_int_equal(sqlite3_exec(h, pragma, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

/* fx->dir/name and its write-ahead log and shared memory files. */
static void
remove_database(struct fixture *fx, const char *name)
{
    const char *ends[] = {"", "-wal", "-shm"};
    char path[160];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s%s", fx->dir, name, ends[i]);
        unlink(path);
    }
}

static void
migrates_from_version_1(void **state)
{
    struct fixture *fx = *state;
    char path[128];
    old_database(fx, "v1.db", 1, NULL, path, sizeof path);
    struct gt_db *db = NULL;
    assert_int_equal(gt_db_open(path, &db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_schema_version(db), gt_db_schema_latest());
    assert_int_equal(gt_db_user_add(db, "ann", "Ann", GT_ROLE_LEAD, NULL,
                                    "$argon2id$stub", &fx->ctx),
                     GT_OK);
    gt_db_close(db);
    remove_database(fx, "v1.db");
}

/* items whose tree key is not their parent's followed by their own
 * position and id (0017_tree_key.sql) */
#define TREE_KEY_DRIFT                                                         \
    "SELECT count(*) FROM item i LEFT JOIN item p ON p.id = i.parent_id "      \
    "WHERE i.tree_key IS NOT IFNULL(p.tree_key, '') || printf('%08x%08x', "    \
    "i.position, i.id)"

/* Version 17 gives every item its tree key, whatever order the items
 * were added in, and writes no audit entry for it. */
static void
migrates_tree_keys_to_version_17(void **state)
{
    struct fixture *fx = *state;
    char path[128];
    /* a parent added after its children's ids, and positions that tie */
    old_database(fx, "v16.db", 16,
                 "INSERT INTO plan(id, code, title, kind, created_at) "
                 "VALUES (1, 'p', 'P', 'team', 'then');"
                 "INSERT INTO item(id, plan_id, parent_id, kind, ref, "
                 "title, position) VALUES (50, 1, NULL, 'theme', 'T', "
                 "'T', 2), (60, 1, NULL, 'theme', 'U', 'U', 1), "
                 "(3, 1, 50, 'action', 'T.1', 'a', 1), "
                 "(4, 1, 50, 'action', 'T.2', 'b', 1), "
                 "(2, 1, 3, 'milestone', 'T.1.1', 'c', 0)",
                 path, sizeof path);
    struct gt_db *db = NULL;
    assert_int_equal(gt_db_open(path, &db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_schema_version(db), gt_db_schema_latest());
    struct gt_plan_query q = {.plan_id = 1, .as_of = D(2026, 11, 27)};
    struct gt_items page = {0};
    size_t total = 0;
    assert_int_equal(gt_db_plan_page(db, &q, 0, 10, &page, &total, &fx->ctx),
                     GT_OK);
    const int64_t order[] = {60, 50, 3, 2, 4};
    const int depth[] = {0, 0, 1, 2, 1};
    assert_int_equal(page.n, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(page.v[i].id, order[i]);
        assert_int_equal(page.v[i].depth, depth[i]);
        assert_int_equal(page.v[i].place, i);
    }
    gt_items_finish(&page);
    gt_db_close(db);
    assert_int_equal(stored_at(path, TREE_KEY_DRIFT), 0);
    assert_int_equal(stored_at(path,
                               "SELECT count(*) FROM audit_log WHERE "
                               "table_name = 'item' AND action = 'update'"),
                     0);
    remove_database(fx, "v16.db");
}

/* Version 6 rebuilds the users table (to allow the analyst role), which
 * sessions and API tokens refer to: everyone, their sessions and tokens
 * survive, links intact, and the audit of users still works. */
static void
migrates_users_to_version_6(void **state)
{
    struct fixture *fx = *state;
    char path[128];
    sqlite3 *h;
    old_database(fx, "v5.db", 5,
                 "INSERT INTO app_user(id, username, display_name, role, "
                 "password_hash, created_at) VALUES (7, 'ann', 'Ann', "
                 "'planner', 'h', 'then'), (9, 'bob', 'Bob', 'viewer', "
                 "'h', 'then');"
                 "INSERT INTO session VALUES ('t', 7, 'c', 1, 1);"
                 "INSERT INTO api_token(user_id, token_hash, label, "
                 "created_at) VALUES (9, 'k', 'bob''s', 'then')",
                 path, sizeof path);

    struct gt_db *db = NULL;
    assert_int_equal(gt_db_open(path, &db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_schema_version(db), gt_db_schema_latest());
    struct gt_user u;
    assert_int_equal(gt_db_user_get(db, "ann", &u, NULL, &fx->ctx), GT_OK);
    assert_int_equal(u.id, 7);
    assert_int_equal(u.role, GT_ROLE_PLANNER);
    gt_user_finish(&u);
    long audits_before, audits_after;
    assert_int_equal(gt_db_count(db, "audit_log", &audits_before, &fx->ctx),
                     GT_OK);
    assert_int_equal(gt_db_user_set_role(db, "bob", GT_ROLE_ANALYST, &fx->ctx),
                     GT_OK);
    assert_int_equal(gt_db_count(db, "audit_log", &audits_after, &fx->ctx),
                     GT_OK);
    assert_int_equal(audits_after, audits_before + 1);
    assert_int_equal(gt_db_user_get(db, "bob", &u, NULL, &fx->ctx), GT_OK);
    assert_int_equal(u.role, GT_ROLE_ANALYST);
    gt_user_finish(&u);
    gt_db_close(db);

    /* the links hold, and a foreign key is enforced again */
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT (SELECT count(*) FROM session "
                                        "JOIN app_user u ON u.id = user_id), "
                                        "(SELECT count(*) FROM api_token JOIN "
                                        "app_user u ON u.id = user_id)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    assert_int_equal(sqlite3_column_int(st, 1), 1);
    sqlite3_finalize(st);
    sqlite3_close(h);
    assert_int_equal(gt_db_open(path, &db, &fx->ctx), GT_OK);
    gt_ctx_clear(&fx->ctx);
    assert_int_equal(gt_db_session_add(db, "x", 12345, "c", 1, &fx->ctx),
                     GT_IO);
    gt_db_close(db);
    remove_database(fx, "v5.db");
}

static void
refuses_newer_schema(void **state)
{
    struct fixture *fx = *state;
    sqlite3 *h;
    assert_int_equal(sqlite3_open(fx->path, &h), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(h, "PRAGMA user_version = 99", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(h);
    struct gt_db *db = NULL;
    gt_ctx_clear(&fx->ctx);
    assert_int_not_equal(gt_db_open(fx->path, &db, &fx->ctx), GT_OK);
    assert_null(db);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "newer than this"));
}

static void
plans_and_items(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "imp", GT_PLAN_IMPROVEMENT);
    struct gt_plan dup;
    gt_plan_init(&dup);
    dup.code = xstrdup("imp");
    dup.title = xstrdup("again");
    assert_int_equal(gt_db_plan_add(fx->db, &dup, &fx->ctx), GT_CONFLICT);
    gt_plan_finish(&dup);

    int64_t t1 = add_item(fx, plan, 0, GT_ITEM_THEME, "T1", NULL, NULL);
    add_item(fx, plan, t1, GT_ITEM_ACTION, "T1.1", "Head of Service",
             "December 2016");
    struct gt_item it;
    gt_item_init(&it);
    it.plan_id = plan;
    it.kind = GT_ITEM_ACTION;
    it.ref = xstrdup("T1.1");
    it.title = xstrdup("duplicate ref");
    assert_int_equal(gt_db_item_add(fx->db, &it, &fx->ctx), GT_CONFLICT);
    gt_item_finish(&it);

    assert_int_equal(
        gt_db_item_find(fx->db, "imp", "T1.1", GT_NO_DATE, &it, &fx->ctx),
        GT_OK);
    assert_string_equal(it.title, "Item T1.1");
    assert_string_equal(it.lead, "Head of Service");
    assert_string_equal(it.plan_code, "imp");
    assert_int_equal(it.parent_id, t1);
    assert_int_equal(it.deadline.due, D(2016, 12, 31));
    assert_int_equal(it.status, GT_NOT_RATED);
    gt_item_finish(&it);
    assert_int_equal(
        gt_db_item_find(fx->db, "imp", "T9", GT_NO_DATE, &it, &fx->ctx),
        GT_NOTFOUND);
    assert_int_equal(count(fx, "person"), 1);
}

/* An inner transaction is a savepoint: rolling it back keeps the outer
 * one's writes, and the outer one decides what lasts. */
static void
transactions_nest(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(gt_db_depth(fx->db), 0);
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    int64_t kept = add_plan(fx, "kept", GT_PLAN_TEAM);
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_depth(fx->db), 2);
    add_plan(fx, "undone", GT_PLAN_TEAM);
    gt_db_rollback(fx->db);
    assert_int_equal(gt_db_depth(fx->db), 1);
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    add_item(fx, kept, 0, GT_ITEM_ACTION, "A1", NULL, NULL);
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_depth(fx->db), 0);
    assert_int_equal(count(fx, "plan"), 1);
    assert_int_equal(count(fx, "item"), 1);

    /* an inner commit lasts only if the outer one does */
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    add_plan(fx, "inner", GT_PLAN_TEAM);
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    gt_db_rollback(fx->db);
    assert_int_equal(count(fx, "plan"), 1);
}

/* Sign-in claims: counted per pair, address and username within the
 * window; old failures forgotten; a success clears its pair. */
static void
sign_in_claims(void **state)
{
    struct fixture *fx = *state;
    const struct gt_sign_in_limits lim = {900, 3, 5, 4};
    int64_t claim;
    long t = 1000000;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(
            gt_db_sign_in_claim(fx->db, "lee", "a", t, &lim, &claim, &fx->ctx),
            GT_OK);
        assert_true(claim > 0);
    }
    /* the pair is held back; the user from elsewhere is not */
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "lee", "a", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_int_equal(claim, 0);
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "lee", "b", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_true(claim > 0);
    /* four for lee in all: now held back from everywhere */
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "lee", "c", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_int_equal(claim, 0);
    /* address a has 3; two more users from it reach its limit of 5 */
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "sam", "a", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_true(claim > 0);
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "kim", "a", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_true(claim > 0);
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "pat", "a", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_int_equal(claim, 0);
    /* a success clears its own pair's failures */
    assert_int_equal(
        gt_db_sign_in_claim(fx->db, "sam", "d", t, &lim, &claim, &fx->ctx),
        GT_OK);
    assert_int_equal(gt_db_sign_in_succeeded(fx->db, claim, &fx->ctx), GT_OK);
    assert_int_equal(count(fx, "sign_in_failure"), 6);
    /* past the window everything is forgotten at the next attempt */
    assert_int_equal(gt_db_sign_in_claim(fx->db, "lee", "a", t + 901, &lim,
                                         &claim, &fx->ctx),
                     GT_OK);
    assert_true(claim > 0);
    assert_int_equal(count(fx, "sign_in_failure"), 1);
}

static void
status_history_is_append_only(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    int64_t a = add_item(fx, plan, 0, GT_ITEM_ACTION, "A1", NULL, NULL);
    int64_t u1, u2;
    assert_int_equal(gt_db_status_add(fx->db, a, GT_AMBER, "slow", "Jo",
                                      D(2026, 9, 30), &u1, &fx->ctx),
                     GT_OK);
    assert_int_equal(gt_db_status_add(fx->db, a, GT_GREEN, "better", "Jo",
                                      D(2026, 10, 31), &u2, &fx->ctx),
                     GT_OK);
    /* a late report about an earlier date does not become current */
    assert_int_equal(gt_db_status_add(fx->db, a, GT_RED, "back-dated", "Al",
                                      D(2026, 8, 31), NULL, &fx->ctx),
                     GT_OK);
    struct gt_item it;
    assert_int_equal(gt_db_item_get(fx->db, a, GT_NO_DATE, &it, &fx->ctx),
                     GT_OK);
    assert_int_equal(it.status, GT_GREEN);
    assert_string_equal(it.commentary, "better");
    gt_item_finish(&it);
    assert_int_equal(gt_db_item_get(fx->db, a, D(2026, 10, 1), &it, &fx->ctx),
                     GT_OK);
    assert_int_equal(it.status, GT_AMBER);
    gt_item_finish(&it);
    assert_int_equal(gt_db_item_get(fx->db, a, D(2026, 1, 1), &it, &fx->ctx),
                     GT_OK);
    assert_int_equal(it.status, GT_NOT_RATED);
    assert_int_equal(it.status_as_of, GT_NO_DATE);
    gt_item_finish(&it);

    struct gt_updates h = {0};
    assert_int_equal(gt_db_status_history(fx->db, a, &h, &fx->ctx), GT_OK);
    assert_int_equal(h.n, 3);
    assert_int_equal(h.v[0].brag, GT_GREEN);
    assert_int_equal(h.v[2].brag, GT_RED);
    assert_string_equal(h.v[2].author, "Al");
    assert_string_equal(h.v[0].recorded_at, "2026-11-27T09:00:00Z");
    gt_updates_finish(&h);

    assert_int_equal(gt_db_evidence_add(fx->db, a, u2, "note.txt", "text/plain",
                                        "hello", 5,
                                        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b1"
                                        "61e5c1fa7425e73043362938b9824",
                                        &fx->ctx),
                     GT_OK);
    /* the database itself refuses to rewrite history */
    sqlite3 *h2;
    assert_int_equal(sqlite3_open(fx->path, &h2), SQLITE_OK);
    const char *rewrites[] = {
        "UPDATE status_update SET brag = 'blue'", "DELETE FROM status_update",
        "DELETE FROM audit_log", "UPDATE evidence SET size = 0"};
    for (size_t i = 0; i < 4; i++) {
        char *msg = NULL;
        assert_int_not_equal(sqlite3_exec(h2, rewrites[i], NULL, NULL, &msg),
                             SQLITE_OK);
        assert_non_null(msg);
        assert_non_null(strstr(msg, "append-only"));
        sqlite3_free(msg);
    }
    sqlite3_close(h2);
    assert_int_equal(count(fx, "status_update"), 3);
    assert_int_equal(count(fx, "evidence"), 1);
}

static void
audit_log_records_who_and_what(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    int64_t a = add_item(fx, plan, 0, GT_ITEM_ACTION, "A1", NULL, NULL);
    int64_t b = add_item(fx, plan, 0, GT_ITEM_OUTCOME, "O1", NULL, NULL);
    assert_int_equal(gt_db_link_add(fx->db, a, b, &fx->ctx), GT_OK);
    sqlite3 *h;
    sqlite3_stmt *st;
    char want[96];
    assert_int_equal(sqlite3_open(fx->path, &h), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(
            h,
            "SELECT actor, table_name, action, row_id, IFNULL(after, ''), at "
            "FROM audit_log ORDER BY id",
            -1, &st, NULL),
        SQLITE_OK);
    /* the plan, two items, the link */
    const char *tables[] = {"plan", "item", "item", "link"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal(sqlite3_column_text(st, 0), "tester");
        assert_string_equal(sqlite3_column_text(st, 1), tables[i]);
        assert_string_equal(sqlite3_column_text(st, 2), "insert");
        assert_string_equal(sqlite3_column_text(st, 5), "2026-11-27T09:00:00Z");
    }
    /* the link has no id of its own, so its entry carries the key */
    snprintf(want, sizeof want, "{\"from_item_id\":%lld,\"to_item_id\":%lld}",
             (long long)a, (long long)b);
    assert_string_equal(sqlite3_column_text(st, 4), want);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(h);
}

/* One integer answered by sql on a second connection: what is stored. */
#define AUDIT_TRIGGERS                                                         \
    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN "   \
    "('item_audit_insert', 'status_update_audit', 'item_status_keep')"
/* items whose stored current status is not what their history says: the
 * update describing the latest date (the later recorded on a tie), and
 * the update recorded last */
#define STATUS_DRIFT                                                           \
    "SELECT count(*) FROM item i LEFT JOIN item_status c ON c.item_id = i.id " \
    "WHERE c.status_id IS NOT (SELECT s.id FROM status_update s WHERE "        \
    "s.item_id = i.id ORDER BY s.as_of DESC, s.id DESC LIMIT 1) "              \
    "OR c.brag IS NOT (SELECT s.brag FROM status_update s WHERE "              \
    "s.item_id = i.id ORDER BY s.as_of DESC, s.id DESC LIMIT 1) "              \
    "OR c.as_of IS NOT (SELECT max(s.as_of) FROM status_update s WHERE "       \
    "s.item_id = i.id) "                                                       \
    "OR c.last_update_id IS NOT (SELECT max(s.id) FROM status_update s "       \
    "WHERE s.item_id = i.id)"
/* plans whose tally differs from counting their items afresh: work at
 * the bottom of the tree, and every item that carries a status, by
 * current status */
#define TALLY_DRIFT                                                            \
    "SELECT count(*) FROM plan p LEFT JOIN plan_tally t ON t.plan_id = p.id "  \
    "LEFT JOIN (SELECT i.plan_id, count(*) AS items, sum(w AND b = 'blue') "   \
    "AS blue, sum(w AND b = 'red') AS red, sum(w AND b = 'amber') AS amber, "  \
    "sum(w AND b = 'green') AS green, sum(w AND b = 'not_rated') AS nr, "      \
    "sum(r AND b = 'blue') AS rb, sum(r AND b = 'red') AS rr, sum(r AND b = "  \
    "'amber') AS ra, sum(r AND b = 'green') AS rg, sum(r AND b = "             \
    "'not_rated') AS rn FROM "                                                 \
    "(SELECT i.plan_id, IFNULL((SELECT s.brag FROM status_update s WHERE "     \
    "s.item_id = i.id ORDER BY s.as_of DESC, s.id DESC LIMIT 1), "             \
    "'not_rated') AS b, i.kind NOT IN ('priority', 'theme') AS r, "            \
    "i.kind NOT IN ('priority', 'theme') AND NOT EXISTS "                      \
    "(SELECT 1 FROM item k WHERE k.parent_id = i.id) AS w FROM item i) i "     \
    "GROUP BY i.plan_id) f ON f.plan_id = p.id WHERE (t.items, t.blue, "       \
    "t.red, t.amber, t.green, t.not_rated, t.status_blue, t.status_red, "      \
    "t.status_amber, t.status_green, t.status_not_rated) IS NOT "              \
    "(IFNULL(f.items, 0), IFNULL(f.blue, 0), IFNULL(f.red, 0), "               \
    "IFNULL(f.amber, 0), IFNULL(f.green, 0), IFNULL(f.nr, 0), "                \
    "IFNULL(f.rb, 0), IFNULL(f.rr, 0), IFNULL(f.ra, 0), IFNULL(f.rg, 0), "     \
    "IFNULL(f.rn, 0)) OR t.latest IS NOT (SELECT "                             \
    "max(s.as_of) FROM "                                                       \
    "status_update s JOIN item i ON i.id = s.item_id WHERE i.plan_id = p.id)"
/* rows of item and status_update without exactly one insert entry */
#define UNAUDITED                                                              \
    "SELECT (SELECT count(*) FROM item i WHERE (SELECT count(*) FROM "         \
    "audit_log a WHERE a.table_name = 'item' AND a.row_id = i.id AND "         \
    "a.action = 'insert' AND a.actor = 'tester') <> 1) + (SELECT count(*) "    \
    "FROM status_update s WHERE (SELECT count(*) FROM audit_log a WHERE "      \
    "a.table_name = 'status_update' AND a.row_id = s.id AND a.action = "       \
    "'insert' AND a.actor = 'tester') <> 1)"

/* A bulk write's rows get the audit entries their triggers would have
 * written, one a row, and the triggers are back for every other write,
 * whether the bulk write committed or rolled back. */
static void
bulk_audit_gives_every_row_its_entry(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    int64_t a0 = add_item(fx, plan, 0, GT_ITEM_ACTION, "A0", "Ann", NULL);
    assert_int_equal(gt_db_bulk_write(fx->db, &fx->ctx), GT_INVALID);

    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_bulk_write(fx->db, &fx->ctx), GT_OK);
    /* under an item from before the bulk write, whose key is read */
    add_item(fx, plan, a0, GT_ITEM_MILESTONE, "A0.1", "Ann", NULL);
    int64_t a = add_item(fx, plan, 0, GT_ITEM_ACTION, "A1", "Ann", NULL);
    add_item(fx, plan, a, GT_ITEM_MILESTONE, "A1.1", "Ann", NULL);
    assert_int_equal(gt_db_status_add(fx->db, a, GT_GREEN, NULL, "Bo",
                                      D(2026, 10, 31), NULL, &fx->ctx),
                     GT_OK);
    /* a person added in a savepoint that is undone is not remembered */
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    add_item(fx, plan, a, GT_ITEM_MILESTONE, "A1.2", "Cy", NULL);
    gt_db_rollback(fx->db);
    add_item(fx, plan, a, GT_ITEM_MILESTONE, "A1.3", "Cy", NULL);
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(stored(fx, "SELECT count(*) FROM item i JOIN person p "
                                "ON p.id = i.lead_id WHERE i.ref = 'A1.3' "
                                "AND p.name = 'Cy'"),
                     1);
    assert_int_equal(count(fx, "item"), 5);
    assert_int_equal(stored(fx, UNAUDITED), 0);
    assert_int_equal(stored(fx, STATUS_DRIFT), 0);
    assert_int_equal(stored(fx, TALLY_DRIFT), 0);
    assert_int_equal(stored(fx, AUDIT_TRIGGERS), 3);
    assert_int_equal(stored(fx, TREE_KEY_DRIFT), 0);

    /* rolled back: nothing to audit, the triggers as they were */
    long audits = count(fx, "audit_log");
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_bulk_write(fx->db, &fx->ctx), GT_OK);
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A2", "Ann", NULL);
    gt_db_rollback(fx->db);
    assert_int_equal(count(fx, "audit_log"), audits);
    assert_int_equal(stored(fx, AUDIT_TRIGGERS), 3);
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A3", "Ann", NULL);
    assert_int_equal(count(fx, "audit_log"), audits + 1);
    assert_int_equal(stored(fx, UNAUDITED), 0);
}

static void
rate(struct fixture *fx, int64_t item, enum gt_brag brag, int32_t as_of)
{
    assert_int_equal(
        gt_db_status_add(fx->db, item, brag, NULL, "Bo", as_of, NULL, &fx->ctx),
        GT_OK);
}

static enum gt_brag
status_as_of(struct fixture *fx, int64_t item, int32_t as_of)
{
    struct gt_item it;
    assert_int_equal(gt_db_item_get(fx->db, item, as_of, &it, &fx->ctx), GT_OK);
    enum gt_brag b = it.status;
    gt_item_finish(&it);
    return b;
}

/* The stored current status is the update describing the latest date
 * whatever order the updates come in, one by one or in bulk, and a view
 * of an earlier date still reads the history. */
static void
current_status_follows_the_latest_date(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    int64_t a = add_item(fx, plan, 0, GT_ITEM_ACTION, "A", NULL, NULL);
    int64_t b = add_item(fx, plan, 0, GT_ITEM_ACTION, "B", NULL, NULL);
    int64_t c = add_item(fx, plan, 0, GT_ITEM_ACTION, "C", NULL, NULL);
    rate(fx, a, GT_AMBER, D(2026, 10, 31));
    rate(fx, a, GT_GREEN, D(1999, 1, 1)); /* back-dated: not current */
    rate(fx, b, GT_RED, D(2026, 9, 30));
    rate(fx, b, GT_BLUE, D(2026, 9, 30)); /* same date: the later wins */
    assert_int_equal(stored(fx, STATUS_DRIFT), 0);
    assert_int_equal(stored(fx, TALLY_DRIFT), 0);
    assert_int_equal(status_as_of(fx, a, GT_NO_DATE), GT_AMBER);
    assert_int_equal(status_as_of(fx, a, D(2026, 1, 1)), GT_GREEN);
    assert_int_equal(status_as_of(fx, a, D(1998, 1, 1)), GT_NOT_RATED);
    assert_int_equal(status_as_of(fx, b, D(2026, 9, 30)), GT_BLUE);
    assert_int_equal(status_as_of(fx, c, GT_NO_DATE), GT_NOT_RATED);

    /* in bulk: several updates of one item in one write, older and newer
     * than what it had */
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_bulk_write(fx->db, &fx->ctx), GT_OK);
    rate(fx, a, GT_RED, D(2026, 11, 30));
    rate(fx, a, GT_BLUE, D(2026, 11, 1));
    rate(fx, b, GT_GREEN, D(2026, 1, 1));
    rate(fx, c, GT_GREEN, D(2026, 5, 1));
    rate(fx, c, GT_AMBER, D(2026, 5, 1));
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(stored(fx, STATUS_DRIFT), 0);
    assert_int_equal(stored(fx, TALLY_DRIFT), 0);
    assert_int_equal(status_as_of(fx, a, GT_NO_DATE), GT_RED);
    assert_int_equal(status_as_of(fx, a, D(2026, 11, 15)), GT_BLUE);
    assert_int_equal(status_as_of(fx, b, GT_NO_DATE), GT_BLUE);
    assert_int_equal(status_as_of(fx, c, GT_NO_DATE), GT_AMBER);

    /* a child makes its parent a group of work, not work: a's milestone
     * counts, not a; and a plan's counts as of a day before its latest
     * updates come from the history, not the tally */
    int64_t m = add_item(fx, plan, a, GT_ITEM_MILESTONE, "A.1", NULL, NULL);
    rate(fx, m, GT_GREEN, D(2026, 6, 1));
    assert_int_equal(stored(fx, TALLY_DRIFT), 0);
    struct gt_brag_counts now, then;
    assert_int_equal(
        gt_db_rollup(fx->db, GT_SCOPE_PLAN, "p", GT_NO_DATE, &now, &fx->ctx),
        GT_OK);
    assert_int_equal(now.n[GT_GREEN], 1);
    assert_int_equal(now.n[GT_BLUE], 1);
    assert_int_equal(now.n[GT_AMBER], 1);
    assert_int_equal(now.n[GT_RED], 0);
    assert_int_equal(gt_db_rollup(fx->db, GT_SCOPE_PLAN, "p", D(2026, 3, 1),
                                  &then, &fx->ctx),
                     GT_OK);
    assert_int_equal(then.n[GT_GREEN], 1); /* b, as it was on 1 January */
    assert_int_equal(then.n[GT_NOT_RATED], 2);
    assert_int_equal(gt_brag_total(&then), 3);
}

/* T1 has A1 (with milestones M1 Blue, M2 Red) and A2 (leaf, Green); T2 has
 * A3 (leaf, never rated). */
/* Each table's inserts, updates and deletes that no count of changes
 * follows (0016_change_counts.sql), as "table EVENT, ..."; a table may
 * instead refuse the change outright (append-only), or be one that no
 * kept page shows. Caller frees. */
#define UNCOUNTED_CHANGES                                                      \
    "WITH t(name) AS (SELECT name FROM sqlite_schema WHERE type = 'table' "    \
    "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'csc_%' AND name NOT IN "  \
    "('audit_log', 'session', 'sign_in_failure', 'app_user', 'api_token', "    \
    "'item_status', 'plan_tally', 'data_change')), "                           \
    "e(event) AS (VALUES ('INSERT'), ('UPDATE'), ('DELETE')) "                 \
    "SELECT IFNULL(group_concat(t.name || ' ' || e.event, ', '), '') "         \
    "FROM t, e WHERE NOT EXISTS (SELECT 1 FROM sqlite_schema g WHERE "         \
    "g.type = 'trigger' AND g.tbl_name = t.name AND ((g.sql LIKE '%AFTER ' "   \
    "|| e.event || ' ON%' AND (g.sql LIKE '%changes = changes + 1%' OR "       \
    "g.sql LIKE '%UPDATE data_change SET n = n + 1%')) OR (g.sql LIKE "        \
    "'%BEFORE ' || e.event || ' ON%BEGIN%RAISE(ABORT%' AND g.sql NOT LIKE "    \
    "'% WHEN %')))"

/* A table added without saying how its changes are counted would let a
 * kept page outlive a change to it. */
static void
every_table_counts_its_changes(void **state)
{
    struct fixture *fx = *state;
    char *missing = stored_text(fx, UNCOUNTED_CHANGES);
    if (*missing)
        print_error("changes no count follows: %s\n", missing);
    assert_string_equal(missing, "");
    free(missing);
}

static bool
same_changes(struct gt_db_changes a, struct gt_db_changes b)
{
    return a.rest == b.rest && a.plan == b.plan;
}

/* A plan's count moves with its own rows only, the rest with what no one
 * plan owns, the sum over plans with any plan; a rollback moves nothing,
 * and a bulk write moves each plan it touched. */
static void
changes_follow_what_they_count(void **state)
{
    struct fixture *fx = *state;
    int64_t a = add_plan(fx, "a", GT_PLAN_TEAM);
    add_plan(fx, "b", GT_PLAN_TEAM);
    int64_t item = add_item(fx, a, 0, GT_ITEM_ACTION, "A1", "Ann", NULL);
    int64_t person;
    /* who rates below, known already: a new person moves the rest */
    assert_int_equal(gt_db_person_ensure(fx->db, "Bo", &person, &fx->ctx),
                     GT_OK);
    struct gt_db_changes a0 = gt_db_changes(fx->db, "a"),
                         b0 = gt_db_changes(fx->db, "b"),
                         all0 = gt_db_changes(fx->db, NULL);
    assert_true(a0.rest >= 0 && b0.rest >= 0 && all0.rest >= 0);
    assert_int_equal(gt_db_changes(fx->db, "nowhere").rest, -1);

    /* a status update in plan a */
    rate(fx, item, GT_RED, D(2026, 10, 31));
    struct gt_db_changes a1 = gt_db_changes(fx->db, "a"),
                         all1 = gt_db_changes(fx->db, NULL);
    assert_false(same_changes(a0, a1));
    assert_true(same_changes(b0, gt_db_changes(fx->db, "b")));
    assert_false(same_changes(all0, all1));

    /* a section of plan b */
    assert_int_equal(gt_db_section_set(fx->db, "b", 0, "Our vision", &fx->ctx),
                     GT_OK);
    struct gt_db_changes b1 = gt_db_changes(fx->db, "b");
    assert_false(same_changes(b0, b1));
    assert_true(same_changes(a1, gt_db_changes(fx->db, "a")));

    /* a new person: every plan's pages may name them */
    assert_int_equal(gt_db_person_ensure(fx->db, "Dee", &person, &fx->ctx),
                     GT_OK);
    struct gt_db_changes a2 = gt_db_changes(fx->db, "a");
    assert_int_equal(a2.rest, a1.rest + 1);
    assert_int_equal(a2.plan, a1.plan);

    /* undone: as if never written */
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    rate(fx, item, GT_GREEN, D(2026, 11, 30));
    assert_int_equal(gt_db_person_ensure(fx->db, "Eve", &person, &fx->ctx),
                     GT_OK);
    gt_db_rollback(fx->db);
    assert_true(same_changes(a2, gt_db_changes(fx->db, "a")));

    /* a new plan moves the pages of every plan, and is counted itself */
    struct gt_db_changes all2 = gt_db_changes(fx->db, NULL);
    add_plan(fx, "c", GT_PLAN_TEAM);
    assert_false(same_changes(all2, gt_db_changes(fx->db, NULL)));
    assert_true(gt_db_changes(fx->db, "c").rest >= 0);

    /* a bulk write: the plan it touched, not the other */
    b1 = gt_db_changes(fx->db, "b");
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_bulk_write(fx->db, &fx->ctx), GT_OK);
    int64_t added = add_item(fx, a, 0, GT_ITEM_ACTION, "A2", "Ann", NULL);
    rate(fx, added, GT_AMBER, D(2026, 10, 31));
    assert_int_equal(gt_db_commit(fx->db, &fx->ctx), GT_OK);
    assert_true(gt_db_changes(fx->db, "a").plan > a2.plan);
    assert_true(same_changes(b1, gt_db_changes(fx->db, "b")));
    assert_int_equal(stored(fx, TALLY_DRIFT), 0);
}

/* A read transaction shows one state of the data while another
 * connection commits, and ends itself for a write of its own, which sees
 * the latest data. */
static void
reads_see_one_state(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "a", GT_PLAN_TEAM);
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A1", "Ann", NULL);
    struct gt_db *other = NULL;
    assert_int_equal(gt_db_open(fx->path, &other, &fx->ctx), GT_OK);
    gt_db_set_actor(other, "tester");

    gt_db_read_begin(fx->db);
    assert_int_equal(count(fx, "item"), 1);
    struct gt_item it;
    gt_item_init(&it);
    it.plan_id = plan;
    it.kind = GT_ITEM_ACTION;
    it.ref = xstrdup("A2");
    it.title = xstrdup("Elsewhere");
    it.position = 2;
    assert_int_equal(gt_db_item_add(other, &it, &fx->ctx), GT_OK);
    gt_item_finish(&it);
    assert_int_equal(count(fx, "item"), 1);
    /* a write ends the read first: it is made on the latest data */
    int64_t added = add_item(fx, plan, 0, GT_ITEM_ACTION, "A3", "Ann", NULL);
    assert_int_equal(added, 3);
    assert_int_equal(count(fx, "item"), 3);
    gt_db_read_end(fx->db);

    gt_db_read_begin(fx->db);
    gt_db_read_end(fx->db);
    gt_db_read_end(fx->db); /* ending twice is harmless */
    assert_int_equal(gt_db_depth(fx->db), 0);
    gt_db_close(other);
}

static int64_t
build_rollup_plan(struct fixture *fx)
{
    assert_int_equal(
        gt_db_org_set(fx->db, "Test Council", "E06000001", "001", &fx->ctx),
        GT_OK);
    assert_int_equal(
        gt_db_unit_add(fx->db, "CS", "directorate", NULL, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_unit_add(fx->db, "EH", "service", "CS", &fx->ctx),
                     GT_OK);
    assert_int_equal(gt_db_unit_add(fx->db, "X", "team", "Nowhere", &fx->ctx),
                     GT_NOTFOUND);
    struct gt_plan p;
    gt_plan_init(&p);
    p.code = xstrdup("r");
    p.title = xstrdup("Roll-up");
    p.kind = GT_PLAN_SERVICE_DEVELOPMENT;
    p.owner_unit = xstrdup("EH");
    assert_int_equal(gt_db_plan_add(fx->db, &p, &fx->ctx), GT_OK);
    int64_t plan = p.id;
    gt_plan_finish(&p);
    int64_t t1 = add_item(fx, plan, 0, GT_ITEM_THEME, "T1", NULL, NULL);
    int64_t t2 = add_item(fx, plan, 0, GT_ITEM_THEME, "T2", NULL, NULL);
    int64_t a1 = add_item(fx, plan, t1, GT_ITEM_ACTION, "T1.1", "Ann", NULL);
    int64_t m1 =
        add_item(fx, plan, a1, GT_ITEM_MILESTONE, "T1.1.1", "Ann", NULL);
    int64_t m2 =
        add_item(fx, plan, a1, GT_ITEM_MILESTONE, "T1.1.2", "Bob", NULL);
    int64_t a2 = add_item(fx, plan, t1, GT_ITEM_ACTION, "T1.2", "Bob", NULL);
    add_item(fx, plan, t2, GT_ITEM_ACTION, "T2.1", "Bob", NULL);
    int32_t day = D(2026, 10, 31);
    assert_int_equal(
        gt_db_status_add(fx->db, a1, GT_AMBER, NULL, NULL, day, NULL, &fx->ctx),
        GT_OK);
    assert_int_equal(
        gt_db_status_add(fx->db, m1, GT_BLUE, NULL, NULL, day, NULL, &fx->ctx),
        GT_OK);
    assert_int_equal(
        gt_db_status_add(fx->db, m2, GT_RED, NULL, NULL, day, NULL, &fx->ctx),
        GT_OK);
    assert_int_equal(
        gt_db_status_add(fx->db, a2, GT_GREEN, NULL, NULL, day, NULL, &fx->ctx),
        GT_OK);
    return plan;
}

static void
expect_counts(struct fixture *fx, enum gt_scope scope, const char *name,
              int32_t as_of, long blue, long green, long amber, long red,
              long none)
{
    struct gt_brag_counts c;
    assert_int_equal(gt_db_rollup(fx->db, scope, name, as_of, &c, &fx->ctx),
                     GT_OK);
    assert_int_equal(c.n[GT_BLUE], blue);
    assert_int_equal(c.n[GT_GREEN], green);
    assert_int_equal(c.n[GT_AMBER], amber);
    assert_int_equal(c.n[GT_RED], red);
    assert_int_equal(c.n[GT_NOT_RATED], none);
}

static void
rollups_count_each_piece_of_work_once(void **state)
{
    struct fixture *fx = *state;
    build_rollup_plan(fx);
    /* A1's own Amber is not counted: its milestones stand for it */
    expect_counts(fx, GT_SCOPE_PLAN, "r", GT_NO_DATE, 1, 1, 0, 1, 1);
    expect_counts(fx, GT_SCOPE_ITEM, "r:T1", GT_NO_DATE, 1, 1, 0, 1, 0);
    expect_counts(fx, GT_SCOPE_ITEM, "r:T2", GT_NO_DATE, 0, 0, 0, 0, 1);
    expect_counts(fx, GT_SCOPE_ITEM, "r:T1.1", GT_NO_DATE, 1, 0, 0, 1, 0);
    expect_counts(fx, GT_SCOPE_LEAD, "Bob", GT_NO_DATE, 0, 1, 0, 1, 1);
    expect_counts(fx, GT_SCOPE_LEAD, "Ann", GT_NO_DATE, 1, 0, 0, 0, 0);
    expect_counts(fx, GT_SCOPE_UNIT, "CS", GT_NO_DATE, 1, 1, 0, 1, 1);
    expect_counts(fx, GT_SCOPE_UNIT, "EH", GT_NO_DATE, 1, 1, 0, 1, 1);
    /* before the updates, everything is Not rated */
    expect_counts(fx, GT_SCOPE_PLAN, "r", D(2026, 10, 30), 0, 0, 0, 0, 4);
    /* counting a loaded plan in memory gives the store's answer */
    struct gt_plan p;
    struct gt_items items = {0};
    struct gt_brag_counts mem, sql;
    assert_int_equal(gt_db_plan_get(fx->db, "r", &p, &fx->ctx), GT_OK);
    assert_int_equal(
        gt_db_plan_items(fx->db, p.id, GT_NO_DATE, &items, &fx->ctx), GT_OK);
    gt_items_rollup(&items, &mem);
    assert_int_equal(
        gt_db_rollup(fx->db, GT_SCOPE_PLAN, "r", GT_NO_DATE, &sql, &fx->ctx),
        GT_OK);
    assert_memory_equal(&mem, &sql, sizeof mem);
    gt_items_finish(&items);
    gt_plan_finish(&p);
    struct gt_brag_counts c;
    assert_int_equal(
        gt_db_rollup(fx->db, GT_SCOPE_PLAN, "nope", GT_NO_DATE, &c, &fx->ctx),
        GT_NOTFOUND);
    assert_int_equal(
        gt_db_rollup(fx->db, GT_SCOPE_ITEM, "r:T9", GT_NO_DATE, &c, &fx->ctx),
        GT_NOTFOUND);
    assert_int_equal(
        gt_db_rollup(fx->db, GT_SCOPE_LEAD, "Zed", GT_NO_DATE, &c, &fx->ctx),
        GT_NOTFOUND);
}

/* Lists of plans and of people read every roll-up at once: the same
 * counts as asking for each, on the day of the latest updates, before
 * them (the tallies cannot answer) and between, and a plan or lead with
 * nothing counted is all zero. */
static void
rollups_of_every_plan_and_lead_at_once_match_each(void **state)
{
    struct fixture *fx = *state;
    build_rollup_plan(fx);
    int64_t q = add_plan(fx, "q", GT_PLAN_TEAM);
    int64_t qa = add_item(fx, q, 0, GT_ITEM_ACTION, "1", "Cy", NULL);
    int64_t qb = add_item(fx, q, 0, GT_ITEM_ACTION, "2", "Ann", NULL);
    add_item(fx, q, 0, GT_ITEM_ACTION, "3", "Bob", NULL);
    add_plan(fx, "empty", GT_PLAN_TEAM);
    rate(fx, qa, GT_RED, D(2026, 1, 10));
    rate(fx, qa, GT_GREEN, D(2026, 12, 1));
    rate(fx, qb, GT_AMBER, D(2026, 6, 1));
    static const char *const plans[] = {"empty", "q", "r"};
    static const char *const leads[] = {"Ann", "Bob", "Cy"};
    const int32_t days[] = {GT_NO_DATE, D(2026, 1, 1), D(2026, 7, 1),
                            D(2026, 11, 1)};
    for (size_t d = 0; d < sizeof days / sizeof *days; d++) {
        for (int scope = 0; scope < 2; scope++) {
            enum gt_scope which = scope ? GT_SCOPE_LEAD : GT_SCOPE_PLAN;
            const char *const *names = scope ? leads : plans;
            struct gt_rollups all;
            assert_int_equal(
                gt_db_rollup_each(fx->db, which, days[d], &all, &fx->ctx),
                GT_OK);
            for (int i = 0; i < 3; i++) {
                struct gt_brag_counts one, each = gt_rollups_of(&all, names[i]);
                assert_int_equal(gt_db_rollup(fx->db, which, names[i], days[d],
                                              &one, &fx->ctx),
                                 GT_OK);
                assert_memory_equal(&one, &each, sizeof one);
            }
            gt_rollups_finish(&all);
        }
    }
    struct gt_rollups all;
    assert_int_equal(
        gt_db_rollup_each(fx->db, GT_SCOPE_LEAD, GT_NO_DATE, &all, &fx->ctx),
        GT_OK);
    struct gt_brag_counts cy = gt_rollups_of(&all, "Cy"),
                          nobody = gt_rollups_of(&all, "Nobody");
    assert_int_equal(cy.n[GT_GREEN], 1);
    assert_int_equal(gt_brag_total(&cy), 1);
    assert_int_equal(gt_brag_total(&nobody), 0);
    gt_rollups_finish(&all);
    assert_int_equal(
        gt_db_rollup_each(fx->db, GT_SCOPE_UNIT, GT_NO_DATE, &all, &fx->ctx),
        GT_INVALID);
}

static void
links_make_a_thread_without_loops(void **state)
{
    struct fixture *fx = *state;
    int64_t corp = add_plan(fx, "corp", GT_PLAN_CORPORATE);
    int64_t dir = add_plan(fx, "dir", GT_PLAN_DIRECTORATE);
    int64_t o1 = add_item(fx, corp, 0, GT_ITEM_OUTCOME, "O1", NULL, NULL);
    int64_t f1 = add_item(fx, dir, 0, GT_ITEM_PRIORITY, "F1", NULL, NULL);
    int64_t f11 = add_item(fx, dir, f1, GT_ITEM_OBJECTIVE, "F1.1", NULL, NULL);
    assert_int_equal(gt_db_link_add(fx->db, f1, o1, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_link_add(fx->db, f1, o1, &fx->ctx), GT_CONFLICT);
    assert_int_equal(gt_db_link_add(fx->db, o1, f1, &fx->ctx), GT_CONFLICT);
    /* through the tree: o1 <- f1 contains f11, so f11 -> ... -> o1 and o1
     * may not contribute to f11 */
    assert_int_equal(gt_db_link_add(fx->db, o1, f11, &fx->ctx), GT_CONFLICT);
    assert_int_equal(gt_db_link_add(fx->db, f1, f11, &fx->ctx), GT_CONFLICT);
    assert_int_equal(gt_db_link_add(fx->db, f1, f1, &fx->ctx), GT_CONFLICT);
    assert_int_equal(count(fx, "link"), 1);

    struct gt_items up = {0}, down = {0};
    assert_int_equal(gt_db_links_up(fx->db, f1, GT_NO_DATE, &up, &fx->ctx),
                     GT_OK);
    assert_int_equal(up.n, 1);
    assert_string_equal(up.v[0].ref, "O1");
    assert_string_equal(up.v[0].plan_code, "corp");
    assert_int_equal(gt_db_links_down(fx->db, o1, GT_NO_DATE, &down, &fx->ctx),
                     GT_OK);
    assert_int_equal(down.n, 1);
    assert_string_equal(down.v[0].ref, "F1");
    gt_items_finish(&up);
    gt_items_finish(&down);
}

/* Overdue is work due before the day, not blue, not ongoing or
 * recurring, never a group; filtered by lead and plan, longest overdue
 * first, and no more than asked for. */
static void
overdue_is_what_is_late_and_not_done(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    int64_t other = add_plan(fx, "q", GT_PLAN_TEAM);
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A1", "Ann", "December 2016");
    int64_t a2 =
        add_item(fx, plan, 0, GT_ITEM_ACTION, "A2", "Bob", "November 2016");
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A3", "Ann", "March 2017");
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A4", "Ann", "-");
    add_item(fx, plan, 0, GT_ITEM_THEME, "T1", "Ann", "October 2016");
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A5", "Ann",
             "Start July 2016 and every two months thereafter.");
    add_item(fx, plan, 0, GT_ITEM_ACTION, "A6", "Ann",
             "March 2016 and ongoing");
    add_item(fx, other, 0, GT_ITEM_ACTION, "B1", "Ann", "September 2016");
    assert_int_equal(gt_db_status_add(fx->db, a2, GT_BLUE, NULL, NULL,
                                      D(2016, 11, 1), NULL, &fx->ctx),
                     GT_OK);
    struct gt_items items = {0};
    assert_int_equal(gt_db_items_overdue(fx->db, D(2017, 1, 1), NULL, NULL, -1,
                                         &items, &fx->ctx),
                     GT_OK);
    assert_int_equal(items.n, 2);
    assert_string_equal(items.v[0].ref, "B1");
    assert_string_equal(items.v[1].ref, "A1");
    for (size_t i = 0; i < items.n; i++)
        assert_true(gt_deadline_overdue(&items.v[i].deadline, items.v[i].status,
                                        D(2017, 1, 1)));
    gt_items_finish(&items);
    assert_int_equal(gt_db_items_overdue(fx->db, D(2017, 1, 1), "Ann", "p", -1,
                                         &items, &fx->ctx),
                     GT_OK);
    assert_int_equal(items.n, 1);
    assert_string_equal(items.v[0].ref, "A1");
    gt_items_finish(&items);
    assert_int_equal(gt_db_items_overdue(fx->db, D(2017, 1, 1), "Bob", NULL, -1,
                                         &items, &fx->ctx),
                     GT_OK);
    assert_int_equal(items.n, 0);
    assert_int_equal(gt_db_items_overdue(fx->db, D(2017, 1, 1), NULL, NULL, 1,
                                         &items, &fx->ctx),
                     GT_OK);
    assert_int_equal(items.n, 1);
    assert_string_equal(items.v[0].ref, "B1");
    gt_items_finish(&items);
}

static void
plan_items_come_in_tree_order(void **state)
{
    struct fixture *fx = *state;
    int64_t plan = add_plan(fx, "p", GT_PLAN_TEAM);
    /* added out of order: children first, positions reversed */
    struct gt_item it;
    const struct {
        const char *ref;
        int parent; /* index into ids, -1 top */
        int position;
    } spec[] = {{"B", -1, 2},
                {"A", -1, 1},
                {"B.2", 0, 2},
                {"B.1", 0, 1},
                {"A.1", 1, 1}};
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        gt_item_init(&it);
        it.plan_id = plan;
        it.parent_id = spec[i].parent >= 0 ? ids[spec[i].parent] : 0;
        it.kind = GT_ITEM_ACTION;
        it.ref = xstrdup(spec[i].ref);
        it.title = xstrdup(spec[i].ref);
        it.position = spec[i].position;
        assert_int_equal(gt_db_item_add(fx->db, &it, &fx->ctx), GT_OK);
        ids[i] = it.id;
        gt_item_finish(&it);
    }
    struct gt_items items = {0};
    assert_int_equal(
        gt_db_plan_items(fx->db, plan, GT_NO_DATE, &items, &fx->ctx), GT_OK);
    const char *want[] = {"A", "A.1", "B", "B.1", "B.2"};
    assert_int_equal(items.n, 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(items.v[i].ref, want[i]);
    gt_items_finish(&items);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrates_from_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(transactions_nest, setup, teardown),
        cmocka_unit_test_setup_teardown(sign_in_claims, setup, teardown),
        cmocka_unit_test_setup_teardown(migrates_from_version_1, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(migrates_users_to_version_6, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(migrates_tree_keys_to_version_17, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(refuses_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(plans_and_items, setup, teardown),
        cmocka_unit_test_setup_teardown(status_history_is_append_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(current_status_follows_the_latest_date,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(every_table_counts_its_changes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(changes_follow_what_they_count, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(reads_see_one_state, setup, teardown),
        cmocka_unit_test_setup_teardown(bulk_audit_gives_every_row_its_entry,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(audit_log_records_who_and_what, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rollups_count_each_piece_of_work_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            rollups_of_every_plan_and_lead_at_once_match_each, setup, teardown),
        cmocka_unit_test_setup_teardown(links_make_a_thread_without_loops,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(overdue_is_what_is_late_and_not_done,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(plan_items_come_in_tree_order, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
