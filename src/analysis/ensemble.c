/* Ensembles: runs cut into fixed chunks and blocks of chunks, simulated by
 * worker threads (and other processes), each chunk reduced into its own
 * accumulators, merged into its block in chunk order and the blocks into the
 * result in block order (see include/brink/ensemble.h, brink/parallel.h and
 * docs/ensembles.md). */
#include "brink/ensemble.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "analysis/ensemble_acc.h"
#include "analysis/ensemble_lean.h"
#include "analysis/hist_internal.h"
#include "analysis/runner.h"
#include "analysis/snapshot.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/threads.h"
#include "model/scenario_model.h"
#include "model/sim_var.h"
#include "model/vmath.h"

/* ---- Variables and ranges ------------------------------------------------ */

double brink_fan_error_scale(const brink_scenario *sc, brink_fan_var k)
{
    const brink_scalars_d *s = &brink_scenario_values(sc)->s;
    switch (k) {
    case BRINK_FAN_EXPORTS: return s->behaviour_error_exports.point;
    case BRINK_FAN_RESERVES: return s->behaviour_error_reserves.point;
    case BRINK_FAN_INFLATION: return s->behaviour_error_inflation.point;
    case BRINK_FAN_FX_RATE: return s->behaviour_error_fx_rate.point;
    case BRINK_FAN_GDP: return s->behaviour_error_gdp.point;
    default: return 0;
    }
}

/* (the structural error applies on the scale the fan is kept on) */
int brink_fan_error_log1p(brink_fan_var k)
{
    return (unsigned)k < BRINK_FAN_COUNT &&
           brink_var_scale_(brink_runner_fan_vars[k]) == BRINK_SCALE_LOG1P;
}

brink_var brink_fan_engine_var(brink_fan_var k)
{
    return (unsigned)k < BRINK_FAN_COUNT ? brink_runner_fan_vars[k] : BRINK_VAR_COUNT;
}

const char *brink_fan_var_name(brink_fan_var k)
{
    return (unsigned)k < BRINK_FAN_COUNT ? brink_var_name(brink_runner_fan_vars[k]) : "?";
}

const char *brink_cost_name(brink_cost c)
{
    static const char *const names[BRINK_COST_COUNT] = {
        "target_gdp_loss_usd_bn", "sender_cost_usd_bn", "months_below_breakeven",
        "reserves_end_usd_bn", "programme_end",
    };
    return (unsigned)c < BRINK_COST_COUNT ? names[c] : "?";
}

/* A value that a draw of d will practically not exceed. */
static double dist_upper(const brink_dist *d)
{
    double u;
    switch (d->kind) {
    case BRINK_DIST_UNIFORM: u = d->b; break;
    case BRINK_DIST_NORMAL: u = d->a + 4 * d->b; break;
    case BRINK_DIST_TRUNCNORMAL:
    case BRINK_DIST_BETA: u = d->d; break;
    case BRINK_DIST_TRIANGULAR: u = d->c; break;
    case BRINK_DIST_LOGNORMAL: u = exp(d->a + 4 * d->b); break;
    case BRINK_DIST_POINT:
    default: u = d->point; break;
    }
    if (!isfinite(u) || u < d->point)
        u = d->point;
    return u;
}

static brink_hist_spec lin(double lo, double hi, uint32_t bins)
{
    return (brink_hist_spec){lo, hi, BRINK_SCALE_LINEAR, bins};
}

void brink_ensemble_fan_specs(const brink_scenario *sc, brink_hist_spec specs[BRINK_FAN_COUNT])
{
    const brink_values *v = brink_scenario_values(sc);
    const brink_scalars_d *s = &v->s;
    double cap = 0;
    for (int g = 0; g < brink_scenario_layout(sc)->n[BRINK_GROUP_GOOD]; g++)
        if ((int)v->good[g].kind.point == BRINK_GOOD_CRUDE)
            cap += dist_upper(&v->good[g].volume);
    double res = fmax(dist_upper(&s->target_fx_reserves_usd_bn) * 16, 400);
    double rate = s->target_fx_rate.point;
    double gdp = dist_upper(&s->target_gdp_usd_bn);
    specs[BRINK_FAN_EXPORTS] = lin(0, cap > 0 ? cap : 1, 256);
    specs[BRINK_FAN_RESERVES] = lin(0, res, 512);
    /* inflation on log(1 + rate): from deflation to hyperinflation */
    /* (the scales the engine reports these on: their paths are kept there) */
    specs[BRINK_FAN_INFLATION] = (brink_hist_spec){
        -0.5, 1e12, brink_var_scale_(brink_runner_fan_vars[BRINK_FAN_INFLATION]), 1024};
    specs[BRINK_FAN_FX_RATE] = (brink_hist_spec){
        rate / 10, rate * 1e12, brink_var_scale_(brink_runner_fan_vars[BRINK_FAN_FX_RATE]), 1024};
    specs[BRINK_FAN_GDP] = (brink_hist_spec){
        gdp / 20, gdp * 10, brink_var_scale_(brink_runner_fan_vars[BRINK_FAN_GDP]), 512};
    for (int k = BRINK_FAN_LEGITIMACY; k < BRINK_FAN_COUNT; k++)
        specs[k] = lin(0, 1, 256);
}

void brink_ensemble_cost_specs(const brink_scenario *sc,
                               brink_hist_spec specs[BRINK_COST_COUNT])
{
    const brink_values *v = brink_scenario_values(sc);
    const brink_scalars_d *s = &v->s;
    double H = s->simulation_horizon_months.point;
    double gdp = dist_upper(&s->target_gdp_usd_bn) * H / 12;
    double trade = 0;
    for (int k = 0; k < brink_scenario_layout(sc)->n[BRINK_GROUP_SENDER]; k++)
        trade += dist_upper(&v->sender[k].trade_share_gdp) *
                 dist_upper(&v->sender[k].gdp_usd_bn) / 12.0;
    double sender = (dist_upper(&s->coalition_posture_cost_usd_bn_month) + trade) * H;
    double res = fmax(dist_upper(&s->target_fx_reserves_usd_bn) * 16, 400);
    specs[BRINK_COST_GDP_LOSS] = lin(0, gdp > 0 ? gdp : 1, 2048);
    specs[BRINK_COST_SENDER] = lin(0, sender > 0 ? sender : 1, 2048);
    specs[BRINK_COST_MONTHS_BELOW] = lin(0, H, (uint32_t)H);
    specs[BRINK_COST_RESERVES_END] = lin(0, res, 2048);
    specs[BRINK_COST_PROGRAMME_END] = lin(0, 1, 1024);
}

