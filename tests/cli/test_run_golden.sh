#!/bin/sh
# Golden summaries of brink run: the default case under two policies.
# Regenerate after an intended model change with BRINK_UPDATE_GOLDEN=1.
set -u
gold="$BRINK_SOURCE_DIR/tests/golden"
pass=0
fail=0
for policy in maximum_pressure staged_reciprocity low_stakes_first; do
    out=$("$BRINK" run --policy "$policy" --seed 7 --format json | grep -v '"version":')
    if [ "${BRINK_UPDATE_GOLDEN:-0}" = 1 ]; then
        printf '%s\n' "$out" > "$gold/run_$policy.json"
    fi
    if printf '%s\n' "$out" | diff -u "$gold/run_$policy.json" - >&2; then
        pass=$((pass + 1))
    else
        echo "FAIL: brink run --policy $policy --seed 7 differs from tests/golden/run_$policy.json" >&2
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
