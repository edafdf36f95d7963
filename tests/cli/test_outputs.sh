#!/bin/sh
# Outputs never destroy what is at the path and never leave a half-written
# set: a device, FIFO or symbolic link is refused (the rename once replaced
# /dev/null when run as root); an output directory is complete and from one
# run, or as it was, after a write error, SIGTERM or SIGKILL; temporary files
# are removed on a signal, or by the next write after SIGKILL; standard
# output errors fail the command (> /dev/full once exited 0); a long output
# directory is refused rather than written with truncated file names.
set -eu
: "${BRINK:?set BRINK to the brink binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$tmp"

# code NAME CODE brink-args...: the exit code must be CODE
code() {
    name=$1 want=$2
    shift 2
    set +e
    "$BRINK" "$@" >"$tmp/stdout" 2>"$tmp/err"
    rc=$?
    set -e
    [ "$rc" -eq "$want" ] || fail "$name: exit $rc, expected $want: $(head -n 3 "$tmp/err")"
}

# no temporary files or directories anywhere under $tmp
no_temps() {
    left=$(find "$tmp" -name '*.tmp.*' | head -n 3)
    [ -z "$left" ] || fail "$1: temporary files left: $left"
}

# same DIR REF: DIR holds exactly the files of REF, byte for byte
same() {
    [ "$(ls "$1")" = "$(ls "$2")" ] || return 1
    for f in "$2"/*; do cmp -s "$f" "$1/$(basename "$f")" || return 1; done
}

# ---- 3. only regular files are replaced -------------------------------------------
mkfifo fifo
code fifo_report 2 run --months 2 --report fifo
grep -qF "'fifo' is a FIFO; an output replaces only a regular file" err || fail "fifo: $(cat err)"
[ -p fifo ] || fail "fifo: replaced"
code fifo_show 2 show -o fifo
[ -p fifo ] || fail "fifo: replaced by show"
echo "keep" >kept.txt
ln -s kept.txt link.html
code symlink 2 report --runs 50 -o link.html
grep -qF "is a symbolic link" err || fail "symlink: $(cat err)"
[ -L link.html ] && [ "$(cat kept.txt)" = keep ] || fail "symlink: replaced"
mkdir outdir
mkfifo outdir/summary.json
code fifo_in_set 2 ensemble --runs 50 --out outdir
[ -p outdir/summary.json ] || fail "fifo in a set: replaced"
rm -r outdir
# calibrate's table of defaults and design, at the smallest settings
small="iran-2012 haiti-1991 --points 4 --refine 0 --runs 2 --series-runs 4 --project none"
cv="iran-2012 haiti-1991 --cross-validate --points 4 --refine 0 --design-runs 2 --runs 4"
# shellcheck disable=SC2086
code fifo_def 2 calibrate $small --write-def fifo
[ -p fifo ] || fail "fifo: replaced by calibrate --write-def"
# shellcheck disable=SC2086
code symlink_design 2 calibrate $small --design link.html
[ -L link.html ] && [ "$(cat kept.txt)" = keep ] || fail "symlink: replaced by --design"
# shellcheck disable=SC2086
code def_ok 0 calibrate $small --write-def cal.def --design design.csv
[ -s cal.def ] && [ -s design.csv ] || fail "calibrate: no table or design written"
if [ "$(id -u)" -eq 0 ] && mknod null c 1 3 2>/dev/null; then
    code device 2 report --runs 50 -o null
    grep -qF "'null' is a character device" err || fail "device: $(cat err)"
    [ -c null ] || fail "device: replaced by a regular file"
    echo "ok: device, FIFO and symbolic link refused"
else
    echo "SKIP: character device (needs root to create one)"
    echo "ok: FIFO and symbolic link refused"
fi
no_temps refusals

# ---- 4. a set is complete and from one run ------------------------------------------
# reference sets of two runs
"$BRINK" ensemble --runs 200 --seed 1 --out ref1 >/dev/null
"$BRINK" ensemble --runs 200 --seed 2 --out ref2 >/dev/null
"$BRINK" ensemble --runs 200 --seed 1 --out set >/dev/null
echo "mine" >set/notes.txt
cp -r ref1 ref1n && echo "mine" >ref1n/notes.txt
cp -r ref2 ref2n && echo "mine" >ref2n/notes.txt
# a write error in the middle (a file-size limit, as a full disk would)
set +e
sh -c "trap '' XFSZ; ulimit -f 40; exec \"\$0\" ensemble --runs 200 --seed 2 --out set" \
    "$BRINK" >/dev/null 2>err
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "write error: exit $rc: $(cat err)"
grep -q "set/[a-z_]*\.csv: error: cannot write 'set/[a-z_]*\.csv': File too large" err ||
    fail "write error: message $(cat err)"
same set ref1n || fail "write error: the set changed"
no_temps "write error"
# a signal in the middle (the file-size limit's own signal)
set +e
sh -c "ulimit -f 40; exec \"\$0\" ensemble --runs 200 --seed 2 --out set" "$BRINK" \
    >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -gt 128 ] || fail "SIGXFSZ: exit $rc"
same set ref1n || fail "SIGXFSZ: the set changed"
no_temps SIGXFSZ
# and then a good run: the new set, the user's file kept
"$BRINK" ensemble --runs 200 --seed 2 --out set >/dev/null || fail "rewrite: exit $?"
same set ref2n || fail "rewrite: not the new set with notes.txt"
# compare files of an earlier compare go when an ensemble replaces the set
"$BRINK" compare --runs 100 --policies maximum_pressure,status_quo --out cmp >/dev/null
[ -f cmp/comparison.csv ] || fail "compare: no comparison.csv"
"$BRINK" ensemble --runs 100 --out cmp >/dev/null
[ ! -e cmp/comparison.csv ] || fail "a stale comparison.csv beside a new ensemble"
echo "ok: write errors and signals leave the set as it was"

# SIGTERM and SIGKILL at moments spread over a run that writes a set: the set
# is always one of the two complete sets; SIGTERM leaves no temporary file,
# SIGKILL's are removed by the next write
cmd="compare --runs 300 --months 600 --policies maximum_pressure,status_quo --out"
# shellcheck disable=SC2086
"$BRINK" $cmd bigA --seed 1 >/dev/null
# shellcheck disable=SC2086
"$BRINK" $cmd bigB --seed 2 >/dev/null
start=$(date +%s%N)
# shellcheck disable=SC2086
"$BRINK" $cmd timing --seed 2 >/dev/null
ms=$((($(date +%s%N) - start) / 1000000))
for sig in TERM KILL; do
    for k in 2 4 6 7 8 9 10 11 12 13 14 16; do
        rm -rf big
        cp -r bigA big
        # shellcheck disable=SC2086
        "$BRINK" $cmd big --seed 2 >/dev/null 2>&1 &
        pid=$!
        sleep "$(awk -v ms="$ms" -v k="$k" 'BEGIN { printf "%.3f", ms * k / 14000 }')"
        kill -s "$sig" "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        same big bigA || same big bigB || fail "SIG$sig after $k/14: a mixed set"
        [ "$sig" = KILL ] || no_temps "SIGTERM after $k/14"
    done
done
# shellcheck disable=SC2086
"$BRINK" $cmd big --seed 2 >/dev/null
same big bigB || fail "after SIGKILL: the next run"
no_temps "the run after SIGKILL"
echo "ok: SIGTERM and SIGKILL never leave a mixed set"

# a temporary file and directory of a process that no longer runs
dead=$(sh -c 'echo $$')
mkdir "set.tmp.$dead.abcdef"
echo x >"set.tmp.$dead.abcdef/outcomes.csv"
echo x >"kept.html.tmp.$dead.abcdef"
echo x >"set.tmp.notmine"
"$BRINK" ensemble --runs 100 --out set >/dev/null
[ ! -e "set.tmp.$dead.abcdef" ] || fail "stale directory kept"
"$BRINK" run --months 2 --report kept.html >/dev/null
[ ! -e "kept.html.tmp.$dead.abcdef" ] || fail "stale file kept"
[ -e set.tmp.notmine ] || fail "a file that is no temporary file removed"
rm set.tmp.notmine
no_temps stale
echo "ok: temporaries of dead processes removed"

# refused directories: one holding a subdirectory, the current directory
mkdir -p holder/sub
code subdir 2 run --months 2 --out holder
grep -qF "holds the directory 'sub'" err || fail "subdir: $(cat err)"
[ -d holder/sub ] || fail "subdir: removed"
code cwd 2 run --months 2 --out .
grep -qF "holds the current directory" err || fail "cwd: $(cat err)"
echo "keep" >plain
code not_dir 2 ensemble --runs 20 --out plain
grep -qF "'plain' is a regular file, not a directory" err || fail "not_dir: $(cat err)"
[ "$(cat plain)" = keep ] || fail "not_dir: the file changed"
echo "ok: directories that cannot be replaced as a whole are refused"

# ---- 5. write errors on standard output ------------------------------------------------
for c in "run --months 2" "scenarios" "ensemble --runs 50" \
    "compare --runs 50 --policies maximum_pressure,status_quo" "backtest --runs 20" \
    "params" "show" "game --scenario" "tioli" "zopa --runs 0" "claims --runs 10 --claim 1" \
    "calibrate $small" "backtest $cv"; do
    set +e
    # shellcheck disable=SC2086
    "$BRINK" $c >/dev/full 2>err
    rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "$c > /dev/full: exit $rc"
    grep -qE "cannot write( to standard output| the scenario)" err || fail "$c > /dev/full: $(cat err)"
done
echo "ok: write errors on standard output fail the command"

# long output directories: refused, never truncated file names
long=$(awk 'BEGIN { for (i = 0; i < 4; i++) { printf "/"; for (j = 0; j < 250; j++) printf "d" } }')
code long_run 2 run --months 2 --out "$tmp/x$long"
grep -qF "output directory path of" err || fail "long: $(cat err)"
code long_zopa 2 zopa --runs 0 --out "$tmp/x$long"
[ -z "$(find "$tmp" -name 'monthly.c*' -o -name 'zopa*' | grep -v '^$' | head -n 1)" ] ||
    fail "long: files written"
ok=$(awk 'BEGIN { for (i = 0; i < 3; i++) { printf "/"; for (j = 0; j < 200; j++) printf "d" } }')
code long_ok 0 run --months 2 --out "$tmp/y$ok"
[ -f "$tmp/y$ok/monthly.csv" ] && [ -f "$tmp/y$ok/events.csv" ] || fail "long_ok: names"
code long_ok_zopa 0 zopa --runs 0 --out "$tmp/y$ok/z"
[ -f "$tmp/y$ok/z/zopa_grid.csv" ] && [ -f "$tmp/y$ok/z/zopa.json" ] || fail "long_ok: zopa"
no_temps long
echo "ok: long output directories"
echo "all ok"
