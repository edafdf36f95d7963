/* Deliberate force: ultimatums with deadlines, limited strike campaigns and
 * invasion, chosen by the coalition against their costs, the target's
 * deterrence and its patrons' protection (MID hostility levels 2-5). */
#include <stdio.h>

#include "model/mechanisms.h"

void brink_force_terms_at(const struct brink_sim *sim, brink_force_terms *out)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);
    int kind = (int)pol->force_kind;
    if (kind == BRINK_FORCE_NONE || pol->force_resolve <= 0) {
        *out = (brink_force_terms){0};
        return;
    }
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
    double stakes = unmet + s->coalition_programme_loss * st->programme * (1.0 - nuc);
    double cost = (kind == BRINK_FORCE_INVADE ? s->coalition_war_loss : s->coalition_strike_loss) *
                  (1.0 + st->deterrence);
    double frustration = total > 0 ? unmet / total * st->futility : 0;
    out->on = 1;
    out->max = s->behaviour_force_max * pol->force_resolve;
    out->lead = s->behaviour_force_base + s->behaviour_force_frustration * frustration;
    out->prevent_w = s->behaviour_force_programme;
    out->prevent_scale = 1.0 - nuc;
    out->prevent_arg = (st->programme - s->behaviour_force_preventive_threshold) /
                       s->behaviour_force_preventive_width;
    out->cost = s->behaviour_force_cost * cost / (stakes > 0.1 ? stakes : 0.1);
    out->shield = s->behaviour_force_shield * st->shield;
}

double brink_force_terms_hazard(const brink_force_terms *f)
{
    if (!f->on)
        return 0;
    double prevent = f->prevent_scale * brink_logistic(f->prevent_arg);
    return brink_hazard(f->max, f->lead + f->prevent_w * prevent - f->cost - f->shield);
}

double brink_force_hazard(const struct brink_sim *sim)
{
    brink_force_terms f;
    brink_force_terms_at(sim, &f);
    return brink_force_terms_hazard(&f);
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
    double p_escalate = brink_escalation_probability(sim); /* this month's */
    st->sum.strikes++;
    brink_sim_event(sim, BRINK_EV_STRIKE, at_deadline, p_escalate);
    st->programme *= 1.0 - s->behaviour_force_strike_setback;
    st->strike_damage += s->behaviour_economy_strike_damage;
    brink_conflict_incident(sim);
    if (u_escalate < p_escalate) {
        brink_sim_event(sim, BRINK_EV_WAR, 1, p_escalate);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "a strike campaign escalated (escalation probability %.2f)", p_escalate);
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
        brink_month_u4(sim, BRINK_SLOT_ULTIMATUM, u);
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
    /* the hazard itself only when the draw may fall below it */
    brink_force_terms_at(sim, &st->force);
    if (u_force < st->force.max && u_force < brink_force_terms_hazard(&st->force))
        return use_force(sim, kind, 0, u_escalate);
    return 0;
}
