#!/bin/sh
# One command: install what is missing, build, and run the whole test suite,
# first in the release build, then under AddressSanitizer + UBSan, then the
# fuzz smoke run (BRINK_FUZZ_SECONDS per harness, default 30; it is skipped,
# saying SKIP, where clang with libFuzzer is missing). See docs/testing.md.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh" --test
"$here/scripts/build.sh" release
# Open MPI was installed above: the MPI test must run, not skip
export BRINK_MPI_REQUIRED=1
(cd "$here/build" && ctest --output-on-failure -j "$(nproc)")
"$here/scripts/build.sh" sanitize
(cd "$here/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$(nproc)")
"$here/scripts/fuzz.sh" "${BRINK_FUZZ_SECONDS:-30}"
