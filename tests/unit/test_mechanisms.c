/* One test (or more) per mechanism M1-M20: the behaviour column of the model
 * brief on controlled single runs (continuous noise off; where a random
 * event matters, the event is switched off or the seed is fixed). */
#include "sim_fixture.h"

#include "model/sender.h"

FIXTURE_DEFAULT_CASE

/* M1: under maximum pressure intensity never falls and rises after a rejection. */
static void test_m1_pressure_escalates(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 3);
    fixture_no_absorbing(sim);
    sim->st.theta = 50; /* a target that always rejects */
    double prev = sim->st.s_pol, target_before = sim->st.s_target;
    int rejections = 0, tightened_after = 0;
    while (brink_sim_step(sim)) {
        assert_true(sim->st.s_pol >= prev - 1e-15);
        prev = sim->st.s_pol;
    }
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    for (size_t i = 0; i < n; i++)
        if (ev[i].kind == BRINK_EV_REJECT) {
            rejections++;
            if (i + 1 < n && ev[i + 1].kind == BRINK_EV_TIGHTEN && ev[i + 1].month == ev[i].month)
                tightened_after++;
        }
    assert_true(rejections > 5);
    assert_true(tightened_after >= 1);
    assert_true(sim->st.s_target > target_before);
    assert_close(sim->st.s_pol, 1.0, 1e-12);
    brink_sim_free(sim);
}

/* M2: more exposure, or a larger market ratio, gives more compliance and fewer exports. */
static void test_m2_exposure_and_market_size(void **state)
{
    (void)state;
    double comp[3], exp_[3];
    for (int k = 0; k < 3; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        if (k == 1)
            for (int i = 0; i < sim->p.n_parties; i++)
                sim->p.party[i].exposure[0] = fmin(1, sim->p.party[i].exposure[0] * 1.3);
        brink_sim_derive(sim); /* as a timeline setting does */
        if (k == 2)
            sim->ln_market_ratio[0] *= 1.3;
        fixture_steps(sim, 24);
        comp[k] = brink_sim_var(sim, BRINK_VAR_COMPLIANCE);
        exp_[k] = brink_sim_var(sim, BRINK_VAR_EXPORTS);
        brink_sim_free(sim);
    }
    assert_true(comp[1] > comp[0] + 0.01);
    assert_true(exp_[1] < exp_[0] - 0.01);
    assert_true(comp[2] > comp[0] + 0.01);
    assert_true(exp_[2] < exp_[0] - 0.01);
}

/* M2: a party bound by law (a sender's own market) wants what its sender
 * applies, and a committed patron's purchases defy the sanctions whatever
 * the party would choose; every other party weighs pull against lure. One
 * compliance step moves each party by the adjustment towards what it
 * wants. russia-2022 has senders' own markets and a patron buying through
 * a party. */
static void test_m2_bound_parties(void **state)
{
    (void)state;
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *r = brink_scenario_load_builtin("russia-2022", &errs);
    assert_non_null(r);
    brink_sim *sim = brink_sim_alloc(r, NULL);
    assert_non_null(sim);
    assert_int_equal(brink_sim_init(sim, 0, 1, 0, 0, 1, NULL), BRINK_OK);
    const brink_params *p = &sim->p;
    const int *member = p->layout->party_member;
    const int np = p->n_parties;

    /* the list made once per run: exactly those parties, ascending */
    int n = 0, members = 0, patrons = 0;
    for (int i = 0; i < np; i++) {
        members += member[i] >= 0;
        patrons += sim->party_patron[i] >= 0;
        if (member[i] >= 0 || sim->party_patron[i] >= 0) {
            assert_true(n < sim->n_bound);
            assert_int_equal(sim->bound_party[n++], i);
        }
    }
    assert_int_equal(n, sim->n_bound);
    assert_true(members >= 2 && patrons >= 1 && n < np);

    double kx = p->s.behaviour_compliance_adjustment;
    double free_comp[BRINK_MAX_PARTIES];
    for (int committed = 1; committed >= 0; committed--) {
        for (int k = 0; k < p->n_senders; k++)
            sim->st.s_k[k] = 0.2 + 0.2 * k;
        for (int j = 0; j < p->n_patrons; j++)
            sim->st.commitment[j] = committed;
        for (int i = 0; i < np; i++)
            sim->st.compliance[i] = 0.5;
        brink_compliance_step(sim);
        for (int i = 0; i < np; i++) {
            double x = sim->st.compliance[i];
            int patron = sim->party_patron[i] >= 0;
            if (member[i] >= 0 || (patron && committed)) {
                double want = member[i] >= 0 ? sim->st.s_k[member[i]] : 0.0;
                if (patron)
                    want *= 1.0 - committed;
                assert_true(x == 0.5 + kx * (want - 0.5));
            } else if (patron) {
                /* uncommitted: the party's own choice, not the full defiance */
                assert_true(x > 0.5 - kx * 0.5 && x < 0.5 + kx * 0.5);
                assert_true(x != free_comp[i]);
            } else {
                assert_true(x > 0.5 - kx * 0.5 && x < 0.5 + kx * 0.5);
                /* free parties do not depend on the patrons' commitment */
                if (!committed)
                    assert_true(x == free_comp[i]);
            }
            free_comp[i] = x;
        }
    }
    brink_sim_free(sim);
    brink_scenario_free(r);
}

/* M3: reach falls as trade moves onto off-dollar channels. */
static void test_m3_reach_falls_with_bypass(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_steps(sim, 1);
    double before = sim->st.reach[0];
    for (int c = 0; c < sim->p.n_channels; c++)
        sim->st.bypass[c] = 0.95;
    brink_compliance_step(sim);
    assert_true(sim->st.reach[0] < before - 0.05);
    assert_true(sim->st.reach[0] >= 0);
    brink_sim_free(sim);
}

/* M4: the export loss from constant sanctions shrinks over time; buy-in slows it. */
static void test_m4_sanction_fatigue(void **state)
{
    (void)state;
    double early[2], late[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.9);
        sim->p.policy[sim->st.policy].buy_in = k ? 1.0 : 0.0;
        fixture_steps(sim, 12);
        early[k] = fixture_crude_capacity(sim) - sim->st.crude_mbpd;
        fixture_steps(sim, 96);
        late[k] = fixture_crude_capacity(sim) - sim->st.crude_mbpd;
        brink_sim_free(sim);
    }
    assert_true(late[0] < early[0] - 0.05);         /* exports recover */
    assert_true(early[0] - late[0] > early[1] - late[1]); /* less so with buy-in */
}

/* M5: below break-even reserves fall; at the floor the gap is printed and inflation jumps. */
static void test_m5_reserves_and_floor(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_hold(sim, 1.0);
    sim->p.s.target_fiscal_breakeven_usd_bn_year = 55; /* far above income */
    sim->need0 = sim->st.need = 55 / 12.0;
    sim->p.s.behaviour_money_fiscal_adjustment = 0;
    double prev = sim->st.reserves, infl_before = 0, infl_after = 0;
    int floor_month = -1;
    for (int t = 0; t < 120 && brink_sim_step(sim); t++) {
        assert_true(sim->st.income < sim->st.need);
        assert_true(sim->st.reserves <= prev + 1e-12);
        assert_true(sim->st.reserves >= sim->p.s.target_fx_reserve_floor_usd_bn - 1e-9);
        if (sim->st.monetised > 0 && floor_month < 0) {
            floor_month = t;
            assert_close(sim->st.reserves, sim->p.s.target_fx_reserve_floor_usd_bn, 1e-9);
        }
        double infl = brink_sim_var(sim, BRINK_VAR_INFLATION);
        if (floor_month < 0)
            infl_before = infl;
        else if (t <= floor_month + 1 && infl > infl_after)
            infl_after = infl;
        prev = sim->st.reserves;
    }
    assert_true(floor_month > 0);
    /* the first full month of printing lifts inflation at once */
    assert_true(infl_after > infl_before + 0.1);
    brink_sim_free(sim);
}

/* M6: more pressure, faster depreciation, lower cohesion. */
static void test_m6_currency_and_cohesion(void **state)
{
    (void)state;
    double fx[2], coh[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, k ? 1.0 : 0.4);
        fixture_steps(sim, 36);
        fx[k] = brink_sim_var(sim, BRINK_VAR_FX_RATE);
        coh[k] = sim->st.cohesion;
        brink_sim_free(sim);
    }
    assert_true(fx[1] > fx[0] * 1.2);
    assert_true(coh[1] < coh[0] - 0.01);
}

/* M7: sustained pressure weakens proxies and deterrence. */
static void test_m7_proxies_atrophy(void **state)
{
    (void)state;
    double str[2], det[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, k ? 1.0 : 0.2);
        fixture_steps(sim, 48);
        str[k] = brink_sim_var(sim, BRINK_VAR_PROXY_STRENGTH);
        det[k] = sim->st.deterrence;
        brink_sim_free(sim);
    }
    assert_true(str[1] < str[0] - 0.05);
    assert_true(det[1] < det[0]);
}

/* M8: the maintenance cost rises with pressure and falls as bypass grows. */
static void test_m8_maintenance_cost(void **state)
{
    (void)state;
    double mc[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, k ? 1.0 : 0.5);
        fixture_steps(sim, 12);
        mc[k] = brink_maintenance_cost(sim);
        if (k == 1) {
            for (int c = 0; c < sim->p.n_channels; c++)
                sim->st.bypass[c] = 0.9;
            fixture_steps(sim, 6);
            double mc_bypass = brink_maintenance_cost(sim);
            assert_true(mc_bypass < mc[1]);
        }
        brink_sim_free(sim);
    }
    assert_true(mc[1] > mc[0]);
}

/* M8: printing ahead starts when usable reserves and the patrons'
 * credit are spent, next month at the earliest: a gap that credit covers
 * beyond the planning horizon adds nothing, and reserves at or below their
 * floor never weigh the printed gap more than printing from next month. */
