/* The engine: initialisation, the monthly step in causal order, outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "model/scenario_model.h"
#include "model/belief.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/isa.h"
#include "model/sim_var.h"
#include "model/spec.h"
#include "model/valuation.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *name, *doc;
} outcome_info[] = {
#define BRINK_OUTCOME_ROW(e, name, doc, ties, mid) {name, doc},
#include "brink/outcome.def"
#undef BRINK_OUTCOME_ROW
};
_Static_assert(COUNT(outcome_info) == BRINK_OUTCOME_COUNT, "one row per outcome");

const char *brink_outcome_name(brink_outcome o)
{
    return (unsigned)o < BRINK_OUTCOME_COUNT ? outcome_info[o].name : "unknown";
}

const char *brink_outcome_description(brink_outcome o)
{
    return (unsigned)o < BRINK_OUTCOME_COUNT ? outcome_info[o].doc : "";
}

static const struct {
    const char *name;
    int mid, icb;
} event_info[] = {
#define BRINK_EVENT_ROW(e, name, doc, mid, icb) {name, mid, icb},
#include "brink/event.def"
#undef BRINK_EVENT_ROW
};
_Static_assert(COUNT(event_info) == BRINK_EV_COUNT, "one row per event");

const char *brink_event_name(brink_event_kind k)
{
    return (unsigned)k < BRINK_EV_COUNT ? event_info[k].name : "unknown";
}

int brink_event_mid_level(brink_event_kind k)
{
    return (unsigned)k < BRINK_EV_COUNT ? event_info[k].mid : 0;
}

int brink_event_icb_level(brink_event_kind k)
{
    return (unsigned)k < BRINK_EV_COUNT ? event_info[k].icb : 0;
}

static const struct {
    const char *name, *unit;
} var_info[] = {
#define BRINK_VAR_ROW(e, name, unit, doc) {name, unit},
#include "brink/var.def"
#undef BRINK_VAR_ROW
};
_Static_assert(COUNT(var_info) == BRINK_VAR_COUNT, "one row per variable");

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
    brink_summary_note_event(&sim->st.sum, k);
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

void brink_month_u4_drawn(const struct brink_sim *sim, uint32_t slot, double u[4])
{
    brink_rng_u4(&sim->rng, BRINK_STREAM_EVENTS, (uint32_t)sim->st.t, slot, u);
}

brink_sim *brink_sim_alloc(const brink_scenario *sc, brink_error *err)
{
    brink_sim *sim = calloc(1, sizeof *sim);
    if (!sim) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    sim->sc = sc;
    sim->sc_resolve = sc->values.s.target_resolve;
    brink_params_resolve(&sc->values, &sc->layout, NULL, NULL, &sim->p_point);
    sim->n_plan = brink_params_draw_plan(&sc->values, &sc->layout, NULL, 0);
    if (sim->n_plan) {
        sim->plan = calloc(sim->n_plan, sizeof *sim->plan);
        sim->drawn = calloc(sim->n_plan, sizeof *sim->drawn);
        if (!sim->plan || !sim->drawn) {
            free(sim->plan);
            free(sim->drawn);
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
    free(sim->drawn);
    free(sim);
}

void brink_sim_derive(struct brink_sim *sim)
{
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    brink_state *st = &sim->st;
    for (int k = 0; k < p->n_senders; k++) {
        double ratio = p->sender[k].gdp_usd_bn / s->target_gdp_usd_bn;
        sim->ln_market_ratio[k] = ratio > 1 ? log(ratio) / log(100.0) : 0;
        sim->break_prob[k] = -expm1(-brink_break_hazard(s, &p->sender[k]));
        sim->log_keep[k] = log1p(-p->sender[k].reversal_probability *
                                 brink_law_factor(s, (int)p->sender[k].legal_form));
    }
    /* (zero past the last party: the monthly sums read parties in pairs) */
    for (int i = p->n_parties; i < BRINK_MAX_PARTIES; i++) {
        for (int c = 0; c < BRINK_MAX_CHANNELS; c++)
            sim->access_t[c][i] = 0;
        for (int k = 0; k < BRINK_MAX_SENDERS; k++)
            sim->exposure_t[k][i] = 0;
        sim->party_alignment[i] = sim->party_benefit[i] = sim->party_absorption[i] = 0;
    }
    for (int i = 0; i < p->n_parties; i++) {
        for (int k = 0; k < p->n_senders; k++)
            sim->exposure_t[k][i] = p->party[i].exposure[k];
        sim->party_alignment[i] = p->party[i].alignment;
        sim->party_benefit[i] = p->party[i].benefit;
        sim->party_absorption[i] = p->party[i].absorption;
        sim->access_sum[i] = 0;
        for (int c = 0; c < p->n_channels; c++) {
            sim->access_t[c][i] = p->party[i].access[c];
            sim->access_sum[i] += p->party[i].access[c];
        }
        double grey = 0, w = 0;
        for (int g = 0; g < p->n_goods; g++) {
            grey += p->party[i].buys[g] * p->good[g].grey_discount * p->good[g].exposure;
            w += p->party[i].buys[g];
        }
        sim->party_grey[i] = w > 0 ? grey / w : 0;
        sim->party_patron[i] = -1;
    }
    for (int j = 0; j < p->n_patrons; j++)
        if (p->layout->patron_party[j] >= 0)
            sim->party_patron[p->layout->patron_party[j]] = j;
    sim->n_bound = 0;
    for (int i = 0; i < p->n_parties; i++)
        if (p->layout->party_member[i] >= 0 || sim->party_patron[i] >= 0)
            sim->bound_party[sim->n_bound++] = i;
    for (int k = 0; k < BRINK_ISSUE_KINDS; k++)
        sim->issue_kind[k] = 0;
    for (int i = 0; i < p->n_issues; i++) {
        int k = (int)p->issue[i].kind;
        if (k >= 0 && k < BRINK_ISSUE_KINDS)
            sim->issue_kind[k] |= 1u << i;
    }
    for (int g = 0; g < BRINK_MAX_GOODS; g++) {
        sim->buys_total[g] = 0;
        for (int i = 0; i < p->n_parties; i++) {
            sim->buys_p[i][g] = g < p->n_goods ? p->party[i].buys[g] : 0;
            sim->buys_total[g] += sim->buys_p[i][g];
        }
    }
    sim->log_norm_inflation = log1p(s->target_prices_norm_inflation);
    sim->dollarisation_log = log(s->behaviour_money_dollarisation) + 1e-9;
    brink_prices_update(sim);
    /* a new break-even is a new budget, which the needs start from; a set of
     * anything else leaves them, and the cutbacks made so far, alone */
    double need0 = s->target_fiscal_breakeven_usd_bn_year / 12.0;
    if (need0 != sim->need0)
        st->need = need0;
    sim->need0 = need0;
}

