/* Patrons: third states that sustain the target with transfers, credit,
 * supplies of embargoed goods, arms and protection. Their commitment follows
 * what the support costs them (its cost against their tolerance, plus their
 * own exposure to secondary sanctions); a timeline can withdraw it.
 * (Written over lanes, model/lockstep.h.) */
#include "model/mechanisms.h"

void BRINK_LFN(brink_patrons_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    if (p->n_patrons == 0)
        return;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_ld k = p->s.behaviour_patrons_adjustment;
    brink_ld transfers = BRINK_LD(0), supply = BRINK_LD(0), arms = BRINK_LD(0),
             shield = BRINK_LD(0);
    for (int j = 0; j < p->n_patrons; j++) {
        const __typeof__(p->patron[0]) *q = &p->patron[j];
        /* what the patron can bear: its yearly burden against its tolerance */
        brink_ld burden =
            q->transfers_usd_bn_year / q->gdp_usd_bn + q->sanctions_exposure * q->tolerance * st->S;
        brink_ld bear = BRINK_LSEL(burden > q->tolerance, q->tolerance / burden, BRINK_LD(1.0));
        brink_ld before = st->commitment[j];
        st->commitment[j] += k * (st->commit_goal[j] * bear - st->commitment[j]);
        brink_ld c = st->commitment[j];
        /* report a patron's support halving or restored past half its start */
        brink_ld half = 0.5 * q->commitment;
        BRINK_LFN(brink_sim_event_if)
        (sim, (before >= half) ^ (c >= half), BRINK_EV_PATRON_CHANGE, j, c);
        brink_ld through = 1.0 - pol->interdiction * q->route_exposure;
        transfers += c * q->transfers_usd_bn_year / 12.0 * through;
        supply += c * q->supplies * through;
        arms += c * q->arms;
        shield += c * q->protection;
    }
    st->transfers = transfers;
    st->supply = BRINK_LSEL(supply < 1, supply, BRINK_LD(1));
    st->arms = arms;
    st->shield = BRINK_LSEL(shield < 1, shield, BRINK_LD(1));
}
