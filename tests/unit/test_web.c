/* Unit tests for the web layer's parts that need no database: the
 * escaping writer, form and cookie decoding, raw request parsing, tokens,
 * and the CSP hash of GOV.UK's inline script. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "web/auth.h"
#include "web/page.h"
#include "web/raw.h"

static void
escapes_text_attributes_and_urls(void **state)
{
    (void)state;
    struct html h;
    html_init(&h, 1024);
    html_lit(&h, "<p title=\"");
    html_attr(&h, "a\"b'c");
    html_lit(&h, "\">");
    html_text(&h, "<script>'\"&</script>");
    html_lit(&h, "</p><a href=\"/plans/");
    html_url_arg(&h, "imp 17/../?x=1&y");
    html_lit(&h, "\">");
    html_int(&h, -42);
    html_date(&h, gt_date_from_ymd(2024, 4, 1));
    html_text(&h, NULL);
    assert_string_equal(
        h.b.p, "<p title=\"a&quot;b&#39;c\">&lt;script&gt;&#39;&quot;&amp;"
               "&lt;/script&gt;</p><a href=\"/plans/"
               "imp%2017%2F..%2F%3Fx%3D1%26y\">-42<time "
               "datetime=\"2024-04-01\">1 April 2024</time>");
    assert_false(html_overflowed(&h));
    html_finish(&h);
}

static void
writes_every_integer(void **state)
{
    (void)state;
    static const long values[] = {0, 7, -1, 10, 1234567890, LONG_MAX, LONG_MIN};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        struct html h;
        char want[32];
        html_init(&h, 64);
        html_int(&h, values[i]);
        snprintf(want, sizeof want, "%ld", values[i]);
        assert_string_equal(h.b.p, want);
        html_finish(&h);
    }
}

static void
caps_the_page(void **state)
{
    (void)state;
    struct html h;
    html_init(&h, 8);
    html_text(&h, "0123456789");
    assert_true(html_overflowed(&h));
    html_finish(&h);
}

static void
brag_tags_always_show_the_word(void **state)
{
    (void)state;
    struct html h;
    html_init(&h, 1024);
    html_brag_tag(&h, GT_AMBER);
    html_brag_tag(&h, GT_NOT_RATED);
    assert_string_equal(h.b.p, "<strong class=\"govuk-tag govuk-tag--orange\">"
                               "Amber</strong><strong class=\"govuk-tag "
                               "govuk-tag--grey\">Not rated</strong>");
    html_finish(&h);
}

static void
decodes_forms(void **state)
{
    (void)state;
    struct web_form f;
    const char *body = "a=1&b=two+words&c=%3Cx%3E&d=&e&a=again";
    assert_true(web_form_parse(&f, body, strlen(body)));
    assert_int_equal(f.n, 6);
    assert_string_equal(web_form_get(&f, "a"), "1");
    assert_string_equal(web_form_get(&f, "b"), "two words");
    assert_string_equal(web_form_get(&f, "c"), "<x>");
    assert_string_equal(web_form_get(&f, "d"), "");
    assert_string_equal(web_form_get(&f, "e"), "");
    assert_null(web_form_get(&f, "z"));
    web_form_finish(&f);
    const char *bad[] = {"a=%zz", "a=%4", "a=%00", "a=%"};
    for (size_t i = 0; i < 4; i++) {
        assert_false(web_form_parse(&f, bad[i], strlen(bad[i])));
        web_form_finish(&f);
    }
    /* a value that is not UTF-8, escaped or raw, is refused by name */
    const char *not_text[] = {"comment=%A3500", "comment=ok\xE9",
                              "comment=%ED%A0%80"};
    for (size_t i = 0; i < 3; i++) {
        assert_false(web_form_parse(&f, not_text[i], strlen(not_text[i])));
        assert_non_null(strstr(f.error, "\"comment\" is not text"));
        web_form_finish(&f);
    }
    const char *pound = "comment=%C2%A3500";
    assert_true(web_form_parse(&f, pound, strlen(pound)));
    assert_string_equal(web_form_get(&f, "comment"), "\xC2\xA3"
                                                     "500");
    web_form_finish(&f);
    char many[1024];
    size_t len = 0;
    for (int i = 0; i <= WEB_MAX_FIELDS; i++, len += 4)
        memcpy(many + len, "x=1&", 4);
    assert_false(web_form_parse(&f, many, len));
    web_form_finish(&f);
}

static void
reads_cookies(void **state)
{
    (void)state;
    char v[16];
    assert_true(
        web_cookie("a=1; gt_session=abc; b=2", "gt_session", v, sizeof v));
    assert_string_equal(v, "abc");
    assert_false(web_cookie("xgt_session=abc", "gt_session", v, sizeof v));
    assert_false(web_cookie("gt_session=0123456789abcdefXYZ", "gt_session", v,
                            sizeof v));
    assert_false(web_cookie(NULL, "gt_session", v, sizeof v));
}

