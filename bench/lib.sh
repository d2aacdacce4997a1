# Shared by the benchmarks: sourced, not run.

# spread FORMAT: "median (min-max)" of the numbers on standard input
spread() {
    sort -g | awk -v fmt="$1" '{ v[NR] = $1 } END {
        printf fmt " (" fmt "-" fmt ")", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# met CONDITION: "met" when bc finds CONDITION true, else "NOT MET"
met() {
    if [ "$(echo "$1" | bc -l)" = 1 ]; then echo met; else echo "NOT MET"; fi
}

# target BENCH WHAT FIGURE MET: print one target's line, and append it to
# $BENCH_TARGETS when set (make bench's table, scripts/bench-summary.sh)
target() {
    echo "$1: $2: $3: $4"
    [ -n "${BENCH_TARGETS:-}" ] && echo "$1|$2|$3|$4" >>"$BENCH_TARGETS"
    return 0
}
