#!/bin/sh
# The authorisation matrix: every role against every writing route, on an
# item the lead user leads and on one they do not (the analyst, like the
# viewer, writes nothing: the child-level pages only read). Each answer must be the
# expected status, and a refused write must leave the database unchanged
# (the tokens --bearer makes for the test are not counted).
# Prints one line per cell and "N passed, N failed".
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=m.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db m.db >/dev/null || exit 1
CSRF=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
OWN=36    # imp:T1.2.1, led by the lead user's person
OTHER=55  # imp:T3.1.1, led by someone else
THEME=45  # imp:T2, a theme: nobody rates it directly
passed=0
failed=0

count() { sqlite3 m.db "SELECT (SELECT count(*) FROM status_update) || ':' || (SELECT count(*) FROM link) || ':' || (SELECT count(*) FROM app_user) || ':' || (SELECT count(*) FROM plan) || ':' || (SELECT count(*) FROM item) || ':' || (SELECT count(*) FROM kpi_value) || ':' || (SELECT count(*) FROM plan_version) || ':' || (SELECT count(*) FROM plan_approval) || ':' || (SELECT group_concat(status) FROM plan_version) || ':' || (SELECT sum(disabled) FROM app_user) || ':' || (SELECT count(*) FROM audit_log WHERE table_name <> 'api_token') || '/' || (SELECT count(*) FROM session)"; }

form_post() { # user path body
    printf 'POST %s HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
        "$2" "${#3}" "$3" | "$GT" http --as "$1" --csrf "$CSRF" | head -1 | cut -d' ' -f2
}
multipart_post() { # user path plan-code: a one-row plan import
    body=$(printf -- '--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--B\r\nContent-Disposition: form-data; name="code"\r\n\r\n%s\r\n--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nT\r\n--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nteam\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n\r\nTheme,Theme owner,Action,Milestone,Lead,Deadline,Monitoring\r\nT,O,A,M,L,March 2027,B\r\n--B--' "$CSRF" "$3"; printf x)
    body=${body%x}
    printf 'POST %s HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: %d\r\n\r\n%s' \
        "$2" "$(printf %s "$body" | wc -c)" "$body" | "$GT" http --as "$1" --csrf "$CSRF" | head -1 | cut -d' ' -f2
}
api_post() { # user path body
    printf 'POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
        "$2" "${#3}" "$3" | "$GT" http --bearer "$1" | head -1 | cut -d' ' -f2
}

check() { # label want got before
    after=$(count)
    if [ "$3" != "$2" ]; then
        echo "FAIL $1: want $2, got $3"; failed=$((failed + 1)); return
    fi
    if [ "$2" = 403 ] && [ "${4%/*}" != "${after%/*}" ]; then
        echo "FAIL $1: refused but the database changed ($4 -> $after)"
        failed=$((failed + 1)); return
    fi
    echo "ok $1: $3"; passed=$((passed + 1))
}

STATUS="csrf=$CSRF&brag=amber&as-of-day=20&as-of-month=11&as-of-year=2026"
JSON='{"status":"amber","as_of":"2026-11-20"}'
for role in admin:admin:O7 planner:planner:O6 lead:lead:O5 councillor:viewer:O3 analyst:analyst:O2; do
    user=${role%%:*}
    case $user in admin) month=April ;; planner) month=May ;; lead) month=June ;; analyst) month=August ;; *) month=July ;; esac
    kind=${role#*:}
    target=${kind#*:}
    kind=${kind%%:*}
    for item in own:$OWN other:$OTHER theme:$THEME; do
        name=${item%%:*}
        id=${item#*:}
        case "$kind:$name" in
            *:theme) want=403 ;;
            admin:* | planner:* | lead:own) want=303 ;;
            *) want=403 ;;
        esac
        before=$(count)
        check "$user POST /items/$name/status" "$want" \
            "$(form_post "$user" "/items/$id/status" "$STATUS")" "$before"
        [ "$want" = 303 ] && want=201
        before=$(count)
        check "$user POST /api/v1/items/$name/status" "$want" \
            "$(api_post "$user" "/api/v1/items/$id/status" "$JSON")" "$before"
    done
    # indicators: the lead's person owns REPEAT, not CIC; each write is a
    # new period, so an allowed one changes the count
    for kpi in own:REPEAT other:CIC; do
        name=${kpi%%:*}
        code=${kpi#*:}
        case "$kind:$name" in
            admin:* | planner:* | lead:own) want=303 ;;
            *) want=403 ;;
        esac
        before=$(count)
        check "$user POST /kpis/$name/values" "$want" \
            "$(form_post "$user" "/kpis/$code/values" "csrf=$CSRF&period=$month+2026&value=1")" "$before"
    done
    case $kind in admin | planner) want=303 ;; *) want=403 ;; esac
    before=$(count)
    check "$user POST /items/own/links" "$want" \
        "$(form_post "$user" "/items/$OWN/links" "csrf=$CSRF&target=corp%3A$target")" "$before"
    before=$(count)
    check "$user POST /items/own/edit" "$want" \
        "$(form_post "$user" "/items/$OWN/edit" "csrf=$CSRF&title=Edited+by+$user&deadline=March+2027")" "$before"
    before=$(count)
    check "$user POST /plans/imp/items" "$want" \
        "$(form_post "$user" /plans/imp/items "csrf=$CSRF&parent=$OWN&kind=milestone&title=Added+by+$user&deadline=")" "$before"
    before=$(count)
    check "$user POST /admin/plans" "$want" \
        "$(form_post "$user" /admin/plans "csrf=$CSRF&code=p$user&title=P&kind=team&from=&to=&review=")" "$before"
    before=$(count)
    check "$user POST /admin/import" "$want" \
        "$(multipart_post "$user" /admin/import "$user")" "$before"
    # versions: each planning role keeps one, approves and publishes it
    # (the planner's archives the admin's); the others are refused
    case $kind in admin) version=1 ;; planner) version=2 ;; *) version=1 ;; esac
    before=$(count)
    check "$user POST /plans/imp/versions" "$want" \
        "$(form_post "$user" /plans/imp/versions "csrf=$CSRF&note=Kept+by+$user&review=&circulation=")" "$before"
    before=$(count)
    check "$user POST /plans/imp/approvals" "$want" \
        "$(form_post "$user" /plans/imp/approvals "csrf=$CSRF&version=$version&body=Author&by=$user&on=")" "$before"
    before=$(count)
    check "$user POST /plans/imp/publish" "$want" \
        "$(form_post "$user" /plans/imp/publish "csrf=$CSRF&version=$version")" "$before"
    case $kind in admin) want=303 ;; *) want=403 ;; esac
    before=$(count)
    check "$user POST /admin/users" "$want" \
        "$(form_post "$user" /admin/users "csrf=$CSRF&username=new$user&name=New&role=viewer&password=a+long+enough+password")" "$before"
    before=$(count)
    check "$user POST /admin/users/councillor/role" "$want" \
        "$(form_post "$user" /admin/users/councillor/role "csrf=$CSRF&role=viewer")" "$before"
    before=$(count)
    check "$user POST /admin/users/analyst/access" "$want" \
        "$(form_post "$user" /admin/users/analyst/access "csrf=$CSRF&action=disable")" "$before"
    [ "$want" = 303 ] && "$GT" user enable analyst >/dev/null
    before=$(count)
    check "$user POST /sign-out" 303 \
        "$(form_post "$user" /sign-out "csrf=$CSRF")" "$before"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
