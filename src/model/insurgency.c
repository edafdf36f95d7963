/* Internal armed conflict: the strength of armed opposition follows outside
 * support (the coalition's, unless a deal ends it, and others'), economic
 * decline and the loss of cohesion of the regime's forces. (Written over
 * lanes, model/lockstep.h.) */
#include "model/mechanisms.h"

void BRINK_LFN(brink_insurgency_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_ld support =
        s->target_insurgency_outside_support + pol->rebel_support * (1.0 - st->relief_avg);
    /* runs without an insurgency or anyone to support one stand still */
    brink_lm idle = (s->target_insurgency_strength <= 0) & (support <= 0) & (sim->support0 <= 0) &
                    (st->insurgency <= 0);
    if (!BRINK_LANY(BRINK_LNOT(idle)))
        return;
    /* month 0 is a steady state: the strength then reflects the support then */
    brink_ld want =
        s->target_insurgency_strength +
        s->behaviour_insurgency_support_weight * (support - sim->support0) +
        s->behaviour_insurgency_decline_weight * (st->y - st->y0) +
        s->behaviour_insurgency_cohesion_weight * (s->target_politics_cohesion - st->cohesion);
    st->insurgency =
        BRINK_LSEL(idle, st->insurgency,
                   st->insurgency + s->behaviour_insurgency_adjustment *
                                        (BRINK_LFN(brink_clamp01)(want) - st->insurgency));
    brink_lm war = st->insurgency >= s->behaviour_insurgency_civil_war;
    BRINK_LFN(brink_sim_event_if)
    (sim, BRINK_LNOT(idle) & war & (st->civil_war == 0), BRINK_EV_CIVIL_WAR, -1, st->insurgency);
    st->civil_war = BRINK_LISEL(idle, st->civil_war, BRINK_LISEL(war, BRINK_LI(1), BRINK_LI(0)));
}
