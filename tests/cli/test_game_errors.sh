#!/bin/sh
# brink game FILE with bad input: exit code 2 and "file:line:column: error:
# path: message", never a crash.
set -eu
: "${BRINK:?set BRINK to the brink binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect NAME EXPECTED-STDERR-PREFIX < file contents
expect() {
    name=$1
    want=$2
    cat >"$tmp/$name.yaml"
    set +e
    "$BRINK" game "$tmp/$name.yaml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "$name: exit $rc, expected 2: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "$name: wrote to stdout"
    head -n 1 "$tmp/err" | grep -qF "$tmp/$name.yaml:$want" ||
        fail "$name: got '$(head -n 1 "$tmp/err")', expected '$want'"
}

expect malformed "2:1: error: malformed yaml: did not find expected ',' or ']'" <<'EOF2'
payoffs: [[[1, 2], [3, 4]], [[1, 2], [3, 4]]
EOF2
expect not_mapping "1:1: error: expected a mapping with 'payoffs'" <<'EOF2'
- 1
EOF2
expect missing "1:1: error: payoffs: missing" <<'EOF2'
players: [a, b]
EOF2
expect one_matrix "1:10: error: payoffs: expected two matrices" <<'EOF2'
payoffs: [[[1, 2], [3, 4]]]
EOF2
expect ragged "3:14: error: payoffs[1][1]: row has 3 entries, expected 2" <<'EOF2'
payoffs:
  - [[1, 2], [3, 4]]
  - [[1, 2], [3, 4, 5]]
EOF2
expect shape "3:5: error: payoffs[1]: 1 rows, but payoffs[0] has 2" <<'EOF2'
payoffs:
  - [[1, 2], [3, 4]]
  - [[1, 2]]
EOF2
expect not_number "3:18: error: payoffs[1][1][1]: expected a number, found 'x'" <<'EOF2'
payoffs:
  - [[1, 2], [3, 4]]
  - [[1, 2], [3, x]]
EOF2
expect quoted "1:16: error: payoffs[0][0][1]: expected a number, found '2'" <<'EOF2'
payoffs: [[[1, "2"]], [[1, 2]]]
EOF2
expect infinite "1:13: error: payoffs[0][0][0]: expected a number, found '.inf'" <<'EOF2'
payoffs: [[[.inf]], [[1]]]
EOF2
expect names "1:19: error: strategies[1]: 1 names for 2 columns" <<'EOF2'
strategies: [[a], [b]]
payoffs: [[[1, 2]], [[1, 2]]]
EOF2
expect players "1:10: error: players: expected exactly two players" <<'EOF2'
players: [a, b, c]
payoffs: [[[1, 2]], [[1, 2]]]
EOF2
expect unknown "1:1: error: payof: unknown key" <<'EOF2'
payof: [[[1, 2]], [[1, 2]]]
EOF2
expect empty "1:1: error: empty file" </dev/null

# over the size cap (64 strategies)
row=1
i=1
while [ $i -lt 65 ]; do row="$row, 1"; i=$((i + 1)); done
expect too_big "1:12: error: payoffs[0][0]: too many columns" <<EOF2
payoffs: [[[$row]], [[$row]]]
EOF2
grep -q "hint: at most 64 strategies per player" "$tmp/err" || fail "too_big: no hint"

# the caret line
expect caret "3:18: error:" <<'EOF2'
payoffs:
  - [[1, 2], [3, 4]]
  - [[1, 2], [3, x]]
EOF2
grep -q '^ *| *\^$' "$tmp/err" || fail "no caret: $(cat "$tmp/err")"

# a file that does not exist
set +e
"$BRINK" game "$tmp/nonexistent.yaml" 2>"$tmp/err"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "missing file: exit $rc"
grep -q "nonexistent.yaml: error: cannot open" "$tmp/err" || fail "missing file: message"
echo "ok"
