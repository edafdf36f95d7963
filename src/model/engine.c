/* The engine: initialisation, the monthly step in causal order, outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "io/scenario_internal.h"
#include "model/belief.h"
#include "model/mechanisms.h"
#include "model/spec.h"
#include "model/valuation.h"

static const char *const outcome_names[BRINK_OUTCOME_COUNT] = {
    "deal", "partial_deal", "stalemate", "war", "regime_crisis", "deal_reversed"};

const char *brink_outcome_name(brink_outcome o)
{
    return (unsigned)o < BRINK_OUTCOME_COUNT ? outcome_names[o] : "unknown";
}

static const char *const event_names[BRINK_EV_COUNT] = {
    "offer", "accept", "reject", "tighten", "milestone_offer", "milestone_accept",
    "milestone_reject", "milestone_verified", "cheating_detected", "entry_offer",
    "entry_success", "entry_failure", "policy_switch", "incident", "war", "regime_crisis",
    "election", "reversal", "reserves_floor", "below_breakeven", "deal"};

const char *brink_event_name(brink_event_kind k)
{
    return (unsigned)k < BRINK_EV_COUNT ? event_names[k] : "unknown";
}

static const struct {
    const char *name, *unit;
} var_info[BRINK_VAR_COUNT] = {
    {"sanctions", "intensity"},        {"relief", "share"},
    {"compliance", "share"},           {"dollar_reach", "share"},
    {"bypass", "share"},               {"oil_price_usd", "USD/bbl"},
    {"exports_mbpd", "mbpd"},          {"revenue_usd_bn", "USD bn/month"},
    {"reserves_usd_bn", "USD bn"},     {"fx_rate", "local per USD"},
    {"inflation", "annual rate"},      {"cohesion", "share"},
    {"legitimacy", "share"},           {"hardliners", "share"},
    {"proxy_strength", "share"},       {"programme", "share"},
    {"tension", "share"},              {"trust", "probability"},
    {"belief_resolve", "GDP-months"},  {"loss", "share of GDP"},
    {"maintenance_cost", "GDP-months"}, {"submission_cost", "GDP-months"},
    {"durability", "share"},
    {"deal_value", "GDP-months"},      {"p_accept", "probability"},
};

const char *brink_var_name(brink_var v)
{
    return (unsigned)v < BRINK_VAR_COUNT ? var_info[v].name : "unknown";
}

const char *brink_var_unit(brink_var v)
{
    return (unsigned)v < BRINK_VAR_COUNT ? var_info[v].unit : "";
}

brink_event *brink_sim_event(struct brink_sim *sim, brink_event_kind k, int subject,
                             double value)
{
    if (!sim->record || sim->n_events >= BRINK_EVENTS_MAX)
        return NULL;
    brink_event *e = &sim->events[sim->n_events++];
    e->month = sim->st.t;
    e->kind = k;
    e->subject = subject;
    e->value = value;
    e->deal_value = NAN;
    e->submission = NAN;
    return e;
}

brink_sim *brink_sim_alloc(const brink_scenario *sc, brink_error *err)
{
    brink_sim *sim = calloc(1, sizeof *sim);
    if (!sim) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    sim->sc = sc;
    brink_params_resolve(&sc->values, &sc->layout, NULL, NULL, &sim->p_point);
    sim->n_plan = brink_params_draw_plan(&sc->values, &sc->layout, NULL, 0);
    if (sim->n_plan) {
        sim->plan = calloc(sim->n_plan, sizeof *sim->plan);
        if (!sim->plan) {
            free(sim);
            brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
            return NULL;
        }
        brink_params_draw_plan(&sc->values, &sc->layout, sim->plan, sim->n_plan);
    }
    return sim;
}

void brink_sim_free(brink_sim *sim)
{
    if (!sim)
        return;
    free(sim->plan);
    free(sim);
}

brink_status brink_sim_init(brink_sim *sim, int policy, uint64_t seed, uint64_t run,
                            int draw, int record_events, brink_error *err)
{
    const brink_scenario *sc = sim->sc;
    if (policy < 0 || policy >= sc->layout.n_policies)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "policy index %d out of range", policy);
    brink_rng_init(&sim->rng, seed, run);
    /* the point values, then each uncertain value from its own uniform:
     * the same as brink_params_resolve with draws, without the full walk */
    sim->p = sim->p_point;
    if (draw)
        for (size_t i = 0; i < sim->n_plan; i++) {
            const brink_param_draw *e = &sim->plan[i];
            double u = brink_rng_u(&sim->rng, BRINK_STREAM_PARAMS, e->index);
            double x = brink_dist_quantile(e->dist, u);
            *(double *)((char *)&sim->p + e->off) = fmin(fmax(x, e->lo), e->hi);
        }
    sim->record = record_events;
    sim->n_events = 0;

    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    brink_state *st = &sim->st;
    memset(st, 0, sizeof *st);
    sim->gdp_month = s->target_gdp_usd_bn / 12.0;
    double ratio = s->sender_gdp_usd_bn / s->target_gdp_usd_bn;
    sim->ln_market_ratio = ratio > 1 ? log(ratio) / log(100.0) : 0;

    for (int i = 0; i < p->n_parties; i++) {
        sim->access_sum[i] = 0;
        for (int c = 0; c < p->n_channels; c++) {
            sim->access_t[c][i] = p->party[i].access[c];
            sim->access_sum[i] += p->party[i].access[c];
        }
    }

    st->horizon = (int)s->simulation_horizon_months;
    st->policy = policy;
    st->s_target = p->policy[policy].sanctions_target;
    st->s_pol = st->s_eff = st->s_eff_prev = s->sender_sanctions_initial;
    for (int i = 0; i < p->n_parties; i++)
        st->compliance[i] = p->party[i].compliance;
    for (int c = 0; c < p->n_channels; c++)
        st->bypass[c] = p->channel[c].initial;
    st->adaptation = s->target_economy_adaptation_initial;
    st->oil_price = s->target_oil_price_mean_usd;
    st->reserves = s->target_fx_reserves_usd_bn;
    st->log_fx = log(s->target_fx_rate);
    st->cohesion = s->target_politics_cohesion;
    st->legitimacy = s->target_politics_legitimacy;
    st->hardliners = s->target_politics_hardliners;
    for (int x = 0; x < p->n_proxies; x++) {
        st->proxy[x] = p->proxy[x].strength;
        st->deterrence += p->proxy[x].deterrence * st->proxy[x];
    }
    st->deter_ref = st->deterrence;
    st->programme = s->target_nuclear_level;
    st->missiles = s->target_missiles_activity;
    st->trust = s->target_trust;
    st->theta = s->target_resolve;
    st->ms_pending = -1;
    st->sum.first_agreement_month = -1;
    st->sum.deal_month = -1;
    st->sum.resolve = st->theta;
    brink_belief_init(sim);

    /* month 0 as a steady state: trade, gap and loss at the starting values */
    brink_compliance_step(sim);
    for (int i = 0; i < p->n_parties; i++)
        st->compliance[i] = p->party[i].compliance;
    brink_trade_step(sim, 0.0);
    st->gap = s->target_oil_breakeven_mbpd * s->target_oil_reference_price_usd *
                  BRINK_BBL_MONTH_BN - st->revenue;
    brink_money_init(sim);
    const brink_policy_num *pol = &p->policy[policy];
    st->tension = brink_clamp01(s->behaviour_conflict_tension_sanctions * st->s_eff +
                                s->behaviour_conflict_tension_posture * pol->posture +
                                s->behaviour_conflict_tension_rhetoric * pol->rhetoric +
                                s->behaviour_conflict_tension_programme * 0.5 *
                                    (st->programme + st->missiles));
    st->loss_ref = brink_flow_loss(sim, NULL);
    st->loss = st->loss_ref;
    st->eta = brink_erosion_rate(sim);
    st->below_breakeven = st->exports < s->target_oil_breakeven_mbpd;
    return BRINK_OK;
}

