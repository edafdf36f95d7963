"""Ensembles and comparisons: the figures of `brink ensemble` and `brink
compare` for the same scenario, policies, runs and seed, exactly; the same
for any number of threads; parameter changes move outcome probabilities
the documented way."""
import csv
import json
import os
import signal
import threading
import time

import numpy as np
import pytest

import brink

RUNS = 2000


def _cli_json(cli, *args):
    _, out, _ = cli(*args, "--format", "json")
    return out, json.loads(out)


def _g10(x):
    """x as the program's JSON writes it (10 significant digits)."""
    return float("%.10g" % x)


@pytest.fixture(scope="module")
def default_ensemble():
    return brink.ensemble(runs=RUNS, seed=1)


def test_outcome_probabilities_equal_brink_ensemble(cli, default_ensemble):
    text, js = _cli_json(cli, "ensemble", "--runs", RUNS, "--seed", 1)
    e = default_ensemble
    assert (e.policy, e.seed, e.runs, e.runs_done, e.partial, e.horizon) == (
        js["policy"], 1, RUNS, RUNS, False, js["horizon_months"])
    df = e.outcomes()
    assert list(df.index) == list(js["outcomes"]) == list(brink.OUTCOMES)
    for o, row in df.iterrows():
        ref = js["outcomes"][o]
        assert row["count"] == ref["count"]
        assert _g10(row["p"]) == ref["p"]
        assert row["p"] == ref["count"] / RUNS
        assert [_g10(row["lo"]), _g10(row["hi"])] == ref["ci"]
    assert (e.counts[0] == [js["outcomes"][o]["count"] for o in brink.OUTCOMES]).all()
    assert (e.probabilities[0] == e.counts[0] / RUNS).all()
    assert e.counts.sum() == RUNS
    # and the whole summary, byte for byte
    assert e.to_json() == text


def test_policy_set_months_equal_brink_ensemble(cli):
    sc = brink.load().set("target.trust", 0.5)
    e = brink.ensemble(sc, policy="staged_reciprocity", runs=1500, seed=42, months=60,
                       threads=2)
    text, js = _cli_json(cli, "ensemble", "--policy", "staged_reciprocity", "--runs", 1500,
                         "--seed", 42, "--months", 60, "--set", "target.trust=0.5")
    assert e.horizon == 60 and js["horizon_months"] == 60
    assert [e.outcomes().loc[o, "count"] for o in brink.OUTCOMES] == [
        js["outcomes"][o]["count"] for o in brink.OUTCOMES]
    assert e.to_json() == text


def test_scenario_file_equals_brink_ensemble(cli, fixtures):
    path = os.path.join(fixtures, "features.yaml")
    e = brink.ensemble(path, runs=700, seed=3)
    text, _ = _cli_json(cli, "ensemble", path, "--runs", 700, "--seed", 3)
    assert e.to_json() == text


def test_files_equal_brink_ensemble_out(cli, tmp_path, default_ensemble):
    cli("ensemble", "--runs", RUNS, "--seed", 1, "--out", tmp_path / "cli")
    default_ensemble.write(tmp_path / "py")
    names = sorted(os.listdir(tmp_path / "cli"))
    assert names == sorted(os.listdir(tmp_path / "py"))
    assert "outcomes.csv" in names and "fans.csv" in names
    for n in names:
        assert (tmp_path / "cli" / n).read_bytes() == (tmp_path / "py" / n).read_bytes(), n


