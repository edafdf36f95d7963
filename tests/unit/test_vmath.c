/* The engine's vector exponentials (model/vmath.h): every variant the
 * processor can run gives the bits of the portable one, at every length
 * (whole vectors and the rest), and they are exponentials (within 1 ulp
 * of libm's, exact at 0, 0 and infinity at the ends). */
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
        variant(got, xs + 100, n);
        assert_memory_equal(want, got, (size_t)n * sizeof(double));
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dispatch_matches_portable),
        cmocka_unit_test(test_x86_variants_match_portable),
        cmocka_unit_test(test_values_are_exponentials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
