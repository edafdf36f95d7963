#!/bin/sh
# brink show / scenarios / params: output, round trip, exit codes and
# error positions for every class of scenario error.
set -u
: "${BRINK:?}" "${BRINK_FIXTURES:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# expect_error CODE NEEDLE CMD...: exit code CODE and NEEDLE on stderr.
expect_error() {
    code=$1
    needle=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq "$code" ] || fail "$* exited $rc, expected $code"
    grep -qF -- "$needle" "$tmp/err" || {
        fail "$*: stderr lacks '$needle'"
        sed 's/^/    /' "$tmp/err" >&2
    }
}

# the default case, fully resolved, loads back to the same text
"$BRINK" show >"$tmp/a.yaml" || fail "show default"
grep -q '^name: iran-2025$' "$tmp/a.yaml" || fail "show: no name"
grep -q '^  policy: maximum_pressure$' "$tmp/a.yaml" || fail "show: no default policy"
"$BRINK" show "$tmp/a.yaml" >"$tmp/b.yaml" || fail "show of shown file"
cmp -s "$tmp/a.yaml" "$tmp/b.yaml" || fail "round trip through show differs"
"$BRINK" show iran-2025 -o "$tmp/c.yaml" || fail "show -o"
cmp -s "$tmp/a.yaml" "$tmp/c.yaml" || fail "show -o differs from stdout"
"$BRINK" show --output="$tmp/d.yaml" || fail "show --output="
cmp -s "$tmp/a.yaml" "$tmp/d.yaml" || fail "show --output= differs"
ls "$tmp" | grep -q 'tmp\.' && fail "temporary file left behind"

# overrides
"$BRINK" show --set 'target.resolve={normal: [1, 2]}' --set=third_parties.india.exposure=0.3 \
    --set policies.staged_reciprocity.channel=public --set simulation.policy=status_quo \
    >"$tmp/s.yaml" || fail "show --set"
grep -q 'resolve: {normal: \[1, 2\]}' "$tmp/s.yaml" || fail "--set distribution not shown"
grep -q '^  policy: status_quo$' "$tmp/s.yaml" || fail "--set simulation.policy not shown"

# help and usage
"$BRINK" show --help | grep -q '^usage: brink show' || fail "show --help"
"$BRINK" scenarios --help >/dev/null || fail "scenarios --help"
"$BRINK" params --help >/dev/null || fail "params --help"
expect_error 2 "unknown option '--bogus'" "$BRINK" show --bogus
expect_error 2 "needs a value" "$BRINK" show --set
expect_error 2 "more than one scenario" "$BRINK" show a b
expect_error 2 "unexpected argument" "$BRINK" scenarios extra
expect_error 2 "unknown format 'xml'" "$BRINK" params --format xml

# scenarios and params
"$BRINK" scenarios | grep -q '^iran-2025  *US maximum pressure on Iran, 2025$' ||
    fail "scenarios listing"
"$BRINK" params >"$tmp/p.txt" || fail "params"
grep -q '^third_parties.<id>.buys.<export good> ' "$tmp/p.txt" || fail "params: entity path"
grep -q '^senders.<id>.legal_form ' "$tmp/p.txt" || fail "params: sender path"
"$BRINK" params --format markdown >"$tmp/p.md" || fail "params markdown"
head -1 "$tmp/p.md" | grep -q '^| Parameter | Kind | Unit | Allowed | Plausible | Default | Description | Source |$' ||
    fail "params markdown header"
grep -qF '| `policies.<id>.milestones.<n>.relief` | number | share | [0, 1] | [0.05, 0.5] | required |' "$tmp/p.md" ||
    fail "params markdown row"
grep -qF '| `policies.<id>.channel` | choice |  | public, private | public, private | public |' "$tmp/p.md" ||
    fail "params markdown enum row"

# every class of error: exit 2 and file:line:column, path, message
F=$BRINK_FIXTURES
expect_error 2 "$F/bad_syntax.yaml:5:4: error: malformed yaml: did not find expected key" \
    "$BRINK" show "$F/bad_syntax.yaml"
expect_error 2 "$F/bad_unknown_key.yaml:4:5: error: target.economy.growht: unknown key 'growht'" \
    "$BRINK" show "$F/bad_unknown_key.yaml"
