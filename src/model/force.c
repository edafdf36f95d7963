/* Deliberate force: ultimatums with deadlines, limited strike campaigns and
 * invasion, chosen by the coalition against their costs, the target's
 * deterrence and its patrons' protection (MID hostility levels 2-5). */
#include <stdio.h>

#include "model/mechanisms.h"

double brink_force_hazard(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);
    int kind = (int)pol->force_kind;
    if (kind == BRINK_FORCE_NONE || pol->force_resolve <= 0)
        return 0;
    /* the senders' stakes: demands not yet met, and the programme */
    unsigned scope = p->layout->policy[st->policy].issue_mask;
    double unmet = 0, total = 0;
    for (int i = 0; i < p->n_issues; i++) {
        if (!(scope >> i & 1u))
            continue;
        const brink_issue *is = &p->issue[i];
        double have = (st->cheating >> i & 1u) ? 0 : st->conceded[i];
        double gap = is->demand - have;
        total += is->sender_value * is->demand;
        unmet += is->sender_value * (gap > 0 ? gap : 0);
    }
    double nuc = brink_conceded_kind(sim, BRINK_ISSUE_NUCLEAR);
    double prevent = (1.0 - nuc) * brink_logistic((st->programme - s->behaviour_force_preventive_threshold) /
                                                   s->behaviour_force_preventive_width);
    double stakes = unmet + s->coalition_programme_loss * st->programme * (1.0 - nuc);
    double cost = (kind == BRINK_FORCE_INVADE ? s->coalition_war_loss : s->coalition_strike_loss) *
                  (1.0 + st->deterrence);
    double frustration = total > 0 ? unmet / total * st->futility : 0;
    double x = s->behaviour_force_base + s->behaviour_force_frustration * frustration +
               s->behaviour_force_programme * prevent -
               s->behaviour_force_cost * cost / (stakes > 0.1 ? stakes : 0.1) -
               s->behaviour_force_shield * st->shield;
    return brink_hazard(s->behaviour_force_max * pol->force_resolve, x);
}

/* Uses the policy's force; returns 1 when war starts. */
static int use_force(struct brink_sim *sim, int kind, int at_deadline, double u_escalate)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    if (kind == BRINK_FORCE_INVADE) {
        brink_sim_event(sim, BRINK_EV_WAR, 2, 1);
        snprintf(st->sum.cause, sizeof st->sum.cause, "the coalition invaded%s",
                 at_deadline ? " when its ultimatum expired" : "");
        return 1;
    }
    st->sum.strikes++;
    brink_sim_event(sim, BRINK_EV_STRIKE, at_deadline, st->p_escalate);
    st->programme *= 1.0 - s->behaviour_force_strike_setback;
    st->strike_damage += s->behaviour_economy_strike_damage;
    brink_conflict_incident(sim);
    if (u_escalate < st->p_escalate) {
        brink_sim_event(sim, BRINK_EV_WAR, 1, st->p_escalate);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "a strike campaign escalated (escalation probability %.2f)", st->p_escalate);
        return 1;
    }
    return 0;
}

int brink_force_step(struct brink_sim *sim, double u_force, double u_escalate)
{
    brink_state *st = &sim->st;
    const brink_policy_num *pol = brink_active_policy(sim);
    int kind = (int)pol->force_kind;
    if (pol->ultimatum_enabled > 0.5 && !st->ult_issued && kind != BRINK_FORCE_NONE &&
        brink_policy_month(sim) >= (int)pol->ultimatum_month && !st->deal_standing) {
        double u[4];
        brink_rng_u4(&sim->rng, BRINK_STREAM_EVENTS, (uint32_t)st->t, BRINK_SLOT_ULTIMATUM, u);
        st->ult_issued = 1;
        st->ult_deadline = st->t + (int)pol->ultimatum_deadline_months;
        st->ult_carry = u[0] < pol->ultimatum_credibility;
        st->ult_belief = sim->p.s.behaviour_force_threat_belief * pol->ultimatum_credibility *
                         st->cred_discount;
        brink_sim_event(sim, BRINK_EV_THREAT, kind, pol->ultimatum_deadline_months);
    }
    if (st->ult_deadline >= 0 && st->t >= st->ult_deadline) {
        st->ult_deadline = -1;
        if (!st->deal_standing) {
            if (st->ult_carry)
                return use_force(sim, kind, 1, u_escalate);
            brink_sim_event(sim, BRINK_EV_ULTIMATUM_LAPSED, -1, st->ult_belief);
            st->cred_discount *= sim->p.s.behaviour_force_ultimatum_credibility;
        }
    }
    st->h_force = brink_force_hazard(sim);
    if (u_force < st->h_force)
        return use_force(sim, kind, 0, u_escalate);
    return 0;
}
