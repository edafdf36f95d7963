/* Ensembles: results independent of the thread count, common random numbers,
 * interrupted ensembles equal shorter complete ones, the JSON summary. */
#include "no_aligned_memory.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "brink/ensemble.h"
#include "analysis/ensemble_acc.h"
#include "analysis/ensemble_lean.h"
#include "brink/scenario.h"
#include "model/isa.h"
#include "scenario_test_util.h"
#include "stats_assert.h"

/* Short horizon: keeps the tests fast under the sanitizers. */
static brink_scenario *scenario(int months)
{
    brink_scenario *sc = test_builtin("iran-2025");
    char set[64];
    snprintf(set, sizeof set, "simulation.horizon_months=%d", months);
    assert_int_equal(brink_scenario_set(sc, set, NULL), BRINK_OK);
    return sc;
}

static int policy(const brink_scenario *sc, const char *name)
{
    int i = brink_scenario_policy_index(sc, name);
    assert_true(i >= 0);
    return i;
}

static brink_ensemble_config config(const int *pols, int npol, uint64_t runs, int threads)
{
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    memcpy(cfg.policies, pols, (size_t)npol * sizeof *pols);
    cfg.npolicies = npol;
    cfg.runs = runs;
    cfg.seed = 42;
    cfg.threads = threads;
    return cfg;
}

static brink_ensemble_result *run(const brink_scenario *sc, const int *pols, int npol,
                                  uint64_t runs, int threads)
{
    brink_ensemble_config cfg = config(pols, npol, runs, threads);
    brink_ensemble_result *r = NULL;
    brink_error err;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_OK);
    assert_non_null(r);
    return r;
}

/* ---- Bitwise equality of every accumulator ---------------------------------- */

static void hist_equal(const brink_hist *a, const brink_hist *b)
{
    assert_memory_equal(&a->spec, &b->spec, sizeof a->spec);
    assert_memory_equal(&a->moments, &b->moments, sizeof a->moments);
    assert_true(a->under == b->under && a->over == b->over);
    assert_memory_equal(a->counts, b->counts, a->spec.bins * sizeof *a->counts);
}

static void km_equal(const brink_km *a, const brink_km *b)
{
    assert_int_equal(a->horizon, b->horizon);
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->events, b->events, sizeof a->events);
    assert_memory_equal(a->censored, b->censored, sizeof a->censored);
}

static void policy_equal(const brink_ensemble_policy *a, const brink_ensemble_policy *b)
{
    assert_int_equal(a->outcomes.ncat, b->outcomes.ncat);
    assert_int_equal(a->outcomes.n, b->outcomes.n);
    assert_memory_equal(a->outcomes.count, b->outcomes.count, sizeof a->outcomes.count);
    assert_int_equal(a->by_month.months, b->by_month.months);
    assert_memory_equal(a->by_month.counts, b->by_month.counts,
                        (size_t)a->by_month.months * a->by_month.ncat * sizeof(uint64_t));
    km_equal(&a->km_deal, &b->km_deal);
    km_equal(&a->km_agreement, &b->km_agreement);
    assert_int_equal(a->fan.nvars, b->fan.nvars);
    assert_int_equal(a->fan.months, b->fan.months);
    for (size_t i = 0; i < (size_t)a->fan.nvars * a->fan.months; i++)
        hist_equal(&a->fan.cells[i], &b->fan.cells[i]);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        hist_equal(&a->cost[c], &b->cost[c]);
    assert_int_equal(a->run_months, b->run_months);
}

static void result_equal(const brink_ensemble_result *a, const brink_ensemble_result *b)
{
    assert_int_equal(a->npolicies, b->npolicies);
    assert_int_equal(a->runs_done, b->runs_done);
    assert_int_equal(a->chunks_done, b->chunks_done);
    assert_int_equal(a->horizon, b->horizon);
    for (int k = 0; k < a->npolicies; k++) {
        policy_equal(&a->pol[k], &b->pol[k]);
        assert_memory_equal(&a->pair[k], &b->pair[k], sizeof a->pair[k]);
    }
}

