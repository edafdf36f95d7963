/* M15 kinetic readiness and accidental conflict; M19 nuclear brinkmanship.
 * (Written over lanes, model/lockstep.h.) */
#include <stdio.h>

#include "model/mechanisms.h"

void BRINK_LFN(brink_programme_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    brink_ld nuc = BRINK_LFN(brink_conceded_kind)(sim, BRINK_ISSUE_NUCLEAR);
    brink_ld mis = BRINK_LFN(brink_conceded_kind)(sim, BRINK_ISSUE_MISSILES);
    /* without a cap the programme advances, faster when hardliners are strong */
    brink_ld grow =
        s->target_nuclear_growth * (1.0 + s->behaviour_programme_hardliner_push * st->hardliners);
    st->programme += grow * (1.0 - nuc) * (1.0 - st->programme);
    /* an agreed cap rolls the programme back towards (1 - concession) of its start */
    brink_ld cap = s->target_nuclear_level * (1.0 - nuc);
    brink_lm roll = (nuc > 0) & (st->programme > cap);
    st->programme =
        BRINK_LSEL(roll, st->programme - s->behaviour_programme_rollback * (st->programme - cap),
                   st->programme);
    brink_ld want_m = s->target_missiles_activity * (1.0 - mis);
    st->missiles += s->behaviour_programme_rollback * (want_m - st->missiles);
}

void BRINK_LFN(brink_conflict_tension)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_ld want_t =
        s->behaviour_conflict_tension_sanctions * st->S +
        s->behaviour_conflict_tension_posture * pol->posture +
        s->behaviour_conflict_tension_rhetoric * pol->rhetoric +
        s->behaviour_conflict_tension_programme * 0.5 * (st->programme + st->missiles);
    st->tension +=
        s->behaviour_conflict_tension_adjustment * (BRINK_LFN(brink_clamp01)(want_t) - st->tension);
}

void BRINK_LFN(brink_conflict_hazards)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);

    brink_ld activity = BRINK_LD(0);
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

/* The incident and escalation probabilities in the runs where m holds
 * (brink_lexp_where: the others' values nobody reads). */
static inline brink_ld BRINK_LFN(incident_probability_where)(const struct brink_lsim *sim,
                                                             brink_lm m)
{
    return 1.0 - brink_lexp_where(m, -sim->st.incident_rate);
}

static inline brink_ld BRINK_LFN(escalation_probability_where)(const struct brink_lsim *sim,
                                                               brink_lm m)
{
    return BRINK_LFN(brink_logistic_where)(m, sim->st.escalation_index);
}

brink_ld BRINK_LFN(brink_incident_probability)(const struct brink_lsim *sim)
{
    return BRINK_LFN(incident_probability_where)(sim, BRINK_LTRUE);
}

brink_ld BRINK_LFN(brink_escalation_probability)(const struct brink_lsim *sim)
{
    return BRINK_LFN(escalation_probability_where)(sim, BRINK_LTRUE);
}

void BRINK_LFN(brink_conflict_incident_where)(struct brink_lsim *sim, brink_lm m)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    st->tension = BRINK_LSEL(
        m, BRINK_LFN(brink_clamp01)(st->tension + s->behaviour_conflict_tension_incident),
        st->tension);
    st->hardliners = BRINK_LSEL(
        m, BRINK_LFN(brink_clamp01)(st->hardliners + s->behaviour_politics_hardliner_incident),
        st->hardliners);
}

#if BRINK_LANES == 1
void brink_conflict_incident(struct brink_sim *sim)
{
    brink_conflict_incident_where(sim, 1);
}
#endif

brink_li BRINK_LFN(brink_conflict_step)(struct brink_lsim *sim, brink_ld u_incident,
                                        brink_ld u_escalate)
{
    brink_lstate *st = &sim->st;
    BRINK_LFN(brink_conflict_tension)(sim);
    BRINK_LFN(brink_conflict_hazards)(sim);

    /* 1 - e^-h < h, by at least h^2/3 for h <= 1, far more than the
     * rounding of the exponential once h >= 2^-20: a uniform u >= h then
     * draws no incident, and the month needs no exponential */
    brink_ld h = st->incident_rate;
    brink_lm open = BRINK_LNOT((h >= 0x1p-20) & (u_incident >= h));
    if (!BRINK_LANY(open))
        return BRINK_LI(0);
    brink_lm incident = open & (u_incident < BRINK_LFN(incident_probability_where)(sim, open));
    if (!BRINK_LANY(incident))
        return BRINK_LI(0);
    brink_ld p_escalate = BRINK_LFN(escalation_probability_where)(sim, incident);
    brink_lm war = incident & (u_escalate < p_escalate);
    BRINK_LFOR(incident, l)
    {
        BRINK_LSUM(st, l)->incidents++;
    }
    BRINK_LFN(brink_sim_event_if)(sim, incident, BRINK_EV_INCIDENT, -1, p_escalate);
    BRINK_LFN(brink_sim_event_if)(sim, war, BRINK_EV_WAR, 0, p_escalate);
    BRINK_LFOR(war, l)
    {
        snprintf(BRINK_LSUM(st, l)->cause, sizeof BRINK_LSUM(st, l)->cause,
                 "an incident escalated (escalation probability %.2f)", BRINK_LGET(p_escalate, l));
    }
    BRINK_LFN(brink_conflict_incident_where)(sim, incident & BRINK_LNOT(war));
    return BRINK_LISEL(war, BRINK_LI(1), BRINK_LI(0));
}
