/* Backtests against the historical record: outcome scores, observed series
 * against the ensemble's fans, and escalation counts for calibration (see
 * include/brink/backtest.h and docs/validation.md). */
#include "brink/backtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/base_rate.h"
#include "brink/ensemble.h"
#include "core/rng.h"

/* ---- Scores ------------------------------------------------------------------ */

double brink_brier_score(const double *p, int ncat, int actual)
{
    if (actual < 0 || actual >= ncat)
        return NAN;
    double s = 0;
    for (int k = 0; k < ncat; k++) {
        double d = p[k] - (k == actual ? 1.0 : 0.0);
        s += d * d;
    }
    return s;
}

double brink_log_score(const double *p, int actual, double floor)
{
    if (actual < 0 || !(floor > 0 && floor <= 1))
        return NAN;
    double q = p[actual];
    if (!(q >= floor)) /* also catches NaN */
        q = floor;
    return 0.0 - log(q); /* +0, not -0, for a certain forecast */
}

/* ---- The base rate ------------------------------------------------------------- */

void brink_base_rate_forecast(double horizon_months, double p[BRINK_OUTCOME_COUNT])
{
    const char *names[BRINK_OUTCOME_COUNT];
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        names[k] = brink_outcome_name((brink_outcome)k);
    brink_base_rate_at(horizon_months, names, BRINK_OUTCOME_COUNT, p);
}

int brink_base_rate_size(void)
{
    return brink_base_rate_episodes();
}

void brink_backtest_loo(const int *actual, int n, int i, double p[BRINK_OUTCOME_COUNT])
{
    double c[BRINK_OUTCOME_COUNT] = {0}, tot = 0;
    for (int j = 0; j < n; j++) {
        if (j == i || actual[j] < 0 || actual[j] >= BRINK_OUTCOME_COUNT)
            continue;
        c[actual[j]] += 1;
        tot += 1;
    }
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        p[k] = (c[k] + 0.5) / (tot + 0.5 * BRINK_OUTCOME_COUNT);
}

/* ---- Scores over cases ------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of sorted x[0..n-1] (linear between order statistics). */
static double sorted_quantile(const double *x, int n, double q)
{
    double h = q * (n - 1);
    int i = (int)floor(h);
    if (i >= n - 1)
        return x[n - 1];
    return x[i] + (h - i) * (x[i + 1] - x[i]);
}

brink_status brink_paired_bootstrap_run(const double *a, const double *b, int n, int resamples,
                                        uint64_t seed, double level, brink_paired_bootstrap *out,
                                        brink_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 1 || resamples < 10 || !(level > 0 && level < 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "bootstrap",
                               "a bootstrap needs at least one case, 10 resamples and a level "
                               "in (0, 1) (got %d, %d, %g)",
                               n, resamples, level);
    double *ma = malloc(3 * (size_t)resamples * sizeof *ma);
    if (!ma)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    double *mb = ma + resamples, *md = mb + resamples;
    out->n = n;
    for (int i = 0; i < n; i++) {
        out->mean_a += a[i] / n;
        out->mean_b += b[i] / n;
    }
    out->diff = out->mean_a - out->mean_b;
    int better = 0;
    for (int j = 0; j < resamples; j++) {
        brink_rng rng; /* resample j is "run" j of the seed */
        brink_rng_init(&rng, seed, (uint64_t)j);
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
            double u = brink_rng_u(&rng, BRINK_STREAM_EVENTS, (uint32_t)i);
            int k = (int)(u * n);
            if (k >= n)
                k = n - 1;
            sa += a[k];
            sb += b[k];
        }
        ma[j] = sa / n;
        mb[j] = sb / n;
        md[j] = ma[j] - mb[j];
        better += ma[j] < mb[j];
    }
    double lo = (1 - level) / 2, hi = 1 - lo;
    qsort(ma, (size_t)resamples, sizeof *ma, cmp_double);
    qsort(mb, (size_t)resamples, sizeof *mb, cmp_double);
    qsort(md, (size_t)resamples, sizeof *md, cmp_double);
    out->lo_a = sorted_quantile(ma, resamples, lo);
    out->hi_a = sorted_quantile(ma, resamples, hi);
    out->lo_b = sorted_quantile(mb, resamples, lo);
    out->hi_b = sorted_quantile(mb, resamples, hi);
    out->lo_diff = sorted_quantile(md, resamples, lo);
    out->hi_diff = sorted_quantile(md, resamples, hi);
    out->share_a_better = (double)better / resamples;
    free(ma);
    return BRINK_OK;
}

