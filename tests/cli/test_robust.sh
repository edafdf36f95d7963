#!/bin/sh
# brink robust: regret and satisficing across futures, the same for any
# thread count, and the error paths.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

args="--param target.resolve=-1:1.5 --param behaviour.conflict.escalation_base=-6:-3 --points 20 --runs 40"
# shellcheck disable=SC2086
expect_exit 0 "robust" "$BRINK" robust $args --policies maximum_pressure,status_quo --threads 2
cp "$tmp/out" "$tmp/r2"
# shellcheck disable=SC2086
expect_exit 0 "robust, 1 thread" "$BRINK" robust $args --policies maximum_pressure,status_quo \
    --threads 1
if cmp -s "$tmp/out" "$tmp/r2"; then ok; else bad "robust differs between 1 and 2 threads"; fi
has "$tmp/r2" "p_deal_within_60 (more is better), threshold 0.5" "robust: title"
# the status quo never reaches a deal: its regret is the best policy's P(deal)
has "$tmp/r2" "Minimax regret: maximum_pressure" "robust: minimax regret"
if grep -q '^  status_quo  *0.000 ' "$tmp/r2"; then ok; else bad "status quo's mean is not 0"; fi
has "$tmp/r2" "status_quo fails the threshold in 20 of 20 futures." "status quo failures"
# P(war): less is better
# shellcheck disable=SC2086
expect_exit 0 "robust on P(war)" "$BRINK" robust $args --output "P(war,120)" --threshold 0.2
has "$tmp/out" "p_war_120 (less is better), threshold 0.2" "P(war): goal"

expect_exit 2 "one policy" "$BRINK" robust --policies maximum_pressure
expect_exit 2 "unknown policy" "$BRINK" robust --policies maximum_pressure,nope
expect_exit 2 "unknown output" "$BRINK" robust --output p_dael_within_60
has "$tmp/err" "did you mean 'p_deal_within_60'?" "unknown output: no suggestion"
expect_exit 2 "bad goal" "$BRINK" robust --goal best
expect_exit 2 "too few futures" "$BRINK" robust --points 3
finish