static void test_m8_printing_ahead(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    brink_sim *sim = fixture_sim(f, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_steps(sim, 3);
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    assert_true(st->commitment[0] > 0.5);
    st->monetised = st->unfunded = 0;
    st->reserves = s->target_fx_reserve_floor_usd_bn - 1; /* below the floor */
    st->credit_left[0] = 1000;
    st->gap = 0;
    double none = brink_maintenance_cost(sim);
    st->gap = 0.5; /* met by credit this month and for years to come */
    assert_close(brink_maintenance_cost(sim), none, 1e-12);
    st->credit_left[0] = 0; /* nothing left: printing from next month */
    int H = (int)s->target_planning_months;
    double d = s->target_discount, g = 0;
    for (int m = 1; m < H; m++)
        g += pow(d, m);
    double jump = s->behaviour_bargain_inflation_weight * st->gap /
                  (sim->gdp_month * s->target_money_base_gdp_share);
    assert_close(brink_maintenance_cost(sim) - none, jump * g, 1e-9 * jump * g);
    /* a dollarised economy prints no more: the gap is a cut */
    st->dollarised = 1;
    jump = s->target_economy_revenue_multiplier * st->gap / sim->gdp_month;
    assert_close(brink_maintenance_cost(sim) - none, jump * g, 1e-9 * jump * g);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* M8: the loss per unit of sanctions intensity the target projects is the
 * loss a deal would remove: an insurgency already raging at month 0 does
 * not make sanctions still to come look costlier. */
static void test_m8_loss_per_intensity(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    brink_sim *sim = brink_sim_alloc(f, NULL);
    double lambda[2], S0 = 0, b = 0;
    for (int k = 0; k < 2; k++) {
        sim->p_point.s.target_insurgency_strength = k ? 0.4 : 0;
        sim->p_clean = 0; /* the next run copies the point values whole */
        assert_int_equal(brink_sim_init(sim, fixture_policy(f, "pressure"), 1, 0, 0, 0, NULL),
                         BRINK_OK);
        lambda[k] = sim->st.loss_per_intensity;
        S0 = sim->st.S;
        b = sim->p.s.behaviour_insurgency_damage * sim->st.insurgency;
    }
    assert_true(S0 > 0.05 && b > 0.05);
    /* only the compounding of losses (1 - e^-x) is left between them */
    assert_true(fabs(lambda[1] - lambda[0]) < 0.25 * b / S0);
    assert_close(lambda[1], (sim->st.y - b) / S0, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* M9: larger demands, a public channel and strong hardliners raise the submission cost. */
static void test_m9_submission_cost(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_steps(sim, 3);
    brink_offer o;
    brink_offer_value base, big, priv, hard;
    double mc = brink_maintenance_cost(sim);
    brink_offer_standing(sim, &o);
    for (int i = 0; i < sim->p.n_issues; i++)
        o.concession[i] *= 0.5;
    brink_offer_evaluate(sim, &o, mc, &base);
    for (int i = 0; i < sim->p.n_issues; i++)
        o.concession[i] *= 2;
    brink_offer_evaluate(sim, &o, mc, &big);
    assert_true(big.submission > base.submission);
    o.is_public = 0;
    brink_offer_evaluate(sim, &o, mc, &priv);
    assert_true(priv.submission < big.submission);
    o.is_public = 1;
    sim->st.hardliners = 1.0;
    brink_offer_evaluate(sim, &o, mc, &hard);
    assert_true(hard.submission > big.submission);
    brink_sim_free(sim);
}

/* M10: with no durability a deal is worthless whatever the pain. */
static void test_m10_durability(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_no_absorbing(sim);
    sim->st.theta = 9; /* no deal in the first two years */
    fixture_steps(sim, 24);
    sim->st.theta = sim->p.s.target_resolve; /* then the median leadership */
    assert_false(sim->st.deal_standing);
    sim->p.sender[0].reversal_probability = 0.35;
    sim->p.s.behaviour_law_executive_break = 0.004;
    sim->st.trust = 1.0;
    double d_hi = brink_durability(sim, 0, 0);
    sim->st.trust = 0.0;
    sim->p.sender[0].reversal_probability = 1.0;
    sim->p.s.behaviour_law_executive_break = 1.0; /* the off-switch expected within weeks */
    double d_lo = brink_durability(sim, 0, 0);
    assert_true(d_hi > 0.99);
    assert_true(d_lo < 0.05); /* what is left is the first month of relief */
    /* extreme pain: the loss is twenty times larger, yet an offer that will not
     * last is rarely taken (under 5% at the fitted choice noise) */
    sim->st.loss *= 20;
    brink_offer_value v;
    double pa = fixture_accept(sim, &v);
    assert_true(v.maintenance > 20);
    assert_true(pa < 0.05);
    /* the same pain with a durable deal: the offer is taken */
    sim->st.trust = 1.0;
    sim->p.sender[0].reversal_probability = 0.35;
    sim->p.s.behaviour_law_executive_break = 0.004;
    double pa_durable = fixture_accept(sim, NULL);
    assert_true(pa_durable > 0.5 && pa_durable > 10 * pa);
    brink_sim_free(sim);
}

/* M10: reversals happen only at electoral months, at the configured rate. */
static void test_m10_reversal_rate(void **state)
{
    (void)state;
    int standing = 0, reversed = 0;
    for (uint64_t run = 0; run < 400; run++) {
        brink_sim *sim = brink_sim_alloc(sc, NULL);
        brink_sim_init(sim, fixture_policy(sc, "maximum_pressure"), 77, run, 0, 1, NULL);
        fixture_no_absorbing(sim);
        sim->p.sender[0].reversal_probability = 0.35;
        sim->st.theta = -100; /* accepts every offer */
        brink_sim_run(sim);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        int first = (int)sim->p.sender[0].first_election_month;
        int every = (int)sim->p.sender[0].election_interval_months;
        for (size_t i = 0; i < n; i++) {
            if (ev[i].kind == BRINK_EV_ELECTION && ev[i].value > 0)
                standing++;
            if (ev[i].kind == BRINK_EV_REVERSAL) {
                reversed++;
                assert_int_equal((ev[i].month - first) % every, 0);
            }
        }
        brink_sim_free(sim);
    }
    double rate = (double)reversed / standing;
    assert_true(standing >= 400);
    assert_true(fabs(rate - 0.35) < 0.06);
}

/* M10: executive breaks come at the hazard the target values durability
 * with, in every month: election months (relief that survives the
 * election) included. */
static void test_m10_breaks_every_month(void **state)
{
    (void)state;
    const double rate = 0.3;
    int standing = 0, broken = 0;
    for (uint64_t run = 0; run < 400; run++) {
        brink_sim *sim = brink_sim_alloc(sc, NULL);
        brink_sim_init(sim, fixture_policy(sc, "maximum_pressure"), 78, run, 0, 1, NULL);
        fixture_no_absorbing(sim);
        sim->p.s.behaviour_law_executive_break = rate;
        brink_sim_derive(sim);
        sim->st.theta = -100; /* accepts every offer */
        brink_sim_run(sim);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (size_t i = 0; i < n; i++) {
            if (ev[i].kind != BRINK_EV_ELECTION || ev[i].subject != 0 || !(ev[i].value > 0))
                continue;
            standing++;
            for (size_t j = i + 1; j < n && ev[j].month == ev[i].month; j++)
                broken += ev[j].kind == BRINK_EV_SENDER_BREAK && ev[j].subject == 0;
        }
        brink_sim_free(sim);
    }
    assert_true(standing >= 200);
    assert_true(fabs((double)broken / standing - (1 - exp(-rate))) < 0.07);
}

/* M11: the same terms are accepted less often in public, more so with strong hardliners. */
static void test_m11_public_vs_private(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_steps(sim, 3);
    double gap[2];
    for (int k = 0; k < 2; k++) {
        sim->st.hardliners = k ? 0.9 : 0.3;
        brink_offer o;
        brink_offer_standing(sim, &o);
        double mc = brink_maintenance_cost(sim), tau = sim->p.s.behaviour_bargain_choice_noise;
        brink_offer_value pub, priv;
        o.is_public = 1;
        brink_offer_evaluate(sim, &o, mc, &pub);
        o.is_public = 0;
        brink_offer_evaluate(sim, &o, mc, &priv);
        double theta = priv.log_ratio; /* a target on the fence in private */
        double p_pub = brink_accept_probability(pub.log_ratio, theta, tau);
        double p_priv = brink_accept_probability(priv.log_ratio, theta, tau);
        assert_true(p_pub < p_priv);
        gap[k] = p_priv - p_pub;
    }
    assert_true(gap[1] > gap[0]);
    brink_sim_free(sim);
}

/* M12: after a rejection the sender's expected resolve rises; after acceptance it falls. */
static void test_m12_belief_update(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    double before = brink_belief_mean(sim);
    brink_belief_update(sim, 0.2, 1.0, sim->p.s.behaviour_bargain_choice_noise, 0);
    double after_reject = brink_belief_mean(sim);
    assert_true(after_reject > before);
    double total = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        total += sim->st.belief[j];
    assert_close(total, 1.0, 1e-12);
    brink_belief_update(sim, 0.2, 1.0, sim->p.s.behaviour_bargain_choice_noise, 1);
    assert_true(brink_belief_mean(sim) < after_reject);
    brink_sim_free(sim);
}

/* M12: the run's belief takes its acceptance probability from the grid's
 * exponentials laid out once (one exponential for the grid); it agrees with
 * the logistic taken point by point, and so does the update, also where the
 * laid-out exponentials overflow (resolve far above the choice noise) and
 * the point-by-point form is taken instead. */
static void test_m12_belief_accept_laid_out(void **state)
{
    (void)state;
    for (int extreme = 0; extreme < 2; extreme++) {
        brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
        if (extreme) {
            /* grid up to 1.5 + 4 x 10 resolve, noise 0.01: G overflows */
            sim->p.s.coalition_prior_resolve_mean = 1.5;
            sim->p.s.coalition_prior_resolve_sd = 10;
            sim->p.s.behaviour_bargain_choice_noise = 0.01;
            brink_belief_init(sim);
            assert_true(isinf(sim->belief_g[BRINK_BELIEF_N - 1]));
        }
        double tau = sim->p.s.behaviour_bargain_choice_noise;
        const double xs[] = {-HUGE_VAL, -30, -2, -0.5, 0, 0.3, 1, 4, 30, HUGE_VAL};
        for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
            double want = brink_belief_accept_grid(sim->belief_grid, sim->st.belief, BRINK_BELIEF_N,
                                                   xs[i], tau);
            double got = brink_belief_accept(sim, xs[i]);
            assert_false(isnan(got));
            assert_close(got, want, 1e-12);
        }
        /* the update against Bayes' rule point by point */
        for (int accepted = 0; accepted < 2; accepted++) {
            double post[BRINK_BELIEF_N];
            assert_int_equal(brink_belief_posterior(sim->belief_grid, sim->st.belief, post,
                                                    BRINK_BELIEF_N, 0.4, 1.0, tau, accepted),
                             1);
            brink_belief_update(sim, 0.4, 1.0, tau, accepted);
            for (int j = 0; j < BRINK_BELIEF_N; j++)
                assert_close(sim->st.belief[j], post[j], 1e-12);
        }
        brink_sim_free(sim);
    }
}

/* M12: the answer to an offer (brink_belief_answer, the update and the
 * acceptance probability under the updated belief, each point's
 * probability computed once) gives the bits of brink_belief_update then
 * brink_belief_accept: with the grid's exponentials laid out and where
 * they overflow, at every x (the infinities and an answer of probability
 * zero included), accepted or not, after a run of earlier answers. */
static void test_m12_belief_answer_same_bits(void **state)
{
    (void)state;
    for (int extreme = 0; extreme < 2; extreme++) {
        brink_sim *a = fixture_sim(sc, "maximum_pressure", 1);
        brink_sim *b = fixture_sim(sc, "maximum_pressure", 1);
        for (int k = 0; extreme && k < 2; k++) {
            brink_sim *sim = k ? b : a;
            sim->p.s.coalition_prior_resolve_mean = 1.5;
            sim->p.s.coalition_prior_resolve_sd = 10;
            sim->p.s.behaviour_bargain_choice_noise = 0.01;
            brink_belief_init(sim);
        }
        double tau = a->p.s.behaviour_bargain_choice_noise;
        const double xs[] = {-HUGE_VAL, -800, -30, -2, -0.5, 0, 0.3, 1, 4, 30, 800, HUGE_VAL};
        int n = (int)(sizeof xs / sizeof xs[0]), differ = 0;
        for (int i = 0; i < 3 * n; i++) {
            double x = xs[i % n];
            int accepted = (i / n + i) % 2;
            double got = brink_belief_answer(a, x, accepted);
            brink_belief_update(b, x, 1.0, tau, accepted);
            double want = brink_belief_accept(b, x);
            differ += memcmp(&got, &want, sizeof got) != 0;
            differ += memcmp(a->st.belief, b->st.belief, sizeof a->st.belief) != 0;
        }
        assert_int_equal(differ, 0);
        brink_sim_free(a);
        brink_sim_free(b);
    }
    /* (the comparison sees a difference: the other answer moves the belief
     * elsewhere) */
    brink_sim *a = fixture_sim(sc, "maximum_pressure", 1);
    brink_sim *b = fixture_sim(sc, "maximum_pressure", 1);
    double got = brink_belief_answer(a, 0.3, 1);
    brink_belief_update(b, 0.3, 1.0, b->p.s.behaviour_bargain_choice_noise, 0);
    assert_memory_not_equal(a->st.belief, b->st.belief, sizeof a->st.belief);
    assert_true(got != brink_belief_accept(b, 0.3));
    brink_sim_free(a);
    brink_sim_free(b);
}

/* What adaptive offers maximise under the run's own belief (the grid's
 * exponentials laid out) is the objective the game layer takes for any
 * belief, at the run's grid and weights: relief from 0 to 1, before and
 * after the belief learns from a rejection. */
static void test_m12_objective_own_belief(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    for (int m = 0; m < 6; m++)
        brink_sim_step(sim);
    double mc = brink_maintenance_cost(sim);
    for (int learnt = 0; learnt < 2; learnt++) {
        if (learnt)
            brink_belief_update(sim, 0.2, 1.0, sim->p.s.behaviour_bargain_choice_noise, 0);
        brink_offer offer;
        brink_offer_standing(sim, &offer);
        double dur = brink_offer_durability(sim, &offer);
        for (int k = 0; k <= 20; k++) {
            offer.relief = 0.05 * k;
            /* the durability, found once for every relief, is each relief's
             * own, and the valuation at it the full valuation, to the bit */
            double own = brink_offer_durability(sim, &offer);
            assert_memory_equal(&own, &dur, sizeof dur);
            brink_offer_value at, full;
            brink_offer_evaluate_at(sim, &offer, mc, dur, &at);
            brink_offer_evaluate(sim, &offer, mc, &full);
            assert_memory_equal(&at, &full, sizeof at);
            double pa;
            double want = brink_sender_offer_objective(
                sim, &offer, mc, sim->belief_grid, sim->st.belief, BRINK_BELIEF_N, 0.0, &pa, NULL);
            double got = brink_sender_offer_objective_own(sim, &offer, mc, dur);
            /* (no relief, no deal; some acceptance for any relief) */
            assert_true(k == 0 ? pa == 0 : pa > 0 && pa < 1);
            assert_close(got, want, 1e-12 * (1 + fabs(want)));
        }
    }
    brink_sim_free(sim);
}

/* The largest concession in force on issues of a kind, those cheated on
 * counted 0: against a direct scan of the issues, for every kind, with the
 * issues' kinds set anew (a timeline setting takes the same way, through
 * brink_sim_derive). */
static void test_conceded_kind(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    int n = sim->p.n_issues;
    assert_true(n >= 3);
    for (int trial = 0; trial < 64; trial++) {
        for (int i = 0; i < n; i++) {
            sim->p.issue[i].kind = (double)((trial + 3 * i) % BRINK_ISSUE_KINDS);
            sim->st.conceded[i] = (double)((trial * 7 + i * 5) % 11) / 10.0;
        }
        sim->st.cheating = (unsigned)trial % (1u << n);
        brink_sim_derive(sim);
        for (int kind = 0; kind < BRINK_ISSUE_KINDS; kind++) {
            double want = 0;
            for (int i = 0; i < n; i++)
                if ((int)sim->p.issue[i].kind == kind && !(sim->st.cheating >> i & 1u) &&
                    sim->st.conceded[i] > want)
                    want = sim->st.conceded[i];
            assert_true(brink_conceded_kind(sim, kind) == want);
        }
    }
    brink_sim_free(sim);
}

/* M13: unbundled offers leave room a bundled offer does not. */
static void test_m13_bundling(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_steps(sim, 3);
    double mc = brink_maintenance_cost(sim);
    brink_offer o;
    brink_offer_value bundled;
    brink_offer_standing(sim, &o);
    o.is_public = 0;
    brink_offer_evaluate(sim, &o, mc, &bundled);
    /* per issue, relief in proportion to the sender's value */
    double wsum = 0, best = -INFINITY;
    for (int i = 0; i < sim->p.n_issues; i++)
        wsum += sim->p.issue[i].sender_value * sim->p.issue[i].demand;
    for (int i = 0; i < sim->p.n_issues; i++) {
        brink_offer one;
        brink_offer_value v;
        one.relief = o.relief * sim->p.issue[i].sender_value * sim->p.issue[i].demand / wsum;
        for (int k = 0; k < BRINK_MAX_ISSUES; k++)
            one.concession[k] = 0;
        one.concession[i] = sim->p.issue[i].demand;
        one.inducements = 0;
        one.induce_share = 0;
        one.is_public = 0;
        one.lag = 0;
        one.milestone = -1;
        brink_offer_evaluate(sim, &one, mc, &v);
        if (v.log_ratio > best)
            best = v.log_ratio;
    }
    assert_true(best > bundled.log_ratio);
    brink_sim_free(sim);
}

/* M14: under regime-change rhetoric pressure reads as a prerequisite of
 * regime change: the perceived durability of a deal falls as pressure
 * rises, and acceptance rises less with pressure than under
 * behaviour-change rhetoric. (Whether it stops rising altogether is claim 9,
 * a validation question: see docs/validation.md.) */
static double accept_at(double s, double rhetoric, double *durability)
{
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_no_absorbing(sim);
    fixture_hold(sim, s);
    sim->p.policy[sim->st.policy].rhetoric = rhetoric;
    sim->p.s.target_trust = 0.7;
    sim->st.trust = 0.7;
    sim->p.sender[0].reversal_probability = 0.35;
    fixture_steps(sim, 36);
    sim->st.theta = 0;
    brink_offer_value v;
    double pa = fixture_accept(sim, &v);
    if (durability)
        *durability = v.durability;
    brink_sim_free(sim);
    return pa;
}

static double logit(double p)
{
    return log(p / (1 - p));
}

static void test_m14_survival_paradox(void **state)
{
    (void)state;
    double d_lo, d_hi, rd_lo, rd_hi;
    double lo = accept_at(0.3, 0, &d_lo), hi = accept_at(1.0, 0, &d_hi);
    double rlo = accept_at(0.3, 1, &rd_lo), rhi = accept_at(1.0, 1, &rd_hi);
    assert_true(lo < hi);                 /* behaviour change: pressure works */
    /* behaviour change: pressure leaves durability about where it was (only
     * the expected erosion of the loss moves it); regime change erodes it */
    assert_true(fabs(d_hi - d_lo) < 0.02);
    assert_true(rd_hi < rd_lo - 0.05);
    assert_true(rhi < hi && rlo < lo);    /* regime change lowers acceptance */
    assert_true(logit(rhi) - logit(rlo) < logit(hi) - logit(lo)); /* and blunts pressure */
}

/* M15: posture and proxies raise incidents; an open channel lowers escalation. */
static void test_m15_incidents(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_no_absorbing(sim);
    sim->p.s.behaviour_conflict_incident_base = 0.01;
    brink_policy_num *pol = &sim->p.policy[sim->st.policy];
    double u_never = 1.0;
    pol->posture = 0.1;
    brink_conflict_step(sim, u_never, u_never);
    double h_low = brink_incident_probability(sim);
    pol->posture = 0.9;
    brink_conflict_step(sim, u_never, u_never);
    double h_high = brink_incident_probability(sim);
    assert_true(h_high > h_low);
    for (int x = 0; x < sim->p.n_proxies; x++)
        sim->p.proxy[x].activity *= 2;
    brink_conflict_step(sim, u_never, u_never);
    assert_true(brink_incident_probability(sim) > h_high);
    pol->hotline = 0;
    brink_conflict_step(sim, u_never, u_never);
    double esc_closed = brink_escalation_probability(sim);
    pol->hotline = 1;
    brink_conflict_step(sim, u_never, u_never);
    assert_true(brink_escalation_probability(sim) < esc_closed);
    brink_sim_free(sim);
}

/* M16: verified steps pay tranches and raise trust; detected cheating withholds them. */
static void test_m16_staged_steps(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "staged_reciprocity", 5);
    fixture_no_absorbing(sim);
    sim->st.theta = -100;
    sim->p.s.behaviour_bargain_cheat_hardliner = 0;
    double trust0 = sim->st.trust;
    brink_sim_run(sim);
    const brink_summary *m = brink_sim_summary(sim);
    int n_ms = sc->layout.policy[sim->st.policy].n_milestones;
    assert_true(sim->st.deal_standing);
    assert_int_equal(m->milestones_verified, n_ms);
    assert_true(sim->st.trust > trust0);
    assert_int_equal(m->outcome, BRINK_OUTCOME_DEAL);
    brink_sim_free(sim);

    /* always cheating, always detected: no tranche is ever paid */
    sim = fixture_sim(sc, "staged_reciprocity", 5);
    fixture_no_absorbing(sim);
    sim->st.theta = -100;
    sim->p.s.behaviour_bargain_cheat_hardliner = 1;
    sim->st.hardliners = 1;
    sim->p.s.behaviour_politics_hardliner_adjustment = 0;
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].verifiability = 1;
    brink_sim_run(sim);
    assert_int_equal(brink_sim_summary(sim)->milestones_verified, 0);
    assert_true(sim->st.relief_avg == 0);
    brink_sim_free(sim);
}

/* M16 and the outcomes: a staged step accepted and awaiting verification
 * at the horizon is partial acquiescence (TIES), whether or not the target
 * is secretly not carrying it out: the record shows an accepted step. */
static void test_m16_pending_step_is_partial(void **state)
{
    (void)state;
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "staged_reciprocity", 5);
        fixture_no_absorbing(sim);
        sim->st.theta = -100;
        sim->p.s.behaviour_bargain_cheat_hardliner = k;
        sim->st.hardliners = 1;
        sim->p.s.behaviour_politics_hardliner_adjustment = 0;
        sim->p.milestone[sim->st.policy][0].verification_months = 1000; /* never verified */
        brink_sim_run(sim);
        const brink_summary *m = brink_sim_summary(sim);
        assert_true(sim->st.ms_pending == 0);
        assert_true(sim->st.relief_avg == 0);
        int issue = sc->layout.policy[sim->st.policy].milestone_issue[0];
        assert_true(k ? sim->st.conceded[issue] == 0 : sim->st.conceded[issue] > 0);
        assert_int_equal(m->outcome, BRINK_OUTCOME_PARTIAL_DEAL);
        assert_true(m->outcome_month >= 0 && m->outcome_month < sim->st.horizon);
        brink_sim_free(sim);
    }
}

