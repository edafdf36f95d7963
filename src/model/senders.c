/* The senders over time: elections that may discard the relief a sender
 * granted (M10), executive breaks of it in any month, and a sender
 * lifting its sanctions without the concessions it demanded (the lead
 * sender: the episode ends; another: it leaves the coalition). */
#include <stdio.h>

#include "model/mechanisms.h"

/* Sender k takes back its relief (at an election or outside one). */
static void take_back(struct brink_sim *sim, int k, brink_event_kind why)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    st->sum.reversals++;
    brink_sim_event(sim, why, k, st->relief[k]);
    if (k == 0) {
        /* the lead's word was the deal: it is void */
        brink_void_agreements(sim, p->s.behaviour_trust_reversal_loss);
        return;
    }
    double w = 0;
    for (int j = 0; j < p->n_senders; j++)
        w += st->part[j];
    st->relief[k] = 0;
    brink_relief_update(sim);
    st->trust *= 1.0 - p->s.behaviour_trust_reversal_loss * (w > 0 ? st->part[k] / w : 1);
}

int brink_senders_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    for (int k = 0; k < p->n_senders && !st->over; k++) {
        const brink_sender *sd = &p->sender[k];
        int every = (int)sd->election_interval_months;
        int first = (int)sd->first_election_month;
        int election = every > 0 && st->t >= first && (st->t - first) % every == 0;
        int holds = st->relief[k] > 0;
        int active = st->part[k] > 0 && st->s_pol > 0 && !st->deal_standing;
        if (!election && !holds && !active)
            continue;
        double u[4];
        brink_month_u4(sim, (uint32_t)(BRINK_SLOT_SENDER0 + k), u);
        double law = brink_law_factor(s, (int)sd->legal_form);
        if (election) {
            st->sum.elections++;
            brink_sim_event(sim, BRINK_EV_ELECTION, k, holds);
            if (holds && u[0] < sd->reversal_probability * law) {
                take_back(sim, k, BRINK_EV_REVERSAL);
                continue;
            }
        }
        /* the executive may break it in any month, elections included */
        if (holds && u[1] < sim->break_prob[k]) {
            take_back(sim, k, BRINK_EV_SENDER_BREAK);
            continue;
        }
        /* (the give-up hazard never exceeds its maximum: a uniform at or
         * above it needs no exponential) */
        if (!active || u[2] >= s->behaviour_sender_give_up_max)
            continue;
        /* backing down: futility, the sender's own trade forgone, the legal
         * form of its sanctions, a new government */
        double x = s->behaviour_sender_give_up_base +
                   s->behaviour_sender_give_up_futility * st->futility +
                   s->behaviour_sender_give_up_cost * 100.0 * sd->trade_share_gdp * st->s_k[k] -
                   s->behaviour_sender_give_up_law * (sd->legal_form != BRINK_LAW_EXECUTIVE) +
                   s->behaviour_sender_give_up_election * election;
        if (u[2] >= brink_hazard(s->behaviour_sender_give_up_max, x))
            continue;
        if (k == 0) {
            brink_sim_event(sim, BRINK_EV_SENDER_BACKS_DOWN, 0, st->futility);
            snprintf(st->sum.cause, sizeof st->sum.cause,
                     "the lead sender lifted its sanctions without the concessions "
                     "(its belief that they would come: %.2f)", 1.0 - st->futility);
            return 1;
        }
        st->part[k] = 0;
        brink_relief_update(sim);
        brink_sim_event(sim, BRINK_EV_SENDER_DEFECTS, k, st->futility);
    }
    return 0;
}
