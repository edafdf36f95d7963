"""Finds and loads libbrink.so (cffi, ABI mode).

Where the library is looked for, first found wins:
  1. $BRINK_LIBRARY: the path of libbrink.so (or libbrink.so.0);
  2. beside the installed package: `cmake --install` writes the library's
     path relative to the package into brink/_install.py;
  3. the build tree of a source checkout: build/libbrink.so.0 beside python/;
  4. the dynamic loader's search path (LD_LIBRARY_PATH, the system's).
"""
import os

from cffi import FFI

from ._cdef import CDEF, COUNTS, LIBC_CDEF

ffi = FFI()
ffi.cdef(CDEF)
ffi.cdef(LIBC_CDEF)

SONAME = "libbrink.so.0"
_here = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("BRINK_LIBRARY")
    if env:
        return [env], True
    found = []
    try:
        from . import _install  # written by cmake --install
        path = _install.LIBRARY
        found.append(path if os.path.isabs(path) else os.path.join(_here, path))
    except ImportError:
        pass
    found.append(os.path.join(_here, "..", "..", "build", SONAME))
    return found, False


def _load():
    paths, forced = _candidates()
    tried = []
    for path in map(os.path.normpath, paths):
        if forced or os.path.exists(path):
            try:
                return ffi.dlopen(path), path
            except OSError as e:
                tried.append("%s (%s)" % (path, e))
                if forced:
                    break
    if not forced:
        try:
            return ffi.dlopen(SONAME), SONAME
        except OSError as e:
            tried.append("%s (%s)" % (SONAME, e))
    raise ImportError("brink: cannot load libbrink: tried " + "; ".join(tried) +
                      ". Set BRINK_LIBRARY to the path of libbrink.so")


lib, LIBRARY_PATH = _load()
libc = ffi.dlopen(None)


def _count(namer):
    fn = getattr(lib, namer)
    n = 0
    while n < 1000 and ffi.string(fn(n)).decode() not in ("unknown", "?"):
        n += 1
    return n


def _check_counts():
    for const, namer in COUNTS.items():
        want = getattr(lib, const)
        got = _count(namer)
        if got != want:
            raise ImportError(
                "brink: %s has %d items where this module expects %s = %d: "
                "the module and libbrink (%s) come from different versions"
                % (LIBRARY_PATH, got, const, want, namer))


_check_counts()


def text(p):
    """A C string as str ('' for NULL)."""
    return "" if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")
