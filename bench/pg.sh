#!/bin/sh
# bench/pg: the store on PostgreSQL against the store on SQLite, measured
# here in the same run. The demonstration is built on both (PostgreSQL in
# a throwaway cluster that tests/pg/run.sh starts and drops), a server
# runs on each with its page cache off, and wrk asks each for the same
# pages in paired runs at 50 connections, then PostgreSQL's at 200
# connections for its tail; then a ROWS-row plan is imported into each,
# in pairs, and CHILDREN synthetic children's Annex A lists are loaded
# into each, in pairs (each load after the first replaces the one before).
# A figure is the median (min-max) of RUNS pairs; a ratio is
# PostgreSQL's requests/s (or rows/s) over SQLite's in the same pair.
# Targets (the councils-together issue): pages on PostgreSQL within 2x of
# SQLite (ratio >= 0.5), p99 under 50 ms at 200 connections with 0
# errors, an import and a load at least as fast as SQLite's. With
# BENCH_TARGETS set, each target's line is appended to that file (make
# bench's table).
#
# usage: sh bench/pg.sh [GOLDTHREAD] [SECONDS] [RUNS] [ROWS] [CHILDREN]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${GT_TEST_POSTGRESQL:-}" ]; then
    exec sh "$HERE/../tests/pg/run.sh" sh "$0" "$GT" "${2:-3}" "${3:-3}" \
        "${4:-20000}" "${5:-20000}"
fi
SECS=${2:-3}
RUNS=${3:-3}
ROWS=${4:-20000}
CHILDREN=${5:-20000}
. "$HERE/lib.sh"
for tool in wrk curl psql; do
    command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done
DIR=$(mktemp -d)
PG=postgresql://
PORT_SQ=$((19500 + $$ % 200))
PORT_PG=$((PORT_SQ + 1))
PID_SQ="" PID_PG=""
trap 'for p in $PID_SQ $PID_PG; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DIR"' EXIT
cd "$DIR"
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
. "$HERE/../tests/pg/lib.sh"
. "$HERE/../tests/web/lib.sh"
demo_on_both "$GT" "$DIR/s.db"
serve() { # DB PORT LOG: a server started, its pid in $started
    "$GT" serve --db "$1" --port "$2" --no-page-cache \
        --trust-proxy 127.0.0.1 >"$3" 2>&1 &
    started=$!
    web_wait_up "http://127.0.0.1:$2" "$3"
}
# A server goes on building the pages asked for by connections wrk has
# closed: it is stopped (and waited for) after each run at 200
# connections and before the imports, so no run shares the machine with
# the one before it.
stop() { # PID
    kill -KILL "$1" 2>/dev/null || true
    while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}
serve "$DIR/s.db" "$PORT_SQ" sqlite.log
PID_SQ=$started
serve "$PG" "$PORT_PG" pg.log
PID_PG=$started
for port in "$PORT_SQ" "$PORT_PG"; do
    mkdir "c$port"
    (cd "c$port" && web_wait_up "http://127.0.0.1:$port" ../pg.log &&
        web_sign_in "http://127.0.0.1:$port" planner demo-planner-password \
            >session) || exit 1
done

# wrk PORT PATH CONNECTIONS: "rps p99_ms errors" of one run
wrk_run() {
    GT_PATH=$2 GT_MODE=get GT_ORIGIN="http://127.0.0.1:$1" \
        GT_COOKIE="gt_session=$(cat "c$1/session")" \
        wrk -t2 -c"$3" -d"${SECS}s" --latency -s "$HERE/web.lua" \
        "http://127.0.0.1:$1" >run.out 2>&1 || true
    rps=$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' run.out)
    [ -n "$rps" ] || { echo "bench: wrk failed for $2 on port $1"; cat run.out; exit 1; }
    p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' run.out)
    errs=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' run.out)
    bad=$(sed -n 's/.*bad=\([0-9]*\).*/\1/p' run.out)
    echo "$rps $(echo "$p99 / 1000" | bc -l) $((errs + ${bad:-0}))"
}