/* Loss per unit of combined intensity, for the target's projection of
 * sanctions still to come: at month 0, when sanctions are in force, the
 * loss a deal would remove (the maintenance cost's, without the insurgency
 * and strikes) per unit of intensity; otherwise half the covered export
 * earnings lost plus the drag. */
static double loss_per_intensity(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    if (st->S > 0.05)
        return brink_deal_loss(sim) / st->S;
    double covered = 0;
    for (int g = 0; g < p->n_goods; g++)
        covered += p->good[g].exposure * p->good[g].value_usd_bn_year / 12.0;
    return s->target_economy_revenue_multiplier * 0.5 * covered / sim->gdp_month +
           s->target_economy_sanctions_drag;
}

brink_status brink_sim_init(brink_sim *sim, int policy, uint64_t seed, uint64_t run,
                            int draw, int record_events, brink_error *err)
{
    const brink_scenario *sc = sim->sc;
    if (policy < 0 || policy >= sc->layout.n[BRINK_GROUP_POLICY])
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "policy index %d out of range", policy);
    brink_rng_init(&sim->rng, seed, run);
    sim->ahead_t = -1;
    /* the point values, then each uncertain value from its own uniform:
     * the same as brink_params_resolve with draws, without the full walk
     * (the plan is in index order: each block of four uniforms, as
     * brink_rng_u takes them, is drawn once). The point values are copied
     * whole only after a run changed others (a timeline setting): otherwise
     * the plan's offsets are all a run can have changed. The draws depend
     * on the seed and the run alone: the same run under another policy (an
     * ensemble runs every policy on each run in turn) takes the values the
     * last init drew. */
    if (!sim->p_clean) {
        sim->p = sim->p_point;
        sim->p_clean = 1;
    }
    int again = draw && sim->drawn_ok && sim->drawn_seed == seed && sim->drawn_run == run;
    uint32_t block = UINT32_MAX;
    double u4[4];
    for (size_t i = 0; i < sim->n_plan; i++) {
        const brink_param_draw *e = &sim->plan[i];
        double *x = (double *)((char *)&sim->p + e->off);
        if (!draw) {
            *x = *(const double *)((const char *)&sim->p_point + e->off);
            continue;
        }
        if (again) {
            *x = sim->drawn[i];
            continue;
        }
        if (e->index >> 2 != block) {
            block = e->index >> 2;
            brink_rng_u4(&sim->rng, BRINK_STREAM_PARAMS, block, 0, u4);
        }
        *x = sim->drawn[i] =
            fmin(fmax(brink_param_draw_quantile(e, u4[e->index & 3u]), e->lo), e->hi);
    }
    if (draw) {
        sim->drawn_ok = 1;
        sim->drawn_seed = seed;
        sim->drawn_run = run;
    }
    sim->record = record_events;
    sim->n_events = 0;

    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    brink_state *st = &sim->st;
    memset(st, 0, sizeof *st);
    sim->gdp_month = s->target_gdp_usd_bn / 12.0;
    sim->need0 = st->need = s->target_fiscal_breakeven_usd_bn_year / 12.0;
    brink_sim_derive(sim);

    st->horizon = (int)s->simulation_horizon_months;
    st->policy = policy;
    st->s_target = p->policy[policy].sanctions_target;
    st->s_pol = s->coalition_sanctions_initial;
    for (int k = 0; k < p->n_senders; k++)
        st->part[k] = p->sender[k].participation;
    brink_relief_update(sim);
    brink_sanctions_combine(sim);
    st->S_prev = st->S;
    for (int i = 0; i < p->n_parties; i++)
        st->compliance[i] = p->party[i].compliance;
    for (int c = 0; c < p->n_channels; c++)
        st->bypass[c] = p->channel[c].initial;
    st->adaptation = s->target_economy_adaptation_initial;
    for (int j = 0; j < p->n_patrons; j++) {
        st->commitment[j] = st->commit_goal[j] = p->patron[j].commitment;
        st->credit_left[j] = p->patron[j].credit_usd_bn;
    }
    st->reserves = s->target_fx_reserves_usd_bn;
    st->log_fx = log(s->target_fx_rate);
    st->cohesion = s->target_politics_cohesion;
    st->legitimacy = s->target_politics_legitimacy;
    st->hardliners = s->target_politics_hardliners;
    st->insurgency = s->target_insurgency_strength;
    for (int x = 0; x < p->n_proxies; x++)
        st->proxy[x] = p->proxy[x].strength;
    st->programme = s->target_nuclear_level;
    st->missiles = s->target_missiles_activity;
    st->trust = s->target_trust;
    st->theta = s->target_resolve;
    st->ms_pending = -1;
    st->ult_deadline = -1;
    /* no politics or conflict step yet: their hazards are 0 */
    st->x_crisis = st->x_coup = -HUGE_VAL;
    st->escalation_index = -HUGE_VAL;
    st->cred_discount = 1.0;
    st->sum.first_agreement_month = -1;
    st->sum.deal_month = -1;
    st->sum.resolve = st->theta;
    st->sum.max_hostility = 1;
    brink_belief_init(sim);

    /* month 0 as a steady state: trade, support, gap, prices and output at
     * the starting values */
    brink_compliance_step(sim);
    for (int i = 0; i < p->n_parties; i++)
        st->compliance[i] = p->party[i].compliance;
    brink_patrons_step(sim);
    for (int j = 0; j < p->n_patrons; j++)
        st->commitment[j] = p->patron[j].commitment;
    brink_prices_step(sim, 0.0);
    brink_trade_step(sim);
    st->gap = st->need - st->income - st->transfers;
    double usable = st->reserves - s->target_fx_reserve_floor_usd_bn;
    double credit = 0;
    for (int j = 0; j < p->n_patrons; j++)
        credit += st->credit_left[j] * st->commitment[j];
    double printed = st->gap - (usable > 0 ? usable : 0) - credit;
    double short_ = st->gap > 0 && printed > 0 && usable <= 0 ? printed / sim->gdp_month : 0;
    if (s->target_money_can_print > 0.5)
        st->monetised = short_;
    else
        st->unfunded = short_;
    brink_money_init(sim);
    st->y = st->y0 = brink_output_drive(sim);
    double deter = st->arms;
    for (int x = 0; x < p->n_proxies; x++)
        deter += p->proxy[x].deterrence * st->proxy[x];
    st->deterrence = st->deter_ref = deter;
    const brink_policy_num *pol = &p->policy[policy];
    st->tension = brink_clamp01(s->behaviour_conflict_tension_sanctions * st->S +
                                s->behaviour_conflict_tension_posture * pol->posture +
                                s->behaviour_conflict_tension_rhetoric * pol->rhetoric +
                                s->behaviour_conflict_tension_programme * 0.5 *
                                    (st->programme + st->missiles));
    /* the month-0 hazards, so that the first valuation counts the risks of
     * holding out as every later month does */
    brink_regime_indices(sim, &st->x_crisis, &st->x_coup);
    sim->regime_hazard0 = brink_crisis_hazard(sim) + brink_coup_hazard(sim);
    brink_conflict_hazards(sim);
    brink_force_terms_at(sim, &st->force);
    sim->support0 = s->target_insurgency_outside_support + p->policy[policy].rebel_support;
    sim->history_run = policy == sc->default_policy;
    st->loss = brink_flow_loss(sim, NULL);
    st->eta = brink_erosion_rate(sim);
    st->loss_per_intensity = loss_per_intensity(sim);
    /* what the senders expect of their standing demand before any answer */
    brink_offer offer;
    brink_offer_value v;
    brink_offer_standing(sim, &offer);
    brink_offer_evaluate(sim, &offer, brink_maintenance_cost(sim), &v);
    st->futility = 1.0 - brink_belief_accept(sim, v.log_ratio);
    st->below_breakeven = st->income + st->transfers < st->need;
    return BRINK_OK;
}

