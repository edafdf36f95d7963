/* The state of one run: plain numbers, no pointers to heap memory, so the
 * monthly step touches only this struct and the run's parameters. */
#ifndef BRINK_MODEL_STATE_H
#define BRINK_MODEL_STATE_H

#include "brink/engine.h"
#include "core/rng.h"
#include "model/params.h"
#include "model/spec.h"

#define BRINK_BELIEF_N 32        /* grid points of the senders' belief over resolve */
#define BRINK_EVENTS_MAX 1024    /* event log capacity per run */
#define BRINK_BBL_YEAR_BN 0.365  /* mbpd x USD/bbl -> USD bn per year */
#define BRINK_PRINTING_MAX 25.0  /* monthly log money growth: a numerical guard beyond any
                                  * recorded hyperinflation (Zimbabwe, November 2008: 20.5) */

/* The kinds of the rows of model/state.def (and model/sim_run.def and
 * model/force_terms.def) as the library's structs hold them; a unit
 * compiled in lanes has their lane forms too (model/lockstep_types.h). */
#define BRINK_STATE_KIND_D double
#define BRINK_STATE_KIND_I int
#define BRINK_STATE_KIND_U unsigned
#define BRINK_STATE_KIND_RUN_D double
#define BRINK_STATE_KIND_RUN_I int
#define BRINK_STATE_KIND_RUN_U unsigned
#define BRINK_STATE_KIND_FORCE brink_force_terms
#define BRINK_STATE_KIND_SUMMARY brink_summary

/* The dims of the rows of model/state.def and model/sim_run.def: an
 * array's bounds (BRINK_STATE_DIM_), and how many of its entries, from the
 * first, a run uses (BRINK_STATE_USED_(p), p its parameters or their lane
 * form: the scenario's count, times the inner bound for two dims; 1 for a
 * member that is no array). An entry past those holds what brink_sim_init
 * left there all run long: no step writes another value there, and none
 * reads it but to compute what nobody reads (model/lockstep.h, tables of
 * parties or goods). */
#define BRINK_STATE_DIM_
#define BRINK_STATE_USED_(p) 1
#define BRINK_STATE_DIM_SENDERS [BRINK_MAX_SENDERS]
#define BRINK_STATE_USED_SENDERS(p) ((p)->n_senders)
#define BRINK_STATE_DIM_PARTIES [BRINK_MAX_PARTIES]
#define BRINK_STATE_USED_PARTIES(p) ((p)->n_parties)
#define BRINK_STATE_DIM_CHANNELS [BRINK_MAX_CHANNELS]
#define BRINK_STATE_USED_CHANNELS(p) ((p)->n_channels)
#define BRINK_STATE_DIM_GOODS [BRINK_MAX_GOODS]
#define BRINK_STATE_USED_GOODS(p) ((p)->n_goods)
#define BRINK_STATE_DIM_PATRONS [BRINK_MAX_PATRONS]
#define BRINK_STATE_USED_PATRONS(p) ((p)->n_patrons)
#define BRINK_STATE_DIM_PROXIES [BRINK_MAX_PROXIES]
#define BRINK_STATE_USED_PROXIES(p) ((p)->n_proxies)
#define BRINK_STATE_DIM_ISSUES [BRINK_MAX_ISSUES]
#define BRINK_STATE_USED_ISSUES(p) ((p)->n_issues)
#define BRINK_STATE_DIM_INDUCEMENTS [BRINK_MAX_INDUCEMENTS]
#define BRINK_STATE_USED_INDUCEMENTS(p) ((p)->n_inducements)
#define BRINK_STATE_DIM_BELIEF [BRINK_BELIEF_N]
#define BRINK_STATE_USED_BELIEF(p) BRINK_BELIEF_N
#define BRINK_STATE_DIM_CHANNELS_PARTIES [BRINK_MAX_CHANNELS][BRINK_MAX_PARTIES]
#define BRINK_STATE_USED_CHANNELS_PARTIES(p) ((p)->n_channels * BRINK_MAX_PARTIES)
#define BRINK_STATE_DIM_SENDERS_PARTIES [BRINK_MAX_SENDERS][BRINK_MAX_PARTIES]
#define BRINK_STATE_USED_SENDERS_PARTIES(p) ((p)->n_senders * BRINK_MAX_PARTIES)
#define BRINK_STATE_DIM_PARTIES_GOODS [BRINK_MAX_PARTIES][BRINK_MAX_GOODS]
#define BRINK_STATE_USED_PARTIES_GOODS(p) ((p)->n_parties * BRINK_MAX_GOODS)

