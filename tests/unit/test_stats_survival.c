/* Kaplan-Meier on a monthly grid against hand-worked examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "brink/stats.h"
#include "stats_assert.h"

static void add_many(brink_km *km, uint32_t month, bool event, int times)
{
    for (int i = 0; i < times; i++)
        assert_int_equal(brink_km_add(km, month, event, NULL), BRINK_OK);
}

/* Ten runs, horizon 6 months:
 *
 *   month  at risk  deals  censored   S(t)                   Greenwood sum v
 *     1      10       1       0       9/10        = 0.9      1/(10*9)  = 0.011111
 *     2       9       2       0       0.9*7/9     = 0.7      + 2/(9*7) = 0.042857
 *     3       7       0       1       0.7                    0.042857
 *     4       6       1       1       0.7*5/6     = 0.583333 + 1/(6*5) = 0.076190
 *     5       4       1       0       0.583333*3/4 = 0.4375  + 1/(4*3) = 0.159524
 *     6       3       0       3       0.4375                 0.159524
 *
 * The censoring in month 4 is at risk in month 4 (events before censorings).
 * se(t) = S(t) sqrt(v): 0.094868, 0.144914, 0.144914, 0.161015, 0.174739.
 * Log-log limits S^exp(+-z sqrt(v)/|log S|), z = 1.959964:
 *   t=1 [0.473009, 0.985281]  t=2 [0.328717, 0.891949]  t=4 [0.229787, 0.820739]
 *   t=5 [0.118715, 0.725649]
 * Median: first S <= 0.5 is month 5. Lower limit: first lo <= 0.5 is month 1.
 * Upper limit: hi never reaches 0.5, so not reached. */
static void test_km_small(void **state)
{
    (void)state;
    brink_km km;
    assert_int_equal(brink_km_init(&km, 6, NULL), BRINK_OK);
    add_many(&km, 1, true, 1);
    add_many(&km, 2, true, 2);
    add_many(&km, 3, false, 1);
    add_many(&km, 4, true, 1);
    add_many(&km, 4, false, 1);
    add_many(&km, 5, true, 1);
    add_many(&km, 6, false, 3);

    brink_km_result *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(brink_km_estimate(&km, 0.95, r, NULL), BRINK_OK);
    assert_int_equal(r->n, 10);
    static const uint64_t risk[] = {10, 10, 9, 7, 6, 4, 3};
    static const double S[] = {1, 0.9, 0.7, 0.7, 0.5833333333333333, 0.4375, 0.4375};
    static const double se[] = {0, 0.094868, 0.144914, 0.144914, 0.161015, 0.174739, 0.174739};
    static const double lo[] = {1, 0.473009, 0.328717, 0.328717, 0.229787, 0.118715, 0.118715};
    static const double hi[] = {1, 0.985281, 0.891949, 0.891949, 0.820739, 0.725649, 0.725649};
    for (int t = 0; t <= 6; t++) {
        assert_int_equal(r->at_risk[t], risk[t]);
        assert_close(r->surv[t], S[t], 1e-14);
        assert_close(r->incidence[t], 1 - S[t], 1e-14);
        assert_close(r->se[t], se[t], 1e-6);
        assert_close(r->lo[t], lo[t], 1e-6);
        assert_close(r->hi[t], hi[t], 1e-6);
    }
    assert_int_equal(r->events[4], 1);
    assert_int_equal(r->censored[4], 1);
    assert_int_equal(r->median, 5);
    assert_int_equal(r->median_lo, 1);
    assert_int_equal(r->median_hi, BRINK_KM_NOT_REACHED);
    free(r);
    brink_km_release(&km);
}

/* The same shape times ten, one more month of deals (horizon 7):
 *
 *   month  at risk  deals  censored   S(t)        v
 *     1     100      10       0       0.9         0.001111
 *     2      90      20       0       0.7         0.004286
 *     3      70       0      10       0.7         0.004286
 *     4      60      10      10       0.583333    0.007619
 *     5      40      10       0       0.4375      0.015952
 *     6      30      10       0       0.291667    + 10/(30*20) = 0.032619
 *     7      20       0      20       0.291667    0.032619
 *
 * Limits: t=4 [0.476950, 0.675428], t=5 [0.327822, 0.541856],
 *         t=6 [0.193551, 0.396742].
 * Median 5; lower limit 4 (first lo <= 0.5); upper limit 6 (first hi <= 0.5).
 * Accumulated in two chunks and merged. */
