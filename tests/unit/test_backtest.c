/* Backtest scores (Brier, log score), the horizon-conditioned base rate, the
 * bootstrap over cases, the reliability table and fan coverage counting,
 * against hand-computed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <gsl/gsl_cdf.h>
#include <string.h>

#include "brink/backtest.h"
#include "brink/stats.h"
#include "stats_assert.h"

static void test_brier_hand(void **state)
{
    (void)state;
    /* p = (0.4, 0.1, 0.3, 0.2, 0, 0), actual = 0:
     * 0.6^2 + 0.1^2 + 0.3^2 + 0.2^2 = 0.36 + 0.01 + 0.09 + 0.04 = 0.50 */
    const double p[6] = {0.4, 0.1, 0.3, 0.2, 0, 0};
    assert_close(brink_brier_score(p, 6, 0), 0.50, 1e-15);
    /* actual = 3 (war): 0.16 + 0.01 + 0.09 + 0.64 = 0.90 */
    assert_close(brink_brier_score(p, 6, 3), 0.90, 1e-15);
    /* a certain, right forecast scores 0; a certain, wrong one 2 */
    const double sure[6] = {0, 0, 1, 0, 0, 0};
    assert_close(brink_brier_score(sure, 6, 2), 0.0, 0);
    assert_close(brink_brier_score(sure, 6, 0), 2.0, 0);
    /* uniform over six: (5/6)^2 + 5 (1/6)^2 = 30/36 */
    double u[6];
    for (int k = 0; k < 6; k++)
        u[k] = 1.0 / 6.0;
    assert_close(brink_brier_score(u, 6, 4), 30.0 / 36.0, 1e-15);
    assert_true(isnan(brink_brier_score(p, 6, -1)));
    assert_true(isnan(brink_brier_score(p, 6, 6)));
}

static void test_log_score_hand(void **state)
{
    (void)state;
    const double p[6] = {0.5, 0.25, 0.25, 0, 0, 0};
    assert_close(brink_log_score(p, 0, 1e-3), log(2.0), 1e-15);
    assert_close(brink_log_score(p, 1, 1e-3), log(4.0), 1e-15);
    /* zero probability is floored: -ln(0.001) = 6.907755... */
    assert_close(brink_log_score(p, 3, 1e-3), 6.907755278982137, 1e-12);
    assert_close(brink_log_score(p, 3, BRINK_LOG_SCORE_FLOOR), -log(BRINK_LOG_SCORE_FLOOR), 0);
    /* below the floor too, and NaN is treated as 0 */
    const double q[6] = {1e-5, NAN, 0, 0, 0, 1};
    assert_close(brink_log_score(q, 0, 1e-3), -log(1e-3), 1e-15);
    assert_close(brink_log_score(q, 1, 1e-3), -log(1e-3), 1e-15);
    assert_close(brink_log_score(q, 5, 1e-3), 0.0, 0);
    assert_true(isnan(brink_log_score(p, -1, 1e-3)));
    assert_true(isnan(brink_log_score(p, 0, 0)));
}

static void test_base_rate(void **state)
{
    (void)state;
    assert_int_equal(brink_base_rate_size(), 540); /* TIES imposed episodes */
    double p0[BRINK_OUTCOME_COUNT], p12[BRINK_OUTCOME_COUNT], p60[BRINK_OUTCOME_COUNT],
        p240[BRINK_OUTCOME_COUNT];
    brink_base_rate_forecast(0, p0);
    brink_base_rate_forecast(12, p12);
    brink_base_rate_forecast(60, p60);
    brink_base_rate_forecast(240, p240);
    const double *ps[4] = {p0, p12, p60, p240};
    for (int i = 0; i < 4; i++) {
        double s = 0;
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++) {
            assert_true(ps[i][k] > 0); /* smoothing: no outcome is impossible */
            s += ps[i][k];
        }
        assert_close(s, 1.0, 1e-12);
    }
    /* at horizon 0 nothing has ended: all but the pseudo-episodes is stalemate */
    double n = brink_base_rate_size();
    assert_close(p0[BRINK_OUTCOME_STALEMATE], (n + 1) / (n + BRINK_OUTCOME_COUNT), 1e-12);
    assert_close(p0[BRINK_OUTCOME_DEAL], 1 / (n + BRINK_OUTCOME_COUNT), 1e-12);
    /* the longer the horizon, the more episodes have ended in a deal or with
     * the sender giving up, and the fewer are still going */
    assert_true(p12[BRINK_OUTCOME_DEAL] < p60[BRINK_OUTCOME_DEAL]);
    assert_true(p60[BRINK_OUTCOME_DEAL] < p240[BRINK_OUTCOME_DEAL]);
    assert_true(p12[BRINK_OUTCOME_SENDER_BACKS_DOWN] < p60[BRINK_OUTCOME_SENDER_BACKS_DOWN]);
    assert_true(p12[BRINK_OUTCOME_STALEMATE] > p60[BRINK_OUTCOME_STALEMATE]);
    assert_true(p60[BRINK_OUTCOME_STALEMATE] > p240[BRINK_OUTCOME_STALEMATE]);
    /* the record codes regime crises and wars but no reversal of a settlement */
    assert_true(p240[BRINK_OUTCOME_REGIME_CRISIS] > 10 * p240[BRINK_OUTCOME_DEAL_REVERSED]);
    assert_true(p240[BRINK_OUTCOME_WAR] > 5 * p240[BRINK_OUTCOME_DEAL_REVERSED]);
}

