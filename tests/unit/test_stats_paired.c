/* Paired comparisons: Newcombe's interval for paired proportions and the
 * paired mean difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "brink/stats.h"
#include "stats_assert.h"

/* Independent reference. Wilson limits found by bisection on the score
 * equation (x - n p)^2 = z^2 n p (1 - p) instead of the closed form. */
static double score_root(double x, double n, double z, double a, double b)
{
    /* f changes sign exactly once on [a, b] */
    for (int i = 0; i < 200; i++) {
        double m = 0.5 * (a + b);
        double fm = (x - n * m) * (x - n * m) - z * z * n * m * (1 - m);
        double fa = (x - n * a) * (x - n * a) - z * z * n * a * (1 - a);
        if ((fm > 0) == (fa > 0))
            a = m;
        else
            b = m;
    }
    return 0.5 * (a + b);
}

static void ref_wilson(double x, double n, double z, double *lo, double *hi)
{
    double p = x / n;
    *lo = x == 0 ? 0 : score_root(x, n, z, 0, p);
    *hi = x == n ? 1 : score_root(x, n, z, 1, p);
}

/* Newcombe (1998) method 10 written from the paper's description: margins
 * first = B, second = A; corrected phi; square-and-add. */
static void ref_newcombe(double a, double b, double c, double d, double z, double *L,
                         double *U)
{
    double n = a + b + c + d, p1 = (a + b) / n, p2 = (a + c) / n, l1, u1, l2, u2;
    ref_wilson(a + b, n, z, &l1, &u1);
    ref_wilson(a + c, n, z, &l2, &u2);
    double prod = (a + b) * (c + d) * (a + c) * (b + d), phi = 0;
    if (prod > 0) {
        double A = a * d - b * c;
        phi = A > n / 2 ? (A - n / 2) / sqrt(prod) : A < 0 ? A / sqrt(prod) : 0;
    }
    *L = (p1 - p2) - sqrt(pow(p1 - l1, 2) - 2 * phi * (p1 - l1) * (u2 - p2) + pow(u2 - p2, 2));
    *U = (p1 - p2) + sqrt(pow(u1 - p1, 2) - 2 * phi * (u1 - p1) * (p2 - l2) + pow(p2 - l2, 2));
}

static brink_paired_prop table(uint64_t both, uint64_t only_b, uint64_t only_a,
                               uint64_t neither)
{
    return (brink_paired_prop){.both = both, .only_a = only_a, .only_b = only_b,
                               .neither = neither};
}

/* Expected limits computed separately from the published formula (double
 * precision). The first two tables are the airway (1, 1, 7, 12) and
 * myeloma-response (59, 6, 16, 80) examples of Fagerland, Lydersen and Laake,
 * Stat Med 33 (2014) 2850-2875, given there as (a, b, c, d) with b = first
 * only, which here is "only B". */
static void test_newcombe_reference_values(void **state)
{
    (void)state;
    static const struct {
        uint64_t a, b, c, d;
        double diff, lo, hi;
    } cases[] = {
        {1, 1, 7, 12, -0.2857142857142857, -0.5069202266861409, -0.025559124164859892},
        {59, 6, 16, 80, -0.06211180124223603, -0.11862119563870993, -0.004625113933050061},
        {12, 9, 2, 21, 0.15909090909090912, 0.011242503551198463, 0.2953717806466093},
        {36, 12, 2, 0, 0.2, 0.05692958400323883, 0.3404276029749405},
        {10, 15, 5, 20, 0.2, 0.02583841654925112, 0.35693657165919257},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_paired_prop p = table(cases[i].a, cases[i].b, cases[i].c, cases[i].d);
        brink_paired_diff r;
        assert_int_equal(brink_paired_prop_diff(&p, 0.95, &r, NULL), BRINK_OK);
        assert_close(r.diff, cases[i].diff, 1e-14);
        assert_close(r.lo, cases[i].lo, 1e-12);
        assert_close(r.hi, cases[i].hi, 1e-12);
        assert_int_equal(r.n, cases[i].a + cases[i].b + cases[i].c + cases[i].d);
        assert_int_equal(r.discordant, cases[i].b + cases[i].c);
    }
}

/* Against the bisection-based reference over many tables, every phi branch,
 * and two levels. */
static void test_newcombe_against_reference(void **state)
{
    (void)state;
    int checked = 0;
    for (uint64_t a = 0; a <= 30; a += 3)
        for (uint64_t b = 0; b <= 20; b += 4)
            for (uint64_t c = 0; c <= 20; c += 5)
                for (uint64_t d = 0; d <= 40; d += 8) {
                    if (b + c == 0)
                        continue;
                    for (int k = 0; k < 2; k++) {
                        double level = k ? 0.90 : 0.95, z = brink_z_for_level(level), L, U;
                        brink_paired_prop p = table(a, b, c, d);
                        brink_paired_diff r;
                        assert_int_equal(brink_paired_prop_diff(&p, level, &r, NULL),
                                         BRINK_OK);
                        ref_newcombe((double)a, (double)b, (double)c, (double)d, z, &L, &U);
                        assert_close(r.lo, fmax(L, -1), 1e-9);
                        assert_close(r.hi, fmin(U, 1), 1e-9);
                        assert_true(r.lo <= r.diff && r.diff <= r.hi);
                        assert_true(r.lo >= -1 && r.hi <= 1);
                        checked++;
                    }
                }
    assert_true(checked > 1000);
}

