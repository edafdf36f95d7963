/* Runs in lanes: the vocabulary that the model's mechanisms are written in
 * so that one source serves two engines. A unit compiled with BRINK_LANES
 * unset (or 1) is the library's step: a run is a plain double per real
 * number and an int per condition, and every macro below is the C it
 * stands for, so that the code is the scalar code it always was. A unit
 * compiled with BRINK_LANES = 4 or 8 steps that many runs at once, each run
 * a lane of a vector (GCC and clang vector extensions): the same
 * operations, lane by lane, in the same order (ISO C: nothing contracted
 * into FMA), so that each lane holds the bits its run has in the library.
 *
 * - brink_ld: a real number per run; brink_lm: a condition per run (the
 *   result of a comparison: 0 or 1 in the library, 0 or -1 in lanes);
 *   brink_li: an integer per run (a month, an index, a flag).
 * - Conditions combine with & and | and BRINK_LNOT (BRINK_LTRUE holds for
 *   every run); a choice between two
 *   values is BRINK_LSEL(m, a, b) (both are computed); a block that only
 *   some runs take is `if (BRINK_LANY(m))`, its assignments each a
 *   BRINK_LSEL on m, so that the other runs keep their values.
 * - BRINK_LD(x) is the real number x for every run (a splat), BRINK_LI(x)
 *   the integer; BRINK_LISEL chooses between two integers per run;
 *   BRINK_LTOI(x) is each run's real number x truncated to an integer, as
 *   (int)x, and BRINK_LITOD(x) each run's integer as a real number. An
 *   integer of the state holds the same value in either mode (a flag is 0
 *   or 1), so that a condition stored in one is BRINK_LISEL(m, BRINK_LI(1),
 *   ...) and one read from it a comparison.
 * - brink_lexp, brink_lexpm1, brink_llog: libm's function for every run
 *   (the library's exact bits; in lanes, one call per lane);
 *   brink_lexp_where(m, x) the exponential where m holds (in lanes, one
 *   call per lane where it holds, 0 in the others; in the library, e^x).
 * - Names: BRINK_LFN(f) is f in the library and f_lanes in lanes, so that
 *   a file of mechanisms compiled in both modes never defines a name twice;
 *   brink_lsim, brink_lstate, brink_lparams, brink_lscalars,
 *   brink_lpolicy and brink_lforce are the run's (or the group's)
 *   workspace, state, parameters, scalar parameters, the numbers of a
 *   policy and the terms of the force hazard.
 * - A run's own bookkeeping (its totals, the cause of its outcome) is done
 *   run by run: `BRINK_LFOR(m, l)` runs its statement for each run l where
 *   m holds (m read once, before the first: a statement changes its own
 *   run's values only), BRINK_LGET(x, l) is run l's x (which it may assign) and
 *   BRINK_LSUM(st, l) its totals (brink_summary). A run's draws of the
 *   month are brink_lane_u4, and those of the runs where a condition
 *   holds brink_lanes_u4, every lane's drawn together in lanes
 *   (model/mechanisms.h).
 * - A rare piece of a run's month that the library's own functions do:
 *   BRINK_LRUN(sim, l, r, statements) runs the statements with r the run
 *   (struct brink_sim *); in lanes, r is lane l's run, its state brought
 *   up to the lane's before and put back into the lane after (with the
 *   policy in force; BRINK_LRUN_ALL also the parameters and derived
 *   numbers, for a piece that may change them).
 * - A member of the state that the run keeps alone (model/state.def,
 *   kinds RUN_*: written only by the library's functions done on the run)
 *   has no lane form: BRINK_LOWN(sim, name) reads a real one, each lane's
 *   from its run.
 * - Events: brink_sim_event_if (model/mechanisms.h) records one for each
 *   run where a condition holds. A group records none: it only raises each
 *   run's highest hostility level, as brink_sim_event does unrecorded.
 *
 * (model/lanes.h is another thing: several parties or goods of one run to
 * a vector, within the library's step.)
 *
 * Include it after setting BRINK_LANES, once per unit. */
#ifndef BRINK_MODEL_LOCKSTEP_H
#define BRINK_MODEL_LOCKSTEP_H

#include <math.h>

#ifndef BRINK_LANES
#define BRINK_LANES 1
#endif

#if BRINK_LANES == 1

typedef double brink_ld;
typedef int brink_lm;
typedef int brink_li;
#define BRINK_LD(x) ((double)(x))
#define BRINK_LI(x) ((int)(x))
#define BRINK_LSEL(m, a, b) ((m) ? (a) : (b))
#define BRINK_LISEL(m, a, b) ((m) ? (a) : (b))
#define BRINK_LNOT(m) (!(m))
#define BRINK_LTRUE 1
#define BRINK_LANY(m) (m)
#define BRINK_LFN(f) f
#define BRINK_LFOR(m, l) for (int l = 0; l < 1 && (m); l++)
#define BRINK_LGET(x, l) (x)
#define BRINK_LSUM(st, l) (&(st)->sum)
#define BRINK_LOWN(sim, name) ((sim)->st.name)
#define brink_lsim brink_sim
#define brink_lstate brink_state
#define brink_lparams brink_params
#define brink_lscalars brink_scalars
#define brink_lpolicy brink_policy_num
#define brink_lforce brink_force_terms
#define BRINK_LTOI(x) ((int)(x))
#define BRINK_LITOD(x) ((double)(x))
#define BRINK_LRUN(sim, l, r, ...)                                                                 \
    do {                                                                                           \
        struct brink_sim *r = (sim);                                                               \
        (void)(l);                                                                                 \
        __VA_ARGS__;                                                                               \
    } while (0)
