#!/bin/sh
# The Python module's tests (ctest: python/pytest): pytest over python/tests
# with the module of this source tree and the libbrink.so of a build.
# Environment: BRINK (the program), BRINK_LIBRARY (libbrink.so),
# BRINK_SOURCE_DIR, BRINK_PYTHON (an interpreter to use), BRINK_TEST_SANITIZE.
# Exits 77, which ctest counts as skipped, not passed, when no Python 3 with
# cffi, numpy, pandas and pytest is found (scripts/install-deps.sh --test
# installs Debian's python3-cffi, python3-numpy, python3-pandas,
# python3-pytest). Arguments go to pytest (e.g. -k ensemble).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/find_python.sh"
if ! py=$(brink_find_python "cffi numpy pandas pytest"); then
    echo "SKIP: no Python 3 with cffi, numpy, pandas and pytest" \
        "(scripts/install-deps.sh --test installs them)"
    exit 77
fi
PYTHONPATH=$(dirname "$here")${PYTHONPATH:+:$PYTHONPATH}
PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH PYTHONDONTWRITEBYTECODE
brink_sanitizer_preload
echo "python: $py"
exec "$py" -m pytest -q -p no:cacheprovider "$here" "$@"