/* Two standard normals from two uniforms (Box-Muller). */
static void normals(double u0, double u1, double *z0, double *z1)
{
    double r = sqrt(-2.0 * log(u0));
    double a = 6.283185307179586 * u1;
    *z0 = r * cos(a);
    *z1 = r * sin(a);
}

static void finish(brink_sim *sim, brink_outcome o, int month)
{
    brink_state *st = &sim->st;
    st->over = 1;
    st->sum.outcome = o;
    st->sum.outcome_month = month;
    st->sum.programme_end = st->programme;
    st->sum.reserves_end_usd_bn = st->reserves;
    st->sum.trust_end = st->trust;
    st->sum.belief_end = brink_belief_mean(sim);
}

static void finish_horizon(brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    if (st->sum.deal_month >= 0) {
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "comprehensive deal reached in month %d and still standing", st->sum.deal_month);
        finish(sim, BRINK_OUTCOME_DEAL, st->sum.deal_month);
    } else if (st->agreed || st->relief > 0) {
        int issues = 0;
        for (int i = 0; i < p->n_issues; i++)
            issues += (int)(st->agreed >> i & 1u);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "%d issue(s) agreed, %d milestone(s) verified, relief %.0f%%", issues,
                 st->sum.milestones_verified, 100 * st->relief);
        finish(sim, BRINK_OUTCOME_PARTIAL_DEAL, st->sum.first_agreement_month);
    } else {
        snprintf(st->sum.cause, sizeof st->sum.cause, "no agreement by month %d",
                 st->horizon);
        finish(sim, BRINK_OUTCOME_STALEMATE, st->horizon);
    }
}

