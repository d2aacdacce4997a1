/* Unit tests for core/utf8: what is and is not well-formed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"

static void
accepts_text(void **state)
{
    (void)state;
    const char *ok[] = {
        "",
        "plain ASCII",
        "\xC2\xA3"
        "5,000",        /* pound sign */
        "caf\xC3\xA9",  /* e acute */
        "\xE2\x80\x93", /* en dash */
        "\xEF\xBB\xBF"
        "BOM first",        /* a byte-order mark is text */
        "\xF0\x9F\x98\x80", /* U+1F600 */
        "\xF4\x8F\xBF\xBF", /* U+10FFFF, the last code point */
        "\xED\x9F\xBF",     /* U+D7FF, just below surrogates */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        assert_true(gt_utf8_valid(ok[i], strlen(ok[i])));
}

static void
refuses_what_is_not(void **state)
{
    (void)state;
    const struct {
        const char *s;
        size_t bad_at;
    } bad[] = {
        {"\xA3"
         "5",
         0},                     /* Windows-1252 pound sign */
        {"ok \xE9t\xE9", 3},     /* Latin-1 e acute */
        {"\xC0\xAF", 0},         /* overlong slash */
        {"\xE0\x80\xAF", 0},     /* overlong, three bytes */
        {"\xED\xA0\x80", 0},     /* a UTF-16 surrogate */
        {"\xF4\x90\x80\x80", 0}, /* past U+10FFFF */
        {"ab\xE2\x80", 2},       /* cut short at the end */
        {"\xC3(", 0},            /* continuation missing */
        {"x\xFF", 1},            /* never in UTF-8 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i].s);
        assert_false(gt_utf8_valid(bad[i].s, len));
        assert_int_equal(gt_utf8_bad_offset(bad[i].s, len), bad[i].bad_at);
    }
}

static void
counts_sequences(void **state)
{
    (void)state;
    assert_int_equal(gt_utf8_seq((const unsigned char *)"a", 1), 1);
    assert_int_equal(gt_utf8_seq((const unsigned char *)"\xC2\xA3", 2), 2);
    assert_int_equal(gt_utf8_seq((const unsigned char *)"\xE2\x80\x93", 3), 3);
    assert_int_equal(gt_utf8_seq((const unsigned char *)"\xE2\x80\x93", 2), 0);
    assert_int_equal(gt_utf8_seq((const unsigned char *)"\xF0\x9F\x98\x80", 4),
                     4);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_text),
        cmocka_unit_test(refuses_what_is_not),
        cmocka_unit_test(counts_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
