/* M8 maintenance cost, M9 submission cost, M10 deal durability, M11 audience
 * cost, M14 exit ramp and further demands. Closed forms keep the monthly step
 * cheap: no nested simulation. */
#include "model/valuation.h"

#include "model/mechanisms.h"

/* (the month's flow loss and erosion rate are written over lanes,
 * model/lockstep.h; the rest of the file is the library's only) */

brink_ld BRINK_LFN(brink_flow_loss)(const struct brink_lsim *sim, brink_ld *econ)
{
    const brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    /* inflation above the norm or, if higher, above its month-0 rate: a
     * deal relieves what the confrontation added, not inflation the target
     * had before it */
    brink_ld floor_ = BRINK_LSEL(12.0 * st->pi0 > sim->log_norm_inflation, 12.0 * st->pi0,
                                 sim->log_norm_inflation);
    brink_ld infl = 12.0 * st->pi - floor_;
    brink_ld coh = s->target_politics_cohesion - st->cohesion;
    brink_ld prox = st->deter_ref - st->deterrence;
    brink_ld loss = st->y;
    if (econ)
        *econ = loss;
    loss += s->behaviour_bargain_inflation_weight * BRINK_LSEL(infl > 0, infl, BRINK_LD(0));
    loss += s->behaviour_bargain_cohesion_weight * BRINK_LSEL(coh > 0, coh, BRINK_LD(0));
    loss += s->behaviour_bargain_proxy_weight * BRINK_LSEL(prox > 0, prox, BRINK_LD(0));
    return loss;
}

brink_ld BRINK_LFN(brink_erosion_rate)(const struct brink_lsim *sim)
{
    const brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    brink_ld floor = p->s.behaviour_bypass_pressure_floor;
    brink_ld pressure = floor + (1.0 - floor) * st->S;
    brink_ld cap = BRINK_LD(0), rate = BRINK_LD(0);
    for (int c = 0; c < p->n_channels; c++) {
        cap += p->channel[c].capacity;
        rate += p->channel[c].capacity * p->channel[c].learning * (1.0 - st->bypass[c]);
    }
    return pressure * rate / BRINK_LSEL(cap > 1, cap, BRINK_LD(1));
}

#if BRINK_LANES == 1
/* Discounting by whole powers, each from a logarithm worked out once: q^n
 * as e^(n ln q) (q^0 is 1 for every q, even q = 0), and the geometric sum
 * of q^s over s in [from, to) from its powers at the ends,
 * (q^from - q^to) / (1 - q) (to - from terms of q^from each when
 * |1 - q| < 1e-12; 0 when to <= from). G(q, n) is the sum over [0, n). */
static inline double power(double lq, int n)
{
    return n == 0 ? 1.0 : exp(n * lq);
}

static inline double span(double q, double q_from, double q_to, int from, int to)
{
    if (to <= from)
        return 0;
    if (fabs(1.0 - q) < 1e-12)
        return q_from * (to - from);
    return (q_from - q_to) / (1.0 - q);
}

/* G(q, n), ln q given */
static inline double geometric(double q, double lq, int n)
{
    return span(q, 1.0, power(lq, n), 0, n);
}

/* The target's discounting over its planning horizon H: ln δ and G(δ, H),
 * and with the loss expected to erode at rate η, ln a = ln δ - η and
 * G(a, H). The maintenance cost, durability and inducements of an offer
 * need them at the same state, and ln δ and G(δ, H) are the same all run
 * long: each is kept (per thread) with the arguments it was computed from,
 * and computed again when they differ, so it is always the value of its
 * arguments. */
static _Thread_local struct {
    int valid, H;
    double delta, ld, g;
} plain_memo;
static _Thread_local struct {
    int valid, H;
    double delta, eta, la, g;
} eroded_memo;

/* G(δ, H), and ln δ in *ld */
static double discount_sum(double delta, int H, double *ld)
{
    if (!(plain_memo.valid && plain_memo.delta == delta && plain_memo.H == H)) {
        plain_memo.ld = log(delta);
        plain_memo.g = geometric(delta, plain_memo.ld, H);
        plain_memo.delta = delta;
        plain_memo.H = H;
        plain_memo.valid = 1;
    }
    *ld = plain_memo.ld;
    return plain_memo.g;
}

/* ln a, a = δ e^(-η), and G(a, H) in *g */
static double eroded_discount(double delta, double eta, int H, double *g)
{
    if (!(eroded_memo.valid && eroded_memo.delta == delta && eroded_memo.eta == eta &&
          eroded_memo.H == H)) {
        double ld;
        discount_sum(delta, H, &ld);
        eroded_memo.la = ld - eta;
        eroded_memo.g = geometric(exp(eroded_memo.la), eroded_memo.la, H);
        eroded_memo.delta = delta;
        eroded_memo.eta = eta;
        eroded_memo.H = H;
        eroded_memo.valid = 1;
    }
    *g = eroded_memo.g;
    return eroded_memo.la;
}

