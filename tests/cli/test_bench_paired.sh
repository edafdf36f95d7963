#!/bin/sh
# bench/paired.py, the paired timing that docs/ensembles.md's figures come
# from: it runs both commands the number of pairs asked (alternated), prints
# the table of medians and ratios, names a command that fails (exit 1), and
# refuses bad usage (exit 2). Never a test of speed: no figure is compared.
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
    skip "python3 not found"
    exit 77
fi
paired="$BRINK_SOURCE_DIR/bench/paired.py"

# 1. every run happens: 3 pairs and 1 warm-up each, counted through a file
: >"$tmp/log"
expect_exit 0 "paired: 3 pairs" python3 "$paired" -n 3 "echo old >>$tmp/log" "echo new >>$tmp/log"
if [ "$(grep -c '^old$' "$tmp/log")" -eq 4 ] && [ "$(grep -c '^new$' "$tmp/log")" -eq 4 ]; then
    ok
else
    bad "paired: not 4 runs of each command: $(tr '\n' ' ' <"$tmp/log")"
fi
# alternated: NEW first in the first pair, OLD first in the second
if [ "$(sed -n '3,6p' "$tmp/log" | tr '\n' ' ')" = "new old old new " ]; then
    ok
else
    bad "paired: order of the pairs: $(tr '\n' ' ' <"$tmp/log")"
fi
has "$tmp/out" "pairs: 3 (OLD and NEW alternated)" "paired: no pair count"
has "$tmp/out" "NEW/OLD" "paired: no ratio table"
for row in "OLD " "NEW " "cpu " "wall "; do
    if grep -q "^$row" "$tmp/out"; then ok; else bad "paired: no row '$row'"; fi
done

# 2. with brink itself, one pair without warm-up
expect_exit 0 "paired: brink run" python3 "$paired" -n 1 --warmup 0 \
    "$BRINK run --seed 1 >/dev/null" "$BRINK run --seed 2 >/dev/null"
has "$tmp/out" "pairs: 1" "paired: one pair"

# 3. a command that fails is named, with its exit status and error output
expect_exit 1 "paired: failing NEW" python3 "$paired" -n 2 true "echo broken >&2; exit 3"
has "$tmp/err" "command failed (exit 3)" "paired: no exit status of the failure"
has "$tmp/err" "broken" "paired: no error output of the failing command"

# 4. bad usage
expect_exit 2 "paired: -n 0" python3 "$paired" -n 0 true true
has "$tmp/err" "must be at least 1" "paired: -n 0 message"
expect_exit 2 "paired: one command" python3 "$paired" true
expect_exit 2 "paired: --warmup -1" python3 "$paired" --warmup -1 true true
finish
