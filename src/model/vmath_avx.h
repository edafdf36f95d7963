/* The lanes of model/vmath.h as inline functions, for files compiled with
 * AVX: the AVX and AVX-512 variants (vmath_avx.c, vmath_avx512.c) and the
 * copies of the monthly step for wider processors (model/isa.h), which
 * call them without the dispatch. */
#ifndef BRINK_MODEL_VMATH_AVX_H
#define BRINK_MODEL_VMATH_AVX_H

#ifndef __AVX__
#error "model/vmath_avx.h is for files compiled with AVX"
#endif

#include <immintrin.h>
#include <sleef.h>

#include "model/vmath.h"

/* y[0..3] = e^x[0..3] */
static inline void brink_exp4_avx_(double *y, const double *x)
{
    _mm256_storeu_pd(y, Sleef_cinz_expd4_u10avx(_mm256_loadu_pd(x)));
}

#ifdef __AVX512F__
/* y[0..7] = e^x[0..7] */
static inline void brink_exp8_avx512_(double *y, const double *x)
{
    _mm512_storeu_pd(y, Sleef_cinz_expd8_u10avx512fnofma(_mm512_loadu_pd(x)));
}
#endif

#ifdef __AVX512F__
/* Box and Muller for eight lanes (brink_normals_lanes). */
static inline void brink_normals8_avx512_(double *z0, double *z1, const double *u0,
                                          const double *u1)
{
    __m512d r = _mm512_sqrt_pd(
        _mm512_mul_pd(_mm512_set1_pd(-2.0), Sleef_cinz_logd8_u10avx512fnofma(_mm512_loadu_pd(u0))));
    Sleef___m512d_2 sc = Sleef_cinz_sincosd8_u10avx512fnofma(
        _mm512_mul_pd(_mm512_set1_pd(BRINK_TWO_PI), _mm512_loadu_pd(u1)));
    _mm512_storeu_pd(z0, _mm512_mul_pd(r, sc.y));
    _mm512_storeu_pd(z1, _mm512_mul_pd(r, sc.x));
}
#endif

/* Box and Muller for four lanes (brink_normals_lanes). */
static inline void brink_normals4_avx_(double *z0, double *z1, const double *u0, const double *u1)
{
    __m256d r = _mm256_sqrt_pd(
        _mm256_mul_pd(_mm256_set1_pd(-2.0), Sleef_cinz_logd4_u10avx(_mm256_loadu_pd(u0))));
    Sleef___m256d_2 sc = Sleef_cinz_sincosd4_u10avx(
        _mm256_mul_pd(_mm256_set1_pd(BRINK_TWO_PI), _mm256_loadu_pd(u1)));
    _mm256_storeu_pd(z0, _mm256_mul_pd(r, sc.y));
    _mm256_storeu_pd(z1, _mm256_mul_pd(r, sc.x));
}

#endif