void brink_sim_finish(brink_sim *sim, brink_outcome o, int month)
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

/* Whether part of what the senders demanded stands as the record shows it
 * (TIES partial acquiescence): an issue agreed, a staged step accepted
 * (awaiting verification) or verified under the policy in force, a
 * concession in force, or relief in force. Cheating not found out counts
 * as it appears. */
static int partial_agreement(const brink_state *st, int n_issues)
{
    if (st->agreed || st->ms_pending >= 0 || st->ms_next > 0 || st->relief_avg > 0)
        return 1;
    for (int i = 0; i < n_issues; i++)
        if (st->conceded[i] > 0)
            return 1;
    return 0;
}

void brink_sim_finish_horizon(brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    if (st->deal_standing) {
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "a comprehensive deal stands (first reached in month %d)", st->sum.deal_month);
        brink_sim_finish(sim, BRINK_OUTCOME_DEAL, st->sum.deal_month);
    } else if (partial_agreement(st, p->n_issues)) {
        int issues = 0;
        for (int i = 0; i < p->n_issues; i++)
            issues += (int)(st->agreed >> i & 1u);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "%d issue(s) agreed, %d milestone(s) verified%s, relief %.0f%%", issues,
                 st->sum.milestones_verified,
                 st->ms_pending >= 0 ? " and one awaiting verification" : "",
                 100 * st->relief_avg);
        brink_sim_finish(sim, BRINK_OUTCOME_PARTIAL_DEAL, st->sum.first_agreement_month);
    } else if (st->reversed) {
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "the agreement reached in month %d was discarded and nothing replaced it",
                 st->sum.first_agreement_month);
        brink_sim_finish(sim, BRINK_OUTCOME_DEAL_REVERSED, st->horizon);
    } else {
        snprintf(st->sum.cause, sizeof st->sum.cause, "no agreement by month %d",
                 st->horizon);
        brink_sim_finish(sim, BRINK_OUTCOME_STALEMATE, st->horizon);
    }
}

