/* Unit tests for core/status: the rules every front end records a
 * status update under, against a real store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/db.h"
#include "core/mem.h"
#include "core/status.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)

struct fixture {
    char dir[64];
    char path[96];
    struct gt_db *db;
    struct gt_ctx ctx;
    struct gt_item theme, action, other; /* action led by Jo; other not */
    int64_t jo;
};

static void
add(struct fixture *fx, int64_t plan, int64_t parent, enum gt_item_kind kind,
    const char *ref, const char *lead, struct gt_item *out)
{
    struct gt_item it;
    gt_item_init(&it);
    it.plan_id = plan;
    it.parent_id = parent;
    it.kind = kind;
    it.ref = xstrdup(ref);
    it.title = xasprintf("Item %s", ref);
    it.lead = lead ? xstrdup(lead) : NULL;
    it.position = 1;
    assert_int_equal(gt_db_item_add(fx->db, &it, &fx->ctx), GT_OK);
    assert_int_equal(gt_db_item_get(fx->db, it.id, GT_NO_DATE, out, &fx->ctx),
                     GT_OK);
    gt_item_finish(&it);
}

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    struct gt_plan p;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-status-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/t.db", fx->dir);
    gt_ctx_init(&fx->ctx);
    if (gt_db_open(fx->path, &fx->db, &fx->ctx) != GT_OK)
        return -1;
    gt_db_set_actor(fx->db, "tester");
    gt_db_set_clock(fx->db, "2026-11-27T09:00:00Z");
    gt_plan_init(&p);
    p.code = xstrdup("imp");
    p.title = xstrdup("Improvement plan");
    p.kind = GT_PLAN_TEAM;
    assert_int_equal(gt_db_plan_add(fx->db, &p, &fx->ctx), GT_OK);
    add(fx, p.id, 0, GT_ITEM_THEME, "T1", NULL, &fx->theme);
    add(fx, p.id, fx->theme.id, GT_ITEM_ACTION, "T1.1", "Jo", &fx->action);
    add(fx, p.id, fx->theme.id, GT_ITEM_ACTION, "T1.2", "Al", &fx->other);
    assert_int_equal(gt_db_person_ensure(fx->db, "Jo", &fx->jo, &fx->ctx),
                     GT_OK);
    gt_plan_finish(&p);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    char wal[128], shm[128];
    gt_item_finish(&fx->theme);
    gt_item_finish(&fx->action);
    gt_item_finish(&fx->other);
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

static long
updates(struct fixture *fx)
{
    long n = -1;
    assert_int_equal(gt_db_count(fx->db, "status_update", &n, &fx->ctx), GT_OK);
    return n;
}

static void
only_leads_of_the_work_and_planners_may_rate(void **state)
{
    struct fixture *fx = *state;
    struct gt_user lead = {.role = GT_ROLE_LEAD, .person_id = fx->jo};
    struct gt_user viewer = {.role = GT_ROLE_VIEWER};
    struct gt_user planner = {.role = GT_ROLE_PLANNER};
    struct gt_status_request req = {.brag = GT_GREEN, .as_of = D(2026, 11, 1)};
    struct gt_status_outcome out;
    int32_t now = D(2026, 11, 27);
    assert_int_equal(
        gt_status_record(fx->db, &lead, &fx->other, now, &req, &out, &fx->ctx),
        GT_FORBIDDEN);
    assert_int_equal(gt_status_record(fx->db, &viewer, &fx->action, now, &req,
                                      &out, &fx->ctx),
                     GT_FORBIDDEN);
    /* a theme takes its status from its work, for planners too */
    assert_int_equal(gt_status_record(fx->db, &planner, &fx->theme, now, &req,
                                      &out, &fx->ctx),
                     GT_FORBIDDEN);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "is a theme"));
    assert_int_equal(updates(fx), 0);
    assert_int_equal(
        gt_status_record(fx->db, &lead, &fx->action, now, &req, &out, &fx->ctx),
        GT_OK);
    assert_true(out.is_current);
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->other, now, &req, &out, &fx->ctx),
        GT_OK);
    assert_int_equal(updates(fx), 2);
}