/* M16: a staged step is worth what the path it opens is worth, when that
 * path beats the step alone; otherwise only its own tranche counts. */
static void test_m16_continuation(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "staged_reciprocity", 5);
    fixture_no_absorbing(sim);
    sim->st.trust = 0.9;
    int pol = sim->st.policy;
    int n = sc->layout.policy[pol].n_milestones;
    assert_true(n >= 2);
    double mc = brink_maintenance_cost(sim);
    brink_offer step;
    brink_offer_value v;
    /* a token first tranche, rich later ones, cheaper issues: the path is
     * worth taking, the first step alone is not */
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].security_value *= 0.4;
    sim->p.milestone[pol][0].relief = 0.01;
    for (int j = 1; j < n; j++)
        sim->p.milestone[pol][j].relief = 0.9 / (n - 1);
    brink_offer_milestone(sim, 0, &step);
    assert_int_equal(step.milestone, 0);
    brink_offer_evaluate(sim, &step, mc, &v);
    assert_true(v.deal_value - v.submission < 0);
    assert_true(v.continuation > 0);
    assert_true(v.net > 0);
    assert_true(v.log_ratio > 0);
    assert_close(v.net, v.deal_value - v.submission + v.continuation, 1e-12);
    double with_path = v.net;
    /* at the same durability, what the path adds is discounted over the
     * step's verification lag: a lag of L months weighs it by δ^L */
    double dur = brink_offer_durability(sim, &step);
    brink_offer_value at0, atL;
    brink_offer now = step, later = step;
    now.lag = 0;
    later.lag = 7;
    brink_offer_evaluate_at(sim, &now, mc, dur, &at0);
    brink_offer_evaluate_at(sim, &later, mc, dur, &atL);
    assert_true(at0.continuation > 0);
    /* at lag 0 it is the whole path's net value less the step's own */
    brink_offer path = now;
    path.milestone = -1;
    path.induce_share = 1;
    for (int j = 1; j < n; j++) {
        int issue = sc->layout.policy[pol].milestone_issue[j];
        path.relief += sim->p.milestone[pol][j].relief;
        if (sim->p.milestone[pol][j].concession > path.concession[issue])
            path.concession[issue] = sim->p.milestone[pol][j].concession;
    }
    brink_offer_value whole;
    brink_offer_evaluate_at(sim, &path, mc, dur, &whole);
    double step_net = at0.deal_value - at0.submission;
    assert_close(at0.continuation, whole.net - step_net, 1e-12 * whole.net);
    double weighed = at0.continuation * pow(sim->p.s.target_discount, 7);
    assert_close(atL.continuation, weighed, 1e-9 * weighed);
    /* later steps that pay nothing add nothing */
    for (int j = 1; j < n; j++)
        sim->p.milestone[pol][j].relief = 0;
    brink_offer_evaluate(sim, &step, mc, &v);
    assert_close(v.continuation, 0, 0);
    assert_true(with_path > v.net);
    /* the last step opens nothing */
    brink_offer_milestone(sim, n - 1, &step);
    brink_offer_evaluate(sim, &step, mc, &v);
    assert_close(v.continuation, 0, 0);
    brink_sim_free(sim);
}