/* Identical policies under common random numbers: no discordant pair. */
static void test_identical_policies(void **state)
{
    (void)state;
    brink_paired_prop p;
    brink_paired_prop_init(&p);
    for (int i = 0; i < 1000; i++) {
        bool deal = (i * 7919) % 13 < 4;
        brink_paired_prop_add(&p, deal, deal);
    }
    brink_paired_diff r;
    assert_int_equal(brink_paired_prop_diff(&p, 0.95, &r, NULL), BRINK_OK);
    assert_true(r.diff == 0.0 && r.lo == 0.0 && r.hi == 0.0);
    assert_int_equal(r.discordant, 0);
    assert_true(r.p_a == r.p_b);
    brink_paired_prop_release(&p);
}

static void test_paired_prop_accumulate(void **state)
{
    (void)state;
    brink_paired_prop x, y, all;
    brink_paired_prop_init(&x);
    brink_paired_prop_init(&y);
    brink_paired_prop_init(&all);
    for (int i = 0; i < 200; i++) {
        bool a = i % 3 == 0, b = i % 4 == 0;
        brink_paired_prop_add(i < 77 ? &x : &y, a, b);
        brink_paired_prop_add(&all, a, b);
    }
    brink_paired_prop_merge(&x, &y);
    assert_memory_equal(&x, &all, sizeof x);
    /* i % 12 == 0 both: 17; only a: 67 - 17; only b: 50 - 17 */
    assert_int_equal(x.both, 17);
    assert_int_equal(x.only_a, 50);
    assert_int_equal(x.only_b, 33);
    assert_int_equal(x.neither, 100);
    brink_paired_diff r;
    assert_int_equal(brink_paired_prop_diff(&x, 0.95, &r, NULL), BRINK_OK);
    assert_close(r.p_a, 67.0 / 200, 1e-15);
    assert_close(r.p_b, 50.0 / 200, 1e-15);
    assert_close(r.diff, -17.0 / 200, 1e-15);

    brink_error err;
    assert_int_equal(brink_paired_prop_diff(&x, 1.5, &r, &err), BRINK_ERR_INPUT);
    brink_paired_prop empty;
    brink_paired_prop_init(&empty);
    assert_int_equal(brink_paired_prop_diff(&empty, 0.95, &r, NULL), BRINK_OK);
    assert_true(isnan(r.diff) && r.lo == -1.0 && r.hi == 1.0);
}

static void test_paired_mean(void **state)
{
    (void)state;
    brink_paired_mean p, q, all;
    brink_paired_mean_init(&p);
    brink_paired_mean_init(&q);
    brink_paired_mean_init(&all);
    /* b - a = 1 + (i % 5 - 2) * 0.5: mean 1, sample variance 0.625 * 100/99 */
    for (int i = 0; i < 100; i++) {
        double a = 10.0 + i, b = a + 1.0 + (i % 5 - 2) * 0.5;
        brink_paired_mean_add(i < 40 ? &p : &q, a, b);
        brink_paired_mean_add(&all, a, b);
    }
    brink_paired_mean_add(&p, NAN, 1.0);
    brink_paired_mean_add(&p, 1.0, INFINITY);
    assert_int_equal(p.nonfinite, 2);
    assert_int_equal(p.a.n, 40);
    brink_paired_mean_merge(&p, &q);
    assert_int_equal(p.diff.n, 100);
    double d, lo, hi;
    assert_int_equal(brink_paired_mean_diff(&p, 0.95, &d, &lo, &hi, NULL), BRINK_OK);
    assert_close(d, 1.0, 1e-12);
    double sd = sqrt(0.5 * 0.5 * 2.0 * 100 / 99), t = 1.9842169515086827; /* t(99) */
    assert_close(hi - d, t * sd / 10.0, 1e-9);
    assert_close(d - lo, t * sd / 10.0, 1e-9);

    /* identical outcomes: exactly zero */
    brink_paired_mean same;
    brink_paired_mean_init(&same);
    for (int i = 0; i < 50; i++)
        brink_paired_mean_add(&same, 1e6 * sin(i), 1e6 * sin(i));
    assert_int_equal(brink_paired_mean_diff(&same, 0.95, &d, &lo, &hi, NULL), BRINK_OK);
    assert_true(d == 0.0 && lo == 0.0 && hi == 0.0);
    brink_paired_mean_release(&same);

    /* too few pairs for an interval */
    brink_paired_mean one;
    brink_paired_mean_init(&one);
    brink_paired_mean_add(&one, 1, 2);
    assert_int_equal(brink_paired_mean_diff(&one, 0.95, &d, &lo, &hi, NULL), BRINK_OK);
    assert_true(d == 1.0 && isnan(lo) && isnan(hi));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newcombe_reference_values),
        cmocka_unit_test(test_newcombe_against_reference),
        cmocka_unit_test(test_identical_policies),
        cmocka_unit_test(test_paired_prop_accumulate),
        cmocka_unit_test(test_paired_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
