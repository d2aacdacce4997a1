/* Unit tests for io/xlsx_read: workbooks written by libxlsxwriter and
 * packages built by hand (other writers' habits: inline and rich strings,
 * prefixed namespaces, absolute targets, the 1904 date system), read back
 * as rows; and the refusals (not a package, no workbook, a DTD, a zip
 * bomb, a dangling shared string), each named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "io/xlsx_read.h"

static char *
temp_path(void)
{
    char *path = strdup("/tmp/gt-xlsx-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* Every sheet of the workbook at path as "[SHEET]" then "a|b@LINE" rows,
 * or "ERROR message" at the first error. Caller frees. */
static char *
dump_book(const char *path, const struct gt_workbook_limits *lim)
{
    struct gt_ctx ctx;
    gt_ctx_init(&ctx);
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = open_memstream(&out, &out_len);
    struct gt_workbook *book = NULL;
    enum gt_rc rc = gt_workbook_open(path, lim, &book, &ctx);
    for (size_t s = 0; rc == GT_OK && s < gt_workbook_n_sheets(book); s++) {
        fprintf(f, "[%s]\n", gt_workbook_sheet_name(book, s));
        struct gt_csv *c = gt_workbook_sheet(book, s, &ctx);
        if (!c) {
            rc = GT_INVALID;
            break;
        }
        while ((rc = gt_csv_next(c, &ctx)) == GT_OK) {
            for (size_t i = 0; i < gt_csv_n_fields(c); i++)
                fprintf(f, "%s%s", i ? "|" : "", gt_csv_field(c, i));
            fprintf(f, "@%ld\n", gt_csv_line(c));
        }
        gt_csv_close(c);
        if (rc == GT_DONE)
            rc = GT_OK;
    }
    if (rc != GT_OK)
        fprintf(f, "ERROR %s", gt_ctx_last(&ctx));
    fclose(f);
    gt_workbook_close(book);
    gt_ctx_finish(&ctx);
    return out;
}

static void
written_by_libxlsxwriter(void **state)
{
    (void)state;
    char *path = temp_path();
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Contacts");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *stamp = workbook_add_format(wb);
    format_set_num_format(stamp, "yyyy-mm-dd hh:mm");
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00;[Red]-#,##0.00");
    worksheet_write_string(ws, 0, 0, "Child Unique ID", NULL);
    worksheet_write_string(ws, 0, 1, "Date of Contact", NULL);
    worksheet_write_string(ws, 0, 3, "Amount", NULL);
    worksheet_write_number(ws, 1, 0, 12345, NULL);
    lxw_datetime d = {2024, 3, 29, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 1, &d, date);
    worksheet_write_number(ws, 1, 3, 0.1 + 0.2, money);
    worksheet_write_string(ws, 3, 0, "A&B <c> \"d\"", NULL);
    lxw_datetime t = {2016, 2, 29, 13, 30, 0};
    worksheet_write_datetime(ws, 3, 1, &t, stamp);
    worksheet_write_boolean(ws, 3, 2, 1, NULL);
    worksheet_write_number(ws, 3, 3, -1234567.5, NULL);
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "List 3");
    worksheet_write_string(ws2, 0, 0, "Caf\xC3\xA9", NULL);
    worksheet_write_formula_num(ws2, 0, 1, "=1+1", NULL, 2);
    worksheet_write_formula_str(ws2, 1, 0, "=\"a\"&\"b\"", NULL, "ab");
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    char *got = dump_book(path, NULL);
    assert_string_equal(got, "[Contacts]\n"
                             "Child Unique ID|Date of Contact||Amount@1\n"
                             "12345|2024-03-29||0.3@2\n"
                             "A&B <c> \"d\"|2016-02-29T13:30:00|TRUE|"
                             "-1234567.5@4\n"
                             "[List 3]\n"
                             "Caf\xC3\xA9|2@1\n"
                             "ab@2\n");
    free(got);
    unlink(path);
    free(path);
}

