/* A lean ensemble: one policy, one thread, and only the accumulators that
 * the exploring commands read (src/explore/sweep.c): the status by month,
 * the time to the first comprehensive deal and the moments of the per-run
 * costs. No quantile fans, no cost histograms, no paired tables, no other
 * processes and no snapshots. Internal to the library.
 *
 * Every figure equals, bit for bit, the same figure of brink_ensemble_run
 * on the same scenario, policy, seed and runs: runs are reduced in run
 * order, and the cost moments are merged chunk by chunk and block by block
 * (BRINK_ENSEMBLE_CHUNK, BRINK_ENSEMBLE_BLOCK) exactly as the full ensemble
 * merges them (tests/unit/test_ensemble.c checks it across chunks and blocks). */
#ifndef BRINK_ANALYSIS_ENSEMBLE_LEAN_H
#define BRINK_ANALYSIS_ENSEMBLE_LEAN_H

#include "brink/ensemble.h"

typedef struct {
    uint32_t horizon;                  /* months */
    uint64_t runs;
    brink_outcome_by_month by_month;   /* as brink_ensemble_policy.by_month */
    brink_km km_deal;                  /* as brink_ensemble_policy.km_deal */
    brink_moments cost[BRINK_COST_COUNT]; /* as brink_ensemble_policy.cost[c].moments */
    uint64_t run_months;
} brink_ensemble_lean;

/* Runs 0..runs-1 of sc under `policy` with drawn values. On success *out
 * holds the result (release it with brink_ensemble_lean_release); on
 * failure there is nothing to release. BRINK_ERR_INPUT for a bad policy,
 * run count or horizon; BRINK_ERR_RUNTIME when memory runs out. */
brink_status brink_ensemble_lean_run(const brink_scenario *sc, int policy, uint64_t seed,
                                     uint64_t runs, brink_ensemble_lean *out, brink_error *err);
void brink_ensemble_lean_release(brink_ensemble_lean *l);

#endif
