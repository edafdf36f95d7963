#!/bin/sh
# Every long command honours Ctrl-C. zopa --runs (once single-threaded, and
# deaf to Ctrl-C) stops after the runs in progress, reports them marked
# partial, equal to a run of that many runs, and exits 130; its result is the
# same for any number of threads. claims, backtest (with --cross-validate
# too), calibrate and a large game end at once with the status of SIGINT,
# leaving no temporary file. (ensemble, compare and report: see
# test_ensemble.sh.)
# The interrupt comes after the command has used some CPU time, not after a
# fixed wall time, so that a loaded machine does not fail the test.
set -u
: "${BRINK_SOURCE_DIR:?}" "${BRINK_FIXTURES:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"

# A background job of a script starts with SIGINT ignored (as a terminal's
# Ctrl-C would not reach it), and brink keeps a signal ignored that it was
# given ignored: env gives it back its default disposition, as for a
# command run in the foreground of a terminal.
if env --default-signal=INT true 2>/dev/null; then
    fg="env --default-signal=INT"
else
    fg=""
fi
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)

# cpu_ticks PID: the CPU time (user + system) PID has used, in clock ticks;
# nothing when it is gone or /proc cannot tell
cpu_ticks() {
    [ -r "/proc/$1/stat" ] || return 0
    # the fields after the command name: utime and stime are the 12th and 13th
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }'
}

# interrupt NAME CPU_SECONDS brink-args...: SIGINT once the command has used
# CPU_SECONDS of CPU; it must be gone 60 s later. Its exit status is left in
# $rc, its stdout in $tmp/out; returns 1 (after a failed check) when it
# ended before the interrupt or did not end after it.
interrupt() {
    name=$1 cpu=$2
    shift 2
    $fg "$BRINK" "$@" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    want=$((cpu * hz))
    waited=0
    while kill -0 "$pid" 2>/dev/null; do
        t=$(cpu_ticks "$pid")
        if [ -z "$t" ]; then
            # no /proc: a wall-clock wait instead
            [ "$waited" -ge $((cpu * 10)) ] && break
        elif [ "$t" -ge "$want" ]; then
            break
        fi
        # a safety net for a stalled machine: at most 10 minutes
        [ "$waited" -lt 6000 ] || break
        waited=$((waited + 1))
        sleep 0.1
    done
    if ! kill -INT "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null
        bad "$name: ended before the interrupt: $(head -n 3 "$tmp/err")"
        return 1
    fi
    i=0
    while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        if [ "$i" -gt 600 ]; then
            kill -KILL "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
            bad "$name: still running 60 s after Ctrl-C"
            return 1
        fi
        sleep 0.1
    done
    wait "$pid" 2>/dev/null
    rc=$?
    return 0
}

# the uncertainty section of zopa's JSON without the fields that tell it was partial
section() {
    awk '/"uncertainty"/ { on = 1 } on' "$1" | grep -v -e '"partial"' -e '"runs_requested"'
}

# ---- zopa --runs: threads and Ctrl-C -------------------------------------------------
expect_exit 0 "zopa --threads 1" "$BRINK" zopa --runs 96 --threads 1
cp "$tmp/out" "$tmp/t1"
expect_exit 0 "zopa --threads 3" "$BRINK" zopa --runs 96 --threads 3
check "zopa: results differ between 1 and 3 threads" cmp -s "$tmp/t1" "$tmp/out"

if interrupt zopa 2 zopa --runs 1000000 --format json; then
    check "zopa: exit $rc after Ctrl-C, expected 130: $(cat "$tmp/err")" [ "$rc" -eq 130 ]
    has "$tmp/err" "brink zopa: interrupted:" "zopa: no note: $(cat "$tmp/err")"
    has "$tmp/out" '"partial": true' "zopa: not marked partial"
    done_runs=$(section "$tmp/out" |
        awk -F'[:,]' '/"runs"/ { gsub(/ /, "", $2); print $2; exit }')
    if [ -n "$done_runs" ] && [ "$done_runs" -gt 0 ] && [ "$done_runs" -lt 1000000 ]; then
        ok
        mv "$tmp/out" "$tmp/partial"
        expect_exit 0 "zopa --runs $done_runs" "$BRINK" zopa --runs "$done_runs" --format json
        section "$tmp/partial" >"$tmp/a"
        section "$tmp/out" >"$tmp/b"
        check "zopa: the partial result differs from $done_runs runs" cmp -s "$tmp/a" "$tmp/b"
        echo "zopa stopped on Ctrl-C after $done_runs runs"
    else
        bad "zopa: '$done_runs' runs reported"
    fi
fi

# ---- other long commands end at once ----------------------------------------------------
if [ -z "$fg" ]; then
    skip "claims, backtest, calibrate and game on Ctrl-C (env --default-signal is missing)"
    finish
    exit
fi
# ends NAME brink-args...: Ctrl-C after 1 s of CPU ends it with SIGINT's status
ends() {
    name=$1
    shift
    if interrupt "$name" 1 "$@"; then
        check "$name: exit $rc after Ctrl-C, expected 130" [ "$rc" -eq 130 ]
    fi
}
ends claims claims --runs 100000000
ends backtest backtest --runs 1000000000
ends "backtest --cross-validate" backtest iran-2012 haiti-1991 --cross-validate \
    --design-runs 1000000
ends calibrate calibrate iran-2012 haiti-1991 --runs 1000000 --write-def "$tmp/cal.def" \
    --design "$tmp/design.csv"
check "calibrate: --write-def written after Ctrl-C" [ ! -e "$tmp/cal.def" ]
check "calibrate: --design written after Ctrl-C" [ ! -e "$tmp/design.csv" ]
left=$(find "$tmp" -name '*.tmp.*' | head -n 3)
check "temporary files left after Ctrl-C: $left" [ -z "$left" ]
ends game game "$BRINK_FIXTURES/game/identity20.json"
finish
