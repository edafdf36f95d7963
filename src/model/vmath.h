/* Exponentials in vector lanes: SLEEF's deterministic exponential
 * (Sleef_cinz_exp*_u10: error below 1 ulp, no FMA anywhere), eight lanes to
 * a vector where the processor has AVX-512, four where it has AVX (chosen at
 * run time), two to an SSE2 vector otherwise on x86-64, and SLEEF's portable
 * C elsewhere. Every
 * variant gives the same bits for the same argument, so results do not
 * depend on the processor or on the variant chosen. The engine's loops over
 * parties, goods and belief points take their exponentials here. */
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

#endif