void brink_reliability_clear(brink_reliability *r)
{
    memset(r, 0, sizeof *r);
}

void brink_reliability_add(brink_reliability *r, const double *p, int ncat, int actual)
{
    for (int k = 0; k < ncat; k++) {
        double q = p[k];
        if (!(q >= 0))
            continue; /* NaN or negative: not a forecast */
        int b = (int)(q * BRINK_RELIABILITY_BINS);
        if (b >= BRINK_RELIABILITY_BINS)
            b = BRINK_RELIABILITY_BINS - 1;
        r->n[b]++;
        r->hits[b] += k == actual;
        r->sum_p[b] += q;
    }
}

double brink_reliability_mean_p(const brink_reliability *r, int b)
{
    return b >= 0 && b < BRINK_RELIABILITY_BINS && r->n[b] ? r->sum_p[b] / r->n[b] : (double)NAN;
}

double brink_reliability_freq(const brink_reliability *r, int b)
{
    return b >= 0 && b < BRINK_RELIABILITY_BINS && r->n[b] ? (double)r->hits[b] / r->n[b] : (double)NAN;
}

/* ---- Observed series ------------------------------------------------------------ */

double brink_median_inplace(double *x, int n)
{
    if (n <= 0)
        return NAN;
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

static double log_error(double sim, double obs, brink_logerr transform)
{
    if (transform == BRINK_LOGERR_LOG1P) {
        sim += 1.0;
        obs += 1.0;
    }
    if (!(sim > 0) || !(obs > 0) || !isfinite(sim) || !isfinite(obs))
        return NAN;
    return fabs(log(sim / obs));
}

static const double band_q[BRINK_BACKTEST_QUANTILES] = {0.05, 0.25, 0.5, 0.75, 0.95};

/* x on the log scale of the transform; -inf for x <= 0 (or <= -1). */
static double to_log(double x, brink_logerr transform)
{
    double v = transform == BRINK_LOGERR_LOG1P ? 1 + x : x;
    return v > 0 ? log(v) : -HUGE_VAL;
}

static double from_log(double y, brink_logerr transform)
{
    double v = exp(y);
    return transform == BRINK_LOGERR_LOG1P ? v - 1 : v;
}

/* Spread of the forecast around each sketch point at month m. */
static double spread(double sigma, int m)
{
    return sqrt(sigma * sigma * (m + 1) / 12.0 + BRINK_SKETCH_KERNEL * BRINK_SKETCH_KERNEL);
}

/* Forecast CDF at y: the mean over the sketch of Phi((y - y_j) / s). */
static double sketch_cdf(const double *sk, double y, double s)
{
    double f = 0;
    for (int j = 0; j < BRINK_SKETCH; j++)
        f += sk[j] == -HUGE_VAL ? 1.0 : 0.5 * erfc(-(y - sk[j]) / (s * 1.4142135623730951));
    return f / BRINK_SKETCH;
}

/* ln of the forecast density at y (log scale), by log-sum-exp. */
static double sketch_logpdf(const double *sk, double y, double s)
{
    double e[BRINK_SKETCH], mx = -HUGE_VAL;
    for (int j = 0; j < BRINK_SKETCH; j++) {
        double z = (y - sk[j]) / s;
        e[j] = sk[j] == -HUGE_VAL ? -HUGE_VAL : -0.5 * z * z;
        if (e[j] > mx)
            mx = e[j];
    }
    if (mx == -HUGE_VAL)
        return -HUGE_VAL;
    double sum = 0;
    for (int j = 0; j < BRINK_SKETCH; j++)
        sum += exp(e[j] - mx);
    return mx + log(sum / BRINK_SKETCH) - log(s) - 0.9189385332046727; /* ln sqrt(2 pi) */
}

/* Forecast quantile q on the log scale, by bisection of the CDF. */
static double sketch_quantile(const double *sk, double q, double s)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL, atom = 0;
    for (int j = 0; j < BRINK_SKETCH; j++) {
        if (sk[j] == -HUGE_VAL) {
            atom += 1.0 / BRINK_SKETCH;
            continue;
        }
        lo = fmin(lo, sk[j]);
        hi = fmax(hi, sk[j]);
    }
    if (q <= atom || !isfinite(lo))
        return -HUGE_VAL;
    lo -= 10 * s;
    hi += 10 * s;
    for (int it = 0; it < 80; it++) {
        double mid = 0.5 * (lo + hi);
        if (sketch_cdf(sk, mid, s) < q)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

void brink_backtest_series_rescore(brink_backtest_series *out, double sigma)
{
    out->sigma = sigma;
    out->in50 = out->in90 = out->n_log = 0;
    double errs[BRINK_HISTORY_POINTS];
    for (int k = 0; k < out->n; k++) {
        const double *sk = out->sketch[k];
        double x = out->observed[k];
        if (isnan(sk[0])) { /* no run at that month */
            for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
                out->q[k][j] = NAN;
            out->pit[k] = NAN;
            continue;
        }
        double s = spread(sigma, out->month[k]);
        for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
            out->q[k][j] = from_log(sketch_quantile(sk, band_q[j], s), out->transform);
        double y = to_log(x, out->transform);
        double u = y == -HUGE_VAL ? 0 : sketch_cdf(sk, y, s);
        out->pit[k] = u;
        out->in50 += u >= 0.25 && u <= 0.75;
        out->in90 += u >= 0.05 && u <= 0.95;
        double e = log_error(out->q[k][2], x, out->transform);
        if (isfinite(e))
            errs[out->n_log++] = e;
    }
    out->median_abs_log_error = brink_median_inplace(errs, out->n_log);
}

brink_status brink_backtest_series_score(const brink_fan *fan, uint32_t var,
                                         const brink_history_series *obs, brink_logerr transform,
                                         double sigma, brink_backtest_series *out,
                                         brink_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->variable, sizeof out->variable, "%s", obs->variable);
    out->fan = (int)var;
    out->transform = transform;
    out->median_abs_log_error = NAN;
    if (var >= fan->nvars)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, obs->variable,
                               "fan variable %u out of range", var);
    if (!(sigma >= 0))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, obs->variable,
                               "structural error %g is not >= 0", sigma);
    for (int i = 0; i < obs->n && i < BRINK_HISTORY_POINTS; i++) {
        int m = obs->month[i];
        if (m < 0 || (uint32_t)m >= fan->months)
            continue;
        int k = out->n++;
        out->month[k] = m;
        out->observed[k] = obs->value[i];
        const brink_hist *h = brink_fan_cell_const(fan, var, (uint32_t)m);
        out->running[k] = h->moments.n;
        for (int j = 0; j < BRINK_SKETCH; j++)
            out->sketch[k][j] = h->moments.n > 0
                                    ? to_log(brink_hist_quantile(h, (j + 1) / (BRINK_SKETCH + 1.0),
                                                                 NULL),
                                             transform)
                                    : (double)NAN;
    }
    brink_backtest_series_rescore(out, sigma);
    return BRINK_OK;
}

