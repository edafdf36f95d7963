#!/bin/sh
# brink under mpirun: ensembles shared among 1, 2 and 3 processes give the
# same bytes as one process, for ensemble, compare, report, backtest, and
# the jobs of many small ensembles (sweep, sensitivity, discover, robust,
# claims, calibrate), whose tasks are shared out;
# only process 0 writes; a job killed with SIGKILL resumes (--resume DIR) to
# the same bytes, alone or under MPI (an ensemble, and a farm of tasks); bad checkpoint directories are refused.
# Where brink was built without MPI only its refusal to run as several
# processes is tested (the rest says SKIP), unless BRINK_MPI_REQUIRED=1
# (scripts/test.sh sets it: the test suite installs Open MPI), which fails.
set -u
. "$(dirname "$0")/lib.sh"

if [ "${BRINK_HAVE_MPI:-0}" != 1 ] || [ -z "${BRINK_MPIEXEC:-}" ] ||
    [ ! -x "${BRINK_MPIEXEC:-}" ]; then
    if [ "${BRINK_MPI_REQUIRED:-0}" = 1 ]; then
        bad "brink was built without MPI (install libopenmpi-dev and openmpi-bin)"
        finish
        exit 1
    fi
    # a brink without MPI started as one of several processes refuses
    # instead of doing the whole job in every process
    expect_exit 2 "started as one of 2 processes without MPI" \
        env OMPI_COMM_WORLD_SIZE=2 "$BRINK" ensemble --runs 10
    has "$tmp/err" "built without MPI" "the refusal does not say why"
    skip "brink was built without MPI: no test of mpirun"
    finish
    exit
fi

# Open MPI in a container: no single-copy transport between processes, and
# processes beyond the cores
export OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
root=""
if [ "$(id -u)" -eq 0 ]; then
    root="--allow-run-as-root"
fi
# Open MPI holds memory until exit: the leak checker would report it
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
fi
# the other processes' temporary output sets go here, and must be gone after
export TMPDIR="$tmp/t"
mkdir -p "$TMPDIR"

mpi() {
    n=$1
    shift
    "$BRINK_MPIEXEC" $root --oversubscribe -n "$n" "$BRINK" "$@"
}

# three blocks and a bit (16384 runs a block), a short horizon (shorter
# still under the sanitizers, which are several times slower)
runs=49200
months=12
big_runs=200000
big_months=24
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    months=4
    big_runs=70000
    big_months=12
fi
common="--runs $runs --seed 7 --months $months -q"
pol="--policies maximum_pressure,staged_reciprocity"

# shellcheck disable=SC2086
expect_exit 0 "ensemble, one process" "$BRINK" ensemble $common --threads 2 --out "$tmp/e0"
for n in 1 2 3; do
    # shellcheck disable=SC2086
    expect_exit 0 "ensemble under mpirun -n $n" mpi "$n" ensemble $common --threads 1 \
        --out "$tmp/e$n"
    if diff -r "$tmp/e0" "$tmp/e$n" >/dev/null; then
        ok
    else
        bad "ensemble under mpirun -n $n differs from one process"
    fi
done
# shellcheck disable=SC2086
expect_exit 0 "ensemble under mpirun -n 2, 2 threads each" mpi 2 ensemble $common --threads 2 \
    --out "$tmp/e22"
if diff -r "$tmp/e0" "$tmp/e22" >/dev/null; then ok; else bad "2 processes x 2 threads differ"; fi
if cmp -s "$tmp/e2/summary.json" "$tmp/e0/summary.json" && [ -s "$tmp/e0/summary.json" ]; then
    ok
else
    bad "summary.json missing or different"
fi

# shellcheck disable=SC2086
expect_exit 0 "compare, one process" "$BRINK" compare $pol $common --out "$tmp/c0"
cp "$tmp/out" "$tmp/c0.txt"
for n in 2 3; do
    # shellcheck disable=SC2086
    expect_exit 0 "compare under mpirun -n $n" mpi "$n" compare $pol $common --threads 1 \
        --out "$tmp/c$n"
    if diff -r "$tmp/c0" "$tmp/c$n" >/dev/null; then
        ok
    else
        bad "compare under mpirun -n $n differs from one process"
    fi
    # process 0 alone prints: the table once, as printed by one process
    if cmp -s "$tmp/out" "$tmp/c0.txt"; then
        ok
    else
        bad "compare under mpirun -n $n printed something else than one process"
    fi
