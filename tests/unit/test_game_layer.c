/* The game layer at a state of a run: the shared choice rule, the no-win
 * matrix (hand-computed sender payoffs, equilibria against lrsnash, the
 * inputs under which it is not no-win), take-it-or-leave-it offers and the
 * zone of possible agreement (closed forms). */
#include "sim_fixture.h"

#include "../support/lrsnash.h"
#include "brink/analysis_game.h"
#include "game/game_internal.h"
#include "model/sender.h"

/* The senders' values of the default case (scenarios/iran-2025.yaml and
 * the parameter defaults): issues' sender_value and demand, relief cost,
 * war, strike and programme losses, the value of a USD bn, posture cost. */
#define V_NUCLEAR 10.0
#define V_MISSILES 4.0
#define V_REGIONAL 4.0
#define D_NUCLEAR 1.0
#define D_MISSILES 0.8
#define D_REGIONAL 0.7
#define RELIEF_COST 3.0
#define WAR_LOSS 20.0
#define STRIKE_LOSS 3.0
#define PROGRAMME_LOSS 8.0
#define USD_VALUE 0.02
#define POSTURE_COST 0.6
#define MP_POSTURE 0.8 /* maximum_pressure */
#define MP_RAMP 0.03
#define US_GDP 27400.0
#define HORIZON 60

/* The senders' expected costs weigh nothing: the sender's gain is the terms. */
static void no_outlook(brink_sim *sim)
{
    sim->p.s.coalition_war_loss = 0;
    sim->p.s.coalition_strike_loss = 0;
    sim->p.s.coalition_programme_loss = 0;
    sim->p.s.coalition_value_per_usd_bn = 0;
}

/* ---- the choice rule ------------------------------------------------------ */