/* ---- One run, one chunk --------------------------------------------------- */

typedef struct {
    brink_outcome outcome;
    double cost[BRINK_COST_COUNT];
} run_brief;

/* A worker's runner (analysis/runner.h) and the records of a batch: runs
 * [first, first + nruns) under each policy, run i under policy k job
 * i * npol + k. */
typedef struct {
    brink_runner *runner;
    int npol;
    uint32_t horizon;
    uint64_t batch; /* runs to a batch */
    brink_runner_job *jobs;
    double *vals;          /* [job][fan variable][month], or NULL */
    unsigned char *status; /* [job][month] */
    /* with the paths: each policy's fan variables in columns while a chunk
     * adds to them, [policy][fan variable], and the bins of a variable's
     * paths under one policy, [run of the batch][row], and their months */
    brink_fan_columns *cols;
    uint32_t *bins, *steps;
} workspace;

static void workspace_release(workspace *w)
{
    brink_runner_free(w->runner);
    free(w->jobs);
    free(w->vals);
    free(w->status);
    if (w->cols)
        for (int i = 0; i < w->npol * BRINK_FAN_COUNT; i++)
            brink_fan_columns_release_(&w->cols[i]);
    free(w->cols);
    free(w->bins);
    free(w->steps);
    memset(w, 0, sizeof *w);
}

/* A workspace for batches of runs under npol policies, keeping the fan
 * variables' paths (fans) or not: the runner's batch of jobs
 * (brink_runner_batch), each run under every policy. */
