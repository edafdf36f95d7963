#include "model/sender.h"

#include "model/belief.h"
#include "model/mechanisms.h"

/* (the senders' monthly cost is written over lanes, model/lockstep.h; the
 * rest of the file is the library's only) */

brink_ld BRINK_LFN(brink_sender_monthly_cost)(const struct brink_lsim *sim)
{
    const brink_lparams *p = &sim->p;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_ld cost = p->s.coalition_posture_cost_usd_bn_month * pol->posture;
    for (int k = 0; k < p->n_senders; k++)
        cost += p->sender[k].trade_share_gdp * p->sender[k].gdp_usd_bn / 12.0 * sim->st.s_k[k];
    return cost;
}

#if BRINK_LANES == 1
double brink_sender_concession_value(const struct brink_sim *sim, const brink_offer *offer)
{
    const brink_params *p = &sim->p;
    double gain = 0;
    for (int i = 0; i < p->n_issues; i++)
        if (offer->concession[i] > sim->st.conceded[i])
            gain += p->issue[i].sender_value * (offer->concession[i] - sim->st.conceded[i]);
    return gain;
}

double brink_sender_give_cost(const struct brink_sim *sim, const brink_offer *offer)
{
    const brink_params *p = &sim->p;
    double c = p->s.coalition_relief_cost * offer->relief;
    for (int k = 0; k < p->n_inducements; k++)
        if (offer->inducements >> k & 1u)
            c += offer->induce_share * p->inducement[k].sender_cost;
    return c;
}

double brink_sender_deal_value(const struct brink_sim *sim, const brink_offer *offer)
{
    return brink_sender_concession_value(sim, offer) - brink_sender_give_cost(sim, offer);
}

/* The objective at expected acceptance p. */
static double objective_at(const struct brink_sim *sim, const brink_offer *offer, double p,
                           double u_nodeal)
{
    double ev = p * brink_sender_deal_value(sim, offer);
    if (u_nodeal != 0)
        ev += (1.0 - p) * u_nodeal;
    return ev;
}

double brink_sender_offer_objective(const struct brink_sim *sim, const brink_offer *offer,
                                    double mc, const double *grid, const double *w, int n,
                                    double u_nodeal, double *pa, brink_offer_value *v)
{
    brink_offer_value val;
    brink_offer_evaluate(sim, offer, mc, &val);
    double p = brink_belief_accept_grid(grid, w, n, val.log_ratio,
                                        sim->p.s.behaviour_bargain_choice_noise);
    if (pa)
        *pa = p;
    if (v)
        *v = val;
    return objective_at(sim, offer, p, u_nodeal);
}

double brink_sender_offer_objective_own(const struct brink_sim *sim, const brink_offer *offer,
                                        double mc, double dur)
{
    brink_offer_value val;
    brink_offer_evaluate_at(sim, offer, mc, dur, &val);
    return objective_at(sim, offer, brink_belief_accept(sim, val.log_ratio), 0.0);
}
#endif
