/* brink: backtests against the historical record.
 *
 * A case with a `history` section (see brink_scenario_history) is simulated
 * as an ensemble (every uncertain parameter drawn) under the policy the
 * sender actually followed, over the scenario's horizon. The predicted
 * probability of each outcome is set beside what happened and scored with
 * the multi-category Brier score and the log score, beside the base rate of
 * the historical record at the case's horizon; each observed series is
 * set against the ensemble's quantile fan at the observed months.
 *
 * Escalation calibration: incidents, their escalation to war and war after
 * a first incident, counted over runs, to compare with the crisis base rates
 * of the Militarized Interstate Disputes and International Crisis Behavior
 * data.
 *
 * See docs/validation.md.
 */
#ifndef BRINK_BACKTEST_H
#define BRINK_BACKTEST_H

#include <stdint.h>
#include <stdio.h>

#include "brink/engine.h"
#include "brink/error.h"
#include "brink/scenario.h"
#include "brink/stats.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Probabilities below this are raised to it in the log score, so that an
 * outcome the model (or the base rate) gave no runs costs -ln(1e-3) = 6.91
 * instead of infinity. */
#define BRINK_LOG_SCORE_FLOOR 1e-3

/* Multi-category Brier score: sum over the categories of (p_k - y_k)^2,
 * y_k = 1 for the actual category and 0 otherwise. In [0, 2] when p is a
 * probability vector. NaN when actual is outside [0, ncat). */
double brink_brier_score(const double *p, int ncat, int actual);

/* -ln(max(p[actual], floor)). NaN when actual < 0 or floor is not in (0, 1]. */
double brink_log_score(const double *p, int actual, double floor);

/* ---- The base-rate forecast ----------------------------------------------- */

/* The base-rate forecast at a horizon of `horizon_months`: for each brink
 * outcome, the share of the imposed sanctions episodes of the historical
 * record that had ended that way by then (TIES v4.1, war from the GML MID
 * data, regime crisis from Archigos), the episodes still going counted as
 * stalemate; Dirichlet smoothing with one pseudo-episode per outcome, so
 * every outcome keeps a non-zero probability. Sums to 1. docs/validation.md
 * maps every TIES final outcome to a brink outcome; scripts/base_rates.py
 * rebuilds the table. */
void brink_base_rate_forecast(double horizon_months, double p[BRINK_OUTCOME_COUNT]);

/* The number of episodes behind the base rate. */
int brink_base_rate_size(void);

/* ---- Scores over a set of cases --------------------------------------------- */

/* Percentile bootstrap over cases of the means of two paired score columns
 * (a: the model, b: a reference) and of their difference a - b. Resample j
 * draws n cases with replacement from Philox4x32 counters (seed, j), so the
 * result is a pure function of the inputs. */
typedef struct {
    int n;
    double mean_a, lo_a, hi_a;
    double mean_b, lo_b, hi_b;
    double diff, lo_diff, hi_diff;
    double share_a_better; /* share of resamples with mean a < mean b */
} brink_paired_bootstrap;

/* Fails (BRINK_ERR_INPUT) for n < 1, resamples < 10 or a level outside (0, 1). */
brink_status brink_paired_bootstrap_run(const double *a, const double *b, int n, int resamples,
                                        uint64_t seed, double level, brink_paired_bootstrap *out,
                                        brink_error *err);

/* Reliability of probability forecasts: every (case, outcome) pair is a
 * forecast p with an observation y (1 if the outcome happened); pairs are
 * binned by p into BRINK_RELIABILITY_BINS equal bins over [0, 1] and each
 * bin reports the mean forecast beside the observed frequency. */
#define BRINK_RELIABILITY_BINS 10
typedef struct {
    int n[BRINK_RELIABILITY_BINS];
    int hits[BRINK_RELIABILITY_BINS];
    double sum_p[BRINK_RELIABILITY_BINS];
} brink_reliability;

void brink_reliability_clear(brink_reliability *r);
/* Adds the ncat forecasts p[0..ncat-1] of one case whose outcome was `actual`. */
void brink_reliability_add(brink_reliability *r, const double *p, int ncat, int actual);
/* Mean forecast and observed frequency of bin b; NaN when the bin is empty. */
double brink_reliability_mean_p(const brink_reliability *r, int b);
double brink_reliability_freq(const brink_reliability *r, int b);

/* ---- Trajectories against observed series --------------------------------- */

#define BRINK_BACKTEST_QUANTILES 5 /* 0.05, 0.25, 0.5, 0.75, 0.95 */
#define BRINK_SKETCH 99             /* model quantiles 0.01, 0.02, ..., 0.99 per point */
/* Smoothing of the quantile sketch: a normal kernel of this spread (log
 * units) around each sketch point, so that the sketch has a density. */
