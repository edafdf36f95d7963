/* Counter-based random numbers (Philox4x32-10 from Random123).
 *
 * Every draw is a pure function of (seed, run, stream, month, slot): there
 * is no generator state to advance, so runs are independent of each other
 * and of thread or process layout, and the same draw (say, "was there an
 * incident in month 17 of run 42") is the same number under every policy,
 * which gives common random numbers for paired comparisons. */
#ifndef BRINK_CORE_RNG_H
#define BRINK_CORE_RNG_H

#include <stddef.h>
#include <stdint.h>

#include <Random123/philox.h>

enum {
    BRINK_STREAM_EVENTS = 0, /* shocks and choices inside a run */
    BRINK_STREAM_PARAMS = 1, /* draws of uncertain parameters */
    BRINK_STREAM_ERROR = 2,  /* structural error of the fans (ensembles) */
};

typedef struct {
    philox4x32_key_t key;
    uint32_t run_lo, run_hi;
} brink_rng;

/* (the vector forms of brink_rng_u4_runs load these four words of each run
 * together, core/rng.c) */
_Static_assert(sizeof(brink_rng) == 16 && offsetof(brink_rng, key) == 0 &&
                   offsetof(brink_rng, run_lo) == 8 && offsetof(brink_rng, run_hi) == 12,
               "a run's key and run words, in this order, 16 bytes");

static inline void brink_rng_init(brink_rng *r, uint64_t seed, uint64_t run)
{
    r->key.v[0] = (uint32_t)seed;
    r->key.v[1] = (uint32_t)(seed >> 32);
    r->run_lo = (uint32_t)run;
    r->run_hi = (uint32_t)(run >> 32);
}

/* The third word of a block's counter: the stream in the top byte, the
 * slot in the 24 bits below it. */
static inline uint32_t brink_rng_slot_word(uint32_t stream, uint32_t slot)
{
    return (stream << 24) | (slot & 0xffffffu);
}

/* The constants of the conversion of a word x to (x + 0.5) / 2^32 in
 * lanes: the high half of the bits of the double 2^52 (with x as the low
 * half, the double 2^52 + x), and 2^52 - 0.5 (exactly a double, 53
 * significant bits) to subtract from it (x + 0.5, exact) before the exact
 * scaling by 2^-32: the same bits as ((double)x + 0.5) * 2^-32. */
#define BRINK_RNG_EXP52 0x43300000
#define BRINK_RNG_BIAS 4503599627370495.5

/* Four uniforms in (0,1) for (stream, month, slot), by Random123's
 * philox4x32 itself: the reference every other way of drawing them
 * matches bit for bit (unit/test_rng). */
static inline void brink_rng_u4_scalar(const brink_rng *r, uint32_t stream, uint32_t month,
                                       uint32_t slot, double u[4])
{
    philox4x32_ctr_t c = {{r->run_lo, r->run_hi, brink_rng_slot_word(stream, slot), month}};
    philox4x32_ctr_t x = philox4x32(c, r->key);
    for (int i = 0; i < 4; i++)
        u[i] = ((double)x.v[i] + 0.5) * (1.0 / 4294967296.0);
}

/* Four uniforms in (0,1) for (stream, month, slot): brink_rng_u4_scalar's
 * bits. Where the compiler targets SSE2 (every x86-64), the block's four
 * words share one register: one multiply gives both products of a round
 * (words 0 and 2 by their multipliers, in the two 64-bit lanes), one
 * shuffle puts their halves in the new words' places, and the words 1 and
 * 3 to combine with them come from one shift. */
#ifdef __SSE2__
#include <emmintrin.h>

