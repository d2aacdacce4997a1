/* Unit tests for core/kpi: codes and words, tolerances, rates, value text,
 * and judging a period against its target and earlier periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/kpi.h"

static void
codes_round_trip(void **state)
{
    (void)state;
    for (int u = GT_UNIT_COUNT; u <= GT_UNIT_RATIO; u++) {
        enum gt_kpi_unit back;
        assert_true(
            gt_kpi_unit_parse(gt_kpi_unit_code((enum gt_kpi_unit)u), &back));
        assert_int_equal(back, u);
        assert_true(
            gt_kpi_unit_parse(gt_kpi_unit_word((enum gt_kpi_unit)u), &back));
        assert_int_equal(back, u);
    }
    for (int k = GT_PERIOD_YEAR; k <= GT_PERIOD_SNAPSHOT; k++) {
        enum gt_period_kind back;
        assert_true(gt_period_kind_parse(
            gt_period_kind_code((enum gt_period_kind)k), &back));
        assert_int_equal(back, k);
    }
    enum gt_polarity p;
    assert_true(gt_polarity_parse("Lower is better", &p));
    assert_int_equal(p, GT_LOWER_BETTER);
    assert_false(gt_polarity_parse("sideways", &p));
    enum gt_frequency f;
    assert_true(gt_frequency_parse("Quarterly", &f));
    assert_int_equal(f, GT_FREQ_QUARTERLY);
    assert_false(gt_frequency_parse("fortnightly", &f));
}

static void
tolerances(void **state)
{
    (void)state;
    struct gt_tolerance t;
    char text[32];
    assert_null(gt_tolerance_parse("5%", &t));
    assert_true(t.relative);
    assert_true(t.amount > 0.0499 && t.amount < 0.0501);
    gt_tolerance_format(&t, text, sizeof text);
    assert_string_equal(text, "5%");
    assert_null(gt_tolerance_parse("2.5", &t));
    assert_false(t.relative);
    gt_tolerance_format(&t, text, sizeof text);
    assert_string_equal(text, "2.5");
    assert_null(gt_tolerance_parse(NULL, &t));
    assert_true(t.amount == 0);
    assert_non_null(gt_tolerance_parse("-1", &t));
    assert_non_null(gt_tolerance_parse("5%%", &t));
    assert_non_null(gt_tolerance_parse("five", &t));
    assert_non_null(gt_tolerance_parse("inf", &t));
}

static void
rates_and_text(void **state)
{
    (void)state;
    double r;
    assert_true(gt_kpi_rate(GT_UNIT_PERCENT, 896, 3471, &r));
    assert_true(r > 25.81 && r < 25.82);
    assert_true(gt_kpi_rate(GT_UNIT_RATE10K, 104, 24000, &r));
    assert_true(r > 43.33 && r < 43.34);
    assert_false(gt_kpi_rate(GT_UNIT_PERCENT, 1, 0, &r));

    struct gt_kpi k;
    gt_kpi_init(&k);
    k.unit = GT_UNIT_GBP000;
    k.decimals = 1;
    struct gt_kpi_value v = {.has_value = true,
                             .value = {GT_VALUE_NUMBER, 1234.56}};
    char text[64];
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "£1,234.6k");
    v.value.number = -1234567.0;
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "(-£1,234,567.0k)");
    v.value.number = -0.01; /* rounds to zero: no sign */
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "£0.0k");
    k.unit = GT_UNIT_COUNT;
    k.decimals = 0;
    v.value.number = 999;
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "999");
    v.value.number = 3471;
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "3,471");
    k.unit = GT_UNIT_GBP000;
    k.decimals = 1;
    v.value.kind = GT_VALUE_SUPPRESSED;
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "c");
    v.has_value = false;
    gt_kpi_value_text(&k, &v, text, sizeof text);
    assert_string_equal(text, "");
    k.unit = GT_UNIT_PERCENT;
    k.polarity = GT_WITHIN_BAND;
    struct gt_target band = {true, 60, 70};
    gt_kpi_target_text(&k, &band, text, sizeof text);
    assert_string_equal(text, "60.0% to 70.0%");
}

static struct gt_kpi_value *
add(struct gt_kpi_values *list, const char *period, double value, double target)
{
    struct gt_kpi_value *v = gt_kpi_values_push(list);
    assert_null(gt_period_parse(period, &v->period));
    v->has_value = true;
    v->value.number = value;
    v->target.set = true;
    v->target.value = target;
    return v;
}

