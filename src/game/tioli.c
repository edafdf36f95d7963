/* Take-it-or-leave-it with incomplete information (docs/game.md, "TIOLI").
 * The sender chooses the relief of its offer to maximise
 *     E_theta[P] U_S(deal, r) + (1 - E_theta[P]) U_S(no deal)
 * under its belief over the target's resolve, with the model's own
 * valuation (brink_offer_evaluate), acceptance rule and the terms' value
 * (brink_sender_offer_objective; adaptive offers maximise it under the
 * run's own belief, brink_sender_offer_objective_own). Both
 * U_S also count the senders' expected costs over the horizon (war, strikes,
 * the programme, posture and forgone trade), projected one month with and
 * without the agreement in force (game_outlook). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "brink/analysis_game.h"
#include "game/game_internal.h"
#include "model/belief.h"
#include "model/sender.h"
#include "model/valuation.h"

typedef struct {
    const struct brink_sim *sim;
    const struct brink_sim *now; /* the target's valuation is read here (game_now) */
    struct brink_sim *scratch;
    brink_offer offer;
    double mc;
    game_outlook nodeal;
    const double *grid, *w;
    int n;
    int evals;
} tctx;

/* The senders' expected costs over the horizon with the offer in force. */
static double outlook_deal(tctx *t)
{
    game_outlook o;
    game_project(t->scratch, t->sim, t->sim->st.s_pol, &t->offer, 0, NULL);
    game_outlook_read(t->scratch, game_horizon(t->sim), 0, t->sim->st.programme, &o);
    return o.value;
}

/* E[P] (terms + outlook with the deal) + (1 - E[P]) outlook without: the
 * adaptive offers' objective with U_S(no deal) the outlook without a deal,
 * plus E[P] times the outlook with it. *pa and *v may be NULL; *u receives
 * U_S(deal) when not NULL. */
static double evaluate(tctx *t, double *pa, brink_offer_value *v, double *u)
{
    double p;
    double ev = brink_sender_offer_objective(t->now, &t->offer, t->mc, t->grid, t->w, t->n,
                                             t->nodeal.value, &p, v);
    double with = p > 0 || u ? outlook_deal(t) : 0;
    if (pa)
        *pa = p;
    if (u)
        *u = brink_sender_deal_value(t->sim, &t->offer) + with;
    return ev + p * with;
}

static double objective(tctx *t, double r)
{
    t->offer.relief = r;
    t->evals++;
    return evaluate(t, NULL, NULL, NULL);
}

static double neg_objective(double r, void *ctx)
{
    return -objective(ctx, r);
}

static void moments(const double *grid, const double *w, int n, double *mean, double *sd)
{
    double m = 0, v = 0;
    for (int j = 0; j < n; j++)
        m += w[j] * grid[j];
    for (int j = 0; j < n; j++)
        v += w[j] * (grid[j] - m) * (grid[j] - m);
    *mean = m;
    *sd = sqrt(v);
}

/* Golden-section search for the maximum on [lo, hi]; returns its abscissa. */
static double golden(tctx *t, double lo, double hi, double *fbest)
{
    const double g = 0.6180339887498949;
    double a = lo, b = hi;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = objective(t, x1), f2 = objective(t, x2);
    while (b - a > 1e-12) {
        if (f1 < f2) {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = objective(t, x2);
        } else {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = objective(t, x1);
        }
    }
    double x = 0.5 * (a + b);
    *fbest = objective(t, x);
    return x;
}

/* Maximises the objective over r in [0, 1]. */
static double maximise(tctx *t, int npts)
{
    int best = 0;
    double fb = -INFINITY, prev = 0, next = 0;
    double *f = malloc((size_t)npts * sizeof *f);
    if (!f)
        return NAN;
    for (int i = 0; i < npts; i++) {
        f[i] = objective(t, (double)i / (npts - 1));
        if (f[i] > fb) {
            fb = f[i];
            best = i;
        }
    }
    double rb = (double)best / (npts - 1);
    if (best > 0)
        prev = f[best - 1];
    if (best < npts - 1)
        next = f[best + 1];
    free(f);
    if (best > 0 && best < npts - 1) {
        if (!(fb > prev && fb > next))
            return rb; /* flat at the grid's resolution: keep the grid point */
        gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
        if (!m)
            return rb;
        gsl_function fn = {neg_objective, t};
        double lo = (double)(best - 1) / (npts - 1), hi = (double)(best + 1) / (npts - 1);
        double x = rb;
        if (gsl_min_fminimizer_set_with_values(m, &fn, rb, -fb, lo, -prev, hi, -next) ==
            GSL_SUCCESS) {
            for (int it = 0; it < 200; it++) {
                if (gsl_min_fminimizer_iterate(m) != GSL_SUCCESS)
                    break;
                x = gsl_min_fminimizer_x_minimum(m);
                if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                          gsl_min_fminimizer_x_upper(m), 1e-12, 0) == GSL_SUCCESS)
                    break;
            }
        }
        gsl_min_fminimizer_free(m);
        return objective(t, x) >= fb ? x : rb;
    }
    /* the grid's best is an end of [0, 1]: the maximum lies in the first or
     * last interval, possibly at the end itself */
    double lo = best == 0 ? 0 : (double)(npts - 2) / (npts - 1);
    double hi = best == 0 ? 1.0 / (npts - 1) : 1;
    double fg;
    double x = golden(t, lo, hi, &fg);
    return fg > fb ? x : rb;
}

