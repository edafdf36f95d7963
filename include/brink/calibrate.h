/* brink: fitting the shared behavioural parameters to the historical record.
 *
 * Method (docs/calibration.md): Bayesian calibration by simulated
 * likelihood over a quasi-random design.
 *
 *  1. The parameters of src/analysis/calibrate.def span a box of plausible
 *     values (the prior: uniform over the box, log-uniform where marked).
 *     K design points fill the box with a Sobol sequence (GSL).
 *  2. Every case of the library is simulated N times at every design point
 *     under its historical policy, with the case's own uncertain values
 *     drawn, on common random numbers (run r uses the same streams at every
 *     point), so differences between points are not Monte Carlo noise.
 *  3. The log-likelihood of point k adds, over the cases used for fitting,
 *     ln p_k(actual outcome of the case) (p smoothed by half a run per
 *     outcome), and three population targets, each weighted as W cases:
 *     the outcome shares of the historical record at the cases' horizons
 *     (TIES, MID, Archigos: brink_base_rate_forecast), the share of
 *     militarized disputes that reach war (MID) and the share of crises
 *     with a violent trigger that reach war (ICB).
 *  4. Refinement (optional): in each of R rounds, K2 / R more points are
 *     drawn from a normal fitted to the posterior so far, truncated to the
 *     box (population Monte Carlo); every point's weight then carries prior
 *     / proposal of the mixture of all stages (importance sampling), so the
 *     points concentrate where the posterior is without changing it.
 *  5. Posterior weights w_k are proportional to the likelihood. Fitted
 *     values are weighted means and spreads; a case's forecast is the
 *     weighted mixture of its outcome frequencies over the design.
 *
 * Leaving case i out of step 3 gives the model fitted without it: the
 * cross-validated forecast of case i costs no further simulation.
 *
 * Determinism: a pure function of (cases, points, runs, seed, weight) for
 * any number of threads.
 */
#ifndef BRINK_CALIBRATE_H
#define BRINK_CALIBRATE_H

#include <stdint.h>
#include <stdio.h>

#include "brink/backtest.h"
#include "brink/engine.h"
#include "brink/ensemble.h"
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

#define BRINK_CALIB_MAX_POINTS 65536u
#define BRINK_CALIB_MAX_CASES 128
#define BRINK_CALIB_MAX_ROUNDS 16
/* The settings of the shipped fit (src/model/calibrated.def) and of its
 * cross-validation (docs/calibration.md, docs/validation.md): first-stage
 * and refined points, refinement rounds, runs per case and point, and the
 * cases' worth of each population target. */
#define BRINK_CALIB_DEFAULT_POINTS 1024u
#define BRINK_CALIB_DEFAULT_ROUNDS 4u
#define BRINK_CALIB_DEFAULT_RUNS 200u
#define BRINK_CALIB_DEFAULT_WEIGHT 8.0

/* ---- The fitted parameters ---------------------------------------------- */

int brink_calib_param_count(void);
/* Path (or prior.resolve_mean / prior.resolve_sd); NULL out of range. */
const char *brink_calib_param_name(int j);
const char *brink_calib_param_description(int j);
/* The box and whether the design is uniform on the log scale. */
void brink_calib_param_box(int j, double *lo, double *hi, int *log_scale);

/* Sets every fitted parameter of `sc` to the point x[j] (the resolve
 * prior: target.resolve becomes a normal with that mean and spread,
 * truncated to [-3, 4], and the senders' prior takes the same values). */
brink_status brink_calib_set_point(brink_scenario *sc, const double *x, brink_error *err);

/* ---- The design and its simulations ------------------------------------- */

typedef void (*brink_calib_progress_fn)(uint64_t done, uint64_t total, void *user);

typedef struct {
    uint32_t points;          /* K1 first-stage (Sobol) points: 2..BRINK_CALIB_MAX_POINTS */
    uint32_t refine_points;   /* K2 second-stage points (0: none), see below */
    uint32_t refine_rounds;   /* rounds they are drawn in (0 = 1), at most BRINK_CALIB_MAX_ROUNDS */
    uint64_t runs;            /* N per case and point: 1..1000000 */
    uint64_t seed;
    int threads;              /* 0 = every online core */
    double population_weight; /* W: cases' worth of each population target; 0 = cases only */
    brink_calib_progress_fn progress; /* may be NULL */
    void *progress_user;
} brink_calib_config;

/* What the runs of one case at one design point gave. */
typedef struct {
    uint32_t count[BRINK_OUTCOME_COUNT]; /* final outcomes */
    uint32_t disputes;       /* runs with a militarized event (MID level >= 2) */
    uint32_t disputes_war;   /* of those, runs ending in war */
    uint32_t crises;         /* runs with a violent act (ICB violence >= 2: incident, strike,
                                war): a crisis with a violent trigger */
    uint32_t crises_war;     /* of those, runs ending in war */
} brink_calib_cell;

