/* Calibration: the table of fitted parameters, the Sobol design, the
 * likelihood weighting and leave-one-out, applying and writing a fit, and
 * determinism over thread counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "brink/calibrate.h"
#include "scenario_test_util.h"

/* Every fitted parameter names a real parameter (or the resolve prior),
 * has a box inside the parameter's allowed range, and can be set. */
static void test_param_table(void **state)
{
    (void)state;
    int d = brink_calib_param_count();
    assert_true(d >= 8);
    brink_scenario *sc = test_builtin("iran-2012");
    double x[64];
    for (int j = 0; j < d; j++) {
        double lo, hi;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        assert_true(lo < hi);
        assert_true(!lg || lo > 0);
        assert_non_null(brink_calib_param_description(j));
        x[j] = 0.5 * (lo + hi);
    }
    assert_null(brink_calib_param_name(d));
    brink_error err;
    assert_int_equal(brink_calib_set_point(sc, x, &err), BRINK_OK);
    /* the resolve prior moved the target's resolve and the senders' belief together */
    char *yaml = test_write(sc);
    assert_non_null(yaml);
    char want[128];
    int jm = -1;
    for (int j = 0; j < d; j++)
        if (strcmp(brink_calib_param_name(j), "prior.resolve_mean") == 0)
            jm = j;
    assert_true(jm >= 0);
    snprintf(want, sizeof want, "prior_resolve_mean: %g", x[jm]);
    assert_non_null(strstr(yaml, want));
    assert_non_null(strstr(yaml, "resolve: {truncated_normal: ["));
    free(yaml);
    brink_scenario_free(sc);
}

static brink_calib *small_run(int threads, double weight, uint32_t refine)
{
    brink_scenario *cases[3] = {test_builtin("iran-2012"), test_builtin("haiti-1991"),
                                test_builtin("russia-2022")};
    brink_calib_config cfg = {
        .points = 6, .refine_points = refine, .runs = 15, .seed = 5, .threads = threads,
        .population_weight = weight};
    brink_calib *c = NULL;
    brink_error err;
    assert_int_equal(brink_calib_run(cases, 3, &cfg, &c, &err), BRINK_OK);
    for (int i = 0; i < 3; i++)
        brink_scenario_free(cases[i]);
    return c;
}

/* Each cell holds what the case's runs at the design point give when they
 * are stepped one by one with their event logs: the outcomes, and the runs
 * with a militarized event (MID level 2 or more) and with a violent one
 * (ICB violence 2 or more), alone and ending in war. (The calibration reads
 * the runs' totals, in lanes where the processor has them.) */
static void test_cells_match_event_logs(void **state)
{
    (void)state;
    const char *names[3] = {"iran-2012", "haiti-1991", "russia-2022"};
    brink_calib *c = small_run(1, 0, 0);
    int d = brink_calib_param_count(), some_dispute = 0, some_crisis = 0;
    for (int i = 0; i < 3; i++) {
        brink_scenario *base = test_builtin(names[i]);
        const brink_history *h = brink_scenario_history(base);
        int policy = h->policy >= 0 ? h->policy : brink_scenario_default_policy(base);
        for (int k = 0; k < brink_calib_points(c); k++) {
            double x[64];
            assert_true(d <= 64);
            for (int j = 0; j < d; j++)
                x[j] = brink_calib_value(c, k, j);
            brink_scenario *sc = brink_scenario_clone(base, NULL);
            assert_non_null(sc);
            assert_int_equal(brink_calib_set_point(sc, x, NULL), BRINK_OK);
            brink_sim *sim = brink_sim_alloc(sc, NULL);
            assert_non_null(sim);
            brink_calib_cell want;
            memset(&want, 0, sizeof want);
            for (uint64_t r = 0; r < brink_calib_runs(c); r++) {
                assert_int_equal(brink_sim_init(sim, policy, 5, r, 1, 1, NULL), BRINK_OK);
                brink_sim_run(sim);
                const brink_event *ev;
                size_t n = brink_sim_events(sim, &ev);
                int dispute = 0, crisis = 0;
                for (size_t e = 0; e < n; e++) {
                    dispute |= brink_event_mid_level(ev[e].kind) >= 2;
                    crisis |= brink_event_icb_level(ev[e].kind) >= 2;
                }
                brink_outcome o = brink_sim_summary(sim)->outcome;
                int war = o == BRINK_OUTCOME_WAR;
                want.count[o]++;
                want.disputes += (uint32_t)dispute;
                want.disputes_war += (uint32_t)(dispute && war);
                want.crises += (uint32_t)crisis;
                want.crises_war += (uint32_t)(crisis && war);
            }
            const brink_calib_cell *got = brink_calib_cell_at(c, k, i);
            for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
                assert_int_equal(got->count[o], want.count[o]);
            assert_int_equal(got->disputes, want.disputes);
            assert_int_equal(got->disputes_war, want.disputes_war);
            assert_int_equal(got->crises, want.crises);
            assert_int_equal(got->crises_war, want.crises_war);
            some_dispute |= want.disputes > 0;
            some_crisis |= want.crises > 0;
            brink_sim_free(sim);
            brink_scenario_free(sc);
        }
        brink_scenario_free(base);
    }
    /* (the counts compared are not all zero) */
    assert_true(some_dispute && some_crisis);
    brink_calib_free(c);
}

