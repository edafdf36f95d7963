/* The report of a calibration (calibrate.h): the parameters that move a
 * projection most, the structural errors' paths, and the JSON of `brink
 * calibrate`. Every figure is a pure function of the fit, so equal fits give
 * equal bytes. */
#include "brink/calibrate.h"

#include <math.h>
#include <stdlib.h>

#include <jansson.h>

#include "brink/brink.h"
#include "core/json_out.h"

#define JSON_DIGITS 6 /* significant digits of reals */

const char *brink_calib_error_path(int k)
{
    switch (k) {
    case BRINK_FAN_EXPORTS: return "behaviour.error.exports";
    case BRINK_FAN_RESERVES: return "behaviour.error.reserves";
    case BRINK_FAN_INFLATION: return "behaviour.error.inflation";
    case BRINK_FAN_FX_RATE: return "behaviour.error.fx_rate";
    case BRINK_FAN_GDP: return "behaviour.error.gdp";
    default: return NULL;
    }
}

brink_status brink_calib_top_params(const brink_calib *c, const brink_calib_cell *cells, int m,
                                    int i, int outcome, uint64_t runs,
                                    int idx[BRINK_CALIB_TOP_PARAMS],
                                    double share[BRINK_CALIB_TOP_PARAMS], brink_error *err)
{
    for (int t = 0; t < BRINK_CALIB_TOP_PARAMS; t++) {
        idx[t] = -1;
        share[t] = NAN;
    }
    if (!c || !cells || m < 1 || i < 0 || i >= m || outcome < 0 ||
        outcome >= BRINK_OUTCOME_COUNT || runs == 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "top parameters: no calibration or cells, column %d of %d, "
                               "outcome %d or %llu runs out of range",
                               i, m, outcome, (unsigned long long)runs);
    int K = brink_calib_points(c), K1 = brink_calib_stage1_points(c);
    int d = brink_calib_param_count();
    double *v = malloc((size_t)K * sizeof *v), *wp = calloc((size_t)K, sizeof *wp);
    double *s = malloc((size_t)d * sizeof *s);
    if (!v || !wp || !s) {
        free(v);
        free(wp);
        free(s);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    for (int k = 0; k < K; k++)
        v[k] = cells[(size_t)k * (size_t)m + (size_t)i].count[outcome] / (double)runs;
    for (int k = 0; k < K1; k++)
        wp[k] = 1.0 / K1;
    for (int j = 0; j < d; j++)
        s[j] = brink_calib_sensitivity(c, wp, v, j);
    for (int t = 0; t < BRINK_CALIB_TOP_PARAMS && t < d; t++) {
        int best = -1;
        for (int j = 0; j < d; j++) {
            int used = 0;
            for (int u = 0; u < t; u++)
                used |= idx[u] == j;
            if (!used && (best < 0 || s[j] > s[best]))
                best = j;
        }
        idx[t] = best;
        share[t] = s[best];
    }
    free(v);
    free(wp);
    free(s);
    return BRINK_OK;
}

static json_t *projection_json(const brink_calib *c, const brink_calib_report *r,
                               brink_error *err)
{
    json_t *o = json_object();
    json_object_set_new(o, "scenario", json_string(brink_scenario_name(r->proj)));
    json_object_set_new(o, "runs_per_point", json_integer((json_int_t)r->proj_runs));
    json_t *pols = json_array();
    for (int p = 0; p < r->npol; p++) {
        json_t *pj = json_object();
        json_object_set_new(pj, "policy",
                            json_string(brink_scenario_policy_name(r->proj, r->policies[p])));
        json_t *oj = json_object();
        for (int q = 0; q < BRINK_OUTCOME_COUNT; q++) {
            double m, lo, hi;
            brink_calib_outcome_uncertainty(c, r->w, r->cells, r->npol, p, q, r->proj_runs, &m,
                                            &lo, &hi);
            json_t *v = json_object();
            json_object_set_new(v, "mean", brink_json_num(m));
            json_object_set_new(v, "q05", brink_json_num(lo));
            json_object_set_new(v, "q95", brink_json_num(hi));
            int idx[BRINK_CALIB_TOP_PARAMS];
            double share[BRINK_CALIB_TOP_PARAMS];
            if (brink_calib_top_params(c, r->cells, r->npol, p, q, r->proj_runs, idx, share,
                                       err) != BRINK_OK) {
                json_decref(v);
                json_decref(oj);
                json_decref(pj);
                json_decref(pols);
                json_decref(o);
                return NULL;
            }
            json_t *tp = json_array();
            for (int t = 0; t < BRINK_CALIB_TOP_PARAMS; t++)
                if (idx[t] >= 0)
                    json_array_append_new(tp, json_pack("{s:s,s:o}", "path",
                                                        brink_calib_param_name(idx[t]), "share",
                                                        brink_json_num(share[t])));
            json_object_set_new(v, "top_parameters", tp);
            json_object_set_new(oj, brink_outcome_name((brink_outcome)q), v);
        }
        json_object_set_new(pj, "outcomes", oj);
        json_array_append_new(pols, pj);
    }
    json_object_set_new(o, "policies", pols);
    return o;
}

static json_t *to_json(const brink_calib *c, const brink_calib_report *r)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string("calibrate"));
    json_object_set_new(root, "cases", json_integer(brink_calib_cases(c)));
    json_object_set_new(root, "points", json_integer(brink_calib_points(c)));
    json_object_set_new(root, "runs", json_integer((json_int_t)brink_calib_runs(c)));
    json_object_set_new(root, "population_weight", json_real(brink_calib_weight(c)));
    json_object_set_new(root, "effective_points", brink_json_num(r->ess));
    json_t *ps = json_array();
    for (int j = 0; j < brink_calib_param_count(); j++) {
        double lo, hi, m, sd, q05, q95;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        brink_calib_summary(c, r->w, j, &m, &sd, &q05, &q95);
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(brink_calib_param_name(j)));
        json_object_set_new(o, "low", json_real(lo));
        json_object_set_new(o, "high", json_real(hi));
        json_object_set_new(o, "log_scale", json_boolean(lg));
        json_object_set_new(o, "mean", brink_json_num(m));
        json_object_set_new(o, "sd", brink_json_num(sd));
        json_object_set_new(o, "q05", brink_json_num(q05));
        json_object_set_new(o, "q95", brink_json_num(q95));
        json_object_set_new(o, "why", json_string(brink_calib_param_description(j)));
        json_array_append_new(ps, o);
    }
    json_object_set_new(root, "parameters", ps);
    json_t *ts = json_array();
    for (int t = 0; t < BRINK_CALIB_TARGET_COUNT; t++) {
        json_t *o = json_object();
        json_object_set_new(o, "target", json_string(r->targets[t].name));
        json_object_set_new(o, "record", brink_json_num(r->targets[t].target));
        json_object_set_new(o, "fitted", brink_json_num(r->targets[t].model));
        json_object_set_new(o, "box_centre", brink_json_num(r->targets[t].at_box_centre));
        json_object_set_new(o, "source", json_string(r->targets[t].source));
        json_array_append_new(ts, o);
    }
    json_object_set_new(root, "targets", ts);
    json_t *cs = json_array();
    for (int i = 0; i < brink_calib_cases(c); i++) {
        const brink_backtest_case *b = &r->bc[i];
        json_t *o = json_object();
        json_object_set_new(o, "scenario", json_string(b->scenario));
        json_object_set_new(o, "actual", json_string(brink_outcome_name((brink_outcome)b->actual)));
        json_object_set_new(o, "p_actual_fitted", brink_json_num(b->p[b->actual]));
        json_object_set_new(o, "p_actual_box_centre", brink_json_num(r->centre_p[i]));
        json_object_set_new(o, "p_actual_base_rate", brink_json_num(b->p_base[b->actual]));
        json_array_append_new(cs, o);
    }
    json_object_set_new(root, "case_fit", cs);
    json_t *es = json_array();
    for (int k = 0; k < BRINK_FAN_COUNT; k++) {
        const brink_calib_coverage *b = &r->before[k], *a = &r->after[k];
        if (!brink_calib_error_path(k) || b->obs == 0)
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "path", json_string(brink_calib_error_path(k)));
        json_object_set_new(o, "sigma", brink_json_num(r->sigma[k]));
        json_object_set_new(o, "n", json_integer(b->obs));
        json_object_set_new(o, "share_in50_without", brink_json_num((double)b->in50 / b->obs));
        json_object_set_new(o, "share_in90_without", brink_json_num((double)b->in90 / b->obs));
        json_object_set_new(o, "share_in50_with", brink_json_num((double)a->in50 / a->obs));
        json_object_set_new(o, "share_in90_with", brink_json_num((double)a->in90 / a->obs));
        json_array_append_new(es, o);
    }
    json_object_set_new(root, "structural_error", es);
    return root;
}

brink_status brink_calib_write_json(const brink_calib *c, const brink_calib_report *r, FILE *out,
                                    brink_error *err)
{
    if (!c || !r || !r->w || !r->bc || !out ||
        (r->cells && (!r->proj || r->npol < 1 || r->npol > BRINK_ENSEMBLE_MAX_POLICIES)))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "calibration JSON: no calibration, weights, cases or stream");
    json_t *root = to_json(c, r);
    if (root && r->cells) {
        json_t *proj = projection_json(c, r, err);
        if (!proj) {
            json_decref(root);
            return BRINK_ERR_RUNTIME;
        }
        json_object_set_new(root, "projection", proj);
    }
    return brink_json_write(root, out, JSON_DIGITS, err);
}
