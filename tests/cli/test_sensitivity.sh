#!/bin/sh
# brink sensitivity at small settings: Sobol and Morris reports, identical
# for any number of threads, the parameters that matter ranked first, and
# too few samples refused with exit 2.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# escalation drives P(war); the grey-market discount hardly touches it
params="--param behaviour.conflict.escalation_base=-6:-3 --param exports.crude.grey_discount=0.08:0.2 --param target.trust=0.2:0.8"
# shellcheck disable=SC2086
expect_exit 0 "sobol, 2 threads" "$BRINK" sensitivity $params --base 32 --runs 40 \
    --output p_war_120 --boot 200 --threads 2 --format json
cp "$tmp/out" "$tmp/s2.json"
# shellcheck disable=SC2086
expect_exit 0 "sobol, 1 thread" "$BRINK" sensitivity $params --base 32 --runs 40 \
    --output p_war_120 --boot 200 --threads 1 --format json
if cmp -s "$tmp/out" "$tmp/s2.json"; then ok; else bad "sobol differs between 1 and 2 threads"; fi
for key in '"method": "sobol"' '"base_samples": 32' '"points": 160' '"output": "p_war_120"' \
           '"st_lo":' '"s1_hi":' '"run_months":' '"partial": false'; do
    has "$tmp/s2.json" "$key" "sobol JSON lacks $key"
done
# the total index of the escalation baseline beats the grey discount's
st() {
    awk -v p="$1" '$0 ~ "\"path\": \"" p "\"" { f = 1 } f && /"st":/ { gsub(/[,]/, ""); print $2; exit }' "$tmp/s2.json"
}
esc=$(st behaviour.conflict.escalation_base)
grey=$(st exports.crude.grey_discount)
if awk -v a="$esc" -v b="$grey" 'BEGIN { exit !(a > b + 0.2) }'; then ok; else
    bad "ST(escalation_base) $esc is not well above ST(grey_discount) $grey"; fi

# shellcheck disable=SC2086
expect_exit 0 "morris table" "$BRINK" sensitivity $params --method morris --trajectories 6 \
    --runs 40 --output p_war_120
has "$tmp/out" "Morris sensitivity of iran-2025 under maximum_pressure: 3 parameters, 6 trajectories" \
    "morris: title"
first=$(awk '/^  parameter/ { getline; print $1; exit }' "$tmp/out")
if [ "$first" = "behaviour.conflict.escalation_base" ]; then ok; else
    bad "morris ranks $first first"; fi

# too few samples, bad methods and outputs
expect_exit 2 "too few base samples" "$BRINK" sensitivity --base 8
has "$tmp/err" "need at least 16 base samples" "too few base samples: message"
expect_exit 2 "too few trajectories" "$BRINK" sensitivity --method morris --trajectories 1
has "$tmp/err" "at least 2 trajectories" "too few trajectories: message"
expect_exit 2 "odd levels" "$BRINK" sensitivity --method morris --levels 3
expect_exit 2 "unknown method" "$BRINK" sensitivity --method fast
expect_exit 2 "unknown output" "$BRINK" sensitivity --output p_peace_60
expect_exit 2 "unknown path" "$BRINK" sensitivity --param target.trst=0:1
has "$tmp/err" "did you mean 'trust'?" "unknown path: no suggestion"
expect_exit 2 "empty range" "$BRINK" sensitivity --param target.trust=0.5:0.2
: >"$tmp/afile"
expect_exit 2 "--resume to a file" "$BRINK" sensitivity --resume "$tmp/afile"
has "$tmp/err" "not a directory" "--resume to a file: no reason given"
# a snapshot of the same parameters on another scale is another job's
lin="--param exports.crude.grey_discount=0.08:0.2 --param target.trust=0.1:0.6"
# shellcheck disable=SC2086
expect_exit 0 "sobol with --resume" "$BRINK" sensitivity $lin --base 16 --runs 10 \
    --format json -q --resume "$tmp/ck"
# shellcheck disable=SC2086
expect_exit 2 "resumed with a log scale" "$BRINK" sensitivity $lin:log --base 16 --runs 10 \
    --format json -q --resume "$tmp/ck"
has "$tmp/err" "another job" "a log scale resumed from a linear one: no reason given"
finish