static void test_design_and_fit(void **state)
{
    (void)state;
    brink_calib *c = small_run(2, 4, 0);
    int K = brink_calib_points(c), n = brink_calib_cases(c), d = brink_calib_param_count();
    assert_int_equal(K, 6);
    assert_int_equal(n, 3);
    /* the design fills the box and no two points coincide */
    for (int j = 0; j < d; j++) {
        double lo, hi;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        for (int k = 0; k < K; k++) {
            double v = brink_calib_value(c, k, j);
            assert_true(v >= lo && v <= hi);
            for (int k2 = 0; k2 < k; k2++)
                assert_true(v != brink_calib_value(c, k2, j));
        }
    }
    /* each cell counts every run once */
    for (int k = 0; k < K; k++)
        for (int i = 0; i < n; i++) {
            const brink_calib_cell *cell = brink_calib_cell_at(c, k, i);
            uint32_t tot = 0;
            for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
                tot += cell->count[o];
            assert_int_equal(tot, 15);
            assert_true(cell->disputes_war <= cell->disputes && cell->disputes <= 15);
            assert_true(cell->crises_war <= cell->crises && cell->crises <= 15);
        }
    double ll[6], w[6], ess;
    brink_calib_fit(c, NULL, ll, w, &ess);
    double s = 0;
    for (int k = 0; k < K; k++) {
        assert_true(w[k] >= 0);
        s += w[k];
    }
    assert_near(s, 1.0, 1e-12);
    assert_true(ess >= 1 && ess <= K + 1e-9);
    /* the weights follow the likelihood */
    int best = 0;
    for (int k = 1; k < K; k++)
        if (ll[k] > ll[best])
            best = k;
    for (int k = 0; k < K; k++)
        assert_true(w[k] <= w[best]);
    /* each fitted forecast is a probability vector */
    for (int i = 0; i < n; i++) {
        double p[BRINK_OUTCOME_COUNT], ps = 0;
        brink_calib_predict(c, w, i, p);
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            ps += p[o];
        assert_near(ps, 1.0, 1e-12);
    }
    /* no case and no population target: the prior, uniform over the design */
    unsigned char all[3] = {1, 1, 1};
    brink_calib *c0 = small_run(1, 0, 0);
    brink_calib_fit(c0, all, ll, w, &ess);
    for (int k = 0; k < K; k++)
        assert_near(w[k], 1.0 / K, 1e-12);
    assert_near(ess, K, 1e-9);
    /* one case alone, no population target: the fitted forecast gives what
     * happened at least the design's average probability (the update moves
     * towards the data) */
    for (int i = 0; i < n; i++) {
        unsigned char only[3] = {1, 1, 1};
        only[i] = 0;
        brink_calib_fit(c0, only, ll, w, &ess);
        double p[BRINK_OUTCOME_COUNT], mean = 0;
        brink_calib_predict(c0, w, i, p);
        int a = brink_calib_case_actual(c0, i);
        for (int k = 0; k < K; k++)
            mean += brink_calib_cell_at(c0, k, i)->count[a] / 15.0 / K;
        assert_true(p[a] >= mean - 1e-12);
    }
    /* summaries lie inside the box */
    for (int j = 0; j < d; j++) {
        double lo, hi, m, sd, q05, q95;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        brink_calib_summary(c, w, j, &m, &sd, &q05, &q95);
        assert_true(m >= lo && m <= hi && sd >= 0 && q05 <= q95);
    }
    brink_calib_free(c0);
    brink_calib_free(c);
}

