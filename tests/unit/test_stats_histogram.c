/* Histogram sketches and quantile fans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/hist_internal.h"
#include "brink/stats.h"
#include "stats_assert.h"

static const double QS[] = {0.05, 0.25, 0.5, 0.75, 0.95};
#define NQ (sizeof QS / sizeof QS[0])

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The ceil(q n)-th smallest value (the inverse of the empirical CDF). */
static double sample_quantile(const double *sorted, size_t n, double q)
{
    size_t k = (size_t)ceil(q * (double)n);
    return sorted[k == 0 ? 0 : k - 1];
}

static double *draw(size_t n, int kind, unsigned long seed)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    double *v = malloc(n * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++)
        v[i] = kind == 0   ? gsl_rng_uniform(rng)
               : kind == 1 ? gsl_ran_ugaussian(rng)
                           : exp(2.0 * gsl_ran_ugaussian(rng)); /* lognormal */
    gsl_rng_free(rng);
    return v;
}

/* Feeds v into a fresh histogram and checks every quantile against the exact
 * sample quantile (within one bin, as documented) and the theoretical one. */
static void check_against_sample(const brink_hist_spec *spec, double *v, size_t n,
                                 const double *theory, double theory_tol)
{
    brink_hist h;
    assert_int_equal(brink_hist_alloc(&h, spec, NULL), BRINK_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(brink_hist_add(&h, v[i], NULL), BRINK_OK);
    qsort(v, n, sizeof *v, cmp_double);
    for (size_t k = 0; k < NQ; k++) {
        brink_q_where where;
        double est = brink_hist_quantile(&h, QS[k], &where), exact = sample_quantile(v, n, QS[k]);
        assert_int_equal(where, BRINK_Q_RANGE);
        if (spec->scale == BRINK_SCALE_LINEAR) {
            double width = (spec->hi - spec->lo) / spec->bins;
            assert_close(est, exact, width * (1 + 1e-9));
            assert_close(est, theory[k], theory_tol);
        } else {
            double logwidth = log(spec->hi / spec->lo) / spec->bins;
            assert_close(log(est), log(exact), logwidth * (1 + 1e-9));
            assert_close(log(est), log(theory[k]), theory_tol);
        }
    }
    assert_true(brink_hist_quantile(&h, 0.0, NULL) == v[0]);
    assert_true(brink_hist_quantile(&h, 1.0, NULL) == v[n - 1]);
    brink_hist_free(&h);
}

static void test_uniform(void **state)
{
    (void)state;
    size_t n = 200000;
    double *v = draw(n, 0, 11);
    brink_hist_spec spec = {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 512};
    /* sampling error of a uniform quantile: sd <= 0.5/sqrt(n) ~ 0.0011 */
    check_against_sample(&spec, v, n, QS, 0.006);
    free(v);
}

static void test_normal(void **state)
{
    (void)state;
    size_t n = 200000;
    double *v = draw(n, 1, 12);
    double theory[NQ];
    for (size_t k = 0; k < NQ; k++)
        theory[k] = gsl_cdf_ugaussian_Pinv(QS[k]);
    brink_hist_spec spec = {.lo = -6, .hi = 6, .scale = BRINK_SCALE_LINEAR, .bins = 1024};
    check_against_sample(&spec, v, n, theory, 0.02);
    /* coarse bins still honour the one-bin bound */
    double *w = draw(n, 1, 12);
    spec.bins = 16;
    check_against_sample(&spec, w, n, theory, 0.75 + 0.02);
    free(v);
    free(w);
}

static void test_log_scale(void **state)
{
    (void)state;
    size_t n = 200000;
    double *v = draw(n, 2, 13);
    double theory[NQ];
    for (size_t k = 0; k < NQ; k++)
        theory[k] = exp(2.0 * gsl_cdf_ugaussian_Pinv(QS[k]));
    /* 1e-6 .. 1e6 in 1024 bins: each bin spans a factor 1.0136 */
    brink_hist_spec spec = {.lo = 1e-6, .hi = 1e6, .scale = BRINK_SCALE_LOG, .bins = 1024};
    check_against_sample(&spec, v, n, theory, 0.04); /* in log units */
    free(v);
}

static void test_out_of_range(void **state)
{
    (void)state;
    brink_hist h;
    brink_hist_spec spec = {.lo = 1, .hi = 100, .scale = BRINK_SCALE_LOG, .bins = 64};
    assert_int_equal(brink_hist_alloc(&h, &spec, NULL), BRINK_OK);
    /* 10 below (including 0 and negatives, which a log scale cannot bin),
     * 80 inside, 10 above; NaN and infinities only counted */
    for (int i = 0; i < 10; i++)
        brink_hist_add(&h, -5.0 + 0.5 * i, NULL); /* -5 .. -0.5 */
    for (int i = 0; i < 80; i++)
        brink_hist_add(&h, 1.0 + 99.0 * i / 79.0, NULL); /* 1 .. 100 inclusive */
    for (int i = 0; i < 10; i++)
        brink_hist_add(&h, 1000.0 * (i + 1), NULL); /* 1000 .. 10000 */
    brink_hist_add(&h, NAN, NULL);
    brink_hist_add(&h, INFINITY, NULL);
    brink_hist_add(&h, -INFINITY, NULL);
    assert_int_equal(h.under, 10);
    assert_int_equal(h.over, 10);
    assert_int_equal(h.moments.n, 100);
    assert_int_equal(h.moments.nonfinite, 3);
    assert_int_equal(h.counts[0], 1);             /* x = lo */
    assert_true(h.counts[spec.bins - 1] >= 1);    /* x = hi lands in the last bin */
    uint64_t inside = 0;
    for (uint32_t i = 0; i < spec.bins; i++)
        inside += h.counts[i];
    assert_int_equal(inside, 80);

    brink_q_where where;
    assert_true(brink_hist_quantile(&h, 0.0, &where) == -5.0);
    assert_int_equal(where, BRINK_Q_UNDER);
    assert_true(brink_hist_quantile(&h, 1.0, &where) == 10000.0);
    assert_int_equal(where, BRINK_Q_OVER);
    double x = brink_hist_quantile(&h, 0.05, &where);
    assert_int_equal(where, BRINK_Q_UNDER);
    assert_true(x >= -5.0 && x < 1.0);
    x = brink_hist_quantile(&h, 0.97, &where);
    assert_int_equal(where, BRINK_Q_OVER);
    assert_true(x > 100.0 && x <= 10000.0);
    x = brink_hist_quantile(&h, 0.5, &where);
    assert_int_equal(where, BRINK_Q_RANGE);
    assert_true(x >= 1.0 && x <= 100.0);
    assert_close(h.moments.min, -5.0, 0);
    brink_hist_free(&h);
}

static void test_degenerate_and_errors(void **state)
{
    (void)state;
    brink_hist h;
    brink_error err;
    brink_hist_spec spec = {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 100};
    assert_int_equal(brink_hist_alloc(&h, &spec, NULL), BRINK_OK);
    brink_q_where where;
    assert_true(isnan(brink_hist_quantile(&h, 0.5, &where)));
    assert_int_equal(where, BRINK_Q_EMPTY);
    for (int i = 0; i < 1000; i++)
        brink_hist_add(&h, 0.3337, NULL);
    for (size_t k = 0; k < NQ; k++)
        assert_true(brink_hist_quantile(&h, QS[k], NULL) == 0.3337); /* clamped to min = max */
    brink_hist_clear(&h);
    assert_int_equal(h.moments.n, 0);
    assert_int_equal(h.counts[33], 0);
    brink_hist_add(&h, 1.0, NULL);
    assert_int_equal(h.counts[99], 1);
    brink_hist_free(&h);

    brink_hist_spec bad[] = {
        {.lo = 1, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 10},
        {.lo = 0, .hi = INFINITY, .scale = BRINK_SCALE_LINEAR, .bins = 10},
        {.lo = 0, .hi = 10, .scale = BRINK_SCALE_LOG, .bins = 10},
        {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 0},
        {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = BRINK_HIST_MAX_BINS + 1},
        {.lo = 0, .hi = 1, .scale = (brink_scale)7, .bins = 10},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(brink_hist_alloc(&h, &bad[i], &err), BRINK_ERR_INPUT);
        assert_null(h.counts);
    }

    brink_hist a, b;
    brink_hist_alloc(&a, &spec, NULL);
    spec.bins = 101;
    brink_hist_alloc(&b, &spec, NULL);
    assert_int_equal(brink_hist_merge(&a, &b, &err), BRINK_ERR_INPUT);
    brink_hist_free(&a);
    brink_hist_free(&b);
}

/* A full sketch (2^32 - 1 values): brink_hist_add refuses a finite value
 * and changes nothing, a path added to a fan in columns drops it, both still
 * count a non-finite one, and a merge past the limit is refused. */
static void test_full(void **state)
{
    (void)state;
    brink_hist_spec spec = {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 10};
    brink_hist h, one;
    brink_error err;
    assert_int_equal(brink_hist_alloc(&h, &spec, NULL), BRINK_OK);
    assert_int_equal(brink_hist_alloc(&one, &spec, NULL), BRINK_OK);
    assert_int_equal(brink_hist_add(&h, 0.5, NULL), BRINK_OK);
    assert_int_equal(brink_hist_add(&one, 0.5, NULL), BRINK_OK);
    h.moments.n = UINT32_MAX;
    brink_error_clear(&err);
    const double in_range = 0.25, below = -1, above = 2;
    assert_int_equal(brink_hist_add(&h, in_range, &err), BRINK_ERR_RUNTIME);
    assert_int_equal(err.code, BRINK_ERR_RUNTIME);
    assert_int_equal(brink_hist_add(&h, below, NULL), BRINK_ERR_RUNTIME);
    assert_int_equal(brink_hist_add(&h, NAN, NULL), BRINK_OK);
    /* a path over a fan's full cells drops the finite values, counts the
     * others */
    brink_fan fan;
    brink_fan_columns col;
    assert_int_equal(brink_fan_alloc(&fan, &spec, 1, 3, NULL), BRINK_OK);
    assert_int_equal(brink_fan_columns_init_(&col, 3, NULL), BRINK_OK);
    for (uint32_t t = 0; t < 3; t++) {
        assert_int_equal(brink_fan_add(&fan, 0, t, 0.5, NULL), BRINK_OK);
        fan.cells[t].moments.n = UINT32_MAX;
    }
    const double path[] = {in_range, above, INFINITY};
    uint32_t bin[16], months = 3;
    brink_fan_columns_load_(&col, &fan, 0);
    brink_fan_columns_add_(&col, path, path, 3, bin);
    brink_fan_columns_count_(&col, bin, &months, 1);
    brink_fan_columns_store_(&col, &fan, 0);
    for (uint32_t t = 0; t < 3; t++) {
        const brink_hist *c = &fan.cells[t];
        assert_true(c->moments.n == UINT32_MAX);
        assert_int_equal(c->moments.nonfinite, t == 2 ? 1 : 0);
        assert_int_equal(c->under + c->over, 0);
        assert_true(c->moments.mean == 0.5 && c->moments.max == 0.5);
        for (uint32_t i = 0; i < spec.bins; i++)
            assert_int_equal(c->counts[i], i == 5 ? 1 : 0);
    }
    brink_fan_columns_release_(&col);
    brink_fan_free(&fan);
    assert_int_equal(h.moments.nonfinite, 1);
    assert_int_equal(h.under + h.over, 0);
    for (uint32_t i = 0; i < spec.bins; i++)
        assert_int_equal(h.counts[i], i == 5 ? 1 : 0);
    assert_true(h.moments.mean == 0.5 && h.moments.max == 0.5);
    assert_int_equal(brink_hist_merge(&h, &one, &err), BRINK_ERR_RUNTIME);
    assert_int_equal(h.counts[5], 1);
    brink_hist_free(&h);
    brink_hist_free(&one);
}

/* Two halves merged equal one histogram fed everything: identical counts,
 * identical extremes and so bitwise identical quantiles. */
static void test_merge_halves(void **state)
{
    (void)state;
    size_t n = 50001;
    double *v = draw(n, 2, 14);
    brink_hist_spec spec = {.lo = 0.01, .hi = 50, .scale = BRINK_SCALE_LOG, .bins = 777};
    brink_hist all, left, right;
    brink_hist_alloc(&all, &spec, NULL);
    brink_hist_alloc(&left, &spec, NULL);
    brink_hist_alloc(&right, &spec, NULL);
    for (size_t i = 0; i < n; i++) {
        brink_hist_add(&all, v[i], NULL);
        brink_hist_add(i < n / 3 ? &left : &right, v[i], NULL);
    }
    assert_true(all.under > 0 && all.over > 0);
    assert_int_equal(brink_hist_merge(&left, &right, NULL), BRINK_OK);
    assert_memory_equal(left.counts, all.counts, spec.bins * sizeof *all.counts);
    assert_int_equal(left.under, all.under);
    assert_int_equal(left.over, all.over);
    assert_int_equal(left.moments.n, all.moments.n);
    assert_true(left.moments.min == all.moments.min && left.moments.max == all.moments.max);
    for (int k = 0; k <= 100; k++) {
        double q = k / 100.0;
        assert_true(brink_hist_quantile(&left, q, NULL) == brink_hist_quantile(&all, q, NULL));
    }
    brink_hist_free(&all);
    brink_hist_free(&left);
    brink_hist_free(&right);
    free(v);
}

/* A fan accumulated in chunks of 64 runs and merged in chunk order equals the
 * fan fed every run, whatever the grouping of chunks. */
static void test_fan(void **state)
{
    (void)state;
    const brink_hist_spec specs[] = {
        {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 256},        /* a share */
        {.lo = 0.1, .hi = 1e4, .scale = BRINK_SCALE_LOG, .bins = 512},       /* exchange rate */
        {.lo = -50, .hi = 500, .scale = BRINK_SCALE_LINEAR, .bins = 128},    /* inflation */
    };
    const uint32_t nv = 3, months = 24, runs = 1000, chunk = 64;
    brink_fan all, total, part;
    brink_error err;
    assert_int_equal(brink_fan_alloc(&all, specs, nv, months, NULL), BRINK_OK);
    assert_int_equal(brink_fan_alloc(&total, specs, nv, months, NULL), BRINK_OK);
    assert_int_equal(brink_fan_alloc(&part, specs, nv, months, NULL), BRINK_OK);
    assert_int_equal(all.nbins, (size_t)(256 + 512 + 128) * months);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    for (uint32_t first = 0; first < runs; first += chunk) {
        brink_fan_clear(&part);
        for (uint32_t r = first; r < first + chunk && r < runs; r++) {
            gsl_rng_set(rng, 1000 + r); /* one stream per run */
            double rate = 1.0, share = 0.5;
            for (uint32_t t = 0; t < months; t++) {
                share = fmin(1.0, fmax(0.0, share + 0.05 * gsl_ran_ugaussian(rng)));
                rate *= exp(0.2 * gsl_ran_ugaussian(rng));
                double infl = 30.0 * log(rate) + 10.0 * gsl_ran_ugaussian(rng);
                const double x[] = {share, rate, infl};
                for (uint32_t v = 0; v < nv; v++) {
                    assert_int_equal(brink_fan_add(&part, v, t, x[v], NULL), BRINK_OK);
                    assert_int_equal(brink_fan_add(&all, v, t, x[v], NULL), BRINK_OK);
                }
            }
        }
        assert_int_equal(brink_fan_merge(&total, &part, NULL), BRINK_OK);
    }
    gsl_rng_free(rng);
    assert_memory_equal(total.block, all.block, all.nbins * sizeof *all.block);
    double qa[24 * NQ], qb[24 * NQ];
    for (uint32_t v = 0; v < nv; v++) {
        assert_int_equal(brink_fan_quantiles(&total, v, QS, NQ, qa, NULL), BRINK_OK);
        assert_int_equal(brink_fan_quantiles(&all, v, QS, NQ, qb, NULL), BRINK_OK);
        assert_memory_equal(qa, qb, sizeof qa);
        for (uint32_t t = 0; t < months; t++)
            for (size_t k = 1; k < NQ; k++)
                assert_true(qa[t * NQ + k - 1] <= qa[t * NQ + k]);
        const brink_hist *c = brink_fan_cell_const(&total, v, months - 1);
        assert_int_equal(c->moments.n, runs);
    }
    assert_null(brink_fan_cell(&total, nv, 0));
    assert_null(brink_fan_cell(&total, 0, months));
    assert_int_equal(brink_fan_add(&total, 0, months, 0.5, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_fan_quantiles(&total, nv, QS, NQ, qa, &err), BRINK_ERR_INPUT);

    brink_fan other;
    assert_int_equal(brink_fan_alloc(&other, specs, 2, months, NULL), BRINK_OK);
    assert_int_equal(brink_fan_merge(&total, &other, &err), BRINK_ERR_INPUT);
    brink_fan_free(&other);
    brink_hist_spec bad = specs[1];
    bad.lo = -1;
    const brink_hist_spec bads[] = {specs[0], bad};
    assert_int_equal(brink_fan_alloc(&other, bads, 2, months, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_fan_alloc(&other, specs, 0, months, &err), BRINK_ERR_INPUT);
    assert_int_equal(brink_fan_alloc(&other, specs, 1, 0, &err), BRINK_ERR_INPUT);

    brink_fan_free(&all);
    brink_fan_free(&total);
    brink_fan_free(&part);
    assert_null(all.block);
}

/* ---- Bins in use: clear and merge touch only the bins a histogram used --- */

static const brink_hist_spec USED_SPECS[] = {
    {.lo = 0, .hi = 1, .scale = BRINK_SCALE_LINEAR, .bins = 200},
    {.lo = 0.1, .hi = 1e6, .scale = BRINK_SCALE_LOG, .bins = 300},
    {.lo = -0.5, .hi = 1e9, .scale = BRINK_SCALE_LOG1P, .bins = 400},
};

/* n values spread over [a, b] of spec's range (as a share of its bins). */
static void feed_band(brink_hist *h, const brink_hist_spec *spec, double a, double b, int n)
{
    for (int i = 0; i < n; i++) {
        double u = a + (b - a) * i / (n - 1.0);
        double x = spec->scale == BRINK_SCALE_LOG     ? spec->lo * pow(spec->hi / spec->lo, u)
                   : spec->scale == BRINK_SCALE_LOG1P ? expm1(log1p(spec->lo) +
                                                              u * (log1p(spec->hi) -
                                                                   log1p(spec->lo)))
                                                      : spec->lo + u * (spec->hi - spec->lo);
        assert_int_equal(brink_hist_add(h, x, NULL), BRINK_OK);
    }
}

static int all_zero(const brink_hist *h)
{
    for (uint32_t i = 0; i < h->spec.bins; i++)
        if (h->counts[i])
            return 0;
    return 1;
}

/* Clearing after values in one band and refilling in another, merging bands
 * that overlap, lie apart or are empty, and finding the bins in use after a
 * direct write: each gives the counts of the plain whole-array computation. */
static void test_used_bins(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof USED_SPECS / sizeof USED_SPECS[0]; s++) {
        const brink_hist_spec *spec = &USED_SPECS[s];
        const uint32_t B = spec->bins;
        brink_hist h, fresh, dst, src;
        assert_int_equal(brink_hist_alloc(&h, spec, NULL), BRINK_OK);
        assert_int_equal(brink_hist_alloc(&fresh, spec, NULL), BRINK_OK);
        assert_int_equal(brink_hist_alloc(&dst, spec, NULL), BRINK_OK);
        assert_int_equal(brink_hist_alloc(&src, spec, NULL), BRINK_OK);

        /* a low band, cleared, then a high band: the low bins are zero again */
        feed_band(&h, spec, 0.05, 0.2, 300);
        assert_false(all_zero(&h));
        brink_hist_clear(&h);
        assert_true(all_zero(&h));
        feed_band(&h, spec, 0.6, 0.9, 300);
        feed_band(&fresh, spec, 0.6, 0.9, 300);
        assert_memory_equal(h.counts, fresh.counts, B * sizeof *h.counts);
        brink_hist_clear(&h);
        assert_true(all_zero(&h));

        /* both ends of the range, hi itself in the last bin */
        assert_int_equal(brink_hist_add(&h, spec->lo, NULL), BRINK_OK);
        assert_int_equal(brink_hist_add(&h, spec->hi, NULL), BRINK_OK);
        assert_int_equal(h.counts[0], 1);
        assert_int_equal(h.counts[B - 1], 1);
        brink_hist_clear(&h);
        assert_true(all_zero(&h));

        /* merges: into empty, of empty, of a band apart, of an overlapping band */
        uint32_t *want = calloc(B, sizeof *want);
        assert_non_null(want);
        const double bands[][2] = {{0.4, 0.5}, {-1, -1}, {0.1, 0.15}, {0.45, 0.8}, {0.95, 1}};
        for (size_t k = 0; k < sizeof bands / sizeof bands[0]; k++) {
            brink_hist_clear(&src);
            if (bands[k][0] >= 0)
                feed_band(&src, spec, bands[k][0], bands[k][1], 97);
            for (uint32_t i = 0; i < B; i++)
                want[i] += src.counts[i];
            assert_int_equal(brink_hist_merge(&dst, &src, NULL), BRINK_OK);
            assert_memory_equal(dst.counts, want, B * sizeof *want);
        }
        brink_hist_clear(&dst);
        assert_true(all_zero(&dst));

        /* counts written directly, then the bins in use found again */
        memset(want, 0, B * sizeof *want);
        want[3] = 7;
        want[B - 2] = 1;
        memcpy(h.counts, want, B * sizeof *want);
        brink_hist_rescan_(&h);
        assert_int_equal(brink_hist_merge(&dst, &h, NULL), BRINK_OK);
        assert_memory_equal(dst.counts, want, B * sizeof *want);
        brink_hist_clear(&h);
        brink_hist_clear(&dst);
        assert_true(all_zero(&h) && all_zero(&dst));

        free(want);
        brink_hist_free(&h);
        brink_hist_free(&fresh);
        brink_hist_free(&dst);
        brink_hist_free(&src);
    }
}

static void assert_same_hist(const brink_hist *a, const brink_hist *b)
{
    assert_memory_equal(a->counts, b->counts, a->spec.bins * sizeof *a->counts);
    assert_int_equal(a->under, b->under);
    assert_int_equal(a->over, b->over);
    assert_int_equal(a->moments.n, b->moments.n);
    assert_int_equal(a->moments.nonfinite, b->moments.nonfinite);
    /* bitwise: the same operations in the same order */
    assert_memory_equal(&a->moments.mean, &b->moments.mean, sizeof(double));
    assert_memory_equal(&a->moments.m2, &b->moments.m2, sizeof(double));
    assert_memory_equal(&a->moments.min, &b->moments.min, sizeof(double));
    assert_memory_equal(&a->moments.max, &b->moments.max, sizeof(double));
}

/* Runs' paths added to a fan in columns (brink_fan_columns_*) give the bits
 * of brink_hist_add on each cell: values in range, at its ends, beyond it,
 * and not finite, paths of every length (whole vectors of months and
 * parts), batches of paths counted together, cells that held values
 * before; months past a path untouched. */
static void test_add_path(void **state)
{
    (void)state;
    enum { MONTHS = 41, RUNS = 90, BATCH = 7 };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 77);
    size_t row = brink_fan_columns_row_(MONTHS);
    assert_true(row >= MONTHS);
    uint32_t *bin = malloc(BATCH * row * sizeof *bin);
    assert_non_null(bin);
    for (size_t s = 0; s < sizeof USED_SPECS / sizeof USED_SPECS[0]; s++) {
        const brink_hist_spec *spec = &USED_SPECS[s], specs[2] = {*spec, *spec};
        brink_fan path, one;
        brink_fan_columns col;
        assert_int_equal(brink_fan_alloc(&path, specs, 2, MONTHS, NULL), BRINK_OK);
        assert_int_equal(brink_fan_alloc(&one, specs, 2, MONTHS, NULL), BRINK_OK);
        assert_int_equal(brink_fan_columns_init_(&col, MONTHS, NULL), BRINK_OK);
        /* variable 0 held values before; variable 1 stays as it is */
        for (uint32_t t = 0; t < MONTHS; t++) {
            double x = spec->lo + (spec->hi - spec->lo) * (t % 5) / 7.0;
            assert_int_equal(brink_fan_add(&path, 0, t, x, NULL), BRINK_OK);
            assert_int_equal(brink_fan_add(&one, 0, t, x, NULL), BRINK_OK);
        }
        brink_fan_columns_load_(&col, &path, 0);
        uint32_t months[BATCH];
        for (int r0 = 0; r0 < RUNS; r0 += BATCH) {
            int nb = RUNS - r0 < BATCH ? RUNS - r0 : BATCH;
            for (int k = 0; k < nb; k++) {
                int r = r0 + k;
                double x[MONTHS], image[MONTHS];
                uint32_t n = (uint32_t)(r % MONTHS) + 1;
                for (uint32_t t = 0; t < n; t++) {
                    double u = gsl_rng_uniform(rng);
                    x[t] = spec->scale == BRINK_SCALE_LINEAR ? -0.2 + 1.4 * u
                                                             : exp(-4 + 30 * u); /* both ends */
                }
                const double odd[] = {NAN, INFINITY, -INFINITY, spec->lo, spec->hi, -2.0, 0.0};
                uint32_t at = (uint32_t)(r % 7);
                x[at < n ? at : 0] = odd[r % 7];
                /* the images given by the caller: the same as those taken */
                for (uint32_t t = 0; t < n; t++) {
                    image[t] = spec->scale == BRINK_SCALE_LOG     ? log(x[t])
                               : spec->scale == BRINK_SCALE_LOG1P ? log1p(x[t])
                                                                  : x[t];
                    assert_int_equal(brink_fan_add(&one, 0, t, x[t], NULL), BRINK_OK);
                }
                brink_fan_columns_add_(&col, x, image, n, bin + (size_t)k * row);
                months[k] = n;
            }
            brink_fan_columns_count_(&col, bin, months, (size_t)nb);
        }
        brink_fan_columns_store_(&col, &path, 0);
        for (uint32_t v = 0; v < 2; v++)
            for (uint32_t t = 0; t < MONTHS; t++) {
                const brink_hist *a = brink_fan_cell_const(&path, v, t);
                const brink_hist *b = brink_fan_cell_const(&one, v, t);
                assert_same_hist(a, b);
                /* the same bins in use: clear and merge touch those */
                assert_int_equal(a->used_lo_, b->used_lo_);
                assert_int_equal(a->used_hi_, b->used_hi_);
            }
        const brink_hist *first = brink_fan_cell_const(&path, 0, 0);
        assert_true(first->moments.nonfinite > 0 && first->under > 0 && first->over > 0);
        /* the bins in use are found as brink_hist_add finds them: a merge
         * into an empty fan copies every count */
        brink_fan copy;
        assert_int_equal(brink_fan_alloc(&copy, specs, 2, MONTHS, NULL), BRINK_OK);
        assert_int_equal(brink_fan_merge(&copy, &path, NULL), BRINK_OK);
        for (uint32_t t = 0; t < MONTHS; t++)
            assert_same_hist(brink_fan_cell_const(&copy, 0, t), brink_fan_cell_const(&one, 0, t));
        brink_fan_free(&copy);
        /* an empty path changes nothing */
        brink_fan_columns_load_(&col, &path, 0);
        uint32_t none = 0;
        brink_fan_columns_add_(&col, NULL, NULL, 0, bin);
        brink_fan_columns_count_(&col, bin, &none, 1);
        brink_fan_columns_store_(&col, &path, 0);
        assert_same_hist(&path.cells[0], &one.cells[0]);
        brink_fan_clear(&path);
        for (uint32_t t = 0; t < MONTHS; t++)
            assert_true(all_zero(&path.cells[t]) && path.cells[t].moments.n == 0);
        brink_fan_columns_release_(&col);
        brink_fan_free(&path);
        brink_fan_free(&one);
    }
    free(bin);
    gsl_rng_free(rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uniform),         cmocka_unit_test(test_normal),
        cmocka_unit_test(test_log_scale),       cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_degenerate_and_errors), cmocka_unit_test(test_merge_halves),
        cmocka_unit_test(test_fan),             cmocka_unit_test(test_used_bins),
        cmocka_unit_test(test_add_path),        cmocka_unit_test(test_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
