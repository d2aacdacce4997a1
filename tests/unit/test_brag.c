/* Unit tests for core/brag: words, codes and counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/brag.h"

static void
parses_words(void **state)
{
    (void)state;
    enum gt_brag b;
    const struct {
        const char *word;
        enum gt_brag want;
    } ok[] = {
        {"Blue", GT_BLUE},           {"complete", GT_BLUE},
        {"COMPLETED", GT_BLUE},      {" red ", GT_RED},
        {"Amber", GT_AMBER},         {"g", GT_GREEN},
        {"Not rated", GT_NOT_RATED}, {"", GT_NOT_RATED},
        {"-", GT_NOT_RATED},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_true(gt_brag_parse(ok[i].word, &b));
        assert_int_equal(b, ok[i].want);
    }
    const char *bad[] = {"Purple", "bluee", "rag", "not", "A-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(gt_brag_parse(bad[i], &b));
}

static void
codes_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < GT_BRAG_COUNT; i++) {
        enum gt_brag b;
        assert_true(gt_brag_from_code(gt_brag_code((enum gt_brag)i), &b));
        assert_int_equal(b, i);
        assert_true(gt_brag_parse(gt_brag_word((enum gt_brag)i), &b));
        assert_int_equal(b, i);
    }
    assert_string_equal(gt_brag_meaning(GT_RED), "fully stuck");
}

static void
counts(void **state)
{
    (void)state;
    struct gt_brag_counts c = {{4, 1, 2, 3, 5}};
    char out[120];
    assert_int_equal(gt_brag_total(&c), 15);
    gt_brag_counts_format(&c, out, sizeof out);
    assert_string_equal(out, "Blue 5, Green 3, Amber 2, Red 1, Not rated 4");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_words),
        cmocka_unit_test(codes_round_trip),
        cmocka_unit_test(counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