def _csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_tables_equal_the_programs_csv(cli, tmp_path, default_ensemble):
    e = default_ensemble
    cli("ensemble", "--runs", RUNS, "--seed", 1, "--out", tmp_path)
    # fans
    for row in _csv(tmp_path / "fans.csv"):
        if row["variable"] not in ("exports_mbpd", "fx_rate", "trust"):
            continue
        f = e.fan(row["variable"])
        m = int(row["month"])
        for q in ("q05", "q25", "q50", "q75", "q95", "mean"):
            got = f.loc[m, q]
            assert row[q] == ("%.10g" % got if np.isfinite(got) else ""), (row, q)
        assert int(row["n"]) == f.loc[m, "n"]
    # outcomes by month
    bm = e.by_month()
    assert (bm.sum(axis=1) == RUNS).all()
    assert (bm.iloc[-1].to_numpy() == e.counts[0]).all()
    for row in _csv(tmp_path / "outcomes_by_month.csv"):
        assert bm.loc[int(row["month"]), row["outcome"]] == int(row["count"])
    # survival
    s = {"deal": e.survival("deal"), "agreement": e.survival("agreement")}
    for row in _csv(tmp_path / "survival.csv"):
        r = s[row["event"]].loc[int(row["month"])]
        assert (r["at_risk"], r["events"], r["censored"]) == (
            int(row["at_risk"]), int(row["events"]), int(row["censored"]))
        assert "%.10g" % r["surv"] == row["S"]
    # costs
    c = e.costs()
    for row in _csv(tmp_path / "costs.csv"):
        r = c.loc[row["cost"]]
        assert int(row["n"]) == r["n"]
        for k in ("mean", "sd", "min", "q05", "q50", "q95", "max", "mean_lo", "mean_hi"):
            assert row[k] == "%.10g" % r[k], (row["cost"], k)


def test_time_to_deal_equals_the_programs(cli, default_ensemble):
    _, js = _cli_json(cli, "ensemble", "--runs", RUNS, "--seed", 1)
    e = default_ensemble
    for event, key in (("deal", "time_to_deal"), ("agreement", "time_to_agreement")):
        ref = js[key]
        m = e.median_time(event)
        assert m["median"] == ref["median_months"]
        assert [m["median_lo"], m["median_hi"]] == ref["median_ci"]
        assert e.survival(event).attrs == m
        for years, b in ref["by_years"].items():
            p, lo, hi = e.p_by(12 * int(years), event)
            assert [_g10(p), [_g10(lo), _g10(hi)]] == [b["p"], b["ci"]]


def test_same_for_any_number_of_threads():
    one = brink.ensemble(runs=2100, seed=7, threads=1)  # 3 chunks of runs
    for t in (2, 3, 0):
        other = brink.ensemble(runs=2100, seed=7, threads=t)
        assert (other.counts == one.counts).all()
        assert other.to_json() == one.to_json()
        assert np.array_equal(other.fans(), one.fans(), equal_nan=True)


def test_seed_changes_and_fixes_the_runs():
    a = brink.ensemble(runs=1000, seed=1)
    b = brink.ensemble(runs=1000, seed=1)
    c = brink.ensemble(runs=1000, seed=2)
    assert a.to_json() == b.to_json()
    assert (a.counts != c.counts).any()


def _p(e, outcome):
    df = e.outcomes()
    return df.loc[outcome, "p"], df.loc[outcome, "lo"], df.loc[outcome, "hi"]


def test_reversal_probability_raises_deals_reversed():
    """docs/model.md: senders.<id>.reversal_probability is the probability that
    an election discards relief in force; more of it, more deals reversed
    and fewer deals standing at the horizon."""
    runs = 4000
    low = brink.ensemble(brink.load().set("senders.us.reversal_probability", 0.0), runs=runs)
    high = brink.ensemble(brink.load().set("senders.us.reversal_probability", 0.6), runs=runs)
    p0, _, hi0 = _p(low, "deal_reversed")
    p1, lo1, _ = _p(high, "deal_reversed")
    assert p1 > p0 and lo1 > hi0
    d0, lo_d0, _ = _p(low, "deal")
    d1, _, hi_d1 = _p(high, "deal")
    assert d1 < d0 and hi_d1 < lo_d0


def test_lower_trust_fewer_deals():
    """docs/claims.md, claim 4 (a): trust 0.8 -> 0.05 lowers P(deal) on the
    default case. The same runs under both values (brink.runs, common
    random numbers): far more runs reach a deal only with the higher trust
    than only with the lower one (McNemar's test, beyond 4 standard errors)."""
    runs = 3000
    hi = brink.runs(brink.load().set("target.trust", 0.8), runs=runs, seed=1)
    lo = brink.runs(brink.load().set("target.trust", 0.05), runs=runs, seed=1)
    deal_hi, deal_lo = hi["outcome"] == "deal", lo["outcome"] == "deal"
    only_hi, only_lo = int((deal_hi & ~deal_lo).sum()), int((deal_lo & ~deal_hi).sum())
    assert only_hi - only_lo > 4 * (only_hi + only_lo) ** 0.5
    e_hi = brink.ensemble(brink.load().set("target.trust", 0.8), runs=runs, seed=1)
    assert e_hi.outcomes().loc["deal", "count"] == deal_hi.sum()