typedef struct brink_calib brink_calib;

/* Simulates every case at every design point. Each case needs a history
 * (its actual outcome and policy). Fails with BRINK_ERR_INPUT on bad
 * settings or a case without history. */
brink_status brink_calib_run(brink_scenario *const *cases, int ncases,
                             const brink_calib_config *cfg, brink_calib **out, brink_error *err);
void brink_calib_free(brink_calib *c);

int brink_calib_points(const brink_calib *c); /* K = K1 + K2 */
int brink_calib_stage1_points(const brink_calib *c);
int brink_calib_cases(const brink_calib *c);
uint64_t brink_calib_runs(const brink_calib *c);
double brink_calib_weight(const brink_calib *c); /* W */
const char *brink_calib_case_name(const brink_calib *c, int i);
int brink_calib_case_actual(const brink_calib *c, int i);
uint32_t brink_calib_case_horizon(const brink_calib *c, int i);
/* Design value of parameter j at point k. */
double brink_calib_value(const brink_calib *c, int k, int j);
const brink_calib_cell *brink_calib_cell_at(const brink_calib *c, int k, int i);

/* ---- The fit -------------------------------------------------------------- */

/* Log-likelihood of every point (loglik[0..K-1]) from the cases with
 * exclude[i] == 0 (exclude NULL: every case), and the normalised posterior
 * weights w[0..K-1]. *ess: the effective number of design points,
 * 1 / sum w^2. */
void brink_calib_fit(const brink_calib *c, const unsigned char *exclude, double *loglik,
                     double *w, double *ess);

/* The forecast of case i: sum_k w_k count_ki / N. */
void brink_calib_predict(const brink_calib *c, const double *w, int i,
                         double p[BRINK_OUTCOME_COUNT]);

/* Weighted summary of parameter j: mean and standard deviation, and the 5%
 * and 95% weighted quantiles. */
void brink_calib_summary(const brink_calib *c, const double *w, int j, double *mean,
                         double *sd, double *q05, double *q95);

/* The population targets: what the record says and what the weighted
 * model gives over the cases with exclude[i] == 0. */
typedef enum {
    BRINK_CALIB_TARGET_OUTCOMES = 0, /* one row per outcome: the horizon base rate */
    BRINK_CALIB_TARGET_MID = BRINK_OUTCOME_COUNT,
    BRINK_CALIB_TARGET_ICB,
    BRINK_CALIB_TARGET_COUNT
} brink_calib_target;

typedef struct {
    char name[48];
    double target;  /* the record */
    double model;   /* the fitted model */
    double at_box_centre; /* the model at the design point nearest the box's centre */
    const char *source;
} brink_calib_target_fit;

void brink_calib_targets(const brink_calib *c, const double *w, const unsigned char *exclude,
                         brink_calib_target_fit out[BRINK_CALIB_TARGET_COUNT]);

/* Applies the fit to `sc`: every fitted parameter becomes a normal
 * truncated to its box with the weighted mean and spread (the resolve prior
 * adds the spread of its mean to its own). */
brink_status brink_calib_apply(const brink_calib *c, const double *w, brink_scenario *sc,
                               brink_error *err);

/* Writes the fit as the generated table src/model/calibrated.def, which
 * gives the shared defaults. `errors` (may be NULL) are the structural
 * error scales of the observed series (behaviour.error.*), n_errors rows
 * of (path, value). */
brink_status brink_calib_write_def(const brink_calib *c, const double *w,
                                   const char *const *error_paths, const double *errors,
                                   int n_errors, FILE *out, brink_error *err);

/* ---- Projections ---------------------------------------------------------- */

/* Simulates `sc` under each of policies[0..npol-1] at every design point
 * (runs each, on common random numbers): *cells (free() it) holds K x npol
 * cells, cell (k, p) at index k * npol + p. For outcome probabilities with
 * parameter uncertainty: the fitted weights over the design give their
 * posterior distribution. */
brink_status brink_calib_project(const brink_calib *c, const brink_scenario *sc,
                                 const int *policies, int npol, uint64_t runs, uint64_t seed,
                                 int threads, brink_calib_cell **cells, brink_error *err);

/* The posterior mean and 90% interval of the probability of `outcome` in
 * column i of m columns of cells (runs per cell), under weights w: the
 * spread is the parameters' uncertainty (plus the Monte Carlo noise of
 * `runs` runs per point). */
void brink_calib_outcome_uncertainty(const brink_calib *c, const double *w,
                                     const brink_calib_cell *cells, int m, int i, int outcome,
                                     uint64_t runs, double *mean, double *q05, double *q95);