expect_error 2 "hint: did you mean 'growth'?" "$BRINK" show "$F/bad_unknown_key.yaml"
expect_error 2 "$F/bad_type.yaml:3:39: error: senders.s.enforcement: expected a number, found a string 'high'" \
    "$BRINK" show "$F/bad_type.yaml"
expect_error 2 "$F/bad_type.yaml:5:12: error: target.economy: expected a mapping, found a list" \
    "$BRINK" show "$F/bad_type.yaml"
expect_error 2 "$F/bad_range.yaml:5:15: error: third_parties.china_state.exposure: value 1.5 is outside the allowed range [0, 1]" \
    "$BRINK" show "$F/bad_range.yaml"
expect_error 2 "$F/bad_missing.yaml:3:3: error: third_parties.china_state.exposure.s: missing required field 's'" \
    "$BRINK" show "$F/bad_missing.yaml"
expect_error 2 "$F/bad_shares.yaml:2:1: error: third_parties.<id>.buys.oil: the buyers' shares of export 'oil' sum to 0.9, not 1" \
    "$BRINK" show "$F/bad_shares.yaml"
expect_error 2 "$F/bad_timeline.yaml:11:33: error: timeline.3.set.senders.s.enforcment: unknown parameter path 'senders.s.enforcment'" \
    "$BRINK" show "$F/bad_timeline.yaml"
expect_error 2 "hint: did you mean 'senders.s.enforcement'?" "$BRINK" show "$F/bad_timeline.yaml"
expect_error 2 "$F/bad_reference.yaml:10:23: error: policies.first.issues: unknown issue 'nukes'" \
    "$BRINK" show "$F/bad_reference.yaml"
expect_error 2 "$F/bad_reference.yaml:11:17: error: policies.first.on_success: unknown policy 'secnod'" \
    "$BRINK" show "$F/bad_reference.yaml"
expect_error 2 "$F/bad_reference.yaml:19:9: error: policies.second.milestones.1.issue: issue 'missiles' is not among the policy's issues" \
    "$BRINK" show "$F/bad_reference.yaml"
expect_error 2 "$F/bad_distribution.yaml:3:10: error: target.trust: uniform needs low < high" \
    "$BRINK" show "$F/bad_distribution.yaml"
expect_error 2 "$F/bad_duplicate.yaml:4:3: error: issues.nuclear: duplicate id 'nuclear'" \
    "$BRINK" show "$F/bad_duplicate.yaml"
expect_error 2 "$F/bad_empty.yaml:3:1: error: policies: at least one policy is required" \
    "$BRINK" show "$F/bad_empty.yaml"
expect_error 2 "$F/bad_reserves.yaml:5:27: error: target.fx.reserve_floor_usd_bn: reserve floor 12 is above the reserves 10" \
    "$BRINK" show "$F/bad_reserves.yaml"
# the caret line
expect_error 2 "      5 |     exposure: 1.5" "$BRINK" show "$F/bad_range.yaml"

# unknown scenario, bad --set
expect_error 2 "no built-in scenario or file named 'nope'" "$BRINK" show nope
expect_error 2 "hint: built-in scenarios: iran-2025" "$BRINK" show nope
expect_error 2 "--set:1:15: error: expected PATH=VALUE, found no '='" \
    "$BRINK" show --set target.resolve
expect_error 2 "--set:1:8: error: target.resolv: unknown key 'resolv'" \
    "$BRINK" show --set target.resolv=2
expect_error 2 "hint: did you mean 'resolve'?" "$BRINK" show --set target.resolv=2
expect_error 2 "--set:1:30: error: third_parties.india.exposure: expected a number" \
    "$BRINK" show --set third_parties.india.exposure=abc
expect_error 2 "--set:1:30: error: third_parties.india.exposure: value 1.3 is outside the allowed range [0, 1]" \
    "$BRINK" show --set third_parties.india.exposure=1.3
expect_error 2 "--set:1:19: error: simulation.policy: unknown policy 'nope'" \
    "$BRINK" show --set simulation.policy=nope
expect_error 2 "  1 | third_parties.india.exposure=1.3" \
    "$BRINK" show --set third_parties.india.exposure=1.3

# errors in a built-in case would show its text; an unwritable output is a
# runtime failure
expect_error 1 "cannot create" "$BRINK" show -o "$tmp/no/such/dir/x.yaml"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "ok"
