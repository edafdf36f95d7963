/* The JSON of `brink sensitivity` (report.h): Sobol indices or Morris
 * effects of each output, for every explored parameter. */
#include "brink/report.h"

#include <jansson.h>

#include "core/json_out.h"

#define JSON_DIGITS 17 /* significant digits of reals: the indices exactly */

static json_t *param_json(const brink_report_exploration *x, int k, int j)
{
    json_t *p = json_object();
    json_object_set_new(p, "path", json_string(x->param[j].path));
    json_object_set_new(p, "low", json_real(x->param[j].lo));
    json_object_set_new(p, "high", json_real(x->param[j].hi));
    if (x->kind == BRINK_REPORT_MORRIS) {
        const brink_morris_result *m = x->morris[k];
        json_object_set_new(p, "mu_star", json_real(m->mu_star[j]));
        json_object_set_new(p, "mu_star_lo", json_real(m->mu_star_lo[j]));
        json_object_set_new(p, "mu_star_hi", json_real(m->mu_star_hi[j]));
        json_object_set_new(p, "mu", json_real(m->mu[j]));
        json_object_set_new(p, "sigma", json_real(m->sigma[j]));
    } else {
        const brink_sobol_result *s = x->sobol[k];
        json_object_set_new(p, "s1", json_real(s->s1[j]));
        json_object_set_new(p, "s1_lo", json_real(s->s1_lo[j]));
        json_object_set_new(p, "s1_hi", json_real(s->s1_hi[j]));
        json_object_set_new(p, "st", json_real(s->st[j]));
        json_object_set_new(p, "st_lo", json_real(s->st_lo[j]));
        json_object_set_new(p, "st_hi", json_real(s->st_hi[j]));
    }
    return p;
}

static json_t *to_json(const brink_scenario *sc, const brink_report_exploration *x)
{
    int morris = x->kind == BRINK_REPORT_MORRIS;
    json_t *root = json_object();
    json_object_set_new(root, "command", json_string("sensitivity"));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    json_object_set_new(root, "policy", json_string(brink_scenario_policy_name(sc, x->policy)));
    json_object_set_new(root, "method", json_string(morris ? "morris" : "sobol"));
    json_object_set_new(root, "runs_per_point", json_integer((json_int_t)x->runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)x->seed));
    json_object_set_new(root, morris ? "trajectories" : "base_samples", json_integer(x->units));
    json_object_set_new(root, "points", json_integer(x->points));
    json_object_set_new(root, "partial", json_boolean(x->partial));
    json_object_set_new(root, "run_months", json_integer((json_int_t)x->run_months));
    json_t *outs = json_array();
    for (int k = 0; k < x->noutputs; k++) {
        json_t *jo = json_object(), *ps = json_array();
        json_object_set_new(jo, "output", json_string(x->outputs[k]));
        for (int j = 0; j < x->d; j++)
            json_array_append_new(ps, param_json(x, k, j));
        if (!morris) {
            json_object_set_new(jo, "mean", json_real(x->sobol[k]->mean));
            json_object_set_new(jo, "variance", json_real(x->sobol[k]->var));
        }
        json_object_set_new(jo, "parameters", ps);
        json_array_append_new(outs, jo);
    }
    json_object_set_new(root, "outputs", outs);
    return root;
}

brink_status brink_sensitivity_write_json(const brink_scenario *sc,
                                          const brink_report_exploration *x, FILE *out,
                                          brink_error *err)
{
    int ok = sc && x && out && (x->d == 0 || x->param) && (x->noutputs == 0 || x->outputs);
    if (ok && x->kind == BRINK_REPORT_SOBOL)
        for (int k = 0; k < x->noutputs; k++)
            ok = ok && x->sobol && x->sobol[k];
    else if (ok && x->kind == BRINK_REPORT_MORRIS)
        for (int k = 0; k < x->noutputs; k++)
            ok = ok && x->morris && x->morris[k];
    else
        ok = 0;
    if (!ok)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "sensitivity JSON: not a Sobol or Morris analysis with a "
                               "result for every output");
    return brink_json_write(to_json(sc, x), out, JSON_DIGITS, err);
}
