/* Exponentials and normal draws in vector lanes: SLEEF's deterministic
 * functions (Sleef_cinz_*_u10: error below 1 ulp, no FMA anywhere). For the
 * exponential:
 * (Sleef_cinz_exp*_u10: error below 1 ulp, no FMA anywhere), eight lanes to
 * a vector where the processor has AVX-512, four where it has AVX (chosen at
 * run time), two to an SSE2 vector otherwise on x86-64, and SLEEF's portable
 * C elsewhere. Every
 * variant gives the same bits for the same argument, so results do not
 * depend on the processor or on the variant chosen. The engine's loops over
 * parties, goods and belief points take their exponentials here, and the
 * monthly shocks their normals. */
#ifndef BRINK_MODEL_VMATH_H
#define BRINK_MODEL_VMATH_H

/* y[i] = e^x[i] for 0 <= i < n (y may be x). */
void brink_exp_lanes(double *y, const double *x, int n);

/* The same, processor-specific variants (tests compare them; AVX only where
 * the processor has it). */
void brink_exp_lanes_portable(double *y, const double *x, int n);
#if defined(__x86_64__) && defined(__GNUC__)
#define BRINK_EXP_LANES_X86 1
void brink_exp_lanes_sse2(double *y, const double *x, int n);
void brink_exp_lanes_avx(double *y, const double *x, int n);
void brink_exp_lanes_avx512(double *y, const double *x, int n);
/* Whether the processor (and the system) can run brink_exp_lanes_avx, and
 * brink_exp_lanes_avx512. */
int brink_exp_lanes_have_avx(void);
int brink_exp_lanes_have_avx512(void);
#endif

#define BRINK_TWO_PI 6.283185307179586

/* Standard normals from uniforms by Box and Muller: with r = sqrt(-2 ln
 * u0[i]) and a = 2 pi u1[i], z0[i] = r cos a and z1[i] = r sin a, for
 * 0 <= i < n (u in (0, 1)). Eight lanes where the processor has AVX-512,
 * four where it has AVX, two with SSE2, SLEEF's portable C elsewhere: the
 * same bits in every variant. */
void brink_normals_lanes(double *z0, double *z1, const double *u0, const double *u1, int n);
void brink_normals_lanes_portable(double *z0, double *z1, const double *u0, const double *u1,
                                  int n);
#ifdef BRINK_EXP_LANES_X86
void brink_normals_lanes_sse2(double *z0, double *z1, const double *u0, const double *u1,
                              int n);
void brink_normals_lanes_avx(double *z0, double *z1, const double *u0, const double *u1, int n);
void brink_normals_lanes_avx512(double *z0, double *z1, const double *u0, const double *u1, int n);
#endif

/* In a copy of the monthly step compiled for a wider processor
 * (model/isa.h), which only that processor runs, the lanes are called
 * directly, without the dispatch (and the same SLEEF functions, so the same
 * bits). */
#if defined(BRINK_ISA_VARIANT) && defined(__AVX__)
#include "model/vmath_avx.h"

static inline void brink_exp_lanes_isa_(double *y, const double *x, int n)
{
    int i = 0;
#ifdef __AVX512F__
    for (; i + 8 <= n; i += 8)
        brink_exp8_avx512_(y + i, x + i);
#endif
    for (; i + 4 <= n; i += 4)
        brink_exp4_avx_(y + i, x + i);
    if (i < n)
        brink_exp_lanes_portable(y + i, x + i, n - i);
}

static inline void brink_normals_lanes_isa_(double *z0, double *z1, const double *u0,
                                            const double *u1, int n)
{
    int i = 0;
#ifdef __AVX512F__
    for (; i + 8 <= n; i += 8)
        brink_normals8_avx512_(z0 + i, z1 + i, u0 + i, u1 + i);
#endif
    for (; i + 4 <= n; i += 4)
        brink_normals4_avx_(z0 + i, z1 + i, u0 + i, u1 + i);
    if (i < n)
        brink_normals_lanes_portable(z0 + i, z1 + i, u0 + i, u1 + i, n - i);
}

#define brink_exp_lanes brink_exp_lanes_isa_
#define brink_normals_lanes brink_normals_lanes_isa_
#endif

#endif
