#!/bin/sh
# Run every row of cases.tsv through the three front ends, each on a
# fresh copy of the demo database: the command line (as the service's
# administrator), the web form and the JSON API (as a planner). All three
# must give the row's outcome, and a refused write must leave the
# database as it was (the store's rows compared). Prints a line a row and
# front end, then "N passed, N failed".
# usage: sh tests/fronts/run.sh GOLDTHREAD CASES
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CASES=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z LC_ALL=C.UTF-8
CSRF=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
"$GT" demo --quiet --no-serve --users --db fixture.db >/dev/null || exit 1
passed=0
failed=0

# A value, with @LONGn (n a's), @LONGCODEn (n letters) expanded.
value() {
    case $1 in
        @LONGCODE*) head -c "${1#@LONGCODE}" /dev/zero | tr '\0' c ;;
        @LONG*) head -c "${1#@LONG}" /dev/zero | tr '\0' a ;;
        *) printf '%s' "$1" ;;
    esac
}
field() { # NAME FIELDS
    printf '%s\n' "$2" | tr '|' '\n' | sed -n "s/^$1=//p" | head -1
}
has() { printf '%s\n' "$2" | tr '|' '\n' | grep -q "^$1="; }
urlenc() { /usr/bin/python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().rstrip("\n"), safe=""), end="")'; }
jsonstr() { /usr/bin/python3 -c 'import sys, json; print(json.dumps(sys.stdin.read().rstrip("\n")), end="")'; }
item_id() { # PLAN:REF
    sqlite3 run.db "SELECT i.id FROM item i JOIN plan p ON p.id = i.plan_id WHERE p.code || ':' || i.ref = '$1'"
}
# What a write could change, to see that a refusal changed nothing.
state() {
    sqlite3 run.db "SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM item), (SELECT count(*) FROM link), (SELECT count(*) FROM status_update), (SELECT count(*) FROM evidence)"
}
post() { # PATH CONTENT-TYPE BODY-FILE and http flags...
    path=$1 type=$2 bodyfile=$3
    shift 3
    len=$(wc -c <"$bodyfile")
    { printf 'POST %s HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n' "$path" "$type" "$len"; cat "$bodyfile"; } |
        "$GT" http --db run.db "$@" >answer.out 2>answer.err
    head -1 answer.out | cut -d' ' -f2
}

run_cli() { # KIND FIELDS
    item=$(field item "$2")
    case $1 in
        status)
            set -- status "$item"
            has brag "$FIELDS" && set -- "$@" --brag "$(value "$(field brag "$FIELDS")")"
            has comment "$FIELDS" && set -- "$@" --comment "$(value "$(field comment "$FIELDS")")"
            has as_of "$FIELDS" && set -- "$@" --as-of "$(field as_of "$FIELDS")"
            has earlier "$FIELDS" && set -- "$@" --earlier ;;
        plan)
            set -- plan add "$(value "$(field code "$FIELDS")")" \
                --title "$(value "$(field title "$FIELDS")")" --kind "$(field kind "$FIELDS")"
            for f in from to review; do
                has $f "$FIELDS" && set -- "$@" --$f "$(field $f "$FIELDS")"
            done ;;
        link)
            set -- link "$item" --contributes-to "$(field to "$FIELDS")" ;;
    esac
    "$GT" "$@" --db run.db >answer.out 2>answer.err && echo ok || echo refused
}

