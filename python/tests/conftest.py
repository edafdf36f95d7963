"""Shared by the module's tests: the `brink` program of the same build (the
reference every figure is compared with) and the source tree.

Environment (set by ctest, python/tests/run.sh):
  BRINK             the program (default: build/brink of this checkout)
  BRINK_SOURCE_DIR  the source tree (default: this checkout)
  BRINK_LIBRARY     libbrink.so, for the module (default: see brink._lib)
"""
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("BRINK_SOURCE_DIR") or os.path.normpath(os.path.join(HERE, "..", ".."))
PROGRAM = os.environ.get("BRINK") or os.path.join(SOURCE, "build", "brink")


def child_env():
    """The environment of programs the tests start: without the sanitizer
    runtimes run.sh may preload into the interpreter."""
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)
    return env


def brink_cli(*args, check=True, cwd=None):
    """Runs the program; returns (exit code, stdout, stderr)."""
    p = subprocess.run([PROGRAM] + [str(a) for a in args], capture_output=True, text=True,
                       cwd=cwd, env=child_env())
    if check and p.returncode != 0:
        raise AssertionError("brink %s: exit %d\n%s" % (" ".join(map(str, args)), p.returncode,
                                                        p.stderr))
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="session")
def cli():
    if not os.access(PROGRAM, os.X_OK):
        pytest.fail("no brink program at %s (set BRINK)" % PROGRAM)
    return brink_cli


@pytest.fixture(scope="session")
def fixtures():
    return os.path.join(SOURCE, "tests", "fixtures")
