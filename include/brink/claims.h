/* brink: the seed's claims as paired experiments.
 *
 * Each claim is checked by running the same runs (same seed and run index,
 * so the same parameter draws and shocks: common random numbers) under a
 * baseline and one or more variants that change one thing, and measuring
 * the effect with a 95% interval. No claim is written into the model: each
 * comes out of the mechanisms it names.
 */
#ifndef BRINK_CLAIMS_H
#define BRINK_CLAIMS_H

#include <stdint.h>

#include "brink/error.h"
#include "brink/scenario.h"

#define BRINK_CLAIMS 16
#define BRINK_CLAIM_TESTS 3

typedef struct {
    char what[200];     /* the contrast, e.g. "P(agreement): public - private" */
    char unit[24];      /* "probability", "mbpd", ... */
    int expect;         /* +1 effect > 0, -1 effect < 0, 0 effect = 0 (within tolerance) */
    double effect, lo, hi;
    double base, variant; /* the two sides' means, where the contrast has two */
    uint64_t n;         /* runs that entered the contrast */
    int holds;
} brink_claim_test;

typedef struct {
    int id;
    const char *claim;
    const char *mechanisms;  /* e.g. "M2, M3" */
    const char *explanation; /* why the mechanisms produce it */
    char changed[600];       /* what the experiment changes */
    int applicable;          /* 0: the scenario lacks what the experiment needs */
    char not_applicable[200];
    int n_tests;
    brink_claim_test test[BRINK_CLAIM_TESTS];
    int holds;               /* every test holds */
} brink_claim_result;

typedef struct {
    uint64_t runs;   /* paired runs per claim */
    uint64_t seed;
    double level;    /* confidence level, e.g. 0.95 */
    int only;        /* 0 = all claims, else the one with this id */
    /* Overrides "PATH=VALUE" applied to every arm after the claim's own, so
     * they win over what the experiment sets; '@' stands for the arm's
     * policy id. For sweeps that map where a claim holds. May be NULL. */
    char *const *arm_sets;
    int n_arm_sets;
} brink_claims_config;

/* Runs the experiments on `sc` (its policies named maximum_pressure,
 * staged_reciprocity, low_stakes_first are used where a claim is about
 * them; otherwise the default policy). Fills out[0..BRINK_CLAIMS-1]. */
brink_status brink_claims_run(const brink_scenario *sc, const brink_claims_config *cfg,
                              brink_claim_result *out, brink_error *err);

#endif