/* The war and strike hazards at the month's force hazard and escalation
 * probability. */
static double war_hazard(const struct brink_sim *sim, double h_force, double p_escalate)
{
    int kind = (int)brink_active_policy(sim)->force_kind;
    double force = kind == BRINK_FORCE_INVADE ? h_force : h_force * p_escalate;
    return brink_incident_probability(sim) * p_escalate + force;
}

static double strike_hazard(const struct brink_sim *sim, double h_force, double p_escalate)
{
    int kind = (int)brink_active_policy(sim)->force_kind;
    return kind == BRINK_FORCE_STRIKE ? h_force * (1.0 - p_escalate) : 0;
}

double brink_war_hazard(const struct brink_sim *sim)
{
    return war_hazard(sim, brink_force_terms_hazard(&sim->st.force),
                      brink_escalation_probability(sim));
}

double brink_strike_hazard(const struct brink_sim *sim)
{
    return strike_hazard(sim, brink_force_terms_hazard(&sim->st.force),
                         brink_escalation_probability(sim));
}

/* The combined intensity the policy is heading for. */
static double intensity_goal(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_policy_num *pol = brink_active_policy(sim);
    double goal = st->s_target < pol->sanctions_max ? st->s_target : pol->sanctions_max;
    double keep = 1.0;
    for (int k = 0; k < sim->p.n_senders; k++)
        keep *= 1.0 - st->part[k] * goal * (1.0 - st->relief[k]);
    return 1.0 - keep;
}

double brink_deal_loss(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    double loss = st->loss - sim->p.s.behaviour_insurgency_damage * st->insurgency - st->strike_damage;
    return loss > 0 ? loss : 0;
}

double brink_maintenance_cost(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    int H = (int)s->target_planning_months;
    double delta = s->target_discount, ld;
    double gh = discount_sum(delta, H, &ld);
    double ga;
    eroded_discount(delta, st->eta, H, &ga);
    /* what a deal would remove: the loss now less the output lost to the
     * insurgency and to strikes, plus what sanctions still on their way
     * would add */
    double ahead = intensity_goal(sim) - st->S;
    double loss = brink_deal_loss(sim);
    loss += ahead > 0 ? ahead * st->loss_per_intensity : 0;
    double mc = loss * ga;

    /* a step when usable reserves and the patrons' credit run out: the
     * printed gap feeds inflation (from next month at the earliest: the gap
     * was met this month) */
    if (st->gap > 0 && st->monetised <= 0 && st->unfunded <= 0) {
        double cover = st->reserves - s->target_fx_reserve_floor_usd_bn;
        if (cover < 0)
            cover = 0;
        for (int j = 0; j < sim->p.n_patrons; j++)
            cover += st->credit_left[j] * st->commitment[j];
        double months = cover / st->gap;
        if (months < H) {
            int tr = months > 1 ? (int)ceil(months) : 1;
            /* the printed gap as annual log inflation, or the cut it forces */
            double jump = s->target_money_can_print > 0.5 && !st->dollarised
                              ? s->behaviour_bargain_inflation_weight * st->gap /
                                    (sim->gdp_month * s->target_money_base_gdp_share)
                              : s->target_economy_revenue_multiplier * st->gap / sim->gdp_month;
            mc += jump * span(delta, power(ld, tr), power(ld, H), tr, H);
        }
    }
    /* hazards, valued: of war and strikes, and of a regime crisis or coup
     * beyond the regime's own weakness at the start (what the confrontation
     * added; a deal does not remove the rest) */
    double regime = brink_crisis_hazard(sim) + brink_coup_hazard(sim) - sim->regime_hazard0;
    double h_force = brink_force_terms_hazard(&st->force);
    double p_escalate = brink_escalation_probability(sim);
    mc += ((regime > 0 ? regime : 0) * s->behaviour_bargain_crisis_value +
           war_hazard(sim, h_force, p_escalate) * s->behaviour_bargain_war_value +
           strike_hazard(sim, h_force, p_escalate) * s->behaviour_bargain_strike_value) * gh;
    /* an ultimatum pending: the threatened force at its deadline */
    if (st->ult_deadline >= st->t) {
        int kind = (int)brink_active_policy(sim)->force_kind;
        double v = kind == BRINK_FORCE_INVADE ? s->behaviour_bargain_war_value
                                              : s->behaviour_bargain_strike_value;
        mc += st->ult_belief * v * power(ld, st->ult_deadline - st->t);
    }
    return mc;
}

