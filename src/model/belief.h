/* M12: the sender's belief over the target's resolve, a discrete grid
 * updated by Bayes' rule on the target's known choice rule. */
#ifndef BRINK_MODEL_BELIEF_H
#define BRINK_MODEL_BELIEF_H

#include "model/state.h"

/* Lays the grid (mean +- 4 sd of the sender's prior) and the prior. */
void brink_belief_init(struct brink_sim *sim);

/* Updates on an answer to an offer whose net value was `net` (the sender
 * computes it with the same functions as the target); `weight` scales
 * resolve in the choice rule and `noise` is its noise. */
void brink_belief_update(struct brink_sim *sim, double net, double weight, double noise,
                         int accepted);

/* Expected resolve under the belief. */
double brink_belief_mean(const struct brink_sim *sim);

/* Expected acceptance probability of an offer of net value `net`. */
double brink_belief_accept(const struct brink_sim *sim, double net, double noise);

#endif