/* The coalition's force hazard as the terms of its index (model/force_terms.def). */
typedef struct {
#define BRINK_FORCE_TERM(kind, name, doc) BRINK_STATE_KIND_##kind name;
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
} brink_force_terms;

/* The state of one run, one member per row of model/state.def. */
typedef struct {
#define BRINK_STATE(kind, name, dims, by, doc) BRINK_STATE_KIND_##kind name BRINK_STATE_DIM_##dims;
#include "model/state.def"
#undef BRINK_STATE
} brink_state;

/* Each row's writers fit its kind (model/state.def): R for the RUN_ kinds,
 * L or B for the others; any other pair does not compile. */
#define BRINK_STATE_BY_D_L 1
#define BRINK_STATE_BY_D_B 1
#define BRINK_STATE_BY_I_L 1
#define BRINK_STATE_BY_I_B 1
#define BRINK_STATE_BY_U_L 1
#define BRINK_STATE_BY_U_B 1
#define BRINK_STATE_BY_FORCE_L 1
#define BRINK_STATE_BY_FORCE_B 1
#define BRINK_STATE_BY_SUMMARY_L 1
#define BRINK_STATE_BY_SUMMARY_B 1
#define BRINK_STATE_BY_RUN_D_R 1
#define BRINK_STATE_BY_RUN_I_R 1
#define BRINK_STATE_BY_RUN_U_R 1
enum {
#define BRINK_STATE(kind, name, dims, by, doc)                                                     \
    brink_state_by_##name##_ = BRINK_STATE_BY_##kind##_##by,
#include "model/state.def"
#undef BRINK_STATE
};

/* months of random numbers drawn at a time, and slots drawn for each
 * (BRINK_AHEAD_SLOTS, model/mechanisms.h) */
#define BRINK_AHEAD_MONTHS 8
#define BRINK_AHEAD_NSLOTS 4

struct brink_sim {
    const struct brink_scenario *sc;
    brink_params p;
    brink_params p_point;    /* the scenario's point values, resolved once */
    int p_clean;             /* p equals p_point but at the plan's offsets (a timeline
                              * setting clears it: the next run copies p_point whole) */
    brink_param_draw *plan;  /* its uncertain values, drawn per run */
    size_t n_plan;
    double *drawn;           /* the values last drawn, plan entry by plan entry, */
    uint64_t drawn_seed;     /* for this seed and run (drawn_ok): the next init of */
    uint64_t drawn_run;      /* the same run, under another policy, takes them */
    int drawn_ok;
    brink_state st;
    brink_rng rng;
    /* the uniforms of the slots nearly every month uses, drawn ahead for
     * months ahead_t to ahead_t + BRINK_AHEAD_MONTHS - 1 (-1: none), and the
     * normals of their shocks (price, exchange rate): brink_month_draw */
    double ahead_u[BRINK_AHEAD_MONTHS * BRINK_AHEAD_NSLOTS][4];
    double ahead_z[2][BRINK_AHEAD_MONTHS];
    int ahead_t;
    double belief_grid[BRINK_BELIEF_N];
    double belief_g[BRINK_BELIEF_N]; /* exp(grid / choice noise): Λ as 1/(1 + G e^(-x/τ)) */
    double belief_prior[BRINK_BELIEF_N]; /* the senders' prior weights on the grid */
    double belief_key[3];    /* prior mean, sd and choice noise the three above were laid
                              * out for (brink_belief_init lays them again when they change) */
    int belief_laid;         /* whether they were laid out at all */
    /* what the run's steps work out once (model/sim_run.def) */
#define BRINK_SIM_RUN(kind, name, dims, doc) BRINK_STATE_KIND_##kind name BRINK_STATE_DIM_##dims;
#include "model/sim_run.def"
#undef BRINK_SIM_RUN
    int history_run;         /* the run follows the scenario's default policy: timeline switches apply */
    int party_patron[BRINK_MAX_PARTIES];  /* patron buying through the party, or -1 */
    int bound_party[BRINK_MAX_PARTIES];   /* parties whose compliance a sender's law (its own
                                           * market) or a patron's purchases set, ascending */
    int n_bound;
    unsigned issue_kind[BRINK_ISSUE_KINDS]; /* the issues of each kind, a bit each */
    brink_dist sc_resolve; /* the prior of target.resolve (a new leader draws from it) */
    int record;
    size_t n_events;
    brink_event events[BRINK_EVENTS_MAX];
};

