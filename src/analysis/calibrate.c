/* Calibration of the shared behavioural parameters by simulated likelihood
 * over a Sobol design (include/brink/calibrate.h, docs/calibration.md). */
#include "brink/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_vector.h>

#include "brink/backtest.h"
#include "brink/ensemble.h"
#include "analysis/farm.h"
#include "analysis/runner.h"
#include "core/pack.h"
#include "core/threads.h"
#include "explore/design.h"
#include "model/spec.h"

/* ---- The fitted parameters ------------------------------------------------ */

typedef struct {
    const char *path;
    double lo, hi;
    int log_scale;
    const char *why;
} calib_param;

static const calib_param params[] = {
#define P(path, lo, hi, lg, why) {path, lo, hi, lg, why},
#include "calibrate.def"
#undef P
};

enum { NPARAM = (int)(sizeof params / sizeof params[0]) };


/* The population targets (src/analysis/calibration_targets.def). */
static const struct {
    const char *name;
    double value;
} targets_def[] = {
#define X(name, value, n, source) {#name, value},
#include "calibration_targets.def"
#undef X
};

static double target_value(const char *name)
{
    for (size_t i = 0; i < sizeof targets_def / sizeof targets_def[0]; i++)
        if (strcmp(targets_def[i].name, name) == 0)
            return targets_def[i].value;
    return NAN;
}

int brink_calib_param_count(void)
{
    return NPARAM;
}

const char *brink_calib_param_name(int j)
{
    return j >= 0 && j < NPARAM ? params[j].path : NULL;
}

const char *brink_calib_param_description(int j)
{
    return j >= 0 && j < NPARAM ? params[j].why : NULL;
}

void brink_calib_param_box(int j, double *lo, double *hi, int *log_scale)
{
    if (j < 0 || j >= NPARAM) {
        *lo = *hi = NAN;
        *log_scale = 0;
        return;
    }
    *lo = params[j].lo;
    *hi = params[j].hi;
    *log_scale = params[j].log_scale;
}

static int param_index(const char *path)
{
    for (int j = 0; j < NPARAM; j++)
        if (strcmp(params[j].path, path) == 0)
            return j;
    return -1;
}

static brink_status set_one(brink_scenario *sc, const char *path, const char *value,
                            brink_error *err)
{
    char a[512];
    snprintf(a, sizeof a, "%s=%s", path, value);
    return brink_scenario_set(sc, a, err);
}

/* Sets the resolve prior: target.resolve ~ N(m, s) on [-3, 4], and the
 * senders' prior belief with the same mean and spread. */
static brink_status set_resolve(brink_scenario *sc, double m, double s, brink_error *err)
{
    char v[160];
    snprintf(v, sizeof v, "{truncated_normal: [%.17g, %.17g, %g, %g]}", m, s, BRINK_RESOLVE_LO,
             BRINK_RESOLVE_HI);
    brink_status st = set_one(sc, "target.resolve", v, err);
    if (st == BRINK_OK) {
        snprintf(v, sizeof v, "%.17g", m);
        st = set_one(sc, "coalition.prior_resolve_mean", v, err);
    }
    if (st == BRINK_OK) {
        snprintf(v, sizeof v, "%.17g", s);
        st = set_one(sc, "coalition.prior_resolve_sd", v, err);
    }
    return st;
}

brink_status brink_calib_set_point(brink_scenario *sc, const double *x, brink_error *err)
{
    int jm = param_index("prior.resolve_mean"), js = param_index("prior.resolve_sd");
    brink_status st = BRINK_OK;
    for (int j = 0; j < NPARAM && st == BRINK_OK; j++) {
        if (j == jm || j == js)
            continue;
        char v[64];
        snprintf(v, sizeof v, "%.17g", x[j]);
        st = set_one(sc, params[j].path, v, err);
    }
    if (st == BRINK_OK && jm >= 0 && js >= 0)
        st = set_resolve(sc, x[jm], x[js], err);
    return st;
}

/* ---- The design and its simulations ---------------------------------------- */

struct brink_calib {
    int K, ncases, d;
    int K1;                 /* points of the first (Sobol) stage; the rest refine */
    double *logcorr;        /* K: ln(prior / proposal) of each point (0 without refinement) */
    uint64_t runs;
    double weight;
    double *x;              /* K x d design values */
    brink_calib_cell *cell; /* K x ncases */
    char (*name)[64];
    int *actual;
    uint32_t *horizon;
    double (*base)[BRINK_OUTCOME_COUNT]; /* the base rate at each case's horizon */
};

int brink_calib_points(const brink_calib *c)
{
    return c->K;
}

int brink_calib_stage1_points(const brink_calib *c)
{
    return c->K1;
}

int brink_calib_cases(const brink_calib *c)
{
    return c->ncases;
}

uint64_t brink_calib_runs(const brink_calib *c)
{
    return c->runs;
}

double brink_calib_weight(const brink_calib *c)
{
    return c->weight;
}

const char *brink_calib_case_name(const brink_calib *c, int i)
{
    return i >= 0 && i < c->ncases ? c->name[i] : NULL;
}

int brink_calib_case_actual(const brink_calib *c, int i)
{
    return i >= 0 && i < c->ncases ? c->actual[i] : -1;
}

uint32_t brink_calib_case_horizon(const brink_calib *c, int i)
{
    return i >= 0 && i < c->ncases ? c->horizon[i] : 0;
}

double brink_calib_value(const brink_calib *c, int k, int j)
{
    return c->x[(size_t)k * (size_t)c->d + (size_t)j];
}

const brink_calib_cell *brink_calib_cell_at(const brink_calib *c, int k, int i)
{
    return &c->cell[(size_t)k * (size_t)c->ncases + (size_t)i];
}

