#!/bin/sh
# The rooms of docs/internals.md: read its table (What | Pattern | Only
# in) and fail on a file outside a row's list that matches its pattern,
# or a listed file (not a glob) that no longer does. Comments are checked
# too: a comment naming what a file must not use is worth rewording.
set -euf  # -f: the table's globs are patterns, not file names here
root=$1
cd "$root"
table=$(awk '/^## Rooms/ { on = 1; next } /^## / { on = 0 } on && /^\| / && !/^\| What/ && !/^\|---/' docs/internals.md)
[ -n "$table" ] || { echo "no table of rooms in docs/internals.md"; exit 1; }
files=$(find src -name '*.[ch]' | sort)
TMPDIR_ROOMS=$(mktemp -d)
trap 'rm -rf "$TMPDIR_ROOMS"' EXIT
: >"$TMPDIR_ROOMS/failed"
: >"$TMPDIR_ROOMS/rows"
# a cell's "\|" is a pipe of the pattern: swap it out before splitting
printf '%s\n' "$table" | sed 's/\\|/\x01/g' | while IFS= read -r row; do
    what=$(printf '%s' "$row" | cut -d'|' -f2 | sed 's/^ *//; s/ *$//')
    pattern=$(printf '%s' "$row" | cut -d'|' -f3 | sed 's/^ *`//; s/` *$//' | tr '\001' '|')
    allowed=$(printf '%s' "$row" | cut -d'|' -f4 | tr -d '`')
    for f in $files; do
        grep -qE -- "$pattern" "$f" || continue
        ok=0
        for a in $allowed; do
            # shellcheck disable=SC2254
            case $f in $a) ok=1 ;; esac
        done
        if [ $ok = 0 ]; then
            echo "$f: $what belongs only in $allowed:"
            grep -nE -- "$pattern" "$f" | head -3 | sed 's/^/    /'
            echo x >>"$TMPDIR_ROOMS/failed"
        fi
    done
    for a in $allowed; do
        case $a in *'*'*) continue ;; esac
        if [ ! -f "$a" ] || ! grep -qE -- "$pattern" "$a"; then
            echo "docs/internals.md lists $a for $what, but it holds none: remove it from the table"
            echo x >>"$TMPDIR_ROOMS/failed"
        fi
    done
    echo x >>"$TMPDIR_ROOMS/rows"
done
rows=$(wc -l <"$TMPDIR_ROOMS/rows")
failed=$(wc -l <"$TMPDIR_ROOMS/failed")
if [ "$failed" -gt 0 ]; then
    echo "$failed problems with the rooms of docs/internals.md"
    exit 1
fi
echo "the code keeps the $rows rooms of docs/internals.md"
