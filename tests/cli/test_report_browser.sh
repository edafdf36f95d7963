#!/bin/sh
# Opens reports in headless Chromium (tests/cli/report_browser.js: the
# DevTools protocol over a pipe, Node's built-in modules only) and fails on a
# console error, a failed or external request, or a chart without data.
# Chromium and Node are required: the test fails, not skips, without them.
# Reports: the default case, one policy, one run, another case, and the
# four kinds of exploration.
# Screenshots go to the build directory (beside the brink binary), in
# report-screenshots/.
set -u
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
    echo "FAIL: chromium not found (Debian package 'chromium'; scripts/install-deps.sh --test installs it)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
if ! command -v node > /dev/null 2>&1; then
    echo "FAIL: node not found (Node.js 18 or later)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
probe="$BRINK_SOURCE_DIR/tests/cli/report_browser.js"
shots="$(cd "$(dirname "$BRINK")" && pwd)/report-screenshots"
mkdir -p "$shots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# make NAME MIN_CHARTS BRINK-ARGS...: make a report to open
jobs=""
make() {
    name=$1 min=$2
    shift 2
    if "$BRINK" "$@" --date 2025-01-31 > "$tmp/$name.out" 2> "$tmp/$name.err"; then
        ok
        cp "$tmp/$name.html" "$shots/$name.html"
        jobs="$jobs $shots/$name.html $shots/$name.png $min"
    else
        bad "brink $*: $(cat "$tmp/$name.err")"
    fi
}

# the default case, every policy: outcome charts per policy, survival,
# comparison (2), 8 fans, timeline, path, ZOPA panels
make report-default 20 report --runs 1000 --quiet -o "$tmp/report-default.html"
# one policy (brink ensemble --report) and one run (brink run --report)
make report-ensemble 12 ensemble --runs 500 --months 60 --quiet --report "$tmp/report-ensemble.html"
make report-run 10 run --report "$tmp/report-run.html"
# another case, whose policies and issues differ
make report-russia 10 report russia-2022 --runs 300 --months 48 --quiet -o "$tmp/report-russia.html"
# the explorations (brink sensitivity, discover, robust --report): Sobol
# indices of two outputs, Morris effects, the PRIM trade-off and box, regret
X="--param target.resolve=-1:1.5 --param behaviour.conflict.escalation_base=-6:-3 --runs 30 --quiet"
# shellcheck disable=SC2086
make report-sobol 2 sensitivity $X --param target.trust=0.1:0.6 --base 16 --report "$tmp/report-sobol.html"
# shellcheck disable=SC2086
make report-morris 2 sensitivity --method morris $X --trajectories 6 --report "$tmp/report-morris.html"
# shellcheck disable=SC2086
make report-discover 2 discover $X --when "P(war,120) > 0.15" --points 60 --report "$tmp/report-discover.html"
# shellcheck disable=SC2086
make report-robust 2 robust $X --points 20 --report "$tmp/report-robust.html"

rm -f "$shots"/report-*.png
# shellcheck disable=SC2086
if node "$probe" "$chromium" $jobs > "$tmp/browser.log" 2>&1; then
    ok
else
    bad "in the browser:"
    grep FAIL "$tmp/browser.log" | head -30 >&2
fi
grep -E '^(report|charts):' "$tmp/browser.log"
for p in "$shots"/report-*.html; do
    if [ -s "${p%.html}.png" ]; then ok; else bad "no screenshot of $p"; fi
done

echo "screenshots: $shots"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
