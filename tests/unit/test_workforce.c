/* Unit tests for core/workforce: vacancies never below 0, the agency
 * share, days lost scaled to a year by the period's length, and the RAG
 * at its edges (judged as shown, to one decimal place). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/workforce.h"

static void
figures(void **state)
{
    (void)state;
    struct gt_workforce w = {.period = {GT_PERIOD_QUARTER,
                                        gt_date_from_ymd(2026, 7, 1),
                                        gt_date_from_ymd(2026, 9, 30)},
                             .establishment = 120,
                             .filled = 110,
                             .agency = 15.5,
                             .has_sickness = true,
                             .sickness_days = 205};
    assert_float_equal(gt_workforce_vacancies(&w), 10, 1e-9);
    assert_float_equal(gt_workforce_agency_percent(&w), 14.0909, 1e-3);
    double d;
    assert_true(gt_workforce_days_per_fte(&w, &d));
    assert_float_equal(d, 205.0 / 110 * 365 / 92, 1e-9); /* 7.39 */
    w.filled = 130; /* over establishment: no negative vacancies */
    assert_float_equal(gt_workforce_vacancies(&w), 0, 1e-9);
    w.has_sickness = false;
    assert_false(gt_workforce_days_per_fte(&w, &d));
    w.has_sickness = true;
    w.filled = 0;
    assert_false(gt_workforce_days_per_fte(&w, &d));
    assert_float_equal(gt_workforce_agency_percent(&w), 0, 1e-9);
}

static void
sickness_rag_edges(void **state)
{
    (void)state;
    assert_int_equal(gt_workforce_sickness_rag(6.0, 6), GT_RAG_GREEN);
    assert_int_equal(gt_workforce_sickness_rag(6.04, 6), GT_RAG_GREEN);
    assert_int_equal(gt_workforce_sickness_rag(6.05, 6), GT_RAG_AMBER);
    assert_int_equal(gt_workforce_sickness_rag(6.6, 6), GT_RAG_AMBER);
    assert_int_equal(gt_workforce_sickness_rag(6.7, 6), GT_RAG_RED);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures),
        cmocka_unit_test(sickness_rag_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