static brink_status workspace_init(workspace *w, const brink_scenario *sc, int npol,
                                   uint32_t horizon, int fans, brink_error *err)
{
    memset(w, 0, sizeof *w);
    w->npol = npol;
    w->horizon = horizon;
    if (!(w->runner = brink_runner_alloc(sc, 0, err)))
        return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    w->batch = (brink_runner_batch(w->runner) + (uint64_t)npol - 1) / (uint64_t)npol;
    size_t jobs = (size_t)w->batch * (size_t)npol;
    w->jobs = calloc(jobs, sizeof *w->jobs);
    w->status = malloc(jobs * horizon);
    if (fans) {
        w->vals = malloc(jobs * BRINK_FAN_COUNT * horizon * sizeof *w->vals);
        w->cols = calloc((size_t)npol * BRINK_FAN_COUNT, sizeof *w->cols);
        w->bins = malloc(w->batch * brink_fan_columns_row_(horizon) * sizeof *w->bins);
        w->steps = malloc(w->batch * sizeof *w->steps);
    }
    if (!w->jobs || !w->status || (fans && (!w->vals || !w->cols || !w->bins || !w->steps))) {
        workspace_release(w);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    for (int i = 0; fans && i < npol * BRINK_FAN_COUNT; i++)
        if (brink_fan_columns_init_(&w->cols[i], horizon, err) != BRINK_OK) {
            workspace_release(w);
            return BRINK_ERR_RUNTIME;
        }
    return BRINK_OK;
}

/* Runs [first, first + n), n at most w->batch, under each of the policies
 * into w's records. */
static brink_status run_batch(workspace *w, const int *policies, uint64_t seed, uint64_t first,
                              uint64_t n, brink_error *err)
{
    size_t j = 0;
    for (uint64_t i = 0; i < n; i++)
        for (int k = 0; k < w->npol; k++, j++) {
            brink_runner_job *job = &w->jobs[j];
            job->policy = policies[k];
            job->run = first + i;
            job->vals = w->vals ? &w->vals[j * BRINK_FAN_COUNT * w->horizon] : NULL;
            job->status = &w->status[j * w->horizon];
        }
    return brink_runner_run(w->runner, seed, w->vals ? brink_runner_fan_vars : NULL,
                            w->vals ? BRINK_FAN_COUNT : 0, w->horizon, w->jobs, j, err);
}

/* A run's status month by month into the counts by month: as recorded in
 * the months observed, its outcome in the rest. */
static void count_months(uint64_t *bm, const brink_runner_job *job, uint32_t horizon)
{
    uint32_t t = 0;
    for (; t < job->steps; t++)
        bm[(size_t)t * BRINK_OUTCOME_COUNT + job->status[t]]++;
    for (; t < horizon; t++)
        bm[(size_t)t * BRINK_OUTCOME_COUNT + (uint32_t)job->sum.outcome]++;
}

/* A finished run of `steps` months: its time to the first comprehensive deal
 * (censored at its last month), and its costs. */
static inline void record_run(const brink_summary *s, uint32_t horizon, uint32_t steps,
                              brink_km *km_deal, double cost[BRINK_COST_COUNT])
{
    uint32_t censor = steps ? steps : 1;
    if (s->deal_month >= 0 && (uint32_t)s->deal_month < horizon)
        brink_km_add(km_deal, (uint32_t)s->deal_month + 1, true, NULL);
    else
        brink_km_add(km_deal, censor, false, NULL);
    cost[BRINK_COST_GDP_LOSS] = s->gdp_loss_usd_bn;
    cost[BRINK_COST_SENDER] = s->sender_cost_usd_bn;
    cost[BRINK_COST_MONTHS_BELOW] = s->months_below_breakeven;
    cost[BRINK_COST_RESERVES_END] = s->reserves_end_usd_bn;
    cost[BRINK_COST_PROGRAMME_END] = s->programme_end;
}

/* The structural error of run `run` applied to fan variable k's path: the
 * value times exp(sigma_k sqrt((t + 1) / 12) z_k) (on 1 + x for rates),
 * z_k a standard normal of the run's error stream, the same for every
 * policy (docs/calibration.md). years[t] is sqrt((t + 1) / 12). A path kept
 * on its logarithmic scale (`image`: log x, or log(1 + x) for rates) takes
 * the error as the sum it is there; a linear one as the product. */
static void apply_error(double *v, uint32_t steps, double sigma, int image, double z,
                        const double *years)
{
    if (image) {
        for (uint32_t m = 0; m < steps; m++)
            v[m] += sigma * years[m] * z;
        return;
    }
    /* the factors' exponentials in vector lanes (model/vmath.h) */
    double f[BRINK_KM_MAX_HORIZON];
    for (uint32_t m = 0; m < steps; m++)
        f[m] = sigma * years[m] * z;
    brink_exp_lanes(f, f, (int)steps);
    for (uint32_t m = 0; m < steps; m++)
        v[m] *= f[m];
}

/* The values of a path kept on its scale: exp (in vector lanes) or expm1. */
static void path_values(double *x, const double *image, uint32_t steps, brink_scale scale)
{
    if (scale == BRINK_SCALE_LOG) {
        brink_exp_lanes(x, image, (int)steps);
    } else {
        for (uint32_t m = 0; m < steps; m++)
            x[m] = expm1(image[m]);
    }
}

/* Fan variable k's path of a run's record (its structural error applied,
 * errs given) into the variable's columns of its policy's fan, its bins into
 * bin (brink_fan_columns_add_). */
static void add_path(brink_fan_columns *col, brink_runner_job *job, uint32_t k, uint64_t seed,
                     uint32_t horizon, const double *errs, const double *years, uint32_t *bin)
{
    uint32_t steps = job->steps;
    double *v = &job->vals[(size_t)k * horizon];
    brink_scale scale = brink_var_scale_(brink_runner_fan_vars[k]);
    if (errs && errs[k] > 0) {
        brink_rng rng;
        brink_rng_init(&rng, seed, job->run);
        double z = gsl_cdf_ugaussian_Pinv(brink_rng_u(&rng, BRINK_STREAM_ERROR, k));
        apply_error(v, steps, errs[k], scale != BRINK_SCALE_LINEAR, z, years);
    }
    /* the paths kept on their scales go to their bins as they are */
    if (scale == BRINK_SCALE_LINEAR) {
        brink_fan_columns_add_(col, v, v, steps, bin);
    } else {
        double x[BRINK_KM_MAX_HORIZON];
        path_values(x, v, steps, scale);
        brink_fan_columns_add_(col, x, v, steps, bin);
    }
}

/* The rest of a run's record into its policy's accumulators, and its
 * outcome and costs into *out for the paired tables. */
static void add_run(brink_ensemble_policy *p, const brink_runner_job *job, uint32_t horizon,
                    run_brief *out)
{
    const brink_summary *s = &job->sum;
    uint32_t steps = job->steps;
    count_months(p->by_month.counts, job, horizon);
    p->run_months += steps;

    brink_categorical_add(&p->outcomes, (uint32_t)s->outcome, NULL);
    record_run(s, horizon, steps, &p->km_deal, out->cost);
    if (s->first_agreement_month >= 0 && (uint32_t)s->first_agreement_month < horizon)
        brink_km_add(&p->km_agreement, (uint32_t)s->first_agreement_month + 1, true, NULL);
    else
        brink_km_add(&p->km_agreement, steps ? steps : 1, false, NULL);

    out->outcome = s->outcome;
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        brink_hist_add(&p->cost[c], out->cost[c], NULL);
}

/* Runs [first, first + n) under every policy, batch by batch. Each
 * accumulator takes a batch's runs in run order; the fans take them one
 * variable and one policy at a time, in columns (the workspace's, loaded
 * from the fans first and stored back last), so that a variable's cells
 * stay in cache across the batch. */
static brink_status simulate_chunk(workspace *w, const brink_ensemble_config *cfg,
                                   const double *errs, uint64_t first, uint64_t n, acc_set *a,
                                   brink_error *err)
{
    run_brief brief[BRINK_ENSEMBLE_MAX_POLICIES];
    double years[BRINK_KM_MAX_HORIZON]; /* the error's growth, once per chunk */
    for (uint32_t m = 0; errs && m < w->horizon; m++)
        years[m] = sqrt((m + 1) / 12.0);
    for (int k = 0; k < a->npol; k++)
        for (uint32_t v = 0; v < BRINK_FAN_COUNT; v++)
            brink_fan_columns_load_(&w->cols[k * BRINK_FAN_COUNT + (int)v], &a->pol[k].fan, v);
    brink_status st = BRINK_OK;
    size_t row = brink_fan_columns_row_(w->horizon);
    for (uint64_t b = first; b < first + n && st == BRINK_OK; b += w->batch) {
        uint64_t nb = first + n - b < w->batch ? first + n - b : w->batch;
        st = run_batch(w, cfg->policies, cfg->seed, b, nb, err);
        if (st != BRINK_OK)
            break;
        for (uint32_t k = 0; k < BRINK_FAN_COUNT; k++)
            for (int p = 0; p < a->npol; p++) {
                brink_fan_columns *col = &w->cols[p * BRINK_FAN_COUNT + (int)k];
                for (uint64_t i = 0; i < nb; i++) {
                    brink_runner_job *job = &w->jobs[i * (uint64_t)a->npol + (uint64_t)p];
                    add_path(col, job, k, cfg->seed, w->horizon, errs, years, &w->bins[i * row]);
                    w->steps[i] = job->steps;
                }
                brink_fan_columns_count_(col, w->bins, w->steps, nb);
            }
        for (uint64_t i = 0; i < nb; i++) {
            brink_runner_job *job = &w->jobs[i * (uint64_t)a->npol];
            for (int k = 0; k < a->npol; k++)
                add_run(&a->pol[k], &job[k], w->horizon, &brief[k]);
            for (int k = 1; k < a->npol; k++) {
                brink_ensemble_pair *pr = &a->pair[k];
                for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
                    brink_paired_prop_add(&pr->outcome[o], brief[0].outcome == (brink_outcome)o,
                                          brief[k].outcome == (brink_outcome)o);
                for (int c = 0; c < BRINK_COST_COUNT; c++)
                    brink_paired_mean_add(&pr->cost[c], brief[0].cost[c], brief[k].cost[c]);
            }
            a->runs++;
        }
    }
    for (int k = 0; k < a->npol; k++)
        for (uint32_t v = 0; v < BRINK_FAN_COUNT; v++)
            brink_fan_columns_store_(&w->cols[k * BRINK_FAN_COUNT + (int)v], &a->pol[k].fan, v);
    return st;
}

/* ---- Work queue ------------------------------------------------------------
 *
 * Runs are cut into chunks of BRINK_ENSEMBLE_CHUNK runs and chunks into blocks
 * of BRINK_ENSEMBLE_BLOCK chunks. The reduction order is fixed by that
 * structure alone: each block is the merge of its chunks in chunk order, the
 * result the merge of the blocks in block order. Blocks are claimed in order
 * by this process's threads and, with a transport, by other processes; this
 * process's threads take the chunks of its blocks in order, and the
 * coordinating thread merges them into their block, in the order they were
 * handed out, and the blocks into the result, in block order. */

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_DONE };

