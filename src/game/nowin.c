/* The no-win matrix: a 3x3 stage game at a state of a run, sender {tighten,
 * hold, relax} x target {accept, reject, escalate}, with payoffs from the
 * model's own value functions (docs/game.md, "The no-win matrix").
 *
 * Each sender action is projected one month on a copy of the run: sanctions
 * set to the action's level, then the model's own blocks that respond to
 * sanctions (compliance, bypass, trade at an unchanged oil price, reserves,
 * money, proxies, losses, politics, programme, tension and hazards) with the
 * shocks off. The target's valuation (M8-M14) is then read from the copy. */
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/valuation.h"

void brink_nowin_options_default(brink_nowin_options *opt)
{
    opt->step = BRINK_NOWIN_STEP;
    opt->usd_bn_value = BRINK_NOWIN_USD_VALUE;
}

/* One month's projection of `sim` into `c` with sanctions at s_pol, the
 * deal `deal` (may be NULL) in force, and, when `incident`, an incident
 * provoked by the target after the month (its escalation probability goes
 * to *p_esc). */
static void project(struct brink_sim *c, const struct brink_sim *sim, double s_pol,
                    const brink_offer *deal, int incident, double *p_esc)
{
    memcpy(c, sim, sizeof *c);
    brink_state *st = &c->st;
    c->record = 0;
    c->p.s.simulation_noise = 0;
    for (int g = 0; g < c->p.n_goods; g++)
        c->p.good[g].price_persistence = 1; /* prices stay where they are */
    if (deal) {
        for (int i = 0; i < c->p.n_issues; i++)
            if (deal->concession[i] > st->conceded[i])
                st->conceded[i] = deal->concession[i];
        for (int k = 0; k < c->p.n_senders; k++)
            if (st->part[k] > 0)
                st->relief[k] = brink_clamp01(st->relief[k] + deal->relief);
        brink_relief_update(c);
    }
    st->s_target = s_pol;
    st->s_pol = brink_clamp01(s_pol);
    st->S_prev = st->S;
    brink_sanctions_combine(c);

    brink_compliance_step(c);
    brink_bypass_step(c);
    brink_patrons_step(c);
    brink_trade_step(c, 0.0);
    brink_fiscal_step(c);
    brink_money_step(c, 0.0);
    brink_output_step(c);
    brink_proxies_step(c);
    brink_insurgency_step(c);
    st->loss = brink_flow_loss(c, NULL);
    st->eta = brink_erosion_rate(c);
    brink_politics_step(c, 2.0, 2.0); /* uniforms of 2: no crisis or coup is drawn */
    brink_programme_step(c);
    brink_conflict_tension(c);
    brink_conflict_hazards(c);
    if (incident) {
        *p_esc = st->p_escalate;
        brink_conflict_incident(c);
        brink_conflict_hazards(c);
    }
}

/* Programme level after `months` more months of M19 at the copy's state,
 * minus the level `from`. */
static double programme_change(struct brink_sim *c, int months, double from)
{
    for (int k = 1; k < months; k++) /* the projection was the first month */
        brink_programme_step(c);
    return c->st.programme - from;
}

/* Probability that war starts within n months at the copy's monthly hazard,
 * after a first hazard p0 (a provoked incident). */
static double war_within(const struct brink_sim *c, int n, double p0)
{
    return 1.0 - (1.0 - p0) * pow(1.0 - brink_war_hazard(c), n);
}

/* The senders' costs of sanctions and posture over n months, USD bn. */
static double sender_costs(const struct brink_sim *c, int n)
{
    return n * brink_sender_monthly_cost(c);
}

