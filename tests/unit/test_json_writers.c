/* The library's JSON writers, called directly: one run (brink_run_*), the
 * equilibria of a game, the no-win matrix, take-it-or-leave-it offer and
 * zone of possible agreement at a state of a run, the backtest, the claims,
 * the calibration and the sensitivity indices. Each output is parsed back and checked against the
 * values it was written from. */
#include <inttypes.h>
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
#include "brink/calibrate.h"
#include "brink/claims.h"
#include "brink/game.h"
#include "brink/report.h"
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

/* A stream that refuses every write. */
static FILE *unwritable(void)
{
    FILE *f = fopen("/dev/null", "r");
    assert_non_null(f);
    return f;
}

/* Claim 13 on one case at few runs, with a box of two points: the settings,
 * the claim as stated, its result on the case and in the box; then every
 * claim without a box, and the errors. */
static void test_claims(void **state)
{
    (void)state;
    brink_scenario *sc = load_default();
    const brink_scenario *scs[1] = {sc};
    const int id = 13;
    const brink_claim_info *ci = brink_claim_info_get(id);
    assert_non_null(ci);
    assert_int_equal(ci->kind, BRINK_CLAIM_VALIDATION);
    brink_claims_config cfg = {.runs = 40, .seed = 5, .level = 0.95, .only = id, .threads = 1};
    brink_claim_result *res = calloc(BRINK_CLAIMS, sizeof *res);
    assert_non_null(res);
    brink_error err;
    assert_int_equal(brink_claims_run(scs, 1, &cfg, res, &err), BRINK_OK);
    brink_claims_box box;
    assert_int_equal(brink_claims_box_run(sc, &cfg, 2, 10, &box, &err), BRINK_OK);
    const brink_claim_result *cr = &res[id - 1];
    assert_true(cr->n_tests >= 1);

    capture c;
    assert_int_equal(brink_claims_write_json(scs, 1, &cfg, res, &box, capture_open(&c), &err),
                     BRINK_OK);
    json_t *root = capture_json(&c);
    assert_string_equal(str(root, "program"), "brink");
    assert_true(num(root, "runs") == 40);
    assert_true(num(root, "seed") == 5);
    assert_real6(num(root, "min_effect"), BRINK_CLAIM_MIN_EFFECT);
    json_t *claims = json_object_get(root, "claims");
    assert_int_equal(json_array_size(claims), 1);
    json_t *cj = json_array_get(claims, 0);
    assert_true(num(cj, "id") == id);
    assert_string_equal(str(cj, "claim"), ci->claim);
    assert_string_equal(str(cj, "kind"), "validation");
    assert_string_equal(str(cj, "mechanisms"), ci->mechanisms);
    /* the case */
    json_t *cases = json_object_get(cj, "cases");
    assert_int_equal(json_array_size(cases), 1);
    json_t *k0 = json_array_get(cases, 0);
    assert_string_equal(str(k0, "scenario"), "iran-2025");
    assert_true(num(k0, "id") == id);
    assert_string_equal(str(k0, "verdict"), brink_verdict_name(cr->verdict));
    json_t *tests = json_object_get(k0, "tests");
    assert_int_equal(json_array_size(tests), cr->n_tests);
    for (int k = 0; k < cr->n_tests; k++) {
        const brink_claim_test *t = &cr->test[k];
        json_t *tj = json_array_get(tests, (size_t)k);
        assert_string_equal(str(tj, "what"), t->what);
        assert_string_equal(str(tj, "verdict"), brink_verdict_name(t->verdict));
        assert_true(num(tj, "n") == (double)t->n);
        json_t *lv = json_object_get(tj, "levels");
        json_t *e = json_object_get(tj, "effect");
        if (isfinite(t->effect))
            assert_real6(json_number_value(e), t->effect);
        else
            assert_true(json_is_null(e));
        if (isfinite(t->variant))
            assert_real6(num(lv, t->variant_label), t->variant);
        assert_int_equal(json_array_size(json_object_get(tj, "ci")), 2);
        assert_true((json_object_get(tj, "premise") != NULL) == (isfinite(t->premise) != 0));
    }
    /* the box: the counts, and every point's verdict */
    const brink_claims_box_claim *bc = &box.claim[id - 1];
    json_t *bj = json_object_get(cj, "box");
    assert_true(num(bj, "points") == 2);
    assert_true(num(bj, "holds") == bc->holds);
    assert_true(num(bj, "fails") == bc->fails);
    assert_true(num(bj, "untestable") == bc->untestable);
    assert_int_equal(json_array_size(json_object_get(bj, "drivers")), bc->n_drivers);
    json_t *pp = json_object_get(bj, "per_point");
    assert_int_equal(json_array_size(pp), 2);
    for (int i = 0; i < 2; i++)
        assert_string_equal(str(json_array_get(pp, (size_t)i), "verdict"),
                            brink_verdict_name(box.verdict[(size_t)i * BRINK_CLAIMS + id - 1]));
    /* the cases and the box's parameters */
    json_t *sj = json_array_get(json_object_get(root, "scenarios"), 0);
    assert_string_equal(str(sj, "name"), "iran-2025");
    char hash[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc));
    assert_string_equal(str(sj, "hash"), hash);
    json_t *rb = json_object_get(root, "box");
    assert_true(num(rb, "runs") == 10);
    json_t *par = json_object_get(rb, "parameters");
    assert_int_equal(json_array_size(par), box.n_params);
    assert_string_equal(str(json_array_get(par, 0), "path"), box.param[0]);
    assert_real6(num(json_array_get(par, 0), "hi"), box.hi[0]);
    json_decref(root);

    /* every claim, no box: verification claims are listed, not run */
    cfg.only = 0;
    assert_int_equal(brink_claims_write_json(scs, 1, &cfg, res, NULL, capture_open(&c), &err),
                     BRINK_OK);
    root = capture_json(&c);
    assert_null(json_object_get(root, "box"));
    claims = json_object_get(root, "claims");
    assert_int_equal(json_array_size(claims), BRINK_CLAIMS);
    for (int i = 0; i < BRINK_CLAIMS; i++) {
        json_t *o = json_array_get(claims, (size_t)i);
        assert_true(num(o, "id") == i + 1);
        assert_null(json_object_get(o, "box"));
        assert_string_equal(str(json_array_get(json_object_get(o, "cases"), 0), "verdict"),
                            brink_verdict_name(res[i].verdict));
    }
    assert_string_equal(str(json_array_get(claims, 0), "kind"),
                        brink_claim_kind_name(brink_claim_info_get(1)->kind));
    json_decref(root);

    /* a stream that fails, and no results */
    FILE *ro = unwritable();
    assert_int_equal(brink_claims_write_json(scs, 1, &cfg, res, &box, ro, &err),
                     BRINK_ERR_RUNTIME);
    assert_string_equal(err.message, "cannot write JSON");
    fclose(ro);
    assert_int_equal(brink_claims_write_json(scs, 1, &cfg, NULL, NULL, stdout, &err),
                     BRINK_ERR_INPUT);
    assert_int_equal(brink_claims_write_json(scs, 0, &cfg, res, NULL, stdout, &err),
                     BRINK_ERR_INPUT);
    brink_claims_box_free(&box);
    free(res);
    brink_scenario_free(sc);
}