/* M17: a successful low-stakes step raises trust and the next acceptance probability. */
static void test_m17_entry_step(void **state)
{
    (void)state;
    double pa[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "low_stakes_first", 9);
        fixture_no_absorbing(sim);
        brink_policy_num *pol = &sim->p.policy[sim->st.policy];
        pol->entry_success = k ? 1.0 : 0.0;
        pol->entry_value = 5; /* always accepted */
        /* the same continuation policy either way, to isolate trust */
        sim->p.policy[fixture_policy(sc, "status_quo")] =
            sim->p.policy[fixture_policy(sc, "staged_reciprocity")];
        fixture_steps(sim, (int)pol->entry_month + 1);
        assert_int_equal(brink_sim_policy(sim),
                         fixture_policy(sc, k ? "staged_reciprocity" : "status_quo"));
        pa[k] = fixture_accept(sim, NULL);
        brink_sim_free(sim);
    }
    assert_true(pa[1] > pa[0]);
}

/* M17: the entry step runs once per policy: a policy the coalition
 * switches to opens with its own entry step. */
static void test_m17_entry_step_per_policy(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "low_stakes_first", 9);
    fixture_no_absorbing(sim);
    int first = sim->st.policy, next = fixture_policy(sc, "staged_reciprocity");
    assert_int_equal(sc->layout.policy[first].on_success, next);
    for (int k = 0; k < 2; k++) {
        brink_policy_num *pol = &sim->p.policy[k ? next : first];
        pol->entry_enabled = 1;
        pol->entry_month = 1;
        pol->entry_value = 5; /* always accepted */
        pol->entry_success = 1;
    }
    fixture_steps(sim, 12);
    assert_int_equal(brink_sim_policy(sim), next);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    int entries = 0;
    for (size_t i = 0; i < n; i++)
        entries += ev[i].kind == BRINK_EV_ENTRY_OFFER;
    assert_int_equal(entries, 2);
    brink_sim_free(sim);
}

/* M18: the same pressure started later yields a lower acceptance probability. */
static void test_m18_perishable_leverage(void **state)
{
    (void)state;
    double pa[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.6);
        fixture_steps(sim, k ? 60 : 0);
        fixture_hold(sim, 1.0);
        fixture_steps(sim, 12);
        sim->st.theta = 0;
        pa[k] = fixture_accept(sim, NULL);
        brink_sim_free(sim);
    }
    assert_true(pa[1] < pa[0]);
}

/* M19: no deal for longer, more advanced programme, higher conflict hazard. */
static void test_m19_programme(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_steps(sim, 1);
    sim->p.s.behaviour_force_max = 0.02;
    double prog0 = sim->st.programme, h0 = brink_force_hazard(sim);
    sim->p.s.behaviour_force_max = 0;
    fixture_steps(sim, 60);
    assert_true(sim->st.programme > prog0 + 0.05);
    sim->p.s.behaviour_force_max = 0.02;
    assert_true(brink_force_hazard(sim) > h0);
    brink_sim_free(sim);
}

/* M20: buy-in raises compliance and cuts exports; de-escalated rhetoric raises acceptance. */
static void test_m20_buy_in_and_rhetoric(void **state)
{
    (void)state;
    double comp[2], ex[2], pa[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        sim->p.policy[sim->st.policy].buy_in = k ? 1.0 : 0.0;
        fixture_steps(sim, 24);
        comp[k] = brink_sim_var(sim, BRINK_VAR_COMPLIANCE);
        ex[k] = sim->st.crude_mbpd;
        brink_sim_free(sim);

        sim = fixture_sim(sc, "maximum_pressure", 1);
        fixture_no_absorbing(sim);
        sim->p.policy[sim->st.policy].rhetoric = k ? 0.1 : 0.9;
        fixture_steps(sim, 3);
        sim->st.theta = 0;
        pa[k] = fixture_accept(sim, NULL);
        brink_sim_free(sim);
    }
    assert_true(comp[1] > comp[0]);
    assert_true(ex[1] < ex[0]);
    assert_true(pa[1] > pa[0]);
}

/* ---- Real cases in full: the mechanisms beyond M1-M20 -------------------- */

/* A workspace on the features fixture (tests/fixtures/features.yaml). */
static brink_sim *features_sim(brink_scenario **out, const char *policy)
{
    *out = fixture_file("features.yaml");
    return fixture_sim(*out, policy, 1);
}

static int good_index(const brink_sim *sim, const char *id)
{
    for (int g = 0; g < sim->p.n_goods; g++)
        if (strcmp(sim->p.layout->id[BRINK_GROUP_GOOD][g], id) == 0)
            return g;
    fail();
    return -1;
}

/* Trade beyond oil: each good loses earnings in proportion to the share of
 * it the sanctions cover; a good they do not cover is not hit at all. */
static void test_goods_exposure(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "status_quo");
    fixture_no_absorbing(sim);
    int crude = good_index(sim, "crude"), gold = good_index(sim, "gold");
    sim->p.good[gold].exposure = 0;
    sim->p.good[crude].price_volatility = sim->p.good[gold].price_volatility = 0;
    fixture_hold(sim, 0.9);
    fixture_steps(sim, 24);
    brink_prices_step(sim, 0);
    brink_trade_step(sim);
    double crude_share = sim->st.crude_mbpd / sim->p.good[crude].volume;
    double earn = sim->st.earnings, base = sim->st.earnings_base;
    /* the uncovered gold sells in full: total earnings exceed crude's share */
    double gold_base = sim->p.good[gold].value_usd_bn_year / 12.0 * sim->st.price[gold];
    double crude_base = sim->p.good[crude].value_usd_bn_year / 12.0 * sim->st.price[crude];
    assert_close(base, gold_base + crude_base, 1e-9);
    assert_true(crude_share < 0.9);
    assert_true(earn > gold_base + 0.5 * crude_share * crude_base);
    double with_gold_free = earn;
    sim->p.good[gold].exposure = 1;
    brink_prices_step(sim, 0);
    brink_trade_step(sim);
    assert_true(sim->st.earnings < with_gold_free - 0.01);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Imports: an embargo on critical imports costs output and adds inflation;
 * smuggling channels and a patron's supplies make up part of the cut; a
 * humanitarian exemption (low exposure) protects an import. */