#define BRINK_LRUN_ALL BRINK_LRUN
/* (the library's copy of a function that loops over parties or goods is
 * compiled twice, model/lanes.h; such clones are static, so that their
 * dispatcher stays inside the library) */
#define BRINK_LCLONES BRINK_LANES_CLONES

static inline double brink_lexp(double x)
{
    return exp(x);
}

static inline double brink_lexpm1(double x)
{
    return expm1(x);
}

static inline double brink_llog(double x)
{
    return log(x);
}

/* (the library's run needs the value whenever it asks) */
static inline double brink_lexp_where(int m, double x)
{
    (void)m;
    return exp(x);
}

#elif BRINK_LANES == 4 || BRINK_LANES == 8

typedef double brink_ld __attribute__((vector_size(BRINK_LANES * sizeof(double))));
typedef long long brink_lm __attribute__((vector_size(BRINK_LANES * sizeof(long long))));
typedef long long brink_li __attribute__((vector_size(BRINK_LANES * sizeof(long long))));
/* (x - 0 is x, to the bit, for every x) */
#define BRINK_LD(x) ((x) - (brink_ld){0})
#define BRINK_LI(x) ((x) + (brink_li){0})
/* the bits of a where m holds, else of b */
#define BRINK_LSEL(m, a, b)                                                                        \
    ((brink_ld)(((brink_lm)(brink_ld)(a) & (m)) | ((brink_lm)(brink_ld)(b) & ~(m))))
