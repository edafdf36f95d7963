/* Ensemble reports: the JSON summary and the tidy CSV files. Every figure is
 * a pure function of the result, so equal results give equal bytes. */
#include "brink/ensemble.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/brink.h"
#include "core/atomic_file.h"
#include "core/json_out.h"

#define LEVEL 0.95
#define JSON_DIGITS 10 /* significant digits of reals */

static const double quantiles[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
static const int fan_years[4] = {1, 2, 5, 10};
static const int deal_years[3] = {2, 5, 10};

uint64_t brink_ensemble_events_by(const brink_km *km, uint32_t months)
{
    uint64_t n = 0;
    for (uint32_t t = 0; t < months && t < km->horizon; t++)
        n += km->events[t];
    return n;
}

static const char *policy_name(const brink_scenario *sc, const brink_ensemble_result *r, int k)
{
    return brink_scenario_policy_name(sc, r->policies[k]);
}

/* ---- JSON ------------------------------------------------------------------ */

static json_t *jmonth(int m)
{
    return m == BRINK_KM_NOT_REACHED ? json_null() : json_integer(m);
}

static json_t *outcomes_json(const brink_ensemble_policy *p, double z)
{
    json_t *o = json_object();
    for (int c = 0; c < BRINK_OUTCOME_COUNT; c++) {
        double pr, lo, hi;
        brink_categorical_interval(&p->outcomes, (uint32_t)c, z, &pr, &lo, &hi, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "p", brink_json_num(pr));
        json_object_set_new(e, "ci", brink_json_pair(lo, hi));
        json_object_set_new(e, "count", json_integer((json_int_t)p->outcomes.count[c]));
        json_object_set_new(o, brink_outcome_name((brink_outcome)c), e);
    }
    return o;
}

static json_t *time_json(const brink_km *km, const char *event, double z, brink_km_result *kr)
{
    brink_km_estimate(km, LEVEL, kr, NULL);
    json_t *o = json_object();
    json_object_set_new(o, "event", json_string(event));
    json_object_set_new(o, "median_months", jmonth(kr->median));
    json_t *ci = json_array();
    json_array_append_new(ci, jmonth(kr->median_lo));
    json_array_append_new(ci, jmonth(kr->median_hi));
    json_object_set_new(o, "median_ci", ci);
    json_t *by = json_object();
    for (size_t i = 0; i < sizeof deal_years / sizeof deal_years[0]; i++) {
        uint32_t m = (uint32_t)(12 * deal_years[i]);
        if (m > km->horizon)
            continue;
        uint64_t x = brink_ensemble_events_by(km, m);
        double lo, hi;
        brink_wilson(x, km->n, z, &lo, &hi, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "months", json_integer(m));
        json_object_set_new(e, "p", brink_json_num(brink_proportion(x, km->n)));
        json_object_set_new(e, "ci", brink_json_pair(lo, hi));
        json_object_set_new(e, "km_incidence", brink_json_num(kr->incidence[m]));
        char key[16];
        snprintf(key, sizeof key, "%d", deal_years[i]);
        json_object_set_new(by, key, e);
    }
    json_object_set_new(o, "by_years", by);
    return o;
}

static json_t *fans_json(const brink_ensemble_policy *p, uint32_t horizon)
{
    json_t *o = json_object();
    for (int k = 0; k < BRINK_FAN_COUNT; k++) {
        json_t *arr = json_array();
        for (size_t i = 0; i < sizeof fan_years / sizeof fan_years[0]; i++) {
            uint32_t m = (uint32_t)(12 * fan_years[i]);
            if (m > horizon)
                continue;
            const brink_hist *h = brink_fan_cell_const(&p->fan, (uint32_t)k, m - 1);
            json_t *e = json_object();
            json_object_set_new(e, "years", json_integer(fan_years[i]));
            json_object_set_new(e, "month", json_integer(m));
            json_object_set_new(e, "n", json_integer((json_int_t)h->moments.n));
            static const char *const qn[5] = {"q05", "q25", "q50", "q75", "q95"};
            for (int j = 0; j < 5; j++)
                json_object_set_new(e, qn[j],
                                    brink_json_num(brink_hist_quantile(h, quantiles[j], NULL)));
            json_array_append_new(arr, e);
        }
        json_object_set_new(o, brink_fan_var_name((brink_fan_var)k), arr);
    }
    return o;
}

static json_t *costs_json(const brink_ensemble_policy *p)
{
    json_t *o = json_object();
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        const brink_hist *h = &p->cost[c];
        double lo, hi;
        brink_moments_mean_interval(&h->moments, LEVEL, &lo, &hi, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "n", json_integer((json_int_t)h->moments.n));
        json_object_set_new(e, "mean", brink_json_num(brink_moments_mean(&h->moments)));
        json_object_set_new(e, "mean_ci", brink_json_pair(lo, hi));
        json_object_set_new(e, "sd", brink_json_num(brink_moments_sd(&h->moments)));
        json_object_set_new(e, "min", brink_json_num(h->moments.n ? h->moments.min : (double)NAN));
        json_object_set_new(e, "q05", brink_json_num(brink_hist_quantile(h, 0.05, NULL)));
        json_object_set_new(e, "q50", brink_json_num(brink_hist_quantile(h, 0.5, NULL)));
        json_object_set_new(e, "q95", brink_json_num(brink_hist_quantile(h, 0.95, NULL)));
        json_object_set_new(e, "max", brink_json_num(h->moments.n ? h->moments.max : (double)NAN));
        json_object_set_new(o, brink_cost_name((brink_cost)c), e);
    }
    return o;
}

