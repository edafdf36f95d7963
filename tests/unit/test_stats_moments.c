/* Running moments and the determinism of chunked accumulation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#include "brink/stats.h"
#include "stats_assert.h"

#define CHUNK 1024

/* Cost totals: heavy-tailed, large offset (stresses cancellation). */
static double *costs(size_t n)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 2025);
    double *v = malloc(n * sizeof *v);
    assert_non_null(v);
    for (size_t i = 0; i < n; i++)
        v[i] = 1e9 + 1e6 * gsl_ran_lognormal(rng, 0.0, 1.0);
    gsl_rng_free(rng);
    return v;
}

static void test_welford(void **state)
{
    (void)state;
    size_t n = 30000;
    double *v = costs(n);
    brink_moments m;
    brink_moments_init(&m);
    for (size_t i = 0; i < n; i++)
        brink_moments_add(&m, v[i]);
    /* two-pass reference in long double */
    long double sum = 0, ss = 0;
    double mn = v[0], mx = v[0];
    for (size_t i = 0; i < n; i++) {
        sum += v[i];
        mn = fmin(mn, v[i]);
        mx = fmax(mx, v[i]);
    }
    long double mean = sum / (long double)n;
    for (size_t i = 0; i < n; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    double var = (double)(ss / (long double)(n - 1));
    assert_int_equal(m.n, n);
    assert_close(brink_moments_mean(&m), (double)mean, 1e-13 * (double)mean);
    assert_close(brink_moments_variance(&m), var, 1e-9 * var);
    assert_close(brink_moments_sd(&m), sqrt(var), 1e-9 * sqrt(var));
    assert_true(m.min == mn && m.max == mx);

    double lo, hi;
    assert_int_equal(brink_moments_mean_interval(&m, 0.95, &lo, &hi, NULL), BRINK_OK);
    assert_close(hi - lo, 2 * 1.96 * sqrt(var / (double)n), 1e-3 * sqrt(var / (double)n));
    brink_error err;
    assert_int_equal(brink_moments_mean_interval(&m, 1.0, &lo, &hi, &err), BRINK_ERR_INPUT);
    free(v);

    brink_moments e;
    brink_moments_init(&e);
    assert_true(isnan(brink_moments_mean(&e)) && isnan(brink_moments_variance(&e)));
    brink_moments_add(&e, NAN);
    brink_moments_add(&e, -INFINITY);
    brink_moments_add(&e, 4.0);
    assert_int_equal(e.n, 1);
    assert_int_equal(e.nonfinite, 2);
    assert_true(brink_moments_mean(&e) == 4.0 && isnan(brink_moments_variance(&e)));
    assert_int_equal(brink_moments_mean_interval(&e, 0.95, &lo, &hi, NULL), BRINK_OK);
    assert_true(isnan(lo) && isnan(hi));
    brink_moments_release(&e);
}

static void test_merge_edges(void **state)
{
    (void)state;
    brink_moments a, empty;
    brink_moments_init(&a);
    brink_moments_init(&empty);
    for (int i = 0; i < 10; i++)
        brink_moments_add(&a, 0.1 * i * i);
    brink_moments_add(&empty, NAN); /* no finite value, one non-finite */
    /* empty into a: unchanged but for the non-finite count */
    brink_moments b = a;
    brink_moments_merge(&b, &empty);
    assert_true(b.mean == a.mean && b.m2 == a.m2 && b.n == a.n && b.nonfinite == 1);
    /* a into empty: exact copy */
    brink_moments c;
    brink_moments_init(&c);
    brink_moments_merge(&c, &a);
    assert_memory_equal(&c, &a, sizeof a);
    /* merge of two parts is close to sequential (not bitwise: order differs) */
    brink_moments p, q;
    brink_moments_init(&p);
    brink_moments_init(&q);
    for (int i = 0; i < 10; i++)
        brink_moments_add(i < 4 ? &p : &q, 0.1 * i * i);
    brink_moments_merge(&p, &q);
    assert_int_equal(p.n, 10);
    assert_close(p.mean, a.mean, 1e-14);
    assert_close(p.m2, a.m2, 1e-12);
    assert_true(p.min == 0.0 && p.max == a.max);
}

/* The ensemble driver's scheme: runs split into fixed chunks of CHUNK, each
 * chunk accumulated in run order into a fresh accumulator, chunks merged in
 * chunk order. `threads` workers take chunks round-robin and, to make the
 * point, each processes its chunks last to first. The final accumulator must
 * not depend on the number of workers. */
typedef struct {
    brink_moments cost;
    brink_paired_mean paired;
    brink_hist hist;
    brink_km km;
} accum;

static const brink_hist_spec SPEC = {.lo = 1e9, .hi = 1.1e9, .scale = BRINK_SCALE_LINEAR,
                                     .bins = 300};

static void accum_init(accum *a)
{
    brink_moments_init(&a->cost);
    brink_paired_mean_init(&a->paired);
    assert_int_equal(brink_hist_alloc(&a->hist, &SPEC, NULL), BRINK_OK);
    assert_int_equal(brink_km_init(&a->km, 120, NULL), BRINK_OK);
}

static void accum_run(accum *a, const double *v, size_t r)
{
    brink_moments_add(&a->cost, v[r]);
    brink_paired_mean_add(&a->paired, v[r], v[r] * 0.97 + 1e5);
    brink_hist_add(&a->hist, v[r], NULL);
    brink_km_add(&a->km, (uint32_t)(r % 120) + 1, r % 3 == 0, NULL);
}

static void accum_merge(accum *dst, const accum *src)
{
    brink_moments_merge(&dst->cost, &src->cost);
    brink_paired_mean_merge(&dst->paired, &src->paired);
    assert_int_equal(brink_hist_merge(&dst->hist, &src->hist, NULL), BRINK_OK);
    assert_int_equal(brink_km_merge(&dst->km, &src->km, NULL), BRINK_OK);
}

static void ensemble(const double *v, size_t n, unsigned threads, accum *out)
{
    size_t nchunks = (n + CHUNK - 1) / CHUNK;
    accum *chunks = calloc(nchunks, sizeof *chunks);
    assert_non_null(chunks);
    for (unsigned w = 0; w < threads; w++) {
        if (w >= nchunks)
            break;
        size_t mine = (nchunks - 1 - w) / threads + 1; /* chunks w, w + threads, ... */
        for (size_t k = mine; k-- > 0;) {              /* last first */
            size_t c = w + k * threads;
            accum_init(&chunks[c]);
            size_t end = (c + 1) * CHUNK < n ? (c + 1) * CHUNK : n;
            for (size_t r = c * CHUNK; r < end; r++)
                accum_run(&chunks[c], v, r);
        }
    }
    accum_init(out);
    for (size_t c = 0; c < nchunks; c++) {
        accum_merge(out, &chunks[c]);
        brink_hist_free(&chunks[c].hist);
    }
    free(chunks);
}

static void test_chunked_determinism(void **state)
{
    (void)state;
    size_t n = 20 * CHUNK + 333; /* a partial last chunk */
    double *v = costs(n);
    accum ref;
    ensemble(v, n, 1, &ref);
    static const unsigned threads[] = {2, 3, 4, 7, 16, 64};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        accum a;
        ensemble(v, n, threads[i], &a);
        assert_memory_equal(&a.cost, &ref.cost, sizeof a.cost);
        assert_memory_equal(&a.paired, &ref.paired, sizeof a.paired);
        assert_memory_equal(&a.km, &ref.km, sizeof a.km);
        assert_memory_equal(a.hist.counts, ref.hist.counts, SPEC.bins * sizeof *a.hist.counts);
        assert_memory_equal(&a.hist.moments, &ref.hist.moments, sizeof a.hist.moments);
        double lo1, hi1, lo2, hi2, d1, d2;
        brink_paired_mean_diff(&a.paired, 0.95, &d1, &lo1, &hi1, NULL);
        brink_paired_mean_diff(&ref.paired, 0.95, &d2, &lo2, &hi2, NULL);
        assert_memory_equal(&d1, &d2, sizeof d1);
        assert_memory_equal(&lo1, &lo2, sizeof lo1);
        assert_memory_equal(&hi1, &hi2, sizeof hi1);
        brink_hist_free(&a.hist);
    }
    /* and the chunked result is statistically the sequential one */
    brink_moments seq;
    brink_moments_init(&seq);
    for (size_t r = 0; r < n; r++)
        brink_moments_add(&seq, v[r]);
    assert_int_equal(ref.cost.n, n);
    assert_close(ref.cost.mean, seq.mean, 1e-13 * seq.mean);
    assert_close(ref.cost.m2, seq.m2, 1e-9 * seq.m2);
    brink_hist_free(&ref.hist);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welford),
        cmocka_unit_test(test_merge_edges),
        cmocka_unit_test(test_chunked_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
