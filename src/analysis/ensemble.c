/* Ensembles: runs cut into fixed chunks, simulated by worker threads, each
 * chunk reduced into its own accumulators and merged into the result in
 * chunk order (see include/brink/ensemble.h and docs/ensembles.md). */
#include "brink/ensemble.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "core/rng.h"
#include "core/threads.h"
#include "model/scenario_model.h"

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

int brink_fan_error_log1p(brink_fan_var k)
{
    return k == BRINK_FAN_INFLATION;
}

static const brink_var fan_vars[] = {
    BRINK_VAR_EXPORTS,    BRINK_VAR_RESERVES,   BRINK_VAR_INFLATION, BRINK_VAR_FX_RATE,
    BRINK_VAR_GDP,        BRINK_VAR_LEGITIMACY, BRINK_VAR_HARDLINERS, BRINK_VAR_BYPASS,
    BRINK_VAR_TRUST,      BRINK_VAR_PROXY_STRENGTH, BRINK_VAR_PROGRAMME, BRINK_VAR_INSURGENCY,
};
_Static_assert(sizeof fan_vars / sizeof fan_vars[0] == BRINK_FAN_COUNT, "one variable per fan");

brink_var brink_fan_engine_var(brink_fan_var k)
{
    return (unsigned)k < BRINK_FAN_COUNT ? fan_vars[k] : BRINK_VAR_COUNT;
}

