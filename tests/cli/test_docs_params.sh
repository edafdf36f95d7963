#!/bin/sh
# docs/model.md carries the parameter table exactly as `brink params --format markdown` prints it.
set -eu
doc="$BRINK_SOURCE_DIR/docs/model.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BRINK" params --format markdown > "$tmp/expected.md"
sed -n '/<!-- params:begin -->/,/<!-- params:end -->/p' "$doc" | sed '1d;$d' > "$tmp/doc.md"
if ! diff -u "$tmp/expected.md" "$tmp/doc.md"; then
    echo "docs/model.md: the parameter table differs from 'brink params --format markdown'" >&2
    echo "regenerate it between the params:begin/end markers" >&2
    exit 1
fi
echo "1 passed, 0 failed"
