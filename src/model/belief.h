/* M12: the senders' belief over the target's resolve, a discrete grid
 * updated by Bayes' rule on the target's known choice rule. */
#ifndef BRINK_MODEL_BELIEF_H
#define BRINK_MODEL_BELIEF_H

#include "model/state.h"

/* Lays the grid (mean +- 4 sd of the senders' prior) and the prior. */
void brink_belief_init(struct brink_sim *sim);

/* Updates on an answer to an offer whose log value-to-cost ratio was `x`
 * (the senders compute it with the same functions as the target); `weight`
 * scales resolve in the choice rule and `noise` is its noise. An answer to
 * an offer at x = +-inf carries no information and changes nothing. */
void brink_belief_update(struct brink_sim *sim, double x, double weight, double noise,
                         int accepted);

/* The answer to an offer put at log ratio x, under the target's own
 * choice rule (weight 1, the choice noise): brink_belief_update, then
 * returns brink_belief_accept(sim, x) under the updated belief, the same
 * bits, each point's acceptance probability computed once. */
double brink_belief_answer(struct brink_sim *sim, double x, int accepted);

/* Bayes' rule on any grid: post (n values, not aliasing prior) receives
 * prior_j * P(answer | theta_j), normalised, where P(accept | theta) =
 * Λ((x - weight * theta) / noise). Returns 1, or 0 when the answer had
 * probability (about) zero under the prior: post is then the prior. */
int brink_belief_posterior(const double *grid, const double *prior, double *post, int n,
                           double x, double weight, double noise, int accepted);

/* Expected acceptance probability under weights w over grid (n points). */
double brink_belief_accept_grid(const double *grid, const double *w, int n, double x,
                                double noise);

/* Expected resolve under the belief (of each run of a group, in lanes). */
double brink_belief_mean(const struct brink_sim *sim);
#if BRINK_LANES != 1
brink_ld BRINK_LFN(brink_belief_mean)(const struct brink_lsim *sim);
#endif

/* Expected acceptance probability of an offer at log ratio x. */
double brink_belief_accept(const struct brink_sim *sim, double x);

#endif
