#!/bin/sh
# Every numeric option reads the same spellings: a plain decimal integer
# ("7"), never " 7", "+7", "-7", "7x", "0x7" or "" (run once took " 7" and
# "+7" for --months where ensemble refused them). Exit code 2 for each.
set -eu
: "${BRINK:?set BRINK to the brink binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# refuse VALUE brink-args-before-value...: the option (last argument) with
# VALUE exits 2 with a message naming the option
refuse() {
    value=$1
    shift
    set +e
    "$BRINK" "$@" "$value" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "$* '$value': exit $rc, expected 2"
    grep -qe "error: $(eval echo "\${$#}"):" "$tmp/err" ||
        fail "$* '$value': message: $(cat "$tmp/err")"
}

for v in " 7" "+7" "-7" "7x" "0x7" "" "7 "; do
    refuse "$v" run --months
    refuse "$v" ensemble --months
    refuse "$v" ensemble --runs
    refuse "$v" compare --policies maximum_pressure,status_quo --seed
    refuse "$v" zopa --runs
    refuse "$v" zopa --month
    refuse "$v" tioli --seed
    refuse "$v" game --scenario --month
    refuse "$v" claims --runs
    refuse "$v" backtest --runs
    refuse "$v" backtest --window
    refuse "$v" backtest --cross-validate --points
    refuse "$v" backtest --cross-validate --design-runs
    refuse "$v" calibrate --points
    refuse "$v" calibrate --refine
    refuse "$v" calibrate --rounds
    refuse "$v" calibrate --runs
    refuse "$v" calibrate --series-runs
    refuse "$v" calibrate --project-runs
    refuse "$v" calibrate --seed
    refuse "$v" calibrate --threads
done
for v in " 0.5" "+0.5" "0.5x" ""; do
    refuse "$v" game --scenario --step
    refuse "$v" backtest --cross-validate --weight
    refuse "$v" calibrate --weight
done
# and the plain spellings are taken
"$BRINK" run --months 7 >/dev/null || fail "run --months 7"
"$BRINK" run --months=7 --seed=0 >/dev/null || fail "run --months=7"
"$BRINK" game --scenario --month 3 --step 0.5 >/dev/null || fail "game --step 0.5"
echo "ok"
