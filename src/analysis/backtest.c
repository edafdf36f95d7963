/* Backtests against the historical record: outcome scores, observed series
 * against the ensemble's fans, and escalation counts for calibration (see
 * include/brink/backtest.h and docs/validation.md). */
#include "brink/backtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/ensemble.h"

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

/* TIES v4.1 (Morgan, Bapat & Kobayashi 2014), cases with imposition = 1 and a
 * final outcome: 540. 22 of them saw a war-level militarized dispute
 * (hostility level 5) between a sender and the target begin during the
 * episode (GML MID 2.1.1, dyad-years with midonset = 1): those are `war`.
 * The other 518 by TIES final outcome: 7 total acquiescence by the target
 * (114) and 10 negotiated settlement (125) -> deal; 6 partial acquiescence
 * (55) -> partial_deal; 8 capitulation by the sender (155), 9 stalemate (66)
 * and 3 sender capitulation at the threat stage (3) -> stalemate. TIES codes
 * no regime breakdown and no reversal of a settlement. */
static const uint32_t base_counts[BRINK_OUTCOME_COUNT] = {239, 55, 224, 22, 0, 0};

void brink_base_rate_counts(uint32_t counts[BRINK_OUTCOME_COUNT])
{
    memcpy(counts, base_counts, sizeof base_counts);
}

void brink_base_rate(double p[BRINK_OUTCOME_COUNT])
{
    double n = 0;
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        n += base_counts[k];
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        p[k] = (base_counts[k] + 1.0) / (n + BRINK_OUTCOME_COUNT);
}

void brink_backtest_loo(const brink_backtest_case *cases, int n, int i,
                        double p[BRINK_OUTCOME_COUNT])
{
    double c[BRINK_OUTCOME_COUNT] = {0}, tot = 0;
    for (int j = 0; j < n; j++) {
        if (j == i || cases[j].actual < 0 || cases[j].actual >= BRINK_OUTCOME_COUNT)
            continue;
        c[cases[j].actual] += 1;
        tot += 1;
    }
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        p[k] = (c[k] + 1.0) / (tot + BRINK_OUTCOME_COUNT);
}

/* ---- Observed series ------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

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

brink_status brink_backtest_series_score(const brink_fan *fan, uint32_t var,
                                         const brink_history_series *obs, brink_logerr transform,
                                         brink_backtest_series *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    snprintf(out->variable, sizeof out->variable, "%s", obs->variable);
    out->fan = (int)var;
    out->transform = transform;
    out->median_abs_log_error = NAN;
    if (var >= fan->nvars)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, obs->variable,
                               "fan variable %u out of range", var);
    double errs[BRINK_HISTORY_POINTS];
    for (int i = 0; i < obs->n && i < BRINK_HISTORY_POINTS; i++) {
        int m = obs->month[i];
        if (m < 0 || (uint32_t)m >= fan->months)
            continue;
        int k = out->n++;
        out->month[k] = m;
        out->observed[k] = obs->value[i];
        const brink_hist *h = brink_fan_cell_const(fan, var, (uint32_t)m);
        out->running[k] = h->moments.n;
        for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
            out->q[k][j] = brink_hist_quantile(h, band_q[j], NULL);
        double x = obs->value[i];
        if (h->moments.n > 0) {
            out->in50 += x >= out->q[k][1] && x <= out->q[k][3];
            out->in90 += x >= out->q[k][0] && x <= out->q[k][4];
        }
        double e = log_error(out->q[k][2], x, transform);
        if (isfinite(e))
            errs[out->n_log++] = e;
    }
    out->median_abs_log_error = brink_median_inplace(errs, out->n_log);
    return BRINK_OK;
}

/* ---- One case --------------------------------------------------------------------- */

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
    if (st == BRINK_OK) {
        out->brier = brink_brier_score(out->p, BRINK_OUTCOME_COUNT, out->actual);
        out->log_score = brink_log_score(out->p, out->actual, BRINK_LOG_SCORE_FLOOR);
        double b[BRINK_OUTCOME_COUNT];
        brink_base_rate(b);
        out->brier_base_rate = brink_brier_score(b, BRINK_OUTCOME_COUNT, out->actual);
        out->log_score_base_rate = brink_log_score(b, out->actual, BRINK_LOG_SCORE_FLOOR);
    }
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
        st = brink_backtest_series_score(&pol->fan, (uint32_t)k, s, tr, o, err);
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
