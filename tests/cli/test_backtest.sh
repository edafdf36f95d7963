#!/bin/sh
# brink backtest: JSON shape on shipped cases at a small N, the base rate at
# each case's horizon, the bootstrap and reliability summaries, the
# calibration report, and the error paths.
set -u
: "${BRINK_SOURCE_DIR:?}" "${BRINK_FIXTURES:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

expect_exit 0 "backtest of three cases" "$BRINK" backtest iran-2012 \
    "$BRINK_SOURCE_DIR/scenarios/russia-2022.yaml" iraq-1991 \
    --runs 60 --seed 3 --threads 2 --format json
cp "$tmp/out" "$tmp/b.json"
for key in '"cases":' '"file":' '"actual":' '"predicted":' '"base_rate":' '"brier":' \
           '"log_score":' '"brier_model":' '"brier_base_rate":' '"log_score_model":' \
           '"log_score_base_rate":' '"bootstrap":' '"difference_ci":' '"reliability":' \
           '"trajectories":' '"version":' '"runs": 60' '"seed": 3' '"share_in50":' \
           '"share_in90":' '"median_abs_log_error":' '"episodes": 540'; do
    has "$tmp/b.json" "$key" "backtest JSON lacks $key"
done
# each case has a predicted and a base-rate block of the seven outcomes,
# each summing to 1; Brier in [0, 2], log score in [0, -ln 0.001]
awk '
    /^      "(predicted|base_rate)": \{/ { inp = 1; s = 0; k = 0; next }
    inp && /\}/ { inp = 0; n++; if (k != 7 || s < 0.99995 || s > 1.00005) badp++; next }
    inp { v = $2; sub(/,$/, "", v); s += v + 0; k++ }
    /^      "brier": / { v = $2; sub(/,$/, "", v); nb++; v += 0; if (v < 0 || v > 2) badb++ }
    /^      "log_score": / { v = $2; sub(/,$/, "", v); v += 0; if (v < 0 || v > 6.9078) badl++ }
    END { printf "%d %d %d %d %d\n", n, badp + 0, nb, badb + 0, badl + 0 }
' "$tmp/b.json" > "$tmp/chk"
read -r n badp nb badb badl < "$tmp/chk"
check "expected 6 outcome blocks, got $n" [ "$n" -eq 6 ]
check "$badp outcome blocks do not hold seven outcomes summing to 1" [ "$badp" -eq 0 ]
check "expected 3 case Brier scores, got $nb" [ "$nb" -eq 3 ]
check "a Brier score outside [0, 2]" [ "$badb" -eq 0 ]
check "a log score outside [0, -ln 0.001]" [ "$badl" -eq 0 ]
has "$tmp/b.json" '"file": "iran-2012"' "the built-in name is not the file"
has "$tmp/b.json" '"actual": "war"' "iraq-1991 is not scored against war"
has "$tmp/b.json" '"sender_backs_down":' "the outcomes lack sender_backs_down"
# the base rate depends on the horizon: iran-2012 (60 months) and iraq-1991
# (150) get different base-rate deal probabilities
grep -A2 '"base_rate": {' "$tmp/b.json" | sed -n 's/.*"deal": \([0-9.]*\).*/\1/p' \
    | sort -u > "$tmp/deals"
check "the base rate does not change with the case's horizon" [ "$(wc -l < "$tmp/deals")" -ge 2 ]
# the same run gives the same bytes with another thread count
expect_exit 0 "backtest with one thread" "$BRINK" backtest iran-2012 \
    "$BRINK_SOURCE_DIR/scenarios/russia-2022.yaml" iraq-1991 \
    --runs 60 --seed 3 --threads 1 --format json
check "output depends on the thread count" cmp -s "$tmp/b.json" "$tmp/out"
# table output
expect_exit 0 "table output" "$BRINK" backtest russia-2022 iran-2012 --runs 30
cp "$tmp/out" "$tmp/t"
has "$tmp/t" "base rate" "table lacks the base rate"
has "$tmp/t" "bootstrap" "table lacks the bootstrap intervals"
has "$tmp/t" "Reliability" "table lacks the reliability table"
has "$tmp/t" "in 90%" "table lacks the trajectory coverage"
has "$tmp/t" "in sample" "table does not say the scores are in sample"
# calibration report
expect_exit 0 "--calibration" "$BRINK" backtest --calibration russia-2022 --runs 30 --format json
has "$tmp/out" '"p_war_given_incident"' "calibration JSON lacks P(war | incident)"
# a scenario without a history: exit 2, naming the file and the section
expect_exit 2 "a scenario without history" "$BRINK" backtest "$BRINK_FIXTURES/minimal.yaml" --runs 10
has "$tmp/err" "minimal.yaml" "the error does not name the file"
has "$tmp/err" "history" "the error does not mention the history section"
expect_exit 2 "the default case (no history)" "$BRINK" backtest iran-2025 --runs 10
# bad options
for args in "--runs 0" "--runs x" "--seed -1" "--threads 999" "--format xml" "--window 0" \
            "--bogus" "nowhere-case"; do
    # shellcheck disable=SC2086
    expect_exit 2 "backtest $args" "$BRINK" backtest $args
done
expect_exit 0 "--help" "$BRINK" backtest --help
finish
