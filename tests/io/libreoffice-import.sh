#!/bin/sh
# Workbooks saved by LibreOffice import as their CSV does: the examples'
# budget (£000 headings, a blank heading, brackets), risk register (ISO
# dates, which LibreOffice stores as date cells), workforce figures
# (decimals) and caseloads, and a plan exported here, are each turned into
# an .xlsx by `libreoffice --headless --convert-to xlsx`, imported into
# one database while the CSV goes into another, and every view of the two
# is compared.
# usage: sh tests/io/libreoffice-import.sh GOLDTHREAD SOURCE-ROOT
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z HOME="$TMP"
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}
command -v libreoffice >/dev/null ||
    { echo "FAIL: libreoffice is not installed (scripts/install-deps.sh)"; exit 1; }

"$GT" demo --quiet --no-serve --db a.db >/dev/null || exit 1
cp a.db b.db
"$GT" export plan imp --db a.db >plan.csv || exit 1
for f in budget risks workforce caseloads; do
    cp "$SRC/examples/$f.csv" .
done
# LibreOffice reads the CSV as UTF-8, comma-separated (filter options);
# the plan's Ref and Deadline columns as text, as an officer sets them:
# else "1.10" would be a number and "December 2026" the 1st of the month
lo() {
    libreoffice -env:UserInstallation="file://$TMP/lo" --headless \
        --infilter="CSV:44,34,76,1,$1" --convert-to xlsx --outdir x "$2" \
        >>lo.log 2>&1 || { cat lo.log; exit 1; }
}
lo 1/2/9/2 plan.csv
for f in budget risks workforce caseloads; do
    lo "" $f.csv
done
for f in plan budget risks workforce caseloads; do
    [ -s "x/$f.xlsx" ] || { cat lo.log; fail "LibreOffice wrote no x/$f.xlsx"; }
done
(mkdir r && cd r && unzip -q ../x/risks.xlsx &&
    grep -q '<c r="M2" s="[0-9]*" t="n"><v>4[0-9]*</v>' xl/worksheets/sheet1.xml) ||
    fail "LibreOffice did not store the review date as a date cell"
(mkdir b && cd b && unzip -q ../x/budget.xlsx &&
    grep -q '<c r="B2" s="[0-9]*" t="n"><v>690</v>' xl/worksheets/sheet1.xml) ||
    fail "LibreOffice did not store the budget's amounts as numbers"

each() {
    kind=$1
    shift
    "$GT" "$@" "$kind.csv" --plan copy --db a.db >a.out 2>&1 ||
        { cat a.out; fail "CSV: $*"; }
    "$GT" "$@" "x/$kind.xlsx" --plan copy --db b.db >b.out 2>&1 ||
        { cat b.out; fail "LibreOffice's workbook: $*"; }
    sed 's/x\/[a-z]*\.xlsx\[[^]]*\]/FILE/; s/[a-z]*\.csv/FILE/' a.out >a.msg
    sed 's/x\/[a-z]*\.xlsx\[[^]]*\]/FILE/; s/[a-z]*\.csv/FILE/' b.out >b.msg
    cmp -s a.msg b.msg || { fail "$* said something else"; diff a.msg b.msg | head; }
}
each plan import plan
each budget budget import --year 2026/27
each risks risk import
each workforce workforce import
each caseloads caseload import --as-at 2026-10-31
same() {
    "$GT" "$@" copy --db a.db >a.txt 2>&1
    "$GT" "$@" copy --db b.db >b.txt 2>&1
    if ! cmp -s a.txt b.txt; then
        fail "$* differs between the CSV and LibreOffice's workbook"
        diff a.txt b.txt | head -10
    fi
}
same export plan
same budget show
same risk list
same workforce show
same caseload show

[ $failed = 0 ] && echo "LibreOffice workbooks: all passed"
exit $failed