/* Two historical cases on a design of four points: the fit, the targets,
 * each case, a structural error with its coverage, and the projection of
 * iran-2025 under two policies; then no projection, and the errors. */
static void test_calibrate(void **state)
{
    (void)state;
    brink_scenario *cases[2] = {brink_scenario_load_builtin("iran-2012", NULL),
                                brink_scenario_load_builtin("iraq-1990", NULL)};
    assert_non_null(cases[0]);
    assert_non_null(cases[1]);
    brink_calib_config cfg = {.points = 4, .refine_points = 0, .refine_rounds = 1, .runs = 6,
                              .seed = 3, .threads = 1, .population_weight = 8};
    brink_calib *cal = NULL;
    brink_error err;
    assert_int_equal(brink_calib_run(cases, 2, &cfg, &cal, &err), BRINK_OK);
    int K = brink_calib_points(cal), d = brink_calib_param_count();
    assert_int_equal(K, 4);
    double *w = calloc((size_t)K, sizeof *w), *ll = calloc((size_t)K, sizeof *ll);
    brink_backtest_case *bcs = calloc(2, sizeof *bcs);
    assert_non_null(w);
    assert_non_null(ll);
    assert_non_null(bcs);

    brink_calib_report r;
    memset(&r, 0, sizeof r);
    r.w = w;
    r.bc = bcs;
    brink_calib_fit(cal, NULL, ll, w, &r.ess);
    brink_calib_targets(cal, w, NULL, r.targets);
    brink_calib_backtest_config bt = {10, 3, 1, 0, 0};
    assert_int_equal(brink_calib_backtest(cal, cases, &bt, bcs, NULL, r.sigma, &err), BRINK_OK);
    r.centre_p[0] = 0.25;
    r.centre_p[1] = 0.5;
    r.sigma[BRINK_FAN_EXPORTS] = 0.3;
    r.before[BRINK_FAN_EXPORTS] = (brink_calib_coverage){10, 4, 8};
    r.after[BRINK_FAN_EXPORTS] = (brink_calib_coverage){10, 5, 9};
    brink_scenario *proj = load_default();
    r.proj = proj;
    r.npol = 2;
    r.policies[0] = 0;
    r.policies[1] = 1;
    r.proj_runs = 3;
    brink_calib_cell *cells = NULL;
    assert_int_equal(brink_calib_project(cal, proj, r.policies, 2, 3, 3, 1, &cells, &err),
                     BRINK_OK);
    r.cells = cells;

    capture c;
    assert_int_equal(brink_calib_write_json(cal, &r, capture_open(&c), &err), BRINK_OK);
    json_t *root = capture_json(&c);
    assert_string_equal(str(root, "command"), "calibrate");
    assert_true(num(root, "cases") == 2);
    assert_true(num(root, "points") == 4);
    assert_true(num(root, "runs") == 6);
    assert_real6(num(root, "population_weight"), 8);
    assert_real6(num(root, "effective_points"), r.ess);
    /* the parameters: box and posterior */
    json_t *ps = json_object_get(root, "parameters");
    assert_int_equal(json_array_size(ps), d);
    for (int j = 0; j < d; j++) {
        json_t *o = json_array_get(ps, (size_t)j);
        double lo, hi, m, sd, q05, q95;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        brink_calib_summary(cal, w, j, &m, &sd, &q05, &q95);
        assert_string_equal(str(o, "path"), brink_calib_param_name(j));
        assert_real6(num(o, "low"), lo);
        assert_true(json_boolean_value(json_object_get(o, "log_scale")) == (lg != 0));
        assert_real6(num(o, "mean"), m);
        assert_real6(num(o, "q95"), q95);
    }
    /* the targets and the cases */
    json_t *ts = json_object_get(root, "targets");
    assert_int_equal(json_array_size(ts), BRINK_CALIB_TARGET_COUNT);
    for (int t = 0; t < BRINK_CALIB_TARGET_COUNT; t++) {
        json_t *o = json_array_get(ts, (size_t)t);
        assert_string_equal(str(o, "target"), r.targets[t].name);
        assert_real6(num(o, "record"), r.targets[t].target);
        assert_real6(num(o, "fitted"), r.targets[t].model);
    }
    json_t *cf = json_object_get(root, "case_fit");
    assert_int_equal(json_array_size(cf), 2);
    for (int i = 0; i < 2; i++) {
        json_t *o = json_array_get(cf, (size_t)i);
        assert_string_equal(str(o, "scenario"), brink_calib_case_name(cal, i));
        assert_string_equal(str(o, "actual"),
                            brink_outcome_name((brink_outcome)brink_calib_case_actual(cal, i)));
        assert_real6(num(o, "p_actual_fitted"), bcs[i].p[bcs[i].actual]);
        assert_real6(num(o, "p_actual_box_centre"), r.centre_p[i]);
        assert_real6(num(o, "p_actual_base_rate"), bcs[i].p_base[bcs[i].actual]);
    }
    /* only the variable with observations */
    json_t *es = json_object_get(root, "structural_error");
    assert_int_equal(json_array_size(es), 1);
    json_t *e0 = json_array_get(es, 0);
    assert_string_equal(str(e0, "path"), "behaviour.error.exports");
    assert_string_equal(str(e0, "path"), brink_calib_error_path(BRINK_FAN_EXPORTS));
    assert_real6(num(e0, "sigma"), 0.3);
    assert_true(num(e0, "n") == 10);
    assert_real6(num(e0, "share_in50_without"), 0.4);
    assert_real6(num(e0, "share_in90_without"), 0.8);
    assert_real6(num(e0, "share_in50_with"), 0.5);
    assert_real6(num(e0, "share_in90_with"), 0.9);
    /* the projection: each policy's outcomes and what moves them */
    json_t *pj = json_object_get(root, "projection");
    assert_string_equal(str(pj, "scenario"), "iran-2025");
    assert_true(num(pj, "runs_per_point") == 3);
    json_t *pols = json_object_get(pj, "policies");
    assert_int_equal(json_array_size(pols), 2);
    for (int p = 0; p < 2; p++) {
        json_t *po = json_array_get(pols, (size_t)p);
        assert_string_equal(str(po, "policy"), brink_scenario_policy_name(proj, p));
        json_t *war = json_object_get(json_object_get(po, "outcomes"), "war");
        double m, lo, hi;
        brink_calib_outcome_uncertainty(cal, w, cells, 2, p, BRINK_OUTCOME_WAR, 3, &m, &lo, &hi);
        assert_real6(num(war, "mean"), m);
        assert_real6(num(war, "q05"), lo);
        int idx[BRINK_CALIB_TOP_PARAMS];
        double share[BRINK_CALIB_TOP_PARAMS];
        assert_int_equal(brink_calib_top_params(cal, cells, 2, p, BRINK_OUTCOME_WAR, 3, idx,
                                                share, &err),
                         BRINK_OK);
        json_t *tp = json_object_get(war, "top_parameters");
        int n = d < BRINK_CALIB_TOP_PARAMS ? d : BRINK_CALIB_TOP_PARAMS;
        assert_int_equal(json_array_size(tp), n);
        for (int t = 0; t < n; t++) {
            assert_true(idx[t] >= 0 && idx[t] < d);
            for (int u = 0; u < t; u++)
                assert_true(idx[u] != idx[t] && share[u] >= share[t]);
            assert_string_equal(str(json_array_get(tp, (size_t)t), "path"),
                                brink_calib_param_name(idx[t]));
        }
    }
    json_decref(root);

    /* no projection: no such member */
    r.cells = NULL;
    assert_int_equal(brink_calib_write_json(cal, &r, capture_open(&c), &err), BRINK_OK);
    root = capture_json(&c);
    assert_null(json_object_get(root, "projection"));
    assert_int_equal(json_array_size(json_object_get(root, "case_fit")), 2);
    json_decref(root);

    /* a stream that fails, and no report */
    FILE *ro = unwritable();
    assert_int_equal(brink_calib_write_json(cal, &r, ro, &err), BRINK_ERR_RUNTIME);
    assert_string_equal(err.message, "cannot write JSON");
    fclose(ro);
    assert_int_equal(brink_calib_write_json(cal, NULL, stdout, &err), BRINK_ERR_INPUT);
    assert_null(brink_calib_error_path(-1));
    int idx[BRINK_CALIB_TOP_PARAMS];
    double share[BRINK_CALIB_TOP_PARAMS];
    assert_int_equal(brink_calib_top_params(cal, cells, 2, 2, BRINK_OUTCOME_WAR, 3, idx, share,
                                            &err),
                     BRINK_ERR_INPUT);
    assert_true(idx[0] == -1 && isnan(share[0]));
    assert_null(brink_calib_error_path(BRINK_FAN_COUNT));

    free(cells);
    brink_scenario_free(proj);
    free(bcs);
    free(ll);
    free(w);
    brink_calib_free(cal);
    brink_scenario_free(cases[0]);
    brink_scenario_free(cases[1]);
}

