#!/bin/sh
# The server as a council runs it: listening on IPv6 and on a Unix
# socket, logging one line a request (never the query string), and a
# server error shown with a number that the log explains. Prints a line
# a check and "N passed, N failed".
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=r.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db r.db >/dev/null || exit 1
TOKEN=$("$GT" token add planner | sed -n 's/^  *\([0-9a-f]\{20,\}\)$/\1/p; s/^\([0-9a-f]\{40,\}\)$/\1/p' | head -1)
[ -n "$TOKEN" ] || { echo "FAIL: no token"; "$GT" token add planner; exit 1; }
passed=0
failed=0
check() { # label ok detail
    if [ "$2" = 1 ]; then echo "ok $1: $3"; passed=$((passed + 1));
    else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
wait_for() { # url-args...
    i=0
    until curl -s -o /dev/null "$@"; do
        i=$((i + 1)); [ $i -gt 50 ] && return 1
        sleep 0.1
    done
}
stop() { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=; }

# IPv6
PORT=$((20000 + $$ % 20000))
"$GT" serve --bind ::1 --port "$PORT" >serve6.out 2>serve6.log &
PID=$!
if wait_for -g "http://[::1]:$PORT/sign-in"; then
    code=$(curl -s -g -o plans.json -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "http://[::1]:$PORT/api/v1/plans?search=private-words")
    check "the server answers on IPv6" "$([ "$code" = 200 ] && echo 1 || echo 0)" "GET /api/v1/plans: $code"
    sleep 0.2
    line=$(grep '"GET /api/v1/plans"' serve6.log | head -1)
    check "each request is logged with client, user, status and time" \
        "$(echo "$line" | grep -qE '^[0-9-]{10}T[0-9:.]{12}Z ::1 planner "GET /api/v1/plans" 200 [0-9]+ [0-9.]+ms$' && echo 1 || echo 0)" "$line"
    check "the query string is never logged" \
        "$(grep -q private-words serve6.log && echo 0 || echo 1)" "searched words absent"
    check "the start-up line names the IPv6 address" \
        "$(grep -qF "http://[::1]:$PORT/" serve6.out && echo 1 || echo 0)" "$(head -1 serve6.out)"
else
    check "the server answers on IPv6" 0 "$(cat serve6.log)"
fi
stop

# a server error: the page and the JSON give a number the log explains
sqlite3 r.db "ALTER TABLE plan_tally RENAME TO plan_tally_lost"
"$GT" serve --port "$PORT" >serve.out 2>serve.log &
PID=$!
wait_for "http://127.0.0.1:$PORT/sign-in"
code=$(curl -s -o broken.json -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/plans")
number=$(sed -n 's/.*"error_number": *"\([0-9a-f]*\)".*/\1/p' broken.json)
check "a server error answers 500 with an error number" \
    "$([ "$code" = 500 ] && [ ${#number} = 8 ] && echo 1 || echo 0)" "$code $(cat broken.json)"
sleep 0.2
check "the log explains that number" \
    "$(grep -F "error=$number" serve.log | grep -q 'no such table' && echo 1 || echo 0)" \
    "$(grep -F "error=$number" serve.log)"
check "the number tells the user nothing of the cause" \
    "$(grep -q 'no such table' broken.json && echo 0 || echo 1)" "$(cat broken.json)"
stop
printf 'GET /plans/imp HTTP/1.1\r\nHost: localhost\r\n\r\n' |
    "$GT" http --as planner >page.out 2>page.err
pnumber=$(sed -n 's/.*Error number <strong[^>]*>\([0-9a-f]*\)<.*/\1/p' page.out)
check "a page shows its error number" \
    "$([ ${#pnumber} = 8 ] && head -1 page.out | grep -q ' 500 ' && echo 1 || echo 0)" "$(head -1 page.out) $pnumber"
check "which the log line explains" \
    "$(grep -F "error=$pnumber" page.err | grep -q 'no such table' && echo 1 || echo 0)" "$(cat page.err)"
sqlite3 r.db "ALTER TABLE plan_tally_lost RENAME TO plan_tally"

# a Unix socket, for a proxy on the same machine
"$GT" serve --socket "$TMP/gt.sock" --trust-proxy unix >sock.out 2>sock.log &
PID=$!
if wait_for --unix-socket "$TMP/gt.sock" http://localhost/sign-in; then
    code=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$TMP/gt.sock" \
        -H "Authorization: Bearer $TOKEN" -H "X-Forwarded-For: 203.0.113.9" http://localhost/api/v1/plans)
    check "the server answers on a Unix socket" "$([ "$code" = 200 ] && echo 1 || echo 0)" "$code"
    sleep 0.2
    check "the proxy on the socket gives the client's address" \
        "$(grep -q '^[^ ]* 203.0.113.9 planner "GET /api/v1/plans" 200' sock.log && echo 1 || echo 0)" "$(tail -1 sock.log)"
    mode=$(stat -c %a "$TMP/gt.sock")
    check "the socket is for its owner and group alone" "$([ "$mode" = 660 ] && echo 1 || echo 0)" "mode $mode"
    "$GT" serve --socket "$TMP/gt.sock" >second.out 2>&1
    check "a second server will not take a socket in use" \
        "$(grep -q 'another server is listening there' second.out && echo 1 || echo 0)" "$(cat second.out)"
    stop
    check "the socket is removed when the server stops" \
        "$([ ! -e "$TMP/gt.sock" ] && echo 1 || echo 0)" "$(ls "$TMP")"
else
    check "the server answers on a Unix socket" 0 "$(cat sock.log)"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