typedef struct {
    int state;
    uint64_t chunk;
    uint64_t seq; /* position among the chunks this process handed out */
    acc_set acc;
} slot;

typedef struct {
    const brink_scenario *sc;
    const brink_ensemble_config *cfg;
    uint32_t horizon;
    double errs[BRINK_FAN_COUNT]; /* structural error scales */
    int any_error;
    uint64_t nchunks, nblocks;
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a slot became free */
    pthread_cond_t done;  /* a chunk finished or a worker left */
    slot *slots;
    int nslots;
    uint64_t next_block;  /* next block to claim (by this process or another) */
    uint64_t end_block;   /* blocks at or past it are not for this process */
    uint64_t local_chunk, local_end; /* chunks of this process's current block */
    uint64_t handed;      /* chunks handed out by this process */
    uint64_t runs_finished;
    int active;           /* workers still running */
    int failed;
    brink_error error;    /* first failure */
} queue;

static int stop_requested(const brink_ensemble_config *cfg)
{
    return cfg->stop && atomic_load(cfg->stop) != 0;
}

static uint64_t chunk_runs(const queue *q, uint64_t c)
{
    uint64_t first = c * BRINK_ENSEMBLE_CHUNK;
    uint64_t left = q->cfg->runs - first;
    return left < BRINK_ENSEMBLE_CHUNK ? left : BRINK_ENSEMBLE_CHUNK;
}

/* One past the last chunk of block b. */
static uint64_t block_end(const queue *q, uint64_t b)
{
    uint64_t e = (b + 1) * BRINK_ENSEMBLE_BLOCK;
    return e < q->nchunks ? e : q->nchunks;
}

static void fail_locked(queue *q, const brink_error *e)
{
    if (!q->failed) {
        q->failed = 1;
        q->error = *e;
    }
}

/* The next chunk for this process's threads, claiming a new block when the
 * current one is handed out; 0 when there is none (or the job stops). */
static int take_chunk_locked(queue *q, uint64_t *chunk)
{
    if (q->failed || stop_requested(q->cfg))
        return 0;
    if (q->local_chunk == q->local_end) {
        if (q->next_block >= q->end_block)
            return 0;
        uint64_t b = q->next_block++;
        q->local_chunk = b * BRINK_ENSEMBLE_BLOCK;
        q->local_end = block_end(q, b);
    }
    *chunk = q->local_chunk++;
    return 1;
}

static void *worker(void *arg)
{
    queue *q = arg;
    brink_error e;
    brink_error_clear(&e);
    workspace w;
    int ready = workspace_init(&w, q->sc, q->cfg->npolicies, q->horizon, 1, &e) == BRINK_OK;
    pthread_mutex_lock(&q->mu);
    if (!ready)
        fail_locked(q, &e);
    while (ready) {
        slot *s = NULL;
        for (int i = 0; i < q->nslots && !s; i++)
            if (q->slots[i].state == SLOT_FREE)
                s = &q->slots[i];
        if (!s) {
            if (q->failed || stop_requested(q->cfg))
                break;
            pthread_cond_wait(&q->work, &q->mu);
            continue;
        }
        uint64_t c;
        if (!take_chunk_locked(q, &c))
            break;
        s->state = SLOT_BUSY;
        s->chunk = c;
        s->seq = q->handed++;
        pthread_mutex_unlock(&q->mu);

        uint64_t n = chunk_runs(q, s->chunk);
        acc_clear(&s->acc, q->horizon);
        brink_status st = simulate_chunk(&w, q->cfg, q->any_error ? q->errs : NULL,
                                         s->chunk * BRINK_ENSEMBLE_CHUNK, n, &s->acc, &e);

        pthread_mutex_lock(&q->mu);
        if (st != BRINK_OK)
            fail_locked(q, &e);
        s->state = SLOT_DONE;
        q->runs_finished += n;
        pthread_cond_signal(&q->done);
    }
    q->active--;
    pthread_cond_signal(&q->done);
    pthread_mutex_unlock(&q->mu);
    workspace_release(&w);
    return NULL;
}

void brink_ensemble_result_free(brink_ensemble_result *r)
{
    if (!r)
        return;
    acc_set a = {r->npolicies, r->pol, r->pair, 0};
    acc_free(&a);
    free(r);
}

static brink_status check_config(const brink_scenario *sc, const brink_ensemble_config *cfg,
                                 brink_error *err)
{
    if (cfg->npolicies < 1 || cfg->npolicies > BRINK_ENSEMBLE_MAX_POLICIES)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d policies (allowed 1 to %d)", cfg->npolicies,
                               BRINK_ENSEMBLE_MAX_POLICIES);
    for (int k = 0; k < cfg->npolicies; k++)
        if (cfg->policies[k] < 0 || cfg->policies[k] >= brink_scenario_policy_count(sc))
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "policy index %d out of range", cfg->policies[k]);
    if (cfg->runs < 1 || cfg->runs > BRINK_ENSEMBLE_MAX_RUNS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%llu runs (allowed 1 to %llu)", (unsigned long long)cfg->runs,
                               (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS);
    if (cfg->threads < 0 || cfg->threads > BRINK_ENSEMBLE_MAX_THREADS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d threads (allowed 0 to %d)", cfg->threads,
                               BRINK_ENSEMBLE_MAX_THREADS);
    double H = brink_scenario_values(sc)->s.simulation_horizon_months.point;
    if (!(H >= 1 && H <= BRINK_KM_MAX_HORIZON))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "horizon of %g months (allowed 1 to %d)", H,
                               BRINK_KM_MAX_HORIZON);
    return BRINK_OK;
}

