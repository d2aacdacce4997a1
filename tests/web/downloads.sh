#!/bin/sh
# Every download obeys the role rules of the page it mirrors, for every
# role: social workers are named only to planners and admins (as on the
# workforce page), small counts of children are shown only to analysts
# and admins (as on the indicator pages), and child-level rows go only to
# analysts and admins. Prints a line a cell and "N passed, N failed".
# Debian's python3 (with python3-openpyxl) reads the workbooks.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=d.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db d.db >/dev/null || exit 1
# child-level figures saved as indicators: the assessments one is 4 of 5
# children, a count that only analysts and admins see exactly
ANNEXA=$2/tests/cases/data/annexa
"$GT" csc load "$ANNEXA" >/dev/null 2>&1 || exit 1
"$GT" csc save "$ANNEXA" --period 2016/17 >/dev/null 2>&1 || exit 1
"$GT" kpi link CSC-ASSESS45 imp:T1.1 >/dev/null || exit 1
WORKER=$(sqlite3 d.db "SELECT worker FROM caseload ORDER BY id LIMIT 1")
[ -n "$WORKER" ] || { echo "FAIL: the demo has no caseloads"; exit 1; }
passed=0
failed=0

# The body of the answer to GET path as user, in body.out; its status.
get() { # user path
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n' "$2" |
        "$GT" http --as "$1" >answer.out
    /usr/bin/python3 -c 'import sys
d = open("answer.out", "rb").read()
open("body.out", "wb").write(d[d.find(b"\r\n\r\n") + 4:])
print(d.split(b" ", 2)[1].decode())'
}
# The text of every part of a workbook in body.out.
book_text() { unzip -p body.out 'xl/*' 2>/dev/null; }

ok() { echo "ok $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }
expect() { # label condition-true(0/1) want(0/1)
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (got $2, want $3)"; fi
}
has() { grep -q -- "$1" && echo 1 || echo 0; }

for role in admin:1:1 planner:1:0 lead:0:0 councillor:0:0 analyst:0:1; do
    user=${role%%:*}
    rest=${role#*:}
    names=${rest%%:*}
    counts=${rest#*:}

    status=$(get "$user" /plans/csbp/export?format=xlsx)
    expect "$user workbook answers" "$([ "$status" = 200 ] && echo 1 || echo 0)" 1
    expect "$user workbook names workers: $names" \
        "$(book_text | has "$WORKER")" "$names"
    expect "$user workbook has team sums instead: $((1 - names))" \
        "$(book_text | has 'Caseloads by team')" "$((1 - names))"

    get "$user" /plans/imp/export?format=xlsx >/dev/null
    expect "$user workbook small counts: $counts" "$(/usr/bin/python3 -c 'import openpyxl
ws = openpyxl.load_workbook(open("body.out", "rb"))["Indicators"]
vals = [r[2] for r in ws.iter_rows(values_only=True) if r[0] == "CSC-ASSESS45"]
print(1 if vals and all(v != "c" for v in vals) else 0)')" "$counts"

    for format in csv json; do
        get "$user" "/plans/csbp/export?format=$format" >/dev/null
        expect "$user plan $format names no worker" \
            "$(has "$WORKER" <body.out)" 0
    done

    get "$user" /kpis/CSC-ASSESS45/export >/dev/null
    expect "$user indicator CSV small counts: $counts" \
        "$(grep -q '^CSC-ASSESS45,2016/17,c,' body.out && echo 0 || echo 1)" \
        "$counts"

    status=$(get "$user" "/csc/CSC-ASSESS45/export?period=2016%2F17")
    case $user in admin | analyst) want=200 ;; *) want=403 ;; esac
    expect "$user child-level rows: $want" \
        "$([ "$status" = "$want" ] && echo 1 || echo 0)" 1
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
