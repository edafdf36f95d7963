/* brink: game analysis at a state of a run (docs/game.md).
 *
 *   - the no-win matrix: a 3x3 stage game, sender {tighten, hold, relax}
 *     against target {accept, reject, escalate}, payoffs from the model's
 *     own value functions;
 *   - take-it-or-leave-it with incomplete information: the relief that
 *     maximises the sender's expected value under its belief over the
 *     target's resolve;
 *   - the zone of possible agreement over concessions x relief, bundled and
 *     issue by issue, with its Nash bargaining point.
 *
 * Each function reads a workspace stepped to the month of interest
 * (brink_game_advance) and leaves it unchanged. All three value the
 * target's choice by the model's rule and the senders' side by the
 * scenario's values (issues' sender_value, coalition.relief_cost, war_loss,
 * strike_loss, programme_loss, value_per_usd_bn): no constant of their own.
 */
#ifndef BRINK_ANALYSIS_GAME_H
#define BRINK_ANALYSIS_GAME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "brink/engine.h"
#include "brink/error.h"
#include "brink/game.h"

/* The stop flag of long computations: C's atomic_int; in C++ std::atomic<int>,
 * the same object on GCC and Clang. */
#ifndef BRINK_ATOMIC_INT_DEFINED
#define BRINK_ATOMIC_INT_DEFINED
#ifdef __cplusplus
#include <atomic>
typedef std::atomic<int> brink_atomic_int;
#else
#include <stdatomic.h>
typedef atomic_int brink_atomic_int;
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Steps `sim` (freshly initialised) until the start of month `month`, i.e.
 * after `month` monthly steps, or until the run ends. Returns the month
 * reached: less than `month` when an absorbing outcome (war, regime crisis,
 * reversal) ended the run first; the state is then the last one. */
int brink_game_advance(brink_sim *sim, int month);

/* Where an analysis of this header looked, for its JSON reports: a
 * point-value run of `policy` under `seed`, advanced towards `month` by
 * brink_game_advance, which returned `month_reached` (less when the run
 * ended first; sim then tells how it ended). */
typedef struct {
    int policy;
    uint64_t seed;
    int month;
    int month_reached;
    const brink_sim *sim;
} brink_game_state;

/* ---- The no-win matrix ------------------------------------------------- */

enum { BRINK_NOWIN_TIGHTEN = 0, BRINK_NOWIN_HOLD, BRINK_NOWIN_RELAX };
enum { BRINK_NOWIN_ACCEPT = 0, BRINK_NOWIN_REJECT, BRINK_NOWIN_ESCALATE };
/* "tighten", "hold", "relax"; "accept", "reject", "escalate"; NULL out of range. */
const char *brink_nowin_action_name(int a);
const char *brink_nowin_answer_name(int b);

typedef struct {
    /* tighten/relax move intensity by +-step, in [0, 1]; negative (the
     * default): the policy's sanctions.ramp, the largest move it makes in a
     * month (the matrix projects one month) */
    double step;
} brink_nowin_options;

void brink_nowin_options_default(brink_nowin_options *opt);

typedef struct {
    int month;                /* state month (start of month, after `month` steps) */
    int horizon;              /* months over which the sender's terms are counted
                                 (target.planning_months) */
    double step;              /* the sanctions step used */
    double value_per_usd_bn;  /* coalition.value_per_usd_bn of the run */
    double baseline;          /* the target's pre-crisis value: 0 */
    double theta;             /* the target's resolve in this run */
    double relief;            /* relief of the policy's standing offer */
    int is_public;            /* the standing offer is put in public */
    double concession_value;  /* sender value of the offer's concessions */
    double relief_cost;       /* what the senders give: relief_cost x relief and
                                 the inducements' sender_cost */
    double s_now;             /* sanctions intensity (policy) at the state */
    /* per sender action */
    double s_pol[3], s_eff[3];
    double maintenance[3];          /* M8 after the move: the cost of rejecting */
    double maintenance_incident[3]; /* M8 after a provoked incident */
    double p_escalate_incident[3];  /* that incident's escalation probability */
    double deal_value[3];           /* V (+ a staged step's continuation) */
    double submission[3], durability[3], net[3];
    double accept_gain[3];          /* V + cont - C e^theta: accepting against rejecting */
    double p_accept[3];             /* the model's acceptance probability */
    /* per cell [action][answer] */
    double p_war[3][3];       /* probability of war within `horizon` months */
    double strikes[3][3];     /* expected strike campaigns within `horizon` months */
    double programme[3][3];   /* programme level change over `horizon` months */
    double cost_usd_bn[3][3]; /* sender's posture and forgone-trade costs */
    double target[3][3];      /* the target's payoff, GDP-months */
    double sender[3][3];      /* the sender's payoff, sender value */
    /* verdicts (docs/game.md: what is definitional and what is emergent) */
    bool worse[3][3];         /* target payoff below the pre-crisis value 0 */
    bool no_win_pre_crisis;   /* all nine cells worse than the pre-crisis value */
    double status_quo;        /* target payoff of holding out at today's
                                 intensity: target[hold][reject] */
    bool worse_status_quo[3][3];
    bool accept_worse;        /* target[hold][accept] < status quo */
    bool reject_worse;        /* target[tighten][reject] < status quo */
    bool escalate_worse;      /* target[tighten][escalate] < status quo */
    bool no_win;              /* all three: every answer, with the sender
                                 tightening after a refusal, is worse than the
                                 status quo (the seed's no-win matrix) */
} brink_nowin;

