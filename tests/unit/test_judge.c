/* Unit tests for core/judge: RAG under each polarity and tolerance kind,
 * direction of travel, missing values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/judge.h"

static struct gt_value
num(double x)
{
    struct gt_value v = {GT_VALUE_NUMBER, x};
    return v;
}

static void
rag_higher_is_better(void **state)
{
    (void)state;
    struct gt_target t = {.set = true, .value = 90};
    struct gt_tolerance abs5 = {.relative = false, .amount = 5};
    struct gt_tolerance rel10 = {.relative = true, .amount = 0.10};
    struct gt_value v;
    v = num(92);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &abs5),
                     GT_RAG_GREEN);
    v = num(90);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &abs5),
                     GT_RAG_GREEN);
    v = num(85);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &abs5),
                     GT_RAG_AMBER);
    v = num(84.9);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &abs5), GT_RAG_RED);
    /* 10% of 90 is 9 */
    v = num(81);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &rel10),
                     GT_RAG_AMBER);
    v = num(80.9);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, &rel10),
                     GT_RAG_RED);
    /* no tolerance: anything short of target is off target */
    v = num(89.9);
    assert_int_equal(gt_judge_rag(&v, &t, GT_HIGHER_BETTER, NULL), GT_RAG_RED);
    assert_string_equal(gt_rag_words(GT_RAG_GREEN, GT_HIGHER_BETTER),
                        "On or above target");
}

static void
rag_lower_is_better(void **state)
{
    (void)state;
    /* sickness days per FTE against a target of 6 */
    struct gt_target t = {.set = true, .value = 6};
    struct gt_tolerance abs1 = {.relative = false, .amount = 1};
    struct gt_value v = num(5.5);
    assert_int_equal(gt_judge_rag(&v, &t, GT_LOWER_BETTER, &abs1),
                     GT_RAG_GREEN);
    v = num(7);
    assert_int_equal(gt_judge_rag(&v, &t, GT_LOWER_BETTER, &abs1),
                     GT_RAG_AMBER);
    v = num(7.1);
    assert_int_equal(gt_judge_rag(&v, &t, GT_LOWER_BETTER, &abs1), GT_RAG_RED);
    assert_string_equal(gt_rag_words(GT_RAG_GREEN, GT_LOWER_BETTER),
                        "On or below target");
    assert_string_equal(gt_rag_words(GT_RAG_AMBER, GT_LOWER_BETTER),
                        "Within tolerance");
    assert_string_equal(gt_rag_words(GT_RAG_RED, GT_LOWER_BETTER),
                        "Off target");
}

static void
rag_within_a_band(void **state)
{
    (void)state;
    /* caseloads of 12 to 20 */
    struct gt_target t = {.set = true, .value = 12, .high = 20};
    struct gt_tolerance abs2 = {.relative = false, .amount = 2};
    struct gt_value v = num(15);
    assert_int_equal(gt_judge_rag(&v, &t, GT_WITHIN_BAND, &abs2), GT_RAG_GREEN);
    v = num(21);
    assert_int_equal(gt_judge_rag(&v, &t, GT_WITHIN_BAND, &abs2), GT_RAG_AMBER);
    v = num(10);
    assert_int_equal(gt_judge_rag(&v, &t, GT_WITHIN_BAND, &abs2), GT_RAG_AMBER);
    v = num(23);
    assert_int_equal(gt_judge_rag(&v, &t, GT_WITHIN_BAND, &abs2), GT_RAG_RED);
}

static void
grey_without_target_or_value(void **state)
{
    (void)state;
    struct gt_target none = {.set = false};
    struct gt_target t = {.set = true, .value = 90};
    struct gt_value v = num(95), c;
    assert_int_equal(gt_judge_rag(&v, &none, GT_HIGHER_BETTER, NULL),
                     GT_RAG_GREY);
    assert_true(gt_value_parse("c", &c));
    assert_int_equal(gt_judge_rag(&c, &t, GT_HIGHER_BETTER, NULL), GT_RAG_GREY);
    struct gt_value low;
    assert_true(gt_value_parse("LOW", &low));
    assert_int_equal(gt_judge_rag(&low, &t, GT_LOWER_BETTER, NULL),
                     GT_RAG_GREEN);
}

