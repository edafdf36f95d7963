/* The history section: outcome, policy, observed series; round trip; errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "brink/engine.h"
#include "model/scenario_model.h"
#include "scenario_test_util.h"

static const char *base =
    "name: past\n"
    "issues:\n"
    "  nuclear: {salience: 0.5, security_value: 2}\n"
    "policies:\n"
    "  then: {sanctions: {target: 0.9}, posture: 0.3, rhetoric: 0.3}\n"
    "  other: {sanctions: {target: 0.5}, posture: 0.3, rhetoric: 0.3}\n"
    "senders: {s: {gdp_usd_bn: 1000}}\n"
    "exports: {oil: {value_usd_bn_year: 10}}\n"
    "target: {gdp_usd_bn: 50, fiscal: {breakeven_usd_bn_year: 5}, fx: {reserves_usd_bn: 5, "
    "rate: 1}, prices: {inflation: 0.1}}\n";

static brink_scenario *load_with(const char *history, brink_error_list *errs)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", base, history);
    return brink_scenario_load_string(text, strlen(text), "past.yaml", errs);
}

static void test_history_read_and_round_trip(void **state)
{
    (void)state;
    brink_error_list errs;
    brink_scenario *sc = load_with("history:\n"
                                   "  outcome: deal\n"
                                   "  outcome_month: 42\n"
                                   "  outcome_date: 2015-07\n"
                                   "  policy: then\n"
                                   "  note: agreed in Vienna\n"
                                   "  observed:\n"
                                   "    exports_mbpd:\n"
                                   "      source: EIA\n"
                                   "      months: [0, 12, 24]\n"
                                   "      values: [2.3, 1.2, 1.1]\n",
                                   &errs);
    if (!sc)
        test_dump_errors(&errs);
    assert_non_null(sc);
    const brink_history *h = brink_scenario_history(sc);
    assert_true(h->present);
    assert_int_equal(h->outcome, BRINK_OUTCOME_DEAL);
    assert_int_equal(h->outcome_month, 42);
    assert_string_equal(h->outcome_date, "2015-07");
    assert_int_equal(h->policy, 0);
    assert_int_equal(h->n_series, 1);
    assert_string_equal(h->series[0].variable, "exports_mbpd");
    assert_int_equal(h->series[0].n, 3);
    assert_int_equal(h->series[0].month[2], 24);
    assert_near(h->series[0].value[1], 1.2, 0);

    char *text = test_write(sc);
    brink_scenario *back = brink_scenario_load_string(text, strlen(text), "back.yaml", &errs);
    assert_non_null(back);
    char *text2 = test_write(back);
    assert_string_equal(text, text2);
    assert_true(brink_scenario_hash(sc) == brink_scenario_hash(back));
    free(text);
    free(text2);
    brink_scenario_free(back);
    brink_scenario_free(sc);
}

static void test_no_history(void **state)
{
    (void)state;
    brink_error_list errs;
    brink_scenario *sc = load_with("", &errs);
    assert_non_null(sc);
    assert_false(brink_scenario_history(sc)->present);
    brink_scenario_free(sc);
}

static void expect_error(const char *history, int line, int col, const char *path,
                         const char *needle)
{
    brink_error_list errs;
    brink_scenario *sc = load_with(history, &errs);
    assert_null(sc);
    int found = 0;
    for (int i = 0; i < errs.count; i++) {
        const brink_error *e = &errs.items[i];
        if (e->line == line && e->column == col && strcmp(e->path, path) == 0 &&
            (strstr(e->message, needle) || strstr(e->hint, needle)))
            found = 1;
    }
    if (!found)
        test_dump_errors(&errs);
    assert_true(found);
}

static void test_history_errors(void **state)
{
    (void)state;
    /* the history starts at line 10 of the text */
    expect_error("history:\n  outcome: victory\n  outcome_month: 3\n", 11, 12, "history.outcome",
                 "unknown outcome 'victory'");
    expect_error("history:\n  outcome: war\n", 11, 3, "history",
                 "needs both 'outcome' and 'outcome_month'");
    expect_error("history:\n  outcome: war\n  outcome_month: 2.5\n", 12, 18,
                 "history.outcome_month", "not an integer");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  polcy: then\n", 13, 3,
                 "history.polcy", "did you mean 'policy'?");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  policy: nope\n", 13, 11,
                 "history.policy", "unknown policy 'nope'");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    exports_mpbd: {months: [0], values: [1]}\n",
                 14, 5, "history.observed.exports_mpbd", "did you mean 'exports_mbpd'?");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    inflation: {months: [0, 12], values: [0.4]}\n",
                 14, 25, "history.observed.inflation", "the lists must have the same length");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    inflation: {months: [12, 0], values: [0.4, 0.3]}\n",
                 14, 25, "history.observed.inflation", "increasing");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    inflation: {months: [0, 12], values: [0.4, high]}\n",
                 14, 48, "history.observed.inflation.values[1]", "expected a number");
    /* months far past any int: refused, not converted (undefined behaviour
     * that UBSan reported, found by fuzzing) */
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    inflation: {months: [0, 3.1e92], values: [0.4, 0.3]}\n",
                 14, 25, "history.observed.inflation", "increasing integers");
    expect_error("history:\n  outcome: war\n  outcome_month: 3\n  observed:\n"
                 "    inflation: {months: [-1e300], values: [0.4]}\n",
                 14, 25, "history.observed.inflation", "increasing integers");
    expect_error("history:\n  outcome: war\n  outcome_month: 1e93\n", 12, 18,
                 "history.outcome_month", "not an integer");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_read_and_round_trip),
        cmocka_unit_test(test_no_history),
        cmocka_unit_test(test_history_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
