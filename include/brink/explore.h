/* brink: exploratory modelling — global sensitivity, scenario discovery and
 * robust decisions, as estimators generic over a model.
 *
 * The estimators know nothing of brink's model: a caller evaluates its
 * function at the points of a design (in the unit cube; map them to the
 * parameters' ranges), then hands the outputs to the analysis. Designs and
 * analyses are pure functions of their arguments and a seed; bootstrap
 * resampling uses the counter-based generator, so every result is
 * reproducible bit for bit. See docs/exploration.md.
 *
 *   Morris elementary effects (screening): brink_morris_design, then
 *     brink_morris_analyse (mu, mu*, sigma; an interval for mu*).
 *   Sobol indices: brink_saltelli_design (the A, B and AB_j matrices of
 *     Saltelli et al. 2010), then brink_sobol_analyse: first-order indices by
 *     Saltelli's (2010) estimator, total indices by Jansen's (1999), with
 *     bootstrap percentile intervals.
 *   PRIM (Friedman and Fisher 1999): brink_prim_run peels and pastes a box
 *     of points where a condition holds, with the coverage-density
 *     trajectory and a significance test for each restricted dimension.
 *   Robust decisions: brink_robust_analyse gives each policy's regret in
 *     each future, its maximum and mean regret, the minimax-regret policy
 *     and the share of futures in which each policy meets a threshold.
 *
 * Errors (bad sizes, too few samples for an estimator) are BRINK_ERR_INPUT.
 */
#ifndef BRINK_EXPLORE_H
#define BRINK_EXPLORE_H

#include <stddef.h>
#include <stdint.h>

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

/* A model output at a point x (unit-cube or mapped coordinates). */
typedef double (*brink_explore_fn)(const double *x, void *ctx);

/* Evaluates f at `rows` points of dimension d (row-major in x) into y. */
void brink_explore_eval(brink_explore_fn f, void *ctx, const double *x, size_t rows, int d,
                        double *y);

#define BRINK_EXPLORE_MAX_DIM 256
#define BRINK_EXPLORE_MAX_BOOT 100000

/* ---- Morris elementary effects ------------------------------------------ */

#define BRINK_MORRIS_MIN_TRAJECTORIES 2

/* r trajectories of d + 1 points each on a grid of `levels` levels (even,
 * >= 2), written row-major into u (r * (d + 1) rows of d): each trajectory
 * starts at a random grid point and moves one coordinate at a time, in a
 * random order, by Delta = levels / (2 (levels - 1)) up or down. */
size_t brink_morris_rows(int d, int r);
brink_status brink_morris_design(int d, int r, int levels, uint64_t seed, double *u,
                                 brink_error *err);

typedef struct {
    int d, r;
    double *mu;        /* d: mean elementary effect (per unit of the coordinate) */
    double *mu_star;   /* d: mean absolute elementary effect */
    double *sigma;     /* d: standard deviation of the elementary effects */
    double *mu_star_lo, *mu_star_hi; /* d: bootstrap interval of mu* */
} brink_morris_result;

/* Elementary effects of the design u (from brink_morris_design) with
 * outputs y (one per row). nboot bootstrap resamples of the trajectories
 * (0: no interval, NaN bounds) at the two-sided level (e.g. 0.95). */
brink_status brink_morris_analyse(int d, int r, const double *u, const double *y, int nboot,
                                  double level, uint64_t seed, brink_morris_result **out,
                                  brink_error *err);
void brink_morris_result_free(brink_morris_result *m);

/* ---- Sobol indices -------------------------------------------------------- */

#define BRINK_SOBOL_MIN_BASE 16 /* base samples the estimators need */

/* Rows of a Saltelli design with n base samples: n * (d + 2). */
size_t brink_saltelli_rows(int d, int n);

/* Writes base samples [i0, i1) of the design into u ((i1 - i0) * (d + 2)
 * rows of d): for base sample i the rows are A_i, AB_i^1 .. AB_i^d (A_i with
 * coordinate j taken from B_i), B_i. (A_i, B_i) is point i + 1 of a Sobol
 * sequence of dimension 2d when 2d <= 40 (GSL), otherwise 2d uniforms drawn
 * from the seed. A base sample's rows do not depend on i0 or i1, so a design
 * grows by appending base samples. */
brink_status brink_saltelli_design(int d, int i0, int i1, uint64_t seed, double *u,
                                   brink_error *err);

