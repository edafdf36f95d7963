#!/bin/sh
# brink ensemble and brink compare: outputs identical for any thread count,
# common random numbers, interruption, error paths.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect CODE TEXT CMD...: exit code CODE and TEXT on stderr
expect() {
    code=$1 text=$2
    shift 2
    "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        bad "$* exited $rc, expected $code"
    elif ! grep -q -- "$text" "$tmp/err"; then
        bad "$*: no '$text' in: $(cat "$tmp/err")"
    else
        ok
    fi
}

# 1. T = 1, 2, 3 with N not a multiple of the chunk size: same bytes everywhere.
for t in 1 2 3; do
    "$BRINK" ensemble --runs 2100 --months 24 --seed 9 --threads "$t" --quiet \
        --out "$tmp/e$t" --format json > "$tmp/e$t.json" || bad "ensemble --threads $t failed"
    "$BRINK" compare --policies maximum_pressure,staged_reciprocity --runs 1100 --months 24 \
        --threads "$t" --quiet --out "$tmp/c$t" > "$tmp/c$t.txt" || bad "compare --threads $t failed"
done
same=1
for t in 2 3; do
    cmp -s "$tmp/e1.json" "$tmp/e$t.json" || same=0
    cmp -s "$tmp/c1.txt" "$tmp/c$t.txt" || same=0
    for f in summary.json outcomes.csv outcomes_by_month.csv fans.csv survival.csv costs.csv; do
        cmp -s "$tmp/e1/$f" "$tmp/e$t/$f" || { same=0; echo "differs: ensemble $f (T=$t)" >&2; }
    done
    for f in summary.json outcomes.csv outcomes_by_month.csv fans.csv survival.csv costs.csv \
             comparison.csv cost_comparison.csv; do
        cmp -s "$tmp/c1/$f" "$tmp/c$t/$f" || { same=0; echo "differs: compare $f (T=$t)" >&2; }
    done
done
if [ "$same" -eq 1 ]; then ok; else bad "outputs differ between thread counts"; fi

# 2. the files load as tidy tables: header and row counts
rows=$(wc -l < "$tmp/e1/outcomes.csv")
if [ "$rows" -eq 8 ]; then ok; else bad "outcomes.csv has $rows lines"; fi
rows=$(wc -l < "$tmp/e1/fans.csv")
if [ "$rows" -eq $((24 * 12 + 1)) ]; then ok; else bad "fans.csv has $rows lines"; fi
if head -1 "$tmp/e1/fans.csv" | grep -q '^policy,month,variable,q05,q25,q50,q75,q95'; then ok
else bad "fans.csv header"; fi
if head -1 "$tmp/c1/comparison.csv" | grep -q '^outcome,policy,p,lo,hi,diff,diff_lo,diff_hi$'
then ok; else bad "comparison.csv header"; fi
if grep -q '"partial": false' "$tmp/e1/summary.json" && grep -q '"runs_completed": 2100' \
    "$tmp/e1/summary.json"; then ok; else bad "summary.json: partial flag or runs"; fi
# probabilities of the outcomes sum to 1
sum=$(awk -F, 'NR > 1 { s += $3 } END { printf "%.9f", s }' "$tmp/e1/outcomes.csv")
if [ "$sum" = "1.000000000" ]; then ok; else bad "outcome probabilities sum to $sum"; fi

# 3. common random numbers: the same policy twice differs by exactly 0, [0, 0]
"$BRINK" compare --policies maximum_pressure,maximum_pressure --runs 1500 --months 36 --quiet \
    --out "$tmp/crn" > /dev/null || bad "compare with the same policy twice failed"
nonzero=$(awk -F, 'NR > 1 && $2 != "" && !($6 == "NA" || ($6 == 0 && $7 == 0 && $8 == 0))' \
    "$tmp/crn/comparison.csv" | wc -l)
baseline=$(awk -F, 'NR > 1 && $6 == "NA"' "$tmp/crn/comparison.csv" | wc -l)
if [ "$nonzero" -eq 0 ] && [ "$baseline" -eq 7 ]; then ok; else bad "paired differences not all exactly 0"; fi
nonzero=$(awk -F, 'NR > 1 && $4 != "NA" && !($4 == 0 && $5 == 0 && $6 == 0)' \
    "$tmp/crn/cost_comparison.csv" | wc -l)
