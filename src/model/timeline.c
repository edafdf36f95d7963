/* The scenario's timeline: known turns of history (a policy switch, a
 * sender joining or leaving, a patron's withdrawal, a price shock, a new
 * leader, any parameter changed from a month on), applied at the start of
 * their month. */
#include <gsl/gsl_cdf.h>

#include "model/mechanisms.h"
#include "model/spec.h"

static void shock(struct brink_sim *sim, int var, int good, double dx)
{
    brink_state *st = &sim->st;
    switch ((brink_shock_var)var) {
    case BRINK_SHOCK_LEGITIMACY: st->legitimacy = brink_clamp01(st->legitimacy + dx); break;
    case BRINK_SHOCK_COHESION: st->cohesion = brink_clamp01(st->cohesion + dx); break;
    case BRINK_SHOCK_HARDLINERS: st->hardliners = brink_clamp01(st->hardliners + dx); break;
    case BRINK_SHOCK_TRUST: st->trust = brink_clamp01(st->trust + dx); break;
    case BRINK_SHOCK_TENSION: st->tension = brink_clamp01(st->tension + dx); break;
    case BRINK_SHOCK_INSURGENCY: st->insurgency = brink_clamp01(st->insurgency + dx); break;
    case BRINK_SHOCK_PROGRAMME: st->programme = brink_clamp01(st->programme + dx); break;
    case BRINK_SHOCK_RESERVES:
        st->reserves += dx;
        if (st->reserves < 0)
            st->reserves = 0;
        break;
    case BRINK_SHOCK_PRICES:
        for (int g = 0; g < sim->p.n_goods; g++)
            if (good < 0 || g == good)
                st->price_dev[g] += dx;
        brink_prices_update(sim);
        break;
    case BRINK_SHOCK_COUNT: break;
    }
}

/* A new leader: the target's resolve is drawn afresh from its prior. */
static void new_leader(struct brink_sim *sim, double dh)
{
    brink_state *st = &sim->st;
    double u[4];
    brink_month_u4(sim, BRINK_SLOT_LEADER, u);
    const brink_dist *d = &sim->sc_resolve;
    double x = brink_dist_quantile(d, u[0]);
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, "target.resolve");
    st->theta = sp ? fmin(fmax(x, sp->lo), sp->hi) : x;
    st->sum.resolve = st->theta;
    st->hardliners = brink_clamp01(st->hardliners + dh);
}

void brink_timeline_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_layout *lay = sim->p.layout;
    int item = -1, derive = 0;
    while (st->tl_next < lay->n_timeline && lay->timeline[st->tl_next].month <= st->t) {
        const brink_timeline_action *a = &lay->timeline[st->tl_next++];
        if (a->item != item) {
            item = a->item;
            brink_sim_event(sim, BRINK_EV_TIMELINE, item, 0);
        }
        switch (a->kind) {
        case BRINK_TL_POLICY:
            /* the history of the default policy: a counterfactual run does
             * not follow it */
            if (sim->history_run)
                brink_switch_policy(sim, a->index);
            break;
        case BRINK_TL_SENDER:
            st->part[a->index] = a->value;
            brink_relief_update(sim);
            break;
        case BRINK_TL_PATRON:
            st->commitment[a->index] = st->commit_goal[a->index] = a->value;
            break;
        case BRINK_TL_SET: {
            double *x = (double *)((char *)&sim->p + a->offset);
            /* the target level of the policy in force moves the running
             * target by as much (the tightening it has earned is kept) */
            if (x == &sim->p.policy[st->policy].sanctions_target)
                st->s_target = brink_clamp01(st->s_target + a->value - *x);
            *x = a->value;
            sim->p_clean = 0; /* the next run starts from the point values again */
            derive = 1;
            break;
        }
        case BRINK_TL_SHOCK:
            shock(sim, a->index, a->sub, a->value);
            break;
        case BRINK_TL_LEADER:
            new_leader(sim, a->value);
            break;
        case BRINK_TL_COUNT:
            break;
        }
    }
    if (derive)
        brink_sim_derive(sim);
}
