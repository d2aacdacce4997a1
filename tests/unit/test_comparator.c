/* Unit tests for core/comparator: area type words, the comparator that
 * goes with a period, and the quartile under each polarity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/comparator.h"
#include "core/mem.h"

static struct gt_period
period(const char *text)
{
    struct gt_period p;
    assert_null(gt_period_parse(text, &p));
    return p;
}

static void
add(struct gt_comparators *list, const char *when, enum gt_area_type type,
    const char *area, double value)
{
    struct gt_comparator *c = gt_comparators_push(list);
    c->period = period(when);
    c->type = type;
    c->area = xstrdup(area);
    c->value = (struct gt_value){GT_VALUE_NUMBER, value};
}

static void
area_types_round_trip(void **state)
{
    (void)state;
    for (int t = 0; t < GT_AREA_TYPES; t++) {
        enum gt_area_type back;
        assert_true(
            gt_area_type_parse(gt_area_type_code((enum gt_area_type)t), &back));
        assert_int_equal(back, t);
        assert_true(
            gt_area_type_parse(gt_area_type_word((enum gt_area_type)t), &back));
        assert_int_equal(back, t);
    }
    enum gt_area_type t;
    assert_true(gt_area_type_parse("statistical NEIGHBOURS", &t));
    assert_int_equal(t, GT_AREA_NEIGHBOURS);
    assert_false(gt_area_type_parse("Wales", &t));
}

static void
the_same_period_else_the_latest_published(void **state)
{
    (void)state;
    struct gt_comparators list = {0};
    add(&list, "2024/25", GT_AREA_ENGLAND, "England", 22.4);
    add(&list, "2025/26", GT_AREA_ENGLAND, "England", 21.7);
    add(&list, "2025/26", GT_AREA_REGION, "North West", 20.1);
    add(&list, "Q2 2025/26", GT_AREA_ENGLAND, "England", 23.0);

    struct gt_period q2 = period("Q2 2025/26");
    const struct gt_comparator *c =
        gt_comparator_for(&list, GT_AREA_ENGLAND, &q2);
    assert_non_null(c);
    assert_true(c->value.number == 23.0);

    /* a quarter of 2025/26 before the year's figure is out: 2024/25's */
    struct gt_period q3 = period("Q3 2025/26");
    c = gt_comparator_for(&list, GT_AREA_ENGLAND, &q3);
    assert_non_null(c);
    assert_true(c->value.number == 23.0);
    struct gt_period q1 = period("Q1 2025/26");
    c = gt_comparator_for(&list, GT_AREA_ENGLAND, &q1);
    assert_true(c->value.number == 22.4);

    /* the year's own figure, then it stands for the next year's quarters */
    struct gt_period next = period("Q1 2026/27");
    c = gt_comparator_for(&list, GT_AREA_ENGLAND, &next);
    assert_true(c->value.number == 21.7);
    c = gt_comparator_for(&list, GT_AREA_REGION, &next);
    assert_string_equal(c->area, "North West");

    /* nothing published yet, and no neighbours at all */
    struct gt_period early = period("Q4 2023/24");
    assert_null(gt_comparator_for(&list, GT_AREA_ENGLAND, &early));
    assert_null(gt_comparator_for(&list, GT_AREA_NEIGHBOURS, &next));
    gt_comparators_finish(&list);
}

static void
quartiles_follow_polarity(void **state)
{
    (void)state;
    struct gt_comparators list = {0};
    char name[16];
    /* eight councils at 10, 20, ..., 80; another year's figures and
     * England's must not count */
    for (int i = 1; i <= 8; i++) {
        snprintf(name, sizeof name, "Council %d", i);
        add(&list, "2024/25", GT_AREA_AUTHORITY, name, 10.0 * i);
        add(&list, "2023/24", GT_AREA_AUTHORITY, name, 1000);
    }
    add(&list, "2024/25", GT_AREA_ENGLAND, "England", 1000);
    struct gt_period y = period("2024/25");
    struct gt_value v = {GT_VALUE_NUMBER, 80};
    /* higher is better: 80 ties the best, so is first */
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_HIGHER_BETTER),
                     1);
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_LOWER_BETTER), 4);
    v.number = 55; /* three councils above: rank 4 of 8; five below */
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_HIGHER_BETTER),
                     2);
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_LOWER_BETTER), 3);
    v.number = 20; /* rank 7 of 8 when higher is better; 2 when lower */
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_HIGHER_BETTER),
                     4);
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_LOWER_BETTER), 1);
    v.number = 0; /* below every council */
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_HIGHER_BETTER),
                     4);
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_LOWER_BETTER), 1);

    /* cannot be told: a band, a missing value, too few councils */
    assert_int_equal(gt_comparator_quartile(&list, &y, &v, GT_WITHIN_BAND), 0);
    struct gt_value c = {GT_VALUE_SUPPRESSED, 0};
    assert_int_equal(gt_comparator_quartile(&list, &y, &c, GT_HIGHER_BETTER),
                     0);
    struct gt_period other = period("2022/23");
    assert_int_equal(
        gt_comparator_quartile(&list, &other, &v, GT_HIGHER_BETTER), 0);
    assert_string_equal(gt_quartile_words(1), "Top quartile");
    assert_string_equal(gt_quartile_words(4), "Bottom quartile");
    assert_string_equal(gt_quartile_words(0), "Not known");
    gt_comparators_finish(&list);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(area_types_round_trip),
        cmocka_unit_test(the_same_period_else_the_latest_published),
        cmocka_unit_test(quartiles_follow_polarity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
