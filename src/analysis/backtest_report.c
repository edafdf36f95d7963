/* Backtest reports: the scores over the cases and the JSON of `brink
 * backtest` (and of its --calibration). Every figure is a pure function of
 * the cases' results and the seed, so equal results give equal bytes. */
#include "brink/backtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/brink.h"
#include "core/json_out.h"

#define JSON_DIGITS 6 /* significant digits of reals */

const char *brink_logerr_name(brink_logerr t)
{
    return t == BRINK_LOGERR_LOG1P ? "ln(1 + x)" : "ln(x)";
}

brink_status brink_backtest_entries_loo(brink_backtest_entry *e, int n, brink_error *err)
{
    int *actual = malloc((size_t)(n > 0 ? n : 1) * sizeof *actual);
    if (!actual)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    for (int i = 0; i < n; i++)
        actual[i] = e[i].c.actual;
    for (int i = 0; i < n; i++) {
        brink_backtest_loo(actual, n, i, e[i].loo);
        e[i].brier_loo = brink_brier_score(e[i].loo, BRINK_OUTCOME_COUNT, e[i].c.actual);
        e[i].log_loo = brink_log_score(e[i].loo, e[i].c.actual, BRINK_LOG_SCORE_FLOOR);
    }
    free(actual);
    return BRINK_OK;
}

brink_status brink_backtest_totals_compute(const brink_backtest_entry *e, int n, uint64_t seed,
                                           brink_backtest_totals *t, brink_error *err)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    brink_reliability_clear(&t->rel);
    brink_reliability_clear(&t->rel_base);
    double *col = calloc(6 * (size_t)(n > 0 ? n : 1), sizeof *col);
    if (!col)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    double *mb = col, *ml = col + n, *bb = col + 2 * n, *bl = col + 3 * n, *lb = col + 4 * n,
           *ll = col + 5 * n;
    for (int i = 0; i < n; i++) {
        mb[i] = e[i].c.brier;
        ml[i] = e[i].c.log_score;
        bb[i] = e[i].c.brier_base_rate;
        bl[i] = e[i].c.log_score_base_rate;
        lb[i] = e[i].brier_loo;
        ll[i] = e[i].log_loo;
        brink_reliability_add(&t->rel, e[i].c.p, BRINK_OUTCOME_COUNT, e[i].c.actual);
        brink_reliability_add(&t->rel_base, e[i].c.p_base, BRINK_OUTCOME_COUNT, e[i].c.actual);
        for (int s = 0; s < e[i].c.n_series; s++) {
            const brink_backtest_series *bs = &e[i].c.series[s];
            if (bs->fan < 0 || bs->placeholder)
                continue;
            t->obs += bs->n;
            t->in50 += bs->in50;
            t->in90 += bs->in90;
        }
    }
    int rc = 0;
    if (n > 0) {
        const int R = BRINK_BACKTEST_RESAMPLES;
        rc |= brink_paired_bootstrap_run(mb, bb, n, R, seed, 0.95, &t->brier, err);
        rc |= brink_paired_bootstrap_run(ml, bl, n, R, seed, 0.95, &t->log, err);
        rc |= brink_paired_bootstrap_run(lb, bb, n, R, seed, 0.95, &t->brier_loo, err);
        rc |= brink_paired_bootstrap_run(ll, bl, n, R, seed, 0.95, &t->log_loo, err);
    }
    free(col);
    return rc ? BRINK_ERR_RUNTIME : BRINK_OK;
}

/* ---- JSON ------------------------------------------------------------------ */

static json_t *outcome_map(const double *p)
{
    json_t *o = json_object();
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        json_object_set_new(o, brink_outcome_name((brink_outcome)k), brink_json_num(p[k]));
    return o;
}

