"""Single trajectories and per-run outcomes."""
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from . import _errors
from ._lib import ffi, lib, text
from ._scenario import Scenario
from ._tables import OUTCOMES, VARIABLES


def scenario_for(scenario, months=None):
    """A Scenario from a Scenario, a spec (built-in name or file) or None
    (the default case); with `months`, a copy with that horizon."""
    sc = scenario if isinstance(scenario, Scenario) else Scenario.load(scenario)
    if months is not None:
        sc = sc.copy().set("simulation.horizon_months", int(months))
    return sc


def check_seed(seed, what="seed"):
    seed = int(seed)
    if not 0 <= seed < 2 ** 64:
        raise _errors.input_error("%d is not an integer in [0, 2^64)" % seed, what)
    return seed


class _Sim:
    """A brink_sim workspace (one per thread)."""

    def __init__(self, sc):
        err = _errors.new_record()
        ptr = lib.brink_sim_alloc(sc._ptr, err)
        if ptr == ffi.NULL:
            raise _errors.from_record(err)
        self.ptr = ffi.gc(ptr, lib.brink_sim_free)
        self.sc = sc

    def init(self, policy, seed, run, draw, record_events):
        err = _errors.new_record()
        _errors.check(lib.brink_sim_init(self.ptr, policy, seed, run, 1 if draw else 0,
                                         1 if record_events else 0, err), err)


