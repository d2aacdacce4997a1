#!/bin/sh
# bench/web: wrk against `goldthread serve` on 127.0.0.1 with a 1,000-item
# plan. The plan, item and home pages at 50 and 200 connections, and a mix
# of 90% reads and 10% status updates, each as requests/s and p99 latency
# with ratios to the server's own static asset route measured in the same
# run; errors are counted, and after the mix every acknowledged update
# must be in the database.
#
# usage: sh bench/web.sh [GOLDTHREAD] [SECONDS]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
SECS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in wrk curl sqlite3; do
    command -v $tool >/dev/null || { echo "bench: needs $tool (apt-get install $tool)"; exit 1; }
done
DIR=$(mktemp -d)
PORT=$((19000 + $$ % 1000))
BASE=http://127.0.0.1:$PORT
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
cd "$DIR"

# A 1,000-item plan: 20 themes, 180 actions, 800 milestones.
awk -f "$HERE/plan1000.awk" >plan.csv
printf 'a long enough benchmark password\n' >pw
export GOLDTHREAD_DB=bench.db
"$GT" init >/dev/null
"$GT" import plan plan.csv --plan bench --as-of 2026-10-31 >/dev/null
"$GT" user add bench --role planner --password-file pw >/dev/null
ITEMS=$(sqlite3 bench.db "SELECT group_concat(id, ' ') FROM (SELECT id FROM item WHERE kind = 'milestone' LIMIT 50)")
ITEM=${ITEMS%% *}
echo "plan: $(sqlite3 bench.db 'SELECT count(*) FROM item') items"

"$GT" serve --port "$PORT" >server.log 2>&1 &
SERVER=$!
for i in $(seq 50); do curl -sf "$BASE/sign-in" -o /dev/null && break; sleep 0.1; done

# Sign in as a browser would, for the cookie and the form token.
curl -s -c jar "$BASE/sign-in" -o /dev/null
PRE=$(awk '$6 == "gt_pre" { print $7 }' jar)
curl -s -b jar -c jar -H "Origin: $BASE" \
    --data "csrf=$PRE&username=bench&password=a+long+enough+benchmark+password" \
    "$BASE/sign-in" -o /dev/null
SESSION=$(awk '$6 == "gt_session" { print $7 }' jar)
[ -n "$SESSION" ] || { echo "bench: could not sign in"; exit 1; }
COOKIE="gt_session=$SESSION"
CSRF=$(curl -s -b "$COOKIE" "$BASE/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
export GT_COOKIE="$COOKIE" GT_CSRF="$CSRF" GT_ITEMS="$ITEMS" GT_ORIGIN="$BASE"

# run NAME PATH CONNECTIONS MODE: prints "rps p99_ms errors"
run() {
    GT_PATH=$2 GT_MODE=$4 wrk -t2 -c"$3" -d"${SECS}s" --latency \
        -s "$HERE/web.lua" "$BASE" >"$1.out" 2>&1
    rps=$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' "$1.out")
    p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' "$1.out")
    errs=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' "$1.out")
    bad=$(sed -n 's/.*bad=\([0-9]*\).*/\1/p' "$1.out")
    echo "$rps $(echo "$p99 / 1000" | bc -l) $((errs + bad))"
}

printf '%-30s %10s %10s %8s %10s %10s\n' "route @ connections" "req/s" "p99 ms" "errors" "x static" "p99 x st"
total_errors=0
for c in 50 200; do
    set -- $(run static$c /assets/app.js $c get)
    s_rps=$1 s_p99=$2
    total_errors=$((total_errors + $3))
    printf '%-30s %10.0f %10.2f %8d %10.2f %10.2f\n' "static /assets/app.js @ $c" "$1" "$2" "$3" 1 1
    for page in "/plans/bench" "/items/$ITEM" "/"; do
        set -- $(run "p$c$(echo "$page" | tr -c 'a-z0-9' _)" "$page" $c get)
        total_errors=$((total_errors + $3))
        printf '%-30s %10.0f %10.2f %8d %10.2f %10.2f\n' "$page @ $c" "$1" "$2" "$3" \
            "$(echo "$1 / $s_rps" | bc -l)" "$(echo "$2 / $s_p99" | bc -l)"
    done
done

before=$(sqlite3 bench.db 'SELECT count(*) FROM status_update')
set -- $(run mixed / 50 mixed)
posted=$(sed -n 's/.*posted=\([0-9]*\).*/\1/p' mixed.out)
total_errors=$((total_errors + $3))
printf '%-30s %10.0f %10.2f %8d %10.2f %10.2f\n' "90% reads, 10% updates @ 50" "$1" "$2" "$3" \
    "$(echo "$1 / $s_rps" | bc -l)" "$(echo "$2 / $s_p99" | bc -l)"
after=$(sqlite3 bench.db 'SELECT count(*) FROM status_update')
saved=$((after - before))
# Updates still in flight when wrk stopped may be saved without wrk
# counting their answers, so the database may hold a few more than were
# acknowledged, never fewer.
echo "updates acknowledged: $posted; in the database: $saved"
echo "errors in all runs: $total_errors"
[ "$saved" -ge "$posted" ] || { echo "bench: acknowledged updates are missing"; exit 1; }
