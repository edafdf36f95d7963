/* The horizon-conditioned base rate: how sanctions episodes of the historical
 * record had ended (or were still going) a given number of months after the
 * imposition, by brink outcome. The data are the generated table
 * src/analysis/base_rate.def (scripts/base_rates.py; TIES v4.1 episodes, war
 * from the GML MID data, regime crisis from Archigos). Internal to the
 * library; see docs/validation.md. */
#ifndef BRINK_ANALYSIS_BASE_RATE_H
#define BRINK_ANALYSIS_BASE_RATE_H

/* Width of the duration bins of base_rate.def, in months. */
#define BRINK_BASE_RATE_BIN_MONTHS 6

/* p[k] = the base-rate probability of outcome names[k] ("deal",
 * "partial_deal", "stalemate", "sender_backs_down", "war", "regime_crisis",
 * "deal_reversed") at a horizon of horizon_months, for k < n.
 *
 * Estimate: the cumulative incidence of each outcome by the horizon, a life
 * table over the 6-month bins (Aalen-Johansen with right censoring: an
 * episode still going at its last observation is at risk for half the bin in
 * which it was last seen, and leaves without an outcome), linear within the
 * bin that holds the horizon. The mass still going at the horizon is
 * "stalemate". Then Dirichlet smoothing with one pseudo-episode per listed
 * outcome: p[k] = (N c_k + 1) / (N sum_j c_j + n), N the number of episodes,
 * so every outcome gets a non-zero probability and p sums to 1 over the
 * names given. With all seven names, sum_j c_j = 1. A name the table does
 * not hold (deal_reversed, or a misspelling) gets c_k = 0. A horizon <= 0
 * (or NaN) means no time has passed: everything is still going. */
void brink_base_rate_at(double horizon_months, const char *const names[], int n, double p[]);

/* N: the number of episodes in the table. */
int brink_base_rate_episodes(void);

#endif