static void policy_fields(json_t *o, const brink_ensemble_result *r, int k, double z,
                          brink_km_result *kr)
{
    const brink_ensemble_policy *p = &r->pol[k];
    json_object_set_new(o, "outcomes", outcomes_json(p, z));
    json_object_set_new(o, "time_to_deal", time_json(&p->km_deal, "first comprehensive deal", z, kr));
    json_object_set_new(o, "time_to_agreement",
                        time_json(&p->km_agreement, "first accepted offer or step", z, kr));
    json_object_set_new(o, "fans", fans_json(p, r->horizon));
    json_object_set_new(o, "costs", costs_json(p));
    json_object_set_new(o, "run_months", json_integer((json_int_t)p->run_months));
}

static json_t *comparison_json(const brink_scenario *sc, const brink_ensemble_result *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "baseline", json_string(policy_name(sc, r, 0)));
    json_t *outs = json_object();
    for (int c = 0; c < BRINK_OUTCOME_COUNT; c++) {
        json_t *arr = json_array();
        for (int k = 1; k < r->npolicies; k++) {
            brink_paired_diff d;
            brink_paired_prop_diff(&r->pair[k].outcome[c], LEVEL, &d, NULL);
            json_t *e = json_object();
            json_object_set_new(e, "policy", json_string(policy_name(sc, r, k)));
            json_object_set_new(e, "p_baseline", brink_json_num(d.p_a));
            json_object_set_new(e, "p", brink_json_num(d.p_b));
            json_object_set_new(e, "diff", brink_json_num(d.diff));
            json_object_set_new(e, "diff_ci", brink_json_pair(d.lo, d.hi));
            json_object_set_new(e, "discordant", json_integer((json_int_t)d.discordant));
            json_array_append_new(arr, e);
        }
        json_object_set_new(outs, brink_outcome_name((brink_outcome)c), arr);
    }
    json_object_set_new(o, "outcomes", outs);
    json_t *costs = json_object();
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        json_t *arr = json_array();
        for (int k = 1; k < r->npolicies; k++) {
            const brink_paired_mean *pm = &r->pair[k].cost[c];
            double d, lo, hi;
            brink_paired_mean_diff(pm, LEVEL, &d, &lo, &hi, NULL);
            json_t *e = json_object();
            json_object_set_new(e, "policy", json_string(policy_name(sc, r, k)));
            json_object_set_new(e, "mean_baseline", brink_json_num(brink_moments_mean(&pm->a)));
            json_object_set_new(e, "mean", brink_json_num(brink_moments_mean(&pm->b)));
            json_object_set_new(e, "diff", brink_json_num(d));
            json_object_set_new(e, "diff_ci", brink_json_pair(lo, hi));
            json_array_append_new(arr, e);
        }
        json_object_set_new(costs, brink_cost_name((brink_cost)c), arr);
    }
    json_object_set_new(o, "costs", costs);
    return o;
}

