"""The names libbrink gives outcomes, events, state variables, fan
variables and costs, read from the library once."""
import pandas as pd

from ._lib import ffi, lib, text

OUTCOMES = tuple(text(lib.brink_outcome_name(i)) for i in range(lib.BRINK_OUTCOME_COUNT))
EVENTS = tuple(text(lib.brink_event_name(i)) for i in range(lib.BRINK_EV_COUNT))
VARIABLES = tuple(text(lib.brink_var_name(i)) for i in range(lib.BRINK_VAR_COUNT))
FAN_VARIABLES = tuple(text(lib.brink_fan_var_name(i)) for i in range(lib.BRINK_FAN_COUNT))
COSTS = tuple(text(lib.brink_cost_name(i)) for i in range(lib.BRINK_COST_COUNT))


def outcomes():
    """The outcomes: name and meaning, in the library's order."""
    return pd.DataFrame({"outcome": OUTCOMES,
                         "description": [text(lib.brink_outcome_description(i))
                                         for i in range(len(OUTCOMES))]})


def variables():
    """The state variables of a run's monthly rows: name and unit."""
    return pd.DataFrame({"variable": VARIABLES,
                         "unit": [text(lib.brink_var_unit(i)) for i in range(len(VARIABLES))]})


def events():
    """The kinds of events of a run's log, with their MID hostility and ICB
    violence levels (0: not militarized)."""
    return pd.DataFrame({"event": EVENTS,
                         "mid_level": [lib.brink_event_mid_level(i) for i in range(len(EVENTS))],
                         "icb_level": [lib.brink_event_icb_level(i) for i in range(len(EVENTS))]})


def params():
    """Every parameter a scenario may set, as `brink params` lists it: one
    row per parameter with its path (entity parameters as
    "<group>.<id>.<name>"), kind, unit, allowed and plausible ranges (as text
    and as numbers; NaN for choices), default (text, and its point value:
    NaN when required), description and source."""
    info = ffi.new("brink_param_info *")
    rows = []
    for i in range(lib.brink_param_count()):
        lib.brink_param_describe(i, info, ffi.NULL)
        rows.append((text(info.path), text(info.kind), text(info.unit), text(info.allowed),
                     text(info.plausible), text(getattr(info, "def")), float(info.lo), float(info.hi),
                     float(info.plausible_lo), float(info.plausible_hi),
                     float(info.default_value), text(info.description), text(info.source)))
    return pd.DataFrame(rows, columns=["path", "kind", "unit", "allowed", "plausible", "default",
                                       "lo", "hi", "plausible_lo", "plausible_hi",
                                       "default_value", "description", "source"])

