#!/bin/sh
# bench/workbook: a 100,000-row plan in and out as an Excel workbook,
# against the same work as CSV and against pandas (openpyxl) reading the
# same sheet, all measured here in the same run, in rounds: each figure
# the median (min-max) of RUNS rounds, each ratio the median (min-max) of
# the rounds' own ratios. Prints seconds, items/s and the ratios:
#   export xlsx / export csv   (goldthread writing the plan's sheet)
#   import xlsx / import csv   (goldthread reading, checking and storing)
#   pandas.read_excel / goldthread import xlsx (pandas only parses)
#
# usage: sh bench/workbook.sh [GOLDTHREAD] [ROWS] [RUNS]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
ROWS=${2:-100000}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
PY=/usr/bin/python3  # Debian's, with its pandas and openpyxl
"$PY" -c 'import pandas, openpyxl' 2>/dev/null ||
    { echo "bench: needs pandas and openpyxl (apt-get install python3-pandas python3-openpyxl)"; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z

awk -v rows="$ROWS" -f "$HERE/plan_rows.awk" >plan.csv
"$GT" init --db src.db >/dev/null
"$GT" import plan plan.csv --plan bench --db src.db --as-of 2026-10-31 >/dev/null

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

ex_csv="" ex_xlsx="" im_csv="" im_xlsx="" pd=""
for run in $(seq "$RUNS"); do
    t0=$(now)
    "$GT" export plan bench --db src.db --out out.csv
    t1=$(now)
    "$GT" export plan bench --db src.db --format xlsx --out out.xlsx
    t2=$(now)
    ex_csv="$ex_csv $(secs "$t0" "$t1")"
    ex_xlsx="$ex_xlsx $(secs "$t1" "$t2")"
    rm -f a.db b.db
    "$GT" init --db a.db >/dev/null
    "$GT" init --db b.db >/dev/null
    t0=$(now)
    "$GT" import plan out.csv --plan copy --db a.db >/dev/null
    t1=$(now)
    "$GT" import plan out.xlsx --sheet Plan --plan copy --db b.db >/dev/null
    t2=$(now)
    "$PY" -c 'import pandas; pandas.read_excel("out.xlsx", sheet_name="Plan", engine="openpyxl")'
    t3=$(now)
    im_csv="$im_csv $(secs "$t0" "$t1")"
    im_xlsx="$im_xlsx $(secs "$t1" "$t2")"
    pd="$pd $(secs "$t2" "$t3")"
done

# the workbook read back is the plan: the same export either way
"$GT" export plan copy --db a.db >a.csv
"$GT" export plan copy --db b.db >b.csv
cmp -s a.csv b.csv || { echo "bench: the workbook did not read back equal"; exit 1; }
items=$(sqlite3 b.db 'SELECT count(*) FROM item')

printf 'plan: %d rows, %d items; workbook %d bytes, CSV %d bytes\n' "$ROWS" "$items" \
    "$(wc -c <out.xlsx)" "$(wc -c <out.csv)"
each() { for t in $1; do echo "$t"; done; }
# row LABEL TIMES: seconds and items/s, median (min-max)
row() {
    printf '%-30s %s s, %s items/s\n' "$1" "$(each "$2" | spread %.3f)" \
        "$(each "$2" | awk -v n="$items" '{ print n / $1 }' | spread %.0f)"
}
# ratio A B: A over B, round by round
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        n = split(a, x, " "); split(b, y, " ")
        for (i = 1; i <= n; i++) print x[i] / y[i] }' | spread %.2f
}
printf 'each figure the median (min-max) of %d rounds\n' "$RUNS"
row "goldthread export csv" "$ex_csv"
row "goldthread export xlsx" "$ex_xlsx"
row "goldthread import csv" "$im_csv"
row "goldthread import xlsx" "$im_xlsx"
row "pandas read_excel (openpyxl)" "$pd"
printf 'ratios: export xlsx/csv time %s; import xlsx/csv time %s; pandas read / goldthread import xlsx %s\n' \
    "$(ratio "$ex_xlsx" "$ex_csv")" "$(ratio "$im_xlsx" "$im_csv")" "$(ratio "$pd" "$im_xlsx")"
