#!/bin/sh
# brink serve under load on loopback (serve_load.js): 50 pages moving levers
# for 10 s (BRINK_SERVE_LOAD_SECONDS, BRINK_SERVE_LOAD_CLIENTS for a longer
# or heavier run): no crash, no answer but 200, 202 or 429 (the job limit),
# memory flat (resident size of the idle server at the end within 10% + 8 MB
# of its size, idle too, after a warm-up of 40 jobs that fills its job table;
# not checked under the sanitizers, whose allocator keeps freed memory), a
# clean stop afterwards. Prints the latency percentiles.
# SKIP when brink was built without libmicrohttpd, or Node.js is missing.
set -u
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
. "$BRINK_SOURCE_DIR/tests/cli/serve_start.inc"
serve_require
if ! command -v node > /dev/null 2>&1; then
    skip "node not found (Node.js 18 or later)"
    finish
    exit $?
fi
seconds=${BRINK_SERVE_LOAD_SECONDS:-10}
clients=${BRINK_SERVE_LOAD_CLIENTS:-50}

start_server
if [ -z "$url" ]; then
    bad "the server did not start: $(cat "$tmp/server.err")"
    finish
    exit 1
fi
if node "$BRINK_SOURCE_DIR/tests/cli/serve_load.js" "$url" "$server_pid" "$seconds" "$clients" \
    > "$tmp/load.log" 2>&1; then
    ok
else
    bad "under load:"
    grep FAIL "$tmp/load.log" | head -20 >&2
fi
grep -Ev '^FAIL' "$tmp/load.log"
if kill -0 "$server_pid" 2> /dev/null; then ok; else bad "the server died under load"; fi
get /api/scenarios
if [ "$code" = 200 ]; then ok; else bad "the server answers after the load: $code"; fi

set -- $(sed -n 's/^rss_kb: \([0-9-]*\) \([0-9-]*\).*/\1 \2/p' "$tmp/load.log")
if [ "$#" -ne 2 ] || [ "$1" -le 0 ] || [ "$2" -le 0 ]; then
    bad "no memory figures"
elif [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    skip "memory flat: not meaningful under the sanitizers (warm $1 kB, end $2 kB)"
elif [ "$2" -le $(($1 + $1 / 10 + 8192)) ]; then
    ok
else
    bad "memory grew under load: $1 kB after the warm-up, $2 kB at the end"
fi

stop_server TERM
if [ "$server_rc" -eq 0 ]; then ok; else bad "SIGTERM after the load: exit $server_rc"; fi
finish
