/* Exploratory modelling estimators: Sobol indices on the Ishigami and G
 * functions against their analytic values, Morris screening, PRIM on a known
 * box, regret. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/explore.h"
#include "core/rng.h"
#include "stats_assert.h"

static const double PI = 3.14159265358979323846;

/* ---- test functions ---- */

/* Ishigami on [-pi, pi]^3 from unit coordinates, a = 7, b = 0.1. */
static double ishigami(const double *u, void *ctx)
{
    (void)ctx;
    double x[3];
    for (int j = 0; j < 3; j++)
        x[j] = -PI + 2 * PI * u[j];
    return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]);
}

typedef struct {
    int d;
    const double *a;
} gfun;

/* Sobol's G function: prod (|4 x_j - 2| + a_j) / (1 + a_j). */
static double g_function(const double *u, void *ctx)
{
    const gfun *g = ctx;
    double y = 1;
    for (int j = 0; j < g->d; j++)
        y *= (fabs(4 * u[j] - 2) + g->a[j]) / (1 + g->a[j]);
    return y;
}

/* Its analytic indices: V_j = 1 / (3 (1 + a_j)^2), V = prod (1 + V_j) - 1,
 * S_j = V_j / V, ST_j = V_j prod_{k != j} (1 + V_k) / V. */
static void g_indices(const gfun *g, double *s1, double *st)
{
    double vj[64], prod = 1;
    for (int j = 0; j < g->d; j++) {
        vj[j] = 1.0 / (3.0 * (1 + g->a[j]) * (1 + g->a[j]));
        prod *= 1 + vj[j];
    }
    double v = prod - 1;
    for (int j = 0; j < g->d; j++) {
        s1[j] = vj[j] / v;
        st[j] = vj[j] * prod / (1 + vj[j]) / v;
    }
}

static brink_sobol_result *sobol_of(brink_explore_fn f, void *ctx, int d, int n)
{
    size_t rows = brink_saltelli_rows(d, n);
    double *u = malloc(sizeof(double) * rows * (size_t)d), *y = malloc(sizeof(double) * rows);
    assert_non_null(u);
    assert_non_null(y);
    brink_error err;
    assert_int_equal(brink_saltelli_design(d, 0, n, 42, u, &err), BRINK_OK);
    brink_explore_eval(f, ctx, u, rows, d, y);
    brink_sobol_result *s = NULL;
    assert_int_equal(brink_sobol_analyse(d, n, y, 500, 0.95, 7, &s, &err), BRINK_OK);
    free(u);
    free(y);
    return s;
}

/* The known value inside the interval, and the interval narrower than w. */
static void assert_in_interval(double v, double lo, double hi, double w, const char *what, int j)
{
    if (!(lo <= v && v <= hi && hi - lo < w)) {
        print_error("%s[%d]: %.4f not in [%.4f, %.4f] or wider than %g\n", what, j, v, lo, hi, w);
        fail();
    }
}

static void test_sobol_ishigami(void **state)
{
    (void)state;
    brink_sobol_result *s = sobol_of(ishigami, NULL, 3, 8192);
    /* analytic: Ishigami and Homma (1990); Saltelli et al. (2008), 4.26 */
    const double s1[3] = {0.3139, 0.4424, 0.0}, st[3] = {0.5576, 0.4424, 0.2437};
    for (int j = 0; j < 3; j++) {
        assert_in_interval(s1[j], s->s1_lo[j], s->s1_hi[j], 0.1, "S1", j);
        assert_in_interval(st[j], s->st_lo[j], s->st_hi[j], 0.1, "ST", j);
        assert_close(s->s1[j], s1[j], 0.03);
        assert_close(s->st[j], st[j], 0.03);
    }
    assert_true(brink_sobol_max_halfwidth(s, 0.1) < 0.05);
    brink_sobol_result_free(s);
}