void brink_sim_valuation_report(brink_sim *sim)
{
    brink_state *st = &sim->st;
    brink_offer offer;
    brink_offer_value v;
    brink_offer_standing(sim, &offer);
    brink_offer_evaluate(sim, &offer, brink_maintenance_cost(sim), &v);
    st->maintenance = v.maintenance;
    st->submission = v.submission;
    st->durability = v.durability;
    st->deal_value = v.deal_value + v.continuation;
    st->p_accept = brink_accept_probability(v.log_ratio, st->theta,
                                            sim->p.s.behaviour_bargain_choice_noise);
}

/* A regime crisis (crisis 1) or a coup (2) in month `month`: its event and
 * cause, and the run's end. */
void brink_sim_end_crisis(brink_sim *sim, int crisis, int month)
{
    brink_state *st = &sim->st;
    if (crisis == 2) {
        brink_sim_event(sim, BRINK_EV_COUP, -1, st->cohesion);
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "the security forces turned on the leaders (cohesion %.2f)", st->cohesion);
    } else {
        brink_sim_event(sim, BRINK_EV_REGIME_CRISIS, -1, brink_crisis_hazard(sim));
        snprintf(st->sum.cause, sizeof st->sum.cause,
                 "regime crisis (legitimacy %.2f, cohesion %.2f, insurgency %.2f)", st->legitimacy,
                 st->cohesion, st->insurgency);
    }
    brink_sim_finish(sim, BRINK_OUTCOME_REGIME_CRISIS, month);
}

