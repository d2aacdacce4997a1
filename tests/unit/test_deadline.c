/* Unit tests for core/deadline: every form the seed plans use, canonical
 * rendering, next due dates, overdue, and malformed text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/deadline.h"

#define D(y, m, d) gt_date_from_ymd(y, m, d)

struct form {
    const char *text;
    int32_t start, due;
    int every;
    bool ongoing;
    const char *canonical;
};

static void
every_seed_form(void **state)
{
    (void)state;
    const struct form forms[] = {
        {"December 2016", GT_NO_DATE, D(2016, 12, 31), 0, false,
         "December 2016"},
        {"September 2017", GT_NO_DATE, D(2017, 9, 30), 0, false,
         "September 2017"},
        {"January 2017 onwards", D(2017, 1, 1), D(2017, 1, 31), 0, true,
         "January 2017 onwards"},
        {"March 2017 onwards", D(2017, 3, 1), D(2017, 3, 31), 0, true,
         "March 2017 onwards"},
        {"From March 2017", D(2017, 3, 1), D(2017, 3, 31), 0, true,
         "March 2017 onwards"},
        {"January 2017 and ongoing", D(2017, 1, 1), D(2017, 1, 31), 0, true,
         "January 2017 onwards"},
        {"January \xE2\x80\x93 March 2017", D(2017, 1, 1), D(2017, 3, 31), 0,
         false, "January to March 2017"},
        /* "from" before a range is the range, not ongoing (the fuzzer
         * found it printed as "March 2012 onwards") */
        {"Start Jan \xE2\x80\x93 March 2012", D(2012, 1, 1), D(2012, 3, 31), 0,
         false, "January to March 2012"},
        {"January - March 2017", D(2017, 1, 1), D(2017, 3, 31), 0, false,
         "January to March 2017"},
        {"January-March 2017", D(2017, 1, 1), D(2017, 3, 31), 0, false,
         "January to March 2017"},
        {"January to March 2017", D(2017, 1, 1), D(2017, 3, 31), 0, false,
         "January to March 2017"},
        {"November 2016 \xE2\x80\x94 March 2017", D(2016, 11, 1),
         D(2017, 3, 31), 0, false, "November 2016 to March 2017"},
        {"November - February 2017", D(2016, 11, 1), D(2017, 2, 28), 0, false,
         "November 2016 to February 2017"},
        {"Start July 2016 and every two months thereafter.", D(2016, 7, 1),
         D(2016, 7, 31), 2, true, "July 2016 and every 2 months thereafter"},
        {"January 2017 and quarterly thereafter.", D(2017, 1, 1),
         D(2017, 1, 31), 3, true, "January 2017 and quarterly thereafter"},
        {"April 2017 and monthly thereafter", D(2017, 4, 1), D(2017, 4, 30), 1,
         true, "April 2017 and monthly thereafter"},
        {"March 2017 and six-monthly thereafter", D(2017, 3, 1), D(2017, 3, 31),
         6, true, "March 2017 and every 6 months thereafter"},
        {"2017-03-31", GT_NO_DATE, D(2017, 3, 31), 0, false, "31 March 2017"},
        {"31 March 2017", GT_NO_DATE, D(2017, 3, 31), 0, false,
         "31 March 2017"},
        {"  31 march 2017. ", GT_NO_DATE, D(2017, 3, 31), 0, false,
         "31 March 2017"},
        {"February 2024", GT_NO_DATE, D(2024, 2, 29), 0, false,
         "February 2024"},
        {"-", GT_NO_DATE, GT_NO_DATE, 0, false, "-"},
        {"", GT_NO_DATE, GT_NO_DATE, 0, false, "-"},
        {"   ", GT_NO_DATE, GT_NO_DATE, 0, false, "-"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        struct gt_deadline dl, again;
        char out[GT_DEADLINE_TEXT_LEN];
        const char *err = gt_deadline_parse(forms[i].text, &dl);
        if (err)
            fail_msg("\"%s\": %s", forms[i].text, err);
        assert_int_equal(dl.start, forms[i].start);
        assert_int_equal(dl.due, forms[i].due);
        assert_int_equal(dl.every_months, forms[i].every);
        assert_int_equal(dl.ongoing, forms[i].ongoing);
        gt_deadline_format(&dl, out);
        assert_string_equal(out, forms[i].canonical);
        /* the canonical text reads back to the same deadline */
        assert_null(gt_deadline_parse(strcmp(out, "-") ? out : "", &again));
        assert_int_equal(again.start, dl.start);
        assert_int_equal(again.due, dl.due);
        assert_int_equal(again.every_months, dl.every_months);
        assert_int_equal(again.ongoing, dl.ongoing);
    }
}

