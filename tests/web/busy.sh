#!/bin/sh
# A busy database does not reach users as breakage: while another
# connection holds the write lock (as a long import did), a signed-in
# reader whose last-seen mark is due stays signed in and is answered at
# once, and a write that cannot get the lock within the wait is answered
# 503 with Retry-After, the status form coming back as it was sent and
# nothing stored. Prints a line a check and "N passed, N failed".
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
LOCKER=
cleanup() { [ -n "$LOCKER" ] && kill "$LOCKER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=b.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db b.db >/dev/null || exit 1
passed=0
failed=0
check() { # label ok detail
    if [ "$2" = 1 ]; then echo "ok $1: $3"; passed=$((passed + 1));
    else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
PRE=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
BODY="csrf=$PRE&username=lead&password=demo-lead-password"
printf 'POST /sign-in HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nCookie: gt_pre=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
    "$PRE" "${#BODY}" "$BODY" | "$GT" http >signin.out
SESSION=$(sed -n 's/^Set-Cookie: gt_session=\([0-9a-f]*\);.*/\1/p' signin.out | tr -d '\r')
[ -n "$SESSION" ] || { echo "FAIL: could not sign in"; exit 1; }
CSRF=$(sqlite3 b.db "SELECT csrf FROM session")

# another connection takes the write lock and keeps it for 12 seconds
printf 'BEGIN IMMEDIATE;\nINSERT INTO person(name) VALUES (%s);\n.shell sleep 12\nCOMMIT;\n' "'held'" |
    sqlite3 b.db >/dev/null 2>&1 &
LOCKER=$!
sleep 1

# two minutes on: the session's last-seen mark is due, and cannot be written
export GOLDTHREAD_CLOCK=2026-11-27T09:02:00Z
start=$(date +%s.%N)
printf 'GET / HTTP/1.1\r\nHost: localhost\r\nCookie: gt_session=%s\r\n\r\n' "$SESSION" |
    "$GT" http >home.out
took=$(echo "$(date +%s.%N) - $start" | bc)
status=$(head -1 home.out | cut -d' ' -f2)
check "a reader stays signed in while the lock is held" \
    "$([ "$status" = 200 ] && echo 1 || echo 0)" "GET / answered $status"
check "and is not kept waiting for the mark" \
    "$(echo "$took < 2" | bc)" "in $took s"

# an import reads and checks its whole file before it asks for the lock:
# a broken file is answered with its error at once, not after the wait
printf 'Theme,Theme owner,Action,Milestone,Lead,Deadline,Monitoring\nT,O,A,M,L,March 2027,B\nT,O,A,M2,L\n' >ragged.csv
start=$(date +%s.%N)
"$GT" import plan ragged.csv --plan ragged --title R >import.out 2>&1
took=$(echo "$(date +%s.%N) - $start" | bc)
check "a broken import is refused for its file, not for the lock" \
    "$(grep -c 'ragged.csv:3: column 6: row has 5 fields' import.out)" \
    "$(head -1 import.out)"
check "at once" "$(echo "$took < 2" | bc)" "in $took s"

FORM="csrf=$CSRF&brag=amber&comment=Written+while+the+database+was+busy&as-of-day=20&as-of-month=11&as-of-year=2026"
printf 'POST /items/36/status HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nCookie: gt_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
    "$SESSION" "${#FORM}" "$FORM" | "$GT" http >post.out
status=$(head -1 post.out | cut -d' ' -f2)
check "a write that cannot get the lock is 503" \
    "$([ "$status" = 503 ] && echo 1 || echo 0)" "answered $status"
check "with Retry-After" "$(grep -c '^Retry-After: 5' post.out)" "header"
check "and the form as it was sent" \
    "$(grep -c 'Written while the database was busy</textarea>' post.out)" \
    "commentary kept in the form"
check "saying why" \
    "$(grep -c 'The service was busy and the update was not saved: send it again' post.out)" \
    "error summary"
wait "$LOCKER"
LOCKER=
n=$(sqlite3 b.db "SELECT count(*) FROM status_update WHERE commentary LIKE 'Written while%'")
check "nothing was stored" "$([ "$n" = 0 ] && echo 1 || echo 0)" "$n updates"
s=$(sqlite3 b.db "SELECT count(*) FROM session")
check "the session is still there" "$([ "$s" = 1 ] && echo 1 || echo 0)" "$s sessions"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
