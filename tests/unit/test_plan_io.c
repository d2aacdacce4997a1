/* Unit tests for io/plan_import and io/plan_export: the seed shape with
 * merged cells, all-or-nothing imports that list every problem, and
 * export then import giving an equal plan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "core/db.h"
#include "core/mem.h"
#include "io/plan_io.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)

static const char corp_csv[] =
    "Ref,Priority,Theme,Theme owner,Action,Kind,Milestone,Lead,Deadline,"
    "Monitoring\n"
    "A1,Best start in life,,Chief Executive,,,,,,\n"
    "O1,,,,Children are safe,outcome,,Director,March 2030,Cabinet\n"
    "O2,,,,Children do well at school,outcome,,Director,March 2030,Cabinet\n";

/* The improvement-plan shape as a Word table saves it: merged Theme and
 * Action cells come out empty; a page break repeats an action title. */
static const char imp_csv[] =
    "\xEF\xBB\xBFTheme,Theme owner,Action,Milestones,Lead,"
    "Deadline for delivery,Monitoring mechanisms,Status,Commentary,"
    "Contributes to\r\n"
    "Early help,Head of Early Help,,,,,,,,corp:O1\r\n"
    ",,Route enquiries well,Map pathways,Head of Early Help,December 2016,"
    "Performance meeting,Blue,Done,\r\n"
    ",,,\"Train staff, all teams\",Head of Early Help,"
    "January \xE2\x80\x93 March 2017,,Amber,\"Two teams \"\"late\"\"\",\r\n"
    ",,Deliver development,Identify needs,Service Managers,March 2017,"
    "Supervision,Green,,\r\n"
    ",,Deliver development,Provide learning,Service Managers,"
    "April 2017 and ongoing,L&D plan,,,\r\n"
    "Workforce,Head of Safeguarding,Keep caseloads in policy,"
    "Confirm policy,Head of Safeguarding,2016-12-31,DMT,Red,Stuck,corp:O2\r\n"
    ",,,Review fortnightly,Service Managers,"
    "Start July 2016 and every two months thereafter.,-,,,\r\n"
    ",,Plan practice model,,Head of Safeguarding,From March 2017,-,"
    "Not rated,,corp:O2; T1\r\n";

struct fixture {
    char dir[64];
    char path[2][96];
    struct gt_db *db[2];
    struct gt_ctx ctx;
};

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-io-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    gt_ctx_init(&fx->ctx);
    for (int i = 0; i < 2; i++) {
        snprintf(fx->path[i], sizeof fx->path[i], "%s/%d.db", fx->dir, i);
        if (gt_db_open(fx->path[i], &fx->db[i], &fx->ctx) != GT_OK)
            return -1;
        gt_db_set_clock(fx->db[i], "2026-11-27T09:00:00Z");
    }
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    for (int i = 0; i < 2; i++) {
        char extra[128];
        gt_db_close(fx->db[i]);
        unlink(fx->path[i]);
        snprintf(extra, sizeof extra, "%s-wal", fx->path[i]);
        unlink(extra);
        snprintf(extra, sizeof extra, "%s-shm", fx->path[i]);
        unlink(extra);
    }
    rmdir(fx->dir);
    gt_ctx_finish(&fx->ctx);
    free(fx);
    return 0;
}

static enum gt_rc
import(struct fixture *fx, int which, const char *code, const char *text,
       size_t len, struct gt_import_result *res)
{
    struct gt_import_opts opts = {
        .plan_code = code,
        .kind = GT_PLAN_IMPROVEMENT,
        .as_of = D(2017, 1, 31),
        .by = "Officer",
    };
    FILE *f = fmemopen((void *)(uintptr_t)text, len, "rb");
    enum gt_rc rc =
        gt_plan_import_csv(fx->db[which], f, "plan.csv", &opts, res, &fx->ctx);
    fclose(f);
    return rc;
}

static void
load_both(struct fixture *fx, int which)
{
    struct gt_import_result res;
    gt_ctx_clear(&fx->ctx);
    assert_int_equal(
        import(fx, which, "corp", corp_csv, sizeof corp_csv - 1, &res), GT_OK);
    assert_int_equal(
        import(fx, which, "imp", imp_csv, sizeof imp_csv - 1, &res), GT_OK);
}

static char *export(struct fixture *fx, int which, const char *code, bool json)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    enum gt_rc rc =
        json ? gt_plan_export_json(fx->db[which], code, GT_NO_DATE, f, &fx->ctx)
             : gt_plan_export_csv(fx->db[which], code, GT_NO_DATE, f, &fx->ctx);
    fclose(f);
    assert_int_equal(rc, GT_OK);
    return text;
}