static void test_sobol_g(void **state)
{
    (void)state;
    static const double a[8] = {0, 1, 4.5, 9, 99, 99, 99, 99};
    gfun g = {8, a};
    double s1[8], st[8];
    g_indices(&g, s1, st);
    brink_sobol_result *s = sobol_of(g_function, &g, 8, 8192);
    for (int j = 0; j < 8; j++) {
        assert_in_interval(s1[j], s->s1_lo[j], s->s1_hi[j], 0.1, "S1", j);
        assert_in_interval(st[j], s->st_lo[j], s->st_hi[j], 0.1, "ST", j);
    }
    brink_sobol_result_free(s);
}

/* 2d > 40: the base samples are pseudo-random uniforms, not Sobol points. */
static void test_sobol_g_many_dimensions(void **state)
{
    (void)state;
    double a[24];
    for (int j = 0; j < 24; j++)
        a[j] = j == 0 ? 0 : j == 1 ? 1 : 99;
    gfun g = {24, a};
    double s1[24], st[24];
    g_indices(&g, s1, st);
    brink_sobol_result *s = sobol_of(g_function, &g, 24, 4096);
    for (int j = 0; j < 24; j++) {
        assert_in_interval(s1[j], s->s1_lo[j], s->s1_hi[j], 0.15, "S1", j);
        assert_in_interval(st[j], s->st_lo[j], s->st_hi[j], 0.15, "ST", j);
    }
    brink_sobol_result_free(s);
}

/* A design grows by appending base samples; analyses repeat bit for bit. */
static void test_sobol_design_extends(void **state)
{
    (void)state;
    brink_error err;
    const int d = 5;
    size_t w = (size_t)(d + 2) * d;
    double *all = malloc(sizeof(double) * 64 * w), *tail = malloc(sizeof(double) * 32 * w);
    assert_int_equal(brink_saltelli_design(d, 0, 64, 1, all, &err), BRINK_OK);
    assert_int_equal(brink_saltelli_design(d, 32, 64, 1, tail, &err), BRINK_OK);
    assert_memory_equal(all + 32 * w, tail, sizeof(double) * 32 * w);
    /* A_i, AB_i^j and B_i */
    for (int j = 0; j < d; j++) {
        const double *A = all, *B = all + (size_t)(d + 1) * d, *AB = all + (size_t)(1 + j) * d;
        for (int k = 0; k < d; k++)
            assert_true(AB[k] == (k == j ? B[k] : A[k]));
    }
    free(all);
    free(tail);
    brink_sobol_result *a = sobol_of(ishigami, NULL, 3, 256), *b = sobol_of(ishigami, NULL, 3, 256);
    assert_memory_equal(a->st_lo, b->st_lo, sizeof(double) * 3);
    assert_memory_equal(a->s1_hi, b->s1_hi, sizeof(double) * 3);
    brink_sobol_result_free(a);
    brink_sobol_result_free(b);
}