def test_compare_equals_brink_compare(cli):
    pols = ["maximum_pressure", "staged_reciprocity", "status_quo"]
    c = brink.compare(policies=pols, runs=1200, seed=5)
    text, js = _cli_json(cli, "compare", "--policies", ",".join(pols), "--runs", 1200,
                         "--seed", 5)
    assert c.to_json() == text
    assert c.policies == pols == js["policies"]
    for k, res in enumerate(js["results"]):
        assert res["policy"] == pols[k]
        assert [res["outcomes"][o]["count"] for o in brink.OUTCOMES] == list(c.counts[k])
        assert (c.outcomes(pols[k])["count"].to_numpy() == c.counts[k]).all()
    d = c.differences()
    for o in brink.OUTCOMES:
        for ref in js["comparison"]["outcomes"][o]:
            r = d.loc[(ref["policy"], o)]
            assert [_g10(r["p_baseline"]), _g10(r["p"]), _g10(r["diff"])] == [
                ref["p_baseline"], ref["p"], ref["diff"]]
            assert [_g10(r["lo"]), _g10(r["hi"])] == ref["diff_ci"]
            assert r["discordant"] == ref["discordant"]
    cd = c.cost_differences()
    for cost in brink.COSTS:
        for ref in js["comparison"]["costs"][cost]:
            r = cd.loc[(ref["policy"], cost)]
            assert _g10(r["diff"]) == ref["diff"]
    # the baseline's runs are the single-policy ensemble's runs
    single = brink.ensemble(policy="staged_reciprocity", runs=1200, seed=5)
    assert (single.counts[0] == c.counts[1]).all()
    table = c.outcome_table()
    assert table.loc[("status_quo", "war"), "count"] == c.counts[2][brink.OUTCOMES.index("war")]


def test_compare_default_policies():
    c = brink.compare(runs=200)
    sc = brink.load()
    assert c.policies[0] == sc.default_policy and sorted(c.policies) == sorted(sc.policies)
    assert len(c.differences()) == (len(c.policies) - 1) * len(brink.OUTCOMES)


def test_the_ensembles_scenario_is_a_copy():
    sc = brink.load()
    e = brink.ensemble(sc, runs=100)
    before = e.to_json()
    sc.set("target.trust", 0.1)
    assert e.to_json() == before and e.scenario.hash != sc.hash


def test_bad_arguments():
    with pytest.raises(brink.InputError):
        brink.ensemble(runs=0)
    with pytest.raises(brink.InputError) as ei:
        brink.ensemble(policy="nope", runs=10)
    assert "unknown policy 'nope'" in str(ei.value)
    with pytest.raises(brink.InputError):
        brink.compare(policies=["maximum_pressure"] * 17, runs=10)
    with pytest.raises(brink.InputError):
        brink.ensemble(runs=10, threads=100000)
    e = brink.ensemble(runs=10)
    with pytest.raises(brink.InputError):
        e.outcomes(level=1.5)
    with pytest.raises(brink.InputError):
        e.fan("no_such_variable")
    with pytest.raises(brink.InputError):
        e.outcomes(policy="status_quo")


def _ensemble_threads():
    return [t for t in threading.enumerate() if t.name == "brink-ensemble"]


@pytest.mark.parametrize("delay", [0.002, 0.01, 0.05, 0.5])
def test_ctrl_c_stops_the_runs(delay):
    """SIGINT during a long ensemble, at its start or later: the runs stop
    soon (the chunks in progress finish), nothing goes on running, and
    KeyboardInterrupt is raised."""
    sc = brink.load()
    assert not _ensemble_threads()
    timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        timer.start()
        brink.ensemble(sc, runs=200_000_000, seed=1, threads=2)
    timer.join()
    assert time.monotonic() - start < 60  # 200 million runs would take hours
    assert not _ensemble_threads()
