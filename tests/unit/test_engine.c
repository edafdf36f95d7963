/* Engine invariants over long random runs, determinism, absorbing outcomes. */
#include "sim_fixture.h"

#include "brink/ensemble.h"
#include "model/sim_var.h"

FIXTURE_DEFAULT_CASE

static int is_share(brink_var v)
{
    switch (v) {
    case BRINK_VAR_SANCTIONS: case BRINK_VAR_RELIEF: case BRINK_VAR_COMPLIANCE:
    case BRINK_VAR_REACH: case BRINK_VAR_BYPASS: case BRINK_VAR_COHESION:
    case BRINK_VAR_LEGITIMACY: case BRINK_VAR_HARDLINERS: case BRINK_VAR_PROXY_STRENGTH:
    case BRINK_VAR_PROGRAMME: case BRINK_VAR_TENSION: case BRINK_VAR_TRUST:
    case BRINK_VAR_DURABILITY: case BRINK_VAR_INSURGENCY: case BRINK_VAR_P_ACCEPT:
        return 1;
    default:
        return 0;
    }
}

/* Drawn parameters, every policy, many seeds: no NaN or infinity, shares in
 * [0,1], reserves never under the floor, printing only at the floor, and
 * an absorbing outcome stays absorbed. Returns the outcome counts. */
static void check_invariants(const brink_scenario *scen, uint64_t runs, int *outcomes)
{
    brink_sim *sim = brink_sim_alloc(scen, NULL);
    assert_non_null(sim);
    for (int pol = 0; pol < brink_scenario_policy_count(scen); pol++) {
        for (uint64_t run = 0; run < runs; run++) {
            assert_int_equal(brink_sim_init(sim, pol, 2024, run, 1, 1, NULL), BRINK_OK);
            const brink_scalars *s = &sim->p.s;
            while (brink_sim_step(sim)) {
                for (int v = 0; v < BRINK_VAR_COUNT; v++) {
                    double x = brink_sim_var(sim, (brink_var)v);
                    assert_true(isfinite(x));
                    if (is_share((brink_var)v))
                        assert_true(x >= -1e-12 && x <= 1 + 1e-12);
                }
                for (int i = 0; i < sim->p.n_parties; i++)
                    assert_true(sim->st.compliance[i] >= 0 && sim->st.compliance[i] <= 1);
                for (int c = 0; c < sim->p.n_channels; c++)
                    assert_true(sim->st.bypass[c] >= 0 && sim->st.bypass[c] <= 1);
                assert_true(sim->st.reserves >= s->target_fx_reserve_floor_usd_bn - 1e-9);
                if (sim->st.monetised > 0)
                    assert_true(sim->st.reserves <= s->target_fx_reserve_floor_usd_bn + 1e-9);
                double cap = 0;
                for (int g = 0; g < sim->p.n_goods; g++)
                    if ((int)sim->p.good[g].kind == BRINK_GOOD_CRUDE)
                        cap += sim->p.good[g].volume;
                assert_true(sim->st.crude_mbpd >= 0 && sim->st.crude_mbpd <= cap + 1e-9);
                assert_true(sim->st.earnings <= sim->st.earnings_base + 1e-9);
                assert_true(sim->st.y >= -1e-9 && sim->st.y < 1);
                for (int k = 0; k < sim->p.n_senders; k++)
                    assert_true(sim->st.s_k[k] >= 0 && sim->st.s_k[k] <= 1);
                for (int j = 0; j < sim->p.n_patrons; j++)
                    assert_true(sim->st.credit_left[j] >= -1e-9);
            }
            const brink_summary *m = brink_sim_summary(sim);
            outcomes[m->outcome]++;
            /* absorbed: further steps change nothing */
            brink_state copy = sim->st;
            assert_int_equal(brink_sim_step(sim), 0);
            assert_memory_equal(&copy, &sim->st, sizeof copy);
            assert_true(m->outcome_month <= sim->st.horizon);
        }
    }
    brink_sim_free(sim);
}

static void test_invariants(void **state)
{
    (void)state;
    int outcomes[BRINK_OUTCOME_COUNT] = {0};
    check_invariants(sc, 150, outcomes);
    int kinds = 0;
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        kinds += outcomes[o] > 0;
    assert_true(kinds >= 4); /* the model reaches most outcomes */
}

/* The same invariants on every built-in case. */
static void test_invariants_all_cases(void **state)
{
    (void)state;
    for (int i = 0; brink_builtin_name(i); i++) {
        brink_error_list errs;
        brink_scenario *scen = brink_scenario_load_builtin(brink_builtin_name(i), &errs);
        assert_non_null(scen);
        int outcomes[BRINK_OUTCOME_COUNT] = {0};
        check_invariants(scen, 40, outcomes);
        brink_scenario_free(scen);
    }
}

