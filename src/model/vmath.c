#include "model/vmath.h"

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

void brink_exp_lanes(double *y, const double *x, int n)
{
#ifdef BRINK_EXP_LANES_X86
    if (brink_exp_lanes_have_avx512())
        brink_exp_lanes_avx512(y, x, n);
    else if (brink_exp_lanes_have_avx())
        brink_exp_lanes_avx(y, x, n);
    else
        brink_exp_lanes_sse2(y, x, n);
#else
    brink_exp_lanes_portable(y, x, n);
#endif
}
