/* The seed's claims.
 *
 * Verification claims (1, 2, 6, 10, 12): an equation of the model states
 * each, so each is checked here as an equation, on every built-in case
 * where it applies (continuous noise off, nothing absorbing, the case's
 * timeline left out so that only the mechanism moves).
 *
 * Validation claims: the experiments of brink_claims_run and the box of
 * brink_claims_box_run: verdicts follow their rules, untestable is not
 * fails, and results do not depend on the number of threads. */
#include "no_aligned_memory.h"

#include "sim_fixture.h"

#include "brink/claims.h"
#include "model/isa.h"
#include "model/spec.h"

/* ---- helpers ------------------------------------------------------------ */

/* Built-in case i with its timeline (its dated history) left out. */
static brink_scenario *bare_case(int i)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin(brink_builtin_name(i), &errs);
    assert_non_null(sc);
    sc->layout.n_timeline = 0;
    sc->layout.n_timeline_items = 0;
    return sc;
}

static int n_cases(void)
{
    int n = 0;
    while (brink_builtin_name(n))
        n++;
    return n;
}

/* A run of the case's default policy at point values, noise off, nothing
 * absorbing, sanctions held at s with no offers. */
static brink_sim *held_sim(const brink_scenario *sc, double s)
{
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    assert_non_null(sim);
    assert_int_equal(brink_sim_init(sim, sc->default_policy, 1, 0, 0, 0, NULL), BRINK_OK);
    sim->p.s.simulation_noise = 0;
    fixture_no_absorbing(sim);
    fixture_hold(sim, s);
    return sim;
}

static double total_compliance(const brink_sim *sim)
{
    double c = 0;
    for (int i = 0; i < sim->p.n_parties; i++)
        c += sim->st.compliance[i];
    return c;
}

/* ---- verification ----------------------------------------------------- */

/* Claim 1 (M2, M3): more exposure of third parties to the senders' markets
 * gives more compliance, month by month, and fewer exports in volume; in
 * value too, except where a compliant buyer's channels pay more than a
 * defiant buyer's grey discount leaves (then a compliant purchase through
 * the channels can be worth more than a defiant one). */
static void test_claim01_exposure(void **state)
{
    (void)state;
    int tested = 0;
    for (int c = 0; c < n_cases(); c++) {
        brink_scenario *sc = bare_case(c);
        if (sc->layout.n[BRINK_GROUP_PARTY] == 0) {
            brink_scenario_free(sc);
            continue;
        }
        brink_sim *a = held_sim(sc, 0.8), *b = held_sim(sc, 0.8);
        int raised = 0;
        for (int i = 0; i < b->p.n_parties; i++)
            for (int k = 0; k < b->p.n_senders; k++) {
                double x = b->p.party[i].exposure[k];
                b->p.party[i].exposure[k] = fmin(1, x + 0.2);
                raised += b->p.party[i].exposure[k] > x && sc->layout.party_member[i] < 0;
            }
        brink_sim_derive(b); /* as a timeline setting does */
        for (int t = 0; t < 24; t++) {
            brink_sim_step(a);
            brink_sim_step(b);
            for (int i = 0; i < a->p.n_parties; i++)
                assert_true(b->st.compliance[i] >= a->st.compliance[i] - 1e-12);
            assert_true(b->st.crude_mbpd <= a->st.crude_mbpd + 1e-12);
        }
        /* the senders pull (intensity, enforcement, reach, a larger market) */
        double pull = 0;
        for (int k = 0; k < a->p.n_senders; k++)
            pull += a->st.s_k[k] * a->p.sender[k].enforcement * a->st.reach[k] *
                    a->ln_market_ratio[k];
        if (raised && pull > 0) {
            tested++;
            assert_true(total_compliance(b) > total_compliance(a) + 1e-9);
        }
        brink_sim_free(a);
        brink_sim_free(b);
        brink_scenario_free(sc);
    }
    assert_true(tested >= 20);
}

/* Claim 2 (M5, M6): with income below the break-even, the gap is drawn from
 * reserves to the floor; there, what patrons' credit does not cover is
 * printed, which enters inflation in the same month (or, where the state
 * cannot print, is cut from spending). */
