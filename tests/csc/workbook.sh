#!/bin/sh
# Annex A lists in an Excel workbook as a council might send one: a notes
# sheet first, a title above the headings, dates as real Excel dates (a
# serial number under a date format) and as typed text, a blank row, a
# child ID typed as a number. The package is built here from its XML with
# zip, so every byte of it is in view. Checks what loads, what the
# indicators are, and that each rejected row is named by file, sheet, row
# and column.
# usage: sh tests/csc/workbook.sh GOLDTHREAD
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

M=http://schemas.openxmlformats.org/spreadsheetml/2006/main
R=http://schemas.openxmlformats.org/package/2006/relationships
D=http://schemas.openxmlformats.org/officeDocument/2006/relationships
mkdir -p book/_rels book/xl/_rels book/xl/worksheets
cat >book/_rels/.rels <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="$R"><Relationship Id="rId1" Type="$D/officeDocument"
 Target="xl/workbook.xml"/></Relationships>
XML
cat >book/xl/workbook.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="$M" xmlns:r="$D"><sheets>
<sheet name="Notes" sheetId="1" r:id="rId1"/>
<sheet name="Contacts" sheetId="2" r:id="rId2"/>
<sheet name="Referrals" sheetId="3" r:id="rId3"/>
</sheets></workbook>
XML
cat >book/xl/_rels/workbook.xml.rels <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="$R">
<Relationship Id="rId1" Type="$D/worksheet" Target="worksheets/notes.xml"/>
<Relationship Id="rId2" Type="$D/worksheet" Target="worksheets/l1.xml"/>
<Relationship Id="rId3" Type="$D/worksheet" Target="worksheets/l3.xml"/>
<Relationship Id="rId4" Type="$D/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId5" Type="$D/styles" Target="styles.xml"/>
</Relationships>
XML
# shared strings 0..5
cat >book/xl/sharedStrings.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="$M">
<si><t>Child Unique ID</t></si>
<si><t>Date of Birth</t></si>
<si><r><t>Date of </t></r><r><rPr><b/></rPr><t>Contact</t></r></si>
<si><t>Date of Referral</t></si>
<si><t>Referral NFA</t></si>
<si><t>Number of Referrals in Last 12 Months</t></si>
</sst>
XML
# style 1 shows a date (built-in format 14)
cat >book/xl/styles.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="$M"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/>
</cellXfs></styleSheet>
XML
cat >book/xl/worksheets/notes.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="$M"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Annex A return, 2016/17</t></is></c></row></sheetData></worksheet>
XML
# 42705 is 1 December 2016; 42461 is 1 April 2016; 40000 is 6 July 2009
cat >book/xl/worksheets/l1.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="$M"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>List 1: Contacts</t></is></c></row>
<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row>
<row r="4"><c r="A4"><v>1001</v></c><c r="B4" s="1"><v>40000</v></c><c r="C4" s="1"><v>42705</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>C2</t></is></c><c r="B5" s="1"><v>42705</v></c><c r="C5" s="1"><v>42461</v></c></row>
<row r="6"><c r="A6" t="inlineStr"><is><t>C3</t></is></c><c r="B6" t="inlineStr"><is><t>01/01/2010</t></is></c><c r="C6" t="inlineStr"><is><t>31/02/2017</t></is></c></row>
<row r="8"><c r="A8" t="inlineStr"><is><t>C4</t></is></c><c r="B8" t="inlineStr"><is><t>01/01/2010</t></is></c><c r="C8" t="inlineStr"><is><t>02/12/2016</t></is></c></row>
<row r="9"><c r="A9" t="inlineStr"><is><t>C4</t></is></c><c r="B9" t="inlineStr"><is><t>01/01/2010</t></is></c><c r="C9" t="inlineStr"><is><t>02/12/2016</t></is></c></row>
</sheetData></worksheet>
XML
cat >book/xl/worksheets/l3.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="$M"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c></row>
<row r="2"><c r="A2"><v>1001</v></c><c r="B2" s="1"><v>40000</v></c><c r="C2" s="1"><v>42705</v></c><c r="D2" t="inlineStr"><is><t>b) No</t></is></c><c r="E2"><v>1</v></c></row>
</sheetData></worksheet>
XML
(cd book && zip -q -X -r ../annex-a.xlsx _rels xl) || exit 1

"$GT" csc indicators annex-a.xlsx --period 2016/17 --csv >got.csv 2>err.txt
status=$?
[ "$status" -eq 0 ] || fail "csc indicators exited $status"
grep -qx 'goldthread: annex-a.xlsx\[Notes\]: not an Annex A list; skipped' err.txt ||
    fail "the notes sheet was not skipped by name"
grep -q '^goldthread: annex-a.xlsx\[Contacts\]:5: Date of Contact: is before the child.s date of birth (row not loaded)$' err.txt ||
    fail "the contact before birth is not named by sheet, row and column"
grep -q '^goldthread: annex-a.xlsx\[Contacts\]:6: Date of Contact: "31/02/2017" is not a date' err.txt ||
    fail "the impossible date is not named by sheet, row and column"
grep -q '^goldthread: annex-a.xlsx\[Contacts\]:9: row: repeats line 8 exactly (row not loaded)$' err.txt ||
    fail "the repeated row is not named"
grep -q '3 rows were not loaded' err.txt || fail "the rejected rows are not counted"
# two contacts loaded (1001 on 1 December 2016, C4 on 2 December), one
# referral (1001, on the day of its contact): conversion 1 of 2
grep -qx 'CSC-CONTACTS,2,0' got.csv || fail "contacts: $(grep CONTACTS got.csv)"
grep -qx 'CSC-REREF,0,1' got.csv || fail "referrals: $(grep REREF, got.csv)"
grep -qx 'CSC-CONVERSION,1,2' got.csv || fail "conversion: $(grep CONVERSION got.csv)"

# strict: the first rejected row fails the load and nothing is computed
if "$GT" csc indicators annex-a.xlsx --period 2016/17 --strict >out.txt 2>err.txt; then
    fail "--strict loaded a workbook with bad rows"
fi
grep -q 'nothing was computed' err.txt || fail "--strict did not say nothing was computed"
[ -s out.txt ] && fail "--strict printed indicators"

# a folder holding the workbook reads it like a file
mkdir dir && cp annex-a.xlsx dir/
"$GT" csc indicators dir --period 2016/17 --csv >dir.csv 2>/dev/null
cmp -s got.csv dir.csv || fail "the folder gave other figures than the file"

# a file that is not a workbook, named .xlsx, is read as CSV and refused
printf 'Code,Value\n' >fake.xlsx
"$GT" csc indicators fake.xlsx --period 2016/17 >/dev/null 2>err.txt &&
    fail "a fake workbook loaded"
grep -q 'fake.xlsx: not an Annex A list' err.txt || fail "fake: $(cat err.txt)"

# a broken package is named as such
printf 'PK\003\004broken' >broken.xlsx
"$GT" csc indicators broken.xlsx --period 2016/17 >/dev/null 2>err.txt &&
    fail "a broken workbook loaded"
grep -q 'broken.xlsx: not an Excel workbook (.xlsx): it is not a zip package' err.txt ||
    fail "broken: $(cat err.txt)"

[ "$failed" -eq 0 ] && echo "ok: workbook read, rows named by sheet, row and column"
[ "$failed" -eq 0 ]
