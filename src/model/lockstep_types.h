/* A group of runs in lanes (model/lockstep.h, BRINK_LANES = 4 or 8): the lane
 * forms of a run's state, parameters and derived numbers, made from the
 * same tables as the library's structs (model/state.def, model/sim_run.def,
 * the parameter tables of model/params.h), each real number a brink_ld and
 * each integer a brink_li of the group's runs, and the moves of one run
 * into and out of a lane. Internal: included by model/state.h in a unit
 * compiled in lanes. */
#ifndef BRINK_MODEL_LOCKSTEP_TYPES_H
#define BRINK_MODEL_LOCKSTEP_TYPES_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#if BRINK_LANES == 1
#error "lane forms exist only for BRINK_LANES of 4 or 8 (model/lockstep.h)"
#endif

#define BRINK_LANE_KIND_D brink_ld
#define BRINK_LANE_KIND_I brink_li
#define BRINK_LANE_KIND_U brink_li
#define BRINK_LANE_KIND_FORCE brink_force_terms_lanes
#define BRINK_LANE_KIND_SUMMARY brink_summary
/* (each run keeps its own totals, a struct per lane) */
#define BRINK_LANE_DIM_D
#define BRINK_LANE_DIM_I
#define BRINK_LANE_DIM_U
#define BRINK_LANE_DIM_FORCE
#define BRINK_LANE_DIM_SUMMARY [BRINK_LANES]
/* what a row of each kind has in a group: its lane form, and its moves
 * into and out of a lane (x); a row the run keeps alone (RUN_*), none */
#define BRINK_LANE_KEEP_D(x) x
#define BRINK_LANE_KEEP_I(x) x
#define BRINK_LANE_KEEP_U(x) x
#define BRINK_LANE_KEEP_FORCE(x) x
#define BRINK_LANE_KEEP_SUMMARY(x) x
#define BRINK_LANE_KEEP_RUN_D(x)
#define BRINK_LANE_KEEP_RUN_I(x)
#define BRINK_LANE_KEEP_RUN_U(x)

typedef struct {
#define BRINK_FORCE_TERM(kind, name, doc) BRINK_LANE_KIND_##kind name;
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
} brink_force_terms_lanes;

typedef struct {
#define BRINK_STATE(kind, name, dims, by, doc)                                                     \
    BRINK_LANE_KEEP_##kind(                                                                        \
        BRINK_LANE_KIND_##kind name BRINK_STATE_DIM_##dims BRINK_LANE_DIM_##kind;)
#include "model/state.def"
#undef BRINK_STATE
} brink_state_lanes;

#define X(field, ...) brink_ld field;
#define XMAP(field, name, key, ...) brink_ld field[BRINK_MAX_KEY_##key];
typedef struct {
#include "model/spec_scalar.def"
} brink_scalars_lanes;
typedef struct {
#include "model/spec_sender.def"
} brink_sender_lanes;
typedef struct {
#include "model/spec_good.def"
} brink_good_lanes;
typedef struct {
#include "model/spec_import.def"
} brink_import_lanes;
typedef struct {
#include "model/spec_party.def"
} brink_party_lanes;
typedef struct {
#include "model/spec_channel.def"
} brink_channel_lanes;
typedef struct {
#include "model/spec_proxy.def"
} brink_proxy_lanes;
typedef struct {
#include "model/spec_patron.def"
} brink_patron_lanes;
typedef struct {
#include "model/spec_issue.def"
} brink_issue_lanes;
typedef struct {
#include "model/spec_inducement.def"
} brink_inducement_lanes;
typedef struct {
#include "model/spec_policy.def"
} brink_policy_num_lanes;
typedef struct {
#include "model/spec_milestone.def"
} brink_milestone_num_lanes;
#undef X
#undef XMAP

/* The parameters of the group's runs: their numbers in lanes; the counts
 * and the layout, which are the scenario's, once. */
