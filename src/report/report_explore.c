/* The exploration section of the HTML report: the data of a Sobol or Morris
 * sensitivity analysis, a PRIM scenario discovery or a robustness analysis
 * (brink sensitivity, discover and robust with --report), and their key
 * findings in words (docs/reports.md, docs/exploration.md). The charts are
 * drawn by report.js from the data. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

#define LEAD_PARAMS 3 /* parameters named in a finding */

/* ---- Words ------------------------------------------------------------------ */

/* An output's name in words: p_deal_within_60 "P(deal within 60 months)",
 * p_war_120 "P(war at month 120)", mean_COST "mean COST per run". */
static void output_words(const char *name, char *buf, size_t size)
{
    unsigned m;
    char what[64];
    if (sscanf(name, "p_deal_within_%u", &m) == 1)
        snprintf(buf, size, "P(deal within %u months)", m);
    else if (strncmp(name, "p_", 2) == 0 && strrchr(name, '_') > name + 2 &&
             sscanf(strrchr(name, '_') + 1, "%u", &m) == 1) {
        size_t n = (size_t)(strrchr(name, '_') - (name + 2));
        snprintf(what, sizeof what, "%.*s", (int)(n < sizeof what ? n : sizeof what - 1),
                 name + 2);
        for (char *c = what; *c; c++)
            if (*c == '_')
                *c = ' ';
        snprintf(buf, size, "P(%s at month %u)", what, m);
    } else if (strcmp(name, "median_months_to_deal") == 0)
        snprintf(buf, size, "median months to a deal");
    else if (strncmp(name, "mean_", 5) == 0)
        snprintf(buf, size, "mean %s per run", name + 5);
    else
        snprintf(buf, size, "%s", name);
}

static const char *design_words(const brink_report_exploration *x, char *buf, size_t size)
{
    switch (x->kind) {
    case BRINK_REPORT_SOBOL:
        snprintf(buf, size, "%d points (%d base samples of a Saltelli design)", x->points,
                 x->units);
        break;
    case BRINK_REPORT_MORRIS:
        snprintf(buf, size, "%d points (%d Morris trajectories)", x->points, x->units);
        break;
    case BRINK_REPORT_ROBUST:
        snprintf(buf, size, "%d futures (a Latin hypercube)", x->points);
        break;
    default:
        snprintf(buf, size, "%d points (%s design)", x->points, x->design);
        break;
    }
    return buf;
}

void report_explore_subtitle(const brink_scenario *sc, const brink_report_exploration *x,
                             char *buf, size_t size)
{
    char o[96];
    switch (x->kind) {
    case BRINK_REPORT_SOBOL:
    case BRINK_REPORT_MORRIS:
        output_words(x->noutputs ? x->outputs[0] : "", o, sizeof o);
        snprintf(buf, size, "%s sensitivity of %s%s under %s over %d parameters",
                 x->kind == BRINK_REPORT_SOBOL ? "Sobol" : "Morris", o,
                 x->noutputs > 1 ? " and more" : "", report_policy_label(sc, x->policy), x->d);
        break;
    case BRINK_REPORT_PRIM:
        snprintf(buf, size, "Scenario discovery: where \"%s\" holds, over %d parameters",
                 x->condition, x->d);
        break;
    case BRINK_REPORT_ROBUST:
        output_words(x->output, o, sizeof o);
        snprintf(buf, size, "Robustness of %d policies across %d futures: %s", x->robust->np,
                 x->points, o);
        break;
    }
}

/* ---- Data ------------------------------------------------------------------- */

static json_t *real_array(const double *v, int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, brink_json_num(v[i]));
    return a;
}

/* The sampled range of parameter j: the least and largest value among the
 * points (the box's limits are inside it). */