def _month_labels(sc, n):
    year, month = sc.start
    if year is None or month is None:
        return [""] * n
    return ["%04d-%02d" % (year + (month - 1 + t) // 12, (month - 1 + t) % 12 + 1)
            for t in range(n)]


_SUMMARY_INTS = ("outcome_month", "first_agreement_month", "deal_month",
                 "months_below_breakeven", "offers", "accepts", "incidents", "strikes",
                 "milestones_verified", "elections", "reversals", "max_hostility",
                 "max_crisis")
_SUMMARY_REALS = ("gdp_loss_usd_bn", "sender_cost_usd_bn", "programme_end",
                  "reserves_end_usd_bn", "trust_end", "belief_end", "resolve")


class Trajectory:
    """One run of a scenario under a policy (brink.run).

    states   DataFrame, one row per month (index `month`, 0 = the end of the
             first month, as the rows of `brink run --out`'s monthly.csv),
             a `date` column (YYYY-MM) and one column per state variable
             (brink.VARIABLES; units in brink.variables())
    events   DataFrame of the event log: month, date, event, subject, value,
             deal_value, submission, and the sentence `brink run` prints
    outcome  the final outcome's name; outcome_month, cause
    summary  dict of the run's totals (brink_summary's fields)
    policy, final_policy   the policy followed at the start and at the end
    """

    def __init__(self, sc, policy, seed, run, draw, rows, summary, events, final_policy):
        self.scenario = sc
        self.policy = sc.policies[policy]
        self.final_policy = sc.policies[final_policy]
        self.seed = seed
        self.run = run
        self.draw = draw
        n = len(rows)
        dates = _month_labels(sc, n)
        states = pd.DataFrame(np.array(rows, dtype=np.float64).reshape(n, len(VARIABLES)),
                              columns=list(VARIABLES))
        states.insert(0, "date", dates)
        states.index.name = "month"
        self.states = states
        self.summary = summary
        self.outcome = summary["outcome"]
        self.outcome_month = summary["outcome_month"]
        self.cause = summary["cause"]
        year, month = sc.start
        ev = pd.DataFrame(events, columns=["month", "event", "subject", "value", "deal_value",
                                           "submission", "text"])
        ev.insert(1, "date", [
            "%04d-%02d" % (year + (month - 1 + m) // 12, (month - 1 + m) % 12 + 1)
            if year is not None else "" for m in ev["month"]])
        self.events = ev

    def __repr__(self):
        return "<brink.Trajectory %s, policy %s, seed %d, run %d: %s in month %d>" % (
            self.scenario.name, self.policy, self.seed, self.run, self.outcome,
            self.outcome_month)


def _summary_dict(s):
    d = {"outcome": OUTCOMES[s.outcome], "cause": text(s.cause)}
    for k in _SUMMARY_INTS:
        d[k] = int(getattr(s, k))
    for k in _SUMMARY_REALS:
        d[k] = float(getattr(s, k))
    return d


def run(scenario=None, policy=None, seed=1, run=0, draw=False, months=None):
    """Simulates one trajectory, as `brink run` does (run 0, the point values
    of every parameter; draw=True draws the uncertain ones with the (seed,
    run) stream, as run `run` of an ensemble does). `scenario` is a
    Scenario, a built-in name, a file or None (the default case); `policy`
    an id or None (the scenario's); `months` overrides the horizon.
    Returns a Trajectory."""
    sc = scenario_for(scenario, months)
    p = sc.policy_index(policy)
    seed = check_seed(seed)
    run_index = check_seed(run, "run")
    sim = _Sim(sc)
    sim.init(p, seed, run_index, draw, True)
    rows = []
    nvar = len(VARIABLES)
    more = 1
    while more:
        more = lib.brink_sim_step(sim.ptr)
        rows.append([lib.brink_sim_var(sim.ptr, v) for v in range(nvar)])
    summary = _summary_dict(lib.brink_sim_summary(sim.ptr))
    evp = ffi.new("const brink_event **")
    n = lib.brink_sim_events(sim.ptr, evp)
    policy_in_force = ffi.new("int *", p)
    buf = ffi.new("char[]", 512)
    events = []
    for i in range(n):
        e = evp[0][i]
        lib.brink_event_describe(sc._ptr, ffi.addressof(evp[0], i), policy_in_force, buf, 512)
        events.append((int(e.month), text(lib.brink_event_name(e.kind)), int(e.subject),
                       float(e.value), float(e.deal_value), float(e.submission),
                       ffi.string(buf).decode("utf-8", "replace")))
    final = int(lib.brink_sim_policy(sim.ptr))
    return Trajectory(sc, p, seed, run_index, draw, rows, summary, events, final)


def _summary_dtype():
    fields = dict(ffi.typeof("brink_summary").fields)
    names, formats, offsets = [], [], []
    for name in ("outcome",) + _SUMMARY_INTS + ("cause",) + _SUMMARY_REALS:
        f = fields[name]
        names.append(name)
        offsets.append(f.offset)
        if name == "cause":
            formats.append("S%d" % f.type.length)
        elif f.type.cname == "int":
            formats.append(np.int32)
        else:
            formats.append(np.float64)
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": ffi.sizeof("brink_summary")})


def thread_count(threads):
    threads = int(threads)
    if not 0 <= threads <= lib.BRINK_ENSEMBLE_MAX_THREADS:
        raise _errors.input_error("%d is not an integer in [0, %d]"
                                  % (threads, lib.BRINK_ENSEMBLE_MAX_THREADS), "threads")
    return threads or (os.cpu_count() or 1)


def runs(scenario=None, policy=None, runs=1000, seed=1, threads=0, months=None, first=0):
    """The outcome and totals of each run of an ensemble: runs first ..
    first + runs - 1 of (scenario, policy, seed), every uncertain parameter
    drawn, exactly the runs brink.ensemble (and `brink ensemble`) reduces.
    Returns a DataFrame, one row per run (index `run`): outcome (categorical,
    brink.OUTCOMES), outcome_month, first_agreement_month and deal_month (-1:
    none), the counts and totals of the run, and its cause. The result is the
    same for any number of threads (0: every core)."""
    sc = scenario_for(scenario, months)
    p = sc.policy_index(policy)
    seed = check_seed(seed)
    first = check_seed(first, "first")
    n = int(runs)
    if n < 0:
        raise _errors.input_error("%d is not a number of runs" % n, "runs")
    out = ffi.new("brink_summary[]", max(n, 1))
    size = ffi.sizeof("brink_summary")
    nthreads = min(thread_count(threads), max(1, n))

    stopped = []  # set when the caller is interrupted: the workers end early

    def work(lo, hi):
        sim = _Sim(sc)
        for r in range(lo, hi):
            if stopped:
                return
            sim.init(p, seed, first + r, True, False)
            lib.brink_sim_run(sim.ptr)
            ffi.memmove(ffi.addressof(out, r), lib.brink_sim_summary(sim.ptr), size)

    bounds = [(n * k // nthreads, n * (k + 1) // nthreads) for k in range(nthreads)]
    if nthreads == 1:
        work(0, n)
    else:
        with ThreadPoolExecutor(nthreads) as pool:
            try:
                for f in [pool.submit(work, lo, hi) for lo, hi in bounds]:
                    f.result()
            except BaseException:
                stopped.append(1)
                raise
    rec = np.frombuffer(ffi.buffer(out, size * n), dtype=_summary_dtype(), count=n)
    df = pd.DataFrame({name: rec[name].copy() for name in rec.dtype.names if name != "cause"})
    df["outcome"] = pd.Categorical.from_codes(df["outcome"].to_numpy(), categories=OUTCOMES)
    df["cause"] = np.char.decode(rec["cause"], "utf-8", "replace") if n else []
    df.index = pd.RangeIndex(first, first + n, name="run")
    return df
