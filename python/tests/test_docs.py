"""docs/python.md: its session runs as it is, and its reference names every
public name of the module."""
import contextlib
import io
import os
import re

import brink

from conftest import SOURCE

DOC = os.path.join(SOURCE, "docs", "python.md")


def _doc():
    with open(DOC) as f:
        return f.read()


def test_session_runs():
    text = _doc()
    session = text[text.index("## A session"):]
    m = re.search(r"```python\n(.*?)```", session, re.S)
    assert m, "no python block in the session"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(m.group(1), DOC, "exec"), {})
    printed = out.getvalue()
    assert "target.trust allowed range [0, 1] share" in printed
    assert "staged_reciprocity" in printed


def test_reference_names_every_public_name():
    text = _doc()
    for name in brink.__all__:
        assert ("brink." + name) in text, name
