/* Unit tests for the child ID key (core/child_key.c, core/db_child_key.c):
 * kept in its own file and never in the database, moved out of a database
 * an earlier version kept it in, and never silently replaced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "core/child_key.h"
#include "core/db.h"
#include "core/mem.h"

#define OLD_KEY                                                                \
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

struct fixture {
    char dir[64];
    char path[96];
    char key_path[112];
    struct gt_ctx ctx;
};

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-key-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/t.db", fx->dir);
    snprintf(fx->key_path, sizeof fx->key_path, "%s/t.db.key", fx->dir);
    gt_ctx_init(&fx->ctx);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    static const char *const suffixes[] = {"", "-wal", "-shm", ".key",
                                           ".other"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char name[128];
        snprintf(name, sizeof name, "%s%s", fx->path, suffixes[i]);
        unlink(name);
    }
    rmdir(fx->dir);
    gt_ctx_finish(&fx->ctx);
    free(fx);
    return 0;
}

static struct gt_db *
open_db(struct fixture *fx)
{
    struct gt_db *db = NULL;
    assert_int_equal(gt_db_open(fx->path, &db, &fx->ctx), GT_OK);
    return db;
}

/* The functions the schema's audit triggers call, as the store would
 * supply them. */
static void
fixed_text(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(c, "earlier version", -1, SQLITE_STATIC);
}

/* Run sql on the file as an earlier version would have written it. */
static void
raw_sql(struct fixture *fx, const char *sql)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(fx->path, &h), SQLITE_OK);
    static const char *const functions[] = {"gt_now", "gt_actor", "gt_json"};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(sqlite3_create_function(h, functions[i], -1,
                                                 SQLITE_UTF8, NULL, fixed_text,
                                                 NULL, NULL),
                         SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(h);
}

/* Whether text occurs anywhere in the file at path (absent: false). */
static bool
file_holds(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = strlen(text), got = 0;
    bool found = false;
    int c;
    /* a naive scan is enough for a key of distinct-enough digits */
    char *window = xcalloc(1, n);
    while (!found && (c = fgetc(f)) != EOF) {
        memmove(window, window + 1, n - 1);
        window[n - 1] = (char)c;
        found = ++got >= n && memcmp(window, text, n) == 0;
    }
    free(window);
    fclose(f);
    return found;
}

static char *
read_key(const char *path)
{
    char key[GT_KEY_HEX_LEN];
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    enum gt_rc rc = gt_child_key_read(path, key, &ctx);
    gt_ctx_finish(&ctx);
    return rc == GT_OK ? xstrdup(key) : NULL;
}

static void
key_is_made_in_its_own_file(void **state)
{
    struct fixture *fx = *state;
    struct gt_db *db = open_db(fx);
    char *key = NULL, *again = NULL;
    assert_int_equal(gt_db_child_key(db, &key, &fx->ctx), GT_OK);
    assert_int_equal(strlen(key), 64);
    struct stat sb;
    assert_int_equal(stat(fx->key_path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char *on_disk = read_key(fx->key_path);
    assert_string_equal(on_disk, key);
    assert_int_equal(gt_db_child_key(db, &again, &fx->ctx), GT_OK);
    assert_string_equal(again, key);
    gt_db_close(db);
    assert_false(file_holds(fx->path, key));
    free(key);
    free(again);
    free(on_disk);
}

static void
key_kept_in_the_database_moves_out(void **state)
{
    struct fixture *fx = *state;
    gt_db_close(open_db(fx));
    raw_sql(fx,
            "INSERT INTO setting(key, value) VALUES ('child_id_key', '" OLD_KEY
            "'); INSERT INTO csc_child(hash) VALUES ('0123456789abcdef')");
    assert_true(file_holds(fx->path, OLD_KEY));
    struct gt_db *db = open_db(fx);
    assert_int_equal(gt_db_use_key_file(db, NULL, &fx->ctx), GT_OK);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "moved out of the database"));
    char *key = NULL;
    assert_int_equal(gt_db_child_key(db, &key, &fx->ctx), GT_OK);
    assert_string_equal(key, OLD_KEY);
    gt_db_close(db);
    char *on_disk = read_key(fx->key_path);
    assert_string_equal(on_disk, OLD_KEY);
    char wal[128];
    snprintf(wal, sizeof wal, "%s-wal", fx->path);
    assert_false(file_holds(fx->path, OLD_KEY));
    assert_false(file_holds(wal, OLD_KEY));
    free(key);
    free(on_disk);
}

