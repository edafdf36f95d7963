/* JSON reports of the game layer: the equilibria of a game, and the no-win
 * matrix, the take-it-or-leave-it offer and the zone of possible agreement
 * at a state of a run. What the commands print and write, byte for byte. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/analysis_game.h"
#include "brink/brink.h"
#include "brink/game.h"
#include "core/json_out.h"

#define JSON_DIGITS 10 /* significant digits of reals */

double brink_nash_clean_number(double v)
{
    if (!isfinite(v))
        return v;
    double tol = 1e-12 * fmax(1.0, fabs(v));
    for (int q = 1; q <= 1000; q++) {
        double p = round(v * q);
        if (fabs(v - p / q) <= tol)
            return p / q == 0.0 ? 0.0 : p / q; /* no -0 */
    }
    return v;
}

static json_t *json_num(double v)
{
    v = brink_nash_clean_number(v);
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static int push(json_t *arr, json_t *v)
{
    return v ? json_array_append_new(arr, v) : -1;
}

static json_t *nash_json(const brink_game *g, const brink_nash_result *r)
{
    json_t *root = json_object(), *list = json_array();
    size_t total = r->total > r->count ? r->total : r->count;
    int bad = !root || !list ||
              json_object_set_new(root, "degenerate", json_boolean(r->degenerate)) != 0 ||
              json_object_set_new(root, "total", json_integer((json_int_t)total)) != 0;
    for (size_t e = 0; !bad && e < r->count; e++) {
        const brink_equilibrium *q = &r->eq[e];
        json_t *item = json_object(), *strat = json_array(), *pay = json_array();
        json_t *x = json_array(), *y = json_array();
        bad = !item || !strat || !pay || !x || !y;
        for (int i = 0; !bad && i < g->m; i++)
            bad = push(x, json_num(q->x[i])) != 0;
        for (int j = 0; !bad && j < g->n; j++)
            bad = push(y, json_num(q->y[j])) != 0;
        if (!bad) {
            bad = json_array_append(strat, x) || json_array_append(strat, y) ||
                  push(pay, json_num(q->payoff[0])) || push(pay, json_num(q->payoff[1])) ||
                  json_object_set(item, "strategies", strat) ||
                  json_object_set(item, "payoffs", pay) || json_array_append(list, item);
        }
        json_decref(x);
        json_decref(y);
        json_decref(strat);
        json_decref(pay);
        json_decref(item);
    }
    if (!bad)
        bad = json_object_set(root, "equilibria", list) != 0;
    json_decref(list);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

brink_status brink_nash_write_json(const brink_game *g, const brink_nash_result *r, FILE *out,
                                   brink_error *err)
{
    json_t *j = nash_json(g, r);
    char *s = j ? json_dumps(j, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
    json_decref(j);
    int rc = s ? fprintf(out, "%s\n", s) : -1;
    free(s);
    if (rc < 0)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "cannot write JSON");
    return BRINK_OK;
}

/* ---- At a state of a run ----------------------------------------------------- */

static json_t *header_json(const brink_scenario *sc, const brink_game_state *at)
{
    json_t *root = json_object();
    if (!root)
        return NULL;
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    json_object_set_new(root, "policy", json_string(brink_scenario_policy_name(sc, at->policy)));
    json_object_set_new(root, "seed", json_integer((json_int_t)at->seed));
    json_object_set_new(root, "month", json_integer(at->month));
    json_object_set_new(root, "month_reached", json_integer(at->month_reached));
    if (at->month_reached < at->month) {
        const brink_summary *m = brink_sim_summary(at->sim);
        json_t *end = json_object();
        json_object_set_new(end, "outcome", json_string(brink_outcome_name(m->outcome)));
        json_object_set_new(end, "month", json_integer(m->outcome_month));
        json_object_set_new(end, "cause", json_string(m->cause));
        json_object_set_new(root, "ended_early", end);
    } else {
        json_object_set_new(root, "ended_early", json_null());
    }
    return root;
}

static const char *const action_name[3] = {"tighten", "hold", "relax"};
static const char *const answer_name[3] = {"accept", "reject", "escalate"};

const char *brink_nowin_action_name(int a)
{
    return a >= 0 && a < 3 ? action_name[a] : NULL;
}

const char *brink_nowin_answer_name(int b)
{
    return b >= 0 && b < 3 ? answer_name[b] : NULL;
}

static json_t *num3(const double *v)
{
    json_t *a = json_array();
    for (int i = 0; i < 3; i++)
        json_array_append_new(a, json_real(v[i]));
    return a;
}

static json_t *nowin_json(const brink_scenario *sc, const brink_game_state *at,
                          const brink_nowin *nw, const brink_game *g, const brink_nash_result *r)
{
    json_t *root = header_json(sc, at);
    json_t *res = nash_json(g, r);
    if (!root || !res) {
        json_decref(root);
        json_decref(res);
        return NULL;
    }
    json_object_set_new(root, "analysis", json_string("nowin"));
    json_object_set_new(root, "baseline", json_real(nw->baseline));
    json_object_set_new(root, "status_quo", json_real(nw->status_quo));
    json_object_set_new(root, "step", json_real(nw->step));
    json_object_set_new(root, "value_per_usd_bn", json_real(nw->value_per_usd_bn));
    json_object_set_new(root, "horizon_months", json_integer(nw->horizon));
    json_object_set_new(root, "resolve", json_real(nw->theta));
    json_object_set_new(root, "sanctions", json_real(nw->s_now));
    json_t *offer = json_object();
    json_object_set_new(offer, "relief", json_real(nw->relief));
    json_object_set_new(offer, "public", json_boolean(nw->is_public));
    json_object_set_new(offer, "concession_value", json_real(nw->concession_value));
    json_object_set_new(offer, "relief_cost", json_real(nw->relief_cost));
    json_object_set_new(root, "offer", offer);
    json_t *players = json_array(), *strat = json_array(), *rows = json_array(),
           *cols = json_array(), *pay = json_array(), *pa = json_array(), *pb = json_array();
    json_array_append_new(players, json_string("sender"));
    json_array_append_new(players, json_string("target"));
    for (int i = 0; i < 3; i++) {
        json_array_append_new(rows, json_string(action_name[i]));
        json_array_append_new(cols, json_string(answer_name[i]));
        json_array_append_new(pa, num3(nw->sender[i]));
        json_array_append_new(pb, num3(nw->target[i]));
    }
    json_array_append_new(strat, rows);
    json_array_append_new(strat, cols);
    json_array_append_new(pay, pa);
    json_array_append_new(pay, pb);
    json_t *game = json_object();
    json_object_set_new(game, "players", players);
    json_object_set_new(game, "strategies", strat);
    json_object_set_new(game, "payoffs", pay);
    json_object_set_new(root, "game", game);
    json_object_set(root, "degenerate", json_object_get(res, "degenerate"));
    json_object_set(root, "total", json_object_get(res, "total"));
    json_object_set(root, "equilibria", json_object_get(res, "equilibria"));
    json_decref(res);
    json_t *acts = json_array();
    for (int a = 0; a < 3; a++) {
        json_t *x = json_object();
        json_object_set_new(x, "action", json_string(action_name[a]));
        json_object_set_new(x, "sanctions", json_real(nw->s_pol[a]));
        json_object_set_new(x, "sanctions_effective", json_real(nw->s_eff[a]));
        json_object_set_new(x, "maintenance", json_real(nw->maintenance[a]));
        json_object_set_new(x, "maintenance_after_incident", json_real(nw->maintenance_incident[a]));
        json_object_set_new(x, "incident_escalation", json_real(nw->p_escalate_incident[a]));
        json_object_set_new(x, "deal_value", json_real(nw->deal_value[a]));
        json_object_set_new(x, "submission", json_real(nw->submission[a]));
        json_object_set_new(x, "durability", json_real(nw->durability[a]));
        json_object_set_new(x, "net", json_real(nw->net[a]));
        json_object_set_new(x, "accept_gain", json_real(nw->accept_gain[a]));
        json_object_set_new(x, "accept_probability", json_real(nw->p_accept[a]));
        json_array_append_new(acts, x);
    }
    json_object_set_new(root, "actions", acts);
    json_t *cells = json_array();
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            json_t *x = json_object();
            json_object_set_new(x, "sender_action", json_string(action_name[a]));
            json_object_set_new(x, "target_action", json_string(answer_name[b]));
            json_object_set_new(x, "target", json_real(nw->target[a][b]));
            json_object_set_new(x, "sender", json_real(nw->sender[a][b]));
            json_object_set_new(x, "worse_than_pre_crisis", json_boolean(nw->worse[a][b]));
            json_object_set_new(x, "worse_than_status_quo",
                                json_boolean(nw->worse_status_quo[a][b]));
            json_object_set_new(x, "p_war", json_real(nw->p_war[a][b]));
            json_object_set_new(x, "strikes", json_real(nw->strikes[a][b]));
            json_object_set_new(x, "programme_change", json_real(nw->programme[a][b]));
            json_object_set_new(x, "sender_cost_usd_bn", json_real(nw->cost_usd_bn[a][b]));
            json_array_append_new(cells, x);
        }
    json_object_set_new(root, "cells", cells);
    json_t *v = json_object();
    json_object_set_new(v, "accept_worse", json_boolean(nw->accept_worse));
    json_object_set_new(v, "reject_worse", json_boolean(nw->reject_worse));
    json_object_set_new(v, "escalate_worse", json_boolean(nw->escalate_worse));
    json_object_set_new(root, "against_status_quo", v);
    json_object_set_new(root, "no_win", json_boolean(nw->no_win));
    json_object_set_new(root, "no_win_pre_crisis", json_boolean(nw->no_win_pre_crisis));
    return root;
}

brink_status brink_nowin_write_json(const brink_scenario *sc, const brink_game_state *at,
                                    const brink_nowin *nw, const brink_game *g,
                                    const brink_nash_result *r, FILE *out, brink_error *err)
{
    return brink_json_write(nowin_json(sc, at, nw, g, r), out, JSON_DIGITS, err);
}

static json_t *offer_json(const brink_tioli_offer *o)
{
    json_t *x = json_object();
    json_object_set_new(x, "relief", json_real(o->relief));
    json_object_set_new(x, "accept_probability", json_real(o->accept));
    json_object_set_new(x, "sender_payoff", json_real(o->sender));
    json_object_set_new(x, "sender_deal", json_real(o->sender_deal));
    json_object_set_new(x, "terms", json_real(o->terms));
    json_object_set_new(x, "target_payoff", json_real(o->target));
    json_object_set_new(x, "net_value", json_real(o->net));
    json_object_set_new(x, "deal_value", json_real(o->deal_value));
    json_object_set_new(x, "submission", json_real(o->submission));
    json_t *post = json_object();
    json_object_set_new(post, "mean", json_real(o->post_mean));
    json_object_set_new(post, "sd", json_real(o->post_sd));
    json_object_set_new(x, "belief_after_rejection", post);
    return x;
}

brink_status brink_tioli_write_json(const brink_scenario *sc, const brink_game_state *at,
                                    const brink_tioli *t, FILE *out, brink_error *err)
{
    json_t *root = header_json(sc, at);
    if (root) {
        json_object_set_new(root, "analysis", json_string("tioli"));
        json_object_set_new(root, "choice_noise", json_real(t->noise));
        json_t *prior = json_object();
        json_object_set_new(prior, "mean", json_real(t->prior_mean));
        json_object_set_new(prior, "sd", json_real(t->prior_sd));
        json_object_set_new(root, "belief", prior);
        json_object_set_new(root, "concession_value", json_real(t->concession_value));
        json_object_set_new(root, "value_no_deal", json_real(t->value_no_deal));
        json_object_set_new(root, "horizon_months", json_integer(t->horizon));
        json_object_set_new(root, "optimal", offer_json(&t->best));
        json_object_set_new(root, "standing", offer_json(&t->standing));
    }
    return brink_json_write(root, out, JSON_DIGITS, err);
}

static json_t *slice_json(const brink_scenario *sc, const brink_zopa_slice *z)
{
    json_t *x = json_object();
    json_object_set_new(x, "issue", z->issue < 0 ? json_null() : json_string(brink_scenario_entity_id(sc, BRINK_ENTITY_ISSUE, z->issue)));
    json_object_set_new(x, "nonempty", json_boolean(z->nonempty));
    json_object_set_new(x, "area_share", json_real(z->area));
    json_object_set_new(x, "grid_share", brink_json_num(z->grid_share));
    json_object_set_new(x, "margin", json_real(z->margin));
    json_t *n = json_object();
    json_object_set_new(n, "concession", brink_json_num(z->nash_c));
    json_object_set_new(n, "relief", brink_json_num(z->nash_r));
    json_object_set_new(n, "target_gain", brink_json_num(z->nash_target));
    json_object_set_new(n, "sender_gain", brink_json_num(z->nash_sender));
    json_object_set_new(n, "product", brink_json_num(z->nash_product));
    json_object_set_new(x, "nash", z->nonempty ? n : json_null());
    if (!z->nonempty)
        json_decref(n);
    return x;
}

static json_t *draws_json(const brink_zopa_draws *d)
{
    json_t *x = json_object();
    json_object_set_new(x, "runs", json_integer((json_int_t)d->runs));
    json_object_set_new(x, "runs_requested", json_integer((json_int_t)d->runs_requested));
    json_object_set_new(x, "partial", json_boolean(d->partial));
    json_object_set_new(x, "ended_early", json_integer((json_int_t)d->ended_early));
    const struct {
        const char *name;
        uint64_t k;
        double lo, hi;
    } rows[3] = {{"bundled", d->bundled, d->bundled_lo, d->bundled_hi},
                 {"unbundled_any", d->unbundled_any, d->any_lo, d->any_hi},
                 {"unbundled_all", d->unbundled_all, d->all_lo, d->all_hi}};
    for (int i = 0; i < 3; i++) {
        json_t *p = json_object();
        json_object_set_new(p, "count", json_integer((json_int_t)rows[i].k));
        json_object_set_new(
            p, "p", brink_json_num(d->runs ? (double)rows[i].k / (double)d->runs : (double)NAN));
        json_object_set_new(p, "lo", json_real(rows[i].lo));
        json_object_set_new(p, "hi", json_real(rows[i].hi));
        json_object_set_new(x, rows[i].name, p);
    }
    json_object_set_new(x, "bundled_area_mean", brink_json_num(d->bundled_area_mean));
    json_object_set_new(x, "unbundled_area_mean", brink_json_num(d->unbundled_area_mean));
    return x;
}

static json_t *zopa_json(const brink_scenario *sc, const brink_game_state *at,
                         const brink_zopa *z, int grid, const brink_zopa_draws *d)
{
    json_t *root = header_json(sc, at);
    if (!root)
        return NULL;
    json_object_set_new(root, "analysis", json_string("zopa"));
    json_object_set_new(root, "resolve", json_real(z->theta));
    json_object_set_new(root, "value_no_deal", json_real(z->value_no_deal));
    json_object_set_new(root, "grid", json_integer(grid));
    json_object_set_new(root, "bundled", slice_json(sc, &z->bundled));
    json_t *u = json_object(), *issues = json_array();
    for (int k = 0; k < z->n_issues; k++)
        json_array_append_new(issues, slice_json(sc, &z->unbundled[k]));
    json_object_set_new(u, "issues", issues);
    json_object_set_new(u, "nonempty_issues", json_integer(z->unbundled_nonempty));
    json_object_set_new(u, "any", json_boolean(z->unbundled_nonempty > 0));
    json_object_set_new(u, "all", json_boolean(z->n_issues > 0 && z->unbundled_nonempty == z->n_issues));
    json_object_set_new(u, "area_share_sum", json_real(z->unbundled_area));
    json_object_set_new(u, "total_relief", json_real(z->total_relief));
    json_object_set_new(u, "total_target_gain", json_real(z->total_target));
    json_object_set_new(u, "total_sender_gain", json_real(z->total_sender));
    json_object_set_new(root, "unbundled", u);
    json_object_set_new(root, "uncertainty", d ? draws_json(d) : json_null());
    return root;
}

brink_status brink_zopa_write_json(const brink_scenario *sc, const brink_game_state *at,
                                   const brink_zopa *z, int grid, const brink_zopa_draws *d,
                                   FILE *out, brink_error *err)
{
    return brink_json_write(zopa_json(sc, at, z, grid, d), out, JSON_DIGITS, err);
}