void brink_calib_free(brink_calib *c)
{
    if (!c)
        return;
    free(c->x);
    free(c->logcorr);
    free(c->cell);
    free(c->name);
    free(c->actual);
    free(c->horizon);
    free(c->base);
    free(c);
}

/* The cells of a calibration are the tasks of a farm (analysis/farm.h),
 * over threads and processes: task t of points [k0, k1) is case t % m at
 * point k0 + t / m. */
typedef struct {
    brink_calib *c;
    brink_scenario *const *cases; /* m scenarios, each with its policy */
    const int *policy;
    int m;
    uint64_t seed;
    int k0;
    uint64_t before, all, done; /* progress: cells before this call, in all, done here */
    const brink_calib_config *cfg;
} calib_job;

/* A run's totals into its cell: its outcome, and whether it had a
 * militarized dispute (an event of MID level 2 or more) and a violent
 * crisis (an event of ICB violence 2 or more): the highest levels of its
 * events, which its totals keep. */
static void count_run(brink_calib_cell *cell, const brink_summary *m)
{
    int war = m->outcome == BRINK_OUTCOME_WAR;
    int dispute = m->max_hostility >= 2;
    int crisis = m->max_crisis >= 2;
    cell->count[m->outcome]++;
    cell->disputes += (uint32_t)dispute;
    cell->disputes_war += (uint32_t)(dispute && war);
    cell->crises += (uint32_t)crisis;
    cell->crises_war += (uint32_t)(crisis && war);
}

static brink_status simulate_cell(void *ctx, int thread, uint64_t t, void *result,
                                  brink_error *err)
{
    (void)thread;
    calib_job *job = ctx;
    brink_calib *c = job->c;
    int k = job->k0 + (int)(t / (uint64_t)job->m);
    int i = (int)(t % (uint64_t)job->m);
    brink_calib_cell *cell = result;
    memset(cell, 0, sizeof *cell);
    brink_scenario *sc = brink_scenario_clone(job->cases[i], err);
    if (!sc)
        return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    brink_status st = brink_calib_set_point(sc, &c->x[(size_t)k * (size_t)c->d], err);
    /* the case's runs in batches, in lanes where the processor has them
     * (analysis/runner.h): the totals brink_sim_run leaves, to the bit */
    brink_runner *runner = st == BRINK_OK ? brink_runner_alloc(sc, 0, err) : NULL;
    if (st == BRINK_OK && !runner)
        st = err && err->code ? err->code : BRINK_ERR_RUNTIME;
    size_t batch = runner ? brink_runner_batch(runner) : 0;
    brink_runner_job *jobs = st == BRINK_OK ? calloc(batch, sizeof *jobs) : NULL;
    if (st == BRINK_OK && !jobs)
        st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    for (uint64_t r = 0; r < c->runs && st == BRINK_OK; r += batch) {
        size_t n = c->runs - r < batch ? (size_t)(c->runs - r) : batch;
        for (size_t j = 0; j < n; j++)
            jobs[j] = (brink_runner_job){.policy = job->policy[i], .run = r + j};
        st = brink_runner_run(runner, job->seed, NULL, 0, c->horizon[i], jobs, n, err);
        for (size_t j = 0; j < n && st == BRINK_OK; j++)
            count_run(cell, &jobs[j].sum);
    }
    free(jobs);
    brink_runner_free(runner);
    brink_scenario_free(sc);
    return st;
}

static int cells_ready(void *ctx, uint64_t first, uint64_t count, const void *results)
{
    (void)first;
    (void)results;
    calib_job *job = ctx;
    job->done += count;
    if (job->cfg->progress)
        job->cfg->progress(job->before + job->done, job->all, job->cfg->progress_user);
    return 0;
}

/* A parameter's value from its coordinate in [0, 1] on its scale, and back. */
static double from_unit(int j, double u)
{
    return brink_unit_to_box(params[j].lo, params[j].hi, params[j].log_scale, u);
}

static double to_unit(int j, double v)
{
    return brink_box_to_unit(params[j].lo, params[j].hi, params[j].log_scale, v);
}

/* Fills the design: Sobol points 1..K1 in the unit cube (point 0, a corner,
 * is skipped), mapped to the box on each parameter's scale. */
static brink_status fill_design(brink_calib *c, brink_error *err)
{
    brink_sobol_stream q;
    brink_status st = brink_sobol_stream_init(&q, c->d, 1, err);
    if (st != BRINK_OK)
        return st;
    double u[BRINK_SOBOL_MAX_DIM];
    for (int k = 0; k < c->K1; k++) {
        brink_sobol_stream_next(&q, u);
        for (int j = 0; j < c->d; j++)
            c->x[(size_t)k * (size_t)c->d + (size_t)j] = from_unit(j, u[j]);
    }
    brink_sobol_stream_release(&q);
    return BRINK_OK;
}

/* Simulates the m scenarios (each under its policy) at points [k0, k1) on
 * worker threads (and other processes), into out[k * m + i]. */
