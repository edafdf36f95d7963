#!/bin/sh
# brink backtest: JSON shape on shipped cases at a small N, the base-rate and
# calibration reports, and the error paths (a scenario without a history,
# bad options).
set -u
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

if "$BRINK" backtest iran-2012 "$BRINK_SOURCE_DIR/scenarios/russia-2022.yaml" iraq-1991 \
        --runs 60 --seed 3 --threads 2 --format json > "$tmp/b.json" 2> "$tmp/err"; then
    ok
else
    bad "brink backtest exited non-zero"
    cat "$tmp/err" >&2
fi
for key in '"cases":' '"file":' '"actual":' '"predicted":' '"brier":' '"log_score":' \
           '"brier_model":' '"brier_base_rate":' '"log_score_model":' '"log_score_base_rate":' \
           '"trajectories":' '"version":' '"runs": 60' '"seed": 3' '"share_in50":' \
           '"share_in90":' '"median_abs_log_error":'; do
    grep -q "$key" "$tmp/b.json" && ok || bad "backtest JSON lacks $key"
done
# three cases; each predicted block has the six outcomes summing to 1; Brier in [0, 2]
awk '
    /"predicted": \{/ { inp = 1; s = 0; k = 0; next }
    inp && /\}/ { inp = 0; n++; if (k != 6 || s < 0.999999 || s > 1.000001) badp++; next }
    inp { v = $2; sub(/,$/, "", v); s += v + 0; k++ }
    /^      "brier": / { v = $2; sub(/,$/, "", v); nb++; v += 0; if (v < 0 || v > 2) badb++ }
    /^      "log_score": / { v = $2; sub(/,$/, "", v); v += 0; if (v < 0 || v > 6.9078) badl++ }
    END { printf "%d %d %d %d %d\n", n, badp, nb, badb, badl }
' "$tmp/b.json" > "$tmp/chk"
read -r n badp nb badb badl < "$tmp/chk"
[ "$n" -eq 3 ] && ok || bad "expected 3 predicted blocks, got $n"
[ "$badp" -eq 0 ] && ok || bad "$badp predicted blocks do not hold six outcomes summing to 1"
[ "$nb" -eq 3 ] && ok || bad "expected 3 case Brier scores, got $nb"
[ "$badb" -eq 0 ] && ok || bad "a Brier score outside [0, 2]"
[ "$badl" -eq 0 ] && ok || bad "a log score outside [0, -ln 0.001]"
grep -q '"file": "iran-2012"' "$tmp/b.json" && ok || bad "the built-in name is not the file"
grep -q '"actual": "war"' "$tmp/b.json" && ok || bad "iraq-1991 is not scored against war"
# the same run gives the same bytes with another thread count
"$BRINK" backtest iran-2012 "$BRINK_SOURCE_DIR/scenarios/russia-2022.yaml" iraq-1991 \
    --runs 60 --seed 3 --threads 1 --format json > "$tmp/b1.json" 2>/dev/null
cmp -s "$tmp/b.json" "$tmp/b1.json" && ok || bad "output depends on the thread count"
# table output
"$BRINK" backtest russia-2022 --runs 30 > "$tmp/t" 2>&1 && ok || bad "table output failed"
grep -q "base rate" "$tmp/t" && ok || bad "table lacks the base rate"
grep -q "in 90%" "$tmp/t" && ok || bad "table lacks the trajectory coverage"
# calibration report
"$BRINK" backtest --calibration russia-2022 --runs 30 --format json > "$tmp/c.json" 2>&1 \
    && ok || bad "--calibration failed"
grep -q '"p_war_given_incident"' "$tmp/c.json" && ok || bad "calibration JSON lacks P(war | incident)"
# a scenario without a history: exit 2, naming the file
"$BRINK" backtest "$BRINK_FIXTURES/minimal.yaml" --runs 10 > /dev/null 2> "$tmp/e"
[ $? -eq 2 ] && ok || bad "a scenario without history did not exit 2"
grep -q "minimal.yaml" "$tmp/e" && ok || bad "the error does not name the file"
grep -q "history" "$tmp/e" && ok || bad "the error does not mention the history section"
"$BRINK" backtest iran-2025 --runs 10 > /dev/null 2>&1
[ $? -eq 2 ] && ok || bad "the default case (no history) did not exit 2"
# bad options
for args in "--runs 0" "--runs x" "--seed -1" "--threads 999" "--format xml" "--window 0" \
            "--bogus" "nowhere-case"; do
    # shellcheck disable=SC2086
    "$BRINK" backtest $args > /dev/null 2>&1
    [ $? -eq 2 ] && ok || bad "'backtest $args' did not exit 2"
done
"$BRINK" backtest --help > /dev/null 2>&1 && ok || bad "--help failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
