"""The parameter table, the name tables."""
import math

import brink


def _md_cells(line):
    # a row of `brink params --format markdown`: | `path` | kind | ... |, '|' escaped
    cells, cur, i = [], "", 1
    while i < len(line):
        ch = line[i]
        if ch == "\\" and line[i + 1:i + 2] == "|":
            cur += "|"
            i += 2
            continue
        if ch == "|":
            cells.append(cur.strip())
            cur = ""
        else:
            cur += ch
        i += 1
    return cells


def test_params_equal_brink_params(cli):
    _, out, _ = cli("params", "--format", "markdown")
    rows = [_md_cells(l) for l in out.splitlines()[2:]]
    df = brink.params()
    assert len(df) == len(rows) > 150
    for (_, r), cells in zip(df.iterrows(), rows):
        assert cells == ["`%s`" % r["path"], r["kind"], r["unit"], r["allowed"], r["plausible"],
                         r["default"], r["description"], r["source"]]


def test_params_numbers():
    df = brink.params().set_index("path")
    h = df.loc["simulation.horizon_months"]
    assert (h["kind"], h["unit"], h["lo"], h["hi"], h["default_value"]) == (
        "integer", "months", 1, 600, 120)
    assert df.loc["target.trust", "lo"] == 0 and df.loc["target.trust", "hi"] == 1
    assert math.isnan(df.loc["target.gdp_usd_bn", "default_value"])
    assert df.loc["target.gdp_usd_bn", "default"] == "required"
    ch = df.loc["senders.<id>.legal_form"]
    assert ch["kind"] == "choice" and math.isnan(ch["lo"])
    num = df[df["kind"].isin(["number", "integer"])]
    assert (num["lo"] <= num["plausible_lo"]).all() and (num["plausible_hi"] <= num["hi"]).all()


def test_a_parameter_of_the_table_can_be_set():
    df = brink.params().set_index("path")
    lo, hi = df.loc["target.trust", ["lo", "hi"]]
    sc = brink.load()
    sc.set("target.trust", hi)
    try:
        sc.set("target.trust", hi + 1)
        raise AssertionError("a value above the table's range was accepted")
    except brink.InputError as e:
        assert e.path == "target.trust"


def test_names(cli):
    assert brink.OUTCOMES == ("deal", "partial_deal", "stalemate", "sender_backs_down", "war",
                              "regime_crisis", "deal_reversed")
    assert list(brink.outcomes()["outcome"]) == list(brink.OUTCOMES)
    assert brink.variables()["variable"].tolist() == list(brink.VARIABLES)
    assert "exports_mbpd" in brink.VARIABLES and "exports_mbpd" in brink.FAN_VARIABLES
    assert set(brink.FAN_VARIABLES) <= set(brink.VARIABLES)
    ev = brink.events().set_index("event")
    assert ev.loc["war", "mid_level"] == 5 and ev.loc["offer", "mid_level"] == 0
    assert brink.COSTS[0] == "target_gdp_loss_usd_bn"
    _, out, _ = cli("--version")
    assert brink.version() in out