/* Log density of every scorable observation of the series for sigma. */
static double series_loglik(const brink_backtest_series *const *series, int n, int skip,
                            double sigma, int *count)
{
    double ll = 0;
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (i == skip || !series[i] || series[i]->fan < 0 || series[i]->placeholder)
            continue;
        const brink_backtest_series *b = series[i];
        for (int k = 0; k < b->n; k++) {
            double y = to_log(b->observed[k], b->transform);
            if (isnan(b->sketch[k][0]) || !isfinite(y))
                continue;
            double l = sketch_logpdf(b->sketch[k], y, spread(sigma, b->month[k]));
            ll += fmax(l, -50.0); /* an observation far outside every run costs at most 50 */
            c++;
        }
    }
    if (count)
        *count = c;
    return ll;
}

double brink_structural_error_fit(const brink_backtest_series *const *series, int n, int skip)
{
    int count = 0;
    series_loglik(series, n, skip, 0, &count);
    if (count == 0)
        return 0;
    /* a grid on [0, 3] (0 and 60 log-spaced values from 0.005), then golden-section
     * refinement between the neighbours of the best grid point */
    enum { G = 61 };
    double grid[G], ll[G];
    grid[0] = 0;
    for (int g = 1; g < G; g++)
        grid[g] = 0.005 * pow(3.0 / 0.005, (g - 1) / (double)(G - 2));
    int best = 0;
    for (int g = 0; g < G; g++) {
        ll[g] = series_loglik(series, n, skip, grid[g], NULL);
        if (ll[g] > ll[best])
            best = g;
    }
    double a = grid[best > 0 ? best - 1 : 0], b = grid[best < G - 1 ? best + 1 : G - 1];
    const double gr = 0.6180339887498949;
    double c = b - gr * (b - a), d = a + gr * (b - a);
    double fc = series_loglik(series, n, skip, c, NULL), fd = series_loglik(series, n, skip, d, NULL);
    for (int it = 0; it < 40; it++) {
        if (fc > fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - gr * (b - a);
            fc = series_loglik(series, n, skip, c, NULL);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + gr * (b - a);
            fd = series_loglik(series, n, skip, d, NULL);
        }
    }
    double x = 0.5 * (a + b);
    return series_loglik(series, n, skip, x, NULL) >= ll[best] ? x : grid[best];
}