static void sampled(const brink_report_exploration *x, int j, double *lo, double *hi)
{
    *lo = x->param[j].lo;
    *hi = x->param[j].hi;
    if (!x->x || x->points < 1)
        return;
    *lo = *hi = x->x[j];
    for (int i = 1; i < x->points; i++) {
        double v = x->x[(size_t)i * (size_t)x->d + (size_t)j];
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

static json_t *box_json(const brink_report_exploration *x, const brink_prim_box *b,
                        const double *p_value)
{
    json_t *o = json_object();
    json_object_set_new(o, "coverage", brink_json_num(b->coverage));
    json_object_set_new(o, "density", brink_json_num(b->density));
    json_object_set_new(o, "mass", brink_json_num(b->mass));
    json_object_set_new(o, "n_in", json_integer(b->n_in));
    json_object_set_new(o, "n_pos", json_integer(b->n_pos));
    json_t *lim = json_array();
    for (int j = 0; j < x->d; j++) {
        if (!b->restricted[j])
            continue;
        double lo, hi;
        sampled(x, j, &lo, &hi);
        json_t *l = json_object();
        json_object_set_new(l, "index", json_integer(j));
        json_object_set_new(l, "path", json_string(x->param[j].path));
        json_object_set_new(l, "low", brink_json_num(b->lo[j]));
        json_object_set_new(l, "high", brink_json_num(b->hi[j]));
        json_object_set_new(l, "sampled_low", brink_json_num(lo));
        json_object_set_new(l, "sampled_high", brink_json_num(hi));
        json_object_set_new(l, "p_value", p_value ? brink_json_num(p_value[j]) : json_null());
        json_array_append_new(lim, l);
    }
    json_object_set_new(o, "limits", lim);
    return o;
}

static json_t *prim_json(const brink_report_exploration *x, const brink_prim_result *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "n", json_integer(p->n));
    json_object_set_new(o, "n_pos", json_integer(p->n_pos));
    json_object_set_new(o, "base_density", brink_json_num(p->base_density));
    json_t *steps = json_array();
    for (int s = 0; s < p->n_steps; s++) {
        int nr = 0;
        for (int j = 0; j < p->d; j++)
            nr += p->step[s].restricted[j];
        json_array_append_new(steps, json_pack("{s:o, s:o, s:o, s:i}", "coverage",
                                               brink_json_num(p->step[s].coverage), "density",
                                               brink_json_num(p->step[s].density), "mass",
                                               brink_json_num(p->step[s].mass), "restricted", nr));
    }
    json_object_set_new(o, "steps", steps);
    json_object_set_new(o, "chosen", json_integer(p->chosen));
    json_object_set_new(o, "box", box_json(x, &p->box, p->p_value));
    return o;
}

json_t *report_explore_json(const brink_scenario *sc, const brink_report_exploration *x)
{
    static const char *const kinds[] = {"", "sobol", "morris", "prim", "robust"};
    char words[96];
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(kinds[x->kind]));
    json_object_set_new(o, "design", json_string(x->design));
    json_object_set_new(o, "points", json_integer(x->points));
    json_object_set_new(o, "units", json_integer(x->units));
    json_object_set_new(o, "runs_per_point", json_integer((json_int_t)x->runs));
    json_object_set_new(o, "seed", json_integer((json_int_t)x->seed));
    json_object_set_new(o, "partial", json_boolean(x->partial));
    json_object_set_new(o, "run_months", json_integer((json_int_t)x->run_months));
    json_object_set_new(o, "policy", json_string(brink_scenario_policy_name(sc, x->policy)));
    json_object_set_new(o, "policy_label", json_string(report_policy_label(sc, x->policy)));
    json_t *ps = json_array();
    for (int j = 0; j < x->d; j++)
        json_array_append_new(ps, json_pack("{s:s, s:o, s:o}", "path", x->param[j].path, "low",
                                            brink_json_num(x->param[j].lo), "high",
                                            brink_json_num(x->param[j].hi)));
    json_object_set_new(o, "parameters", ps);

    if (x->kind == BRINK_REPORT_SOBOL || x->kind == BRINK_REPORT_MORRIS) {
        json_t *outs = json_array();
        for (int k = 0; k < x->noutputs; k++) {
            json_t *e = json_object();
            output_words(x->outputs[k], words, sizeof words);
            json_object_set_new(e, "output", json_string(x->outputs[k]));
            json_object_set_new(e, "label", json_string(words));
            if (x->kind == BRINK_REPORT_SOBOL) {
                const brink_sobol_result *s = x->sobol[k];
                json_object_set_new(e, "mean", brink_json_num(s->mean));
                json_object_set_new(e, "variance", brink_json_num(s->var));
                json_object_set_new(e, "s1", real_array(s->s1, x->d));
                json_object_set_new(e, "s1_lo", real_array(s->s1_lo, x->d));
                json_object_set_new(e, "s1_hi", real_array(s->s1_hi, x->d));
                json_object_set_new(e, "st", real_array(s->st, x->d));
                json_object_set_new(e, "st_lo", real_array(s->st_lo, x->d));
                json_object_set_new(e, "st_hi", real_array(s->st_hi, x->d));
                json_object_set_new(e, "max_halfwidth",
                                    brink_json_num(brink_sobol_max_halfwidth(s, 0.05)));
            } else {
                const brink_morris_result *m = x->morris[k];
                json_object_set_new(e, "mu_star", real_array(m->mu_star, x->d));
                json_object_set_new(e, "mu_star_lo", real_array(m->mu_star_lo, x->d));
                json_object_set_new(e, "mu_star_hi", real_array(m->mu_star_hi, x->d));
                json_object_set_new(e, "mu", real_array(m->mu, x->d));
                json_object_set_new(e, "sigma", real_array(m->sigma, x->d));
            }
            json_array_append_new(outs, e);
        }
        json_object_set_new(o, "outputs", outs);
    } else if (x->kind == BRINK_REPORT_PRIM) {
        json_object_set_new(o, "condition", json_string(x->condition));
        json_object_set_new(o, "hits", json_integer(x->hits));
        json_object_set_new(o, "prim", x->prim ? prim_json(x, x->prim) : json_null());
    } else {
        const brink_robust_result *r = x->robust;
        output_words(x->output, words, sizeof words);
        json_object_set_new(o, "output", json_string(x->output));
        json_object_set_new(o, "label", json_string(words));
        json_object_set_new(o, "maximise", json_boolean(r->maximise));
        json_object_set_new(o, "threshold", brink_json_num(r->threshold));
        json_object_set_new(o, "minimax", json_integer(r->minimax));
        json_object_set_new(o, "most_satisficing", json_integer(r->most_satisficing));
        json_t *pols = json_array();
        for (int k = 0; k < r->np; k++) {
            json_t *e = json_object();
            json_object_set_new(e, "id",
                                json_string(brink_scenario_policy_name(sc, x->policies[k])));
            json_object_set_new(e, "label", json_string(report_policy_label(sc, x->policies[k])));
            json_object_set_new(e, "mean", brink_json_num(r->mean[k]));
            json_object_set_new(e, "mean_regret", brink_json_num(r->mean_regret[k]));
            json_object_set_new(e, "max_regret", brink_json_num(r->max_regret[k]));
            json_object_set_new(e, "share_meets", brink_json_num(r->share_meets[k]));
            /* share_meets is a count over nf */
            json_object_set_new(e, "fails",
                                json_integer(r->nf - (int)lround(r->share_meets[k] * r->nf)));
            json_object_set_new(e, "fail_box", x->fails && x->fails[k]
                                                   ? box_json(x, &x->fails[k]->box,
                                                              x->fails[k]->p_value)
                                                   : json_null());
            json_array_append_new(pols, e);
        }
        json_object_set_new(o, "policies", pols);
    }
    return o;
}