done

# shellcheck disable=SC2086
expect_exit 0 "report, one process" "$BRINK" report $pol $common --date 2026-01-01 \
    -o "$tmp/r0.html"
# shellcheck disable=SC2086
expect_exit 0 "report under mpirun -n 3" mpi 3 report $pol $common --threads 1 \
    --date 2026-01-01 -o "$tmp/r3.html"
if cmp -s "$tmp/r0.html" "$tmp/r3.html"; then ok; else bad "report under mpirun -n 3 differs"; fi

expect_exit 0 "backtest, one process" "$BRINK" backtest iraq-1990 belarus-2006 \
    --runs 17000 --seed 3 --format json
cp "$tmp/out" "$tmp/b0.json"
expect_exit 0 "backtest under mpirun -n 2" mpi 2 backtest iraq-1990 belarus-2006 \
    --runs 17000 --seed 3 --format json --threads 1
if cmp -s "$tmp/out" "$tmp/b0.json" && [ -s "$tmp/b0.json" ]; then
    ok
else
    bad "backtest under mpirun -n 2 differs from one process"
fi

# a sweep: its points are shared out among the processes (a farm of
# tasks); only process 0 writes
sweep="--points 4 --runs 300 --set simulation.horizon_months=12 --months 12 --quiet"
# shellcheck disable=SC2086
expect_exit 0 "sweep, one process" "$BRINK" sweep $sweep --out "$tmp/s0.csv"
for n in 2 3; do
    # shellcheck disable=SC2086
    expect_exit 0 "sweep under mpirun -n $n" mpi "$n" sweep $sweep --threads 1 \
        --out "$tmp/s$n.csv"
    if cmp -s "$tmp/s0.csv" "$tmp/s$n.csv" && [ -s "$tmp/s0.csv" ]; then
        ok
    else
        bad "sweep under mpirun -n $n differs from one process"
    fi
done

# the other jobs of many small ensembles: the same printed bytes from 1, 2
# and 3 processes as from one process with two threads
two="--param behaviour.conflict.escalation_base=-6:-3 --param exports.crude.grey_discount=0.08:0.2"
farm_ns="1 2 3"
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    farm_ns="3" # several times slower there
fi
same_printed() {
    label=$1
    shift
    expect_exit 0 "$label, one process" "$BRINK" "$@" --threads 2
    cp "$tmp/out" "$tmp/farm0"
    for n in $farm_ns; do
        expect_exit 0 "$label under mpirun -n $n" mpi "$n" "$@" --threads 1
        if cmp -s "$tmp/out" "$tmp/farm0" && [ -s "$tmp/farm0" ]; then
            ok
        else
            bad "$label under mpirun -n $n printed other bytes than one process"
        fi
    done
}
# shellcheck disable=SC2086
same_printed sensitivity sensitivity $two --base 16 --boot 200 --runs 40 --months 60,120 \
    --format json --quiet
# shellcheck disable=SC2086
same_printed discover discover $two --when "P(war,60) > 0.1" --points 24 --runs 40 --quiet
# shellcheck disable=SC2086
same_printed robust robust $two --policies maximum_pressure,status_quo --points 10 --runs 40 \
    --quiet
same_printed claims claims --claim 13 --runs 60 --box 3 --box-runs 20 --format json
same_printed calibrate calibrate iran-2012 iraq-1990 --points 4 --refine 4 --rounds 1 \
    --runs 6 --series-runs 10 --project none --format json

# only process 0 wrote: no output set left behind by the others
if [ -z "$(ls -A "$TMPDIR")" ]; then
    ok
else
    bad "temporary files left by the other processes: $(ls "$TMPDIR")"
fi

# ---- kill -9, then --resume: the same bytes -----------------------------------
big="--runs $big_runs --seed 11 --months $big_months -q --threads 1"
# shellcheck disable=SC2086
expect_exit 0 "uninterrupted reference" "$BRINK" ensemble $big --out "$tmp/ref"

# Kills the job started in the background as process group $2 (setsid)
# once snapshot $1 is there (or after 30 s): mpirun and every process of it
kill_after_snapshot() {
    waited=0
    while [ ! -s "$1" ] && [ "$waited" -lt 600 ]; do
        sleep 0.05
        waited=$((waited + 1))
    done
    /bin/kill -s KILL -- "-$2" 2>/dev/null
    wait "$2" 2>/dev/null
}

