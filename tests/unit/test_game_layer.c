/* The game layer at a state of a run: the no-win matrix, take-it-or-leave-it
 * offers under incomplete information (closed forms), the zone of possible
 * agreement (edge cases). */
#include "sim_fixture.h"

#include "brink/analysis_game.h"
#include "model/sender.h"

/* ---- the no-win matrix --------------------------------------------------- */

static void test_nowin_month12(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
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
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            assert_true(isfinite(nw.target[a][b]));
            assert_true(isfinite(nw.sender[a][b]));
            assert_true(nw.p_war[a][b] >= 0 && nw.p_war[a][b] <= 1);
            assert_true(nw.worse[a][b] == (nw.target[a][b] < nw.baseline));
        }
    /* tighten > hold > relax in sanctions, and tightening raises the cost of
     * rejecting (holding out is dearer under more pressure) */
    assert_true(nw.s_pol[BRINK_NOWIN_TIGHTEN] > nw.s_pol[BRINK_NOWIN_HOLD]);
    assert_true(nw.s_pol[BRINK_NOWIN_HOLD] > nw.s_pol[BRINK_NOWIN_RELAX]);
    assert_true(nw.target[BRINK_NOWIN_TIGHTEN][BRINK_NOWIN_REJECT] <
                nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT]);
    assert_true(nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT] <
                nw.target[BRINK_NOWIN_RELAX][BRINK_NOWIN_REJECT]);
    /* a provoked incident raises the chance of war */
    for (int a = 0; a < 3; a++)
        assert_true(nw.p_war[a][BRINK_NOWIN_ESCALATE] > nw.p_war[a][BRINK_NOWIN_REJECT]);
    /* accepting minus rejecting is the model's choice criterion: V - C e^theta,
     * positive exactly when ln(V / C) > theta */
    for (int a = 0; a < 3; a++)
        assert_close(nw.target[a][BRINK_NOWIN_ACCEPT] - nw.target[a][BRINK_NOWIN_REJECT],
                     nw.deal_value[a] - nw.submission[a] * exp(nw.theta), 1e-9);

    brink_game *g = brink_nowin_game(&nw, NULL);
    assert_non_null(g);
    assert_int_equal(g->m, 3);
    assert_int_equal(g->n, 3);
    assert_string_equal(g->strategy[0][0], "tighten");
    assert_string_equal(g->strategy[1][2], "escalate");
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    assert_non_null(r);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, NULL), BRINK_OK);
    assert_true(r->count >= 1);
    brink_nash_result_free(r);
    brink_game_free(g);

    brink_nowin_options bad = {.step = 0, .usd_bn_value = 0};
    assert_int_equal(brink_nowin_compute(sim, &bad, &nw, NULL), BRINK_ERR_INPUT);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* ---- take-it-or-leave-it: closed forms ------------------------------------
 *
 * At month 0 no relief is in force, so the target's value of an offer with
 * relief r is proportional to it, V(r) = alpha r (alpha = D MC), while its
 * cost C (the submission cost) does not depend on r: the log ratio is
 * x(r) = ln r + c0, c0 = ln(alpha / C). The sender's value of a deal is
 * U_S(r) = G - k r (G the value of the concessions, k = relief_cost); no
 * deal is worth 0.
 *
 * With a uniform prior on theta over [a, b] and a deterministic choice
 * (tau -> 0), the target accepts iff theta < x(r), so
 *     P(r) = (ln r + c0 - a) / (b - a)   while a < x(r) < b.
 * The sender maximises P(r) (G - k r); the first-order condition is
 *     G / r - k - k (ln r + c0 - a) = 0.
 * We choose k = G / 1.2 and a = c0 + ln 0.4 + 1 - G / (0.4 k) so that
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

    brink_offer offer;
    brink_offer_value v0, v1;
    brink_offer_standing(sim, &offer);
    assert_int_equal(offer.inducements, 0u);
    double mc = brink_maintenance_cost(sim);
    offer.relief = 0.5;
    brink_offer_evaluate(sim, &offer, mc, &v0);
    offer.relief = 1;
    brink_offer_evaluate(sim, &offer, mc, &v1);
    double alpha = v1.deal_value, C = v1.submission;
    assert_true(alpha > 0 && C > 0);
    assert_close(v0.deal_value, 0.5 * alpha, 1e-12); /* proportional */
    assert_close(v0.submission, C, 0);                /* and the cost does not move */
    double c0 = log(alpha / C);
    assert_close(v1.log_ratio, c0, 1e-12);
    double G = brink_sender_concession_value(sim, &offer);
    assert_true(G > 0);
    double k = G / 1.2;
    sim->p.s.coalition_relief_cost = k;

    const int n = 20001;
    double a = c0 + log(0.4) + 1 - G / (0.4 * k), b = c0 + 1;
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
    assert_close(foc_root(G, k, c0, a), 0.4, 1e-9);
    assert_close(t.best.relief, 0.4, 1e-5);
    /* acceptance is the prior CDF at the log ratio */
    double F = (log(t.best.relief) + c0 - a) / (b - a);
    assert_close(t.best.accept, F, 1e-5);
    assert_close(t.best.log_ratio, log(t.best.relief) + c0, 1e-9);
    /* the sender's payoff at the optimum: P(r*) (G - k r*) */
    assert_close(t.best.sender, (log(0.4) + c0 - a) / (b - a) * (G - k * 0.4), 1e-5);
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

    /* a value of no deal u0 shifts the optimum as G - u0 would */
    opt.u_nodeal = 0.1 * G;
    assert_int_equal(brink_tioli_solve(sim, &opt, &t, NULL), BRINK_OK);
    assert_close(t.best.relief, foc_root(G - 0.1 * G, k, c0, a), 1e-5);

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

