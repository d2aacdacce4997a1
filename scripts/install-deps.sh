#!/bin/sh
# Install what goldthread needs to build and test, when any of it is
# missing: Debian packages with apt-get, and the browser tests' tools with
# npm ci (web/package-lock.json). Safe to run again: it does nothing when
# all is present.
set -eu
cd "$(dirname "$0")/.."

packages="build-essential meson ninja-build pkg-config clang clang-format
libsqlite3-dev sqlite3 postgresql libpq-dev libjansson-dev libsodium-dev libcmocka-dev
libmicrohttpd-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev tidy
libxml2-utils libzip-dev libexpat1-dev libcrack2-dev cracklib-runtime
python3-pandas python3-openpyxl python3-jwt python3-cryptography
apache2 libapache2-mod-auth-openidc openssl
chromium fonts-liberation bc wrk curl poppler-utils unzip zip
libreoffice-calc-nogui"
# Node.js may come from elsewhere; Debian's is used only when none is found.
command -v node >/dev/null 2>&1 || packages="$packages nodejs"
command -v npm >/dev/null 2>&1 || packages="$packages npm"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends $missing
fi

# The browser tests' npm packages, at the versions the lock file names.
if [ ! -f web/node_modules/.package-lock.json ] ||
    [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
