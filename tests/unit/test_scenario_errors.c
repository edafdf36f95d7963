/* Every class of scenario error: position, path, message and hint. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "scenario_test_util.h"

/* The valid tail that most inline cases append to. */
#define TAIL                                                                              \
    "issues:\n  nuclear: {salience: 0.5, security_value: 2}\n"                            \
    "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3}\n"       \
    "senders: {s: {gdp_usd_bn: 100}}\nexports: {oil: {value_usd_bn_year: 1}}\n"

static brink_error_list errs;

static void expect_fixture(const char *name, int line, int col, const char *path,
                           const char *msg, const char *hint)
{
    brink_scenario *sc = brink_scenario_load_file(test_fixture(name), &errs);
    assert_null(sc);
    assert_true(errs.count >= 1);
    int i = test_find_error(&errs, line, col, path, msg);
    if (i < 0) {
        fprintf(stderr, "%s: no error %d:%d %s '%s'; got:\n", name, line, col,
                path ? path : "-", msg);
        test_dump_errors(&errs);
        fail();
    }
    assert_string_equal(errs.items[i].file, test_fixture(name));
    assert_int_equal(errs.items[i].code, BRINK_ERR_INPUT);
    if (hint && !strstr(errs.items[i].hint, hint)) {
        fprintf(stderr, "%s: hint '%s' lacks '%s'\n", name, errs.items[i].hint, hint);
        fail();
    }
    /* lower case, no full stop */
    const char *m = errs.items[i].message;
    assert_false(m[0] >= 'A' && m[0] <= 'Z');
    assert_true(m[strlen(m) - 1] != '.');
}

static void expect_text(const char *text, int line, int col, const char *path,
                        const char *msg, const char *hint)
{
    brink_scenario *sc = brink_scenario_load_string(text, strlen(text), "t.yaml", &errs);
    if (sc) {
        fprintf(stderr, "loaded, expected '%s':\n%s\n", msg, text);
        brink_scenario_free(sc);
        fail();
    }
    int i = test_find_error(&errs, line, col, path, msg);
    if (i < 0) {
        fprintf(stderr, "no error %d:%d %s '%s' for:\n%s\ngot:\n", line, col,
                path ? path : "-", msg, text);
        test_dump_errors(&errs);
        fail();
    }
    if (hint && !strstr(errs.items[i].hint, hint)) {
        fprintf(stderr, "hint '%s' lacks '%s'\n", errs.items[i].hint, hint);
        fail();
    }
}

static void test_malformed(void **state)
{
    (void)state;
    expect_fixture("bad_syntax.yaml", 5, 4, NULL, "malformed yaml: did not find expected key",
                   "block mapping that started at line 3");
    expect_text("name: x\nissues: [a, b\n", 0, 0, NULL, "malformed yaml", NULL);
    expect_text("name: \"x\n", 0, 0, NULL, "malformed yaml", NULL);
    expect_text("name: x\n---\nname: y\n", 2, 1, NULL, "expected one yaml document", NULL);
    expect_text("a: *nope\n", 1, 4, NULL, "malformed yaml", NULL);
    expect_text("name: x\x01\n", 1, 8, NULL, "malformed yaml", "UTF-8");
    expect_text("name: \xff\xfe\n", 1, 7, NULL, "malformed yaml", NULL);
    char deep[200] = "x: ";
    for (int i = 0; i < 40; i++)
        strcat(deep, "[");
    expect_text(deep, 0, 0, NULL, "nesting deeper", NULL);
    expect_text("", 1, 1, NULL, "empty scenario", "'name'");
    expect_text("# only a comment\n", 1, 1, NULL, "empty scenario", NULL);
    expect_text("- a\n- b\n", 1, 1, "", "expected a mapping at the top level, found a list",
                NULL);
}

