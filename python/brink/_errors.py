"""libbrink's error records (brink_error) as Python exceptions."""
from ._lib import ffi, lib, text

OK = 0
INPUT = 2    # BRINK_ERR_INPUT: bad scenario, value or option (the program's exit code 2)
RUNTIME = 1  # BRINK_ERR_RUNTIME: I/O failure, out of memory (exit code 1)


class BrinkError(Exception):
    """A failure reported by libbrink.

    Attributes, from the library's record (the first problem when there are
    several):
      code     1 (runtime failure) or 2 (bad input): the exit code `brink`
               gives for the same failure
      message  what is wrong ("'foo' is not a number")
      file     the input file, "<builtin:NAME>", "<string>" or "--set"; may be ''
      line, column   1-based position in the file; 0 when unknown
      path     the parameter path, e.g. "target.trust"; may be ''
      hint     the allowed range, a suggestion; may be ''
      problems every problem of the input, each a BrinkError (a scenario
               with several errors reports them all)
      dropped  problems found beyond those listed (the library lists 32)
    str(e) is the library's text: "file:line:column: error: path: message",
    the hint and, where the source is known, the line with a caret.
    """

    def __init__(self, text_, code, message="", file="", line=0, column=0, path="",
                 hint="", problems=None, dropped=0):
        super().__init__(text_)
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.hint = hint
        self.problems = problems if problems is not None else [self]
        self.dropped = dropped

    @property
    def exit_code(self):
        return self.code


class InputError(BrinkError, ValueError):
    """Bad input: a scenario, a value, a parameter, an option (code 2)."""


class BrinkRuntimeError(BrinkError, RuntimeError):
    """A runtime failure: I/O, memory, threads (code 1)."""


def _class(code):
    return BrinkRuntimeError if code == RUNTIME else InputError


def _format(err, source):
    buf = ffi.new("char[]", 8192)
    src = ffi.NULL if source is None else ffi.new("char[]", source.encode())
    lib.brink_error_format(err, src, buf, 8192)
    return ffi.string(buf).decode("utf-8", "replace").rstrip("\n")


def from_record(err, source=None):
    """The exception for one brink_error record."""
    code = int(err.code)
    return _class(code)(_format(err, source), code, text(err.message), text(err.file),
                        int(err.line), int(err.column), text(err.path), text(err.hint))


def from_list(errs, source=None):
    """The exception for a brink_error_list: the first problem, with every
    problem in .problems; the code is 1 when any is a runtime failure."""
    problems = [from_record(ffi.addressof(errs.items, i), source) for i in range(errs.count)]
    if not problems:
        return InputError("unknown error", INPUT)
    dropped = int(errs.dropped)
    lines = [str(p) for p in problems]
    if dropped:
        lines.append("%d more problem%s not shown" % (dropped, "" if dropped == 1 else "s"))
    code = RUNTIME if any(p.code == RUNTIME for p in problems) else INPUT
    first = problems[0]
    return _class(code)("\n".join(lines), code, first.message, first.file, first.line,
                        first.column, first.path, first.hint, problems, dropped)


def new_record():
    err = ffi.new("brink_error *")
    lib.brink_error_clear(err)
    return err


def check(status, err, source=None):
    """Raises the exception of err when status is not OK."""
    if status != OK:
        raise from_record(err, source)


def input_error(message, path="", hint=""):
    """An InputError raised by the module itself (an unknown policy, a bad
    argument), recorded and worded by the library as its own."""
    err = new_record()
    lib.brink_error_set(err, INPUT, ffi.NULL, 0, 0, path.encode() if path else ffi.NULL,
                        b"%s", ffi.new("char[]", message.encode()))
    if hint:
        lib.brink_error_hint(err, b"%s", ffi.new("char[]", hint.encode()))
    return from_record(err)
