#!/bin/sh
# Run one CLI case file against the goldthread binary.
#
# A case file holds, in any order:
#   # comment
#   fixture: empty | demo | web | none   (default empty: an initialised
#            database; web is the demo with one user for each role)
#   setup: ARGS                    (any number; each must exit 0)
#   run: ARGS                      (the command under test; quoted as in sh)
#   exit: N                        (default 0)
#   stdout:  ...lines...  then a line "."   (exact expected output)
#   stderr:  ...lines...  then a line "."
#   stdout-has: TEXT / stderr-has: TEXT      (a line containing TEXT)
#   stdout-lacks: TEXT                        (no line contains TEXT)
#   request:  ...lines...  then "."  (an HTTP request given to run: on
#             standard input, lines joined with CRLF; Content-Length is
#             added for a body unless the request gives its own)
#   html-valid: yes                  (the response body passes tidy)
#   sql: QUERY / sql-out: LINE               (the database afterwards)
#   sql-sqlite: QUERY / sql-out: LINE        (the same, on SQLite only:
#            what SQLite's own functions or audit JSON read)
#   same-file: A B                   (files A and B are equal, byte for byte)
#   engines: sqlite                  (a case about SQLite's file alone)
# ARGS run in a fresh directory where data/ is tests/cases/data and
# examples/ is examples/; $TMP names that directory.
# With GT_CASE_POSTGRESQL set (tests/pg/cases.sh), the database is a new
# PostgreSQL one copied from the fixture's template (gt_fixture_NAME),
# the child ID key GOLDTHREAD_KEY_FILE's, and sql: asks psql.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CASE=$2
ROOT=${GT_SOURCE_ROOT:-$(cd "$(dirname "$CASE")/../../.." && pwd)}
DATA=$ROOT/tests/cases/data
EXAMPLES=$ROOT/examples
TMP=$(mktemp -d)
PG_DB=
cleanup() {
    [ -z "$PG_DB" ] || psql -X -q -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1
    rm -rf "$TMP"
}
trap cleanup EXIT
export GOLDTHREAD_DB=test.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
export USER=tester DATA EXAMPLES TMP LC_ALL=C
cd "$TMP" || exit 1
# Relative paths keep file names in messages the same on every machine.
ln -s "$DATA" data
ln -s "$EXAMPLES" examples

fail() { echo "FAIL: $CASE: $*"; exit 1; }

fixture=empty
engines=sqlite,postgresql
want_exit=0
run=
have_run=0
section=
: >"$TMP/want.out"; : >"$TMP/want.err"
has_out=0; has_err=0
: >"$TMP/setups"; : >"$TMP/out-has"; : >"$TMP/err-has"; : >"$TMP/sql"
: >"$TMP/out-lacks"; : >"$TMP/want.req"; : >"$TMP/same-files"
has_req=0
html_valid=0

while IFS= read -r line || [ -n "$line" ]; do
    value=${line#*:}
    value=${value# }
    if [ -n "$section" ]; then
        if [ "$line" = "." ]; then section=; continue; fi
        printf '%s\n' "$line" >>"$TMP/want.$section"
        continue
    fi
    case $line in
        '#'*|'') ;;
        fixture:*) fixture=$(echo "$value" | tr -d ' ') ;;
        setup:*) printf '%s\n' "$value" >>"$TMP/setups" ;;
        run:*) run=$value; have_run=1 ;;
        exit:*) want_exit=$(echo "$value" | tr -d ' ') ;;
        stdout:) section=out; has_out=1 ;;
        stderr:) section=err; has_err=1 ;;
        stdout-has:*) printf '%s\n' "$value" >>"$TMP/out-has" ;;
        stdout-lacks:*) printf '%s\n' "$value" >>"$TMP/out-lacks" ;;
        request:) section=req; has_req=1 ;;
        html-valid:*) html_valid=1 ;;
        stderr-has:*) printf '%s\n' "$value" >>"$TMP/err-has" ;;
        sql:*) printf 'q\t%s\n' "$value" >>"$TMP/sql" ;;
        sql-sqlite:*) printf 's\t%s\n' "$value" >>"$TMP/sql" ;;
        sql-out:*) printf 'a\t%s\n' "$value" >>"$TMP/sql" ;;
        engines:*) engines=$(echo "$value" | tr -d ' ') ;;
        same-file:*) printf '%s\n' "$value" >>"$TMP/same-files" ;;
        *) fail "cannot read line: $line" ;;
    esac
done <"$CASE"
[ $have_run = 1 ] || fail "no run: line"

