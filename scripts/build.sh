#!/bin/sh
# Configures and builds brink. Usage: scripts/build.sh [release|sanitize|fuzz] [BUILD_DIR]
# fuzz: the libFuzzer harnesses of tests/fuzz only, with clang (docs/testing.md).
set -eu
mode=${1:-release}
here=$(cd "$(dirname "$0")/.." && pwd)
target=""
case "$mode" in
    release)  dir=${2:-$here/build};      opts="-DCMAKE_BUILD_TYPE=Release" ;;
    sanitize) dir=${2:-$here/build-asan}; opts="-DCMAKE_BUILD_TYPE=Debug -DBRINK_SANITIZE=ON" ;;
    fuzz)     dir=${2:-$here/build-fuzz}
              opts="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRINK_FUZZ=ON -DCMAKE_C_COMPILER=clang"
              target="--target brink_fuzzers" ;;
    *) echo "usage: scripts/build.sh [release|sanitize|fuzz] [BUILD_DIR]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
cmake -S "$here" -B "$dir" $opts -DBRINK_WERROR=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$dir" -j "$(nproc)" $target