static void valuation_report(brink_sim *sim)
{
    brink_state *st = &sim->st;
    brink_offer offer;
    brink_offer_value v;
    brink_offer_standing(sim, &offer);
    brink_offer_evaluate(sim, &offer, brink_maintenance_cost(sim), &v);
    st->maintenance = v.maintenance;
    st->submission = v.submission;
    st->durability = v.durability;
    st->deal_value = v.deal_value;
    st->p_accept = brink_accept_probability(v.net, st->theta, sim->p.s.behaviour_bargain_choice_noise);
}

int brink_sim_step(brink_sim *sim)
{
    brink_state *st = &sim->st;
    if (st->over)
        return 0;
    const brink_scalars *s = &sim->p.s;
    uint32_t t = (uint32_t)st->t;
    double a[4], b[4], z_oil, z_fx;
    brink_rng_u4(&sim->rng, BRINK_STREAM_EVENTS, t, 0, a);
    brink_rng_u4(&sim->rng, BRINK_STREAM_EVENTS, t, 1, b);
    normals(a[0], a[1], &z_oil, &z_fx);

    brink_sanctions_step(sim);
    brink_compliance_step(sim);
    brink_bypass_step(sim);
    brink_trade_step(sim, z_oil);
    brink_fiscal_step(sim);
    brink_money_step(sim, z_fx);
    brink_proxies_step(sim);
    double econ;
    st->loss = brink_flow_loss(sim, &econ);
    st->eta = brink_erosion_rate(sim);
    st->sum.gdp_loss_usd_bn += econ * sim->gdp_month;
    const brink_policy_num *pol = brink_active_policy(sim);
    st->sum.sender_cost_usd_bn += s->sender_enforcement_cost_usd_bn_month * st->s_eff +
                                  s->sender_posture_cost_usd_bn_month * pol->posture;

    int below = st->exports < s->target_oil_breakeven_mbpd;
    if (below) {
        st->sum.months_below_breakeven++;
        if (!st->below_breakeven)
            brink_sim_event(sim, BRINK_EV_BELOW_BREAKEVEN, -1, st->exports);
    }
    st->below_breakeven = below;
    if (st->monetised > 0 && !st->at_floor) {
        st->at_floor = 1;
        brink_sim_event(sim, BRINK_EV_RESERVES_FLOOR, -1, st->reserves);
    }

    int month = st->t;
    if (brink_politics_step(sim, b[0])) {
        brink_sim_event(sim, BRINK_EV_REGIME_CRISIS, -1, st->h_crisis);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "regime crisis (legitimacy %.2f, cohesion %.2f)", st->legitimacy,
                 st->cohesion);
        finish(sim, BRINK_OUTCOME_REGIME_CRISIS, month);
    } else {
        brink_programme_step(sim);
        if (brink_conflict_step(sim, a[2], a[3], b[1])) {
            finish(sim, BRINK_OUTCOME_WAR, month);
        } else {
            brink_bargaining_step(sim);
            if (brink_election_step(sim, b[2]))
                finish(sim, BRINK_OUTCOME_DEAL_REVERSED, month);
        }
    }
    if (sim->record)
        valuation_report(sim);
    st->t++;
    if (!st->over && st->t >= st->horizon)
        finish_horizon(sim);
    return !st->over;
}

