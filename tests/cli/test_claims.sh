#!/bin/sh
# brink claims: every claim of the seed holds on the default case, and the
# JSON carries the fields analysts rely on.
set -u
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

if "$BRINK" claims --runs 1500 --seed 1 --format json > "$tmp/c.json" 2> "$tmp/err"; then
    ok
else
    bad "brink claims exited non-zero: some claim does not hold"
    cat "$tmp/err" >&2
fi
n=$(grep -c '^      "holds": true' "$tmp/c.json")
[ "$n" -eq 16 ] && ok || bad "$n of 16 claims hold"
for key in '"id": 16' '"claim":' '"changed":' '"effect":' '"ci":' '"mechanisms":' '"explanation":'; do
    grep -q "$key" "$tmp/c.json" && ok || bad "claims JSON lacks $key"
done
# a single claim, table output
"$BRINK" claims --claim 8 --runs 500 > "$tmp/t" 2>&1 && ok || bad "brink claims --claim 8"
grep -q "Bundling" "$tmp/t" && ok || bad "claim 8 text missing"
grep -q "1 of 1 claims hold" "$tmp/t" && ok || bad "claim 8 does not hold"
# error paths
"$BRINK" claims --runs 1 >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--runs 1 accepted"
"$BRINK" claims --claim 17 >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--claim 17 accepted"
"$BRINK" claims --format xml >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--format xml accepted"
"$BRINK" claims nowhere >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown scenario accepted"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
