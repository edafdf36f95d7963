/* The AVX variant of brink_exp_lanes (model/vmath.h): compiled with -mavx
 * (CMakeLists.txt), called only where the processor has AVX. */
#include "model/vmath.h"

#ifdef BRINK_EXP_LANES_X86
#include "model/vmath_avx.h"

/* Any length: whole vectors, then the portable rest. */
static __attribute__((noinline)) void exp_lanes_avx_any(double *y, const double *x, int n)
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
        brink_exp4_avx_(y + i, x + i);
    /* the rest (fewer than four): the portable variant, the same bits */
    if (i < n)
        brink_exp_lanes_portable(y + i, x + i, n - i);
}

void brink_exp_lanes_avx(double *y, const double *x, int n)
{
    /* one vector (four goods, a block of parties) with no loop to set up */
    if (n == 4)
        brink_exp4_avx_(y, x);
    else
        exp_lanes_avx_any(y, x, n);
}

void brink_normals_lanes_avx(double *z0, double *z1, const double *u0, const double *u1, int n)
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
        brink_normals4_avx_(z0 + i, z1 + i, u0 + i, u1 + i);
    /* the rest (fewer than four): the portable variant, the same bits */
    brink_normals_lanes_portable(z0 + i, z1 + i, u0 + i, u1 + i, n - i);
}
#endif
