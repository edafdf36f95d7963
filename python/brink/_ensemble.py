"""Ensembles of runs and paired comparisons of policies
(include/brink/ensemble.h)."""
import signal
import threading

import numpy as np
import pandas as pd

from . import _errors
from ._lib import ffi, lib
from ._run import check_seed, runs as _runs, scenario_for
from ._scenario import write_to_string
from ._tables import COSTS, FAN_VARIABLES, OUTCOMES

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
LEVEL = 0.95


def _qname(q):
    return "q%02d" % round(100 * q) if round(100 * q) == 100 * q else "q%g" % (100 * q)


def _z(level):
    z = lib.brink_z_for_level(level)
    if not np.isfinite(z):
        raise _errors.input_error("%r is not a level in (0, 1)" % (level,), "level")
    return z


def _month(m):
    return None if m == lib.BRINK_KM_NOT_REACHED else int(m)


class Ensemble:
    """The reduced runs of brink.ensemble or brink.compare.

    scenario  the scenario the runs used (a copy, unchanged by later set())
    policies  the policies' ids; policies[0] is the baseline of a comparison
    policy    policies[0]
    seed, runs (requested), runs_done, partial, horizon (months), threads

    Every method takes `policy` (an id or an index into policies; default
    the first) where results are per policy, and `level` for intervals
    (default 0.95). Figures are those of `brink ensemble` / `brink compare`
    for the same scenario, policies, runs and seed: to_json() is, byte for
    byte, what `--format json` prints.
    """

    def __init__(self, sc, result, compare, model_only):
        self.scenario = sc
        self._r = result
        self._compare = compare
        self.model_only = model_only
        r = result
        self.policies = [sc.policies[r.policies[k]] for k in range(r.npolicies)]
        self.policy = self.policies[0]
        self.seed = int(r.seed)
        self.runs = int(r.runs_requested)
        self.runs_done = int(r.runs_done)
        self.partial = bool(r.partial)
        self.horizon = int(r.horizon)
        self.threads = int(r.threads)

    def _k(self, policy):
        if policy is None:
            return 0
        if isinstance(policy, (int, np.integer)) and not isinstance(policy, bool):
            if 0 <= policy < len(self.policies):
                return int(policy)
        elif policy in self.policies:
            return self.policies.index(policy)
        raise _errors.input_error("policy %r is not one of this ensemble's" % (policy,),
                                  hint="policies: " + ", ".join(self.policies))

    def _pol(self, policy):
        return self._r.pol[self._k(policy)]

    # ---- outcomes ------------------------------------------------------------

    @property
    def counts(self):
        """Runs ending in each outcome: array (policies, outcomes) of
        integers, in brink.OUTCOMES order."""
        return np.array([[self._r.pol[k].outcomes.count[o] for o in range(len(OUTCOMES))]
                         for k in range(len(self.policies))], dtype=np.uint64)

    @property
    def probabilities(self):
        """Outcome probabilities: array (policies, outcomes), count / runs."""
        return np.array([[lib.brink_proportion(self._r.pol[k].outcomes.count[o],
                                               self._r.pol[k].outcomes.n)
                          for o in range(len(OUTCOMES))]
                         for k in range(len(self.policies))])

    def outcomes(self, policy=None, level=LEVEL):
        """Outcome probabilities of one policy with Wilson intervals:
        DataFrame indexed by outcome, columns p, lo, hi, count."""
        c = ffi.addressof(self._pol(policy), "outcomes")
        z = _z(level)
        p, lo, hi = ffi.new("double *"), ffi.new("double *"), ffi.new("double *")
        rows = []
        for o in range(len(OUTCOMES)):
            lib.brink_categorical_interval(c, o, z, p, lo, hi, ffi.NULL)
            rows.append((p[0], lo[0], hi[0], int(c.count[o])))
        df = pd.DataFrame(rows, columns=["p", "lo", "hi", "count"], index=list(OUTCOMES))
        df.index.name = "outcome"
        return df

    def outcome_table(self, level=LEVEL):
        """outcomes() of every policy, one after the other: DataFrame with
        a (policy, outcome) index."""
        return pd.concat({name: self.outcomes(k, level) for k, name in enumerate(self.policies)},
                         names=["policy", "outcome"])

    def by_month(self, policy=None):
        """Status of the runs at each month: DataFrame indexed by month m = 1
        .. horizon (the state at the end of the m-th month, as in
        outcomes_by_month.csv), one column per outcome, counts of runs. A
        finished run keeps its outcome; a running one counts as deal,
        partial_deal or stalemate. Each row sums to the runs; the last is
        the final outcome."""
        bm = self._pol(policy).by_month
        n = int(bm.months) * int(bm.ncat)
        a = np.frombuffer(ffi.buffer(bm.counts, 8 * n), dtype=np.uint64).reshape(
            int(bm.months), int(bm.ncat)).copy()
        df = pd.DataFrame(a, columns=list(OUTCOMES), index=pd.RangeIndex(1, int(bm.months) + 1))
        df.index.name = "month"
        return df

    # ---- time to a deal --------------------------------------------------------

    def _km(self, event, policy):
        if event not in ("deal", "agreement"):
            raise _errors.input_error("event %r is not 'deal' or 'agreement'" % (event,))
        p = self._pol(policy)
        return p.km_deal if event == "deal" else p.km_agreement

    def survival(self, event="deal", policy=None, level=LEVEL):
        """Kaplan-Meier estimate of the time to the first comprehensive deal
        (event="deal") or the first accepted offer or step ("agreement"):
        DataFrame indexed by month t = 0 .. horizon with at_risk, events,
        censored, surv (no event by the end of t), se, lo, hi (pointwise
        interval) and incidence (1 - surv). The medians are in .attrs
        (median, median_lo, median_hi; None when not reached)."""
        km = ffi.addressof(self._km(event, policy))
        kr = ffi.new("brink_km_result *")
        err = _errors.new_record()
        _errors.check(lib.brink_km_estimate(km, level, kr, err), err)
        h = int(kr.horizon) + 1
        cols = {}
        for name, dtype in (("at_risk", np.uint64), ("events", np.uint64),
                            ("censored", np.uint64), ("surv", np.float64), ("se", np.float64),
                            ("lo", np.float64), ("hi", np.float64), ("incidence", np.float64)):
            cols[name] = np.frombuffer(ffi.buffer(getattr(kr, name)), dtype=dtype)[:h].copy()
        df = pd.DataFrame(cols)
        df.index.name = "month"
        df.attrs.update(self.median_time(event, policy, level, kr))
        return df

    def median_time(self, event="deal", policy=None, level=LEVEL, _kr=None):
        """Median months to the event with its interval: dict median,
        median_lo, median_hi (None when not reached)."""
        kr = _kr
        if kr is None:
            kr = ffi.new("brink_km_result *")
            err = _errors.new_record()
            _errors.check(lib.brink_km_estimate(ffi.addressof(self._km(event, policy)), level,
                                                kr, err), err)
        return {"median": _month(kr.median), "median_lo": _month(kr.median_lo),
                "median_hi": _month(kr.median_hi)}

    def p_by(self, months, event="deal", policy=None, level=LEVEL):
        """Probability of the event within `months` months, absorbing
        outcomes counted as no event, with its Wilson interval: (p, lo, hi)
        (`brink ensemble`'s "P(by N years)")."""
        km = self._km(event, policy)
        x = lib.brink_ensemble_events_by(ffi.addressof(km), int(months))
        lo, hi = ffi.new("double *"), ffi.new("double *")
        lib.brink_wilson(x, km.n, _z(level), lo, hi, ffi.NULL)
        return float(lib.brink_proportion(x, km.n)), lo[0], hi[0]

    # ---- fans and costs ----------------------------------------------------------

    def fan(self, variable, policy=None, quantiles=QUANTILES):
        """Quantiles of a state variable (one of brink.FAN_VARIABLES) over the
        runs still running at each month: DataFrame indexed by month m = 1 ..
        horizon (as fans.csv), a column per quantile (q05, q50, ...), the
        mean and n, the runs counted."""
        if variable not in FAN_VARIABLES:
            raise _errors.input_error("%r has no fan" % (variable,),
                                      hint="variables with a fan: " + ", ".join(FAN_VARIABLES))
        v = FAN_VARIABLES.index(variable)
        f = ffi.addressof(self._pol(policy), "fan")
        qs = [float(q) for q in quantiles]
        q = ffi.new("double[]", qs)
        months = int(f.months)
        out = ffi.new("double[]", max(1, months * len(qs)))
        err = _errors.new_record()
        _errors.check(lib.brink_fan_quantiles(f, v, q, len(qs), out, err), err)
        a = np.frombuffer(ffi.buffer(out), dtype=np.float64)[:months * len(qs)].reshape(
            months, len(qs)).copy()
        df = pd.DataFrame(a, columns=[_qname(x) for x in qs],
                          index=pd.RangeIndex(1, months + 1))
        cells = [lib.brink_fan_cell_const(f, v, t) for t in range(months)]
        df["mean"] = [lib.brink_moments_mean(ffi.addressof(c.moments)) for c in cells]
        df["n"] = np.array([c.moments.n for c in cells], dtype=np.uint64)
        df.index.name = "month"
        return df

    def fans(self, policy=None, quantiles=QUANTILES):
        """Every fan at once: array (FAN_VARIABLES, months, quantiles)."""
        return np.stack([self.fan(v, policy, quantiles).drop(columns=["mean", "n"]).to_numpy()
                         for v in FAN_VARIABLES])

    def costs(self, policy=None, level=LEVEL):
        """The distribution of each per-run total (brink.COSTS): DataFrame
        indexed by cost with n, mean, mean_lo, mean_hi (Student-t interval),
        sd, min, q05, q50, q95, max."""
        lo, hi = ffi.new("double *"), ffi.new("double *")
        rows = []
        p = self._pol(policy)
        for c in range(len(COSTS)):
            h = ffi.addressof(p.cost[c])
            m = ffi.addressof(h.moments)
            err = _errors.new_record()
            _errors.check(lib.brink_moments_mean_interval(m, level, lo, hi, err), err)
            n = int(m.n)
            rows.append((n, lib.brink_moments_mean(m), lo[0], hi[0], lib.brink_moments_sd(m),
                         m.min if n else np.nan, lib.brink_hist_quantile(h, 0.05, ffi.NULL),
                         lib.brink_hist_quantile(h, 0.5, ffi.NULL),
                         lib.brink_hist_quantile(h, 0.95, ffi.NULL), m.max if n else np.nan))
        df = pd.DataFrame(rows, index=list(COSTS), columns=["n", "mean", "mean_lo", "mean_hi",
                                                            "sd", "min", "q05", "q50", "q95",
                                                            "max"])
        df.index.name = "cost"
        return df

    def run_months(self, policy=None):
        """Months simulated, summed over the runs."""
        return int(self._pol(policy).run_months)

    # ---- comparisons ---------------------------------------------------------------

    def differences(self, level=LEVEL):
        """Each policy against the baseline (policies[0]) on the same runs:
        DataFrame with a (policy, outcome) index and p_baseline, p, diff
        (p - p_baseline), lo, hi (Newcombe's paired interval) and
        discordant (runs where exactly one of the two had the outcome).
        Empty for a single policy."""
        d = ffi.new("brink_paired_diff *")
        rows, index = [], []
        for k in range(1, len(self.policies)):
            for o in range(len(OUTCOMES)):
                err = _errors.new_record()
                _errors.check(lib.brink_paired_prop_diff(
                    ffi.addressof(self._r.pair[k].outcome[o]), level, d, err), err)
                rows.append((d.p_a, d.p_b, d.diff, d.lo, d.hi, int(d.discordant)))
                index.append((self.policies[k], OUTCOMES[o]))
        return pd.DataFrame(rows, columns=["p_baseline", "p", "diff", "lo", "hi", "discordant"],
                            index=pd.MultiIndex.from_tuples(index, names=["policy", "outcome"]))

    def cost_differences(self, level=LEVEL):
        """Each policy's per-run totals against the baseline's on the same
        runs: DataFrame with a (policy, cost) index and mean_baseline, mean,
        diff (mean of the per-run differences), lo, hi (Student-t)."""
        dd, lo, hi = ffi.new("double *"), ffi.new("double *"), ffi.new("double *")
        rows, index = [], []
        for k in range(1, len(self.policies)):
            for c in range(len(COSTS)):
                pm = ffi.addressof(self._r.pair[k].cost[c])
                err = _errors.new_record()
                _errors.check(lib.brink_paired_mean_diff(pm, level, dd, lo, hi, err), err)
                rows.append((lib.brink_moments_mean(ffi.addressof(pm.a)),
                             lib.brink_moments_mean(ffi.addressof(pm.b)), dd[0], lo[0], hi[0]))
                index.append((self.policies[k], COSTS[c]))
        return pd.DataFrame(rows, columns=["mean_baseline", "mean", "diff", "lo", "hi"],
                            index=pd.MultiIndex.from_tuples(index, names=["policy", "cost"]))

    # ---- per run, and the program's files ------------------------------------------------

    def per_run(self, policy=None, threads=0):
        """The runs of this ensemble one by one (brink.runs): DataFrame of
        each run's outcome and totals; its outcome counts equal counts."""
        return _runs(self.scenario, self.policies[self._k(policy)], self.runs_done, self.seed,
                     threads)

    def to_json(self):
        """The JSON summary, exactly as `brink ensemble --format json` (one
        policy) or `brink compare --format json` prints it."""
        err = _errors.new_record()
        status, out = write_to_string(lambda f: lib.brink_ensemble_write_json(
            self.scenario._ptr, self._r, 1 if self._compare else 0, f, err))
        _errors.check(status, err)
        return out

    def write(self, directory):
        """Writes summary.json and the CSV files of `brink ensemble --out`
        (`brink compare --out`) into `directory`, as one atomic set."""
        import os
        err = _errors.new_record()
        _errors.check(lib.brink_ensemble_write_dir(self.scenario._ptr, self._r,
                                                   1 if self._compare else 0,
                                                   os.fspath(directory).encode(), err), err)

    def __repr__(self):
        return "<brink.Ensemble %s, %s, %d runs, seed %d%s>" % (
            self.scenario.name, ", ".join(self.policies), self.runs_done, self.seed,
            ", partial" if self.partial else "")


