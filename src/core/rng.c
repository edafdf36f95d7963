/* Many Philox blocks at once (core/rng.h). The vector variants run the ten
 * rounds of Philox4x32 (Salmon et al. 2011, as Random123 defines them) on
 * one counter to each 64-bit lane (four to an AVX2 vector, eight to an
 * AVX-512 one), each 32-bit word in the low half of its lane, so that one
 * unsigned 32 x 32 -> 64 multiply gives both halves of each product; a
 * group of vectors goes through the rounds side by side, so that their
 * latencies overlap.
 *
 * Only the low halves of the lanes carry the words: a multiply reads only
 * the low halves of its operands, and the rounds move the high half of a
 * product into the low half by swapping the two halves (one shuffle), so
 * the high halves hold leftovers that nothing reads, and nothing masks them
 * until the end. The key schedule adds in 32-bit lanes, modulo 2^32 as
 * Random123's does. A word becomes its double as brink_rng_u4 converts it
 * in lanes (BRINK_RNG_EXP52, core/rng.h), and the words of four blocks
 * (one per vector of words) become the blocks' four doubles by a transpose
 * in registers. Integer arithmetic is exact, and so is the conversion, so
 * every variant gives Random123's bits; unit/test_rng holds them to it.
 *
 * Blocks of several runs side by side (brink_rng_u4_runs) take one run to
 * a lane, with its own key and run words: the words of a block come out
 * one per vector, a row of lanes each, as runs in lanes read them, so they
 * need no transpose. */
#include "core/rng.h"
#include "core/rng_lanes.h"

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

int brink_rng_have_avx512(void)
{
    return __builtin_cpu_supports("avx512f");
}

/* Vectors through the rounds together: 16 blocks, enough chains of
 * multiplies to overlap their latencies (fewer AVX2 vectors run slower,
 * though their words would stay in its 16 registers). */
enum { RNG_GROUP_AVX2 = 4, RNG_GROUP_AVX512 = 2 };

/* Blocks [0, 4 RNG_GROUP_AVX2) of month/slot: u[b]. */
__attribute__((target("avx2"))) static void u4xn_group_avx2(const brink_rng *r,
                                                            uint32_t stream,
                                                            const uint32_t *month,
                                                            const uint32_t *slot,
                                                            double (*u)[4])
{
    const __m128i slot_mask = _mm_set1_epi32(0xffffff);
    const __m128i stream_hi = _mm_set1_epi32((int)(stream << 24));
    /* the counters (run low, run high, stream and slot, month): word j of
     * blocks 4v to 4v + 3 in x[j][v] */
    __m256i x[4][BRINK_RNG_SIDE_MAX];
    for (int v = 0; v < RNG_GROUP_AVX2; v++) {
        __m128i s = _mm_loadu_si128((const __m128i *)(slot + 4 * v));
        x[0][v] = _mm256_set1_epi64x(r->run_lo);
        x[1][v] = _mm256_set1_epi64x(r->run_hi);
        x[2][v] = _mm256_cvtepu32_epi64(_mm_or_si128(_mm_and_si128(s, slot_mask), stream_hi));
        x[3][v] = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(month + 4 * v)));
    }
    brink_rng_rounds_avx2_(x, RNG_GROUP_AVX2, _mm256_set1_epi64x(r->key.v[0]),
                           _mm256_set1_epi64x(r->key.v[1]));
    for (int v = 0; v < RNG_GROUP_AVX2; v++) {
        __m256d d[4];
        for (int j = 0; j < 4; j++)
            d[j] = brink_rng_words_avx2_(x[j][v]);
        /* d[j] holds word j of the four blocks: block b's words to u[4v + b] */
        __m256d t0 = _mm256_unpacklo_pd(d[0], d[1]), t1 = _mm256_unpackhi_pd(d[0], d[1]);
        __m256d t2 = _mm256_unpacklo_pd(d[2], d[3]), t3 = _mm256_unpackhi_pd(d[2], d[3]);
        _mm256_storeu_pd(u[4 * v], _mm256_permute2f128_pd(t0, t2, 0x20));
        _mm256_storeu_pd(u[4 * v + 1], _mm256_permute2f128_pd(t1, t3, 0x20));
        _mm256_storeu_pd(u[4 * v + 2], _mm256_permute2f128_pd(t0, t2, 0x31));
        _mm256_storeu_pd(u[4 * v + 3], _mm256_permute2f128_pd(t1, t3, 0x31));
    }
}

