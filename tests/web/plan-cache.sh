#!/bin/sh
# The plan page through the real server: a 1,000-item plan is split into
# pages of 100 (GOV.UK pagination keeping the filters), and the pages the
# server keeps between requests (plan, home, golden thread, indicators,
# report) are never shown after a change to what they show, whether the
# change came through the web application or another connection (the
# command line), while a change to one plan keeps the others' pages.
# usage: sh tests/web/plan-cache.sh GOLDTHREAD SOURCE-ROOT
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
TMP=$(mktemp -d)
PORT=$((20000 + $$ % 1000))
BASE=http://127.0.0.1:$PORT
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=t.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
failed=0
fail() {
    echo "FAIL: $*"
    failed=$((failed + 1))
}

awk -f "$SRC/bench/plan1000.awk" >plan.csv
"$GT" demo --quiet --no-serve --db t.db >/dev/null || exit 1
"$GT" import plan plan.csv --plan big --as-of 2026-10-31 >/dev/null || exit 1
printf 'a long enough test password\n' >pw
"$GT" user add planner --role planner --password-file pw >/dev/null
"$GT" serve --port "$PORT" >server.log 2>&1 &
SERVER=$!
web_wait_up "$BASE" server.log
web_sign_in "$BASE" planner "a long enough test password" >/dev/null || exit 1
get() { curl -s -b jar "$BASE$1"; }
# whether the last answer to GET PATH was a page the server kept (the
# request log ends its line "kept")
kept() { grep "\"GET $1\" " server.log | tail -1 | grep -q ' kept$'; }
twice() {
    get "$1" >/dev/null
    get "$1" >"$2"
    kept "${1%%\?*}" || fail "$1 is built again with nothing changed"
}

get /plans/big >p1.html
grep -q 'Showing 1 to 100, page 1 of 10' p1.html || fail "page 1 is the first 100"
check_rows() {
    n=$(grep -o '<tr class="govuk-table__row"><td' "$1" | wc -l)
    [ "$n" -eq "$2" ] || fail "$1 has $n rows, not $2"
}
check_rows p1.html 100
get "/plans/big?sort=deadline&status=green&page=2" >green2.html
grep -q 'href="/plans/big?sort=deadline&amp;status=green&amp;page=1" rel="prev"' green2.html ||
    fail "pagination keeps the filters"
get "/plans/big?page=10" >p10.html
check_rows p10.html 100
grep -q 'aria-current="page"' p10.html || fail "the current page is marked"
get "/plans/big?page=99" >p99.html
grep -q 'page 10 of 10' p99.html || fail "a page past the end shows the last"

# a change from another connection: the command line
item=$(sqlite3 t.db "SELECT ref FROM item WHERE kind = 'milestone' AND id = (SELECT min(id) FROM item WHERE kind = 'milestone' AND plan_id = (SELECT id FROM plan WHERE code = 'big'))")
twice /plans/big before.html
twice /plans/csbp csbp-before.html
twice /plans/csbp/report report-before.html
twice / home-before.html
twice /thread thread-before.html
"$GT" status "big:$item" --brag Red --comment "cache check one" >/dev/null || exit 1
get /plans/big >after.html
kept /plans/big && fail "the plan page is kept after a change to it"
cmp -s before.html after.html && fail "the page is the same after a change on the command line"
get /plans/csbp >csbp-after.html
kept /plans/csbp || fail "another plan's page is built again after a change to big"
cmp -s csbp-before.html csbp-after.html || fail "another plan's page changed"
get /plans/csbp/report >/dev/null
kept /plans/csbp/report || fail "another plan's report is built again after a change to big"
get / >home-after.html
kept / && fail "the home page is kept after a change to a plan"
title=$(sqlite3 t.db "SELECT title FROM item WHERE ref = '$item' AND plan_id = (SELECT id FROM plan WHERE code = 'big')")
grep -q "$title" home-before.html && fail "the home page shows the item before its update"
grep -q "$title" home-after.html || fail "the home page does not show the new update"
get /thread >/dev/null
kept /thread && fail "the golden thread is kept after a change to a plan"
tags() { grep -o "<strong class=\"govuk-tag govuk-tag--$1\">" "$2" | wc -l; }
[ "$(tags red after.html)" -gt "$(tags red before.html)" ] ||
    fail "the new Red does not show after a change on the command line"

# a change through the web application itself
id=$(sqlite3 t.db "SELECT id FROM item WHERE plan_id = (SELECT id FROM plan WHERE code = 'big') AND kind = 'milestone' ORDER BY id LIMIT 1 OFFSET 1")
now=$(sqlite3 t.db "SELECT brag FROM status_update WHERE item_id = $id ORDER BY id DESC LIMIT 1")
to=red
[ "$now" = red ] && to=green
get /plans/big >before2.html
token=$(get "/items/$id" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -b jar -H "Origin: $BASE" \
    --data "csrf=$token&brag=$to&comment=cache+check+two&as-of-day=20&as-of-month=11&as-of-year=2026" "$BASE/items/$id/status")
[ "$code" = 303 ] || fail "the status update was answered $code"
get /plans/big >after2.html
[ "$(tags $to after2.html)" -gt "$(tags $to before2.html)" ] || fail "the new $to does not show after a change in the browser"

# the report: a change to its plan, through its commentary
red=$(sqlite3 t.db "SELECT ref FROM item i WHERE kind NOT IN ('priority', 'theme') AND plan_id = (SELECT id FROM plan WHERE code = 'csbp') AND NOT EXISTS (SELECT 1 FROM item k WHERE k.parent_id = i.id) ORDER BY id LIMIT 1")
twice /plans/csbp/report report-before.html
"$GT" status "csbp:$red" --brag Red --comment "cache check three" >/dev/null || exit 1
get /plans/csbp/report >report-after.html
kept /plans/csbp/report && fail "the report is kept after a change to its plan"
grep -q "cache check three" report-after.html || fail "the report does not show the new commentary"

# indicators belong to no one plan: a value entered retires the scorecard
twice /kpis kpis-before.html
grep -q '1,234' kpis-before.html && fail "the scorecard has the new value already"
"$GT" kpi set CIC "30 September 2026" --value 1234 >/dev/null || exit 1
get /kpis >kpis-after.html
kept /kpis && fail "the scorecard is kept after a new value"
grep -q '1,234' kpis-after.html || fail "the scorecard does not show the new value"
twice "/kpis?plan=csbp" /dev/null

[ $failed = 0 ] && echo "plan page pages and cache: all passed"
exit $failed
