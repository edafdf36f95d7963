/* Offers and answers: M9-M13 (bundled or unbundled take-it-or-leave-it
 * offers, public or private, the senders' learning), M16 staged
 * reciprocity with verification, M17 the low-stakes first step; agreements
 * the target stops carrying out. Backsliding is written over lanes
 * (model/lockstep.h); the rest is the library's. */
#include <stdio.h>

#include "model/belief.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/valuation.h"

#if BRINK_LANES == 1
void brink_switch_policy(struct brink_sim *sim, int to)
{
    brink_state *st = &sim->st;
    if (to < 0 || to == st->policy)
        return;
    double posture = sim->p.policy[st->policy].posture;
    st->policy = to;
    st->policy_since = st->t;
    st->s_target = sim->p.policy[to].sanctions_target;
    st->ms_next = 0;
    st->ms_pending = -1;
    st->ult_issued = 0;
    st->ult_deadline = -1;
    st->entry_done = 0;
    brink_sim_event(sim, BRINK_EV_POLICY_SWITCH, to, 0);
    if (sim->p.policy[to].posture > posture + 0.05)
        brink_sim_event(sim, BRINK_EV_SHOW_OF_FORCE, -1, sim->p.policy[to].posture);
}

void brink_discard_agreements(struct brink_sim *sim, double trust_loss)
{
    brink_state *st = &sim->st;
    for (int k = 0; k < sim->p.n_senders; k++)
        st->relief[k] = 0;
    brink_relief_update(sim);
    st->agreed = 0;
    st->cheating = 0;
    for (int i = 0; i < BRINK_MAX_ISSUES; i++)
        st->conceded[i] = 0;
    /* the inducements go with the agreements: a new one delivers them again */
    for (int k = 0; k < BRINK_MAX_INDUCEMENTS; k++)
        st->induce_done[k] = 0;
    st->aid = 0;
    st->deal_standing = 0;
    st->ms_next = 0;
    st->ms_pending = -1;
    st->reversed = 1;
    st->trust *= 1.0 - trust_loss;
}

void brink_void_agreements(struct brink_sim *sim, double trust_loss)
{
    brink_discard_agreements(sim, trust_loss);
    brink_switch_policy(sim, sim->p.layout->policy[sim->st.policy].on_reversal);
}

static void tighten(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_policy_num *pol = brink_active_policy(sim);
    if (pol->sanctions_escalation <= 0)
        return;
    double before = st->s_target;
    st->s_target += pol->sanctions_escalation;
    if (st->s_target > pol->sanctions_max)
        st->s_target = pol->sanctions_max;
    if (st->s_target > before) {
        st->trust *= 1.0 - sim->p.s.behaviour_trust_tighten_loss;
        brink_sim_event(sim, BRINK_EV_TIGHTEN, -1, st->s_target);
    }
}

static void note_agreement(struct brink_sim *sim)
{
    if (sim->st.sum.first_agreement_month < 0)
        sim->st.sum.first_agreement_month = sim->st.t;
}

static void note_deal(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    st->deal_standing = 1;
    st->ult_deadline = -1; /* the demand is met: a pending ultimatum falls away */
    if (st->sum.deal_month < 0)
        st->sum.deal_month = st->t;
    brink_sim_event(sim, BRINK_EV_DEAL, -1, st->relief_avg);
}

/* Relief granted by every sender taking part, and the offer's inducements;
 * expectations move the currency at once. */
static void grant(struct brink_sim *sim, const brink_offer *offer, double durability)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    for (int k = 0; k < p->n_senders; k++) {
        if (st->part[k] <= 0)
            continue;
        st->relief[k] += offer->relief;
        if (st->relief[k] > 1)
            st->relief[k] = 1;
    }
    brink_relief_update(sim);
    for (int k = 0; k < p->n_inducements; k++) {
        if (!(offer->inducements >> k & 1u))
            continue;
        double left = 1.0 - st->induce_done[k];
        double part = offer->induce_share < left ? offer->induce_share : left;
        if (part <= 0)
            continue;
        st->induce_done[k] += part;
        st->aid += part * p->inducement[k].value_usd_bn_year / 12.0;
    }
    st->log_fx -= p->s.behaviour_fx_deal_weight * offer->relief * durability;
}

/* The senders' choice of relief for an adaptive offer: the expected value
 * of the offer under their belief. */
static double adaptive_relief(struct brink_sim *sim, brink_offer *offer, double mc, double dur)
{
    double best_r = offer->relief, best_v = -INFINITY;
    for (int k = 1; k <= 20; k++) {
        offer->relief = 0.05 * k;
        double ev = brink_sender_offer_objective_own(sim, offer, mc, dur);
        if (ev > best_v) {
            best_v = ev;
            best_r = offer->relief;
        }
    }
    return best_r;
}

