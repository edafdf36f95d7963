/* The library's JSON writers, called directly: one run (brink_run_*), the
 * equilibria of a game, the no-win matrix, take-it-or-leave-it offer and
 * zone of possible agreement at a state of a run, and the backtest. Each output is parsed back
 * and checked against the values it was written from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>
#include <jansson.h>

#include "brink/analysis_game.h"
#include "brink/backtest.h"
#include "brink/game.h"
#include "brink/run.h"

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} capture;

static FILE *capture_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
    return c->f;
}

/* Closes the capture, checks the text ends in one newline and parses it. */
static json_t *capture_json(capture *c)
{
    assert_int_equal(fclose(c->f), 0);
    assert_true(c->len > 2);
    assert_int_equal(c->buf[c->len - 1], '\n');
    assert_true(c->buf[c->len - 2] != '\n');
    json_error_t jerr;
    json_t *root = json_loads(c->buf, 0, &jerr);
    if (!root)
        fprintf(stderr, "%s\n", jerr.text);
    assert_non_null(root);
    free(c->buf);
    return root;
}

static brink_scenario *load_default(void)
{
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", NULL);
    assert_non_null(sc);
    return sc;
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    assert_non_null(s);
    return s;
}

/* Reals are written with 10 significant digits. */
static void assert_real(double got, double want)
{
    assert_true(fabs(got - want) <= 1e-9 * fmax(1, fabs(want)));
}

static double num(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    assert_true(json_is_number(v));
    return json_number_value(v);
}

static void test_run(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    int p = brink_scenario_policy_index(sc, "staged_reciprocity");
    brink_run_result *r = NULL;
    brink_error err;
    assert_int_equal(brink_run_simulate(sc, p, 7, 0, &r, &err), BRINK_OK);
    assert_non_null(r);
    assert_int_equal(r->policy, p);
    assert_true(r->months >= 1 && r->months <= brink_scenario_horizon_months(sc) + 1);
    /* the first row is the state at the start */
    assert_true(brink_run_value(r, 0, BRINK_VAR_RESERVES) > 0);

    capture c;
    assert_int_equal(brink_run_write_json(sc, r, capture_open(&c), &err), BRINK_OK);
    json_t *root = capture_json(&c);
    assert_string_equal(str(root, "program"), "brink");
    assert_string_equal(str(root, "scenario"), "iran-2025");
    assert_string_equal(str(root, "policy"), "staged_reciprocity");
    assert_string_equal(str(root, "final_policy"), brink_scenario_policy_name(sc, r->final_policy));
    assert_string_equal(str(root, "values"), "point");
    assert_true(num(root, "seed") == 7);
    assert_true(num(root, "months") == r->months);
    assert_string_equal(str(root, "outcome"), brink_outcome_name(r->summary.outcome));
    assert_true(num(root, "outcome_month") == r->summary.outcome_month);
    json_t *tot = json_object_get(root, "totals");
    assert_true(num(tot, "offers") == r->summary.offers);
    assert_real(num(tot, "target_gdp_loss_usd_bn"), r->summary.gdp_loss_usd_bn);
    json_t *ev = json_object_get(root, "events");
    assert_int_equal(json_array_size(ev), r->n_events);
    for (size_t i = 0; i < r->n_events; i++) {
        json_t *e = json_array_get(ev, i);
        assert_true(num(e, "month") == r->events[i].month);
        assert_string_equal(str(e, "event"), brink_event_name(r->events[i].kind));
        assert_true(strlen(str(e, "text")) > 0);
    }
    json_decref(root);

    /* the same run gives the same bytes; the files hold the same summary */
    char tmpl[] = "/tmp/brink-json-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char dir[64], path[96];
    snprintf(dir, sizeof dir, "%s/out", tmpl);
    assert_int_equal(brink_run_write_dir(sc, r, dir, &err), BRINK_OK);
    for (int i = 0; brink_run_files[i]; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, brink_run_files[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(st.st_size > 0);
    }
    snprintf(path, sizeof path, "%s/summary.json", dir);
    json_error_t jerr;
    json_t *file = json_load_file(path, 0, &jerr);
    assert_non_null(file);
    assert_string_equal(str(file, "policy"), "staged_reciprocity");
    assert_true(num(file, "months") == r->months);
    json_decref(file);
    for (int i = 0; brink_run_files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, brink_run_files[i]);
        unlink(path);
    }
    rmdir(dir);
    rmdir(tmpl);

    brink_run_free(r);
    brink_run_free(NULL);
    /* a policy out of range is refused, nothing returned */
    r = (brink_run_result *)&r;
    assert_int_not_equal(brink_run_simulate(sc, 99, 1, 0, &r, &err), BRINK_OK);
    assert_null(r);
    brink_scenario_free(sc);
}