static brink_status run_points(brink_calib *c, brink_scenario *const *cases, const int *policy,
                               int m, brink_calib_cell *out, const brink_calib_config *cfg,
                               int k0, int k1, brink_error *err)
{
    calib_job job = {
        .c = c,
        .cases = cases,
        .policy = policy,
        .m = m,
        .seed = cfg->seed,
        .k0 = k0,
        .before = (uint64_t)k0 * (uint64_t)m,
        .all = (uint64_t)c->K * (uint64_t)m,
        .cfg = cfg,
    };
    const uint64_t total = (uint64_t)(k1 - k0) * (uint64_t)m;
    int nt = brink_thread_count(cfg->threads, BRINK_ENSEMBLE_MAX_THREADS);
    if ((uint64_t)nt > total)
        nt = (int)(total > 0 ? total : 1);
    /* the inputs of these cells: the cases, their policies, the points */
    uint64_t v[5] = {cfg->seed, c->runs, (uint64_t)m, (uint64_t)k0, (uint64_t)c->d};
    uint64_t h = brink_fnv1a(BRINK_FNV_START, v, sizeof v);
    for (int i = 0; i < m; i++) {
        uint64_t sh = brink_scenario_hash(cases[i]);
        h = brink_fnv1a(h, &sh, sizeof sh);
    }
    h = brink_fnv1a(h, policy, sizeof *policy * (size_t)m);
    h = brink_fnv1a(h, &c->x[(size_t)k0 * (size_t)c->d],
                    sizeof(double) * (size_t)(k1 - k0) * (size_t)c->d);
    brink_farm farm = {
        .tasks = total,
        .result_size = sizeof(brink_calib_cell),
        .threads = nt,
        .task = simulate_cell,
        .ready = cells_ready,
        .ctx = &job,
        .job = h,
    };
    uint64_t done = 0;
    return brink_farm_run(&farm, &out[(size_t)k0 * (size_t)m], &done, err);
}

/* Refinement by population Monte Carlo: in each round, points drawn from a
 * normal fitted to the current posterior (in unit coordinates: weighted
 * mean, covariance widened by REFINE_WIDEN^2 plus REFINE_FLOOR^2 on the
 * diagonal), truncated to the box, from a Sobol stream through the normal
 * quantile and a Cholesky factor. Every point then carries ln(prior /
 * proposal) of the mixture of all stages (deterministic-mixture importance
 * weights), so the posterior stays the likelihood times the uniform prior
 * whatever the proposals. */
#define REFINE_WIDEN 1.5
#define REFINE_FLOOR 0.02

typedef struct {
    gsl_matrix *L;   /* Cholesky factor of the covariance */
    gsl_vector *mu;
    double mass;     /* the normal's mass inside the unit cube */
    int n;           /* points drawn from it */
} proposal;

/* ln(prior / mixture proposal) of every point k < upto: the prior is 1 on the
 * unit cube; the first K1 points come from it, the others from props. */
static void mixture_logcorr(brink_calib *c, const proposal *props, int nprop, int upto,
                            gsl_vector *xv, gsl_vector *work)
{
    for (int k = 0; k < upto; k++) {
        for (int j = 0; j < c->d; j++)
            gsl_vector_set(xv, (size_t)j, to_unit(j, brink_calib_value(c, k, j)));
        double q = c->K1;
        for (int r = 0; r < nprop; r++) {
            double lg = 0;
            gsl_ran_multivariate_gaussian_log_pdf(xv, props[r].mu, props[r].L, &lg, work);
            q += props[r].n * exp(lg) / props[r].mass;
        }
        c->logcorr[k] = -log(q / upto);
    }
}

/* Fits a proposal to the weights w over points [0, upto) and draws n points
 * from it into [upto, upto + n). */
static brink_status draw_round(brink_calib *c, const double *w, int upto, int n, unsigned skip,
                               proposal *pr, brink_error *err)
{
    const int d = c->d;
    pr->L = gsl_matrix_calloc((size_t)d, (size_t)d);
    pr->mu = gsl_vector_calloc((size_t)d);
    pr->n = n;
    if (!pr->L || !pr->mu)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    /* a fresh part of the Sobol stream for each round */
    brink_sobol_stream q;
    brink_status st = brink_sobol_stream_init(&q, d, skip + 1, err);
    if (st != BRINK_OK)
        return st;
    for (int j = 0; j < d; j++) {
        double m = 0;
        for (int k = 0; k < upto; k++)
            m += w[k] * to_unit(j, brink_calib_value(c, k, j));
        gsl_vector_set(pr->mu, (size_t)j, m);
    }
    for (int a = 0; a < d; a++)
        for (int b = 0; b <= a; b++) {
            double v = 0, ma = gsl_vector_get(pr->mu, (size_t)a),
                   mb = gsl_vector_get(pr->mu, (size_t)b);
            for (int k = 0; k < upto; k++)
                v += w[k] * (to_unit(a, brink_calib_value(c, k, a)) - ma) *
                     (to_unit(b, brink_calib_value(c, k, b)) - mb);
            v *= REFINE_WIDEN * REFINE_WIDEN;
            if (a == b)
                v += REFINE_FLOOR * REFINE_FLOOR;
            gsl_matrix_set(pr->L, (size_t)a, (size_t)b, v);
            gsl_matrix_set(pr->L, (size_t)b, (size_t)a, v);
        }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int chol = gsl_linalg_cholesky_decomp1(pr->L);
    gsl_set_error_handler(old);
    if (chol != 0) {
        brink_sobol_stream_release(&q);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "the refinement's covariance is not positive definite");
    }
    double u[BRINK_SOBOL_MAX_DIM], z[BRINK_SOBOL_MAX_DIM], y[BRINK_SOBOL_MAX_DIM];
    long tries = 0, accepted = 0;
    const long max_tries = 100000L * (long)n;
    while (accepted < n && tries < max_tries) {
        brink_sobol_stream_next(&q, u);
        tries++;
        for (int b = 0; b < d; b++)
            z[b] = gsl_cdf_ugaussian_Pinv(fmin(fmax(u[b], 1e-12), 1 - 1e-12));
        int inside = 1;
        for (int a = 0; a < d && inside; a++) {
            y[a] = gsl_vector_get(pr->mu, (size_t)a);
            for (int b = 0; b <= a; b++)
                y[a] += gsl_matrix_get(pr->L, (size_t)a, (size_t)b) * z[b];
            inside = y[a] >= 0 && y[a] <= 1;
        }
        if (inside) {
            for (int a = 0; a < d; a++)
                c->x[(size_t)(upto + accepted) * (size_t)d + (size_t)a] = from_unit(a, y[a]);
            accepted++;
        }
    }
    brink_sobol_stream_release(&q);
    if (accepted < n)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "the refinement found too few points inside the box");
    pr->mass = (double)accepted / (double)tries;
    return BRINK_OK;
}