static void test_unknown_key(void **state)
{
    (void)state;
    expect_fixture("bad_unknown_key.yaml", 4, 5, "target.economy.growht",
                   "unknown key 'growht'", "did you mean 'growth'?");
    expect_text("name: x\npolices: {}\n" TAIL, 2, 1, "polices", "unknown key 'polices'",
                "did you mean 'policies'?");
    expect_text("name: x\nsimulaton: {horizon_months: 12}\n" TAIL, 2, 1, "simulaton",
                "unknown key", "did you mean 'simulation'?");
    expect_text("name: x\n" TAIL "third_parties:\n  p: {buys: {oil: 1}, exposure: 1, "
                "alignmnt: 0.2}\n",
                9, 36, "third_parties.p.alignmnt", "unknown key 'alignmnt'",
                "did you mean 'alignment'?");
    expect_text("name: x\n" TAIL "third_parties:\n  p: {buys: {oli: 1}, exposure: 1}\n",
                9, 14, "third_parties.p.buys.oli", "unknown export good 'oli'",
                "did you mean 'oil'?");
    expect_text("name: x\n" TAIL "third_parties:\n  p: {buys: {oil: 1}, exposure: {t: 1}}\n",
                9, 34, "third_parties.p.exposure.t", "unknown sender 't'", NULL);
    expect_text("name: x\n" TAIL "senders:\n  s2: {gdp_usd_bn: 1, legal_form: law}\n", 8, 1,
                "senders", "duplicate key 'senders'", NULL);
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3}\n"
                "exports: {oil: {value_usd_bn_year: 1}}\n"
                "senders: {s2: {gdp_usd_bn: 1, legal_form: law}}\n", 7, 43,
                "senders.s2.legal_form", "unknown choice 'law'",
                "one of: executive, statute, resolution");
    expect_text("name: x\nsender: {gdp_usd_bn: 1}\n" TAIL, 2, 1, "sender",
                "unknown key 'sender'", "did you mean 'senders'?");
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5, rmp: 0.1}, posture: 0.3, "
                "rhetoric: 0.3}\n",
                5, 35, "policies.only.sanctions.rmp", "unknown key 'rmp'",
                "did you mean 'ramp'?");
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3,\n"
                "    milestones: [{issue: nuclear, concesion: 1, relief: 0.5}]}\n",
                6, 35, "policies.only.milestones.0.concesion", "unknown key 'concesion'",
                "did you mean 'concession'?");
    expect_text("name: x\ntarget: {gdp_usd_bn: 1, gdp_usd_bn: 2}\n" TAIL, 2, 25,
                "target.gdp_usd_bn", "duplicate key 'gdp_usd_bn'", "first given at line 2");
    /* each repeat names the first of its key, whatever lies between */
    const char *rep = "name: x\ntarget:\n  trust: 0.5\n  resolve: 1\n  trust: 0.6\n"
                      "  resolve: 2\n  trust: 0.7\n" TAIL;
    expect_text(rep, 5, 3, "target.trust", "duplicate key 'trust'", "first given at line 3");
    expect_text(rep, 6, 3, "target.resolve", "duplicate key 'resolve'", "first given at line 4");
    expect_text(rep, 7, 3, "target.trust", "duplicate key 'trust'", "first given at line 3");
    /* the same key in two mappings is no repeat */
    expect_text("name: x\nsender: {label: a, gdp_usd_bn: 1}\ntarget: {label: b, gdp_usd_bn: 1,"
                " gdp_usd_bn: 2}\n" TAIL,
                3, 35, "target.gdp_usd_bn", "duplicate key 'gdp_usd_bn'", "first given at line 3");
    assert_int_equal(test_find_error(&errs, 2, 0, NULL, "duplicate"), -1);
}