/* Matching pennies: one mixed equilibrium, (1/2, 1/2) each, payoffs 0. */
static void test_nash(void **state)
{
    (void)state;
    static const char text[] = "players: [row, column]\n"
                               "payoffs: [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]\n";
    brink_game *g = NULL;
    brink_error err;
    assert_int_equal(brink_game_parse(text, sizeof text - 1, "pennies", &g, &err), BRINK_OK);
    brink_nash_result *r = brink_nash_result_alloc(&err);
    assert_non_null(r);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, &err), BRINK_OK);
    capture c;
    assert_int_equal(brink_nash_write_json(g, r, capture_open(&c), &err), BRINK_OK);
    /* one line */
    assert_int_equal(fflush(c.f), 0);
    assert_ptr_equal(strchr(c.buf, '\n'), c.buf + c.len - 1);
    json_t *root = capture_json(&c);
    assert_true(json_is_false(json_object_get(root, "degenerate")));
    assert_true(num(root, "total") == 1);
    json_t *eq = json_object_get(root, "equilibria");
    assert_int_equal(json_array_size(eq), 1);
    json_t *x = json_array_get(json_object_get(json_array_get(eq, 0), "strategies"), 0);
    assert_true(json_number_value(json_array_get(x, 0)) == 0.5);
    assert_true(json_number_value(json_array_get(x, 1)) == 0.5);
    json_t *pay = json_object_get(json_array_get(eq, 0), "payoffs");
    /* cleaned: whole numbers are written as integers */
    assert_true(json_is_integer(json_array_get(pay, 0)));
    assert_int_equal(json_integer_value(json_array_get(pay, 0)), 0);
    json_decref(root);
    assert_true(brink_nash_clean_number(0.50000000000000011) == 0.5);
    assert_true(brink_nash_clean_number(1.0 / 3.0 + 1e-15) == 1.0 / 3.0);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* A point-value run of the default policy at month 12. */
static brink_sim *at_month(const brink_scenario *sc, int month, brink_game_state *at)
{
    brink_error err;
    brink_sim *sim = brink_sim_alloc(sc, &err);
    assert_non_null(sim);
    int p = brink_scenario_default_policy(sc);
    assert_int_equal(brink_sim_init(sim, p, 1, 0, 0, 1, &err), BRINK_OK);
    *at = (brink_game_state){p, 1, month, brink_game_advance(sim, month), sim};
    return sim;
}

static void check_header(const json_t *root, const char *analysis, const brink_game_state *at)
{
    assert_string_equal(str(root, "scenario"), "iran-2025");
    assert_string_equal(str(root, "policy"), "maximum_pressure");
    assert_string_equal(str(root, "analysis"), analysis);
    assert_true(num(root, "month") == at->month);
    assert_true(num(root, "month_reached") == at->month_reached);
    assert_true(num(root, "seed") == 1);
    assert_true(json_is_null(json_object_get(root, "ended_early")));
}