static void test_loo(void **state)
{
    (void)state;
    const int cs[3] = {BRINK_OUTCOME_DEAL, BRINK_OUTCOME_DEAL, BRINK_OUTCOME_WAR};
    double p[BRINK_OUTCOME_COUNT];
    /* leaving out case 2: two deals of two, half a pseudo-case per outcome
     * over seven: (2 + 0.5) / (2 + 3.5) */
    brink_backtest_loo(cs, 3, 2, p);
    assert_close(p[BRINK_OUTCOME_DEAL], 2.5 / 5.5, 1e-15);
    assert_close(p[BRINK_OUTCOME_WAR], 0.5 / 5.5, 1e-15);
    /* leaving out case 0: one deal, one war */
    brink_backtest_loo(cs, 3, 0, p);
    assert_close(p[BRINK_OUTCOME_DEAL], 1.5 / 5.5, 1e-15);
    assert_close(p[BRINK_OUTCOME_WAR], 1.5 / 5.5, 1e-15);
    assert_close(p[BRINK_OUTCOME_STALEMATE], 0.5 / 5.5, 1e-15);
}

static void test_case_score(void **state)
{
    (void)state;
    brink_backtest_case c;
    memset(&c, 0, sizeof c);
    c.horizon = 60;
    c.actual = BRINK_OUTCOME_DEAL;
    c.p[BRINK_OUTCOME_DEAL] = 0.5;
    c.p[BRINK_OUTCOME_STALEMATE] = 0.5;
    brink_backtest_case_score(&c);
    assert_close(c.brier, 0.5, 1e-15);
    assert_close(c.log_score, log(2.0), 1e-15);
    double b[BRINK_OUTCOME_COUNT];
    brink_base_rate_forecast(60, b);
    assert_close(c.p_base[BRINK_OUTCOME_DEAL], b[BRINK_OUTCOME_DEAL], 0);
    assert_close(c.brier_base_rate, brink_brier_score(b, BRINK_OUTCOME_COUNT, 0), 0);
    assert_close(c.log_score_base_rate, -log(b[BRINK_OUTCOME_DEAL]), 1e-15);
}

static void test_bootstrap(void **state)
{
    (void)state;
    /* a beats b by exactly 0.1 in every case: the difference and its interval are -0.1 */
    double a[8], b[8];
    for (int i = 0; i < 8; i++) {
        a[i] = 0.1 * i;
        b[i] = a[i] + 0.1;
    }
    brink_paired_bootstrap r;
    assert_int_equal(brink_paired_bootstrap_run(a, b, 8, 500, 7, 0.95, &r, NULL), BRINK_OK);
    assert_close(r.mean_a, 0.35, 1e-12);
    assert_close(r.mean_b, 0.45, 1e-12);
    assert_close(r.diff, -0.1, 1e-12);
    assert_close(r.lo_diff, -0.1, 1e-12);
    assert_close(r.hi_diff, -0.1, 1e-12);
    assert_close(r.share_a_better, 1.0, 0);
    /* the interval of a mean holds the mean and lies within the data's range */
    assert_true(r.lo_a <= r.mean_a && r.mean_a <= r.hi_a);
    assert_true(r.lo_a >= 0 && r.hi_a <= 0.7);
    assert_true(r.hi_a - r.lo_a > 0.1);
    /* a pure function of its inputs */
    brink_paired_bootstrap r2;
    assert_int_equal(brink_paired_bootstrap_run(a, b, 8, 500, 7, 0.95, &r2, NULL), BRINK_OK);
    assert_memory_equal(&r, &r2, sizeof r);
    /* a wider level gives a wider interval */
    assert_int_equal(brink_paired_bootstrap_run(a, b, 8, 500, 7, 0.5, &r2, NULL), BRINK_OK);
    assert_true(r2.hi_a - r2.lo_a < r.hi_a - r.lo_a);
    /* bad arguments */
    assert_int_equal(brink_paired_bootstrap_run(a, b, 0, 500, 7, 0.95, &r2, NULL),
                     BRINK_ERR_INPUT);
    assert_int_equal(brink_paired_bootstrap_run(a, b, 8, 5, 7, 0.95, &r2, NULL), BRINK_ERR_INPUT);
    assert_int_equal(brink_paired_bootstrap_run(a, b, 8, 500, 7, 1.0, &r2, NULL),
                     BRINK_ERR_INPUT);
}