static void
a_different_key_file_is_never_overwritten(void **state)
{
    struct fixture *fx = *state;
    gt_db_close(open_db(fx));
    raw_sql(fx,
            "INSERT INTO setting(key, value) VALUES ('child_id_key', '" OLD_KEY
            "')");
    char other[GT_KEY_HEX_LEN];
    gt_new_key_hex(other);
    assert_int_equal(gt_child_key_write(fx->key_path, other, &fx->ctx), GT_OK);
    struct gt_db *db = open_db(fx);
    assert_int_equal(gt_db_use_key_file(db, NULL, &fx->ctx), GT_CONFLICT);
    assert_non_null(
        strstr(gt_ctx_last(&fx->ctx), "the database holds another"));
    gt_db_close(db);
    char *on_disk = read_key(fx->key_path);
    assert_string_equal(on_disk, other);
    assert_true(file_holds(fx->path, OLD_KEY));
    free(on_disk);
}

static void
a_lost_key_is_not_replaced_while_children_are_stored(void **state)
{
    struct fixture *fx = *state;
    struct gt_db *db = open_db(fx);
    char *key = NULL;
    assert_int_equal(gt_db_child_key(db, &key, &fx->ctx), GT_OK);
    free(key);
    raw_sql(fx, "INSERT INTO csc_child(hash) VALUES ('0123456789abcdef')");
    assert_int_equal(unlink(fx->key_path), 0);
    key = NULL;
    assert_int_equal(gt_db_child_key(db, &key, &fx->ctx), GT_NOTFOUND);
    assert_null(key);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "restore the key"));
    assert_int_equal(access(fx->key_path, F_OK), -1);
    gt_db_close(db);
}

static void
a_key_others_may_read_is_refused(void **state)
{
    struct fixture *fx = *state;
    char key[GT_KEY_HEX_LEN];
    gt_new_key_hex(key);
    assert_int_equal(gt_child_key_write(fx->key_path, key, &fx->ctx), GT_OK);
    assert_int_equal(chmod(fx->key_path, 0640), 0);
    char got[GT_KEY_HEX_LEN];
    assert_int_equal(gt_child_key_read(fx->key_path, got, &fx->ctx),
                     GT_INVALID);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "chmod 600"));
}

static void
key_place_follows_the_setting_then_systemd_then_the_database(void **state)
{
    struct fixture *fx = *state;
    char *p = gt_child_key_path(fx->path, "/etc/goldthread/key", fx->dir);
    assert_string_equal(p, "/etc/goldthread/key");
    free(p);
    /* a credentials folder without the key's credential is not used */
    p = gt_child_key_path(fx->path, NULL, fx->dir);
    assert_string_equal(p, fx->key_path);
    free(p);
    char credential[160];
    snprintf(credential, sizeof credential, "%s/" GT_CHILD_KEY_CREDENTIAL,
             fx->dir);
    FILE *f = fopen(credential, "w");
    assert_non_null(f);
    fclose(f);
    p = gt_child_key_path(fx->path, "", fx->dir);
    assert_string_equal(p, credential);
    free(p);
    unlink(credential);
    assert_null(gt_child_key_path(":memory:", NULL, NULL));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(key_is_made_in_its_own_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(key_kept_in_the_database_moves_out,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_different_key_file_is_never_overwritten, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_lost_key_is_not_replaced_while_children_are_stored, setup,
            teardown),
        cmocka_unit_test_setup_teardown(a_key_others_may_read_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            key_place_follows_the_setting_then_systemd_then_the_database, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