static json_t *boot_json(const brink_paired_bootstrap *b)
{
    json_t *o = json_object();
    json_object_set_new(o, "model", brink_json_num(b->mean_a));
    json_object_set_new(o, "model_ci", brink_json_pair(b->lo_a, b->hi_a));
    json_object_set_new(o, "base_rate", brink_json_num(b->mean_b));
    json_object_set_new(o, "base_rate_ci", brink_json_pair(b->lo_b, b->hi_b));
    json_object_set_new(o, "difference", brink_json_num(b->diff));
    json_object_set_new(o, "difference_ci", brink_json_pair(b->lo_diff, b->hi_diff));
    json_object_set_new(o, "share_resamples_model_better", brink_json_num(b->share_a_better));
    return o;
}

static json_t *reliability_json(const brink_reliability *r)
{
    json_t *a = json_array();
    for (int b = 0; b < BRINK_RELIABILITY_BINS; b++) {
        json_t *o = json_object();
        json_object_set_new(o, "lower", json_real(b / 10.0));
        json_object_set_new(o, "upper", json_real((b + 1) / 10.0));
        json_object_set_new(o, "n", json_integer(r->n[b]));
        json_object_set_new(o, "mean_p", brink_json_num(brink_reliability_mean_p(r, b)));
        json_object_set_new(o, "observed", brink_json_num(brink_reliability_freq(r, b)));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *to_json(const brink_backtest_entry *e, int n, uint64_t runs, uint64_t seed,
                       const char *mode)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string("backtest"));
    json_object_set_new(root, "mode", json_string(mode));
    json_object_set_new(root, "runs", json_integer((json_int_t)runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)seed));
    json_object_set_new(root, "level", json_real(0.95));
    json_object_set_new(root, "log_score_floor", json_real(BRINK_LOG_SCORE_FLOOR));
    json_t *br = json_object();
    json_object_set_new(br, "source",
                        json_string("TIES v4.1 imposed sanctions, war from the GML MID data, "
                                    "regime crisis from Archigos; cumulative incidence at each "
                                    "case's horizon, episodes still going counted as stalemate; "
                                    "one pseudo-episode per outcome (docs/validation.md)"));
    json_object_set_new(br, "episodes", json_integer(brink_base_rate_size()));
    json_object_set_new(root, "base_rate", br);

    json_t *cases = json_array();
    json_t *traj = json_array();
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *c = &e[i].c;
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(e[i].file));
        json_object_set_new(o, "scenario", json_string(c->scenario));
        json_object_set_new(o, "policy",
                            json_string(brink_scenario_policy_name(e[i].sc, c->policy)));
        json_object_set_new(o, "horizon_months", json_integer(c->horizon));
        json_object_set_new(o, "runs", json_integer((json_int_t)c->runs));
        json_object_set_new(o, "actual", json_string(brink_outcome_name((brink_outcome)c->actual)));
        json_object_set_new(o, "actual_month", json_integer(c->actual_month));
        json_object_set_new(o, "actual_date", json_string(c->actual_date));
        json_object_set_new(o, "predicted", outcome_map(c->p));
        json_t *ci = json_object();
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            json_object_set_new(ci, brink_outcome_name((brink_outcome)k),
                                brink_json_pair(c->lo[k], c->hi[k]));
        json_object_set_new(o, "ci", ci);
        json_object_set_new(o, "base_rate", outcome_map(c->p_base));
        json_object_set_new(o, "brier", brink_json_num(c->brier));
        json_object_set_new(o, "log_score", brink_json_num(c->log_score));
        json_object_set_new(o, "brier_base_rate", brink_json_num(c->brier_base_rate));
        json_object_set_new(o, "log_score_base_rate", brink_json_num(c->log_score_base_rate));
        json_object_set_new(o, "brier_loo", brink_json_num(e[i].brier_loo));
        json_object_set_new(o, "log_score_loo", brink_json_num(e[i].log_loo));
        json_array_append_new(cases, o);

        for (int s = 0; s < c->n_series; s++) {
            const brink_backtest_series *bs = &c->series[s];
            json_t *t = json_object();
            json_object_set_new(t, "file", json_string(e[i].file));
            json_object_set_new(t, "scenario", json_string(c->scenario));
            json_object_set_new(t, "variable", json_string(bs->variable));
            json_object_set_new(t, "fanned", json_boolean(bs->fan >= 0));
            json_object_set_new(t, "scored", json_boolean(bs->fan >= 0 && !bs->placeholder));
            json_object_set_new(t, "n", json_integer(bs->n));
            json_object_set_new(t, "in50", json_integer(bs->in50));
            json_object_set_new(t, "in90", json_integer(bs->in90));
            json_object_set_new(t, "share_in50", bs->n ? json_real((double)bs->in50 / bs->n)
                                                       : json_null());
            json_object_set_new(t, "share_in90", bs->n ? json_real((double)bs->in90 / bs->n)
                                                       : json_null());
            json_object_set_new(t, "median_abs_log_error",
                                brink_json_num(bs->median_abs_log_error));
            json_object_set_new(t, "log_error_points", json_integer(bs->n_log));
            json_object_set_new(t, "transform", json_string(brink_logerr_name(bs->transform)));
            json_t *pts = json_array();
            static const char *const qn[BRINK_BACKTEST_QUANTILES] = {"q05", "q25", "q50", "q75",
                                                                      "q95"};
            for (int k = 0; k < bs->n; k++) {
                json_t *p = json_object();
                json_object_set_new(p, "month", json_integer(bs->month[k]));
                json_object_set_new(p, "observed", brink_json_num(bs->observed[k]));
                for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
                    json_object_set_new(p, qn[j], brink_json_num(bs->q[k][j]));
                json_object_set_new(p, "n", json_integer((json_int_t)bs->running[k]));
                json_array_append_new(pts, p);
            }
            json_object_set_new(t, "points", pts);
            json_array_append_new(traj, t);
        }
    }
    json_object_set_new(root, "cases", cases);
    brink_backtest_totals t;
    if (brink_backtest_totals_compute(e, n, seed, &t, NULL) == BRINK_OK && n > 0) {
        json_object_set_new(root, "brier_model", brink_json_num(t.brier.mean_a));
        json_object_set_new(root, "brier_base_rate", brink_json_num(t.brier.mean_b));
        json_object_set_new(root, "log_score_model", brink_json_num(t.log.mean_a));
        json_object_set_new(root, "log_score_base_rate", brink_json_num(t.log.mean_b));
        json_object_set_new(root, "brier_loo", brink_json_num(t.brier_loo.mean_a));
        json_object_set_new(root, "log_score_loo", brink_json_num(t.log_loo.mean_a));
        json_t *bo = json_object();
        json_object_set_new(bo, "resamples", json_integer(BRINK_BACKTEST_RESAMPLES));
        json_object_set_new(bo, "brier", boot_json(&t.brier));
        json_object_set_new(bo, "log_score", boot_json(&t.log));
        json_object_set_new(bo, "brier_library_loo", boot_json(&t.brier_loo));
        json_object_set_new(bo, "log_score_library_loo", boot_json(&t.log_loo));
        json_object_set_new(root, "bootstrap", bo);
        json_t *rel = json_object();
        json_object_set_new(rel, "model", reliability_json(&t.rel));
        json_object_set_new(rel, "base_rate", reliability_json(&t.rel_base));
        json_object_set_new(root, "reliability", rel);
    }
    json_object_set_new(root, "trajectories", traj);
    json_t *cov = json_object();
    json_object_set_new(cov, "n", json_integer(t.obs));
    json_object_set_new(cov, "in50", json_integer(t.in50));
    json_object_set_new(cov, "in90", json_integer(t.in90));
    json_object_set_new(cov, "share_in50", t.obs ? json_real((double)t.in50 / t.obs) : json_null());
    json_object_set_new(cov, "share_in90", t.obs ? json_real((double)t.in90 / t.obs) : json_null());
    json_object_set_new(root, "coverage", cov);
    return root;
}

