"""Scenarios: loading, errors as exceptions with the program's message,
parameters, copies, the resolved YAML."""
import os

import pytest

import brink


def test_builtin_default_and_by_name():
    sc = brink.load()
    assert sc.name == "iran-2025"
    assert sc.file == "<builtin:iran-2025>"
    assert sc.default_policy == "maximum_pressure"
    assert sc.policies[0] == "maximum_pressure" and "staged_reciprocity" in sc.policies
    assert sc.start == (2025, 1)
    assert len(sc.hash) == 16
    names = [n for n, _ in brink.builtins()]
    assert names[0] == "iran-2025" and len(names) > 10
    other = brink.Scenario.builtin(names[1])
    assert other.name == names[1] and other.hash != sc.hash


def test_hash_equals_the_programs(cli):
    _, out, _ = cli("run", "--format", "json")
    import json
    assert json.loads(out)["scenario_hash"] == brink.load().hash


def test_file_and_string_load_the_same_scenario(fixtures):
    path = os.path.join(fixtures, "minimal.yaml")
    a = brink.Scenario.from_file(path)
    assert a.file == path
    with open(path) as f:
        b = brink.Scenario.from_yaml(f.read(), filename="mine.yaml")
    assert b.file == "mine.yaml"
    assert a.hash == b.hash
    assert brink.load(path).hash == a.hash


def test_yaml_round_trip():
    sc = brink.load().set("target.trust", 0.6)
    text = sc.to_yaml()
    assert "simulation:" in text
    again = brink.Scenario.from_yaml(text)
    assert again.hash == sc.hash


@pytest.mark.parametrize("name", ["bad_range", "bad_unknown_key", "bad_shares", "bad_syntax",
                                  "bad_type", "bad_missing", "bad_reference"])
def test_file_errors_are_the_programs(cli, fixtures, name):
    """Each bad fixture: InputError (code 2, the program's exit code) whose
    text is exactly what `brink run FILE` prints, with file:line:column."""
    path = os.path.join(fixtures, name + ".yaml")
    rc, _, err = cli("run", path, check=False)
    assert rc == 2
    with pytest.raises(brink.InputError) as ei:
        brink.Scenario.from_file(path)
    e = ei.value
    assert isinstance(e, brink.BrinkError) and isinstance(e, ValueError)
    assert e.code == 2 and e.exit_code == 2
    assert str(e) + "\n" == err
    assert e.file == path
    assert err.startswith("%s:%d:%d: error: " % (path, e.line, e.column)) or e.line == 0
    assert len(e.problems) >= 1 and e.problems[0].message == e.message


def test_string_error_position_and_caret():
    text = "name: x\nlabel: y\ntarget:\n  gdp_usd_bn: [1, 2\n"
    with pytest.raises(brink.InputError) as ei:
        brink.Scenario.from_yaml(text, filename="case.yaml")
    e = ei.value
    assert e.file == "case.yaml"
    assert e.line >= 4 and e.column >= 1
    assert str(e).startswith("case.yaml:%d:%d: error: " % (e.line, e.column))


def test_range_error_names_path_and_range(fixtures):
    with pytest.raises(brink.InputError) as ei:
        brink.Scenario.from_file(os.path.join(fixtures, "bad_range.yaml"))
    e = ei.value
    assert (e.line, e.column) == (5, 15)
    assert e.path == "third_parties.china_state.exposure"
    assert "allowed range" in str(e)


def test_several_problems_are_all_reported():
    base = brink.load().to_yaml()
    text = base.replace("  horizon_months: 120", "  horizon_months: 9999").replace(
        "  noise: 1", "  noise: -4")
    assert text != base
    with pytest.raises(brink.InputError) as ei:
        brink.Scenario.from_yaml(text)
    e = ei.value
    paths = [p.path for p in e.problems]
    assert "simulation.horizon_months" in paths and "simulation.noise" in paths
    assert all(p.line > 0 for p in e.problems)
    assert str(e).count("error:") == len(e.problems)


def test_unknown_builtin_or_file():
    with pytest.raises(brink.InputError) as ei:
        brink.load("no-such-case")
    assert "no-such-case" in str(ei.value)
    with pytest.raises(brink.InputError):
        brink.Scenario.builtin("no-such-case")
    with pytest.raises(brink.BrinkError):
        brink.Scenario.from_file("/nonexistent/case.yaml")


def test_set_error_matches_the_programs(cli):
    rc, _, err = cli("run", "--set", "target.trust=7", check=False)
    assert rc == 2
    sc = brink.load()
    before = sc.hash
    with pytest.raises(brink.InputError) as ei:
        sc.set("target.trust", 7)
    e = ei.value
    assert str(e) + "\n" == err
    assert e.path == "target.trust" and e.file == "--set"
    assert "[0, 1]" in e.hint
    assert sc.hash == before  # unchanged after a failed set


def test_set_unknown_path_suggests():
    with pytest.raises(brink.InputError) as ei:
        brink.load().set("target.trsut", 0.5)
    assert "trust" in str(ei.value)


def test_set_forms_and_effects():
    a = brink.load().set("target.trust", 0.6)
    b = brink.load().set("target.trust=0.6")
    c = brink.load().update({"target.trust": 0.6})
    assert a.hash == b.hash == c.hash != brink.load().hash
    d = brink.load().set("target.trust", {"beta": [2, 3]})
    assert d.hash not in (a.hash, brink.load().hash)
    assert "beta" in d.to_yaml()
    e = brink.load().set("target.money.can_print", False)
    assert e.hash != brink.load().hash
    f = brink.load().set("simulation.horizon_months", 24)
    assert brink.run(f).states.shape[0] <= 24


def test_copy_is_independent():
    sc = brink.load()
    h = sc.hash
    cp = sc.copy().set("target.trust", 0.3)
    assert sc.hash == h and cp.hash != h


def test_unknown_policy():
    with pytest.raises(brink.InputError) as ei:
        brink.run(policy="no_such_policy")
    e = ei.value
    assert e.code == 2
    assert "unknown policy 'no_such_policy'" in str(e)
    assert "maximum_pressure" in e.hint


def test_errors_are_one_hierarchy():
    assert issubclass(brink.InputError, brink.BrinkError)
    assert issubclass(brink.BrinkRuntimeError, brink.BrinkError)
    assert issubclass(brink.BrinkRuntimeError, RuntimeError)
