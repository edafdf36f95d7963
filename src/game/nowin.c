/* The no-win matrix: a 3x3 stage game at a state of a run, sender {tighten,
 * hold, relax} x target {accept, reject, escalate}, with payoffs from the
 * model's own value functions (docs/game.md, "The no-win matrix").
 *
 * Each sender action is projected one month on a copy of the run
 * (game_project): sanctions set to the action's level, then the model's own
 * blocks that respond. The target's valuation (M8-M14) and the senders'
 * expected costs are then read from the copy. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "game/game_internal.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/valuation.h"

void brink_nowin_options_default(brink_nowin_options *opt)
{
    opt->step = -1; /* the policy's ramp */
}

brink_status brink_nowin_compute(const brink_sim *sim, const brink_nowin_options *opt,
                                 brink_nowin *out, brink_error *err)
{
    brink_nowin_options def;
    if (!opt) {
        brink_nowin_options_default(&def);
        opt = &def;
    }
    if (!(opt->step <= 1) || isnan(opt->step))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "sanctions step %g is not in [0, 1] (or negative for the "
                               "policy's ramp)", opt->step);
    struct brink_sim *c = game_scratch(sim);
    if (!c)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");

    const brink_scalars *s = &sim->p.s;
    const int n = game_horizon(sim);
    memset(out, 0, sizeof *out);
    out->month = sim->st.t;
    out->horizon = n;
    out->baseline = 0;
    out->theta = sim->st.theta;
    out->s_now = sim->st.s_pol;
    out->step = opt->step >= 0 ? opt->step : brink_active_policy(sim)->sanctions_ramp;
    out->value_per_usd_bn = s->coalition_value_per_usd_bn;

    brink_offer offer;
    brink_offer_standing(sim, &offer);
    out->relief = offer.relief;
    out->is_public = offer.is_public;
    out->concession_value = brink_sender_concession_value(sim, &offer);
    out->relief_cost = brink_sender_give_cost(sim, &offer);
    const double terms = brink_sender_deal_value(sim, &offer);
    const double prog0 = sim->st.programme;
    const double dir[3] = {+1, 0, -1};

    for (int a = 0; a < 3; a++) {
        double level = brink_clamp01(sim->st.s_pol + dir[a] * out->step);
        double p_esc = 0;
        game_outlook o[3];

        /* reject: hold out at the new level */
        game_project(c, sim, level, NULL, 0, NULL);
        out->s_pol[a] = c->st.s_pol;
        out->s_eff[a] = c->st.S;
        double mc = brink_maintenance_cost(c);
        brink_offer_value v;
        brink_offer_evaluate(c, &offer, mc, &v);
        game_choice ch;
        game_choose(c, &v, out->theta, &ch);
        out->maintenance[a] = mc;
        out->deal_value[a] = v.deal_value + v.continuation;
        out->submission[a] = v.submission;
        out->durability[a] = v.durability;
        out->net[a] = v.net;
        out->accept_gain[a] = ch.gain;
        out->p_accept[a] = ch.p;
        game_outlook_read(c, n, 0, prog0, &o[BRINK_NOWIN_REJECT]);

        /* escalate: the target provokes an incident */
        game_project(c, sim, level, NULL, 1, &p_esc);
        out->maintenance_incident[a] = brink_maintenance_cost(c);
        out->p_escalate_incident[a] = p_esc;
        game_outlook_read(c, n, p_esc, prog0, &o[BRINK_NOWIN_ESCALATE]);

        /* accept: the standing offer in force */
        game_project(c, sim, level, &offer, 0, NULL);
        game_outlook_read(c, n, 0, prog0, &o[BRINK_NOWIN_ACCEPT]);

        /* the target: holding out costs the maintenance cost; accepting
         * also gains what the choice rule weighs, V + cont - C e^theta */
        out->target[a][BRINK_NOWIN_ACCEPT] = -mc + ch.gain;
        out->target[a][BRINK_NOWIN_REJECT] = -mc;
        out->target[a][BRINK_NOWIN_ESCALATE] =
            -out->maintenance_incident[a] - p_esc * s->behaviour_bargain_war_value;
        for (int b = 0; b < 3; b++) {
            out->p_war[a][b] = o[b].p_war;
            out->strikes[a][b] = o[b].strikes;
            out->programme[a][b] = o[b].programme;
            out->cost_usd_bn[a][b] = o[b].cost_usd_bn;
            out->sender[a][b] = o[b].value + (b == BRINK_NOWIN_ACCEPT ? terms : 0);
            out->worse[a][b] = out->target[a][b] < out->baseline;
        }
    }
    free(c);

    /* the verdicts: against the pre-crisis value, and against the status
     * quo (holding out at today's intensity) */
    const int H = BRINK_NOWIN_HOLD, T = BRINK_NOWIN_TIGHTEN;
    out->status_quo = out->target[H][BRINK_NOWIN_REJECT];
    out->no_win_pre_crisis = true;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            out->worse_status_quo[a][b] = out->target[a][b] < out->status_quo;
            out->no_win_pre_crisis &= out->worse[a][b];
        }
    out->accept_worse = out->target[H][BRINK_NOWIN_ACCEPT] < out->status_quo;
    out->reject_worse = out->target[T][BRINK_NOWIN_REJECT] < out->status_quo;
    out->escalate_worse = out->target[T][BRINK_NOWIN_ESCALATE] < out->status_quo;
    out->no_win = out->accept_worse && out->reject_worse && out->escalate_worse;
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
