#!/bin/sh
# brink game --scenario (the no-win matrix), brink tioli and brink zopa on the
# default case: what they print follows from the model's values, the sender's
# values come from the scenario's parameters, and bad input exits with 2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# json FILE KEY...: one value of a JSON file (booleans print ON/OFF)
json() {
    f=$1
    shift
    keys=$(printf '%s;' "$@")
    cmake -DFILE="$f" -DKEYS="${keys%;}" -P "$here/json_get.cmake"
}
# jlen FILE KEY...: the size of a JSON array or object
jlen() {
    f=$1
    shift
    keys=$(printf '%s;' "$@")
    cmake -DFILE="$f" -DKEYS="${keys%;}" -DLENGTH=1 -P "$here/json_get.cmake"
}
# near A B TOL: |A - B| <= TOL
near() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'
}

# ---- the no-win matrix at month 12 under maximum pressure -----------------
# A leadership more resolved than the median (the median one accepts maximum
# pressure's offer within a year on this seed), so that at month 12 the
# confrontation is still on.
hold="--set target.resolve=0.8"
# shellcheck disable=SC2086
expect_exit 0 "game --scenario" "$BRINK" game --scenario --policy maximum_pressure --month 12 $hold
for word in tighten hold relax accept reject escalate equilibri "vs s.quo" \
    "no-win: yes" "every cell worse than the pre-crisis value: yes"; do
    has "$tmp/out" "$word" "game --scenario: no '$word' in the table"
done
# shellcheck disable=SC2086
expect_exit 0 "game --scenario json" "$BRINK" game --scenario iran-2025 --month 12 $hold --format json
cp "$tmp/out" "$tmp/nw.json"
check "no-win json: no_win" [ "$(json "$tmp/nw.json" no_win)" = ON ]
check "no-win json: no_win_pre_crisis" [ "$(json "$tmp/nw.json" no_win_pre_crisis)" = ON ]
check "no-win json: accept_worse" [ "$(json "$tmp/nw.json" against_status_quo accept_worse)" = ON ]
check "no-win json: nine cells" [ "$(jlen "$tmp/nw.json" cells)" = 9 ]
check "no-win json: one equilibrium" [ "$(jlen "$tmp/nw.json" equilibria)" = 1 ]
# (relax, reject): rejecting is best for the target in every row, and the
# sender does best against a refusal by relaxing
check "no-win json: relax" [ "$(json "$tmp/nw.json" equilibria 0 strategies 0 2)" = 1 ]
check "no-win json: reject" [ "$(json "$tmp/nw.json" equilibria 0 strategies 1 1)" = 1 ]
# the step is the policy's ramp (maximum_pressure: 0.03); the value of a USD bn
# the parameter's default
check "no-win json: step" near "$(json "$tmp/nw.json" step)" 0.03 1e-12
check "no-win json: value_per_usd_bn" near "$(json "$tmp/nw.json" value_per_usd_bn)" 0.02 1e-12
s=$(json "$tmp/nw.json" sanctions)
check "no-win json: tighten by the ramp" \
    near "$(json "$tmp/nw.json" actions 0 sanctions)" "$(awk -v s="$s" 'BEGIN { x = s + 0.03; print (x > 1 ? 1 : x) }')" 1e-9
# the sender's only cost is the posture: 60 months x 0.6 x 0.8 = 28.8 USD bn
check "no-win json: posture cost" near "$(json "$tmp/nw.json" cells 4 sender_cost_usd_bn)" 28.8 1e-9
# the senders' value of a USD bn is a parameter: at 0 the cost no longer
# weighs, so holding out against a target that rejects is worth 0.02 x 28.8
# more to the sender
# shellcheck disable=SC2086
expect_exit 0 "game --set value_per_usd_bn" \
    "$BRINK" game --scenario --month 12 $hold --set coalition.value_per_usd_bn=0 --format json
cp "$tmp/out" "$tmp/nw0.json"
check "value_per_usd_bn echoed" near "$(json "$tmp/nw0.json" value_per_usd_bn)" 0 0
check "value_per_usd_bn weighs the cost" near "$(json "$tmp/nw0.json" cells 4 sender)" \
    "$(awk -v u="$(json "$tmp/nw.json" cells 4 sender)" 'BEGIN { printf "%.12f", u + 0.02 * 28.8 }')" 1e-9
# the target's payoffs do not depend on the sender's values
check "target unchanged" near "$(json "$tmp/nw0.json" cells 4 target)" \
    "$(json "$tmp/nw.json" cells 4 target)" 0

