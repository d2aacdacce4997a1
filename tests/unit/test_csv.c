/* Unit tests for io/csv: RFC 4180 reading, caps and errors with line and
 * column, and the writer's round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/csv.h"

/* Read all of text; return the rows as "a|b|c" lines joined by "\n", or
 * the first error message prefixed "ERROR ". Caller frees. */
static char *
read_all(const char *text, size_t len, const struct gt_csv_limits *lim)
{
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    struct gt_csv *c = gt_csv_open_mem(text, len, "t.csv", lim);
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = open_memstream(&out, &out_len);
    enum gt_rc rc;
    while ((rc = gt_csv_next(c, &ctx)) == GT_OK) {
        for (size_t i = 0; i < gt_csv_n_fields(c); i++)
            fprintf(f, "%s%s", i ? "|" : "", gt_csv_field(c, i));
        fprintf(f, "@%ld\n", gt_csv_line(c));
    }
    if (rc != GT_DONE)
        fprintf(f, "ERROR %s", gt_ctx_last(&ctx));
    fclose(f);
    gt_csv_close(c);
    gt_ctx_finish(&ctx);
    return out;
}

static void
check(const char *text, const char *want)
{
    char *got = read_all(text, strlen(text), NULL);
    assert_string_equal(got, want);
    free(got);
}

static void
rfc4180(void **state)
{
    (void)state;
    check("a,b,c\n1,2,3\n", "a|b|c@1\n1|2|3@2\n");
    check("a,b\r\n1,2\r\n", "a|b@1\n1|2@2\n");
    check("a,b\n1,2", "a|b@1\n1|2@2\n");
    check("\xEF\xBB\xBF"
          "a,b\n1,2\n",
          "a|b@1\n1|2@2\n");
    check("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "a|b@1\nx, y|say \"hi\"@2\n");
    check("a,b\n\"two\nlines\",z\nq,r\n", "a|b@1\ntwo\nlines|z@2\nq|r@4\n");
    check("a,b\n\n1,2\n\n", "a|b@1\n1|2@3\n");
    check("a,b\n,\n", "a|b@1\n|@2\n");
    check("a\n\"\"\n", "a@1\n@2\n");
    check("caf\xC3\xA9,\xE2\x80\x93\n", "caf\xC3\xA9|\xE2\x80\x93@1\n");
    check("", "");
}

static void
errors_name_line_and_column(void **state)
{
    (void)state;
    check("a,b,c\n1,2\n",
          "a|b|c@1\nERROR t.csv:2: column 3: row has 2 fields but the "
          "first row has 3");
    check("a,b\n1,2,3\n",
          "a|b@1\nERROR t.csv:2: column 3: row has 3 fields but the first "
          "row has 2");
    /* not UTF-8 at its first non-ASCII field: Windows-1252 from there */
    check("a,b\n1,\xC3\x28\n\xA3"
          "5,\x93q\x94\n",
          "a|b@1\n1|\xC3\x83(@2\n\xC2\xA3"
          "5|\xE2\x80\x9Cq\xE2\x80\x9D@3\n");
    /* a byte Windows-1252 lacks */
    check("a,b\n1,\x81\n",
          "a|b@1\nERROR t.csv:2: column 2: byte 0x81 is not a character of "
          "Windows-1252 either: save the file as \"CSV UTF-8 (Comma "
          "delimited)\"");
    /* UTF-8 before, then not: two encodings in one file */
    check("a,b\n\xC2\xA3,\xC3\x28\n",
          "a|b@1\nERROR t.csv:2: column 2: not valid UTF-8 text, though the "
          "file is UTF-8 elsewhere: it mixes two encodings; save it again as "
          "\"CSV UTF-8 (Comma delimited)\"");
    /* a UTF-8 byte-order mark says UTF-8: no guessing */
    check("\xEF\xBB\xBF"
          "a,b\n1,\xA3\n",
          "a|b@1\nERROR t.csv:2: column 2: not valid UTF-8 text, though the "
          "file is UTF-8 elsewhere: it mixes two encodings; save it again as "
          "\"CSV UTF-8 (Comma delimited)\"");
    {
        static const char u16[] = "\xFF\xFE"
                                  "a\0,\0b\0";
        char *got = read_all(u16, sizeof u16 - 1, NULL);
        assert_string_equal(got, "ERROR t.csv:1: column 1: the file is UTF-16 "
                                 "text, not UTF-8: in Excel save it as \"CSV "
                                 "UTF-8 (Comma delimited)\"; in LibreOffice "
                                 "choose the character set \"Unicode "
                                 "(UTF-8)\"");
        free(got);
    }
    {
        static const char nul[] = "a,b\n1,x\0y\n";
        char *got = read_all(nul, sizeof nul - 1, NULL);
        assert_string_equal(got, "a|b@1\nERROR t.csv:2: column 2: contains a "
                                 "NUL character");
        free(got);
    }
    check("a,b\n\xC2\xA3,\xED\xA0\x80\n",
          "a|b@1\nERROR t.csv:2: column 2: not valid UTF-8 text, though the "
          "file is UTF-8 elsewhere: it mixes two encodings; save it again as "
          "\"CSV UTF-8 (Comma delimited)\"");
    check("a,b\n1,x\"y\n",
          "a|b@1\nERROR t.csv:2: column 2: quote inside an unquoted field "
          "(quote the field and double the quote)");
    check("a,b\n\"1\"x,2\n",
          "a|b@1\nERROR t.csv:2: column 1: text after a closing quote (a "
          "quote inside a field must be doubled)");
    check("a,b\n1,\"open\n\n",
          "a|b@1\nERROR t.csv:4: column 2: quoted field opened on line 2 "
          "never closes");
}