/* ---- Key findings ----------------------------------------------------------- */

/* The indices of the d values of v, largest first (ties: the first). */
static void rank(const double *v, int d, int *idx)
{
    for (int j = 0; j < d; j++)
        idx[j] = j;
    for (int a = 1; a < d; a++) {
        int t = idx[a], b = a;
        double vt = isfinite(v[t]) ? v[t] : -(double)INFINITY;
        while (b > 0 && vt > (isfinite(v[idx[b - 1]]) ? v[idx[b - 1]] : -(double)INFINITY)) {
            idx[b] = idx[b - 1];
            b--;
        }
        idx[b] = t;
    }
}

/* "A (total index 0.78 [0.72–0.84]), then B (…) and C (…)" for the leading
 * values of v; sobol: two decimals, else three significant digits. */
static void leaders(const brink_report_exploration *x, const double *v, const double *lo,
                    const double *hi, int sobol, char *buf, size_t size)
{
    int idx[BRINK_EXPLORE_MAX_DIM];
    rank(v, x->d, idx);
    int n = x->d < LEAD_PARAMS ? x->d : LEAD_PARAMS;
    size_t used = 0;
    buf[0] = '\0';
    for (int r = 0; r < n && used < size; r++) {
        int j = idx[r];
        char num[96];
        if (sobol)
            snprintf(num, sizeof num, "total index %.2f [%.2f–%.2f]", v[j], lo[j], hi[j]);
        else
            snprintf(num, sizeof num, "mu* %.3g [%.3g–%.3g]", v[j], lo[j], hi[j]);
        int w = snprintf(buf + used, size - used, "%s%s (%s)",
                         r == 0 ? "" : (r == 1 ? ", then " : " and "), x->param[j].path, num);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void box_words(const brink_report_exploration *x, const brink_prim_box *b,
                      char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int j = 0; j < x->d && used < size; j++) {
        if (!b->restricted[j])
            continue;
        int w = snprintf(buf + used, size - used, "%s%s from %.3g to %.3g", used ? "; " : "",
                         x->param[j].path, b->lo[j], b->hi[j]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (!used)
        snprintf(buf, size, "no parameter limits it significantly");
}

void report_explore_findings(const brink_scenario *sc, const brink_report_exploration *x,
                             report_findings *f)
{
    char design[128], words[96], list[480];
    design_words(x, design, sizeof design);
    if (x->kind == BRINK_REPORT_ROBUST)
        report_add_finding(f,
                           "%s over %d uncertain parameters, in each an ensemble of %" PRIu64
                           " runs of every policy on common random numbers (seed %" PRIu64
                           ")%s.",
                           design, x->d, x->runs, x->seed, x->partial ? "; interrupted" : "");
    else
        report_add_finding(f,
                           "Explored: %d parameters over their ranges at %s, each an ensemble "
                           "of %" PRIu64 " runs of %s on common random numbers (seed %" PRIu64
                           ")%s.",
                           x->d, design, x->runs, report_policy_label(sc, x->policy), x->seed,
                           x->partial ? "; interrupted, the complete points are used" : "");
    switch (x->kind) {
    case BRINK_REPORT_SOBOL: {
        double worst = 0;
        for (int k = 0; k < x->noutputs; k++) {
            const brink_sobol_result *s = x->sobol[k];
            output_words(x->outputs[k], words, sizeof words);
            leaders(x, s->st, s->st_lo, s->st_hi, 1, list, sizeof list);
            if (k < REPORT_MAX_FINDINGS - 2)
                report_add_finding(f, "%s (mean %.3g across the ranges) is driven most by %s.",
                                   words, s->mean, list);
            worst = fmax(worst, brink_sobol_max_halfwidth(s, 0.05));
        }
        report_add_finding(f,
                           "Precision: the widest 95%% interval of a total index of at least "
                           "0.05 is ±%.3f; a total index above its first-order index marks "
                           "interactions.",
                           worst);
        break;
    }
    case BRINK_REPORT_MORRIS:
        for (int k = 0; k < x->noutputs && k < REPORT_MAX_FINDINGS - 2; k++) {
            const brink_morris_result *m = x->morris[k];
            output_words(x->outputs[k], words, sizeof words);
            leaders(x, m->mu_star, m->mu_star_lo, m->mu_star_hi, 0, list, sizeof list);
            report_add_finding(f, "%s moves most with %s.", words, list);
        }
        if (x->noutputs > 0) {
            const brink_morris_result *m = x->morris[0];
            int idx[BRINK_EXPLORE_MAX_DIM];
            rank(m->sigma, x->d, idx);
            output_words(x->outputs[0], words, sizeof words);
            report_add_finding(f,
                               "The largest spread of effects on %s is that of %s (sigma "
                               "%.3g against mu* %.3g): a sign of interactions or of a "
                               "non-linear effect.",
                               words, x->param[idx[0]].path, m->sigma[idx[0]],
                               m->mu_star[idx[0]]);
        }
        break;
    case BRINK_REPORT_PRIM:
        report_add_finding(f, "The condition \"%s\" holds at %d of %d points (%.1f%%).",
                           x->condition, x->hits, x->points,
                           x->points ? 100.0 * x->hits / x->points : 0.0);
        if (!x->prim) {
            report_add_finding(f, "Nothing to discover: it holds %s.",
                               x->hits ? "everywhere" : "nowhere");
            break;
        }
        report_add_finding(f,
                           "In the box PRIM found it holds at %.0f%% of the points against "
                           "%.0f%% overall; the box catches %.0f%% of the points where it "
                           "holds, in %.0f%% of the space sampled.",
                           100 * x->prim->box.density, 100 * x->prim->base_density,
                           100 * x->prim->box.coverage, 100 * x->prim->box.mass);
        box_words(x, &x->prim->box, list, sizeof list);
        report_add_finding(f, "The box: %s.", list);
        break;
    case BRINK_REPORT_ROBUST: {
        const brink_robust_result *r = x->robust;
        int mm = r->minimax, ms = r->most_satisficing;
        output_words(x->output, words, sizeof words);
        report_add_finding(f,
                           "Minimax regret: %s. Its largest shortfall on %s against the best "
                           "policy in any future is %.3f (mean %.3f).",
                           report_policy_label(sc, x->policies[mm]), words, r->max_regret[mm],
                           r->mean_regret[mm]);
        report_add_finding(f, "Meets the threshold (%s %s %g) most often: %s, in %.0f%% of the "
                              "futures.",
                           words, r->maximise ? "at least" : "at most", r->threshold,
                           report_policy_label(sc, x->policies[ms]), 100 * r->share_meets[ms]);
        if (x->fails && x->fails[mm]) {
            box_words(x, &x->fails[mm]->box, list, sizeof list);
            report_add_finding(f, "%s misses the threshold mostly where %s.",
                               report_policy_label(sc, x->policies[mm]), list);
        }
        break;
    }
    }
}
