/* Loading the built-in default case and a minimal file: values, defaults,
 * references, policies, built-in table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <math.h>

#include "model/scenario_model.h"
#include "model/spec.h"
#include "scenario_test_util.h"

static brink_scenario *load_default(void)
{
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load(NULL, &errs);
    if (!sc)
        test_dump_errors(&errs);
    assert_non_null(sc);
    return sc;
}

static void test_default_loads(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    assert_string_equal(brink_scenario_name(sc), "iran-2025");
    assert_string_equal(brink_scenario_label(sc), "US maximum pressure on Iran, 2025");
    assert_string_equal(brink_scenario_file(sc), "<builtin:iran-2025>");
    assert_non_null(sc->source.text);
    assert_true(strstr(sc->source.text, "maximum_pressure") != NULL);
    assert_string_equal(sc->layout.coalition_label, "United States");
    assert_string_equal(brink_scenario_coalition_label(sc), "United States");
    assert_string_equal(sc->layout.target_label, "Iran");
    assert_true(strncmp(sc->layout.description, "The sender squeezes", 19) == 0);
    brink_scenario_free(sc);

    brink_error_list errs;
    sc = brink_scenario_load("", &errs);
    assert_non_null(sc);
    brink_scenario_free(sc);
    sc = brink_scenario_load_builtin("iran-2025", NULL);
    assert_non_null(sc);
    brink_scenario_free(sc);
    brink_scenario_free(NULL);
}

static void test_points_match_file(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    brink_params p;
    brink_scenario_points(sc, &p);
    assert_int_equal(p.n_senders, 1);
    assert_int_equal(p.n_goods, 4);
    assert_int_equal(p.n_imports, 2);
    assert_int_equal(p.n_parties, 8);
    assert_int_equal(p.n_patrons, 1);
    assert_int_equal(p.n_inducements, 1);
    assert_int_equal(p.n_channels, 3);
    assert_int_equal(p.n_proxies, 3);
    assert_int_equal(p.n_issues, 3);
    assert_int_equal(p.n_policies, 4);
    assert_ptr_equal(p.layout, &sc->layout);
    /* scalars given in the file */
    assert_near(p.s.simulation_horizon_months, 120, 0);
    assert_near(p.sender[0].gdp_usd_bn, 27400, 0);
    assert_near(p.sender[0].enforcement, 0.8, 0);             /* triangular mode */
    assert_near(p.sender[0].reversal_probability, 0.35, 1e-12); /* beta 7/20 */
    assert_near(p.sender[0].legal_form, BRINK_LAW_EXECUTIVE, 0);
    assert_near(p.good[0].grey_discount, 0.14, 1e-12);        /* uniform mean */
    assert_near(p.good[0].volume, 2.3, 0);
    assert_string_equal(sc->layout.good_unit[0], "mbpd");
    assert_near(p.good[2].exposure, 0.7, 0);
    assert_near(p.import[1].exposure, 0.05, 0);
    assert_near(p.patron[0].protection, 0.1, 0);
    assert_near(p.s.target_fiscal_breakeven_usd_bn_year, 41, 0);
    assert_near(p.s.target_fx_reserves_usd_bn, 30, 1e-12);
    assert_near(p.s.target_fx_rate, 800000, 0);
    assert_near(p.s.target_trust, 0.3, 1e-12);
    /* the shared, fitted prior over resolve (src/model/calibrated.def) */
    brink_dist tn;
    assert_true(brink_spec_calibrated(brink_spec_find(BRINK_GROUP_SCALAR, "target.resolve"), &tn));
    assert_int_equal(tn.kind, BRINK_DIST_TRUNCNORMAL);
    assert_near(p.s.target_resolve, brink_dist_point(&tn), 0);
    /* defaults */
    assert_near(p.s.simulation_noise, 1, 0);
    assert_near(p.s.target_discount, 0.985, 0);
    assert_near(p.s.behaviour_conflict_escalation_tension,
                brink_spec_find(BRINK_GROUP_SCALAR, "behaviour.conflict.escalation_tension")->def, 0);
    /* a fitted default: the point value of its fitted distribution */
    brink_dist fit;
    assert_true(brink_spec_calibrated(
        brink_spec_find(BRINK_GROUP_SCALAR, "behaviour.conflict.escalation_base"), &fit));
    assert_near(p.s.behaviour_conflict_escalation_base, brink_dist_point(&fit), 0);
    /* distributions kept as given */
    assert_int_equal(sc->values.sender[0].enforcement.kind, BRINK_DIST_TRIANGULAR);
    assert_near(sc->values.sender[0].enforcement.c, 0.95, 0);
    assert_int_equal(sc->values.s.target_trust.kind, BRINK_DIST_BETA);
    assert_near(sc->values.s.target_trust.d, 1, 0);
    /* entities */
    assert_string_equal(sc->layout.id[BRINK_GROUP_PARTY][2], "india");
    assert_string_equal(sc->layout.elabel[BRINK_GROUP_PARTY][2], "India");
    assert_near(p.party[2].exposure[0], 0.7, 0); /* a single number: every sender */
    assert_near(p.party[0].access[2], 0.9, 0); /* china_state, cips_yuan */
    assert_near(p.party[3].access[2], 0.0, 0);
    for (int g = 0; g < p.n_goods; g++) {
        double share = 0;
        for (int i = 0; i < p.n_parties; i++)
            share += p.party[i].buys[g];
        assert_near(share, 1, 1e-9);
    }
    assert_near(p.party[1].buys[2], 0, 0); /* not given: buys none */
    assert_string_equal(sc->layout.id[BRINK_GROUP_CHANNEL][1], "digital_assets");
    assert_near(p.channel[2].off_currency, 1, 0);
    assert_near(p.proxy[1].upkeep_usd_bn_month, 0.012, 0);
    assert_near(p.issue[1].kind, BRINK_ISSUE_MISSILES, 0);
    assert_near(p.issue[2].verifiability, 0.3, 0);
    /* policies */
    const brink_layout *lay = &sc->layout;
    assert_near(p.policy[0].sanctions_escalation, 0.05, 0);
    assert_near(p.policy[0].entry_value, 0.3, 0); /* default */
    assert_near(p.policy[1].channel, BRINK_CHANNEL_PRIVATE, 0);
    assert_near(p.policy[1].hotline, 1, 0);
    assert_near(p.policy[1].bundling, BRINK_STAGED, 0);
    assert_near(p.policy[2].entry_enabled, 1, 0);
    assert_near(p.policy[2].entry_month, 2, 0);
    assert_near(p.policy[3].offer_first_month, 3, 0); /* default */
    assert_int_equal(lay->policy[0].issue_mask, 7u);
    assert_int_equal(lay->policy[1].issue_mask, 3u);
    assert_int_equal(lay->policy[2].issue_mask, 1u);
    assert_int_equal(lay->policy[1].n_milestones, 4);
    assert_int_equal(lay->policy[1].milestone_issue[3], 1);
    assert_near(p.milestone[1][2].relief, 0.25, 0);
    assert_near(p.milestone[1][2].verification_months, 6, 0);
    assert_near(p.milestone[1][0].concession, 0.3, 0);
    assert_int_equal(lay->policy[2].on_success, 1);
    assert_int_equal(lay->policy[2].on_failure, 3);
    assert_int_equal(lay->policy[0].on_success, -1);
    assert_int_equal(lay->policy[0].on_failure, -1);
    assert_int_equal(lay->policy[0].on_reversal, -1);
    assert_int_equal(lay->policy[1].inducement_mask, 1u);
    assert_int_equal(lay->policy[0].inducement_mask, 0u);
    assert_near(p.policy[0].force_kind, BRINK_FORCE_STRIKE, 0);
    assert_near(p.policy[0].sanctions_imports, 0.3, 0);
    brink_scenario_free(sc);
}