if [ -n "${GT_CASE_POSTGRESQL:-}" ]; then
    case ",$engines," in
    *,postgresql,*) ;;
    *) echo "skip: $CASE (SQLite only)"; exit 77 ;;
    esac
    # a case without a database is the same on either engine
    [ "$fixture" != none ] || { echo "skip: $CASE (no database)"; exit 77; }
    PG_DB=gt_case_$$
    psql -X -q -c "CREATE DATABASE $PG_DB TEMPLATE gt_fixture_$fixture" \
        >/dev/null || fail "cannot copy the $fixture fixture"
    export GOLDTHREAD_DB="postgresql:///$PG_DB"
    fixture=none
fi
case $fixture in
    none) ;;
    empty) "$GT" init >/dev/null || fail "init failed" ;;
    web) "$GT" demo --quiet --no-serve --users --db "$GOLDTHREAD_DB" \
        >/dev/null || fail "web fixture failed" ;;
    demo) "$GT" demo --quiet --no-serve --db "$GOLDTHREAD_DB" >/dev/null ||
        fail "demo fixture failed" ;;
    *) fail "unknown fixture $fixture" ;;
esac

while IFS= read -r s; do
    eval "\"\$GT\" $s" >"$TMP/setup.out" 2>&1 ||
        { cat "$TMP/setup.out"; fail "setup failed: $s"; }
done <"$TMP/setups"

if [ $has_req = 1 ]; then
    # Headers, then a blank line, then the body: joined with CRLF, with a
    # Content-Length for the body unless the case gives one itself.
    awk 'BEGIN { body = 0; n = 0; own = 0 }
         body { b = b (n++ ? "\r\n" : "") $0; next }
         /^$/ { body = 1; next }
         { h = h $0 "\r\n"; if (tolower($0) ~ /^content-length:/) own = 1 }
         END {
             if (body && !own) h = h "Content-Length: " length(b) "\r\n"
             printf "%s\r\n%s", h, b
         }' "$TMP/want.req" >"$TMP/request.http"
else
    : >"$TMP/request.http"
fi
eval "\"\$GT\" $run" <"$TMP/request.http" >"$TMP/got.out" 2>"$TMP/got.err"
got_exit=$?
status=0
if [ "$got_exit" != "$want_exit" ]; then
    echo "exit: want $want_exit, got $got_exit"; status=1
fi
if [ $has_out = 1 ] && ! cmp -s "$TMP/want.out" "$TMP/got.out"; then
    echo "stdout differs:"; diff "$TMP/want.out" "$TMP/got.out"; status=1
fi
if [ $has_err = 1 ] && ! cmp -s "$TMP/want.err" "$TMP/got.err"; then
    echo "stderr differs:"; diff "$TMP/want.err" "$TMP/got.err"; status=1
fi
while IFS= read -r t; do
    grep -qF -- "$t" "$TMP/got.out" || { echo "stdout lacks: $t"; status=1; }
done <"$TMP/out-has"
while IFS= read -r t; do
    grep -qF -- "$t" "$TMP/got.err" || { echo "stderr lacks: $t"; status=1; }
done <"$TMP/err-has"
while IFS= read -r t; do
    ! grep -qF -- "$t" "$TMP/got.out" || { echo "stdout has: $t"; status=1; }
done <"$TMP/out-lacks"
if [ $html_valid = 1 ]; then
    sed '1,/^\r*$/d' "$TMP/got.out" >"$TMP/body.html"
    tidy -q -e --show-warnings no "$TMP/body.html" >"$TMP/tidy.out" 2>&1
    [ $? -lt 2 ] || { echo "tidy finds errors:"; cat "$TMP/tidy.out"; status=1; }
fi
while read -r a b; do
    cmp -s "$a" "$b" || { echo "same-file: $a and $b differ"; status=1; }
done <"$TMP/same-files"
query=
while IFS="$(printf '\t')" read -r kind text; do
    if [ "$kind" = q ] || [ "$kind" = s ]; then
        query=$text
        only_sqlite=$([ "$kind" = s ] && echo 1)
        continue
    fi
    [ -z "$PG_DB" ] || [ -z "$only_sqlite" ] || continue
    if [ -n "$PG_DB" ]; then
        got=$(psql -X -q -At -d "$PG_DB" -c "$query" 2>&1)
    else
        got=$(sqlite3 "$GOLDTHREAD_DB" "$query" 2>&1)
    fi
    [ "$got" = "$text" ] || { echo "sql: $query: want $text, got $got"; status=1; }
done <"$TMP/sql"
if [ $status != 0 ]; then
    echo "--- stdout"; cat "$TMP/got.out"; echo "--- stderr"; cat "$TMP/got.err"
    fail "see above"
fi
echo "ok: $CASE"