static void test_reliability(void **state)
{
    (void)state;
    brink_reliability r;
    brink_reliability_clear(&r);
    const double p1[3] = {0.05, 0.25, 0.7};
    const double p2[3] = {0.15, 0.15, 0.7};
    brink_reliability_add(&r, p1, 3, 2); /* the 0.7 forecast came true */
    brink_reliability_add(&r, p2, 3, 0); /* the 0.15 forecast came true */
    assert_int_equal(r.n[0], 1);
    assert_int_equal(r.n[1], 2);
    assert_int_equal(r.n[2], 1);
    assert_int_equal(r.n[7], 2);
    assert_close(brink_reliability_mean_p(&r, 1), 0.15, 1e-15);
    assert_close(brink_reliability_freq(&r, 1), 0.5, 0);
    assert_close(brink_reliability_freq(&r, 7), 0.5, 0);
    assert_close(brink_reliability_freq(&r, 0), 0.0, 0);
    assert_true(isnan(brink_reliability_freq(&r, 4)));
    /* p = 1 falls in the last bin */
    const double one[2] = {1.0, 0.0};
    brink_reliability_add(&r, one, 2, 0);
    assert_int_equal(r.n[9], 1);
    assert_close(brink_reliability_freq(&r, 9), 1.0, 0);
}

static void test_median(void **state)
{
    (void)state;
    double a[5] = {5, 1, 4, 2, 3};
    assert_close(brink_median_inplace(a, 5), 3.0, 0);
    double b[4] = {4, 1, 3, 2};
    assert_close(brink_median_inplace(b, 4), 2.5, 0);
    assert_true(isnan(brink_median_inplace(b, 0)));
}

/* A fan of one variable over 4 months; months 0-2 hold the values 1..100,
 * month 3 is empty (every run ended). Quantiles of 1..100 on 100 unit bins
 * over [0, 100]: q05 ~ 5, q25 ~ 25, q50 ~ 50, q75 ~ 75, q95 ~ 95. */
static void test_fan_coverage(void **state)
{
    (void)state;
    brink_hist_spec spec = {0.0, 100.0, BRINK_SCALE_LINEAR, 100};
    brink_fan fan;
    assert_int_equal(brink_fan_alloc(&fan, &spec, 1, 4, NULL), BRINK_OK);
    for (uint32_t t = 0; t < 3; t++)
        for (int v = 1; v <= 100; v++)
            assert_int_equal(brink_fan_add(&fan, 0, t, v - 0.5, NULL), BRINK_OK);
    brink_history_series obs;
    memset(&obs, 0, sizeof obs);
    snprintf(obs.variable, sizeof obs.variable, "exports_mbpd");
    /* month 0: 50 (inside 50% and 90%); month 1: 10 (inside 90% only);
     * month 2: 99 (outside both); month 3: empty cell (outside);
     * month 7: past the fan (not scored) */
    const int months[5] = {0, 1, 2, 3, 7};
    const double values[5] = {50, 10, 99, 50, 50};
    obs.n = 5;
    for (int i = 0; i < 5; i++) {
        obs.month[i] = months[i];
        obs.value[i] = values[i];
    }
    brink_backtest_series out;
    assert_int_equal(brink_backtest_series_score(&fan, 0, &obs, BRINK_LOGERR_LOG, 0, &out, NULL),
                     BRINK_OK);
    assert_int_equal(out.n, 4);
    assert_int_equal(out.in50, 1);
    assert_int_equal(out.in90, 2);
    assert_int_equal(out.running[0], 100);
    assert_int_equal(out.running[3], 0);
    assert_close(out.q[0][2], 50.0, 1.0);
    assert_close(out.q[1][0], 5.0, 1.0);
    assert_close(out.q[1][4], 95.0, 1.0);
    /* log errors of the median (about 50) at months 0, 1, 2: ~0, ln 5, ln(99/50);
     * month 3 has no median; the median of three is ln(99/50) */
    assert_int_equal(out.n_log, 3);
    assert_close(out.median_abs_log_error, log(99.0 / out.q[2][2]), 1e-12);
    /* the same with the ln(1 + x) transform */
    assert_int_equal(brink_backtest_series_score(&fan, 0, &obs, BRINK_LOGERR_LOG1P, 0, &out, NULL),
                     BRINK_OK);
    assert_close(out.median_abs_log_error, log(100.0 / (1.0 + out.q[2][2])), 1e-12);
    /* a variable index past the fan fails */
    assert_int_equal(brink_backtest_series_score(&fan, 1, &obs, BRINK_LOGERR_LOG, 0, &out, NULL),
                     BRINK_ERR_INPUT);
    /* a negative structural error is refused */
    assert_int_equal(brink_backtest_series_score(&fan, 0, &obs, BRINK_LOGERR_LOG, -1, &out, NULL),
                     BRINK_ERR_INPUT);
    /* with structural error the bands widen: month 2's 99 falls inside the 90% band */
    assert_int_equal(brink_backtest_series_score(&fan, 0, &obs, BRINK_LOGERR_LOG, 0.5, &out, NULL),
                     BRINK_OK);
    assert_true(out.q[2][4] > 99);
    assert_int_equal(out.in90, 3); /* months 0, 1, 2; month 3 is still empty */
    brink_fan_free(&fan);
}