/* ---- Coordinating ------------------------------------------------------------ */

typedef struct {
    queue q;
    const brink_transport *tr; /* other processes to serve (process 0), or NULL */
    int npol;
    const brink_hist_spec *fan_spec, *cost_spec;
    acc_set total;
    uint64_t cursor;       /* blocks merged into total */
    acc_set **ready;       /* [nblocks]: finished blocks not yet merged */
    acc_set **pool;        /* spare accumulators */
    int npool, cap_pool;
    acc_set *assembling;   /* the block this process is merging chunks into */
    uint64_t assembling_block;
    uint64_t assembled;    /* its chunks merged so far */
    uint64_t merge_seq;    /* next of this process's chunks to merge */
    int workers_left;      /* other processes not yet told "no more blocks" */
    int is_root;           /* process 0: merges blocks into the result */
    long snapshot;         /* this ensemble's snapshot number, or -1 */
    uint64_t job;          /* fingerprint of the inputs */
    unsigned char *msg;    /* receive buffer */
    size_t msg_cap;
} coord;

static acc_set *acc_get(coord *c, brink_error *err)
{
    if (c->npool > 0)
        return c->pool[--c->npool];
    acc_set *a = calloc(1, sizeof *a);
    if (!a) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    if (acc_alloc(a, c->npol, c->q.horizon, c->fan_spec, c->cost_spec, err) != BRINK_OK) {
        free(a);
        return NULL;
    }
    return a;
}

static void acc_put(coord *c, acc_set *a)
{
    if (!a)
        return;
    if (c->npool == c->cap_pool) {
        int cap = c->cap_pool ? 2 * c->cap_pool : 8;
        acc_set **p = realloc(c->pool, (size_t)cap * sizeof *p);
        if (!p) {
            acc_free(a);
            free(a);
            return;
        }
        c->pool = p;
        c->cap_pool = cap;
    }
    acc_clear(a, c->q.horizon);
    c->pool[c->npool++] = a;
}

static void fail(coord *c, const brink_error *e)
{
    pthread_mutex_lock(&c->q.mu);
    fail_locked(&c->q, e);
    pthread_mutex_unlock(&c->q.mu);
}

static brink_status save_snapshot(coord *c, brink_error *err)
{
    brink_packer p;
    brink_packer_init(&p);
    acc_pack(&p, &c->total);
    brink_status st = p.failed ? brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                                                 "out of memory")
                               : brink_snapshot_save(c->snapshot, c->job, c->cursor, p.data,
                                                     p.len, err);
    brink_packer_release(&p);
    return st;
}

/* Merges the finished blocks that come next into the result (on process 0;
 * another process sends its blocks instead). */
static void merge_blocks(coord *c)
{
    while (c->is_root && c->cursor < c->q.nblocks && c->ready[c->cursor]) {
        brink_error e;
        brink_error_clear(&e);
        acc_set *b = c->ready[c->cursor];
        if (acc_merge(&c->total, b, &e) != BRINK_OK)
            fail(c, &e);
        c->ready[c->cursor] = NULL;
        acc_put(c, b);
        c->cursor++;
        if (c->snapshot >= 0 && (c->cursor == c->q.nblocks || brink_snapshot_due()) &&
            save_snapshot(c, &e) != BRINK_OK)
            fail(c, &e);
    }
}

/* Merges this process's chunk in slot s into its block (called unlocked). */
static void merge_chunk(coord *c, slot *s)
{
    brink_error e;
    brink_error_clear(&e);
    uint64_t b = s->chunk / BRINK_ENSEMBLE_BLOCK;
    if (!c->assembling) {
        c->assembling = acc_get(c, &e);
        c->assembled = 0;
        c->assembling_block = b;
        if (!c->assembling) {
            fail(c, &e);
            return;
        }
    }
    if (acc_merge(c->assembling, &s->acc, &e) != BRINK_OK)
        fail(c, &e);
    c->assembled++;
    if (s->chunk + 1 == block_end(&c->q, b)) {
        c->ready[b] = c->assembling;
        c->assembling = NULL;
    }
}

/* Serves one message from another process, if one is waiting; 1 if one was. */
static int serve_one(coord *c)
{
    const brink_transport *tr = c->tr;
    int src, tag;
    size_t n;
    brink_error e;
    brink_error_clear(&e);
    int got = brink_parallel_take(tr, &c->msg, &c->msg_cap, &src, &tag, &n, &e);
    if (got == 0)
        return 0;
    if (got < 0) {
        fail(c, &e);
        c->workers_left = 0;
        return 1;
    }
    if (tag == BRINK_TAG_REQUEST) {
        uint64_t b = UINT64_MAX;
        pthread_mutex_lock(&c->q.mu);
        if (!c->q.failed && !stop_requested(c->q.cfg) && c->q.next_block < c->q.end_block)
            b = c->q.next_block++;
        pthread_mutex_unlock(&c->q.mu);
        if (b == UINT64_MAX)
            c->workers_left--;
        if (tr->send(tr->user, src, BRINK_TAG_ASSIGN, &b, sizeof b) != 0) {
            brink_parallel_failed(&e, "send");
            fail(c, &e);
            c->workers_left = 0;
        }
    } else if (tag == BRINK_TAG_RESULT) {
        brink_unpacker u;
        brink_unpacker_init(&u, c->msg, n);
        uint64_t b = UINT64_MAX;
        acc_set *a = NULL;
        if (brink_unpack_u64(&u, &b) != 0 || b >= c->q.nblocks || c->ready[b]) {
            brink_parallel_failed(&e, "a block out of place");
            fail(c, &e);
        } else if (!(a = acc_get(c, &e)) || acc_unpack(&u, a, &e) != BRINK_OK) {
            fail(c, &e);
            acc_put(c, a);
        } else {
            c->ready[b] = a;
            pthread_mutex_lock(&c->q.mu);
            c->q.runs_finished += a->runs;
            pthread_mutex_unlock(&c->q.mu);
        }
    } else if (tag == BRINK_TAG_FAILED && n == sizeof e) {
        memcpy(&e, c->msg, sizeof e);
        fail(c, &e);
    } else {
        brink_parallel_failed(&e, "an unexpected message");
        fail(c, &e);
    }
    return 1;
}

