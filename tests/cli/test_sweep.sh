#!/bin/sh
# brink sweep: tidy CSV in point order, identical for any thread count,
# common random numbers across points, resume after an interruption giving
# the same bytes, and bad designs refused with exit 2.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

p1=behaviour.bargain.choice_noise=0.1:0.4:3
p2=target.trust=0.2:0.8:2
expect_exit 0 "grid sweep" "$BRINK" sweep --param "$p1" --param "$p2" --design grid --runs 40 \
    --threads 2 --out "$tmp/g2.csv"
expect_exit 0 "grid sweep, 1 thread" "$BRINK" sweep --param "$p1" --param "$p2" --design grid \
    --runs 40 --threads 1 --out "$tmp/g1.csv"
if cmp -s "$tmp/g1.csv" "$tmp/g2.csv"; then ok; else bad "sweep differs between 1 and 2 threads"; fi
if [ ! -e "$tmp/g2.csv.partial" ]; then ok; else bad "a complete sweep left its .partial file"; fi
head -n 1 "$tmp/g2.csv" > "$tmp/first"
has "$tmp/first" "# brink sweep: scenario iran-2025" "the first line does not record the sweep"
has "$tmp/first" "design grid points 6 runs 40 seed 1" "the first line lacks the design"
sed -n 2p "$tmp/g2.csv" > "$tmp/header"
has "$tmp/header" "point,behaviour.bargain.choice_noise,target.trust,output,value" "CSV header"
# 6 points x 22 outputs, in point order
rows=$(($(wc -l < "$tmp/g2.csv") - 2))
if [ "$rows" -eq 132 ]; then ok; else bad "expected 132 rows, got $rows"; fi
if awk -F, 'NR > 2 { if ($1 < last) exit 1; last = $1 }' "$tmp/g2.csv"; then ok; else
    bad "rows are not in point order"; fi
# the grid: the last parameter fastest, at LO and HI (and the centre)
if grep -q '^1,0.1,0.8,p_war_120,' "$tmp/g2.csv" && grep -q '^2,0.25,0.2,' "$tmp/g2.csv"; then
    ok; else bad "grid points are not where expected"; fi
# probabilities are probabilities
if awk -F, 'NR > 2 && $4 ~ /^p_/ && ($5 < 0 || $5 > 1) { exit 1 }' "$tmp/g2.csv"; then ok; else
    bad "a probability outside [0, 1]"; fi
# common random numbers: a point's outputs depend on its values only (the
# same runs at every point), not on its place in the design: the centre of
# a 3-level grid equals a 1-level grid
expect_exit 0 "3-level sweep" "$BRINK" sweep --param target.trust=0.2:0.8:3 --design grid \
    --runs 300 --output p_war_120 --output p_deal_within_60
awk -F, '$1 == 1 { print $2, $3, $4 }' "$tmp/out" > "$tmp/mid3"
expect_exit 0 "1-level sweep" "$BRINK" sweep --param target.trust=0.2:0.8:1 --design grid \
    --runs 300 --output p_war_120 --output p_deal_within_60
awk -F, '$1 == 0 { print $2, $3, $4 }' "$tmp/out" > "$tmp/mid1"
if [ -s "$tmp/mid1" ] && cmp -s "$tmp/mid1" "$tmp/mid3"; then ok; else
    bad "the same point gives different outputs in two designs"; fi
has "$tmp/mid1" "0.5 p_war_120" "the 1-level grid is not at the centre"

# an interrupted sweep resumes to the same bytes
expect_exit 0 "sobol sweep" "$BRINK" sweep --points 12 --runs 30 --out "$tmp/full.csv"
size=$(wc -c < "$tmp/full.csv")
head -c $((size / 2 + 7)) "$tmp/full.csv" > "$tmp/cut.csv.partial"
expect_exit 0 "resume" "$BRINK" sweep --points 12 --runs 30 --out "$tmp/cut.csv" --resume
if cmp -s "$tmp/full.csv" "$tmp/cut.csv"; then ok; else bad "resumed sweep differs"; fi
head -c 100 "$tmp/full.csv" > "$tmp/other.csv.partial"
expect_exit 0 "resume from the first line" "$BRINK" sweep --points 12 --runs 30 \
    --out "$tmp/other.csv" --resume
if cmp -s "$tmp/full.csv" "$tmp/other.csv"; then ok; else bad "resume from a cut head differs"; fi
cp "$tmp/full.csv" "$tmp/mis.csv.partial"
expect_exit 2 "resume of another design" "$BRINK" sweep --points 12 --runs 31 \
    --out "$tmp/mis.csv" --resume
has "$tmp/err" "is not this sweep's" "resume of another design: message"
expect_exit 2 "resume without a partial file" "$BRINK" sweep --points 12 --out "$tmp/none.csv" \
    --resume
expect_exit 2 "resume without --out" "$BRINK" sweep --resume
# --resume on a sweep already complete: nothing to do, the file untouched;
# a complete file of another sweep is refused
cp "$tmp/full.csv" "$tmp/done.csv"
expect_exit 0 "resume of a complete sweep" "$BRINK" sweep --points 12 --runs 30 \
    --out "$tmp/done.csv" --resume
