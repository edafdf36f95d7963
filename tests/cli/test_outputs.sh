#!/bin/sh
# Outputs never destroy what is at the path and never leave a half-written
# set: a device, FIFO or symbolic link is refused (the rename once replaced
# /dev/null when run as root); an output directory is complete and from one
# run, or as it was, after a write error, SIGTERM or SIGKILL; temporary files
# are removed on a signal, or by the next write after SIGKILL; standard
# output errors fail the command (> /dev/full once exited 0); a long output
# directory is refused rather than written with truncated file names.
# docs/testing.md, "Outputs".
set -u
: "${BRINK_SOURCE_DIR:?}"
. "$BRINK_SOURCE_DIR/tests/cli/lib.sh"
# the outputs go to $w; $tmp/out and $tmp/err hold each command's stdout and stderr
w="$tmp/w"
mkdir "$w"
cd "$w" || exit 1

# code NAME CODE brink-args...: brink with these arguments exits with CODE
code() {
    name=$1 want=$2
    shift 2
    expect_exit "$want" "$name" "$BRINK" "$@"
}

# no_temps NAME: no temporary file or directory anywhere under $w
no_temps() {
    left=$(find "$w" -name '*.tmp.*' | head -n 3)
    check "$1: temporary files left: $left" [ -z "$left" ]
}

