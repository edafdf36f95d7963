#!/bin/sh
# One command: install what is missing, build, and run the whole test suite,
# first in the release build, then under AddressSanitizer + UBSan.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh" release
(cd "$here/build" && ctest --output-on-failure -j "$(nproc)")
"$here/scripts/build.sh" sanitize
(cd "$here/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$(nproc)")
