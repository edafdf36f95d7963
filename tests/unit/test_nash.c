/* Nash equilibria of classic games with known answers. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "brink/game.h"

#define EPS 1e-12

/* Doubles equal within eps (cmocka's float assertion rounds to float). */
#define assert_near(a, b, eps)                                                  \
    do {                                                                        \
        double a_ = (a), b_ = (b);                                              \
        if (!(fabs(a_ - b_) <= (eps)))                                          \
            fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);                 \
    } while (0)

static brink_game *make(int m, int n, const double *a, const double *b)
{
    brink_game *g = brink_game_alloc(m, n, NULL);
    assert_non_null(g);
    memcpy(g->a, a, (size_t)(m * n) * sizeof *a);
    memcpy(g->b, b, (size_t)(m * n) * sizeof *b);
    return g;
}

static brink_nash_result *solve(const brink_game *g)
{
    brink_error err;
    brink_nash_result *r = brink_nash_result_alloc(&err);
    assert_non_null(r);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, &err), BRINK_OK);
    return r;
}

/* Equilibrium e is (x, y) with payoffs (u1, u2); checks supports too. */
static void expect(const brink_nash_result *r, size_t e, const double *x,
                   const double *y, double u1, double u2)
{
    assert_true(e < r->count);
    const brink_equilibrium *q = &r->eq[e];
    int sx = 0, sy = 0;
    for (int i = 0; i < r->m; i++) {
        assert_near(q->x[i], x[i], EPS);
        if (x[i] > 0) {
            assert_true(sx < q->support_size[0]);
            assert_int_equal(q->support[0][sx++], i);
        }
    }
    for (int j = 0; j < r->n; j++) {
        assert_near(q->y[j], y[j], EPS);
        if (y[j] > 0) {
            assert_true(sy < q->support_size[1]);
            assert_int_equal(q->support[1][sy++], j);
        }
    }
    assert_int_equal(sx, q->support_size[0]);
    assert_int_equal(sy, q->support_size[1]);
    assert_near(q->payoff[0], u1, EPS);
    assert_near(q->payoff[1], u2, EPS);
}

