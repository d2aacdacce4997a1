#!/bin/sh
# goldthread backup while the database is in use: backups taken while a
# 20,000-row import writes in one transaction each pass the integrity
# check and hold the plan either whole or not at all, never part of it;
# an existing file is never replaced; the copy is one file with no log
# beside it, readable by its owner alone.
# usage: sh tests/ops/backup.sh GOLDTHREAD SOURCE_ROOT
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$2" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR" || exit 1
export GOLDTHREAD_DB=gt.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }

"$GT" init >/dev/null || fail "init"
awk -v rows=20000 -f "$ROOT/bench/plan_rows.awk" >plan.csv
"$GT" import plan plan.csv --plan big --as-of 2026-10-31 >/dev/null 2>&1 &
import=$!
n=0
whole=0
none=0
while :; do
    n=$((n + 1))
    out=$("$GT" backup "copy$n.db" 2>&1) || fail "backup $n: $out"
    case $out in *"integrity check passed"*) ;; *) fail "backup $n: $out" ;; esac
    [ ! -e "copy$n.db-wal" ] || fail "backup $n has a log beside it"
    items=$(sqlite3 "copy$n.db" "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'big'")
    case $items in
        0) none=$((none + 1)) ;;
        *) [ "$items" -eq "$(sqlite3 gt.db "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'big'")" ] ||
            fail "backup $n holds $items items of the import: part of a transaction"
            whole=$((whole + 1)) ;;
    esac
    check=$(sqlite3 "copy$n.db" "PRAGMA integrity_check")
    [ "$check" = ok ] || fail "backup $n: $check"
    kill -0 $import 2>/dev/null || break
done
wait $import || fail "the import failed beside the backups"
[ $none -ge 1 ] || echo "note: every backup came after the import"
mode=$(stat -c %a copy1.db)
[ "$mode" = 600 ] || fail "the backup's mode is $mode, not 600"
"$GT" backup copy1.db >out.txt 2>&1 && fail "an existing backup was replaced"
grep -q "already there" out.txt || fail "refusal does not say why: $(cat out.txt)"
ls ./*.partial-* >/dev/null 2>&1 && fail "a partial copy was left behind"
"$GT" backup last.db >/dev/null || fail "last backup"
[ "$(sqlite3 last.db "SELECT count(*) FROM item")" = "$(sqlite3 gt.db "SELECT count(*) FROM item")" ] ||
    fail "the last backup differs from the database"
echo "ok: $n backups beside the import ($none before it, $whole after), each whole and checked"
