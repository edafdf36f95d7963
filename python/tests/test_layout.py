"""The module's declarations (brink/_cdef.py, cffi's ABI mode) against the
real headers: every struct's size, every field's offset and size, every
constant, compiled by the C compiler. A header that changes without the
declarations fails here, not in a notebook."""
import os
import shutil
import subprocess

import pytest

import brink
from brink import ffi

from conftest import SOURCE, child_env

HEADERS = ["brink/brink.h", "brink/engine.h", "brink/ensemble.h", "brink/stats.h",
           "brink/params.h", "brink/report.h", "brink/error.h", "brink/scenario.h"]
CONSTANTS = ["BRINK_MAX_ERRORS", "BRINK_OUTCOME_COUNT", "BRINK_EV_COUNT", "BRINK_VAR_COUNT",
             "BRINK_CATEGORIES_MAX", "BRINK_KM_MAX_HORIZON", "BRINK_KM_NOT_REACHED",
             "BRINK_ENSEMBLE_CHUNK", "BRINK_ENSEMBLE_MAX_POLICIES", "BRINK_ENSEMBLE_MAX_THREADS",
             "BRINK_FAN_COUNT", "BRINK_COST_COUNT"]


def _structs():
    typedefs, _, _ = ffi.list_types()
    out = []
    for name in sorted(typedefs):
        t = ffi.typeof(name)
        if t.kind == "struct" and t.fields is not None:
            out.append((name, [f for f, _ in t.fields]))
    return out


def _compiler():
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc or not shutil.which(cc.split()[0]):
        pytest.skip("no C compiler: the declarations are not checked against the headers")
    return cc


def test_declarations_match_the_headers(tmp_path):
    cc = _compiler()
    structs = _structs()
    assert len(structs) >= 20
    include = os.environ.get("BRINK_INCLUDE") or os.path.join(SOURCE, "include")
    lines = ["#include <stddef.h>", "#include <stdio.h>"]
    lines += ["#include <%s>" % h for h in HEADERS]
    lines.append("int main(void) {")
    for name, fields in structs:
        lines.append('    printf("%s %%zu\\n", sizeof(%s));' % (name, name))
        for f in fields:
            lines.append('    printf("%s.%s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                         % (name, f, name, f, name, f))
    for c in CONSTANTS:
        lines.append('    printf("%s %%lld\\n", (long long)(%s));' % (c, c))
    lines += ["    return 0;", "}"]
    src = tmp_path / "layout.c"
    src.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "layout"
    p = subprocess.run(cc.split() + ["-std=c17", "-I", include, "-o", str(exe), str(src)],
                       capture_output=True, text=True, env=child_env())
    assert p.returncode == 0, p.stderr
    got = subprocess.run([str(exe)], capture_output=True, text=True, check=True,
                         env=child_env()).stdout
    want = []
    for name, fields in structs:
        t = ffi.typeof(name)
        want.append("%s %d" % (name, ffi.sizeof(t)))
        for f, fld in t.fields:
            want.append("%s.%s %d %d" % (name, f, fld.offset, ffi.sizeof(fld.type)))
    for c in CONSTANTS:
        want.append("%s %d" % (c, getattr(brink.lib, c)))
    assert got.splitlines() == want