/* The refinement rounds after the first stage: each draws its share of the
 * K2 points, simulates them, and updates every point's weight correction. */
static brink_status refine_rounds(brink_calib *c, brink_scenario *const *cases,
                                  const int *policy, const brink_calib_config *cfg,
                                  brink_error *err)
{
    const int K2 = c->K - c->K1;
    int rounds = (int)cfg->refine_rounds > 0 ? (int)cfg->refine_rounds : 1;
    if (rounds > K2)
        rounds = K2;
    proposal props[BRINK_CALIB_MAX_ROUNDS];
    memset(props, 0, sizeof props);
    double *ll = malloc((size_t)c->K * sizeof *ll), *w = malloc((size_t)c->K * sizeof *w);
    gsl_vector *xv = gsl_vector_alloc((size_t)c->d), *work = gsl_vector_alloc((size_t)c->d);
    brink_status st = BRINK_OK;
    if (!ll || !w || !xv || !work)
        st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    const int K = c->K;
    int upto = c->K1;
    for (int r = 0; r < rounds && st == BRINK_OK; r++) {
        int n = K2 / rounds + (r < K2 % rounds);
        /* the posterior over the points so far */
        c->K = upto;
        brink_calib_fit(c, NULL, ll, w, NULL);
        c->K = K;
        st = draw_round(c, w, upto, n, (unsigned)(c->K1 + 1 + r * 4096), &props[r], err);
        if (st != BRINK_OK)
            break;
        st = run_points(c, cases, policy, c->ncases, c->cell, cfg, upto, upto + n, err);
        upto += n;
        mixture_logcorr(c, props, r + 1, upto, xv, work);
    }
    for (int r = 0; r < rounds; r++) {
        gsl_matrix_free(props[r].L);
        gsl_vector_free(props[r].mu);
    }
    free(ll);
    free(w);
    gsl_vector_free(xv);
    gsl_vector_free(work);
    return st;
}

