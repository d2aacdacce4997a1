#!/bin/sh
# Install the Debian packages goldthread needs to build and test, when any
# are missing. Safe to run again: it does nothing when all are present.
set -eu

packages="build-essential meson ninja-build pkg-config clang clang-format
libsqlite3-dev sqlite3 libjansson-dev libsodium-dev libcmocka-dev
libmicrohttpd-dev tidy"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