/* Every run of the model says 100 at every month; the observations are
 * 100 exp(0.3 sqrt((t + 1) / 12) z_t) with z_t the normal quantiles of a
 * shuffled grid. The fit recovers the structural error 0.3, and with it the
 * bands cover about their nominal shares; without it they cover nothing. */
static void test_structural_error(void **state)
{
    (void)state;
    enum { M = 120 };
    brink_hist_spec spec = {1.0, 1e4, BRINK_SCALE_LOG, 512};
    brink_fan fan;
    assert_int_equal(brink_fan_alloc(&fan, &spec, 1, M, NULL), BRINK_OK);
    for (uint32_t t = 0; t < M; t++)
        for (int r = 0; r < 50; r++)
            assert_int_equal(brink_fan_add(&fan, 0, t, 100.0, NULL), BRINK_OK);
    brink_history_series obs[2];
    memset(obs, 0, sizeof obs);
    for (int s = 0; s < 2; s++) {
        snprintf(obs[s].variable, sizeof obs[s].variable, "gdp_usd_bn");
        obs[s].n = 60;
        for (int i = 0; i < 60; i++) {
            int m = 2 * i + s;
            int slot = (i * 37 + s * 11) % 60;
            double z = gsl_cdf_ugaussian_Pinv((slot + 0.5) / 60.0);
            obs[s].month[i] = m;
            obs[s].value[i] = 100.0 * exp(0.3 * sqrt((m + 1) / 12.0) * z);
        }
    }
    static brink_backtest_series out[2];
    for (int s = 0; s < 2; s++)
        assert_int_equal(
            brink_backtest_series_score(&fan, 0, &obs[s], BRINK_LOGERR_LOG, 0, &out[s], NULL),
            BRINK_OK);
    assert_true(out[0].in90 + out[1].in90 <= 20); /* the bare model covers few points */
    const brink_backtest_series *ps[2] = {&out[0], &out[1]};
    double sigma = brink_structural_error_fit(ps, 2, -1);
    assert_close(sigma, 0.3, 0.03);
    /* leaving one series out still finds it */
    assert_close(brink_structural_error_fit(ps, 2, 0), 0.3, 0.05);
    for (int s = 0; s < 2; s++)
        brink_backtest_series_rescore(&out[s], sigma);
    int in90 = out[0].in90 + out[1].in90, in50 = out[0].in50 + out[1].in50;
    assert_true(in90 >= 100 && in90 <= 116); /* 90% of 120, give or take */
    assert_true(in50 >= 50 && in50 <= 70);   /* 50% of 120 */
    /* no observation at all: 0 */
    brink_backtest_series empty;
    memset(&empty, 0, sizeof empty);
    const brink_backtest_series *pe[1] = {&empty};
    assert_close(brink_structural_error_fit(pe, 1, -1), 0.0, 0);
    brink_fan_free(&fan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_brier_hand),   cmocka_unit_test(test_log_score_hand),
        cmocka_unit_test(test_base_rate),    cmocka_unit_test(test_loo),
        cmocka_unit_test(test_case_score),   cmocka_unit_test(test_bootstrap),
        cmocka_unit_test(test_reliability),
        cmocka_unit_test(test_median),       cmocka_unit_test(test_fan_coverage),
        cmocka_unit_test(test_structural_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
