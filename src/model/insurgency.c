/* Internal armed conflict: the strength of armed opposition follows outside
 * support (the coalition's, unless a deal ends it, and others'), economic
 * decline and the loss of cohesion of the regime's forces. */
#include "model/mechanisms.h"

void brink_insurgency_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    const brink_policy_num *pol = brink_active_policy(sim);
    double support = s->target_insurgency_outside_support +
                     pol->rebel_support * (1.0 - st->relief_avg);
    if (s->target_insurgency_strength <= 0 && support <= 0 && sim->support0 <= 0 &&
        st->insurgency <= 0)
        return;
    /* month 0 is a steady state: the strength then reflects the support then */
    double want = s->target_insurgency_strength +
                  s->behaviour_insurgency_support_weight * (support - sim->support0) +
                  s->behaviour_insurgency_decline_weight * (st->y - st->y0) +
                  s->behaviour_insurgency_cohesion_weight *
                      (s->target_politics_cohesion - st->cohesion);
    st->insurgency += s->behaviour_insurgency_adjustment * (brink_clamp01(want) - st->insurgency);
    int war = st->insurgency >= s->behaviour_insurgency_civil_war;
    if (war && !st->civil_war)
        brink_sim_event(sim, BRINK_EV_CIVIL_WAR, -1, st->insurgency);
    st->civil_war = war;
}