static void
judged_against_earlier_periods(void **state)
{
    (void)state;
    struct gt_kpi k;
    struct gt_kpi_values list = {0};
    gt_kpi_init(&k);
    k.polarity = GT_LOWER_BETTER;
    k.tolerance.amount = 2;
    k.no_change = 0.5;
    add(&list, "Q1 2024/25", 21, 20);
    add(&list, "Q2 2024/25", 23.5, 20);
    add(&list, "Q4 2024/25", 18, 20); /* Q3 missing */
    add(&list, "Q1 2025/26", 21.3, 20);

    struct gt_kpi_judgement j = gt_kpi_judge(&k, &list, 1);
    assert_int_equal(j.rag, GT_RAG_RED);
    assert_ptr_equal(j.previous, &list.v[0]);
    assert_int_equal(j.since_previous, GT_DIR_WORSENING);
    assert_null(j.last_year);

    j = gt_kpi_judge(&k, &list, 2);
    assert_int_equal(j.rag, GT_RAG_GREEN);
    assert_null(j.previous); /* the quarter before was never entered */
    assert_int_equal(j.since_previous, GT_DIR_UNKNOWN);

    j = gt_kpi_judge(&k, &list, 3);
    assert_int_equal(j.rag, GT_RAG_AMBER);
    assert_ptr_equal(j.previous, &list.v[2]);
    assert_int_equal(j.since_previous, GT_DIR_WORSENING);
    assert_ptr_equal(j.last_year, &list.v[0]);
    assert_int_equal(j.since_last_year, GT_DIR_NO_CHANGE);

    /* a period with no value is grey and has no direction */
    list.v[3].has_value = false;
    j = gt_kpi_judge(&k, &list, 3);
    assert_int_equal(j.rag, GT_RAG_GREY);
    assert_int_equal(j.since_last_year, GT_DIR_UNKNOWN);
    gt_kpi_values_finish(&list);
}

static void
snapshots_compare_with_the_latest_earlier_one(void **state)
{
    (void)state;
    struct gt_kpi k;
    struct gt_kpi_values list = {0};
    gt_kpi_init(&k);
    k.polarity = GT_LOWER_BETTER;
    add(&list, "31 March 2016", 97, 100);
    add(&list, "31 January 2017", 104, 100)->has_value = false;
    add(&list, "31 March 2017", 104, 100);
    struct gt_kpi_judgement j = gt_kpi_judge(&k, &list, 2);
    /* the January snapshot has no value, so March looks back to March */
    assert_ptr_equal(j.previous, &list.v[0]);
    assert_int_equal(j.since_previous, GT_DIR_WORSENING);
    assert_ptr_equal(j.last_year, &list.v[0]);
    j = gt_kpi_judge(&k, &list, 0);
    assert_null(j.previous);
    assert_int_equal(j.since_previous, GT_DIR_UNKNOWN);
    gt_kpi_values_finish(&list);
}

/* Counts of 1 to 5 children, from child-level records, show as c to
 * those who may not see children; nothing else is touched. */
static void
small_counts_of_children_are_suppressed(void **state)
{
    (void)state;
    struct gt_kpi rate = {.unit = GT_UNIT_PERCENT, .child_level = true};
    struct gt_kpi count = {.unit = GT_UNIT_COUNT, .child_level = true};
    struct gt_kpi typed = {.unit = GT_UNIT_COUNT, .child_level = false};
    struct gt_kpi_value v = {.has_value = true, .value = {GT_VALUE_NUMBER, 3}};
    assert_true(gt_kpi_value_disclosive(&count, &v));
    assert_false(gt_kpi_value_disclosive(&typed, &v));
    v.value.number = 0; /* none is not a small number of children */
    assert_false(gt_kpi_value_disclosive(&count, &v));
    v.value.number = 5;
    assert_true(gt_kpi_value_disclosive(&count, &v));
    v.value.number = 6;
    assert_false(gt_kpi_value_disclosive(&count, &v));
    struct gt_kpi_value r = {.has_value = true,
                             .value = {GT_VALUE_NUMBER, 80},
                             .has_ratio = true,
                             .numerator = 4,
                             .denominator = 5};
    assert_true(gt_kpi_value_disclosive(&rate, &r));
    r.numerator = 40, r.denominator = 50;
    assert_false(gt_kpi_value_disclosive(&rate, &r));
    r.numerator = 5, r.denominator = 50; /* the numerator alone is enough */
    assert_true(gt_kpi_value_disclosive(&rate, &r));
    r.has_value = false; /* a target only */
    assert_false(gt_kpi_value_disclosive(&rate, &r));

    struct gt_kpi_value list[2] = {{.has_value = true,
                                    .value = {GT_VALUE_NUMBER, 75},
                                    .has_ratio = true,
                                    .numerator = 3,
                                    .denominator = 4,
                                    .note = strdup("3 of 4")},
                                   {.has_value = true,
                                    .value = {GT_VALUE_NUMBER, 75},
                                    .has_ratio = true,
                                    .numerator = 30,
                                    .denominator = 40,
                                    .note = strdup("30 of 40")}};
    struct gt_kpi_values values = {list, 2, 2};
    gt_kpi_values_suppress(&rate, &values);
    assert_int_equal(list[0].value.kind, GT_VALUE_SUPPRESSED);
    assert_false(list[0].has_ratio);
    assert_null(list[0].note);
    assert_int_equal(list[1].value.kind, GT_VALUE_NUMBER);
    assert_true(list[1].has_ratio);
    assert_string_equal(list[1].note, "30 of 40");
    free(list[1].note);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_round_trip),
        cmocka_unit_test(tolerances),
        cmocka_unit_test(rates_and_text),
        cmocka_unit_test(judged_against_earlier_periods),
        cmocka_unit_test(snapshots_compare_with_the_latest_earlier_one),
        cmocka_unit_test(small_counts_of_children_are_suppressed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