static void
caps(void **state)
{
    (void)state;
    struct gt_csv_limits lim = {.max_field = 4, .max_row = 12, .max_fields = 3};
    char *got = read_all("ab,cd\nabcde,x\n", 14, &lim);
    assert_string_equal(got, "ab|cd@1\nERROR t.csv:2: column 1: field "
                             "longer than 4 bytes");
    free(got);
    got = read_all("a,b,c,d\n", 8, &lim);
    assert_string_equal(got, "ERROR t.csv:1: column 4: more than 3 fields "
                             "in a row");
    free(got);
    lim.max_field = 100;
    got = read_all("aaaa,bbbb,cccc\n", 15, &lim);
    assert_string_equal(got, "ERROR t.csv:1: column 3: row longer than 12 "
                             "bytes");
    free(got);
}

static void
streams_across_chunks(void **state)
{
    (void)state;
    /* 3,000 rows with quoted fields up to 300 bytes: many rows straddle
     * the reader's 64 KiB chunk boundary. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    fprintf(f, "n,text\r\n");
    for (int i = 0; i < 3000; i++) {
        fprintf(f, "%d,\"", i);
        for (int k = 0; k < i % 300; k++)
            fputs(k % 50 == 0 ? "\n" : (k % 7 == 0 ? "\"\"" : "x"), f);
        fprintf(f, "\"\r\n");
    }
    fclose(f);
    FILE *in = fmemopen(text, len, "rb");
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    struct gt_csv *c = gt_csv_open(in, "big.csv", NULL);
    assert_int_equal(gt_csv_next(c, &ctx), GT_OK);
    long line = 2;
    for (int i = 0; i < 3000; i++) {
        assert_int_equal(gt_csv_next(c, &ctx), GT_OK);
        assert_int_equal(strtol(gt_csv_field(c, 0), NULL, 10), i);
        size_t want = (size_t)(i % 300);
        assert_int_equal(strlen(gt_csv_field(c, 1)), want);
        assert_int_equal(gt_csv_line(c), line);
        line += 1 + (i % 300 + 49) / 50;
    }
    assert_int_equal(gt_csv_next(c, &ctx), GT_DONE);
    gt_csv_close(c);
    gt_ctx_finish(&ctx);
    fclose(in);
    free(text);
}

static void
writer_round_trip_and_guard(void **state)
{
    (void)state;
    /* a field led by a byte-order mark comes first so that the reader's
     * start-of-file BOM stripping cannot eat it */
    const char *fields[] = {
        ("\xEF\xBB\xBF"
         "bom-led"),
        "plain",
        "with, comma",
        "say \"hi\"",
        "two\nlines",
        "",
        "=SUM(A1:A2)",
        "+1",
        "@cmd",
        "-",
        "-2+3",
        "-327",
        "-1.5",
        "-1.",
        "-.5",
        "'quoted",
        " padded ",
        "caf\xC3\xA9",
    };
    size_t n = sizeof fields / sizeof fields[0];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_true(gt_csv_write_row(f, fields, n));
    assert_true(gt_csv_write_row(f, fields, n));
    fclose(f);
    /* formulas never reach a spreadsheet as formulas */
    assert_null(strstr(text, ",=SUM"));
    assert_non_null(strstr(text, "\"'=SUM(A1:A2)\""));
    assert_non_null(strstr(text, ",-,"));
    assert_non_null(strstr(text, "\"'-2+3\""));
    /* a negative number is one, not a formula: written as it is */
    assert_non_null(strstr(text, ",-327,-1.5,-1.,\"'-.5\","));

    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    struct gt_csv *c = gt_csv_open_mem(text, len, "rt.csv", NULL);
    for (int row = 0; row < 2; row++) {
        assert_int_equal(gt_csv_next(c, &ctx), GT_OK);
        assert_int_equal(gt_csv_n_fields(c), n);
        for (size_t i = 0; i < n; i++)
            assert_string_equal(gt_csv_unguard(gt_csv_field(c, i)), fields[i]);
    }
    assert_int_equal(gt_csv_next(c, &ctx), GT_DONE);
    gt_csv_close(c);
    gt_ctx_finish(&ctx);
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc4180),
        cmocka_unit_test(errors_name_line_and_column),
        cmocka_unit_test(caps),
        cmocka_unit_test(streams_across_chunks),
        cmocka_unit_test(writer_round_trip_and_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