printf '%-22s %24s %24s %18s %18s\n' "page" "SQLite req/s" "PostgreSQL req/s" "PG / SQLite" "PG p99 ms @ 200"
for path in /plans/imp /plans/csbp /thread /kpis "/plans/imp?status=red" /; do
    : >pairs
    : >tail200
    for run in $(seq "$RUNS"); do
        echo "$(wrk_run "$PORT_SQ" "$path" 50) $(wrk_run "$PORT_PG" "$path" 50)" >>pairs
        wrk_run "$PORT_PG" "$path" 200 >>tail200
        stop "$PID_PG"
        serve "$PG" "$PORT_PG" pg.log
        PID_PG=$started
    done
    errors=$(awk '{ e += $3 + $6 } END { print e + 0 }' pairs)
    errors=$((errors + $(awk '{ e += $3 } END { print e + 0 }' tail200)))
    ratio=$(awk '{ print $4 / $1 }' pairs | spread %.2f)
    p99=$(awk '{ print $2 }' tail200 | spread %.1f)
    printf '%-22s %24s %24s %18s %18s\n' "$path" \
        "$(awk '{ print $1 }' pairs | spread %.0f)" \
        "$(awk '{ print $4 }' pairs | spread %.0f)" "$ratio" "$p99"
    target pg "$path on PostgreSQL within 2x of SQLite @ 50, 0 errors" \
        "$ratio, $errors errors" "$(met "${ratio%% *} >= 0.5 && $errors == 0")"
    target pg "$path on PostgreSQL p99 < 50 ms @ 200" "$p99 ms" \
        "$(met "${p99%% *} < 50")"
done

# the import, in pairs, a new plan each run into each store (both hold
# the demonstration and the runs before), with no server running
stop "$PID_SQ"
stop "$PID_PG"
PID_SQ="" PID_PG=""
awk -v rows="$ROWS" -f "$HERE/plan_rows.awk" >plan.csv
now() { date +%s.%N; }
: >imports
for run in $(seq "$RUNS"); do
    t0=$(now)
    "$GT" import plan plan.csv --plan "bulk$run" --db "$DIR/s.db" --as-of 2026-10-31 >/dev/null
    t1=$(now)
    "$GT" import plan plan.csv --plan "bulk$run" --db "$PG" --as-of 2026-10-31 >/dev/null
    t2=$(now)
    echo "$(echo "$t1 - $t0" | bc -l) $(echo "$t2 - $t1" | bc -l)" >>imports
done
ratio=$(awk '{ print $1 / $2 }' imports | spread %.2f)
printf 'import %d rows: SQLite %s s, PostgreSQL %s s; PostgreSQL / SQLite rows/s %s\n' \
    "$ROWS" "$(awk '{ print $1 }' imports | spread %.2f)" \
    "$(awk '{ print $2 }' imports | spread %.2f)" "$ratio"
target pg "$ROWS-row import on PostgreSQL at least as fast as SQLite's" \
    "$ratio" "$(met "${ratio%% *} >= 1")"

# child-level records, in pairs: a failing load stops the benchmark
# rather than timing an error
"$GT" synth --children "$CHILDREN" --seed 42 --from 2016-04-01 \
    --to 2017-03-31 --out lists >/dev/null
rm -f lists/expected.csv
: >loads
for run in $(seq "$RUNS"); do
    t0=$(now)
    "$GT" csc load lists --db "$DIR/s.db" >/dev/null ||
        { echo "bench: csc load into SQLite failed"; exit 1; }
    t1=$(now)
    "$GT" csc load lists --db "$PG" >/dev/null ||
        { echo "bench: csc load into PostgreSQL failed"; exit 1; }
    t2=$(now)
    echo "$(echo "$t1 - $t0" | bc -l) $(echo "$t2 - $t1" | bc -l)" >>loads
done
ratio=$(awk '{ print $1 / $2 }' loads | spread %.2f)
printf 'csc load %d children: SQLite %s s, PostgreSQL %s s; PostgreSQL / SQLite %s\n' \
    "$CHILDREN" "$(awk '{ print $1 }' loads | spread %.2f)" \
    "$(awk '{ print $2 }' loads | spread %.2f)" "$ratio"
target pg "csc load of $CHILDREN children on PostgreSQL at least as fast as SQLite's" \
    "$ratio" "$(met "${ratio%% *} >= 1")"
