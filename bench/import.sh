#!/bin/sh
# bench/import: import a 100,000-row plan CSV and compare its speed with
# the sqlite3 shell's .import of the same file into a plain table, both
# measured here in the same run. Prints rows/s for each and the ratio
# (goldthread / sqlite3; the target is 0.5 or more), and how long
# goldthread held the database's write lock: it reads and checks the whole
# file first, so the lock is held only while it writes.
#
# usage: sh bench/import.sh [GOLDTHREAD] [ROWS] [RUNS]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
ROWS=${2:-100000}
RUNS=${3:-3}
command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install sqlite3)"; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"

# A plan in the improvement-plan shape: a theme every 1,000 rows, a new
# action every 5, every row a milestone with lead, deadline and monitoring.
awk -v rows="$ROWS" -f "$HERE/plan_rows.awk" >plan.csv

best() { sort -n | head -1; }
now() { date +%s.%N; }

gt_times=""
sq_times=""
lock_times=""
for run in $(seq "$RUNS"); do
    rm -f gt.db gt.db-wal gt.db-shm sq.db
    "$GT" init --db gt.db >/dev/null
    t0=$(now)
    GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z "$GT" import plan plan.csv --plan bench --db gt.db --as-of 2026-10-31 --timing >/dev/null 2>timing.txt
    t1=$(now)
    lock_times="$lock_times $(sed -n 's/.*the lock held \([0-9]*\) ms.*/\1/p' timing.txt)"
    read_ms=$(sed -n 's/.*checked in \([0-9]*\) ms.*/\1/p' timing.txt)
    sqlite3 sq.db '.mode csv' '.import plan.csv plain'
    t2=$(now)
    gt_times="$gt_times $(echo "$t1 - $t0" | bc -l)"
    sq_times="$sq_times $(echo "$t2 - $t1" | bc -l)"
done
gt=$(for t in $gt_times; do echo "$t"; done | best)
lock=$(for t in $lock_times; do echo "$t"; done | best)
sq=$(for t in $sq_times; do echo "$t"; done | best)
items=$(sqlite3 gt.db 'SELECT count(*) FROM item')
written=$(sqlite3 gt.db 'SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM status_update) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM person)')
plain=$(sqlite3 sq.db 'SELECT count(*) FROM plain')
[ "$plain" -eq "$ROWS" ] || { echo "bench: sqlite3 loaded $plain rows, not $ROWS"; exit 1; }
printf 'rows: %d (goldthread made %d items)\n' "$ROWS" "$items"
printf 'goldthread import plan: %.3f s, %.0f rows/s (best of %d)\n' "$gt" "$(echo "$ROWS / $gt" | bc -l)" "$RUNS"
printf 'sqlite3 .import:        %.3f s, %.0f rows/s (best of %d)\n' "$sq" "$(echo "$ROWS / $sq" | bc -l)" "$RUNS"
printf 'ratio (goldthread / sqlite3 rows/s): %.2f (target 0.5)\n' "$(echo "$sq / $gt" | bc -l)"
# For each input row goldthread writes items, a status update and audit
# entries into indexed, constrained tables; sqlite3 writes one row into an
# unindexed table. Rows written per second compares the engines' work.
printf 'rows written: goldthread %d (%.0f/s), sqlite3 %d (%.0f/s)\n' \
    "$written" "$(echo "$written / $gt" | bc -l)" "$plain" "$(echo "$plain / $sq" | bc -l)"
printf 'write lock held: %d ms of the import (best of %d); reading and checking before it: %d ms (last run)\n' \
    "$lock" "$RUNS" "$read_ms"
