/* The senders' value of agreements, shared by adaptive offers (M12) and the
 * game layer, so that simulation and game analysis use the same functions.
 * Values are in the senders' own units ("sender value": issue sender_value,
 * coalition.relief_cost, coalition.war_loss, coalition.strike_loss,
 * coalition.programme_loss, inducement sender_cost). */
#ifndef BRINK_MODEL_SENDER_H
#define BRINK_MODEL_SENDER_H

#include "model/valuation.h"

/* Value of the concessions an offer obtains beyond those in force:
 * sum_i sender_value_i * max(0, c_i - conceded_i). */
double brink_sender_concession_value(const struct brink_sim *sim, const brink_offer *offer);

/* Cost of what the senders give: relief_cost * relief plus the share of
 * each inducement delivered times its sender_cost. */
double brink_sender_give_cost(const struct brink_sim *sim, const brink_offer *offer);

/* U_S(deal): concession value minus what the senders give. The senders'
 * value of no deal is the reference, 0, unless a caller says otherwise. */
double brink_sender_deal_value(const struct brink_sim *sim, const brink_offer *offer);

/* What sanctions and posture cost the senders this month, USD bn: the
 * posture and each sender's forgone trade with the target. */
brink_ld BRINK_LFN(brink_sender_monthly_cost)(const struct brink_lsim *sim);

/* The senders' expected value of putting `offer` to a target whose resolve
 * they believe distributed with weights w over grid (n points):
 *     E_theta[P] * U_S(deal) + (1 - E_theta[P]) * u_nodeal,
 * P = Λ((x - theta) / choice_noise), x the log value-to-cost ratio from
 * brink_offer_evaluate with the maintenance cost mc. *pa (expected
 * acceptance) and *v (the target's valuation) may be NULL. */
double brink_sender_offer_objective(const struct brink_sim *sim, const brink_offer *offer,
                                    double mc, const double *grid, const double *w, int n,
                                    double u_nodeal, double *pa, brink_offer_value *v);

/* The same under the run's own belief (its grid and weights, whose
 * exponentials are laid out: brink_belief_accept), with u_nodeal = 0, the
 * offer valued at durability dur (brink_offer_durability, the same for
 * every relief): what adaptive offers maximise. */
double brink_sender_offer_objective_own(const struct brink_sim *sim, const brink_offer *offer,
                                        double mc, double dur);

#endif
