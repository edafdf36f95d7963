/* brink: the seed's sixteen claims, as verification and as validation.
 *
 * A claim that an equation of the model states directly is *verification*:
 * it is true by construction and is checked by a unit test
 * (tests/unit/test_claims.c); it is listed here and never counted as
 * evidence. A claim that emerges from several mechanisms over a run is
 * *validation*: it is tested by paired experiments, each changing one lever
 * between arms that share their runs (same seed and run indices: the same
 * parameter draws and shocks, common random numbers), over the case's full
 * horizon. Each test reports both arms' levels, the difference with its
 * interval, and a verdict against a minimum meaningful effect:
 *
 *   holds         the effect is in the claimed direction, at least the
 *                 minimum effect, and its interval excludes zero;
 *   fails         the interval lies below the minimum effect (or, for a
 *                 claim that something does not rise, the effect is a
 *                 meaningful rise with an interval above zero);
 *   inconclusive  neither, at the number of runs used;
 *   untestable    the case lacks what the lever needs, or the measure
 *                 cannot move by the minimum effect in the claimed
 *                 direction (a floor or ceiling) and does not move that
 *                 much the other way either.
 *
 * A claim holds on a case when every testable part holds, fails when one
 * fails, and is untestable when no part is testable.
 *
 * The plausible behaviour box: every `behaviour.*` parameter within its
 * plausible range (src/model/spec_scalar.def). brink_claims_box samples it
 * by a Latin hypercube and tests the validation claims at each point.
 *
 * Every result is a pure function of the scenarios, the configuration and
 * the seed: bitwise identical for any number of threads.
 */
#ifndef BRINK_CLAIMS_H
#define BRINK_CLAIMS_H

#include <stdint.h>
#include <stdio.h>

#include "brink/error.h"
#include "brink/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

#define BRINK_CLAIMS 16
#define BRINK_CLAIM_TESTS 3
#define BRINK_CLAIM_MIN_EFFECT 0.02 /* 2 points, where a claim states no size */
#define BRINK_CLAIMS_MAX_THREADS 256
#define BRINK_CLAIMS_MAX_CASES 64

typedef enum { BRINK_CLAIM_VERIFICATION = 0, BRINK_CLAIM_VALIDATION = 1 } brink_claim_kind;

typedef enum {
    BRINK_VERDICT_NOT_RUN = 0, /* verification claims, and claims not selected */
    BRINK_VERDICT_HOLDS,
    BRINK_VERDICT_FAILS,
    BRINK_VERDICT_INCONCLUSIVE,
    BRINK_VERDICT_UNTESTABLE,
} brink_verdict;

/* "not run", "holds", "fails", "inconclusive", "untestable". */
const char *brink_verdict_name(brink_verdict v);
/* "verification", "validation". */
const char *brink_claim_kind_name(brink_claim_kind k);

/* A claim as stated (from src/analysis/claims.def). */
typedef struct {
    int id;                  /* 1..16 */
    brink_claim_kind kind;
    const char *claim;       /* the seed's words */
    const char *mechanisms;  /* e.g. "M2, M3" */
    const char *check;       /* verification: the equation and its unit test;
                              * validation: the lever, its levels, the measure */
    const char *explanation; /* why the mechanisms would produce it */
} brink_claim_info;

/* Claim `id` (1..16), or NULL. */
const brink_claim_info *brink_claim_info_get(int id);

/* What a test expects of its effect. */
typedef enum {
    BRINK_EXPECT_RISE = 1,      /* effect >= +min */
    BRINK_EXPECT_FALL = -1,     /* effect <= -min */
    BRINK_EXPECT_NO_RISE = 0,   /* effect < +min */
    BRINK_EXPECT_NEAR_ZERO = 2, /* a level (not a difference) below min */
} brink_expect;

typedef struct {
    char what[160];       /* the contrast, e.g. "P(deal): pressure 1.0 - 0.5" */
    char unit[24];        /* "probability", "share" */
    char base_label[48];  /* what the two levels are, e.g. "pressure 0.5" */
    char variant_label[48];
    brink_expect expect;
    double min_effect;
    double base, variant; /* the levels (for NEAR_ZERO: variant is the level) */
    double effect, lo, hi; /* the difference (or the level) and its interval */
    double premise;       /* a premise's level where the test has one (else NaN) */
    uint64_t n;           /* runs (pairs) that entered */
    brink_verdict verdict;
    char note[200];       /* why untestable, or why it fails */
} brink_claim_test;

