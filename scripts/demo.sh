#!/bin/sh
# One command: install what is missing, build, and run the default case.
# Outputs go to ./out (monthly CSV, JSON summary).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh" release
"$here/build/brink" run --out "$here/out"
echo "brink: outputs written to $here/out"
