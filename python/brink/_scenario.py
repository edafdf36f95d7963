"""Scenarios: loading (built-in, file, YAML text), parameters, the resolved
YAML."""
import math
import os

from . import _errors
from ._lib import ffi, lib, libc, text


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def write_to_string(write):
    """Calls write(FILE *) on an in-memory stream; returns (status, text)."""
    buf = ffi.new("char **")
    size = ffi.new("size_t *")
    f = libc.open_memstream(buf, size)
    if f == ffi.NULL:
        raise MemoryError("brink: cannot open a memory stream")
    try:
        status = write(f)
    finally:
        libc.fclose(f)
    try:
        data = bytes(ffi.buffer(buf[0], size[0])) if buf[0] != ffi.NULL else b""
    finally:
        libc.free(buf[0])
    return status, data.decode("utf-8", "replace")


def yaml_value(value):
    """A Python value as the YAML text of a --set value: True -> true,
    0.25 -> 0.25, {"normal": [1.5, 0.5]} -> {normal: [1.5, 0.5]}; a str is
    taken as YAML text already."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (k, yaml_value(v)) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    try:  # numpy scalars
        return yaml_value(value.item())
    except AttributeError:
        raise TypeError("brink: cannot write %r as a parameter value" % (value,)) from None


class Scenario:
    """A loaded, checked scenario (libbrink's brink_scenario).

    Make one with Scenario.builtin(name), Scenario.from_file(path),
    Scenario.from_yaml(text) or brink.load(spec); change it with set(); copy
    it with copy(). Loading and setting raise brink.InputError with the
    file, line, column and parameter path of every problem."""

    def __init__(self, ptr, source=None):
        # use the constructors; ptr is an owned brink_scenario *
        self._ptr = ffi.gc(ptr, lib.brink_scenario_free)
        self._source = source

    # ---- loading ------------------------------------------------------------

    @staticmethod
    def _loaded(ptr, errs, source):
        if ptr == ffi.NULL:
            raise _errors.from_list(errs, source)
        return Scenario(ptr, source)

    @classmethod
    def builtin(cls, name="iran-2025"):
        """A built-in case by name (brink.builtins() lists them)."""
        errs = ffi.new("brink_error_list *")
        return cls._loaded(lib.brink_scenario_load_builtin(name.encode(), errs), errs, None)

    @classmethod
    def from_file(cls, path):
        """A scenario file (YAML)."""
        path = os.fspath(path)
        errs = ffi.new("brink_error_list *")
        ptr = lib.brink_scenario_load_file(path.encode(), errs)
        return cls._loaded(ptr, errs, None if ptr != ffi.NULL else _read(path))

    @classmethod
    def from_yaml(cls, yaml_text, filename="<string>"):
        """A scenario from YAML text; `filename` names it in messages."""
        data = yaml_text.encode() if isinstance(yaml_text, str) else bytes(yaml_text)
        errs = ffi.new("brink_error_list *")
        ptr = lib.brink_scenario_load_string(data, len(data), filename.encode(), errs)
        return cls._loaded(ptr, errs, data.decode("utf-8", "replace"))

    @classmethod
    def load(cls, spec=None):
        """As the program reads its SCENARIO argument: a built-in name, else a
        file path; None or "" is the default case."""
        errs = ffi.new("brink_error_list *")
        s = os.fspath(spec) if spec else ""
        ptr = lib.brink_scenario_load(s.encode() if s else ffi.NULL, errs)
        source = None
        if ptr == ffi.NULL and s and errs.count and text(errs.items[0].file) == s:
            source = _read(s)
        return cls._loaded(ptr, errs, source)

    def copy(self):
        """An independent copy (to change without changing this one)."""
        err = _errors.new_record()
        ptr = lib.brink_scenario_clone(self._ptr, err)
        if ptr == ffi.NULL:
            raise _errors.from_record(err)
        return Scenario(ptr, self._source)

    # ---- parameters -----------------------------------------------------------

    def set(self, path, value=None):
        """Sets one parameter, as `brink run --set PATH=VALUE` does:
        sc.set("target.trust", 0.6), sc.set("target.trust=0.6"), or a
        distribution, sc.set("target.trust", {"beta": [2, 3]}). The value is
        checked, then the whole scenario; on failure (brink.InputError, naming
        the path and the allowed range) the scenario is unchanged. Returns
        the scenario, so that calls chain."""
        assignment = path if value is None else "%s=%s" % (path, yaml_value(value))
        err = _errors.new_record()
        _errors.check(lib.brink_scenario_set(self._ptr, assignment.encode(), err), err,
                      assignment)
        return self

    def update(self, values):
        """Sets several parameters ({path: value}), in order; stops at the
        first failure."""
        for k, v in values.items():
            self.set(k, v)
        return self

    # ---- what it is -------------------------------------------------------------

    @property
    def name(self):
        return text(lib.brink_scenario_name(self._ptr))

    @property
    def label(self):
        return text(lib.brink_scenario_label(self._ptr))

    @property
    def file(self):
        """Where it came from: a path, "<builtin:NAME>" or the name given to
        from_yaml."""
        return text(lib.brink_scenario_file(self._ptr))

    @property
    def hash(self):
        """The scenario's hash as the program prints it (16 hex digits)."""
        return "%016x" % lib.brink_scenario_hash(self._ptr)

    @property
    def coalition_label(self):
        return text(lib.brink_scenario_coalition_label(self._ptr))

    @property
    def breakeven_mbpd(self):
        """The fiscal break-even as a crude volume (NaN without crude)."""
        return float(lib.brink_scenario_breakeven_mbpd(self._ptr))

    @property
    def policies(self):
        """The policies' ids, in the scenario's order."""
        return [text(lib.brink_scenario_policy_name(self._ptr, i))
                for i in range(lib.brink_scenario_policy_count(self._ptr))]

    @property
    def default_policy(self):
        return text(lib.brink_scenario_policy_name(
            self._ptr, lib.brink_scenario_default_policy(self._ptr)))

    def policy_index(self, policy=None):
        """The index of a policy (an id or an index); None is the default
        policy. An unknown policy raises brink.InputError listing them."""
        if policy is None:
            return int(lib.brink_scenario_default_policy(self._ptr))
        n = lib.brink_scenario_policy_count(self._ptr)
        if isinstance(policy, int) and not isinstance(policy, bool):
            if 0 <= policy < n:
                return policy
            raise _errors.input_error("no policy %d (the scenario has %d)" % (policy, n))
        i = lib.brink_scenario_policy_index(self._ptr, str(policy).encode())
        if i < 0:
            raise _errors.input_error("unknown policy '%s'" % policy,
                                      hint="policies of '%s': %s" % (self.name,
                                                                     ", ".join(self.policies)))
        return int(i)

    def to_yaml(self):
        """The fully resolved scenario as YAML (`brink show`): every
        parameter, defaults included; it loads back to the same scenario."""
        err = _errors.new_record()
        status, out = write_to_string(lambda f: lib.brink_scenario_write_yaml(self._ptr, f, err))
        _errors.check(status, err)
        return out

    @property
    def start(self):
        """(year, month) of month 0: simulation.start_year and start_month."""
        year = month = None
        section = None
        for line in self.to_yaml().splitlines():
            if line and not line.startswith(" "):
                section = line.rstrip(":")
            elif section == "simulation":
                key, _, val = line.strip().partition(":")
                if key == "start_year":
                    year = int(float(val))
                elif key == "start_month":
                    month = int(float(val))
        return year, month

    def __repr__(self):
        return "<brink.Scenario %s (%s), hash %s>" % (self.name, self.file, self.hash)


def load(spec=None):
    """Scenario.load(spec): a built-in name or a file; None is the default."""
    return Scenario.load(spec)


def builtins():
    """The built-in scenarios: a list of (name, description), the default
    first."""
    out = []
    i = 0
    while True:
        n = lib.brink_builtin_name(i)
        if n == ffi.NULL:
            return out
        out.append((text(n), text(lib.brink_builtin_description(i))))
        i += 1