static void test_game_state(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    brink_game_state at;
    brink_sim *sim = at_month(sc, 12, &at);
    assert_int_equal(at.month_reached, 12);
    brink_error err;
    capture c;

    brink_nowin nw;
    assert_int_equal(brink_nowin_compute(sim, NULL, &nw, &err), BRINK_OK);
    brink_game *g = brink_nowin_game(&nw, &err);
    brink_nash_result *r = brink_nash_result_alloc(&err);
    assert_non_null(g);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, &err), BRINK_OK);
    assert_int_equal(brink_nowin_write_json(sc, &at, &nw, g, r, capture_open(&c), &err),
                     BRINK_OK);
    json_t *root = capture_json(&c);
    check_header(root, "nowin", &at);
    assert_real(num(root, "status_quo"), nw.status_quo);
    assert_true(json_boolean_value(json_object_get(root, "no_win")) == (nw.no_win != 0));
    json_t *cells = json_object_get(root, "cells");
    assert_int_equal(json_array_size(cells), 9);
    json_t *c5 = json_array_get(cells, 3 * BRINK_NOWIN_HOLD + BRINK_NOWIN_REJECT);
    assert_string_equal(str(c5, "sender_action"), "hold");
    assert_string_equal(str(c5, "target_action"), "reject");
    assert_real(num(c5, "target"), nw.target[BRINK_NOWIN_HOLD][BRINK_NOWIN_REJECT]);
    assert_int_equal(json_array_size(json_object_get(root, "equilibria")), r->count);
    json_decref(root);
    brink_nash_result_free(r);
    brink_game_free(g);
    assert_string_equal(brink_nowin_action_name(BRINK_NOWIN_RELAX), "relax");
    assert_string_equal(brink_nowin_answer_name(BRINK_NOWIN_ESCALATE), "escalate");
    assert_null(brink_nowin_action_name(3));

    brink_tioli t;
    assert_int_equal(brink_tioli_solve(sim, NULL, &t, &err), BRINK_OK);
    assert_int_equal(brink_tioli_write_json(sc, &at, &t, capture_open(&c), &err), BRINK_OK);
    root = capture_json(&c);
    check_header(root, "tioli", &at);
    assert_real(num(json_object_get(root, "optimal"), "relief"), t.best.relief);
    assert_real(num(json_object_get(root, "standing"), "accept_probability"), t.standing.accept);
    assert_real(num(json_object_get(root, "belief"), "mean"), t.prior_mean);
    json_decref(root);

    brink_zopa z;
    brink_zopa_options opt;
    brink_zopa_options_default(&opt);
    opt.grid = 21;
    assert_int_equal(brink_zopa_compute(sim, &opt, &z, &err), BRINK_OK);
    assert_int_equal(brink_zopa_write_json(sc, &at, &z, 21, NULL, capture_open(&c), &err),
                     BRINK_OK);
    root = capture_json(&c);
    check_header(root, "zopa", &at);
    assert_true(num(root, "grid") == 21);
    assert_true(json_is_null(json_object_get(root, "uncertainty")));
    json_t *u = json_object_get(root, "unbundled");
    assert_int_equal(json_array_size(json_object_get(u, "issues")), z.n_issues);
    assert_string_equal(str(json_array_get(json_object_get(u, "issues"), 0), "issue"),
                        brink_scenario_entity_id(sc, BRINK_ENTITY_ISSUE, z.issue[0]));
    assert_true(json_boolean_value(json_object_get(json_object_get(root, "bundled"), "nonempty")) ==
                z.bundled.nonempty);
    json_decref(root);

    brink_sim_free(sim);
    brink_scenario_free(sc);
}

/* Reals of the backtest are written with 6 significant digits. */
static void assert_real6(double got, double want)
{
    assert_true(fabs(got - want) <= 1e-5 * fmax(1, fabs(want)));
}

/* Two historical cases, few runs: the cases, the totals, the cross-validation
 * members, and the escalation calibration. */
