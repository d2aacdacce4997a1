#!/bin/sh
# Functions CONVENTIONS.md bans: unbounded copies and formats, strtok's
# hidden state, atoi's silent failure. Fails naming each use.
set -eu
root=$1
if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|strncpy) *\(' \
    "$root"/src/*/*.c "$root"/src/*.c "$root"/src/*/*.h "$root"/tools/*.c; then
    echo "banned function used (see docs/CONVENTIONS)"
    exit 1
fi
echo "no banned functions"
