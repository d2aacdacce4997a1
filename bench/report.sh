#!/bin/sh
# bench/report: the committee report for a plan of 1,000 items with 200
# indicators of eight quarters each (and England's figures), in each
# format, timed against rendering the same plan's web page in the same
# run (both through the binary: start-up, opening the database, the
# work, the output). Prints the best of five and the ratio to the page.
#
# usage: sh bench/report.sh [GOLDTHREAD]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
export GOLDTHREAD_DB=bench.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z

awk -f "$HERE/plan1000.awk" >plan.csv
"$GT" init >/dev/null
"$GT" import plan plan.csv --plan bench --as-of 2026-10-31 >/dev/null
printf 'a long enough benchmark password\n' >pw
"$GT" user add bench --role viewer --password-file pw >/dev/null
# 200 indicators, ten to a theme, each linked to its theme
THEMES=$(sqlite3 bench.db "SELECT group_concat(ref, ' ') FROM item WHERE parent_id IS NULL ORDER BY id")
i=0
for theme in $THEMES; do
    for k in 1 2 3 4 5 6 7 8 9 10; do
        i=$((i + 1))
        "$GT" kpi add "K$i" --title "Indicator $i of $theme" --unit percent \
            --polarity higher --frequency quarterly --decimals 1 --tolerance 2 >/dev/null
        "$GT" kpi link "K$i" "bench:$theme" >/dev/null
    done
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
echo "plan: $(sqlite3 bench.db 'SELECT count(*) FROM item') items;" \
    "$(sqlite3 bench.db 'SELECT count(*) FROM kpi') indicators;" \
    "$(sqlite3 bench.db 'SELECT count(*) FROM kpi_value') periods"

now() { date +%s.%N; }
best() { sort -n | head -1; }
# time_of COMMAND...: the best of five wall-clock seconds
time_of() {
    for run in 1 2 3 4 5; do
        start=$(now)
        "$@" >/dev/null
        echo "$(now) - $start" | bc -l
    done | best
}
page() {
    printf 'GET /plans/bench HTTP/1.1\r\nHost: localhost\r\n\r\n' |
        "$GT" http --as bench >page.out
    head -1 page.out | grep -q ' 200 ' || { echo "bench: the plan page failed"; exit 1; }
}

t_page=$(time_of page)
printf '%-28s %10s %10s\n' "render" "seconds" "x page"
printf '%-28s %10.3f %10.2f\n' "plan page (baseline)" "$t_page" 1
for f in html md xlsx pdf; do
    t=$(time_of "$GT" report bench --as-of 2026-11-27 --format $f --out "r.$f")
    printf '%-28s %10.3f %10.2f\n' "report as $f" "$t" "$(echo "$t / $t_page" | bc -l)"
done
echo "sizes: $(wc -c r.html r.md r.xlsx r.pdf | head -4 | awk '{printf "%s %d bytes; ", $2, $1}')"
echo "HTML table rows: $(grep -o '<tr>' r.html | wc -l)"
