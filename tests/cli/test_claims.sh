#!/bin/sh
# brink claims: the 16 claims, 5 verification (listed, not run) and 11
# validation (tested, with levels, effects and a verdict each); the scenario
# may come before the options; the exit status is 0 whatever the verdicts (a
# failing claim is a finding, not an error) and 2 on bad input; results do
# not depend on the number of threads; --all covers every built-in case.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# the scenario before the options (as --help shows the order)
expect_exit 0 "brink claims SCENARIO --quick" "$BRINK" claims iran-2025 --quick --format json
cp "$tmp/out" "$tmp/c.json"
n=$(grep -c '^      "kind": "verification",' "$tmp/c.json")
check "$n verification claims listed, expected 5" [ "$n" -eq 5 ]
n=$(grep -c '^      "kind": "validation",' "$tmp/c.json")
check "$n validation claims listed, expected 11" [ "$n" -eq 11 ]
# one verdict per claim on the case: the verification ones are not run
n=$(grep -c '^          "verdict": "not run",' "$tmp/c.json")
check "$n claims not run, expected the 5 verification claims" [ "$n" -eq 5 ]
n=$(grep -c '^          "verdict": "\(holds\|fails\|inconclusive\|untestable\)",' "$tmp/c.json")
check "$n validation verdicts, expected 11" [ "$n" -eq 11 ]
# levels as well as differences, intervals, the box share
for key in '"levels":' '"effect":' '"ci":' '"min_effect": 0.02' '"share":' '"per_point":' \
           '"rho_critical":' '"parameters":' '"check":' '"explanation":' '"changed":'; do
    has "$tmp/c.json" "$key" "claims JSON lacks $key"
done
has "$tmp/c.json" '"path": "behaviour.bargain.choice_noise"' "the box lacks a behaviour parameter"
lacks "$tmp/c.json" '"path": "target.' "the box holds a parameter that is not behaviour"
# the exit status does not depend on the verdicts: a failing claim still exits 0
if grep -q '^          "verdict": "fails",' "$tmp/c.json"; then
    ok
else
    skip "no claim fails on iran-2025 at --quick: the exit status of a failing claim is not checked"
fi

# the same results with one thread and with two
expect_exit 0 "claim 13, one thread" "$BRINK" claims --claim 13 --runs 60 --box 3 --box-runs 20 \
    --threads 1 --format json
cp "$tmp/out" "$tmp/t1.json"
expect_exit 0 "claim 13, two threads" "$BRINK" claims --claim 13 --runs 60 --box 3 --box-runs 20 \
    --threads 2 --format json
check "results differ between one and two threads" cmp -s "$tmp/t1.json" "$tmp/out"

n=$(grep -c '^      "id": ' "$tmp/out")
check "--claim 13 printed $n claims" [ "$n" -eq 1 ]

# --resume DIR: snapshots of the jobs; run again, the results come from them,
# the same bytes; a file is not a checkpoint directory
expect_exit 0 "claim 13 with --resume" "$BRINK" claims --claim 13 --runs 60 --box 3 \
    --box-runs 20 --threads 2 --format json --resume "$tmp/ck"
check "--resume changed the results" cmp -s "$tmp/t1.json" "$tmp/out"
check "--resume wrote no snapshot" [ -s "$tmp/ck/ensemble-000000.snap" ]
expect_exit 0 "claim 13 resumed" "$BRINK" claims --claim 13 --runs 60 --box 3 \
    --box-runs 20 --threads 1 --format json --resume "$tmp/ck"
check "the resumed results differ" cmp -s "$tmp/t1.json" "$tmp/out"
expect_exit 2 "claim 13 resumed with other runs" "$BRINK" claims --claim 13 --runs 70 --box 3 \
    --box-runs 20 --format json --resume "$tmp/ck"
has "$tmp/err" "another job" "another job's snapshot: no reason given"
: >"$tmp/afile"
expect_exit 2 "--resume to a file" "$BRINK" claims --claim 13 --resume "$tmp/afile"
has "$tmp/err" "not a directory" "--resume to a file: no reason given"

# table and markdown
expect_exit 0 "claim 8 as a table" "$BRINK" claims --claim 8 --runs 60 --box 0
has "$tmp/out" "Bundling all issues" "claim 8's text is missing"
has "$tmp/out" "unbundled" "claim 8's levels are missing"
has "$tmp/out" "testable validation claims hold on iran-2025" "the table has no summary"
expect_exit 0 "markdown" "$BRINK" claims --quick --claim 3 --format markdown
has "$tmp/out" "| # | claim | kind |" "the markdown table is missing"
has "$tmp/out" "Where in the box" "the markdown lacks where the claims hold in the box"

# every built-in case; a case that lacks the lever is untestable, not failing
expect_exit 0 "--all" "$BRINK" claims --all --claim 11 --runs 20 --box 0
cases=$("$BRINK" scenarios | wc -l)
rows=$(grep -c '^[a-z][a-z0-9-]* *\(holds\|FAILS\|incon\.\|n/t\)$' "$tmp/out")
check "--all printed $rows case rows, expected $cases" [ "$rows" -eq "$cases" ]
has "$tmp/out" "afghanistan-1999   untestable   the case has no staged policy" \
    "a case without a staged policy is not reported untestable"
has "$tmp/out" "holds/testable" "the per-case table has no count"

# help, and bad input: a message and exit 2
expect_exit 0 "--help" "$BRINK" claims --help
has "$tmp/out" "Exit status: 0 when the claims were tested, whatever the verdicts" \
    "--help does not state the exit status"
for args in "--runs 1" "--claim 17" "--claim 0" "--format xml" "nowhere" "--box 1" \
            "--box-runs 1" "--threads 300" "--all iran-2025" "--bogus" "--runs" \
            "--set target.trust=7" "--quick --claim 13 --arm-set policies.@.rhetoric=7"; do
    # shellcheck disable=SC2086
    expect_exit 2 "brink claims $args" "$BRINK" claims $args
    if [ -s "$tmp/err" ]; then ok; else bad "brink claims $args: no message"; fi
done
finish
