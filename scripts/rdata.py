"""A minimal reader for R data files (.rda / .rds, XDR serialization version 2
or 3, gzip/bzip2/xz compressed) holding data frames of logical, integer,
double and character columns, factors and Dates. Python standard library only.

    python3 scripts/rdata.py FILE.rda > FILE.csv      # first object, as CSV

Used by scripts/base_rates.py to read peacesciencer's data/archigos.rda.
"""
import bz2
import csv
import datetime
import gzip
import lzma
import struct
import sys

NA_INT = -2147483648


class Vec:
    def __init__(self, v, attr=None):
        self.v, self.attr = v, attr or {}


class _Reader:
    def __init__(self, b, pos):
        self.b, self.p, self.refs = b, pos, []

    def _i(self):
        v = struct.unpack_from(">i", self.b, self.p)[0]
        self.p += 4
        return v

    def _attrs(self, has):
        if not has:
            return {}
        a = self.item()
        return dict(a) if isinstance(a, list) else {}

    def item(self):
        f = self._i()
        t, has_attr, has_tag = f & 0xFF, f & (1 << 9), f & (1 << 10)
        if t == 254:                                   # NULL
            return None
        if t in (241, 242, 250, 251, 252, 253):        # special environments, markers
            return None
        if t == 255:                                   # reference
            k = f >> 8 or self._i()
            return self.refs[k - 1]
        if t == 1:                                     # symbol
            s = self.item()
            self.refs.append(s)
            return s
        if t in (2, 6, 239, 240):                      # pairlist, language
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            out = [(tag, self.item())]
            rest = self.item()
            del attr
            return out + rest if isinstance(rest, list) else out
        if t == 9:                                     # CHARSXP
            n = self._i()
            if n == -1:
                return None
            s = self.b[self.p:self.p + n].decode("utf-8", "replace")
            self.p += n
            return s
        if t in (10, 13):                              # logical, integer
            n = self._i()
            v = list(struct.unpack_from(">%di" % n, self.b, self.p))
            self.p += 4 * n
            return Vec([None if x == NA_INT else x for x in v], self._attrs(has_attr))
        if t == 14:                                    # double
            n = self._i()
            v = list(struct.unpack_from(">%dd" % n, self.b, self.p))
            self.p += 8 * n
            return Vec(v, self._attrs(has_attr))
        if t in (16, 19, 20):                          # character, list
            n = self._i()
            v = [self.item() for _ in range(n)]
            return Vec(v, self._attrs(has_attr))
        if t == 238:                                   # ALTREP
            info, state, attr = self.item(), self.item(), self.item()
            cls = info[0][1]
            if cls in ("compact_intseq", "compact_realseq"):
                n, s, st = state.v
                v = [s + k * st for k in range(int(n))]
            elif cls.startswith("wrap_"):
                v = state[0][1].v
            elif cls == "deferred_string":
                v = [str(x) for x in state[0][1].v]
            else:
                raise ValueError("unsupported ALTREP class " + cls)
            return Vec(v, dict(attr) if isinstance(attr, list) else {})
        if t == 4:                                     # environment
            env = {}
            self.refs.append(env)
            self._i()
            for _ in range(4):
                self.item()
            return env
        raise ValueError("unsupported SEXP type %d at byte %d" % (t, self.p))


def load(path):
    """The objects of an .rda file as [(name, value)], or an .rds file's object."""
    b = open(path, "rb").read()
    if b[:2] == b"\x1f\x8b":
        b = gzip.decompress(b)
    elif b[:3] == b"BZh":
        b = bz2.decompress(b)
    elif b[:6] == b"\xfd7zXZ\x00":
        b = lzma.decompress(b)
    pos = 5 if b[:4] in (b"RDX2", b"RDX3") else 0
    if b[pos:pos + 2] != b"X\n":
        raise ValueError("%s: not an XDR R data file" % path)
    r = _Reader(b, pos + 2)
    version = r._i()
    r._i()
    r._i()
    if version == 3:                                   # native encoding name
        n = r._i()
        r.p += n
    return r.item()


def frame(df):
    """A data frame Vec -> (column names, columns as lists); factors decoded,
    Dates as ISO strings, whole doubles as ints, NA as None."""
    names, cols = df.attr["names"].v, []
    for c in df.v:
        cls = c.attr["class"].v if "class" in c.attr else []
        if "factor" in cls:
            lev = c.attr["levels"].v
            cols.append([None if x is None else lev[x - 1] for x in c.v])
        elif "Date" in cls:
            cols.append([None if x != x else
                         (datetime.date(1970, 1, 1) + datetime.timedelta(days=int(x))).isoformat()
                         for x in c.v])
        else:
            cols.append([None if isinstance(x, float) and x != x else
                         int(x) if isinstance(x, float) and x.is_integer() else x for x in c.v])
    return names, cols


def records(path):
    """Rows of the first data frame in an R data file, as dicts."""
    obj = load(path)
    df = obj[0][1] if isinstance(obj, list) else obj
    names, cols = frame(df)
    return [dict(zip(names, row)) for row in zip(*cols)]


if __name__ == "__main__":
    rows = records(sys.argv[1])
    w = csv.writer(sys.stdout)
    w.writerow(rows[0].keys())
    for row in rows:
        w.writerow(["" if x is None else x for x in row.values()])