/* Starts this process's threads on blocks [next_block, end_block), merges
 * their chunks into blocks and the blocks into the result, serves the other
 * processes (with a transport), until all is done or stopped. */
static void coordinate(coord *c, int threads, int *started)
{
    queue *q = &c->q;
    pthread_t tid[BRINK_ENSEMBLE_MAX_THREADS];
    pthread_mutex_lock(&q->mu);
    for (*started = 0; *started < threads; (*started)++) {
        q->active++;
        if (brink_thread_start(&tid[*started], worker, q) != 0) {
            q->active--;
            brink_error e;
            brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "cannot start a thread");
            fail_locked(q, &e);
            break;
        }
    }
    uint64_t reported = q->runs_finished;
    for (;;) {
        slot *next = NULL;
        for (int i = 0; i < q->nslots; i++)
            if (q->slots[i].state == SLOT_DONE && q->slots[i].seq == c->merge_seq)
                next = &q->slots[i];
        int progress = 0;
        if (next) {
            pthread_mutex_unlock(&q->mu);
            merge_chunk(c, next);
            merge_blocks(c);
            pthread_mutex_lock(&q->mu);
            next->state = SLOT_FREE;
            c->merge_seq++;
            pthread_cond_broadcast(&q->work);
            progress = 1;
        }
        if (c->tr && c->workers_left > 0) {
            pthread_mutex_unlock(&q->mu);
            while (serve_one(c))
                progress = 1;
            merge_blocks(c);
            pthread_mutex_lock(&q->mu);
        }
        if (q->cfg->progress && q->runs_finished != reported) {
            reported = q->runs_finished;
            pthread_mutex_unlock(&q->mu);
            q->cfg->progress(reported, q->cfg->runs, q->cfg->progress_user);
            pthread_mutex_lock(&q->mu);
            progress = 1;
        }
        if (progress)
            continue;
        if (q->active == 0 && (!c->tr || c->workers_left <= 0))
            break;
        if (c->tr) {
            /* other processes' messages are polled every millisecond */
            brink_cond_wait_ns(&q->done, &q->mu, 1000000L);
        } else {
            pthread_cond_wait(&q->done, &q->mu);
        }
    }
    pthread_mutex_unlock(&q->mu);
    for (int i = 0; i < *started; i++)
        pthread_join(tid[i], NULL);
}

/* Fingerprint of an ensemble's inputs: what a snapshot must match. */
static uint64_t job_fingerprint(const brink_scenario *sc, const brink_ensemble_config *cfg,
                                const coord *c)
{
    uint64_t v[8] = {brink_scenario_hash(sc), cfg->seed, cfg->runs, (uint64_t)cfg->npolicies,
                     (uint64_t)cfg->model_only, c->q.horizon, BRINK_ENSEMBLE_CHUNK,
                     BRINK_ENSEMBLE_BLOCK};
    uint64_t h = brink_fnv1a(BRINK_FNV_START, v, sizeof v);
    h = brink_fnv1a(h, cfg->policies, (size_t)cfg->npolicies * sizeof cfg->policies[0]);
    h = brink_fnv1a(h, c->q.errs, sizeof c->q.errs);
    for (int k = 0; k < BRINK_FAN_COUNT; k++)
        h = brink_fnv1a(h, &c->fan_spec[k], sizeof c->fan_spec[k]);
    for (int k = 0; k < BRINK_COST_COUNT; k++)
        h = brink_fnv1a(h, &c->cost_spec[k], sizeof c->cost_spec[k]);
    return h;
}

/* Another process's part: asks process 0 for blocks, simulates each on this
 * process's threads and sends it back, until told there are none left. */
static void work_for_root(coord *c, const brink_transport *tr, int threads)
{
    queue *q = &c->q;
    for (;;) {
        brink_error e;
        brink_error_clear(&e);
        uint64_t b = UINT64_MAX;
        if (tr->send(tr->user, 0, BRINK_TAG_REQUEST, NULL, 0) != 0 ||
            tr->recv(tr->user, 0, BRINK_TAG_ASSIGN, &b, sizeof b) != 0) {
            brink_parallel_failed(&e, "request a block");
            fail(c, &e);
            return;
        }
        if (b == UINT64_MAX)
            return;
        if (!q->failed) {
            q->next_block = b;
            q->end_block = b + 1;
            q->local_chunk = q->local_end = 0;
            int started;
            coordinate(c, threads, &started);
        }
        if (!q->failed && !c->ready[b]) {
            brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "a block was not finished");
            fail(c, &e);
        }
        int rc;
        if (q->failed) {
            rc = tr->send(tr->user, 0, BRINK_TAG_FAILED, &q->error, sizeof q->error);
        } else {
            brink_packer p;
            brink_packer_init(&p);
            brink_pack_u64(&p, b);
            acc_pack(&p, c->ready[b]);
            acc_put(c, c->ready[b]);
            c->ready[b] = NULL;
            if (p.failed) {
                brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
                fail(c, &e);
                rc = tr->send(tr->user, 0, BRINK_TAG_FAILED, &q->error, sizeof q->error);
            } else {
                rc = tr->send(tr->user, 0, BRINK_TAG_RESULT, p.data, p.len);
            }
            brink_packer_release(&p);
        }
        if (rc != 0) {
            brink_parallel_failed(&e, "send a block");
            fail(c, &e);
            return;
        }
    }
}

/* Process 0's outcome, sent to every process: status, then the error or the
 * chunks merged and the packed result. */
