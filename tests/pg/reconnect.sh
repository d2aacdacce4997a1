#!/bin/sh
# tests/pg/reconnect.sh GOLDTHREAD: a server on PostgreSQL carries on
# when its connections end under it. Every session is ended by the
# server's administrator (pg_terminate_backend, as a restart or failover
# does): the next reads and writes are answered as before, on
# connections made again. Then the database server stops: requests are
# refused with the service's own message, nothing of libpq's, and once
# it is back they are answered again. Run inside tests/pg/run.sh.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DIR=$(mktemp -d)
PID=
cleanup() {
    [ -z "$PID" ] || kill "$PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$DIR"
}
trap cleanup EXIT
cd "$DIR" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z GOLDTHREAD_DB=postgresql://
export GOLDTHREAD_KEY_FILE="$DIR/child.key"
"$GT" demo --quiet --no-serve --users --db postgresql:// >/dev/null || exit 1
TOKEN=$("$GT" token add planner | sed -n 's/^  *\([0-9a-f]\{20,\}\)$/\1/p; s/^\([0-9a-f]\{40,\}\)$/\1/p' | head -1)
[ -n "$TOKEN" ] || { echo "FAIL: no token"; exit 1; }
ITEM=$(psql -X -At -c "SELECT i.id FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'imp' AND i.ref = 'T1.2.1'")
PORT=$((21000 + $$ % 20000))
"$GT" serve --port "$PORT" >serve.out 2>serve.log &
PID=$!
BASE=http://127.0.0.1:$PORT
passed=0
failed=0
check() { # label ok detail
    if [ "$2" = 1 ]; then echo "ok $1: $3"; passed=$((passed + 1))
    else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
get() { curl -s -o "$DIR/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE$1"; }
post_status() { # BRAG: the update's answer code
    curl -s -o "$DIR/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' \
        --data "{\"status\": \"$1\", \"commentary\": \"after $2\", \"as_of\": \"2026-11-2$3\"}" \
        "$BASE/api/v1/items/$ITEM/status"
}
# answers N PATH: how many of N requests for PATH were answered 200
answers() {
    n=0
    for i in $(seq "$1"); do [ "$(get "$2")" = 200 ] && n=$((n + 1)); done
    echo "$n"
}
i=0
until curl -s -o /dev/null "$BASE/sign-in"; do
    i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL: no server"; cat serve.log; exit 1; }
    sleep 0.1
done
check "the server answers on PostgreSQL" "$([ "$(answers 20 /api/v1/plans)" = 20 ] && echo 1 || echo 0)" "20 of 20 reads"

ended=$(psql -X -At -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
check "the server's sessions were ended" "$([ "$ended" -gt 0 ] && echo 1 || echo 0)" "$ended sessions"
# pg_terminate_backend only signals: the reads start once the sessions
# are gone (one begun while its session was ending is in flight, and may
# be refused)
i=0
while [ "$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")" != 0 ]; do
    i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL: the sessions did not end"; exit 1; }
    sleep 0.1
done
n=$(answers 30 /api/v1/plans/imp)
check "reads after the sessions ended are answered" "$([ "$n" = 30 ] && echo 1 || echo 0)" "$n of 30"
code=$(post_status amber "the sessions ended" 1)
check "a write after the sessions ended is stored" "$([ "$code" = 201 ] && echo 1 || echo 0)" "answered $code"

# the cluster pg_virtualenv made, on its port
CLUSTER=$(pg_lsclusters -h | awk -v port="$PGPORT" '$3 == port { print $1, $2 }')
# shellcheck disable=SC2086
pg_ctlcluster $CLUSTER stop -m fast || { echo "FAIL: cannot stop $CLUSTER"; exit 1; }
code=$(get /api/v1/plans/imp)
check "with the database server stopped a read is refused" "$([ "$code" -ge 500 ] && echo 1 || echo 0)" "answered $code"
check "in the service's words" "$(grep -q 'libpq\|could not\|server closed' "$DIR/body" && echo 0 || echo 1)" "$(head -c 200 "$DIR/body")"
# a browser's session cannot be looked up: an error, never "sign in again"
code=$(curl -s -o "$DIR/page" -w '%{http_code}' -b "gt_session=$(printf '%064d' 7)" "$BASE/plans")
check "and a page for a session it cannot look up is an error, not the sign-in" "$([ "$code" = 500 ] && echo 1 || echo 0)" "answered $code"
code=$(post_status red "the server stopped" 2)
check "and a write is not acknowledged" "$([ "$code" -ge 500 ] && echo 1 || echo 0)" "answered $code"
# shellcheck disable=SC2086
pg_ctlcluster $CLUSTER start || { echo "FAIL: cannot start $CLUSTER"; exit 1; }
n=$(answers 30 /api/v1/plans/imp)
check "once it is back, reads are answered" "$([ "$n" = 30 ] && echo 1 || echo 0)" "$n of 30"
code=$(post_status green "the server came back" 3)
check "and writes stored" "$([ "$code" = 201 ] && echo 1 || echo 0)" "answered $code"
stored=$(psql -X -At -c "SELECT string_agg(brag, ' ' ORDER BY as_of) FROM status_update WHERE item_id = $ITEM AND commentary LIKE 'after %'")
check "the acknowledged writes, and only those, are in the database" "$([ "$stored" = "amber green" ] && echo 1 || echo 0)" "$stored"
[ "$failed" -eq 0 ] || tail -5 "$DIR/serve.log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