static void test_zopa_empty(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 1000;
    brink_zopa z;
    zopa_at(sim, &z);
    assert_false(z.bundled.nonempty);
    assert_true(z.bundled.margin < 0);
    assert_close(z.bundled.area, 0, 0);
    assert_close(z.bundled.grid_share, 0, 0);
    assert_true(isnan(z.bundled.nash_c));
    assert_int_equal(z.n_issues, 3);
    assert_int_equal(z.unbundled_nonempty, 0);
    assert_close(z.unbundled_area, 0, 0);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* No security value, no relief cost, no resolve, no audience cost: every
 * agreement leaves both sides at least as well off. */
static void test_zopa_everything(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 0;
    sim->p.s.coalition_relief_cost = 0;
    sim->p.s.behaviour_bargain_audience_cost = 0;
    sim->st.theta = 0;
    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.nonempty);
    assert_close(z.bundled.area, 1, 1e-12);
    assert_close(z.bundled.grid_share, 1, 1e-12);
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

/* A very thin zone: the target needs relief of at least one half (resolve
 * equal to half the deal value of full relief, no submission cost), the
 * sender grants at most 0.501 c (relief cost k = G / 0.501 with G the value
 * of full concession on every issue). Inside: c >= 0.998, r in [0.5, 0.501 c],
 * a triangle of area 1e-6 that the 101-point grid barely touches. */
static void test_zopa_thin(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value = 0;
    sim->p.s.behaviour_bargain_audience_cost = 0;
    brink_offer offer;
    brink_offer_value v;
    brink_offer_standing(sim, &offer);
    for (int i = 0; i < sim->p.n_issues; i++)
        offer.concession[i] = 1;
    offer.relief = 1;
    brink_offer_evaluate(sim, &offer, brink_maintenance_cost(sim), &v);
    assert_close(v.submission, 0, 0);
    sim->st.theta = 0.5 * v.deal_value;
    sim->p.s.coalition_relief_cost = brink_sender_concession_value(sim, &offer) / 0.501;

    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.nonempty);
    assert_true(z.bundled.area >= 0);
    assert_true(z.bundled.area < 1e-4);
    check_nash_inside(&z.bundled);
    assert_true(z.bundled.nash_c >= 0.998 - 1e-9);
    assert_true(z.bundled.nash_r >= 0.5 - 1e-9 && z.bundled.nash_r <= 0.501 + 1e-9);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* Bundled against issue by issue on the default case. Without fixed costs
 * per agreement (resolve, audience cost, further demands), both sides'
 * values add up over issues: at concession c the bundled relief interval is
 * [sum_i lo_i(c), sum_i hi_i(c)] (deal value is linear in relief, so the
 * least acceptable relief adds up, and so does the most the sender grants),
 * and the positive part of a sum is at most the sum of the positive parts:
 * len_b(c) <= sum_i len_i(c), clamping at r = 1 only shrinks the bundled
 * side. Integrating over c: bundled area <= sum of the issues' areas. (With
 * fixed costs per agreement, unbundling pays them once per issue and the
 * inequality can turn.) */
static void test_zopa_bundled_vs_issues(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    assert_int_equal(brink_game_advance(sim, 12), 12);
    sim->st.theta = 0;
    sim->p.s.behaviour_bargain_audience_cost = 0;
    sim->p.s.behaviour_bargain_further_demands = 0;
    brink_zopa z;
    zopa_at(sim, &z);
    assert_true(z.bundled.area <= z.unbundled_area + 1e-9);
    /* here the nuclear issue alone carries a zone that the bundle loses */
    assert_true(z.unbundled_area > 0.01);
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
    assert_true(inside == (t >= 0 && g >= 0));
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

    brink_zopa_draws d;
    int pol = fixture_policy(sc, "maximum_pressure");
    assert_int_equal(brink_zopa_uncertainty(sc, pol, 6, 3, 20, 21, &d, NULL), BRINK_OK);
    assert_int_equal(d.runs, 20);
    assert_true(d.bundled <= 20 && d.unbundled_all <= d.unbundled_any);
    assert_true(d.bundled_lo <= d.bundled_hi && d.any_lo <= d.any_hi);
    brink_zopa_draws d2;
    assert_int_equal(brink_zopa_uncertainty(sc, pol, 6, 3, 20, 21, &d2, NULL), BRINK_OK);
    assert_memory_equal(&d, &d2, sizeof d);
    brink_sim_free(sim);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nowin_month12),
        cmocka_unit_test(test_tioli_closed_form),
        cmocka_unit_test(test_tioli_run_belief),
        cmocka_unit_test(test_zopa_empty),
        cmocka_unit_test(test_zopa_everything),
        cmocka_unit_test(test_zopa_thin),
        cmocka_unit_test(test_zopa_bundled_vs_issues),
        cmocka_unit_test(test_zopa_grid_and_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