/* The whole file, for byte comparisons. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void files_equal(const char *d1, const char *d2, const char *name)
{
    char p1[1024], p2[1024];
    snprintf(p1, sizeof p1, "%s/%s", d1, name);
    snprintf(p2, sizeof p2, "%s/%s", d2, name);
    size_t n1, n2;
    char *a = slurp(p1, &n1), *b = slurp(p2, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    free(a);
    free(b);
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = {"outcomes.csv", "outcomes_by_month.csv", "fans.csv",
                                        "survival.csv", "costs.csv", "comparison.csv",
                                        "cost_comparison.csv", "summary.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    rmdir(dir);
}

/* ---- Tests ---------------------------------------------------------------------- */

/* T = 1, 2, 3 with N not a multiple of the chunk size: the same accumulators
 * and the same bytes in every output file. */
static void test_threads_bitwise(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(24);
    int pols[2] = {policy(sc, "maximum_pressure"), policy(sc, "staged_reciprocity")};
    uint64_t N = 2 * BRINK_ENSEMBLE_CHUNK + 77;
    brink_ensemble_result *r1 = run(sc, pols, 2, N, 1);
    brink_ensemble_result *r2 = run(sc, pols, 2, N, 2);
    brink_ensemble_result *r3 = run(sc, pols, 2, N, 3);
    assert_int_equal(r1->runs_done, N);
    assert_int_equal(r1->chunks_done, 3);
    assert_false(r1->partial);
    assert_int_equal(r1->pol[0].outcomes.n, N);
    assert_int_equal(r1->pol[1].km_deal.n, N);
    result_equal(r1, r2);
    result_equal(r1, r3);

    char tmpl[] = "/tmp/brink-ens-XXXXXX";
    char *base = mkdtemp(tmpl);
    assert_non_null(base);
    char d[3][256];
    brink_ensemble_result *rs[3] = {r1, r2, r3};
    for (int i = 0; i < 3; i++) {
        snprintf(d[i], sizeof d[i], "%s/t%d", base, i + 1);
        assert_int_equal(brink_ensemble_write_dir(sc, rs[i], 1, d[i], NULL), BRINK_OK);
    }
    static const char *const names[] = {"outcomes.csv", "outcomes_by_month.csv", "fans.csv",
                                        "survival.csv", "costs.csv", "comparison.csv",
                                        "cost_comparison.csv", "summary.json"};
    for (int i = 1; i < 3; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            files_equal(d[0], d[i], names[k]);
    for (int i = 0; i < 3; i++)
        remove_dir(d[i]);
    rmdir(base);
    for (int i = 0; i < 3; i++)
        brink_ensemble_result_free(rs[i]);
    brink_scenario_free(sc);
}

/* Without memory for a worker's fan columns (the only aligned memory an
 * ensemble takes before its runs: a worker's workspace, then the groups of
 * runs in lanes) the ensemble fails with "out of memory" and no result, on
 * one thread and on two; with memory back it gives what an ensemble that
 * never failed gives, to the bit. */
static void test_out_of_memory(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(24);
    int pols[2] = {policy(sc, "maximum_pressure"), policy(sc, "staged_reciprocity")};
    brink_ensemble_result *before = run(sc, pols, 2, 300, 1);
    for (int threads = 1; threads <= 2; threads++) {
        brink_ensemble_config cfg = config(pols, 2, 300, threads);
        brink_ensemble_result *r = NULL;
        brink_error err;
        brink_error_clear(&err);
        no_aligned_memory = 1;
        brink_status st = brink_ensemble_run(sc, &cfg, &r, &err);
        no_aligned_memory = 0;
        assert_int_equal(st, BRINK_ERR_RUNTIME);
        assert_null(r);
        assert_non_null(strstr(err.message, "out of memory"));
    }
    brink_ensemble_result *after = run(sc, pols, 2, 300, 2);
    result_equal(before, after);
    brink_ensemble_result_free(before);
    brink_ensemble_result_free(after);
    brink_scenario_free(sc);
}

/* The same policy twice: common random numbers make every run identical, so
 * each paired difference is exactly 0 with interval [0, 0]. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(36);
    int mp = policy(sc, "maximum_pressure");
    int pols[2] = {mp, mp};
    brink_ensemble_result *r = run(sc, pols, 2, 1500, 2);
    policy_equal(&r->pol[0], &r->pol[1]);
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        brink_paired_diff d;
        assert_int_equal(brink_paired_prop_diff(&r->pair[1].outcome[o], 0.95, &d, NULL),
                         BRINK_OK);
        assert_int_equal(d.n, 1500);
        assert_int_equal(d.discordant, 0);
        assert_true(d.diff == 0 && d.lo == 0 && d.hi == 0);
    }
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        double diff, lo, hi;
        assert_int_equal(brink_paired_mean_diff(&r->pair[1].cost[c], 0.95, &diff, &lo, &hi,
                                                NULL),
                         BRINK_OK);
        assert_true(diff == 0 && lo == 0 && hi == 0);
    }
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
}

/* Common random numbers across different policies: run r under policy B in a
 * comparison is run r of B's own ensemble. */
static void test_compare_matches_single(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(24);
    int pols[2] = {policy(sc, "maximum_pressure"), policy(sc, "low_stakes_first")};
    brink_ensemble_result *both = run(sc, pols, 2, 1100, 2);
    brink_ensemble_result *single = run(sc, &pols[1], 1, 1100, 1);
    policy_equal(&both->pol[1], &single->pol[0]);
    brink_ensemble_result_free(both);
    brink_ensemble_result_free(single);
    brink_scenario_free(sc);
}

typedef struct {
    atomic_int *stop;
    int calls;
} stop_ctx;

static void stop_after_first(uint64_t done, uint64_t total, void *user)
{
    (void)total;
    stop_ctx *c = user;
    c->calls++;
    if (done > 0)
        atomic_store(c->stop, 1);
}

/* A stop after some chunks gives exactly the ensemble of the completed runs. */
static void test_partial_equals_shorter(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(24);
    int pols[2] = {policy(sc, "maximum_pressure"), policy(sc, "staged_reciprocity")};
    for (int threads = 1; threads <= 2; threads++) {
        atomic_int stop = 0;
        stop_ctx ctx = {&stop, 0};
        brink_ensemble_config cfg;
        memset(&cfg, 0, sizeof cfg);
        memcpy(cfg.policies, pols, sizeof pols);
        cfg.npolicies = 2;
        cfg.runs = 40 * BRINK_ENSEMBLE_CHUNK;
        cfg.seed = 42;
        cfg.threads = threads;
        cfg.progress = stop_after_first;
        cfg.progress_user = &ctx;
        cfg.stop = &stop;
        brink_ensemble_result *part = NULL;
        assert_int_equal(brink_ensemble_run(sc, &cfg, &part, NULL), BRINK_OK);
        assert_true(ctx.calls >= 1);
        assert_true(part->partial);
        assert_true(part->runs_done >= BRINK_ENSEMBLE_CHUNK);
        assert_true(part->runs_done < cfg.runs);
        assert_int_equal(part->runs_done % BRINK_ENSEMBLE_CHUNK, 0);
        assert_int_equal(part->runs_done, part->chunks_done * BRINK_ENSEMBLE_CHUNK);
        assert_int_equal(part->pol[0].outcomes.n, part->runs_done);

        brink_ensemble_result *full = run(sc, pols, 2, part->runs_done, threads);
        assert_false(full->partial);
        result_equal(part, full);
        brink_ensemble_result_free(part);
        brink_ensemble_result_free(full);
    }
    /* stopped before it starts: nothing done, still a valid (empty) result */
    atomic_int stop = 1;
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.policies[0] = pols[0];
    cfg.npolicies = 1;
    cfg.runs = 5000;
    cfg.threads = 2;
    cfg.stop = &stop;
    brink_ensemble_result *none = NULL;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &none, NULL), BRINK_OK);
    assert_true(none->partial);
    assert_int_equal(none->runs_done, 0);
    assert_int_equal(none->pol[0].outcomes.n, 0);
    brink_ensemble_result_free(none);
    brink_scenario_free(sc);
}

