/* Unit tests for core/risk: scores and their bands at each edge, the
 * mitigation statuses councils write, overdue reviews; and the heat map
 * (every risk's ref in its cell, the bands named in the legend). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/risk.h"
#include "report/markup.h"
#include "report/svg.h"

static void
bands_at_their_edges(void **state)
{
    (void)state;
    assert_int_equal(gt_risk_value((struct gt_risk_score){3, 4}), 12);
    assert_int_equal(gt_risk_value((struct gt_risk_score){0, 0}), 0);
    assert_string_equal(gt_risk_band(0), "");
    assert_string_equal(gt_risk_band(1), "Low");
    assert_string_equal(gt_risk_band(4), "Low");
    assert_string_equal(gt_risk_band(5), "Medium");
    assert_string_equal(gt_risk_band(9), "Medium");
    assert_string_equal(gt_risk_band(10), "High");
    assert_string_equal(gt_risk_band(16), "High");
    assert_string_equal(gt_risk_band(20), "Very high");
    assert_string_equal(gt_risk_band(25), "Very high");
}

static void
statuses_and_reviews(void **state)
{
    (void)state;
    enum gt_mitigation_status s;
    assert_true(gt_mitigation_status_parse("In Progress", &s));
    assert_int_equal(s, GT_MITIGATION_IN_PROGRESS);
    assert_true(gt_mitigation_status_parse("completed", &s));
    assert_int_equal(s, GT_MITIGATION_DONE);
    assert_true(gt_mitigation_status_parse("not started", &s));
    assert_int_equal(s, GT_MITIGATION_PLANNED);
    assert_false(gt_mitigation_status_parse("soon", &s));
    struct gt_risk r = {.review = gt_date_from_ymd(2026, 10, 31)};
    assert_false(gt_risk_review_overdue(&r, gt_date_from_ymd(2026, 10, 31)));
    assert_true(gt_risk_review_overdue(&r, gt_date_from_ymd(2026, 11, 1)));
    r.review = GT_NO_DATE;
    assert_false(gt_risk_review_overdue(&r, gt_date_from_ymd(2030, 1, 1)));
}

static void
heat_map_names_every_risk(void **state)
{
    (void)state;
    const struct svg_risk_mark marks[] = {
        {"R1", 3, 4}, {"R4", 3, 4}, {"R<2>", 1, 5}};
    struct markup m;
    markup_init(&m, 64 * 1024);
    svg_risk_heat_map(&m, "hm", "Risks", "R1 and R4 at 3 by 4", marks, 3);
    const char *svg = m.b.p;
    assert_non_null(strstr(svg, "role=\"img\""));
    assert_non_null(strstr(svg, ">R1</text>"));
    assert_non_null(strstr(svg, ">R4</text>"));
    assert_non_null(strstr(svg, ">R&lt;2&gt;</text>")); /* escaped */
    assert_non_null(strstr(svg, ">Very high</text>"));
    assert_non_null(strstr(svg, ">Likelihood</text>"));
    /* 25 cells, the legend's 4 squares */
    size_t rects = 0;
    for (const char *p = svg; (p = strstr(p, "<rect")); p++)
        rects++;
    assert_int_equal(rects, 29);
    markup_finish(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bands_at_their_edges),
        cmocka_unit_test(statuses_and_reviews),
        cmocka_unit_test(heat_map_names_every_risk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
