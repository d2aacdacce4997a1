/* Unit tests for csc/calendar and the list readers' date parsing: working
 * days under both conventions around weekends and bank holidays, the
 * GOV.UK file shape, and dates as councils' lists write them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "csc/annexa.h"
#include "csc/calendar.h"

static int32_t
ymd(int y, int m, int d)
{
    return gt_date_from_ymd(y, m, d);
}

static void
working_days_convention_a(void **state)
{
    (void)state;
    struct gt_calendar c;
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    assert_int_equal(gt_calendar_default(&c, &ctx), GT_OK);
    /* the same day is 0; Monday to Tuesday is 1 */
    assert_int_equal(gt_working_days(&c, ymd(2016, 4, 5), ymd(2016, 4, 5)), 0);
    assert_int_equal(gt_working_days(&c, ymd(2016, 4, 4), ymd(2016, 4, 5)), 1);
    /* Friday to Monday is 1: the weekend is not counted */
    assert_int_equal(gt_working_days(&c, ymd(2016, 4, 8), ymd(2016, 4, 11)), 1);
    /* a Saturday start counts from Monday */
    assert_int_equal(gt_working_days(&c, ymd(2016, 7, 2), ymd(2016, 7, 4)), 0);
    /* Christmas 2016 fell on a Sunday: 26 and 27 December and 2 January
     * are holidays, so from 23 December to 3 January only the 23rd and
     * 28 to 30 December count */
    assert_int_equal(gt_working_days(&c, ymd(2016, 12, 23), ymd(2017, 1, 3)),
                     4);
    /* one-off holidays: the 2022 state funeral and the 2023 coronation */
    assert_false(gt_calendar_is_working_day(&c, ymd(2022, 9, 19)));
    assert_false(gt_calendar_is_working_day(&c, ymd(2023, 5, 8)));
    assert_true(gt_calendar_is_working_day(&c, ymd(2023, 5, 9)));
    /* Good Friday and Easter Monday move with Easter */
    assert_false(gt_calendar_is_working_day(&c, ymd(2016, 3, 25)));
    assert_false(gt_calendar_is_working_day(&c, ymd(2016, 3, 28)));
    assert_false(gt_calendar_is_working_day(&c, ymd(2025, 4, 18)));
    /* backwards is negative */
    assert_int_equal(gt_working_days(&c, ymd(2016, 4, 5), ymd(2016, 4, 4)), -1);
    assert_true(gt_calendar_covers(&c, ymd(2016, 4, 1)));
    assert_false(gt_calendar_covers(&c, ymd(2031, 1, 1)));
    gt_calendar_finish(&c);
    gt_ctx_finish(&ctx);
}

static void
deadline_convention_b_is_a_day_earlier(void **state)
{
    (void)state;
    struct gt_calendar c;
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    assert_int_equal(gt_calendar_default(&c, &ctx), GT_OK);
    /* 15 working days from Monday 1 August 2016: convention A allows up to
     * Monday 22 August (15 working days later); B's day 15 is Friday 19 */
    int32_t b = gt_working_deadline_b(&c, ymd(2016, 8, 1), 15);
    assert_int_equal(b, ymd(2016, 8, 19));
    assert_int_equal(gt_working_days(&c, ymd(2016, 8, 1), ymd(2016, 8, 22)),
                     15);
    /* day 1 is the start itself, or the next working day after a weekend */
    assert_int_equal(gt_working_deadline_b(&c, ymd(2016, 8, 1), 1),
                     ymd(2016, 8, 1));
    assert_int_equal(gt_working_deadline_b(&c, ymd(2016, 7, 30), 1),
                     ymd(2016, 8, 1));
    /* over the August bank holiday, Monday 29 August 2016 */
    assert_int_equal(gt_working_deadline_b(&c, ymd(2016, 8, 25), 3),
                     ymd(2016, 8, 30));
    gt_calendar_finish(&c);
    gt_ctx_finish(&ctx);
}

static void
a_replacement_file(void **state)
{
    (void)state;
    static const char json[] =
        "{\"england-and-wales\":{\"division\":\"england-and-wales\","
        "\"events\":[{\"title\":\"A day off\",\"date\":\"2030-06-04\","
        "\"notes\":\"\",\"bunting\":true}]},\"scotland\":{\"events\":[]}}";
    struct gt_calendar c;
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    assert_int_equal(gt_calendar_load(&c, json, strlen(json), "h.json", &ctx),
                     GT_OK);
    assert_false(gt_calendar_is_working_day(&c, ymd(2030, 6, 4)));
    assert_true(gt_calendar_is_working_day(&c, ymd(2030, 12, 25)));
    assert_false(gt_calendar_covers(&c, ymd(2029, 12, 31)));
    gt_calendar_finish(&c);

    static const char bad[] =
        "{\"england-and-wales\":{\"events\":[{\"date\":\"4 June\"}]}}";
    assert_int_equal(gt_calendar_load(&c, bad, strlen(bad), "h.json", &ctx),
                     GT_INVALID);
    assert_string_equal(gt_ctx_last(&ctx), "h.json: event 1: \"date\" is not "
                                           "a date like 2026-12-25");
    assert_int_equal(gt_calendar_load(&c, "{", 1, "h.json", &ctx), GT_INVALID);
    gt_ctx_finish(&ctx);
}

static void
dates_as_lists_write_them(void **state)
{
    (void)state;
    int32_t d;
    assert_int_equal(csc_parse_date("31/03/2017", &d), 1);
    assert_int_equal(d, ymd(2017, 3, 31));
    assert_int_equal(csc_parse_date("1/4/2016", &d), 1);
    assert_int_equal(d, ymd(2016, 4, 1));
    assert_int_equal(csc_parse_date("2017-03-31", &d), 1);
    assert_int_equal(d, ymd(2017, 3, 31));
    assert_int_equal(csc_parse_date("2017-03-31 00:00:00", &d), 1);
    assert_int_equal(csc_parse_date("44090", &d), 1);
    assert_int_equal(d, ymd(2020, 9, 16)); /* csc-data.md's example */
    assert_int_equal(csc_parse_date("44090.0", &d), 1);
    assert_int_equal(csc_parse_date("", &d), 0);
    assert_int_equal(csc_parse_date("#N/A", &d), 0);
    assert_int_equal(csc_parse_date("31/02/2017", &d), -1);
    assert_int_equal(csc_parse_date("31/03/17", &d), -1);
    assert_int_equal(csc_parse_date("March 2017", &d), -1);
    assert_int_equal(csc_parse_date("2017-13-01", &d), -1);
    assert_int_equal(csc_parse_date("-5", &d), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(working_days_convention_a),
        cmocka_unit_test(deadline_convention_b_is_a_day_earlier),
        cmocka_unit_test(a_replacement_file),
        cmocka_unit_test(dates_as_lists_write_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
