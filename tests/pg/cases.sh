#!/bin/sh
# tests/pg/cases.sh GOLDTHREAD [CASE...]: every CLI case (tests/cases)
# again on PostgreSQL, each in a database of its own copied from its
# fixture's template, two at a time; cases about SQLite's file alone say
# so (engines: sqlite) and are counted apart. Run inside tests/pg/run.sh.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
export GOLDTHREAD_KEY_FILE="$DIR/child.key"
# the fixtures, made once: an initialised database, the demonstration,
# and the demonstration with a user for each role
for f in empty demo web; do
    psql -X -q -c "CREATE DATABASE gt_fixture_$f" || exit 1
    case $f in
    empty) "$GT" init --db postgresql:///gt_fixture_empty >/dev/null ;;
    demo) "$GT" demo --quiet --no-serve --db postgresql:///gt_fixture_demo \
        >/dev/null ;;
    web) "$GT" demo --quiet --no-serve --users \
        --db postgresql:///gt_fixture_web >/dev/null ;;
    esac || { echo "the $f fixture was not built on PostgreSQL"; exit 1; }
done
[ $# -gt 0 ] || set -- "$ROOT"/tests/cases/*/*.test
for c in "$@"; do echo "$c"; done |
    GT_CASE_POSTGRESQL=1 GT_SOURCE_ROOT="$ROOT" xargs -P 2 -I{} \
        sh -c 'sh "$1" "$2" "$3" >"$4/$(echo "$3" | tr / _).out" 2>&1; echo "$? $3" >>"$4/results"' \
        sh "$ROOT/tests/cases/run.sh" "$GT" {} "$DIR"
passed=$(awk '$1 == 0' "$DIR/results" | wc -l)
skipped=$(awk '$1 == 77' "$DIR/results" | wc -l)
failed=$(awk '$1 != 0 && $1 != 77' "$DIR/results" | wc -l)
awk '$1 != 0 && $1 != 77 { print $2 }' "$DIR/results" | sort | while read -r c; do
    echo "FAIL on PostgreSQL: $c"
    sed 's/^/    /' "$DIR/$(echo "$c" | tr / _).out" | head -12
done
echo "$passed passed, $failed failed on PostgreSQL; $skipped for SQLite alone"
[ "$failed" -eq 0 ]
