#!/bin/sh
# bench/csc: loading Annex A lists and computing every statutory indicator,
# for synthetic sets of each size, timed against two baselines on the same
# files: the same definitions in pandas (bench/csc_pandas.py, Debian's
# python3-pandas, vectorised) and as SQL over the lists imported into
# SQLite (bench/csc_sql.sh). All three answers must equal the generator's
# expected values, and a baseline that fails stops the benchmark.
#
# Runs are paired: each round runs goldthread and then each baseline on
# the same lists, and every figure is the median (min-max) of RUNS rounds,
# in wall-clock and in CPU seconds (user + system: goldthread's engine
# may use both cores, so its CPU time can pass its wall time). The speed-up over a baseline
# is that baseline's time over goldthread's in the same round; the target
# is 10 or more over pandas at 1,000,000 children. Seconds per million
# children (flat means linear) and peak memory (the target is under 1 GB
# at 5,000,000) are goldthread's. Above 1,000,000 children only goldthread
# runs: the target there is its memory.
#
# With BENCH_TARGETS set, each target's line is appended to that file
# (make bench prints them all as one table).
#
# usage: sh bench/csc.sh [GOLDTHREAD] [SIZES...]   (RUNS=3 by default)
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
[ $# -gt 0 ] && shift
SIZES=${*:-10000 100000 1000000 5000000}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
HOL=$(cd "$HERE/.." && pwd)/data/bank-holidays.json
PY=/usr/bin/python3
for tool in sqlite3 /usr/bin/time bc; do
    command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done
$PY -c 'import pandas' 2>/dev/null ||
    { echo "bench: needs pandas (apt-get install python3-pandas)"; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"

# run NAME ROUND COMMAND...: its answer into NAME.csv, checked against the
# generator's; "NAME ROUND wall cpu peak_MB" appended to times. Not called
# in $(...), so a failure stops the benchmark rather than its subshell.
run() {
    name=$1 round=$2
    shift 2
    if ! /usr/bin/time -f '%e %U %S %M' -o "$name.time" "$@" >"$name.csv" 2>"$name.err"; then
        echo "bench: $name failed"
        cat "$name.err"
        exit 1
    fi
    if ! cmp -s lists/expected.csv "$name.csv"; then
        echo "bench: $name disagrees with the expected values"
        diff lists/expected.csv "$name.csv" || true
        exit 1
    fi
    awk -v n="$name" -v r="$round" '{ printf "%s %s %s %.2f %.0f\n", n, r, $1, $2 + $3, $4 / 1024 }' \
        "$name.time" >>times
}

# stat NAME FIELD: median (min-max) of a field over the rounds; FIELD 3 is
# wall, 4 CPU (to 0.01 s), 5 peak MB (whole)
stat() {
    fmt=%.2f
    [ "$2" = 5 ] && fmt=%.0f
    awk -v n="$1" -v f="$2" '$1 == n { print $f }' times | spread "$fmt"
}
# speedup BASELINE FIELD: median (min-max) of baseline / goldthread per round
speedup() {
    awk -v b="$1" -v f="$2" '
        $1 == "gt" { g[$2] = $f < 0.01 ? 0.01 : $f }
        $1 == b { t[$2] = $f }
        END { for (r in t) print t[r] / g[r] }' times | spread %.1f
}
median() { echo "$1" | cut -d' ' -f1; }

echo "each figure the median (min-max) of $RUNS paired rounds; wall and CPU seconds"
for n in $SIZES; do
    rm -rf lists
    : >times
    "$GT" synth --children "$n" --seed 42 --from 2016-04-01 --to 2017-03-31 \
        --out lists >/dev/null
    baselines=true
    [ "$n" -gt 1000000 ] && baselines=false
    for r in $(seq "$RUNS"); do
        run gt "$r" "$GT" csc indicators lists --period 2016/17 --csv
        if $baselines; then
            run pandas "$r" $PY "$HERE/csc_pandas.py" lists 2016-04-01 2017-03-31 "$HOL"
            run sql "$r" sh "$HERE/csc_sql.sh" lists 2016-04-01 2017-03-31 "$HOL"
        fi
    done
    echo "$n children:"
    printf '  %-12s wall %-22s cpu %-22s peak MB %s\n' goldthread \
        "$(stat gt 3)" "$(stat gt 4)" "$(stat gt 5)"
    wall=$(median "$(stat gt 3)")
    printf '  %-12s %.2f s a million children\n' "" "$(echo "$wall * 1000000 / $n" | bc -l)"
    if $baselines; then
        for b in pandas sql; do
            printf '  %-12s wall %-22s cpu %-22s x goldthread: wall %s, cpu %s\n' "$b" \
                "$(stat $b 3)" "$(stat $b 4)" "$(speedup $b 3)" "$(speedup $b 4)"
        done
    fi
    if [ "$n" = 1000000 ]; then
        x=$(speedup pandas 3)
        target csc "speed-up over pandas at 1,000,000 children >= 10 (wall)" \
            "$x" "$(met "$(median "$x") >= 10")"
    fi
    if [ "$n" = 5000000 ]; then
        mem=$(stat gt 5)
        target csc "peak memory at 5,000,000 children < 1,024 MB" "$mem" \
            "$(met "$(median "$mem") < 1024")"
    fi
done
echo "every answer agreed with the generator's expected values"
