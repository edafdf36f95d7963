/* Many Philox blocks at once (core/rng.h). The AVX2 variant runs the ten
 * rounds of Philox4x32 (Salmon et al. 2011, as Random123 defines them) on
 * four counters to a vector, one counter to each 64-bit lane, 32-bit words
 * widened so that one unsigned 32 x 32 -> 64 multiply gives both halves of
 * each product; up to BRINK_RNG_GROUP vectors go through the rounds side
 * by side, so that their latencies overlap. Integer arithmetic is exact,
 * and the conversion to (x + 0.5) / 2^32 is exact too, so every variant
 * gives brink_rng_u4's bits; unit/test_rng holds them to it. */
#include "core/rng.h"

void brink_rng_u4xn_portable(const brink_rng *r, uint32_t stream, const uint32_t *month,
                             const uint32_t *slot, int n, double (*u)[4])
{
    for (int b = 0; b < n; b++)
        brink_rng_u4(r, stream, month[b], slot[b], u[b]);
}

#ifdef BRINK_RNG_X86
#include <immintrin.h>

int brink_rng_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

enum { BRINK_RNG_GROUP = 8 }; /* vectors through the rounds together */

/* Blocks [0, 4 nv) of month/slot (nv <= BRINK_RNG_GROUP): u[b]. */
__attribute__((target("avx2"))) static void u4xn_group(const brink_rng *r, uint32_t stream,
                                                       const uint32_t *month,
                                                       const uint32_t *slot, int nv,
                                                       double (*u)[4])
{
    const __m256i lo = _mm256_set1_epi64x(0xffffffffLL);
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M4x32_0), m1 = _mm256_set1_epi64x(PHILOX_M4x32_1);
    const __m256i w0 = _mm256_set1_epi64x(PHILOX_W32_0), w1 = _mm256_set1_epi64x(PHILOX_W32_1);
    /* the counters (run low, run high, stream and slot, month): word w of
     * blocks 4v to 4v + 3 in x[w][v] */
    __m256i x[4][BRINK_RNG_GROUP];
    for (int v = 0; v < nv; v++) {
        const uint32_t *s = slot + 4 * v, *m = month + 4 * v;
        x[0][v] = _mm256_set1_epi64x(r->run_lo);
        x[1][v] = _mm256_set1_epi64x(r->run_hi);
        x[2][v] = _mm256_setr_epi64x(
            (stream << 24) | (s[0] & 0xffffffu), (stream << 24) | (s[1] & 0xffffffu),
            (stream << 24) | (s[2] & 0xffffffu), (stream << 24) | (s[3] & 0xffffffu));
        x[3][v] = _mm256_setr_epi64x(m[0], m[1], m[2], m[3]);
    }
    __m256i k0 = _mm256_set1_epi64x(r->key.v[0]), k1 = _mm256_set1_epi64x(r->key.v[1]);
    for (int round = 0; round < 10; round++) {
        if (round > 0) { /* the key schedule, modulo 2^32 */
            k0 = _mm256_and_si256(_mm256_add_epi64(k0, w0), lo);
            k1 = _mm256_and_si256(_mm256_add_epi64(k1, w1), lo);
        }
        for (int v = 0; v < nv; v++) {
            __m256i p0 = _mm256_mul_epu32(x[0][v], m0), p1 = _mm256_mul_epu32(x[2][v], m1);
            __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x[1][v]), k0);
            __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x[3][v]), k1);
            x[1][v] = _mm256_and_si256(p1, lo);
            x[3][v] = _mm256_and_si256(p0, lo);
            x[0][v] = y0;
            x[2][v] = y2;
        }
    }
    /* x as a double: its bits under the exponent of 2^52, less 2^52 */
    const __m256i bias_i = _mm256_set1_epi64x(0x4330000000000000LL);
    const __m256d bias = _mm256_set1_pd(4503599627370496.0);
    const __m256d half = _mm256_set1_pd(0.5), scale = _mm256_set1_pd(1.0 / 4294967296.0);
    for (int v = 0; v < nv; v++)
        for (int w = 0; w < 4; w++) {
            __m256d d = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(x[w][v], bias_i)), bias);
            double t[4];
            _mm256_storeu_pd(t, _mm256_mul_pd(_mm256_add_pd(d, half), scale));
            for (int b = 0; b < 4; b++)
                u[4 * v + b][w] = t[b];
        }
}

__attribute__((target("avx2"))) void brink_rng_u4xn_avx2(const brink_rng *r, uint32_t stream,
                                                          const uint32_t *month,
                                                          const uint32_t *slot, int n,
                                                          double (*u)[4])
{
    int b = 0;
    for (; b + 4 <= n; b += 4 * BRINK_RNG_GROUP) {
        int nv = (n - b) / 4 < BRINK_RNG_GROUP ? (n - b) / 4 : BRINK_RNG_GROUP;
        u4xn_group(r, stream, month + b, slot + b, nv, u + b);
    }
    /* fewer than four left: one at a time */
    for (b = n & ~3; b < n; b++)
        brink_rng_u4(r, stream, month[b], slot[b], u[b]);
}
#endif

void brink_rng_u4xn(const brink_rng *r, uint32_t stream, const uint32_t *month,
                    const uint32_t *slot, int n, double (*u)[4])
{
#ifdef BRINK_RNG_X86
    if (brink_rng_have_avx2()) {
        brink_rng_u4xn_avx2(r, stream, month, slot, n, u);
        return;
    }
#endif
    brink_rng_u4xn_portable(r, stream, month, slot, n, u);
}
