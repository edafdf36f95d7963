/* One test (or more) per mechanism M1-M20: the behaviour column of the model
 * brief on controlled single runs (continuous noise off; where a random
 * event matters, the event is switched off or the seed is fixed). */
#include "sim_fixture.h"

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
                sim->p.party[i].exposure = fmin(1, sim->p.party[i].exposure * 1.3);
        if (k == 2)
            sim->ln_market_ratio *= 1.3;
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

/* M3: reach falls as trade moves onto off-dollar channels. */
static void test_m3_reach_falls_with_bypass(void **state)
{
    (void)state;
    brink_sim *sim = fixture_sim(sc, "status_quo", 1);
    fixture_steps(sim, 1);
    double before = sim->st.reach;
    for (int c = 0; c < sim->p.n_channels; c++)
        sim->st.bypass[c] = 0.95;
    brink_compliance_step(sim);
    assert_true(sim->st.reach < before - 0.05);
    assert_true(sim->st.reach >= 0);
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
        early[k] = sim->p.s.target_oil_capacity_mbpd - sim->st.exports;
        fixture_steps(sim, 96);
        late[k] = sim->p.s.target_oil_capacity_mbpd - sim->st.exports;
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
    sim->p.s.target_oil_breakeven_mbpd = 2.0; /* far below break-even */
    double prev = sim->st.reserves, infl_before = 0, infl_after = 0;
    int floor_month = -1;
    for (int t = 0; t < 120 && brink_sim_step(sim); t++) {
        assert_true(sim->st.exports < sim->p.s.target_oil_breakeven_mbpd);
        assert_true(sim->st.reserves <= prev + 1e-12);
        assert_true(sim->st.reserves >= sim->p.s.target_fx_reserve_floor_usd_bn - 1e-9);
        if (sim->st.monetised > 0 && floor_month < 0) {
            floor_month = t;
            assert_close(sim->st.reserves, sim->p.s.target_fx_reserve_floor_usd_bn, 1e-9);
        }
        if (floor_month < 0)
            infl_before = sim->st.inflation;
        else if (t <= floor_month + 1 && sim->st.inflation > infl_after)
            infl_after = sim->st.inflation;
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
    fixture_steps(sim, 24);
    sim->st.trust = 1.0;
    double d_hi = brink_durability(sim, 0, sim->st.s_pol, 0);
    sim->st.trust = 0.0;
    sim->p.s.behaviour_bargain_exec_hazard = 1.0;
    double d_lo = brink_durability(sim, 0, sim->st.s_pol, 0);
    assert_true(d_hi > 0.9);
    assert_true(d_lo < 0.05);
    /* extreme pain: the loss is ten times larger, yet P(accept) stays near zero */
    sim->st.loss *= 10;
    brink_offer_value v;
    double pa = fixture_accept(sim, &v);
    assert_true(v.maintenance > 50);
    assert_true(pa < 0.01);
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
        sim->p.s.sender_reversal_probability = 0.35;
        sim->st.theta = -100; /* accepts the first offer */
        brink_sim_run(sim);
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        int first = (int)sim->p.s.sender_first_election_month;
        int every = (int)sim->p.s.sender_election_interval_months;
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
        double theta = priv.net; /* a target on the fence in private */
        double p_pub = brink_accept_probability(pub.net, theta, tau);
        double p_priv = brink_accept_probability(priv.net, theta, tau);
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
    brink_belief_update(sim, 0.5, 1.0, sim->p.s.behaviour_bargain_choice_noise, 0);
    double after_reject = brink_belief_mean(sim);
    assert_true(after_reject > before);
    double total = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        total += sim->st.belief[j];
    assert_close(total, 1.0, 1e-12);
    brink_belief_update(sim, 0.5, 1.0, sim->p.s.behaviour_bargain_choice_noise, 1);
    assert_true(brink_belief_mean(sim) < after_reject);
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
        one.is_public = 0;
        one.lag = 0;
        one.audience_share = 0;
        one.milestone = -1;
        brink_offer_evaluate(sim, &one, mc, &v);
        if (v.net > best)
            best = v.net;
    }
    assert_true(best > bundled.net);
    brink_sim_free(sim);
}