brink_status brink_calib_run(brink_scenario *const *cases, int ncases,
                             const brink_calib_config *cfg, brink_calib **out, brink_error *err)
{
    brink_error_clear(err);
    *out = NULL;
    if (ncases < 1 || ncases > BRINK_CALIB_MAX_CASES)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "cases",
                               "calibration needs 1 to %d cases (got %d)", BRINK_CALIB_MAX_CASES,
                               ncases);
    if (cfg->points < 2 || cfg->points > BRINK_CALIB_MAX_POINTS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "points",
                               "design points must be in [2, %u] (got %u)",
                               BRINK_CALIB_MAX_POINTS, cfg->points);
    if (cfg->refine_rounds > BRINK_CALIB_MAX_ROUNDS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "rounds",
                               "refinement rounds must be in [0, %d] (got %u)",
                               BRINK_CALIB_MAX_ROUNDS, cfg->refine_rounds);
    if (cfg->refine_points > BRINK_CALIB_MAX_POINTS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "refine",
                               "refinement points must be in [0, %u] (got %u)",
                               BRINK_CALIB_MAX_POINTS, cfg->refine_points);
    if (cfg->runs < 1 || cfg->runs > 1000000)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "runs",
                               "runs per case and point must be in [1, 1000000] (got %llu)",
                               (unsigned long long)cfg->runs);
    if (!(cfg->population_weight >= 0 && cfg->population_weight <= 1000))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "weight",
                               "the population weight must be in [0, 1000] (got %g)",
                               cfg->population_weight);
    if (cfg->threads < 0 || cfg->threads > BRINK_ENSEMBLE_MAX_THREADS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "threads",
                               "threads must be in [0, %d] (got %d)", BRINK_ENSEMBLE_MAX_THREADS,
                               cfg->threads);
    int *policy = calloc((size_t)ncases, sizeof *policy);
    brink_calib *c = calloc(1, sizeof *c);
    if (!policy || !c) {
        free(policy);
        free(c);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    c->K1 = (int)cfg->points;
    c->K = c->K1 + (int)cfg->refine_points;
    c->ncases = ncases;
    c->d = NPARAM;
    c->runs = cfg->runs;
    c->weight = cfg->population_weight;
    c->x = calloc((size_t)c->K * (size_t)c->d, sizeof *c->x);
    c->logcorr = calloc((size_t)c->K, sizeof *c->logcorr);
    c->cell = calloc((size_t)c->K * (size_t)ncases, sizeof *c->cell);
    c->name = calloc((size_t)ncases, sizeof *c->name);
    c->actual = calloc((size_t)ncases, sizeof *c->actual);
    c->horizon = calloc((size_t)ncases, sizeof *c->horizon);
    c->base = calloc((size_t)ncases, sizeof *c->base);
    if (!c->x || !c->logcorr || !c->cell || !c->name || !c->actual || !c->horizon || !c->base) {
        free(policy);
        brink_calib_free(c);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    for (int i = 0; i < ncases; i++) {
        const brink_history *h = brink_scenario_history(cases[i]);
        if (!h || !h->present || h->outcome < 0 || h->outcome >= BRINK_OUTCOME_COUNT) {
            brink_error_set(err, BRINK_ERR_INPUT, brink_scenario_file(cases[i]), 0, 0, "history",
                            "scenario '%s' has no history (the actual outcome and the policy "
                            "followed), so it cannot be used for calibration",
                            brink_scenario_name(cases[i]));
            free(policy);
            brink_calib_free(c);
            return BRINK_ERR_INPUT;
        }
        policy[i] = h->policy >= 0 ? h->policy : brink_scenario_default_policy(cases[i]);
        snprintf(c->name[i], sizeof c->name[i], "%s", brink_scenario_name(cases[i]));
        c->actual[i] = h->outcome;
        brink_sim *sim = brink_sim_alloc(cases[i], err);
        if (!sim) {
            free(policy);
            brink_calib_free(c);
            return err && err->code ? err->code : BRINK_ERR_RUNTIME;
        }
        brink_status hs = brink_sim_init(sim, policy[i], cfg->seed, 0, 0, 0, err);
        c->horizon[i] = (uint32_t)brink_sim_horizon(sim);
        brink_sim_free(sim);
        if (hs != BRINK_OK) {
            free(policy);
            brink_calib_free(c);
            return hs;
        }
        brink_base_rate_forecast(c->horizon[i], c->base[i]);
    }
    brink_status st = fill_design(c, err);
    if (st != BRINK_OK) {
        free(policy);
        brink_calib_free(c);
        return st;
    }

    st = run_points(c, cases, policy, ncases, c->cell, cfg, 0, c->K1, err);
    if (st == BRINK_OK && c->K > c->K1)
        st = refine_rounds(c, cases, policy, cfg, err);
    free(policy);
    if (st != BRINK_OK) {
        brink_calib_free(c);
        return st;
    }
    *out = c;
    return BRINK_OK;
}

/* ---- The fit ------------------------------------------------------------------- */

/* Smoothed outcome probability of a cell: half a run per outcome. */
static double smoothed(const brink_calib_cell *cell, uint64_t runs, int o)
{
    return (cell->count[o] + 0.5) / ((double)runs + 0.5 * BRINK_OUTCOME_COUNT);
}

/* W * [t ln q + (1 - t) ln(1 - q)], q kept inside (0, 1) */
static double binomial_term(double W, double t, double q)
{
    q = fmin(fmax(q, 1e-4), 1 - 1e-4);
    return W * (t * log(q) + (1 - t) * log(1 - q));
}

/* The model side of the population targets at point k over the included
 * cases: mean outcome probabilities, P(war | dispute), P(war | crisis). */
static void population_at(const brink_calib *c, int k, const unsigned char *exclude,
                          double m[BRINK_CALIB_TARGET_COUNT], double base[BRINK_OUTCOME_COUNT])
{
    double n = 0, dis = 0, disw = 0, cri = 0, criw = 0;
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        m[o] = base[o] = 0;
    for (int i = 0; i < c->ncases; i++) {
        if (exclude && exclude[i])
            continue;
        const brink_calib_cell *cell = brink_calib_cell_at(c, k, i);
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
            m[o] += cell->count[o] / (double)c->runs;
            base[o] += c->base[i][o];
        }
        dis += cell->disputes;
        disw += cell->disputes_war;
        cri += cell->crises;
        criw += cell->crises_war;
        n += 1;
    }
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        m[o] = n > 0 ? m[o] / n : (double)NAN;
        base[o] = n > 0 ? base[o] / n : (double)NAN;
    }
    m[BRINK_CALIB_TARGET_MID] = dis > 0 ? disw / dis : (double)NAN;
    m[BRINK_CALIB_TARGET_ICB] = cri > 0 ? criw / cri : (double)NAN;
}

static const char *const mid_target = "gml_mid_war";
static const char *const icb_target = "icb_war_given_violent_trigger";

void brink_calib_fit(const brink_calib *c, const unsigned char *exclude, double *loglik,
                     double *w, double *ess)
{
    const double W = c->weight;
    const double t_mid = target_value(mid_target), t_icb = target_value(icb_target);
    double best = -INFINITY;
    for (int k = 0; k < c->K; k++) {
        double ll = 0;
        for (int i = 0; i < c->ncases; i++) {
            if (exclude && exclude[i])
                continue;
            ll += log(smoothed(brink_calib_cell_at(c, k, i), c->runs, c->actual[i]));
        }
        if (W > 0) {
            double m[BRINK_CALIB_TARGET_COUNT], base[BRINK_OUTCOME_COUNT];
            population_at(c, k, exclude, m, base);
            for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
                if (isfinite(m[o]))
                    ll += W * base[o] * log(fmax(m[o], 1e-4));
            if (isfinite(m[BRINK_CALIB_TARGET_MID]))
                ll += binomial_term(W, t_mid, m[BRINK_CALIB_TARGET_MID]);
            if (isfinite(m[BRINK_CALIB_TARGET_ICB]))
                ll += binomial_term(W, t_icb, m[BRINK_CALIB_TARGET_ICB]);
        }
        loglik[k] = ll;
        ll += c->logcorr[k]; /* the weight: likelihood x prior / proposal */
        if (ll > best)
            best = ll;
    }
    double s = 0, s2 = 0;
    for (int k = 0; k < c->K; k++) {
        w[k] = exp(loglik[k] + c->logcorr[k] - best);
        s += w[k];
    }
    for (int k = 0; k < c->K; k++) {
        w[k] /= s;
        s2 += w[k] * w[k];
    }
    if (ess)
        *ess = 1 / s2;
}

void brink_calib_predict(const brink_calib *c, const double *w, int i,
                         double p[BRINK_OUTCOME_COUNT])
{
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        p[o] = 0;
    for (int k = 0; k < c->K; k++) {
        if (w[k] == 0)
            continue;
        const brink_calib_cell *cell = brink_calib_cell_at(c, k, i);
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            p[o] += w[k] * cell->count[o] / (double)c->runs;
    }
}