#define BRINK_LISEL(m, a, b) (((a) & (m)) | ((b) & ~(m)))
#define BRINK_LNOT(m) (~(m))
#define BRINK_LTRUE ((brink_lm){0} == 0)
#define BRINK_LANY(m) brink_lany_(m)
#define BRINK_LFN(f) f##_lanes
/* (the loop ends past the last lane that holds: at once where none does) */
#define BRINK_LFOR(m, l)                                                                           \
    for (int l = 0, brink_bits_##l = (int)brink_lbits_(m); brink_bits_##l >> l; l++)               \
        if (brink_bits_##l >> l & 1)
#define BRINK_LGET(x, l) ((x)[l])
#define BRINK_LSUM(st, l) (&(st)->sum[l])
/* (a member that is no real number does not compile: _Generic has no
 * association for it) */
#define BRINK_LOWN(sim, name)                                                                      \
    brink_lown_d_((sim)->run,                                                                      \
                  offsetof(brink_state, name) +                                                    \
                      0 * sizeof(_Generic(((const brink_state *)0)->name, double : 0)))
#define brink_lsim brink_group
#define brink_lstate brink_state_lanes
#define brink_lparams brink_params_lanes
#define brink_lscalars brink_scalars_lanes
#define brink_lpolicy brink_policy_num_lanes
#define brink_lforce brink_force_terms_lanes
#define BRINK_LTOI(x) __builtin_convertvector(x, brink_li)
#define BRINK_LITOD(x) __builtin_convertvector(x, brink_ld)
#define BRINK_LRUN_(back, sim, l, r, ...)                                                          \
    do {                                                                                           \
        struct brink_sim *r = brink_group_lane_out(sim, l);                                        \
        __VA_ARGS__;                                                                               \
        back(sim, l);                                                                              \
    } while (0)
#define BRINK_LRUN(sim, l, r, ...) BRINK_LRUN_(brink_group_lane_in, sim, l, r, __VA_ARGS__)
#define BRINK_LRUN_ALL(sim, l, r, ...) BRINK_LRUN_(brink_group_lane_in_all, sim, l, r, __VA_ARGS__)
/* (a function written over lanes is compiled once, in lanes) */
#define BRINK_LCLONES

#if defined(__AVX__)
#include <immintrin.h>
#endif
/* the lanes where m holds, a bit each, lane l's at bit l: one instruction
 * where the copy's vectors have it, so that a test of a mask (BRINK_LANY,
 * BRINK_LFOR) does not take its lanes out one by one. A mask's lanes are all
 * ones or all zeros, as comparisons leave them and BRINK_LSEL needs them:
 * the sign bits say which. */
static inline unsigned brink_lbits_(brink_lm m)
{
#if BRINK_LANES == 4 && defined(__AVX__)
    return (unsigned)_mm256_movemask_pd((__m256d)m);
#elif BRINK_LANES == 8 && defined(__AVX512F__)
    return (unsigned)_mm512_test_epi64_mask((__m512i)m, (__m512i)m);
#else
    unsigned bits = 0;
    for (int l = 0; l < BRINK_LANES; l++)
        bits |= (m[l] != 0) << l;
    return bits;
#endif
}

static inline int brink_lany_(brink_lm m)
{
    return brink_lbits_(m) != 0;
}

#if defined(BRINK_LANES_VLIBM_EXP) && defined(BRINK_LANES_VLIBM_EXPM1)
/* (a measurement's hook, bench/lanes/blocks.c: a unit that defines these
 * two macros before it includes this header takes its exponentials from
 * them, a vector library's, which are not libm's bits) */
static inline brink_ld brink_lexp(brink_ld x)
{
    return BRINK_LANES_VLIBM_EXP(x);
}

static inline brink_ld brink_lexpm1(brink_ld x)
{
    return BRINK_LANES_VLIBM_EXPM1(x);
}

static inline brink_ld brink_lexp_where(brink_lm m, brink_ld x)
{
    (void)m;
    return BRINK_LANES_VLIBM_EXP(x);
}
#endif

/* libm's function f for each run, lane by lane (its exact bits) */
#define BRINK_LANE_LIBM_(name, f)                                                                  \
    static inline brink_ld name(brink_ld x)                                                        \
    {                                                                                              \
        brink_ld r = x;                                                                            \
        for (int l = 0; l < BRINK_LANES; l++)                                                      \
            r[l] = f(x[l]);                                                                        \
        return r;                                                                                  \
    }
/* the same in the runs where m holds only, 0 in the others (whose values
 * nobody reads): a run's calls are its exact bits, and a month where one
 * run of eight needs an exponential calls libm once, not eight times */
#define BRINK_LANE_LIBM_WHERE_(name, f)                                                            \
    static inline brink_ld name(brink_lm m, brink_ld x)                                            \
    {                                                                                              \
        brink_ld r = BRINK_LD(0);                                                                  \
        BRINK_LFOR(m, l)                                                                           \
        {                                                                                          \
            r[l] = f(x[l]);                                                                        \
        }                                                                                          \
        return r;                                                                                  \
    }
#if !defined(BRINK_LANES_VLIBM_EXP) || !defined(BRINK_LANES_VLIBM_EXPM1)
BRINK_LANE_LIBM_(brink_lexp, exp)
BRINK_LANE_LIBM_(brink_lexpm1, expm1)
BRINK_LANE_LIBM_WHERE_(brink_lexp_where, exp)
#endif
BRINK_LANE_LIBM_(brink_llog, log)
#undef BRINK_LANE_LIBM_
#undef BRINK_LANE_LIBM_WHERE_

#else
#error "BRINK_LANES is 1, 4 or 8"
#endif

/* ---- Tables of parties or goods -------------------------------------------
 * A run's loop over its parties (or goods) works on brink_lpv, several
 * entries of a table at a time. In the library that is several parties of
 * the run to a vector (model/lanes.h: BRINK_LPV_N of them; entries past the
 * last party compute from zeros what nobody reads, as the tables hold whole
 * vectors); in lanes it is one party of every run of the group
 * (BRINK_LPV_N is 1). The tables are arrays of brink_ld in either mode.
 * - BRINK_LPV_LOAD(v, e): v from table entry e and the BRINK_LPV_N - 1
 *   after it; BRINK_LPV_STORE(e, v) the other way;
 * - BRINK_LPV_ALL(x): a number that is the same for every entry (the run's,
 *   or one party's in a loop over goods), spread over the entries;
 * - BRINK_LPV_SEL(m, a, b): a where the comparison m holds, else b (both
 *   computed), entry by entry;
 * - BRINK_LEXP_TABLE(y, x, n): SLEEF's exponentials of table x's first n
 *   entries into y (model/vmath.h: the same bits at any width and in any
 *   variant), whole vectors of four in the library. */
#include "model/lanes.h"
#include "model/vmath.h"

#if BRINK_LANES == 1
typedef brink_vp brink_lpv;
#define BRINK_LPV_N BRINK_VP_N
#define BRINK_LPV_LOAD(v, e) BRINK_VP_LOAD(v, &(e))
#define BRINK_LPV_STORE(e, v) BRINK_VP_STORE(&(e), v)
#define BRINK_LPV_ALL(x) BRINK_VP_SPLAT(x)
#define BRINK_LPV_SEL(m, a, b) BRINK_VP_SELECT(m, a, b)
#define BRINK_LEXP_TABLE(y, x, n) brink_exp_lanes(y, x, ((n) + 3) & ~3)
#else
typedef brink_ld brink_lpv;
#define BRINK_LPV_N 1
#define BRINK_LPV_LOAD(v, e) ((v) = (e))
#define BRINK_LPV_STORE(e, v) ((e) = (v))
#define BRINK_LPV_ALL(x) BRINK_LD(x)
#define BRINK_LPV_SEL(m, a, b) BRINK_LSEL(m, a, b)
#define BRINK_LEXP_TABLE(y, x, n)                                                                  \
    brink_exp_lanes((double *)(y), (const double *)(x), BRINK_LANES *(n))
#endif

#endif
