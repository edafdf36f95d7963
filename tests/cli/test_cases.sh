#!/bin/sh
# Historical cases: each scenario with a history loads as a built-in, shows
# its history, survives a round trip through show, and runs.
set -u
: "${BRINK:?}" "${BRINK_SOURCE_DIR:?}"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# The eight cases of docs/cases.md, plus any other scenario with a history.
cases="iran-2012 iran-2018 libya-1992 iraq-1991 north-korea-2016 venezuela-2019
russia-2022 south-africa-1986"
for f in "$BRINK_SOURCE_DIR"/scenarios/*.yaml; do
    n=$(basename "$f" .yaml)
    if grep -q '^history:' "$f"; then
        case " $(echo $cases) " in
            *" $n "*) ;;
            *) cases="$cases $n" ;;
        esac
    fi
done

"$BRINK" scenarios >"$tmp/list" 2>&1 || bad "brink scenarios exited non-zero"
for n in $cases; do
    f="$BRINK_SOURCE_DIR/scenarios/$n.yaml"
    if [ -f "$f" ]; then ok; else bad "$n: no file scenarios/$n.yaml"; continue; fi
    if grep -q "^$n " "$tmp/list"; then ok; else bad "$n: not listed by brink scenarios"; fi
    if "$BRINK" show "$n" >"$tmp/$n.yaml" 2>"$tmp/err"; then ok; else
        bad "brink show $n failed"; cat "$tmp/err" >&2; continue
    fi
    if grep -q '^  outcome: ' "$tmp/$n.yaml"; then ok; else bad "$n: no history outcome in show"; fi
    want=$(sed -n 's/^  outcome: *//p' "$f" | head -n 1)
    got=$(sed -n 's/^  outcome: *//p' "$tmp/$n.yaml" | head -n 1)
    if [ -n "$want" ] && [ "$want" = "$got" ]; then ok; else bad "$n: outcome '$got', file says '$want'"; fi
    if grep -q '^  policy: historical$' "$tmp/$n.yaml"; then ok; else bad "$n: history policy is not 'historical'"; fi
    # behavioural parameters take the shared defaults: no behaviour section
    if sed 's/#.*//' "$f" | grep -Eq '^behaviour *:|^ *behaviour\.'; then
        bad "$n: the case sets behavioural parameters"
    else ok; fi
    # the same prior over resolve as the default case
    prior=$("$BRINK" show iran-2025 | grep '^  resolve: ')
    if [ -n "$prior" ] && grep -qxF "$prior" "$tmp/$n.yaml"; then ok; else
        bad "$n: its resolve prior differs from the default case's ($prior)"
    fi
    "$BRINK" show "$tmp/$n.yaml" >"$tmp/$n.again.yaml" 2>"$tmp/err"
    if cmp -s "$tmp/$n.yaml" "$tmp/$n.again.yaml"; then ok; else bad "$n: round trip through show differs"; fi
    if "$BRINK" run "$n" --format json >"$tmp/$n.json" 2>"$tmp/err"; then ok; else
        bad "brink run $n --format json failed"; cat "$tmp/err" >&2; continue
    fi
    if grep -q '"outcome": "' "$tmp/$n.json"; then ok; else bad "$n: no outcome in the JSON summary"; fi
    if "$BRINK" run "$n" --policy status_quo --format json >/dev/null 2>"$tmp/err"; then ok; else
        bad "brink run $n --policy status_quo failed"; cat "$tmp/err" >&2
    fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
