#!/usr/bin/env python3
"""Paired timing of two commands, for before-and-after figures on a shared
machine: OLD and NEW run alternately (NEW first in odd pairs, OLD first in
even ones, so that a drift in the machine's speed weighs on both), and each
pair gives the ratio NEW / OLD of CPU time (user + system, from the child's
resource usage) and of wall time. The medians of those ratios are the stable
figures; absolute times move with the machine's load.

Usage: bench/paired.py [-n PAIRS] [--warmup K] OLD NEW
  OLD, NEW   shell commands (run by /bin/sh -c, output discarded)
  -n PAIRS   number of pairs (default 15)
  --warmup K runs of each command before the pairs, not counted (default 1)

Prints, for OLD and NEW, the median CPU and wall seconds and peak memory,
then the minimum, median and maximum of the pair ratios. Exit status 0; 1
when a command fails (its exit status and the end of its error output are
printed); 2 on bad usage. Never used as a test of speed (docs/ensembles.md).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """(cpu seconds, wall seconds, peak MiB) of one run of cmd."""
    t0 = time.perf_counter()
    p = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    p.stderr.close()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError("command failed (exit %d): %s%s" %
                           (code, cmd, "".join("\n    " + t for t in tail)))
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss / 1024.0


def positive(text):
    v = int(text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return v


def main():
    ap = argparse.ArgumentParser(
        prog="bench/paired.py",
        description="Paired timing of two commands: ratios NEW / OLD of CPU "
        "and wall time, pair by pair, OLD and NEW alternated.")
    ap.add_argument("-n", type=positive, default=15, metavar="PAIRS",
                    help="number of pairs (default 15)")
    ap.add_argument("--warmup", type=int, default=1, metavar="K",
                    help="uncounted runs of each command first (default 1)")
    ap.add_argument("old", metavar="OLD", help="the reference command")
    ap.add_argument("new", metavar="NEW", help="the command measured against it")
    a = ap.parse_args()
    if a.warmup < 0:
        ap.error("--warmup must be 0 or more")
    try:
        for _ in range(a.warmup):
            run(a.old)
            run(a.new)
        old, new = [], []
        for i in range(a.n):
            if i % 2 == 0:
                new.append(run(a.new))
                old.append(run(a.old))
            else:
                old.append(run(a.old))
                new.append(run(a.new))
    except RuntimeError as e:
        print("paired: %s" % e, file=sys.stderr)
        return 1

    def med(rows, k):
        return statistics.median(r[k] for r in rows)

    print("pairs: %d (OLD and NEW alternated)" % a.n)
    print("%-8s %12s %12s %12s" % ("", "cpu s", "wall s", "peak MiB"))
    for name, rows in (("OLD", old), ("NEW", new)):
        print("%-8s %12.3f %12.3f %12.1f" % (name, med(rows, 0), med(rows, 1), med(rows, 2)))
    print("%-8s %12s %12s %12s" % ("NEW/OLD", "min", "median", "max"))
    for k, label in ((0, "cpu"), (1, "wall")):
        ratios = [n[k] / o[k] for n, o in zip(new, old) if o[k] > 0]
        if not ratios:
            print("%-8s %12s %12s %12s" % (label, "-", "-", "-"))
            continue
        print("%-8s %12.4f %12.4f %12.4f" % (label, min(ratios), statistics.median(ratios),
                                             max(ratios)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
