#!/bin/sh
# No page issues more SQL statements as the plan grows: every page read
# for a plan of 100 rows and for one of 10,000 (the same shape), with the
# demonstration's plans, indicators and resources beside it, runs the same
# number of statements (goldthread http --statements), and answers 200.
# The large database also has 20 more team plans and 200 more leads, so
# lists of plans and people must read their counts at once.
# usage: sh tests/web/statements.sh GOLDTHREAD SOURCE-ROOT
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
printf 'a long enough test password\n' >pw
for n in 100 10000; do
    "$GT" demo --quiet --no-serve --db "s$n.db" >/dev/null || exit 1
    awk -v rows="$n" -f "$SRC/bench/plan_rows.awk" >"p$n.csv"
    "$GT" import plan "p$n.csv" --plan big --as-of 2026-10-31 --db "s$n.db" \
        >/dev/null || exit 1
    "$GT" user add boss --role admin --password-file pw --db "s$n.db" \
        >/dev/null || exit 1
done
for team in $(seq 1 20); do
    awk -v rows=10 -f "$SRC/bench/plan_rows.awk" |
        sed "s/,Lead \([0-9]*\),/,Lead $team-\1,/" >"team$team.csv"
    "$GT" import plan "team$team.csv" --plan "team$team" --kind team \
        --as-of 2026-10-31 --db s10000.db >/dev/null || exit 1
done

failed=0 passed=0
# statements N PATH: "COUNT STATUS" of one request to the database of N
statements() {
    item=$(sqlite3 "s$1.db" "SELECT min(i.id) FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'big' AND i.kind = 'milestone'")
    path=$(echo "$2" | sed "s/ITEM/$item/")
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n' "$path" >request
    case $path in
    /api/*) who="--bearer boss" ;;
    *) who="--as boss" ;;
    esac
    # shellcheck disable=SC2086
    count=$("$GT" http --db "s$1.db" $who --statements --request request \
        2>&1 >response | sed -n 's/^statements: //p')
    echo "$count $(head -1 response | cut -d' ' -f2)"
}

for page in / /plans /plans/big "/plans/big?sort=status&status=red" \
    "/plans/big?sort=deadline&overdue=yes" /items/ITEM /thread /people /kpis \
    /plans/big/report /plans/big/budget /plans/big/risks /plans/big/versions \
    /plans/big/workforce "/plans/big/export?format=csv" \
    "/plans/big/export?format=json" /api/v1/plans /api/v1/plans/big \
    /api/v1/items/ITEM /api/v1/items/ITEM/history; do
    small=$(statements 100 "$page")
    large=$(statements 10000 "$page")
    if [ "${small#* }" = 200 ] && [ "$small" = "$large" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL $page: 100 rows: $small; 10,000 rows: $large (statements status)"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