# killed ($1: how to start the job) once the first snapshot is there, then
# resumed by $2; the outputs must equal the reference
kill_and_resume() {
    label=$1
    start=$2
    again=$3
    ck="$tmp/ck-$label"
    rm -rf "$ck" "$tmp/res-$label"
    # shellcheck disable=SC2086
    BRINK_SNAPSHOT_SECONDS=0 setsid $start ensemble $big --resume "$ck" \
        --out "$tmp/res-$label" >/dev/null 2>&1 &
    kill_after_snapshot "$ck/ensemble-000000.snap" $!
    if [ -s "$ck/ensemble-000000.snap" ]; then ok; else bad "$label: no snapshot written"; fi
    if [ -e "$tmp/res-$label/summary.json" ]; then
        # a resume of a finished job would check nothing of a resume
        skip "$label: the job finished before it was killed (nothing resumed)"
        return
    fi
    # shellcheck disable=SC2086
    expect_exit 0 "$label: resumed" $again ensemble $big --resume "$ck" --out "$tmp/res-$label"
    if diff -r "$tmp/ref" "$tmp/res-$label" >/dev/null; then
        ok
    else
        bad "$label: the resumed job's outputs differ from an uninterrupted run"
    fi
}
kill_and_resume alone "$BRINK" "$BRINK"
kill_and_resume mpi "$BRINK_MPIEXEC $root --oversubscribe -n 2 $BRINK" \
    "$BRINK_MPIEXEC $root --oversubscribe -n 3 $BRINK"

# a farm of tasks (robust: each future's ensembles), killed once its first
# snapshot is there, resumed under another number of processes
rob_runs=400
if [ "${BRINK_TEST_SANITIZE:-OFF}" = ON ]; then
    rob_runs=100
fi
rob="robust $two --policies maximum_pressure,status_quo --points 40 --runs $rob_runs --quiet"
# shellcheck disable=SC2086
expect_exit 0 "robust, uninterrupted" "$BRINK" $rob --threads 1
cp "$tmp/out" "$tmp/rob-ref"
rm -rf "$tmp/ck-rob"
# shellcheck disable=SC2086
BRINK_SNAPSHOT_SECONDS=0 setsid "$BRINK_MPIEXEC" $root --oversubscribe -n 2 "$BRINK" $rob \
    --threads 1 --resume "$tmp/ck-rob" >"$tmp/rob-killed" 2>&1 &
kill_after_snapshot "$tmp/ck-rob/ensemble-000000.snap" $!
if [ -s "$tmp/ck-rob/ensemble-000000.snap" ]; then ok; else bad "robust: no snapshot written"; fi
if [ -s "$tmp/rob-killed" ] && cmp -s "$tmp/rob-killed" "$tmp/rob-ref"; then
    skip "robust: the job finished before it was killed (nothing resumed)"
else
    # shellcheck disable=SC2086
    expect_exit 0 "robust: resumed by one process" "$BRINK" $rob --threads 2 \
        --resume "$tmp/ck-rob"
    if cmp -s "$tmp/out" "$tmp/rob-ref"; then
        ok
    else
        bad "robust: the resumed job printed other bytes than an uninterrupted one"
    fi
fi

# ---- bad checkpoint directories --------------------------------------------------
: >"$tmp/afile"
expect_exit 2 "--resume to a file" "$BRINK" ensemble --runs 100 --resume "$tmp/afile"
has "$tmp/err" "not a directory" "--resume to a file: no reason given"
# the snapshot of the mpi job (seed 11) refused for another seed
expect_exit 2 "--resume with another job's snapshot" "$BRINK" ensemble --runs "$big_runs" \
    --seed 12 --months "$big_months" --resume "$tmp/ck-mpi"
has "$tmp/err" "another job" "another job's snapshot: no reason given"
printf 'BRINKSNPxx' >"$tmp/ck-alone/ensemble-000000.snap"
expect_exit 2 "--resume with a damaged snapshot" "$BRINK" ensemble $big --resume "$tmp/ck-alone"
has "$tmp/err" "damaged" "damaged snapshot: no reason given"

finish