/* Builds the matrix at the state of `sim`. opt may be NULL (defaults). */
brink_status brink_nowin_compute(const brink_sim *sim, const brink_nowin_options *opt,
                                 brink_nowin *out, brink_error *err);

/* The matrix as a 3x3 game: players sender, target; strategies tighten,
 * hold, relax and accept, reject, escalate. NULL when out of memory. */
brink_game *brink_nowin_game(const brink_nowin *nw, brink_error *err);

/* ---- Take-it-or-leave-it with incomplete information -------------------- */

typedef struct {
    int grid;                  /* points on [0, 1] before refinement; 0 = 201 */
    /* the sender's belief; belief_n = 0 uses the run's (sim) belief */
    int belief_n;
    const double *belief_theta, *belief_weight; /* weights need not sum to 1 */
} brink_tioli_options;

typedef struct {
    double relief;
    double accept;            /* E_theta[P(accept)] */
    double sender;            /* E[P] U_S(deal) + (1 - E[P]) U_S(no deal) */
    double sender_deal;       /* U_S(deal): terms + the senders' expected costs
                                 with the agreement in force */
    double terms;             /* the agreement's terms: brink_sender_deal_value */
    double target;            /* E_theta[P (V + cont - C e^theta)]: the target's
                                 expected gain over rejecting, GDP-months */
    double net, deal_value, submission;
    double log_ratio;  /* ln(deal value / submission cost): the choice rule's comparison */
    double post_mean, post_sd; /* the sender's belief after a rejection */
} brink_tioli_offer;

typedef struct {
    int month;
    int horizon;                   /* months of the senders' expected costs */
    double noise;
    double prior_mean, prior_sd;   /* the belief the offer is made under */
    double concession_value;       /* sender value of the concessions asked */
    double value_no_deal;          /* U_S(no deal): the senders' expected costs of
                                      holding out at today's intensity, as a value */
    brink_tioli_offer best;        /* the optimal relief */
    brink_tioli_offer standing;    /* the policy's own relief */
    int evaluations;               /* objective evaluations used */
} brink_tioli;

/* The choice noise tau is behaviour.bargain.choice_noise of the run. The
 * offer asks the policy's demands (bundled, as brink_offer_standing) in
 * public or in private as the policy does; only its relief r in [0, 1] is
 * chosen: a grid, then Brent's method (or golden section at an end of
 * [0, 1]) around the grid's best point. opt may be NULL. */
brink_status brink_tioli_solve(const brink_sim *sim, const brink_tioli_options *opt,
                               brink_tioli *out, brink_error *err);

/* ---- The zone of possible agreement ------------------------------------ */

#define BRINK_ZOPA_MAX_ISSUES 8

typedef struct {
    int grid;          /* points per axis, 3..1001; 0 = 101 */
    bool nash;         /* find the Nash bargaining points (false: emptiness
                          and area only, for ensembles) */
} brink_zopa_options;

void brink_zopa_options_default(brink_zopa_options *opt);

typedef struct {
    int issue;          /* -1: bundled over the policy's issues */
    bool nonempty;
    double area;        /* share of [0,1]^2 (concession x relief) */
    double grid_share;  /* share of the grid's points inside */
    double margin;      /* max over the space of min(target gain / scale_t,
                           sender gain / scale_s): > 0 iff non-empty (the null
                           agreement gives 0 to both) */
    /* the Nash bargaining point (NaN when empty or not asked) */
    double nash_c, nash_r, nash_target, nash_sender, nash_product;
} brink_zopa_slice;