static void test_claim02_breakeven(void **state)
{
    (void)state;
    int printed = 0, cut = 0;
    for (int c = 0; c < n_cases(); c++) {
        brink_scenario *sc = bare_case(c);
        brink_sim *sim = held_sim(sc, 1.0);
        sim->p.s.behaviour_money_fiscal_adjustment = 0; /* the need stays where it is put */
        double need = 3 * (sim->st.income + sim->st.transfers + sim->st.aid) + 1;
        sim->p.s.target_fiscal_breakeven_usd_bn_year = 12 * need;
        sim->need0 = sim->st.need = need;
        double floor = sim->p.s.target_fx_reserve_floor_usd_bn;
        int reached = 0;
        for (int t = 0; t < 240 && !reached; t++) {
            double before = sim->st.reserves, pi_before = sim->st.pi;
            if (!brink_sim_step(sim))
                break;
            assert_true(sim->st.gap > 0);
            double usable = fmax(0, before - floor);
            assert_close(sim->st.reserves, before - fmin(sim->st.gap, usable), 1e-9 * (1 + before));
            if (sim->st.monetised > 0 || sim->st.unfunded > 0) {
                reached = 1;
                assert_true(sim->st.reserves <= fmax(floor, before) + 1e-9);
                assert_close(sim->st.reserves, fmin(before, floor), 1e-9 * (1 + before));
                if (sim->st.monetised > 0) {
                    printed++;
                    assert_true(sim->st.pi > pi_before);
                } else {
                    cut++;
                }
            }
        }
        assert_true(reached);
        brink_sim_free(sim);
        brink_scenario_free(sc);
    }
    assert_int_equal(printed + cut, n_cases());
    assert_true(printed > 0);
}

/* Claim 6 (M1, M12): after a rejection the policy's target rises by its
 * escalation up to its ceiling, and the senders' expected resolve rises,
 * whatever the offer (every policy of every case that escalates). */
static void test_claim06_rejection(void **state)
{
    (void)state;
    int policies = 0;
    for (int c = 0; c < n_cases(); c++) {
        brink_scenario *sc = bare_case(c);
        for (int p = 0; p < sc->layout.n[BRINK_GROUP_POLICY]; p++) {
            brink_sim *sim = brink_sim_alloc(sc, NULL);
            assert_non_null(sim);
            assert_int_equal(brink_sim_init(sim, p, 1, 0, 0, 0, NULL), BRINK_OK);
            const brink_policy_num *pol = &sim->p.policy[p];
            /* the belief: a rejection of any offer raises the expected resolve */
            double tau = sim->p.s.behaviour_bargain_choice_noise;
            for (double x = -4; x <= 4; x += 0.5) {
                double saved[BRINK_BELIEF_N];
                memcpy(saved, sim->st.belief, sizeof saved);
                double m0 = brink_belief_mean(sim);
                brink_belief_update(sim, x, 1.0, tau, 0);
                assert_true(brink_belief_mean(sim) > m0);
                memcpy(sim->st.belief, saved, sizeof saved);
            }
            if (!(pol->sanctions_escalation > 0) || !(pol->offer_interval_months >= 1)) {
                brink_sim_free(sim);
                continue;
            }
            sim->p.s.simulation_noise = 0;
            fixture_no_absorbing(sim);
            sim->st.theta = 50; /* rejects every offer */
            int tightened = 0;
            for (int t = 0; t < sim->st.horizon; t++) {
                double s_before = sim->st.s_target, belief = brink_belief_mean(sim);
                int rejections = sim->st.sum.offers - sim->st.sum.accepts, policy = sim->st.policy;
                if (!brink_sim_step(sim))
                    break;
                if (sim->st.policy != policy || sim->st.sum.offers - sim->st.sum.accepts == rejections)
                    continue;
                const brink_policy_num *now = &sim->p.policy[sim->st.policy];
                assert_close(sim->st.s_target,
                             fmin(now->sanctions_max, s_before + now->sanctions_escalation), 1e-12);
                assert_true(brink_belief_mean(sim) >= belief);
                tightened += sim->st.s_target > s_before;
            }
            policies++;
            assert_true(tightened >= 1);
            brink_sim_free(sim);
        }
        brink_scenario_free(sc);
    }
    assert_true(policies >= 1);
}

/* Claim 10 (M10): at each election with relief standing it is discarded
 * with probability reversal_probability x the legal form's factor, and
 * reversals happen only in election months. */
