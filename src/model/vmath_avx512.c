/* The AVX-512 variants of brink_exp_lanes and brink_normals_lanes
 * (model/vmath.h): compiled with
 * -mavx512f (CMakeLists.txt), called only where the processor has it. */
#include "model/vmath.h"

#ifdef BRINK_EXP_LANES_X86
#include "model/vmath_avx.h"

/* Any length: whole vectors of eight, then the AVX variant for the rest
 * (the same bits; no call where nothing is left). */
static __attribute__((noinline)) void exp_lanes_avx512_any(double *y, const double *x, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        brink_exp8_avx512_(y + i, x + i);
    if (i < n)
        brink_exp_lanes_avx(y + i, x + i, n - i);
}
void brink_exp_lanes_avx512(double *y, const double *x, int n)
{
    /* one vector (eight parties; four goods) with no loop to set up */
    if (n == 8)
        brink_exp8_avx512_(y, x);
    else if (n == 4)
        brink_exp_lanes_avx(y, x, 4);
    else
        exp_lanes_avx512_any(y, x, n);
}

/* Whole vectors of eight, then the AVX variant for the rest. */
void brink_normals_lanes_avx512(double *z0, double *z1, const double *u0, const double *u1, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        brink_normals8_avx512_(z0 + i, z1 + i, u0 + i, u1 + i);
    if (i < n)
        brink_normals_lanes_avx(z0 + i, z1 + i, u0 + i, u1 + i, n - i);
}
#endif