static inline void brink_rng_u4(const brink_rng *r, uint32_t stream, uint32_t month,
                                uint32_t slot, double u[4])
{
    const __m128i m = _mm_setr_epi32((int)PHILOX_M4x32_0, 0, (int)PHILOX_M4x32_1, 0);
    const __m128i w = _mm_setr_epi32((int)PHILOX_W32_0, 0, (int)PHILOX_W32_1, 0);
    __m128i k = _mm_setr_epi32((int)r->key.v[0], 0, (int)r->key.v[1], 0);
    __m128i x = _mm_setr_epi32((int)r->run_lo, (int)r->run_hi,
                               (int)brink_rng_slot_word(stream, slot), (int)month);
    for (int round = 0; round < 10; round++) {
        if (round > 0)
            k = _mm_add_epi32(k, w); /* the key schedule, modulo 2^32 */
        __m128i p = _mm_mul_epu32(x, m); /* x0 M0 | x2 M1: (lo0, hi0, lo2, hi2) */
        /* (hi2 ^ x1 ^ k0, lo2, hi0 ^ x3 ^ k1, lo0) */
        x = _mm_xor_si128(_mm_xor_si128(_mm_shuffle_epi32(p, 0x1b), _mm_srli_epi64(x, 32)), k);
    }
    const __m128i e = _mm_set1_epi32(BRINK_RNG_EXP52);
    const __m128d bias = _mm_set1_pd(BRINK_RNG_BIAS), scale = _mm_set1_pd(1.0 / 4294967296.0);
    __m128d lo = _mm_castsi128_pd(_mm_unpacklo_epi32(x, e));
    __m128d hi = _mm_castsi128_pd(_mm_unpackhi_epi32(x, e));
    _mm_storeu_pd(u, _mm_mul_pd(_mm_sub_pd(lo, bias), scale));
    _mm_storeu_pd(u + 2, _mm_mul_pd(_mm_sub_pd(hi, bias), scale));
}
#else
static inline void brink_rng_u4(const brink_rng *r, uint32_t stream, uint32_t month,
                                uint32_t slot, double u[4])
{
    brink_rng_u4_scalar(r, stream, month, slot, u);
}
#endif

/* Many blocks at once: u[b] gets exactly what brink_rng_u4_scalar(r, stream,
 * month[b], slot[b], u[b]) gives, for 0 <= b < n, the counters computed
 * together (in AVX-512 or AVX2 lanes where the processor has them,
 * core/rng.c). */
void brink_rng_u4xn(const brink_rng *r, uint32_t stream, const uint32_t *month,
                    const uint32_t *slot, int n, double (*u)[4]);
/* Its variants (tests compare them; AVX2 only where brink_rng_have_avx2()
 * says the processor has it, AVX-512 only where brink_rng_have_avx512()
 * does). */
void brink_rng_u4xn_portable(const brink_rng *r, uint32_t stream, const uint32_t *month,
                             const uint32_t *slot, int n, double (*u)[4]);
#if defined(__x86_64__) && defined(__GNUC__)
#define BRINK_RNG_X86 1
void brink_rng_u4xn_avx2(const brink_rng *r, uint32_t stream, const uint32_t *month,
                         const uint32_t *slot, int n, double (*u)[4]);
int brink_rng_have_avx2(void);
void brink_rng_u4xn_avx512(const brink_rng *r, uint32_t stream, const uint32_t *month,
                           const uint32_t *slot, int n, double (*u)[4]);
int brink_rng_have_avx512(void);
#endif

/* Blocks of n runs side by side, as runs stepped in lanes draw them: for
 * lane l < n (the run of r[l], at month[l]) and each slot[k], k < nslots,
 * word i of the block brink_rng_u4_scalar(&r[l], stream, month[l],
 * slot[k]) gives in u[(4 k + i) n + l]: each word a row of n lanes. Each
 * lane keeps its own key and run (r[l]: runs of several seeds may share a
 * call). */
void brink_rng_u4_runs(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                       const uint32_t *slot, int nslots, double *u);
/* Its variants (tests compare them; as those of brink_rng_u4xn). */
void brink_rng_u4_runs_portable(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                                const uint32_t *slot, int nslots, double *u);
#ifdef BRINK_RNG_X86
void brink_rng_u4_runs_avx2(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                            const uint32_t *slot, int nslots, double *u);
void brink_rng_u4_runs_avx512(const brink_rng *r, int n, uint32_t stream, const uint32_t *month,
                              const uint32_t *slot, int nslots, double *u);
#endif

/* One uniform in (0,1): element `index` of the stream (params: one per value). */
static inline double brink_rng_u(const brink_rng *r, uint32_t stream, uint32_t index)
{
    double u[4];
    brink_rng_u4(r, stream, index >> 2, 0, u);
    return u[index & 3u];
}

#endif
