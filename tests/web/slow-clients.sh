#!/bin/sh
# One client's slow connections, and two heavy reports, must not stop the
# server answering others: the real server on 127.0.0.1, attacked by
# slow-clients.py (Debian's python3). Bounded: it gives up after 120 s.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$2
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=s.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db s.db >/dev/null || exit 1
# a plan large enough that its PDF takes seconds
awk -v rows=20000 -f "$ROOT/bench/plan_rows.awk" >big.csv
"$GT" import plan big.csv --plan big --title "A large plan" >/dev/null || exit 1
PORT=$((20000 + $$ % 20000))
"$GT" serve --port "$PORT" >serve.log 2>&1 &
PID=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/sign-in"; do
    i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL: the server did not start"; cat serve.log; exit 1; }
    sleep 0.1
done
# sign in as the planner, as a browser would
curl -s -c jar -b jar "http://127.0.0.1:$PORT/sign-in" >page.html
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' page.html | head -1)
curl -s -c jar -b jar -o /dev/null -H "Origin: http://127.0.0.1:$PORT" \
    --data "csrf=$CSRF&username=planner&password=demo-planner-password" \
    "http://127.0.0.1:$PORT/sign-in"
SESSION=$(awk '$6 == "gt_session" { print $7 }' jar)
[ -n "$SESSION" ] || { echo "FAIL: could not sign in"; exit 1; }
timeout 120 /usr/bin/python3 "$HERE/slow-clients.py" "$PORT" "gt_session=$SESSION"