static void
malformed(void **state)
{
    (void)state;
    const char *bad[] = {
        "Jnauary 2017",                    /* misspelt month */
        "January",                         /* no year */
        "2017",                            /* no month */
        "32 March 2017",                   /* no such day */
        "31 February 2017",                /* no such date */
        "2017-02-30",                      /* no such ISO date */
        "March - January",                 /* range without a year */
        "5 Jun 2015 every 100 quarters",   /* 300 months (the fuzzer) */
        "March 2017 - January 2017",       /* ends before it starts */
        "January 2017 and",                /* dangling and */
        "January 2017 and every so often", /* unreadable recurrence */
        "January 2017 soon",               /* trailing words */
        "Q1 2017",                         /* not a deadline form */
        "January 1850",                    /* year out of range */
        "January - March 2017 onwards",    /* range and ongoing */
        "TBC",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct gt_deadline dl;
        const char *err = gt_deadline_parse(bad[i], &dl);
        if (!err)
            fail_msg("\"%s\" was accepted", bad[i]);
        assert_true(strlen(err) > 5);
        assert_int_equal(dl.due, GT_NO_DATE);
    }
    char longer[300];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    struct gt_deadline dl;
    assert_non_null(gt_deadline_parse(longer, &dl));
}

static void
next_due_of_recurrence(void **state)
{
    (void)state;
    struct gt_deadline dl;
    assert_null(gt_deadline_parse(
        "Start July 2016 and every two months thereafter.", &dl));
    /* before the first: the first */
    assert_int_equal(gt_deadline_next_due(&dl, D(2016, 1, 1)), D(2016, 7, 31));
    assert_int_equal(gt_deadline_next_due(&dl, D(2016, 7, 31)), D(2016, 7, 31));
    assert_int_equal(gt_deadline_next_due(&dl, D(2016, 8, 1)), D(2016, 9, 30));
    assert_int_equal(gt_deadline_next_due(&dl, D(2017, 1, 15)), D(2017, 1, 31));
    assert_int_equal(gt_deadline_next_due(&dl, D(2017, 2, 1)), D(2017, 3, 31));
    assert_null(
        gt_deadline_parse("January 2017 and quarterly thereafter", &dl));
    assert_int_equal(gt_deadline_next_due(&dl, D(2017, 11, 27)),
                     D(2018, 1, 31));
    assert_null(gt_deadline_parse("March 2017", &dl));
    assert_int_equal(gt_deadline_next_due(&dl, D(2018, 1, 1)), D(2017, 3, 31));
}

static void
overdue_rules(void **state)
{
    (void)state;
    struct gt_deadline dl;
    assert_null(gt_deadline_parse("December 2016", &dl));
    assert_false(gt_deadline_overdue(&dl, GT_AMBER, D(2016, 12, 31)));
    assert_true(gt_deadline_overdue(&dl, GT_AMBER, D(2017, 1, 1)));
    assert_true(gt_deadline_overdue(&dl, GT_NOT_RATED, D(2017, 1, 1)));
    assert_false(gt_deadline_overdue(&dl, GT_BLUE, D(2017, 1, 1)));
    assert_null(gt_deadline_parse("January 2017 and ongoing", &dl));
    assert_false(gt_deadline_overdue(&dl, GT_RED, D(2020, 1, 1)));
    assert_null(
        gt_deadline_parse("January 2017 and quarterly thereafter", &dl));
    assert_false(gt_deadline_overdue(&dl, GT_RED, D(2020, 1, 1)));
    assert_null(gt_deadline_parse("-", &dl));
    assert_false(gt_deadline_overdue(&dl, GT_RED, D(2020, 1, 1)));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_seed_form),
        cmocka_unit_test(malformed),
        cmocka_unit_test(next_due_of_recurrence),
        cmocka_unit_test(overdue_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
