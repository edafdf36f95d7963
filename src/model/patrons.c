/* Patrons: third states that sustain the target with transfers, credit,
 * supplies of embargoed goods, arms and protection. Their commitment follows
 * what the support costs them (its cost against their tolerance, plus their
 * own exposure to secondary sanctions); a timeline can withdraw it. */
#include "model/mechanisms.h"

void brink_patrons_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    if (p->n_patrons == 0)
        return;
    const brink_policy_num *pol = brink_active_policy(sim);
    double k = p->s.behaviour_patrons_adjustment;
    double transfers = 0, supply = 0, arms = 0, shield = 0;
    for (int j = 0; j < p->n_patrons; j++) {
        const brink_patron *q = &p->patron[j];
        /* what the patron can bear: its yearly burden against its tolerance */
        double burden = q->transfers_usd_bn_year / q->gdp_usd_bn +
                        q->sanctions_exposure * q->tolerance * st->S;
        double bear = burden > q->tolerance ? q->tolerance / burden : 1.0;
        double before = st->commitment[j];
        st->commitment[j] += k * (st->commit_goal[j] * bear - st->commitment[j]);
        double c = st->commitment[j];
        /* report a patron's support halving or restored past half its start */
        double half = 0.5 * q->commitment;
        if ((before >= half) != (c >= half))
            brink_sim_event(sim, BRINK_EV_PATRON_CHANGE, j, c);
        double through = 1.0 - pol->interdiction * q->route_exposure;
        transfers += c * q->transfers_usd_bn_year / 12.0 * through;
        supply += c * q->supplies * through;
        arms += c * q->arms;
        shield += c * q->protection;
    }
    st->transfers = transfers;
    st->supply = supply < 1 ? supply : 1;
    st->arms = arms;
    st->shield = shield < 1 ? shield : 1;
}