static void
parses_raw_requests(void **state)
{
    (void)state;
    struct web_raw raw;
    const char *ok = "POST /items/3/status?x=1 HTTP/1.1\r\nHost: localhost"
                     "\r\nContent-Length: 3\r\nCookie: a=b\r\n\r\nabc";
    assert_true(web_raw_parse(&raw, ok, strlen(ok), "127.0.0.1"));
    assert_string_equal(raw.req.method, "POST");
    assert_string_equal(raw.req.path, "/items/3/status");
    assert_string_equal(raw.req.query, "x=1");
    assert_string_equal(raw.req.host, "localhost");
    assert_string_equal(raw.req.cookie, "a=b");
    assert_int_equal(raw.req.body_len, 3);
    assert_false(raw.req.bad_framing);
    web_raw_finish(&raw);

    const char *two = "POST / HTTP/1.1\r\nContent-Length: 1\r\n"
                      "Content-Length: 1\r\n\r\na";
    assert_true(web_raw_parse(&raw, two, strlen(two), "x"));
    assert_true(raw.req.bad_framing);
    web_raw_finish(&raw);
    const char *te = "POST / HTTP/1.1\r\nContent-Length: 1\r\n"
                     "Transfer-Encoding: chunked\r\n\r\na";
    assert_true(web_raw_parse(&raw, te, strlen(te), "x"));
    assert_true(raw.req.bad_framing);
    web_raw_finish(&raw);
    const char *big = "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n";
    assert_true(web_raw_parse(&raw, big, strlen(big), "x"));
    assert_true(raw.req.body_too_large);
    web_raw_finish(&raw);
    const char *bad[] = {"",
                         "GET\r\n\r\n",
                         "GET / FTP/1\r\n\r\n",
                         "GET x HTTP/1.1\r\n\r\n",
                         "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
                         "GET / HTTP/1.1\r\nHost: x\r\n",
                         "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(web_raw_parse(&raw, bad[i], strlen(bad[i]), "x"));
        assert_int_equal(raw.status, 400);
        web_raw_finish(&raw);
    }
}

static void
tokens_and_hashes(void **state)
{
    (void)state;
    char a[AUTH_TOKEN_LEN], b[AUTH_TOKEN_LEN], h1[AUTH_TOKEN_LEN],
        h2[AUTH_TOKEN_LEN];
    assert_true(auth_init());
    auth_random_token(a);
    auth_random_token(b);
    assert_int_equal(strlen(a), 64);
    assert_string_not_equal(a, b);
    auth_token_hash(a, h1);
    auth_token_hash(a, h2);
    assert_string_equal(h1, h2);
    assert_string_not_equal(h1, a);
    assert_true(auth_equal(a, a));
    assert_false(auth_equal(a, b));
    assert_false(auth_equal(a, NULL));
    assert_false(auth_equal("", ""));
}

static void
passwords(void **state)
{
    (void)state;
    char hash[AUTH_HASH_LEN];
    assert_true(auth_init());
    assert_true(auth_hash_password("correct horse battery", hash));
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_true(auth_check_password(hash, "correct horse battery"));
    assert_false(auth_check_password(hash, "correct horse batterz"));
    assert_false(auth_check_password(NULL, "x"));
}

static void
csp_allows_exactly_the_inline_script(void **state)
{
    (void)state;
    char want[80], quoted[90];
    assert_true(auth_init());
    auth_csp_hash(page_js_enabled_script, want, sizeof want);
    snprintf(quoted, sizeof quoted, "'%s'", want);
    assert_non_null(strstr(web_csp(), quoted));
    assert_non_null(strstr(web_csp(), "frame-ancestors 'none'"));
}

/* One request's log line from web_log_request into a string (owned). */
static char *
logged(const struct web_request *req, const struct web_response *res)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    web_log_request(f, req, res, 42, 1.5);
    long len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    char *line = xcalloc((size_t)len + 1, 1);
    assert_int_equal(fread(line, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    return line;
}

static void
logs_one_line_a_request(void **state)
{
    (void)state;
    struct web_request req = {.method = "GET", .path = "/plans/a\"b\nc"};
    struct web_response res = {.status = 500, .from_cache = false};
    snprintf(res.client, sizeof res.client, "127.0.0.1");
    snprintf(res.error_id, sizeof res.error_id, "00ff");
    char detail[] = "no such table: plan_tally";
    res.error_detail = detail;
    char *line = logged(&req, &res);
    /* what could break the line or its quoting is escaped */
    const char *tail = strstr(line, " 127.0.0.1 - \"GET /plans/a%22b%0Ac\" "
                                    "500 42 1.5ms error=00ff \"no such table: "
                                    "plan_tally\"\n");
    assert_non_null(tail);
    assert_string_equal(tail + strlen(tail) - 1, "\n");
    assert_int_equal(strchr(line, '\n') - line, (long)strlen(line) - 1);
    free(line);

    /* a path longer than a line may be is cut, never split into two */
    char *path = xcalloc(40001, 1);
    memset(path, 'x', 40000);
    path[0] = '/';
    req.path = path;
    res.error_id[0] = '\0';
    res.status = 404;
    line = logged(&req, &res);
    size_t len = strlen(line);
    assert_true(len > 10000 && len <= 16385);
    assert_ptr_equal(strchr(line, '\n'), line + len - 1);
    free(line);
    free(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_text_attributes_and_urls),
        cmocka_unit_test(logs_one_line_a_request),
        cmocka_unit_test(writes_every_integer),
        cmocka_unit_test(caps_the_page),
        cmocka_unit_test(brag_tags_always_show_the_word),
        cmocka_unit_test(decodes_forms),
        cmocka_unit_test(reads_cookies),
        cmocka_unit_test(parses_raw_requests),
        cmocka_unit_test(tokens_and_hashes),
        cmocka_unit_test(passwords),
        cmocka_unit_test(csp_allows_exactly_the_inline_script),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