typedef struct {
    int id;
    brink_verdict verdict;
    char why[240];        /* untestable: what is missing; otherwise a summary */
    char changed[400];    /* the experiment on this case */
    int n_tests;
    brink_claim_test test[BRINK_CLAIM_TESTS];
} brink_claim_result;

#define BRINK_CLAIMS_MAX_SET 1023

typedef struct {
    uint64_t runs;   /* paired runs per arm (>= 2) */
    uint64_t seed;
    double level;    /* confidence level, e.g. 0.95 */
    int only;        /* 0 = every claim, else the one with this id */
    int threads;     /* 0 = every online core */
    /* Overrides "PATH=VALUE" applied to every arm after the experiment's
     * own, so they win; '@' stands for each policy's id. May be NULL. Each
     * is at most BRINK_CLAIMS_MAX_SET bytes once '@' is replaced. */
    char *const *arm_sets;
    int n_arm_sets;
} brink_claims_config;

/* Tests the validation claims on each of `n` scenarios (at most
 * BRINK_CLAIMS_MAX_CASES), each under its default policy (claim 11: its
 * first staged policy). Fills out[c * BRINK_CLAIMS + i] for case c and
 * claim i + 1; verification claims get BRINK_VERDICT_NOT_RUN. */
brink_status brink_claims_run(const brink_scenario *const *sc, int n,
                              const brink_claims_config *cfg, brink_claim_result *out,
                              brink_error *err);

/* ---- The plausible behaviour box -------------------------------------- */

#define BRINK_CLAIMS_BOX_DRIVERS 3

typedef struct {
    const char *path;   /* e.g. "behaviour.bargain.choice_noise" */
    double rho;         /* Spearman correlation with the claim's margin */
    double held_low;    /* share of points holding with the parameter in the lower half */
    double held_high;   /* ... in the upper half */
} brink_claims_driver;

typedef struct {
    int id;
    int points;         /* box points tested (0 for verification claims) */
    int holds, fails, inconclusive, untestable;
    double share, lo, hi; /* share of the box where the claim holds, with its Wilson interval */
    /* |rho| that chance alone exceeds for any of the parameters with
     * probability 5% (Bonferroni over the parameters, normal approximation) */
    double rho_critical;
    int n_drivers;
    brink_claims_driver driver[BRINK_CLAIMS_BOX_DRIVERS];
} brink_claims_box_claim;

typedef struct {
    int points;
    uint64_t runs;      /* paired runs per arm at each point */
    int n_params;       /* dimensions: the behaviour parameters */
    const char **param; /* their paths */
    double *lo, *hi;    /* their plausible ranges */
    double *x;          /* points x n_params values, point-major */
    brink_claims_box_claim claim[BRINK_CLAIMS];
    brink_verdict *verdict; /* points x BRINK_CLAIMS */
    double *effect;         /* points x BRINK_CLAIMS: the first test's effect (NaN if none) */
} brink_claims_box;

/* Samples the box with a Latin hypercube of `points` points (from the seed)
 * and tests every validation claim at each point on `sc` with `runs` paired
 * runs (cfg->runs is not used). Free the result with brink_claims_box_free. */
brink_status brink_claims_box_run(const brink_scenario *sc, const brink_claims_config *cfg,
                                  int points, uint64_t runs, brink_claims_box *out,
                                  brink_error *err);
void brink_claims_box_free(brink_claims_box *box);

/* ---- The report --------------------------------------------------------- */

/* The JSON of `brink claims --format json`: the settings (cfg->runs, seed),
 * every claim (cfg->only: that one only) with, for a validation claim, its
 * result on each of the n cases (res as filled by brink_claims_run) and
 * what the box (NULL: none) says of it, then the cases' names and hashes
 * and the box's parameters. Indented, then a newline. BRINK_ERR_INPUT when
 * there are no cases, results or stream; BRINK_ERR_RUNTIME when the
 * stream fails. */
brink_status brink_claims_write_json(const brink_scenario *const *sc, int n,
                                     const brink_claims_config *cfg,
                                     const brink_claim_result *res, const brink_claims_box *box,
                                     FILE *out, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