typedef struct {
#define BRINK_PARAMS_TABLE(stem, member, dims) brink_##stem##_lanes member dims;
#define BRINK_PARAMS_COUNT(member) int member;
#include "model/params_tables.def"
#undef BRINK_PARAMS_TABLE
#undef BRINK_PARAMS_COUNT
    const brink_layout *layout;
} brink_params_lanes;

/* Runs of one scenario in lockstep, a lane each: their states, parameters,
 * the numbers of the policy each has in force, and their derived numbers;
 * what is the scenario's (the issues of each kind, the parties that a
 * sender's law or a patron binds), once. */
struct brink_group {
    /* each lane's run, on which the library's own functions run a rare
     * piece of a lane's month (BRINK_LRUN) */
    struct brink_sim *run[BRINK_LANES];
    /* each lane's run's random numbers (its key and run; brink_rng_u4_runs
     * draws the lanes' blocks of a slot together from them) */
    brink_rng rng[BRINK_LANES];
    /* the month's blocks of the slots nearly every month uses
     * (BRINK_AHEAD_SLOTS, model/mechanisms.h), every lane's, drawn with
     * the shocks at the month's start (model/month.c): word i of the k-th
     * slot in month_u[4 k + i], where month_drawn holds (until the month's
     * end) */
    brink_ld month_u[4 * BRINK_AHEAD_NSLOTS];
    int month_drawn;
    brink_state_lanes st;
    brink_params_lanes p;
    brink_policy_num_lanes pol;
    unsigned issue_kind[BRINK_ISSUE_KINDS];
    int party_patron[BRINK_MAX_PARTIES];
    int bound_party[BRINK_MAX_PARTIES];
    int n_bound;
    /* whether a lane's parameters may differ from the scenario's point
     * values beyond the plan's drawn ones (its run's timeline set some:
     * the lane's next run puts those back too, brink_group_refill) */
    int params_changed[BRINK_LANES];
#define BRINK_SIM_RUN(kind, name, dims, doc) BRINK_LANE_KIND_##kind name BRINK_STATE_DIM_##dims;
#include "model/sim_run.def"
#undef BRINK_SIM_RUN
};

/* The real number at byte offset off of each lane's run's state: a member
 * the run keeps alone (BRINK_LOWN, model/lockstep.h). */
static inline brink_ld brink_lown_d_(struct brink_sim *const run[BRINK_LANES], size_t off)
{
    brink_ld v;
    for (int l = 0; l < BRINK_LANES; l++)
        v[l] = *(const double *)((const char *)&run[l]->st + off);
    return v;
}

/* ---- One run into and out of a lane ---------------------------------------
 * A member of a run's struct is an array of n scalars (n = 1 for a plain
 * member); its lane form holds n vectors, so that scalar i of lane l is
 * element i * BRINK_LANES + l. Integers of every kind widen to long long. */

static inline void brink_lane_put_d_(void *lanes, const void *run, size_t bytes, int l)
{
    const double *src = run;
    double *dst = lanes;
    for (size_t i = 0; i < bytes / sizeof(double); i++)
        dst[i * BRINK_LANES + (size_t)l] = src[i];
}

static inline void brink_lane_get_d_(void *run, const void *lanes, size_t bytes, int l)
{
    const double *src = lanes;
    double *dst = run;
    for (size_t i = 0; i < bytes / sizeof(double); i++)
        dst[i] = src[i * BRINK_LANES + (size_t)l];
}

#define BRINK_LANE_PUT_INT_(type)                                                                  \
    static inline void brink_lane_put_##type##_(void *lanes, const void *run, size_t bytes, int l) \
    {                                                                                              \
        const type *src = run;                                                                     \
        long long *dst = lanes;                                                                    \
        for (size_t i = 0; i < bytes / sizeof(type); i++)                                          \
            dst[i * BRINK_LANES + (size_t)l] = (long long)src[i];                                  \
    }                                                                                              \
    static inline void brink_lane_get_##type##_(void *run, const void *lanes, size_t bytes, int l) \
    {                                                                                              \
        const long long *src = lanes;                                                              \
        type *dst = run;                                                                           \
        for (size_t i = 0; i < bytes / sizeof(type); i++)                                          \
            dst[i] = (type)src[i * BRINK_LANES + (size_t)l];                                       \
    }
