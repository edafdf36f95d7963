/* Deliberate force: ultimatums with deadlines, limited strike campaigns and
 * invasion, chosen by the coalition against their costs, the target's
 * deterrence and its patrons' protection (MID hostility levels 2-5).
 * Written over lanes (model/lockstep.h). */
#include <stdio.h>
#include <string.h>

#include "model/mechanisms.h"

void BRINK_LFN(brink_force_terms_at)(const struct brink_lsim *sim, brink_lforce *out)
{
    const brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_lm on =
        (pol->force_kind != (double)BRINK_FORCE_NONE) & BRINK_LNOT(pol->force_resolve <= 0);
    if (!BRINK_LANY(on)) {
        memset(out, 0, sizeof *out);
        return;
    }
    /* the senders' stakes: demands not yet met, and the programme */
    brink_li scope = BRINK_LFN(brink_policy_issue_mask)(sim);
    brink_ld unmet = BRINK_LD(0), total = BRINK_LD(0);
    for (int i = 0; i < p->n_issues; i++) {
        brink_lm in = ((scope >> i) & 1) != 0;
        if (!BRINK_LANY(in))
            continue;
        const __typeof__(p->issue[0]) *is = &p->issue[i];
        brink_ld have = BRINK_LSEL(((st->cheating >> i) & 1) != 0, BRINK_LD(0), st->conceded[i]);
        brink_ld gap = is->demand - have;
        total = BRINK_LSEL(in, total + is->sender_value * is->demand, total);
        unmet =
            BRINK_LSEL(in, unmet + is->sender_value * BRINK_LSEL(gap > 0, gap, BRINK_LD(0)), unmet);
    }
    brink_ld nuc = BRINK_LFN(brink_conceded_kind)(sim, BRINK_ISSUE_NUCLEAR);
    brink_ld stakes = unmet + s->coalition_programme_loss * st->programme * (1.0 - nuc);
    brink_ld cost = BRINK_LSEL(pol->force_kind == (double)BRINK_FORCE_INVADE, s->coalition_war_loss,
                               s->coalition_strike_loss) *
                    (1.0 + st->deterrence);
    brink_ld frustration = BRINK_LSEL(total > 0, unmet / total * st->futility, BRINK_LD(0));
    brink_ld zero = BRINK_LD(0);
    out->on = BRINK_LISEL(on, BRINK_LI(1), BRINK_LI(0));
    out->max = BRINK_LSEL(on, s->behaviour_force_max * pol->force_resolve, zero);
    out->lead = BRINK_LSEL(
        on, s->behaviour_force_base + s->behaviour_force_frustration * frustration, zero);
    out->prevent_w = BRINK_LSEL(on, s->behaviour_force_programme, zero);
    out->prevent_scale = BRINK_LSEL(on, 1.0 - nuc, zero);
    out->prevent_arg = BRINK_LSEL(on,
                                  (st->programme - s->behaviour_force_preventive_threshold) /
                                      s->behaviour_force_preventive_width,
                                  zero);
    out->cost = BRINK_LSEL(
        on, s->behaviour_force_cost * cost / BRINK_LSEL(stakes > 0.1, stakes, BRINK_LD(0.1)), zero);
    out->shield = BRINK_LSEL(on, s->behaviour_force_shield * st->shield, zero);
}

/* The hazard of the terms f in the runs where m holds (0 where the policy
 * has no force; the others' values nobody reads). */
static inline brink_ld BRINK_LFN(force_terms_hazard_where)(const brink_lforce *f, brink_lm m)
{
    brink_lm on = m & (f->on != 0);
    if (!BRINK_LANY(on))
        return BRINK_LD(0);
    brink_ld prevent = f->prevent_scale * BRINK_LFN(brink_logistic_where)(on, f->prevent_arg);
    return BRINK_LSEL(on,
                      BRINK_LFN(brink_hazard_where)(
                          on, f->max, f->lead + f->prevent_w * prevent - f->cost - f->shield),
                      BRINK_LD(0));
}

brink_ld BRINK_LFN(brink_force_terms_hazard)(const brink_lforce *f)
{
    return BRINK_LFN(force_terms_hazard_where)(f, BRINK_LTRUE);
}

#if BRINK_LANES == 1
double brink_force_hazard(const struct brink_sim *sim)
{
    brink_force_terms f;
    brink_force_terms_at(sim, &f);
    return brink_force_terms_hazard(&f);
}
#endif

/* Uses the policy's force in the runs where m holds (at_deadline: where
 * its ultimatum expired); returns where war starts. */
