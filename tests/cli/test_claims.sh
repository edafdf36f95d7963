#!/bin/sh
# brink claims: every claim of the seed is tested on the default case and
# reported (holds or fails: a failing claim is a finding, exit status 1),
# and the JSON carries the fields analysts rely on.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

"$BRINK" claims --runs 1500 --seed 1 --format json > "$tmp/c.json" 2> "$tmp/err"
rc=$?
check "brink claims exited $rc (0: all hold, 1: some fail)" [ "$rc" -le 1 ]
n=$(grep -c '^      "holds": \(true\|false\)' "$tmp/c.json")
check "$n of 16 claims carry a verdict" [ "$n" -eq 16 ]
held=$(grep -c '^      "holds": true' "$tmp/c.json")
echo "claims holding on the default case: $held of 16"
if [ "$held" -eq 16 ]; then want=0; else want=1; fi
check "exit status $rc does not match $held of 16 claims holding" [ "$rc" -eq "$want" ]
for key in '"id": 16' '"claim":' '"changed":' '"effect":' '"ci":' '"mechanisms":' '"explanation":'; do
    has "$tmp/c.json" "$key" "claims JSON lacks $key"
done
# a single claim, table output
"$BRINK" claims --claim 8 --runs 500 > "$tmp/t" 2>&1
rc=$?
check "brink claims --claim 8 exited $rc" [ "$rc" -le 1 ]
has "$tmp/t" "Bundling" "claim 8 text missing"
has "$tmp/t" "of 1 claims hold" "claim 8 has no verdict"
# error paths
expect_exit 2 "--runs 1" "$BRINK" claims --runs 1
expect_exit 2 "--claim 17" "$BRINK" claims --claim 17
expect_exit 2 "--format xml" "$BRINK" claims --format xml
expect_exit 2 "an unknown scenario" "$BRINK" claims nowhere
finish