def _run(sc, policies, runs, seed, threads, model_only, compare):
    cfg = ffi.new("brink_ensemble_config *")
    if not 1 <= len(policies) <= lib.BRINK_ENSEMBLE_MAX_POLICIES:
        raise _errors.input_error("%d policies: give 1 to %d" % (
            len(policies), lib.BRINK_ENSEMBLE_MAX_POLICIES), "policies")
    for k, p in enumerate(policies):
        cfg.policies[k] = sc.policy_index(p)
    cfg.npolicies = len(policies)
    runs = int(runs)
    if runs < 1:
        raise _errors.input_error("%d is not a number of runs (at least 1)" % runs, "runs")
    cfg.runs = runs
    cfg.seed = check_seed(seed)
    threads = int(threads)
    if threads < 0:
        raise _errors.input_error("%d is not a number of threads" % threads, "threads")
    cfg.threads = threads
    cfg.model_only = 1 if model_only else 0
    stop = ffi.new("int *")
    cfg.stop = stop
    box = ffi.new("brink_ensemble_result **")
    err = _errors.new_record()
    status = []
    # what the library reads while it runs, kept alive by the thread itself
    held = (sc, cfg, stop, box, err)
    done = threading.Event()

    def work():
        try:
            status.append(lib.brink_ensemble_run(held[0]._ptr, held[1], held[3], held[4]))
        finally:
            done.set()

    # The runs go on in a thread of their own, so that Ctrl-C reaches Python:
    # it stops the ensemble (the chunks in progress finish), then is raised.
    # The wait is on an Event: a Thread.join that Ctrl-C interrupts may take
    # a running thread for finished (CPython 3.11).
    t = threading.Thread(target=work, name="brink-ensemble", daemon=True)
    try:
        # no Ctrl-C while the thread starts (it would leave it running
        # unseen); one that comes meanwhile is raised right after
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            t.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        while not done.wait(0.1):
            pass
    except BaseException:
        stop[0] = 1
        while t.ident is not None and not done.is_set():
            try:
                done.wait()
            except KeyboardInterrupt:  # again: the chunks in progress still finish
                pass
        if status and status[0] == 0:
            lib.brink_ensemble_result_free(box[0])
        if done.is_set():
            t.join()
        raise
    t.join()
    _errors.check(status[0], err)
    result = ffi.gc(box[0], lib.brink_ensemble_result_free)
    return Ensemble(sc, result, compare, model_only)


