#!/bin/sh
# tests/pg/same-pages.sh GOLDTHREAD: the web application serves the same
# pages from SQLite and from PostgreSQL. The demonstration is built on
# both, a server runs on each, the same user signs in to both, and every
# page below must answer 200 on both with the same HTML (the forms'
# session tokens aside). Run inside tests/pg/run.sh.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=$(mktemp -d)
cd "$DIR"
. "$ROOT/tests/web/lib.sh"
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$DIR"' EXIT
. "$ROOT/tests/pg/lib.sh"
demo_on_both "$GT" "$DIR/s.db"
port_sq=$((20000 + $$ % 20000))
port_pg=$((port_sq + 1))
"$GT" serve --db "$DIR/s.db" --port "$port_sq" >sqlite.log 2>&1 &
pids="$pids $!"
"$GT" serve --db postgresql:// \
    --port "$port_pg" >pg.log 2>&1 &
pids="$pids $!"
# the administrator in s<port>/, the analyst (the child-level pages) in
# a<port>/
for port in "$port_sq" "$port_pg"; do
    mkdir "s$port" "a$port"
    (cd "s$port" && web_wait_up "http://127.0.0.1:$port" ../sqlite.log &&
        web_sign_in "http://127.0.0.1:$port" admin demo-admin-password \
            >/dev/null) || exit 1
    (cd "a$port" && web_sign_in "http://127.0.0.1:$port" analyst \
        demo-analyst-password >/dev/null) || exit 1
done
item=$(sqlite3 s.db "SELECT i.id FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'csbp' AND i.ref = 'F1.1'")
failures=0
pages=0
for path in / /plans /plans/corp /plans/csbp /plans/imp "/plans/imp?status=red" \
    "/plans/imp?sort=deadline" "/plans/imp?kind=milestone" /items/"$item" \
    /items/"$item"/edit /plans/csbp/items/new /thread /people /kpis \
    /kpis/ASSESS45 /plans/csbp/report /plans/imp/report \
    "/plans/csbp/report?format=md" "/plans/imp/export?format=csv" \
    "/plans/imp/export?format=json" /plans/csbp/budget /plans/csbp/risks \
    /plans/csbp/workforce /plans/csbp/versions /admin/users /admin/import \
    a/csc "a/csc/CSC-ASSESS45?period=2025%2F26" \
    "a/csc/CSC-ICPC15?period=2025%2F26&all=yes" \
    "a/csc/CSC-ASSESS45/export?period=2025%2F26"; do
    pages=$((pages + 1))
    who=s
    case $path in a/*) who=a path=${path#a} ;; esac
    for port in "$port_sq" "$port_pg"; do
        code=$(curl -s -b "$who$port/jar" -o "s$port/page" -w '%{http_code}' \
            "http://127.0.0.1:$port$path")
        # the session's own tokens are the only difference allowed
        sed 's/name="csrf" value="[0-9a-f]*"/name="csrf"/g' "s$port/page" >"s$port/page.cmp"
        echo "$code" >"s$port/code"
    done
    if [ "$(cat "s$port_sq/code")" != 200 ] || [ "$(cat "s$port_pg/code")" != 200 ]; then
        echo "not ok: $path answered $(cat "s$port_sq/code") on SQLite, $(cat "s$port_pg/code") on PostgreSQL"
        failures=$((failures + 1))
    elif ! cmp -s "s$port_sq/page.cmp" "s$port_pg/page.cmp"; then
        echo "not the same: $path (< SQLite, > PostgreSQL)"
        diff "s$port_sq/page.cmp" "s$port_pg/page.cmp" | head -6
        failures=$((failures + 1))
    fi
done
if [ "$failures" -gt 0 ]; then
    echo "$failures of $pages pages differ between SQLite and PostgreSQL"
    grep ' 500 ' pg.log | head -5
    exit 1
fi
echo "the same $pages pages from SQLite and PostgreSQL"