static void check_prob_block(json_t *outcomes, double *sum)
{
    *sum = 0;
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        json_t *e = json_object_get(outcomes, brink_outcome_name((brink_outcome)o));
        assert_non_null(e);
        json_t *p = json_object_get(e, "p"), *ci = json_object_get(e, "ci");
        assert_true(json_is_number(p));
        assert_true(json_is_array(ci) && json_array_size(ci) == 2);
        double pv = json_number_value(p);
        double lo = json_number_value(json_array_get(ci, 0));
        double hi = json_number_value(json_array_get(ci, 1));
        assert_true(lo <= pv && pv <= hi && lo >= 0 && hi <= 1);
        assert_true(json_is_integer(json_object_get(e, "count")));
        *sum += pv;
    }
}

/* The JSON summary: keys present, probabilities sum to 1, intervals hold p. */
static void test_json_schema(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(60);
    int pols[2] = {policy(sc, "staged_reciprocity"), policy(sc, "maximum_pressure")};
    brink_ensemble_result *r = run(sc, pols, 2, 1500, 0);
    for (int compare = 0; compare <= 1; compare++) {
        FILE *f = tmpfile();
        assert_non_null(f);
        assert_int_equal(brink_ensemble_write_json(sc, r, compare, f, NULL), BRINK_OK);
        rewind(f);
        json_error_t jerr;
        json_t *root = json_loadf(f, 0, &jerr);
        fclose(f);
        assert_non_null(root);
        static const char *const keys[] = {"program", "version", "scenario", "scenario_hash",
                                           "seed", "runs", "runs_completed", "partial"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            assert_non_null(json_object_get(root, keys[i]));
        assert_string_equal(json_string_value(json_object_get(root, "program")), "brink");
        assert_int_equal(json_integer_value(json_object_get(root, "runs")), 1500);
        assert_int_equal(json_integer_value(json_object_get(root, "runs_completed")), 1500);
        assert_true(json_is_false(json_object_get(root, "partial")));
        assert_int_equal(strlen(json_string_value(json_object_get(root, "scenario_hash"))), 16);
        json_t *blocks[2];
        int nb = 0;
        if (compare) {
            json_t *res = json_object_get(root, "results");
            assert_true(json_is_array(res) && json_array_size(res) == 2);
            blocks[nb++] = json_array_get(res, 0);
            blocks[nb++] = json_array_get(res, 1);
            json_t *cmp = json_object_get(root, "comparison");
            assert_non_null(cmp);
            json_t *deal = json_object_get(json_object_get(cmp, "outcomes"), "deal");
            assert_true(json_is_array(deal) && json_array_size(deal) == 1);
            json_t *d = json_array_get(deal, 0);
            double diff = json_number_value(json_object_get(d, "diff"));
            json_t *ci = json_object_get(d, "diff_ci");
            assert_true(json_number_value(json_array_get(ci, 0)) <= diff);
            assert_true(diff <= json_number_value(json_array_get(ci, 1)));
            assert_string_equal(json_string_value(json_object_get(root, "command")), "compare");
        } else {
            blocks[nb++] = root;
            assert_string_equal(json_string_value(json_object_get(root, "policy")),
                                "staged_reciprocity");
        }
        for (int b = 0; b < nb; b++) {
            double sum;
            check_prob_block(json_object_get(blocks[b], "outcomes"), &sum);
            assert_close(sum, 1.0, 1e-9);
            json_t *t = json_object_get(blocks[b], "time_to_deal");
            assert_non_null(t);
            assert_non_null(json_object_get(t, "median_months"));
            assert_non_null(json_object_get(json_object_get(t, "by_years"), "2"));
            assert_non_null(json_object_get(json_object_get(t, "by_years"), "5"));
            assert_null(json_object_get(json_object_get(t, "by_years"), "10")); /* 60 months */
            assert_non_null(json_object_get(blocks[b], "time_to_agreement"));
            json_t *fans = json_object_get(blocks[b], "fans");
            for (int v = 0; v < BRINK_FAN_COUNT; v++) {
                json_t *arr = json_object_get(fans, brink_fan_var_name((brink_fan_var)v));
                assert_true(json_is_array(arr) && json_array_size(arr) == 3); /* years 1, 2, 5 */
            }
            json_t *costs = json_object_get(blocks[b], "costs");
            for (int c = 0; c < BRINK_COST_COUNT; c++) {
                json_t *e = json_object_get(costs, brink_cost_name((brink_cost)c));
                assert_non_null(e);
                double q05 = json_number_value(json_object_get(e, "q05"));
                double q50 = json_number_value(json_object_get(e, "q50"));
                double q95 = json_number_value(json_object_get(e, "q95"));
                assert_true(q05 <= q50 && q50 <= q95);
            }
        }
        json_decref(root);
    }
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
}

/* Internal consistency: the last month of the outcome table is the final
 * outcome distribution; run-months add up; deal-by-horizon counts match. */
static void test_consistency(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(48);
    int pols[1] = {policy(sc, "staged_reciprocity")};
    brink_ensemble_result *r = run(sc, pols, 1, 1200, 2);
    const brink_ensemble_policy *p = &r->pol[0];
    uint32_t H = r->horizon;
    assert_int_equal(H, 48);
    for (uint32_t t = 0; t < H; t++)
        assert_int_equal(brink_outcome_by_month_total(&p->by_month, t), 1200);
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        assert_int_equal(p->by_month.counts[(size_t)(H - 1) * BRINK_OUTCOME_COUNT + (size_t)o],
                         p->outcomes.count[o]);
    /* fan counts: runs running at month t; month 1 has every run */
    const brink_hist *first = brink_fan_cell_const(&p->fan, 0, 0);
    assert_int_equal(first->moments.n, 1200);
    uint64_t months = 0;
    for (uint32_t t = 0; t < H; t++)
        months += brink_fan_cell_const(&p->fan, 0, t)->moments.n;
    assert_int_equal(months, p->run_months);
    /* every run with a deal standing at the end had its first deal */
    assert_true(brink_ensemble_events_by(&p->km_deal, H) >= p->outcomes.count[BRINK_OUTCOME_DEAL]);
    assert_true(brink_ensemble_events_by(&p->km_agreement, H) >=
                brink_ensemble_events_by(&p->km_deal, H));
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
}

static void test_bad_config(void **state)
{
    (void)state;
    brink_scenario *sc = scenario(12);
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.npolicies = 1;
    cfg.runs = 10;
    brink_ensemble_result *r = (brink_ensemble_result *)1;
    brink_error err;
    cfg.runs = 0;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_ERR_INPUT);
    assert_null(r);
    cfg.runs = BRINK_ENSEMBLE_MAX_RUNS + 1;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_ERR_INPUT);
    cfg.runs = 10;
    cfg.threads = -1;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_ERR_INPUT);
    cfg.threads = 1;
    cfg.policies[0] = 99;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_ERR_INPUT);
    assert_non_null(strstr(err.message, "policy"));
    cfg.policies[0] = 0;
    cfg.npolicies = 0;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_ERR_INPUT);
    cfg.npolicies = 1;
    assert_int_equal(brink_ensemble_run(sc, &cfg, &r, &err), BRINK_OK);
    assert_int_equal(r->runs_done, 10);
    brink_ensemble_result_free(r);
    brink_scenario_free(sc);
}

