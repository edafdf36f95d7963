/* The senders over time: elections that may discard the relief a sender
 * granted (M10), executive breaks of it in any month, and a sender
 * lifting its sanctions without the concessions it demanded (the lead
 * sender: the episode ends; another: it leaves the coalition). Written over
 * lanes (model/lockstep.h); a sender taking back its relief is rare, and
 * done on the run by the library (brink_sender_take_back). */
#include <stdio.h>

#include "model/mechanisms.h"

#if BRINK_LANES == 1
void brink_sender_take_back(struct brink_sim *sim, int k, brink_event_kind why)
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
#endif

brink_li BRINK_LFN(brink_senders_step)(struct brink_lsim *sim, brink_lm live)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    brink_lm going = live & (st->over == 0);
    brink_lm down = BRINK_LNOT(BRINK_LTRUE); /* the runs whose lead sender backed down */
    for (int k = 0; k < p->n_senders; k++) {
        const __typeof__(p->sender[0]) *sd = &p->sender[k];
        brink_lm election = BRINK_LFN(brink_scheduled)(st->t, BRINK_LTOI(sd->first_election_month),
                                                       BRINK_LTOI(sd->election_interval_months));
        brink_lm holds = st->relief[k] > 0;
        brink_lm active = (st->part[k] > 0) & (st->s_pol > 0) & (st->deal_standing == 0);
        brink_lm on = going & BRINK_LNOT(down) & (election | holds | active);
        if (!BRINK_LANY(on))
            continue;
        brink_ld u[4];
        BRINK_LFN(brink_lanes_u4)(sim, on, (uint32_t)(BRINK_SLOT_SENDER0 + k), u);
        brink_ld law = BRINK_LFN(brink_law_factor)(s, sd->legal_form);
        brink_lm voted = on & election;
        BRINK_LFOR(voted, l)
        {
            BRINK_LSUM(st, l)->elections++;
            BRINK_LFN(brink_sim_event_lane)
            (sim, l, BRINK_EV_ELECTION, k, BRINK_LGET(holds, l) != 0);
        }
        brink_lm reversed = voted & holds & (u[0] < sd->reversal_probability * law);
        BRINK_LFOR(reversed, l)
        {
            BRINK_LRUN(sim, l, r, brink_sender_take_back(r, k, BRINK_EV_REVERSAL));
        }
        /* the executive may break it in any month, elections included */
        brink_lm broken = on & BRINK_LNOT(reversed) & holds & (u[1] < sim->break_prob[k]);
        BRINK_LFOR(broken, l)
        {
            BRINK_LRUN(sim, l, r, brink_sender_take_back(r, k, BRINK_EV_SENDER_BREAK));
        }
        /* (the give-up hazard never exceeds its maximum: a uniform at or
         * above it needs no exponential) */
        brink_lm may =
            on & BRINK_LNOT(reversed | broken) & active & (u[2] < s->behaviour_sender_give_up_max);
        if (!BRINK_LANY(may))
            continue;
        /* backing down: futility, the sender's own trade forgone, the legal
         * form of its sanctions, a new government */
        brink_ld x =
            s->behaviour_sender_give_up_base + s->behaviour_sender_give_up_futility * st->futility +
            s->behaviour_sender_give_up_cost * 100.0 * sd->trade_share_gdp * st->s_k[k] -
            s->behaviour_sender_give_up_law *
                BRINK_LSEL(sd->legal_form != (double)BRINK_LAW_EXECUTIVE, BRINK_LD(1),
                           BRINK_LD(0)) +
            s->behaviour_sender_give_up_election * BRINK_LSEL(election, BRINK_LD(1), BRINK_LD(0));
        brink_lm gives_up =
            may & (u[2] < BRINK_LFN(brink_hazard_where)(may, s->behaviour_sender_give_up_max, x));
        if (k == 0) {
            BRINK_LFOR(gives_up, l)
            {
                BRINK_LFN(brink_sim_event_lane)
                (sim, l, BRINK_EV_SENDER_BACKS_DOWN, 0, BRINK_LGET(st->futility, l));
                snprintf(BRINK_LSUM(st, l)->cause, sizeof BRINK_LSUM(st, l)->cause,
                         "the lead sender lifted its sanctions without the concessions "
                         "(its belief that they would come: %.2f)",
                         1.0 - BRINK_LGET(st->futility, l));
            }
            down = gives_up;
            continue;
        }
        if (!BRINK_LANY(gives_up))
            continue;
        st->part[k] = BRINK_LSEL(gives_up, BRINK_LD(0), st->part[k]);
        brink_ld before = st->relief_avg;
        BRINK_LFN(brink_relief_update)(sim);
        st->relief_avg = BRINK_LSEL(gives_up, st->relief_avg, before);
        BRINK_LFOR(gives_up, l)
        {
            BRINK_LFN(brink_sim_event_lane)
            (sim, l, BRINK_EV_SENDER_DEFECTS, k, BRINK_LGET(st->futility, l));
        }
    }
    return BRINK_LISEL(down, BRINK_LI(1), BRINK_LI(0));
}