static void describe(tctx *t, double r, const struct brink_sim *sim, brink_tioli_offer *o,
                     int own_belief)
{
    double noise = sim->p.s.behaviour_bargain_choice_noise;
    brink_offer_value v;
    t->offer.relief = r;
    o->relief = r;
    o->sender = evaluate(t, &o->accept, &v, &o->sender_deal);
    o->terms = brink_sender_deal_value(sim, &t->offer);
    o->net = v.net;
    o->log_ratio = v.log_ratio;
    o->deal_value = v.deal_value + v.continuation;
    o->submission = v.submission;
    /* the target's expected gain from the offer over rejecting it: each type
     * accepts with the model's probability and then gains what the choice
     * rule weighs */
    double tg = 0;
    for (int j = 0; j < t->n; j++) {
        game_choice ch;
        game_choose(t->now, &v, t->grid[j], &ch);
        tg += t->w[j] * ch.p * ch.gain;
    }
    o->target = tg;

    /* the sender's belief after a rejection of this offer */
    o->post_mean = o->post_sd = NAN;
    if (own_belief) {
        struct brink_sim *c = malloc(sizeof *c);
        if (!c)
            return;
        memcpy(c, sim, sizeof *c);
        brink_belief_update(c, v.log_ratio, 1.0, noise, 0);
        moments(c->belief_grid, c->st.belief, BRINK_BELIEF_N, &o->post_mean, &o->post_sd);
        free(c);
    } else {
        double *post = malloc((size_t)t->n * sizeof *post);
        if (!post)
            return;
        brink_belief_posterior(t->grid, t->w, post, t->n, v.log_ratio, 1.0, noise, 0);
        moments(t->grid, post, t->n, &o->post_mean, &o->post_sd);
        free(post);
    }
}

brink_status brink_tioli_solve(const brink_sim *sim, const brink_tioli_options *opt,
                               brink_tioli *out, brink_error *err)
{
    int npts = opt && opt->grid ? opt->grid : 201;
    if (npts < 3 || npts > 1000000)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "grid of %d points is not in [3, 1000000]", npts);
    tctx t;
    memset(&t, 0, sizeof t);
    t.sim = sim;
    double *w = NULL;
    int own = !(opt && opt->belief_n > 0);
    if (own) {
        t.grid = sim->belief_grid;
        t.w = sim->st.belief;
        t.n = BRINK_BELIEF_N;
    } else {
        if (!opt->belief_theta || !opt->belief_weight)
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "belief without points");
        w = malloc((size_t)opt->belief_n * sizeof *w);
        if (!w)
            return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        double total = 0;
        for (int j = 0; j < opt->belief_n; j++) {
            if (!(opt->belief_weight[j] >= 0) || !isfinite(opt->belief_theta[j])) {
                free(w);
                return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                       "belief point %d is not a finite resolve with a "
                                       "non-negative weight", j);
            }
            total += opt->belief_weight[j];
        }
        if (!(total > 0) || !isfinite(total)) {
            free(w);
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "belief weights do not have a positive finite sum");
        }
        for (int j = 0; j < opt->belief_n; j++)
            w[j] = opt->belief_weight[j] / total;
        t.grid = opt->belief_theta;
        t.w = w;
        t.n = opt->belief_n;
    }
    t.scratch = game_scratch(sim);
    struct brink_sim *now = game_now(sim);
    if (!t.scratch || !now) {
        free(t.scratch);
        free(now);
        free(w);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    t.now = now;
    game_nodeal(t.scratch, sim, &t.nodeal);
    memset(out, 0, sizeof *out);
    out->month = sim->st.t;
    out->horizon = game_horizon(sim);
    out->value_no_deal = t.nodeal.value;
    out->noise = sim->p.s.behaviour_bargain_choice_noise;
    moments(t.grid, t.w, t.n, &out->prior_mean, &out->prior_sd);
    brink_offer_standing(sim, &t.offer);
    double standing = t.offer.relief;
    out->concession_value = brink_sender_concession_value(sim, &t.offer);
    t.mc = brink_maintenance_cost(now);

    double r = maximise(&t, npts);
    brink_status rc = BRINK_OK;
    if (isnan(r)) {
        rc = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    } else {
        out->evaluations = t.evals;
        describe(&t, r, sim, &out->best, own);
        describe(&t, standing, sim, &out->standing, own);
        if (isnan(out->best.post_mean) || isnan(out->standing.post_mean))
            rc = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    free(t.scratch);
    free(now);
    free(w);
    return rc;
}