static void test_policies(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    static const char *const names[] = {"maximum_pressure", "staged_reciprocity",
                                        "low_stakes_first", "status_quo"};
    assert_int_equal(brink_scenario_policy_count(sc), 4);
    for (int i = 0; i < 4; i++) {
        assert_string_equal(brink_scenario_policy_name(sc, i), names[i]);
        assert_int_equal(brink_scenario_policy_index(sc, names[i]), i);
    }
    assert_null(brink_scenario_policy_name(sc, 4));
    assert_null(brink_scenario_policy_name(sc, -1));
    assert_int_equal(brink_scenario_policy_index(sc, "nope"), -1);
    assert_int_equal(brink_scenario_policy_index(sc, NULL), -1);
    assert_int_equal(brink_scenario_default_policy(sc), 0);
    brink_error err;
    assert_int_equal(brink_scenario_set(sc, "simulation.policy=status_quo", &err), BRINK_OK);
    assert_int_equal(brink_scenario_default_policy(sc), 3);
    brink_scenario_free(sc);
}

/* The public read-only accessors agree with what the file says. */
static void test_accessors(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    assert_true(strncmp(brink_scenario_description(sc), "The sender squeezes", 19) == 0);
    assert_string_equal(brink_scenario_target_label(sc), "Iran");
    assert_int_equal(brink_scenario_horizon_months(sc), 120);
    assert_int_equal(brink_scenario_start_year(sc), 2025);
    assert_int_equal(brink_scenario_start_month(sc), 1);

    assert_string_equal(brink_entity_kind_key(BRINK_ENTITY_THIRD_PARTY), "third_parties");
    assert_string_equal(brink_entity_kind_key(BRINK_ENTITY_GOOD), "exports");
    assert_null(brink_entity_kind_key((brink_entity_kind)0));
    assert_null(brink_entity_kind_key((brink_entity_kind)(BRINK_ENTITY_POLICY + 1)));
    assert_int_equal(brink_scenario_entity_count(sc, BRINK_ENTITY_SENDER), 1);
    assert_int_equal(brink_scenario_entity_count(sc, BRINK_ENTITY_GOOD), 4);
    assert_int_equal(brink_scenario_entity_count(sc, BRINK_ENTITY_THIRD_PARTY), 8);
    assert_int_equal(brink_scenario_entity_count(sc, BRINK_ENTITY_ISSUE), 3);
    assert_int_equal(brink_scenario_entity_count(sc, (brink_entity_kind)0), 0);
    assert_string_equal(brink_scenario_entity_id(sc, BRINK_ENTITY_SENDER, 0), "us");
    assert_string_equal(brink_scenario_entity_label(sc, BRINK_ENTITY_SENDER, 0), "United States");
    assert_string_equal(brink_scenario_entity_id(sc, BRINK_ENTITY_THIRD_PARTY, 0), "china_state");
    assert_string_equal(brink_scenario_entity_label(sc, BRINK_ENTITY_THIRD_PARTY, 0),
                        "Chinese state companies");
    assert_string_equal(brink_scenario_entity_id(sc, BRINK_ENTITY_GOOD, 0), "crude");
    assert_null(brink_scenario_entity_id(sc, BRINK_ENTITY_SENDER, 1));
    assert_null(brink_scenario_entity_label(sc, BRINK_ENTITY_SENDER, -1));
    assert_int_equal(brink_scenario_entity_index(sc, BRINK_ENTITY_THIRD_PARTY, "india"), 2);
    assert_int_equal(brink_scenario_entity_index(sc, BRINK_ENTITY_THIRD_PARTY, "indi"), -1);
    assert_int_equal(brink_scenario_entity_index(sc, BRINK_ENTITY_SENDER, "india"), -1);
    assert_int_equal(brink_scenario_entity_index(sc, BRINK_ENTITY_POLICY, "status_quo"),
                     brink_scenario_policy_index(sc, "status_quo"));

    /* point values by path: a number, a distribution's mean, a keyed row */
    double x = 0;
    brink_error err;
    assert_int_equal(brink_scenario_get(sc, "target.fiscal.breakeven_usd_bn_year", &x, &err),
                     BRINK_OK);
    assert_true(x == 41);
    assert_int_equal(brink_scenario_get(sc, "target.trust", &x, &err), BRINK_OK);
    assert_near(x, 0.3, 1e-12);
    assert_int_equal(brink_scenario_get(sc, "third_parties.china_state.buys.crude", &x, &err),
                     BRINK_OK);
    assert_true(x == 0.12);
    assert_int_equal(brink_scenario_get(sc, "senders.us.enforcement", &x, &err), BRINK_OK);
    assert_true(x == 0.8);
    x = -1;
    assert_int_equal(brink_scenario_get(sc, "target.trusty", &x, &err), BRINK_ERR_INPUT);
    assert_true(x == -1);
    assert_non_null(strstr(err.message, "target.trusty"));
    assert_int_equal(brink_scenario_get(sc, "senders.uk.enforcement", &x, NULL),
                     BRINK_ERR_INPUT);
    /* a value changed with --set is what get returns */
    assert_int_equal(brink_scenario_set(sc, "target.trust=0.6", &err), BRINK_OK);
    assert_int_equal(brink_scenario_get(sc, "target.trust", &x, &err), BRINK_OK);
    assert_true(x == 0.6);
    brink_scenario_free(sc);
}