static void test_wrong_type(void **state)
{
    (void)state;
    expect_fixture("bad_type.yaml", 3, 39, "senders.s.enforcement",
                   "expected a number, found a string 'high'", "allowed range [0, 1]");
    expect_fixture("bad_type.yaml", 5, 12, "target.economy", "expected a mapping, found a list",
                   "growth");
    expect_text("name: x\ntarget: {gdp_usd_bn: '27000'}\n" TAIL, 2, 22, "target.gdp_usd_bn",
                "found a quoted string", NULL);
    expect_text("name: x\nsimulation: {horizon_months: 12.5}\n" TAIL, 2, 30,
                "simulation.horizon_months", "expected a whole number", NULL);
    expect_text("name: x\nsimulation: {horizon_months: {uniform: [1, 2]}}\n" TAIL, 2, 30,
                "simulation.horizon_months", "found a distribution", NULL);
    expect_text("name: x\ntarget: {gdp_usd_bn: [1, 2]}\n" TAIL, 2, 22, "target.gdp_usd_bn",
                "expected a number or a distribution, found a list", NULL);
    expect_text("name: x\n" TAIL "imports: {fuel: {value_usd_bn_year: 1, output_weight: 0.1, "
                "kind: petrol}}\n", 8, 66, "imports.fuel.kind", "unknown choice 'petrol'",
                "one of: fuel, food");
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2, kind: bomb}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3}\n",
                3, 53, "issues.nuclear.kind", "unknown choice 'bomb'",
                "one of: nuclear, missiles, regional, leadership, other");
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3, "
                "hotline: 1}\n",
                5, 74, "policies.only.hotline", "expected true or false", "true or false");
    expect_text("name: x\nissues: [nuclear]\n", 2, 9, "issues", "expected a mapping keyed by id",
                NULL);
    expect_text("name: x\nissues:\n  nuclear: 3\n", 3, 12, "issues.nuclear",
                "expected a mapping, found the number 3", NULL);
    expect_text("name: [x]\n" TAIL, 1, 7, "name", "expected a string, found a list", NULL);
    expect_text("name: Big Name\n" TAIL, 1, 7, "name", "invalid name", NULL);
    expect_text("name: x\nissues:\n  Nuclear: {salience: 0.5, security_value: 2}\n", 3, 3,
                "issues", "invalid id a string 'Nuclear'", "lower-case");
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3, "
                "milestones: {issue: nuclear}}\n",
                5, 77, "policies.only.milestones", "expected a list of milestones", NULL);
    char longlabel[600];
    snprintf(longlabel, sizeof longlabel, "name: x\nlabel: %0200d\n" TAIL, 0);
    expect_text(longlabel, 2, 8, "label", "text longer than 127 bytes", NULL);
}

static void test_out_of_range(void **state)
{
    (void)state;
    expect_fixture("bad_range.yaml", 5, 15, "third_parties.china_state.exposure",
                   "value 1.5 is outside the allowed range [0, 1]", "allowed range [0, 1] share");
    /* an invalid value is not also reported missing */
    assert_int_equal(errs.count, 1);
    expect_text("name: x\nsimulation: {horizon_months: 0}\n" TAIL, 2, 30,
                "simulation.horizon_months", "value 0 is outside the allowed range [1, 600]",
                "whole number");
    expect_text("name: x\ntarget: {resolve: -10.5}\n" TAIL, 2, 19, "target.resolve",
                "value -10.5 is outside", NULL);
    expect_text("name: x\ntarget: {resolve: 1e999}\n" TAIL, 2, 19, "target.resolve",
                "expected a number", NULL);
    expect_text("name: x\ntarget: {resolve: .nan}\n" TAIL, 2, 19, "target.resolve",
                "expected a number", NULL);
}

static void test_missing(void **state)
{
    (void)state;
    expect_fixture("bad_missing.yaml", 3, 3, "third_parties.china_state.exposure.s",
                   "missing required field 's'", "allowed range [0, 1]");
    expect_text("name: x\n" TAIL, 1, 1, "target.gdp_usd_bn",
                "missing required field 'gdp_usd_bn'", NULL);
    expect_text(TAIL, 1, 1, "name", "missing required field 'name'", NULL);
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3,\n"
                "    milestones: [{concession: 1}]}\n",
                6, 18, "policies.only.milestones.0.issue", "missing required field 'issue'",
                NULL);
    assert_true(test_find_error(&errs, 6, 18, "policies.only.milestones.0.relief",
                                "missing required field 'relief'") >= 0);
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only:\n", 5, 3, "policies.only.sanctions.target",
                "missing required field 'target'", NULL);
}

