/* Unit tests for core/date: day numbers and their text forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static void
round_trip_every_day_for_400_years(void **state)
{
    (void)state;
    int32_t start = gt_date_from_ymd(1900, 1, 1);
    int32_t end = gt_date_from_ymd(2300, 1, 1);
    int py = 1899, pm = 12, pd = 31;
    for (int32_t d = start; d < end; d++) {
        int y, m, dd;
        gt_date_to_ymd(d, &y, &m, &dd);
        assert_int_equal(gt_date_from_ymd(y, m, dd), d);
        /* consecutive days follow the calendar */
        if (dd == 1)
            assert_true((m == pm + 1 && y == py) || (m == 1 && y == py + 1));
        else
            assert_int_equal(dd, pd + 1);
        py = y, pm = m, pd = dd;
    }
}

static void
known_days(void **state)
{
    (void)state;
    assert_int_equal(gt_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(gt_date_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(gt_days_in_month(2024, 2), 29);
    assert_int_equal(gt_days_in_month(1900, 2), 28);
    assert_int_equal(gt_days_in_month(2000, 2), 29);
    assert_int_equal(gt_date_from_ymd(2023, 2, 29), GT_NO_DATE);
    assert_int_equal(gt_date_from_ymd(2023, 13, 1), GT_NO_DATE);
    assert_int_equal(gt_date_month_end_after(2026, 11, 3),
                     gt_date_from_ymd(2027, 2, 28));
}

static void
parses_council_forms(void **state)
{
    (void)state;
    int32_t d;
    int32_t want = gt_date_from_ymd(2017, 3, 31);
    assert_true(gt_date_parse("2017-03-31", &d));
    assert_int_equal(d, want);
    assert_true(gt_date_parse("31 March 2017", &d));
    assert_int_equal(d, want);
    assert_true(gt_date_parse(" 31 mar 2017 ", &d));
    assert_int_equal(d, want);
    assert_true(gt_date_parse("31/03/2017", &d));
    assert_int_equal(d, want);
    assert_true(gt_date_parse("1 Sept 2017", &d));
    assert_int_equal(d, gt_date_from_ymd(2017, 9, 1));
}

static void
refuses_bad_dates(void **state)
{
    (void)state;
    int32_t d = 7;
    const char *bad[] = {"",
                         "2017-02-30",
                         "2017-3-31",
                         "31 Marchh 2017",
                         "32 March 2017",
                         "31/13/2017",
                         "March 2017",
                         "2017-03-31x",
                         "31 March 17",
                         "0 March 2017"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(gt_date_parse(bad[i], &d));
    assert_int_equal(d, 7);
}

static void
formats(void **state)
{
    (void)state;
    char iso[GT_DATE_ISO_LEN], words[GT_DATE_LONG_LEN];
    int32_t d = gt_date_from_ymd(2024, 4, 1);
    gt_date_iso(d, iso);
    gt_date_long(d, words);
    assert_string_equal(iso, "2024-04-01");
    assert_string_equal(words, "1 April 2024");
    gt_date_iso(GT_NO_DATE, iso);
    assert_string_equal(iso, "");
    assert_int_equal(gt_month_from_name("DECEMBER", 8), 12);
    assert_int_equal(gt_month_from_name("Dece", 4), 0);
}

/* The day of a stored time, in words; nothing from what is not one. */
static void
timestamp_days(void **state)
{
    (void)state;
    char out[GT_DATE_LONG_LEN];
    gt_timestamp_day_long("2026-11-27T09:00:00Z", out);
    assert_string_equal(out, "27 November 2026");
    gt_timestamp_day_long("2026-02-30T00:00:00Z", out);
    assert_string_equal(out, "");
    gt_timestamp_day_long("2026-11", out);
    assert_string_equal(out, "");
    gt_timestamp_day_long(NULL, out);
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_every_day_for_400_years),
        cmocka_unit_test(known_days),
        cmocka_unit_test(parses_council_forms),
        cmocka_unit_test(refuses_bad_dates),
        cmocka_unit_test(formats),
        cmocka_unit_test(timestamp_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
