#!/bin/sh
# Every long command honours Ctrl-C. zopa --runs (once single-threaded, and
# deaf to Ctrl-C) stops after the runs in progress, reports them marked
# partial, equal to a run of that many runs, and exits 130; its result is the
# same for any number of threads. claims, backtest and a large game end at
# once with the status of SIGINT. (ensemble, compare and report: see
# test_ensemble.sh.)
set -eu
: "${BRINK:?set BRINK to the brink binary}"
: "${BRINK_FIXTURES:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A background job of a script starts with SIGINT ignored (as a terminal's
# Ctrl-C would not reach it), and brink keeps a signal ignored that it was
# given ignored: env gives it back its default disposition, as for a
# command run in the foreground of a terminal.
if env --default-signal=INT true 2>/dev/null; then
    fg="env --default-signal=INT"
else
    fg=""
fi

# interrupt NAME SECONDS brink-args...: SIGINT after SECONDS; the command must
# be gone 10 s later; its exit status in $rc, stdout in $tmp/out
interrupt() {
    name=$1 after=$2
    shift 2
    $fg "$BRINK" "$@" >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    sleep "$after"
    kill -INT "$pid" 2>/dev/null || fail "$name: ended before the interrupt"
    i=0
    while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -le 100 ] || { kill -KILL "$pid"; fail "$name: still running 10 s after Ctrl-C"; }
        sleep 0.1
    done
    set +e
    wait "$pid" 2>/dev/null
    rc=$?
    set -e
}

# the uncertainty section of zopa's JSON without the fields that tell it was partial
section() {
    awk '/"uncertainty"/ { on = 1 } on' "$1" | grep -v -e '"partial"' -e '"runs_requested"'
}

# ---- zopa --runs: threads and Ctrl-C -------------------------------------------------
"$BRINK" zopa --runs 96 --threads 1 >"$tmp/t1" || fail "zopa --threads 1: exit $?"
"$BRINK" zopa --runs 96 --threads 3 >"$tmp/t3" || fail "zopa --threads 3: exit $?"
cmp -s "$tmp/t1" "$tmp/t3" || fail "zopa: results differ between 1 and 3 threads"
echo "ok: zopa gives the same result for any number of threads"

interrupt zopa 2 zopa --runs 1000000 --format json
[ "$rc" -eq 130 ] || fail "zopa: exit $rc after Ctrl-C, expected 130: $(cat "$tmp/err")"
grep -qF "brink zopa: interrupted:" "$tmp/err" || fail "zopa: no note: $(cat "$tmp/err")"
grep -qF '"partial": true' "$tmp/out" || fail "zopa: not marked partial"
done_runs=$(section "$tmp/out" | awk -F'[:,]' '/"runs"/ { gsub(/ /, "", $2); print $2; exit }')
[ -n "$done_runs" ] && [ "$done_runs" -gt 0 ] && [ "$done_runs" -lt 1000000 ] ||
    fail "zopa: $done_runs runs reported"
mv "$tmp/out" "$tmp/partial"
"$BRINK" zopa --runs "$done_runs" --format json >"$tmp/whole" || fail "zopa --runs $done_runs"
section "$tmp/partial" >"$tmp/a"
section "$tmp/whole" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "zopa: the partial result differs from $done_runs runs"
echo "ok: zopa stops on Ctrl-C after $done_runs runs, exit 130, equal to a run of $done_runs"

# ---- other long commands end at once ----------------------------------------------------
if [ -z "$fg" ]; then
    echo "SKIP: claims, backtest and game on Ctrl-C (env --default-signal is missing)"
    echo "all ok"
    exit 0
fi
interrupt claims 1 claims --runs 100000000
[ "$rc" -eq 130 ] || fail "claims: exit $rc after Ctrl-C"
interrupt backtest 1 backtest --runs 1000000000
[ "$rc" -eq 130 ] || fail "backtest: exit $rc after Ctrl-C"
interrupt game 1 game "$BRINK_FIXTURES/game/identity20.json"
[ "$rc" -eq 130 ] || fail "game: exit $rc after Ctrl-C"
echo "ok: claims, backtest and game end on Ctrl-C"
echo "all ok"