typedef struct {
    int month;
    double theta;
    double value_no_deal;   /* the senders' expected costs of holding out, as a value */
    brink_zopa_slice bundled;
    int n_issues;                               /* the policy's issues */
    int issue[BRINK_ZOPA_MAX_ISSUES];           /* their indices */
    brink_zopa_slice unbundled[BRINK_ZOPA_MAX_ISSUES];
    int unbundled_nonempty;                     /* issues with a zone */
    double unbundled_area;                      /* sum of their areas */
    double total_relief, total_target, total_sender; /* sums at the Nash points */
} brink_zopa;

brink_status brink_zopa_compute(const brink_sim *sim, const brink_zopa_options *opt,
                                brink_zopa *out, brink_error *err);

/* Calls fn for every grid point of a slice (issue -1: bundled) in order of
 * concession, then relief, with the target's gain from the agreement
 * ((V + cont) - C e^theta, GDP-months), the sender's (sender value) and
 * whether the point is in the zone (neither gain negative, one positive);
 * stops when fn returns non-zero and returns BRINK_ERR_RUNTIME. */
typedef int (*brink_zopa_point_fn)(void *ctx, double concession, double relief,
                                   double target_net, double sender_gain, bool inside);
brink_status brink_zopa_grid(const brink_sim *sim, int issue, int grid, brink_zopa_point_fn fn,
                             void *ctx, brink_error *err);

/* Over the scenario's uncertainty: `runs` runs with drawn values (run
 * indices 0..runs-1 under `seed`), each stepped to `month`, on worker
 * threads. Each run's grid has `grid` points per axis (0: 101), at most
 * BRINK_ZOPA_DRAWS_GRID: whether a zone exists is decided by the refined
 * margin whatever the grid, which only sets the resolution of the area.
 * The result is the same for any number of threads: each chunk of
 * BRINK_ZOPA_CHUNK runs is summed in run order, the chunks in chunk order.
 * When *stop becomes non-zero no new chunk starts; the result then holds
 * exactly the first completed chunks' runs (what asking for that many runs
 * gives), marked partial. ro may be NULL (every core, no stop). */
#define BRINK_ZOPA_DRAWS_GRID 41
#define BRINK_ZOPA_CHUNK 16u
#define BRINK_ZOPA_MAX_RUNS 10000000ull

typedef struct {
    int threads;        /* 0 = every online core */
    brink_atomic_int *stop; /* may be NULL */
} brink_zopa_run_options;

typedef struct {
    uint64_t runs;               /* runs in the result */
    uint64_t runs_requested;
    int partial;                 /* 1 when stopped before runs_requested */
    uint64_t ended_early;        /* runs over before `month` (last state used) */
    uint64_t bundled;            /* runs with a bundled zone */
    uint64_t unbundled_any;      /* with a zone on at least one issue */
    uint64_t unbundled_all;      /* with a zone on every issue */
    double bundled_lo, bundled_hi, any_lo, any_hi, all_lo, all_hi; /* Wilson 95% */
    double bundled_area_mean, unbundled_area_mean;
} brink_zopa_draws;

brink_status brink_zopa_uncertainty(const brink_scenario *sc, int policy, int month,
                                    uint64_t seed, uint64_t runs, int grid,
                                    const brink_zopa_run_options *ro, brink_zopa_draws *out,
                                    brink_error *err);

/* ---- JSON reports (src/game/game_json.c) ------------------------------------
 * What `brink game --scenario`, `brink tioli` and `brink zopa` print with
 * --format json (zopa.json of `brink zopa --out` too): the scenario, the
 * policy, the seed, the month asked and reached (with how the run ended when
 * it ended first), then the analysis; indented, then a newline. */

/* The no-win matrix nw, its game g and g's equilibria r. */
brink_status brink_nowin_write_json(const brink_scenario *sc, const brink_game_state *at,
                                    const brink_nowin *nw, const brink_game *g,
                                    const brink_nash_result *r, FILE *out, brink_error *err);

brink_status brink_tioli_write_json(const brink_scenario *sc, const brink_game_state *at,
                                    const brink_tioli *t, FILE *out, brink_error *err);

/* z computed on a grid of `grid` points per axis; d (NULL: none) over the
 * scenario's uncertainty. */
brink_status brink_zopa_write_json(const brink_scenario *sc, const brink_game_state *at,
                                   const brink_zopa *z, int grid, const brink_zopa_draws *d,
                                   FILE *out, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
