#!/bin/sh
# Runs one fuzz harness: run.sh BINARY NAME SECONDS [ARTIFACT_DIR] [EXTRA...]
# Fuzzes for SECONDS from the seed corpus tests/fuzz/corpus/NAME (kept as it
# is: new inputs go to a temporary directory) with the dictionary. Inputs
# that crash, leak, trip a sanitizer or an invariant, or take longer than
# 10 s (a hang) are saved in ARTIFACT_DIR and fail the run.
set -eu
bin=$1 name=$2 secs=$3
art=${4:-$PWD/fuzz-artifacts}
[ $# -ge 4 ] && shift 4 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$art"
echo "fuzz/$name: $secs s from $(ls "$here/corpus/$name" | wc -l) seeds"
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=32768 \
    -dict="$here/brink.dict" -artifact_prefix="$art/$name-" -print_final_stats=1 \
    "$@" "$work" "$here/corpus/$name" 2>"$work.log" || {
    rc=$?
    tail -n 60 "$work.log" >&2
    rm -f "$work.log"
    echo "FAIL: fuzz/$name (exit $rc); the input is in $art" >&2
    exit 1
}
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE)' "$work.log" || true
rm -f "$work.log"
echo "ok: fuzz/$name"