def ensemble(scenario=None, policy=None, runs=10000, seed=1, threads=0, months=None,
             model_only=False):
    """Runs 0 .. runs-1 of a scenario under one policy, every uncertain
    parameter drawn (run r from the (seed, r) streams), reduced as `brink
    ensemble` reduces them; the result is the same for any number of
    threads (0: every core). `scenario`: a Scenario, a built-in name, a file
    or None (the default case); `policy`: an id or None (the scenario's);
    `months`: the horizon; model_only: fans without the structural error.
    Returns an Ensemble."""
    sc = scenario_for(scenario, months).copy()
    return _run(sc, [policy], runs, seed, threads, model_only, False)


def compare(scenario=None, policies=None, runs=10000, seed=1, threads=0, months=None,
            model_only=False):
    """Several policies over the same runs (common random numbers), as `brink
    compare --policies A,B,...`: the first is the baseline. None compares
    every policy of the scenario, the default one first. Returns an
    Ensemble whose differences() and cost_differences() hold the paired
    comparisons."""
    sc = scenario_for(scenario, months).copy()
    if policies is None:
        policies = [sc.default_policy] + [p for p in sc.policies if p != sc.default_policy]
    elif isinstance(policies, str):
        policies = [p for p in policies.split(",") if p]
    return _run(sc, list(policies), runs, seed, threads, model_only, True)
