/* Unit tests for core/caseload: bands from the words plans use and from
 * years since qualifying (at the one- and two-year edges), each band's
 * range checked at its ends, and teams summed in the order first given
 * with the whole last. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/caseload.h"

static void
bands_from_words(void **state)
{
    (void)state;
    enum gt_caseload_band b;
    assert_true(gt_caseload_band_parse("Newly qualified", &b));
    assert_int_equal(b, GT_BAND_NEWLY_QUALIFIED);
    assert_true(gt_caseload_band_parse("nqsw", &b));
    assert_int_equal(b, GT_BAND_NEWLY_QUALIFIED);
    assert_true(gt_caseload_band_parse("After first year", &b));
    assert_int_equal(b, GT_BAND_SECOND_YEAR);
    assert_true(gt_caseload_band_parse("second-year", &b));
    assert_int_equal(b, GT_BAND_SECOND_YEAR);
    assert_true(gt_caseload_band_parse("More than two years", &b));
    assert_int_equal(b, GT_BAND_EXPERIENCED);
    assert_true(gt_caseload_band_parse("EXPERIENCED", &b));
    assert_int_equal(b, GT_BAND_EXPERIENCED);
    assert_false(gt_caseload_band_parse("Senior", &b));
    assert_false(gt_caseload_band_parse("", &b));
    for (int i = 0; i < GT_BAND_COUNT; i++) {
        enum gt_caseload_band back;
        assert_true(gt_caseload_band_parse(
            gt_caseload_band_code((enum gt_caseload_band)i), &back));
        assert_int_equal(back, i);
        assert_true(gt_caseload_band_parse(
            gt_caseload_band_word((enum gt_caseload_band)i), &back));
        assert_int_equal(back, i);
    }
}

static void
bands_from_years(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        enum gt_caseload_band band;
    } cases[] = {
        {"0", true, GT_BAND_NEWLY_QUALIFIED},
        {"0.9", true, GT_BAND_NEWLY_QUALIFIED},
        {"1", true, GT_BAND_SECOND_YEAR}, /* the first year is over */
        {"2", true, GT_BAND_SECOND_YEAR}, /* not yet more than two */
        {"2.1", true, GT_BAND_EXPERIENCED},
        {"3 years", true, GT_BAND_EXPERIENCED},
        {"1 year", true, GT_BAND_SECOND_YEAR},
        {"-1", false, 0},
        {"61", false, 0},
        {"2x", false, 0},
        {"years", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum gt_caseload_band b = GT_BAND_COUNT;
        assert_int_equal(gt_caseload_band_parse(cases[i].text, &b),
                         cases[i].ok);
        if (cases[i].ok)
            assert_int_equal(b, cases[i].band);
    }
}

static void
ranges_at_their_ends(void **state)
{
    (void)state;
    const struct gt_caseload_policy *p = &gt_caseload_default_policy;
    static const struct {
        enum gt_caseload_band band;
        int cases, want;
    } cases[] = {
        {GT_BAND_NEWLY_QUALIFIED, 7, -1}, {GT_BAND_NEWLY_QUALIFIED, 8, 0},
        {GT_BAND_NEWLY_QUALIFIED, 10, 0}, {GT_BAND_NEWLY_QUALIFIED, 11, 1},
        {GT_BAND_SECOND_YEAR, 9, -1},     {GT_BAND_SECOND_YEAR, 10, 0},
        {GT_BAND_SECOND_YEAR, 12, 0},     {GT_BAND_SECOND_YEAR, 13, 1},
        {GT_BAND_EXPERIENCED, 11, -1},    {GT_BAND_EXPERIENCED, 12, 0},
        {GT_BAND_EXPERIENCED, 20, 0},     {GT_BAND_EXPERIENCED, 21, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gt_caseload c = {.band = cases[i].band, .cases = cases[i].cases};
        assert_int_equal(gt_caseload_check(p, &c), cases[i].want);
    }
    struct gt_caseload_policy changed = *p;
    changed.high[GT_BAND_EXPERIENCED] = 22;
    struct gt_caseload c = {.band = GT_BAND_EXPERIENCED, .cases = 21};
    assert_int_equal(gt_caseload_check(&changed, &c), 0);
}

static void
add(struct gt_caseloads *list, const char *team, enum gt_caseload_band band,
    int cases)
{
    struct gt_caseload *c = gt_caseloads_push(list);
    c->team = strdup(team);
    c->worker = strdup("someone");
    c->band = band;
    c->cases = cases;
}

static void
teams_in_order(void **state)
{
    (void)state;
    struct gt_caseloads list = {0};
    add(&list, "Front door", GT_BAND_NEWLY_QUALIFIED, 11); /* over */
    add(&list, "Care", GT_BAND_EXPERIENCED, 12);
    add(&list, "Front door", GT_BAND_EXPERIENCED, 5); /* under */
    add(&list, "Front door", GT_BAND_SECOND_YEAR, 12);
    add(&list, "Care", GT_BAND_EXPERIENCED, 25); /* over */
    size_t n;
    struct gt_caseload_team *t =
        gt_caseload_teams(&gt_caseload_default_policy, &list, &n);
    assert_int_equal(n, 3);
    assert_string_equal(t[0].team, "Front door");
    assert_int_equal(t[0].workers, 3);
    assert_int_equal(t[0].cases, 28);
    assert_int_equal(t[0].over, 1);
    assert_int_equal(t[0].under, 1);
    assert_string_equal(t[1].team, "Care");
    assert_int_equal(t[1].workers, 2);
    assert_int_equal(t[1].cases, 37);
    assert_int_equal(t[1].over, 1);
    assert_int_equal(t[1].under, 0);
    assert_string_equal(t[2].team, "All teams");
    assert_int_equal(t[2].workers, 5);
    assert_int_equal(t[2].cases, 65);
    assert_int_equal(t[2].over, 2);
    assert_int_equal(t[2].under, 1);
    free(t);
    gt_caseloads_finish(&list);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bands_from_words),
        cmocka_unit_test(bands_from_years),
        cmocka_unit_test(ranges_at_their_ends),
        cmocka_unit_test(teams_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
