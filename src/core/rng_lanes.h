/* Philox's rounds in AVX2 and AVX-512 lanes (core/rng.c): one counter to
 * each 64-bit lane, its 32-bit words in the low halves. Inline, so that the
 * library's variants (core/rng.c) and the copies of the step for wider
 * processors (model/isa.h, which call them without the dispatch) share
 * one source. Only for x86-64 compilers that take target attributes. */
#ifndef BRINK_CORE_RNG_LANES_H
#define BRINK_CORE_RNG_LANES_H

#include "core/rng.h"

#ifdef BRINK_RNG_X86
#include <immintrin.h>

/* The most vectors of counters that go through the rounds side by side. */
enum { BRINK_RNG_SIDE_MAX = 4 };

/* The ten rounds on nv vectors of counters side by side (word j of vector
 * v in x[j][v], in the low halves of the 64-bit lanes), each lane with its
 * key's words in the low halves of k0 and k1: four blocks to an AVX2
 * vector. nv is a constant where this is inlined, so that the loops over
 * the vectors unroll and their words stay in registers. */
__attribute__((target("avx2"), always_inline)) static inline void
brink_rng_rounds_avx2_(__m256i x[4][BRINK_RNG_SIDE_MAX], int nv, __m256i k0, __m256i k1)
{
    const __m256i m0 = _mm256_set1_epi64x(PHILOX_M4x32_0), m1 = _mm256_set1_epi64x(PHILOX_M4x32_1);
    const __m256i w0 = _mm256_set1_epi64x(PHILOX_W32_0), w1 = _mm256_set1_epi64x(PHILOX_W32_1);
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 = _mm256_add_epi32(k0, w0);
            k1 = _mm256_add_epi32(k1, w1);
        }
        for (int v = 0; v < nv; v++) {
            __m256i p0 = _mm256_mul_epu32(x[0][v], m0), p1 = _mm256_mul_epu32(x[2][v], m1);
            __m256i h1 = _mm256_shuffle_epi32(p1, 0xb1), h0 = _mm256_shuffle_epi32(p0, 0xb1);
            x[0][v] = _mm256_xor_si256(_mm256_xor_si256(h1, x[1][v]), k0);
            x[2][v] = _mm256_xor_si256(_mm256_xor_si256(h0, x[3][v]), k1);
            x[1][v] = p1;
            x[3][v] = p0;
        }
    }
}

/* The words in the low halves of x as doubles (x + 0.5) / 2^32. */
__attribute__((target("avx2"), always_inline)) static inline __m256d
brink_rng_words_avx2_(__m256i x)
{
    const __m256i exp52 = _mm256_set1_epi64x((long long)BRINK_RNG_EXP52 << 32);
    const __m256d bias = _mm256_set1_pd(BRINK_RNG_BIAS), scale = _mm256_set1_pd(1.0 / 4294967296.0);
    return _mm256_mul_pd(
        _mm256_sub_pd(_mm256_castsi256_pd(_mm256_blend_epi32(x, exp52, 0xaa)), bias), scale);
}

/* The AVX-512 forms of the two: eight blocks to a vector. */
__attribute__((target("avx512f"), always_inline)) static inline void
brink_rng_rounds_avx512_(__m512i x[4][BRINK_RNG_SIDE_MAX], int nv, __m512i k0, __m512i k1)
{
    const __m512i m0 = _mm512_set1_epi64(PHILOX_M4x32_0), m1 = _mm512_set1_epi64(PHILOX_M4x32_1);
    const __m512i w0 = _mm512_set1_epi64(PHILOX_W32_0), w1 = _mm512_set1_epi64(PHILOX_W32_1);
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 = _mm512_add_epi32(k0, w0);
            k1 = _mm512_add_epi32(k1, w1);
        }
        for (int v = 0; v < nv; v++) {
            __m512i p0 = _mm512_mul_epu32(x[0][v], m0), p1 = _mm512_mul_epu32(x[2][v], m1);
            /* 0x96: the exclusive or of all three */
            x[0][v] = _mm512_ternarylogic_epi64(_mm512_shuffle_epi32(p1, _MM_PERM_CDAB), x[1][v],
                                                k0, 0x96);
            x[2][v] = _mm512_ternarylogic_epi64(_mm512_shuffle_epi32(p0, _MM_PERM_CDAB), x[3][v],
                                                k1, 0x96);
            x[1][v] = p1;
            x[3][v] = p0;
        }
    }
}

__attribute__((target("avx512f"), always_inline)) static inline __m512d
brink_rng_words_avx512_(__m512i x)
{
    const __m512i exp52 = _mm512_set1_epi64((long long)BRINK_RNG_EXP52 << 32);
    const __m512d bias = _mm512_set1_pd(BRINK_RNG_BIAS), scale = _mm512_set1_pd(1.0 / 4294967296.0);
    return _mm512_mul_pd(
        _mm512_sub_pd(_mm512_castsi512_pd(_mm512_mask_blend_epi32(0xaaaa, x, exp52)), bias), scale);
}

