/* M8 maintenance cost, M9 submission cost, M10 deal durability, M11 audience
 * cost, M14 exit ramp and further demands. Closed forms keep the monthly step
 * cheap: no nested simulation. */
#include "model/valuation.h"

#include "model/mechanisms.h"

double brink_flow_loss(const struct brink_sim *sim, double *econ)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double oil_gap = st->revenue_base - st->revenue;
    double oil = s->target_economy_oil_multiplier * (oil_gap > 0 ? oil_gap : 0) / sim->gdp_month;
    double nonoil = s->target_economy_sanctions_drag * st->s_eff *
                    (1.0 - s->target_economy_adaptation_max * st->adaptation);
    double infl = st->inflation - s->target_prices_norm_inflation;
    double coh = s->target_politics_cohesion - st->cohesion;
    double prox = st->deter_ref - st->deterrence;
    double loss = oil + nonoil;
    if (econ)
        *econ = loss;
    loss += s->behaviour_bargain_inflation_weight * (infl > 0 ? infl : 0);
    loss += s->behaviour_bargain_cohesion_weight * (coh > 0 ? coh : 0);
    loss += s->behaviour_bargain_proxy_weight * (prox > 0 ? prox : 0);
    return loss;
}

double brink_erosion_rate(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    double floor = p->s.behaviour_bypass_pressure_floor;
    double pressure = floor + (1.0 - floor) * st->s_eff;
    double cap = 0, rate = 0;
    for (int c = 0; c < p->n_channels; c++) {
        cap += p->channel[c].capacity;
        rate += p->channel[c].capacity * p->channel[c].learning * (1.0 - st->bypass[c]);
    }
    return pressure * rate / (cap > 1 ? cap : 1);
}

/* sum_{s=0}^{n-1} q^s */
static double geometric(double q, int n)
{
    if (n <= 0)
        return 0;
    if (fabs(1.0 - q) < 1e-12)
        return n;
    return (1.0 - pow(q, n)) / (1.0 - q);
}

double brink_war_hazard(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    return st->h_incident * st->p_escalate + st->h_preventive;
}

double brink_maintenance_cost(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    int H = (int)s->target_planning_months;
    double delta = s->target_discount;
    double a = delta * exp(-st->eta);
    double mc = st->loss * geometric(a, H);

    /* a step when reserves run out: monetised gap feeds inflation */
    if (st->gap > 0 && st->monetised <= 0) {
        double months = (st->reserves - s->target_fx_reserve_floor_usd_bn) / st->gap;
        if (months < H) {
            int tr = (int)ceil(months);
            double jump = s->behaviour_bargain_inflation_weight * s->behaviour_prices_monetisation *
                          st->gap / sim->gdp_month;
            mc += jump * pow(delta, tr) * geometric(delta, H - tr);
        }
    }
    /* hazards of a regime crisis and of war, valued */
    double h_war = brink_war_hazard(sim);
    mc += (st->h_crisis * s->behaviour_bargain_crisis_value +
           h_war * s->behaviour_bargain_war_value) * geometric(delta, H);
    return mc;
}

double brink_durability(const struct brink_sim *sim, double rhetoric, double s_pol, int lag)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    int H = (int)s->target_planning_months;
    double a = s->target_discount * exp(-st->eta);
    /* perceived hazards: the executive's off-switch (less feared with trust)
     * and, under regime-change rhetoric, pressure that goes on after a deal */
    double h = s->behaviour_bargain_exec_hazard * (1.0 - st->trust) +
               s->behaviour_bargain_exit_ramp_hazard * rhetoric * s_pol;
    double q = a * exp(-h);
    double keep = st->trust; /* perceived survival of each election */

    int first = (int)s->sender_first_election_month;
    int every = (int)s->sender_election_interval_months;
    int o; /* months until the next election */
    if (st->t <= first)
        o = first - st->t;
    else
        o = (every - (st->t - first) % every) % every;

    /* relief received in month s >= lag survives the elections held before
     * it: segments [lo, hi) between elections, each worth `keep` less */
    double num = 0, factor = 1;
    for (int lo = 0, hi = o + 1; lo < H && factor > 1e-12; lo = hi, hi += every) {
        int from = lo > lag ? lo : lag, to = hi < H ? hi : H;
        if (to > from)
            num += factor * pow(q, from) * geometric(q, to - from);
        factor *= keep;
    }
    double den = geometric(a, H);
    return den > 0 ? num / den : 0;
}

/* M16: a staged step also opens the steps after it. The path from this
 * step to the last, taken as one agreement now (all its tranches, its final
 * concessions), is worth `path` to the target; what the later steps add to
 * this step alone, if positive, counts, discounted over the step's
 * verification lag. A target that finds the whole path worth taking accepts
 * its first step even when the step's own tranche is small. */