static void test_choice(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    const double tau = sim->p.s.behaviour_bargain_choice_noise;
    brink_offer_value v;
    memset(&v, 0, sizeof v);
    game_choice ch;

    /* V = 2, C = 1, theta = ln 2: indifferent, P = 1/2, gain 0 */
    v.deal_value = 2;
    v.submission = 1;
    v.log_ratio = brink_log_ratio(2, 1);
    game_choose(sim, &v, log(2.0), &ch);
    assert_close(ch.p, 0.5, 1e-15);
    assert_close(ch.gain, 0, 1e-15);
    /* theta = 0: V - C = 1, P = Λ(ln 2 / tau) */
    game_choose(sim, &v, 0, &ch);
    assert_close(ch.gain, 1, 1e-15);
    assert_close(ch.p, 1 / (1 + exp(-log(2.0) / tau)), 1e-15);
    /* theta = 1: 2 - e < 0 */
    game_choose(sim, &v, 1, &ch);
    assert_close(ch.gain, 2 - exp(1.0), 1e-15);
    assert_true(ch.p < 0.5);
    /* free relief (nothing conceded) is taken whatever the resolve */
    v.submission = 0;
    v.log_ratio = brink_log_ratio(2, 0);
    game_choose(sim, &v, 5, &ch);
    assert_close(ch.p, 1, 0);
    assert_close(ch.gain, 2, 0);
    /* a worthless offer is refused */
    v.deal_value = 0;
    v.submission = 1;
    v.log_ratio = brink_log_ratio(0, 1);
    game_choose(sim, &v, -5, &ch);
    assert_close(ch.p, 0, 0);
    assert_true(ch.gain < 0);
    /* the null offer: no gain, never taken */
    v.submission = 0;
    v.log_ratio = brink_log_ratio(0, 0);
    game_choose(sim, &v, 0, &ch);
    assert_close(ch.p, 0, 0);
    assert_close(ch.gain, 0, 0);
    /* the sign of the gain is the side of P = 1/2, over a sweep */
    for (int k = 0; k < 200; k++) {
        v.deal_value = 0.05 + 0.1 * k;
        v.submission = 7.3;
        v.log_ratio = brink_log_ratio(v.deal_value, v.submission);
        game_choose(sim, &v, 0.3, &ch);
        assert_true((ch.gain > 0) == (ch.p > 0.5));
    }
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* ---- the no-win matrix ----------------------------------------------------- */

/* The sender's payoff of a cell from its parts, with the case's values. */
static double sender_by_hand(const brink_nowin *nw, int a, int b)
{
    double terms = V_NUCLEAR * D_NUCLEAR + V_MISSILES * D_MISSILES + V_REGIONAL * D_REGIONAL -
                   RELIEF_COST * 1.0;
    return -(WAR_LOSS * nw->p_war[a][b] + STRIKE_LOSS * nw->strikes[a][b] +
             PROGRAMME_LOSS * nw->programme[a][b] + USD_VALUE * nw->cost_usd_bn[a][b]) +
           (b == BRINK_NOWIN_ACCEPT ? terms : 0);
}

/* Every equilibrium of the game, as lrsnash finds them on its payoffs
 * rounded to 1e-6. */
static void check_lrsnash(const brink_game *g)
{
    long a[9], b[9];
    brink_game *r = brink_game_alloc(3, 3, NULL);
    assert_non_null(r);
    for (int c = 0; c < 9; c++) {
        a[c] = lround(g->a[c] * 1e6);
        b[c] = lround(g->b[c] * 1e6);
        r->a[c] = (double)a[c];
        r->b[c] = (double)b[c];
    }
    brink_nash_result *res = brink_nash_result_alloc(NULL);
    assert_non_null(res);
    assert_int_equal(brink_nash_enumerate(r, NULL, res, NULL), BRINK_OK);
    lrs_eqs lrs;
    char why[512] = "";
    if (!lrs_solve(3, 3, a, b, &lrs, why, sizeof why))
        fail_msg("lrsnash: %s", why);
    for (size_t k = 0; k < lrs.count; k++) {
        double best = INFINITY;
        for (size_t e = 0; e < res->count; e++) {
            double d = 0;
            for (int i = 0; i < 3; i++)
                d = fmax(d, fmax(fabs(res->eq[e].x[i] - lrs.v[k * 6 + (size_t)i]),
                                 fabs(res->eq[e].y[i] - lrs.v[k * 6 + 3 + (size_t)i])));
            best = fmin(best, d);
        }
        assert_true(best < 1e-9);
    }
    assert_true(lrs.count >= res->count);
    lrs_eqs_free(&lrs);
    brink_nash_result_free(res);
    brink_game_free(r);
}

/* A leadership more resolved than the median: the median one accepts
 * maximum pressure's offer within a year on seed 1, and these tests need the
 * confrontation still on at month 12. */
static brink_scenario *holdout_scenario(void)
{
    brink_scenario *sc = fixture_scenario();
    brink_error err;
    brink_error_clear(&err);
    assert_int_equal(brink_scenario_set(sc, "target.resolve=0.8", &err), BRINK_OK);
    return sc;
}

static void test_nowin_month12(void **state)
{
    (void)state;
    brink_scenario *sc = holdout_scenario();
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    assert_non_null(sim);
    assert_int_equal(brink_sim_init(sim, fixture_policy(sc, "maximum_pressure"), 1, 0, 0, 1, NULL),
                     BRINK_OK);
    assert_int_equal(brink_game_advance(sim, 12), 12);
    brink_state before = sim->st;

    brink_nowin nw;
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, NULL), BRINK_OK);
    /* the workspace is left as it was */
    assert_memory_equal(&before, &sim->st, sizeof before);
    assert_int_equal(nw.month, 12);
    assert_int_equal(nw.horizon, HORIZON);
    /* the step is the policy's ramp: one month's largest move */
    assert_close(nw.step, MP_RAMP, 0);
    assert_close(nw.s_pol[BRINK_NOWIN_TIGHTEN], fmin(1, nw.s_now + MP_RAMP), 1e-15);
    assert_close(nw.s_pol[BRINK_NOWIN_HOLD], nw.s_now, 0);
    assert_close(nw.s_pol[BRINK_NOWIN_RELAX], nw.s_now - MP_RAMP, 1e-15);
    assert_close(nw.value_per_usd_bn, USD_VALUE, 0);
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            assert_true(isfinite(nw.target[a][b]));
            assert_true(nw.p_war[a][b] >= 0 && nw.p_war[a][b] <= 1);
            /* the US trades nothing with Iran: its only cost is the posture */
            assert_close(nw.cost_usd_bn[a][b], HORIZON * POSTURE_COST * MP_POSTURE, 1e-9);
            assert_close(nw.sender[a][b], sender_by_hand(&nw, a, b), 1e-12);
            assert_true(nw.worse[a][b] == (nw.target[a][b] < 0));
            assert_true(nw.worse_status_quo[a][b] == (nw.target[a][b] < nw.status_quo));
        }
    /* tightening raises the cost of rejecting (holding out is dearer under
     * more pressure) */
    assert_true(nw.target[BRINK_NOWIN_TIGHTEN][BRINK_NOWIN_REJECT] <
                nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT]);
    assert_true(nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT] <
                nw.target[BRINK_NOWIN_RELAX][BRINK_NOWIN_REJECT]);
    for (int a = 0; a < 3; a++) {
        /* a provoked incident raises the chance of war */
        assert_true(nw.p_war[a][BRINK_NOWIN_ESCALATE] > nw.p_war[a][BRINK_NOWIN_REJECT]);
        /* a deal in force meets the demands: fewer strikes, less war, the
         * programme rolled back */
        assert_true(nw.strikes[a][BRINK_NOWIN_ACCEPT] < nw.strikes[a][BRINK_NOWIN_REJECT]);
        assert_true(nw.p_war[a][BRINK_NOWIN_ACCEPT] < nw.p_war[a][BRINK_NOWIN_REJECT]);
        assert_true(nw.programme[a][BRINK_NOWIN_ACCEPT] < 0);
        assert_true(nw.programme[a][BRINK_NOWIN_REJECT] > 0);
        /* accepting minus rejecting is the choice rule's V - C e^theta, on the
         * side of P = 1/2 the model's probability is */
        double d = nw.target[a][BRINK_NOWIN_ACCEPT] - nw.target[a][BRINK_NOWIN_REJECT];
        assert_close(d, nw.deal_value[a] - nw.submission[a] * exp(nw.theta), 1e-9);
        assert_close(d, nw.accept_gain[a], 1e-12);
        assert_true((d > 0) == (nw.p_accept[a] > 0.5));
        /* definitional: without inducements the deal removes at most the
         * maintenance cost, so accepting is at most -C e^theta < 0 */
        assert_true(nw.deal_value[a] <= nw.maintenance[a]);
        assert_true(nw.target[a][BRINK_NOWIN_ACCEPT] <= -nw.submission[a] * exp(nw.theta) + 1e-12);
    }
    /* the verdicts follow their definitions; here both hold */
    assert_close(nw.status_quo, nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT], 0);
    assert_true(nw.no_win_pre_crisis);
    assert_true(nw.accept_worse && nw.reject_worse && nw.escalate_worse);
    assert_true(nw.no_win);

    /* the equilibrium: rejecting is strictly best for the target whatever the
     * sender does, so the sender best-responds to it; lrsnash agrees */
    brink_game *g = brink_nowin_game(&nw, NULL);
    assert_non_null(g);
    assert_string_equal(g->strategy[0][0], "tighten");
    assert_string_equal(g->strategy[1][2], "escalate");
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            if (b != BRINK_NOWIN_REJECT)
                assert_true(nw.target[a][b] < nw.target[a][BRINK_NOWIN_REJECT]);
    int best = 0;
    for (int a = 1; a < 3; a++)
        if (nw.sender[a][BRINK_NOWIN_REJECT] > nw.sender[best][BRINK_NOWIN_REJECT])
            best = a;
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    assert_non_null(r);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, NULL), BRINK_OK);
    assert_int_equal(r->count, 1);
    assert_close(r->eq[0].x[best], 1, 1e-12);
    assert_close(r->eq[0].y[BRINK_NOWIN_REJECT], 1, 1e-12);
    check_lrsnash(g);
    brink_nash_result_free(r);
    brink_game_free(g);

    brink_nowin_options bad = {.step = 1.5};
    assert_int_equal(brink_nowin_compute(sim, &bad, &nw, NULL), BRINK_ERR_INPUT);
    bad.step = NAN;
    assert_int_equal(brink_nowin_compute(sim, &bad, &nw, NULL), BRINK_ERR_INPUT);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* The inputs under which the matrix is not no-win. */
