/* The target's valuation of holding out and of a deal (M8-M11, M14), shared
 * by the engine, the sender's belief updates and the game layer, so that
 * simulation and game analysis use the same functions. */
#ifndef BRINK_MODEL_VALUATION_H
#define BRINK_MODEL_VALUATION_H

#include "model/state.h"

/* An offer on the table. */
typedef struct {
    double relief;                       /* share of sanctions lifted when delivered */
    double concession[BRINK_MAX_ISSUES]; /* concession level after the deal, per issue */
    int is_public;
    int lag;                             /* months until relief is delivered */
    double audience_share;               /* share of the full audience cost it carries */
    int milestone;                       /* staged step of the policy in force, or -1 */
} brink_offer;

typedef struct {
    double maintenance;  /* M8: discounted cost of holding out, GDP-months */
    double durability;   /* M10: perceived survival weight of the relief, [0,1] */
    double deal_value;   /* relief's value over the deal's perceived life */
    double security;     /* M9: security value conceded */
    double audience;     /* M11: audience cost of accepting in public */
    double further;      /* M14: expected further demands */
    double survival;     /* M14: concessions under a regime-change threat */
    double submission;   /* security + audience + further + survival */
    double continuation; /* M16: what a staged step opens (the later steps' net gain) */
    double net;          /* deal_value - submission + continuation */
} brink_offer_value;

/* Monthly loss against the pre-sanctions baseline, share of monthly GDP;
 * *econ (may be NULL) receives its output part (oil and non-oil). */
double brink_flow_loss(const struct brink_sim *sim, double *econ);

/* Rate at which bypass is expected to erode the loss, per month. */
double brink_erosion_rate(const struct brink_sim *sim);

/* M15, M19: monthly hazard of war, h_incident * p_escalate + h_preventive. */
double brink_war_hazard(const struct brink_sim *sim);

/* M8: expected discounted cost of holding out over the planning horizon. */
double brink_maintenance_cost(const struct brink_sim *sim);

/* M10, M14: perceived durability weight of relief that starts `lag` months
 * from now (it must survive until then), given the rhetoric and sanctions
 * level of the policy in force; discounting is included. */
double brink_durability(const struct brink_sim *sim, double rhetoric, double s_pol, int lag);

/* Evaluates an offer for the target at the current state. `maintenance`
 * is brink_maintenance_cost(sim) (passed in so callers compute it once). */
void brink_offer_evaluate(const struct brink_sim *sim, const brink_offer *offer,
                          double maintenance, brink_offer_value *out);

/* Quantal response: probability that a target of resolve theta accepts. */
static inline double brink_accept_probability(double net, double theta, double noise)
{
    return brink_logistic((net - theta) / noise);
}

/* Fills `offer` with the standing demand of the policy in force: its next
 * milestone under a staged policy, otherwise all its issues at its relief
 * (used for reports and the game layer). */
void brink_offer_standing(const struct brink_sim *sim, brink_offer *offer);

/* Fills `offer` with milestone m of the staged policy in force. */
void brink_offer_milestone(const struct brink_sim *sim, int m, brink_offer *offer);

/* Fills `offer` with the policy's offer on issue `issue` alone, as an
 * unbundled policy puts it (M13): relief split in proportion to
 * sender_value * demand over the issues in `scope`, the audience cost in
 * proportion to salience * security_value * demand. */
void brink_offer_unbundled(const struct brink_sim *sim, unsigned scope, int issue,
                           brink_offer *offer);

#endif
