/* Random games checked against lrsnash (lrslib, exact rational arithmetic):
 * the same set of equilibria to 1e-9, each one a Nash equilibrium, in
 * canonical order. lrsnash is part of the test set-up: without it the test
 * fails. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../support/lrsnash.h"
#include "brink/game.h"

#define TOL 1e-9

typedef struct {
    int games, degenerate, equilibria;
} tally;

/* Largest difference between x/y of q and lrsnash equilibrium v. */
static double distance(const brink_equilibrium *q, const double *v, int m, int n)
{
    double d = 0.0;
    for (int i = 0; i < m; i++)
        d = fmax(d, fabs(q->x[i] - v[i]));
    for (int j = 0; j < n; j++)
        d = fmax(d, fabs(q->y[j] - v[m + j]));
    return d;
}

/* x and y are mutual best responses with the stated payoffs. */
static void check_nash(const brink_game *g, const brink_equilibrium *q)
{
    const int m = g->m, n = g->n;
    double best = -INFINITY, u = 0.0, sx = 0.0, sy = 0.0;
    for (int i = 0; i < m; i++) {
        double v = 0.0;
        for (int j = 0; j < n; j++)
            v += g->a[i * n + j] * q->y[j];
        best = fmax(best, v);
        u += q->x[i] * v;
        sx += q->x[i];
        assert_true(q->x[i] >= 0.0);
    }
    assert_true(fabs(sx - 1.0) < TOL);
    assert_true(u >= best - TOL * (1.0 + fabs(best)));
    assert_true(fabs(u - q->payoff[0]) < TOL * (1.0 + fabs(u)));
    best = -INFINITY;
    u = 0.0;
    for (int j = 0; j < n; j++) {
        double v = 0.0;
        for (int i = 0; i < m; i++)
            v += g->b[i * n + j] * q->x[i];
        best = fmax(best, v);
        u += q->y[j] * v;
        sy += q->y[j];
        assert_true(q->y[j] >= 0.0);
    }
    assert_true(fabs(sy - 1.0) < TOL);
    assert_true(u >= best - TOL * (1.0 + fabs(best)));
    assert_true(fabs(u - q->payoff[1]) < TOL * (1.0 + fabs(u)));
}

static void compare_one(int m, int n, long range, uint64_t *rng, brink_nash_result *r,
                        tally *t)
{
    long a[144], b[144];
    brink_game *g = brink_game_alloc(m, n, NULL);
    assert_non_null(g);
    for (int c = 0; c < m * n; c++) {
        a[c] = lrs_rand_int(rng, -range, range);
        b[c] = lrs_rand_int(rng, -range, range);
        g->a[c] = (double)a[c];
        g->b[c] = (double)b[c];
    }
    brink_error err;
    assert_int_equal(brink_nash_enumerate(g, NULL, r, &err), BRINK_OK);
    lrs_eqs lrs;
    char why[512] = "";
    if (!lrs_solve(m, n, a, b, &lrs, why, sizeof why))
        fail_msg("lrsnash: %s", why);

    /* lrsnash may repeat a point in degenerate games: compare as sets. */
    size_t distinct = 0;
    for (size_t k = 0; k < lrs.count; k++) {
        bool seen = false;
        for (size_t l = 0; l < k && !seen; l++) {
            double d = 0.0;
            for (int i = 0; i < m + n; i++)
                d = fmax(d, fabs(lrs.v[k * (size_t)(m + n) + (size_t)i] -
                                 lrs.v[l * (size_t)(m + n) + (size_t)i]));
            seen = d < TOL;
        }
        distinct += !seen;
    }
    if (distinct != r->count)
        fail_msg("%dx%d game %d (%s): %zu equilibria, lrsnash %zu", m, n, t->games,
                 r->degenerate ? "degenerate" : "nondegenerate", r->count, distinct);
    for (size_t k = 0; k < lrs.count; k++) {
        const double *v = lrs.v + k * (size_t)(m + n);
        double best = INFINITY;
        for (size_t e = 0; e < r->count; e++)
            best = fmin(best, distance(&r->eq[e], v, m, n));
        if (!(best < TOL))
            fail_msg("%dx%d game %d: lrsnash equilibrium %zu not found (off by %g)", m, n,
                     t->games, k, best);
    }
    for (size_t e = 0; e < r->count; e++) {
        check_nash(g, &r->eq[e]);
        if (!r->degenerate)
            assert_int_equal(r->eq[e].support_size[0], r->eq[e].support_size[1]);
        if (e > 0) {
            /* canonical order: the first differing probability decreases */
            const brink_equilibrium *p = &r->eq[e - 1], *q = &r->eq[e];
            int i = 0;
            while (i < m + n && fabs((i < m ? p->x[i] : p->y[i - m]) -
                                     (i < m ? q->x[i] : q->y[i - m])) <= TOL)
                i++;
            assert_true(i < m + n);
            assert_true((i < m ? p->x[i] : p->y[i - m]) > (i < m ? q->x[i] : q->y[i - m]));
        }
    }
    t->games++;
    t->degenerate += r->degenerate;
    t->equilibria += (int)r->count;
    lrs_eqs_free(&lrs);
    brink_game_free(g);
}

static void lrsnash_present(void **state)
{
    (void)state;
    if (!lrs_available())
        fail_msg("%s is missing: install lrslib (scripts/install-deps.sh)", LRSNASH_PATH);
}

/* Square games 2x2 to 12x12, fewer of the large ones; payoffs alternate
 * between [-20, 20] (often degenerate: ties) and [-999, 999]. */
static void random_square(void **state)
{
    (void)state;
    static const int per_size[13] = {0, 0, 40, 40, 40, 30, 20, 16, 12, 10, 8, 6, 6};
    uint64_t rng = 20250101;
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    tally t = {0, 0, 0};
    for (int s = 2; s <= 12; s++)
        for (int k = 0; k < per_size[s]; k++)
            compare_one(s, s, k % 2 ? 999 : 20, &rng, r, &t);
    print_message("square: %d games (%d degenerate), %d equilibria, all as lrsnash\n",
                  t.games, t.degenerate, t.equilibria);
    brink_nash_result_free(r);
}

static void random_rectangular(void **state)
{
    (void)state;
    uint64_t rng = 77;
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    tally t = {0, 0, 0};
    for (int k = 0; k < 80; k++) {
        int m = (int)lrs_rand_int(&rng, 1, 9), n = (int)lrs_rand_int(&rng, 1, 9);
        compare_one(m, n, k % 2 ? 999 : 20, &rng, r, &t);
    }
    print_message("rectangular: %d games (%d degenerate), %d equilibria, all as lrsnash\n",
                  t.games, t.degenerate, t.equilibria);
    brink_nash_result_free(r);
}

/* Payoffs from {-1, 0, 1}: heavily degenerate; the extreme equilibria must still
 * be exactly lrsnash's. */
static void random_degenerate(void **state)
{
    (void)state;
    uint64_t rng = 4242;
    brink_nash_result *r = brink_nash_result_alloc(NULL);
    tally t = {0, 0, 0};
    for (int k = 0; k < 60; k++) {
        int m = (int)lrs_rand_int(&rng, 2, 6), n = (int)lrs_rand_int(&rng, 2, 6);
        compare_one(m, n, 1, &rng, r, &t);
    }
    print_message("payoffs in {-1, 0, 1}: %d games (%d degenerate), %d equilibria, "
                  "all as lrsnash\n",
                  t.games, t.degenerate, t.equilibria);
    brink_nash_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lrsnash_present),
        cmocka_unit_test(random_square),
        cmocka_unit_test(random_rectangular),
        cmocka_unit_test(random_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
