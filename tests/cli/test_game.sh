#!/bin/sh
# brink game FILE: equilibria of the example game, as a table and as JSON.
set -eu
: "${BRINK:?set BRINK to the brink binary}"
: "${BRINK_FIXTURES:?}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

game="$BRINK_FIXTURES/game/pressure.yaml"

"$BRINK" game "$game" >"$tmp/table" || fail "table: exit $?"
grep -q "nondegenerate game: 3 equilibria" "$tmp/table" || fail "table: count"
grep -q "sender: tighten 0.5, hold 0.5" "$tmp/table" || fail "table: mixed"
grep -q "payoffs: sender 1.5, target 1.5" "$tmp/table" || fail "table: payoffs"
grep -q "tighten  3, 3" "$tmp/table" || fail "table: matrix"

"$BRINK" game "$game" --format json >"$tmp/json" || fail "json: exit $?"
expected='{"degenerate": false, "total": 3, "equilibria": [{"strategies": [[1, 0, 0], [1, 0, 0]], "payoffs": [3, 3]}, {"strategies": [[0.5, 0.5, 0], [0.5, 0.5, 0]], "payoffs": [1.5, 1.5]}, {"strategies": [[0, 1, 0], [0, 1, 0]], "payoffs": [3, 3]}]}'
[ "$(cat "$tmp/json")" = "$expected" ] || fail "json: got $(cat "$tmp/json")"
cmake -DFILE="$tmp/json" -P "$here/game_json.cmake" >"$tmp/parsed" 2>&1 ||
    fail "json does not parse: $(cat "$tmp/parsed")"
grep -q "degenerate=OFF count=3 first=1,1" "$tmp/parsed" || fail "json: $(cat "$tmp/parsed")"

# --format=json, JSON input, and a degenerate game
cat >"$tmp/d.json" <<'JSON'
{"payoffs": [[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]]}
JSON
"$BRINK" game --format=json "$tmp/d.json" >"$tmp/dj" || fail "degenerate: exit $?"
cmake -DFILE="$tmp/dj" -P "$here/game_json.cmake" >"$tmp/parsed" 2>&1 || fail "degenerate json"
grep -q "degenerate=ON count=3" "$tmp/parsed" || fail "degenerate: $(cat "$tmp/parsed")"
grep -q '"strategies": \[\[0, 0.333333333333333, 0.666666666666667\], \[0.333333333333333, 0.666666666666667\]\], "payoffs": \[4, 2.66666666666667\]' "$tmp/dj" ||
    fail "degenerate: values $(cat "$tmp/dj")"
"$BRINK" game "$tmp/d.json" | grep -q "degenerate game: 3 extreme equilibria" ||
    fail "degenerate table"

# help and usage
"$BRINK" game --help | grep -q "usage: brink game FILE" || fail "help"
"$BRINK" --help | grep -q "game .*Nash equilibria" || fail "listed in brink --help"
set +e
"$BRINK" game >/dev/null 2>&1; [ $? -eq 2 ] || fail "no file: exit code"
"$BRINK" game "$game" --format xml >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad format"
"$BRINK" game "$game" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad option"
"$BRINK" game "$game" "$game" >/dev/null 2>&1; [ $? -eq 2 ] || fail "two files"
echo "ok"
