/* brink_scenario_set: paths of every kind, errors inside the argument, and
 * a failed set leaving the scenario unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model/scenario_model.h"
#include "scenario_test_util.h"

static brink_scenario *sc;

static int setup(void **state)
{
    (void)state;
    sc = brink_scenario_load(NULL, NULL);
    return sc ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    brink_scenario_free(sc);
    sc = NULL;
    return 0;
}

static void set_ok(const char *a)
{
    brink_error err;
    brink_status st = brink_scenario_set(sc, a, &err);
    if (st != BRINK_OK) {
        char buf[2048];
        brink_error_format(&err, a, buf, sizeof buf);
        fprintf(stderr, "%s", buf);
    }
    assert_int_equal(st, BRINK_OK);
}

/* The set fails with the error at `col` of the argument, `path` and a
 * message containing msg; the scenario is unchanged, to the byte. */
static void set_fails(const char *a, int col, const char *path, const char *msg,
                      const char *hint)
{
    char *before = test_write(sc);
    brink_scenario *bytes = malloc(sizeof *bytes);
    assert_non_null(bytes);
    memcpy(bytes, sc, sizeof *bytes);
    brink_error err;
    assert_int_equal(brink_scenario_set(sc, a, &err), BRINK_ERR_INPUT);
    /* to the byte, not only as written out */
    assert_memory_equal(bytes, sc, sizeof *bytes);
    free(bytes);
    if (err.column != col || (path && strcmp(err.path, path) != 0) ||
        !strstr(err.message, msg) || (hint && !strstr(err.hint, hint))) {
        char buf[2048];
        brink_error_format(&err, a, buf, sizeof buf);
        fprintf(stderr, "expected col %d %s '%s' '%s', got:\n%s", col, path ? path : "-", msg,
                hint ? hint : "", buf);
        fail();
    }
    assert_string_equal(err.file, "--set");
    assert_int_equal(err.line, 1);
    char *after = test_write(sc);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_set_paths(void **state)
{
    (void)state;
    set_ok("target.resolve={normal: [1, 2]}");
    assert_int_equal(sc->values.s.target_resolve.kind, BRINK_DIST_NORMAL);
    assert_true(sc->values.s.target_resolve.point == 1);
    set_ok("third_parties.india.exposure=0.3");
    assert_true(sc->values.party[2].exposure[0].point == 0.3);
    set_ok("third_parties.india.exposure.us=0.35");
    assert_true(sc->values.party[2].exposure[0].point == 0.35);
    set_ok("third_parties.india.exposure={uniform: [0.2, 0.4]}");
    assert_int_equal(sc->values.party[2].exposure[0].kind, BRINK_DIST_UNIFORM);
    set_ok("third_parties.india.buys.metals=0.05");
    set_ok("senders.us.legal_form=statute");
    assert_true(sc->values.sender[0].legal_form.point == BRINK_LAW_STATUTE);
    set_ok("third_parties.india.access.cips_yuan=0.5");
    assert_true(sc->values.party[2].access[2].point == 0.5);
    set_ok("third_parties.india.access={barter: 0.25}");
    assert_true(sc->values.party[2].access[0].point == 0.25);
    assert_true(sc->values.party[2].access[2].point == 0.5);
    set_ok("policies.staged_reciprocity.milestones.0.relief=0.2");
    assert_true(sc->values.milestone[1][0].relief.point == 0.2);
    set_ok("policies.staged_reciprocity.milestones.3.issue=nuclear");
    assert_int_equal(sc->layout.policy[1].milestone_issue[3], 0);
    set_ok("policies.staged_reciprocity.channel=public");
    assert_true(sc->values.policy[1].channel.point == 0);
    set_ok("policies.staged_reciprocity.sanctions.ramp=0.05");
    assert_true(sc->values.policy[1].sanctions_ramp.point == 0.05);
    set_ok("policies.staged_reciprocity.offer={first_month: 1, relief: 0.5}");
    assert_true(sc->values.policy[1].offer_first_month.point == 1);
    set_ok("policies.maximum_pressure.milestones=[{issue: missiles, concession: 1, "
           "relief: 1}]");
    assert_int_equal(sc->layout.policy[0].n_milestones, 1);
    assert_int_equal(sc->layout.policy[0].milestone_issue[0], 1);
    set_ok("policies.maximum_pressure.on_failure=status_quo");
    assert_int_equal(sc->layout.policy[0].on_failure, 3);
    set_ok("policies.maximum_pressure.on_failure=~");
    assert_int_equal(sc->layout.policy[0].on_failure, -1);
    set_ok("policies.maximum_pressure.label=Pressure");
    assert_string_equal(sc->layout.elabel[BRINK_GROUP_POLICY][0], "Pressure");
    set_ok("policies.staged_reciprocity.inducements=[]");
    assert_int_equal(sc->layout.policy[1].inducement_mask, 0);
    set_ok("policies.staged_reciprocity.on_reversal=maximum_pressure");
    assert_int_equal(sc->layout.policy[1].on_reversal, 0);
    set_ok("simulation.policy=status_quo");
    assert_int_equal(brink_scenario_default_policy(sc), 3);
    set_ok("simulation.horizon_months=60");
    assert_true(sc->values.s.simulation_horizon_months.point == 60);
    set_ok("target.fiscal={breakeven_usd_bn_year: 35}");
    assert_true(sc->values.s.target_fiscal_breakeven_usd_bn_year.point == 35);
    set_ok("exports.crude={volume: 3, grey_discount: 0.1}");
    assert_true(sc->values.good[0].volume.point == 3);
    set_ok("coalition.label=USA");
    assert_string_equal(sc->layout.coalition_label, "USA");
    set_ok("name=renamed");
    assert_string_equal(brink_scenario_name(sc), "renamed");
    /* several buyers' shares at once keep the sum */
    set_ok("third_parties={india: {buys: {crude: 0.1}}, europe: {buys: {crude: 0.32}}}");
    assert_true(sc->values.party[2].buys[0].point == 0.1);
    set_ok("channels.barter.capacity={beta: [2, 8]}");
    set_ok("issues.nuclear.kind=other");
    set_ok("policies.status_quo.hotline=yes");
    assert_true(sc->values.policy[3].hotline.point == 1);
}

static void test_set_errors(void **state)
{
    (void)state;
    set_fails("target.resolve", 15, NULL, "found no '='", NULL);
    set_fails("=1", 1, NULL, "invalid path ''", NULL);
    set_fails("Target.resolve=1", 1, NULL, "invalid path 'Target.resolve'", NULL);
    set_fails("target.resolve=", 16, "target.resolve", "missing value after '='", NULL);
    set_fails("target.resolv=2", 8, "target.resolv", "unknown key 'resolv'",
              "did you mean 'resolve'?");
    set_fails("target.breakeven_usd_bn_year=2", 8, "target.breakeven_usd_bn_year", "unknown key",
              "target.fiscal.breakeven_usd_bn_year");
    set_fails("target.fiscl.breakeven_usd_bn_year=2", 8, "target.fiscl.breakeven_usd_bn_year",
              "unknown key 'fiscl'", "did you mean 'fiscal'?");
    set_fails("exports.crud.volume=2", 9, "exports.crud", "unknown export good 'crud'",
              "did you mean 'crude'?");
    set_fails("third_parties.india.buys.gold=0.2", 26, "third_parties.india.buys.gold",
              "unknown export good 'gold'", NULL);
    set_fails("third_parties.india.exposure.eu=0.2", 30, "third_parties.india.exposure.eu",
              "unknown sender 'eu'", "us");
    set_fails("senders.us.legal_form=decree", 23, "senders.us.legal_form",
              "unknown choice 'decree'", "one of: executive, statute, resolution");
    set_fails("policies.status_quo.inducements=[bribe]", 34, "policies.status_quo.inducements",
              "unknown inducement 'bribe'", NULL);
    set_fails("tagret.resolve=2", 1, "tagret.resolve", "unknown key 'tagret'",
              "did you mean 'target'?");
    set_fails("polices.x=2", 1, "polices.x", "unknown key 'polices'", "'policies'");
    set_fails("third_parties.indai.exposure=0.3", 15, "third_parties.indai",
              "unknown third party 'indai'", "did you mean 'india'?");
    set_fails("third_parties.india.exposre=0.3", 21, "third_parties.india.exposre",
              "unknown key 'exposre'", "did you mean 'exposure'?");
    set_fails("third_parties.india.exposure=1.3", 30, "third_parties.india.exposure",
              "value 1.3 is outside the allowed range [0, 1]", "allowed range [0, 1] share");
    set_fails("third_parties.india.exposure=abc", 30, "third_parties.india.exposure",
              "expected a number, found a string 'abc'", NULL);
    set_fails("third_parties.india.access.cips=0.5", 28, "third_parties.india.access.cips",
              "unknown channel 'cips'", "did you mean 'cips_yuan'?");
    set_fails("target.resolve={normal: [1, 2]", 31, "target.resolve", "malformed yaml", NULL);
    set_fails("target.resolve={normal: [1, 0]}", 16, "target.resolve", "normal needs sd > 0",
              NULL);
    set_fails("target.resolve={normal: [1, 2], x: 1}", 16, "target.resolve",
              "one-key distribution", NULL);
    set_fails("target.resolve=[1]", 16, "target.resolve", "found a list", NULL);
    set_fails("exports.crude={volume: 3, grey_discont: 0.1}", 27,
              "exports.crude.grey_discont", "unknown key 'grey_discont'", "grey_discount");
    set_fails("simulation.horizon_months={uniform: [1, 2]}", 27, "simulation.horizon_months",
              "found a distribution", NULL);
    set_fails("simulation.policy=nope", 19, "simulation.policy", "unknown policy 'nope'",
              "known: maximum_pressure, staged_reciprocity, low_stakes_first, status_quo");
    set_fails("policies.maximum_pressure.milestones.0.relief=0.2", 38,
              "policies.maximum_pressure.milestones.0.relief",
              "policy 'maximum_pressure' has no milestone 0", "it has 0 milestones");
    set_fails("policies.staged_reciprocity.milestones.x.relief=0.2", 40,
              "policies.staged_reciprocity.milestones.x.relief", "expected a milestone number",
              NULL);
    set_fails("policies.staged_reciprocity.milestones.0.relif=0.2", 42,
              "policies.staged_reciprocity.milestones.0.relif", "unknown key 'relif'",
              "did you mean 'relief'?");
    set_fails("policies.staged_reciprocity.channel=secret", 37,
              "policies.staged_reciprocity.channel", "unknown choice 'secret'",
              "one of: public, private");
    set_fails("name=Big Name", 6, "name", "invalid name", NULL);
    set_fails("third_parties={narnia: {buys: {crude: 0.1}}}", 16, "third_parties.narnia",
              "unknown third party 'narnia'", NULL);
    /* consistency after the set: the error sits at the value */
    set_fails("third_parties.india.buys.crude=0.3", 32, "third_parties.<id>.buys.crude",
              "the buyers' shares of export 'crude' sum to 1.1, not 1", NULL);
    set_fails("target.fx.reserve_floor_usd_bn=31", 32, "target.fx.reserve_floor_usd_bn",
              "reserve floor 31 is above the reserves 30", NULL);
    set_fails("policies.staged_reciprocity.issues=[nuclear]", 36,
              "policies.staged_reciprocity.milestones.3.issue",
              "issue 'missiles' is not among the policy's issues", NULL);
    set_fails("policies.staged_reciprocity.milestones=[{issue: nuclear}]", 40,
              "policies.staged_reciprocity.milestones.0.concession",
              "missing required field 'concession'", NULL);
}

static void test_set_error_null(void **state)
{
    (void)state;
    assert_int_equal(brink_scenario_set(sc, "nope", NULL), BRINK_ERR_INPUT);
    assert_int_equal(brink_scenario_set(sc, "target.resolve=2", NULL), BRINK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_paths, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_error_null, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
