#!/bin/sh
# Wall time of `brink ensemble` on the default case as 1 and as 2 processes
# under mpirun (one thread each), the parallel efficiency T1 / (2 T2), and
# that the outputs are the same bytes; the same for a farm of tasks (`brink
# sensitivity`: one small ensemble per design point); then bench_cluster's
# per-block costs and the efficiency they imply at 16, 64 and 256 processes.
# Usage: bench/bench_mpi.sh [BUILD_DIR [RUNS [BASE]]]  (defaults build,
# 400000, 64)
# Prints figures; never used as a test. See docs/cluster.md.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
runs=${2:-400000}
base=${3:-64}
brink="$build/brink"
mpirun=$(command -v mpirun || true)
if [ -z "$mpirun" ]; then
    echo "bench_mpi: mpirun not found (install openmpi-bin)" >&2
    exit 2
fi
root=""
if [ "$(id -u)" -eq 0 ]; then root="--allow-run-as-root"; fi
export OMPI_MCA_btl_vader_single_copy_mechanism=none
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
best1=""
best2=""
for rep in 1 2 3; do
    t0=$(now)
    "$brink" ensemble --runs "$runs" --threads 1 -q --out "$tmp/one" >/dev/null
    t1=$(now)
    "$mpirun" $root -n 2 "$brink" ensemble --runs "$runs" --threads 1 -q --out "$tmp/two" >/dev/null
    t2=$(now)
    best1=$(awk -v a="$t0" -v b="$t1" -v m="$best1" 'BEGIN { d = b - a; print (m == "" || d < m) ? d : m }')
    best2=$(awk -v a="$t1" -v b="$t2" -v m="$best2" 'BEGIN { d = b - a; print (m == "" || d < m) ? d : m }')
done
same=no
if diff -r "$tmp/one" "$tmp/two" >/dev/null; then same=yes; fi
printf 'brink ensemble, default case, %s runs, one thread per process (best of 3)\n' "$runs"
awk -v a="$best1" -v b="$best2" -v same="$same" 'BEGIN {
    printf "  1 process:                %8.2f s\n", a
    printf "  2 processes (mpirun -n 2): %8.2f s   efficiency %.0f%%   same bytes: %s\n", b, 100 * a / (2 * b), same
}'

# a farm: Sobol indices of 4 parameters, BASE base samples (BASE x 6 points
# of 200 runs each)
sens="sensitivity --param behaviour.conflict.escalation_base=-6:-3
    --param exports.crude.grey_discount=0.08:0.2 --param target.trust=0.1:0.9
    --param behaviour.bargain.choice_noise=0.05:0.3 --base $base --runs 200 --format json -q"
best1=""
best2=""
for rep in 1 2 3; do
    t0=$(now)
    # shellcheck disable=SC2086
    "$brink" $sens --threads 1 >"$tmp/sens1"
    t1=$(now)
    # shellcheck disable=SC2086
    "$mpirun" $root -n 2 "$brink" $sens --threads 1 >"$tmp/sens2"
    t2=$(now)
    best1=$(awk -v a="$t0" -v b="$t1" -v m="$best1" 'BEGIN { d = b - a; print (m == "" || d < m) ? d : m }')
    best2=$(awk -v a="$t1" -v b="$t2" -v m="$best2" 'BEGIN { d = b - a; print (m == "" || d < m) ? d : m }')
done
same=no
if cmp -s "$tmp/sens1" "$tmp/sens2"; then same=yes; fi
echo
printf 'brink sensitivity (a farm of %s ensembles of 200 runs), one thread per process (best of 3)\n' "$((base * 6))"
awk -v a="$best1" -v b="$best2" -v same="$same" 'BEGIN {
    printf "  1 process:                %8.2f s\n", a
    printf "  2 processes (mpirun -n 2): %8.2f s   efficiency %.0f%%   same bytes: %s\n", b, 100 * a / (2 * b), same
}'
echo
"$build/bench_cluster"
