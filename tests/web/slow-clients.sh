#!/bin/sh
# One client's slow connections, and two heavy reports, must not stop the
# server answering others: the real server on 127.0.0.1, attacked by
# slow-clients.py (Debian's python3). Bounded: it gives up after 120 s.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
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
web_wait_up "http://127.0.0.1:$PORT" serve.log
SESSION=$(web_sign_in "http://127.0.0.1:$PORT" planner demo-planner-password) || exit 1
timeout 120 /usr/bin/python3 "$HERE/slow-clients.py" "$PORT" "gt_session=$SESSION"