if [ "$nonzero" -eq 0 ]; then ok; else bad "paired cost differences not all exactly 0"; fi

# 4. Ctrl-C: exit 130, partial results written, equal to a run of the completed runs
"$BRINK" ensemble --runs 1000000 --months 24 --threads 2 --out "$tmp/int" --format json \
    > "$tmp/int.json" 2> "$tmp/int.err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
rc=$?
if [ "$rc" -ne 130 ]; then
    bad "interrupted ensemble exited $rc, expected 130"
else
    done_runs=$(sed -n 's/^ *"runs_completed": \([0-9]*\),*$/\1/p' "$tmp/int/summary.json" | head -1)
    if grep -q '"partial": true' "$tmp/int/summary.json" && grep -q 'interrupted' "$tmp/int.err" &&
        [ -n "$done_runs" ] && [ "$done_runs" -gt 0 ] && [ $((done_runs % 1024)) -eq 0 ]; then
        ok
        "$BRINK" ensemble --runs "$done_runs" --months 24 --threads 1 --quiet --out "$tmp/whole" \
            > /dev/null || bad "ensemble of $done_runs runs failed"
        same=1
        for f in outcomes.csv outcomes_by_month.csv fans.csv survival.csv costs.csv; do
            cmp -s "$tmp/int/$f" "$tmp/whole/$f" || { same=0; echo "differs: $f" >&2; }
        done
        if [ "$same" -eq 1 ]; then ok; else bad "partial results differ from a run of $done_runs runs"; fi
    else
        bad "interrupted ensemble: no partial summary ($(cat "$tmp/int.err"))"
    fi
fi

# 5. error paths: exit 2 with a clear message
expect 2 "--runs" "$BRINK" ensemble --runs 0
expect 2 "--runs" "$BRINK" ensemble --runs -5
expect 2 "--runs" "$BRINK" ensemble --runs abc
expect 2 "--runs" "$BRINK" ensemble --runs 5000000000
expect 2 "--threads" "$BRINK" ensemble --threads -1 --runs 10
expect 2 "--threads" "$BRINK" ensemble --threads many --runs 10
expect 2 "--threads" "$BRINK" compare --policies maximum_pressure,status_quo --threads 1000
expect 2 "unknown policy 'nope'" "$BRINK" compare --policies maximum_pressure,nope --runs 10
expect 2 "unknown policy 'nope'" "$BRINK" ensemble --policy nope --runs 10
expect 2 "--format" "$BRINK" ensemble --format xml --runs 10
expect 2 "--format" "$BRINK" compare --policies maximum_pressure,status_quo --format csv
expect 2 "--policies" "$BRINK" compare --runs 10
expect 2 "at least two" "$BRINK" compare --policies maximum_pressure --runs 10
expect 2 "--policies" "$BRINK" compare --policies maximum_pressure,,status_quo --runs 10
expect 2 "--months" "$BRINK" ensemble --months 0
expect 2 "unknown option '--bogus'" "$BRINK" ensemble --bogus

# 6. a scenario file before the options, overrides, output failures
if "$BRINK" ensemble "$BRINK_FIXTURES/minimal.yaml" --runs 300 --quiet --format json \
    > "$tmp/min.json" && grep -q '"runs_completed": 300' "$tmp/min.json"; then ok
else bad "ensemble with a scenario file"; fi
if "$BRINK" ensemble --runs 200 --months 12 --set target.trust=0.6 --quiet > /dev/null; then ok
else bad "ensemble --set"; fi
expect 2 "target.trust" "$BRINK" ensemble --runs 10 --set target.trust=7
expect 2 "no built-in scenario or file" "$BRINK" compare no-such-case --policies a,b
: > "$tmp/file"
expect 1 "cannot" "$BRINK" ensemble --runs 10 --months 12 --quiet --out "$tmp/file/sub"

# 7. --help documents the exit status of an interrupted run
if "$BRINK" ensemble --help | grep -q "130 interrupted"; then ok; else bad "ensemble --help: exit status"; fi
if "$BRINK" compare --help | grep -q "130 interrupted"; then ok; else bad "compare --help: exit status"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