static void test_inconsistent(void **state)
{
    (void)state;
    expect_fixture("bad_shares.yaml", 2, 1, "third_parties.<id>.buys.oil",
                   "the buyers' shares of export 'oil' sum to 0.9, not 1",
                   "china_state 0.5, india 0.4");
    expect_fixture("bad_reference.yaml", 10, 23, "policies.first.issues",
                   "unknown issue 'nukes'", "known: nuclear, missiles");
    expect_fixture("bad_reference.yaml", 11, 17, "policies.first.on_success",
                   "unknown policy 'secnod'", "did you mean 'second'?");
    expect_fixture("bad_reference.yaml", 19, 9, "policies.second.milestones.1.issue",
                   "issue 'missiles' is not among the policy's issues", "[nuclear]");
    expect_fixture("bad_distribution.yaml", 3, 10, "target.trust",
                   "uniform needs low < high", "allowed range [0, 1]");
    expect_fixture("bad_distribution.yaml", 4, 12, "target.resolve", "normal needs sd > 0",
                   NULL);
    expect_fixture("bad_distribution.yaml", 6, 17, "target.politics.legitimacy",
                   "support [0, 3] is outside the allowed range [0, 1]", NULL);
    expect_fixture("bad_duplicate.yaml", 4, 3, "issues.nuclear", "duplicate id 'nuclear'",
                   "first defined at line 3");
    expect_fixture("bad_empty.yaml", 2, 1, "issues", "at least one issue is required", NULL);
    expect_fixture("bad_empty.yaml", 4, 1, "senders", "at least one sender is required", NULL);
    expect_fixture("bad_empty.yaml", 5, 1, "exports", "at least one export good is required",
                   NULL);
    expect_fixture("bad_empty.yaml", 3, 1, "policies", "at least one policy is required",
                   NULL);
    expect_fixture("bad_reserves.yaml", 5, 27, "target.fx.reserve_floor_usd_bn",
                   "reserve floor 12 is above the reserves 10", NULL);
    expect_text("name: x\n" TAIL "third_parties:\n  p: {buys: {oil: 1}, exposure: 1, "
                "access: {cips: 1}}\n",
                9, 45, "third_parties.p.access.cips", "unknown channel 'cips'",
                "defines no channels");
    expect_text("name: x\n" TAIL "patrons:\n  q: {gdp_usd_bn: 10, party: nobody}\n", 9, 30,
                "patrons.q.party", "unknown third party 'nobody'", NULL);
    expect_text("name: x\nsimulation: {policy: other}\n" TAIL, 2, 22, "simulation.policy",
                "unknown policy 'other'", "known: only");
    expect_text("name: x\ntarget: {trust: {unifrm: [0, 1]}}\n" TAIL, 2, 18, "target.trust",
                "unknown distribution unifrm", "did you mean 'uniform'?");
    expect_text("name: x\ntarget: {trust: {uniform: [0, 0.5, 1]}}\n" TAIL, 2, 27,
                "target.trust", "uniform takes 2 parameters, found 3", "[low, high]");
    expect_text("name: x\ntarget: {trust: {beta: [1, 2, 3]}}\n" TAIL, 2, 24, "target.trust",
                "beta takes 2 or 4 parameters, found 3", NULL);
    expect_text("name: x\ntarget: {trust: {uniform: 1}}\n" TAIL, 2, 27, "target.trust",
                "expected a list of distribution parameters", NULL);
    expect_text("name: x\ntarget: {trust: {uniform: [0, 1], normal: [0, 1]}}\n" TAIL, 2, 17,
                "target.trust", "one-key distribution", NULL);
    expect_text("name: x\ntarget: {resolve: {normal: [1, 60]}}\n" TAIL, 2, 19,
                "target.resolve", "use truncated_normal", NULL);
    expect_text("name: x\ntarget: {trust: {triangular: [0.2, 0.1, 0.5]}}\n" TAIL, 2, 17,
                "target.trust", "triangular needs", NULL);
    expect_text("name: x\nissues:\n  nuclear: {salience: 0.5, security_value: 2}\n"
                "policies:\n  only: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3, "
                "issues: [nuclear, nuclear]}\n",
                5, 83, "policies.only.issues", "issue 'nuclear' listed twice", NULL);
}