/* ---- One case --------------------------------------------------------------------- */

void brink_backtest_case_score(brink_backtest_case *c)
{
    brink_base_rate_forecast(c->horizon, c->p_base);
    c->brier = brink_brier_score(c->p, BRINK_OUTCOME_COUNT, c->actual);
    c->log_score = brink_log_score(c->p, c->actual, BRINK_LOG_SCORE_FLOOR);
    c->brier_base_rate = brink_brier_score(c->p_base, BRINK_OUTCOME_COUNT, c->actual);
    c->log_score_base_rate = brink_log_score(c->p_base, c->actual, BRINK_LOG_SCORE_FLOOR);
}

static int fan_index(const char *variable)
{
    for (int k = 0; k < BRINK_FAN_COUNT; k++)
        if (strcmp(variable, brink_fan_var_name((brink_fan_var)k)) == 0)
            return k;
    return -1;
}

brink_status brink_backtest_case_run(const brink_scenario *sc, const brink_backtest_config *cfg,
                                     brink_backtest_case *out, brink_error *err)
{
    brink_error_clear(err);
    memset(out, 0, sizeof *out);
    const brink_history *h = brink_scenario_history(sc);
    if (!h || !h->present)
        return brink_error_set(err, BRINK_ERR_INPUT, brink_scenario_file(sc), 0, 0, "history",
                               "scenario '%s' has no history section (the actual outcome, "
                               "its month and the policy followed), so it cannot be backtested",
                               brink_scenario_name(sc));
    if (!(cfg->level > 0 && cfg->level < 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "level",
                               "confidence level %g is not in (0, 1)", cfg->level);
    snprintf(out->scenario, sizeof out->scenario, "%s", brink_scenario_name(sc));
    out->policy = h->policy >= 0 ? h->policy : brink_scenario_default_policy(sc);
    out->actual = h->outcome;
    out->actual_month = h->outcome_month;
    snprintf(out->actual_date, sizeof out->actual_date, "%s", h->outcome_date);

    brink_ensemble_config ec;
    memset(&ec, 0, sizeof ec);
    ec.policies[0] = out->policy;
    ec.npolicies = 1;
    ec.runs = cfg->runs;
    ec.seed = cfg->seed;
    ec.threads = cfg->threads;
    ec.model_only = 1; /* the structural error is added to each series below */
    brink_ensemble_result *res = NULL;
    brink_status st = brink_ensemble_run(sc, &ec, &res, err);
    if (st != BRINK_OK)
        return st;
    const brink_ensemble_policy *pol = &res->pol[0];
    out->horizon = res->horizon;
    out->runs = res->runs_done;
    double z = brink_z_for_level(cfg->level);
    for (int k = 0; k < BRINK_OUTCOME_COUNT && st == BRINK_OK; k++) {
        out->count[k] = pol->outcomes.count[k];
        st = brink_categorical_interval(&pol->outcomes, (uint32_t)k, z, &out->p[k], &out->lo[k],
                                        &out->hi[k], err);
    }
    if (st == BRINK_OK)
        brink_backtest_case_score(out);
    for (int i = 0; i < h->n_series && st == BRINK_OK; i++) {
        const brink_history_series *s = &h->series[i];
        brink_backtest_series *o = &out->series[out->n_series++];
        int k = fan_index(s->variable);
        brink_logerr tr =
            strcmp(s->variable, "inflation") == 0 ? BRINK_LOGERR_LOG1P : BRINK_LOGERR_LOG;
        if (k < 0) {
            memset(o, 0, sizeof *o);
            snprintf(o->variable, sizeof o->variable, "%s", s->variable);
            o->fan = -1;
            o->median_abs_log_error = NAN;
            continue;
        }
        st = brink_backtest_series_score(&pol->fan, (uint32_t)k, s, tr,
                                         brink_fan_error_scale(sc, (brink_fan_var)k), o, err);
        int zero = 1;
        for (int j = 0; j < s->n; j++)
            zero &= !(s->value[j] > 0);
        o->placeholder = tr == BRINK_LOGERR_LOG && zero;
    }
    brink_ensemble_result_free(res);
    return st;
}

/* ---- Escalation calibration ------------------------------------------------------- */

brink_status brink_escalation_run(const brink_scenario *sc, int policy, uint64_t runs,
                                  uint64_t seed, int window, brink_escalation_stats *out,
                                  brink_error *err)
{
    brink_error_clear(err);
    memset(out, 0, sizeof *out);
    if (window < 1)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "window",
                               "the crisis window must be at least one month (got %d)", window);
    brink_sim *sim = brink_sim_alloc(sc, err);
    if (!sim)
        return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    brink_status st = BRINK_OK;
    for (uint64_t r = 0; r < runs; r++) {
        st = brink_sim_init(sim, policy, seed, r, 1, 1, err);
        if (st != BRINK_OK)
            break;
        brink_sim_run(sim);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        int first = -1, war_month = -1;
        for (size_t i = 0; i < n; i++) {
            if (ev[i].kind == BRINK_EV_INCIDENT) {
                out->incidents++;
                out->sum_p_escalate += ev[i].value;
                if (first < 0)
                    first = ev[i].month;
            } else if (ev[i].kind == BRINK_EV_WAR) {
                war_month = ev[i].month;
                if (ev[i].subject == 0)
                    out->escalations++;
                else
                    out->preventive++;
            }
        }
        const brink_summary *m = brink_sim_summary(sim);
        out->runs++;
        out->run_months += (uint64_t)(brink_sim_month(sim) + 1);
        out->wars += m->outcome == BRINK_OUTCOME_WAR;
        if (first >= 0) {
            out->runs_with_incident++;
            out->war_in_window += war_month >= first && war_month - first < window;
        }
    }
    brink_sim_free(sim);
    return st;
}

void brink_escalation_merge(brink_escalation_stats *a, const brink_escalation_stats *b)
{
    a->runs += b->runs;
    a->incidents += b->incidents;
    a->escalations += b->escalations;
    a->sum_p_escalate += b->sum_p_escalate;
    a->preventive += b->preventive;
    a->wars += b->wars;
    a->runs_with_incident += b->runs_with_incident;
    a->war_in_window += b->war_in_window;
    a->run_months += b->run_months;
}