/* The lean ensemble of the exploring commands equals the full ensemble in
 * every figure it keeps, bit for bit: across chunks (1100 runs) and across
 * blocks (more than BRINK_ENSEMBLE_BLOCK chunks), where the cost moments are
 * merged. */
static void test_lean_equals_full(void **state)
{
    (void)state;
    static const struct {
        int months;
        uint64_t runs;
    } cases[] = {{24, 1100}, {3, BRINK_ENSEMBLE_CHUNK * BRINK_ENSEMBLE_BLOCK + 1500}, {12, 7}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_scenario *sc = scenario(cases[i].months);
        int pol = policy(sc, "maximum_pressure");
        brink_ensemble_result *r = run(sc, &pol, 1, cases[i].runs, 2);
        brink_ensemble_lean l;
        brink_error err;
        assert_int_equal(brink_ensemble_lean_run(sc, pol, 42, cases[i].runs, &l, &err), BRINK_OK);
        const brink_ensemble_policy *p = &r->pol[0];
        assert_int_equal(l.horizon, r->horizon);
        assert_int_equal(l.runs, r->runs_done);
        assert_int_equal(l.run_months, p->run_months);
        assert_int_equal(l.by_month.months, p->by_month.months);
        assert_memory_equal(l.by_month.counts, p->by_month.counts,
                            (size_t)r->horizon * BRINK_OUTCOME_COUNT * sizeof *l.by_month.counts);
        km_equal(&l.km_deal, &p->km_deal);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            assert_memory_equal(&l.cost[c], &p->cost[c].moments, sizeof l.cost[c]);
        brink_ensemble_lean_release(&l);
        brink_ensemble_result_free(r);
        brink_scenario_free(sc);
    }
    brink_scenario *sc = scenario(12);
    brink_ensemble_lean l;
    brink_error err;
    assert_int_equal(brink_ensemble_lean_run(sc, 99, 1, 10, &l, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_ensemble_lean_run(sc, 0, 1, 0, &l, &err), BRINK_ERR_INPUT);
    brink_scenario_free(sc);
}

/* Where the processor has lanes, the ensembles step their runs several to
 * a vector (analysis/runner.c); every accumulator, the paired tables and
 * the lean figures equal those of the runs stepped one after another (the
 * library's step forced to its base copy), bit for bit: cases that end in
 * every way, several policies sharing each run's draws (a batch's last
 * jobs taken from other lanes), chunks and a short batch at the end. */
static void test_lanes_equal_one_at_a_time(void **state)
{
    (void)state;
    assert_true(brink_isa_force_(BRINK_ISA_BASE));
    assert_int_equal(brink_lanes_width_(), 0);
    assert_true(brink_isa_force_(-1));
    if (brink_lanes_width_() == 0) {
        printf("  SKIP: no lanes here (the build or the processor has no copy for them)\n");
        return;
    }
    static const char *const cases[] = {"iran-2025", "iraq-1990", "zimbabwe-2002"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        brink_scenario *sc = test_builtin(cases[c]);
        int npol = brink_scenario_policy_count(sc), pols[BRINK_ENSEMBLE_MAX_POLICIES];
        if (npol > 3)
            npol = 3;
        for (int k = 0; k < npol; k++)
            pols[k] = k;
        uint64_t N = BRINK_ENSEMBLE_CHUNK + 301;
        brink_ensemble_result *lanes = run(sc, pols, npol, N, 2);
        brink_ensemble_lean ll;
        assert_int_equal(brink_ensemble_lean_run(sc, pols[0], 42, N, &ll, NULL), BRINK_OK);
        assert_true(brink_isa_force_(BRINK_ISA_BASE));
        brink_ensemble_result *one = run(sc, pols, npol, N, 2);
        brink_ensemble_lean l1;
        assert_int_equal(brink_ensemble_lean_run(sc, pols[0], 42, N, &l1, NULL), BRINK_OK);
        assert_true(brink_isa_force_(-1));
        result_equal(lanes, one);
        assert_int_equal(ll.run_months, l1.run_months);
        assert_memory_equal(ll.by_month.counts, l1.by_month.counts,
                            (size_t)l1.horizon * BRINK_OUTCOME_COUNT * sizeof *l1.by_month.counts);
        km_equal(&ll.km_deal, &l1.km_deal);
        assert_memory_equal(ll.cost, l1.cost, sizeof ll.cost);
        /* the runs ended in more than one way */
        int ways = 0;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            ways += one->pol[0].outcomes.count[o] > 0;
        assert_true(ways >= 2);
        brink_ensemble_lean_release(&ll);
        brink_ensemble_lean_release(&l1);
        brink_ensemble_result_free(lanes);
        brink_ensemble_result_free(one);
        brink_scenario_free(sc);
    }
}

/* Accumulators unpacked from another process or a snapshot have their counts
 * written directly: clearing and merging them (which touch only the bins a
 * histogram has used) must still see every count. */
static void test_unpacked_bins_in_use(void **state)
{
    (void)state;
    const uint32_t H = 6;
    brink_hist_spec fan[BRINK_FAN_COUNT], cost[BRINK_COST_COUNT];
    for (int k = 0; k < BRINK_FAN_COUNT; k++)
        fan[k] = (brink_hist_spec){0, 1, BRINK_SCALE_LINEAR, 16 + (uint32_t)k};
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        cost[c] = (brink_hist_spec){0, 10, BRINK_SCALE_LINEAR, 8};
    acc_set src, got, sum;
    assert_int_equal(acc_alloc(&src, 1, H, fan, cost, NULL), BRINK_OK);
    assert_int_equal(acc_alloc(&got, 1, H, fan, cost, NULL), BRINK_OK);
    assert_int_equal(acc_alloc(&sum, 1, H, fan, cost, NULL), BRINK_OK);
    brink_ensemble_policy *p = &src.pol[0];
    for (uint32_t k = 0; k < BRINK_FAN_COUNT; k++)
        for (uint32_t t = 0; t < H; t++)
            for (uint32_t r = 0; r < 5; r++) {
                double x = 0.05 + 0.09 * (double)((k + t + 3 * r) % 11);
                brink_fan_add(&p->fan, k, t, x, NULL);
            }
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        brink_hist_add(&p->cost[c], 0.5 + c, NULL);
        brink_hist_add(&p->cost[c], 9.5, NULL);
    }
    src.runs = 5;

    brink_packer pk;
    brink_packer_init(&pk);
    acc_pack(&pk, &src);
    assert_false(pk.failed);
    brink_unpacker u;
    brink_unpacker_init(&u, pk.data, pk.len);
    assert_int_equal(acc_unpack(&u, &got, NULL), BRINK_OK);
    brink_packer_release(&pk);

    /* merged into empty accumulators: the same counts as the original */
    assert_int_equal(acc_merge(&sum, &got, NULL), BRINK_OK);
    const brink_ensemble_policy *q = &sum.pol[0];
    assert_memory_equal(q->fan.block, p->fan.block, p->fan.nbins * sizeof *p->fan.block);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        assert_memory_equal(q->cost[c].counts, p->cost[c].counts,
                            cost[c].bins * sizeof *p->cost[c].counts);
    /* cleared: every count gone */
    acc_clear(&got, H);
    for (size_t i = 0; i < got.pol[0].fan.nbins; i++)
        assert_int_equal(got.pol[0].fan.block[i], 0);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        for (uint32_t i = 0; i < cost[c].bins; i++)
            assert_int_equal(got.pol[0].cost[c].counts[i], 0);
    acc_free(&src);
    acc_free(&got);
    acc_free(&sum);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_bitwise),
        cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_compare_matches_single),
        cmocka_unit_test(test_partial_equals_shorter),
        cmocka_unit_test(test_json_schema),
        cmocka_unit_test(test_consistency),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_lean_equals_full),
        cmocka_unit_test(test_lanes_equal_one_at_a_time),
        cmocka_unit_test(test_unpacked_bins_in_use),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