/* Perceived durability of one sender's relief (see brink_durability); la
 * is ln a. */
static double sender_durability(const struct brink_sim *sim, int k, double la, double den,
                                double rhetoric, int lag)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    const brink_sender *sd = &sim->p.sender[k];
    int H = (int)s->target_planning_months;
    double doubt = 2.0 * (1.0 - st->trust); /* 1: the true hazards; 0: none; 2: twice */
    /* pressure under a regime-change aim reads as its prerequisite: the
     * hazard that pressure resumes after a deal grows with both */
    double h = brink_break_hazard(s, sd) * doubt +
               s->behaviour_bargain_exit_ramp_hazard * rhetoric * st->S;
    double lq = la - h, q = exp(lq); /* q = a e^(-h) */
    int every = (int)sd->election_interval_months;
    if (every <= 0)
        return span(q, power(lq, lag), power(lq, H), lag, H) / den;
    /* perceived survival of each election: (1 - ρ λ)^doubt */
    double keep = doubt > 0 ? exp(doubt * sim->log_keep[k]) : 1.0;
    int first = (int)sd->first_election_month;
    int o; /* months until the next election */
    if (st->t <= first)
        o = first - st->t;
    else
        o = (every - (st->t - first) % every) % every;
    /* relief received in month s >= lag survives the elections held before
     * it: segments [lo, hi) between elections, each worth `keep` less; a
     * segment's power at its end is the next one's at its start */
    double num = 0, factor = 1, q_at = 1;
    int at = 0; /* q_at = q^at */
    for (int lo = 0, hi = o + 1; lo < H && factor > 1e-12; lo = hi, hi += every) {
        int from = lo > lag ? lo : lag, to = hi < H ? hi : H;
        if (to > from) {
            double q_from = from == at ? q_at : power(lq, from);
            q_at = power(lq, to);
            at = to;
            num += factor * span(q, q_from, q_at, from, to);
        }
        factor *= keep;
    }
    return num / den;
}

double brink_durability(const struct brink_sim *sim, double rhetoric, int lag)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    int H = (int)s->target_planning_months;
    double den, la = eroded_discount(s->target_discount, st->eta, H, &den);
    if (!(den > 0))
        return 0;
    /* each sender's relief weighs by the pressure it takes off */
    double total = 0, wsum = 0;
    for (int k = 0; k < sim->p.n_senders; k++) {
        double w = st->part[k];
        if (w <= 0)
            continue;
        total += w * sender_durability(sim, k, la, den, rhetoric, lag);
        wsum += w;
    }
    return wsum > 0 ? total / wsum : sender_durability(sim, 0, la, den, rhetoric, lag);
}

/* M16: a staged step also opens the steps after it. The path from this
 * step to the last, taken as one agreement now (all its tranches, its final
 * concessions), is worth `path` to the target; what the later steps add to
 * this step alone, if positive, counts, discounted over the step's
 * verification lag. A target that finds the whole path worth taking accepts
 * its first step even when the step's own tranche is small. */
static void evaluate(const struct brink_sim *sim, const brink_offer *offer, double maintenance,
                     double durability, brink_offer_value *out);

static double continuation(const struct brink_sim *sim, const brink_offer *step,
                           double maintenance, double durability, double step_net)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_policy_ref *ref = &p->layout->policy[st->policy];
    int n = ref->n_milestones;
    if (step->milestone >= n - 1)
        return 0;
    brink_offer path = *step;
    path.milestone = -1;
    path.induce_share = 1;
    for (int j = step->milestone + 1; j < n; j++) {
        const brink_milestone_num *ms = &p->milestone[st->policy][j];
        int issue = ref->milestone_issue[j];
        path.relief += ms->relief;
        if (ms->concession > path.concession[issue])
            path.concession[issue] = ms->concession;
    }
    brink_offer_value v;
    evaluate(sim, &path, maintenance, durability, &v); /* the path starts with the step: same lag */
    double extra = v.net - step_net;
    double ld;
    discount_sum(p->s.target_discount, (int)p->s.target_planning_months, &ld);
    return extra > 0 ? extra * power(ld, step->lag) : 0;
}