/* Blocks [0, 8 RNG_GROUP_AVX512) of month/slot: u[b]. */
__attribute__((target("avx512f"))) static void u4xn_group_avx512(const brink_rng *r,
                                                                 uint32_t stream,
                                                                 const uint32_t *month,
                                                                 const uint32_t *slot,
                                                                 double (*u)[4])
{
    const __m256i slot_mask = _mm256_set1_epi32(0xffffff);
    const __m256i stream_hi = _mm256_set1_epi32((int)(stream << 24));
    /* word j of blocks 8v to 8v + 7 in x[j][v] */
    __m512i x[4][BRINK_RNG_SIDE_MAX];
    for (int v = 0; v < RNG_GROUP_AVX512; v++) {
        __m256i s = _mm256_loadu_si256((const __m256i *)(slot + 8 * v));
        x[0][v] = _mm512_set1_epi64(r->run_lo);
        x[1][v] = _mm512_set1_epi64(r->run_hi);
        x[2][v] = _mm512_cvtepu32_epi64(_mm256_or_si256(_mm256_and_si256(s, slot_mask), stream_hi));
        x[3][v] = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)(month + 8 * v)));
    }
    brink_rng_rounds_avx512_(x, RNG_GROUP_AVX512, _mm512_set1_epi64(r->key.v[0]),
                             _mm512_set1_epi64(r->key.v[1]));
    /* lanes 0-3 and 4-7 of two vectors, interleaved */
    const __m512i lo = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
    const __m512i hi = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
    for (int v = 0; v < RNG_GROUP_AVX512; v++) {
        __m512d d[4];
        for (int j = 0; j < 4; j++)
            d[j] = brink_rng_words_avx512_(x[j][v]);
        /* words 0 and 2, then 1 and 3, of blocks 0-3 and of 4-7; then the
         * two interleaved: block b's four words, two blocks to a vector */
        __m512d p0 = _mm512_permutex2var_pd(d[0], lo, d[2]);
        __m512d p1 = _mm512_permutex2var_pd(d[0], hi, d[2]);
        __m512d q0 = _mm512_permutex2var_pd(d[1], lo, d[3]);
        __m512d q1 = _mm512_permutex2var_pd(d[1], hi, d[3]);
        _mm512_storeu_pd(u[8 * v], _mm512_permutex2var_pd(p0, lo, q0));
        _mm512_storeu_pd(u[8 * v + 2], _mm512_permutex2var_pd(p0, hi, q0));
        _mm512_storeu_pd(u[8 * v + 4], _mm512_permutex2var_pd(p1, lo, q1));
        _mm512_storeu_pd(u[8 * v + 6], _mm512_permutex2var_pd(p1, hi, q1));
    }
}

typedef void u4xn_group_fn(const brink_rng *r, uint32_t stream, const uint32_t *month,
                           const uint32_t *slot, double (*u)[4]);

/* n blocks through `group`, `size` at a time, the rest one at a time. */
static void u4xn_groups(u4xn_group_fn *group, int size, const brink_rng *r, uint32_t stream,
                        const uint32_t *month, const uint32_t *slot, int n, double (*u)[4])
{
    int b = 0;
    for (; b + size <= n; b += size)
        group(r, stream, month + b, slot + b, u + b);
    for (; b < n; b++)
        brink_rng_u4(r, stream, month[b], slot[b], u[b]);
}

void brink_rng_u4xn_avx2(const brink_rng *r, uint32_t stream, const uint32_t *month,
                         const uint32_t *slot, int n, double (*u)[4])
{
    u4xn_groups(u4xn_group_avx2, 4 * RNG_GROUP_AVX2, r, stream, month, slot, n, u);
}

void brink_rng_u4xn_avx512(const brink_rng *r, uint32_t stream, const uint32_t *month,
                           const uint32_t *slot, int n, double (*u)[4])
{
    u4xn_groups(u4xn_group_avx512, 8 * RNG_GROUP_AVX512, r, stream, month, slot, n, u);
}

#endif

/* Runs [l, n) of brink_rng_u4_runs, one block at a time. */
static void runs_each(const brink_rng *r, int l, int n, uint32_t stream, const uint32_t *month,
                      const uint32_t *slot, int nslots, double *u)
{
    for (; l < n; l++)
        for (int k = 0; k < nslots; k++) {
            double w[4];
            brink_rng_u4(r + l, stream, month[l], slot[k], w);
            for (int i = 0; i < 4; i++)
                u[(size_t)(4 * k + i) * (size_t)n + (size_t)l] = w[i];
        }
}

void brink_rng_u4_runs_portable(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                                const uint32_t *slot, int nslots, double *u)
{
    runs_each(r, 0, n, stream, month, slot, nslots, u);
}

#ifdef BRINK_RNG_X86
void brink_rng_u4_runs_avx2(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                            const uint32_t *slot, int nslots, double *u)
{
    int l = 0;
    for (; l + 4 <= n; l += 4)
        brink_rng_runs4_avx2_(r + l, stream, month + l, slot, nslots, n, u + l);
    runs_each(r, l, n, stream, month, slot, nslots, u);
}

void brink_rng_u4_runs_avx512(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                              const uint32_t *slot, int nslots, double *u)
{
    int l = 0;
    for (; l + 8 <= n; l += 8)
        brink_rng_runs8_avx512_(r + l, stream, month + l, slot, nslots, n, u + l);
    /* (four left: the AVX2 form, which every processor with AVX-512 has) */
    if (l + 4 <= n && brink_rng_have_avx2()) {
        brink_rng_runs4_avx2_(r + l, stream, month + l, slot, nslots, n, u + l);
        l += 4;
    }
    runs_each(r, l, n, stream, month, slot, nslots, u);
}
#endif

void brink_rng_u4_runs(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                       const uint32_t *slot, int nslots, double *u)
{
#ifdef BRINK_RNG_X86
    if (brink_rng_have_avx512()) {
        brink_rng_u4_runs_avx512(r, n, stream, month, slot, nslots, u);
        return;
    }
    if (brink_rng_have_avx2()) {
        brink_rng_u4_runs_avx2(r, n, stream, month, slot, nslots, u);
        return;
    }
#endif
    brink_rng_u4_runs_portable(r, n, stream, month, slot, nslots, u);
}

void brink_rng_u4xn(const brink_rng *r, uint32_t stream, const uint32_t *month,
                    const uint32_t *slot, int n, double (*u)[4])
{
#ifdef BRINK_RNG_X86
    if (brink_rng_have_avx512()) {
        brink_rng_u4xn_avx512(r, stream, month, slot, n, u);
        return;
    }
    if (brink_rng_have_avx2()) {
        brink_rng_u4xn_avx2(r, stream, month, slot, n, u);
        return;
    }
#endif
    brink_rng_u4xn_portable(r, stream, month, slot, n, u);
}
