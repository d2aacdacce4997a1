#!/bin/sh
# tests/pg/bulk.sh GOLDTHREAD: an import on PostgreSQL leaves each plan's
# tally as SQLite's import leaves it, counted once at the commit rather
# than row by row: updating the plan's one tally row for each new item and
# status made every update walk the versions of that row the transaction
# had already made, so an import grew with the square of its rows. The
# tally is checked against SQLite's and against a count of the items, and
# the tally row must have been updated a handful of times, not once a
# row. Run inside tests/pg/run.sh.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
passed=0
failed=0
check() { # label ok detail
    if [ "$2" = 1 ]; then echo "ok $1: $3"; passed=$((passed + 1))
    else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
q() { psql -X -At -c "$1"; }
. "$HERE/lib.sh"
demo_on_both "$GT" "$DIR/s.db"
# statistics that say the tables are small, as on a new council's server
q "ANALYZE" >/dev/null
awk -v rows=3000 -f "$HERE/../../bench/plan_rows.awk" >plan.csv
stat() { # COLUMN TABLE
    q "SELECT COALESCE(sum($1), 0) FROM pg_stat_user_tables WHERE relname = '$2'"
}
updates=$(stat n_tup_upd plan_tally)
scans=$(stat seq_scan item)
for db in postgresql:// "$DIR/s.db"; do
    "$GT" import plan plan.csv --plan big --as-of 2026-10-31 --db "$db" >/dev/null ||
        { echo "FAIL: the import into $db"; exit 1; }
done
# the importing session has ended, so its counts are in the statistics
updates=$(($(stat n_tup_upd plan_tally) - updates))
scans=$(($(stat seq_scan item) - scans))
items=$(q "SELECT items FROM plan_tally t JOIN plan p ON p.id = t.plan_id WHERE p.code = 'big'")
check "the tally row is updated at the commit, not a row at a time" \
    "$([ "$updates" -le 3 ] && echo 1 || echo 0)" "$updates updates for $items items"
# a plan made while the table was small scans it whole: made again as
# the import grows it, the items' checks look them up by key
check "the items are not scanned whole for each new row" \
    "$([ "$scans" -le $((items / 10)) ] && echo 1 || echo 0)" "$scans whole scans of item for $items items"
COLUMNS="items, blue, red, amber, green, not_rated, latest, status_blue, status_red, status_amber, status_green, status_not_rated"
TALLY="SELECT $COLUMNS FROM plan_tally t JOIN plan p ON p.id = t.plan_id WHERE p.code = 'big'"
pg=$(q "$TALLY")
sqlite=$(sqlite3 -separator '|' "$DIR/s.db" "$TALLY")
check "the tally is SQLite's" "$([ -n "$pg" ] && [ "$pg" = "$sqlite" ] && echo 1 || echo 0)" "PostgreSQL $pg, SQLite $sqlite"
# the tally's rule (0018_status_counts.sql), counted from the items
counted=$(q "WITH c AS (SELECT COALESCE(s.brag, 'not_rated') AS brag, s.as_of,
    i.kind NOT IN ('priority', 'theme') AS carries,
    i.kind NOT IN ('priority', 'theme') AND NOT EXISTS (SELECT 1 FROM item k WHERE k.parent_id = i.id) AS work
    FROM item i JOIN plan p ON p.id = i.plan_id LEFT JOIN item_status s ON s.item_id = i.id WHERE p.code = 'big')
  SELECT count(*), $(for who in work carries; do for b in blue red amber green not_rated; do
        printf "count(*) FILTER (WHERE %s AND brag = '%s'), " "$who" "$b"
        [ "$who$b" = worknot_rated ] && printf "max(as_of), "
    done; done | sed 's/, $//') FROM c")
check "the tally is the count of the items" "$([ "$pg" = "$counted" ] && echo 1 || echo 0)" "tally $pg, counted $counted"
# a status recorded afterwards, outside a bulk write, is counted by the
# triggers as SQLite's are
REF=$(q "SELECT i.ref FROM item i JOIN plan p ON p.id = i.plan_id JOIN item_status s ON s.item_id = i.id WHERE p.code = 'big' AND i.kind = 'milestone' AND s.brag = 'blue' ORDER BY i.id LIMIT 1")
for db in postgresql:// "$DIR/s.db"; do
    "$GT" status "big:$REF" --brag Red --as-of 2026-11-20 --db "$db" >/dev/null 2>err ||
        check "a status recorded on $db" 0 "$(cat err)"
done
pg_then=$(q "$TALLY")
sqlite_then=$(sqlite3 -separator '|' "$DIR/s.db" "$TALLY")
check "a later update moves the tally as on SQLite" \
    "$([ "$pg_then" != "$pg" ] && [ "$pg_then" = "$sqlite_then" ] && echo 1 || echo 0)" \
    "PostgreSQL $pg_then, SQLite $sqlite_then"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