static void
values_are_checked_once_for_all(void **state)
{
    struct fixture *fx = *state;
    struct gt_status_outcome out;
    int32_t now = D(2026, 11, 27);
    char *long_text = xmalloc(GT_STATUS_COMMENT_MAX * 2 + 1);
    /* 10,000 characters of two bytes each are within the limit */
    for (size_t i = 0; i < GT_STATUS_COMMENT_MAX; i++)
        memcpy(long_text + 2 * i, "\xC2\xA3", 2);
    long_text[GT_STATUS_COMMENT_MAX * 2] = '\0';
    struct gt_status_request req = {
        .brag = GT_GREEN, .as_of = now, .commentary = long_text};
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &req, &out, &fx->ctx),
        GT_OK);
    /* one more is not */
    long_text[GT_STATUS_COMMENT_MAX * 2 - 2] = 'x';
    long_text[GT_STATUS_COMMENT_MAX * 2 - 1] = 'y';
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &req, &out, &fx->ctx),
        GT_INVALID);
    assert_int_equal(out.field, GT_STATUS_COMMENTARY);
    free(long_text);

    const struct {
        struct gt_status_request req;
        enum gt_status_field field;
    } bad[] = {
        {{.brag = GT_RED, .as_of = D(2026, 11, 28)}, GT_STATUS_AS_OF},
        {{.brag = GT_RED, .as_of = GT_NO_DATE}, GT_STATUS_AS_OF},
        {{.brag = GT_RED,
          .as_of = now,
          .commentary = "\xA3"
                        "5"},
         GT_STATUS_COMMENTARY},
        {{.brag = GT_RED, .as_of = now, .evidence_name = "e.txt"},
         GT_STATUS_EVIDENCE},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(gt_status_record(fx->db, NULL, &fx->action, now,
                                          &bad[i].req, &out, &fx->ctx),
                         GT_INVALID);
        assert_int_equal(out.field, bad[i].field);
    }
    assert_int_equal(updates(fx), 1);

    /* a form learns of every problem at once */
    struct gt_status_problem problems[GT_STATUS_MAX_PROBLEMS];
    struct gt_status_request all = {.brag = GT_RED,
                                    .as_of = D(2027, 1, 1),
                                    .commentary = "\xFF",
                                    .evidence_name = "e.txt"};
    assert_int_equal(gt_status_check(&all, now, problems), 3);
}

static void
an_earlier_day_is_history_only_when_agreed(void **state)
{
    struct fixture *fx = *state;
    struct gt_status_outcome out;
    int32_t now = D(2026, 11, 27);
    struct gt_status_request amber = {.brag = GT_AMBER,
                                      .as_of = D(2026, 10, 31)};
    assert_int_equal(gt_status_record(fx->db, NULL, &fx->action, now, &amber,
                                      &out, &fx->ctx),
                     GT_OK);
    struct gt_status_request old = {.brag = GT_GREEN, .as_of = D(1999, 1, 1)};
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &old, &out, &fx->ctx),
        GT_CONFLICT);
    assert_int_equal(out.current, GT_AMBER);
    assert_int_equal(out.current_as_of, D(2026, 10, 31));
    assert_int_equal(updates(fx), 1);
    old.earlier_ok = true;
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &old, &out, &fx->ctx),
        GT_OK);
    assert_false(out.is_current);
    assert_int_equal(out.current, GT_AMBER);
    /* the same day as the current one: the later recorded is current */
    struct gt_status_request same = {.brag = GT_RED, .as_of = D(2026, 10, 31)};
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &same, &out, &fx->ctx),
        GT_OK);
    assert_true(out.is_current);
    int64_t id;
    enum gt_brag brag;
    int32_t as_of;
    assert_int_equal(gt_db_status_current(fx->db, fx->action.id, &id, &brag,
                                          &as_of, &fx->ctx),
                     GT_OK);
    assert_int_equal(brag, GT_RED);
    assert_int_equal(id, out.update_id);
}

static void
evidence_lands_with_its_update_or_not_at_all(void **state)
{
    struct fixture *fx = *state;
    struct gt_status_outcome out;
    int32_t now = D(2026, 11, 27);
    struct gt_status_request req = {.brag = GT_GREEN,
                                    .as_of = now,
                                    .evidence_name = "minutes.txt",
                                    .evidence_type = "text/plain",
                                    .evidence = "agreed",
                                    .evidence_len = 6};
    assert_int_equal(gt_db_begin(fx->db, &fx->ctx), GT_OK);
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &req, &out, &fx->ctx),
        GT_OK);
    /* nested in a caller's transaction: the caller decides */
    gt_db_rollback(fx->db);
    long n = -1;
    assert_int_equal(gt_db_count(fx->db, "evidence", &n, &fx->ctx), GT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(updates(fx), 0);
    assert_int_equal(
        gt_status_record(fx->db, NULL, &fx->action, now, &req, &out, &fx->ctx),
        GT_OK);
    assert_int_equal(gt_db_count(fx->db, "evidence", &n, &fx->ctx), GT_OK);
    assert_int_equal(n, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            only_leads_of_the_work_and_planners_may_rate, setup, teardown),
        cmocka_unit_test_setup_teardown(values_are_checked_once_for_all, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            an_earlier_day_is_history_only_when_agreed, setup, teardown),
        cmocka_unit_test_setup_teardown(
            evidence_lands_with_its_update_or_not_at_all, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
