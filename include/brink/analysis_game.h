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
 * (brink_game_advance) and leaves it unchanged.
 */
#ifndef BRINK_ANALYSIS_GAME_H
#define BRINK_ANALYSIS_GAME_H

#include <stdbool.h>
#include <stdint.h>

#include "brink/engine.h"
#include "brink/error.h"
#include "brink/game.h"

/* Steps `sim` (freshly initialised) until the start of month `month`, i.e.
 * after `month` monthly steps, or until the run ends. Returns the month
 * reached: less than `month` when an absorbing outcome (war, regime crisis,
 * reversal) ended the run first; the state is then the last one. */
int brink_game_advance(brink_sim *sim, int month);

/* ---- The no-win matrix ------------------------------------------------- */

enum { BRINK_NOWIN_TIGHTEN = 0, BRINK_NOWIN_HOLD, BRINK_NOWIN_RELAX };
enum { BRINK_NOWIN_ACCEPT = 0, BRINK_NOWIN_REJECT, BRINK_NOWIN_ESCALATE };

#define BRINK_NOWIN_STEP 0.15       /* default sanctions step of tighten/relax */
#define BRINK_NOWIN_USD_VALUE 0.02  /* default sender value of one USD bn */

typedef struct {
    double step;          /* tighten/relax move intensity by +-step, (0, 1] */
    double usd_bn_value;  /* sender value of one USD bn of its own costs, >= 0 */
} brink_nowin_options;

void brink_nowin_options_default(brink_nowin_options *opt);

typedef struct {
    int month;                /* state month (start of month, after `month` steps) */
    int horizon;              /* months over which the sender's terms are counted
                                 (target.planning_months) */
    double baseline;          /* the target's pre-crisis value: 0 */
    double theta;             /* the target's resolve in this run */
    double relief;            /* relief of the policy's standing offer */
    int is_public;            /* the standing offer is put in public */
    double concession_value;  /* sender value of the offer's concessions */
    double relief_cost;       /* sender.relief_cost x relief */
    double s_now;             /* sanctions intensity (policy) at the state */
    /* per sender action */
    double s_pol[3], s_eff[3];
    double maintenance[3];          /* M8 after the move: the cost of rejecting */
    double maintenance_incident[3]; /* M8 after a provoked incident */
    double p_escalate_incident[3];  /* that incident's escalation probability */
    double deal_value[3], submission[3], durability[3], net[3];
    /* per cell [action][answer] */
    double p_war[3][3];       /* probability of war within `horizon` months */
    double programme[3][3];   /* programme level change over `horizon` months */
    double cost_usd_bn[3][3]; /* sender's enforcement and posture costs */
    double target[3][3];      /* the target's payoff, GDP-months */
    double sender[3][3];      /* the sender's payoff, sender value */
    bool worse[3][3];         /* target payoff below the pre-crisis value */
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
    double u_nodeal;           /* sender's value of no deal (default 0) */
    /* the sender's belief; belief_n = 0 uses the run's (sim) belief */
    int belief_n;
    const double *belief_theta, *belief_weight; /* weights need not sum to 1 */
} brink_tioli_options;

typedef struct {
    double relief;
    double accept;            /* E_theta[P(accept)] */
    double sender;            /* E[P] U_S(deal) + (1 - E[P]) u_nodeal */
    double target;            /* E_theta[P (V - C e^theta)]: gain over rejecting, GDP-months */
    double net, deal_value, submission;
    double log_ratio;  /* ln(deal value / submission cost): the choice rule's comparison */
    double post_mean, post_sd; /* the sender's belief after a rejection */
} brink_tioli_offer;

typedef struct {
    int month;
    double noise;
    double prior_mean, prior_sd;   /* the belief the offer is made under */
    double concession_value;       /* sender value of the concessions asked */
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
    int grid;          /* points per axis, >= 3; 0 = 101 */
    bool nash;         /* find the Nash bargaining points (false: emptiness
                          and area only, for ensembles) */
} brink_zopa_options;

void brink_zopa_options_default(brink_zopa_options *opt);

typedef struct {
    int issue;          /* -1: bundled over the policy's issues */
    bool nonempty;
    double area;        /* share of [0,1]^2 (concession x relief) */
    double grid_share;  /* share of the grid's points inside */
    double margin;      /* max over the space of min(target net / scale_t,
                           sender gain / scale_s): >= 0 iff non-empty */
    /* the Nash bargaining point (NaN when empty or not asked) */
    double nash_c, nash_r, nash_target, nash_sender, nash_product;
} brink_zopa_slice;

typedef struct {
    int month;
    double theta;
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
 * concession, then relief; stops when fn returns non-zero and returns
 * BRINK_ERR_RUNTIME. */
typedef int (*brink_zopa_point_fn)(void *ctx, double concession, double relief,
                                   double target_net, double sender_gain, bool inside);
brink_status brink_zopa_grid(const brink_sim *sim, int issue, int grid, brink_zopa_point_fn fn,
                             void *ctx, brink_error *err);

/* Over the scenario's uncertainty: `runs` runs with drawn values (run
 * indices 0..runs-1 under `seed`), each stepped to `month`. */
typedef struct {
    uint64_t runs;
    uint64_t ended_early;        /* runs over before `month` (last state used) */
    uint64_t bundled;            /* runs with a bundled zone */
    uint64_t unbundled_any;      /* with a zone on at least one issue */
    uint64_t unbundled_all;      /* with a zone on every issue */
    double bundled_lo, bundled_hi, any_lo, any_hi, all_lo, all_hi; /* Wilson 95% */
    double bundled_area_mean, unbundled_area_mean;
} brink_zopa_draws;

brink_status brink_zopa_uncertainty(const brink_scenario *sc, int policy, int month,
                                    uint64_t seed, uint64_t runs, int grid,
                                    brink_zopa_draws *out, brink_error *err);

#endif