brink_status brink_backtest_write_json(const brink_backtest_entry *e, int n, uint64_t runs,
                                       uint64_t seed, const char *mode,
                                       const brink_backtest_cv *cv, FILE *out, brink_error *err)
{
    json_t *root = to_json(e, n, runs, seed, mode);
    if (root && cv) {
        json_t *cvj = json_object();
        json_object_set_new(cvj, "method", json_string("leave one case out"));
        json_object_set_new(cvj, "design_points", json_integer(cv->points));
        json_object_set_new(cvj, "refine_points", json_integer(cv->refine));
        json_object_set_new(cvj, "design_runs", json_integer((json_int_t)cv->design_runs));
        json_object_set_new(cvj, "population_weight", json_real(cv->weight));
        json_object_set_new(cvj, "in_sample_brier", brink_json_num(cv->in_sample_brier));
        json_object_set_new(cvj, "in_sample_log_score", brink_json_num(cv->in_sample_log));
        json_t *ej = json_object();
        for (int i = 0; i < n; i++)
            json_object_set_new(ej, e[i].c.scenario, brink_json_num(cv->ess[i]));
        json_object_set_new(cvj, "effective_design_points", ej);
        json_object_set_new(root, "cross_validation", cvj);
    }
    return brink_json_write(root, out, JSON_DIGITS, err);
}

