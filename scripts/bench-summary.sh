#!/bin/sh
# The table make bench ends with: every target the benchmarks appended to
# FILE (one "bench|target|figure|met" line each), and how many are not
# met. Figures are medians (min-max) of paired runs.
# usage: sh scripts/bench-summary.sh FILE
set -eu
[ -s "$1" ] || { echo "bench: no targets were recorded"; exit 1; }
echo
echo "Targets (median, min-max, of paired runs):"
awk -F'|' '
{ printf "  %-8s %-62s %-44s %s\n", $1, $2, $3, $4; if ($4 != "met") missed++ }
END { printf "targets: %d, not met: %d\n", NR, missed }' "$1"