static void test_claim10_reversal_rate(void **state)
{
    (void)state;
    brink_scenario *sc = bare_case(0);
    const struct {
        int form;
        double rho;
    } set[2] = {{BRINK_LAW_EXECUTIVE, 0.35}, {BRINK_LAW_STATUTE, 0.5}};
    for (int s = 0; s < 2; s++) {
        uint64_t standing = 0, reversed = 0;
        double rate = 0;
        for (uint64_t run = 0; run < 300; run++) {
            brink_sim *sim = brink_sim_alloc(sc, NULL);
            assert_non_null(sim);
            assert_int_equal(brink_sim_init(sim, sc->default_policy, 7, run, 0, 1, NULL), BRINK_OK);
            fixture_no_absorbing(sim);
            brink_sender *lead = &sim->p.sender[0];
            lead->legal_form = set[s].form;
            lead->reversal_probability = set[s].rho;
            rate = set[s].rho * brink_law_factor(&sim->p.s, set[s].form);
            sim->st.theta = -100; /* accepts every offer */
            brink_sim_run(sim);
            const brink_event *ev;
            size_t n = brink_sim_events(sim, &ev);
            int first = (int)lead->first_election_month, every = (int)lead->election_interval_months;
            assert_true(every > 0);
            for (size_t i = 0; i < n; i++) {
                if (ev[i].kind == BRINK_EV_ELECTION && ev[i].subject == 0 && ev[i].value > 0)
                    standing++;
                if (ev[i].kind == BRINK_EV_REVERSAL && ev[i].subject == 0) {
                    reversed++;
                    assert_int_equal((ev[i].month - first) % every, 0);
                }
            }
            brink_sim_free(sim);
        }
        assert_true(standing >= 300);
        double p = (double)reversed / (double)standing;
        double se = sqrt(rate * (1 - rate) / (double)standing);
        assert_true(fabs(p - rate) < 4 * se);
    }
    brink_scenario_free(sc);
}

/* Claim 12 (M2, M4, M20): buy-in raises compliance and the export loss that
 * the same sanctions cause, month by month, in volume. In value it need not:
 * goods that buy-in keeps out of the channels can be taken by defiant buyers
 * at the grey discount, which pays more than the channels' discount (the
 * Yugoslavia 1998, North Korea 2002 and Afghanistan 1999 cases gain less
 * than 0.01% of export earnings that way). */
static void test_claim12_buy_in(void **state)
{
    (void)state;
    int tested = 0;
    for (int c = 0; c < n_cases(); c++) {
        brink_scenario *sc = bare_case(c);
        if (sc->layout.n[BRINK_GROUP_PARTY] == 0) {
            brink_scenario_free(sc);
            continue;
        }
        brink_sim *a = held_sim(sc, 0.9), *b = held_sim(sc, 0.9);
        for (int q = 0; q < a->p.n_policies; q++) {
            a->p.policy[q].buy_in = 0;
            b->p.policy[q].buy_in = 0.9;
        }
        double aligned = 0;
        for (int i = 0; i < a->p.n_parties; i++)
            if (sc->layout.party_member[i] < 0)
                aligned += a->p.party[i].alignment;
        for (int t = 0; t < 24; t++) {
            brink_sim_step(a);
            brink_sim_step(b);
            for (int i = 0; i < a->p.n_parties; i++)
                assert_true(b->st.compliance[i] >= a->st.compliance[i] - 1e-12);
            assert_true(b->st.crude_mbpd <= a->st.crude_mbpd + 1e-12);
        }
        if (aligned > 0) {
            tested++;
            assert_true(total_compliance(b) > total_compliance(a) + 1e-9);
        }
        brink_sim_free(a);
        brink_sim_free(b);
        brink_scenario_free(sc);
    }
    assert_true(tested >= 20);
}

/* ---- validation: the experiments --------------------------------------- */

static brink_claims_config small_config(int only, int threads, uint64_t runs)
{
    brink_claims_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.runs = runs;
    cfg.seed = 1;
    cfg.level = 0.95;
    cfg.only = only;
    cfg.threads = threads;
    return cfg;
}

