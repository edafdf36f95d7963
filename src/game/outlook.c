/* The target's choice, one-month projections and the senders' expected
 * costs, shared by the no-win matrix, take-it-or-leave-it offers and the
 * zone of possible agreement (docs/game.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "game/game_internal.h"
#include "model/mechanisms.h"
#include "model/sender.h"

void game_choose(const struct brink_sim *sim, const brink_offer_value *v, double theta,
                 game_choice *out)
{
    out->x = v->log_ratio;
    out->p = brink_accept_probability(v->log_ratio, theta, sim->p.s.behaviour_bargain_choice_noise);
    /* the rule ln(V + cont) - ln C > theta, multiplied out: resolve is the
     * log premium on what is conceded */
    out->gain = v->deal_value + v->continuation - v->submission * exp(theta);
}

int game_horizon(const struct brink_sim *sim)
{
    return (int)sim->p.s.target_planning_months;
}

struct brink_sim *game_scratch(const struct brink_sim *sim)
{
    struct brink_sim *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    memcpy(c, sim, sizeof *c);
    c->record = 0;
    c->n_events = 0;
    c->p.s.simulation_noise = 0;
    for (int g = 0; g < c->p.n_goods; g++)
        c->p.good[g].price_persistence = 1; /* prices stay where they are */
    return c;
}

void game_project(struct brink_sim *c, const struct brink_sim *sim, double level,
                  const brink_offer *deal, int incident, double *p_esc)
{
    c->st = sim->st;
    brink_state *st = &c->st;
    if (deal) {
        for (int i = 0; i < c->p.n_issues; i++)
            if (deal->concession[i] > st->conceded[i])
                st->conceded[i] = deal->concession[i];
        for (int k = 0; k < c->p.n_senders; k++)
            if (st->part[k] > 0)
                st->relief[k] = brink_clamp01(st->relief[k] + deal->relief);
        brink_relief_update(c);
    }
    st->s_target = level;
    st->s_pol = brink_clamp01(level);
    st->S_prev = st->S;
    brink_sanctions_combine(c);

    brink_compliance_step(c);
    brink_bypass_step(c);
    brink_patrons_step(c);
    brink_prices_step(c, 0.0);
    brink_trade_step(c);
    brink_fiscal_step(c);
    brink_money_step(c, 0.0);
    brink_output_step(c);
    brink_proxies_step(c);
    brink_insurgency_step(c);
    st->loss = brink_flow_loss(c, NULL);
    st->eta = brink_erosion_rate(c);
    brink_politics_step(c, 2.0, 2.0); /* uniforms of 2: no crisis or coup is drawn */
    brink_programme_step(c);
    brink_conflict_tension(c);
    brink_conflict_hazards(c);
    brink_force_terms_at(c, &st->force); /* demands met lower it, as does a rolled-back programme */
    if (incident) {
        *p_esc = brink_escalation_probability(c);
        brink_conflict_incident(c);
        brink_conflict_hazards(c);
        brink_force_terms_at(c, &st->force);
    }
}

void game_outlook_read(struct brink_sim *c, int months, double p0, double prog0,
                       game_outlook *out)
{
    const brink_scalars *s = &c->p.s;
    out->p_war = 1.0 - (1.0 - p0) * pow(1.0 - brink_war_hazard(c), months);
    out->strikes = months * brink_strike_hazard(c);
    out->cost_usd_bn = months * brink_sender_monthly_cost(c);
    for (int k = 1; k < months; k++) /* the projection was the first month */
        brink_programme_step(c);
    out->programme = c->st.programme - prog0;
    out->value = -(s->coalition_war_loss * out->p_war + s->coalition_strike_loss * out->strikes +
                   s->coalition_programme_loss * out->programme +
                   s->coalition_value_per_usd_bn * out->cost_usd_bn);
}

struct brink_sim *game_now(const struct brink_sim *sim)
{
    struct brink_sim *c = game_scratch(sim);
    if (c)
        game_project(c, sim, sim->st.s_pol, NULL, 0, NULL);
    return c;
}

void game_nodeal(struct brink_sim *c, const struct brink_sim *sim, game_outlook *out)
{
    game_project(c, sim, sim->st.s_pol, NULL, 0, NULL);
    game_outlook_read(c, game_horizon(sim), 0, sim->st.programme, out);
}

double game_sender_gain(struct brink_sim *c, const struct brink_sim *sim, const brink_offer *deal,
                        const game_outlook *nodeal)
{
    game_outlook with;
    game_project(c, sim, sim->st.s_pol, deal, 0, NULL);
    game_outlook_read(c, game_horizon(sim), 0, sim->st.programme, &with);
    return brink_sender_deal_value(sim, deal) + with.value - nodeal->value;
}
