/* Counter-based random numbers (Philox4x32-10 from Random123).
 *
 * Every draw is a pure function of (seed, run, stream, month, slot): there
 * is no generator state to advance, so runs are independent of each other
 * and of thread or process layout, and the same draw (say, "was there an
 * incident in month 17 of run 42") is the same number under every policy,
 * which gives common random numbers for paired comparisons. */
#ifndef BRINK_CORE_RNG_H
#define BRINK_CORE_RNG_H

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

static inline void brink_rng_init(brink_rng *r, uint64_t seed, uint64_t run)
{
    r->key.v[0] = (uint32_t)seed;
    r->key.v[1] = (uint32_t)(seed >> 32);
    r->run_lo = (uint32_t)run;
    r->run_hi = (uint32_t)(run >> 32);
}

/* Four uniforms in (0,1) for (stream, month, slot). */
static inline void brink_rng_u4(const brink_rng *r, uint32_t stream, uint32_t month,
                                uint32_t slot, double u[4])
{
    philox4x32_ctr_t c = {{r->run_lo, r->run_hi, (stream << 24) | (slot & 0xffffffu), month}};
    philox4x32_ctr_t x = philox4x32(c, r->key);
    for (int i = 0; i < 4; i++)
        u[i] = ((double)x.v[i] + 0.5) * (1.0 / 4294967296.0);
}

/* Many blocks at once: u[b] gets exactly what brink_rng_u4(r, stream,
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

/* One uniform in (0,1): element `index` of the stream (params: one per value). */
static inline double brink_rng_u(const brink_rng *r, uint32_t stream, uint32_t index)
{
    double u[4];
    brink_rng_u4(r, stream, index >> 2, 0, u);
    return u[index & 3u];
}

#endif
