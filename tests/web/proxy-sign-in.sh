#!/bin/sh
# Sign-in by the council's identity provider through the trusted proxy,
# as goldthread sees it (the proxy's headers on requests through
# `goldthread http`): believed from the proxy with its secret alone; the
# person made on first sign-in with the role their groups give, brought
# up to date when the groups change; refused with a page when no group
# has a role or they are deactivated; never a password of their own.
# Prints a line a check and "N passed, N failed".
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=p.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db p.db >/dev/null || exit 1
SECRET=proxy-secret-0123456789abcdef0123456789
cat >sso.conf <<CONF
# what the proxy sends, and which group gives which role
secret = $SECRET
admin = GT Administrators
planner = GT Planners
viewer = GT Councillors
sign-out = /oidc/callback?logout=http%3A%2F%2F127.0.0.1%2F
CONF
chmod 600 sso.conf
passed=0
failed=0
check() { # label ok detail
    if [ "$2" = 1 ]; then echo "ok $1: $3"; passed=$((passed + 1));
    else echo "FAIL $1: $3"; failed=$((failed + 1)); fi
}
# request PATH SECRET USER NAME GROUPS [FROM] [COOKIE]
request() {
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nX-Goldthread-Secret: %s\r\nX-Goldthread-User: %s\r\nX-Goldthread-Name: %s\r\nX-Goldthread-Groups: %s\r\n%s\r\n' \
        "$1" "$2" "$3" "$4" "$5" "${7:+Cookie: $7
}" | sed 's/$/\r/; s/\r\r$/\r/' |
        "$GT" http --from "${6:-10.0.0.2}" --trust-proxy 10.0.0.2 --proxy-sign-in sso.conf
}
status() { head -1 | cut -d' ' -f2; }

request / "$SECRET" pat "Pat Planner" "Staff, GT Planners" >first.out
check "the provider's person is signed in" \
    "$([ "$(status <first.out)" = 200 ] && grep -q 'Pat Planner' first.out && echo 1 || echo 0)" "$(head -1 first.out)"
check "with a session of goldthread's own" \
    "$(grep -q '^Set-Cookie: gt_session=' first.out && echo 1 || echo 0)" "$(grep -c Set-Cookie first.out) cookies"
check "made on first sign-in with the role their group gives" \
    "$([ "$(sqlite3 p.db "SELECT role || ' ' || display_name FROM app_user WHERE username = 'pat'")" = "planner Pat Planner" ] && echo 1 || echo 0)" \
    "$(sqlite3 p.db "SELECT role, display_name FROM app_user WHERE username = 'pat'")"
COOKIE=$(sed -n 's/^Set-Cookie: \(gt_session=[0-9a-f]*\);.*/\1/p' first.out | tr -d '\r')
request / "$SECRET" pat "Pat Planner" "GT Planners" 10.0.0.2 "$COOKIE" >again.out
check "the next request keeps that session" \
    "$([ "$(status <again.out)" = 200 ] && ! grep -q '^Set-Cookie: gt_session=' again.out && echo 1 || echo 0)" "$(head -1 again.out)"

request / wrong-secret mallory "Mallory" "GT Administrators" >secret.out
check "without the proxy's secret the headers are not believed" \
    "$([ "$(status <secret.out)" = 303 ] && [ "$(sqlite3 p.db "SELECT count(*) FROM app_user WHERE username = 'mallory'")" = 0 ] && echo 1 || echo 0)" "$(head -1 secret.out)"
request / "$SECRET" mallory "Mallory" "GT Administrators" 10.9.9.9 >peer.out
check "nor from anyone but the proxy, secret or not" \
    "$([ "$(status <peer.out)" = 303 ] && [ "$(sqlite3 p.db "SELECT count(*) FROM app_user WHERE username = 'mallory'")" = 0 ] && echo 1 || echo 0)" "$(head -1 peer.out)"

request / "$SECRET" sam "Sam Smith" "Staff, Finance" >nogroup.out
check "someone in no group with a role is refused with a page" \
    "$([ "$(status <nogroup.out)" = 403 ] && grep -q 'not been given access' nogroup.out && [ "$(sqlite3 p.db "SELECT count(*) FROM app_user WHERE username = 'sam'")" = 0 ] && echo 1 || echo 0)" "$(head -1 nogroup.out)"

request / "$SECRET" pat "Pat Planner" "GT Councillors" 10.0.0.2 "$COOKIE" >moved.out
check "a change of groups changes the role" \
    "$([ "$(sqlite3 p.db "SELECT role FROM app_user WHERE username = 'pat'")" = viewer ] && echo 1 || echo 0)" \
    "$(sqlite3 p.db "SELECT role FROM app_user WHERE username = 'pat'")"
check "and ends the sessions of the old role" \
    "$([ "$(sqlite3 p.db "SELECT count(*) FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'pat'")" = 1 ] && echo 1 || echo 0)" \
    "$(sqlite3 p.db "SELECT count(*) FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'pat'") sessions"
request / "$SECRET" ali "Ali Admin" "GT Councillors,GT Administrators" >both.out
check "of several groups, the one that grants most" \
    "$([ "$(sqlite3 p.db "SELECT role FROM app_user WHERE username = 'ali'")" = admin ] && echo 1 || echo 0)" \
    "$(sqlite3 p.db "SELECT role FROM app_user WHERE username = 'ali'")"

"$GT" user disable pat >/dev/null
request / "$SECRET" pat "Pat Planner" "GT Planners" >disabled.out
check "a deactivated person is refused though the provider signed them in" \
    "$([ "$(status <disabled.out)" = 403 ] && echo 1 || echo 0)" "$(head -1 disabled.out)"
check "and has no password to sign in with" \
    "$(sqlite3 p.db "SELECT password_hash LIKE '\$argon2%' FROM app_user WHERE username = 'ali'" | grep -qx 0 && echo 1 || echo 0)" "no Argon2 hash"

chmod 644 sso.conf
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' |
    "$GT" http --trust-proxy 10.0.0.2 --proxy-sign-in sso.conf >open.out 2>&1
check "a settings file others may read is refused" \
    "$(grep -q 'others may read it, and it holds the proxy.s secret' open.out && echo 1 || echo 0)" "$(cat open.out)"
chmod 600 sso.conf
printf 'secret = short\nplanner = GT Planners\nmanager = GT Managers\n' >bad.conf
chmod 600 bad.conf
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' |
    "$GT" http --trust-proxy 10.0.0.2 --proxy-sign-in bad.conf >bad.out 2>&1
check "a setting that is not one is named by file and line" \
    "$(grep -q 'bad.conf:3: "manager" is not a setting' bad.out && echo 1 || echo 0)" "$(cat bad.out)"
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' |
    "$GT" http --proxy-sign-in sso.conf >noproxy.out 2>&1
check "sign-in through a proxy needs the proxy named" \
    "$(grep -q 'needs --trust-proxy' noproxy.out && echo 1 || echo 0)" "$(cat noproxy.out)"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