static void test_km_merged(void **state)
{
    (void)state;
    brink_km a, b;
    brink_km_init(&a, 7, NULL);
    brink_km_init(&b, 7, NULL);
    static const int deals[] = {10, 20, 0, 10, 10, 10, 0};
    static const int cens[] = {0, 0, 10, 10, 0, 0, 20};
    for (uint32_t t = 1; t <= 7; t++) {
        add_many(&a, t, true, deals[t - 1] / 2);
        add_many(&b, t, true, deals[t - 1] - deals[t - 1] / 2);
        add_many(t % 2 ? &a : &b, t, false, cens[t - 1]);
    }
    brink_error err;
    assert_int_equal(brink_km_merge(&a, &b, &err), BRINK_OK);
    assert_int_equal(a.n, 100);
    brink_km_result *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(brink_km_estimate(&a, 0.95, r, NULL), BRINK_OK);
    assert_close(r->surv[6], 0.2916666666666667, 1e-14);
    assert_close(r->se[6], 0.052677, 1e-6);
    assert_close(r->lo[4], 0.476950, 1e-6);
    assert_close(r->hi[5], 0.541856, 1e-6);
    assert_close(r->hi[6], 0.396742, 1e-6);
    assert_int_equal(r->median, 5);
    assert_int_equal(r->median_lo, 4);
    assert_int_equal(r->median_hi, 6);

    brink_km other;
    brink_km_init(&other, 8, NULL);
    assert_int_equal(brink_km_merge(&a, &other, &err), BRINK_ERR_INPUT);
    free(r);
}

/* S that is one half in exact arithmetic: 6/9 * 3/4. Nine runs: month 1 has
 * 3 deals and 2 censorings, month 2 one deal among the 4 left. */
static void test_km_exact_half_and_edges(void **state)
{
    (void)state;
    brink_km km;
    brink_error err;
    brink_km_result *r = malloc(sizeof *r);
    assert_non_null(r);
    brink_km_init(&km, 3, NULL);
    add_many(&km, 1, true, 3);
    add_many(&km, 1, false, 2);
    add_many(&km, 2, true, 1);
    add_many(&km, 3, false, 3);
    brink_km_estimate(&km, 0.95, r, NULL);
    assert_close(r->surv[2], 0.5, 1e-15);
    assert_int_equal(r->median, 2);

    /* everyone has the event: S drops to 0 with a degenerate interval */
    brink_km_init(&km, 4, NULL);
    add_many(&km, 1, true, 2);
    add_many(&km, 2, true, 3);
    brink_km_estimate(&km, 0.95, r, NULL);
    assert_true(r->surv[2] == 0.0 && r->se[2] == 0.0 && r->lo[2] == 0.0 && r->hi[2] == 0.0);
    assert_true(r->surv[4] == 0.0 && r->incidence[4] == 1.0);
    assert_int_equal(r->at_risk[3], 0);

    /* nobody has the event */
    brink_km_init(&km, 4, NULL);
    add_many(&km, 4, false, 5);
    brink_km_estimate(&km, 0.95, r, NULL);
    for (int t = 0; t <= 4; t++)
        assert_true(r->surv[t] == 1.0 && r->lo[t] == 1.0 && r->hi[t] == 1.0);
    assert_int_equal(r->median, BRINK_KM_NOT_REACHED);
    assert_int_equal(r->median_lo, BRINK_KM_NOT_REACHED);

    /* empty */
    brink_km_init(&km, 4, NULL);
    assert_int_equal(brink_km_estimate(&km, 0.95, r, NULL), BRINK_OK);
    assert_true(r->surv[4] == 1.0);
    assert_int_equal(r->median, BRINK_KM_NOT_REACHED);

    /* bad input */
    assert_int_equal(brink_km_init(&km, 0, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_km_init(&km, BRINK_KM_MAX_HORIZON + 1, &err), BRINK_ERR_INPUT);
    brink_km_init(&km, 4, NULL);
    assert_int_equal(brink_km_add(&km, 0, true, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_km_add(&km, 5, false, &err), BRINK_ERR_INPUT);
    assert_int_equal(km.n, 0);
    assert_int_equal(brink_km_estimate(&km, 0.0, r, &err), BRINK_ERR_INPUT);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_km_small),
        cmocka_unit_test(test_km_merged),
        cmocka_unit_test(test_km_exact_half_and_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
