/*
 * db_user: users, sessions and sign-in failures in the store; and the
 * queries the web pages need about a person's work. See db.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_internal.h"
#include "core/mem.h"

enum gt_rc
gt_db_user_add(struct gt_db *db, const char *username, const char *display_name,
               enum gt_role role, const char *person, const char *password_hash,
               struct gt_ctx *ctx)
{
    int64_t person_id = 0;
    if (person && *person) {
        enum gt_rc rc = gt_db_person_ensure(db, person, &person_id, ctx);
        if (rc != GT_OK)
            return rc;
    }
    struct db_statement *st = db_stmt(
        db,
        "INSERT INTO app_user(username, display_name, role, person_id, "
        "password_hash, created_at) VALUES ($1, $2, $3, $4, $5, gt_now())",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", display_name);
    db_bind_text(st, "$3", gt_role_code(role));
    db_bind_id(st, "$4", person_id);
    db_bind_text(st, "$5", password_hash);
    char *conflict = xasprintf("a user called \"%s\" already exists", username);
    enum gt_rc rc = db_write(db, st, conflict, NULL, ctx);
    free(conflict);
    return rc;
}

#define USER_COLUMNS                                                           \
    "u.id, u.username, u.display_name, u.role, "                               \
    "COALESCE(u.person_id, 0), p.name, u.disabled, u.password_hash "
#define USER_FROM "FROM app_user u LEFT JOIN person p ON p.id = u.person_id "
#define USER_SELECT "SELECT " USER_COLUMNS USER_FROM

static void
read_user(struct db_statement *st, struct gt_user *u)
{
    gt_user_init(u);
    u->id = db_col_int(st, 0);
    u->username = db_col_text(st, 1);
    u->display_name = db_col_text(st, 2);
    const char *role = db_col_str(st, 3);
    if (!role || !gt_role_parse(role, &u->role))
        u->role = GT_ROLE_VIEWER;
    u->person_id = db_col_int(st, 4);
    u->person = db_col_text(st, 5);
    u->disabled = db_col_int32(st, 6) != 0;
}

enum gt_rc
gt_db_user_get(struct gt_db *db, const char *username, struct gt_user *out,
               char **password_hash, struct gt_ctx *ctx)
{
    gt_user_init(out);
    if (password_hash)
        *password_hash = NULL;
    struct db_statement *st =
        db_stmt(db, USER_SELECT "WHERE u.username = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    enum db_step step = db_step(st);
    enum gt_rc rc = GT_OK;
    if (step == DB_ROW) {
        read_user(st, out);
        if (password_hash)
            *password_hash = db_col_text(st, 7);
    } else if (step == DB_DONE) {
        rc = gt_err(ctx, GT_NOTFOUND, "no user called \"%s\"", username);
    } else {
        rc = db_fail(db, ctx);
    }
    db_done(st);
    return rc;
}

static void
push_user(struct db_statement *st, void *list)
{
    read_user(st, gt_users_push(list));
}

enum gt_rc
gt_db_user_list(struct gt_db *db, struct gt_users *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, USER_SELECT "ORDER BY u.username", ctx);
    if (!st)
        return GT_IO;
    return db_read_rows(db, st, push_user, out, ctx);
}

/* Run an UPDATE of one user; GT_NOTFOUND when it changed nothing. */
static enum gt_rc
update_user(struct gt_db *db, struct db_statement *st, const char *username,
            struct gt_ctx *ctx)
{
    enum gt_rc rc = db_write(db, st, "the user changed twice", NULL, ctx);
    if (rc == GT_OK && db_engine_changes(db->engine) == 0)
        rc = gt_err(ctx, GT_NOTFOUND, "no user called \"%s\"", username);
    return rc;
}

enum gt_rc
gt_db_user_set_password(struct gt_db *db, const char *username,
                        const char *password_hash, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, "UPDATE app_user SET password_hash = $2 WHERE username = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", password_hash);
    return update_user(db, st, username, ctx);
}

enum gt_rc
gt_db_user_set_role(struct gt_db *db, const char *username, enum gt_role role,
                    struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, "UPDATE app_user SET role = $2 WHERE username = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", gt_role_code(role));
    return update_user(db, st, username, ctx);
}

