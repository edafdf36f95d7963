/* Wilson intervals, categorical counters and outcome-by-month tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "brink/stats.h"
#include "stats_assert.h"

static void test_z_for_level(void **state)
{
    (void)state;
    assert_close(brink_z_for_level(0.95), 1.959963984540054, 1e-12);
    assert_close(brink_z_for_level(0.90), 1.6448536269514722, 1e-12);
    assert_close(brink_z_for_level(0.99), 2.5758293035489004, 1e-12);
    assert_true(isnan(brink_z_for_level(0.0)));
    assert_true(isnan(brink_z_for_level(1.0)));
    assert_true(isnan(brink_z_for_level(NAN)));
}

/* Newcombe (1998), "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Stat Med 17:857-872, Table I, Wilson score
 * method without continuity correction, 4 decimals. */
static void test_wilson_published(void **state)
{
    (void)state;
    static const struct {
        uint64_t x, n;
        double lo, hi;
    } cases[] = {
        {81, 263, 0.2553, 0.3662},
        {15, 148, 0.0624, 0.1605},
        {0, 20, 0.0000, 0.1611},
        {1, 29, 0.0061, 0.1718},
    };
    double z = brink_z_for_level(0.95);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double lo, hi;
        assert_int_equal(brink_wilson(cases[i].x, cases[i].n, z, &lo, &hi, NULL), BRINK_OK);
        assert_close(lo, cases[i].lo, 0.5e-4);
        assert_close(hi, cases[i].hi, 0.5e-4);
    }
}

/* Full-precision values from the textbook formula
 *   (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
 * evaluated independently (double precision, z = 1.9599639845400536). */
static void test_wilson_precise(void **state)
{
    (void)state;
    double z = brink_z_for_level(0.95), lo, hi;
    brink_wilson(81, 263, z, &lo, &hi, NULL);
    assert_close(lo, 0.2552885198782743, 1e-13);
    assert_close(hi, 0.3662095769828001, 1e-13);
    brink_wilson(1, 29, z, &lo, &hi, NULL);
    assert_close(lo, 0.006113214292762653, 1e-13);
    assert_close(hi, 0.17175521879320282, 1e-13);
}

static void test_wilson_edges(void **state)
{
    (void)state;
    double z = brink_z_for_level(0.95), lo, hi;
    /* 0/10 and 10/10: the boundary is exact and the other limit is z^2/(n+z^2) */
    assert_int_equal(brink_wilson(0, 10, z, &lo, &hi, NULL), BRINK_OK);
    assert_true(lo == 0.0);
    assert_close(hi, z * z / (10 + z * z), 1e-14); /* 0.2775 */
    assert_close(hi, 0.27753279986288915, 1e-13);
    assert_int_equal(brink_wilson(10, 10, z, &lo, &hi, NULL), BRINK_OK);
    assert_true(hi == 1.0);
    assert_close(lo, 0.7224672001371109, 1e-13);
    /* n = 0: no information */
    assert_int_equal(brink_wilson(0, 0, z, &lo, &hi, NULL), BRINK_OK);
    assert_true(lo == 0.0 && hi == 1.0);
    /* symmetry: x/n and (n-x)/n mirror each other */
    double lo2, hi2;
    brink_wilson(37, 120, z, &lo, &hi, NULL);
    brink_wilson(83, 120, z, &lo2, &hi2, NULL);
    assert_close(lo, 1.0 - hi2, 1e-14);
    assert_close(hi, 1.0 - lo2, 1e-14);
    /* large n stays finite and tight */
    brink_wilson(500000000, 1000000000, z, &lo, &hi, NULL);
    assert_close(hi - lo, 2 * z * sqrt(0.25 / 1e9), 1e-9);
    assert_true(isnan(brink_proportion(0, 0)));
    assert_close(brink_proportion(3, 4), 0.75, 0);
}