/* A run is a pure function of (scenario, policy, seed, run, draw). */
static void test_determinism(void **state)
{
    (void)state;
    brink_sim *a = brink_sim_alloc(sc, NULL), *b = brink_sim_alloc(sc, NULL);
    for (uint64_t run = 0; run < 20; run++) {
        brink_sim_init(a, 0, 99, run, 1, 1, NULL);
        brink_sim_init(b, 0, 99, run, 1, 1, NULL);
        /* b runs after an unrelated run: no state may leak */
        brink_sim_run(b);
        brink_sim_init(b, 0, 99, run, 1, 1, NULL);
        int more = 1;
        while (more) {
            more = brink_sim_step(a);
            assert_int_equal(brink_sim_step(b), more);
            for (int v = 0; v < BRINK_VAR_COUNT; v++) {
                double x = brink_sim_var(a, (brink_var)v), y = brink_sim_var(b, (brink_var)v);
                assert_memory_equal(&x, &y, sizeof x);
            }
        }
        assert_memory_equal(brink_sim_summary(a), brink_sim_summary(b), sizeof(brink_summary));
    }
    /* different seeds differ */
    brink_sim_init(a, 0, 1, 0, 1, 0, NULL);
    brink_sim_init(b, 0, 2, 0, 1, 0, NULL);
    brink_sim_step(a);
    brink_sim_step(b);
    assert_true(brink_sim_var(a, BRINK_VAR_OIL_PRICE) != brink_sim_var(b, BRINK_VAR_OIL_PRICE));
    brink_sim_free(a);
    brink_sim_free(b);
}

/* Common random numbers: the draws of a month do not depend on the policy. */
static void test_common_random_numbers(void **state)
{
    (void)state;
    brink_sim *a = brink_sim_alloc(sc, NULL), *b = brink_sim_alloc(sc, NULL);
    brink_sim_init(a, fixture_policy(sc, "maximum_pressure"), 5, 3, 1, 0, NULL);
    brink_sim_init(b, fixture_policy(sc, "staged_reciprocity"), 5, 3, 1, 0, NULL);
    assert_memory_equal(&a->p.s, &b->p.s, sizeof a->p.s);
    assert_close(a->st.theta, b->st.theta, 0);
    brink_sim_step(a);
    brink_sim_step(b);
    assert_close(a->st.price[0], b->st.price[0], 0);
    brink_sim_free(a);
    brink_sim_free(b);
}

/* The same run under one policy after another (its drawn values taken
 * again), after a run at the point values, or after another run: the same
 * parameters and the same run, to the bit, as a first init of that run. */
static void test_draws_taken_again(void **state)
{
    (void)state;
    brink_sim *a = brink_sim_alloc(sc, NULL), *b = brink_sim_alloc(sc, NULL);
    int npol = brink_scenario_policy_count(sc);
    for (uint64_t run = 0; run < 12; run++)
        for (int pol = 0; pol < npol; pol++) {
            /* a: a first init of (seed, run), after another run */
            brink_sim_init(a, pol, 7, run + 1000, 1, 0, NULL);
            brink_sim_run(a);
            brink_sim_init(a, pol, 7, run, 1, 0, NULL);
            /* b: every policy of the run in turn, one at the point values
             * in between */
            if (pol == 1) {
                brink_sim_init(b, pol, 7, run, 0, 0, NULL);
                brink_sim_run(b);
            }
            brink_sim_init(b, pol, 7, run, 1, 0, NULL);
            assert_memory_equal(&a->p, &b->p, sizeof a->p);
            brink_sim_run(a);
            brink_sim_run(b);
            assert_memory_equal(brink_sim_summary(a), brink_sim_summary(b),
                                sizeof(brink_summary));
        }
    /* the same run of another seed, and another run of the same seed:
     * drawn anew */
    brink_params p7;
    brink_sim_init(b, 0, 7, 0, 1, 0, NULL);
    p7 = b->p;
    brink_sim_init(b, 0, 8, 0, 1, 0, NULL);
    brink_sim_init(a, 0, 8, 5, 1, 0, NULL);
    brink_sim_init(a, 0, 8, 0, 1, 0, NULL);
    assert_memory_equal(&a->p, &b->p, sizeof a->p);
    assert_true(memcmp(&p7, &b->p, sizeof p7) != 0);
    brink_sim_init(b, 0, 8, 1, 1, 0, NULL);
    brink_sim_init(a, 0, 8, 5, 1, 0, NULL);
    brink_sim_init(a, 0, 8, 1, 1, 0, NULL);
    assert_memory_equal(&a->p, &b->p, sizeof a->p);
    brink_sim_free(a);
    brink_sim_free(b);
}

/* Each variable on the scale it is reported on (the ensemble keeps the
 * exchange rate, output and inflation there): the logarithm of its value
 * (of 1 + it for inflation) to rounding, the value itself for the rest; the
 * fans bin them on those scales. Hyperinflation included (a run with money
 * printed from month 0). */