enum gt_rc
gt_db_user_set_disabled(struct gt_db *db, const char *username, bool disabled,
                        struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, "UPDATE app_user SET disabled = $2 WHERE username = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_int(st, "$2", disabled ? 1 : 0);
    return update_user(db, st, username, ctx);
}

enum gt_rc
gt_db_user_end_sessions(struct gt_db *db, const char *username, long *n,
                        struct gt_ctx *ctx)
{
    struct gt_user u;
    gt_user_init(&u);
    enum gt_rc rc = gt_db_user_get(db, username, &u, NULL, ctx);
    int64_t id = u.id;
    gt_user_finish(&u);
    if (rc != GT_OK)
        return rc;
    struct db_statement *st =
        db_stmt(db, "DELETE FROM session WHERE user_id = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", id);
    rc = db_write(db, st, "", NULL, ctx);
    if (rc == GT_OK && n)
        *n = (long)db_engine_changes(db->engine);
    return rc;
}

enum gt_rc
gt_db_session_add(struct gt_db *db, const char *token_hash, int64_t user_id,
                  const char *csrf, long now, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "INSERT INTO session(token_hash, user_id, csrf, created_at, "
                "last_seen) VALUES ($1, $2, $3, $4, $4)",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", token_hash);
    db_bind_int(st, "$2", user_id);
    db_bind_text(st, "$3", csrf);
    db_bind_int(st, "$4", now);
    return db_write(db, st, "the session exists already", NULL, ctx);
}

/* How stale a session's last_seen may grow before it is written again: a
 * request only reads, so pages kept while the data is unchanged stay
 * good, and idle expiry is exact to within this. */
#define SESSION_SEEN_STEP 60

enum gt_rc
gt_db_session_sweep(struct gt_db *db, long now, long idle, long absolute,
                    struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, "DELETE FROM session WHERE last_seen < $1 OR created_at < $2", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", now - idle);
    db_bind_int(st, "$2", now - absolute);
    return db_write(db, st, "", NULL, ctx);
}

enum gt_rc
gt_db_session_get(struct gt_db *db, const char *token_hash, long now, long idle,
                  long absolute, struct gt_user *out, char **csrf,
                  struct gt_ctx *ctx)
{
    gt_user_init(out);
    *csrf = NULL;
    /* expired sessions are never accepted; sign-in deletes them. One
     * statement: every request signed in asks it first. */
    struct db_statement *st =
        db_stmt(db,
                "SELECT " USER_COLUMNS ", s.csrf, s.last_seen " USER_FROM
                ", session s WHERE s.user_id = u.id AND "
                "s.token_hash = $1 AND u.disabled = 0 AND "
                "s.last_seen >= $2 AND s.created_at >= $3",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", token_hash);
    db_bind_int(st, "$2", now - idle);
    db_bind_int(st, "$3", now - absolute);
    long seen = now;
    enum db_step step = db_step(st);
    if (step == DB_ROW) {
        read_user(st, out);
        *csrf = db_col_text(st, 8);
        seen = (long)db_col_int(st, 9);
    }
    enum gt_rc rc = step == DB_ROW    ? GT_OK
                    : step == DB_DONE ? GT_NOTFOUND
                                      : db_fail(db, ctx);
    db_done(st);
    if (rc != GT_OK || now - seen < SESSION_SEEN_STEP)
        return rc;
    /* the mark only keeps an idle session alive: when another writer
     * holds the lock it is left for the next request, never a reason to
     * sign anyone out or to make them wait */
    st = db_stmt(db, "UPDATE session SET last_seen = $2 WHERE token_hash = $1",
                 ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", token_hash);
    db_bind_int(st, "$2", now);
    return db_write_if_free(db, st, ctx);
}

enum gt_rc
gt_db_session_delete(struct gt_db *db, const char *token_hash,
                     struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, "DELETE FROM session WHERE token_hash = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", token_hash);
    return db_write(db, st, "", NULL, ctx);
}

/* The failures of the last window, counted three ways. */
static enum gt_rc
count_failures(struct gt_db *db, const char *username, const char *address,
               long since, long counts[3], struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "SELECT (SELECT count(*) FROM sign_in_failure WHERE username = $1 "
        "AND address = $2 AND at >= $3), (SELECT count(*) FROM "
        "sign_in_failure WHERE address = $2 AND at >= $3), (SELECT count(*) "
        "FROM sign_in_failure WHERE username = $1 AND at >= $3)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", address);
    db_bind_int(st, "$3", since);
    enum gt_rc rc = GT_OK;
    if (db_step(st) == DB_ROW)
        for (int i = 0; i < 3; i++)
            counts[i] = (long)db_col_int(st, i);
    else
        rc = db_fail(db, ctx);
    db_done(st);
    return rc;
}