static double ratio(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : (double)NAN;
}

brink_status brink_escalation_write_json(const brink_scenario *const *sc, const int *policy,
                                         const brink_escalation_stats *st, int n,
                                         const brink_escalation_stats *all, uint64_t runs,
                                         uint64_t seed, int window, FILE *out,
                                         brink_error *err)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string("backtest --calibration"));
    json_object_set_new(root, "runs", json_integer((json_int_t)runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)seed));
    json_object_set_new(root, "window_months", json_integer(window));
    json_object_set_new(root, "mid_war_rate", json_real(BRINK_MID_WAR_RATE));
    json_object_set_new(root, "icb_war_rate", json_real(BRINK_ICB_WAR_RATE));
    json_t *arr = json_array();
    for (int i = 0; i <= n; i++) {
        const brink_escalation_stats *s = i < n ? &st[i] : all;
        json_t *o = json_object();
        json_object_set_new(o, "scenario",
                            json_string(i < n ? brink_scenario_name(sc[i]) : "all"));
        if (i < n)
            json_object_set_new(o, "policy",
                                json_string(brink_scenario_policy_name(sc[i], policy[i])));
        json_object_set_new(o, "runs", json_integer((json_int_t)s->runs));
        json_object_set_new(o, "incidents", json_integer((json_int_t)s->incidents));
        json_object_set_new(o, "incidents_per_year",
                            brink_json_num(12.0 * ratio(s->incidents, s->run_months)));
        json_object_set_new(o, "escalations", json_integer((json_int_t)s->escalations));
        json_object_set_new(o, "p_war_given_incident",
                            brink_json_num(ratio(s->escalations, s->incidents)));
        json_object_set_new(
            o, "mean_p_escalate",
            brink_json_num(s->incidents ? s->sum_p_escalate / (double)s->incidents : (double)NAN));
        json_object_set_new(o, "runs_with_incident",
                            json_integer((json_int_t)s->runs_with_incident));
        json_object_set_new(o, "p_war_in_window_given_incident",
                            brink_json_num(ratio(s->war_in_window, s->runs_with_incident)));
        json_object_set_new(o, "preventive_strikes", json_integer((json_int_t)s->preventive));
        json_object_set_new(o, "p_war", brink_json_num(ratio(s->wars, s->runs)));
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "cases", arr);
    return brink_json_write(root, out, JSON_DIGITS, err);
}