/* The timeline: dates, items, actions and the parameters they set. */
static void test_timeline(void **state)
{
    (void)state;
    expect_fixture("bad_timeline.yaml", 4, 5, "timeline",
                   "item 0 is dated 1999-12, before the start 2000-06", "start_year");
    expect_fixture("bad_timeline.yaml", 6, 5, "timeline.1",
                   "give either 'month' or 'date', not both", NULL);
    expect_fixture("bad_timeline.yaml", 9, 13, "timeline.2.shock.legitimcy",
                   "unknown shock 'legitimcy'", "did you mean 'legitimacy'?");
    expect_fixture("bad_timeline.yaml", 11, 33, "timeline.3.set.senders.s.enforcment",
                   "unknown parameter path 'senders.s.enforcment'",
                   "did you mean 'senders.s.enforcement'?");
    expect_fixture("bad_timeline.yaml", 13, 34, "timeline.4.set.senders.s.enforcement",
                   "value 1.5 is outside the allowed range [0, 1]", "allowed range [0, 1]");
    expect_fixture("bad_timeline.yaml", 15, 15, "timeline.5.senders.t", "unknown sender 't'",
                   NULL);
    expect_fixture("bad_timeline.yaml", 16, 15, "timeline.5.patrons.s", "unknown patron 's'",
                   "defines no patrons");
    expect_fixture("bad_timeline.yaml", 18, 13, "timeline.6.policy", "unknown policy 'nowhere'",
                   "known: only");
    expect_fixture("bad_timeline.yaml", 20, 5, "timeline.7.when", "unknown key 'when'",
                   "keys of a timeline item");
    expect_fixture("bad_timeline.yaml", 21, 5, "timeline.8",
                   "a timeline item needs 'month' or 'date'", NULL);
    expect_fixture("bad_timeline.yaml", 23, 33, "timeline.9.set.senders.s.legal_form",
                   "unknown value 'decree'", "one of: executive, statute, resolution");
    expect_text("name: x\n" TAIL "timeline: {month: 3}\n", 8, 11, "timeline",
                "expected a list of dated events", NULL);
    expect_text("name: x\n" TAIL "timeline:\n  - {date: 2000-13, leader: true}\n", 9, 12,
                "timeline.0.date", "expected a date YYYY-MM, found '2000-13'", NULL);
    expect_text("name: x\n" TAIL "timeline:\n  - {month: 2, leader: maybe}\n", 9, 24,
                "timeline.0.leader", "expected true or a mapping", NULL);
    expect_text("name: x\n" TAIL "timeline:\n  - {month: 2, shock: {reserves_usd_bn: 1e9}}\n",
                9, 41, "timeline.0.shock.reserves_usd_bn",
                "value 1000000000 is outside the allowed range [-100000, 100000]", NULL);
    /* a dated item against a start out of range is not dated at all (the
     * start's error is the one reported; dating against it was undefined
     * behaviour, found by fuzzing) */
    expect_text("name: x\nsimulation: {start_year: 4000}\n" TAIL
                "timeline:\n  - {date: 2000-03, leader: true}\n",
                2, 26, "simulation.start_year",
                "value 4000 is outside the allowed range [1900, 2200]", NULL);
    /* the timeline is not changed on the command line */
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", NULL);
    assert_non_null(sc);
    brink_error err;
    assert_int_equal(brink_scenario_set(sc, "timeline=[]", &err), BRINK_ERR_INPUT);
    assert_non_null(strstr(err.message, "cannot be changed with --set"));
    brink_scenario_free(sc);
}

static void test_too_many(void **state)
{
    (void)state;
    char text[8192] = "name: x\n" TAIL "proxies:\n";
    for (int i = 0; i < 10; i++) {
        char line[128];
        snprintf(line, sizeof line,
                 "  p%d: {strength: 1, funding_share: 0, upkeep_usd_bn_month: 1}\n", i);
        strcat(text, line);
    }
    expect_text(text, 17, 3, "proxies.p8", "too many proxies (at most 8)", NULL);
}

static void test_error_cap(void **state)
{
    (void)state;
    char text[16384] = "name: x\n" TAIL "target:\n";
    for (int i = 0; i < 50; i++) {
        char line[64];
        snprintf(line, sizeof line, "  bogus_%d: 1\n", i);
        strcat(text, line);
    }
    brink_scenario *sc = brink_scenario_load_string(text, strlen(text), "t.yaml", &errs);
    assert_null(sc);
    assert_int_equal(errs.count, BRINK_MAX_ERRORS);
    assert_int_equal(errs.dropped, 50 + 5 - BRINK_MAX_ERRORS); /* and the target's 5 required facts */
}

static void test_scenario_names(void **state)
{
    (void)state;
    assert_null(brink_scenario_load("no-such-case", &errs));
    assert_int_equal(errs.count, 1);
    assert_string_equal(errs.items[0].message, "no built-in scenario or file named 'no-such-case'");
    assert_true(strstr(errs.items[0].hint, "iran-2025") != NULL);
    assert_null(brink_scenario_load_builtin("nope", &errs));
    assert_true(strstr(errs.items[0].message, "no built-in scenario named 'nope'") != NULL);
    assert_null(brink_scenario_load_file("/nonexistent/dir/x.yaml", &errs));
    assert_true(strstr(errs.items[0].message, "cannot open") != NULL);
    /* a directory is not a scenario */
    const char *dir = getenv("BRINK_FIXTURES");
    assert_null(brink_scenario_load_file(dir ? dir : "/", &errs));
    assert_true(errs.count >= 1);
    assert_null(brink_scenario_load("no-such-case", NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed),   cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_wrong_type),  cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_missing),     cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_too_many),    cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_scenario_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
