#!/bin/sh
# Print "N passed, N failed" over the meson test logs of the given build
# directories (meson's own summary is not a line CI reads). Exit 1 when
# any test failed or none ran.
set -eu
passed=0
failed=0
skipped=0
for dir in "$@"; do
    log="$dir/meson-logs/testlog.json"
    [ -f "$log" ] || { echo "no test log in $dir" >&2; failed=$((failed + 1)); continue; }
    p=$(grep -c '"result": "OK"' "$log" || true)
    s=$(grep -c '"result": "SKIP"' "$log" || true)
    t=$(grep -c '"result": ' "$log" || true)
    passed=$((passed + p))
    skipped=$((skipped + s))
    failed=$((failed + t - p - s))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
