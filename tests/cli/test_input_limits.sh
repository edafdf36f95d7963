#!/bin/sh
# Inputs that once took time or gave a wrong exit code: a scenario with many
# distinct or repeated keys (the duplicate-key check and the did-you-mean
# search were quadratic), a game file nested 100,000 levels deep (it skipped
# the depth check), paths that name no readable file (exit 1, not 2), --set
# with a null section (silently did nothing), the size limits with their own
# messages, and a rounded message.
# Each case must end with its exit code within LIMIT seconds of CPU time
# (CPU, not wall-clock time: a loaded machine must not fail the test; the
# former hangs took minutes of CPU), and within 10 minutes of wall time.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
LIMIT=${BRINK_TEST_TIME_LIMIT:-20}

# within NAME CODE PATTERN brink-args...: exit code CODE within LIMIT seconds
# of CPU, and PATTERN (a fixed string) in stderr ($tmp/err)
within() {
    name=$1 code=$2 pattern=$3
    shift 3
    (ulimit -t "$LIMIT" && exec timeout 600 "$BRINK" "$@") >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 124 ]; then
        bad "$name: still running after 600 s"
    elif [ "$rc" -ge 128 ]; then
        bad "$name: killed (exit $rc): more than $LIMIT s of CPU"
    elif [ "$rc" -ne "$code" ]; then
        bad "$name: exit $rc, expected $code: $(head -n 3 "$tmp/err")"
    else
        has "$tmp/err" "$pattern" "$name: no '$pattern' in: $(head -n 3 "$tmp/err")"
    fi
}

# ---- many keys ---------------------------------------------------------------
# 65,536 distinct unknown keys at the top (43 s before), and 500,000 in a
# section, about 10 MB (minutes before).
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "k%d: 1\n", i }' >"$tmp/keys.yaml"
within keys_64k 2 "unknown key 'k0'" show "$tmp/keys.yaml"
has "$tmp/err" "more problems not shown" "keys_64k: no count of the rest"
awk 'BEGIN { print "target:"; for (i = 0; i < 500000; i++) printf "  key_%07d: 1\n", i }' \
    >"$tmp/big.yaml"
within keys_10mb 2 "target.key_0000000: unknown key" show "$tmp/big.yaml"
# as many repeated keys: each is reported against the first
awk 'BEGIN { print "target:"; for (i = 0; i < 300000; i++) print "  trust: 0.5" }' \
    >"$tmp/dup.yaml"
within dup_keys 2 "target.trust: duplicate key 'trust'" show "$tmp/dup.yaml"
has "$tmp/err" "hint: first given at line 2" "dup_keys: no hint"
# the timeline and the history: many keys, linear to refuse
awk 'BEGIN { print "timeline:\n  - month: 1\n    set:"; for (i = 0; i < 200000; i++) printf "      k%d: 1\n", i }' \
    >"$tmp/timeline.yaml"
within timeline_keys 2 "too many timeline actions (at most 64)" show "$tmp/timeline.yaml"
awk 'BEGIN { print "history:\n  outcome: deal\n  outcome_month: 1\n  observed:"; for (i = 0; i < 200000; i++) printf "    v%d: {months: [1], values: [1]}\n", i }' \
    >"$tmp/history.yaml"
within history_keys 2 "history.observed.v0" show "$tmp/history.yaml"

# ---- deep game files ------------------------------------------------------------
awk 'BEGIN { printf "payoffs: "; for (i = 0; i < 100000; i++) printf "["; print "" }' \
    >"$tmp/deep.yaml"
within game_deep 2 "nesting deeper than 32 levels" game "$tmp/deep.yaml"
awk 'BEGIN { printf "payoffs:\n"; for (i = 0; i < 20000; i++) printf "- "; print "1" }' \
    >"$tmp/deep2.yaml"
within game_deep_block 2 "nesting deeper than 32 levels" game "$tmp/deep2.yaml"

# ---- paths that name no readable scenario: bad input, exit 2 ----------------------
mkdir "$tmp/dir"
: >"$tmp/file"
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "x" }')
within path_directory 2 "Is a directory" run "$tmp/dir"
within path_through_file 2 "Not a directory" run "$tmp/file/x.yaml"
within path_too_long 2 "File name too long" run "$tmp/$long.yaml"
within game_directory 2 "error" game "$tmp/dir"

# ---- --set with a null where a section goes ---------------------------------------
within set_null_entity 2 \
    "policies.maximum_pressure: expected a mapping of values to change, found null" \
    run --set 'policies.maximum_pressure=~'
within set_null_section 2 "target: expected a mapping of values to change, found null" \
    run --set 'target=~'
within set_null_subsection 2 "target.fx: expected a mapping of values to change, found null" \
    run --set 'target.fx=null'
within set_null_map 2 \
    "third_parties.china_state.buys: expected a mapping of values to change, found null" \
    run --set 'third_parties.china_state.buys=~'
within set_null_history 2 "history: expected a mapping of values to change, found null" \
    run --set 'history=~'
# where null means something (no label, every issue), it is still accepted
expect_exit 0 "a null label or issue list is refused" "$BRINK" run --months 2 \
    --set 'policies.maximum_pressure.label=~' --set 'policies.maximum_pressure.issues=~'

# ---- size limits: each with its own message (docs/testing.md, "Limits") ----------------
a300=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "a" }')
within set_path_long 2 "path of 307 bytes is too long (at most 255)" run --set "target.$a300=1"
a1100=$(awk 'BEGIN { for (i = 0; i < 1100; i++) printf "a" }')
within arm_set_long 2 "is longer than 1023 bytes" claims --runs 5 --claim 1 \
    --arm-set "target.label=$a1100"
sets=""
i=0
while [ $i -lt 257 ]; do sets="$sets --set target.trust=0.5"; i=$((i + 1)); done
# shellcheck disable=SC2086
within set_count 2 "too many --set options (at most 256)" run $sets
head -c 16777217 /dev/zero | tr '\0' '#' >"$tmp/huge.yaml"
within scenario_size 2 "is too large for a scenario" show "$tmp/huge.yaml"
within game_size 2 "file too large" game "$tmp/huge.yaml"

# ---- messages -----------------------------------------------------------------------
# 0.12 is replaced by 0.0 in a set of shares that summed to 1: 0.88, not
# 0.8799999999999999
within buyer_share_sum 2 "the buyers' shares of export 'crude' sum to 0.88, not 1" \
    run --set third_parties.china_state.buys.crude=0
finish
