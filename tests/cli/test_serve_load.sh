#!/bin/sh
# brink serve under load on loopback (serve_load.js): 50 pages moving levers
# for 10 s (BRINK_SERVE_LOAD_SECONDS, BRINK_SERVE_LOAD_CLIENTS for a longer
# or heavier run): no crash, no answer but 200, 202 or 429 (the job limit),
# memory flat, measured on the idle server after a warm-up of 40 jobs that
# fills its job table and again at the end: the heap in use (GET
# /api/status: what its jobs and kept results hold, live allocations only)
# within 10% + 2 MB of the warm-up's, so that what a job leaves behind adds
# up over the load's jobs; and the memory of the load's peak handed back:
# the resident size at the end at most twice the heap in use + 32 MB (the
# program and its libraries take about 15 MB; the rest is free memory left
# in the allocator's arenas, which varies by several MB from run to run and
# is not compared with the warm-up's; keeping the peak's would leave about
# 150 MB more). Not checked under the sanitizers, whose allocator
# keeps freed memory and has its own heap. A clean stop afterwards. Prints
# the latency percentiles.
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

heap=$(sed -n 's/^heap_kb: \([0-9-]*\) \([0-9-]*\)$/\1 \2/p' "$tmp/load.log")
rss=$(sed -n 's/^rss_kb: \([0-9-]*\) \([0-9-]*\).*/\1 \2/p' "$tmp/load.log")
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    skip "memory flat: not meaningful under the sanitizers (heap $heap kB, resident $rss kB)"
else
    set -- $heap
    if [ "$#" -ne 2 ] || [ "$1" -le 0 ] || [ "$2" -le 0 ]; then
        bad "no heap figures (GET /api/status): '$heap'"
        end_heap=0
    elif [ "$2" -le $(($1 + $1 / 10 + 2048)) ]; then
        ok
        end_heap=$2
    else
        bad "the heap in use grew under load: $1 kB after the warm-up, $2 kB at the end"
        end_heap=$2
    fi
    set -- $rss
    if [ "$#" -ne 2 ] || [ "$2" -le 0 ]; then
        bad "no resident sizes: '$rss'"
    elif [ "$2" -le $((2 * end_heap + 32768)) ]; then
        ok
    else
        bad "memory not handed back after the load: $2 kB resident at the end, $end_heap kB of heap in use"
    fi
fi

stop_server TERM
if [ "$server_rc" -eq 0 ]; then ok; else bad "SIGTERM after the load: exit $server_rc"; fi
finish