static void test_backtest(void **state)
{
    (void)state;
    static const char *const names[2] = {"afghanistan-1999", "belarus-2006"};
    brink_backtest_entry e[2];
    memset(e, 0, sizeof e);
    brink_backtest_config cfg = {200, 3, 1, 0.95};
    brink_error err;
    for (int i = 0; i < 2; i++) {
        e[i].file = names[i];
        e[i].sc = brink_scenario_load_builtin(names[i], NULL);
        assert_non_null(e[i].sc);
        assert_int_equal(brink_backtest_case_run(e[i].sc, &cfg, &e[i].c, &err), BRINK_OK);
    }
    assert_int_equal(brink_backtest_entries_loo(e, 2, &err), BRINK_OK);
    /* the library without case 0 is case 1's outcome, smoothed */
    assert_true(e[0].loo[e[1].c.actual] > e[0].loo[(e[1].c.actual + 1) % BRINK_OUTCOME_COUNT]);
    brink_backtest_totals t;
    assert_int_equal(brink_backtest_totals_compute(e, 2, 3, &t, &err), BRINK_OK);
    assert_int_equal(t.n, 2);
    assert_real6(t.brier.mean_a, (e[0].c.brier + e[1].c.brier) / 2);

    double ess[2] = {12.5, 30};
    brink_backtest_cv cv = {16, 8, 20, 1, 0.4, 1.2, ess};
    capture c;
    assert_int_equal(brink_backtest_write_json(e, 2, 200, 3, "in sample", &cv, capture_open(&c),
                                               &err),
                     BRINK_OK);
    json_t *root = capture_json(&c);
    assert_string_equal(str(root, "command"), "backtest");
    assert_string_equal(str(root, "mode"), "in sample");
    assert_true(num(root, "runs") == 200);
    json_t *cases = json_object_get(root, "cases");
    assert_int_equal(json_array_size(cases), 2);
    for (int i = 0; i < 2; i++) {
        json_t *o = json_array_get(cases, (size_t)i);
        assert_string_equal(str(o, "file"), names[i]);
        assert_string_equal(str(o, "actual"), brink_outcome_name((brink_outcome)e[i].c.actual));
        assert_string_equal(str(o, "policy"), brink_scenario_policy_name(e[i].sc, e[i].c.policy));
        assert_real6(num(o, "brier"), e[i].c.brier);
        assert_real6(num(o, "brier_loo"), e[i].brier_loo);
        json_t *pred = json_object_get(o, "predicted");
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            assert_real6(num(pred, brink_outcome_name((brink_outcome)k)), e[i].c.p[k]);
    }
    assert_real6(num(root, "brier_model"), t.brier.mean_a);
    assert_true(num(json_object_get(root, "bootstrap"), "resamples") == BRINK_BACKTEST_RESAMPLES);
    assert_true(num(json_object_get(root, "coverage"), "n") == t.obs);
    json_t *cvj = json_object_get(root, "cross_validation");
    assert_true(num(cvj, "design_points") == 16);
    assert_real6(num(cvj, "in_sample_log_score"), 1.2);
    assert_real6(num(json_object_get(cvj, "effective_design_points"), e[1].c.scenario), 30);
    json_decref(root);
    /* without cross-validation, no such member */
    assert_int_equal(brink_backtest_write_json(e, 2, 200, 3, "x", NULL, capture_open(&c), &err),
                     BRINK_OK);
    root = capture_json(&c);
    assert_null(json_object_get(root, "cross_validation"));
    json_decref(root);

    brink_escalation_stats st[2], all;
    memset(&all, 0, sizeof all);
    const brink_scenario *scs[2] = {e[0].sc, e[1].sc};
    int pol[2];
    for (int i = 0; i < 2; i++) {
        pol[i] = brink_scenario_default_policy(e[i].sc);
        assert_int_equal(brink_escalation_run(e[i].sc, pol[i], 100, 3, 12, &st[i], &err),
                         BRINK_OK);
        brink_escalation_merge(&all, &st[i]);
    }
    assert_int_equal(brink_escalation_write_json(scs, pol, st, 2, &all, 100, 3, 12,
                                                 capture_open(&c), &err),
                     BRINK_OK);
    root = capture_json(&c);
    assert_real6(num(root, "mid_war_rate"), BRINK_MID_WAR_RATE);
    json_t *arr = json_object_get(root, "cases");
    assert_int_equal(json_array_size(arr), 3);
    assert_string_equal(str(json_array_get(arr, 0), "scenario"), names[0]);
    assert_string_equal(str(json_array_get(arr, 2), "scenario"), "all");
    assert_null(json_object_get(json_array_get(arr, 2), "policy"));
    assert_true(num(json_array_get(arr, 2), "incidents") == (double)all.incidents);
    assert_true(num(json_array_get(arr, 1), "runs") == 100);
    json_decref(root);
    for (int i = 0; i < 2; i++)
        brink_scenario_free(e[i].sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run),
        cmocka_unit_test(test_nash),
        cmocka_unit_test(test_game_state),
        cmocka_unit_test(test_backtest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
