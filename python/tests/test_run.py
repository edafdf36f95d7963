"""One trajectory: the program's monthly.csv, events.csv and JSON summary
for the same scenario, policy and seed; determinism; per-run outcomes."""
import csv
import json

import numpy as np
import pandas as pd
import pytest

import brink


def _read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def _same_as_program(cli, tmp_path, t, args):
    out = tmp_path / "run"
    cli("run", *args, "--out", out)
    rows = _read_csv(out / "monthly.csv")
    header, body = rows[0], rows[1:]
    assert header == ["month", "date"] + list(brink.VARIABLES)
    assert list(t.states.columns) == ["date"] + list(brink.VARIABLES)
    assert len(body) == len(t.states)
    for (month, row), cells in zip(t.states.iterrows(), body):
        assert [str(month), row["date"]] == cells[:2]
        # the program writes %.10g: every value, to the last digit it prints
        assert ["%.10g" % row[v] for v in brink.VARIABLES] == cells[2:]
    events = _read_csv(out / "events.csv")
    assert events[0] == ["month", "date", "event", "subject", "value", "text"]
    assert len(events) - 1 == len(t.events)
    for (_, e), cells in zip(t.events.iterrows(), events[1:]):
        assert [str(e["month"]), e["date"], e["event"], str(e["subject"]), "%.10g" % e["value"],
                e["text"]] == cells
    with open(out / "summary.json") as f:
        js = json.load(f)
    assert js["outcome"] == t.outcome and js["outcome_month"] == t.outcome_month
    assert js["cause"] == t.cause
    assert js["months"] == len(t.states)
    assert js["policy"] == t.policy and js["final_policy"] == t.final_policy
    assert js["deal_month"] == (None if t.summary["deal_month"] < 0 else t.summary["deal_month"])
    tot = js["totals"]
    for key, mine in (("target_gdp_loss_usd_bn", "gdp_loss_usd_bn"),
                      ("sender_cost_usd_bn", "sender_cost_usd_bn"),
                      ("reserves_end_usd_bn", "reserves_end_usd_bn"),
                      ("programme_end", "programme_end"), ("trust_end", "trust_end"),
                      ("belief_resolve_end", "belief_end"), ("resolve", "resolve")):
        assert tot[key] == float("%.10g" % t.summary[mine]), key
    for key in ("months_below_breakeven", "offers", "accepts", "incidents",
                "milestones_verified", "elections", "reversals"):
        assert tot[key] == t.summary[key], key
    assert [e["text"] for e in js["events"]] == list(t.events["text"])


@pytest.mark.parametrize("policy,seed", [(None, 1), ("staged_reciprocity", 7),
                                         ("low_stakes_first", 3)])
def test_trajectory_equals_brink_run(cli, tmp_path, policy, seed):
    args = ["--seed", seed] + (["--policy", policy] if policy else [])
    t = brink.run(policy=policy, seed=seed)
    assert t.policy == (policy or "maximum_pressure")
    _same_as_program(cli, tmp_path, t, args)


def test_drawn_trajectory_equals_brink_run_draw(cli, tmp_path):
    t = brink.run(seed=5, draw=True)
    _same_as_program(cli, tmp_path, t, ["--seed", 5, "--draw"])


def test_set_and_months_equal_the_programs(cli, tmp_path):
    sc = brink.load().set("target.trust", 0.6)
    t = brink.run(sc, seed=2, months=36)
    assert len(t.states) <= 36
    _same_as_program(cli, tmp_path, t, ["--seed", 2, "--set", "target.trust=0.6",
                                        "--months", 36])


def test_determinism():
    a = brink.run(seed=11)
    b = brink.run(seed=11)
    pd.testing.assert_frame_equal(a.states, b.states, check_exact=True)
    pd.testing.assert_frame_equal(a.events, b.events, check_exact=True)
    assert a.summary == b.summary
    c = brink.run(seed=12)
    assert not a.states.equals(c.states)  # the shocks follow the seed


def test_trajectory_shape():
    t = brink.run()
    assert t.states.index.name == "month"
    assert list(t.states.index) == list(range(len(t.states)))
    assert t.states["date"].iloc[0] == "2025-01" and t.states["date"].iloc[12] == "2026-01"
    assert t.outcome in brink.OUTCOMES
    assert set(t.events["event"]) <= set(brink.EVENTS)
    assert t.states[list(brink.VARIABLES)].dtypes.eq(np.float64).all()


def test_per_run_outcomes_are_the_ensembles_runs():
    """Run r of brink.runs is run r of the ensemble: its outcome counts are
    the ensemble's, and each row is a drawn trajectory of brink.run."""
    df = brink.runs(runs=1500, seed=4, threads=2)
    assert list(df.index) == list(range(1500))
    e = brink.ensemble(runs=1500, seed=4)
    counts = df["outcome"].value_counts(sort=False).reindex(list(brink.OUTCOMES)).to_numpy()
    assert (counts == e.counts[0]).all()
    for r in (0, 17, 1499):
        t = brink.run(seed=4, run=r, draw=True)
        assert t.outcome == df.loc[r, "outcome"]
        assert t.outcome_month == df.loc[r, "outcome_month"]
        assert t.summary["gdp_loss_usd_bn"] == df.loc[r, "gdp_loss_usd_bn"]
        assert t.cause == df.loc[r, "cause"]


def test_per_run_same_for_any_threads():
    a = brink.runs(runs=300, seed=9, threads=1, policy="status_quo")
    b = brink.runs(runs=300, seed=9, threads=3, policy="status_quo")
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = brink.runs(runs=100, seed=9, threads=1, policy="status_quo", first=200)
    pd.testing.assert_frame_equal(a.iloc[200:], c, check_exact=True)


def test_bad_arguments():
    with pytest.raises(brink.InputError):
        brink.run(seed=-1)
    with pytest.raises(brink.InputError):
        brink.run(months=0)
    with pytest.raises(brink.InputError):
        brink.runs(runs=10, threads=100000)