has "$tmp/err" "is complete (12 points): nothing left to do" "complete sweep: message"
if cmp -s "$tmp/full.csv" "$tmp/done.csv"; then ok; else bad "a complete sweep was rewritten"; fi
expect_exit 2 "resume of another complete sweep" "$BRINK" sweep --points 12 --runs 31 \
    --out "$tmp/done.csv" --resume
has "$tmp/err" "is not this sweep's" "another complete sweep: message"

# Ctrl-C: exit 130 with the complete points kept; --resume then gives the
# bytes of an uninterrupted sweep. The interrupt comes once rows exist.
if env --default-signal=INT true 2>/dev/null; then fg="env --default-signal=INT"; else fg=""; fi
args="--points 48 --runs 400 --quiet"
# shellcheck disable=SC2086
$fg "$BRINK" sweep $args --out "$tmp/int.csv" 2>"$tmp/int.err" &
pid=$!
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
i=0
while kill -0 "$pid" 2>/dev/null && [ "$(lines "$tmp/int.csv.partial")" -lt 30 ] &&
      [ "$i" -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ -e "$tmp/int.csv" ]; then
    skip "the sweep ended before the interrupt"
else
    if [ "$rc" -eq 130 ]; then ok; else bad "interrupted sweep: exit $rc, expected 130"; fi
    has "$tmp/int.err" "continue with --resume" "interrupted sweep: message"
    # shellcheck disable=SC2086
    expect_exit 0 "resume after Ctrl-C" "$BRINK" sweep $args --out "$tmp/int.csv" --resume
    # shellcheck disable=SC2086
    expect_exit 0 "uninterrupted" "$BRINK" sweep $args --out "$tmp/whole.csv"
    if cmp -s "$tmp/int.csv" "$tmp/whole.csv"; then ok; else bad "resume after Ctrl-C differs"; fi
fi

# the default parameters: every uncertain one of the scenario
expect_exit 0 "default parameters" "$BRINK" sweep --points 2 --runs 5 --output p_war_60
head -n 2 "$tmp/out" | tail -n 1 > "$tmp/h"
for p in behaviour.bargain.choice_noise target.resolve senders.us.enforcement; do
    has "$tmp/h" ",$p," "default parameters lack $p"
done

# bad designs
expect_exit 2 "unknown path" "$BRINK" sweep --param behaviour.bargain.choice_nois=0.1:0.3
has "$tmp/err" "--param:1:19: error: behaviour.bargain.choice_nois: unknown key" "unknown path: message"
has "$tmp/err" "did you mean 'choice_noise'?" "unknown path: no suggestion"
expect_exit 2 "empty range" "$BRINK" sweep --param behaviour.bargain.choice_noise=0.3:0.3
has "$tmp/err" "empty range [0.3, 0.3]" "empty range: message"
expect_exit 2 "range outside the allowed one" "$BRINK" sweep \
    --param behaviour.bargain.choice_noise=0.1:30
has "$tmp/err" "outside the allowed range [0.01, 10]" "allowed range: message"
# the caret marks the faulty end: HI here (column 36), LO below (column 32)
has "$tmp/err" "--param:1:36: error" "a faulty HI: the column is not HI's"
if grep -q '^ *| \{36\}\^$' "$tmp/err"; then ok; else bad "a faulty HI: the caret is not under HI"; fi
expect_exit 2 "LO outside the allowed range" "$BRINK" sweep \
    --param behaviour.bargain.choice_noise=0.001:0.5
has "$tmp/err" "--param:1:32: error" "a faulty LO: the column is not LO's"
# a log scale: the grid's middle level is the geometric mean, recorded as :log
expect_exit 0 "log-scale grid" "$BRINK" sweep --param behaviour.bargain.choice_noise=0.01:1:3:log \
    --design grid --runs 5 --output p_war_60 -q
has "$tmp/out" "params behaviour.bargain.choice_noise=0.01:1:3:log outputs" "log scale: the head"
if grep -q '^0,0.01,p_war_60,' "$tmp/out" && grep -q '^1,0.1000000000000000[0-9]*,p_war_60,' "$tmp/out" &&
    grep -q '^2,1,p_war_60,' "$tmp/out"; then ok; else bad "log scale: levels 0.01, 0.1, 1 expected"; fi
expect_exit 2 "log scale from 0" "$BRINK" sweep --param behaviour.bargain.choice_noise=0:1:log
has "$tmp/err" "a log scale needs LO > 0" "log scale from 0: message"
expect_exit 2 "a misspelt log" "$BRINK" sweep --param target.trust=0.1:0.5:lug
expect_exit 2 "malformed --param" "$BRINK" sweep --param target.trust=0.1
has "$tmp/err" "expected PATH=LO:HI[:N][:log]" "malformed --param: message"
expect_exit 2 "one design point" "$BRINK" sweep --points 1
expect_exit 2 "unknown design" "$BRINK" sweep --design latin
expect_exit 2 "unknown output" "$BRINK" sweep --output p_war_61
expect_exit 2 "grid size mismatch" "$BRINK" sweep --param "$p1" --design grid --points 4
expect_exit 2 "a parameter twice" "$BRINK" sweep --param "$p1" --param "$p1"
has "$tmp/err" "parameter given twice" "a parameter twice: message"
expect_exit 2 "bad months" "$BRINK" sweep --months 0
finish
