#!/bin/sh
# One command: install what is missing, build, and run the default case.
# Outputs go to ./out (monthly CSV, events, JSON summary) and the briefing
# ./out/report.html (every policy compared, one self-contained HTML file).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh" release
"$here/build/brink" run --out "$here/out"
"$here/build/brink" report --runs 2000 --quiet -o "$here/out/report.html"
echo "brink: outputs written to $here/out"
echo "brink: the briefing is $here/out/report.html (open it in a browser; it works offline)"
