/* The engine's vector exponentials and normals (model/vmath.h): every
 * variant the processor can run gives the bits of the portable one, at
 * every length (whole vectors and the rest); the exponentials are within
 * 1 ulp of libm's (exact at 0, 0 and infinity at the ends), the normals are
 * Box-Muller's. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/vmath.h"

enum { N = 4099 };

static double xs[N];

static void fill(void)
{
    /* a sweep over the range the engine uses, then the edges */
    for (int i = 0; i < N - 8; i++)
        xs[i] = -745.0 + 1454.0 * i / (N - 9) + 1e-3 * (i % 7);
    const double edge[8] = {0.0, -0.0, 1e-300, -1e-17, 709.78, 710.0, -746.0, -HUGE_VAL};
    memcpy(&xs[N - 8], edge, sizeof edge);
}

static void same_bits(void (*variant)(double *, const double *, int))
{
    static double want[N], got[N];
    for (int n = 0; n <= 37; n++) { /* every rest after whole vectors */
        brink_exp_lanes_portable(want, xs + 100, n);
        for (int i = 0; i < n + 8; i++)
            got[i] = -1.0; /* no exponential is negative */
        variant(got, xs + 100, n);
        assert_memory_equal(want, got, (size_t)n * sizeof(double));
        for (int i = n; i < n + 8; i++) /* nothing written past n */
            assert_true(got[i] == -1.0);
    }
    brink_exp_lanes_portable(want, xs, N);
    variant(got, xs, N);
    assert_memory_equal(want, got, sizeof want);
    /* in place */
    memcpy(got, xs, sizeof got);
    variant(got, got, N);
    assert_memory_equal(want, got, sizeof want);
}

static void test_dispatch_matches_portable(void **state)
{
    (void)state;
    fill();
    same_bits(brink_exp_lanes);
}

static void test_x86_variants_match_portable(void **state)
{
    (void)state;
#ifdef BRINK_EXP_LANES_X86
    fill();
    same_bits(brink_exp_lanes_sse2);
    if (brink_exp_lanes_have_avx())
        same_bits(brink_exp_lanes_avx);
    else
        printf("SKIP: no AVX on this processor\n");
    if (brink_exp_lanes_have_avx512())
        same_bits(brink_exp_lanes_avx512);
    else
        printf("SKIP: no AVX-512 on this processor\n");
#else
    printf("SKIP: not x86-64\n");
#endif
}

static void test_values_are_exponentials(void **state)
{
    (void)state;
    fill();
    static double y[N];
    brink_exp_lanes(y, xs, N);
    for (int i = 0; i < N - 8; i++) {
        double want = exp(xs[i]);
        if (want == 0.0 || isinf(want))
            assert_true(y[i] == want);
        else /* within one unit in the last place */
            assert_true(fabs(y[i] - want) <= nextafter(want, HUGE_VAL) - want);
    }
    assert_true(y[N - 8] == 1.0 && y[N - 7] == 1.0);
    assert_true(y[N - 3] == HUGE_VAL && y[N - 2] == 0.0 && y[N - 1] == 0.0);
}

/* Uniforms in (0, 1) as the engine's counters give them, (k + 0.5) / 2^32,
 * across the range and at both ends. */
static void fill_uniforms(double *u0, double *u1, int n)
{
    for (int i = 0; i < n; i++) {
        uint32_t k0 = (uint32_t)((uint64_t)i * 4294967291u / (uint64_t)n);
        uint32_t k1 = (uint32_t)((uint64_t)(n - 1 - i) * 2654435761u);
        u0[i] = ((double)k0 + 0.5) / 4294967296.0;
        u1[i] = ((double)k1 + 0.5) / 4294967296.0;
    }
    u0[0] = 0.5 / 4294967296.0;              /* the smallest: the largest radius */
    u0[n - 1] = (4294967295.0 + 0.5) / 4294967296.0; /* the largest */
}

static void normals_same_bits(void (*variant)(double *, double *, const double *, const double *,
                                               int))
{
    static double u0[N], u1[N], w0[N], w1[N], g0[N], g1[N];
    fill_uniforms(u0, u1, N);
    for (int n = 0; n <= 19; n++) { /* every rest after whole vectors */
        brink_normals_lanes_portable(w0, w1, u0 + 50, u1 + 50, n);
        variant(g0, g1, u0 + 50, u1 + 50, n);
        assert_memory_equal(w0, g0, (size_t)n * sizeof(double));
        assert_memory_equal(w1, g1, (size_t)n * sizeof(double));
    }
    brink_normals_lanes_portable(w0, w1, u0, u1, N);
    variant(g0, g1, u0, u1, N);
    assert_memory_equal(w0, g0, sizeof w0);
    assert_memory_equal(w1, g1, sizeof w1);
}

static void test_normals_variants_match_portable(void **state)
{
    (void)state;
    normals_same_bits(brink_normals_lanes);
#ifdef BRINK_EXP_LANES_X86
    normals_same_bits(brink_normals_lanes_sse2);
    if (brink_exp_lanes_have_avx())
        normals_same_bits(brink_normals_lanes_avx);
    else
        printf("SKIP: no AVX on this processor\n");
    if (brink_exp_lanes_have_avx512())
        normals_same_bits(brink_normals_lanes_avx512);
    else
        printf("SKIP: no AVX-512 on this processor\n");
#endif
}

/* They are Box-Muller's normals: libm's formula to within a few units in
 * the last place of the radius, and their moments over a fine grid of
 * uniforms are those of independent standard normals. */
static void test_normals_are_box_muller(void **state)
{
    (void)state;
    static double u0[N], u1[N], z0[N], z1[N];
    fill_uniforms(u0, u1, N);
    brink_normals_lanes(z0, z1, u0, u1, N);
    double m0 = 0, m1 = 0, v0 = 0, v1 = 0, c = 0;
    for (int i = 0; i < N; i++) {
        double r = sqrt(-2.0 * log(u0[i])), a = 6.283185307179586 * u1[i];
        assert_true(fabs(z0[i] - r * cos(a)) <= 1e-14 * (1 + r));
        assert_true(fabs(z1[i] - r * sin(a)) <= 1e-14 * (1 + r));
        m0 += z0[i];
        m1 += z1[i];
        v0 += z0[i] * z0[i];
        v1 += z1[i] * z1[i];
        c += z0[i] * z1[i];
    }
    assert_true(fabs(m0 / N) < 0.05 && fabs(m1 / N) < 0.05);
    assert_true(fabs(v0 / N - 1) < 0.1 && fabs(v1 / N - 1) < 0.1 && fabs(c / N) < 0.05);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dispatch_matches_portable),
        cmocka_unit_test(test_x86_variants_match_portable),
        cmocka_unit_test(test_values_are_exponentials),
        cmocka_unit_test(test_normals_variants_match_portable),
        cmocka_unit_test(test_normals_are_box_muller),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
