/* brink: the HTML report (docs/reports.md).
 *
 * One self-contained HTML file an analyst can open offline: the charts
 * (Chart.js, compiled into the library), the data behind them as one JSON
 * object, the key findings in words, the scenario's parameters and the
 * provenance. Every byte is a pure function of the inputs except the date,
 * which sits in one marked element and can be pinned (brink_report_options.date).
 */
#ifndef BRINK_REPORT_H
#define BRINK_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "brink/engine.h"
#include "brink/ensemble.h"
#include "brink/error.h"
#include "brink/explore.h"
#include "brink/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

#define BRINK_REPORT_GAME_MONTH 12   /* month of the no-win matrix and the ZOPA */
#define BRINK_REPORT_ZOPA_RUNS 200u  /* drawn runs for the ZOPA's uncertainty */

/* An exploration to report (brink sensitivity, discover and robust with
 * --report): the explored parameters, the design's size, and the results of
 * one kind of analysis. Fields of the other kinds stay 0 / NULL. */
typedef enum {
    BRINK_REPORT_SOBOL = 1, /* sobol[noutputs] */
    BRINK_REPORT_MORRIS,    /* morris[noutputs] */
    BRINK_REPORT_PRIM,      /* condition, prim (NULL when the condition holds at
                             * every point or at none), hits */
    BRINK_REPORT_ROBUST     /* robust, policies, output, fails */
} brink_report_explore_kind;

typedef struct {
    brink_report_explore_kind kind;
    const brink_explore_param *param; /* d explored parameters */
    int d;
    int policy;          /* the policy explored (sobol, morris, prim) */
    uint64_t runs, seed; /* runs of the ensemble at every point, and its seed */
    int points;          /* points evaluated (futures for robust) */
    int units;           /* base samples (sobol) or trajectories (morris); else 0 */
    int partial;         /* 1: interrupted; the results use the complete points */
    uint64_t run_months;
    const char *design;  /* "saltelli", "morris", "lhs" or "sobol" */
    /* sobol, morris: one result per output */
    int noutputs;
    const char *const *outputs;
    brink_sobol_result *const *sobol;
    brink_morris_result *const *morris;
    /* prim */
    const char *condition;
    const brink_prim_result *prim;
    const double *x;     /* points * d: the points' parameter values (prim) */
    int hits;            /* points where the condition holds */
    /* robust: the outcome, np policies (indices), the analysis, and per
     * policy PRIM on the futures where it fails (NULL where it never or
     * always fails) */
    const char *output;
    const int *policies;
    const brink_robust_result *robust;
    brink_prim_result *const *fails;
} brink_report_exploration;

/* The JSON of `brink sensitivity --format json`: the scenario and policy,
 * the design's size and, for each output, every parameter's range with its
 * Sobol indices (x->kind BRINK_REPORT_SOBOL, with the output's mean and
 * variance) or Morris effects (BRINK_REPORT_MORRIS). Reals to 17
 * significant digits; indented, then a newline. BRINK_ERR_INPUT for another
 * kind or missing results; BRINK_ERR_RUNTIME when the stream fails. */
brink_status brink_sensitivity_write_json(const brink_scenario *sc,
                                          const brink_report_exploration *x, FILE *out,
                                          brink_error *err);

typedef struct {
    const char *command;  /* "report", "run", "ensemble", "compare", "sensitivity",
                           * "discover" or "robust" */
    const char *date;     /* "YYYY-MM-DD"; NULL = today (UTC) */
    /* Ensemble results (report, ensemble, compare); NULL for a single run. */
    const brink_ensemble_result *ens;
    /* Without ens: the single run to report (brink run), simulated again
     * with its events. Policy index, seed, run index 0, draw flag. */
    int run_policy;
    uint64_t run_seed;
    int run_draw;
    /* Runs with drawn values for the ZOPA's uncertainty; 0 = none. */
    uint64_t zopa_runs;
    /* An exploration (ens NULL): the report holds its section, the key
     * findings of it, the scenario and the provenance, and no run. */
    const brink_report_exploration *explore;
} brink_report_options;

/* Writes the report to `path` atomically (a failure leaves no partial file
 * and any earlier file intact). Fails with BRINK_ERR_INPUT for a bad date,
 * BRINK_ERR_RUNTIME for I/O or memory. */
brink_status brink_report_write(const brink_scenario *sc, const brink_report_options *opt,
                                const char *path, brink_error *err);

/* 1 when `date` is a valid calendar date written YYYY-MM-DD. */
int brink_report_date_valid(const char *date);

/* One sentence describing event e of a run of sc, as `brink run` tells it.
 * *policy is the policy in force before the event (a policy switch updates
 * it). */
void brink_event_describe(const brink_scenario *sc, const brink_event *e, int *policy,
                          char *buf, size_t size);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
