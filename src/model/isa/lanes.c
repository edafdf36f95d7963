/* Whole runs in lanes (model/lockstep/group.c) compiled for a wider
 * processor, as the copies of the step are (model/isa.h): eight runs to a
 * vector in the x86-64-v4 copy, four in the x86-64-v3 one. CMakeLists.txt
 * compiles this file as it compiles model/isa/step.c and keeps only its
 * entry, brink_lanes_run_v3_ or brink_lanes_run_v4_, global; what it calls
 * outside the files written over lanes (the library's pieces done on a
 * run, random numbers, libm) is the library's. Not compiled into the
 * library as it stands (the library globs only the files directly in
 * src/model). */
#ifndef BRINK_ISA_VARIANT
#error "compiled only as a copy for a wider processor (CMakeLists.txt)"
#endif

#if BRINK_ISA_VARIANT == 4
#define BRINK_LANES 8
#else
#define BRINK_LANES 4
#endif

#include "model/lockstep/blocks.c"

#include "model/isa.h"
#include "model/lockstep/group.c"
#include "model/sim_var.h"

/* The source's runs, and what each lane's run records. */
typedef struct {
    const brink_lanes_source *src;
    brink_lanes_record rec[BRINK_LANES];
} lanes_ctx;

static int lanes_next(void *ctx, int l, struct brink_sim *sim)
{
    lanes_ctx *c = ctx;
    c->rec[l] = (brink_lanes_record){0};
    return c->src->next(c->src->ctx, l, sim, &c->rec[l]);
}

static void lanes_done(void *ctx, int l, struct brink_sim *sim)
{
    lanes_ctx *c = ctx;
    c->src->done(c->src->ctx, l, sim);
}

/* Each stepped lane's month m (below the horizon) into its run's record:
 * the variables on their scales, the status; then the months the source
 * watches (any m), each lane's run given the lane's state. */
static void lanes_month(void *ctx, const struct brink_group *g, brink_lm stepped)
{
    lanes_ctx *c = ctx;
    const brink_lanes_source *src = c->src;
    long long h = src->horizon;
    brink_li m = g->st.t - 1;
    if (src->see)
        for (int l = 0; l < BRINK_LANES; l++)
            if (stepped[l] && m[l] >= 0 && src->wants(src->ctx, l, (int)m[l])) {
                brink_group_get_state(&g->run[l]->st, g, l);
                src->see(src->ctx, l, g->run[l], (int)m[l]);
            }
    brink_lm in = stepped & (m >= 0) & (m < h);
    /* the lanes that record, and where their month's values go */
    int rec[BRINK_LANES], n = 0;
    double *at[BRINK_LANES];
    for (int l = 0; l < BRINK_LANES; l++)
        if (in[l] && c->rec[l].vals) {
            at[n] = c->rec[l].vals + m[l];
            rec[n++] = l;
        }
    for (int k = 0; n && k < src->n_vars; k++) {
        brink_ld x = brink_sim_var_on_scale__lanes(g, src->vars[k]);
        for (int i = 0; i < n; i++)
            at[i][k * h] = x[rec[i]];
    }
    for (int l = 0; l < BRINK_LANES; l++) {
        const brink_summary *s = &g->st.sum[l];
        if (in[l] && c->rec[l].status)
            c->rec[l].status[m[l]] =
                (unsigned char)(g->st.over[l]
                                    ? (uint32_t)s->outcome
                                    : brink_running_status(s->deal_month, s->first_agreement_month,
                                                           g->st.relief_avg[l]));
    }
}

#define LANES_ENTRY_(level) brink_lanes_run_v##level##_
#define LANES_ENTRY(level) LANES_ENTRY_(level)
__attribute__((externally_visible)) int
LANES_ENTRY(BRINK_ISA_VARIANT)(struct brink_sim *const *lane, const brink_lanes_source *src)
{
    lanes_ctx c = {.src = src};
    brink_group_source g = {lanes_next, src->horizon > 0 || src->see ? lanes_month : NULL,
                            lanes_done, &c};
    return brink_group_run_each(lane, &g);
}
