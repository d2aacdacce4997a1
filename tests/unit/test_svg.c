/* Unit tests for report/markup and report/svg: numbers and escaping in the
 * report's writer, and charts that are deterministic, accessible and
 * leave gaps where a period has no value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/markup.h"
#include "report/svg.h"

static void
numbers_and_text(void **state)
{
    (void)state;
    struct markup m;
    markup_init(&m, 1024);
    markup_num(&m, -0.0, 1);
    markup_lit(&m, " ");
    markup_num(&m, -0.04, 1);
    markup_lit(&m, " ");
    markup_num(&m, 12.345, 2);
    markup_lit(&m, " ");
    markup_num(&m, -3.5, 1);
    markup_lit(&m, " ");
    markup_text(&m, "<b>\"Tom & Jerry's\"</b>");
    assert_string_equal(
        m.b.p, "0.0 0.0 12.35 -3.5 &lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;"
               "&lt;/b&gt;");
    markup_finish(&m);

    markup_init(&m, 8);
    markup_text(&m, "far more than eight bytes");
    assert_true(m.overflowed);
    markup_finish(&m);
}

static char *
trend(const bool *has)
{
    static const char *const labels[] = {"Q1 2025/26", "Q2 2025/26",
                                         "Q3 2025/26", "Q4 2025/26"};
    static const double y[] = {20.5, 18.25, 19, 17.5};
    static const double target[] = {17, 17, 17, 17};
    static const bool all[] = {true, true, true, true};
    static const double england[] = {22.4, 22.4, 22.4, 22.4};
    struct svg_trend c = {
        .id = "t",
        .title = "Repeat <referrals>",
        .desc = "Per cent for 4 periods",
        .n = 4,
        .labels = labels,
        .value = {"Riverside", y, has},
        .target = target,
        .has_target = all,
        .comparators = {{"England", england, all}},
        .n_comparators = 1,
        .decimals = 1,
        .suffix = "%",
    };
    struct markup m;
    markup_init(&m, 64 * 1024);
    svg_trend(&m, &c);
    assert_false(m.overflowed);
    char *out = buf_take(&m.b);
    markup_finish(&m);
    return out;
}

static void
trend_is_deterministic_and_labelled(void **state)
{
    (void)state;
    static const bool all[] = {true, true, true, true};
    char *a = trend(all), *b = trend(all);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "role=\"img\""));
    assert_non_null(strstr(a, "aria-labelledby=\"t-title t-desc\""));
    assert_non_null(strstr(a, "<title id=\"t-title\">Repeat &lt;referrals&gt;"
                              "</title>"));
    assert_non_null(strstr(a, "<desc id=\"t-desc\">Per cent for 4 periods"));
    assert_non_null(strstr(a, "font-family="));
    /* the value line is one stroke through four points, with markers */
    assert_non_null(strstr(a, "stroke=\"#12436D\" stroke-width=\"3\""));
    const char *p = a;
    int circles = 0;
    while ((p = strstr(p, "<circle r=\"4\"")))
        circles++, p++;
    assert_int_equal(circles, 5); /* four points and the legend's */
    /* the axis runs from 16% to 24% in steps of 2 */
    assert_non_null(strstr(a, ">16%</text>"));
    assert_non_null(strstr(a, ">24%</text>"));
    assert_non_null(strstr(a, ">England</text>"));
    free(a);
    free(b);
}

static void
a_gap_breaks_the_line(void **state)
{
    (void)state;
    static const bool gap[] = {true, true, false, true};
    char *a = trend(gap);
    /* the value path moves, rather than draws, to the fourth point */
    const char *path = strstr(a, "<path d=\"M 80.0");
    const char *value = NULL;
    for (const char *p = a; (p = strstr(p, "<path d=\"")); p++)
        if (strstr(p, "stroke=\"#12436D\"") &&
            strstr(p, "stroke=\"#12436D\"") < strstr(p, "/>"))
            value = p;
    assert_non_null(path);
    assert_non_null(value);
    const char *end = strstr(value, "\"");
    end = strstr(end + 1, "\"");
    char d[256];
    size_t len = (size_t)(end - value);
    assert_true(len < sizeof d);
    memcpy(d, value, len);
    d[len] = '\0';
    assert_non_null(strstr(d, " M "));
    free(a);
}

static void
brag_bars_split_by_status(void **state)
{
    (void)state;
    struct svg_brag_row rows[] = {
        {"T1 Early help", {{0, 1, 2, 3, 4}}},
        {"T2 A theme whose title is much longer than the room for it",
         {{1, 0, 0, 0, 0}}},
    };
    struct markup m;
    markup_init(&m, 64 * 1024);
    svg_brag_bars(&m, "b", "Progress", "Bars by status", rows, 2);
    /* segments are drawn for each status present, in their colours */
    assert_non_null(strstr(m.b.p, "fill=\"#d4351c\""));
    assert_non_null(strstr(m.b.p, "fill=\"#1d70b8\""));
    /* a long title is cut with an ellipsis; the table has it whole */
    assert_non_null(strstr(m.b.p, "T2 A theme whose title is mu…"));
    assert_non_null(strstr(m.b.p, ">Not rated</text>"));
    markup_finish(&m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_and_text),
        cmocka_unit_test(trend_is_deterministic_and_labelled),
        cmocka_unit_test(a_gap_breaks_the_line),
        cmocka_unit_test(brag_bars_split_by_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