typedef struct {
    int d, n;
    double mean, var;   /* of the outputs at A and B */
    double *s1, *s1_lo, *s1_hi; /* d: first-order indices and intervals */
    double *st, *st_lo, *st_hi; /* d: total indices and intervals */
} brink_sobol_result;

/* Indices from the outputs y of a Saltelli design with n base samples (in
 * the row order above). Bootstrap: nboot resamples of the base samples
 * (0: no interval, NaN bounds), percentile intervals at `level`. A constant
 * output gives NaN indices. */
brink_status brink_sobol_analyse(int d, int n, const double *y, int nboot, double level,
                                 uint64_t seed, brink_sobol_result **out, brink_error *err);
void brink_sobol_result_free(brink_sobol_result *s);

/* The largest half-width of the total-index intervals over the indices whose
 * point estimate is at least `min_st` (the leading ones); 0 when none is. */
double brink_sobol_max_halfwidth(const brink_sobol_result *s, double min_st);

/* ---- PRIM: scenario discovery ------------------------------------------- */

typedef struct {
    double peel_alpha;    /* share of the box's points peeled per step (default 0.05) */
    double paste_alpha;   /* share of the box's points added per pasting step (0.05) */
    double min_mass;      /* peeling stops below this share of all points (0.05) */
    double min_coverage;  /* the chosen box has at least this coverage (0.5) ... */
    double density_slack; /* ... and is the largest whose density is within this share
                           * of the densest such box (0.02) */
    int paste;            /* 1: paste the chosen box */
    double prune_p;       /* then drop, one at a time, the restriction with the
                           * largest p-value while it exceeds this (0.05; 1: keep all) */
} brink_prim_config;

/* The defaults above. */
void brink_prim_config_init(brink_prim_config *cfg);

typedef struct {
    double *lo, *hi;      /* d: the box's limits (the data's range where unrestricted) */
    unsigned char *restricted; /* d: 1 where a limit is inside the data's range */
    int n_in, n_pos;      /* points inside, and those where the condition holds */
    double coverage;      /* n_pos / all points where the condition holds */
    double density;       /* n_pos / n_in */
    double mass;          /* n_in / all points */
} brink_prim_box;

typedef struct {
    int d, n, n_pos;
    double base_density;  /* n_pos / n: the density of the whole space */
    int n_steps;          /* the peeling trajectory: step 0 is the whole space */
    brink_prim_box *step;
    int chosen;           /* the step chosen by min_coverage */
    brink_prim_box box;   /* the chosen box after pasting and pruning */
    /* d: for each restricted dimension of `box`, the one-sided p-value
     * (hypergeometric) that the box's density is no higher than that of the
     * box without this restriction; NaN where unrestricted */
    double *p_value;
} brink_prim_result;

/* PRIM on n points x (row-major, d columns) with the condition y (0/1). */
brink_status brink_prim_run(int n, int d, const double *x, const unsigned char *y,
                            const brink_prim_config *cfg, brink_prim_result **out,
                            brink_error *err);
void brink_prim_result_free(brink_prim_result *p);

/* ---- Robust decisions ----------------------------------------------------- */

typedef struct {
    int nf, np;          /* futures, policies */
    int maximise;        /* 1: higher outcomes are better */
    double threshold;
    double *regret;      /* nf * np: regret of policy p in future f, at [f * np + p] */
    double *max_regret;  /* np */
    double *mean_regret; /* np */
    double *mean;        /* np: mean outcome over the futures */
    double *share_meets; /* np: share of futures meeting the threshold */
    int minimax;         /* the policy of least maximum regret (ties: the first) */
    int most_satisficing; /* the policy meeting the threshold most often (ties: the first) */
} brink_robust_result;

/* y[f * np + p]: the outcome of policy p in future f. Regret is the gap to
 * the best policy in that future; a policy meets the threshold when its
 * outcome is at least (maximise) or at most (otherwise) the threshold. */
brink_status brink_robust_analyse(int nf, int np, const double *y, int maximise,
                                  double threshold, brink_robust_result **out, brink_error *err);
void brink_robust_result_free(brink_robust_result *r);

/* ---- Exploring the model (src/explore/sweep.c) ------------------------- */

#define BRINK_EXPLORE_PATH_MAX 160
#define BRINK_EXPLORE_MAX_MONTHS 8
#define BRINK_EXPLORE_MAX_POINTS 10000000