static void test_threads_and_output(void **state)
{
    (void)state;
    brink_calib *a = small_run(1, 4, 0), *b = small_run(3, 4, 0);
    for (int k = 0; k < brink_calib_points(a); k++)
        for (int i = 0; i < brink_calib_cases(a); i++)
            assert_memory_equal(brink_calib_cell_at(a, k, i), brink_calib_cell_at(b, k, i),
                                sizeof(brink_calib_cell));
    double ll[6], w[6], ess;
    brink_calib_fit(a, NULL, ll, w, &ess);
    /* applying the fit gives every fitted parameter a distribution */
    brink_scenario *sc = test_builtin("haiti-1991");
    brink_error err;
    assert_int_equal(brink_calib_apply(a, w, sc, &err), BRINK_OK);
    char *yaml = test_write(sc);
    assert_non_null(yaml);
    assert_non_null(strstr(yaml, "choice_noise: {truncated_normal: ["));
    free(yaml);
    brink_scenario_free(sc);
    /* the generated table */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char *paths[1] = {"behaviour.error.gdp"};
    const double vals[1] = {0.25};
    assert_int_equal(brink_calib_write_def(a, w, paths, vals, 1, f, &err), BRINK_OK);
    fclose(f);
    int rows = 0;
    for (const char *p = buf; (p = strstr(p, "\nC(\"")) != NULL; p++)
        rows++;
    assert_int_equal(rows, brink_calib_param_count());
    assert_non_null(strstr(buf, "E(\"behaviour.error.gdp\", 0.25)"));
    free(buf);
    brink_calib_free(a);
    brink_calib_free(b);
}

/* The second stage: more points, inside the box, normalised weights, and
 * the same design and simulations for any number of threads. */
static void test_refinement(void **state)
{
    (void)state;
    brink_calib *a = small_run(1, 4, 6), *b = small_run(2, 4, 6);
    assert_int_equal(brink_calib_points(a), 12);
    assert_int_equal(brink_calib_stage1_points(a), 6);
    int d = brink_calib_param_count();
    for (int k = 0; k < 12; k++)
        for (int j = 0; j < d; j++) {
            double lo, hi;
            int lg;
            brink_calib_param_box(j, &lo, &hi, &lg);
            double v = brink_calib_value(a, k, j);
            assert_true(v >= lo && v <= hi);
            assert_true(v == brink_calib_value(b, k, j));
        }
    for (int k = 0; k < 12; k++)
        for (int i = 0; i < 3; i++)
            assert_memory_equal(brink_calib_cell_at(a, k, i), brink_calib_cell_at(b, k, i),
                                sizeof(brink_calib_cell));
    double ll[12], w[12], ess;
    brink_calib_fit(a, NULL, ll, w, &ess);
    double s = 0;
    for (int k = 0; k < 12; k++)
        s += w[k];
    assert_near(s, 1.0, 1e-12);
    brink_calib_free(a);
    brink_calib_free(b);
}

static void test_bad_config(void **state)
{
    (void)state;
    brink_scenario *sc = test_builtin("iran-2012");
    brink_scenario *none = test_builtin("iran-2025"); /* no history */
    brink_calib *c = NULL;
    brink_error err;
    brink_calib_config cfg = {.points = 1, .runs = 10, .seed = 1, .threads = 1};
    assert_int_equal(brink_calib_run(&sc, 1, &cfg, &c, &err), BRINK_ERR_INPUT);
    cfg.points = 4;
    cfg.runs = 0;
    assert_int_equal(brink_calib_run(&sc, 1, &cfg, &c, &err), BRINK_ERR_INPUT);
    cfg.runs = 3;
    cfg.population_weight = -1;
    assert_int_equal(brink_calib_run(&sc, 1, &cfg, &c, &err), BRINK_ERR_INPUT);
    cfg.population_weight = 0;
    assert_int_equal(brink_calib_run(&none, 1, &cfg, &c, &err), BRINK_ERR_INPUT);
    assert_non_null(strstr(err.message, "history"));
    assert_null(c);
    brink_scenario_free(sc);
    brink_scenario_free(none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_param_table),
        cmocka_unit_test(test_design_and_fit),
        cmocka_unit_test(test_cells_match_event_logs),
        cmocka_unit_test(test_threads_and_output),
        cmocka_unit_test(test_refinement),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
