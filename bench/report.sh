#!/bin/sh
# bench/report: the committee report of a plan of 1,000 and of 10,000
# rows (1,201 and 12,010 items) with 200 indicators of eight quarters each
# (and England's figures), in each format, timed against the same plan's
# web page with its cache defeated, all asked of one running server
# (serve --no-page-cache) one request at a time, so neither figure holds
# process start-up or opening the database. Each figure is the median
# (min-max) of RUNS requests; the ratio is to the plan page's median.
# Targets: the PDF within 5x of the plan page at 1,000 rows, and linear
# in items (seconds per item at 10,000 rows no more than 1.5x those at
# 1,000). With BENCH_TARGETS set, each target's line is appended there.
#
# usage: sh bench/report.sh [GOLDTHREAD] [ROWS...]   (RUNS=5 by default)
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
[ $# -gt 0 ] && shift
SIZES=${*:-1000 10000}
RUNS=${RUNS:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
for tool in curl sqlite3 bc; do
    command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done
DIR=$(mktemp -d)
PORT=$((19600 + $$ % 300))
BASE=http://127.0.0.1:$PORT
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
cd "$DIR"
export GOLDTHREAD_DB=bench.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
printf 'a long enough benchmark password\n' >pw

build() { # ROWS: the plan, its indicators and their figures
    rm -f bench.db bench.db-wal bench.db-shm bench.db.key
    awk -v rows="$1" -f "$HERE/plan_rows.awk" >plan.csv
    "$GT" init >/dev/null
    "$GT" import plan plan.csv --plan bench --as-of 2026-10-31 >/dev/null
    "$GT" user add reader --role viewer --password-file pw >/dev/null
    # 200 indicators, each linked to a theme in turn
    set -- $(sqlite3 bench.db "SELECT ref FROM item WHERE parent_id IS NULL ORDER BY id")
    for i in $(seq 200); do
        theme=$(eval echo "\${$(((i - 1) % $# + 1))}")
        "$GT" kpi add "K$i" --title "Indicator $i of $theme" --unit percent \
            --polarity higher --frequency quarterly --decimals 1 --tolerance 2 >/dev/null
        "$GT" kpi link "K$i" "bench:$theme" >/dev/null
    done
    awk 'BEGIN {
        print "Code,Period,Value,Numerator,Denominator,Target,Note"
        split("Q3 2024/25|Q4 2024/25|Q1 2025/26|Q2 2025/26|Q3 2025/26|Q4 2025/26|Q1 2026/27|Q2 2026/27", q, "|")
        for (i = 1; i <= 200; i++)
            for (p = 1; p <= 8; p++)
                printf "K%d,%s,%.1f,,,%d,Quarter %d of indicator %d\n", i, q[p], 50 + (i * 7 + p * 3) % 45, 70, p, i
    }' >values.csv
    awk 'BEGIN {
        print "Code,Period,Area type,Area,Value"
        for (i = 1; i <= 200; i++)
            for (y = 2023; y <= 2025; y++)
                printf "K%d,%d/%02d,England,England,%.1f\n", i, y, (y + 1) % 100, 60 + (i + y) % 20
    }' >comparators.csv
    "$GT" kpi import values.csv >/dev/null
    "$GT" kpi import --comparators comparators.csv >/dev/null
}

serve() {
    "$GT" serve --port "$PORT" --no-page-cache >server.log 2>&1 &
    SERVER=$!
    for i in $(seq 100); do curl -sf "$BASE/sign-in" -o /dev/null && break; sleep 0.1; done
    curl -s -c jar "$BASE/sign-in" -o /dev/null
    PRE=$(awk '$6 == "gt_pre" { print $7 }' jar)
    curl -s -b jar -c jar -H "Origin: $BASE" \
        --data "csrf=$PRE&username=reader&password=a+long+enough+benchmark+password" \
        "$BASE/sign-in" -o /dev/null
    grep -q gt_session jar || { echo "bench: could not sign in"; exit 1; }
}

# seconds PATH: RUNS requests one after another; prints the median and
# min-max of their times, and stops the benchmark on a failed answer
seconds() {
    for r in $(seq "$RUNS"); do
        out=$(curl -s -b jar -o body -w '%{http_code} %{time_total}' "$BASE$1")
        [ "${out%% *}" = 200 ] || { echo "bench: $1 answered ${out%% *}" >&2; exit 1; }
        echo "${out#* }"
    done | sort -g | awk '{ v[NR] = $1 } END { printf "%.4f %.4f %.4f\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
echo "each figure the median (min-max) of $RUNS requests to one server, cache defeated"
for rows in $SIZES; do
    build "$rows"
    serve
    items=$(sqlite3 bench.db 'SELECT count(*) FROM item')
    set -- $(seconds /plans/bench)
    page=$1
    printf '%s rows (%s items):\n  %-16s %8.4f s (%.4f-%.4f)\n' "$rows" "$items" "plan page" "$1" "$2" "$3"
    for f in html md xlsx pdf; do
        set -- $(seconds "/plans/bench/report?format=$f")
        printf '  %-16s %8.4f s (%.4f-%.4f) %8.1f x page, %6d bytes\n' "report as $f" "$1" "$2" "$3" \
            "$(echo "$1 / $page" | bc -l)" "$(wc -c <body)"
        [ "$f" = pdf ] && eval "pdf_$rows=$1 items_$rows=$items page_$rows=$page"
    done
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
done
if [ -n "${pdf_1000:-}" ]; then
    x=$(echo "$pdf_1000 / $page_1000" | bc -l)
    target report "PDF paper at 1,201 items within 5x of the uncached plan page" \
        "$(printf '%.1f x' "$x")" "$(met "$x <= 5")"
fi
if [ -n "${pdf_1000:-}" ] && [ -n "${pdf_10000:-}" ]; then
    grow=$(echo "($pdf_10000 / $items_10000) / ($pdf_1000 / $items_1000)" | bc -l)
    target report "PDF paper linear in items (s per item at 12,010 over at 1,201 <= 1.5)" \
        "$(printf '%.2f' "$grow")" "$(met "$grow <= 1.5")"
fi