/* A parameter explored over [lo, hi]: any path `--set` accepts. */
typedef struct {
    char path[BRINK_EXPLORE_PATH_MAX];
    double lo, hi;
    int levels;   /* grid levels (1 = the centre); other designs ignore it */
    int log_scale; /* 1: points spread evenly in log(value) (lo > 0) */
} brink_explore_param;

/* The uncertain parameters of sc: every value the scenario gives as a
 * distribution, in the order of `brink show`, over its plausible range
 * (the parameter tables; the distribution's support where the table gives
 * no plausible range). *out is malloc'd (free it). */
brink_status brink_explore_uncertain(const brink_scenario *sc, brink_explore_param **out,
                                     int *n, brink_error *err);

/* Checks each parameter: a path `--set` accepts (an unknown one is named,
 * with the closest known name), lo < hi, lo > 0 on a log scale, both ends
 * allowed for it, and no path twice (BRINK_ERR_INPUT). */
brink_status brink_explore_check(const brink_scenario *sc, const brink_explore_param *p, int d,
                                 brink_error *err);

typedef enum { BRINK_DESIGN_GRID = 0, BRINK_DESIGN_LHS, BRINK_DESIGN_SOBOL } brink_design_kind;

/* "grid", "lhs", "sobol" and back (-1 for an unknown name). */
const char *brink_design_name(brink_design_kind k);
int brink_design_from_name(const char *name);

/* The points of a full-factorial grid (the product of the levels), or 0
 * when above BRINK_EXPLORE_MAX_POINTS. */
uint64_t brink_explore_grid_points(const brink_explore_param *p, int d);

/* Points [k0, k1) of a design in the unit cube (row-major, d columns):
 * grid (full factorial, last parameter fastest), Latin hypercube of n points
 * (from the seed), or Sobol points 1..n (GSL; at most 40 dimensions). */
brink_status brink_explore_design(brink_design_kind kind, const brink_explore_param *p, int d,
                                  int n, uint64_t seed, int k0, int k1, double *u,
                                  brink_error *err);

/* A point's parameter values from its unit coordinates (on a log scale
 * where the parameter says so). */
void brink_explore_point(const brink_explore_param *p, int d, const double *u, double *x);

/* The outputs of each point, from its ensemble (names as in the CSV):
 *   p_<outcome>_<M>        share of runs in each outcome at month M (a
 *                          running run counts as deal, partial_deal or
 *                          stalemate, as in outcomes_by_month.csv)
 *   p_deal_within_<M>      share of runs with a first comprehensive deal by M
 *   median_months_to_deal  Kaplan-Meier median (NaN when not reached)
 *   mean_<cost>            mean of each per-run cost (brink_cost_name)
 * for each month M of `months` (months beyond the horizon read the last). */
typedef struct {
    uint32_t months[BRINK_EXPLORE_MAX_MONTHS];
    int nmonths;
} brink_explore_outputs;

int brink_explore_output_count(const brink_explore_outputs *o);
void brink_explore_output_name(const brink_explore_outputs *o, int k, char *buf, size_t size);
/* Index of output `name`, or -1. */
int brink_explore_output_index(const brink_explore_outputs *o, const char *name);

/* Called from the calling thread, in point order, as points complete: the
 * points [first, first + count), their values x (count * d) and outputs y
 * (count * outputs). A non-zero return stops the evaluation. */
typedef int (*brink_explore_points_fn)(int first, int count, const double *x, const double *y,
                                       void *user);

typedef struct {
    const brink_explore_param *param;
    int d;
    int policy;               /* policy index */
    uint64_t runs, seed;      /* every point: runs 0..runs-1 of this seed */
    int threads;              /* 0 = every online core */
    brink_explore_outputs out;
    brink_atomic_int *stop;   /* may be NULL */
    brink_explore_points_fn on_points; /* may be NULL */
    void *user;
    uint64_t run_months;      /* out: months simulated, summed over the points' runs */
} brink_explore_config;

/* Evaluates the n points u (unit coordinates, row-major) numbered from
 * `first`: each is an ensemble of sc with the parameters set to the point's
 * values, on common random numbers (the same seed and run indices at every
 * point), with the other uncertain parameters drawn as usual. Points run in
 * parallel, one ensemble per thread; results are identical for any number
 * of threads. y (n * outputs) receives the outputs. *done: the points
 * complete, a prefix (fewer than n after a stop or a callback's stop). */
brink_status brink_explore_evaluate(const brink_scenario *sc, brink_explore_config *cfg,
                                    const double *u, int n, int first, double *y, int *done,
                                    brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