typedef struct {
    double v, w;
} vw;

static int cmp_vw(const void *a, const void *b)
{
    double x = ((const vw *)a)->v, y = ((const vw *)b)->v;
    return (x > y) - (x < y);
}

void brink_calib_summary(const brink_calib *c, const double *w, int j, double *mean,
                         double *sd, double *q05, double *q95)
{
    double m = 0, m2 = 0;
    for (int k = 0; k < c->K; k++)
        m += w[k] * brink_calib_value(c, k, j);
    for (int k = 0; k < c->K; k++) {
        double d = brink_calib_value(c, k, j) - m;
        m2 += w[k] * d * d;
    }
    *mean = m;
    *sd = sqrt(m2);
    *q05 = *q95 = NAN;
    vw *a = malloc((size_t)c->K * sizeof *a);
    if (!a)
        return;
    for (int k = 0; k < c->K; k++)
        a[k] = (vw){brink_calib_value(c, k, j), w[k]};
    qsort(a, (size_t)c->K, sizeof *a, cmp_vw);
    double cum = 0;
    for (int k = 0; k < c->K; k++) {
        cum += a[k].w;
        if (isnan(*q05) && cum >= 0.05)
            *q05 = a[k].v;
        if (isnan(*q95) && cum >= 0.95)
            *q95 = a[k].v;
    }
    free(a);
}

void brink_calib_targets(const brink_calib *c, const double *w, const unsigned char *exclude,
                         brink_calib_target_fit out[BRINK_CALIB_TARGET_COUNT])
{
    memset(out, 0, sizeof(brink_calib_target_fit) * BRINK_CALIB_TARGET_COUNT);
    /* the design point nearest the centre of the box (on the unit scale) */
    int centre = 0;
    double best = INFINITY;
    for (int k = 0; k < c->K; k++) {
        double d2 = 0;
        for (int j = 0; j < c->d; j++) {
            const calib_param *p = &params[j];
            double v = brink_calib_value(c, k, j);
            double u = p->log_scale ? (log(v) - log(p->lo)) / (log(p->hi) - log(p->lo))
                                    : (v - p->lo) / (p->hi - p->lo);
            d2 += (u - 0.5) * (u - 0.5);
        }
        if (d2 < best) {
            best = d2;
            centre = k;
        }
    }
    double model[BRINK_CALIB_TARGET_COUNT] = {0}, base[BRINK_OUTCOME_COUNT];
    double mc[BRINK_CALIB_TARGET_COUNT];
    double wsum[BRINK_CALIB_TARGET_COUNT] = {0};
    for (int k = 0; k < c->K; k++) {
        double m[BRINK_CALIB_TARGET_COUNT];
        population_at(c, k, exclude, m, base);
        for (int t = 0; t < BRINK_CALIB_TARGET_COUNT; t++)
            if (isfinite(m[t])) {
                model[t] += w[k] * m[t];
                wsum[t] += w[k];
            }
    }
    population_at(c, centre, exclude, mc, base);
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        snprintf(out[o].name, sizeof out[o].name, "share %s",
                 brink_outcome_name((brink_outcome)o));
        out[o].target = base[o];
        out[o].source = "the base rate at each case's horizon (TIES v4.1, GML MID, Archigos), "
                        "averaged over the cases";
    }
    snprintf(out[BRINK_CALIB_TARGET_MID].name, sizeof out[0].name, "P(war | dispute)");
    out[BRINK_CALIB_TARGET_MID].target = target_value(mid_target);
    out[BRINK_CALIB_TARGET_MID].source = "GML MID 2.1.1: disputes reaching hostility level 5";
    snprintf(out[BRINK_CALIB_TARGET_ICB].name, sizeof out[0].name, "P(war | violent crisis)");
    out[BRINK_CALIB_TARGET_ICB].target = target_value(icb_target);
    out[BRINK_CALIB_TARGET_ICB].source =
        "ICB v14: crises with a violent trigger ending in full-scale war";
    for (int t = 0; t < BRINK_CALIB_TARGET_COUNT; t++) {
        out[t].model = wsum[t] > 0 ? model[t] / wsum[t] : (double)NAN;
        out[t].at_box_centre = mc[t];
    }
}

/* ---- Applying and writing the fit --------------------------------------------------- */

/* The fitted distribution of parameter j: mean, spread, box. The resolve
 * mean's spread is folded into the resolve spread by the callers. */
static void fitted(const brink_calib *c, const double *w, int j, double *m, double *s)
{
    double q05, q95;
    brink_calib_summary(c, w, j, m, s, &q05, &q95);
    /* a degenerate posterior (one design point) keeps a spread of 1% of the box */
    double floor_sd = 0.01 * (params[j].hi - params[j].lo);
    if (!(*s >= floor_sd))
        *s = floor_sd;
}

brink_status brink_calib_apply(const brink_calib *c, const double *w, brink_scenario *sc,
                               brink_error *err)
{
    int jm = param_index("prior.resolve_mean"), js = param_index("prior.resolve_sd");
    brink_status st = BRINK_OK;
    for (int j = 0; j < c->d && st == BRINK_OK; j++) {
        if (j == jm || j == js)
            continue;
        double m, s;
        fitted(c, w, j, &m, &s);
        char v[200];
        snprintf(v, sizeof v, "{truncated_normal: [%.17g, %.17g, %.17g, %.17g]}", m, s,
                 params[j].lo, params[j].hi);
        st = set_one(sc, params[j].path, v, err);
    }
    if (st == BRINK_OK && jm >= 0 && js >= 0) {
        double mm, sm, ms, ss;
        fitted(c, w, jm, &mm, &sm);
        fitted(c, w, js, &ms, &ss);
        st = set_resolve(sc, mm, sqrt(ms * ms + sm * sm), err);
    }
    return st;
}