static json_t *summary_json(const brink_scenario *sc, const brink_ensemble_result *r,
                            int compare, brink_km_result *kr)
{
    double z = brink_z_for_level(LEVEL);
    char hash[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc));
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string(compare ? "compare" : "ensemble"));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    json_object_set_new(root, "scenario_hash", json_string(hash));
    if (compare) {
        json_t *names = json_array();
        for (int k = 0; k < r->npolicies; k++)
            json_array_append_new(names, json_string(policy_name(sc, r, k)));
        json_object_set_new(root, "policies", names);
    } else {
        json_object_set_new(root, "policy", json_string(policy_name(sc, r, 0)));
    }
    json_object_set_new(root, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(root, "runs", json_integer((json_int_t)r->runs_requested));
    json_object_set_new(root, "runs_completed", json_integer((json_int_t)r->runs_done));
    json_object_set_new(root, "partial", json_boolean(r->partial));
    json_object_set_new(root, "horizon_months", json_integer(r->horizon));
    json_object_set_new(root, "chunk_size", json_integer(BRINK_ENSEMBLE_CHUNK));
    json_object_set_new(root, "level", json_real(LEVEL));
    if (compare) {
        json_t *res = json_array();
        for (int k = 0; k < r->npolicies; k++) {
            json_t *o = json_object();
            json_object_set_new(o, "policy", json_string(policy_name(sc, r, k)));
            policy_fields(o, r, k, z, kr);
            json_array_append_new(res, o);
        }
        json_object_set_new(root, "results", res);
        json_object_set_new(root, "comparison", comparison_json(sc, r));
    } else {
        policy_fields(root, r, 0, z, kr);
    }
    return root;
}

brink_status brink_ensemble_write_json(const brink_scenario *sc, const brink_ensemble_result *r,
                                       int compare, FILE *out, brink_error *err)
{
    brink_km_result *kr = malloc(sizeof *kr);
    if (!kr)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    json_t *root = summary_json(sc, r, compare, kr);
    free(kr);
    return brink_json_write(root, out, JSON_DIGITS, err);
}

/* ---- CSV ------------------------------------------------------------------- */

/* A number as R and pandas read it; NA when not finite. */
static void num(FILE *f, double x)
{
    if (isfinite(x))
        fprintf(f, ",%.10g", x);
    else
        fputs(",NA", f);
}

typedef brink_status (*csv_body)(FILE *f, const brink_scenario *sc,
                                 const brink_ensemble_result *r, void *scratch);

static brink_status write_file(const brink_atomic_dir *ad, const char *name, csv_body body,
                               const brink_scenario *sc, const brink_ensemble_result *r,
                               void *scratch, brink_error *err)
{
    char path[BRINK_PATH_MAX + 1];
    if (brink_atomic_dir_path(ad, name, path, sizeof path, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_RUNTIME;
    if (body(af.fp, sc, r, scratch) != BRINK_OK) {
        brink_atomic_abort(&af);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL, "cannot write");
    }
    return brink_atomic_commit(&af, err); /* reports write errors */
}

static brink_status outcomes_csv(FILE *f, const brink_scenario *sc,
                                 const brink_ensemble_result *r, void *scratch)
{
    (void)scratch;
    double z = brink_z_for_level(LEVEL);
    fputs("policy,outcome,p,lo,hi,count,runs\n", f);
    for (int k = 0; k < r->npolicies; k++) {
        const brink_categorical *c = &r->pol[k].outcomes;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
            double p, lo, hi;
            brink_categorical_interval(c, (uint32_t)o, z, &p, &lo, &hi, NULL);
            fprintf(f, "%s,%s", policy_name(sc, r, k), brink_outcome_name((brink_outcome)o));
            num(f, p);
            num(f, lo);
            num(f, hi);
            fprintf(f, ",%" PRIu64 ",%" PRIu64 "\n", c->count[o], c->n);
        }
    }
    return BRINK_OK;
}