static void test_var_on_scale(void **state)
{
    (void)state;
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    brink_hist_spec specs[BRINK_FAN_COUNT];
    brink_ensemble_fan_specs(sc, specs);
    for (int k = 0; k < BRINK_FAN_COUNT; k++) {
        assert_int_equal(specs[k].scale, brink_var_scale_(brink_fan_engine_var((brink_fan_var)k)));
        /* the structural error goes on log(1 + x) for the rates' fans only */
        assert_int_equal(brink_fan_error_log1p((brink_fan_var)k),
                         specs[k].scale == BRINK_SCALE_LOG1P);
    }
    assert_int_equal(brink_fan_error_log1p(BRINK_FAN_INFLATION), 1);
    assert_int_equal(brink_fan_error_log1p(BRINK_FAN_COUNT), 0);
    int scaled = 0;
    for (uint64_t run = 0; run < 40; run++) {
        brink_sim_init(sim, (int)(run % 4), 3, run, 1, 0, NULL);
        if (run == 39) { /* reserves at the floor: printing from month 0 */
            sim->st.reserves = sim->p.s.target_fx_reserve_floor_usd_bn;
            sim->p.s.target_fiscal_breakeven_usd_bn_year *= 8;
        }
        while (brink_sim_step(sim))
            for (int v = 0; v < BRINK_VAR_COUNT; v++) {
                double x = brink_sim_var(sim, (brink_var)v);
                double t = brink_sim_var_on_scale_(sim, (brink_var)v);
                switch (brink_var_scale_((brink_var)v)) {
                case BRINK_SCALE_LOG:
                    assert_close(t, log(x), 1e-12 * fmax(1, fabs(t)));
                    scaled++;
                    break;
                case BRINK_SCALE_LOG1P:
                    assert_close(t, log1p(x), 1e-12 * fmax(1, fabs(t)));
                    scaled++;
                    break;
                default:
                    assert_memory_equal(&t, &x, sizeof x);
                }
            }
        /* the values as defined (docs/model.md), at the last month */
        const brink_state *st = &sim->st;
        const brink_scalars *s = &sim->p.s;
        double gdp = s->target_gdp_usd_bn * exp(s->target_economy_growth * st->t / 12.0) *
                     (1.0 - st->y) / (1.0 - st->y0);
        assert_close(brink_sim_var(sim, BRINK_VAR_GDP), gdp, 1e-12 * gdp);
        double fx = exp(fmin(st->log_fx, 709));
        assert_close(brink_sim_var(sim, BRINK_VAR_FX_RATE), fx, 1e-12 * fx);
        assert_close(brink_sim_var(sim, BRINK_VAR_INFLATION), expm1(fmin(12 * st->pi, 700)),
                     1e-12 * fmax(1, expm1(fmin(12 * st->pi, 700))));
    }
    assert_true(scaled > 0);
    brink_sim_free(sim);
}

/* The money step takes the demand's exponential only at or below
 * dollarisation_log: above it the demand must be at or above the threshold,
 * whatever the threshold (the margin of 1e-9 over its logarithm covers the
 * rounding of exp and log); and a run whose demand falls below it is
 * dollarised. */
static void test_dollarisation_margin(void **state)
{
    (void)state;
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    brink_sim_init(sim, 0, 1, 0, 0, 0, NULL);
    const double ds[] = {0.005, 0.02, 0.1, 0.37, 0.5, 0.999, 1.0};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        sim->p.s.behaviour_money_dollarisation = ds[i];
        brink_sim_derive(sim);
        double bound = sim->dollarisation_log;
        for (int j = -2000; j <= 2000; j++) {
            sim->st.money_log = bound + j * 1e-12;
            if (sim->st.money_log > bound)
                assert_true(brink_money_demand(&sim->st) >= ds[i]);
        }
    }
    /* prices that people flee: the demand collapses and the run dollarises */
    brink_sim_init(sim, 0, 1, 0, 0, 0, NULL);
    sim->p.s.behaviour_money_dollarisation = 0.02;
    brink_sim_derive(sim);
    sim->st.pi_e = sim->st.pi0 + 20.0; /* expected inflation far above its start */
    brink_money_step(sim, 0);
    assert_true(brink_money_demand(&sim->st) < 0.02);
    assert_int_equal(sim->st.dollarised, 1);
    brink_sim_free(sim);
}

/* Point values: a run with draw = 0 uses the scenario's documented points. */
static void test_point_values(void **state)
{
    (void)state;
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    brink_sim_init(sim, 0, 1, 0, 0, 0, NULL);
    assert_close(sim->p.s.target_fiscal_breakeven_usd_bn_year, 41, 0);
    assert_close(brink_scenario_breakeven_mbpd(sc), 41.0 * 2.3 / 63, 1e-12);
    assert_close(sim->p.s.target_trust, 0.3, 1e-12);       /* beta(3, 7) mean */
    assert_close(sim->p.s.target_fx_reserves_usd_bn, 30, 1e-12); /* uniform mean */
    brink_sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invariants),        cmocka_unit_test(test_invariants_all_cases),
        cmocka_unit_test(test_determinism),       cmocka_unit_test(test_common_random_numbers),
        cmocka_unit_test(test_draws_taken_again), cmocka_unit_test(test_point_values),
        cmocka_unit_test(test_var_on_scale),      cmocka_unit_test(test_dollarisation_margin),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
