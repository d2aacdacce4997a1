#!/bin/sh
# Each SQL statement site (db_stmt with a literal) keeps its prepared
# statement in a connection's fixed cache (core/db_internal.h); a server
# connection that meets more sites than slots would fail its queries.
# Keep the sites under half the slots, so the open-addressed cache stays
# quick to probe.
set -eu
root=$1
sites=$(cat "$root"/src/core/*.c | grep -o 'db_stmt(' | wc -l)
slots=$(sed -n 's/^#define DB_CACHE_SLOTS \([0-9]*\).*/\1/p' \
    "$root"/src/core/db_internal.h)
echo "$sites statement sites, $slots cache slots"
[ -n "$slots" ] && [ "$sites" -gt 0 ] && [ $((sites * 2)) -le "$slots" ] ||
    { echo "too many statement sites for the cache: raise DB_CACHE_SLOTS"; exit 1; }