static brink_status by_month_csv(FILE *f, const brink_scenario *sc,
                                 const brink_ensemble_result *r, void *scratch)
{
    (void)scratch;
    double z = brink_z_for_level(LEVEL);
    fputs("policy,month,outcome,p,lo,hi,count\n", f);
    for (int k = 0; k < r->npolicies; k++) {
        const brink_outcome_by_month *b = &r->pol[k].by_month;
        for (uint32_t t = 0; t < b->months; t++)
            for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
                double p, lo, hi;
                brink_outcome_by_month_interval(b, t, (uint32_t)o, z, &p, &lo, &hi, NULL);
                fprintf(f, "%s,%u,%s", policy_name(sc, r, k), t + 1,
                        brink_outcome_name((brink_outcome)o));
                num(f, p);
                num(f, lo);
                num(f, hi);
                fprintf(f, ",%" PRIu64 "\n", b->counts[(size_t)t * b->ncat + (uint32_t)o]);
            }
    }
    return BRINK_OK;
}

static brink_status fans_csv(FILE *f, const brink_scenario *sc, const brink_ensemble_result *r,
                             void *scratch)
{
    (void)scratch;
    fputs("policy,month,variable,q05,q25,q50,q75,q95,mean,n\n", f);
    for (int k = 0; k < r->npolicies; k++)
        for (uint32_t t = 0; t < r->horizon; t++)
            for (int v = 0; v < BRINK_FAN_COUNT; v++) {
                const brink_hist *h = brink_fan_cell_const(&r->pol[k].fan, (uint32_t)v, t);
                fprintf(f, "%s,%u,%s", policy_name(sc, r, k), t + 1,
                        brink_fan_var_name((brink_fan_var)v));
                for (int j = 0; j < 5; j++)
                    num(f, brink_hist_quantile(h, quantiles[j], NULL));
                num(f, brink_moments_mean(&h->moments));
                fprintf(f, ",%" PRIu64 "\n", h->moments.n);
            }
    return BRINK_OK;
}

static brink_status survival_csv(FILE *f, const brink_scenario *sc,
                                 const brink_ensemble_result *r, void *scratch)
{
    brink_km_result *kr = scratch;
    fputs("policy,event,month,at_risk,events,censored,S,lo,hi\n", f);
    for (int k = 0; k < r->npolicies; k++)
        for (int e = 0; e < 2; e++) {
            const brink_km *km = e ? &r->pol[k].km_agreement : &r->pol[k].km_deal;
            brink_km_estimate(km, LEVEL, kr, NULL);
            for (uint32_t t = 0; t <= kr->horizon; t++) {
                fprintf(f, "%s,%s,%u,%" PRIu64 ",%" PRIu64 ",%" PRIu64, policy_name(sc, r, k),
                        e ? "agreement" : "deal", t, kr->at_risk[t], kr->events[t],
                        kr->censored[t]);
                num(f, kr->surv[t]);
                num(f, kr->lo[t]);
                num(f, kr->hi[t]);
                fputc('\n', f);
            }
        }
    return BRINK_OK;
}

static brink_status costs_csv(FILE *f, const brink_scenario *sc, const brink_ensemble_result *r,
                              void *scratch)
{
    (void)scratch;
    fputs("policy,cost,n,mean,mean_lo,mean_hi,sd,min,q05,q25,q50,q75,q95,max\n", f);
    for (int k = 0; k < r->npolicies; k++)
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            const brink_hist *h = &r->pol[k].cost[c];
            double lo, hi;
            brink_moments_mean_interval(&h->moments, LEVEL, &lo, &hi, NULL);
            fprintf(f, "%s,%s,%" PRIu64, policy_name(sc, r, k), brink_cost_name((brink_cost)c),
                    h->moments.n);
            num(f, brink_moments_mean(&h->moments));
            num(f, lo);
            num(f, hi);
            num(f, brink_moments_sd(&h->moments));
            num(f, h->moments.n ? h->moments.min : (double)NAN);
            for (int j = 0; j < 5; j++)
                num(f, brink_hist_quantile(h, quantiles[j], NULL));
            num(f, h->moments.n ? h->moments.max : (double)NAN);
            fputc('\n', f);
        }
    return BRINK_OK;
}