static void test_import_embargo(void **state)
{
    (void)state;
    brink_scenario *f;
    double cut[3], gdp[3], infl[3];
    for (int k = 0; k < 3; k++) {
        brink_sim *sim = features_sim(&f, "status_quo");
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        brink_policy_num *pol = &sim->p.policy[sim->st.policy];
        pol->sanctions_imports = k == 0 ? 0 : 1;
        if (k == 2)
            sim->p.patron[0].supplies = 0;
        fixture_steps(sim, 36);
        cut[k] = sim->st.imports_cut;
        gdp[k] = brink_sim_var(sim, BRINK_VAR_GDP);
        infl[k] = brink_sim_var(sim, BRINK_VAR_INFLATION);
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_close(cut[0], 0, 1e-12);
    assert_true(cut[1] > 0.02);
    assert_true(gdp[1] < gdp[0]);
    assert_true(infl[1] > infl[0]);
    assert_true(cut[2] > cut[1]); /* without the patron's supplies, more is cut */
    /* the exempt import (food, exposure 0.1) weighs less than fuel */
    brink_sim *sim = features_sim(&f, "status_quo");
    fixture_hold(sim, 1.0);
    sim->p.policy[sim->st.policy].sanctions_imports = 1;
    fixture_steps(sim, 2);
    double both = sim->st.imports_cut;
    sim->p.import[1].exposure = 1;
    brink_prices_step(sim, 0);
    brink_trade_step(sim);
    assert_true(sim->st.imports_cut > both);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* GDP is a state: the observed GDP at month 0, lower under sanctions, back
 * above its path when they are lifted. */
static void test_gdp_path(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_no_absorbing(sim);
    assert_close(brink_sim_var(sim, BRINK_VAR_GDP), sim->p.s.target_gdp_usd_bn, 1e-9);
    fixture_hold(sim, 1.0);
    fixture_steps(sim, 36);
    double squeezed = brink_sim_var(sim, BRINK_VAR_GDP);
    double trend = sim->p.s.target_gdp_usd_bn * exp(sim->p.s.target_economy_growth * 36 / 12.0);
    assert_true(squeezed < trend);
    fixture_hold(sim, 0.0);
    fixture_steps(sim, 36);
    double trend72 = sim->p.s.target_gdp_usd_bn * exp(sim->p.s.target_economy_growth * 72 / 12.0);
    assert_true(brink_sim_var(sim, BRINK_VAR_GDP) > trend72);
    brink_sim_free(sim);
}

/* Inflation has no ceiling: printing a deficit beyond what money demand can
 * bear turns into hyperinflation (Cagan); a small printed deficit does not. */
static void test_hyperinflation(void **state)
{
    (void)state;
    double peak[2];
    int hyper[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 1.0);
        sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn;
        /* a budget that needs this much more than exports bring */
        sim->need0 += k ? 0.2 * sim->gdp_month : 0.01 * sim->gdp_month;
        sim->st.need = sim->need0;
        sim->p.s.behaviour_money_fiscal_adjustment = 0;
        peak[k] = 0;
        hyper[k] = 0;
        for (int t = 0; t < 48 && brink_sim_step(sim); t++) {
            double x = brink_sim_var(sim, BRINK_VAR_INFLATION);
            assert_true(isfinite(x));
            peak[k] = fmax(peak[k], x);
        }
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (size_t i = 0; i < n; i++)
            hyper[k] |= ev[i].kind == BRINK_EV_HYPERINFLATION;
        brink_sim_free(sim);
    }
    assert_true(peak[0] < 5);
    assert_false(hyper[0]);
    assert_true(peak[1] > 100); /* more than 10,000% a year */
    assert_true(hyper[1]);

    /* an absurd gap stays finite, and a state that adjusts its needs
     * towards its income brings inflation down again */
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_hold(sim, 1.0);
    sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn;
    sim->need0 = sim->st.need = 5 * sim->gdp_month;
    double top = 0;
    for (int t = 0; t < 120 && brink_sim_step(sim); t++) {
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            assert_true(isfinite(brink_sim_var(sim, (brink_var)v)));
        top = fmax(top, sim->st.pi);
    }
    assert_true(top > log(1.5));               /* it went through hyperinflation */
    assert_true(sim->st.pi < 0.5 * top);        /* and came out of it */
    assert_true(sim->st.need < sim->need0 / 2); /* by cutting its needs */
    brink_sim_free(sim);
}

/* A state that cannot print (a currency union, a dollarised economy) cuts
 * what it cannot pay: output falls, prices do not take off. */
static void test_no_printing(void **state)
{
    (void)state;
    double infl[2], gdp[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = fixture_sim(sc, "status_quo", 1);
        fixture_no_absorbing(sim);
        fixture_hold(sim, 1.0);
        sim->p.s.target_money_can_print = k ? 0 : 1;
        sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn;
        sim->need0 = sim->st.need = sim->st.need + 0.05 * sim->gdp_month;
        sim->p.s.behaviour_money_fiscal_adjustment = 0;
        fixture_steps(sim, 24);
        infl[k] = brink_sim_var(sim, BRINK_VAR_INFLATION);
        gdp[k] = brink_sim_var(sim, BRINK_VAR_GDP);
        if (k)
            assert_true(sim->st.unfunded > 0 && sim->st.monetised == 0);
        brink_sim_free(sim);
    }
    assert_true(infl[1] < infl[0]);
    assert_true(gdp[1] < gdp[0]);
}

/* The reserves_floor event marks the first month reserves no longer meet
 * the gap, whatever meets the rest: patrons' credit, printing, or a spending
 * cut by a state that cannot print. */
static void test_reserves_floor_event(void **state)
{
    (void)state;
    for (int k = 0; k < 3; k++) {
        brink_scenario *f;
        brink_sim *sim = features_sim(&f, "status_quo");
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        sim->p.patron[0].tolerance = 1; /* it keeps lending */
        sim->st.credit_left[0] = k == 0 ? 1000 : 0;
        sim->p.s.target_money_can_print = k == 2 ? 0 : 1;
        sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn + 1;
        sim->p.s.behaviour_money_fiscal_adjustment = 0;
        sim->need0 = sim->st.need = sim->st.need + 0.05 * sim->gdp_month;
        fixture_steps(sim, 12);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        int floor = 0, subject = -1;
        for (size_t i = 0; i < n; i++)
            if (ev[i].kind == BRINK_EV_RESERVES_FLOOR) {
                floor++;
                subject = ev[i].subject;
            }
        assert_int_equal(floor, 1);
        assert_int_equal(subject, k);
        if (k == 0)
            assert_true(sim->st.monetised == 0 && sim->st.unfunded == 0);
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
}

/* Patrons: their transfers narrow the fiscal gap and the output loss; their
 * commitment erodes when support costs them more than they tolerate;
 * interdiction cuts what crosses their routes; their purchases defy
 * sanctions; their protection lowers the senders' force hazard. */
static void test_patrons(void **state)
{
    (void)state;
    brink_scenario *f;
    double gap[2], y[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = features_sim(&f, "status_quo");
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        sim->p.patron[0].tolerance = 1; /* it bears anything */
        if (k)
            sim->st.commitment[0] = sim->st.commit_goal[0] = 0;
        fixture_steps(sim, 12);
        gap[k] = sim->st.gap;
        y[k] = sim->st.y;
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_true(gap[0] < gap[1]);
    assert_true(y[0] < y[1]);

    /* burden over tolerance: commitment falls */
    brink_sim *sim = features_sim(&f, "status_quo");
    fixture_no_absorbing(sim);
    sim->p.patron[0].tolerance = 0.0005;
    fixture_steps(sim, 48);
    assert_true(sim->st.commitment[0] < 0.5 * sim->p.patron[0].commitment);
    brink_sim_free(sim);
    brink_scenario_free(f);

    /* interdiction cuts routed transfers */
    sim = features_sim(&f, "status_quo");
    sim->p.patron[0].tolerance = 1;
    brink_patrons_step(sim);
    double open = sim->st.transfers;
    sim->p.policy[sim->st.policy].interdiction = 1;
    brink_patrons_step(sim);
    assert_true(sim->st.transfers < open * (1 - 0.5 * sim->p.patron[0].route_exposure) + 1e-12);

    /* the patron's own buyers do not comply while it is committed */
    fixture_hold(sim, 1.0);
    fixture_steps(sim, 24);
    int friend = sim->p.layout->patron_party[0];
    assert_true(friend >= 0);
    double committed = sim->st.compliance[friend];
    assert_true(committed < 0.2);

    /* protection lowers the force hazard */
    sim->p.s.behaviour_force_max = 0.05;
    sim->p.policy[sim->st.policy].force_kind = BRINK_FORCE_STRIKE;
    sim->p.policy[sim->st.policy].force_resolve = 1;
    sim->st.programme = 0.95;
    double shielded = brink_force_hazard(sim);
    sim->st.shield = 0;
    assert_true(brink_force_hazard(sim) > shielded);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Coalitions: a second sender adds its pull on third parties; relief voted
 * by the UN is reversed far less often than relief resting on an executive
 * act; a sender whose sanctions cost it dearly leaves the coalition, and the
 * lead's backing down ends the episode. */
static void test_coalition(void **state)
{
    (void)state;
    brink_scenario *f;
    double ex[2];
    for (int k = 0; k < 2; k++) {
        brink_sim *sim = features_sim(&f, "status_quo");
        fixture_no_absorbing(sim);
        fixture_hold(sim, 0.8);
        sim->st.part[1] = k ? 1.0 : 0.0;
        fixture_steps(sim, 24);
        ex[k] = sim->st.crude_mbpd;
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_true(ex[1] < ex[0] - 0.02);

    /* reversals by legal form: relief voted by the UN (the union's) against
     * the lead's executive relief (test_m10_reversal_rate), the same nominal
     * probability */
    int standing = 0, reversed = 0;
    for (uint64_t run = 0; run < 300; run++) {
        brink_sim *sim = features_sim(&f, "talks");
        brink_sim_init(sim, sim->st.policy, 11, run, 0, 1, NULL);
        fixture_no_absorbing(sim);
        sim->p.sender[0].election_interval_months = 0;
        sim->p.sender[1].reversal_probability = 0.5;
        sim->p.sender[1].election_interval_months = 48;
        sim->p.sender[1].first_election_month = 20;
        sim->st.part[1] = 1;
        sim->st.theta = -50;
        fixture_steps(sim, 21);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (size_t i = 0; i < n; i++) {
            if (ev[i].kind == BRINK_EV_ELECTION && ev[i].subject == 1 && ev[i].value > 0)
                standing++;
            if (ev[i].kind == BRINK_EV_REVERSAL && ev[i].subject == 1)
                reversed++;
        }
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_true(standing > 250);
    double rate = (double)reversed / standing;
    double expect = 0.5 * sc->values.s.behaviour_law_resolution_factor.point;
    assert_true(fabs(rate - expect) < 0.05);

    /* defection and backing down */
    int defect = 0, backs = 0;
    for (uint64_t run = 0; run < 100; run++) {
        brink_sim *sim = features_sim(&f, "status_quo");
        brink_sim_init(sim, sim->st.policy, 5, run, 0, 1, NULL);
        fixture_no_absorbing(sim);
        sim->p.s.behaviour_sender_give_up_max = 0.05;
        sim->p.sender[1].trade_share_gdp = 0.05; /* sanctions cost the union dearly */
        brink_sim_run(sim);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (size_t i = 0; i < n; i++)
            defect += ev[i].kind == BRINK_EV_SENDER_DEFECTS && ev[i].subject == 1;
        backs += brink_sim_summary(sim)->outcome == BRINK_OUTCOME_SENDER_BACKS_DOWN;
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_true(defect > 50);
    assert_true(backs > 5);
}

/* The reported relief is the participation-weighted relief of the
 * senders (R̄), as its description says: here the lead lifts nothing and
 * the union, at half the lead's participation, lifts everything. */
static const char *const var_doc[] = {
#define BRINK_VAR_ROW(e, name, unit, doc) doc,
#include "brink/var.def"
#undef BRINK_VAR_ROW
};

static void test_relief_is_participation_weighted(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "status_quo");
    assert_close(sim->st.part[0], 1, 0);
    assert_close(sim->st.part[1], 0.5, 0);
    sim->st.relief[0] = 0;
    sim->st.relief[1] = 1;
    brink_relief_update(sim);
    assert_close(brink_sim_var(sim, BRINK_VAR_RELIEF), 0.5 / 1.5, 1e-12);
    assert_non_null(strstr(var_doc[BRINK_VAR_RELIEF], "participation-weighted"));
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* A sender backs down more often when coercion looks futile, less often
 * when its sanctions are written into law. */
static void test_sender_backs_down(void **state)
{
    (void)state;
    int count[3] = {0};
    for (int k = 0; k < 3; k++)
        for (uint64_t run = 0; run < 300; run++) {
            brink_sim *sim = brink_sim_alloc(sc, NULL);
            brink_sim_init(sim, fixture_policy(sc, "status_quo"), 8, run, 0, 0, NULL);
            sim->p.s.behaviour_politics_crisis_max = 0;
            sim->p.s.behaviour_politics_coup_max = 0;
            sim->p.s.behaviour_conflict_incident_base = 0;
            sim->p.s.behaviour_force_max = 0;
            sim->st.futility = k == 0 ? 0.1 : 0.9;
            if (k == 2)
                sim->p.sender[0].legal_form = BRINK_LAW_STATUTE;
            brink_sim_run(sim);
            count[k] += brink_sim_summary(sim)->outcome == BRINK_OUTCOME_SENDER_BACKS_DOWN;
            brink_sim_free(sim);
        }
    assert_true(count[1] > count[0] + 20);
    assert_true(count[2] < count[1] - 20);
}

/* Deliberate force: the preventive and coercive motives raise the hazard,
 * its cost and the target's deterrence lower it; a strike sets the
 * programme back and is an event after which the confrontation goes on. */
static void test_force_choice(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_steps(sim, 1);
    sim->p.s.behaviour_force_max = 0.05;
    sim->st.programme = 0.5;
    sim->st.futility = 0.2;
    double h0 = brink_force_hazard(sim);
    sim->st.programme = 0.97;
    double h_prog = brink_force_hazard(sim);
    assert_true(h_prog > h0);
    sim->st.programme = 0.5;
    sim->st.futility = 0.95;
    double h_fut = brink_force_hazard(sim);
    assert_true(h_fut > h0);
    sim->st.deterrence *= 3;
    assert_true(brink_force_hazard(sim) < h_fut);
    sim->p.s.coalition_strike_loss *= 5;
    assert_true(brink_force_hazard(sim) < h_fut);
    sim->p.policy[sim->st.policy].force_kind = BRINK_FORCE_NONE;
    assert_close(brink_force_hazard(sim), 0, 0);
    brink_sim_free(sim);

    /* a strike: programme set back, tension up, the run goes on */
    sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_no_absorbing(sim);
    fixture_steps(sim, 2);
    sim->p.s.behaviour_force_max = 1;
    sim->p.s.behaviour_force_base = 50;
    sim->p.s.behaviour_conflict_escalation_base = -50;
    double prog = sim->st.programme, tension = sim->st.tension;
    fixture_steps(sim, 1);
    assert_int_equal(sim->st.sum.strikes, 1);
    assert_true(sim->st.programme < prog);
    assert_true(sim->st.tension > tension);
    assert_false(sim->st.over);
    assert_int_equal(sim->st.sum.max_hostility, 4);
    assert_int_equal(sim->st.sum.max_crisis, 3); /* a strike */
    brink_sim_free(sim);
}

/* Ultimatums: the threat (MID level 2) is issued at its month; a credible
 * threat raises the cost of holding out; at the deadline the coalition
 * carries it out (an invasion is war) or lets it lapse, and the next
 * threat is believed less. */
static void test_ultimatum(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "invade");
    fixture_no_absorbing(sim);
    sim->st.theta = 9; /* holds out */
    sim->p.policy[sim->st.policy].ultimatum_credibility = 1;
    fixture_steps(sim, 1);
    assert_true(sim->st.ult_deadline > 0);
    assert_int_equal(sim->st.sum.max_hostility, 2);
    assert_int_equal(sim->st.sum.max_crisis, 0); /* a threat is not violence */
    double mc_threat = brink_maintenance_cost(sim), belief = sim->st.ult_belief;
    sim->st.ult_belief = 0;
    double mc_none = brink_maintenance_cost(sim);
    assert_true(mc_none < mc_threat);
    /* the threatened war, believed, at its deadline's discount */
    double due = belief * sim->p.s.behaviour_bargain_war_value *
                 pow(sim->p.s.target_discount, sim->st.ult_deadline - sim->st.t);
    assert_close(mc_threat - mc_none, due, 1e-9 * due);
    sim->st.ult_belief = 1;
    brink_sim_run(sim);
    const brink_summary *m = brink_sim_summary(sim);
    assert_int_equal(m->outcome, BRINK_OUTCOME_WAR);
    assert_int_equal(m->outcome_month, (int)sim->p.policy[sim->st.policy].ultimatum_deadline_months);
    assert_int_equal(m->max_hostility, 5);
    assert_int_equal(m->max_crisis, 4);
    brink_sim_free(sim);
    brink_scenario_free(f);

    sim = features_sim(&f, "invade");
    fixture_no_absorbing(sim);
    sim->st.theta = 9;
    sim->p.policy[sim->st.policy].ultimatum_credibility = 0;
    fixture_steps(sim, 4);
    assert_false(sim->st.over);
    assert_true(sim->st.cred_discount < 1);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    int lapsed = 0;
    for (size_t i = 0; i < n; i++)
        lapsed |= ev[i].kind == BRINK_EV_ULTIMATUM_LAPSED;
    assert_true(lapsed);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Compellence (Schelling; Sechser 2011): conceding while an ultimatum is
 * pending costs compellence_cost x the security value conceded, and nothing
 * once the threat is gone; the target's belief in a new threat is
 * threat_belief x the threat's credibility x what lapsed threats left. */
static void test_compellence_cost(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "invade");
    fixture_no_absorbing(sim);
    sim->st.theta = 9;
    sim->p.s.behaviour_force_compellence_cost = 0.5;
    sim->p.s.behaviour_force_threat_belief = 0.6;
    sim->p.policy[sim->st.policy].ultimatum_credibility = 0.8;
    fixture_steps(sim, 1);
    assert_true(sim->st.ult_deadline > sim->st.t);
    assert_close(sim->st.ult_belief, 0.6 * 0.8 * sim->st.cred_discount, 1e-12);

    brink_offer offer;
    brink_offer_value v, v0, gone;
    double mc = brink_maintenance_cost(sim);
    brink_offer_standing(sim, &offer);
    brink_offer_evaluate(sim, &offer, mc, &v);
    assert_true(v.security > 0);
    assert_close(v.compellence, 0.5 * v.security, 1e-12);
    sim->p.s.behaviour_force_compellence_cost = 0;
    brink_offer_evaluate(sim, &offer, mc, &v0);
    assert_close(v0.compellence, 0, 0);
    assert_close(v.submission - v0.submission, 0.5 * v.security, 1e-12);
    /* the threat withdrawn: no compellence cost at any setting */
    sim->p.s.behaviour_force_compellence_cost = 0.5;
    sim->st.ult_deadline = -1;
    brink_offer_evaluate(sim, &offer, mc, &gone);
    assert_close(gone.compellence, 0, 0);
    assert_close(gone.submission, v0.submission, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Month 0 values the standing demand with the same hazards as every later
 * month: incidents, escalation, force and the regime are evaluated at
 * initialisation, so the regime term starts at zero (not at minus its
 * reference) and the risk of war is counted. */
static void test_month0_hazards(void **state)
{
    (void)state;
    brink_scenario *dc = fixture_scenario();
    brink_sim *sim = fixture_sim(dc, "maximum_pressure", 1);
    double h_incident = brink_incident_probability(sim);
    double p_escalate = brink_escalation_probability(sim);
    assert_true(h_incident > 0 && h_incident < 1);
    assert_true(p_escalate > 0 && p_escalate < 1);
    double hc, hk;
    brink_regime_hazards(sim, &hc, &hk);
    assert_close(brink_crisis_hazard(sim) + brink_coup_hazard(sim), sim->regime_hazard0, 0);
    assert_close(hc + hk, sim->regime_hazard0, 0);
    /* force is weighed, as every month, with the futility known before the
     * month's valuation (none yet at month 0) */
    double futility = sim->st.futility;
    sim->st.futility = 0;
    assert_close(brink_force_terms_hazard(&sim->st.force), brink_force_hazard(sim), 0);
    sim->st.futility = futility;
    brink_conflict_hazards(sim);
    assert_close(brink_incident_probability(sim), h_incident, 0);
    assert_close(brink_escalation_probability(sim), p_escalate, 0);
    /* the war hazard is part of the month-0 cost of holding out */
    double mc = brink_maintenance_cost(sim);
    sim->st.incident_rate = 0;
    sim->st.force.on = 0;
    sim->st.force.max = 0;
    if (sim->p.s.behaviour_bargain_war_value > 0)
        assert_true(brink_maintenance_cost(sim) < mc);
    brink_sim_free(sim);
    brink_scenario_free(dc);
}

/* Demands on the leadership: what the leaders keep (exile, amnesty) lowers
 * the cost of conceding; a coup ends the regime when the security forces'
 * cohesion collapses. */
static void test_leadership_and_coups(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "invade");
    double mc = brink_maintenance_cost(sim);
    brink_offer o;
    brink_offer_value with, without;
    brink_offer_standing(sim, &o);
    brink_offer_evaluate(sim, &o, mc, &with);
    o.inducements = 0;
    brink_offer_evaluate(sim, &o, mc, &without);
    assert_true(with.security < without.security);
    assert_close(without.security, sim->p.issue[1].salience * sim->p.issue[1].security_value *
                                       sim->p.issue[1].demand, 1e-9);
    assert_true(with.log_ratio > without.log_ratio);
    brink_sim_free(sim);
    brink_scenario_free(f);

    double h[2];
    for (int k = 0; k < 2; k++) {
        sim = fixture_sim(sc, "status_quo", 1);
        sim->st.cohesion = k ? 0.1 : 0.7;
        sim->p.s.behaviour_politics_cohesion_adjustment = 0;
        brink_politics_step(sim, 2, 2);
        h[k] = brink_coup_hazard(sim);
        brink_sim_free(sim);
    }
    assert_true(h[1] > 10 * h[0]);
    sim = fixture_sim(sc, "status_quo", 1);
    sim->p.s.behaviour_politics_coup_max = 1;
    sim->p.s.behaviour_politics_coup_threshold = 0;
    fixture_steps(sim, 1);
    assert_int_equal(brink_sim_summary(sim)->outcome, BRINK_OUTCOME_REGIME_CRISIS);
    assert_non_null(strstr(brink_sim_summary(sim)->cause, "security forces"));
    brink_sim_free(sim);
}

/* The coup hazard has its own width (behaviour.politics.coup_width),
 * with the crisis width's default: each width moves its own hazard only. */
static void test_coup_width(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    size_t off;
    const brink_spec *sp;
    assert_int_equal(brink_param_locate(&sc->layout, "behaviour.politics.coup_width", &off, &sp), 0);
    double *coup_width = (double *)((char *)&sim->p + off);
    assert_close(*coup_width, sim->p.s.behaviour_politics_crisis_width, 0);
    sim->st.cohesion = 0.3; /* past the coup threshold */
    sim->st.legitimacy = 0.3;
    double crisis0, coup0, crisis, coup;
    brink_regime_hazards(sim, &crisis0, &coup0);
    *coup_width *= 2;
    brink_regime_hazards(sim, &crisis, &coup);
    assert_close(crisis, crisis0, 0);
    assert_true(coup < coup0);
    *coup_width /= 2;
    sim->p.s.behaviour_politics_crisis_width *= 2;
    brink_regime_hazards(sim, &crisis, &coup);
    assert_close(coup, coup0, 0);
    assert_true(crisis != crisis0);
    brink_sim_free(sim);
}

/* Internal armed conflict: outside support and decline feed the
 * insurgency, which raises the hazard of a regime crisis and costs output;
 * a deal that ends the coalition's support of rebels weakens them. */
static void test_insurgency(void **state)
{
    (void)state;
    brink_scenario *f;
    double ins[3], crisis[3], y[3];
    for (int k = 0; k < 3; k++) {
        brink_sim *sim = features_sim(&f, "pressure");
        fixture_no_absorbing(sim);
        brink_policy_num *pol = &sim->p.policy[sim->st.policy];
        pol->offer_interval_months = 0;
        pol->ultimatum_enabled = 0;
        pol->rebel_support = k == 0 ? 0 : 1;
        if (k == 2)
            for (int s = 0; s < sim->p.n_senders; s++)
                sim->st.relief[s] = 1;
        brink_relief_update(sim);
        fixture_steps(sim, 36);
        ins[k] = sim->st.insurgency;
        sim->p.s.behaviour_politics_crisis_max = 0.01; /* the hazard, not a draw */
        brink_politics_step(sim, 2, 2);
        crisis[k] = brink_crisis_hazard(sim);
        y[k] = sim->st.y;
        brink_sim_free(sim);
        brink_scenario_free(f);
    }
    assert_true(ins[1] > ins[0] + 0.1);
    assert_true(crisis[1] > crisis[0]);
    assert_true(y[1] > y[0]);
    assert_true(ins[2] < ins[1]);
    /* crossing the civil-war level is an event */
    brink_sim *sim = features_sim(&f, "pressure");
    fixture_no_absorbing(sim);
    sim->p.policy[sim->st.policy].rebel_support = 1;
    sim->p.s.behaviour_insurgency_civil_war = 0.15;
    fixture_steps(sim, 36);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    int war = 0;
    for (size_t i = 0; i < n; i++)
        war += ev[i].kind == BRINK_EV_CIVIL_WAR;
    assert_int_equal(war, 1);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Reneging on both sides: the target secretly stops carrying out an
 * agreement and, once found out, sanctions snap back; a sender whose relief
 * rests on an executive act may take it back in any month. Either
 * way a run that ends with nothing standing is recorded as deal_reversed. */
static void test_reneging(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 2);
    fixture_no_absorbing(sim);
    sim->st.theta = -50; /* accepts the first offer */
    sim->p.s.behaviour_bargain_backslide_max = 1;
    sim->st.hardliners = 1;
    sim->p.s.behaviour_politics_hardliner_adjustment = 0;
    sim->st.trust = 0;
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].verifiability = 1;
    sim->p.policy[sim->st.policy].offer_interval_months = 0; /* one offer only */
    sim->p.policy[sim->st.policy].offer_first_month = 3;
    sim->p.policy[sim->st.policy].offer_interval_months = 600;
    brink_sim_run(sim);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    int detected = 0;
    for (size_t i = 0; i < n; i++)
        detected += ev[i].kind == BRINK_EV_BACKSLIDE_DETECTED;
    assert_true(detected >= 1);
    assert_int_equal(brink_sim_summary(sim)->outcome, BRINK_OUTCOME_DEAL_REVERSED);
    brink_sim_free(sim);

    /* the sender breaks its word (executive relief) */
    int breaks[2] = {0};
    for (int k = 0; k < 2; k++)
        for (uint64_t run = 0; run < 100; run++) {
            sim = brink_sim_alloc(sc, NULL);
            brink_sim_init(sim, fixture_policy(sc, "maximum_pressure"), 3, run, 0, 1, NULL);
            fixture_no_absorbing(sim);
            sim->st.theta = -50;
            sim->p.s.behaviour_law_executive_break = 0.05;
            sim->p.sender[0].legal_form = k ? BRINK_LAW_RESOLUTION : BRINK_LAW_EXECUTIVE;
            sim->p.s.behaviour_law_resolution_factor = 0;
            brink_sim_derive(sim);
            brink_sim_run(sim);
            n = brink_sim_events(sim, &ev);
            for (size_t i = 0; i < n; i++)
                breaks[k] += ev[i].kind == BRINK_EV_SENDER_BREAK;
            brink_sim_free(sim);
        }
    assert_true(breaks[0] > 50);
    assert_int_equal(breaks[1], 0);
}

/* Detected backsliding voids the agreements as the lead's reversal does:
 * the coalition turns to the policy's on_reversal. */
static void test_backsliding_switches_policy(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    int talks = fixture_policy(f, "talks"), status_quo = fixture_policy(f, "status_quo");
    f->layout.policy[talks].on_reversal = status_quo;
    brink_sim *sim = fixture_sim(f, "talks", 1);
    fixture_no_absorbing(sim);
    sim->st.theta = -50; /* accepts */
    sim->p.s.behaviour_bargain_backslide_max = 1;
    sim->st.hardliners = 1;
    sim->p.s.behaviour_politics_hardliner_adjustment = 0;
    sim->st.trust = 0;
    for (int i = 0; i < sim->p.n_issues; i++)
        sim->p.issue[i].verifiability = 1;
    int detected = 0;
    while (!detected && brink_sim_step(sim)) {
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (size_t i = 0; i < n; i++)
            detected |= ev[i].kind == BRINK_EV_BACKSLIDE_DETECTED;
    }
    assert_true(detected);
    assert_int_equal(brink_sim_policy(sim), status_quo);
    assert_true(sim->st.reversed);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Timelines: scheduled events happen at their months, in order: a sender
 * joins, a price collapse, a patron withdraws and a parameter changes, a
 * new leader's resolve is drawn afresh. */
static void test_timeline(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    const brink_layout *lay = &f->layout;
    assert_int_equal(lay->n_timeline_items, 4);
    for (int j = 1; j < lay->n_timeline; j++)
        assert_true(lay->timeline[j].month >= lay->timeline[j - 1].month);
    assert_int_equal(lay->timeline_item_month[1], 24); /* 2002-01 from 2000-01 */
    brink_sim *sim = fixture_sim(f, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_steps(sim, 12);
    double price = sim->st.price[0];
    fixture_steps(sim, 1); /* month 12: prices fall by half a log point */
    assert_true(sim->st.price[0] < price * 0.7);
    assert_close(sim->st.part[1], 0.5, 0);
    fixture_steps(sim, 12); /* month 24: the union applies everything */
    assert_close(sim->st.part[1], 1, 0);
    fixture_steps(sim, 12); /* month 36: the patron withdraws, its tolerance changes */
    assert_close(sim->st.commit_goal[0], 0.2, 0);
    assert_close(sim->p.patron[0].tolerance, 0.001, 0);
    double theta = sim->st.theta, h = sim->st.hardliners;
    fixture_steps(sim, 4); /* month 40: a new leader */
    assert_true(sim->st.theta != theta);
    assert_true(sim->st.hardliners < h);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    int items = 0;
    for (size_t i = 0; i < n; i++)
        items += ev[i].kind == BRINK_EV_TIMELINE;
    assert_int_equal(items, 4);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Adds a timeline item to a loaded scenario: from `month` on, the
 * parameter at `path` takes `value` (kept in month order). */
static void timeline_add_set(brink_scenario *f, int month, const char *path, double value)
{
    brink_layout *lay = &f->layout;
    size_t off;
    const brink_spec *sp;
    assert_int_equal(brink_param_locate(lay, path, &off, &sp), 0);
    assert_true(lay->n_timeline < BRINK_MAX_TIMELINE && lay->n_timeline_items < BRINK_MAX_TIMELINE);
    int at = lay->n_timeline;
    while (at > 0 && lay->timeline[at - 1].month > month)
        at--;
    memmove(&lay->timeline[at + 1], &lay->timeline[at],
            (size_t)(lay->n_timeline - at) * sizeof lay->timeline[0]);
    brink_timeline_action *a = &lay->timeline[at];
    memset(a, 0, sizeof *a);
    a->month = month;
    a->kind = BRINK_TL_SET;
    a->offset = off;
    a->value = value;
    a->item = lay->n_timeline_items;
    a->sub = -1;
    snprintf(a->path, sizeof a->path, "%s", path);
    lay->timeline_item_month[lay->n_timeline_items] = month;
    lay->n_timeline_items++;
    lay->n_timeline++;
}

/* A timeline `set` of the target level of the policy in force moves the
 * running target (keeping the tightening earned so far), and sanctions
 * follow it; a set of another policy's target waits for that policy. */
static void test_timeline_sets_running_target(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    timeline_add_set(f, 6, "policies.talks.sanctions.target", 0.7);
    timeline_add_set(f, 6, "policies.status_quo.sanctions.target", 0.2);
    brink_sim *sim = fixture_sim(f, "talks", 1);
    fixture_no_absorbing(sim);
    sim->p.policy[sim->st.policy].offer_interval_months = 0;
    fixture_steps(sim, 6);
    assert_close(sim->st.s_target, 0.5, 1e-12);
    sim->st.s_target = 0.6; /* tightened once by 0.1 */
    fixture_steps(sim, 1);  /* month 6 */
    assert_close(sim->st.s_target, 0.8, 1e-12);
    fixture_steps(sim, 24);
    assert_close(sim->st.s_pol, 0.8, 1e-12);
    brink_switch_policy(sim, fixture_policy(f, "status_quo"));
    assert_close(sim->st.s_target, 0.2, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* A timeline `set` keeps the state's fiscal cutbacks; a set of the
 * break-even itself is a new budget, which the needs start from. */
static void test_timeline_set_keeps_cutbacks(void **state)
{
    (void)state;
    brink_scenario *f = fixture_file("features.yaml");
    timeline_add_set(f, 48, "target.fiscal.breakeven_usd_bn_year", 0); /* placeholder */
    brink_sim *sim = fixture_sim(f, "status_quo", 1);
    fixture_no_absorbing(sim);
    fixture_hold(sim, 0.8);
    sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn;
    sim->p.patron[0].credit_usd_bn = sim->st.credit_left[0] = 0;
    /* a budget far above what exports bring: the state cuts its needs */
    double breakeven = 12.0 * sim->st.need + 0.3 * 12.0 * sim->gdp_month;
    sim->p.s.target_fiscal_breakeven_usd_bn_year = breakeven;
    sim->need0 = sim->st.need = breakeven / 12.0;
    f->layout.timeline[f->layout.n_timeline - 1].value = breakeven + 6;
    fixture_steps(sim, 36);
    double before = sim->st.need;
    assert_true(before < 0.9 * sim->need0);
    fixture_steps(sim, 1); /* month 36: the patron's tolerance is set */
    assert_true(sim->st.need <= before + 1e-12);
    fixture_steps(sim, 11);
    assert_true(sim->st.need < 0.9 * sim->need0);
    double inflow = sim->st.income + sim->st.transfers + sim->st.aid;
    fixture_steps(sim, 1); /* month 48: a new budget, 6 a year above the old */
    double k = sim->p.s.behaviour_money_fiscal_adjustment, budget = (breakeven + 6) / 12.0;
    assert_close(sim->need0, budget, 1e-12);
    /* the month's cut, from the new budget */
    double expect = budget + k * (inflow - budget);
    assert_true(fabs(sim->st.need - expect) < 0.01 * budget);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* The offer on the first issue is worth more to the target with its
 * inducements than without them. */
static void assert_inducements_add_value(const brink_sim *sim)
{
    double mc = brink_maintenance_cost(sim);
    brink_offer o;
    brink_offer_value with, without;
    brink_offer_unbundled(sim, 1u, 0, &o);
    brink_offer_evaluate(sim, &o, mc, &with);
    o.inducements = 0;
    brink_offer_evaluate(sim, &o, mc, &without);
    assert_true(with.deal_value > without.deal_value);
}

/* Inducements beyond relief: they add to what a deal is worth; aid flows
 * into the state's income once the deal is made. */
static void test_inducements(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "talks");
    fixture_no_absorbing(sim);
    assert_inducements_add_value(sim);
    sim->st.theta = -50;
    fixture_steps(sim, 3);
    assert_true(sim->st.agreed & 1u);
    assert_close(sim->st.aid, sim->p.inducement[1].value_usd_bn_year / 12.0, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* Discarded agreements take their inducements with them: a new agreement
 * is valued with them and delivers them again. */
static void test_inducements_after_discard(void **state)
{
    (void)state;
    brink_scenario *f;
    brink_sim *sim = features_sim(&f, "talks");
    fixture_no_absorbing(sim);
    sim->st.theta = -50;
    fixture_steps(sim, 2); /* month 1: the offer on the programme is accepted */
    double aid = sim->p.inducement[1].value_usd_bn_year / 12.0;
    assert_close(sim->st.aid, aid, 1e-12);
    brink_discard_agreements(sim, 0);
    assert_close(sim->st.aid, 0, 0);
    assert_inducements_add_value(sim);
    fixture_steps(sim, 3); /* month 4: the next offer, accepted */
    assert_true(sim->st.agreed & 1u);
    assert_close(sim->st.aid, aid, 1e-12);
    brink_sim_free(sim);
    brink_scenario_free(f);
}

/* ---- Choices follow the stakes (docs/model.md, "The choice") ---------- */

/* An offer worth less than it costs is refused by a target of median
 * resolve, the more surely the larger the gap; scaling the stakes up or
 * down changes nothing; free relief is taken and worthless steps are not.
 * The cost is the one that leadership weighs, C e^theta; at the fitted
 * choice noise (docs/calibration.md) an offer worth a third of it or less is
 * taken less than 5% of the time, one worth as much as it costs half the
 * time. */
static void test_choice_follows_stakes(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    double tau = sim->p.s.behaviour_bargain_choice_noise;
    double median = sim->p.s.target_resolve; /* the prior is symmetric about its mean */
    double weighed = exp(median);
    assert_close(brink_accept_probability(brink_log_ratio(weighed * 4.0, 4.0), median, tau), 0.5,
                 1e-12);
    double prev = 0.5;
    for (double worth = 0.9; worth > 0.05; worth -= 0.05) {
        double p = brink_accept_probability(brink_log_ratio(worth * weighed * 4.0, 4.0), median, tau);
        assert_true(p < prev);
        prev = p;
        if (worth <= 1.0 / 3.0)
            assert_true(p < 0.05);
        double big =
            brink_accept_probability(brink_log_ratio(worth * weighed * 400.0, 400.0), median, tau);
        assert_close(big, p, 1e-12);
    }
    assert_close(brink_accept_probability(brink_log_ratio(1.0, 0.0), median, tau), 1, 0);
    assert_close(brink_accept_probability(brink_log_ratio(0.0, 1.0), median, tau), 0, 0);
    brink_sim_free(sim);

    /* a staged path that pays nothing is not taken */
    sim = fixture_sim(sc, "staged_reciprocity", 1);
    int pol = sim->st.policy;
    for (int j = 0; j < sc->layout.policy[pol].n_milestones; j++)
        sim->p.milestone[pol][j].relief = 0;
    sim->p.inducement[0].value_gdp_months = 0;
    brink_offer step;
    brink_offer_value v;
    brink_offer_milestone(sim, 0, &step);
    brink_offer_evaluate(sim, &step, brink_maintenance_cost(sim), &v);
    assert_true(brink_accept_probability(v.log_ratio, sim->st.theta, tau) < 1e-6);
    brink_sim_free(sim);
}

/* Fixed costs of conceding apply to concessions only: an offer that asks
 * for nothing carries no audience cost, and an offer of free relief is
 * taken whatever the rhetoric or channel. */
static void test_no_cost_without_concession(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_steps(sim, 3);
    brink_offer o;
    brink_offer_value v;
    brink_offer_standing(sim, &o);
    for (int i = 0; i < BRINK_MAX_ISSUES; i++)
        o.concession[i] = sim->st.conceded[i];
    o.is_public = 1;
    brink_offer_evaluate(sim, &o, brink_maintenance_cost(sim), &v);
    assert_close(v.submission, 0, 0);
    assert_close(v.audience, 0, 0);
    assert_close(brink_accept_probability(v.log_ratio, 5, 0.25), 1, 0);
    brink_sim_free(sim);
}

/* Perceived durability follows the real hazards: at neutral trust it
 * equals the survival the senders' true reversal and break hazards give;
 * distrust lowers it, and relief in law or a UN resolution lasts longer. */
static void test_durability_follows_hazards(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "staged_reciprocity", 1);
    sim->p.s.behaviour_bargain_exit_ramp_hazard = 0;
    sim->p.sender[0].reversal_probability = 0.4;
    brink_sim_derive(sim); /* as a timeline setting does */
    sim->st.trust = 0.5;
    double neutral = brink_durability(sim, 0, 0);
    /* the same from first principles: survival of the true hazards */
    const brink_scalars *s = &sim->p.s;
    int H = (int)s->target_planning_months, first = (int)sim->p.sender[0].first_election_month;
    int every = (int)sim->p.sender[0].election_interval_months;
    double a = s->target_discount * exp(-sim->st.eta), num = 0, den = 0;
    for (int m = 0; m < H; m++) {
        int elections = m > first ? 1 + (m - first - 1) / every : 0;
        double survive = pow(0.6, elections) * exp(-s->behaviour_law_executive_break * m);
        num += pow(a, m) * survive;
        den += pow(a, m);
    }
    assert_close(neutral, num / den, 1e-9);
    sim->st.trust = 0.2;
    assert_true(brink_durability(sim, 0, 0) < neutral);
    sim->st.trust = 0.5;
    sim->p.sender[0].legal_form = BRINK_LAW_STATUTE;
    brink_sim_derive(sim);
    double statute = brink_durability(sim, 0, 0);
    sim->p.sender[0].legal_form = BRINK_LAW_RESOLUTION;
    brink_sim_derive(sim);
    double resolution = brink_durability(sim, 0, 0);
    assert_true(statute > neutral && resolution > statute);
    brink_sim_free(sim);
}

/* Legitimacy and cohesion answer the economy: lost output, inflation and a
 * falling currency lower legitimacy; inflation erodes the base's cohesion. */
static void test_legitimacy_follows_economy(void **state)
{
    (void)state;
    brink_sim *base = fixture_sim(sc, "status_quo", 1);
    brink_politics_step(base, 2, 2);
    double l0 = base->st.legitimacy, c0 = base->st.cohesion;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    sim->st.y = sim->st.y0 + 0.1;
    brink_politics_step(sim, 2, 2);
    assert_true(sim->st.legitimacy < l0);
    brink_sim_free(sim);
    sim = fixture_sim(sc, "status_quo", 1);
    sim->st.pi = sim->st.pi0 + log(2.0) / 12; /* inflation doubled in log terms */
    brink_politics_step(sim, 2, 2);
    assert_true(sim->st.legitimacy < l0);
    assert_true(sim->st.cohesion < c0);
    brink_sim_free(sim);
    sim = fixture_sim(sc, "status_quo", 1);
    sim->st.dep_ann = sim->p.s.target_fx_base_depreciation + 1.0;
    brink_politics_step(sim, 2, 2);
    assert_true(sim->st.legitimacy < l0);
    brink_sim_free(sim);
    brink_sim_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_m1_pressure_escalates),
        cmocka_unit_test(test_m2_exposure_and_market_size),
        cmocka_unit_test(test_m2_bound_parties),
        cmocka_unit_test(test_m3_reach_falls_with_bypass),
        cmocka_unit_test(test_m4_sanction_fatigue),
        cmocka_unit_test(test_m5_reserves_and_floor),
        cmocka_unit_test(test_m6_currency_and_cohesion),
        cmocka_unit_test(test_m7_proxies_atrophy),
        cmocka_unit_test(test_m8_maintenance_cost),
        cmocka_unit_test(test_m8_printing_ahead),
        cmocka_unit_test(test_m8_loss_per_intensity),
        cmocka_unit_test(test_m9_submission_cost),
        cmocka_unit_test(test_m10_durability),
        cmocka_unit_test(test_m10_reversal_rate),
        cmocka_unit_test(test_m10_breaks_every_month),
        cmocka_unit_test(test_m11_public_vs_private),
        cmocka_unit_test(test_m12_belief_update),
        cmocka_unit_test(test_m12_belief_accept_laid_out),
        cmocka_unit_test(test_m12_belief_answer_same_bits),
        cmocka_unit_test(test_m12_objective_own_belief),
        cmocka_unit_test(test_conceded_kind),
        cmocka_unit_test(test_m13_bundling),
        cmocka_unit_test(test_m14_survival_paradox),
        cmocka_unit_test(test_m15_incidents),
        cmocka_unit_test(test_m16_staged_steps),
        cmocka_unit_test(test_m16_pending_step_is_partial),
        cmocka_unit_test(test_m16_continuation),
        cmocka_unit_test(test_m17_entry_step),
        cmocka_unit_test(test_m17_entry_step_per_policy),
        cmocka_unit_test(test_m18_perishable_leverage),
        cmocka_unit_test(test_m19_programme),
        cmocka_unit_test(test_m20_buy_in_and_rhetoric),
        cmocka_unit_test(test_goods_exposure),
        cmocka_unit_test(test_import_embargo),
        cmocka_unit_test(test_gdp_path),
        cmocka_unit_test(test_hyperinflation),
        cmocka_unit_test(test_no_printing),
        cmocka_unit_test(test_reserves_floor_event),
        cmocka_unit_test(test_patrons),
        cmocka_unit_test(test_coalition),
        cmocka_unit_test(test_relief_is_participation_weighted),
        cmocka_unit_test(test_sender_backs_down),
        cmocka_unit_test(test_force_choice),
        cmocka_unit_test(test_ultimatum),
        cmocka_unit_test(test_leadership_and_coups),
        cmocka_unit_test(test_coup_width),
        cmocka_unit_test(test_insurgency),
        cmocka_unit_test(test_reneging),
        cmocka_unit_test(test_backsliding_switches_policy),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_timeline_sets_running_target),
        cmocka_unit_test(test_timeline_set_keeps_cutbacks),
        cmocka_unit_test(test_inducements),
        cmocka_unit_test(test_inducements_after_discard),
        cmocka_unit_test(test_choice_follows_stakes),
        cmocka_unit_test(test_no_cost_without_concession),
        cmocka_unit_test(test_durability_follows_hazards),
        cmocka_unit_test(test_legitimacy_follows_economy),
        cmocka_unit_test(test_compellence_cost),
        cmocka_unit_test(test_month0_hazards),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