static void test_sobol_errors(void **state)
{
    (void)state;
    brink_error err;
    brink_sobol_result *s = (brink_sobol_result *)&err;
    double y[15 * 5] = {0};
    assert_int_equal(brink_sobol_analyse(3, 15, y, 10, 0.95, 1, &s, &err), BRINK_ERR_INPUT);
    assert_null(s);
    assert_non_null(strstr(err.message, "at least 16"));
    assert_int_equal(brink_sobol_analyse(0, 64, y, 10, 0.95, 1, &s, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_sobol_analyse(3, 16, y, 10, 1.5, 1, &s, &err), BRINK_ERR_INPUT);
    /* a constant output has no indices */
    double z[16 * 5];
    for (int i = 0; i < 16 * 5; i++)
        z[i] = 3;
    assert_int_equal(brink_sobol_analyse(3, 16, z, 10, 0.95, 1, &s, &err), BRINK_OK);
    assert_true(isnan(s->st[0]));
    brink_sobol_result_free(s);
}

/* ---- Morris ---- */

static double linear(const double *u, void *ctx)
{
    (void)ctx;
    return 2 * u[0] - 3 * u[1] + 0 * u[2];
}

static void test_morris_linear_exact(void **state)
{
    (void)state;
    const int d = 3, r = 10;
    size_t rows = brink_morris_rows(d, r);
    double u[40 * 3], y[40];
    brink_error err;
    assert_int_equal(brink_morris_design(d, r, 4, 3, u, &err), BRINK_OK);
    for (size_t i = 0; i < rows * (size_t)d; i++)
        assert_true(u[i] >= 0 && u[i] <= 1);
    brink_explore_eval(linear, NULL, u, rows, d, y);
    brink_morris_result *m = NULL;
    assert_int_equal(brink_morris_analyse(d, r, u, y, 100, 0.95, 1, &m, &err), BRINK_OK);
    assert_close(m->mu[0], 2, 1e-9);
    assert_close(m->mu[1], -3, 1e-9);
    assert_close(m->mu_star[1], 3, 1e-9);
    assert_close(m->mu_star[2], 0, 1e-12);
    assert_close(m->sigma[0], 0, 1e-9);
    assert_close(m->mu_star_lo[0], 2, 1e-9);
    brink_morris_result_free(m);
}

static void test_morris_g_ranking(void **state)
{
    (void)state;
    static const double a[6] = {0, 1, 4.5, 9, 99, 99};
    gfun g = {6, a};
    const int d = 6, r = 100;
    size_t rows = brink_morris_rows(d, r);
    double *u = malloc(sizeof(double) * rows * d), *y = malloc(sizeof(double) * rows);
    brink_error err;
    assert_int_equal(brink_morris_design(d, r, 4, 11, u, &err), BRINK_OK);
    brink_explore_eval(g_function, &g, u, rows, d, y);
    brink_morris_result *m = NULL;
    assert_int_equal(brink_morris_analyse(d, r, u, y, 200, 0.95, 1, &m, &err), BRINK_OK);
    /* the importance falls with a_j: mu* in the same order */
    for (int j = 0; j + 1 < 4; j++)
        assert_true(m->mu_star[j] > m->mu_star[j + 1]);
    assert_true(m->mu_star[3] > m->mu_star[4]);
    assert_true(m->mu_star_lo[0] > m->mu_star_hi[4]);
    free(u);
    free(y);
    brink_morris_result_free(m);
}

static void test_morris_errors(void **state)
{
    (void)state;
    brink_error err;
    double u[16];
    assert_int_equal(brink_morris_design(3, 1, 4, 1, u, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_morris_design(3, 2, 3, 1, u, &err), BRINK_ERR_INPUT);
    /* not a trajectory: two coordinates move at once */
    double good[4] = {0, 0.5, 1, 0.5}, bad[8] = {0, 0, 1, 1, 0, 0, 1, 1}, y[4] = {0, 1, 2, 1};
    brink_morris_result *m = NULL;
    assert_int_equal(brink_morris_analyse(1, 2, good, y, 0, 0.95, 1, &m, &err), BRINK_OK);
    assert_close(m->mu[0], 2, 1e-12);
    brink_morris_result_free(m);
    assert_int_equal(brink_morris_analyse(2, 2, bad, y, 0, 0.95, 1, &m, &err), BRINK_ERR_INPUT);
    assert_null(m);
}

/* ---- PRIM ---- */

static void test_prim_known_box(void **state)
{
    (void)state;
    const int n = 3000, d = 4;
    double *x = malloc(sizeof(double) * n * d);
    unsigned char *y = malloc((size_t)n);
    brink_rng g;
    brink_rng_init(&g, 5, 0);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++)
            x[i * d + j] = brink_rng_u(&g, 0, (uint32_t)(i * d + j));
        int in = x[i * d] >= 0.2 && x[i * d] <= 0.6 && x[i * d + 1] >= 0.7;
        /* 3% of the labels are noise */
        if (brink_rng_u(&g, 1, (uint32_t)i) < 0.03)
            in = !in;
        y[i] = (unsigned char)in;
    }
    brink_prim_config cfg;
    brink_prim_config_init(&cfg);
    brink_prim_result *p = NULL;
    brink_error err;
    assert_int_equal(brink_prim_run(n, d, x, y, &cfg, &p, &err), BRINK_OK);
    assert_true(p->n_steps > 5);
    assert_close(p->step[0].coverage, 1, 1e-12);
    assert_close(p->step[0].density, p->base_density, 1e-12);
    /* the trajectory trades coverage for density */
    assert_true(p->step[p->chosen].density > 2 * p->base_density);
    assert_close(p->box.lo[0], 0.2, 0.05);
    assert_close(p->box.hi[0], 0.6, 0.05);
    assert_close(p->box.lo[1], 0.7, 0.05);
    assert_true(p->box.density > 0.85);
    assert_true(p->box.coverage > 0.7);
    assert_true(p->box.restricted[0] && p->box.restricted[1]);
    assert_true(p->p_value[0] < 1e-6 && p->p_value[1] < 1e-6);
    /* dimensions 2 and 3 do not matter: pruned */
    for (int j = 2; j < 4; j++) {
        assert_false(p->box.restricted[j]);
        assert_true(isnan(p->p_value[j]));
    }
    brink_prim_result_free(p);
    /* without pruning they may stay, but not significantly */
    cfg.prune_p = 1;
    assert_int_equal(brink_prim_run(n, d, x, y, &cfg, &p, &err), BRINK_OK);
    for (int j = 2; j < 4; j++)
        assert_true(!p->box.restricted[j] || p->p_value[j] > 0.01);
    brink_prim_result_free(p);
    free(x);
    free(y);
}

