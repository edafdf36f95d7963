#!/bin/sh
# Installs the Debian 12 packages that brink needs to build and test.
# Only missing packages are installed; safe to run repeatedly (as root).
# Usage: scripts/install-deps.sh [--test]
#   --test  also what only the test suite needs: clang and its libFuzzer
#           runtime for the fuzz smoke run (docs/testing.md)
set -eu

# libjs-chart.js: Chart.js, compiled into the HTML report at build time.
# chromium and nodejs: the report's browser test (tests/cli/test_report_browser.sh).
PKGS="build-essential cmake pkg-config libyaml-dev libgsl-dev libjansson-dev \
librandom123-dev libcmocka-dev lrslib libjs-chart.js chromium"
case "${1:-}" in
    --test) PKGS="$PKGS clang libclang-rt-14-dev" ;;
    "") ;;
    *) echo "usage: scripts/install-deps.sh [--test]" >&2; exit 2 ;;
esac
# Node.js 18 or later runs the browser test; install Debian's only if none is there.
if ! command -v node > /dev/null 2>&1; then
    PKGS="$PKGS nodejs"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "brink: installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        SUDO=sudo
    else
        SUDO=
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $missing
fi