/* The same results, byte for byte, with one thread and with three. */
static void test_claims_thread_independent(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    const brink_scenario *const list[1] = {sc};
    brink_claim_result *r1 = calloc(BRINK_CLAIMS, sizeof *r1), *r3 = calloc(BRINK_CLAIMS, sizeof *r3);
    assert_non_null(r1);
    assert_non_null(r3);
    brink_claims_config cfg = small_config(0, 1, 30);
    brink_error err;
    assert_int_equal(brink_claims_run(list, 1, &cfg, r1, &err), BRINK_OK);
    cfg.threads = 3;
    assert_int_equal(brink_claims_run(list, 1, &cfg, r3, &err), BRINK_OK);
    assert_memory_equal(r1, r3, BRINK_CLAIMS * sizeof *r1);
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        const brink_claim_info *ci = brink_claim_info_get(id);
        assert_non_null(ci);
        assert_int_equal(ci->id, id);
        if (ci->kind == BRINK_CLAIM_VERIFICATION) {
            /* listed, never run as evidence */
            assert_int_equal(r1[id - 1].verdict, BRINK_VERDICT_NOT_RUN);
            assert_int_equal(r1[id - 1].n_tests, 0);
            assert_non_null(strstr(ci->check, "tests/unit/test_claims.c"));
        } else {
            assert_true(r1[id - 1].verdict != BRINK_VERDICT_NOT_RUN);
            assert_true(r1[id - 1].n_tests >= 1);
        }
    }
    int verification = 0;
    for (int id = 1; id <= BRINK_CLAIMS; id++)
        verification += brink_claim_info_get(id)->kind == BRINK_CLAIM_VERIFICATION;
    assert_int_equal(verification, 5);
    assert_null(brink_claim_info_get(0));
    assert_null(brink_claim_info_get(17));
    free(r1);
    free(r3);
    brink_scenario_free(sc);
}

/* The same results, byte for byte, with the runs stepped in lanes and one
 * at a time (the copy of the step for the baseline forced): every claim on
 * a short experiment, and claim 4, which watches every month of its runs
 * (the durability), on more runs than one chunk of an arm holds. */
static void test_claims_lanes_equal_one_at_a_time(void **state)
{
    (void)state;
    if (brink_lanes_width_() == 0) {
        print_message("SKIP: no lanes here, nothing to compare one run at a time with\n");
        skip();
    }
    brink_scenario *sc = fixture_scenario();
    const brink_scenario *const list[1] = {sc};
    brink_claim_result *lanes = calloc(BRINK_CLAIMS, sizeof *lanes);
    brink_claim_result *one = calloc(BRINK_CLAIMS, sizeof *one);
    assert_non_null(lanes);
    assert_non_null(one);
    static const struct {
        int only;
        uint64_t runs;
    } runs[] = {{0, 37}, {4, 530}};
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        brink_claims_config cfg = small_config(runs[k].only, 2, runs[k].runs);
        brink_error err;
        memset(lanes, 0, BRINK_CLAIMS * sizeof *lanes);
        memset(one, 0, BRINK_CLAIMS * sizeof *one);
        assert_int_equal(brink_claims_run(list, 1, &cfg, lanes, &err), BRINK_OK);
        assert_int_equal(brink_isa_force_(BRINK_ISA_BASE), 1);
        assert_int_equal(brink_lanes_width_(), 0);
        assert_int_equal(brink_claims_run(list, 1, &cfg, one, &err), BRINK_OK);
        brink_isa_force_(-1);
        assert_memory_equal(lanes, one, BRINK_CLAIMS * sizeof *lanes);
        if (runs[k].only)
            assert_true(lanes[runs[k].only - 1].n_tests >= 1 &&
                        lanes[runs[k].only - 1].test[0].n > 0);
    }
    free(lanes);
    free(one);
    brink_scenario_free(sc);
}

/* When the lanes' memory runs out in the experiments (on two threads),
 * brink_claims_run fails with BRINK_ERR_RUNTIME and "out of memory", and
 * the next call, memory back, gives what a call that never failed gives. */
static void test_claims_out_of_memory(void **state)
{
    (void)state;
    if (brink_lanes_width_() == 0) {
        print_message("SKIP: no lanes here (no group of runs to allocate)\n");
        skip();
    }
    brink_scenario *sc = fixture_scenario();
    const brink_scenario *const list[1] = {sc};
    brink_claim_result *r = calloc(BRINK_CLAIMS, sizeof *r);
    brink_claim_result *again = calloc(BRINK_CLAIMS, sizeof *again);
    assert_non_null(r);
    assert_non_null(again);
    brink_claims_config cfg = small_config(0, 2, 20);
    brink_error err;
    brink_error_clear(&err);
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_OK);
    no_aligned_memory = 1;
    brink_error_clear(&err);
    assert_int_equal(brink_claims_run(list, 1, &cfg, again, &err), BRINK_ERR_RUNTIME);
    no_aligned_memory = 0;
    assert_non_null(strstr(err.message, "out of memory"));
    memset(again, 0, BRINK_CLAIMS * sizeof *again);
    assert_int_equal(brink_claims_run(list, 1, &cfg, again, &err), BRINK_OK);
    assert_memory_equal(r, again, BRINK_CLAIMS * sizeof *r);
    free(r);
    free(again);
    brink_scenario_free(sc);
}