static enum gt_rc
forget_old_failures(struct gt_db *db, long since, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, "DELETE FROM sign_in_failure WHERE at < $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", since);
    return db_write(db, st, "", NULL, ctx);
}

enum gt_rc
gt_db_sign_in_claim(struct gt_db *db, const char *username, const char *address,
                    long now, const struct gt_sign_in_limits *limits,
                    int64_t *claim, struct gt_ctx *ctx)
{
    long counts[3] = {0, 0, 0};
    long since = now - limits->window;
    *claim = 0;
    enum gt_rc rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        return rc;
    if ((rc = forget_old_failures(db, since, ctx)) != GT_OK ||
        (rc = count_failures(db, username, address, since, counts, ctx)) !=
            GT_OK)
        goto fail;
    if (counts[0] < limits->per_pair && counts[1] < limits->per_address &&
        counts[2] < limits->per_username) {
        struct db_statement *st =
            db_stmt(db,
                    "INSERT INTO sign_in_failure(username, "
                    "address, at) VALUES ($1, $2, $3)",
                    ctx);
        if (!st) {
            rc = GT_IO;
            goto fail;
        }
        db_bind_text(st, "$1", username);
        db_bind_text(st, "$2", address);
        db_bind_int(st, "$3", now);
        if ((rc = db_write(db, st, "", claim, ctx)) != GT_OK)
            goto fail;
    }
    if ((rc = gt_db_commit(db, ctx)) != GT_OK)
        goto fail;
    return GT_OK;
fail:
    *claim = 0;
    gt_db_rollback(db);
    return rc;
}

enum gt_rc
gt_db_sign_in_succeeded(struct gt_db *db, int64_t claim, struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db,
        "DELETE FROM sign_in_failure WHERE id = $1 OR (username, address) "
        "= (SELECT username, address FROM sign_in_failure WHERE id = $1)",
        ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", claim);
    return db_write(db, st, "", NULL, ctx);
}

enum gt_rc
gt_db_item_led_by(struct gt_db *db, int64_t item_id, int64_t person_id,
                  bool *yes, struct gt_ctx *ctx)
{
    *yes = false;
    if (!person_id)
        return GT_OK;
    struct db_statement *st = db_stmt(
        db,
        "WITH RECURSIVE up(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT "
        "i.parent_id "
        "FROM item i JOIN up ON i.id = up.id WHERE i.parent_id IS NOT NULL) "
        "SELECT 1 FROM item WHERE id IN (SELECT id FROM up) AND "
        "(lead_id = $2 OR owner_id = $2) LIMIT 1",
        ctx);
    if (st) {
        db_bind_int(st, "$1", item_id);
        db_bind_int(st, "$2", person_id);
    }
    return db_step_exists(db, st, yes, ctx);
}