static brink_lm BRINK_LFN(use_force)(struct brink_lsim *sim, brink_lm m, brink_lm at_deadline,
                                     brink_ld u_escalate)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_lm invade = m & (pol->force_kind == (double)BRINK_FORCE_INVADE);
    BRINK_LFOR(invade, l)
    {
        BRINK_LFN(brink_sim_event_lane)(sim, l, BRINK_EV_WAR, 2, 1);
        snprintf(BRINK_LSUM(st, l)->cause, sizeof BRINK_LSUM(st, l)->cause,
                 "the coalition invaded%s",
                 BRINK_LGET(at_deadline, l) ? " when its ultimatum expired" : "");
    }
    brink_lm strike = m & BRINK_LNOT(invade);
    if (!BRINK_LANY(strike))
        return invade;
    brink_ld p_escalate = BRINK_LFN(brink_escalation_probability)(sim); /* this month's */
    BRINK_LFOR(strike, l)
    {
        BRINK_LSUM(st, l)->strikes++;
        BRINK_LFN(brink_sim_event_lane)
        (sim, l, BRINK_EV_STRIKE, BRINK_LGET(at_deadline, l) != 0, BRINK_LGET(p_escalate, l));
    }
    st->programme = BRINK_LSEL(strike, st->programme * (1.0 - s->behaviour_force_strike_setback),
                               st->programme);
    st->strike_damage = BRINK_LSEL(strike, st->strike_damage + s->behaviour_economy_strike_damage,
                                   st->strike_damage);
    BRINK_LFN(brink_conflict_incident_where)(sim, strike);
    brink_lm war = strike & (u_escalate < p_escalate);
    BRINK_LFOR(war, l)
    {
        BRINK_LFN(brink_sim_event_lane)(sim, l, BRINK_EV_WAR, 1, BRINK_LGET(p_escalate, l));
        snprintf(BRINK_LSUM(st, l)->cause, sizeof BRINK_LSUM(st, l)->cause,
                 "a strike campaign escalated (escalation probability %.2f)",
                 BRINK_LGET(p_escalate, l));
    }
    return invade | war;
}

brink_li BRINK_LFN(brink_force_step)(struct brink_lsim *sim, brink_ld u_force, brink_ld u_escalate)
{
    brink_lstate *st = &sim->st;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    const brink_lscalars *s = &sim->p.s;
    brink_lm has_force = pol->force_kind != (double)BRINK_FORCE_NONE;
    brink_lm issue = (pol->ultimatum_enabled > 0.5) & (st->ult_issued == 0) & has_force &
                     (BRINK_LFN(brink_policy_month)(sim) >= BRINK_LTOI(pol->ultimatum_month)) &
                     (st->deal_standing == 0);
    BRINK_LFOR(issue, l)
    {
        double u[4];
        BRINK_LFN(brink_lane_u4)(sim, l, BRINK_SLOT_ULTIMATUM, u);
        double credibility = BRINK_LGET(pol->ultimatum_credibility, l);
        BRINK_LGET(st->ult_issued, l) = 1;
        BRINK_LGET(st->ult_deadline, l) =
            BRINK_LGET(st->t, l) + (int)BRINK_LGET(pol->ultimatum_deadline_months, l);
        BRINK_LGET(st->ult_carry, l) = u[0] < credibility;
        BRINK_LGET(st->ult_belief, l) = BRINK_LGET(s->behaviour_force_threat_belief, l) *
                                        credibility * BRINK_LGET(st->cred_discount, l);
        BRINK_LFN(brink_sim_event_lane)
        (sim, l, BRINK_EV_THREAT, (int)BRINK_LGET(pol->force_kind, l),
         BRINK_LGET(pol->ultimatum_deadline_months, l));
    }
    /* a deadline that expires: the force used, or the threat lapsing */
    brink_lm fired = BRINK_LNOT(BRINK_LTRUE), went = fired;
    brink_lm due = (st->ult_deadline >= 0) & (st->t >= st->ult_deadline);
    if (BRINK_LANY(due)) {
        st->ult_deadline = BRINK_LISEL(due, BRINK_LI(-1), st->ult_deadline);
        brink_lm open = due & (st->deal_standing == 0);
        went = open & (st->ult_carry != 0);
        brink_lm lapse = open & (st->ult_carry == 0);
        BRINK_LFOR(lapse, l)
        {
            BRINK_LFN(brink_sim_event_lane)
            (sim, l, BRINK_EV_ULTIMATUM_LAPSED, -1, BRINK_LGET(st->ult_belief, l));
        }
        st->cred_discount = BRINK_LSEL(
            lapse, st->cred_discount * s->behaviour_force_ultimatum_credibility, st->cred_discount);
        if (BRINK_LANY(went))
            fired = BRINK_LFN(use_force)(sim, went, went, u_escalate);
    }
    /* the runs whose force went at its deadline are done for the month;
     * the others' hazard, itself only when the draw may fall below it */
    brink_lm rest = BRINK_LNOT(went);
    if (!BRINK_LANY(rest))
        return BRINK_LISEL(fired, BRINK_LI(1), BRINK_LI(0));
    brink_lforce f;
    BRINK_LFN(brink_force_terms_at)(sim, &f);
#define FORCE_SEL_D BRINK_LSEL
#define FORCE_SEL_I BRINK_LISEL
#define BRINK_FORCE_TERM(kind, name, doc)                                                          \
    st->force.name = FORCE_SEL_##kind(rest, f.name, st->force.name);
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
#undef FORCE_SEL_D
#undef FORCE_SEL_I
    brink_lm may = rest & (u_force < st->force.max);
    if (BRINK_LANY(may)) {
        brink_lm fire = may & (u_force < BRINK_LFN(force_terms_hazard_where)(&st->force, may));
        if (BRINK_LANY(fire))
            fired = fired | BRINK_LFN(use_force)(sim, fire, BRINK_LNOT(BRINK_LTRUE), u_escalate);
    }
    return BRINK_LISEL(fired, BRINK_LI(1), BRINK_LI(0));
}