static double continuation(const struct brink_sim *sim, const brink_offer *step,
                           double maintenance, double step_net)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    int n = ref->n_milestones;
    if (step->milestone >= n - 1)
        return 0;
    brink_offer path = *step;
    path.milestone = -1;
    for (int j = step->milestone + 1; j < n; j++) {
        const brink_milestone_num *ms = &p->milestone[st->policy][j];
        int issue = ref->milestone_issue[j];
        path.relief += ms->relief;
        if (ms->concession > path.concession[issue])
            path.concession[issue] = ms->concession;
    }
    path.audience_share = (double)(n - step->milestone) / n;
    brink_offer_value v;
    brink_offer_evaluate(sim, &path, maintenance, &v);
    double extra = v.net - step_net;
    return extra > 0 ? extra * pow(p->s.target_discount, step->lag) : 0;
}

void brink_offer_evaluate(const struct brink_sim *sim, const brink_offer *offer,
                          double maintenance, brink_offer_value *out)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    out->maintenance = maintenance;
    out->durability = brink_durability(sim, pol->rhetoric, st->s_pol, offer->lag);
    double room = 1.0 - st->relief;
    double share = room > 1e-9 ? offer->relief / room : 0;
    if (share > 1)
        share = 1;
    out->deal_value = out->durability * share * maintenance;

    double security = 0, left = 0;
    for (int i = 0; i < p->n_issues; i++) {
        const brink_issue *is = &p->issue[i];
        double c = offer->concession[i] > st->conceded[i] ? offer->concession[i] : st->conceded[i];
        security += is->salience * is->security_value * (c - st->conceded[i]);
        left += is->salience * is->security_value * (1.0 - c);
    }
    out->security = security;
    /* half of the face cost is being seen to accept at all, half grows
     * with the share of the demands conceded in this acceptance */
    out->audience = offer->is_public ? s->behaviour_bargain_audience_cost * st->hardliners *
                                           (1.0 - s->behaviour_bargain_face_saving *
                                                      (1.0 - pol->rhetoric)) *
                                           (0.5 + 0.5 * offer->audience_share)
                                     : 0;
    out->further = s->behaviour_bargain_further_demands * pol->rhetoric * left;
    out->survival = s->behaviour_bargain_survival_paradox * pol->rhetoric * st->s_pol * security;
    out->submission = out->security + out->audience + out->further + out->survival;
    out->net = out->deal_value - out->submission;
    out->continuation = offer->milestone >= 0 ? continuation(sim, offer, maintenance, out->net) : 0;
    out->net += out->continuation;
}

void brink_offer_milestone(const struct brink_sim *sim, int m, brink_offer *offer)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    const brink_policy_num *pol = brink_active_policy(sim);
    const brink_milestone_num *ms = &p->milestone[st->policy][m];
    int issue = ref->milestone_issue[m];
    offer->relief = ms->relief;
    for (int k = 0; k < BRINK_MAX_ISSUES; k++)
        offer->concession[k] = st->conceded[k];
    if (ms->concession > offer->concession[issue])
        offer->concession[issue] = ms->concession;
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = (int)ms->verification_months;
    offer->audience_share = 1.0 / ref->n_milestones;
    offer->milestone = m;
}

void brink_offer_standing(const struct brink_sim *sim, brink_offer *offer)
{
    const brink_params *p = &sim->p;
    const brink_policy_num *pol = brink_active_policy(sim);
    const brink_policy_ref *ref = &p->layout->policy[sim->st.policy];
    if ((int)pol->bundling == BRINK_STAGED && sim->st.ms_next < ref->n_milestones) {
        brink_offer_milestone(sim, sim->st.ms_next, offer);
        return;
    }
    unsigned mask = ref->issue_mask;
    offer->relief = pol->offer_relief;
    for (int i = 0; i < BRINK_MAX_ISSUES; i++)
        offer->concession[i] = (i < p->n_issues && (mask >> i & 1u)) ? p->issue[i].demand
                                                                       : sim->st.conceded[i];
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = 0;
    offer->audience_share = 1;
    offer->milestone = -1;
}

void brink_offer_unbundled(const struct brink_sim *sim, unsigned scope, int issue,
                           brink_offer *offer)
{
    const brink_params *p = &sim->p;
    const brink_policy_num *pol = brink_active_policy(sim);
    double wsum = 0, csum = 0;
    for (int i = 0; i < p->n_issues; i++)
        if (scope >> i & 1u) {
            wsum += p->issue[i].sender_value * p->issue[i].demand;
            csum += p->issue[i].salience * p->issue[i].security_value * p->issue[i].demand;
        }
    const brink_issue *is = &p->issue[issue];
    offer->relief = wsum > 0 ? pol->offer_relief * is->sender_value * is->demand / wsum : 0;
    for (int k = 0; k < BRINK_MAX_ISSUES; k++)
        offer->concession[k] = sim->st.conceded[k];
    offer->concession[issue] = is->demand;
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = 0;
    offer->audience_share = csum > 0 ? is->salience * is->security_value * is->demand / csum : 1;
    offer->milestone = -1;
}