static void test_nowin_not_no_win(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_nowin nw;

    /* against the pre-crisis value: only what a deal adds beyond the costs
     * it removes can lift a cell above 0. Staged reciprocity's first step
     * carries 0.15 / 0.8 of the fuel consortium; at 100 GDP-months that is
     * 18.75, more than the costs the step leaves. */
    brink_sim *sim = fixture_sim(sc, "staged_reciprocity", 1);
    int k = 0;
    assert_int_equal(sim->p.n_inducements, 1);
    sim->p.inducement[k].value_gdp_months = 100;
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, NULL), BRINK_OK);
    for (int a = 0; a < 3; a++) {
        assert_true(nw.deal_value[a] > 18.75);
        assert_true(nw.target[a][BRINK_NOWIN_ACCEPT] > 0);
        assert_false(nw.worse[a][BRINK_NOWIN_ACCEPT]);
    }
    assert_false(nw.no_win_pre_crisis);
    assert_false(nw.accept_worse);
    assert_false(nw.no_win);
    brink_sim_free(sim);

    /* against the status quo: a target that takes the offer (resolve far
     * below the log value-to-cost ratio) gains by accepting */
    sim = fixture_sim(sc, "maximum_pressure", 1);
    sim->st.theta = -5;
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, NULL), BRINK_OK);
    assert_true(nw.p_accept[BRINK_NOWIN_HOLD] > 0.5);
    assert_false(nw.accept_worse);
    assert_false(nw.no_win);
    assert_true(nw.no_win_pre_crisis); /* still below 0: by construction */
    /* a sender that cannot tighten (step 0) does not punish a refusal */
    sim->st.theta = 0.3;
    brink_nowin_options opt = {.step = 0};
    assert_int_equal(brink_nowin_compute(sim, &opt, &nw, NULL), BRINK_OK);
    assert_close(nw.target[BRINK_NOWIN_TIGHTEN][BRINK_NOWIN_REJECT], nw.status_quo, 0);
    assert_false(nw.reject_worse);
    assert_false(nw.no_win);
    brink_sim_free(sim);
    /* nor does a policy whose ramp is 0 */
    sim = fixture_sim(sc, "status_quo", 1);
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, NULL), BRINK_OK);
    assert_close(nw.step, 0, 0);
    assert_false(nw.no_win);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* ---- the sender's outlook is one function ----------------------------------- */