static void prisoners_dilemma(void **state)
{
    (void)state;
    const double a[] = {3, 0, 5, 1}, b[] = {3, 5, 0, 1};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    expect(r, 0, (double[]){0, 1}, (double[]){0, 1}, 1, 1);
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void matching_pennies(void **state)
{
    (void)state;
    const double a[] = {1, -1, -1, 1}, b[] = {-1, 1, 1, -1};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    expect(r, 0, (double[]){0.5, 0.5}, (double[]){0.5, 0.5}, r->eq[0].payoff[0], 0);
    assert_near(r->eq[0].payoff[0], 0, 1e-12 * DBL_MAX);
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void battle_of_the_sexes(void **state)
{
    (void)state;
    const double a[] = {2, 0, 0, 1}, b[] = {1, 0, 0, 2};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 3);
    /* canonical order: x first, larger probability on earlier rows first */
    expect(r, 0, (double[]){1, 0}, (double[]){1, 0}, 2, 1);
    expect(r, 1, (double[]){2.0 / 3, 1.0 / 3}, (double[]){1.0 / 3, 2.0 / 3}, 2.0 / 3,
           2.0 / 3);
    expect(r, 2, (double[]){0, 1}, (double[]){0, 1}, 1, 2);
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void chicken(void **state)
{
    (void)state;
    /* swerve, straight; crashing costs 10 */
    const double a[] = {0, -1, 1, -10}, b[] = {0, 1, -1, -10};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 3);
    expect(r, 0, (double[]){1, 0}, (double[]){0, 1}, -1, 1);
    expect(r, 1, (double[]){0.9, 0.1}, (double[]){0.9, 0.1}, -0.1, -0.1);
    expect(r, 2, (double[]){0, 1}, (double[]){1, 0}, 1, -1);
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void pressure_3x3(void **state)
{
    (void)state;
    const double a[] = {3, 0, 2, 0, 3, 1, 1, 1, 1}, b[] = {3, 0, 1, 0, 3, 1, 2, 1, 0};
    brink_game *g = make(3, 3, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 3);
    expect(r, 0, (double[]){1, 0, 0}, (double[]){1, 0, 0}, 3, 3);
    expect(r, 1, (double[]){0.5, 0.5, 0}, (double[]){0.5, 0.5, 0}, 1.5, 1.5);
    expect(r, 2, (double[]){0, 1, 0}, (double[]){0, 1, 0}, 3, 3);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* Pure coordination on three strategies: one equilibrium per nonempty
 * support, uniform on it. */
static void coordination_3x3(void **state)
{
    (void)state;
    const double a[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    brink_game *g = make(3, 3, a, a);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 7);
    const double h = 0.5, t = 1.0 / 3;
    const double x[7][3] = {{1, 0, 0}, {h, h, 0}, {h, 0, h}, {t, t, t},
                            {0, 1, 0}, {0, h, h}, {0, 0, 1}};
    for (size_t e = 0; e < 7; e++) {
        double u = 1.0 / ((x[e][0] > 0) + (x[e][1] > 0) + (x[e][2] > 0));
        expect(r, e, x[e], x[e], u, u);
    }
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void rock_paper_scissors(void **state)
{
    (void)state;
    const double a[] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    const double b[] = {0, 1, -1, -1, 0, 1, 1, -1, 0};
    brink_game *g = make(3, 3, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    const double t = 1.0 / 3;
    expect(r, 0, (double[]){t, t, t}, (double[]){t, t, t}, 0, 0);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* A 2x2 game without pure equilibria: the mixed one has the closed form
 * y1 = (d - b) / (a - b - c + d) for the row player's payoffs [[a, b], [c, d]]
 * and likewise for x. Here y = (2/5, 3/5), x = (2/7, 5/7). */
static void unique_mixed_closed_form(void **state)
{
    (void)state;
    const double a[] = {2, -1, -1, 1}, b[] = {-2, 3, 1, -1};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    double y1 = (1.0 - (-1.0)) / (2.0 - (-1.0) - (-1.0) + 1.0);
    double x1 = (-1.0 - 1.0) / (-2.0 - 1.0 - 3.0 + (-1.0));
    expect(r, 0, (double[]){x1, 1 - x1}, (double[]){y1, 1 - y1}, 0.2, 1.0 / 7);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* von Stengel's degenerate example: the top row has two best responses, so
 * (top, y) is an equilibrium for every y with y1 in [2/3, 1]. Both ends of
 * that segment are returned, and the one isolated mixed equilibrium. */
static void degenerate_game(void **state)
{
    (void)state;
    const double a[] = {3, 3, 2, 5, 0, 6}, b[] = {3, 3, 2, 6, 3, 1};
    brink_game *g = make(3, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_true(r->degenerate);
    assert_int_equal(r->count, 3);
    expect(r, 0, (double[]){1, 0, 0}, (double[]){1, 0}, 3, 3);
    expect(r, 1, (double[]){1, 0, 0}, (double[]){2.0 / 3, 1.0 / 3}, 3, 3);
    expect(r, 2, (double[]){0, 1.0 / 3, 2.0 / 3}, (double[]){1.0 / 3, 2.0 / 3}, 4,
           8.0 / 3);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* Constant payoffs: every pure pair is an extreme equilibrium. */
static void constant_game(void **state)
{
    (void)state;
    const double a[] = {1, 1, 1, 1, 1, 1};
    brink_game *g = make(2, 3, a, a);
    brink_nash_result *r = solve(g);
    assert_true(r->degenerate);
    assert_int_equal(r->count, 6);
    for (size_t e = 0; e < 6; e++) {
        assert_int_equal(r->eq[e].support_size[0], 1);
        assert_int_equal(r->eq[e].support_size[1], 1);
        assert_int_equal(r->eq[e].support[0][0], (int)(e / 3));
        assert_int_equal(r->eq[e].support[1][0], (int)(e % 3));
    }
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* One strategy each, and one row against many columns. */
static void trivial_sizes(void **state)
{
    (void)state;
    brink_game *g = make(1, 1, (double[]){5}, (double[]){-2});
    brink_nash_result *r = solve(g);
    assert_int_equal(r->count, 1);
    expect(r, 0, (double[]){1}, (double[]){1}, 5, -2);
    brink_game_free(g);
    g = make(1, 3, (double[]){0, 1, 2}, (double[]){4, 9, 1});
    assert_int_equal(brink_nash_enumerate(g, NULL, r, NULL), BRINK_OK);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    expect(r, 0, (double[]){1}, (double[]){0, 1, 0}, 1, 9);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* Positive affine maps of payoffs leave equilibria unchanged. */
static void affine_invariance(void **state)
{
    (void)state;
    const double a[] = {2e6, 0, 0, 1e6}, b[] = {-7 + 1e-3, -7, -7, -7 + 2e-3};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_int_equal(r->count, 3);
    assert_near(r->eq[1].x[0], 2.0 / 3, EPS);
    assert_near(r->eq[1].y[0], 1.0 / 3, 1e-10);
    brink_nash_result_free(r);
    brink_game_free(g);
}

static void bad_input(void **state)
{
    (void)state;
    brink_error err;
    assert_null(brink_game_alloc(0, 2, &err));
    assert_int_equal(err.code, BRINK_ERR_INPUT);
    assert_null(brink_game_alloc(2, BRINK_GAME_MAX_STRATEGIES + 1, &err));
    brink_game *g = make(2, 2, (double[]){1, 2, 3, NAN}, (double[]){1, 2, 3, 4});
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    assert_int_equal(brink_nash_enumerate(g, NULL, r, &err), BRINK_ERR_INPUT);
    assert_int_equal(r->count, 0);
    assert_int_equal(brink_nash_enumerate(NULL, NULL, r, &err), BRINK_ERR_INPUT);
    brink_nash_result_free(r);
    brink_game_free(g);
    brink_game_free(NULL);
    brink_nash_result_free(NULL);
}

static void budget_exceeded(void **state)
{
    (void)state;
    brink_game *g = brink_game_alloc(8, 8, NULL);
    assert_non_null(g);
    for (int c = 0; c < 64; c++) {
        g->a[c] = (double)((c * 37) % 17);
        g->b[c] = (double)((c * 11) % 13);
    }
    brink_nash_options opt = {.max_bases = 20};
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    brink_error err;
    assert_int_equal(brink_nash_enumerate(g, &opt, r, &err), BRINK_ERR_RUNTIME);
    assert_non_null(strstr(err.message, "feasible bases"));
    assert_int_equal(r->count, 0);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* Payoffs near +-DBL_MAX once overflowed the scaling to infinity: every
 * payoff became equal and the solver reported a degenerate game with
 * equilibria that are not. The true answer is the unique 50/50 mix. */
static void extreme_payoffs(void **state)
{
    (void)state;
    const double a[] = {1e308, -1e308, 0, 0}, b[] = {1, 2, 2, 1};
    brink_game *g = make(2, 2, a, b);
    brink_nash_result *r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    /* payoffs to the precision of payoffs of 1e308 */
    expect(r, 0, (double[]){0.5, 0.5}, (double[]){0.5, 0.5}, r->eq[0].payoff[0], 1.5);
    assert_near(r->eq[0].payoff[0], 0, 1e-12 * 1e308);
    brink_nash_result_free(r);
    brink_game_free(g);
    /* the largest finite payoffs, and a range of subnormals (10 / range
     * overflows there): the same answers as the game scaled to small
     * integers (matching pennies) */
    const double big[] = {DBL_MAX, -DBL_MAX, -DBL_MAX, DBL_MAX};
    const double tiny[] = {-4.9e-324, 4.9e-324, 4.9e-324, -4.9e-324};
    g = make(2, 2, big, tiny);
    r = solve(g);
    assert_false(r->degenerate);
    assert_int_equal(r->count, 1);
    expect(r, 0, (double[]){0.5, 0.5}, (double[]){0.5, 0.5}, r->eq[0].payoff[0], 0);
    assert_near(r->eq[0].payoff[0], 0, 1e-12 * DBL_MAX);
    brink_nash_result_free(r);
    brink_game_free(g);
}

/* max_equilibria keeps the first equilibria in canonical order and counts
 * them all: an n x n identity game has 2^n - 1. */
static void max_equilibria(void **state)
{
    (void)state;
    enum { N = 6 };
    brink_game *g = brink_game_alloc(N, N, NULL);
    assert_non_null(g);
    for (int i = 0; i < N; i++)
        g->a[i * N + i] = g->b[i * N + i] = 1;
    brink_nash_result *all = solve(g);
    assert_int_equal(all->count, (1u << N) - 1);
    assert_int_equal(all->total, all->count);
    brink_nash_options opt = {.max_equilibria = 5};
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    assert_int_equal(brink_nash_enumerate(g, &opt, r, NULL), BRINK_OK);
    assert_int_equal(r->count, 5);
    assert_int_equal(r->total, (1u << N) - 1);
    for (size_t e = 0; e < r->count; e++)
        expect(r, e, all->eq[e].x, all->eq[e].y, all->eq[e].payoff[0], all->eq[e].payoff[1]);
    brink_nash_result_free(r);
    brink_nash_result_free(all);
    brink_game_free(g);
}

static void names(void **state)
{
    (void)state;
    brink_game *g = brink_game_alloc(2, 3, NULL);
    assert_string_equal(g->player[0], "row");
    assert_string_equal(g->player[1], "column");
    assert_string_equal(g->strategy[0][1], "r2");
    assert_string_equal(g->strategy[1][2], "c3");
    assert_int_equal(brink_game_set_name(g, 1, 2, "escalate", NULL), BRINK_OK);
    assert_string_equal(g->strategy[1][2], "escalate");
    assert_int_equal(brink_game_set_name(g, 0, -1, "sender", NULL), BRINK_OK);
    assert_string_equal(g->player[0], "sender");
    assert_int_equal(brink_game_set_name(g, 0, 2, "x", NULL), BRINK_ERR_INPUT);
    assert_int_equal(brink_game_set_name(g, 0, 0, "", NULL), BRINK_ERR_INPUT);
    brink_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prisoners_dilemma),
        cmocka_unit_test(matching_pennies),
        cmocka_unit_test(battle_of_the_sexes),
        cmocka_unit_test(chicken),
        cmocka_unit_test(pressure_3x3),
        cmocka_unit_test(coordination_3x3),
        cmocka_unit_test(rock_paper_scissors),
        cmocka_unit_test(unique_mixed_closed_form),
        cmocka_unit_test(degenerate_game),
        cmocka_unit_test(constant_game),
        cmocka_unit_test(trivial_sizes),
        cmocka_unit_test(affine_invariance),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(budget_exceeded),
        cmocka_unit_test(extreme_payoffs),
        cmocka_unit_test(max_equilibria),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