const char *brink_fan_var_name(brink_fan_var k)
{
    return (unsigned)k < BRINK_FAN_COUNT ? brink_var_name(fan_vars[k]) : "?";
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
    specs[BRINK_FAN_INFLATION] = (brink_hist_spec){-0.5, 1e12, BRINK_SCALE_LOG1P, 1024};
    specs[BRINK_FAN_FX_RATE] = (brink_hist_spec){rate / 10, rate * 1e12, BRINK_SCALE_LOG, 1024};
    specs[BRINK_FAN_GDP] = (brink_hist_spec){gdp / 20, gdp * 10, BRINK_SCALE_LOG, 512};
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

/* ---- Accumulators of one chunk (or of the result) ------------------------- */

typedef struct {
    int npol;
    brink_ensemble_policy *pol;
    brink_ensemble_pair *pair;
    uint64_t runs;
} acc_set;

static void policy_free(brink_ensemble_policy *p)
{
    brink_outcome_by_month_free(&p->by_month);
    brink_fan_free(&p->fan);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        brink_hist_free(&p->cost[c]);
}

static void acc_free(acc_set *a)
{
    if (a->pol)
        for (int k = 0; k < a->npol; k++)
            policy_free(&a->pol[k]);
    free(a->pol);
    free(a->pair);
    a->pol = NULL;
    a->pair = NULL;
}

static void acc_clear(acc_set *a, uint32_t horizon)
{
    for (int k = 0; k < a->npol; k++) {
        brink_ensemble_policy *p = &a->pol[k];
        brink_categorical_init(&p->outcomes, BRINK_OUTCOME_COUNT, NULL);
        brink_outcome_by_month_clear(&p->by_month);
        brink_km_init(&p->km_deal, horizon, NULL);
        brink_km_init(&p->km_agreement, horizon, NULL);
        brink_fan_clear(&p->fan);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_hist_clear(&p->cost[c]);
        p->run_months = 0;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            brink_paired_prop_init(&a->pair[k].outcome[o]);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_paired_mean_init(&a->pair[k].cost[c]);
    }
    a->runs = 0;
}

static brink_status acc_alloc(acc_set *a, int npol, uint32_t horizon,
                              const brink_hist_spec *fan_spec, const brink_hist_spec *cost_spec,
                              brink_error *err)
{
    a->npol = npol;
    a->pol = calloc((size_t)npol, sizeof *a->pol);
    a->pair = calloc((size_t)npol, sizeof *a->pair);
    if (!a->pol || !a->pair) {
        acc_free(a);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    for (int k = 0; k < npol; k++) {
        brink_ensemble_policy *p = &a->pol[k];
        if (brink_outcome_by_month_alloc(&p->by_month, horizon, BRINK_OUTCOME_COUNT, err) !=
                BRINK_OK ||
            brink_fan_alloc(&p->fan, fan_spec, BRINK_FAN_COUNT, horizon, err) != BRINK_OK) {
            acc_free(a);
            return err ? err->code : BRINK_ERR_RUNTIME;
        }
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            if (brink_hist_alloc(&p->cost[c], &cost_spec[c], err) != BRINK_OK) {
                acc_free(a);
                return err ? err->code : BRINK_ERR_RUNTIME;
            }
    }
    acc_clear(a, horizon);
    return BRINK_OK;
}

/* dst ⊕= src; dst starts empty for the first chunk, so it copies it exactly. */
static brink_status acc_merge(acc_set *dst, const acc_set *src, brink_error *err)
{
    for (int k = 0; k < dst->npol; k++) {
        brink_ensemble_policy *d = &dst->pol[k];
        const brink_ensemble_policy *s = &src->pol[k];
        if (brink_categorical_merge(&d->outcomes, &s->outcomes, err) != BRINK_OK ||
            brink_outcome_by_month_merge(&d->by_month, &s->by_month, err) != BRINK_OK ||
            brink_km_merge(&d->km_deal, &s->km_deal, err) != BRINK_OK ||
            brink_km_merge(&d->km_agreement, &s->km_agreement, err) != BRINK_OK ||
            brink_fan_merge(&d->fan, &s->fan, err) != BRINK_OK)
            return err ? err->code : BRINK_ERR_RUNTIME;
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            if (brink_hist_merge(&d->cost[c], &s->cost[c], err) != BRINK_OK)
                return err ? err->code : BRINK_ERR_RUNTIME;
        d->run_months += s->run_months;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            brink_paired_prop_merge(&dst->pair[k].outcome[o], &src->pair[k].outcome[o]);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_paired_mean_merge(&dst->pair[k].cost[c], &src->pair[k].cost[c]);
    }
    dst->runs += src->runs;
    return BRINK_OK;
}

/* ---- One run, one chunk --------------------------------------------------- */

typedef struct {
    brink_outcome outcome;
    double cost[BRINK_COST_COUNT];
} run_brief;

/* Status of a run still going at the end of a month. */
static uint32_t running_status(const brink_sim *sim)
{
    const brink_summary *s = brink_sim_summary(sim);
    if (s->deal_month >= 0)
        return BRINK_OUTCOME_DEAL;
    if (s->first_agreement_month >= 0 || brink_sim_var(sim, BRINK_VAR_RELIEF) > 0)
        return BRINK_OUTCOME_PARTIAL_DEAL;
    return BRINK_OUTCOME_STALEMATE;
}

/* The structural error of run `run` applied to fan variable k's path: the
 * value times exp(sigma_k sqrt((t + 1) / 12) z_k) (on 1 + x for rates),
 * z_k a standard normal of the run's error stream, the same for every
 * policy (docs/calibration.md). */
static void apply_error(double *v, uint32_t steps, double sigma, int log1p_scale, double z)
{
    for (uint32_t m = 0; m < steps; m++) {
        double f = exp(sigma * sqrt((m + 1) / 12.0) * z);
        v[m] = log1p_scale ? (1 + v[m]) * f - 1 : v[m] * f;
    }
}

static brink_status simulate_run(brink_sim *sim, int policy, uint64_t seed, uint64_t run,
                                 uint32_t horizon, const double *errs, brink_ensemble_policy *p,
                                 run_brief *out, brink_error *err)
{
    if (brink_sim_init(sim, policy, seed, run, 1, 0, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    brink_hist *cells = p->fan.cells;
    uint64_t *bm = p->by_month.counts;
    /* the run's states are kept here and binned after the run, so the
     * engine's working set stays in cache while it steps; each cell still
     * receives one value per run, in run order */
    double vals[BRINK_FAN_COUNT][BRINK_KM_MAX_HORIZON]; /* horizon checked on entry */
    uint32_t t = 0;
    int more = 1;
    while (more && t < horizon) {
        more = brink_sim_step(sim);
        for (uint32_t k = 0; k < BRINK_FAN_COUNT; k++)
            vals[k][t] = brink_sim_var(sim, fan_vars[k]);
        uint32_t status = more ? running_status(sim)
                               : (uint32_t)brink_sim_summary(sim)->outcome;
        bm[(size_t)t * BRINK_OUTCOME_COUNT + status]++;
        t++;
    }
    const brink_summary *s = brink_sim_summary(sim);
    uint32_t steps = t; /* months observed, 1..horizon */
    if (errs) {
        brink_rng rng;
        brink_rng_init(&rng, seed, run);
        for (uint32_t k = 0; k < BRINK_FAN_COUNT; k++)
            if (errs[k] > 0) {
                double z = gsl_cdf_ugaussian_Pinv(brink_rng_u(&rng, BRINK_STREAM_ERROR, k));
                apply_error(vals[k], steps, errs[k], brink_fan_error_log1p((brink_fan_var)k), z);
            }
    }
    for (uint32_t k = 0; k < BRINK_FAN_COUNT; k++)
        for (uint32_t m = 0; m < steps; m++)
            brink_hist_add(&cells[(size_t)k * horizon + m], vals[k][m], NULL);
    /* a finished run keeps its absorbing outcome in the remaining months */
    for (; t < horizon; t++)
        bm[(size_t)t * BRINK_OUTCOME_COUNT + (uint32_t)s->outcome]++;
    p->run_months += steps;

    brink_categorical_add(&p->outcomes, (uint32_t)s->outcome, NULL);
    uint32_t censor = steps ? steps : 1;
    if (s->deal_month >= 0 && (uint32_t)s->deal_month < horizon)
        brink_km_add(&p->km_deal, (uint32_t)s->deal_month + 1, true, NULL);
    else
        brink_km_add(&p->km_deal, censor, false, NULL);
    if (s->first_agreement_month >= 0 && (uint32_t)s->first_agreement_month < horizon)
        brink_km_add(&p->km_agreement, (uint32_t)s->first_agreement_month + 1, true, NULL);
    else
        brink_km_add(&p->km_agreement, censor, false, NULL);

    out->outcome = s->outcome;
    out->cost[BRINK_COST_GDP_LOSS] = s->gdp_loss_usd_bn;
    out->cost[BRINK_COST_SENDER] = s->sender_cost_usd_bn;
    out->cost[BRINK_COST_MONTHS_BELOW] = s->months_below_breakeven;
    out->cost[BRINK_COST_RESERVES_END] = s->reserves_end_usd_bn;
    out->cost[BRINK_COST_PROGRAMME_END] = s->programme_end;
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        brink_hist_add(&p->cost[c], out->cost[c], NULL);
    return BRINK_OK;
}

/* Runs [first, first + n) under every policy, in run order. */
static brink_status simulate_chunk(brink_sim *sim, const brink_ensemble_config *cfg,
                                   uint32_t horizon, const double *errs, uint64_t first,
                                   uint64_t n, acc_set *a, brink_error *err)
{
    run_brief brief[BRINK_ENSEMBLE_MAX_POLICIES];
    for (uint64_t r = first; r < first + n; r++) {
        for (int k = 0; k < a->npol; k++)
            if (simulate_run(sim, cfg->policies[k], cfg->seed, r, horizon, errs, &a->pol[k],
                             &brief[k], err) != BRINK_OK)
                return err ? err->code : BRINK_ERR_INPUT;
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
    return BRINK_OK;
}

/* ---- Work queue ------------------------------------------------------------ */

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_DONE };

typedef struct {
    int state;
    uint64_t chunk;
    acc_set acc;
} slot;

typedef struct {
    const brink_scenario *sc;
    const brink_ensemble_config *cfg;
    uint32_t horizon;
    double errs[BRINK_FAN_COUNT]; /* structural error scales */
    int any_error;
    uint64_t nchunks;
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a slot became free */
    pthread_cond_t done;  /* a chunk finished or a worker left */
    slot *slots;
    int nslots;
    uint64_t next_chunk;  /* next chunk to hand out */
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

static void fail_locked(queue *q, const brink_error *e)
{
    if (!q->failed) {
        q->failed = 1;
        q->error = *e;
    }
}

static void *worker(void *arg)
{
    queue *q = arg;
    brink_error e;
    brink_error_clear(&e);
    brink_sim *sim = brink_sim_alloc(q->sc, &e);
    pthread_mutex_lock(&q->mu);
    if (!sim)
        fail_locked(q, &e);
    while (sim && !q->failed && !stop_requested(q->cfg) && q->next_chunk < q->nchunks) {
        slot *s = NULL;
        for (int i = 0; i < q->nslots && !s; i++)
            if (q->slots[i].state == SLOT_FREE)
                s = &q->slots[i];
        if (!s) {
            pthread_cond_wait(&q->work, &q->mu);
            continue;
        }
        s->state = SLOT_BUSY;
        s->chunk = q->next_chunk++;
        pthread_mutex_unlock(&q->mu);

        uint64_t n = chunk_runs(q, s->chunk);
        acc_clear(&s->acc, q->horizon);
        brink_status st = simulate_chunk(sim, q->cfg, q->horizon, q->any_error ? q->errs : NULL,
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
    brink_sim_free(sim);
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
    acc_set total;
    if (acc_alloc(&total, cfg->npolicies, r->horizon, r->fan_spec, r->cost_spec, err) !=
        BRINK_OK) {
        free(r);
        return err ? err->code : BRINK_ERR_RUNTIME;
    }
    r->pol = total.pol;
    r->pair = total.pair;

    queue q;
    memset(&q, 0, sizeof q);
    q.sc = sc;
    q.cfg = cfg;
    q.horizon = r->horizon;
    for (int k = 0; k < BRINK_FAN_COUNT; k++) {
        q.errs[k] = cfg->model_only ? 0 : brink_fan_error_scale(sc, (brink_fan_var)k);
        q.any_error |= q.errs[k] > 0;
    }
    q.nchunks = (cfg->runs + BRINK_ENSEMBLE_CHUNK - 1) / BRINK_ENSEMBLE_CHUNK;
    int T = brink_thread_count(cfg->threads, BRINK_ENSEMBLE_MAX_THREADS);
    if ((uint64_t)T > q.nchunks)
        T = (int)q.nchunks;
    r->threads = T;
    /* two spare slots let workers go on while the next chunk in order is
     * still being simulated */
    q.nslots = T + 2;
    q.slots = calloc((size_t)q.nslots, sizeof *q.slots);
    pthread_t *tid = calloc((size_t)T, sizeof *tid);
    brink_status status = BRINK_OK;
    if (!q.slots || !tid) {
        status = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        goto out;
    }
    for (int i = 0; i < q.nslots; i++)
        if (acc_alloc(&q.slots[i].acc, cfg->npolicies, r->horizon, r->fan_spec, r->cost_spec,
                      err) != BRINK_OK) {
            status = err ? err->code : BRINK_ERR_RUNTIME;
            goto out;
        }
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.work, NULL);
    pthread_cond_init(&q.done, NULL);

    int started = 0;
    pthread_mutex_lock(&q.mu);
    for (; started < T; started++) {
        q.active++;
        if (brink_thread_start(&tid[started], worker, &q) != 0) {
            q.active--;
            brink_error e;
            brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "cannot start a thread");
            fail_locked(&q, &e);
            break;
        }
    }
    /* coordinator: merge chunks in order as they complete */
    uint64_t cursor = 0, reported = 0;
    for (;;) {
        slot *next = NULL;
        for (int i = 0; i < q.nslots; i++)
            if (q.slots[i].state == SLOT_DONE && q.slots[i].chunk == cursor)
                next = &q.slots[i];
        if (next) {
            pthread_mutex_unlock(&q.mu);
            brink_error e;
            brink_error_clear(&e);
            brink_status st = acc_merge(&total, &next->acc, &e);
            pthread_mutex_lock(&q.mu);
            if (st != BRINK_OK)
                fail_locked(&q, &e);
            next->state = SLOT_FREE;
            cursor++;
            pthread_cond_broadcast(&q.work);
        }
        int told = 0;
        if (cfg->progress && q.runs_finished != reported) {
            reported = q.runs_finished;
            pthread_mutex_unlock(&q.mu);
            cfg->progress(reported, cfg->runs, cfg->progress_user);
            pthread_mutex_lock(&q.mu);
            told = 1;
        }
        if (next || told)
            continue;
        if (q.active == 0)
            break;
        pthread_cond_wait(&q.done, &q.mu);
    }
    pthread_mutex_unlock(&q.mu);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_cond_destroy(&q.work);
    pthread_cond_destroy(&q.done);
    pthread_mutex_destroy(&q.mu);

    if (q.failed) {
        if (err)
            *err = q.error;
        status = q.error.code ? q.error.code : BRINK_ERR_RUNTIME;
        goto out;
    }
    r->chunks_done = cursor;
    r->runs_done = total.runs;
    r->partial = r->runs_done < r->runs_requested;

out:
    if (q.slots)
        for (int i = 0; i < q.nslots; i++)
            acc_free(&q.slots[i].acc);
    free(q.slots);
    free(tid);
    if (status != BRINK_OK) {
        brink_ensemble_result_free(r);
        return status;
    }
    *result = r;
    return BRINK_OK;
}
