#!/bin/sh
# The per-address connection limit excepts the trusted proxy, and only
# it: two real servers on 127.0.0.1, one trusting it as the proxy, probed
# by proxy-connections.py (Debian's python3).
set -u
GT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
PIDS=
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP" || exit 1
export GOLDTHREAD_DB=p.db
"$GT" init >/dev/null || exit 1
PORT=$((20000 + $$ % 20000))
"$GT" serve --port "$PORT" --trust-proxy 127.0.0.1 >trusting.log 2>&1 &
PIDS="$!"
"$GT" serve --port $((PORT + 1)) >plain.log 2>&1 &
PIDS="$PIDS $!"
for port in "$PORT" $((PORT + 1)); do
    i=0
    until curl -s -o /dev/null "http://127.0.0.1:$port/sign-in"; do
        i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL: a server did not start"; exit 1; }
        sleep 0.1
    done
done
timeout 60 /usr/bin/python3 "$HERE/proxy-connections.py" "$PORT" $((PORT + 1))
