#!/bin/sh
# Run one CLI case file against the goldthread binary.
#
# A case file holds, in any order:
#   # comment
#   fixture: empty | demo | none   (default empty: an initialised database)
#   setup: ARGS                    (any number; each must exit 0)
#   run: ARGS                      (the command under test; quoted as in sh)
#   exit: N                        (default 0)
#   stdout:  ...lines...  then a line "."   (exact expected output)
#   stderr:  ...lines...  then a line "."
#   stdout-has: TEXT / stderr-has: TEXT      (a line containing TEXT)
#   sql: QUERY / sql-out: LINE               (the database afterwards)
# ARGS run in a fresh directory where data/ is tests/cases/data and
# examples/ is examples/; $TMP names that directory.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CASE=$2
ROOT=${GT_SOURCE_ROOT:-$(cd "$(dirname "$CASE")/../../.." && pwd)}
DATA=$ROOT/tests/cases/data
EXAMPLES=$ROOT/examples
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export GOLDTHREAD_DB=test.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
export USER=tester DATA EXAMPLES TMP LC_ALL=C
cd "$TMP" || exit 1
# Relative paths keep file names in messages the same on every machine.
ln -s "$DATA" data
ln -s "$EXAMPLES" examples

fail() { echo "FAIL: $CASE: $*"; exit 1; }

fixture=empty
want_exit=0
run=
have_run=0
section=
: >"$TMP/want.out"; : >"$TMP/want.err"
has_out=0; has_err=0
: >"$TMP/setups"; : >"$TMP/out-has"; : >"$TMP/err-has"; : >"$TMP/sql"

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
        stderr-has:*) printf '%s\n' "$value" >>"$TMP/err-has" ;;
        sql:*) printf 'q\t%s\n' "$value" >>"$TMP/sql" ;;
        sql-out:*) printf 'a\t%s\n' "$value" >>"$TMP/sql" ;;
        *) fail "cannot read line: $line" ;;
    esac
done <"$CASE"
[ $have_run = 1 ] || fail "no run: line"

case $fixture in
    none) ;;
    empty) "$GT" init >/dev/null || fail "init failed" ;;
    demo) "$GT" demo --quiet --db "$GOLDTHREAD_DB" >/dev/null ||
        fail "demo fixture failed" ;;
    *) fail "unknown fixture $fixture" ;;
esac

while IFS= read -r s; do
    eval "\"\$GT\" $s" >"$TMP/setup.out" 2>&1 ||
        { cat "$TMP/setup.out"; fail "setup failed: $s"; }
done <"$TMP/setups"

eval "\"\$GT\" $run" >"$TMP/got.out" 2>"$TMP/got.err"
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
query=
while IFS="$(printf '\t')" read -r kind text; do
    if [ "$kind" = q ]; then query=$text; continue; fi
    got=$(sqlite3 "$GOLDTHREAD_DB" "$query" 2>&1)
    [ "$got" = "$text" ] || { echo "sql: $query: want $text, got $got"; status=1; }
done <"$TMP/sql"
if [ $status != 0 ]; then
    echo "--- stdout"; cat "$TMP/got.out"; echo "--- stderr"; cat "$TMP/got.err"
    fail "see above"
fi
echo "ok: $CASE"
