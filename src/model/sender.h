/* The sender's value of agreements, shared by adaptive offers (M12) and the
 * game layer, so that simulation and game analysis use the same functions.
 * Values are in the sender's own units ("sender value": issue sender_value,
 * sender.relief_cost, sender.war_loss, sender.programme_loss). */
#ifndef BRINK_MODEL_SENDER_H
#define BRINK_MODEL_SENDER_H

#include "model/valuation.h"

/* Value of the concessions an offer obtains beyond those in force:
 * sum_i sender_value_i * max(0, c_i - conceded_i). */
double brink_sender_concession_value(const struct brink_sim *sim, const brink_offer *offer);

/* Domestic cost of granting relief r: sender.relief_cost * r. */
double brink_sender_relief_cost(const struct brink_sim *sim, double relief);

/* U_S(deal): concession value minus relief cost. The sender's value of no
 * deal is the reference, 0, unless a caller says otherwise. */
double brink_sender_deal_value(const struct brink_sim *sim, const brink_offer *offer);

/* The sender's expected value of putting `offer` to a target whose resolve
 * it believes distributed with weights w over grid (n points):
 *     E_theta[P] * U_S(deal) + (1 - E_theta[P]) * u_nodeal,
 * P = Λ((net - theta) / choice_noise), net from brink_offer_evaluate with the
 * maintenance cost mc. *pa (expected acceptance) and *v (the target's
 * valuation) may be NULL. Adaptive offers maximise it with u_nodeal = 0. */
double brink_sender_offer_objective(const struct brink_sim *sim, const brink_offer *offer,
                                    double mc, const double *grid, const double *w, int n,
                                    double u_nodeal, double *pa, brink_offer_value *v);

#endif