/* Appends an event and returns it; NULL (nothing kept) unless recording or
 * when the log is full. Every event raises the run's highest MID
 * hostility and ICB violence levels (brink_summary_note_event), whether
 * recorded or not. */
brink_event *brink_sim_event(struct brink_sim *sim, brink_event_kind k, int subject,
                             double value);

/* An event of kind k in a run's totals: its highest MID hostility level and
 * ICB violence level so far (the library's runs and runs in lanes alike). */
static inline void brink_summary_note_event(brink_summary *s, brink_event_kind k)
{
    int mid = brink_event_mid_level(k), icb = brink_event_icb_level(k);
    if (mid > s->max_hostility)
        s->max_hostility = mid;
    if (icb > s->max_crisis)
        s->max_crisis = icb;
}

/* ---- Written over lanes (model/lockstep.h) ---------------------------------- */

#include "model/lockstep.h"
#if BRINK_LANES > 1
#include "model/lockstep_types.h"
#endif

static inline brink_ld BRINK_LFN(brink_clamp01)(brink_ld x)
{
    return BRINK_LSEL(x < 0, BRINK_LD(0), BRINK_LSEL(x > 1, BRINK_LD(1), x));
}

/* The logistic function from its exponential: Λ(x) given e = e^-x. */
static inline brink_ld BRINK_LFN(brink_logistic_of_exp)(brink_ld e)
{
    return 1.0 / (1.0 + e);
}

/* Logistic function 1 / (1 + e^-x) where m holds (elsewhere 1 in lanes,
 * whose values nobody reads: brink_lexp_where). */
static inline brink_ld BRINK_LFN(brink_logistic_where)(brink_lm m, brink_ld x)
{
    return BRINK_LFN(brink_logistic_of_exp)(brink_lexp_where(m, -x));
}

/* The same for every run. */
static inline brink_ld BRINK_LFN(brink_logistic)(brink_ld x)
{
    return BRINK_LFN(brink_logistic_where)(BRINK_LTRUE, x);
}

/* A hazard max * Λ(x), where m holds: exactly 0 far in the lower tail,
 * where the logistic is below 1e-13 of its maximum, so that the
 * exponential is skipped. It never exceeds max (nor 0 when max < 0): a
 * uniform u >= max never falls below it, so a draw against it needs no
 * exponential then (the runs of such draws are left out of m). */
static inline brink_ld BRINK_LFN(brink_hazard_where)(brink_lm m, brink_ld max, brink_ld x)
{
    brink_lm tail = x < -30.0;
    return BRINK_LSEL(tail, BRINK_LD(0),
                      max * BRINK_LFN(brink_logistic_where)(m & BRINK_LNOT(tail), x));
}

/* The same for every run. */
static inline brink_ld BRINK_LFN(brink_hazard)(brink_ld max, brink_ld x)
{
    return BRINK_LFN(brink_hazard_where)(BRINK_LTRUE, max, x);
}

/* Annual log inflation of a monthly log rate: log(1 + the annual rate),
 * bounded only to stay finite (e^700 is 1e304). */
static inline brink_ld BRINK_LFN(brink_annual_log_rate)(brink_ld pi_month)
{
    brink_ld a = 12.0 * pi_month;
    return BRINK_LSEL(a < 700.0, a, BRINK_LD(700.0));
}

/* The same as an annual rate (no other clamp). */
static inline brink_ld BRINK_LFN(brink_annual_rate)(brink_ld pi_month)
{
    return brink_lexpm1(BRINK_LFN(brink_annual_log_rate)(pi_month));
}

/* Real money demand relative to month 0, floored where nobody holds the
 * currency any more, in the runs where m holds (the others' values nobody
 * reads: brink_lexp_where). */
static inline brink_ld BRINK_LFN(brink_money_demand_where)(brink_lm m, const brink_lstate *st)
{
    brink_lm held = st->money_log > -690.0;
    return BRINK_LSEL(held, brink_lexp_where(m & held, st->money_log), BRINK_LD(1e-300));
}

/* The same for every run. */
static inline brink_ld BRINK_LFN(brink_money_demand)(const brink_lstate *st)
{
    return BRINK_LFN(brink_money_demand_where)(BRINK_LTRUE, st);
}

#endif