static void test_wilson_errors(void **state)
{
    (void)state;
    double lo, hi;
    brink_error err;
    assert_int_equal(brink_wilson(11, 10, 1.96, &lo, &hi, &err), BRINK_ERR_INPUT);
    assert_true(isnan(lo) && isnan(hi));
    assert_int_equal(err.code, BRINK_ERR_INPUT);
    assert_int_equal(brink_wilson(1, 10, 0.0, &lo, &hi, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_wilson(1, 10, NAN, &lo, &hi, NULL), BRINK_ERR_INPUT);
    assert_int_equal(brink_wilson(1, 10, INFINITY, &lo, &hi, NULL), BRINK_ERR_INPUT);
}

static void test_categorical(void **state)
{
    (void)state;
    brink_categorical a, b, all;
    brink_error err;
    assert_int_equal(brink_categorical_init(&a, 0, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_categorical_init(&a, BRINK_CATEGORIES_MAX + 1, NULL),
                     BRINK_ERR_INPUT);
    assert_int_equal(brink_categorical_init(&a, 6, NULL), BRINK_OK);
    assert_int_equal(brink_categorical_init(&b, 6, NULL), BRINK_OK);
    assert_int_equal(brink_categorical_init(&all, 6, NULL), BRINK_OK);
    for (uint32_t i = 0; i < 263; i++) {
        uint32_t cat = i < 81 ? 2 : (i % 5 == 0 ? 5 : 0);
        assert_int_equal(brink_categorical_add(i < 100 ? &a : &b, cat, NULL), BRINK_OK);
        brink_categorical_add(&all, cat, NULL);
    }
    assert_int_equal(brink_categorical_add(&a, 6, &err), BRINK_ERR_INPUT);
    assert_int_equal(a.n, 100);
    assert_int_equal(brink_categorical_merge(&a, &b, NULL), BRINK_OK);
    assert_memory_equal(&a, &all, sizeof a);

    double p, lo, hi, z = brink_z_for_level(0.95);
    assert_int_equal(brink_categorical_interval(&a, 2, z, &p, &lo, &hi, NULL), BRINK_OK);
    assert_close(p, 81.0 / 263.0, 1e-15);
    assert_close(lo, 0.2553, 0.5e-4);
    assert_close(hi, 0.3662, 0.5e-4);
    assert_int_equal(brink_categorical_interval(&a, 4, z, &p, &lo, &hi, NULL), BRINK_OK);
    assert_true(p == 0.0 && lo == 0.0);
    assert_int_equal(brink_categorical_interval(&a, 9, z, &p, &lo, &hi, NULL),
                     BRINK_ERR_INPUT);

    brink_categorical other;
    brink_categorical_init(&other, 3, NULL);
    assert_int_equal(brink_categorical_merge(&a, &other, &err), BRINK_ERR_INPUT);
    brink_categorical_release(&a);
    brink_categorical_release(&b);
    brink_categorical_release(&all);
    brink_categorical_release(&other);
}

static void test_outcome_by_month(void **state)
{
    (void)state;
    brink_outcome_by_month a, b, all;
    brink_error err;
    assert_int_equal(brink_outcome_by_month_alloc(&a, 0, 3, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_outcome_by_month_alloc(&a, 12, 0, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_outcome_by_month_alloc(&a, 12, 3, NULL), BRINK_OK);
    assert_int_equal(brink_outcome_by_month_alloc(&b, 12, 3, NULL), BRINK_OK);
    assert_int_equal(brink_outcome_by_month_alloc(&all, 12, 3, NULL), BRINK_OK);
    /* run r: ongoing (0) until month r % 12, then deal (1) if r is even, war (2) if odd */
    for (uint32_t r = 0; r < 500; r++)
        for (uint32_t t = 0; t < 12; t++) {
            uint32_t cat = t < r % 12 ? 0 : (r % 2 ? 2 : 1);
            assert_int_equal(brink_outcome_by_month_add(r < 250 ? &a : &b, t, cat, NULL),
                             BRINK_OK);
            brink_outcome_by_month_add(&all, t, cat, NULL);
        }
    assert_int_equal(brink_outcome_by_month_add(&a, 12, 0, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_outcome_by_month_add(&a, 0, 3, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_outcome_by_month_merge(&a, &b, NULL), BRINK_OK);
    assert_memory_equal(a.counts, all.counts, 12 * 3 * sizeof *a.counts);
    for (uint32_t t = 0; t < 12; t++)
        assert_int_equal(brink_outcome_by_month_total(&a, t), 500);
    assert_int_equal(brink_outcome_by_month_total(&a, 99), 0);

    /* month 0: runs with r % 12 == 0 are already settled: 42 of them, all even, all deals */
    double p, lo, hi, z = brink_z_for_level(0.95), elo, ehi;
    assert_int_equal(brink_outcome_by_month_interval(&a, 0, 1, z, &p, &lo, &hi, NULL),
                     BRINK_OK);
    assert_close(p, 42.0 / 500.0, 1e-15);
    brink_wilson(42, 500, z, &elo, &ehi, NULL);
    assert_true(lo == elo && hi == ehi);
    assert_int_equal(brink_outcome_by_month_interval(&a, 12, 1, z, &p, &lo, &hi, &err),
                     BRINK_ERR_INPUT);

    brink_outcome_by_month_clear(&b);
    assert_int_equal(brink_outcome_by_month_total(&b, 3), 0);
    assert_int_equal(brink_outcome_by_month_interval(&b, 3, 1, z, &p, &lo, &hi, NULL),
                     BRINK_OK);
    assert_true(isnan(p) && lo == 0.0 && hi == 1.0);

    brink_outcome_by_month other;
    brink_outcome_by_month_alloc(&other, 11, 3, NULL);
    assert_int_equal(brink_outcome_by_month_merge(&a, &other, &err), BRINK_ERR_INPUT);
    brink_outcome_by_month_free(&other);
    brink_outcome_by_month_free(&a);
    brink_outcome_by_month_free(&b);
    brink_outcome_by_month_free(&all);
    assert_null(a.counts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_z_for_level),     cmocka_unit_test(test_wilson_published),
        cmocka_unit_test(test_wilson_precise),  cmocka_unit_test(test_wilson_edges),
        cmocka_unit_test(test_wilson_errors),   cmocka_unit_test(test_categorical),
        cmocka_unit_test(test_outcome_by_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
