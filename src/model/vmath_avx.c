/* The AVX variant of brink_exp_lanes (model/vmath.h): compiled with -mavx
 * (CMakeLists.txt), called only where the processor has AVX. */
#include "model/vmath.h"

#ifdef BRINK_EXP_LANES_X86
#include <sleef.h>

void brink_exp_lanes_avx(double *y, const double *x, int n)
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, Sleef_cinz_expd4_u10avx(_mm256_loadu_pd(x + i)));
    /* the rest (fewer than four): the portable variant, the same bits */
    brink_exp_lanes_portable(y + i, x + i, n - i);
}
#endif