/* Puts an offer; returns 1 if accepted. */
static int put_offer(struct brink_sim *sim, brink_offer *offer, double u, int subject,
                     int milestone, brink_offer_value *v)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double mc = brink_maintenance_cost(sim);
    /* (the offer's durability does not depend on its relief: one for the
     * reliefs an adaptive policy weighs and the one it puts) */
    double dur = brink_offer_durability(sim, offer);
    if (!milestone && sim->p.policy[st->policy].offer_adaptive > 0.5)
        offer->relief = adaptive_relief(sim, offer, mc, dur);
    brink_offer_evaluate_at(sim, offer, mc, dur, v);
    double tau = s->behaviour_bargain_choice_noise;
    double pa = brink_accept_probability(v->log_ratio, st->theta, tau);
    st->sum.offers++;
    brink_event *e = brink_sim_event(
        sim, milestone ? BRINK_EV_MILESTONE_OFFER : BRINK_EV_OFFER, subject, offer->relief);
    if (e) {
        e->deal_value = v->deal_value + v->continuation;
        e->submission = v->submission;
    }
    int yes = u < pa;
    /* what the answer tells the senders about the next such offer */
    st->futility = 1.0 - brink_belief_answer(sim, v->log_ratio, yes);
    if (yes) {
        st->sum.accepts++;
        note_agreement(sim);
    }
    brink_sim_event(sim,
                    milestone ? (yes ? BRINK_EV_MILESTONE_ACCEPT : BRINK_EV_MILESTONE_REJECT)
                              : (yes ? BRINK_EV_ACCEPT : BRINK_EV_REJECT),
                    subject, pa);
    return yes;
}

static void offer_bundled(struct brink_sim *sim, unsigned scope)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    brink_offer offer;
    brink_offer_standing(sim, &offer);
    double u[4];
    brink_month_u4(sim, BRINK_SLOT_MAIN, u);
    brink_offer_value v;
    if (put_offer(sim, &offer, u[0], -1, 0, &v)) {
        for (int i = 0; i < p->n_issues; i++)
            if (scope >> i & 1u)
                st->conceded[i] = offer.concession[i];
        st->agreed |= scope;
        grant(sim, &offer, v.durability);
        note_deal(sim);
    } else {
        tighten(sim);
    }
}

static void offer_unbundled(struct brink_sim *sim, unsigned scope)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    int rejected = 0, had = (st->agreed & scope) == scope;
    for (int i = 0; i < p->n_issues; i++) {
        if (!(scope >> i & 1u) || (st->agreed >> i & 1u))
            continue;
        const brink_issue *is = &p->issue[i];
        brink_offer offer;
        brink_offer_unbundled(sim, scope, i, &offer);
        double u[4];
        brink_month_u4(sim, (uint32_t)(BRINK_SLOT_ISSUE0 + i), u);
        brink_offer_value v;
        if (put_offer(sim, &offer, u[0], i, 0, &v)) {
            st->conceded[i] = is->demand;
            st->agreed |= 1u << i;
            grant(sim, &offer, v.durability);
        } else {
            rejected = 1;
        }
    }
    if (!had && (st->agreed & scope) == scope)
        note_deal(sim);
    if (rejected)
        tighten(sim);
}

static void offer_milestone(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    int m = st->ms_next;
    int issue = ref->milestone_issue[m];
    const brink_milestone_num *ms = &p->milestone[st->policy][m];
    brink_offer offer;
    brink_offer_milestone(sim, m, &offer);
    double u[4];
    brink_month_u4(sim, BRINK_SLOT_MAIN, u);
    brink_offer_value v;
    if (put_offer(sim, &offer, u[0], m, 1, &v)) {
        st->ms_pending = m;
        st->ms_verify_at = st->t + (int)ms->verification_months;
        /* hardliners may keep the step from being carried out */
        st->ms_cheat = u[1] < p->s.behaviour_bargain_cheat_hardliner * st->hardliners;
        if (!st->ms_cheat && offer.concession[issue] > st->conceded[issue])
            st->conceded[issue] = offer.concession[issue];
    } else {
        tighten(sim);
    }
}

static void verify_milestone(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    int m = st->ms_pending;
    if (!brink_verify_due(m, st->t, st->ms_verify_at))
        return;
    int issue = ref->milestone_issue[m];
    double u[4];
    brink_month_u4(sim, BRINK_SLOT_MAIN, u);
    st->ms_pending = -1;
    if (st->ms_cheat && u[2] < p->issue[issue].verifiability) {
        brink_sim_event(sim, BRINK_EV_CHEATING_DETECTED, m, 0);
        st->trust *= 1.0 - p->s.behaviour_trust_cheat_loss;
        tighten(sim);
        return; /* the step will be offered again */
    }
    /* verified (or cheating that went unseen): the tranche is paid */
    brink_offer step;
    brink_offer_milestone(sim, m, &step);
    grant(sim, &step, brink_durability(sim, brink_active_policy(sim)->rhetoric, 0));
    st->trust += p->s.behaviour_trust_tranche_gain * (1.0 - st->trust);
    st->ms_next++;
    st->sum.milestones_verified++;
    brink_sim_event(sim, BRINK_EV_MILESTONE_VERIFIED, m, st->relief_avg);
    if (st->ms_next >= ref->n_milestones)
        note_deal(sim);
}

