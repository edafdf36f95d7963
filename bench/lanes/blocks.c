/* The blocks of the monthly step written over lanes (model/lockstep.h),
 * compiled for this machine's widest vectors (-march=native without FMA:
 * eight runs to a vector with AVX-512, else four) for bench/bench_lanes.c,
 * and the group's moves in and out (bench/lanes/blocks.h). */
#ifdef __AVX512F__
#define BRINK_LANES 8
#else
#define BRINK_LANES 4
#endif

/* Compiled with -DBENCH_LANES_VLIBM (by hand: docs/ensembles.md, "How to
 * measure"), the lanes take their exponentials from SLEEF's vectors, which
 * are within 1 ulp of libm's but not its bits: what a vector libm would
 * add (bench_lanes then reports runs whose states differ). */
#ifdef BENCH_LANES_VLIBM
#include <immintrin.h>
#include <sleef.h>
#if BRINK_LANES == 8
#define BRINK_LANES_VLIBM_EXP(x) ((brink_ld)Sleef_expd8_u10((__m512d)(x)))
#define BRINK_LANES_VLIBM_EXPM1(x) ((brink_ld)Sleef_expm1d8_u10((__m512d)(x)))
#else
#define BRINK_LANES_VLIBM_EXP(x) ((brink_ld)Sleef_expd4_u10((__m256d)(x)))
#define BRINK_LANES_VLIBM_EXPM1(x) ((brink_ld)Sleef_expm1d4_u10((__m256d)(x)))
#endif
#endif

#include "model/lockstep/blocks.c"

#include "lanes/blocks.h"
#include "lanes/month.h"

int bench_lanes_width(void)
{
    return BRINK_LANES;
}

struct brink_group *bench_lanes_group(struct brink_sim *const *run)
{
    return brink_group_alloc(run);
}

void bench_lanes_state(const struct brink_group *g, int l, brink_state *st)
{
    /* what the run keeps alone from the run, the rest from the lane */
    *st = g->run[l]->st;
    brink_group_get_state(st, g, l);
}

void bench_lanes_month(struct brink_group *g, const double *u)
{
    brink_ld z, uc, uk;
    for (int l = 0; l < BRINK_LANES; l++) {
        z[l] = u[3 * l];
        uc[l] = u[3 * l + 1];
        uk[l] = u[3 * l + 2];
    }
    bench_blocks_month_lanes(g, z, uc, uk);
}

#include "model/lockstep/group.c"

typedef struct {
    int pol;
    uint64_t seed;
    long n, next;
    long at[BRINK_LANES];
    bench_lanes_end *out;
} runs_source;

static int runs_next(void *ctx, int l, struct brink_sim *sim)
{
    runs_source *u = ctx;
    if (u->next >= u->n ||
        brink_sim_init(sim, u->pol, u->seed, (uint64_t)u->next, 1, 0, NULL) != BRINK_OK)
        return 0;
    u->at[l] = u->next++;
    return 1;
}

static void runs_done(void *ctx, int l, struct brink_sim *sim)
{
    runs_source *u = ctx;
    bench_lanes_end_of(&u->out[u->at[l]], &sim->st);
}

int bench_lanes_runs(struct brink_sim *const *lane, int pol, uint64_t seed, long n,
                     bench_lanes_end *out)
{
    runs_source u = {.pol = pol, .seed = seed, .n = n, .out = out};
    brink_group_source src = {runs_next, NULL, runs_done, &u};
    return brink_group_run_each(lane, &src);
}