BRINK_LANE_PUT_INT_(int)
BRINK_LANE_PUT_INT_(unsigned)
#undef BRINK_LANE_PUT_INT_

#define brink_lane_put_D_ brink_lane_put_d_
#define brink_lane_get_D_ brink_lane_get_d_
#define brink_lane_put_I_ brink_lane_put_int_
#define brink_lane_get_I_ brink_lane_get_int_
#define brink_lane_put_U_ brink_lane_put_unsigned_
#define brink_lane_get_U_ brink_lane_get_unsigned_

static inline void brink_lane_put_force_(brink_force_terms_lanes *lanes,
                                         const brink_force_terms *run, int l)
{
#define BRINK_FORCE_TERM(kind, name, doc)                                                          \
    brink_lane_put_##kind##_(&lanes->name, &run->name, sizeof run->name, l);
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
}

static inline void brink_lane_get_force_(brink_force_terms *run,
                                         const brink_force_terms_lanes *lanes, int l)
{
#define BRINK_FORCE_TERM(kind, name, doc)                                                          \
    brink_lane_get_##kind##_(&run->name, &lanes->name, sizeof run->name, l);
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
}

#define brink_lane_put_FORCE_(lanes, run, bytes, l) brink_lane_put_force_(lanes, run, l)
#define brink_lane_get_FORCE_(run, lanes, bytes, l) brink_lane_get_force_(run, lanes, l)
#define brink_lane_put_SUMMARY_(lanes, run, bytes, l) (((brink_summary *)(lanes))[l] = *(run))
#define brink_lane_get_SUMMARY_(run, lanes, bytes, l) (*(run) = ((const brink_summary *)(lanes))[l])

/* The bytes of a member of the state or of the derived numbers (a row of
 * model/state.def or model/sim_run.def) that hold the entries a run of g
 * uses: those are all that moves into and out of a lane (the others hold
 * what brink_sim_init left there, model/state.h). */