void brink_sim_month_end(brink_sim *sim)
{
    brink_state *st = &sim->st;
    if (sim->record)
        brink_sim_valuation_report(sim);
    st->t++;
    if (!st->over && st->t >= st->horizon)
        brink_sim_finish_horizon(sim);
}

/* (the month itself is model/month.c's, written over lanes) */
static int sim_step(brink_sim *sim)
{
    if (sim->st.over)
        return 0;
    return brink_month_run(sim, 1);
}

#ifdef BRINK_ISA_VARIANT
/* The entry of a copy for a wider processor, brink_sim_step_v3_ or _v4_
 * (compiled as a whole program: this entry alone is seen from outside). */
#define ISA_ENTRY_(level) brink_sim_step_v##level##_
#define ISA_ENTRY(level) ISA_ENTRY_(level)
__attribute__((externally_visible)) int ISA_ENTRY(BRINK_ISA_VARIANT)(brink_sim *sim)
{
    return sim_step(sim);
}
#else
/* The step of the widest copy the processor runs (model/isa.h): the same
 * bits from each. */
int brink_sim_step(brink_sim *sim)
{
    switch (brink_isa_step_()) {
#ifdef BRINK_HAVE_ISA_V4
    case BRINK_ISA_V4:
        return brink_sim_step_v4_(sim);
#endif
#ifdef BRINK_HAVE_ISA_V3
    case BRINK_ISA_V3:
        return brink_sim_step_v3_(sim);
#endif
    default:
        return sim_step(sim);
    }
}
#endif

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

brink_scale brink_var_scale_(brink_var v)
{
    switch (v) {
    case BRINK_VAR_FX_RATE:
    case BRINK_VAR_GDP:
        return BRINK_SCALE_LOG;
    case BRINK_VAR_INFLATION:
        return BRINK_SCALE_LOG1P;
    default:
        return BRINK_SCALE_LINEAR;
    }
}

double brink_sim_var(const brink_sim *sim, brink_var v)
{
    return brink_sim_var_inline_(sim, v);
}
