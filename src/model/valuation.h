/* The target's valuation of holding out and of a deal (M8-M11, M14), shared
 * by the engine, the senders' belief updates and the game layer, so that
 * simulation and game analysis use the same functions. */
#ifndef BRINK_MODEL_VALUATION_H
#define BRINK_MODEL_VALUATION_H

#include "model/state.h"

/* An offer on the table. */
typedef struct {
    double relief;                       /* share of sanctions lifted when delivered */
    double concession[BRINK_MAX_ISSUES]; /* concession level after the deal, per issue */
    unsigned inducements;                /* inducements that come with it */
    double induce_share;                 /* share of their flows and values it delivers */
    int is_public;
    int lag;                             /* months until relief is delivered */
    int milestone;                       /* staged step of the policy in force, or -1 */
} brink_offer;

typedef struct {
    double maintenance;  /* M8: discounted cost of holding out, GDP-months */
    double durability;   /* M10: perceived survival weight of the relief, [0,1] */
    double deal_value;   /* relief and inducements over the deal's perceived life */
    double security;     /* M9: security value conceded (less what leaders keep) */
    double audience;     /* M11: audience cost of conceding in public */
    double further;      /* M14: expected further demands */
    double compellence;  /* conceding while an ultimatum stands: yielding to force */
    double survival;     /* M14: concessions under a regime-change threat */
    double submission;   /* security + audience + further + survival */
    double continuation; /* M16: what a staged step opens (the later steps' net gain) */
    double net;          /* deal_value + continuation - submission */
    double log_ratio;    /* ln((deal_value + continuation) / submission); +-inf at the edges */
} brink_offer_value;

/* Monthly loss against the pre-sanctions baseline, share of monthly GDP;
 * *econ (may be NULL) receives its output part. */
brink_ld BRINK_LFN(brink_flow_loss)(const struct brink_lsim *sim, brink_ld *econ);

/* The part of the month's loss a deal would remove: the loss less the
 * output lost to the insurgency and to strikes, floored at 0. */
double brink_deal_loss(const struct brink_sim *sim);

/* Rate at which bypass is expected to erode the loss, per month. */
brink_ld BRINK_LFN(brink_erosion_rate)(const struct brink_lsim *sim);

/* M15, M19: monthly hazard of war (escalated incidents and strikes,
 * invasion), and of a strike campaign that does not start one, as of the
 * last conflict and force steps. */
double brink_war_hazard(const struct brink_sim *sim);
double brink_strike_hazard(const struct brink_sim *sim);

/* M8: expected discounted cost of holding out over the planning horizon,
 * against settling: the losses and hazards a deal would remove (not the
 * output lost to an insurgency or strikes, nor the regime's own risk of
 * collapse at the start). */
double brink_maintenance_cost(const struct brink_sim *sim);

/* M10, M14: perceived durability weight of relief that starts `lag` months
 * from now (it must survive until then): each sender's elections and
 * breaks at their true hazards (by the legal form of its relief), seen
 * through the target's trust, and the hazard that pressure resumes after a
 * deal, which grows with regime-change rhetoric times pressure; discounting
 * is included. */
double brink_durability(const struct brink_sim *sim, double rhetoric, int lag);

/* Evaluates an offer for the target at the current state. `maintenance`
 * is brink_maintenance_cost(sim) (passed in so callers compute it once). */
void brink_offer_evaluate(const struct brink_sim *sim, const brink_offer *offer,
                          double maintenance, brink_offer_value *out);

/* The durability brink_offer_evaluate weighs an offer's relief by: that of
 * relief starting at the offer's lag under the policy in force. It does not
 * depend on the relief offered, so offers that differ only in it share it. */
double brink_offer_durability(const struct brink_sim *sim, const brink_offer *offer);

/* brink_offer_evaluate at durability = brink_offer_durability(sim, offer),
 * computed once by a caller valuing several reliefs (the same bits). */
void brink_offer_evaluate_at(const struct brink_sim *sim, const brink_offer *offer,
                             double maintenance, double durability, brink_offer_value *out);

#if BRINK_LANES == 1
/* (the library's own: a unit compiled in lanes has no scalar logistic) */

/* The choice: the probability that a target of resolve theta accepts an
 * offer whose value and cost stand in log ratio x, Λ((x - theta) / noise).
 * x = +inf (free relief) is accepted and x = -inf (worthless) refused. */
static inline double brink_accept_probability(double x, double theta, double noise)
{
    if (x == HUGE_VAL)
        return 1.0;
    if (x == -HUGE_VAL || x != x)
        return 0.0;
    return brink_logistic((x - theta) / noise);
}

/* ln(value / cost) with the edges: no cost and some value is +inf, no
 * value is -inf. */
static inline double brink_log_ratio(double value, double cost)
{
    if (!(value > 0))
        return -HUGE_VAL;
    if (!(cost > 1e-12))
        return HUGE_VAL;
    return log(value / cost);
}
#endif

/* Fills `offer` with the standing demand of the policy in force: its next
 * milestone under a staged policy, otherwise all its issues at its relief
 * (used for reports and the game layer). */
void brink_offer_standing(const struct brink_sim *sim, brink_offer *offer);

/* Fills `offer` with milestone m of the staged policy in force. */
void brink_offer_milestone(const struct brink_sim *sim, int m, brink_offer *offer);

/* Fills `offer` with the policy's offer on issue `issue` alone, as an
 * unbundled policy puts it (M13): relief split in proportion to
 * sender_value * demand over the issues in `scope`. */
void brink_offer_unbundled(const struct brink_sim *sim, unsigned scope, int issue,
                           brink_offer *offer);

#endif