/* M14: under regime-change rhetoric P(accept) stops rising with pressure and
 * falls; under behaviour-change rhetoric it rises. */
static double accept_at(double s, double rhetoric)
{
    brink_sim *sim = fixture_sim(sc, "maximum_pressure", 1);
    fixture_no_absorbing(sim);
    fixture_hold(sim, s);
    sim->p.policy[sim->st.policy].rhetoric = rhetoric;
    sim->p.s.target_trust = 0.6;
    sim->st.trust = 0.6;
    fixture_steps(sim, 36);
    sim->st.theta = 0;
    double pa = fixture_accept(sim, NULL);
    brink_sim_free(sim);
    return pa;
}

static void test_m14_survival_paradox(void **state)
{
    (void)state;
    double lo = accept_at(0.3, 0), mid = accept_at(0.65, 0), hi = accept_at(1.0, 0);
    assert_true(lo < mid && mid < hi);
    double rlo = accept_at(0.3, 1), rmid = accept_at(0.65, 1), rhi = accept_at(1.0, 1);
    assert_true(rhi < rmid && rmid < rlo);
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
    brink_conflict_step(sim, u_never, u_never, u_never);
    double h_low = sim->st.h_incident;
    pol->posture = 0.9;
    brink_conflict_step(sim, u_never, u_never, u_never);
    double h_high = sim->st.h_incident;
    assert_true(h_high > h_low);
    for (int x = 0; x < sim->p.n_proxies; x++)
        sim->p.proxy[x].activity *= 2;
    brink_conflict_step(sim, u_never, u_never, u_never);
    assert_true(sim->st.h_incident > h_high);
    pol->hotline = 0;
    brink_conflict_step(sim, u_never, u_never, u_never);
    double esc_closed = sim->st.p_escalate;
    pol->hotline = 1;
    brink_conflict_step(sim, u_never, u_never, u_never);
    assert_true(sim->st.p_escalate < esc_closed);
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
    assert_true(sim->st.relief == 0);
    brink_sim_free(sim);
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
    assert_close(v.net, v.deal_value - v.submission + v.continuation, 1e-12);
    double with_path = v.net;
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
    sim->p.s.behaviour_conflict_preventive_max = 0.01;
    fixture_steps(sim, 1);
    double prog0 = sim->st.programme, h0 = sim->st.h_preventive;
    sim->p.s.behaviour_conflict_preventive_max = 0.01;
    fixture_steps(sim, 60);
    assert_true(sim->st.programme > prog0 + 0.05);
    brink_conflict_step(sim, 1, 1, 1);
    assert_true(sim->st.h_preventive > h0);
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
        ex[k] = sim->st.exports;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_m1_pressure_escalates),
        cmocka_unit_test(test_m2_exposure_and_market_size),
        cmocka_unit_test(test_m3_reach_falls_with_bypass),
        cmocka_unit_test(test_m4_sanction_fatigue),
        cmocka_unit_test(test_m5_reserves_and_floor),
        cmocka_unit_test(test_m6_currency_and_cohesion),
        cmocka_unit_test(test_m7_proxies_atrophy),
        cmocka_unit_test(test_m8_maintenance_cost),
        cmocka_unit_test(test_m9_submission_cost),
        cmocka_unit_test(test_m10_durability),
        cmocka_unit_test(test_m10_reversal_rate),
        cmocka_unit_test(test_m11_public_vs_private),
        cmocka_unit_test(test_m12_belief_update),
        cmocka_unit_test(test_m13_bundling),
        cmocka_unit_test(test_m14_survival_paradox),
        cmocka_unit_test(test_m15_incidents),
        cmocka_unit_test(test_m16_staged_steps),
        cmocka_unit_test(test_m16_continuation),
        cmocka_unit_test(test_m17_entry_step),
        cmocka_unit_test(test_m18_perishable_leverage),
        cmocka_unit_test(test_m19_programme),
        cmocka_unit_test(test_m20_buy_in_and_rhetoric),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