# not no-win: a policy that never moves sanctions does not punish a refusal
expect_exit 0 "game status_quo" "$BRINK" game --scenario --policy status_quo --month 0
has "$tmp/out" "no-win: no" "status_quo: no-win should not hold"
# not worse than before the crisis: an inducement worth more than the costs a
# deal leaves (staged reciprocity's first step carries 0.15 / 0.8 of it)
expect_exit 0 "game staged with an inducement" "$BRINK" game --scenario --policy staged_reciprocity \
    --month 0 --set inducements.fuel_consortium.value_gdp_months=100
has "$tmp/out" "every cell worse than the pre-crisis value: no" "staged: pre-crisis verdict"
expect_exit 0 "game --step" "$BRINK" game --policy status_quo --month 0 --step 0.3 --format json
check "game --step echoed" near "$(json "$tmp/out" step)" 0.3 0

# ---- take-it-or-leave-it -------------------------------------------------
expect_exit 0 "tioli" "$BRINK" tioli
has "$tmp/out" "resolve after a rejection" "tioli: no posterior"
has "$tmp/out" "sender's value of no deal" "tioli: no value of no deal"
# shellcheck disable=SC2086
expect_exit 0 "tioli json" "$BRINK" tioli iran-2025 --month 12 $hold --format json
cp "$tmp/out" "$tmp/t.json"
has "$tmp/t.json" '"belief_after_rejection"' "tioli json: no posterior"
# U_S(no deal) is the no-win matrix's hold/reject payoff, the same state
check "tioli: value of no deal = no-win hold/reject" \
    near "$(json "$tmp/t.json" value_no_deal)" "$(json "$tmp/nw.json" cells 4 sender)" 1e-9
check "tioli: deal payoff = no-win hold/accept" \
    near "$(json "$tmp/t.json" standing sender_deal)" "$(json "$tmp/nw.json" cells 3 sender)" 1e-9
expect_exit 0 "tioli staged" "$BRINK" tioli --policy staged_reciprocity --month 12

# ---- the zone of possible agreement, with files ---------------------------
# shellcheck disable=SC2086
expect_exit 0 "zopa" "$BRINK" zopa --policy maximum_pressure --month 12 $hold --runs 20 --out "$tmp/z"
has "$tmp/out" "bundled" "zopa: table"
has "$tmp/out" "Wilson" "zopa: draws"
check "zopa: zopa.json" [ -s "$tmp/z/zopa.json" ]
check "zopa: CSV header" [ "$(head -n 1 "$tmp/z/zopa_grid.csv")" = \
    'mode,issue,concession,relief,target_net,sender_gain,in_zopa' ]
rows=$(wc -l <"$tmp/z/zopa_grid.csv")
check "zopa: $rows CSV lines" [ "$rows" -eq $((1 + 4 * 101 * 101)) ]
# free relief is taken: with nothing conceded, any relief is a gain to the target
bad_rows=$(awk -F, '$1 == "bundled" && $3 == 0 && $4 > 0 && !($5 > 0)' "$tmp/z/zopa_grid.csv" | wc -l)
check "zopa: free relief refused in $bad_rows rows" [ "$bad_rows" -eq 0 ]
# the null agreement is not in the zone; in_zopa means neither loses and one gains
check "zopa: null agreement" [ "$(awk -F, '$1 == "bundled" && $3 == 0 && $4 == 0 { print $7 }' "$tmp/z/zopa_grid.csv")" = 0 ]
wrong=$(awk -F, 'NR > 1 && ($7 == 1) != ($5 >= 0 && $6 >= 0 && ($5 > 0 || $6 > 0))' "$tmp/z/zopa_grid.csv" | wc -l)
check "zopa: in_zopa disagrees in $wrong rows" [ "$wrong" -eq 0 ]
expect_exit 0 "zopa json" "$BRINK" zopa --runs 0 --format json
has "$tmp/out" '"uncertainty": null' "zopa --runs 0: uncertainty"
check "zopa: value of no deal" [ "$(json "$tmp/out" value_no_deal | cut -c1)" = - ]

# ---- bad input: exit 2 with a message --------------------------------------
for cmd in "game --scenario" tioli zopa; do
    for arg in "--policy no_such_policy" "--month 9999" "--month -1" "--month twelve" \
        "--set no.such.parameter=1" "--format xml" "--set coalition.value_per_usd_bn=-1"; do
        # shellcheck disable=SC2086
        expect_exit 2 "$cmd $arg" "$BRINK" $cmd $arg
        check "$cmd $arg: no message" [ -s "$tmp/err" ]
    done
done
for args in "zopa --runs -5" "zopa --runs many" "zopa --runs 1e3" "zopa --runs" "tioli one two" \
    "game --scenario --step 1.5" "game --scenario --step -0.1" "game --scenario --usd-value 0.02" \
    "zopa --bogus"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$args" "$BRINK" $args
done
expect_exit 2 "game FILE --month" "$BRINK" game "$BRINK_FIXTURES/game/pressure.yaml" --month 3

finish