static void test_outlook_shared(void **state)
{
    (void)state;
    brink_scenario *sc = holdout_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    assert_int_equal(brink_game_advance(sim, 12), 12);
    brink_nowin nw;
    brink_tioli t;
    brink_zopa_options zo = {.grid = 11, .nash = false};
    brink_zopa z;
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, NULL), BRINK_OK);
    assert_int_equal(brink_tioli_solve(sim, NULL, &t, NULL), BRINK_OK);
    assert_int_equal(brink_zopa_compute(sim, &zo, &z, NULL), BRINK_OK);
    /* no deal: holding out at today's intensity */
    assert_close(t.value_no_deal, nw.sender[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT], 1e-12);
    assert_close(z.value_no_deal, t.value_no_deal, 0);
    assert_true(t.value_no_deal < 0);
    /* the policy's own offer, valued by the target at the same state */
    assert_close(t.standing.relief, nw.relief, 0);
    assert_close(t.standing.deal_value, nw.deal_value[BRINK_NOWIN_HOLD], 1e-12);
    assert_close(t.standing.submission, nw.submission[BRINK_NOWIN_HOLD], 1e-12);
    assert_true((t.standing.log_ratio > nw.theta) == (nw.accept_gain[BRINK_NOWIN_HOLD] > 0));
    assert_close(t.standing.sender_deal, nw.sender[BRINK_NOWIN_HOLD][BRINK_NOWIN_ACCEPT], 1e-12);
    assert_close(t.standing.sender,
                 t.standing.accept * t.standing.sender_deal +
                     (1 - t.standing.accept) * t.value_no_deal,
                 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* ---- take-it-or-leave-it: closed forms ------------------------------------
 *
 * At month 0 no relief is in force, so the target's value of an offer with
 * relief r is proportional to it, V(r) = alpha r (alpha = D MC), while its
 * cost C (the submission cost) does not depend on r: the log ratio is
 * x(r) = ln r + c0, c0 = ln(alpha / C).
 *
 * The sender: the deal's terms are G - k r (G the value of the
 * concessions, k = relief_cost). With war, strikes and the programme
 * weighing nothing, the senders' expected costs are their posture and
 * forgone trade, N months x (posture_cost x posture + trade x GDP / 12 x s
 * (1 - r)) x value_per_usd_bn; the posture costs the same with or without a
 * deal, and the relief r saves m r, m = usd N trade GDP s / 12. So
 *     U_S(deal, r) - U_S(no deal) = G - (k - m) r.
 *
 * With a uniform prior on theta over [a, b] and a deterministic choice
 * (tau -> 0), the target accepts iff theta < x(r), so
 *     P(r) = (ln r + c0 - a) / (b - a)   while a < x(r) < b.
 * The sender maximises P(r) (G - k' r), k' = k - m; the first-order
 * condition is
 *     G / r - k' - k' (ln r + c0 - a) = 0.
 * We choose k' = G / 1.2 and a = c0 + ln 0.4 + 1 - G / (0.4 k') so that
 * r* = 0.4, and b = c0 + 1 > x(1): the optimum is interior.
 *
 * The prior is a grid of midpoints with spacing h and tau = 20 h: the
 * grid sum of Λ((x - theta)/tau) equals the integral up to terms
 * exponentially small in tau / h, and away from a and b the logistic's
 * symmetry makes E[Λ] = F(x) up to terms exponentially small in the
 * distance over tau. */

/* The root of G / r - k - k (ln r + c0 - a) = 0 on (0, 1] (decreasing). */
static double foc_root(double G, double k, double c0, double a)
{
    double lo = 1e-6, hi = 1;
    for (int i = 0; i < 200; i++) {
        double r = 0.5 * (lo + hi);
        double f = G / r - k - k * (log(r) + c0 - a);
        if (f > 0)
            lo = r;
        else
            hi = r;
    }
    return 0.5 * (lo + hi);
}