static void test_builtins(void **state)
{
    (void)state;
    assert_string_equal(brink_builtin_name(0), "iran-2025");
    assert_string_equal(brink_builtin_description(0), "US maximum pressure on Iran, 2025");
    int n = 0;
    while (brink_builtin_name(n))
        n++;
    assert_true(n >= 1);
    assert_null(brink_builtin_description(n));
    assert_null(brink_builtin_name(-1));
    for (int i = 0; i < n; i++) {
        brink_error_list errs;
        brink_scenario *sc = brink_scenario_load_builtin(brink_builtin_name(i), &errs);
        if (!sc)
            test_dump_errors(&errs);
        assert_non_null(sc);
        assert_string_equal(brink_builtin_description(i), brink_scenario_label(sc));
        brink_scenario_free(sc);
    }
}

static void test_file_equals_builtin(void **state)
{
    (void)state;
    const char *src = getenv("BRINK_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/scenarios/iran-2025.yaml", src ? src : ".");
    brink_error_list errs;
    brink_scenario *f = brink_scenario_load(path, &errs);
    if (!f)
        test_dump_errors(&errs);
    assert_non_null(f);
    assert_string_equal(brink_scenario_file(f), path);
    brink_scenario *b = load_default();
    assert_true(brink_scenario_hash(f) == brink_scenario_hash(b));
    brink_scenario_free(f);
    brink_scenario_free(b);
}