static brink_status comparison_csv(FILE *f, const brink_scenario *sc,
                                   const brink_ensemble_result *r, void *scratch)
{
    (void)scratch;
    double z = brink_z_for_level(LEVEL);
    fputs("outcome,policy,p,lo,hi,diff,diff_lo,diff_hi\n", f);
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        for (int k = 0; k < r->npolicies; k++) {
            double p, lo, hi;
            brink_categorical_interval(&r->pol[k].outcomes, (uint32_t)o, z, &p, &lo, &hi, NULL);
            fprintf(f, "%s,%s", brink_outcome_name((brink_outcome)o), policy_name(sc, r, k));
            num(f, p);
            num(f, lo);
            num(f, hi);
            if (k == 0) {
                fputs(",NA,NA,NA\n", f);
                continue;
            }
            brink_paired_diff d;
            brink_paired_prop_diff(&r->pair[k].outcome[o], LEVEL, &d, NULL);
            num(f, d.diff);
            num(f, d.lo);
            num(f, d.hi);
            fputc('\n', f);
        }
    return BRINK_OK;
}

static brink_status cost_comparison_csv(FILE *f, const brink_scenario *sc,
                                        const brink_ensemble_result *r, void *scratch)
{
    (void)scratch;
    fputs("cost,policy,mean,diff,diff_lo,diff_hi\n", f);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        for (int k = 0; k < r->npolicies; k++) {
            fprintf(f, "%s,%s", brink_cost_name((brink_cost)c), policy_name(sc, r, k));
            num(f, brink_moments_mean(&r->pol[k].cost[c].moments));
            if (k == 0) {
                fputs(",NA,NA,NA\n", f);
                continue;
            }
            double d, lo, hi;
            brink_paired_mean_diff(&r->pair[k].cost[c], LEVEL, &d, &lo, &hi, NULL);
            num(f, d);
            num(f, lo);
            num(f, hi);
            fputc('\n', f);
        }
    return BRINK_OK;
}

typedef struct {
    int compare;
} json_ctx;

static brink_status summary_file(FILE *f, const brink_scenario *sc,
                                 const brink_ensemble_result *r, void *scratch)
{
    const json_ctx *c = scratch;
    return brink_ensemble_write_json(sc, r, c->compare, f, NULL);
}

const char *const brink_ensemble_files[] = {
    "outcomes.csv", "outcomes_by_month.csv", "fans.csv", "survival.csv", "costs.csv",
    "comparison.csv", "cost_comparison.csv", "summary.json", NULL};

typedef struct {
    const brink_scenario *sc;
    const brink_ensemble_result *r;
    int compare;
} dir_ctx;

/* The files of one set (brink_atomic_dir_write). */
static brink_status write_files(const brink_atomic_dir *ad, void *ctx, brink_error *err)
{
    const dir_ctx *d = ctx;
    const brink_scenario *sc = d->sc;
    const brink_ensemble_result *r = d->r;
    brink_km_result *kr = malloc(sizeof *kr);
    if (!kr)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    json_ctx jc = {d->compare};
    brink_status st = write_file(ad, "outcomes.csv", outcomes_csv, sc, r, NULL, err);
    if (st == BRINK_OK)
        st = write_file(ad, "outcomes_by_month.csv", by_month_csv, sc, r, NULL, err);
    if (st == BRINK_OK)
        st = write_file(ad, "fans.csv", fans_csv, sc, r, NULL, err);
    if (st == BRINK_OK)
        st = write_file(ad, "survival.csv", survival_csv, sc, r, kr, err);
    if (st == BRINK_OK)
        st = write_file(ad, "costs.csv", costs_csv, sc, r, NULL, err);
    if (st == BRINK_OK && d->compare)
        st = write_file(ad, "comparison.csv", comparison_csv, sc, r, NULL, err);
    if (st == BRINK_OK && d->compare)
        st = write_file(ad, "cost_comparison.csv", cost_comparison_csv, sc, r, NULL, err);
    if (st == BRINK_OK)
        st = write_file(ad, "summary.json", summary_file, sc, r, &jc, err);
    free(kr);
    return st;
}

brink_status brink_ensemble_write_dir(const brink_scenario *sc, const brink_ensemble_result *r,
                                      int compare, const char *dir, brink_error *err)
{
    dir_ctx d = {sc, r, compare};
    return brink_atomic_dir_write(dir, brink_ensemble_files, write_files, &d, err);
}