#define BRINK_SKETCH_KERNEL 0.02

/* How an error is measured on the log scale. */
typedef enum {
    BRINK_LOGERR_LOG = 0,    /* |ln(sim / obs)|; undefined when either is <= 0 */
    BRINK_LOGERR_LOG1P = 1,  /* |ln((1 + sim) / (1 + obs))|: rates such as inflation */
} brink_logerr;

/* "ln(x)" or "ln(1 + x)". */
const char *brink_logerr_name(brink_logerr t);

/* An observed series against the model. Each observed month keeps the
 * model's own distribution as a quantile sketch on the log scale (ln x, or
 * ln(1 + x)); the forecast at month t adds the structural error: a normal
 * of spread sqrt(sigma^2 (t + 1) / 12 + kernel^2) around every sketch point.
 * The bands, the coverage and the median's error come from that mixture. */
typedef struct {
    char variable[32];    /* as in the history: a state variable name */
    int fan;              /* brink_fan_var, or -1: the ensemble keeps no fan for it */
    int placeholder;      /* 1: every observation is 0 on a log scale (a target without
                             crude exports): reported, not scored */
    brink_logerr transform;
    double sigma;         /* the structural error scale applied */
    int n;                /* observations inside the horizon (those scored) */
    int month[BRINK_HISTORY_POINTS];
    double observed[BRINK_HISTORY_POINTS];
    double q[BRINK_HISTORY_POINTS][BRINK_BACKTEST_QUANTILES];
    uint64_t running[BRINK_HISTORY_POINTS]; /* runs behind the fan at that month */
    double sketch[BRINK_HISTORY_POINTS][BRINK_SKETCH]; /* NaN: no run at that month */
    double pit[BRINK_HISTORY_POINTS]; /* forecast CDF at the observation; NaN: none */
    int in50, in90;       /* observations inside [q25, q75] and [q05, q95] */
    int n_log;            /* observations with a defined log error */
    double median_abs_log_error; /* NaN when n_log = 0 */
} brink_backtest_series;

/* Sets series `obs` against variable `var` of `fan` (time index t = month)
 * with structural error `sigma` (>= 0): the sketch at each observed month
 * before `months`, the forecast quantiles, whether the observation lies in
 * the central 50% and 90%, and the median of the absolute log errors of the
 * median. An empty fan cell (every run ended) counts as outside both bands.
 * Fails for a variable index out of range or a negative sigma. */
brink_status brink_backtest_series_score(const brink_fan *fan, uint32_t var,
                                         const brink_history_series *obs, brink_logerr transform,
                                         double sigma, brink_backtest_series *out,
                                         brink_error *err);

/* Recomputes bands, coverage and errors of a scored series for another sigma. */
void brink_backtest_series_rescore(brink_backtest_series *s, double sigma);

/* The structural error scale that maximises the forecast density of the
 * observations of series[0..n-1] (one variable, from several cases), with
 * series whose index is in `skip` left out (skip < 0: none). Searched over
 * [0, 3]; 0 when no observation can be scored. */
double brink_structural_error_fit(const brink_backtest_series *const *series, int n, int skip);

/* Median of x[0..n-1] (sorted in place); NaN when n = 0. */
double brink_median_inplace(double *x, int n);

/* ---- One case --------------------------------------------------------------- */

typedef struct {
    uint64_t runs;   /* 1..BRINK_ENSEMBLE_MAX_RUNS */
    uint64_t seed;
    int threads;     /* 0 = every online core */
    double level;    /* for the Wilson intervals, e.g. 0.95 */
} brink_backtest_config;

typedef struct {
    char scenario[64];
    int policy;                /* the historical policy (or the default) */
    uint32_t horizon;
    uint64_t runs;
    int actual;                /* brink_outcome */
    int actual_month;
    char actual_date[16];
    uint64_t count[BRINK_OUTCOME_COUNT];
    double p[BRINK_OUTCOME_COUNT], lo[BRINK_OUTCOME_COUNT], hi[BRINK_OUTCOME_COUNT];
    double p_base[BRINK_OUTCOME_COUNT]; /* the base rate at this case's horizon */
    double brier, log_score;
    double brier_base_rate, log_score_base_rate;
    int n_series;
    brink_backtest_series series[BRINK_HISTORY_SERIES];
} brink_backtest_case;

/* Runs the ensemble of `sc` under its historical policy (fans without the
 * structural error) and scores it, each series with the scenario's own
 * structural error scale (behaviour.error.*). Fails
 * (BRINK_ERR_INPUT) when the scenario has no history. */
