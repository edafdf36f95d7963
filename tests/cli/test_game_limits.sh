#!/bin/sh
# brink game on games that once gave a wrong answer or unbounded output:
# payoffs near +-1e308 (the scaling overflowed and a "degenerate game" with
# false equilibria came out) and an identity game with 2^n - 1 equilibria
# (all printed, no cap, no warning).
set -u
: "${BRINK_SOURCE_DIR:?}" "${BRINK_FIXTURES:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
identity="$BRINK_FIXTURES/game/identity12.json"

# ---- extreme payoffs: the unique equilibrium is the 50/50 mix ------------------
cat >"$tmp/extreme.yaml" <<'EOF'
payoffs:
  - [[1e308, -1e308], [0, 0]]
  - [[1, 2], [2, 1]]
EOF
expect_exit 0 "extreme payoffs" "$BRINK" game "$tmp/extreme.yaml"
has "$tmp/out" "nondegenerate game: 1 equilibrium" "extreme: $(grep game "$tmp/out")"
has "$tmp/out" "row: r1 0.5, r2 0.5" "extreme: row strategy"
has "$tmp/out" "column: c1 0.5, c2 0.5" "extreme: column strategy"

# ---- an identity game: 4095 equilibria, 1000 printed by default -----------------------
expect_exit 0 "identity" "$BRINK" game "$identity"
has "$tmp/out" "nondegenerate game: 4095 equilibria" "identity: count"
has "$tmp/out" "only the first 1000 are shown" "identity: no note of the cap"
n=$(grep -c '^#' "$tmp/out")
check "identity: $n printed, not 1000" [ "$n" -eq 1000 ]
expect_exit 0 "identity --max-equilibria 3" "$BRINK" game "$identity" --max-equilibria 3 \
    --format json
has "$tmp/out" '"total": 4095' "identity json: total"
n=$(grep -o '"strategies"' "$tmp/out" | wc -l)
check "identity json: $n listed, not 3" [ "$n" -eq 3 ]
expect_exit 0 "identity --max-equilibria=5000" "$BRINK" game "$identity" --max-equilibria=5000
n=$(grep -c '^#' "$tmp/out")
check "identity --max-equilibria 5000: $n printed" [ "$n" -eq 4095 ]
lacks "$tmp/out" "only the first" "identity: a cap noted with none applied"
for v in 0 -1 " 5" +5 10000001 x; do
    expect_exit 2 "--max-equilibria '$v'" "$BRINK" game "$identity" --max-equilibria "$v"
    has "$tmp/err" "is not an integer in [1, 10000000]" "--max-equilibria '$v': message"
done
# the no-win matrix's JSON carries the count too
expect_exit 0 "game --scenario --format json" "$BRINK" game --scenario --format json
has "$tmp/out" '"total": ' "no-win JSON: no total"
finish
