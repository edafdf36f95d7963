/* Four Philox blocks at once (core/rng.h). The AVX2 variant runs the ten
 * rounds of Philox4x32 (Salmon et al. 2011, as Random123 defines them) on
 * four counters side by side, one counter to each 64-bit lane, 32-bit
 * words widened so that one unsigned 32 x 32 -> 64 multiply gives both
 * halves of each product. Integer arithmetic is exact, and the conversion
 * to (x + 0.5) / 2^32 is exact too, so both variants give brink_rng_u4's
 * bits; unit/test_rng holds them to it. */
#include "core/rng.h"

void brink_rng_u4x4_portable(const brink_rng *r, uint32_t stream, const uint32_t month[4],
                             const uint32_t slot[4], double u[4][4])
{
    for (int b = 0; b < 4; b++)
        brink_rng_u4(r, stream, month[b], slot[b], u[b]);
}

#ifdef BRINK_RNG_X86
#include <immintrin.h>

int brink_rng_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}

__attribute__((target("avx2"))) void brink_rng_u4x4_avx2(const brink_rng *r, uint32_t stream,
                                                          const uint32_t month[4],
                                                          const uint32_t slot[4], double u[4][4])
{
    const __m256i lo = _mm256_set1_epi64x(0xffffffffLL);
    /* the counters: (run low, run high, stream and slot, month), word w of
     * the four blocks in vector w */
    __m256i x0 = _mm256_set1_epi64x(r->run_lo);
    __m256i x1 = _mm256_set1_epi64x(r->run_hi);
    __m256i x2 = _mm256_setr_epi64x((stream << 24) | (slot[0] & 0xffffffu),
                                    (stream << 24) | (slot[1] & 0xffffffu),
                                    (stream << 24) | (slot[2] & 0xffffffu),
                                    (stream << 24) | (slot[3] & 0xffffffu));
    __m256i x3 = _mm256_setr_epi64x(month[0], month[1], month[2], month[3]);
    __m256i k0 = _mm256_set1_epi64x(r->key.v[0]), k1 = _mm256_set1_epi64x(r->key.v[1]);
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M4x32_0), m1 = _mm256_set1_epi64x(PHILOX_M4x32_1);
    const __m256i w0 = _mm256_set1_epi64x(PHILOX_W32_0), w1 = _mm256_set1_epi64x(PHILOX_W32_1);
    for (int round = 0; round < 10; round++) {
        if (round > 0) { /* the key schedule, modulo 2^32 */
            k0 = _mm256_and_si256(_mm256_add_epi64(k0, w0), lo);
            k1 = _mm256_and_si256(_mm256_add_epi64(k1, w1), lo);
        }
        __m256i p0 = _mm256_mul_epu32(x0, m0), p1 = _mm256_mul_epu32(x2, m1);
        __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), x1), k0);
        __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), x3), k1);
        x1 = _mm256_and_si256(p1, lo);
        x3 = _mm256_and_si256(p0, lo);
        x0 = y0;
        x2 = y2;
    }
    /* x as a double: its bits under the exponent of 2^52, less 2^52 */
    const __m256i bias_i = _mm256_set1_epi64x(0x4330000000000000LL);
    const __m256d bias = _mm256_set1_pd(4503599627370496.0);
    const __m256d half = _mm256_set1_pd(0.5), scale = _mm256_set1_pd(1.0 / 4294967296.0);
    __m256i words[4] = {x0, x1, x2, x3};
    for (int w = 0; w < 4; w++) {
        __m256d d = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(words[w], bias_i)), bias);
        double t[4];
        _mm256_storeu_pd(t, _mm256_mul_pd(_mm256_add_pd(d, half), scale));
        for (int b = 0; b < 4; b++)
            u[b][w] = t[b];
    }
}
#endif

void brink_rng_u4x4(const brink_rng *r, uint32_t stream, const uint32_t month[4],
                    const uint32_t slot[4], double u[4][4])
{
#ifdef BRINK_RNG_X86
    if (brink_rng_have_avx2()) {
        brink_rng_u4x4_avx2(r, stream, month, slot, u);
        return;
    }
#endif
    brink_rng_u4x4_portable(r, stream, month, slot, u);
}