brink_status brink_backtest_case_run(const brink_scenario *sc, const brink_backtest_config *cfg,
                                     brink_backtest_case *out, brink_error *err);

/* Sets p_base from the horizon and the four scores from p, p_base and
 * actual: used again when p is replaced (brink backtest --cross-validate). */
void brink_backtest_case_score(brink_backtest_case *c);

/* Library reference: the frequencies of the outcomes actual[j], j != i,
 * with half a pseudo-case per outcome (Jeffreys smoothing). */
void brink_backtest_loo(const int *actual, int n, int i, double p[BRINK_OUTCOME_COUNT]);

/* ---- Escalation calibration --------------------------------------------------- */

typedef struct {
    uint64_t runs;
    uint64_t incidents;          /* all incidents */
    uint64_t escalations;        /* incidents that escalated to war */
    double sum_p_escalate;       /* escalation probability, summed over incidents */
    uint64_t preventive;         /* wars by preventive strike */
    uint64_t wars;               /* runs ending in war (escalation or strike) */
    uint64_t runs_with_incident;
    uint64_t war_in_window;      /* of those, war within `window` months of the first incident */
    uint64_t run_months;
} brink_escalation_stats;

/* Simulates runs 0..runs-1 of `sc` under `policy` (drawn parameters) and
 * counts incidents and wars. window: months after a run's first incident
 * (that month included) in which a war counts for war_in_window. */
brink_status brink_escalation_run(const brink_scenario *sc, int policy, uint64_t runs,
                                  uint64_t seed, int window, brink_escalation_stats *out,
                                  brink_error *err);

/* Adds b into a. */
void brink_escalation_merge(brink_escalation_stats *a, const brink_escalation_stats *b);

/* ---- Reports (src/analysis/backtest_report.c) -------------------------------- */

/* One case of a backtest over several: its file as given (or the built-in
 * name), its scenario, its result, and the library reference without it. */
typedef struct {
    const char *file;
    brink_scenario *sc;              /* the caller's; the reports only read it */
    brink_backtest_case c;
    double loo[BRINK_OUTCOME_COUNT]; /* brink_backtest_loo over the entries' outcomes */
    double brier_loo, log_loo;       /* their scores */
} brink_backtest_entry;

/* Sets loo, brier_loo and log_loo of every entry from the others' outcomes. */
brink_status brink_backtest_entries_loo(brink_backtest_entry *e, int n, brink_error *err);

/* Scores over the cases: model and library frequencies against the base
 * rate with paired bootstrap intervals (BRINK_BACKTEST_RESAMPLES resamples
 * of the cases under seed, 95%), fan coverage of the scored series, and
 * reliability. Returns BRINK_ERR_RUNTIME when out of memory. */
#define BRINK_BACKTEST_RESAMPLES 2000
typedef struct {
    int n;
    brink_paired_bootstrap brier, log, brier_loo, log_loo;
    int obs, in50, in90;   /* observed points, inside the 50% and 90% fans */
    brink_reliability rel, rel_base;
} brink_backtest_totals;
brink_status brink_backtest_totals_compute(const brink_backtest_entry *e, int n, uint64_t seed,
                                           brink_backtest_totals *t, brink_error *err);

/* What --cross-validate adds: the design, the in-sample scores of the same
 * fit and each case's effective design points (ess[i], entry i). */
typedef struct {
    uint32_t points, refine;
    uint64_t design_runs;
    double weight;
    double in_sample_brier, in_sample_log;
    const double *ess;
} brink_backtest_cv;

/* The JSON of `brink backtest --format json`: every case, every observed
 * series against its fans, the totals, and with cv (NULL: none) the
 * cross-validation; `mode` says how the forecasts were made. Indented,
 * then a newline. */
brink_status brink_backtest_write_json(const brink_backtest_entry *e, int n, uint64_t runs,
                                       uint64_t seed, const char *mode,
                                       const brink_backtest_cv *cv, FILE *out, brink_error *err);

/* Reference war rates of docs/validation.md. */
#define BRINK_MID_WAR_RATE 0.044 /* GML MID 2.1.1: disputes reaching hostility level 5 */
#define BRINK_ICB_WAR_RATE 0.212 /* ICB v14: crises with full-scale war (viol = 4) */

/* The JSON of `brink backtest --calibration --format json`: st[i] of the
 * case of scenario sc[i] under policy[i], then `all` pooled. */
brink_status brink_escalation_write_json(const brink_scenario *const *sc, const int *policy,
                                         const brink_escalation_stats *st, int n,
                                         const brink_escalation_stats *all, uint64_t runs,
                                         uint64_t seed, int window, FILE *out,
                                         brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
