#!/bin/sh
# brink show never crashes on garbage files: exit code 2 (bad input) only.
# The files are generated deterministically from the default case.
set -u
: "${BRINK:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
"$BRINK" show -o "$tmp/base.yaml" || { echo "FAIL: show" >&2; exit 1; }
size=$(wc -c <"$tmp/base.yaml")

check() {
    "$BRINK" show "$1" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne 2 ]; then
        echo "FAIL: $2: exit $rc" >&2
        sed 's/^/    /' "$tmp/err" | head -20 >&2
        fails=$((fails + 1))
    fi
}

# truncations
for n in 1 10 100 1000 3000 5000 7000; do
    [ "$n" -lt "$size" ] || continue
    head -c "$n" "$tmp/base.yaml" >"$tmp/t.yaml"
    check "$tmp/t.yaml" "truncated at $n"
done
# deterministic binary noise (awk's rand with a fixed seed)
for seed in 1 2 3 4 5; do
    awk -v seed="$seed" 'BEGIN { srand(seed); for (i = 0; i < 2000; i++) printf "%c", int(rand() * 255) + 1 }' \
        >"$tmp/r.yaml"
    check "$tmp/r.yaml" "noise $seed"
done
# noise spliced into the middle of a valid file
for seed in 1 2 3; do
    head -c 2000 "$tmp/base.yaml" >"$tmp/m.yaml"
    awk -v seed="$seed" 'BEGIN { srand(seed); for (i = 0; i < 50; i++) printf "%c", int(rand() * 94) + 33 }' \
        >>"$tmp/m.yaml"
    tail -c +2050 "$tmp/base.yaml" >>"$tmp/m.yaml"
    check "$tmp/m.yaml" "spliced $seed"
done
# NUL bytes, an empty file, a directory, deep nesting
printf 'name: x\000y\n' >"$tmp/nul.yaml"
check "$tmp/nul.yaml" "nul byte"
: >"$tmp/empty.yaml"
check "$tmp/empty.yaml" "empty file"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >"$tmp/deep.yaml"
check "$tmp/deep.yaml" "deep nesting"
awk 'BEGIN { printf "a: "; for (i = 0; i < 20000; i++) printf "- "; print "x" }' >"$tmp/deep2.yaml"
check "$tmp/deep2.yaml" "deep block nesting"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "ok"