static void entry_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    st->entry_done = 1;
    /* a small exchange in public carries a small share of the audience cost */
    double audience = (int)pol->channel == BRINK_CHANNEL_PUBLIC
                          ? s->behaviour_bargain_audience_cost * st->hardliners * pol->entry_cost
                          : 0;
    double x = brink_log_ratio(pol->entry_value, pol->entry_cost + audience);
    double w = s->behaviour_bargain_entry_resolve_weight;
    double pa = brink_accept_probability(x, w * st->theta, s->behaviour_bargain_entry_noise);
    double u[4];
    brink_month_u4(sim, BRINK_SLOT_ENTRY, u);
    brink_sim_event(sim, BRINK_EV_ENTRY_OFFER, -1, pa);
    int yes = u[0] < pa;
    brink_belief_update(sim, x, w, s->behaviour_bargain_entry_noise, yes);
    if (yes && u[1] < pol->entry_success) {
        st->trust += s->behaviour_trust_entry_gain * (1.0 - st->trust);
        brink_sim_event(sim, BRINK_EV_ENTRY_SUCCESS, -1, st->trust);
        brink_switch_policy(sim, ref->on_success);
    } else {
        brink_sim_event(sim, BRINK_EV_ENTRY_FAILURE, -1, yes ? 1 : 0);
        brink_switch_policy(sim, ref->on_failure);
    }
}

void brink_bargaining_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_policy_num *pol = brink_active_policy(sim);
    if (brink_entry_due(pol->entry_enabled, st->entry_done, brink_policy_month(sim),
                        pol->entry_month)) {
        entry_step(sim);
        pol = brink_active_policy(sim);
    }
    verify_milestone(sim);
    const brink_policy_ref *ref = &sim->p.layout->policy[st->policy];
    unsigned scope = ref->issue_mask;
    if (!brink_scheduled(brink_policy_month(sim), (int)pol->offer_first_month,
                         (int)pol->offer_interval_months) ||
        !brink_offer_open((int)pol->bundling == BRINK_STAGED, st->ms_pending, st->ms_next,
                          ref->n_milestones, st->agreed, scope))
        return;
    switch ((int)pol->bundling) {
    case BRINK_UNBUNDLED:
        offer_unbundled(sim, scope);
        break;
    case BRINK_STAGED:
        offer_milestone(sim);
        break;
    default:
        offer_bundled(sim, scope);
        break;
    }
}

/* An issue found backslid on (the library's, for one run): sanctions snap
 * back; as after the lead's reversal, the coalition turns to its policy
 * for a broken deal, or else the policy in force tightens. */
void brink_backslide_found(struct brink_sim *sim, int issue)
{
    brink_state *st = &sim->st;
    int policy = st->policy;
    brink_sim_event(sim, BRINK_EV_BACKSLIDE_DETECTED, issue, 1);
    brink_void_agreements(sim, sim->p.s.behaviour_trust_cheat_loss);
    if (st->policy == policy)
        tighten(sim);
}
#endif

brink_lm BRINK_LFN(brink_backslide_step)(struct brink_lsim *sim, brink_lm live)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    brink_ld h = s->behaviour_bargain_backslide_max * st->hardliners * (1.0 - st->trust);
    brink_lm going = live, found_any = BRINK_LNOT(BRINK_LTRUE);
    for (int i = 0; i < p->n_issues; i++) {
        brink_lm has = going & (st->conceded[i] > 0);
        if (!BRINK_LANY(has))
            continue;
        brink_ld u[4];
        BRINK_LFN(brink_lanes_u4)(sim, has, (uint32_t)(BRINK_SLOT_AGREEMENT0 + i), u);
        brink_lm cheats = ((st->cheating >> i) & 1) != 0;
        brink_lm starts = has & BRINK_LNOT(cheats) & (u[0] < h);
        st->cheating = BRINK_LISEL(starts, st->cheating | BRINK_LI(1 << i), st->cheating);
        /* inspections find it: a third of the verifiability each month */
        brink_lm found = has & cheats & (u[1] < p->issue[i].verifiability / 3.0);
        BRINK_LFOR(found, l)
        {
            BRINK_LRUN(sim, l, r, brink_backslide_found(r, i));
        }
        going = going & BRINK_LNOT(found);
        found_any = found_any | found;
    }
    return found_any;
}
