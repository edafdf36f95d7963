#include "model/vmath.h"

#include <math.h>
#include <sleef.h>

void brink_exp_lanes_portable(double *y, const double *x, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = Sleef_cinz_expd1_u10purec(x[i]);
}

#ifdef BRINK_EXP_LANES_X86
void brink_exp_lanes_sse2(double *y, const double *x, int n)
{
    int i = 0;
    for (; i + 2 <= n; i += 2)
        _mm_storeu_pd(y + i, Sleef_cinz_expd2_u10sse2(_mm_loadu_pd(x + i)));
    brink_exp_lanes_portable(y + i, x + i, n - i);
}

int brink_exp_lanes_have_avx(void)
{
    return __builtin_cpu_supports("avx");
}

int brink_exp_lanes_have_avx512(void)
{
    return __builtin_cpu_supports("avx512f");
}
#endif

void brink_normals_lanes_portable(double *z0, double *z1, const double *u0, const double *u1,
                                  int n)
{
    for (int i = 0; i < n; i++) {
        double r = sqrt(-2.0 * Sleef_cinz_logd1_u10purec(u0[i]));
        Sleef_double_2 sc = Sleef_cinz_sincosd1_u10purec(BRINK_TWO_PI * u1[i]);
        z0[i] = r * sc.y;
        z1[i] = r * sc.x;
    }
}

#ifdef BRINK_EXP_LANES_X86
void brink_normals_lanes_sse2(double *z0, double *z1, const double *u0, const double *u1,
                              int n)
{
    int i = 0;
    for (; i + 2 <= n; i += 2) {
        __m128d r = _mm_sqrt_pd(
            _mm_mul_pd(_mm_set1_pd(-2.0), Sleef_cinz_logd2_u10sse2(_mm_loadu_pd(u0 + i))));
        Sleef___m128d_2 sc =
            Sleef_cinz_sincosd2_u10sse2(_mm_mul_pd(_mm_set1_pd(BRINK_TWO_PI), _mm_loadu_pd(u1 + i)));
        _mm_storeu_pd(z0 + i, _mm_mul_pd(r, sc.y));
        _mm_storeu_pd(z1 + i, _mm_mul_pd(r, sc.x));
    }
    brink_normals_lanes_portable(z0 + i, z1 + i, u0 + i, u1 + i, n - i);
}
#endif

void brink_normals_lanes(double *z0, double *z1, const double *u0, const double *u1, int n)
{
#ifdef BRINK_EXP_LANES_X86
    if (brink_exp_lanes_have_avx512())
        brink_normals_lanes_avx512(z0, z1, u0, u1, n);
    else if (brink_exp_lanes_have_avx())
        brink_normals_lanes_avx(z0, z1, u0, u1, n);
    else
        brink_normals_lanes_sse2(z0, z1, u0, u1, n);
#else
    brink_normals_lanes_portable(z0, z1, u0, u1, n);
#endif
}

void brink_exp_lanes(double *y, const double *x, int n)
{
#ifdef BRINK_EXP_LANES_X86
    /* (the processor's features read inline: the engine calls this a few
     * times a month with a handful of values) */
    if (__builtin_cpu_supports("avx512f"))
        brink_exp_lanes_avx512(y, x, n);
    else if (__builtin_cpu_supports("avx"))
        brink_exp_lanes_avx(y, x, n);
    else
        brink_exp_lanes_sse2(y, x, n);
#else
    brink_exp_lanes_portable(y, x, n);
#endif
}
