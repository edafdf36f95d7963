/* brink: ensembles of runs and paired comparisons of policies.
 *
 * brink_ensemble_run simulates runs 0..N-1 of a scenario under one or more
 * policies, with every uncertain parameter drawn from its distribution, and
 * reduces them to the streaming accumulators of brink/stats.h. Run r under
 * each policy uses the same (seed, r) random streams, so the policies are
 * compared on common random numbers.
 *
 * Determinism: the runs are cut into chunks of BRINK_ENSEMBLE_CHUNK runs and
 * the chunks into blocks of BRINK_ENSEMBLE_BLOCK chunks (constants, whatever
 * the number of threads or processes). Worker threads take chunks from a
 * queue in chunk order; each chunk is accumulated in run order into its own
 * accumulators, the chunks of a block are merged into the block strictly in
 * chunk order, and the blocks into the result strictly in block order. The
 * result, and every output written from it, is therefore bitwise identical
 * for any number of threads, and of processes (brink/parallel.h). At most
 * threads + 2 chunk accumulators and a few block accumulators exist at any
 * time in one process, so memory does not depend on N.
 *
 * Interruption: when *config->stop becomes non-zero, no new chunk is started;
 * the chunks in flight finish and the result holds exactly the first K chunks
 * (runs 0..runs_done-1), marked partial. It equals the result of a complete
 * ensemble of runs_done runs.
 *
 * See docs/ensembles.md.
 */
#ifndef BRINK_ENSEMBLE_H
#define BRINK_ENSEMBLE_H

#include <stdint.h>
#include <stdio.h>

#include "brink/engine.h"
#include "brink/error.h"
#include "brink/scenario.h"
#include "brink/stats.h"

/* The stop flag of long computations: C's atomic_int; in C++ std::atomic<int>,
 * the same object on GCC and Clang. */
#ifndef BRINK_ATOMIC_INT_DEFINED
#define BRINK_ATOMIC_INT_DEFINED
#ifdef __cplusplus
#include <atomic>
typedef std::atomic<int> brink_atomic_int;
#else
#include <stdatomic.h>
typedef atomic_int brink_atomic_int;
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

#define BRINK_ENSEMBLE_CHUNK 1024u         /* runs per chunk */
#define BRINK_ENSEMBLE_BLOCK 16u           /* chunks per block */
#define BRINK_ENSEMBLE_MAX_POLICIES 16
#define BRINK_ENSEMBLE_MAX_RUNS 1000000000ull
#define BRINK_ENSEMBLE_MAX_THREADS 256

/* State variables with a quantile fan. */
typedef enum {
    BRINK_FAN_EXPORTS = 0,
    BRINK_FAN_RESERVES,
    BRINK_FAN_INFLATION,
    BRINK_FAN_FX_RATE,       /* log scale */
    BRINK_FAN_GDP,
    BRINK_FAN_LEGITIMACY,
    BRINK_FAN_HARDLINERS,
    BRINK_FAN_BYPASS,
    BRINK_FAN_TRUST,
    BRINK_FAN_PROXY_STRENGTH,
    BRINK_FAN_PROGRAMME,
    BRINK_FAN_INSURGENCY,
    BRINK_FAN_COUNT
} brink_fan_var;

/* The engine variable behind fan variable k, and its name (brink_var_name). */
brink_var brink_fan_engine_var(brink_fan_var k);
const char *brink_fan_var_name(brink_fan_var k);

/* Structural error: what the model leaves out of an observed series. Fan
 * variable k of run r is recorded as value * exp(sigma_k sqrt((t + 1)/12) z)
 * (on 1 + value for inflation), z a standard normal of the run's own
 * stream: sigma_k is behaviour.error.* (0 for variables without one, and
 * under brink_ensemble_config.model_only). docs/calibration.md. */
double brink_fan_error_scale(const brink_scenario *sc, brink_fan_var k);
/* 1 when the error of fan variable k applies to ln(1 + value), else ln(value). */
int brink_fan_error_log1p(brink_fan_var k);

/* Per-run totals with a distribution (moments and quantiles). */
typedef enum {
    BRINK_COST_GDP_LOSS = 0,   /* target's cumulative GDP loss, USD bn */
    BRINK_COST_SENDER,         /* sender's cumulative cost, USD bn */
    BRINK_COST_MONTHS_BELOW,   /* months with exports below the fiscal break-even */
    BRINK_COST_RESERVES_END,   /* reserves at the end of the run, USD bn */
    BRINK_COST_PROGRAMME_END,  /* programme level at the end of the run */
    BRINK_COST_COUNT
} brink_cost;

/* "target_gdp_loss_usd_bn", "sender_cost_usd_bn", "months_below_breakeven",
 * "reserves_end_usd_bn", "programme_end". */
const char *brink_cost_name(brink_cost c);

/* Called from the coordinating thread only, each time chunks complete:
 * runs finished so far out of `total`. */
typedef void (*brink_progress_fn)(uint64_t done, uint64_t total, void *user);

