#!/bin/sh
# Thirty wrong guesses at once for one username from one address: the
# limit is five, so exactly five passwords are checked (400) and the rest
# refused unchecked (429), because each attempt is claimed in the same
# transaction that counts. Before the claim, the count and the record
# were two steps and concurrent guesses slipped between them.
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=r.db GOLDTHREAD_CLOCK=2026-11-27T09:00:00Z
"$GT" demo --quiet --no-serve --users --db r.db >/dev/null || exit 1
PRE=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
BODY="csrf=$PRE&username=lead&password=not-the-password-$$"
printf 'POST /sign-in HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nCookie: gt_pre=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
    "$PRE" "${#BODY}" "$BODY" >guess.http
i=0
while [ $i -lt 30 ]; do
    "$GT" http --request guess.http | head -1 | cut -d' ' -f2 >"answer.$i" &
    i=$((i + 1))
done
wait
checked=$(cat answer.* | grep -c '^400$')
refused=$(cat answer.* | grep -c '^429$')
echo "checked $checked, refused $refused"
[ "$checked" = 5 ] && [ "$refused" = 25 ] || { echo "FAIL: want 5 and 25"; exit 1; }
echo "1 passed, 0 failed"