static void
direction_of_travel(void **state)
{
    (void)state;
    struct gt_value now = num(88), before = num(85);
    assert_int_equal(
        gt_judge_direction(&now, &before, GT_HIGHER_BETTER, NULL, 0.5),
        GT_DIR_IMPROVING);
    assert_int_equal(
        gt_judge_direction(&now, &before, GT_LOWER_BETTER, NULL, 0.5),
        GT_DIR_WORSENING);
    assert_int_equal(
        gt_judge_direction(&now, &before, GT_HIGHER_BETTER, NULL, 3),
        GT_DIR_NO_CHANGE);
    assert_string_equal(gt_direction_arrow(&now, &before, 0.5), "\xE2\x86\x91");
    assert_string_equal(gt_direction_arrow(&before, &now, 0.5), "\xE2\x86\x93");
    assert_string_equal(gt_direction_arrow(&now, &before, 3), "\xE2\x86\x92");
    /* a band: moving towards it is improving, whichever side */
    struct gt_target band = {.set = true, .value = 12, .high = 20};
    struct gt_value a = num(24), b = num(22);
    assert_int_equal(gt_judge_direction(&b, &a, GT_WITHIN_BAND, &band, 0),
                     GT_DIR_IMPROVING);
    a = num(8);
    b = num(10);
    assert_int_equal(gt_judge_direction(&b, &a, GT_WITHIN_BAND, &band, 0),
                     GT_DIR_IMPROVING);
    assert_int_equal(gt_judge_direction(&a, &b, GT_WITHIN_BAND, &band, 0),
                     GT_DIR_WORSENING);
    struct gt_value x;
    assert_true(gt_value_parse("x", &x));
    assert_int_equal(gt_judge_direction(&now, &x, GT_HIGHER_BETTER, NULL, 0),
                     GT_DIR_UNKNOWN);
    assert_string_equal(gt_direction_arrow(&now, &x, 0), "");
    assert_string_equal(gt_direction_word(GT_DIR_NO_CHANGE), "No change");
}

static void
values(void **state)
{
    (void)state;
    struct gt_value v;
    char out[32];
    assert_true(gt_value_parse(" 12.345 ", &v));
    gt_value_format(&v, 1, out, sizeof out);
    assert_string_equal(out, "12.3");
    /* halves round away from zero as written, not to even nor by their
     * binary representation */
    const struct {
        double v;
        int places;
        const char *text;
    } halves[] = {{20.25, 1, "20.3"}, {2.675, 2, "2.68"},
                  {0.5, 0, "1"},      {2.5, 0, "3"},
                  {-2.5, 0, "-3"},    {1.005, 2, "1.01"},
                  {20.24, 1, "20.2"}, {1e6 + 0.5, 0, "1000001"}};
    for (size_t i = 0; i < sizeof halves / sizeof halves[0]; i++) {
        v = (struct gt_value){GT_VALUE_NUMBER, halves[i].v};
        gt_value_format(&v, halves[i].places, out, sizeof out);
        assert_string_equal(out, halves[i].text);
    }
    const char *symbols[] = {"x", "z", "c", "low"};
    for (size_t i = 0; i < 4; i++) {
        assert_true(gt_value_parse(symbols[i], &v));
        gt_value_format(&v, 2, out, sizeof out);
        assert_string_equal(out, symbols[i]);
    }
    assert_false(gt_value_parse("", &v));
    assert_false(gt_value_parse("12%", &v));
    assert_false(gt_value_parse("nan", &v));
    assert_false(gt_value_parse("lots", &v));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rag_higher_is_better),
        cmocka_unit_test(rag_lower_is_better),
        cmocka_unit_test(rag_within_a_band),
        cmocka_unit_test(grey_without_target_or_value),
        cmocka_unit_test(direction_of_travel),
        cmocka_unit_test(values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