static brink_status share_outcome(coord *c, uint64_t *chunks_done, brink_error *err)
{
    const brink_transport *tr = brink_parallel_transport();
    brink_packer p;
    brink_packer_init(&p);
    if (tr->rank == 0) {
        brink_pack_u64(&p, (uint64_t)(c->q.failed ? 1 : 0));
        if (c->q.failed) {
            brink_pack_bytes(&p, &c->q.error, sizeof c->q.error);
        } else {
            brink_pack_u64(&p, *chunks_done);
            acc_pack(&p, &c->total);
        }
    }
    uint64_t n = p.len;
    brink_status st = BRINK_OK;
    if (tr->bcast(tr->user, &n, sizeof n) != 0)
        st = brink_parallel_failed(err, "broadcast");
    if (st == BRINK_OK && tr->rank != 0) {
        brink_packer_release(&p);
        brink_packer_init(&p);
        if (n > 0 && (p.data = malloc((size_t)n)) != NULL)
            p.len = p.cap = (size_t)n;
        else if (n > 0)
            p.failed = 1; /* the job cannot go on: its processes now disagree */
    }
    if (st == BRINK_OK && p.failed)
        st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    if (st == BRINK_OK && n > 0 && tr->bcast(tr->user, p.data, (size_t)n) != 0)
        st = brink_parallel_failed(err, "broadcast");
    if (st == BRINK_OK && tr->rank != 0) {
        brink_unpacker u;
        brink_unpacker_init(&u, p.data, p.len);
        uint64_t failed = 1;
        brink_unpack_u64(&u, &failed);
        if (failed) {
            brink_error e;
            if (brink_unpack_bytes(&u, &e, sizeof e) != 0)
                st = brink_parallel_failed(err, "a failure cut short");
            else if (err)
                *err = e;
            if (st == BRINK_OK)
                st = e.code ? e.code : BRINK_ERR_RUNTIME;
        } else {
            acc_clear(&c->total, c->q.horizon);
            if (brink_unpack_u64(&u, chunks_done) != 0)
                st = brink_parallel_failed(err, "a result cut short");
            else
                st = acc_unpack(&u, &c->total, err);
        }
    } else if (st == BRINK_OK && c->q.failed) {
        if (err)
            *err = c->q.error;
        st = c->q.error.code ? c->q.error.code : BRINK_ERR_RUNTIME;
    }
    brink_packer_release(&p);
    return st;
}

brink_status brink_ensemble_run(const brink_scenario *sc, const brink_ensemble_config *cfg,
                                brink_ensemble_result **result, brink_error *err)
{
    *result = NULL;
    if (check_config(sc, cfg, err) != BRINK_OK)
        return BRINK_ERR_INPUT;
    brink_ensemble_result *r = calloc(1, sizeof *r);
    if (!r)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    r->npolicies = cfg->npolicies;
    memcpy(r->policies, cfg->policies, sizeof r->policies);
    r->seed = cfg->seed;
    r->runs_requested = cfg->runs;
    r->horizon = (uint32_t)brink_scenario_values(sc)->s.simulation_horizon_months.point;
    brink_ensemble_fan_specs(sc, r->fan_spec);
    brink_ensemble_cost_specs(sc, r->cost_spec);

    coord c;
    memset(&c, 0, sizeof c);
    queue *q = &c.q;
    c.npol = cfg->npolicies;
    c.fan_spec = r->fan_spec;
    c.cost_spec = r->cost_spec;
    q->sc = sc;
    q->cfg = cfg;
    q->horizon = r->horizon;
    for (int k = 0; k < BRINK_FAN_COUNT; k++) {
        q->errs[k] = cfg->model_only ? 0 : brink_fan_error_scale(sc, (brink_fan_var)k);
        q->any_error |= q->errs[k] > 0;
    }
    q->nchunks = (cfg->runs + BRINK_ENSEMBLE_CHUNK - 1) / BRINK_ENSEMBLE_CHUNK;
    q->nblocks = (q->nchunks + BRINK_ENSEMBLE_BLOCK - 1) / BRINK_ENSEMBLE_BLOCK;
    q->end_block = q->nblocks;
    const brink_transport *tr = brink_parallel_transport();
    int rank = tr ? tr->rank : 0;
    c.tr = tr && rank == 0 ? tr : NULL;
    c.is_root = rank == 0;
    c.workers_left = tr ? tr->size - 1 : 0;
    c.snapshot = brink_snapshot_next();
    c.job = job_fingerprint(sc, cfg, &c);
    int T = brink_thread_count(cfg->threads, BRINK_ENSEMBLE_MAX_THREADS);
    if ((uint64_t)T > q->nchunks)
        T = (int)q->nchunks;
    r->threads = T;
    /* two spare slots let workers go on while the next chunk in order is
     * still being simulated */
    q->nslots = T + 2;
    q->slots = calloc((size_t)q->nslots, sizeof *q->slots);
    c.ready = calloc((size_t)q->nblocks, sizeof *c.ready);
    brink_status status = BRINK_OK;
    int sync = 0; /* pthread objects initialised */
    if (!q->slots || !c.ready) {
        status = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        goto out;
    }
    if (acc_alloc(&c.total, cfg->npolicies, r->horizon, r->fan_spec, r->cost_spec, err) !=
        BRINK_OK) {
        status = err ? err->code : BRINK_ERR_RUNTIME;
        goto out;
    }
    for (int i = 0; i < q->nslots; i++)
        if (acc_alloc(&q->slots[i].acc, cfg->npolicies, r->horizon, r->fan_spec, r->cost_spec,
                      err) != BRINK_OK) {
            status = err ? err->code : BRINK_ERR_RUNTIME;
            goto out;
        }
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->work, NULL);
    pthread_cond_init(&q->done, NULL);
    sync = 1;

    /* resume from this ensemble's snapshot (process 0 keeps it) */
    if (rank == 0 && c.snapshot >= 0) {
        brink_snapshot snap;
        brink_error e;
        brink_error_clear(&e);
        int got = brink_snapshot_load(c.snapshot, c.job, &snap, &e);
        if (got > 0) {
            brink_unpacker u;
            brink_unpacker_init(&u, snap.payload.data, snap.payload.len);
            if (snap.blocks > q->nblocks)
                brink_error_set(&e, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                "the snapshot holds more blocks than the ensemble has");
            else if (acc_unpack(&u, &c.total, &e) == BRINK_OK)
                c.cursor = q->next_block = snap.blocks;
            if (c.cursor != snap.blocks)
                got = -1;
        }
        brink_packer_release(&snap.payload);
        if (got < 0)
            fail_locked(q, &e);
        q->runs_finished = c.total.runs;
    }

    int started = 0;
    if (rank == 0) {
        if (!q->failed)
            coordinate(&c, T, &started);
    } else {
        work_for_root(&c, tr, T);
    }
    status = BRINK_OK;
    uint64_t chunks_done = c.cursor * BRINK_ENSEMBLE_BLOCK;
    if (chunks_done > q->nchunks)
        chunks_done = q->nchunks;
    /* stopped (Ctrl-C) inside a block that comes next: its first chunks count */
    if (rank == 0 && !q->failed && c.assembling && c.assembled > 0 &&
        c.assembling_block == c.cursor) {
        brink_error e;
        brink_error_clear(&e);
        if (acc_merge(&c.total, c.assembling, &e) != BRINK_OK)
            fail_locked(q, &e);
        chunks_done += c.assembled;
    }
    if (tr)
        status = share_outcome(&c, &chunks_done, err);
    else if (q->failed) {
        if (err)
            *err = q->error;
        status = q->error.code ? q->error.code : BRINK_ERR_RUNTIME;
    }
    if (status != BRINK_OK)
        goto out;
    r->pol = c.total.pol;
    r->pair = c.total.pair;
    c.total.pol = NULL;
    c.total.pair = NULL;
    r->chunks_done = chunks_done;
    r->runs_done = c.total.runs;
    r->partial = r->runs_done < r->runs_requested;