#define BRINK_LANE_USED_BYTES_(g, kind, dims)                                                      \
    (sizeof(BRINK_STATE_KIND_##kind) * (size_t)BRINK_STATE_USED_##dims(&(g)->p))

/* Row `name` of state `from` into lane l of g (the entries in use). */
#define BRINK_LANE_PUT_ROW_(g, l, from, kind, name, dims)                                          \
    brink_lane_put_##kind##_(&(g)->st.name, &(from)->name, BRINK_LANE_USED_BYTES_(g, kind, dims),  \
                             l);

/* State st into lane l of g (whose counts must be the run's). */
static inline void brink_group_put_state(struct brink_group *g, int l, const brink_state *st)
{
#define BRINK_STATE(kind, name, dims, by, doc)                                                     \
    BRINK_LANE_KEEP_##kind(BRINK_LANE_PUT_ROW_(g, l, st, kind, name, dims))
#include "model/state.def"
#undef BRINK_STATE
}

/* The numbers of the policy sim has in force into lane l of g. */
static inline void brink_group_put_policy(struct brink_group *g, int l, const struct brink_sim *sim)
{
    brink_lane_put_d_(&g->pol, &sim->p.policy[sim->st.policy], sizeof sim->p.policy[0], l);
}

/* What is the run's own in lane l (all but its parameters and what is the
 * scenario's): its state, policy in force, derived numbers, and the run
 * itself. */
static inline void brink_group_put_run_(struct brink_group *g, int l, struct brink_sim *sim)
{
    brink_group_put_state(g, l, &sim->st);
    brink_group_put_policy(g, l, sim);
#define BRINK_SIM_RUN(kind, name, dims, doc)                                                       \
    brink_lane_put_##kind##_(&g->name, &sim->name, BRINK_LANE_USED_BYTES_(g, kind, dims), l);
#include "model/sim_run.def"
#undef BRINK_SIM_RUN
    g->run[l] = sim;
    g->rng[l] = sim->rng;
}

/* Run sim (its state, parameters, policy in force and derived numbers) into
 * lane l of g; the counts, the layout, the issues of each kind and the
 * bound parties too (the same for every run of a scenario). */
static inline void brink_group_put(struct brink_group *g, int l, struct brink_sim *sim)
{
#define BRINK_PARAMS_TABLE(stem, member, dims)                                                     \
    brink_lane_put_d_(&g->p.member, &sim->p.member, sizeof sim->p.member, l);
#define BRINK_PARAMS_COUNT(member) g->p.member = sim->p.member;
#include "model/params_tables.def"
#undef BRINK_PARAMS_TABLE
#undef BRINK_PARAMS_COUNT
    g->p.layout = sim->p.layout;
    memcpy(g->issue_kind, sim->issue_kind, sizeof g->issue_kind);
    memcpy(g->party_patron, sim->party_patron, sizeof g->party_patron);
    memcpy(g->bound_party, sim->bound_party, sizeof g->bound_party);
    g->n_bound = sim->n_bound;
    brink_group_put_run_(g, l, sim);
}

/* A group of the runs run[0 .. BRINK_LANES), one to a lane (brink_group_put);
 * NULL without memory. */
static inline struct brink_group *brink_group_alloc(struct brink_sim *const *run)
{
    struct brink_group *g = aligned_alloc(_Alignof(struct brink_group), sizeof *g);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    for (int l = 0; l < BRINK_LANES; l++)
        brink_group_put(g, l, run[l]);
    return g;
}

/* brink_group_free(NULL) does nothing. */
static inline void brink_group_free(struct brink_group *g)
{
    free(g);
}

/* Lane l of g's state into st (the entries in use, BRINK_LANE_USED_BYTES_,
 * of the rows the group keeps: st's others, and the rows the run keeps
 * alone, keep what they hold). */
static inline void brink_group_get_state(brink_state *st, const struct brink_group *g, int l)
{
#define BRINK_STATE(kind, name, dims, by, doc)                                                     \
    BRINK_LANE_KEEP_##kind(brink_lane_get_##kind##_(&st->name, &g->st.name,                        \
                                                    BRINK_LANE_USED_BYTES_(g, kind, dims), l);)
#include "model/state.def"
#undef BRINK_STATE
}

/* Lane l's run with the lane's state, for a rare piece of its month that
 * the library's own functions do on the run (BRINK_LRUN); then
 * brink_group_lane_in puts the run's state (the rows such pieces write, B
 * in model/state.def) and policy in force back into the lane, or
 * brink_group_put (brink_group_lane_in_all) all of the state, the
 * parameters and derived numbers too, after a piece that may change
 * them. */
static inline struct brink_sim *brink_group_lane_out(struct brink_group *g, int l)
{
    brink_group_get_state(&g->run[l]->st, g, l);
    return g->run[l];
}

/* (a row's move back after a piece done on the run: only the rows such
 * pieces write, B in model/state.def) */
#define BRINK_LANE_BACK_L(x)
#define BRINK_LANE_BACK_B(x) x
#define BRINK_LANE_BACK_R(x)

#ifdef BRINK_LANES_CHECK_BACK
/* (a test's check, unit/test_lanes: the rows not put back, L, are as the
 * lane holds them; each that is not adds one to the test's count of
 * mismatches) */
