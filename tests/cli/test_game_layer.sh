#!/bin/sh
# brink game --scenario (the no-win matrix), brink tioli and brink zopa: they
# run on the default case, write what they say, and reject bad input with
# exit code 2.
set -u
: "${BRINK:?set BRINK to the brink binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*" >&2; failed=$((failed + 1)); }

# expect_rc CODE ARGS...: exit code CODE, and a message on stderr when not 0
expect_rc() {
    want=$1
    shift
    "$BRINK" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        bad "brink $*: exit $rc, expected $want: $(head -n 2 "$tmp/err")"
    elif [ "$want" -ne 0 ] && [ ! -s "$tmp/err" ]; then
        bad "brink $*: exit $rc without a message"
    else
        ok
    fi
}

# the no-win matrix at month 12 under maximum pressure
expect_rc 0 game --scenario --policy maximum_pressure --month 12
for word in tighten hold relax accept reject escalate equilibri "no-win:"; do
    grep -q "$word" "$tmp/out" && ok || bad "game --scenario: no '$word' in the table"
done
expect_rc 0 game --scenario iran-2025 --policy maximum_pressure --month 12 --format json
for key in '"equilibria"' '"cells"' '"worse_than_pre_crisis"' '"no_win"'; do
    grep -q "$key" "$tmp/out" && ok || bad "game json: no $key"
done
expect_rc 0 game --policy status_quo --month 0 --step 0.3 --usd-value 0

# take-it-or-leave-it
expect_rc 0 tioli
grep -q "resolve after a rejection" "$tmp/out" && ok || bad "tioli: no posterior"
expect_rc 0 tioli iran-2025 --policy staged_reciprocity --month 12 --format json
grep -q '"belief_after_rejection"' "$tmp/out" && ok || bad "tioli json: no posterior"

# the zone of possible agreement, with files
expect_rc 0 zopa --policy maximum_pressure --month 12 --runs 20 --out "$tmp/z"
grep -q "bundled" "$tmp/out" && grep -q "Wilson" "$tmp/out" && ok || bad "zopa: table"
[ -s "$tmp/z/zopa.json" ] && ok || bad "zopa: no zopa.json"
head -n 1 "$tmp/z/zopa_grid.csv" | grep -qx 'mode,issue,concession,relief,target_net,sender_gain,in_zopa' &&
    ok || bad "zopa: CSV header"
rows=$(wc -l <"$tmp/z/zopa_grid.csv")
[ "$rows" -eq $((1 + 4 * 101 * 101)) ] && ok || bad "zopa: $rows CSV lines"
expect_rc 0 zopa --runs 0 --format json
grep -q '"uncertainty": null' "$tmp/out" && ok || bad "zopa --runs 0: uncertainty"

# bad input: exit 2
for cmd in "game --scenario" tioli zopa; do
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --policy no_such_policy
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --month 9999
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --month -1
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --month twelve
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --set no.such.parameter=1
    # shellcheck disable=SC2086
    expect_rc 2 $cmd --format xml
done
expect_rc 2 zopa --runs -5
expect_rc 2 zopa --runs many
expect_rc 2 zopa --runs 1e3
expect_rc 2 zopa --runs
expect_rc 2 tioli one two
expect_rc 2 game --scenario --step 0
expect_rc 2 game --scenario --usd-value -1
expect_rc 2 game "$BRINK_FIXTURES/game/pressure.yaml" --month 3
expect_rc 2 zopa --bogus

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
