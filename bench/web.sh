#!/bin/sh
# bench/web: wrk against `goldthread serve` on 127.0.0.1, with the
# demonstration's plans, indicators and resources and a plan of 1,000 and
# then of 100,000 rows (1,201 and 120,100 items). Every page is measured
# on a server that builds each page afresh (serve --no-page-cache: what a
# page costs while leads are updating), the plan page also on one that
# keeps pages; then status posts and a mix of 90% reads and 10% posts,
# both spread over 1,000 items, the reads never of an item just updated.
#
# Each run measures the server's static asset route and then the route,
# paired: a figure is the median of RUNS paired runs, with min and max;
# a ratio is the route's requests/s over the static route's in the same
# pair. A run of the static route that fails or errs stops the benchmark.
# With BENCH_TARGETS set, each target's line is appended to that file
# (make bench's table).
# After the posts every acknowledged update must be in the database.
#
# usage: sh bench/web.sh [GOLDTHREAD] [SECONDS] [RUNS] [ROWS...]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
SECS=${2:-3}
RUNS=${3:-3}
shift $(($# < 3 ? $# : 3))
SIZES=${*:-1000 100000}
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in wrk curl sqlite3; do
    command -v $tool >/dev/null || { echo "bench: needs $tool (apt-get install $tool)"; exit 1; }
done
DIR=$(mktemp -d)
PORT=$((19000 + $$ % 500))
cleanup() {
    for pid in ${KEEPING:-} ${FRESH:-}; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$DIR"
}
trap cleanup EXIT
cd "$DIR"
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
printf 'a long enough load test password\n' >pw

# run LABEL BASE MODE PATH CONNECTIONS: one wrk run, its figures appended
# to results as "LABEL rps p99_ms errors"
run() {
    GT_PATH=$4 GT_MODE=$3 GT_ORIGIN=$2 wrk -t2 -c"$5" -d"${SECS}s" \
        --latency -s "$HERE/web.lua" "$2" >run.out 2>&1 || true
    rps=$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' run.out)
    p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' run.out)
    errs=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' run.out)
    bad=$(sed -n 's/.*bad=\([0-9]*\).*/\1/p' run.out)
    posted=$(sed -n 's/.*posted=\([0-9]*\).*/\1/p' run.out)
    [ -n "$rps" ] || { echo "bench: wrk failed for $1"; cat run.out; exit 1; }
    echo "$1 $rps $(echo "$p99 / 1000" | bc -l) $((errs + bad))" >>results
    acknowledged=$((acknowledged + ${posted:-0}))
}

start() { # PORT [FLAGS]: a server, its pid printed
    port=$1
    shift
    "$GT" serve --port "$port" "$@" >"server$port.log" 2>&1 &
    echo $!
}

wait_up() {
    for i in $(seq 100); do
        curl -sf "http://127.0.0.1:$1/sign-in" -o /dev/null && return 0
        sleep 0.1
    done
    echo "bench: the server on $1 did not start"
    tail -5 "server$1.log"
    exit 1
}

# One table: each route's median (min-max) of the paired runs, and its
# target. A route's ratio is taken against the static run just before it.
table() {
    awk -v runs="$RUNS" -v targets="${BENCH_TARGETS:-}" '
function sort(a, n,   i, j, t) {
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
function stats(key, what,   n, i, a) {
    n = count[key]
    for (i = 1; i <= n; i++) a[i] = val[key, what, i]
    sort(a, n)
    lo = a[1]; hi = a[n]; mid = a[int((n + 1) / 2)]
}
{
    key = $1 " " $2 " " $3
    if ($2 == "static") { srps = $4; sp99 = $5 }
    n = ++count[key]
    val[key, "rps", n] = $4; val[key, "p99", n] = $5
    val[key, "ratio", n] = srps > 0 ? $4 / srps : 0
    errors[key] += $6
    if (!(key in seen)) { seen[key] = 1; order[++keys] = key }
}
END {
    printf "%-24s %22s %20s %20s %6s  %s\n", "route rows @ connections", "req/s median (min-max)", "x static", "p99 ms", "errors", "target"
    failed = 0
    for (k = 1; k <= keys; k++) {
        key = order[k]; split(key, f, " ")
        stats(key, "rps"); r = sprintf("%.0f (%.0f-%.0f)", mid, lo, hi)
        stats(key, "ratio"); ratio = mid; x = sprintf("%.3f (%.3f-%.3f)", mid, lo, hi)
        stats(key, "p99"); p99 = mid; l = sprintf("%.1f (%.1f-%.1f)", mid, lo, hi)
        want = 0.2; name = f[2]
        if (name == "static") want = 0
        if (name == "plan-kept") want = 0.5
        if (name == "posts") want = 0
        target = ""; ok = errors[key] == 0
        if (want > 0) { target = sprintf(">= %.1f x static", want); ok = ok && ratio >= want }
        if (name == "posts" || f[3] == 200) {
            target = target (target ? ", " : "") "p99 < 50 ms"; ok = ok && p99 < 50
        }
        if (target == "") target = "0 errors"
        if (!ok) failed++
        printf "%-24s %22s %20s %20s %6d  %s: %s\n", name " " f[1] " @ " f[3], r, x, l, errors[key], target, ok ? "met" : "NOT MET"
        if (targets != "")
            printf "web|%s rows @ %s connections: %s|%s x static, p99 %s ms, %d errors|%s\n", name " " f[1], f[3], target, x, l, errors[key], ok ? "met" : "NOT MET" >>targets
    }
    printf "targets not met: %d\n", failed
}' results
}

: >results
for rows in $SIZES; do
    rm -f bench.db bench.db-wal bench.db-shm bench.db.key
    export GOLDTHREAD_DB=bench.db
    "$GT" demo --quiet --no-serve --db bench.db >/dev/null
    awk -v rows="$rows" -f "$HERE/plan_rows.awk" >plan.csv
    "$GT" import plan plan.csv --plan bench --as-of 2026-10-31 >/dev/null
    "$GT" user add bench --role planner --password-file pw >/dev/null
    items=$(sqlite3 -cmd ".timeout 5000" bench.db "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'bench'")
    # up to 2,000 milestones spread over the plan, alternately read and
    # updated
    ids=$(sqlite3 -cmd ".timeout 5000" bench.db "SELECT id FROM (SELECT i.id, row_number() OVER (ORDER BY i.id) AS n FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'bench' AND i.kind = 'milestone') WHERE n % (SELECT max(1, count(*) / 2000) FROM item WHERE kind = 'milestone') = 0 LIMIT 2000")
    GT_READ=$(echo "$ids" | awk 'NR % 2 == 1' | tr '\n' ' ')
    GT_WRITE=$(echo "$ids" | awk 'NR % 2 == 0' | tr '\n' ' ')
    export GT_READ GT_WRITE
    [ -n "$GT_WRITE" ] || { echo "bench: too few milestones"; exit 1; }
    ITEM=${GT_READ%% *}

    # wrk stands for the reverse proxy that carries every user's
    # connections, so it is trusted as one: each other address may hold
    # only 64
    KEEPING=$(start "$PORT" --trust-proxy 127.0.0.1)
    FRESH=$(start $((PORT + 1)) --trust-proxy 127.0.0.1 --no-page-cache)
    wait_up "$PORT"
    wait_up $((PORT + 1))
    KEEP=http://127.0.0.1:$PORT
    BASE=http://127.0.0.1:$((PORT + 1))
    # sign in as a browser would, for the cookie and the form token
    curl -s -c jar "$BASE/sign-in" -o /dev/null
    PRE=$(awk '$6 == "gt_pre" { print $7 }' jar)
    curl -s -b jar -c jar -H "Origin: $BASE" \
        --data "csrf=$PRE&username=bench&password=a+long+enough+load+test+password" \
        "$BASE/sign-in" -o /dev/null
    SESSION=$(awk '$6 == "gt_session" { print $7 }' jar)
    [ -n "$SESSION" ] || { echo "bench: could not sign in"; exit 1; }
    export GT_COOKIE="gt_session=$SESSION"
    GT_CSRF=$(curl -s -b "$GT_COOKIE" "$BASE/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    export GT_CSRF
    echo "plan of $rows rows: $items items; the demonstration's plans beside it"

    acknowledged=0
    before=$(sqlite3 -cmd ".timeout 5000" bench.db 'SELECT count(*) FROM status_update')
    for c in 50 200; do
        for r in $(seq "$RUNS"); do
            run "$rows static $c" "$BASE" get /assets/app.js "$c"
            set -- $(tail -1 results)
            if [ "$6" -ne 0 ] || [ "$(echo "$4 < 100" | bc)" = 1 ]; then
                table
                echo "bench: the static route failed ($4 req/s, $6 errors)"
                exit 1
            fi
            run "$rows plan-kept $c" "$KEEP" get /plans/bench "$c"
            run "$rows plan $c" "$BASE" get /plans/bench "$c"
            run "$rows item $c" "$BASE" items "" "$c"
            run "$rows home $c" "$BASE" get / "$c"
            run "$rows scorecard $c" "$BASE" get /kpis "$c"
            run "$rows thread $c" "$BASE" get /thread "$c"
            run "$rows report-page $c" "$BASE" get /plans/bench/report "$c"
            # reports asked for by connections wrk has closed are still
            # being built: a new server, so the next runs start idle (every
            # update acknowledged is on disk: synchronous=FULL)
            kill -KILL "$FRESH"
            # not this shell's child (started in $(...)): wait for it to go
            while kill -0 "$FRESH" 2>/dev/null; do sleep 0.1; done
            FRESH=$(start $((PORT + 1)) --trust-proxy 127.0.0.1 --no-page-cache)
            wait_up $((PORT + 1))
            if [ "$c" = 50 ]; then
                run "$rows posts $c" "$BASE" posts "" "$c"
                run "$rows mix $c" "$BASE" mixed "" "$c"
                # the same mix on the server that keeps pages: each post
                # retires the kept pages of its plan and of every plan
                run "$rows mix-kept $c" "$KEEP" mixed "" "$c"
            fi
        done
    done
    for pid in $KEEPING $FRESH; do kill "$pid"; done
    for pid in $KEEPING $FRESH; do
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    done
    KEEPING="" FRESH=""
    saved=$(($(sqlite3 -cmd ".timeout 5000" bench.db 'SELECT count(*) FROM status_update') - before))
    # updates in flight when wrk stopped may be saved unacknowledged, so
    # the database may hold more than were acknowledged, never fewer
    echo "updates acknowledged: $acknowledged; in the database: $saved"
    [ "$saved" -ge "$acknowledged" ] || { echo "bench: acknowledged updates are missing"; exit 1; }
done
table
