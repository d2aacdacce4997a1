#!/bin/sh
# tests/pg/same-answers.sh GOLDTHREAD: the same demonstration built on
# SQLite and on PostgreSQL answers every command below the same, byte for
# byte: plans, the thread both ways, roll-ups, overdue work, indicators,
# committee reports, exports, versions, risks, budget, workforce and
# caseloads, the child-level records' breaches; then the same writes (a
# status update, a link, users whose names sort apart by bytes and by
# ICU's en-GB) on both, and the answers again, PostgreSQL's database
# sorting text by en-GB. Run inside tests/pg/run.sh.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
PG=postgresql://
SQ="$DIR/s.db"
. "$HERE/lib.sh"
# a database that sorts text as people read it (ICU's en-GB: case and
# punctuation second), so that an answer ordered by the database's
# collation rather than the columns' own (bytes, as SQLite) differs
psql -X -q -c "CREATE DATABASE answers LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LOCALE 'C.UTF-8' TEMPLATE template0" ||
    { echo "could not make a database with ICU's en-GB collation"; exit 1; }
export PGDATABASE=answers
demo_on_both "$GT" "$SQ"
printf 'a long enough test password\n' >pw

failures=0
checks=0
both() {
    "$GT" "$@" --db "$SQ" >sqlite.out 2>&1
    echo "exit $?" >>sqlite.out
    "$GT" "$@" --db "$PG" >pg.out 2>&1
    echo "exit $?" >>pg.out
    checks=$((checks + 1))
    if ! cmp -s sqlite.out pg.out; then
        echo "not the same: goldthread $* (< SQLite, > PostgreSQL)"
        diff sqlite.out pg.out | head -10
        failures=$((failures + 1))
    elif [ "$(tail -1 sqlite.out)" != "exit 0" ] || [ "$(wc -l <sqlite.out)" -lt 2 ]; then
        echo "no answer to compare: goldthread $*: $(head -1 sqlite.out)"
        failures=$((failures + 1))
    fi
}
answers() {
    both plan list
    both plan show corp
    both plan show csbp
    both plan show imp --as-of 2026-09-30
    both rollup csbp
    both thread csbp:F1.1 --up
    both thread corp:O4 --down
    both overdue
    both kpi list
    both kpi show ASSESS45
    both report csbp --format md
    both report imp --format md --since 2026-06-30
    both export plan imp --format json
    both export plan csbp --format csv
    both user list
    both version list csbp
    both version show csbp 1
    both risk list csbp
    both budget show csbp --year 2026/27
    both workforce show csbp
    both caseload show csbp
    # the child-level records as the demonstration stored them
    both csc breaches CSC-ASSESS45 --period 2025/26 --all
    both csc breaches CSC-ICPC15 --period 2025/26
}
answers
# the same writes on both (an answer both refuse alike fails), then every
# answer again
both status imp:T1.2.1 --brag blue --comment "Done at the October board" \
    --as-of 2026-11-20
both status imp:T1.1.1 --brag red --comment "An earlier day: history only" \
    --as-of 2026-01-31 --earlier
both link csbp:F3.1 --contributes-to corp:O2
# names that sort apart by bytes and by a reader's collation
for name in Zara _ops alex-b; do
    both user add "$name" --role viewer --password-file pw
done
answers

# the audit trail names the same people for the same changes (its JSON
# differs by design: one generic function on PostgreSQL)
audit='SELECT table_name, action, actor, at, count(*) FROM audit_log GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4'
sqlite3 -separator '|' "$SQ" "$audit" >sqlite.audit
psql -X -At -F '|' -c "$audit" >pg.audit
checks=$((checks + 1))
if ! cmp -s sqlite.audit pg.audit; then
    echo "not the same audit trail (< SQLite, > PostgreSQL)"
    diff sqlite.audit pg.audit | head -10
    failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures of $checks answers differ between SQLite and PostgreSQL"
    exit 1
fi
echo "SQLite and PostgreSQL gave the same $checks answers"
