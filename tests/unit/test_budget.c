/* Unit tests for core/budget: amounts as councils print them, and the
 * reconciliation of stated totals (rounding kept, differences summed and
 * named, the grand total from the area totals as shown). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/budget.h"

static void
amounts_as_printed(void **state)
{
    (void)state;
    char s[48];
    gt_budget_amount_text(92734000, 1000, false, s, sizeof s);
    assert_string_equal(s, "92,734");
    gt_budget_amount_text(70784000, 1000, true, s, sizeof s);
    assert_string_equal(s, "(70,784)");
    gt_budget_amount_text(0, 1000, true, s, sizeof s);
    assert_string_equal(s, "0");
    gt_budget_amount_text(1500, 1000, false, s, sizeof s); /* half away */
    assert_string_equal(s, "2");
    gt_budget_amount_text(-1500, 1000, false, s, sizeof s);
    assert_string_equal(s, "(2)");
    gt_budget_amount_text(-250, 1000, true, s, sizeof s); /* a refund */
    assert_string_equal(s, "0");
    gt_budget_amount_text(1234567, 1, false, s, sizeof s);
    assert_string_equal(s, "1,234,567");
}

static void
line(struct gt_budget *b, const char *area, const char *name, int64_t gross,
     int64_t grants, int64_t other)
{
    struct gt_budget_line *l = gt_budget_add_line(b, area, name);
    l->gross = gross * 1000;
    l->grants = grants * 1000;
    l->other = other * 1000;
}

/* Two areas: one whose stated gross is a rounding away from its two lines
 * (kept as stated), one whose stated income is far off (the sum shown).
 * The grand total adds the areas as shown. */
static void
totals_reconciled(void **state)
{
    (void)state;
    struct gt_budget b = {.year = 2017, .unit = 1000};
    struct gt_ctx notes;
    gt_ctx_init(&notes);
    line(&b, "A", "a1", 100, 10, 0);
    line(&b, "A", "a2", 200, 0, 5);
    line(&b, "B", "b1", 50, 50, 0);
    struct gt_budget_stated *s = gt_budget_add_stated(&b, "A");
    s->has[GT_BUDGET_GROSS] = true;
    s->v[GT_BUDGET_GROSS] = 301000; /* 300 from the lines: rounding */
    s = gt_budget_add_stated(&b, "B");
    s->has[GT_BUDGET_GRANTS] = true;
    s->v[GT_BUDGET_GRANTS] = 70000; /* 50: beyond rounding */
    s = gt_budget_add_stated(&b, "");
    s->has[GT_BUDGET_GROSS] = true;
    s->v[GT_BUDGET_GROSS] = 351000;
    struct gt_budget_table t;
    gt_budget_lay_out(&b, &t, &notes);
    assert_int_equal(t.n, 6); /* a1 a2, A total, b1, B total, grand */
    assert_string_equal(t.rows[2].label, "A total");
    assert_true(t.rows[2].total);
    assert_int_equal(t.rows[2].v[GT_BUDGET_GROSS], 301000);
    assert_int_equal(t.rows[2].v[GT_BUDGET_INCOME], 15000);
    assert_int_equal(t.rows[2].v[GT_BUDGET_FUNDING], 285000);
    assert_int_equal(t.rows[4].v[GT_BUDGET_GRANTS], 50000);
    assert_string_equal(t.rows[5].label, "Grand total");
    assert_int_equal(t.rows[5].v[GT_BUDGET_GROSS], 351000);
    assert_int_equal(t.rows[5].v[GT_BUDGET_FUNDING], 285000);
    assert_int_equal(notes.n_errors, 2);
    assert_string_equal(notes.errors[0],
                        "A total, Gross expenditure: stated 301, the lines "
                        "add up to 300 (rounding; the stated figure is "
                        "shown)");
    assert_string_equal(notes.errors[1],
                        "B total, Grants: stated (70), but the lines add up "
                        "to (50) (a difference beyond rounding; the sum is "
                        "shown)");
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    gt_ctx_finish(&notes);
}

/* RAG of a forecast at the thresholds' exact edges (a budget of 1,000). */
static void
forecast_rag_edges(void **state)
{
    (void)state;
    const struct gt_budget_thresholds d = gt_budget_default_thresholds;
    assert_int_equal(gt_budget_rag(1000, -50, d), GT_RAG_GREEN); /* under */
    assert_int_equal(gt_budget_rag(1000, 0, d), GT_RAG_GREEN);
    assert_int_equal(gt_budget_rag(1000, 4, d), GT_RAG_GREEN);  /* 0.4% */
    assert_int_equal(gt_budget_rag(1000, 5, d), GT_RAG_AMBER);  /* 0.5% */
    assert_int_equal(gt_budget_rag(1000, 20, d), GT_RAG_AMBER); /* 2% */
    assert_int_equal(gt_budget_rag(1000, 21, d), GT_RAG_RED);
    assert_int_equal(gt_budget_rag(0, 1, d), GT_RAG_RED); /* over nothing */
    /* a council's own: Amber from 1%, Red beyond 3.25% */
    const struct gt_budget_thresholds own = {true, 100, 325};
    assert_int_equal(gt_budget_rag(10000, 99, own), GT_RAG_GREEN);
    assert_int_equal(gt_budget_rag(10000, 100, own), GT_RAG_AMBER);
    assert_int_equal(gt_budget_rag(10000, 325, own), GT_RAG_AMBER);
    assert_int_equal(gt_budget_rag(10000, 326, own), GT_RAG_RED);
    char text[16];
    gt_budget_percent_text(50, text);
    assert_string_equal(text, "0.5%");
    gt_budget_percent_text(200, text);
    assert_string_equal(text, "2%");
    gt_budget_percent_text(325, text);
    assert_string_equal(text, "3.25%");
    gt_budget_percent_text(0, text);
    assert_string_equal(text, "0%");
}

/* Monitoring rows follow the area totals; an area with no forecast is
 * taken as on budget and said to have none; the whole adds them up. */
static void
monitoring_rows(void **state)
{
    (void)state;
    struct gt_budget b = {.year = 2026, .unit = 1000};
    struct gt_ctx notes;
    gt_ctx_init(&notes);
    line(&b, "A", "a1", 100, 0, 0);
    line(&b, "B", "b1", 200, 0, 0);
    gt_budget_add_forecast(&b, "A", 103000);
    struct gt_budget_table t;
    gt_budget_lay_out(&b, &t, &notes);
    struct gt_budget_watch w[4];
    size_t n;
    gt_budget_monitor(&b, &t, w, &n);
    assert_int_equal(n, 3);
    assert_string_equal(w[0].area, "A");
    assert_true(w[0].has);
    assert_int_equal(w[0].variance, 3000);
    assert_int_equal(w[0].rag, GT_RAG_RED); /* 3% */
    assert_false(w[1].has);
    assert_int_equal(w[1].variance, 0);
    assert_string_equal(w[2].area, "");
    assert_int_equal(w[2].budget, 300000);
    assert_int_equal(w[2].forecast, 303000);
    assert_int_equal(w[2].rag, GT_RAG_AMBER); /* 1% */
    gt_budget_table_finish(&t);
    gt_budget_finish(&b);
    gt_ctx_finish(&notes);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(amounts_as_printed),
        cmocka_unit_test(totals_reconciled),
        cmocka_unit_test(forecast_rag_edges),
        cmocka_unit_test(monitoring_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