extern long brink_lanes_back_checks_, brink_lanes_back_mismatches_;
static inline void brink_group_check_back_(const struct brink_group *g, int l)
{
    brink_lanes_back_checks_++;
    brink_state lane = g->run[l]->st;
    brink_group_get_state(&lane, g, l);
#define BRINK_LANE_CHECK_L(name)                                                                   \
    brink_lanes_back_mismatches_ += memcmp(&lane.name, &g->run[l]->st.name, sizeof lane.name) != 0;
#define BRINK_LANE_CHECK_B(name)
#define BRINK_LANE_CHECK_R(name)
#define BRINK_STATE(kind, name, dims, by, doc) BRINK_LANE_CHECK_##by(name)
#include "model/state.def"
#undef BRINK_STATE
#undef BRINK_LANE_CHECK_L
#undef BRINK_LANE_CHECK_B
#undef BRINK_LANE_CHECK_R
}
#endif

static inline void brink_group_lane_in(struct brink_group *g, int l)
{
    const brink_state *st = &g->run[l]->st;
#ifdef BRINK_LANES_CHECK_BACK
    brink_group_check_back_(g, l);
#endif
#define BRINK_STATE(kind, name, dims, by, doc)                                                     \
    BRINK_LANE_BACK_##by(BRINK_LANE_PUT_ROW_(g, l, st, kind, name, dims))
#include "model/state.def"
#undef BRINK_STATE
    brink_group_put_policy(g, l, g->run[l]);
}

/* Lane l's element of the parameter at byte offset off of brink_params (a
 * real number of one of its tables), or NULL. */
static inline double *brink_lane_param_(brink_params_lanes *p, size_t off, int l)
{
    /* (off below a table's start wraps past its size) */
#define BRINK_PARAMS_TABLE(stem, member, dims)                                                     \
    if (off - offsetof(brink_params, member) < sizeof(((brink_params *)0)->member))                \
        return (double *)&p->member +                                                              \
               (off - offsetof(brink_params, member)) / sizeof(double) * BRINK_LANES + (size_t)l;
#define BRINK_PARAMS_COUNT(member)
#include "model/params_tables.def"
#undef BRINK_PARAMS_TABLE
#undef BRINK_PARAMS_COUNT
    return NULL;
}

/* Sim's parameter at byte offset off of brink_params (a real number, all of
 * which lie in its tables) into lane l. */
static inline void brink_group_put_param_(struct brink_group *g, int l, const struct brink_sim *sim,
                                          size_t off)
{
    double *x = brink_lane_param_(&g->p, off, l);
    if (x)
        *x = *(const double *)((const char *)&sim->p + off);
}

/* The parameters of sim that the scenario's timeline sets (all its `set`
 * turns, applied or not: those not applied yet hold the run's own values)
 * into lane l. */
static inline void brink_group_put_timeline_params_(struct brink_group *g, int l,
                                                    const struct brink_sim *sim)
{
    const brink_layout *lay = sim->p.layout;
    for (int i = 0; i < lay->n_timeline; i++)
        if (lay->timeline[i].kind == BRINK_TL_SET)
            brink_group_put_param_(g, l, sim, lay->timeline[i].offset);
}

/* After a piece done on lane l's run that may change its parameters (the
 * timeline's turns, whose `set`s are the only parameters a run changes):
 * the run's state, policy in force and derived numbers, and the
 * parameters the timeline sets, into the lane. */
static inline void brink_group_lane_in_all(struct brink_group *g, int l)
{
    brink_group_put_run_(g, l, g->run[l]);
    brink_group_put_timeline_params_(g, l, g->run[l]);
    g->params_changed[l] = 1;
}

/* Run sim into lane l in place of the lane's last run, of the same
 * scenario: brink_group_put, the parameters only where runs differ: the
 * values the plan draws, and those the last run's timeline set, if it set
 * any. */
static inline void brink_group_refill(struct brink_group *g, int l, struct brink_sim *sim)
{
    brink_group_put_run_(g, l, sim);
    for (size_t i = 0; i < sim->n_plan; i++)
        brink_group_put_param_(g, l, sim, sim->plan[i].off);
    if (g->params_changed[l])
        brink_group_put_timeline_params_(g, l, sim);
    g->params_changed[l] = 0;
    g->month_drawn = 0; /* (the new run's month draws its own) */
}

#endif