/* A package with the given parts (name, text pairs, ending at NULL). */
static char *
package(const char *const *parts)
{
    char *path = temp_path();
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; parts[i]; i += 2) {
        zip_source_t *src =
            zip_source_buffer(z, parts[i + 1], strlen(parts[i + 1]), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i], src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC "http://schemas.openxmlformats.org/officeDocument/2006"
#define ROOT_RELS                                                              \
    "<?xml version=\"1.0\"?><Relationships xmlns=\"" RELS "\">"                \
    "<Relationship Id=\"rId1\" Type=\"" DOC                                    \
    "/relationships/officeDocument\" Target=\"book/wb.xml\"/>"                 \
    "</Relationships>"

static void
other_writers(void **state)
{
    (void)state;
    /* A workbook in its own folder, prefixed namespaces, an absolute sheet
     * target, shared strings with rich runs and a phonetic run, inline
     * strings, cells without references, a gap in rows, 1904 dates. */
    const char *parts[] = {
        "_rels/.rels",
        ROOT_RELS,
        "book/wb.xml",
        "<x:workbook xmlns:x=\"" MAIN "\" xmlns:r=\"" DOC "/relationships\">"
        "<x:workbookPr date1904=\"1\"/><x:sheets>"
        "<x:sheet name=\"Second\" sheetId=\"2\" r:id=\"rB\"/>"
        "<x:sheet name=\"First\" sheetId=\"1\" r:id=\"rA\"/>"
        "</x:sheets></x:workbook>",
        "book/_rels/wb.xml.rels",
        "<Relationships xmlns=\"" RELS "\">"
        "<Relationship Id=\"rA\" Type=\"" DOC "/relationships/worksheet\" "
        "Target=\"/sheets/one.xml\"/>"
        "<Relationship Id=\"rB\" Type=\"" DOC "/relationships/worksheet\" "
        "Target=\"../sheets/two.xml\"/>"
        "<Relationship Id=\"rS\" Type=\"" DOC "/relationships/sharedStrings\" "
        "Target=\"strings.xml\"/>"
        "<Relationship Id=\"rT\" Type=\"" DOC "/relationships/styles\" "
        "Target=\"styles.xml\"/>"
        "</Relationships>",
        "book/strings.xml",
        "<sst xmlns=\"" MAIN "\"><si><t>plain</t></si>"
        "<si><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space=\"preserve\">ch "
        "</t></r><rPh><t>PHON</t></rPh></si>"
        "<si><t>line_x000D_break</t></si></sst>",
        "book/styles.xml",
        "<styleSheet xmlns=\"" MAIN "\"><numFmts count=\"3\">"
        "<numFmt numFmtId=\"164\" formatCode=\"d\\-mmm\\-yy\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"&quot;days &quot;0\"/>"
        "<numFmt numFmtId=\"166\" formatCode=\"mmmm\\ yyyy\"/>"
        "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
        "<xf numFmtId=\"165\"/><xf numFmtId=\"14\"/><xf numFmtId=\"166\"/>"
        "<xf numFmtId=\"17\"/></cellXfs></styleSheet>",
        "sheets/one.xml",
        "<worksheet xmlns=\"" MAIN "\"><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\">"
        "<v>1</v></c></row>"
        "<row r=\"3\"><c t=\"inlineStr\"><is><t>in</t></is></c>"
        "<c s=\"1\"><v>0</v></c><c s=\"2\"><v>45</v></c><c s=\"3\"><v>1</v>"
        "</c><c s=\"4\"><v>31</v></c><c s=\"5\"><v>0</v></c><c s=\"4\">"
        "<v>1</v></c></row>"
        "<row><c t=\"s\"><v>2</v></c><c t=\"e\"><v>#N/A</v></c>"
        "<c t=\"d\"><v>2025-04-01T00:00:00</v></c><c t=\"str\"><f>A1</f>"
        "<v>plain</v></c><c r=\"F4\" s=\"1\"/></row>"
        "<row r=\"9\"><c r=\"B9\"/></row>"
        "</sheetData></worksheet>",
        "sheets/two.xml",
        "<worksheet xmlns=\"" MAIN "\"><sheetData><row r=\"2\"><c r=\"B2\">"
        "<v>7</v></c></row></sheetData></worksheet>",
        NULL};
    char *path = package(parts);
    char *got = dump_book(path, NULL);
    assert_string_equal(got, "[Second]\n"
                             "|7@2\n"
                             "[First]\n"
                             "plain||rich @1\n"
                             /* a month's format shows the month, as a
                              * deadline of "February 1904"; a day other
                              * than the 1st under one stays a date */
                             "in|1904-01-01|45|1904-01-02|February 1904|"
                             "January 1904|1904-01-02@3\n"
                             "line\rbreak|#N/A|2025-04-01|plain@4\n");
    free(got);
    unlink(path);
    free(path);
}

static void
check_refused(const char *const *parts, const struct gt_workbook_limits *lim,
              const char *want)
{
    char *path = package(parts);
    char *got = dump_book(path, lim);
    if (!strstr(got, want))
        fail_msg("wanted \"%s\" in \"%s\"", want, got);
    free(got);
    unlink(path);
    free(path);
}

#define BOOK_RELS(sheet_target)                                                \
    "book/_rels/wb.xml.rels",                                                  \
        "<Relationships xmlns=\"" RELS                                         \
        "\"><Relationship Id=\"r1\" Type=\"" DOC                               \
        "/relationships/worksheet\" Target=\"" sheet_target "\"/>"             \
        "</Relationships>"
#define BOOK                                                                   \
    "book/wb.xml",                                                             \
        "<workbook xmlns=\"" MAIN "\" xmlns:r=\"" DOC "/relationships\">"      \
        "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"r1\"/></sheets>"       \
        "</workbook>"

static void
refusals(void **state)
{
    (void)state;
    /* not a zip package at all */
    char *path = temp_path();
    FILE *f = fopen(path, "w");
    fputs("Child Unique ID,Date of Contact\n", f);
    fclose(f);
    char *got = dump_book(path, NULL);
    assert_non_null(strstr(got, "not an Excel workbook (.xlsx): it is not a "
                                "zip package"));
    free(got);
    unlink(path);
    free(path);

    /* a zip with no workbook in it */
    const char *none[] = {"readme.txt", "hello", NULL};
    check_refused(none, NULL, "the package names no workbook");

    /* a sheet the workbook relationships do not place */
    const char *lost[] = {"_rels/.rels",
                          ROOT_RELS,
                          BOOK,
                          "book/_rels/wb.xml.rels",
                          "<Relationships xmlns=\"" RELS "\"/>",
                          NULL};
    check_refused(lost, NULL, "sheet S: the workbook does not say where it is");

    /* a sheet part that is missing */
    const char *missing[] = {"_rels/.rels", ROOT_RELS, BOOK,
                             BOOK_RELS("gone.xml"), NULL};
    check_refused(missing, NULL, "the workbook has no part book/gone.xml");

    /* a document type declaration (entity expansion attacks start so) */
    const char *dtd[] = {"_rels/.rels",
                         ROOT_RELS,
                         BOOK,
                         BOOK_RELS("s.xml"),
                         "book/s.xml",
                         "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                         "<worksheet xmlns=\"" MAIN "\"/>",
                         NULL};
    check_refused(dtd, NULL,
                  "book/s.xml: a document type declaration is not allowed");

    /* a cell naming a shared string that is not there */
    const char *dangling[] = {"_rels/.rels",
                              ROOT_RELS,
                              BOOK,
                              BOOK_RELS("s.xml"),
                              "book/s.xml",
                              "<worksheet xmlns=\"" MAIN
                              "\"><sheetData><row r=\"4\"><c t=\"s\">"
                              "<v>3</v></c></row></sheetData></worksheet>",
                              NULL};
    check_refused(dangling, NULL,
                  "row 4: a cell names shared string 3, which does not exist");

    /* broken XML, with its line */
    const char *broken[] = {"_rels/.rels",
                            ROOT_RELS,
                            BOOK,
                            BOOK_RELS("s.xml"),
                            "book/s.xml",
                            "<worksheet xmlns=\"" MAIN "\">\n<sheetData>\n"
                            "<row></sheetData></worksheet>",
                            NULL};
    check_refused(broken, NULL, "book/s.xml: line 3: not valid XML");

    /* a part that inflates past the cap: 4 MiB of spaces, a few KiB packed */
    size_t big = 4u << 20;
    char *bomb = malloc(big + 200);
    int n = snprintf(bomb, 200, "<worksheet xmlns=\"" MAIN "\">");
    memset(bomb + n, ' ', big);
    strcpy(bomb + n + big, "</worksheet>");
    const char *bombed[] = {"_rels/.rels", ROOT_RELS, BOOK, BOOK_RELS("s.xml"),
                            "book/s.xml",  bomb,      NULL};
    struct gt_workbook_limits lim = gt_workbook_default_limits;
    lim.max_part = 1u << 20;
    check_refused(bombed, &lim,
                  "book/s.xml: larger than 1048576 bytes unpacked; refused");
    free(bomb);

    /* a cell past the row-width cap is named with its row and column */
    const char *wide[] = {"_rels/.rels",
                          ROOT_RELS,
                          BOOK,
                          BOOK_RELS("s.xml"),
                          "book/s.xml",
                          "<worksheet xmlns=\"" MAIN
                          "\"><sheetData><row r=\"2\"><c r=\"ZZ2\">"
                          "<v>1</v></c></row></sheetData></worksheet>",
                          NULL};
    lim = gt_workbook_default_limits;
    lim.cells.max_fields = 10;
    check_refused(wide, &lim, "[S]:2: column 11: more than 10 fields in a row");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_by_libxlsxwriter),
        cmocka_unit_test(other_writers),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
