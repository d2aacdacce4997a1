#!/bin/sh
# A heavy request whose client has hung up before a worker takes it is
# not built: 24 clients ask for the PDF report of a large plan (seconds to
# build) and give up after two; the reports the workers (at most eight)
# had not begun are logged 503 and never built, and the server then
# answers a report for a client that waits. Bounded: it gives up after
# 120 s.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$2" && pwd)
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=a.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db a.db >/dev/null || exit 1
awk -v rows=20000 -f "$ROOT/bench/plan_rows.awk" >big.csv
"$GT" import plan big.csv --plan big --title "A large plan" >/dev/null || exit 1
PORT=$((20000 + $$ % 20000))
BASE=http://127.0.0.1:$PORT
"$GT" serve --port "$PORT" --trust-proxy 127.0.0.1 >serve.out 2>serve.log &
PID=$!
web_wait_up "$BASE" serve.log
SESSION=$(web_sign_in "$BASE" planner demo-planner-password) || exit 1

for n in $(seq 24); do
    curl -s -o /dev/null --max-time 2 -b "gt_session=$SESSION" \
        "$BASE/plans/big/report?format=pdf" &
done
wait_clients() { for p in $(jobs -p); do [ "$p" = "$PID" ] || wait "$p"; done; }
wait_clients
failed=0
# the one that waits is answered, after what the workers had begun
code=$(timeout 120 curl -s -o report.pdf -w '%{http_code}' \
    -b "gt_session=$SESSION" "$BASE/plans/big/report?format=pdf")
if [ "$code" = 200 ] && [ "$(head -c 4 report.pdf)" = "%PDF" ]; then
    echo "ok the waiting client's report is answered"
else
    echo "FAIL the waiting client's report: $code"
    failed=1
fi
skipped=$(grep -c '"GET /plans/big/report" 503' serve.log)
built=$(grep -c '"GET /plans/big/report" 200' serve.log)
# built: those the workers had begun, and the waiting client's
if [ "$built" -le 9 ]; then
    echo "ok $skipped abandoned reports were not built ($built built)"
else
    echo "FAIL $built reports were built for 25 clients, 24 of them gone ($skipped not built)"
    grep report serve.log | head -30
    failed=1
fi
[ -n "${KEEP_LOG:-}" ] && cp serve.log "$KEEP_LOG"
exit $failed
