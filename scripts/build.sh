#!/bin/sh
# Configures and builds brink. Usage: scripts/build.sh [release|sanitize] [BUILD_DIR]
set -eu
mode=${1:-release}
here=$(cd "$(dirname "$0")/.." && pwd)
case "$mode" in
    release)  dir=${2:-$here/build};      opts="-DCMAKE_BUILD_TYPE=Release" ;;
    sanitize) dir=${2:-$here/build-asan}; opts="-DCMAKE_BUILD_TYPE=Debug -DBRINK_SANITIZE=ON" ;;
    *) echo "usage: scripts/build.sh [release|sanitize] [BUILD_DIR]" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
cmake -S "$here" -B "$dir" $opts -DBRINK_WERROR=ON >/dev/null
cmake --build "$dir" -j "$(nproc)"