static void test_minimal_defaults(void **state)
{
    (void)state;
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load_file(test_fixture("minimal.yaml"), &errs);
    if (!sc)
        test_dump_errors(&errs);
    assert_non_null(sc);
    brink_params p;
    brink_scenario_points(sc, &p);
    assert_int_equal(p.n_parties, 0);
    assert_int_equal(p.n_senders, 1);
    assert_int_equal(p.n_goods, 1);
    assert_int_equal(p.n_issues, 1);
    assert_int_equal(p.n_policies, 1);
    assert_int_equal(brink_scenario_default_policy(sc), 0);
    assert_int_equal(sc->layout.policy[0].issue_mask, 1u);
    assert_near(p.policy[0].sanctions_ramp, 0.02, 0);
    assert_near(p.issue[0].kind, BRINK_ISSUE_OTHER, 0);
    assert_near(p.sender[0].gdp_usd_bn, 27000, 0);
    assert_near(p.sender[0].participation, 1, 0);
    assert_near(p.good[0].exposure, 1, 0);
    assert_near(p.good[0].fiscal_share, 1, 0);
    assert_string_equal(sc->layout.label, "");
    assert_string_equal(brink_scenario_coalition_label(sc), "s");
    brink_scenario_free(sc);
}

static void test_forward_references(void **state)
{
    (void)state;
    /* policies before issues and channels after the parties that use them */
    static const char text[] =
        "simulation: {policy: b}\n"
        "policies:\n"
        "  a: {sanctions: {target: 1}, posture: 0, rhetoric: 0, on_failure: b,\n"
        "      issues: [y], milestones: [{issue: y, concession: 1, relief: 1}]}\n"
        "  b: {sanctions: {target: 1}, posture: 0, rhetoric: 0}\n"
        "third_parties:\n"
        "  p: {buys: {g: 1}, exposure: {z: 0.5}, access: {c2: 0.5}, member: z}\n"
        "exports: {g: {value_usd_bn_year: 1}}\n"
        "senders: {z: {gdp_usd_bn: 100}}\n"
        "target: {gdp_usd_bn: 1, fiscal: {breakeven_usd_bn_year: 1}, fx: {reserves_usd_bn: 1, "
        "rate: 1}, prices: {inflation: 0}}\n"
        "issues: {x: {salience: 1, security_value: 1}, y: {salience: 1, security_value: 1}}\n"
        "channels: {c1: {capacity: 0.1}, c2: {capacity: 0.2}}\n"
        "name: fwd\n";
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load_string(text, sizeof text - 1, "fwd.yaml", &errs);
    if (!sc)
        test_dump_errors(&errs);
    assert_non_null(sc);
    assert_int_equal(brink_scenario_default_policy(sc), 1);
    assert_int_equal(sc->layout.policy[0].on_failure, 1);
    assert_int_equal(sc->layout.policy[0].issue_mask, 2u);
    assert_int_equal(sc->layout.policy[0].milestone_issue[0], 1);
    assert_near(sc->values.party[0].access[1].point, 0.5, 0);
    assert_near(sc->values.party[0].access[0].point, 0, 0);
    assert_int_equal(sc->layout.party_member[0], 0);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_loads),     cmocka_unit_test(test_points_match_file),
        cmocka_unit_test(test_policies),          cmocka_unit_test(test_builtins),
        cmocka_unit_test(test_file_equals_builtin), cmocka_unit_test(test_minimal_defaults),
        cmocka_unit_test(test_forward_references), cmocka_unit_test(test_accessors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