brink_status brink_calib_write_def(const brink_calib *c, const double *w,
                                   const char *const *error_paths, const double *errors,
                                   int n_errors, FILE *out, brink_error *err)
{
    double ess = 0, s2 = 0;
    for (int k = 0; k < c->K; k++)
        s2 += w[k] * w[k];
    ess = s2 > 0 ? 1 / s2 : 0;
    fprintf(out,
            "/* Generated by `brink calibrate --write-def`: the fitted shared behavioural\n"
            " * parameters, which the model takes as its defaults (docs/calibration.md).\n"
            " * Do not edit by hand: rerun the calibration.\n"
            " *\n"
            " * Fit: %d cases, %d design points, %llu runs per case and point, population\n"
            " * weight %g, effective design points %.1f.\n"
            " *\n"
            " * C(path, mean, sd, low, high): a normal with that mean and spread,\n"
            " *   truncated to [low, high] (prior.resolve_*: the shared prior over\n"
            " *   resolve, see src/analysis/calibrate.def);\n"
            " * E(path, value): a structural error scale of the observed series. */\n",
            c->ncases, c->K, (unsigned long long)c->runs, c->weight, ess);
    for (int j = 0; j < c->d; j++) {
        double m, s;
        fitted(c, w, j, &m, &s);
        fprintf(out, "C(\"%s\", %.6g, %.6g, %.6g, %.6g)\n", params[j].path, m, s, params[j].lo,
                params[j].hi);
    }
    for (int e = 0; e < n_errors; e++)
        fprintf(out, "E(\"%s\", %.6g)\n", error_paths[e], errors[e]);
    if (ferror(out))
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "cannot write the calibrated table");
    return BRINK_OK;
}

/* ---- Backtests of the fit --------------------------------------------------------- */

brink_status brink_calib_backtest(const brink_calib *c, brink_scenario *const *cases,
                                  const brink_calib_backtest_config *cfg,
                                  brink_backtest_case *out, double *ess,
                                  double sigma[BRINK_FAN_COUNT], brink_error *err)
{
    brink_error_clear(err);
    const int n = c->ncases;
    double *ll = malloc((size_t)c->K * sizeof *ll);
    double *w = malloc((size_t)c->K * (size_t)n * sizeof *w);
    unsigned char *ex = calloc((size_t)n, 1);
    const brink_backtest_series **ser = calloc((size_t)n * BRINK_HISTORY_SERIES, sizeof *ser);
    if (!ll || !w || !ex || !ser) {
        free(ll);
        free(w);
        free(ex);
        free(ser);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    brink_status st = BRINK_OK;
    /* outcomes: the weights of each case's fit */
    for (int i = 0; i < n; i++) {
        double *wi = &w[(size_t)i * (size_t)c->K];
        if (cfg->leave_one_out)
            ex[i] = 1;
        double e;
        brink_calib_fit(c, cfg->leave_one_out ? ex : NULL, ll, wi, &e);
        ex[i] = 0;
        if (ess)
            ess[i] = e;
        brink_backtest_case *o = &out[i];
        memset(o, 0, sizeof *o);
        snprintf(o->scenario, sizeof o->scenario, "%s", c->name[i]);
        const brink_history *h = brink_scenario_history(cases[i]);
        o->policy = h->policy >= 0 ? h->policy : brink_scenario_default_policy(cases[i]);
        o->horizon = c->horizon[i];
        o->runs = c->runs * (uint64_t)c->K;
        o->actual = c->actual[i];
        o->actual_month = h->outcome_month;
        snprintf(o->actual_date, sizeof o->actual_date, "%s", h->outcome_date);
        brink_calib_predict(c, wi, i, o->p);
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            o->lo[k] = o->hi[k] = NAN;
        brink_backtest_case_score(o);
    }
    /* series: an ensemble of each case with its fit applied */
    for (int i = 0; i < n && cfg->series && st == BRINK_OK; i++) {
        brink_scenario *sc = brink_scenario_clone(cases[i], err);
        if (!sc) {
            st = err && err->code ? err->code : BRINK_ERR_RUNTIME;
            break;
        }
        st = brink_calib_apply(c, &w[(size_t)i * (size_t)c->K], sc, err);
        brink_backtest_case *tmp = st == BRINK_OK ? malloc(sizeof *tmp) : NULL;
        if (st == BRINK_OK && !tmp)
            st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        if (st == BRINK_OK) {
            brink_backtest_config bc = {cfg->runs, cfg->seed, cfg->threads, 0.95};
            st = brink_backtest_case_run(sc, &bc, tmp, err);
            if (st == BRINK_OK) {
                out[i].n_series = tmp->n_series;
                memcpy(out[i].series, tmp->series, sizeof tmp->series);
            }
        }
        free(tmp);
        brink_scenario_free(sc);
    }
    /* structural error per fanned variable, fitted on the cases used */
    for (int v = 0; v < BRINK_FAN_COUNT && st == BRINK_OK; v++) {
        int m = 0;
        int owner[BRINK_CALIB_MAX_CASES * BRINK_HISTORY_SERIES];
        int which[BRINK_CALIB_MAX_CASES * BRINK_HISTORY_SERIES];
        for (int i = 0; i < n; i++)
            for (int s = 0; s < out[i].n_series; s++)
                if (out[i].series[s].fan == v) {
                    owner[m] = i;
                    which[m] = s;
                    ser[m++] = &out[i].series[s];
                }
        double all = m > 0 ? brink_structural_error_fit(ser, m, -1) : 0;
        if (sigma)
            sigma[v] = all;
        for (int t = 0; t < m; t++) {
            double sv = all;
            if (cfg->leave_one_out) {
                /* the series of the other cases only */
                const brink_backtest_series **rest = calloc((size_t)m, sizeof *rest);
                if (!rest) {
                    st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                                         "out of memory");
                    break;
                }
                int r = 0;
                for (int u = 0; u < m; u++)
                    if (owner[u] != owner[t])
                        rest[r++] = ser[u];
                sv = r > 0 ? brink_structural_error_fit(rest, r, -1) : 0;
                free(rest);
            }
            brink_backtest_series_rescore(&out[owner[t]].series[which[t]], sv);
        }
    }
    free(ll);
    free(w);
    free(ex);
    free(ser);
    return st;
}

