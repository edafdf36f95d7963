#!/bin/sh
# Installs the Debian 12 packages that brink needs. Only missing packages are
# installed; safe to run repeatedly (as root, or through sudo).
# Usage: scripts/install-deps.sh [--test]
#   (none)  what building brink and running the default case needs
#           (scripts/demo.sh): the compiler, CMake, the libraries, Chart.js,
#           libmicrohttpd (brink serve)
#   --test  also what only the test suite needs (scripts/test.sh,
#           docs/testing.md): cmocka (unit tests), lrslib (lrsnash, the
#           solver's reference), Chromium and Node.js (the browser tests of
#           the report and the lab), curl (the lab's API test), man-db (the
#           installed man pages are read), clang and its libFuzzer runtime
#           (the fuzz smoke run), Open MPI (brink under mpirun,
#           docs/cluster.md), Python 3 with cffi, numpy, pandas and pytest
#           (the Python module's tests, docs/python.md)
set -eu

# libjs-chart.js: Chart.js, compiled into the HTML report at build time.
# libmicrohttpd-dev: the web lab, brink serve (docs/serve.md).
# libsleef-dev: the engine's exponentials in vector lanes (docs/ensembles.md).
PKGS="build-essential cmake pkg-config libyaml-dev libgsl-dev libjansson-dev \
librandom123-dev libjs-chart.js libmicrohttpd-dev libsleef-dev"
case "${1:-}" in
    --test)
        # chromium and nodejs: tests/cli/test_report_browser.sh, test_serve_browser.sh;
        # curl: tests/cli/test_serve_api.sh
        PKGS="$PKGS libcmocka-dev lrslib chromium man-db clang libclang-rt-14-dev curl"
        # tests/cli/test_mpi.sh: brink as the processes of an MPI job
        PKGS="$PKGS libopenmpi-dev openmpi-bin"
        # the Python module (python/brink) and its tests; the demo uses no Python
        PKGS="$PKGS python3 python3-cffi python3-numpy python3-pandas python3-pytest"
        # Node.js 18 or later runs the browser test; Debian's only if none is there.
        if ! command -v node > /dev/null 2>&1; then
            PKGS="$PKGS nodejs"
        fi
        ;;
    "") ;;
    *) echo "usage: scripts/install-deps.sh [--test]" >&2; exit 2 ;;
esac

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
