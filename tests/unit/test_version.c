/* Unit tests for plan versions: the status rules (forward only), the
 * store's own guard on them (a snapshot, an approval and a version are
 * never changed or deleted, details change only in a draft, a published
 * version takes no approval: tried with raw SQL, round the code), and the
 * differences between two snapshots. */
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
#include "core/db_internal.h"
#include "core/db_sqlite.h"
#include "core/mem.h"
#include "core/version.h"
#include "io/snapshot_io.h"

static void
status_rules(void **state)
{
    (void)state;
    static const struct {
        enum gt_version_status from, to;
        bool ok;
    } cases[] = {
        {GT_VERSION_DRAFT, GT_VERSION_APPROVED, true},
        {GT_VERSION_DRAFT, GT_VERSION_PUBLISHED, false},
        {GT_VERSION_DRAFT, GT_VERSION_ARCHIVED, true},
        {GT_VERSION_APPROVED, GT_VERSION_PUBLISHED, true},
        {GT_VERSION_APPROVED, GT_VERSION_DRAFT, false},
        {GT_VERSION_PUBLISHED, GT_VERSION_ARCHIVED, true},
        {GT_VERSION_PUBLISHED, GT_VERSION_APPROVED, false},
        {GT_VERSION_PUBLISHED, GT_VERSION_DRAFT, false},
        {GT_VERSION_ARCHIVED, GT_VERSION_PUBLISHED, false},
        {GT_VERSION_ARCHIVED, GT_VERSION_DRAFT, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(gt_version_may_become(cases[i].from, cases[i].to),
                         cases[i].ok);
    enum gt_version_status s;
    assert_true(gt_version_status_parse("Published", &s));
    assert_int_equal(s, GT_VERSION_PUBLISHED);
    assert_false(gt_version_status_parse("final", &s));
}

struct fixture {
    char dir[64], path[96];
    struct gt_db *db;
    struct gt_ctx ctx;
};

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-version-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/t.db", fx->dir);
    gt_ctx_init(&fx->ctx);
    if (gt_db_open(fx->path, &fx->db, &fx->ctx) != GT_OK)
        return -1;
    gt_db_set_actor(fx->db, "tester");
    gt_db_set_clock(fx->db, "2026-11-27T09:00:00Z");
    struct gt_plan p;
    gt_plan_init(&p);
    p.code = xstrdup("bp");
    p.title = xstrdup("Business plan");
    p.kind = GT_PLAN_DIRECTORATE;
    if (gt_db_plan_add(fx->db, &p, &fx->ctx) != GT_OK)
        return -1;
    gt_plan_finish(&p);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    gt_db_close(fx->db);
    gt_ctx_finish(&fx->ctx);
    unlink(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* sql run straight on the store: SQLITE_OK, or the error with its
 * message in *msg (freed by the caller with sqlite3_free). */
static int
raw(struct fixture *fx, const char *sql, char **msg)
{
    *msg = NULL;
    return sqlite3_exec(db_sqlite_handle(fx->db->engine), sql, NULL, NULL, msg);
}

static void
refused(struct fixture *fx, const char *sql, const char *want)
{
    char *msg;
    assert_int_not_equal(raw(fx, sql, &msg), SQLITE_OK);
    assert_non_null(msg);
    if (!strstr(msg, want))
        fail_msg("%s: wanted \"%s\", got \"%s\"", sql, want, msg);
    sqlite3_free(msg);
}

static void
create(struct fixture *fx, const char *snapshot)
{
    struct gt_version v = {.author = xstrdup("tester"),
                           .snapshot = xstrdup(snapshot),
                           .sha256 = xstrdup("0"),
                           .review_date = GT_NO_DATE};
    int n;
    assert_int_equal(gt_db_version_create(fx->db, "bp", &v, &n, &fx->ctx),
                     GT_OK);
    gt_version_finish(&v);
}

static void
store_guards(void **state)
{
    struct fixture *fx = *state;
    char *msg;
    create(fx, "{}");
    refused(fx, "UPDATE plan_version SET snapshot = '{\"x\":1}'",
            "a plan version's snapshot never changes");
    refused(fx, "DELETE FROM plan_version", "a plan version is never deleted");
    refused(fx, "UPDATE plan_version SET status = 'published'",
            "cannot go back to an earlier status");
    /* a draft's details may change */
    assert_int_equal(raw(fx, "UPDATE plan_version SET note = 'n'", &msg),
                     SQLITE_OK);
    int32_t on = gt_date_from_ymd(2026, 11, 20);
    assert_int_equal(gt_db_version_approve(fx->db, "bp", 1, "Cabinet",
                                           "Cabinet meeting", on, &fx->ctx),
                     GT_OK);
    refused(fx, "UPDATE plan_version SET circulation = 'Members only'",
            "only a draft version's details can change");
    refused(fx, "UPDATE plan_approval SET body = 'Council'",
            "an approval is never changed");
    refused(fx, "DELETE FROM plan_approval", "an approval is never deleted");
    refused(fx, "UPDATE plan_version SET status = 'draft'",
            "cannot go back to an earlier status");
    assert_int_equal(
        gt_db_version_status(fx->db, "bp", 1, GT_VERSION_PUBLISHED, &fx->ctx),
        GT_OK);
    refused(fx,
            "INSERT INTO plan_approval(version_id, body, approved_on, "
            "approved_by, recorded_by, recorded_at) SELECT id, 'Council', "
            "'2026-11-27', 'x', 'x', 'x' FROM plan_version",
            "a published or archived version takes no approvals");
    assert_int_equal(gt_db_version_approve(fx->db, "bp", 1, "Council",
                                           "Full Council", on, &fx->ctx),
                     GT_CONFLICT);
    /* numbered in turn */
    create(fx, "{}");
    struct gt_versions list = {0};
    assert_int_equal(gt_db_versions(fx->db, "bp", &list, &fx->ctx), GT_OK);
    assert_int_equal(list.n, 2);
    assert_int_equal(list.v[0].number, 1);
    assert_int_equal(list.v[0].status, GT_VERSION_PUBLISHED);
    assert_int_equal(list.v[0].n_approvals, 1);
    assert_string_equal(list.v[0].note, "n");
    assert_int_equal(list.v[1].number, 2);
    assert_int_equal(list.v[1].status, GT_VERSION_DRAFT);
    gt_versions_finish(&list);
}

static void
differences(void **state)
{
    (void)state;
    const char *a =
        "{\"plan\":{\"title\":\"Plan\"},\"sections\":{\"ambitions\":\"A\"},"
        "\"items\":[{\"ref\":\"1\",\"title\":\"One\",\"status\":\"Green\"},"
        "{\"ref\":\"2\",\"title\":\"Two\",\"status\":\"Amber\"}],"
        "\"indicators\":[{\"code\":\"CIC\",\"period\":\"2025/26\","
        "\"value\":\"65\"}],\"budget\":{\"year\":2026,\"lines\":[{\"area\":"
        "\"Care\",\"name\":\"Fostering\",\"gross\":1234000,\"grants\":0,"
        "\"other\":0}]},\"risks\":[{\"ref\":\"R1\",\"title\":\"Places\","
        "\"residual\":\"3 x 4\"}]}";
    const char *b =
        "{\"plan\":{\"title\":\"Plan\"},\"sections\":{},"
        "\"items\":[{\"ref\":\"1\",\"title\":\"One\",\"status\":\"Red\"},"
        "{\"ref\":\"3\",\"title\":\"Three\",\"status\":\"Green\"}],"
        "\"indicators\":[{\"code\":\"CIC\",\"period\":\"2025/26\","
        "\"value\":\"70\"}],\"budget\":{\"year\":2026,\"lines\":[{\"area\":"
        "\"Care\",\"name\":\"Fostering\",\"gross\":1300000,\"grants\":0,"
        "\"other\":0}]},\"risks\":[{\"ref\":\"R1\",\"title\":\"Places\","
        "\"residual\":\"2 x 4\"}]}";
    struct gt_ctx ctx;
    struct gt_changes c = {0};
    gt_ctx_init(&ctx);
    assert_int_equal(gt_snapshot_diff(a, b, &c, &ctx), GT_OK);
    static const char *const want[][4] = {
        {"Our ambitions", "text", "A", ""},
        {"Item 1", "status", "Green", "Red"},
        {"Item 2", "removed", "Two", ""},
        {"Item 3", "added", "", "Three"},
        {"Indicator CIC 2025/26", "value", "65", "70"},
        {"Budget line Care Fostering", "gross",
         "\xc2\xa3"
         "1,234,000",
         "\xc2\xa3"
         "1,300,000"},
        {"Risk R1", "residual", "3 x 4", "2 x 4"},
    };
    assert_int_equal(c.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < c.n; i++) {
        assert_string_equal(c.v[i].where, want[i][0]);
        assert_string_equal(c.v[i].what, want[i][1]);
        assert_string_equal(c.v[i].before, want[i][2]);
        assert_string_equal(c.v[i].after, want[i][3]);
    }
    gt_changes_finish(&c);
    /* the same snapshot twice: nothing */
    assert_int_equal(gt_snapshot_diff(a, a, &c, &ctx), GT_OK);
    assert_int_equal(c.n, 0);
    /* one that cannot be read is an error, not an empty list */
    assert_int_equal(gt_snapshot_diff(a, "{", &c, &ctx), GT_INVALID);
    gt_changes_finish(&c);
    gt_ctx_finish(&ctx);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_rules),
        cmocka_unit_test_setup_teardown(store_guards, setup, teardown),
        cmocka_unit_test(differences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