/* y = 4 u0 + u1 (u2 inert) on a Saltelli design and on Morris trajectories:
 * every index and effect is written exactly (17 digits), per output and
 * parameter; then the errors. */
static double linear(const double *u)
{
    return 4 * u[0] + u[1];
}

static void test_sensitivity(void **state)
{
    (void)state;
    enum { D = 3, N = 32, R = 6 };
    brink_explore_param param[D] = {{"target.trust", 0.2, 0.8, 0, 0},
                                    {"exports.crude.grey_discount", 0.08, 0.2, 0, 0},
                                    {"behaviour.conflict.escalation_base", -6, -3, 0, 0}};
    brink_error err;
    size_t rows = brink_saltelli_rows(D, N);
    double *u = malloc(rows * D * sizeof *u), *y = malloc(rows * sizeof *y);
    assert_non_null(u);
    assert_non_null(y);
    assert_int_equal(brink_saltelli_design(D, 0, N, 3, u, &err), BRINK_OK);
    for (size_t i = 0; i < rows; i++)
        y[i] = linear(u + i * D);
    brink_sobol_result *sob[2] = {NULL, NULL};
    assert_int_equal(brink_sobol_analyse(D, N, y, 50, 0.95, 3, &sob[0], &err), BRINK_OK);
    for (size_t i = 0; i < rows; i++)
        y[i] = -y[i];
    assert_int_equal(brink_sobol_analyse(D, N, y, 50, 0.95, 3, &sob[1], &err), BRINK_OK);
    brink_scenario *sc = load_default();
    static const char *const outputs[2] = {"p_war_120", "p_deal_within_60"};
    brink_report_exploration x;
    memset(&x, 0, sizeof x);
    x.kind = BRINK_REPORT_SOBOL;
    x.param = param;
    x.d = D;
    x.policy = 1;
    x.runs = 40;
    x.seed = 3;
    x.points = (int)rows;
    x.units = N;
    x.run_months = 12345;
    x.noutputs = 2;
    x.outputs = outputs;
    x.sobol = sob;

    capture c;
    assert_int_equal(brink_sensitivity_write_json(sc, &x, capture_open(&c), &err), BRINK_OK);
    json_t *root = capture_json(&c);
    assert_string_equal(str(root, "command"), "sensitivity");
    assert_string_equal(str(root, "scenario"), "iran-2025");
    assert_string_equal(str(root, "policy"), brink_scenario_policy_name(sc, 1));
    assert_string_equal(str(root, "method"), "sobol");
    assert_true(num(root, "runs_per_point") == 40);
    assert_true(num(root, "base_samples") == N);
    assert_null(json_object_get(root, "trajectories"));
    assert_true(num(root, "points") == (double)rows);
    assert_true(json_is_false(json_object_get(root, "partial")));
    assert_true(num(root, "run_months") == 12345);
    json_t *outs = json_object_get(root, "outputs");
    assert_int_equal(json_array_size(outs), 2);
    for (int k = 0; k < 2; k++) {
        json_t *o = json_array_get(outs, (size_t)k);
        assert_string_equal(str(o, "output"), outputs[k]);
        assert_true(num(o, "mean") == sob[k]->mean);
        assert_true(num(o, "variance") == sob[k]->var);
        json_t *ps = json_object_get(o, "parameters");
        assert_int_equal(json_array_size(ps), D);
        for (int j = 0; j < D; j++) {
            json_t *pj = json_array_get(ps, (size_t)j);
            assert_string_equal(str(pj, "path"), param[j].path);
            assert_true(num(pj, "low") == param[j].lo);
            assert_true(num(pj, "high") == param[j].hi);
            assert_true(num(pj, "s1") == sob[k]->s1[j]);
            assert_true(num(pj, "st") == sob[k]->st[j]);
            assert_true(num(pj, "st_lo") == sob[k]->st_lo[j]);
            assert_true(num(pj, "s1_hi") == sob[k]->s1_hi[j]);
            assert_null(json_object_get(pj, "mu_star"));
        }
    }
    /* u0 drives the output; u2 does not */
    json_t *p0 = json_array_get(json_object_get(json_array_get(outs, 0), "parameters"), 0);
    json_t *p2 = json_array_get(json_object_get(json_array_get(outs, 0), "parameters"), 2);
    assert_true(num(p0, "st") > 0.5 && fabs(num(p2, "st")) < 0.05);
    json_decref(root);

    /* Morris, interrupted after R trajectories */
    size_t mrows = brink_morris_rows(D, R);
    double *mu = malloc(mrows * D * sizeof *mu), *my = malloc(mrows * sizeof *my);
    assert_non_null(mu);
    assert_non_null(my);
    assert_int_equal(brink_morris_design(D, R, 4, 3, mu, &err), BRINK_OK);
    for (size_t i = 0; i < mrows; i++)
        my[i] = linear(mu + i * D);
    brink_morris_result *mor[1] = {NULL};
    assert_int_equal(brink_morris_analyse(D, R, mu, my, 50, 0.95, 3, &mor[0], &err), BRINK_OK);
    memset(&x, 0, sizeof x);
    x.kind = BRINK_REPORT_MORRIS;
    x.param = param;
    x.d = D;
    x.runs = 20;
    x.seed = 4;
    x.points = (int)mrows;
    x.units = R;
    x.partial = 1;
    x.noutputs = 1;
    x.outputs = outputs;
    x.morris = mor;
    assert_int_equal(brink_sensitivity_write_json(sc, &x, capture_open(&c), &err), BRINK_OK);
    root = capture_json(&c);
    assert_string_equal(str(root, "method"), "morris");
    assert_string_equal(str(root, "policy"), brink_scenario_policy_name(sc, 0));
    assert_true(num(root, "trajectories") == R);
    assert_null(json_object_get(root, "base_samples"));
    assert_true(json_is_true(json_object_get(root, "partial")));
    outs = json_object_get(root, "outputs");
    assert_int_equal(json_array_size(outs), 1);
    assert_null(json_object_get(json_array_get(outs, 0), "mean"));
    json_t *ps = json_object_get(json_array_get(outs, 0), "parameters");
    for (int j = 0; j < D; j++) {
        json_t *pj = json_array_get(ps, (size_t)j);
        assert_true(num(pj, "mu_star") == mor[0]->mu_star[j]);
        assert_true(num(pj, "mu") == mor[0]->mu[j]);
        assert_true(num(pj, "sigma") == mor[0]->sigma[j]);
        assert_true(num(pj, "mu_star_lo") == mor[0]->mu_star_lo[j]);
        assert_null(json_object_get(pj, "s1"));
    }
    /* the effects of a linear output are its slopes */
    assert_real(num(json_array_get(ps, 0), "mu"), 4);
    assert_real(num(json_array_get(ps, 1), "mu_star"), 1);
    json_decref(root);

    /* a stream that fails; a Morris analysis without its results; another kind */
    FILE *ro = unwritable();
    assert_int_equal(brink_sensitivity_write_json(sc, &x, ro, &err), BRINK_ERR_RUNTIME);
    assert_string_equal(err.message, "cannot write JSON");
    fclose(ro);
    x.morris = NULL;
    assert_int_equal(brink_sensitivity_write_json(sc, &x, stdout, &err), BRINK_ERR_INPUT);
    x.morris = mor;
    x.kind = BRINK_REPORT_PRIM;
    assert_int_equal(brink_sensitivity_write_json(sc, &x, stdout, &err), BRINK_ERR_INPUT);

    brink_morris_result_free(mor[0]);
    brink_sobol_result_free(sob[0]);
    brink_sobol_result_free(sob[1]);
    free(mu);
    free(my);
    free(u);
    free(y);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run),
        cmocka_unit_test(test_nash),
        cmocka_unit_test(test_game_state),
        cmocka_unit_test(test_backtest),
        cmocka_unit_test(test_claims),
        cmocka_unit_test(test_calibrate),
        cmocka_unit_test(test_sensitivity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