static void test_prim_errors(void **state)
{
    (void)state;
    brink_prim_config cfg;
    brink_prim_config_init(&cfg);
    brink_prim_result *p = NULL;
    brink_error err;
    double x[5] = {0};
    unsigned char y[5] = {0};
    assert_int_equal(brink_prim_run(5, 1, x, y, &cfg, &p, &err), BRINK_ERR_INPUT);
    cfg.peel_alpha = 0.7;
    assert_int_equal(brink_prim_run(5, 1, x, y, &cfg, &p, &err), BRINK_ERR_INPUT);
}

/* ---- Robust decisions ---- */

static void test_robust_regret(void **state)
{
    (void)state;
    /* 3 futures x 3 policies: P(deal) of each */
    const double y[9] = {0.5, 0.4, 0.1,
                         0.2, 0.3, 0.1,
                         0.1, 0.35, 0.6};
    brink_robust_result *r = NULL;
    brink_error err;
    assert_int_equal(brink_robust_analyse(3, 3, y, 1, 0.3, &r, &err), BRINK_OK);
    /* regrets: p0 (0, 0.1, 0.5), p1 (0.1, 0, 0.25), p2 (0.4, 0.2, 0) */
    assert_close(r->max_regret[0], 0.5, 1e-12);
    assert_close(r->max_regret[1], 0.25, 1e-12);
    assert_close(r->max_regret[2], 0.4, 1e-12);
    assert_int_equal(r->minimax, 1);
    assert_close(r->regret[2 * 3 + 0], 0.5, 1e-12);
    assert_close(r->share_meets[1], 1, 1e-12);
    assert_close(r->share_meets[0], 1.0 / 3, 1e-12);
    assert_int_equal(r->most_satisficing, 1);
    brink_robust_result_free(r);
    /* minimising (say P(war)): the lowest is best */
    assert_int_equal(brink_robust_analyse(3, 3, y, 0, 0.15, &r, &err), BRINK_OK);
    assert_close(r->max_regret[2], 0.5, 1e-12);
    assert_close(r->share_meets[2], 2.0 / 3, 1e-12);
    brink_robust_result_free(r);
    double bad[2] = {NAN, 1};
    assert_int_equal(brink_robust_analyse(1, 2, bad, 1, 0, &r, &err), BRINK_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sobol_ishigami),
        cmocka_unit_test(test_sobol_g),
        cmocka_unit_test(test_sobol_g_many_dimensions),
        cmocka_unit_test(test_sobol_design_extends),
        cmocka_unit_test(test_sobol_errors),
        cmocka_unit_test(test_morris_linear_exact),
        cmocka_unit_test(test_morris_g_ranking),
        cmocka_unit_test(test_morris_errors),
        cmocka_unit_test(test_prim_known_box),
        cmocka_unit_test(test_prim_errors),
        cmocka_unit_test(test_robust_regret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