/* Each part's verdict follows its interval and the minimum effect. */
static void test_claims_verdict_rules(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    const brink_scenario *const list[1] = {sc};
    brink_claim_result *r = calloc(BRINK_CLAIMS, sizeof *r);
    assert_non_null(r);
    brink_claims_config cfg = small_config(0, 0, 100);
    brink_error err;
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_OK);
    int judged = 0, held = 0;
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        const brink_claim_result *cr = &r[id - 1];
        int holds = 0, fails = 0, testable = 0;
        for (int k = 0; k < cr->n_tests; k++) {
            const brink_claim_test *t = &cr->test[k];
            double m = t->min_effect;
            assert_close(m, BRINK_CLAIM_MIN_EFFECT, 0);
            assert_true(t->lo <= t->effect + 1e-12 && t->effect <= t->hi + 1e-12);
            if (t->expect != BRINK_EXPECT_NEAR_ZERO)
                assert_close(t->effect, t->variant - t->base, 1e-9);
            if (t->verdict == BRINK_VERDICT_UNTESTABLE) {
                assert_true(t->note[0] != '\0');
                continue;
            }
            testable++;
            judged++;
            if (t->verdict == BRINK_VERDICT_HOLDS) {
                holds++;
                held++;
                if (t->expect == BRINK_EXPECT_RISE)
                    assert_true(t->effect >= m && t->lo > 0);
                if (t->expect == BRINK_EXPECT_FALL)
                    assert_true(t->effect <= -m && t->hi < 0);
                if (t->expect == BRINK_EXPECT_NO_RISE || t->expect == BRINK_EXPECT_NEAR_ZERO)
                    assert_true(t->hi < m);
            } else if (t->verdict == BRINK_VERDICT_FAILS) {
                fails++;
                assert_true(t->note[0] != '\0');
                if (t->expect == BRINK_EXPECT_RISE)
                    assert_true(t->hi < m);
                if (t->expect == BRINK_EXPECT_FALL)
                    assert_true(t->lo > -m);
            } else {
                assert_int_equal(t->verdict, BRINK_VERDICT_INCONCLUSIVE);
            }
        }
        if (cr->verdict == BRINK_VERDICT_NOT_RUN)
            continue;
        if (!testable)
            assert_int_equal(cr->verdict, BRINK_VERDICT_UNTESTABLE);
        else if (fails)
            assert_int_equal(cr->verdict, BRINK_VERDICT_FAILS);
        else if (holds == testable)
            assert_int_equal(cr->verdict, BRINK_VERDICT_HOLDS);
        else
            assert_int_equal(cr->verdict, BRINK_VERDICT_INCONCLUSIVE);
    }
    assert_true(judged >= 11);
    assert_true(held >= 1); /* the rules were exercised on a part that holds */
    free(r);
    brink_scenario_free(sc);
}

/* Untestable is not fails: a case whose policy makes no offers cannot show
 * a claim about deals, a case without a staged policy cannot show claim 11. */
static void test_claims_untestable(void **state)
{
    (void)state;
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *russia = brink_scenario_load_builtin("russia-2022", &errs);
    brink_scenario *afghan = brink_scenario_load_builtin("afghanistan-1999", &errs);
    assert_non_null(russia);
    assert_non_null(afghan);
    const brink_scenario *const list[2] = {russia, afghan};
    brink_claim_result *r = calloc(2 * BRINK_CLAIMS, sizeof *r);
    assert_non_null(r);
    brink_claims_config cfg = small_config(0, 0, 20);
    cfg.only = 3;
    brink_error err;
    assert_int_equal(brink_claims_run(list, 2, &cfg, r, &err), BRINK_OK);
    assert_int_equal(r[2].verdict, BRINK_VERDICT_UNTESTABLE);
    assert_non_null(strstr(r[2].why, "no offers"));
    assert_int_equal(r[2].n_tests, 0);
    /* claims not selected are not run */
    assert_int_equal(r[3].verdict, BRINK_VERDICT_NOT_RUN);
    cfg.only = 11;
    assert_int_equal(brink_claims_run(list, 2, &cfg, r, &err), BRINK_OK);
    assert_int_equal(r[BRINK_CLAIMS + 10].verdict, BRINK_VERDICT_UNTESTABLE);
    assert_non_null(strstr(r[BRINK_CLAIMS + 10].why, "staged"));
    free(r);
    brink_scenario_free(russia);
    brink_scenario_free(afghan);
}