out:
    if (sync) {
        pthread_cond_destroy(&q->work);
        pthread_cond_destroy(&q->done);
        pthread_mutex_destroy(&q->mu);
    }
    if (q->slots)
        for (int i = 0; i < q->nslots; i++)
            acc_free(&q->slots[i].acc);
    free(q->slots);
    if (c.ready)
        for (uint64_t b = 0; b < q->nblocks; b++)
            if (c.ready[b]) {
                acc_free(c.ready[b]);
                free(c.ready[b]);
            }
    free(c.ready);
    if (c.assembling) {
        acc_free(c.assembling);
        free(c.assembling);
    }
    for (int i = 0; i < c.npool; i++) {
        acc_free(c.pool[i]);
        free(c.pool[i]);
    }
    free(c.pool);
    free(c.msg);
    acc_free(&c.total);
    if (status != BRINK_OK) {
        free(r);
        return status;
    }
    *result = r;
    return BRINK_OK;
}

/* ---- The lean ensemble (analysis/ensemble_lean.h) ----------------------------- */

void brink_ensemble_lean_release(brink_ensemble_lean *l)
{
    if (l)
        brink_outcome_by_month_free(&l->by_month);
}

brink_status brink_ensemble_lean_run(const brink_scenario *sc, int policy, uint64_t seed,
                                     uint64_t runs, brink_ensemble_lean *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.policies[0] = policy;
    cfg.npolicies = 1;
    cfg.runs = runs;
    cfg.threads = 1;
    if (check_config(sc, &cfg, err) != BRINK_OK)
        return BRINK_ERR_INPUT;
    const uint32_t horizon =
        (uint32_t)brink_scenario_values(sc)->s.simulation_horizon_months.point;
    out->horizon = horizon;
    if (brink_outcome_by_month_alloc(&out->by_month, horizon, BRINK_OUTCOME_COUNT, err) !=
        BRINK_OK)
        return err ? err->code : BRINK_ERR_RUNTIME;
    brink_km_init(&out->km_deal, horizon, NULL);
    workspace w;
    if (workspace_init(&w, sc, 1, horizon, 0, err) != BRINK_OK) {
        brink_ensemble_lean_release(out);
        return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    }
    /* the cost moments reduced as brink_ensemble_run reduces them: runs in
     * order into their chunk, chunks in order into their block, blocks in
     * order into the result, each starting empty */
    brink_moments chunk[BRINK_COST_COUNT], block[BRINK_COST_COUNT];
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        brink_moments_init(&out->cost[c]);
    brink_status st = BRINK_OK;
    for (uint64_t first = 0; first < runs && st == BRINK_OK; first += BRINK_ENSEMBLE_CHUNK) {
        uint64_t ci = first / BRINK_ENSEMBLE_CHUNK;
        uint64_t end = runs - first < BRINK_ENSEMBLE_CHUNK ? runs : first + BRINK_ENSEMBLE_CHUNK;
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            if (ci % BRINK_ENSEMBLE_BLOCK == 0)
                brink_moments_init(&block[c]);
            brink_moments_init(&chunk[c]);
        }
        for (uint64_t b = first; b < end; b += w.batch) {
            uint64_t nb = end - b < w.batch ? end - b : w.batch;
            if ((st = run_batch(&w, &policy, seed, b, nb, err)) != BRINK_OK)
                break;
            for (uint64_t i = 0; i < nb; i++) {
                const brink_runner_job *job = &w.jobs[i];
                count_months(out->by_month.counts, job, horizon);
                out->run_months += job->steps;
                double cost[BRINK_COST_COUNT];
                record_run(&job->sum, horizon, job->steps, &out->km_deal, cost);
                for (int c = 0; c < BRINK_COST_COUNT; c++)
                    brink_moments_add(&chunk[c], cost[c]);
            }
        }
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            brink_moments_merge(&block[c], &chunk[c]);
            if ((ci + 1) % BRINK_ENSEMBLE_BLOCK == 0 || end == runs)
                brink_moments_merge(&out->cost[c], &block[c]);
        }
    }
    workspace_release(&w);
    if (st != BRINK_OK) {
        brink_ensemble_lean_release(out);
        return st;
    }
    out->runs = runs;
    return BRINK_OK;
}
