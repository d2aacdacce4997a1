#!/bin/sh
# Plans (on the command line and the web import page), indicator values,
# budgets and risks imported from Excel workbooks
# as well as CSV: each workbook is built here from its XML with zip (text
# in shared and inline strings, a date cell under a date format, numbers
# as numbers), imported, and what was stored is checked; a broken row is
# named by file, sheet, row and column and nothing is kept.
# usage: sh tests/io/workbook-import.sh GOLDTHREAD
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=t.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

M=http://schemas.openxmlformats.org/spreadsheetml/2006/main
R=http://schemas.openxmlformats.org/package/2006/relationships
D=http://schemas.openxmlformats.org/officeDocument/2006/relationships

# book NAME SHEET-XML: a one-sheet workbook NAME.xlsx whose sheet is the
# rows given (cells with inline strings unless numbers), style 1 a date
book() {
    rm -rf pkg && mkdir -p pkg/_rels pkg/xl/_rels pkg/xl/worksheets
    printf '<Relationships xmlns="%s"><Relationship Id="r1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' "$R" "$D" >pkg/_rels/.rels
    printf '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Data" sheetId="1" r:id="r1"/></sheets></workbook>' "$M" "$D" >pkg/xl/workbook.xml
    printf '<Relationships xmlns="%s"><Relationship Id="r1" Type="%s/worksheet" Target="worksheets/s.xml"/><Relationship Id="r2" Type="%s/styles" Target="styles.xml"/></Relationships>' "$R" "$D" "$D" >pkg/xl/_rels/workbook.xml.rels
    printf '<styleSheet xmlns="%s"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>' "$M" >pkg/xl/styles.xml
    printf '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' "$M" "$2" >pkg/xl/worksheets/s.xml
    (cd pkg && zip -q -X -r "../$1.xlsx" _rels xl) || exit 1
}
s() { printf '<c t="inlineStr"><is><t>%s</t></is></c>' "$1"; }
n() { printf '<c><v>%s</v></c>' "$1"; }
row() { printf '<row r="%s">%s</row>' "$1" "$2"; }

"$GT" demo --quiet --no-serve --db t.db >/dev/null || exit 1

# a plan
book plan "$(row 1 "$(s Theme)$(s 'Theme owner')$(s Action)$(s Milestone)$(s Lead)$(s Deadline)$(s Monitoring)")$(row 2 "$(s 'Safer streets')$(s 'Head of Youth')$(s 'Open two youth hubs')$(s 'First hub open')$(s 'Youth manager')$(s 'March 2027')$(s 'Board')")"
"$GT" import plan plan.xlsx --plan wb --title "From a workbook" >out.txt 2>err.txt ||
    fail "plan import: $(cat err.txt)"
grep -q 'imported 1 rows into plan wb' out.txt || fail "plan: $(cat out.txt)"
[ "$(sqlite3 t.db "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'wb'")" = 3 ] ||
    fail "plan items not stored"

# the same workbook uploaded on the web's import page by a planner
"$GT" demo --quiet --no-serve --users --db w.db >/dev/null || exit 1
CSRF=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
{
    printf -- '--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$CSRF"
    printf -- '--B\r\nContent-Disposition: form-data; name="code"\r\n\r\nwebwb\r\n'
    printf -- '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nUploaded\r\n'
    printf -- '--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nteam\r\n'
    printf -- '--B\r\nContent-Disposition: form-data; name="file"; filename="plan.xlsx"\r\n\r\n'
    cat plan.xlsx
    printf -- '\r\n--B--'
} >body.bin
{
    printf 'POST /admin/import HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: %d\r\n\r\n' "$(wc -c <body.bin)"
    cat body.bin
} >request.bin
GOLDTHREAD_DB=w.db "$GT" http --as planner --csrf "$CSRF" <request.bin >response.txt
head -1 response.txt | grep -q '303' || fail "web upload: $(head -1 response.txt)"
[ "$(sqlite3 w.db "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'webwb'")" = 3 ] ||
    fail "the uploaded workbook's items were not stored"

# indicator values, the period written as text and the value as a number
book values "$(row 1 "$(s Code)$(s Period)$(s Value)$(s Note)")$(row 2 "$(s SICK)$(s 'Q3 2026/27')$(n 5.8)$(s 'From the workbook')")"
"$GT" kpi import values.xlsx >out.txt 2>err.txt || fail "kpi import: $(cat err.txt)"
grep -q 'recorded 1 period' out.txt || fail "kpi: $(cat out.txt)"
[ "$(sqlite3 t.db "SELECT v.value FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id WHERE k.code = 'SICK' AND v.note = 'From the workbook'")" = 5.8 ] ||
    fail "kpi value not stored"

# a budget, amounts as numbers (income negative)
book budget "$(row 1 "$(s Team)$(s 'Gross £000')$(s 'Grants £000')$(s 'Other income £000')")$(row 2 "$(s Fostering)$(n 1952)$(n 0)$(n -26)")$(row 3 "$(s 'Care total')$(n 1952)$(n 0)$(n -26)")"
"$GT" budget import budget.xlsx --plan wb --year 2026/27 >out.txt 2>err.txt ||
    fail "budget import: $(cat err.txt)"
[ "$(sqlite3 t.db "SELECT gross || ' ' || other_income FROM budget_line b JOIN plan p ON p.id = b.plan_id WHERE p.code = 'wb'")" = "1952000 26000" ] ||
    fail "budget not stored"

# a risk, its review date a real date cell (46204 is 1 July 2026)
book risks "$(row 1 "$(s Ref)$(s Risk)$(s 'Inherent likelihood')$(s 'Inherent impact')$(s 'Residual likelihood')$(s 'Residual impact')$(s 'Review date')")$(row 2 "$(s W1)$(s 'Hubs open late')$(n 3)$(n 3)$(n 2)$(n 3)<c s=\"1\"><v>46204</v></c>")"
"$GT" risk import risks.xlsx --plan wb >out.txt 2>err.txt || fail "risk import: $(cat err.txt)"
[ "$(sqlite3 t.db "SELECT ref || ' ' || review_date FROM risk WHERE ref = 'W1'")" = "W1 2026-07-01" ] ||
    fail "risk not stored: $(sqlite3 t.db "SELECT ref || ' ' || review_date FROM risk WHERE ref = 'W1'")"

# a broken row is named by sheet, row and column; nothing is kept
book bad "$(row 1 "$(s Code)$(s Period)$(s Value)")$(row 4 "$(s SICK)$(s 'Q4 2026/27')$(s lots)")"
if "$GT" kpi import bad.xlsx >out.txt 2>err.txt; then fail "a bad workbook imported"; fi
grep -q 'bad.xlsx\[Data\]:4: Value:' err.txt || fail "bad: $(cat err.txt)"
[ "$(sqlite3 t.db "SELECT count(*) FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id WHERE k.code = 'SICK' AND v.period_start = '2027-01-01'")" = 0 ] ||
    fail "the bad workbook left a value"

[ "$failed" -eq 0 ] && echo "ok: plan, values, budget and risks from workbooks"
[ "$failed" -eq 0 ]