enum gt_rc
gt_db_items_of_person(struct gt_db *db, int64_t person_id, int32_t as_of,
                      int limit, struct gt_items *out, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                ITEM_SELECT "WHERE (i.lead_id = $1 OR i.owner_id = $1) AND "
                            "i.kind <> 'priority' AND i.kind <> 'theme' "
                            "ORDER BY i.deadline_due IS NULL, "
                            "i.deadline_due, p.code, i.id LIMIT $2",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", person_id);
    db_bind_int(st, "$2", limit);
    db_bind_as_of(st, "$asof", as_of);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
gt_db_items_recently_updated(struct gt_db *db, int limit, struct gt_items *out,
                             struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                ITEM_SELECT "WHERE cur.last_update_id IS NOT NULL "
                            "ORDER BY cur.last_update_id DESC LIMIT $1",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", limit);
    db_bind_as_of(st, "$asof", GT_NO_DATE);
    return db_read_items(db, st, out, ctx);
}

enum gt_rc
gt_db_token_add(struct gt_db *db, const char *username, const char *token_hash,
                const char *label, int64_t *id, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db,
                "INSERT INTO api_token(user_id, token_hash, label, created_at) "
                "SELECT id, $2, $3, gt_now() FROM app_user WHERE username = $1",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", token_hash);
    db_bind_text(st, "$3", label);
    enum gt_rc rc = db_write(db, st, "the token exists already", id, ctx);
    if (rc == GT_OK && db_engine_changes(db->engine) == 0)
        rc = gt_err(ctx, GT_NOTFOUND, "no user called \"%s\"", username);
    return rc;
}

enum gt_rc
gt_db_token_user(struct gt_db *db, const char *token_hash, struct gt_user *out,
                 struct gt_ctx *ctx)
{
    gt_user_init(out);
    struct db_statement *st =
        db_stmt(db,
                USER_SELECT ", api_token t WHERE t.user_id = "
                            "u.id AND t.token_hash = $1 AND "
                            "t.revoked = 0 AND u.disabled = 0",
                ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", token_hash);
    enum db_step step = db_step(st);
    enum gt_rc rc = GT_OK;
    if (step == DB_ROW)
        read_user(st, out);
    else
        rc = step == DB_DONE ? GT_NOTFOUND : db_fail(db, ctx);
    db_done(st);
    return rc;
}

enum gt_rc
gt_db_token_revoke(struct gt_db *db, int64_t id, struct gt_ctx *ctx)
{
    struct db_statement *st =
        db_stmt(db, "UPDATE api_token SET revoked = 1 WHERE id = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_int(st, "$1", id);
    enum gt_rc rc = db_write(db, st, "the token changed twice", NULL, ctx);
    if (rc == GT_OK && db_engine_changes(db->engine) == 0)
        rc = gt_err(ctx, GT_NOTFOUND, "no token number %lld", (long long)id);
    return rc;
}

/* The stored hash of a user who signs in only through the identity
 * provider: not an Argon2id string, so no password ever matches it. */
#define NO_PASSWORD "!signed-in-by-the-identity-provider"

static enum gt_rc
set_display_name(struct gt_db *db, const char *username, const char *name,
                 struct gt_ctx *ctx)
{
    struct db_statement *st = db_stmt(
        db, "UPDATE app_user SET display_name = $2 WHERE username = $1", ctx);
    if (!st)
        return GT_IO;
    db_bind_text(st, "$1", username);
    db_bind_text(st, "$2", name);
    return update_user(db, st, username, ctx);
}

enum gt_rc
gt_db_user_provision(struct gt_db *db, const char *username,
                     const char *display_name, enum gt_role role,
                     struct gt_user *out, struct gt_ctx *ctx)
{
    const char *name = display_name && *display_name ? display_name : username;
    enum gt_rc rc = gt_db_begin(db, ctx);
    if (rc != GT_OK)
        return rc;
    rc = gt_db_user_get(db, username, out, NULL, ctx);
    if (rc == GT_NOTFOUND) {
        gt_user_finish(out);
        gt_ctx_clear(ctx);
        rc = gt_db_user_add(db, username, name, role, NULL, NO_PASSWORD, ctx);
        if (rc == GT_OK)
            rc = gt_db_user_get(db, username, out, NULL, ctx);
    } else if (rc == GT_OK && out->disabled) {
        rc = gt_err(ctx, GT_FORBIDDEN, "%s is deactivated", username);
    } else if (rc == GT_OK &&
               (out->role != role || strcmp(out->display_name, name) != 0)) {
        if (out->role != role)
            rc = gt_db_user_set_role(db, username, role, ctx);
        if (rc == GT_OK && strcmp(out->display_name, name) != 0)
            rc = set_display_name(db, username, name, ctx);
        gt_user_finish(out);
        if (rc == GT_OK)
            rc = gt_db_user_get(db, username, out, NULL, ctx);
    }
    if (rc != GT_OK) {
        gt_db_rollback(db);
        return rc;
    }
    return gt_db_commit(db, ctx);
}
