#!/bin/sh
# brink serve in headless Chromium (serve_browser.js over cdp.js): the page
# loads and answers; moving a slider changes the charts within a second;
# uploading a broken scenario shows its error with the line; no console
# error, no request outside the server. The screenshot goes to the build
# directory (serve-screenshot.png; docs/serve.png is one). SKIP when brink
# was built without libmicrohttpd, or Chromium or Node.js is missing.
set -u
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
. "$BRINK_SOURCE_DIR/tests/cli/serve_start.inc"
serve_require
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
    skip "chromium not found (scripts/install-deps.sh --test installs it)"
    finish
    exit $?
fi
if ! command -v node > /dev/null 2>&1; then
    skip "node not found (Node.js 18 or later)"
    finish
    exit $?
fi
# The bound of a second is for a release build; the sanitizers run the
# ensembles several times slower.
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ] && [ -z "${BRINK_SERVE_SLIDER_MS:-}" ]; then
    BRINK_SERVE_SLIDER_MS=15000
    export BRINK_SERVE_SLIDER_MS
    echo "under the sanitizers: the charts must change within $BRINK_SERVE_SLIDER_MS ms"
fi
shot="$(cd "$(dirname "$BRINK")" && pwd)/serve-screenshot.png"
rm -f "$shot"

# a scenario with a value out of range on line 5, column 15
cp "$BRINK_FIXTURES/bad_range.yaml" "$tmp/broken.yaml"

start_server
if [ -z "$url" ]; then
    bad "the server did not start: $(cat "$tmp/server.err")"
    finish
    exit 1
fi
if node "$BRINK_SOURCE_DIR/tests/cli/serve_browser.js" "$chromium" \
    "$url/#s=iran-2025&p=maximum_pressure,staged_reciprocity&r=20000" "$shot" \
    "$tmp/broken.yaml" "upload.yaml:5:15" > "$tmp/browser.log" 2>&1; then
    ok
else
    bad "in the browser:"
    grep FAIL "$tmp/browser.log" | head -30 >&2
fi
grep -Ev '^FAIL' "$tmp/browser.log"
if [ -s "$shot" ]; then ok; else bad "no screenshot"; fi
stop_server TERM
if [ "$server_rc" -eq 0 ]; then ok; else bad "SIGTERM: exit $server_rc"; fi
finish
