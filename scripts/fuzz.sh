#!/bin/sh
# Builds the fuzz harnesses of tests/fuzz with clang's libFuzzer (in
# build-fuzz) and fuzzes each for SECONDS, two or more at a time (one per
# core). docs/testing.md says how to fuzz longer and what to do with a find.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
#   SECONDS   per harness (default 30)
#   HARNESS   scenario, set, game, simulate (default: all)
# Prints SKIP and succeeds when clang with libFuzzer is not installed
# (scripts/install-deps.sh --test installs it); BRINK_FUZZ_REQUIRED=1 makes
# that a failure.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
[ $# -gt 0 ] && shift
case "$secs" in
    '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS...]" >&2; exit 2 ;;
esac
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\n%s\n' \
    'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
    >"$probe/p.c"
if ! command -v clang >/dev/null 2>&1 ||
    ! clang -fsanitize=fuzzer,address,undefined -o "$probe/p" "$probe/p.c" >/dev/null 2>&1; then
    echo "SKIP: fuzz smoke run: clang with libFuzzer is not installed (scripts/install-deps.sh --test)"
    [ "${BRINK_FUZZ_REQUIRED:-0}" = 1 ] && exit 1
    exit 0
fi
"$here/scripts/build.sh" fuzz
cmake -S "$here" -B "$here/build-fuzz" -DBRINK_FUZZ_SECONDS="$secs" >/dev/null
filter="fuzz/"
if [ $# -gt 0 ]; then
    filter="fuzz/($(echo "$*" | tr ' ' '|'))\$"
fi
cd "$here/build-fuzz"
ctest -L fuzz -R "$filter" --output-on-failure -j "$(nproc)"