static void test_tioli_closed_form(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    assert_close(sim->st.relief_avg, 0, 0);
    assert_close(sim->st.s_pol, 0.7, 0); /* coalition.sanctions_initial */
    sim->p.s.coalition_war_loss = 0;
    sim->p.s.coalition_strike_loss = 0;
    sim->p.s.coalition_programme_loss = 0;
    const double trade = 5e-4;
    sim->p.sender[0].trade_share_gdp = trade;
    const double m = USD_VALUE * HORIZON * trade * US_GDP / 12 * 0.7;

    /* the target values offers at the month's state with sanctions held */
    struct brink_sim *now = game_now(sim);
    assert_non_null(now);
    brink_offer offer;
    brink_offer_value v0, v1;
    brink_offer_standing(sim, &offer);
    assert_int_equal(offer.inducements, 0u);
    double mc = brink_maintenance_cost(now);
    offer.relief = 0.5;
    brink_offer_evaluate(now, &offer, mc, &v0);
    offer.relief = 1;
    brink_offer_evaluate(now, &offer, mc, &v1);
    free(now);
    double alpha = v1.deal_value, C = v1.submission;
    assert_true(alpha > 0 && C > 0);
    assert_close(v0.deal_value, 0.5 * alpha, 1e-12); /* proportional */
    assert_close(v0.submission, C, 0);                /* and the cost does not move */
    double c0 = log(alpha / C);
    assert_close(v1.log_ratio, c0, 1e-12);
    double G = brink_sender_concession_value(sim, &offer);
    assert_close(G, V_NUCLEAR * D_NUCLEAR + V_MISSILES * D_MISSILES + V_REGIONAL * D_REGIONAL,
                 1e-12);
    double kp = G / 1.2;
    sim->p.s.coalition_relief_cost = kp + m;

    const int n = 20001;
    double a = c0 + log(0.4) + 1 - G / (0.4 * kp), b = c0 + 1;
    double h = (b - a) / n;
    double *theta = malloc(n * sizeof *theta), *w = malloc(n * sizeof *w);
    assert_non_null(theta);
    assert_non_null(w);
    for (int j = 0; j < n; j++) {
        theta[j] = a + (j + 0.5) * h;
        w[j] = 1;
    }
    sim->p.s.behaviour_bargain_choice_noise = 20 * h;

    brink_tioli_options opt = {.belief_n = n, .belief_theta = theta, .belief_weight = w};
    brink_tioli t;
    assert_int_equal(brink_tioli_solve(sim, &opt, &t, NULL), BRINK_OK);
    /* no deal: the posture and the forgone trade over the horizon */
    double nodeal = -USD_VALUE * HORIZON * (POSTURE_COST * MP_POSTURE + trade * US_GDP / 12 * 0.7);
    assert_close(t.value_no_deal, nodeal, 1e-12);
    assert_close(foc_root(G, kp, c0, a), 0.4, 1e-9);
    assert_close(t.best.relief, 0.4, 1e-5);
    /* acceptance is the prior CDF at the log ratio */
    double F = (log(t.best.relief) + c0 - a) / (b - a);
    assert_close(t.best.accept, F, 1e-5);
    assert_close(t.best.log_ratio, log(t.best.relief) + c0, 1e-9);
    /* the deal's terms and the sender's payoff of it */
    assert_close(t.best.terms, G - (kp + m) * t.best.relief, 1e-12);
    assert_close(t.best.sender_deal - nodeal, G - kp * t.best.relief, 1e-9);
    /* the sender's payoff at the optimum: P(r*) (G - k' r*) + U_S(no deal) */
    assert_close(t.best.sender, (log(0.4) + c0 - a) / (b - a) * (G - kp * 0.4) + nodeal, 1e-5);
    /* the prior: uniform mean and sd */
    assert_close(t.prior_mean, 0.5 * (a + b), 1e-9);
    assert_close(t.prior_sd, (b - a) / sqrt(12.0), 1e-4 * (b - a));
    /* a rejection says resolve is high: the posterior mean rises (to the mean
     * of the uniform on [x, b]) */
    assert_true(t.best.post_mean > t.prior_mean);
    assert_close(t.best.post_mean, 0.5 * (t.best.log_ratio + b), 1e-3);
    /* the optimum beats the policy's own relief (1) */
    assert_true(t.best.sender >= t.standing.sender);
    assert_close(t.standing.relief, 1, 0);

    /* costs a deal does not change do not move the optimum: a posture four
     * times as dear shifts every payoff, not the relief */
    sim->p.s.coalition_posture_cost_usd_bn_month = 4 * POSTURE_COST;
    brink_tioli t2;
    assert_int_equal(brink_tioli_solve(sim, &opt, &t2, NULL), BRINK_OK);
    assert_close(t2.best.relief, t.best.relief, 1e-9);
    assert_close(t2.value_no_deal - t.value_no_deal,
                 -USD_VALUE * HORIZON * 3 * POSTURE_COST * MP_POSTURE, 1e-12);

    free(theta);
    free(w);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* With the run's own belief, a rejection raises the expected resolve too. */
static void test_tioli_run_belief(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 0.5;
    sim->p.s.behaviour_bargain_further_demands = 0;
    brink_tioli t;
    assert_int_equal(brink_tioli_solve(sim, NULL, &t, NULL), BRINK_OK);
    assert_close(t.prior_mean, brink_belief_mean(sim), 1e-12);
    assert_true(t.best.accept > 0.01 && t.best.accept < 0.99);
    assert_true(t.best.post_mean > t.prior_mean);
    assert_true(t.standing.post_mean > t.prior_mean);
    assert_true(t.best.sender >= t.standing.sender - 1e-12);
    assert_true(t.best.relief >= 0 && t.best.relief <= 1);
    assert_close(t.best.sender, t.best.accept * t.best.sender_deal +
                                    (1 - t.best.accept) * t.value_no_deal, 1e-12);
    /* the target's expected gain: each type's P times V + cont - C e^theta */
    double tg = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++) {
        double x = t.best.log_ratio, th = sim->belief_grid[j];
        tg += sim->st.belief[j] *
              brink_accept_probability(x, th, sim->p.s.behaviour_bargain_choice_noise) *
              (t.best.deal_value - t.best.submission * exp(th));
    }
    assert_close(t.best.target, tg, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* ---- the zone of possible agreement --------------------------------------- */

static void zopa_at(brink_sim *sim, brink_zopa *z)
{
    brink_zopa_options opt;
    brink_zopa_options_default(&opt);
    assert_int_equal(brink_zopa_compute(sim, &opt, z, NULL), BRINK_OK);
}

static void check_nash_inside(const brink_zopa_slice *s)
{
    if (!s->nonempty)
        return;
    assert_true(s->nash_c >= 0 && s->nash_c <= 1);
    assert_true(s->nash_r >= 0 && s->nash_r <= 1);
    assert_true(s->nash_target >= 0);
    assert_true(s->nash_sender >= 0);
    assert_true(s->area >= 0 && s->area <= 1 + 1e-12);
}

/* The bundled slice at month 0 with the senders' expected costs reduced to
 * forgone trade (as in the TIOLI closed form) is a cone: the target's gain
 * is alpha r - beta c (V = D MC r; the cost of conceding c on every issue,
 * C(1) c, times e^theta) and the sender's G1 c - k' r (G1 the issues'
 * sender values summed, k' = relief_cost - m). The zone is the wedge
 * (beta / alpha) c <= r <= (G1 / k') c, non-empty iff G1 / k' > beta / alpha. */
typedef struct {
    double alpha, beta, G1, kp;
} cone;

static cone cone_at(brink_sim *sim, double relief_cost, double trade)
{
    cone k;
    no_outlook(sim);
    sim->p.s.coalition_value_per_usd_bn = USD_VALUE;
    sim->p.sender[0].trade_share_gdp = trade;
    sim->p.s.coalition_relief_cost = relief_cost;
    struct brink_sim *now = game_now(sim);
    assert_non_null(now);
    brink_offer o;
    brink_offer_standing(sim, &o);
    for (int i = 0; i < sim->p.n_issues; i++)
        o.concession[i] = 1;
    o.relief = 1;
    brink_offer_value v;
    brink_offer_evaluate(now, &o, brink_maintenance_cost(now), &v);
    free(now);
    k.alpha = v.deal_value;
    k.beta = v.submission * exp(sim->st.theta);
    k.G1 = V_NUCLEAR + V_MISSILES + V_REGIONAL;
    k.kp = relief_cost - USD_VALUE * HORIZON * trade * US_GDP / 12 * sim->st.s_pol;
    return k;
}

/* Length of the wedge at concession c inside [0, 1]. */
static double wedge(const cone *k, double c)
{
    double len = fmin(1, k->G1 / k->kp * c) - fmin(1, k->beta / k->alpha * c);
    return len > 0 ? len : 0;
}

/* The trapezoid rule on the wedge's exact lengths (the zone's quadrature),
 * and the exact area. */
static double wedge_trapezoid(const cone *k, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += (i == 0 || i == n - 1 ? 0.5 : 1.0) * wedge(k, (double)i / (n - 1));
    return sum / (n - 1);
}

static double wedge_area(const cone *k)
{
    double a = k->beta / k->alpha, b = k->G1 / k->kp;
    /* A(m) = integral of min(1, m c) over [0, 1] */
#define A_OF(m) ((m) <= 1 ? 0.5 * (m) : 1 - 0.5 / (m))
    return A_OF(b) - A_OF(a);
#undef A_OF
}

/* The Nash point of the wedge, a product of two linear forms homogeneous in
 * (c, r): on the edge r = 1 or c = 1, at the midpoint of the roots. */
static void wedge_nash(const cone *k, double *c, double *r)
{
    double best = -1;
    double lo = k->kp / k->G1, hi = fmin(1, k->alpha / k->beta); /* r = 1 */
    if (lo < hi) {
        double x = fmin(fmax(0.5 * (lo + k->alpha / k->beta), lo), hi);
        double f = (k->alpha - k->beta * x) * (k->G1 * x - k->kp);
        if (f > best) {
            best = f;
            *c = x;
            *r = 1;
        }
    }
    lo = k->beta / k->alpha;
    hi = fmin(1, k->G1 / k->kp); /* c = 1 */
    if (lo < hi) {
        double y = fmin(fmax(0.5 * (lo + k->G1 / k->kp), lo), hi);
        double f = (k->alpha * y - k->beta) * (k->G1 - k->kp * y);
        if (f > best) {
            *c = 1;
            *r = y;
        }
    }
}

static void test_zopa_cone(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    cone k = cone_at(sim, 2 + USD_VALUE * HORIZON * 5e-4 * US_GDP / 12 * 0.7, 5e-4);
    assert_close(k.kp, 2, 1e-12);
    assert_true(k.G1 / k.kp > k.beta / k.alpha); /* a zone */
    brink_zopa z;
    zopa_at(sim, &z);
    const brink_zopa_slice *s = &z.bundled;
    assert_true(s->nonempty);
    assert_true(s->margin > 0);
    assert_close(s->area, wedge_trapezoid(&k, 101), 1e-10);
    assert_close(s->area, wedge_area(&k), 1e-3 * wedge_area(&k));
    double c, r;
    wedge_nash(&k, &c, &r);
    assert_close(s->nash_c, c, 1e-7);
    assert_close(s->nash_r, r, 1e-7);
    assert_close(s->nash_target, k.alpha * r - k.beta * c, 1e-7);
    assert_close(s->nash_sender, k.G1 * c - k.kp * r, 1e-7);

    /* free relief is taken: with nothing conceded the target gains alpha r */
    struct brink_sim *now = game_now(sim);
    assert_non_null(now);
    for (int j = 1; j <= 10; j++) {
        brink_offer o;
        brink_offer_standing(sim, &o);
        for (int i = 0; i < sim->p.n_issues; i++)
            o.concession[i] = 0;
        o.relief = j / 10.0;
        brink_offer_value v;
        brink_offer_evaluate(now, &o, brink_maintenance_cost(now), &v);
        game_choice ch;
        game_choose(now, &v, now->st.theta, &ch);
        assert_close(ch.p, 1, 0);
        assert_close(ch.gain, k.alpha * o.relief, 1e-12);
    }
    free(now);

    /* no zone when the sender gives less relief per concession than the
     * target needs: relief cost so high that G1 / k' < beta / alpha */
    k = cone_at(sim, 1.5 * k.G1 * k.alpha / k.beta, 0);
    assert_true(k.G1 / k.kp < k.beta / k.alpha);
    zopa_at(sim, &z);
    assert_false(z.bundled.nonempty);
    assert_close(z.bundled.area, 0, 0);
    assert_close(z.bundled.grid_share, 0, 0); /* the null agreement is not inside */
    assert_true(isnan(z.bundled.nash_c));
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* A wedge so thin (the sender's slope 1e-5 above the target's) that the
 * 101-point grid does not see it: the margin's refinement finds it, the
 * crossings give its area, the Nash point is inside. */
static void test_zopa_thin(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    cone k = cone_at(sim, 3, 0);
    double a = k.beta / k.alpha;
    k = cone_at(sim, k.G1 / (a * (1 + 1e-5)), 0);
    assert_close(k.G1 / k.kp, a * (1 + 1e-5), 1e-12 * a);
    brink_zopa z;
    zopa_at(sim, &z);
    const brink_zopa_slice *s = &z.bundled;
    assert_true(s->nonempty);
    assert_true(s->margin > 0 && s->margin < 1e-4);
    assert_close(s->area, wedge_trapezoid(&k, 101), 1e-12);
    assert_close(s->area, wedge_area(&k), 0.1 * wedge_area(&k));
    assert_true(s->area < 1e-5);
    check_nash_inside(s);
    double c, r;
    wedge_nash(&k, &c, &r);
    assert_close(s->nash_r, 1, 1e-9);
    assert_close(s->nash_c, c, 1e-8);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

static void test_zopa_empty(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 1000;
    no_outlook(sim);
    brink_zopa z;
    zopa_at(sim, &z);
    assert_false(z.bundled.nonempty);
    assert_true(z.bundled.margin <= 1e-9);
    assert_close(z.bundled.area, 0, 0);
    assert_close(z.bundled.grid_share, 0, 0);
    assert_true(isnan(z.bundled.nash_c));
    assert_int_equal(z.n_issues, 3);
    assert_int_equal(z.unbundled_nonempty, 0);
    assert_close(z.unbundled_area, 0, 0);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* The model caps the programme at (1 - c) of its starting level for any
 * nuclear concession c > 0 (docs/model.md, M19), so the smallest concession
 * freezes it: the sender's gain jumps at c = 0+ by programme_loss times the
 * growth the freeze prevents. Even when conceding costs the target 1000
 * GDP-months per issue, a freeze for a little relief is then in the zone. */
static void test_zopa_freeze(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    struct brink_sim *c = game_scratch(sim);
    assert_non_null(c);
    game_outlook nd, with;
    game_nodeal(c, sim, &nd);
    brink_offer o;
    brink_offer_standing(sim, &o);
    for (int i = 0; i < sim->p.n_issues; i++)
        o.concession[i] = 0;
    o.relief = 0;
    assert_close(game_sender_gain(c, sim, &o, &nd), 0, 0); /* the null agreement */
    o.concession[0] = 1e-9; /* nuclear */
    double jump = game_sender_gain(c, sim, &o, &nd);
    game_project(c, sim, sim->st.s_pol, &o, 0, NULL);
    game_outlook_read(c, HORIZON, 0, sim->st.programme, &with);
    assert_true(nd.programme > 0.1 && with.programme < 0.5 * nd.programme);
    assert_true(jump > 0.5);
    assert_close(jump, PROGRAMME_LOSS * (nd.programme - with.programme), 1e-3);
    free(c);

    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 1000;
    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.nonempty);
    assert_true(z.bundled.area < 1e-6);
    check_nash_inside(&z.bundled);
    assert_true(z.bundled.nash_c < 1e-6);
    assert_true(z.bundled.nash_r > 0 && z.bundled.nash_r <= jump / RELIEF_COST + 1e-9);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* No security value, no relief cost, no audience cost and no weight on the
 * senders' expected costs: every agreement but the null one leaves one side
 * better off and neither worse. */
static void test_zopa_everything(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 0;
    sim->p.s.coalition_relief_cost = 0;
    sim->p.s.behaviour_bargain_audience_cost = 0;
    no_outlook(sim);
    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.nonempty);
    assert_close(z.bundled.area, 1, 1e-12);
    assert_close(z.bundled.grid_share, 1 - 1.0 / (101 * 101), 1e-12);
    check_nash_inside(&z.bundled);
    /* the Nash product grows with both: full concession, full relief */
    assert_close(z.bundled.nash_c, 1, 1e-6);
    assert_close(z.bundled.nash_r, 1, 1e-6);
    for (int k = 0; k < z.n_issues; k++) {
        assert_true(z.unbundled[k].nonempty);
        assert_close(z.unbundled[k].area, 1, 1e-12);
        check_nash_inside(&z.unbundled[k]);
    }
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* Bundled against issue by issue. The choice rule weighs the cost of
 * conceding times e^theta and every extra cost scales with the security
 * conceded, so the target's gain adds up over issues; so does the sender's
 * when its expected costs weigh nothing. At concession c the bundled relief
 * interval is then [sum_i lo_i(c), sum_i hi_i(c)], and the positive part of
 * a sum is at most the sum of the positive parts: len_b(c) <= sum_i
 * len_i(c) (clamping at r = 1 only shrinks the bundled side). Integrating
 * over c: bundled area <= the sum of the issues' areas. */
static void test_zopa_bundled_vs_issues(void **state)
{
    (void)state;
    brink_scenario *sc = holdout_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    assert_int_equal(brink_game_advance(sim, 12), 12);
    no_outlook(sim);
    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.area <= z.unbundled_area + 1e-9);
    /* here the nuclear issue alone carries a zone larger than the bundle's */
    assert_true(z.unbundled_area > z.bundled.area + 0.01);
    for (int k = 0; k < z.n_issues; k++)
        check_nash_inside(&z.unbundled[k]);
    check_nash_inside(&z.bundled);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

static int count_point(void *ctx, double c, double r, double t, double g, bool inside)
{
    (void)c;
    (void)r;
    long *k = ctx;
    k[0]++;
    k[1] += inside;
    assert_true(inside == (t >= 0 && g >= 0 && (t > 0 || g > 0)));
    return 0;
}

static void test_zopa_grid_and_draws(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    long k[2] = {0, 0};
    assert_int_equal(brink_zopa_grid(sim, -1, 11, count_point, k, NULL), BRINK_OK);
    assert_int_equal(k[0], 121);
    assert_int_equal(brink_zopa_grid(sim, 0, 2, count_point, k, NULL), BRINK_ERR_INPUT);
    assert_int_equal(brink_zopa_grid(sim, 0, 1002, count_point, k, NULL), BRINK_ERR_INPUT);

    brink_zopa_draws d;
    int pol = fixture_policy(sc, "maximum_pressure");
    assert_int_equal(brink_zopa_uncertainty(sc, pol, 6, 3, 20, 21, NULL, &d, NULL), BRINK_OK);
    assert_int_equal(d.runs, 20);
    assert_true(d.bundled <= 20 && d.unbundled_all <= d.unbundled_any);
    assert_true(d.bundled_lo <= d.bundled_hi && d.any_lo <= d.any_hi);
    brink_zopa_draws d2;
    assert_int_equal(brink_zopa_uncertainty(sc, pol, 6, 3, 20, 21, NULL, &d2, NULL), BRINK_OK);
    assert_memory_equal(&d, &d2, sizeof d);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_nowin_month12),
        cmocka_unit_test(test_nowin_not_no_win),
        cmocka_unit_test(test_outlook_shared),
        cmocka_unit_test(test_tioli_closed_form),
        cmocka_unit_test(test_tioli_run_belief),
        cmocka_unit_test(test_zopa_cone),
        cmocka_unit_test(test_zopa_thin),
        cmocka_unit_test(test_zopa_empty),
        cmocka_unit_test(test_zopa_freeze),
        cmocka_unit_test(test_zopa_everything),
        cmocka_unit_test(test_zopa_bundled_vs_issues),
        cmocka_unit_test(test_zopa_grid_and_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
