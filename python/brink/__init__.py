"""brink: simulation and analysis of coercive diplomacy, from Python.

A binding of libbrink (the C library behind the `brink` program) through
cffi. Every figure is computed by the library, so the module's results are
those of the program for the same scenario, policy, seed and runs.

    import brink
    sc = brink.load("iran-2025")                  # or Scenario.from_file / from_yaml
    sc.set("target.trust", 0.6)                   # as --set target.trust=0.6
    t = brink.run(sc, policy="staged_reciprocity", seed=7)
    t.states                                      # DataFrame: a row per month
    e = brink.ensemble(sc, runs=2000, seed=1)
    e.outcomes()                                  # probabilities, intervals, counts
    c = brink.compare(sc, ["maximum_pressure", "staged_reciprocity"], runs=2000)
    c.differences()

See docs/python.md for the whole interface.
"""
from ._errors import BrinkError, BrinkRuntimeError, InputError
from ._lib import LIBRARY_PATH, text
from ._lib import ffi, lib  # the cffi handles, for tests and the curious: not the interface
from ._scenario import Scenario, builtins, load
from ._tables import (COSTS, EVENTS, FAN_VARIABLES, OUTCOMES, VARIABLES, events, outcomes,
                      params, variables)
from ._run import Trajectory, run, runs
from ._ensemble import Ensemble, compare, ensemble

__version__ = text(lib.brink_version())


def version():
    """The version of libbrink in use (e.g. "0.1.0")."""
    return __version__


__all__ = [
    "BrinkError", "InputError", "BrinkRuntimeError", "Scenario", "Trajectory", "Ensemble",
    "load", "builtins", "params", "outcomes", "variables", "events", "run", "runs",
    "ensemble", "compare", "version", "OUTCOMES", "EVENTS", "VARIABLES", "FAN_VARIABLES",
    "COSTS", "LIBRARY_PATH",
]
