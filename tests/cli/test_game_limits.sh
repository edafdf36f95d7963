#!/bin/sh
# brink game on games that once gave a wrong answer or unbounded output:
# payoffs near +-1e308 (the scaling overflowed and a "degenerate game" with
# false equilibria came out) and an identity game with 2^n - 1 equilibria
# (all printed, no cap, no warning).
set -eu
: "${BRINK:?set BRINK to the brink binary}"
: "${BRINK_FIXTURES:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# run NAME brink-args...: exit 0 expected; stdout in $tmp/out
run() {
    name=$1
    shift
    set +e
    "$BRINK" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 0 ] || fail "$name: exit $rc: $(head -n 3 "$tmp/err")"
}

# ---- extreme payoffs: the unique equilibrium is the 50/50 mix ------------------
cat >"$tmp/extreme.yaml" <<'EOF'
payoffs:
  - [[1e308, -1e308], [0, 0]]
  - [[1, 2], [2, 1]]
EOF
run extreme game "$tmp/extreme.yaml"
grep -qF "nondegenerate game: 1 equilibrium" "$tmp/out" || fail "extreme: $(grep game "$tmp/out")"
grep -qF "row: r1 0.5, r2 0.5" "$tmp/out" || fail "extreme: row strategy"
grep -qF "column: c1 0.5, c2 0.5" "$tmp/out" || fail "extreme: column strategy"
echo "ok: extreme payoffs"

# ---- an identity game: 4095 equilibria, 1000 printed by default -----------------------
run identity game "$BRINK_FIXTURES/game/identity12.json"
grep -qF "nondegenerate game: 4095 equilibria" "$tmp/out" || fail "identity: count"
grep -qF "only the first 1000 are shown" "$tmp/out" || fail "identity: no note of the cap"
[ "$(grep -c '^#' "$tmp/out")" -eq 1000 ] || fail "identity: $(grep -c '^#' "$tmp/out") printed"
run identity_cap game "$BRINK_FIXTURES/game/identity12.json" --max-equilibria 3 --format json
grep -qF '"total": 4095' "$tmp/out" || fail "identity json: total"
[ "$(grep -o '"strategies"' "$tmp/out" | wc -l)" -eq 3 ] || fail "identity json: not 3 listed"
run identity_all game "$BRINK_FIXTURES/game/identity12.json" --max-equilibria=5000
[ "$(grep -c '^#' "$tmp/out")" -eq 4095 ] || fail "identity: --max-equilibria 5000"
if grep -qF "only the first" "$tmp/out"; then fail "identity: a cap noted with none applied"; fi
for bad in 0 -1 " 5" +5 10000001 x; do
    set +e
    "$BRINK" game "$BRINK_FIXTURES/game/identity12.json" --max-equilibria "$bad" >/dev/null 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "--max-equilibria '$bad': exit $rc"
    grep -qF "is not an integer in [1, 10000000]" "$tmp/err" || fail "--max-equilibria '$bad'"
done
echo "ok: equilibria capped"
echo "all ok"