static void
reads_the_seed_shape(void **state)
{
    struct fixture *fx = *state;
    struct gt_import_result res;
    assert_int_equal(import(fx, 0, "corp", corp_csv, sizeof corp_csv - 1, &res),
                     GT_OK);
    assert_int_equal(import(fx, 0, "imp", imp_csv, sizeof imp_csv - 1, &res),
                     GT_OK);
    assert_int_equal(res.n_rows, 8);
    /* 2 themes, 4 actions (the repeated title continues), 7 milestones */
    assert_int_equal(res.n_items, 2 + 4 + 6);
    assert_int_equal(res.n_updates, 5);
    assert_int_equal(res.n_links, 4);

    struct gt_plan plan;
    struct gt_items items = {0};
    assert_int_equal(gt_db_plan_get(fx->db[0], "imp", &plan, &fx->ctx), GT_OK);
    assert_int_equal(
        gt_db_plan_items(fx->db[0], plan.id, GT_NO_DATE, &items, &fx->ctx),
        GT_OK);
    const char *refs[] = {"T1",   "T1.1",   "T1.1.1", "T1.1.2",
                          "T1.2", "T1.2.1", "T1.2.2", "T2",
                          "T2.1", "T2.1.1", "T2.1.2", "T2.2"};
    assert_int_equal(items.n, 12);
    for (size_t i = 0; i < items.n; i++)
        assert_string_equal(items.v[i].ref, refs[i]);
    assert_int_equal(items.v[0].kind, GT_ITEM_THEME);
    assert_string_equal(items.v[0].owner, "Head of Early Help");
    assert_string_equal(items.v[3].title, "Train staff, all teams");
    assert_int_equal(items.v[3].status, GT_AMBER);
    assert_string_equal(items.v[3].commentary, "Two teams \"late\"");
    assert_int_equal(items.v[3].deadline.start, D(2017, 1, 1));
    assert_int_equal(items.v[3].deadline.due, D(2017, 3, 31));
    assert_int_equal(items.v[3].status_as_of, D(2017, 1, 31));
    assert_null(items.v[3].monitoring);
    assert_int_equal(items.v[6].deadline.ongoing, true);
    assert_int_equal(items.v[10].deadline.every_months, 2);
    /* "-" means none */
    assert_null(items.v[10].monitoring);
    assert_int_equal(items.v[11].kind, GT_ITEM_ACTION);
    assert_int_equal(items.v[11].status, GT_NOT_RATED);
    assert_int_equal(items.v[11].status_as_of, D(2017, 1, 31));
    gt_items_finish(&items);
    gt_plan_finish(&plan);

    struct gt_brag_counts c;
    assert_int_equal(
        gt_db_rollup(fx->db[0], GT_SCOPE_PLAN, "imp", GT_NO_DATE, &c, &fx->ctx),
        GT_OK);
    assert_int_equal(c.n[GT_BLUE], 1);
    assert_int_equal(c.n[GT_AMBER], 1);
    assert_int_equal(c.n[GT_GREEN], 1);
    assert_int_equal(c.n[GT_RED], 1);
    assert_int_equal(c.n[GT_NOT_RATED], 3);
}

/* Row counts of every table, and a plan's export, before and after. */
static void
snapshot(struct fixture *fx, long counts[9], char **corp)
{
    const char *tables[] = {"plan",          "item",         "link",
                            "status_update", "evidence",     "person",
                            "audit_log",     "organisation", "unit"};
    for (int i = 0; i < 9; i++)
        assert_int_equal(
            gt_db_count(fx->db[0], tables[i], &counts[i], &fx->ctx), GT_OK);
    *corp = export(fx, 0, "corp", true);
}

static void
failed_import_changes_nothing_and_lists_every_problem(void **state)
{
    struct fixture *fx = *state;
    struct gt_import_result res;
    long before[9], after[9];
    char *corp_before, *corp_after;
    assert_int_equal(import(fx, 0, "corp", corp_csv, sizeof corp_csv - 1, &res),
                     GT_OK);
    snapshot(fx, before, &corp_before);
    static const char bad[] =
        "Theme,Theme owner,Action,Milestone,Lead,Deadline,Monitoring,Status,"
        "Contributes to\n"
        "Early help,Head,Route enquiries,Map,Lead A,Jnauary 2017,M,Blue,\n"
        ",,,Train,Lead A,March 2017,M,Purple,\n"
        ",,,,,,,,\n"
        ",,,Review,Lead B,March 2017,M,,corp:O9\n"
        ",,,Audit,Lead B,March 2017,M,Green,\n";
    gt_ctx_clear(&fx->ctx);
    assert_int_equal(import(fx, 0, "imp", bad, sizeof bad - 1, &res),
                     GT_INVALID);
    assert_int_equal(res.n_items, 0);
    assert_int_equal(fx->ctx.n_errors, 4);
    assert_string_equal(
        fx->ctx.errors[0],
        "plan.csv:2: Deadline: cannot read \"Jnauary 2017\": "
        "no month name where one was expected; expected " GT_DEADLINE_EXPECTED);
    assert_string_equal(fx->ctx.errors[1],
                        "plan.csv:3: Status: unknown status \"Purple\" "
                        "(expected Blue, Green, Amber, Red or Not rated)");
    assert_string_equal(fx->ctx.errors[2],
                        "plan.csv:4: Action: the row has no Priority, Theme, "
                        "Action or Milestone");
    assert_string_equal(fx->ctx.errors[3],
                        "plan.csv:5: Contributes to: no item corp:O9");
    snapshot(fx, after, &corp_after);
    for (int i = 0; i < 9; i++)
        assert_int_equal(after[i], before[i]);
    assert_string_equal(corp_after, corp_before);
    free(corp_before);
    free(corp_after);
    struct gt_plan plan;
    assert_int_equal(gt_db_plan_get(fx->db[0], "imp", &plan, &fx->ctx),
                     GT_NOTFOUND);
    gt_plan_finish(&plan);
}

