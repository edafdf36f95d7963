#!/bin/sh
# Every numeric option reads the same spellings: a plain decimal integer
# ("7"), never " 7", "+7", "-7", "7x", "0x7" or "" (run once took " 7" and
# "+7" for --months where ensemble refused them); the options that take a
# real number refuse a leading space or '+' too. Exit code 2 for each, with
# a message naming the option.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# refuse VALUE brink-args-before-value...: the option (last argument) with
# VALUE exits 2 with a message naming the option
refuse() {
    value=$1
    shift
    eval "opt=\${$#}"
    expect_exit 2 "$* '$value'" "$BRINK" "$@" "$value"
    has "$tmp/err" "error: $opt:" "$* '$value': message: $(head -n 2 "$tmp/err")"
}

for v in " 7" "+7" "-7" "7x" "0x7" "" "7 "; do
    refuse "$v" run --months
    refuse "$v" run --seed
    refuse "$v" ensemble --months
    refuse "$v" ensemble --runs
    refuse "$v" ensemble --threads
    refuse "$v" compare --policies maximum_pressure,status_quo --seed
    refuse "$v" report --runs
    refuse "$v" zopa --runs
    refuse "$v" zopa --month
    refuse "$v" zopa --threads
    refuse "$v" tioli --seed
    refuse "$v" game --scenario --month
    refuse "$v" claims --runs
    refuse "$v" claims --claim
    refuse "$v" claims --box
    refuse "$v" claims --box-runs
    refuse "$v" claims --seed
    refuse "$v" claims --threads
    refuse "$v" backtest --runs
    refuse "$v" backtest --window
    refuse "$v" backtest --threads
    refuse "$v" backtest --cross-validate --points
    refuse "$v" backtest --cross-validate --refine
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
expect_exit 0 "run --months 7" "$BRINK" run --months 7
expect_exit 0 "run --months=7 --seed=0" "$BRINK" run --months=7 --seed=0
expect_exit 0 "game --step 0.5" "$BRINK" game --scenario --month 3 --step 0.5
finish