typedef struct {
    int policies[BRINK_ENSEMBLE_MAX_POLICIES]; /* policy indices; [0] is the baseline */
    int npolicies;                             /* 1..BRINK_ENSEMBLE_MAX_POLICIES */
    uint64_t runs;                             /* 1..BRINK_ENSEMBLE_MAX_RUNS */
    uint64_t seed;
    int threads;                               /* 0 = every online core */
    brink_progress_fn progress;                /* may be NULL */
    void *progress_user;
    brink_atomic_int *stop;                    /* may be NULL; non-zero stops */
    int model_only; /* 1: fans without the structural error (behaviour.error.*) */
} brink_ensemble_config;

/* Accumulators of one policy. Months are indexed t = 0..horizon-1, where
 * t is the state at the end of month t + 1 of the run (the t-th row of
 * `brink run`'s monthly.csv). */
typedef struct {
    brink_categorical outcomes;        /* final outcome (brink_outcome) */
    /* Status at each month: a finished run keeps its absorbing outcome; a
     * running run counts as deal (a comprehensive deal reached), partial_deal
     * (some agreement or relief) or stalemate. The last month is the final
     * outcome distribution. */
    brink_outcome_by_month by_month;
    brink_km km_deal;                  /* months to the first comprehensive deal */
    brink_km km_agreement;             /* months to the first accepted offer or step */
    brink_fan fan;                     /* BRINK_FAN_COUNT variables, runs still running */
    brink_hist cost[BRINK_COST_COUNT]; /* distributions; .moments holds the moments */
    uint64_t run_months;               /* months simulated, summed over runs */
} brink_ensemble_policy;

/* Policy p against the baseline (policy 0) on the same runs: A = baseline,
 * B = policy p, differences are B - A. */
typedef struct {
    brink_paired_prop outcome[BRINK_OUTCOME_COUNT];
    brink_paired_mean cost[BRINK_COST_COUNT];
} brink_ensemble_pair;

typedef struct {
    int npolicies;
    int policies[BRINK_ENSEMBLE_MAX_POLICIES];
    uint64_t seed;
    uint64_t runs_requested;
    uint64_t runs_done;     /* runs 0..runs_done-1 are in the result */
    uint64_t chunks_done;
    int partial;            /* 1 when stopped before runs_requested */
    uint32_t horizon;       /* months */
    int threads;            /* threads used (not part of any output) */
    brink_hist_spec fan_spec[BRINK_FAN_COUNT];
    brink_hist_spec cost_spec[BRINK_COST_COUNT];
    brink_ensemble_policy *pol; /* npolicies */
    brink_ensemble_pair *pair;  /* npolicies; pair[0] stays empty */
} brink_ensemble_result;

/* Runs the ensemble. On success *result is a new result (free it with
 * brink_ensemble_result_free), complete or partial. Fails (BRINK_ERR_INPUT)
 * for a bad configuration, or (BRINK_ERR_RUNTIME) when memory or threads
 * cannot be had; *result is then NULL. */
brink_status brink_ensemble_run(const brink_scenario *sc, const brink_ensemble_config *config,
                                brink_ensemble_result **result, brink_error *err);

void brink_ensemble_result_free(brink_ensemble_result *r);

/* Histogram ranges used for the fans and the costs of scenario sc. */
void brink_ensemble_fan_specs(const brink_scenario *sc, brink_hist_spec specs[BRINK_FAN_COUNT]);
void brink_ensemble_cost_specs(const brink_scenario *sc,
                               brink_hist_spec specs[BRINK_COST_COUNT]);

/* ---- Reports (src/analysis/ensemble_report.c) ---------------------------- */

/* Runs of policy p with a first deal (km_deal) or first agreement
 * (km_agreement) within `months` months, out of all runs: the probability of
 * a deal by then, with absorbing outcomes counted as "no deal". */
uint64_t brink_ensemble_events_by(const brink_km *km, uint32_t months);

/* The JSON summary (what `brink ensemble --format json` prints and
 * summary.json holds). compare = 0 gives the single-policy layout (policy 0
 * only), compare = 1 the comparison layout. */
brink_status brink_ensemble_write_json(const brink_scenario *sc, const brink_ensemble_result *r,
                                       int compare, FILE *out, brink_error *err);

/* Writes summary.json and the tidy CSV files into dir (created if missing):
 * outcomes.csv, outcomes_by_month.csv, fans.csv, survival.csv, costs.csv,
 * and with compare = 1 also comparison.csv and cost_comparison.csv. The set
 * is atomic: it is written beside dir and swapped in, so dir holds the
 * complete set of one run or, after a failure, what it held before. The
 * files of brink_ensemble_files that this set does not write (the
 * comparison files of an earlier compare) are removed; other files of dir
 * are kept. dir must hold no subdirectory. */
extern const char *const brink_ensemble_files[];
brink_status brink_ensemble_write_dir(const brink_scenario *sc, const brink_ensemble_result *r,
                                      int compare, const char *dir, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
