#!/bin/sh
# brink discover: PRIM finds the escalation baseline behind a high P(war),
# prints the box in words and as YAML that --set takes, the same for any
# thread count; bad conditions exit 2.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

params="--param behaviour.conflict.escalation_base=-6:-3 --param exports.crude.grey_discount=0.08:0.2"
# shellcheck disable=SC2086
expect_exit 0 "discover" "$BRINK" discover $params --when "P(war,120) > 0.15" --points 60 \
    --runs 60 --threads 2 --yaml "$tmp/box.yaml"
cp "$tmp/out" "$tmp/d2"
# shellcheck disable=SC2086
expect_exit 0 "discover, 1 thread" "$BRINK" discover $params --when "p_war_120 > 0.15" \
    --points 60 --runs 60 --threads 1
if diff "$tmp/out" "$tmp/d2" | grep -v 'p_war_120\|P(war,120)' | grep -q '^[<>]'; then
    bad "discover differs between 1 and 2 threads (or between the two spellings)"; else ok; fi
has "$tmp/d2" "Peeling trajectory" "no trajectory"
has "$tmp/d2" "behaviour.conflict.escalation_base at least" "the box does not bound escalation from below"
lacks "$tmp/d2" "exports.crude.grey_discount between" "the box restricts the grey discount"
has "$tmp/box.yaml" "behaviour.conflict.escalation_base: {uniform: [" "YAML lacks the box"
# the YAML's entry works with --set
entry=$(sed -n 's/^  \(behaviour.conflict.escalation_base\): \(.*\)$/\1=\2/p' "$tmp/box.yaml")
expect_exit 0 "the box as --set" "$BRINK" ensemble --runs 20 --quiet --set "$entry"

# a policy comparison
expect_exit 0 "policy comparison" "$BRINK" discover --param target.trust=0.1:0.9 --points 20 \
    --runs 20 --when "P(deal within 60)@maximum_pressure > P(deal within 60)@staged_reciprocity"
has "$tmp/out" "The condition holds at" "policy comparison: no result"

expect_exit 2 "no condition" "$BRINK" discover
has "$tmp/err" "--when" "no condition: message"
expect_exit 2 "no operator" "$BRINK" discover --when "P(war,60)"
expect_exit 2 "unknown output" "$BRINK" discover --when "p_wra_60 > 0.2"
has "$tmp/err" "did you mean 'p_war_60'?" "unknown output: no suggestion"
expect_exit 2 "unknown policy" "$BRINK" discover --when "p_war_60@nope > 0.2" --points 10
expect_exit 2 "too few points" "$BRINK" discover --when "p_war_60 > 0.2" --points 5
expect_exit 2 "unknown path" "$BRINK" discover --when "p_war_60 > 0.2" --param target.trst=0:1
finish
