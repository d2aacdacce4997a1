#!/bin/sh
# The indicator engine against the synthetic generator: for each size,
# synth writes Annex A lists and, from its own event log, the expected
# numerator and denominator of every indicator; csc indicators reads the
# lists and must give exactly the same. Two seeds a size. A size written
# N:xlsx has the lists written as one Excel workbook and read from it.
# usage: sh tests/csc/synth.sh GOLDTHREAD SIZE[:xlsx]...
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
failed=0
for size in "$@"; do
    n=${size%:xlsx}
    form="" input=lists
    if [ "$n" != "$size" ]; then
        form=--xlsx input=lists/annex-a.xlsx
    fi
    for seed in 1 20261127; do
        rm -rf lists
        # shellcheck disable=SC2086
        "$GT" synth --children "$n" --seed "$seed" --from 2016-04-01 \
            --to 2017-03-31 --out lists $form >/dev/null || exit 1
        "$GT" csc indicators "$input" --period 2016/17 --csv >got.csv 2>err.txt
        if cmp -s lists/expected.csv got.csv; then
            echo "ok $size children, seed $seed"
        else
            echo "FAIL $size children, seed $seed:"
            diff lists/expected.csv got.csv
            cat err.txt
            failed=$((failed + 1))
        fi
        # every row loads: the generator writes nothing the reader rejects
        if grep -v 'not an Annex A list; skipped' err.txt | grep -q .; then
            echo "FAIL $size children, seed $seed: rows were rejected"
            cat err.txt
            failed=$((failed + 1))
        fi
    done
done
[ "$failed" -eq 0 ]
