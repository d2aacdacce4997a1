#!/bin/sh
# bench/import: import a 100,000-row plan CSV and compare its speed with
# the sqlite3 shell's .import of the same file into a plain table, both
# measured here in the same run, in pairs. Prints rows/s for each and the
# ratio of each pair (goldthread / sqlite3; the target is 0.5 or more), as
# the median, min and max of the pairs. Beside them, the floor: the sqlite3
# shell copying the very rows goldthread wrote (items, status updates,
# current statuses, audit entries, tallies) into a fresh goldthread schema,
# indexes and foreign keys included, by one INSERT ... SELECT a table in one
# transaction: what writing those rows costs SQLite with nothing to read,
# parse or check. Then how long
# goldthread held the database's write lock: it reads and checks the whole
# file first, so the lock is held only while it writes. With BENCH_TARGETS
# set, the target's line is appended to that file (make bench's table).
#
# usage: sh bench/import.sh [GOLDTHREAD] [ROWS] [RUNS]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
ROWS=${2:-100000}
RUNS=${3:-3}
command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"

# A plan in the improvement-plan shape: a theme every 1,000 rows, a new
# action every 5, every row a milestone with lead, deadline and monitoring.
awk -v rows="$ROWS" -f "$HERE/plan_rows.awk" >plan.csv

now() { date +%s.%N; }

# The floor copies into a database with every trigger dropped: its audit
# entries and tallies are copied as rows, not written again by triggers.
cat >floor.sql <<'EOF'
PRAGMA foreign_keys = ON;
ATTACH 'gt.db' AS written;
BEGIN;
INSERT INTO main.person SELECT * FROM written.person
 WHERE id NOT IN (SELECT id FROM main.person);
INSERT INTO main.plan SELECT * FROM written.plan;
INSERT INTO main.item SELECT * FROM written.item;
INSERT INTO main.status_update SELECT * FROM written.status_update;
INSERT INTO main.item_status SELECT * FROM written.item_status;
INSERT INTO main.audit_log SELECT * FROM written.audit_log
 WHERE id > (SELECT IFNULL(max(id), 0) FROM main.audit_log);
INSERT OR REPLACE INTO main.plan_tally SELECT * FROM written.plan_tally;
COMMIT;
EOF

: >runs
for run in $(seq "$RUNS"); do
    rm -f gt.db gt.db-wal gt.db-shm gt.db.key sq.db floor.db*
    "$GT" init --db gt.db >/dev/null
    "$GT" init --db floor.db >/dev/null
    sqlite3 floor.db "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger'" >drop.sql
    sqlite3 floor.db <drop.sql
    t0=$(now)
    GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z "$GT" import plan plan.csv --plan bench --db gt.db --as-of 2026-10-31 --timing >/dev/null 2>timing.txt
    t1=$(now)
    lock=$(sed -n 's/.*the lock held \([0-9]*\) ms.*/\1/p' timing.txt)
    read_ms=$(sed -n 's/.*checked in \([0-9]*\) ms.*/\1/p' timing.txt)
    [ -n "$lock" ] || { echo "bench: the import failed"; cat timing.txt; exit 1; }
    sqlite3 sq.db '.mode csv' '.import plan.csv plain'
    t2=$(now)
    plain=$(sqlite3 sq.db 'SELECT count(*) FROM plain')
    [ "$plain" -eq "$ROWS" ] || { echo "bench: sqlite3 loaded $plain rows, not $ROWS"; exit 1; }
    t3=$(now)
    sqlite3 floor.db <floor.sql
    t4=$(now)
    counts='SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM status_update) + (SELECT count(*) FROM audit_log)'
    [ "$(sqlite3 floor.db "$counts")" = "$(sqlite3 gt.db "$counts")" ] ||
        { echo "bench: the floor did not copy the rows goldthread wrote"; exit 1; }
    # one line a run: goldthread s, sqlite3 s, lock ms, read ms, floor s
    echo "$(echo "$t1 - $t0" | bc -l) $(echo "$t2 - $t1" | bc -l) $lock $read_ms $(echo "$t4 - $t3" | bc -l)" >>runs
done
items=$(sqlite3 gt.db 'SELECT count(*) FROM item')
# For each input row goldthread writes items, a status update, its item's
# current status and audit entries into indexed, constrained tables;
# sqlite3 writes one row into an unindexed table. Rows written per second
# compares the engines' work.
written=$(sqlite3 gt.db 'SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM status_update) + (SELECT count(*) FROM item_status) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM person)')
printf 'rows: %d (goldthread made %d items); each figure the median (min-max) of %d paired runs\n' "$ROWS" "$items" "$RUNS"
printf 'goldthread import plan: %s s, %s rows/s\n' "$(awk '{ print $1 }' runs | spread %.3f)" \
    "$(awk -v n="$ROWS" '{ print n / $1 }' runs | spread %.0f)"
printf 'sqlite3 .import:        %s s, %s rows/s\n' "$(awk '{ print $2 }' runs | spread %.3f)" \
    "$(awk -v n="$ROWS" '{ print n / $2 }' runs | spread %.0f)"
ratio=$(awk '{ print $2 / $1 }' runs | spread %.2f)
printf 'ratio (goldthread / sqlite3 rows/s, each pair): %s\n' "$ratio"
target import "$ROWS-row plan, goldthread / sqlite3 .import rows/s >= 0.5" \
    "$ratio" "$(met "${ratio%% *} >= 0.5")"
printf 'rows written/s: goldthread %s (%d rows), sqlite3 %s (%d rows)\n' \
    "$(awk -v n="$written" '{ print n / $1 }' runs | spread %.0f)" "$written" \
    "$(awk -v n="$ROWS" '{ print n / $2 }' runs | spread %.0f)" "$ROWS"
printf 'floor, sqlite3 copying those rows into the schema: %s s, %s CSV rows/s\n' \
    "$(awk '{ print $5 }' runs | spread %.3f)" "$(awk -v n="$ROWS" '{ print n / $5 }' runs | spread %.0f)"
printf 'goldthread / floor rows/s, each run: %s; the floor / sqlite3 .import: %s\n' \
    "$(awk '{ print $5 / $1 }' runs | spread %.2f)" "$(awk '{ print $2 / $5 }' runs | spread %.2f)"
printf 'write lock held: %s ms; reading and checking before it: %s ms\n' \
    "$(awk '{ print $3 }' runs | spread %.0f)" "$(awk '{ print $4 }' runs | spread %.0f)"