/* brink_rng_u4_runs for the four runs r[0 .. 4), u at the first of their
 * lanes in rows of n entries: each run's key and run words gathered into the low
 * halves of 64-bit lanes from two loads of the four structs, the slots'
 * vectors through the rounds side by side, and each word's doubles stored
 * as they come out, one row of lanes to a word. */
__attribute__((target("avx2"))) static inline void
brink_rng_runs4_avx2_(const brink_rng *r, uint32_t stream, const uint32_t *month,
                      const uint32_t *slot, int nslots, int n, double *u)
{
    /* 64-bit halves: (key 0, key 1), (run low, run high) of runs 0, 1; then
     * of runs 2, 3; unpacked to each pair of runs 0, 2, 1, 3 and put in
     * order */
    __m256i a = _mm256_loadu_si256((const __m256i *)r);
    __m256i b = _mm256_loadu_si256((const __m256i *)(r + 2));
    __m256i keys = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(a, b), 0xd8);
    __m256i runs = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(a, b), 0xd8);
    __m256i k1 = _mm256_srli_epi64(keys, 32), run_hi = _mm256_srli_epi64(runs, 32);
    __m256i t = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)month));
    for (int s0 = 0; s0 < nslots; s0 += BRINK_RNG_SIDE_MAX) {
        int nv = nslots - s0 < BRINK_RNG_SIDE_MAX ? nslots - s0 : BRINK_RNG_SIDE_MAX;
        __m256i x[4][BRINK_RNG_SIDE_MAX];
        for (int v = 0; v < nv; v++) {
            x[0][v] = runs;
            x[1][v] = run_hi;
            x[2][v] = _mm256_set1_epi64x(brink_rng_slot_word(stream, slot[s0 + v]));
            x[3][v] = t;
        }
        /* (a constant count of vectors in each call, for the registers) */
        if (nv == 1)
            brink_rng_rounds_avx2_(x, 1, keys, k1);
        else if (nv == 2)
            brink_rng_rounds_avx2_(x, 2, keys, k1);
        else if (nv == 3)
            brink_rng_rounds_avx2_(x, 3, keys, k1);
        else
            brink_rng_rounds_avx2_(x, BRINK_RNG_SIDE_MAX, keys, k1);
        for (int v = 0; v < nv; v++)
            for (int j = 0; j < 4; j++)
                _mm256_storeu_pd(u + (size_t)(4 * (s0 + v) + j) * (size_t)n,
                                 brink_rng_words_avx2_(x[j][v]));
    }
}

/* The same for the eight runs r[0 .. 8). */
__attribute__((target("avx512f"))) static inline void
brink_rng_runs8_avx512_(const brink_rng *r, uint32_t stream, const uint32_t *month,
                        const uint32_t *slot, int nslots, int n, double *u)
{
    /* 64-bit halves: (key 0, key 1), (run low, run high) of runs 0 to 3,
     * then of 4 to 7: the even ones and the odd ones of the two loads */
    __m512i a = _mm512_loadu_si512(r), b = _mm512_loadu_si512(r + 4);
    __m512i keys = _mm512_permutex2var_epi64(a, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), b);
    __m512i runs = _mm512_permutex2var_epi64(a, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), b);
    __m512i k1 = _mm512_srli_epi64(keys, 32), run_hi = _mm512_srli_epi64(runs, 32);
    __m512i t = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)month));
    for (int s0 = 0; s0 < nslots; s0 += BRINK_RNG_SIDE_MAX) {
        int nv = nslots - s0 < BRINK_RNG_SIDE_MAX ? nslots - s0 : BRINK_RNG_SIDE_MAX;
        __m512i x[4][BRINK_RNG_SIDE_MAX];
        for (int v = 0; v < nv; v++) {
            x[0][v] = runs;
            x[1][v] = run_hi;
            x[2][v] = _mm512_set1_epi64(brink_rng_slot_word(stream, slot[s0 + v]));
            x[3][v] = t;
        }
        if (nv == 1)
            brink_rng_rounds_avx512_(x, 1, keys, k1);
        else if (nv == 2)
            brink_rng_rounds_avx512_(x, 2, keys, k1);
        else if (nv == 3)
            brink_rng_rounds_avx512_(x, 3, keys, k1);
        else
            brink_rng_rounds_avx512_(x, BRINK_RNG_SIDE_MAX, keys, k1);
        for (int v = 0; v < nv; v++)
            for (int j = 0; j < 4; j++)
                _mm512_storeu_pd(u + (size_t)(4 * (s0 + v) + j) * (size_t)n,
                                 brink_rng_words_avx512_(x[j][v]));
    }
}
#endif

#endif