static void
header_problems(void **state)
{
    struct fixture *fx = *state;
    struct gt_import_result res;
    static const char bad[] =
        "Theme,Owner of theme,Action,Milestone,Lead,Lead,Monitoring\n"
        "a,b,c,d,e,f,g\n";
    assert_int_equal(import(fx, 0, "imp", bad, sizeof bad - 1, &res),
                     GT_INVALID);
    assert_int_equal(fx->ctx.n_errors, 4);
    assert_non_null(strstr(fx->ctx.errors[0], "plan.csv:1: column 2: "
                                              "unknown column \"Owner of "
                                              "theme\""));
    assert_string_equal(fx->ctx.errors[1], "plan.csv:1: column 6: column "
                                           "\"Lead\" appears twice");
    assert_string_equal(fx->ctx.errors[2], "plan.csv:1: required column "
                                           "\"Theme owner\" is missing");
    assert_string_equal(fx->ctx.errors[3], "plan.csv:1: required column "
                                           "\"Deadline\" is missing");
    gt_ctx_clear(&fx->ctx);
    assert_int_equal(import(fx, 0, "imp", "", 0, &res), GT_INVALID);
    assert_string_equal(gt_ctx_last(&fx->ctx), "plan.csv: the file is empty");
    long n;
    assert_int_equal(gt_db_count(fx->db[0], "plan", &n, &fx->ctx), GT_OK);
    assert_int_equal(n, 0);
}

static void
refuses_a_plan_that_has_items(void **state)
{
    struct fixture *fx = *state;
    struct gt_import_result res;
    load_both(fx, 0);
    assert_int_equal(import(fx, 0, "imp", imp_csv, sizeof imp_csv - 1, &res),
                     GT_CONFLICT);
    assert_non_null(strstr(gt_ctx_last(&fx->ctx), "already has 12 items"));
}

static void
export_then_import_gives_an_equal_plan(void **state)
{
    struct fixture *fx = *state;
    struct gt_import_result res;
    load_both(fx, 0);
    char *csv1 = export(fx, 0, "imp", false);
    char *json1 = export(fx, 0, "imp", true);
    /* rebuild in the second database from the exports alone */
    char *corp = export(fx, 0, "corp", false);
    assert_int_equal(import(fx, 1, "corp", corp, strlen(corp), &res), GT_OK);
    assert_int_equal(import(fx, 1, "imp", csv1, strlen(csv1), &res), GT_OK);
    char *csv2 = export(fx, 1, "imp", false);
    char *json2 = export(fx, 1, "imp", true);
    assert_string_equal(csv2, csv1);
    json_error_t err;
    json_t *a = json_loads(json1, 0, &err), *b = json_loads(json2, 0, &err);
    assert_non_null(a);
    assert_true(json_equal(a, b));
    /* and the JSON says what the plan holds */
    json_t *items = json_object_get(a, "items");
    assert_int_equal(json_array_size(items), 12);
    json_t *t1 = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(t1, "ref")), "T1");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(t1, "contributes_to"), 0)),
                        "corp:O1");
    json_t *rec = json_array_get(items, 10);
    assert_string_equal(
        json_string_value(json_object_get(rec, "deadline_canonical")),
        "July 2016 and every 2 months thereafter");
    json_decref(a);
    json_decref(b);
    free(corp);
    free(csv1);
    free(csv2);
    free(json1);
    free(json2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(reads_the_seed_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(
            failed_import_changes_nothing_and_lists_every_problem, setup,
            teardown),
        cmocka_unit_test_setup_teardown(header_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_a_plan_that_has_items, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(export_then_import_gives_an_equal_plan,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
