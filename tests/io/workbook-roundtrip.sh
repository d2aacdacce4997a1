#!/bin/sh
# A workbook goldthread writes reads back equal: the demo's business plan
# is exported as one workbook (a sheet for the plan, its indicators'
# values, budget, forecast, risks, workforce and caseloads, each in its
# import's shape), every sheet is imported again with --sheet into a new
# plan (the indicators' values into a database emptied of them), and
# each of goldthread's views of the copy is the same as of the original.
# The workbook's own parts are checked too: sheet names, document
# properties, numbers stored as numbers and dates as dates.
# usage: sh tests/io/workbook-roundtrip.sh GOLDTHREAD
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}
check() {
    what=$1
    shift
    "$@" || fail "$what"
}

"$GT" demo --quiet --no-serve --db a.db >/dev/null || exit 1
"$GT" export plan csbp --format xlsx --out book.xlsx --db a.db ||
    fail "export plan --format xlsx"
check "no temporary file is left" test ! -e book.xlsx.tmp
check "--format xlsx needs --out" sh -c \
    '! "$1" export plan csbp --format xlsx --db a.db 2>/dev/null' -- "$GT"

mkdir pkg && (cd pkg && unzip -q ../book.xlsx) || exit 1
sheets=$(grep -o '<sheet name="[^"]*"' pkg/xl/workbook.xml |
    sed 's/<sheet name="//; s/"$//' | tr '\n' '|')
check "a sheet a table, named for it" test \
    "$sheets" = "Plan|Indicators|Budget|Forecast|Risks|Workforce|Caseloads|"
check "the title is the plan's" grep -q \
    "<dc:title>Children&apos;s Services Business Plan 2026 to 2028</dc:title>\|<dc:title>Children's Services Business Plan 2026 to 2028</dc:title>" \
    pkg/docProps/core.xml
check "the company is the council" grep -q \
    "<Company>Riverside Borough Council (example)</Company>" pkg/docProps/app.xml
# the budget's sheet: amounts are numbers, income negative as printed
check "amounts stored as numbers" grep -q '<c r="B2" s="[0-9]*"><v>[0-9]*</v></c>\|<c r="B2"><v>[0-9]*</v></c>' \
    pkg/xl/worksheets/sheet3.xml
check "income written negative" grep -q '<v>-[0-9]' pkg/xl/worksheets/sheet3.xml
# the risks' sheet: review dates are date cells, not text
check "review dates are dates" grep -q '<c r="M2" s="[0-9]*"><v>4[0-9]\{4\}</v>' \
    pkg/xl/worksheets/sheet5.xml
check "no merged cells" sh -c '! grep -q mergeCell pkg/xl/worksheets/*.xml'

cp a.db b.db
into() {
    "$GT" "$@" --db b.db >out.txt 2>&1 || {
        cat out.txt
        fail "$*"
    }
}
into import plan book.xlsx --sheet Plan --plan copy
into budget import book.xlsx --sheet budget --plan copy --year 2026/27
into budget forecast book.xlsx --sheet Forecast --plan copy --year 2026/27 \
    --month "September 2026"
into risk import book.xlsx --sheet Risks --plan copy
into workforce import book.xlsx --sheet Workforce --plan copy
into caseload import book.xlsx --sheet Caseloads --plan copy --as-at 2026-10-31
sqlite3 b.db "DELETE FROM kpi_value" || exit 1
into kpi import book.xlsx --sheet Indicators

same() {
    "$GT" "$@" csbp --db a.db >a.txt 2>&1
    "$GT" "$@" copy --db b.db >b.txt 2>&1
    if ! cmp -s a.txt b.txt; then
        fail "$* differs after the round trip"
        diff a.txt b.txt | head -10
    fi
}
same export plan
same budget show
same risk list
same workforce show
same caseload show
# the values of the plan's indicators, each one's whole history
for code in $(sqlite3 a.db "SELECT DISTINCT k.code FROM kpi k JOIN kpi_link l ON l.kpi_id = k.id ORDER BY 1"); do
    "$GT" kpi export "$code" --db a.db >a.txt
    "$GT" kpi export "$code" --db b.db >b.txt
    cmp -s a.txt b.txt || fail "kpi $code differs after the round trip"
done
n=$(sqlite3 a.db 'SELECT count(*) FROM kpi_value v JOIN kpi_link l ON l.kpi_id = v.kpi_id')
check "the plan's indicators have values to carry" test "$n" -gt 0
check "every indicator value came back" test \
    "$(sqlite3 a.db 'SELECT count(*) FROM kpi_value v JOIN kpi_link l ON l.kpi_id = v.kpi_id')" = \
    "$(sqlite3 b.db 'SELECT count(*) FROM kpi_value v JOIN kpi_link l ON l.kpi_id = v.kpi_id')"

check "an unknown sheet is named with those there are" sh -c \
    '"$1" risk import book.xlsx --sheet Risk --plan copy --db b.db 2>&1 |
     grep -q "book.xlsx: no sheet is called \"Risk\"; its sheets are Plan, Indicators, Budget, Forecast, Risks, Workforce, Caseloads"' -- "$GT"
printf 'Unit,Period\n' >plain.csv
check "--sheet on a CSV is refused" sh -c \
    '"$1" workforce import plain.csv --sheet X --plan copy --db b.db 2>&1 |
     grep -q "plain.csv: --sheet is for Excel workbooks"' -- "$GT"

[ $failed = 0 ] && echo "workbook round trip: all passed"
exit $failed