/* ---- Projections: a scenario under its policies over the design ------------------- */

brink_status brink_calib_project(const brink_calib *c, const brink_scenario *sc,
                                 const int *policies, int npol, uint64_t runs, uint64_t seed,
                                 int threads, brink_calib_cell **cells, brink_error *err)
{
    brink_error_clear(err);
    *cells = NULL;
    if (npol < 1 || npol > BRINK_ENSEMBLE_MAX_POLICIES || runs < 1 || runs > 1000000)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "project",
                               "a projection needs 1 to %d policies and 1 to 1000000 runs",
                               BRINK_ENSEMBLE_MAX_POLICIES);
    for (int p = 0; p < npol; p++)
        if (policies[p] < 0 || policies[p] >= brink_scenario_policy_count(sc))
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "project",
                                   "policy index %d out of range", policies[p]);
    brink_calib_cell *out = calloc((size_t)c->K * (size_t)npol, sizeof *out);
    if (!out)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    brink_scenario *list[BRINK_ENSEMBLE_MAX_POLICIES];
    for (int p = 0; p < npol; p++)
        list[p] = (brink_scenario *)(uintptr_t)sc; /* only read: each task works on a clone */
    /* the runs per point of the projection, not of the fit */
    brink_calib tmp = *c;
    tmp.runs = runs;
    brink_calib_config cfg = {.seed = seed, .threads = threads};
    brink_status st = run_points(&tmp, list, policies, npol, out, &cfg, 0, c->K, err);
    if (st != BRINK_OK) {
        free(out);
        return st;
    }
    *cells = out;
    return BRINK_OK;
}

/* Weighted mean and the 5% and 95% weighted quantiles of v[0..K-1]. */
static void weighted_stats(const double *v, const double *w, int K, double *mean, double *q05,
                           double *q95)
{
    double m = 0;
    for (int k = 0; k < K; k++)
        m += w[k] * v[k];
    *mean = m;
    *q05 = *q95 = NAN;
    vw *a = malloc((size_t)K * sizeof *a);
    if (!a)
        return;
    for (int k = 0; k < K; k++)
        a[k] = (vw){v[k], w[k]};
    qsort(a, (size_t)K, sizeof *a, cmp_vw);
    double cum = 0;
    for (int k = 0; k < K; k++) {
        cum += a[k].w;
        if (isnan(*q05) && cum >= 0.05)
            *q05 = a[k].v;
        if (isnan(*q95) && cum >= 0.95)
            *q95 = a[k].v;
    }
    free(a);
}

void brink_calib_outcome_uncertainty(const brink_calib *c, const double *w,
                                     const brink_calib_cell *cells, int m, int i, int outcome,
                                     uint64_t runs, double *mean, double *q05, double *q95)
{
    double *v = malloc((size_t)c->K * sizeof *v);
    if (!v) {
        *mean = *q05 = *q95 = NAN;
        return;
    }
    for (int k = 0; k < c->K; k++)
        v[k] = cells[(size_t)k * (size_t)m + (size_t)i].count[outcome] / (double)runs;
    weighted_stats(v, w, c->K, mean, q05, q95);
    free(v);
}

/* First-order sensitivity index of parameter j for the values v over the
 * weighted design: the points sorted by the parameter are cut into
 * BRINK_CALIB_SENS_BINS bins of equal weight; the index is the weighted
 * variance of the bin means over the weighted variance of v. */
typedef struct {
    double key;
    int k;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->k > y->k) - (x->k < y->k); /* ties in design order: deterministic */
}

double brink_calib_sensitivity(const brink_calib *c, const double *w, const double *v, int j)
{
    int K = c->K;
    double m = 0, var = 0;
    for (int k = 0; k < K; k++)
        m += w[k] * v[k];
    for (int k = 0; k < K; k++)
        var += w[k] * (v[k] - m) * (v[k] - m);
    if (!(var > 0))
        return 0;
    keyed *ord = malloc((size_t)K * sizeof *ord);
    if (!ord)
        return NAN;
    for (int k = 0; k < K; k++)
        ord[k] = (keyed){brink_calib_value(c, k, j), k};
    qsort(ord, (size_t)K, sizeof *ord, cmp_keyed);
    /* walk the sorted points, closing a bin each time the cumulated weight
     * passes the next multiple of 1 / BINS */
    double between = 0, cum = 0, bw = 0, bs = 0;
    int bin = 0;
    for (int x = 0; x < K; x++) {
        int k = ord[x].k;
        bw += w[k];
        bs += w[k] * v[k];
        cum += w[k];
        int next = (int)(cum * BRINK_CALIB_SENS_BINS - 1e-12);
        if (next > bin || x == K - 1) {
            if (bw > 0)
                between += bw * (bs / bw - m) * (bs / bw - m);
            bw = bs = 0;
            bin = next;
        }
    }
    free(ord);
    return between / var;
}