brink_status brink_nowin_compute(const brink_sim *sim, const brink_nowin_options *opt,
                                 brink_nowin *out, brink_error *err)
{
    brink_nowin_options def;
    if (!opt) {
        brink_nowin_options_default(&def);
        opt = &def;
    }
    if (!(opt->step > 0 && opt->step <= 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "sanctions step %g is not in (0, 1]", opt->step);
    if (!(opt->usd_bn_value >= 0 && isfinite(opt->usd_bn_value)))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "value of one USD bn %g is not a non-negative number",
                               opt->usd_bn_value);
    struct brink_sim *c = malloc(sizeof *c);
    if (!c)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");

    const brink_scalars *s = &sim->p.s;
    const int n = (int)s->target_planning_months;
    memset(out, 0, sizeof *out);
    out->month = sim->st.t;
    out->horizon = n;
    out->baseline = 0;
    out->theta = sim->st.theta;
    out->s_now = sim->st.s_pol;

    brink_offer offer;
    brink_offer_standing(sim, &offer);
    out->relief = offer.relief;
    out->is_public = offer.is_public;
    out->concession_value = brink_sender_concession_value(sim, &offer);
    out->relief_cost = brink_sender_give_cost(sim, &offer);
    const double usd = opt->usd_bn_value;
    const double prog0 = sim->st.programme;
    const double dir[3] = {+1, 0, -1};

    for (int a = 0; a < 3; a++) {
        double level = brink_clamp01(sim->st.s_pol + dir[a] * opt->step);
        double p_esc = 0;

        /* reject: hold out at the new level */
        project(c, sim, level, NULL, 0, NULL);
        out->s_pol[a] = c->st.s_pol;
        out->s_eff[a] = c->st.S;
        double mc = brink_maintenance_cost(c);
        brink_offer_value v;
        brink_offer_evaluate(c, &offer, mc, &v);
        out->maintenance[a] = mc;
        out->deal_value[a] = v.deal_value;
        out->submission[a] = v.submission;
        out->durability[a] = v.durability;
        out->net[a] = v.net;
        int r = BRINK_NOWIN_REJECT;
        out->p_war[a][r] = war_within(c, n, 0);
        out->cost_usd_bn[a][r] = sender_costs(c, n);
        out->programme[a][r] = programme_change(c, n, prog0);

        /* escalate: the target provokes an incident */
        project(c, sim, level, NULL, 1, &p_esc);
        int e = BRINK_NOWIN_ESCALATE;
        out->maintenance_incident[a] = brink_maintenance_cost(c);
        out->p_escalate_incident[a] = p_esc;
        out->p_war[a][e] = war_within(c, n, p_esc);
        out->cost_usd_bn[a][e] = sender_costs(c, n);
        out->programme[a][e] = programme_change(c, n, prog0);

        /* accept: the standing offer in force */
        project(c, sim, level, &offer, 0, NULL);
        int k = BRINK_NOWIN_ACCEPT;
        out->p_war[a][k] = war_within(c, n, 0);
        out->cost_usd_bn[a][k] = sender_costs(c, n);
        out->programme[a][k] = programme_change(c, n, prog0);

        /* payoffs */
        /* accepting beats holding out by V - C e^theta: the choice rule's
         * comparison of log value and log cost against resolve */
        out->target[a][k] = -out->maintenance[a] + out->deal_value[a] -
                            out->submission[a] * exp(out->theta);
        out->target[a][r] = -out->maintenance[a];
        out->target[a][e] = -out->maintenance_incident[a] -
                            p_esc * s->behaviour_bargain_war_value;
        for (int b = 0; b < 3; b++) {
            double u = -s->coalition_war_loss * out->p_war[a][b] -
                       s->coalition_programme_loss * out->programme[a][b] -
                       usd * out->cost_usd_bn[a][b];
            if (b == BRINK_NOWIN_ACCEPT)
                u += out->concession_value - out->relief_cost;
            out->sender[a][b] = u;
            out->worse[a][b] = out->target[a][b] < out->baseline;
        }
    }
    free(c);
    return BRINK_OK;
}

brink_game *brink_nowin_game(const brink_nowin *nw, brink_error *err)
{
    static const char *const rows[3] = {"tighten", "hold", "relax"};
    static const char *const cols[3] = {"accept", "reject", "escalate"};
    brink_game *g = brink_game_alloc(3, 3, err);
    if (!g)
        return NULL;
    if (brink_game_set_name(g, 0, -1, "sender", err) != BRINK_OK ||
        brink_game_set_name(g, 1, -1, "target", err) != BRINK_OK) {
        brink_game_free(g);
        return NULL;
    }
    for (int i = 0; i < 3; i++)
        if (brink_game_set_name(g, 0, i, rows[i], err) != BRINK_OK ||
            brink_game_set_name(g, 1, i, cols[i], err) != BRINK_OK) {
            brink_game_free(g);
            return NULL;
        }
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            g->a[a * 3 + b] = nw->sender[a][b];
            g->b[a * 3 + b] = nw->target[a][b];
        }
    return g;
}