/* First-order sensitivity index (share of variance explained, in [0, 1])
 * of fitted parameter j for values v[0..K-1] over the weighted design:
 * the weighted variance of the means of v in BRINK_CALIB_SENS_BINS bins of
 * equal weight along parameter j, over the weighted variance of v. */
#define BRINK_CALIB_SENS_BINS 5
double brink_calib_sensitivity(const brink_calib *c, const double *w, const double *v, int j);

/* ---- Backtests of the fit ------------------------------------------------- */

typedef struct {
    uint64_t runs;     /* ensemble runs per case for the observed series */
    uint64_t seed;
    int threads;       /* 0 = every online core */
    int leave_one_out; /* 1: case i is forecast by the fit without case i */
    int series;        /* 0: outcomes only (no ensembles) */
} brink_calib_backtest_config;

/* Scores every case of the calibration (cases[] as given to
 * brink_calib_run) with the fitted model: out[i].p is the design mixture
 * under the weights of the fit (without case i when leave_one_out), scored
 * against the base rate at the case's horizon; its observed series come
 * from an ensemble with that fit applied (brink_calib_apply) and the
 * structural error fitted on the series of the cases used for fitting.
 * ess[i] (may be NULL): the effective design points of case i's fit.
 * sigma[BRINK_FAN_COUNT] (may be NULL): the structural error fitted on every
 * case, 0 for variables without observations. */
brink_status brink_calib_backtest(const brink_calib *c, brink_scenario *const *cases,
                                  const brink_calib_backtest_config *cfg,
                                  brink_backtest_case *out, double *ess,
                                  double sigma[BRINK_FAN_COUNT], brink_error *err);

/* ---- The report ---------------------------------------------------------- */

/* The structural error of fan variable k as a parameter path
 * ("behaviour.error.exports", ...); NULL for a variable without one. */
const char *brink_calib_error_path(int k);

/* The BRINK_CALIB_TOP_PARAMS fitted parameters that move the probability
 * of `outcome` in column i of m columns of projected cells (as for
 * brink_calib_outcome_uncertainty) most across the plausible box: the
 * largest first-order indices (brink_calib_sensitivity) over the
 * first-stage design equally weighted, a sample of the uniform prior (not
 * the posterior, whose few effective points would make every parameter look
 * decisive). idx[t] and share[t], largest first; idx[t] = -1 and share[t]
 * NaN past the parameters. BRINK_ERR_INPUT for a column, outcome or runs
 * out of range; BRINK_ERR_RUNTIME when out of memory. */
#define BRINK_CALIB_TOP_PARAMS 5
brink_status brink_calib_top_params(const brink_calib *c, const brink_calib_cell *cells, int m,
                                    int i, int outcome, uint64_t runs,
                                    int idx[BRINK_CALIB_TOP_PARAMS],
                                    double share[BRINK_CALIB_TOP_PARAMS], brink_error *err);

/* The observations of the cases' series (fan variables with a structural
 * error, not placeholders) and how many fall inside the 50% and 90% bands. */
typedef struct {
    int obs, in50, in90;
} brink_calib_coverage;

/* What `brink calibrate` reports of a fit, from the functions above. */
typedef struct {
    const double *w;                  /* the posterior weights (brink_calib_fit) */
    double ess;                       /* the effective design points */
    /* the probability of each case's actual outcome at the design point
     * nearest the centre of the box */
    double centre_p[BRINK_CALIB_MAX_CASES];
    const brink_backtest_case *bc;    /* each case scored by the fit (brink_calib_backtest) */
    double sigma[BRINK_FAN_COUNT];    /* the structural errors fitted */
    /* coverage of each fan variable's series, index BRINK_FAN_COUNT for all
     * of them: without the structural error and with it */
    brink_calib_coverage before[BRINK_FAN_COUNT + 1], after[BRINK_FAN_COUNT + 1];
    brink_calib_target_fit targets[BRINK_CALIB_TARGET_COUNT];
    /* the projection (cells NULL: none): proj under policies[0..npol-1],
     * proj_runs runs per design point and policy (brink_calib_project) */
    const brink_scenario *proj;
    int npol, policies[BRINK_ENSEMBLE_MAX_POLICIES];
    uint64_t proj_runs;
    const brink_calib_cell *cells;
} brink_calib_report;

/* The JSON of `brink calibrate --format json`: the design, every fitted
 * parameter's box and posterior summary, the targets, each case's fit, the
 * structural errors with the coverage they give, and the projection where
 * r->cells is set. Indented, then a newline. BRINK_ERR_INPUT without a
 * calibration, report or stream; BRINK_ERR_RUNTIME when out of memory or
 * the stream fails. */
brink_status brink_calib_write_json(const brink_calib *c, const brink_calib_report *r, FILE *out,
                                    brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