/* brink_offer_evaluate at the durability of relief starting at the offer's lag. */
static void evaluate(const struct brink_sim *sim, const brink_offer *offer, double maintenance,
                     double durability, brink_offer_value *out)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);
    int H = (int)s->target_planning_months;

    out->maintenance = maintenance;
    out->durability = durability;
    double room = 1.0 - st->relief_avg;
    double share = room > 1e-9 ? offer->relief / room : 0;
    if (share > 1)
        share = 1;
    out->deal_value = out->durability * share * maintenance;

    /* inducements: flows valued like relief, one-off values at once; what
     * the leaders keep lowers the cost of leadership concessions */
    double keep = 0;
    for (int k = 0; k < p->n_inducements; k++) {
        if (!(offer->inducements >> k & 1u))
            continue;
        const brink_inducement *in = &p->inducement[k];
        keep += in->keep;
        double left = 1.0 - st->induce_done[k];
        double part = offer->induce_share < left ? offer->induce_share : left;
        if (part <= 0)
            continue;
        double ld;
        double flow = in->value_usd_bn_year / 12.0 / sim->gdp_month *
                      discount_sum(s->target_discount, H, &ld);
        out->deal_value += part * (out->durability * flow + in->value_gdp_months);
    }
    if (keep > 1)
        keep = 1;

    double security = 0;
    for (int i = 0; i < p->n_issues; i++) {
        const brink_issue *is = &p->issue[i];
        double c = offer->concession[i] > st->conceded[i] ? offer->concession[i] : st->conceded[i];
        double v = is->salience * is->security_value * (c - st->conceded[i]);
        if ((int)is->kind == BRINK_ISSUE_LEADERSHIP)
            v *= 1.0 - keep;
        security += v;
    }
    out->security = security;
    /* every extra cost of conceding scales with what is conceded */
    double r = pol->rhetoric;
    out->audience = offer->is_public ? s->behaviour_bargain_audience_cost * st->hardliners *
                                           (1.0 - s->behaviour_bargain_face_saving * (1.0 - r)) *
                                           security
                                     : 0;
    out->further = s->behaviour_bargain_further_demands * r * security;
    out->survival = s->behaviour_bargain_survival_paradox * r * st->S * security;
    /* conceding while an ultimatum stands is seen as yielding to force: the
     * reputation cost of compliance with a compellent threat */
    out->compellence =
        st->ult_deadline >= st->t ? s->behaviour_force_compellence_cost * security : 0;
    out->submission =
        out->security + out->audience + out->further + out->survival + out->compellence;
    out->net = out->deal_value - out->submission;
    out->continuation =
        offer->milestone >= 0 ? continuation(sim, offer, maintenance, durability, out->net) : 0;
    out->net += out->continuation;
    out->log_ratio = brink_log_ratio(out->deal_value + out->continuation, out->submission);
}

double brink_offer_durability(const struct brink_sim *sim, const brink_offer *offer)
{
    return brink_durability(sim, brink_active_policy(sim)->rhetoric, offer->lag);
}

void brink_offer_evaluate_at(const struct brink_sim *sim, const brink_offer *offer,
                             double maintenance, double durability, brink_offer_value *out)
{
    evaluate(sim, offer, maintenance, durability, out);
}

void brink_offer_evaluate(const struct brink_sim *sim, const brink_offer *offer,
                          double maintenance, brink_offer_value *out)
{
    evaluate(sim, offer, maintenance, brink_offer_durability(sim, offer), out);
}

/* Inducements of the policy in force (mask) not yet delivered. */
static unsigned policy_inducements(const struct brink_sim *sim)
{
    return sim->p.layout->policy[sim->st.policy].inducement_mask;
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
    double total = 0;
    for (int j = 0; j < ref->n_milestones; j++)
        total += p->milestone[st->policy][j].relief;
    offer->inducements = policy_inducements(sim);
    offer->induce_share = total > 0 ? ms->relief / total : 1.0 / ref->n_milestones;
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = (int)ms->verification_months;
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
    offer->inducements = policy_inducements(sim);
    offer->induce_share = 1;
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = 0;
    offer->milestone = -1;
}

void brink_offer_unbundled(const struct brink_sim *sim, unsigned scope, int issue,
                           brink_offer *offer)
{
    const brink_params *p = &sim->p;
    const brink_policy_num *pol = brink_active_policy(sim);
    double wsum = 0;
    for (int i = 0; i < p->n_issues; i++)
        if (scope >> i & 1u)
            wsum += p->issue[i].sender_value * p->issue[i].demand;
    const brink_issue *is = &p->issue[issue];
    double w = wsum > 0 ? is->sender_value * is->demand / wsum : 0;
    offer->relief = pol->offer_relief * w;
    for (int k = 0; k < BRINK_MAX_ISSUES; k++)
        offer->concession[k] = sim->st.conceded[k];
    offer->concession[issue] = is->demand;
    offer->inducements = policy_inducements(sim);
    offer->induce_share = w;
    offer->is_public = (int)pol->channel == BRINK_CHANNEL_PUBLIC;
    offer->lag = 0;
    offer->milestone = -1;
}
#endif
