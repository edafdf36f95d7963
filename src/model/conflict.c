/* M15 kinetic readiness and accidental conflict; M19 nuclear brinkmanship. */
#include <stdio.h>

#include "model/mechanisms.h"

void brink_programme_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double nuc = brink_conceded_kind(sim, BRINK_ISSUE_NUCLEAR);
    double mis = brink_conceded_kind(sim, BRINK_ISSUE_MISSILES);
    /* without a cap the programme advances, faster when hardliners are strong */
    double grow = s->target_nuclear_growth * (1.0 + s->behaviour_programme_hardliner_push *
                                                        st->hardliners);
    st->programme += grow * (1.0 - nuc) * (1.0 - st->programme);
    /* an agreed cap rolls the programme back towards (1 - concession) of its start */
    double cap = s->target_nuclear_level * (1.0 - nuc);
    if (nuc > 0 && st->programme > cap)
        st->programme -= s->behaviour_programme_rollback * (st->programme - cap);
    double want_m = s->target_missiles_activity * (1.0 - mis);
    st->missiles += s->behaviour_programme_rollback * (want_m - st->missiles);
}

void brink_conflict_tension(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    const brink_policy_num *pol = brink_active_policy(sim);
    double want_t = s->behaviour_conflict_tension_sanctions * st->S +
                    s->behaviour_conflict_tension_posture * pol->posture +
                    s->behaviour_conflict_tension_rhetoric * pol->rhetoric +
                    s->behaviour_conflict_tension_programme * 0.5 *
                        (st->programme + st->missiles);
    st->tension += s->behaviour_conflict_tension_adjustment * (brink_clamp01(want_t) - st->tension);
}

void brink_conflict_hazards(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    double activity = 0;
    for (int x = 0; x < p->n_proxies; x++)
        activity += p->proxy[x].activity * st->proxy[x];

    st->incident_rate = s->behaviour_conflict_incident_base *
                        (1.0 + s->behaviour_conflict_incident_posture * pol->posture +
                         s->behaviour_conflict_incident_proxy * activity +
                         s->behaviour_conflict_incident_tension * st->tension);
    st->escalation_index = s->behaviour_conflict_escalation_base +
                           s->behaviour_conflict_escalation_tension * st->tension +
                           s->behaviour_conflict_escalation_rhetoric * pol->rhetoric -
                           s->behaviour_conflict_escalation_hotline * pol->hotline -
                           s->behaviour_conflict_escalation_deterrence * st->deterrence;
}

double brink_incident_probability(const struct brink_sim *sim)
{
    return 1.0 - exp(-sim->st.incident_rate);
}

double brink_escalation_probability(const struct brink_sim *sim)
{
    return brink_logistic(sim->st.escalation_index);
}

void brink_conflict_incident(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    st->tension = brink_clamp01(st->tension + s->behaviour_conflict_tension_incident);
    st->hardliners = brink_clamp01(st->hardliners + s->behaviour_politics_hardliner_incident);
}

int brink_conflict_step(struct brink_sim *sim, double u_incident, double u_escalate)
{
    brink_state *st = &sim->st;
    brink_conflict_tension(sim);
    brink_conflict_hazards(sim);

    /* 1 - e^-h < h, by at least h^2/3 for h <= 1, far more than the
     * rounding of the exponential once h >= 2^-20: a uniform u >= h then
     * draws no incident, and the month needs no exponential */
    double h = st->incident_rate;
    if (h >= 0x1p-20 && u_incident >= h)
        return 0;
    if (u_incident < brink_incident_probability(sim)) {
        double p_escalate = brink_escalation_probability(sim);
        st->sum.incidents++;
        brink_sim_event(sim, BRINK_EV_INCIDENT, -1, p_escalate);
        if (u_escalate < p_escalate) {
            brink_sim_event(sim, BRINK_EV_WAR, 0, p_escalate);
            snprintf(st->sum.cause, sizeof st->sum.cause,
                     "an incident escalated (escalation probability %.2f)", p_escalate);
            return 1;
        }
        brink_conflict_incident(sim);
    }
    return 0;
}
