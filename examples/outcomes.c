/* The default case's outcome probabilities, as `brink ensemble iran-2025
 * --runs RUNS --seed SEED` computes them: one line per outcome, name, count
 * and probability (examples/outcomes.py prints the same lines). Build it
 * against an installed libbrink (docs/python.md, README.md):
 *   cc outcomes.c $(pkg-config --cflags --libs brink) -o outcomes
 * Usage: outcomes [RUNS [SEED]] (default 2000 runs, seed 1). */
#include <brink/brink.h>
#include <brink/ensemble.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    brink_error_list errs;
    brink_error err;
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", &errs);
    if (!sc)
        return fprintf(stderr, "outcomes: %s\n", errs.items[0].message), 1;
    brink_ensemble_config cfg = {.policies = {brink_scenario_default_policy(sc)},
                                 .npolicies = 1,
                                 .runs = argc > 1 ? strtoull(argv[1], NULL, 10) : 2000,
                                 .seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1};
    brink_ensemble_result *r = NULL;
    int rc = brink_ensemble_run(sc, &cfg, &r, &err) == BRINK_OK ? 0 : 1;
    if (rc == 0) {
        const brink_categorical *c = &r->pol[0].outcomes;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            printf("%s %llu %.10g\n", brink_outcome_name((brink_outcome)o),
                   (unsigned long long)c->count[o], brink_proportion(c->count[o], c->n));
    } else {
        fprintf(stderr, "outcomes: %s\n", err.message);
    }
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
    return rc;
}
