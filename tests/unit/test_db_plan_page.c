/* Unit tests for a plan's bounded reads from the store: its page
 * (core/db_plan_page.c), every order and filter at every offset, and the
 * committee report's counts and lists (core/db_report.c), each giving
 * what loading the whole plan and filtering and sorting it in C gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/db.h"
#include "core/mem.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)

struct fixture {
    char dir[64];
    char path[96];
    struct gt_db *db;
    struct gt_ctx ctx;
    int64_t plan;
};

/* A reproducible plan of a few hundred items: themes, actions and
 * milestones added out of order, with leads, deadlines and statuses of
 * every kind, some updates back-dated and some after the day viewed. */
#define N_ITEMS 260
static const char *const leads[] = {"Ann", "Bo", NULL, "Cy", "Di"};
static const char *const deadlines[] = {
    "March 2026",
    "31 January 2027",
    NULL,
    "January 2026 onwards",
    "December 2025",
    "Start July 2026 and every two months thereafter.",
    "2026-11-01"};
static const enum gt_brag brags[] = {GT_RED, GT_AMBER, GT_GREEN, GT_BLUE,
                                     GT_NOT_RATED};
#define VIEW_DAY D(2026, 11, 27)

static uint32_t
next(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static int
setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/gt-test-page-XXXXXX");
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
    p.code = xstrdup("p");
    p.title = xstrdup("Plan p");
    p.kind = GT_PLAN_TEAM;
    if (gt_db_plan_add(fx->db, &p, &fx->ctx) != GT_OK)
        return -1;
    fx->plan = p.id;
    gt_plan_finish(&p);

    int64_t ids[N_ITEMS];
    uint32_t seed = 7;
    for (int i = 0; i < N_ITEMS; i++) {
        struct gt_item it;
        gt_item_init(&it);
        it.plan_id = fx->plan;
        /* the first few are themes; then each item hangs under an
         * earlier one, so depths reach five or so */
        it.kind = i < 6 ? GT_ITEM_THEME
                        : (i % 3 ? GT_ITEM_MILESTONE : GT_ITEM_ACTION);
        it.parent_id = i < 6 ? 0 : ids[next(&seed) % (unsigned)i];
        it.ref = xasprintf("R%d", i);
        it.title = xasprintf("Item %d", i);
        it.lead = xstrdup(leads[next(&seed) % 5]);
        const char *dl = deadlines[next(&seed) % 7];
        if (dl) {
            assert_null(gt_deadline_parse(dl, &it.deadline));
            it.deadline_text = xstrdup(dl);
        }
        /* positions collide and run backwards: order is by position */
        it.position = (int)(next(&seed) % 40);
        if (gt_db_item_add(fx->db, &it, &fx->ctx) != GT_OK)
            return -1;
        ids[i] = it.id;
        gt_item_finish(&it);
        for (unsigned u = next(&seed) % 3; u-- > 0;) {
            enum gt_brag b = brags[next(&seed) % 5];
            int32_t day = VIEW_DAY - 400 + (int32_t)(next(&seed) % 420);
            if (gt_db_status_add(fx->db, ids[i], b, NULL, "Bo", day, NULL,
                                 &fx->ctx) != GT_OK)
                return -1;
        }
    }
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

/* The oracle: the whole plan in tree order, filtered and sorted in C. */
struct row {
    const struct gt_item *it;
    size_t order;
};

static int
rank(enum gt_brag b)
{
    static const int r[GT_BRAG_COUNT] = {[GT_RED] = 0,
                                         [GT_AMBER] = 1,
                                         [GT_NOT_RATED] = 2,
                                         [GT_GREEN] = 3,
                                         [GT_BLUE] = 4};
    return r[b];
}

static enum gt_plan_order sorting;

static int
by_order(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int c = 0;
    if (sorting == GT_ORDER_DEADLINE) {
        int32_t dx = x->it->deadline.due, dy = y->it->deadline.due;
        c = dx == dy           ? 0
            : dx == GT_NO_DATE ? 1
            : dy == GT_NO_DATE ? -1
            : dx < dy          ? -1
                               : 1;
    } else if (sorting == GT_ORDER_STATUS) {
        c = rank(x->it->status) - rank(y->it->status);
    } else if (sorting == GT_ORDER_LEAD) {
        const char *lx = x->it->lead, *ly = y->it->lead;
        c = lx && ly ? strcmp(lx, ly) : lx ? -1 : ly ? 1 : 0;
    }
    if (c)
        return c;
    return x->order < y->order ? -1 : 1;
}

static bool
keeps(const struct gt_plan_query *q, const struct gt_item *it)
{
    if (q->status &&
        (gt_item_kind_is_group(it->kind) || it->status != *q->status))
        return false;
    if (q->kind && it->kind != *q->kind)
        return false;
    if (q->lead && (!it->lead || strcmp(it->lead, q->lead)))
        return false;
    if (q->overdue && !gt_deadline_overdue(&it->deadline, it->status, q->as_of))
        return false;
    return true;
}

static int
depth_of(const struct gt_items *all, size_t i)
{
    int d = 0;
    for (int64_t parent = all->v[i].parent_id; parent; d++) {
        long k = gt_items_find(all, parent);
        assert_true(k >= 0);
        parent = all->v[k].parent_id;
    }
    return d;
}

/* Every page of q, of a few sizes, against the oracle. */
static void
check_pages(struct fixture *fx, const struct gt_plan_query *q)
{
    struct gt_items all = {0};
    assert_int_equal(
        gt_db_plan_items(fx->db, fx->plan, q->as_of, &all, &fx->ctx), GT_OK);
    struct row *want = xcalloc(all.n, sizeof *want);
    size_t n = 0;
    for (size_t i = 0; i < all.n; i++)
        if (keeps(q, &all.v[i]))
            want[n++] = (struct row){&all.v[i], i};
    sorting = q->order;
    qsort(want, n, sizeof *want, by_order);

    static const size_t limits[] = {1, 7, 100, 1000};
    for (size_t l = 0; l < 4; l++) {
        for (size_t offset = 0; offset <= n + 1; offset += limits[l]) {
            struct gt_items got = {0};
            size_t total = 0;
            assert_int_equal(gt_db_plan_page(fx->db, q, offset, limits[l], &got,
                                             &total, &fx->ctx),
                             GT_OK);
            assert_int_equal(total, n);
            size_t expect = offset >= n              ? 0
                            : n - offset < limits[l] ? n - offset
                                                     : limits[l];
            assert_int_equal(got.n, expect);
            bool whole = q->order == GT_ORDER_TREE && !q->status && !q->kind &&
                         !q->lead && !q->overdue;
            for (size_t i = 0; i < got.n; i++) {
                const struct gt_item *w = want[offset + i].it;
                assert_int_equal(got.v[i].id, w->id);
                assert_int_equal(got.v[i].status, w->status);
                assert_int_equal(got.v[i].depth,
                                 depth_of(&all, want[offset + i].order));
                assert_int_equal(got.v[i].depth, w->depth);
                assert_string_equal(got.v[i].ref, w->ref);
                assert_string_equal(got.v[i].title, w->title);
                /* the plan's own order: the place in the whole plan;
                 * otherwise places from offset sort the rows shown in
                 * the plan's order */
                if (whole)
                    assert_int_equal(got.v[i].place, want[offset + i].order);
                assert_true(got.v[i].place >= offset &&
                            got.v[i].place < offset + got.n);
                for (size_t j = 0; j < i; j++)
                    assert_true(
                        (got.v[j].place < got.v[i].place) ==
                        (want[offset + j].order < want[offset + i].order));
                long parent = gt_items_find(&all, w->parent_id);
                if (q->brief) {
                    assert_null(got.v[i].parent_ref);
                    assert_null(got.v[i].description);
                    assert_null(got.v[i].commentary);
                    if (w->lead)
                        assert_string_equal(got.v[i].lead, w->lead);
                    else
                        assert_null(got.v[i].lead);
                } else if (parent < 0) {
                    assert_null(got.v[i].parent_ref);
                } else {
                    assert_string_equal(got.v[i].parent_ref, all.v[parent].ref);
                }
                if (!q->brief)
                    assert_true((got.v[i].commentary == NULL) ==
                                (w->commentary == NULL));
            }
            gt_items_finish(&got);
        }
    }
    free(want);
    gt_items_finish(&all);
}

/* q in full and as brief as a plan's table reads it */
static void
check_query(struct fixture *fx, const struct gt_plan_query *q)
{
    struct gt_plan_query brief = *q;
    brief.brief = false;
    check_pages(fx, &brief);
    brief.brief = true;
    check_pages(fx, &brief);
}

static void
every_order_and_filter_matches_the_whole_plan(void **state)
{
    struct fixture *fx = *state;
    static const enum gt_brag red = GT_RED, not_rated = GT_NOT_RATED;
    static const enum gt_item_kind milestone = GT_ITEM_MILESTONE;
    for (int order = GT_ORDER_TREE; order <= GT_ORDER_LEAD; order++) {
        struct gt_plan_query base = {.plan_id = fx->plan,
                                     .as_of = VIEW_DAY,
                                     .order = (enum gt_plan_order)order};
        struct gt_plan_query q = base;
        check_query(fx, &q);
        q.as_of = VIEW_DAY - 200; /* an earlier day: from the history */
        check_query(fx, &q);
        q = base;
        q.status = &red;
        check_query(fx, &q);
        q.status = &not_rated;
        check_query(fx, &q);
        q = base;
        q.kind = &milestone;
        q.lead = "Bo";
        check_query(fx, &q);
        q = base;
        q.overdue = true;
        check_query(fx, &q);
        q.lead = "Nobody";
        check_query(fx, &q);
    }
}

static void
leads_are_the_plans_own(void **state)
{
    struct fixture *fx = *state;
    struct gt_plan p;
    gt_plan_init(&p);
    p.code = xstrdup("other");
    p.title = xstrdup("Other plan");
    p.kind = GT_PLAN_TEAM;
    assert_int_equal(gt_db_plan_add(fx->db, &p, &fx->ctx), GT_OK);
    struct gt_item it;
    gt_item_init(&it);
    it.plan_id = p.id;
    it.kind = GT_ITEM_ACTION;
    it.ref = xstrdup("X");
    it.title = xstrdup("Elsewhere");
    it.lead = xstrdup("Eve");
    it.position = 1;
    assert_int_equal(gt_db_item_add(fx->db, &it, &fx->ctx), GT_OK);
    gt_item_finish(&it);
    gt_plan_finish(&p);
    struct gt_names names = {0};
    assert_int_equal(gt_db_plan_leads(fx->db, fx->plan, &names, &fx->ctx),
                     GT_OK);
    assert_int_equal(names.n, 4);
    const char *want[] = {"Ann", "Bo", "Cy", "Di"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(names.v[i], want[i]);
    gt_names_finish(&names);
}

/* The report's oracle: the whole plan on the day and on the last
 * report's day, its counted work and each item's top-level item worked
 * out in C, as the report did before it read sets. */
struct report_oracle {
    struct gt_items now, then;
    bool *counted;
    size_t *top;
};

static void
oracle_load(struct fixture *fx, int32_t as_of, int32_t since,
            struct report_oracle *o)
{
    memset(o, 0, sizeof *o);
    assert_int_equal(
        gt_db_plan_items(fx->db, fx->plan, as_of, &o->now, &fx->ctx), GT_OK);
    assert_int_equal(
        gt_db_plan_items(fx->db, fx->plan, since, &o->then, &fx->ctx), GT_OK);
    size_t n = o->now.n;
    o->counted = xcalloc(n, sizeof *o->counted);
    o->top = xcalloc(n, sizeof *o->top);
    for (size_t i = 0; i < n; i++)
        o->counted[i] = !gt_item_kind_is_group(o->now.v[i].kind);
    for (size_t i = 0; i < n; i++) {
        long parent = o->now.v[i].parent_id
                          ? gt_items_find(&o->now, o->now.v[i].parent_id)
                          : -1;
        o->top[i] = parent >= 0 ? o->top[parent] : i;
        if (parent >= 0)
            o->counted[parent] = false;
    }
}

static void
oracle_finish(struct report_oracle *o)
{
    gt_items_finish(&o->now);
    gt_items_finish(&o->then);
    free(o->counted);
    free(o->top);
}

static bool
on_list(const struct report_oracle *o, size_t i, enum gt_report_list which,
        int32_t as_of)
{
    const struct gt_item *it = &o->now.v[i];
    if (!o->counted[i])
        return false;
    switch (which) {
    case GT_REPORT_ACHIEVED: {
        long was = gt_items_find(&o->then, it->id);
        return it->status == GT_BLUE &&
               (was < 0 || o->then.v[was].status != GT_BLUE);
    }
    case GT_REPORT_RED:
        return it->status == GT_RED;
    case GT_REPORT_AMBER:
        return it->status == GT_AMBER;
    case GT_REPORT_OVERDUE:
        return gt_deadline_overdue(&it->deadline, it->status, as_of);
    }
    return false;
}

static void
check_report_tally(struct fixture *fx, const struct report_oracle *o,
                   int32_t as_of, int32_t since)
{
    struct gt_report_tally t;
    assert_int_equal(
        gt_db_report_tally(fx->db, fx->plan, as_of, since, &t, &fx->ctx),
        GT_OK);
    struct gt_brag_counts all = {0};
    long achieved = 0, overdue = 0;
    size_t n_tops = 0;
    for (size_t i = 0; i < o->now.n; i++) {
        if (o->top[i] != i)
            continue;
        assert_true(n_tops < t.n_tops);
        assert_int_equal(t.tops[n_tops].id, o->now.v[i].id);
        assert_string_equal(t.tops[n_tops].ref, o->now.v[i].ref);
        struct gt_brag_counts c = {0};
        for (size_t k = 0; k < o->now.n; k++)
            if (o->top[k] == i && o->counted[k])
                c.n[o->now.v[k].status]++;
        for (int b = 0; b < GT_BRAG_COUNT; b++) {
            assert_int_equal(t.tops[n_tops].counts.n[b], c.n[b]);
            all.n[b] += c.n[b];
        }
        n_tops++;
    }
    for (size_t i = 0; i < o->now.n; i++) {
        achieved += on_list(o, i, GT_REPORT_ACHIEVED, as_of);
        overdue += on_list(o, i, GT_REPORT_OVERDUE, as_of);
    }
    assert_int_equal(t.n_tops, n_tops);
    for (int b = 0; b < GT_BRAG_COUNT; b++)
        assert_int_equal(t.counts.n[b], all.n[b]);
    assert_int_equal(t.achieved, achieved);
    assert_int_equal(t.overdue, overdue);
    assert_true(achieved > 0 && overdue > 0); /* the fixture has both */
    gt_report_tally_finish(&t);
}

static void
check_report_lists(struct fixture *fx, const struct report_oracle *o,
                   int32_t as_of, int32_t since)
{
    static const size_t limits[] = {1, 7, SIZE_MAX};
    for (int which = GT_REPORT_ACHIEVED; which <= GT_REPORT_OVERDUE; which++)
        for (size_t l = 0; l < 3; l++) {
            struct gt_items got = {0};
            assert_int_equal(
                gt_db_report_list(fx->db, fx->plan, (enum gt_report_list)which,
                                  as_of, since, limits[l], &got, &fx->ctx),
                GT_OK);
            size_t n = 0;
            for (size_t i = 0; i < o->now.n && n < limits[l]; i++) {
                if (!on_list(o, i, (enum gt_report_list)which, as_of))
                    continue;
                assert_true(n < got.n);
                assert_int_equal(got.v[n].id, o->now.v[i].id);
                assert_int_equal(got.v[n].status, o->now.v[i].status);
                assert_int_equal(got.v[n].status_as_of,
                                 o->now.v[i].status_as_of);
                n++;
            }
            assert_int_equal(got.n, n);
            gt_items_finish(&got);
        }
}

static void
check_report_due(struct fixture *fx, const struct report_oracle *o,
                 int32_t as_of, int32_t until)
{
    struct gt_report_dues dues;
    assert_int_equal(
        gt_db_report_due(fx->db, fx->plan, as_of, until, &dues, &fx->ctx),
        GT_OK);
    /* the oracle: in the plan's order, then stably by day */
    struct gt_report_due *want = xcalloc(o->now.n, sizeof *want);
    size_t n = 0;
    for (size_t i = 0; i < o->now.n; i++) {
        const struct gt_item *it = &o->now.v[i];
        int32_t when = gt_deadline_next_due(&it->deadline, as_of + 1);
        if (o->counted[i] && it->status != GT_BLUE && when != GT_NO_DATE &&
            when > as_of && when <= until)
            want[n++] = (struct gt_report_due){it->id, when};
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && want[j - 1].due > want[j].due; j--) {
            struct gt_report_due t = want[j];
            want[j] = want[j - 1];
            want[j - 1] = t;
        }
    assert_int_equal(dues.n, n);
    assert_true(n > 1); /* the fixture has work due, recurring too */
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(dues.v[i].id, want[i].id);
        assert_int_equal(dues.v[i].due, want[i].due);
    }
    /* the items themselves, in the list's order, in one read */
    struct gt_items got = {0};
    assert_int_equal(
        gt_db_report_due_items(fx->db, dues.v, n, as_of, &got, &fx->ctx),
        GT_OK);
    assert_int_equal(got.n, n);
    for (size_t i = 0; i < n; i++) {
        long k = gt_items_find(&o->now, want[i].id);
        assert_int_equal(got.v[i].id, want[i].id);
        assert_string_equal(got.v[i].ref, o->now.v[k].ref);
        assert_int_equal(got.v[i].status, o->now.v[k].status);
    }
    gt_items_finish(&got);
    free(want);
    free(dues.v);
}

static void
report_reads_match_the_whole_plan(void **state)
{
    struct fixture *fx = *state;
    /* today against a quarter ago, and a day from the history against
     * one before it */
    const int32_t days[][2] = {{VIEW_DAY, VIEW_DAY - 90},
                               {VIEW_DAY - 200, VIEW_DAY - 330}};
    for (size_t d = 0; d < 2; d++) {
        struct report_oracle o;
        oracle_load(fx, days[d][0], days[d][1], &o);
        check_report_tally(fx, &o, days[d][0], days[d][1]);
        check_report_lists(fx, &o, days[d][0], days[d][1]);
        check_report_due(fx, &o, days[d][0], days[d][0] + 92);
        oracle_finish(&o);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            every_order_and_filter_matches_the_whole_plan, setup, teardown),
        cmocka_unit_test_setup_teardown(leads_are_the_plans_own, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(report_reads_match_the_whole_plan,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
