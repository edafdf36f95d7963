#!/bin/sh
# Installs the Debian 12 packages that brink needs to build and test.
# Only missing packages are installed; safe to run repeatedly (as root).
set -eu

PKGS="build-essential cmake pkg-config libyaml-dev libgsl-dev libjansson-dev \
librandom123-dev libcmocka-dev lrslib"

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