# same DIR REF: DIR holds exactly the files of REF, byte for byte
same() {
    [ "$(ls "$1")" = "$(ls "$2")" ] || return 1
    for f in "$2"/*; do cmp -s "$f" "$1/$(basename "$f")" || return 1; done
}

# ---- only regular files are replaced ----------------------------------------------
mkfifo fifo
code fifo_report 2 run --months 2 --report fifo
has "$tmp/err" "'fifo' is a FIFO; an output replaces only a regular file" "fifo: message"
check "fifo: replaced by run --report" [ -p fifo ]
code fifo_show 2 show -o fifo
check "fifo: replaced by show" [ -p fifo ]
echo "keep" >kept.txt
ln -s kept.txt link.html
code symlink 2 report --runs 50 -o link.html
has "$tmp/err" "is a symbolic link" "symlink: message"
check "symlink: replaced" [ -L link.html ]
check "symlink: its target changed" [ "$(cat kept.txt)" = keep ]
mkdir outdir
mkfifo outdir/summary.json
code fifo_in_set 2 ensemble --runs 50 --out outdir
check "fifo in a set: replaced" [ -p outdir/summary.json ]
rm -r outdir
# calibrate's table of defaults and its design, at the smallest settings
small="iran-2012 haiti-1991 --points 4 --refine 0 --runs 2 --series-runs 4 --project none"
cv="iran-2012 haiti-1991 --cross-validate --points 4 --refine 0 --design-runs 2 --runs 4"
# shellcheck disable=SC2086
code fifo_def 2 calibrate $small --write-def fifo
check "fifo: replaced by calibrate --write-def" [ -p fifo ]
# shellcheck disable=SC2086
code symlink_design 2 calibrate $small --design link.html
check "symlink: replaced by calibrate --design" [ -L link.html ]
check "symlink: its target changed by calibrate --design" [ "$(cat kept.txt)" = keep ]
# shellcheck disable=SC2086
code def_ok 0 calibrate $small --write-def cal.def --design design.csv
check "calibrate: no table written" [ -s cal.def ]
check "calibrate: no design written" [ -s design.csv ]
if [ "$(id -u)" -eq 0 ] && mknod null c 1 3 2>/dev/null; then
    code device 2 report --runs 50 -o null
    has "$tmp/err" "'null' is a character device" "device: message"
    check "device: replaced by a regular file" [ -c null ]
else
    skip "a character device at an output path (needs root to create one)"
fi
no_temps refusals

# ---- a set is complete and from one run ------------------------------------------------
# reference sets of two runs
code ref1 0 ensemble --runs 200 --seed 1 --out ref1
code ref2 0 ensemble --runs 200 --seed 2 --out ref2
code set 0 ensemble --runs 200 --seed 1 --out set
echo "mine" >set/notes.txt
cp -r ref1 ref1n && echo "mine" >ref1n/notes.txt
cp -r ref2 ref2n && echo "mine" >ref2n/notes.txt
# a write error in the middle (a file-size limit, as a full disk would)
sh -c "trap '' XFSZ; ulimit -f 40; exec \"\$0\" ensemble --runs 200 --seed 2 --out set" \
    "$BRINK" >/dev/null 2>"$tmp/err"
rc=$?
check "write error: exit $rc, expected 1: $(cat "$tmp/err")" [ "$rc" -eq 1 ]
check "write error: message $(cat "$tmp/err")" \
    grep -q "set/[a-z_]*\.csv: error: cannot write 'set/[a-z_]*\.csv': File too large" "$tmp/err"
check "write error: the set changed" same set ref1n
no_temps "write error"
# a signal in the middle (the file-size limit's own signal)
sh -c "ulimit -f 40; exec \"\$0\" ensemble --runs 200 --seed 2 --out set" "$BRINK" \
    >/dev/null 2>&1
rc=$?
check "SIGXFSZ: exit $rc, expected a signal's" [ "$rc" -gt 128 ]
check "SIGXFSZ: the set changed" same set ref1n
no_temps SIGXFSZ
# and then a good run: the new set, the user's file kept
code rewrite 0 ensemble --runs 200 --seed 2 --out set
check "rewrite: not the new set with notes.txt" same set ref2n
# compare files of an earlier compare go when an ensemble replaces the set
code compare 0 compare --runs 100 --policies maximum_pressure,status_quo --out cmp
check "compare: no comparison.csv" [ -f cmp/comparison.csv ]
code ensemble_over_compare 0 ensemble --runs 100 --out cmp
check "a stale comparison.csv beside a new ensemble" [ ! -e cmp/comparison.csv ]

# SIGTERM and SIGKILL at moments spread over a run that writes a set: the set
# is always one of the two complete sets; SIGTERM leaves no temporary file,
# SIGKILL's are removed by the next write. (Where the signal lands depends on
# the machine's load; what is checked holds wherever it lands.)
cmd="compare --runs 300 --months 600 --policies maximum_pressure,status_quo --out"
# shellcheck disable=SC2086
code bigA 0 $cmd bigA --seed 1
# shellcheck disable=SC2086
code bigB 0 $cmd bigB --seed 2
start=$(date +%s%N)
# shellcheck disable=SC2086
code timing 0 $cmd timing --seed 2
ms=$((($(date +%s%N) - start) / 1000000))
for sig in TERM KILL; do
    for k in 2 4 6 7 8 9 10 11 12 13 14 16; do
        rm -rf big
        cp -r bigA big
        # shellcheck disable=SC2086
        "$BRINK" $cmd big --seed 2 >/dev/null 2>&1 &
        pid=$!
        sleep "$(awk -v ms="$ms" -v k="$k" 'BEGIN { printf "%.3f", ms * k / 14000 }')"
        kill -s "$sig" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        if same big bigA || same big bigB; then ok; else bad "SIG$sig after $k/14: a mixed set"; fi
        [ "$sig" = KILL ] || no_temps "SIGTERM after $k/14"
    done
done
# shellcheck disable=SC2086
code after_kill 0 $cmd big --seed 2
check "after SIGKILL: the next run" same big bigB
no_temps "the run after SIGKILL"

# a temporary file and directory of a process that no longer runs
dead=$(sh -c 'echo $$')
mkdir "set.tmp.$dead.abcdef"
echo x >"set.tmp.$dead.abcdef/outcomes.csv"
echo x >"kept.html.tmp.$dead.abcdef"
echo x >"set.tmp.notmine"
code stale_set 0 ensemble --runs 100 --out set
check "stale directory kept" [ ! -e "set.tmp.$dead.abcdef" ]
code stale_file 0 run --months 2 --report kept.html
check "stale file kept" [ ! -e "kept.html.tmp.$dead.abcdef" ]
check "a file that is no temporary file removed" [ -e set.tmp.notmine ]
rm set.tmp.notmine
no_temps stale

# refused directories: one holding a subdirectory, the current directory, a file
mkdir -p holder/sub
code subdir 2 run --months 2 --out holder
has "$tmp/err" "holds the directory 'sub'" "subdir: message"
check "subdir: removed" [ -d holder/sub ]
code cwd 2 run --months 2 --out .
has "$tmp/err" "holds the current directory" "cwd: message"
echo "keep" >plain
code not_dir 2 ensemble --runs 20 --out plain
has "$tmp/err" "'plain' is a regular file, not a directory" "not_dir: message"
check "not_dir: the file changed" [ "$(cat plain)" = keep ]

# ---- write errors on standard output ------------------------------------------------------
for c in "run --months 2" "scenarios" "ensemble --runs 50" \
    "compare --runs 50 --policies maximum_pressure,status_quo" "backtest --runs 20" \
    "params" "show" "game --scenario" "tioli" "zopa --runs 0" "claims --runs 10 --claim 1" \
    "calibrate $small" "backtest $cv" "claims --runs 10 --claim 13 --box 2 --box-runs 4 --format json" \
    "calibrate $small --format json" \
    "sensitivity --param target.trust=0.2:0.8 --base 16 --runs 10 --format json"; do
    # shellcheck disable=SC2086
    "$BRINK" $c >/dev/full 2>"$tmp/err"
    rc=$?
    check "$c > /dev/full: exit $rc, expected 1" [ "$rc" -eq 1 ]
    check "$c > /dev/full: $(cat "$tmp/err")" \
        grep -qE "cannot write( to standard output| the scenario)" "$tmp/err"
done

# ---- long output directories: refused, never truncated file names ---------------------------
long=$(awk 'BEGIN { for (i = 0; i < 4; i++) { printf "/"; for (j = 0; j < 250; j++) printf "d" } }')
code long_run 2 run --months 2 --out "$w/x$long"
has "$tmp/err" "output directory path of" "long: message"
code long_zopa 2 zopa --runs 0 --out "$w/x$long"
found=$(find "$w" -name 'monthly.c*' -o -name 'zopa*' | head -n 1)
check "long: files written: $found" [ -z "$found" ]
fine=$(awk 'BEGIN { for (i = 0; i < 3; i++) { printf "/"; for (j = 0; j < 200; j++) printf "d" } }')
code long_ok 0 run --months 2 --out "$w/y$fine"
check "long_ok: monthly.csv" [ -f "$w/y$fine/monthly.csv" ]
check "long_ok: events.csv" [ -f "$w/y$fine/events.csv" ]
code long_ok_zopa 0 zopa --runs 0 --out "$w/y$fine/z"
check "long_ok: zopa_grid.csv" [ -f "$w/y$fine/z/zopa_grid.csv" ]
check "long_ok: zopa.json" [ -f "$w/y$fine/z/zopa.json" ]
no_temps long
finish
