/* What the no-win matrix, take-it-or-leave-it offers and the zone of possible
 * agreement share (docs/game.md): the target's choice rule, a one-month
 * projection of a run under a sender action, and the sender's expected
 * costs over the horizon, all from the model's own functions. */
#ifndef BRINK_GAME_INTERNAL_H
#define BRINK_GAME_INTERNAL_H

#include "model/state.h"
#include "model/valuation.h"

/* The target's answer to an offer valued `v` (brink_offer_evaluate), by the
 * model's choice rule (docs/model.md, "The choice"). */
typedef struct {
    double x;    /* ln((V + cont) / C): v->log_ratio, from brink_log_ratio */
    double p;    /* P(accept) = brink_accept_probability(x, theta, choice_noise) */
    double gain; /* (V + cont) - C e^theta, GDP-months: what accepting is worth
                    against holding out to a target of resolve theta. Its sign
                    is that of x - theta, so gain > 0 exactly when p > 1/2;
                    gain = 0 with p = 0 for the null offer (V + cont = C = 0) */
} game_choice;

void game_choose(const struct brink_sim *sim, const brink_offer_value *v, double theta,
                 game_choice *out);

/* A scratch copy of a run for projections: its parameters with the
 * continuous shocks off and prices held where they are, events not
 * recorded. NULL when out of memory; free with free(). */
struct brink_sim *game_scratch(const struct brink_sim *sim);

/* One month of `sim` projected into the scratch `c` (from game_scratch(sim)):
 * the coalition's intensity set to `level` (no ramp), `deal` (may be NULL)
 * in force first (its concessions made, its relief granted by every sender
 * taking part), then the model's blocks that respond (compliance, bypass,
 * patrons, trade, reserves, money, output, proxies, insurgency, the loss and
 * its erosion rate, politics without a crisis draw, the programme, tension,
 * the incident and escalation hazards and the coalition's force hazard).
 * With `incident`, the target then provokes an incident that does not
 * escalate (its escalation probability goes to *p_esc) and the hazards are
 * recomputed. */
void game_project(struct brink_sim *c, const struct brink_sim *sim, double level,
                  const brink_offer *deal, int incident, double *p_esc);

/* The senders' expected costs over `months` months from a projected state,
 * in sender value (coalition.war_loss, strike_loss, programme_loss,
 * value_per_usd_bn). */
typedef struct {
    double p_war;       /* P(war within `months`): 1 - (1 - p0)(1 - h_war)^months */
    double strikes;     /* expected strike campaigns that do not start a war:
                           months x brink_strike_hazard */
    double programme;   /* programme level after `months` months of M19, minus `prog0` */
    double cost_usd_bn; /* months x brink_sender_monthly_cost (posture, forgone trade) */
    double value;       /* -(war_loss p_war + strike_loss strikes
                           + programme_loss programme + value_per_usd_bn cost_usd_bn) */
} game_outlook;

/* Reads the outlook from the projected scratch `c` (it steps c's programme
 * forward, so call it last). p0: a first chance of war already taken (a
 * provoked incident's escalation), else 0. */
void game_outlook_read(struct brink_sim *c, int months, double p0, double prog0,
                       game_outlook *out);

/* The sender's gain from an agreement against none, in sender value: the
 * agreement's terms (brink_sender_deal_value) plus what having it in force
 * changes in the senders' expected costs over the horizon, both projected
 * one month at the current intensity from `sim` into the scratch `c`.
 * `nodeal` is the outlook without an agreement (game_nodeal). */
double game_sender_gain(struct brink_sim *c, const struct brink_sim *sim, const brink_offer *deal,
                        const game_outlook *nodeal);

/* The state the month's bargaining would see with sanctions held at today's
 * intensity: a scratch copy of `sim` projected one month (game_project, no
 * deal). The target's valuation in the take-it-or-leave-it offer and the
 * zone of possible agreement is read here, as the no-win matrix reads its
 * (hold) row, so that the state's hazards are those of the month (at month
 * 0 the run has not computed them yet). NULL when out of memory; free with
 * free(). */
struct brink_sim *game_now(const struct brink_sim *sim);

/* The outlook of holding out at the current intensity without an agreement. */
void game_nodeal(struct brink_sim *c, const struct brink_sim *sim, game_outlook *out);

/* The horizon of the sender's terms: target.planning_months. */
int game_horizon(const struct brink_sim *sim);

#endif