void brink_sim_run(brink_sim *sim)
{
    while (brink_sim_step(sim))
        ;
}

int brink_sim_month(const brink_sim *sim)
{
    return sim->st.t - 1;
}

int brink_sim_horizon(const brink_sim *sim)
{
    return sim->st.horizon;
}

int brink_sim_policy(const brink_sim *sim)
{
    return sim->st.policy;
}

const brink_summary *brink_sim_summary(const brink_sim *sim)
{
    return &sim->st.sum;
}

size_t brink_sim_events(const brink_sim *sim, const brink_event **events)
{
    *events = sim->events;
    return sim->n_events;
}

double brink_sim_var(const brink_sim *sim, brink_var v)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    double x = 0, w = 0;
    switch (v) {
    case BRINK_VAR_SANCTIONS: return st->s_eff;
    case BRINK_VAR_RELIEF: return st->relief;
    case BRINK_VAR_COMPLIANCE:
        for (int i = 0; i < p->n_parties; i++)
            x += p->party[i].oil_share * st->compliance[i];
        return x;
    case BRINK_VAR_REACH: return st->reach;
    case BRINK_VAR_BYPASS:
        for (int c = 0; c < p->n_channels; c++) {
            x += p->channel[c].capacity * st->bypass[c];
            w += p->channel[c].capacity;
        }
        return w > 0 ? x / w : 0;
    case BRINK_VAR_OIL_PRICE: return st->oil_price;
    case BRINK_VAR_EXPORTS: return st->exports;
    case BRINK_VAR_REVENUE: return st->revenue;
    case BRINK_VAR_RESERVES: return st->reserves;
    case BRINK_VAR_FX_RATE: return exp(st->log_fx);
    case BRINK_VAR_INFLATION: return st->inflation;
    case BRINK_VAR_COHESION: return st->cohesion;
    case BRINK_VAR_LEGITIMACY: return st->legitimacy;
    case BRINK_VAR_HARDLINERS: return st->hardliners;
    case BRINK_VAR_PROXY_STRENGTH:
        for (int k = 0; k < p->n_proxies; k++)
            x += st->proxy[k];
        return p->n_proxies > 0 ? x / p->n_proxies : 0;
    case BRINK_VAR_PROGRAMME: return st->programme;
    case BRINK_VAR_TENSION: return st->tension;
    case BRINK_VAR_TRUST: return st->trust;
    case BRINK_VAR_BELIEF_RESOLVE: return brink_belief_mean(sim);
    case BRINK_VAR_LOSS: return st->loss;
    case BRINK_VAR_MAINTENANCE: return st->maintenance;
    case BRINK_VAR_SUBMISSION: return st->submission;
    case BRINK_VAR_DURABILITY: return st->durability;
    case BRINK_VAR_DEAL_VALUE: return st->deal_value;
    case BRINK_VAR_P_ACCEPT: return st->p_accept;
    case BRINK_VAR_COUNT: break;
    }
    return NAN;
}