static void test_claims_bad_config(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    const brink_scenario *const list[1] = {sc};
    brink_claim_result r[BRINK_CLAIMS];
    brink_error err;
    brink_claims_config cfg = small_config(0, 0, 1);
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_ERR_INPUT);
    cfg = small_config(17, 0, 10);
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_ERR_INPUT);
    cfg = small_config(0, 0, 10);
    cfg.level = 1.5;
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_ERR_INPUT);
    cfg = small_config(0, 0, 10);
    assert_int_equal(brink_claims_run(list, 0, &cfg, r, &err), BRINK_ERR_INPUT);
    brink_claims_box box;
    assert_int_equal(brink_claims_box_run(sc, &cfg, 1, 10, &box, &err), BRINK_ERR_INPUT);
    char bad_set[] = "policies.@.rhetoric=7";
    char *const arm_sets[1] = {bad_set};
    cfg.arm_sets = arm_sets;
    cfg.n_arm_sets = 1;
    cfg.only = 13;
    assert_int_equal(brink_claims_run(list, 1, &cfg, r, &err), BRINK_ERR_INPUT);
    assert_non_null(strstr(err.message, "rhetoric") ? err.message : err.path);
    brink_scenario_free(sc);
}

/* ---- validation: the box ------------------------------------------------ */

static void test_claims_box(void **state)
{
    (void)state;
    brink_scenario *sc = fixture_scenario();
    brink_claims_config cfg = small_config(0, 1, 2);
    cfg.only = 13;
    const int K = 5;
    brink_claims_box a, b;
    brink_error err;
    assert_int_equal(brink_claims_box_run(sc, &cfg, K, 30, &a, &err), BRINK_OK);
    cfg.threads = 2;
    assert_int_equal(brink_claims_box_run(sc, &cfg, K, 30, &b, &err), BRINK_OK);
    assert_int_equal(a.points, K);
    assert_true(a.n_params >= 90);
    assert_memory_equal(a.x, b.x, sizeof(double) * (size_t)K * (size_t)a.n_params);
    assert_memory_equal(a.verdict, b.verdict, sizeof(brink_verdict) * (size_t)K * BRINK_CLAIMS);
    assert_memory_equal(a.effect, b.effect, sizeof(double) * (size_t)K * BRINK_CLAIMS);
    /* the parameters are the behaviour ones, with their plausible ranges */
    for (int k = 0; k < a.n_params; k++) {
        assert_int_equal(strncmp(a.param[k], "behaviour.", 10), 0);
        const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, a.param[k]);
        assert_non_null(sp);
        assert_close(a.lo[k], sp->plo, 0);
        assert_close(a.hi[k], sp->phi, 0);
        /* a Latin hypercube: one point in each of the K strata */
        int seen[5] = {0};
        for (int i = 0; i < K; i++) {
            double u = (a.x[(size_t)i * a.n_params + k] - a.lo[k]) / (a.hi[k] - a.lo[k]);
            assert_true(u >= 0 && u <= 1);
            int s = (int)(u * K);
            seen[s < K ? s : K - 1]++;
        }
        for (int s = 0; s < K; s++)
            assert_int_equal(seen[s], 1);
    }
    const brink_claims_box_claim *c = &a.claim[12];
    assert_int_equal(c->points, K);
    assert_int_equal(c->holds + c->fails + c->inconclusive + c->untestable, K);
    assert_close(c->share, (double)c->holds / K, 1e-15);
    assert_true(c->lo <= c->share && c->share <= c->hi);
    assert_int_equal(a.claim[2].points, 0); /* not selected */
    assert_int_equal(a.claim[0].points, 0); /* verification */
    brink_claims_box_free(&a);
    brink_claims_box_free(&b);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claim01_exposure),
        cmocka_unit_test(test_claim02_breakeven),
        cmocka_unit_test(test_claim06_rejection),
        cmocka_unit_test(test_claim10_reversal_rate),
        cmocka_unit_test(test_claim12_buy_in),
        cmocka_unit_test(test_claims_thread_independent),
        cmocka_unit_test(test_claims_lanes_equal_one_at_a_time),
        cmocka_unit_test(test_claims_out_of_memory),
        cmocka_unit_test(test_claims_verdict_rules),
        cmocka_unit_test(test_claims_untestable),
        cmocka_unit_test(test_claims_bad_config),
        cmocka_unit_test(test_claims_box),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
