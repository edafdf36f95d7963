"""The default case's outcome probabilities with the Python module, as
`brink ensemble iran-2025 --runs RUNS --seed SEED` computes them: one line
per outcome, name, count and probability, the lines examples/outcomes.c
prints. Usage: python3 outcomes.py [RUNS [SEED]] (default 2000 runs, seed 1),
with the module on the path (docs/python.md)."""
import sys

import brink

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ensemble = brink.ensemble("iran-2025", runs=runs, seed=seed)
for outcome, row in ensemble.outcomes().iterrows():
    print("%s %d %.10g" % (outcome, row["count"], row["p"]))
