#!/bin/sh
# brink run: the story, the outputs, and every error path.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# expect CODE PATTERN -- args...: exit code and a pattern in stdout+stderr
expect() {
    code=$1; pattern=$2; shift 2
    "$BRINK" "$@" >"$tmp/out" 2>&1
    rc=$?
    if [ "$rc" -ne "$code" ]; then bad "brink $*: exit $rc, wanted $code"; cat "$tmp/out" >&2; return; fi
    if ! grep -q -- "$pattern" "$tmp/out"; then bad "brink $*: no '$pattern' in output"; cat "$tmp/out" >&2; return; fi
    ok
}

expect 0 "Outcome: " run
expect 0 "Key states" run --policy staged_reciprocity
expect 0 "policy: status_quo" run --policy=status_quo --seed 3 --months 24
expect 0 '"outcome": "' run --format json
expect 0 "usage: brink run" run --help
expect 2 "unknown policy 'nope'" run --policy nope
expect 2 "maximum_pressure" run --policy nope
expect 2 "not a non-negative integer" run --seed abc
expect 2 "not a non-negative integer" run --seed -1
expect 2 "not an integer in \[1, 600\]" run --months 0
expect 2 "not an integer in \[1, 600\]" run --months 12x
expect 2 "not one of table, json" run --format xml
expect 2 "no built-in scenario or file named 'nowhere'" run nowhere
expect 2 "unexpected argument" run iran-2025 extra
expect 2 "unknown option '--bogus'" run --bogus
expect 2 "target.trust" run --set target.trust=2
expect 2 "--set" run --set target.trust
expect 2 "did you mean" run --set target.trusst=0.5
expect 2 "fiscal_breakeven_mbpd" run --set target.oil.fiscal_breakeven_mbpd=-1

# outputs: monthly CSV (a header and one row a month), events, JSON summary
if "$BRINK" run --seed 5 --out "$tmp/o1" >/dev/null 2>&1; then
    rows=$(wc -l < "$tmp/o1/monthly.csv")
    months=$(grep -o '"months": [0-9]*' "$tmp/o1/summary.json" | grep -o '[0-9]*$')
    if [ "$rows" -eq $((months + 1)) ]; then ok; else bad "monthly.csv has $rows lines for $months months"; fi
    if head -1 "$tmp/o1/monthly.csv" | grep -q '^month,date,sanctions,'; then ok; else bad "monthly.csv header"; fi
    if head -1 "$tmp/o1/events.csv" | grep -q '^month,date,event,'; then ok; else bad "events.csv header"; fi
    for key in program version scenario scenario_hash policy seed outcome outcome_month cause events; do
        if grep -q "\"$key\":" "$tmp/o1/summary.json"; then ok; else bad "summary.json lacks $key"; fi
    done
    left=$(find "$tmp/o1" -name '*tmp*' | wc -l)
    if [ "$left" -eq 0 ]; then ok; else bad "temporary files left in the output directory"; fi
else
    bad "brink run --out failed"
fi

# the same seed twice: identical files
"$BRINK" run --seed 5 --out "$tmp/o2" >/dev/null 2>&1
for f in monthly.csv events.csv summary.json; do
    if cmp -s "$tmp/o1/$f" "$tmp/o2/$f"; then ok; else bad "$f differs between identical runs"; fi
done

# two policies tell different stories
"$BRINK" run --policy maximum_pressure --seed 1 --format json > "$tmp/mp.json" 2>&1
"$BRINK" run --policy staged_reciprocity --seed 1 --format json > "$tmp/sr.json" 2>&1
if grep -q '"event": "milestone_offer"' "$tmp/sr.json"; then ok; else bad "staged reciprocity offers no milestone"; fi
grep -q '"event": "milestone_offer"' "$tmp/mp.json"
rc=$? # 1: not found; 0 (found) and 2 (no file) fail
if [ "$rc" -eq 1 ]; then ok; else bad "maximum pressure offers milestones (grep exit $rc)"; fi
if grep -q '"event": "tighten"' "$tmp/mp.json"; then ok; else bad "maximum pressure never tightens"; fi

# an output path that cannot be a directory: exit 1 or 2, nothing half-written
: > "$tmp/file"
"$BRINK" run --out "$tmp/file/sub" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then ok; else bad "--out under a regular file: exit $rc"; fi
# an unwritable directory (skipped as root, where permissions do not bind)
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    "$BRINK" run --out "$tmp/ro" >/dev/null 2>&1
    rc=$? # a refusal is 1 or 2; 0 is a success and anything else a crash
    if [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then ok; else bad "--out to a read-only directory: exit $rc"; fi
else
    skip "--out to a read-only directory (root writes anyway)"
fi

finish