run_web() {
    item=$(field item "$2")
    id=$(item_id "$item")
    case $1 in
        status)
            [ -n "$id" ] || { echo refused; return; }
            date=$(field as_of "$FIELDS")
            {
                printf 'csrf=%s' "$CSRF"
                has brag "$FIELDS" && printf '&brag=%s' "$(value "$(field brag "$FIELDS")" | urlenc)"
                has comment "$FIELDS" && printf '&comment=%s' "$(value "$(field comment "$FIELDS")" | urlenc)"
                if [ -n "$date" ]; then
                    printf '&as-of-year=%s&as-of-month=%s&as-of-day=%s' \
                        "${date%%-*}" "$(echo "$date" | cut -d- -f2)" "${date##*-}"
                else
                    printf '&as-of-year=2026&as-of-month=11&as-of-day=27'
                fi
                has earlier "$FIELDS" && printf '&earlier=yes'
            } >body.txt
            code=$(post "/items/$id/status" application/x-www-form-urlencoded body.txt --as planner --csrf "$CSRF") ;;
        plan)
            {
                printf 'csrf=%s&code=%s&title=%s&kind=%s' "$CSRF" \
                    "$(value "$(field code "$FIELDS")" | urlenc)" \
                    "$(value "$(field title "$FIELDS")" | urlenc)" \
                    "$(field kind "$FIELDS" | urlenc)"
                for f in from to review; do
                    printf '&%s=%s' $f "$(field $f "$FIELDS" | urlenc)"
                done
            } >body.txt
            code=$(post /admin/plans application/x-www-form-urlencoded body.txt --as planner --csrf "$CSRF") ;;
        link)
            printf 'csrf=%s&target=%s' "$CSRF" "$(field to "$FIELDS" | urlenc)" >body.txt
            code=$(post "/items/$id/links" application/x-www-form-urlencoded body.txt --as planner --csrf "$CSRF") ;;
    esac
    case $code in 303) echo ok ;; 400|403|404|409) echo refused ;; *) echo "answered $code" ;; esac
}

run_api() {
    item=$(field item "$2")
    id=$(item_id "$item")
    case $1 in
        status)
            {
                printf '{"x":0'
                has brag "$FIELDS" && printf ',"status":%s' "$(value "$(field brag "$FIELDS")" | jsonstr)"
                has comment "$FIELDS" && printf ',"commentary":%s' "$(value "$(field comment "$FIELDS")" | jsonstr)"
                has as_of "$FIELDS" && printf ',"as_of":"%s"' "$(field as_of "$FIELDS")"
                has earlier "$FIELDS" && printf ',"earlier":true'
                printf '}'
            } >body.txt
            code=$(post "/api/v1/items/$id/status" application/json body.txt --bearer planner) ;;
        plan)
            {
                printf '{"code":%s,"title":%s,"kind":%s' \
                    "$(value "$(field code "$FIELDS")" | jsonstr)" \
                    "$(value "$(field title "$FIELDS")" | jsonstr)" \
                    "$(field kind "$FIELDS" | jsonstr)"
                for f in from:period_from to:period_to review:review_date; do
                    has "${f%%:*}" "$FIELDS" && printf ',"%s":%s' "${f#*:}" "$(field "${f%%:*}" "$FIELDS" | jsonstr)"
                done
                printf '}'
            } >body.txt
            code=$(post /api/v1/plans application/json body.txt --bearer planner) ;;
        link)
            printf '{"contributes_to":%s}' "$(field to "$FIELDS" | jsonstr)" >body.txt
            code=$(post "/api/v1/items/$id/links" application/json body.txt --bearer planner) ;;
    esac
    case $code in 201) echo ok ;; 400|403|404|409) echo refused ;; *) echo "answered $code" ;; esac
}

tab=$(printf '\t')
while IFS="$tab" read -r KIND FIELDS WANT WHY; do
    case $KIND in '#'*|'') continue ;; esac
    for front in cli web api; do
        cp fixture.db run.db
        cp fixture.db.key run.db.key
        before=$(state)
        got=$(run_$front "$KIND" "$FIELDS")
        after=$(state)
        ok=1
        [ "$got" = "$WANT" ] || ok=0
        # the API's bearer token is a row of its own, not the write's
        if [ "$WANT" = refused ] && [ "$before" != "$after" ]; then ok=0; got="$got, but the database changed ($before -> $after)"; fi
        if [ "$WANT" = ok ] && [ "$before" = "$after" ]; then ok=0; got="$got, but nothing was written"; fi
        if [ $ok = 1 ]; then
            passed=$((passed + 1)); echo "ok $KIND $front: $WHY: $got"
        else
            failed=$((failed + 1)); echo "FAIL $KIND $front: $WHY: want $WANT, got $got"
            sed 's/^/    /' answer.err | head -3
            grep -m2 -E 'error|govuk-error-message|^HTTP' answer.out | sed 's/^/    /' | cut -c1-200
        fi
    done
done <"$CASES"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
