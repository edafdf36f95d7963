/* brink: backtests against the historical record.
 *
 * A case with a `history` section (see brink_scenario_history) is simulated
 * as an ensemble (every uncertain parameter drawn) under the policy the
 * sender actually followed, over the scenario's horizon. The predicted
 * probability of each outcome is set beside what happened and scored with
 * the multi-category Brier score and the log score; each observed series is
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

#include "brink/engine.h"
#include "brink/error.h"
#include "brink/scenario.h"
#include "brink/stats.h"

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

/* Counts behind the base rate, per brink outcome, from TIES v4.1 imposed
 * sanctions with a final outcome (n = 540), with the episodes in which a
 * war-level militarized dispute between a sender and the target began moved
 * to `war` (GML MID 2.1.1). docs/validation.md gives the mapping of the TIES
 * outcome codes and scripts/base_rates.py recomputes the counts. */
void brink_base_rate_counts(uint32_t counts[BRINK_OUTCOME_COUNT]);

/* The base-rate forecast: (count + 1) / (n + 6) per outcome (add-one
 * smoothing, so that outcomes the record does not code keep a small
 * probability). Sums to 1. */
void brink_base_rate(double p[BRINK_OUTCOME_COUNT]);

/* ---- Trajectories against observed series --------------------------------- */

#define BRINK_BACKTEST_QUANTILES 5 /* 0.05, 0.25, 0.5, 0.75, 0.95 */

/* How an error is measured on the log scale. */
typedef enum {
    BRINK_LOGERR_LOG = 0,    /* |ln(sim / obs)|; undefined when either is <= 0 */
    BRINK_LOGERR_LOG1P = 1,  /* |ln((1 + sim) / (1 + obs))|: rates such as inflation */
} brink_logerr;

typedef struct {
    char variable[32];    /* as in the history: a state variable name */
    int fan;              /* brink_fan_var, or -1: the ensemble keeps no fan for it */
    int placeholder;      /* 1: every observation is 0 on a log scale (a target without
                             crude exports): reported, not scored */
    brink_logerr transform;
    int n;                /* observations inside the horizon (those scored) */
    int month[BRINK_HISTORY_POINTS];
    double observed[BRINK_HISTORY_POINTS];
    double q[BRINK_HISTORY_POINTS][BRINK_BACKTEST_QUANTILES];
    uint64_t running[BRINK_HISTORY_POINTS]; /* runs behind the fan at that month */
    int in50, in90;       /* observations inside [q25, q75] and [q05, q95] */
    int n_log;            /* observations with a defined log error */
    double median_abs_log_error; /* NaN when n_log = 0 */
} brink_backtest_series;

/* Sets series `obs` against variable `var` of `fan` (time index t = month):
 * the quantiles at each observed month before `months`, whether the
 * observation lies in the central 50% and 90% of the runs, and the median of
 * the absolute log errors of the median. An empty fan cell (every run ended)
 * counts as outside both bands. Fails for a variable index out of range. */
brink_status brink_backtest_series_score(const brink_fan *fan, uint32_t var,
                                         const brink_history_series *obs, brink_logerr transform,
                                         brink_backtest_series *out, brink_error *err);

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
    double brier, log_score;
    double brier_base_rate, log_score_base_rate;
    int n_series;
    brink_backtest_series series[BRINK_HISTORY_SERIES];
} brink_backtest_case;

/* Runs the ensemble of `sc` under its historical policy and scores it. Fails
 * (BRINK_ERR_INPUT) when the scenario has no history. */
brink_status brink_backtest_case_run(const brink_scenario *sc, const brink_backtest_config *cfg,
                                     brink_backtest_case *out, brink_error *err);

/* Leave-one-out reference: the outcome frequencies of cases[j], j != i,
 * with add-one smoothing over the six outcomes. */
void brink_backtest_loo(const brink_backtest_case *cases, int n, int i,
                        double p[BRINK_OUTCOME_COUNT]);

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

#endif
