/* Global sensitivity: Morris elementary effects and Sobol indices with
 * bootstrap intervals (include/brink/explore.h, docs/exploration.md). */
#include "brink/explore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "core/rng.h"
#include "explore/design.h"
#include "explore/explore_internal.h"

void brink_explore_eval(brink_explore_fn f, void *ctx, const double *x, size_t rows, int d,
                        double *y)
{
    for (size_t i = 0; i < rows; i++)
        y[i] = f(x + i * (size_t)d, ctx);
}

static brink_status check_dim(int d, brink_error *err)
{
    if (d < 1 || d > BRINK_EXPLORE_MAX_DIM)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d dimensions (allowed 1 to %d)", d, BRINK_EXPLORE_MAX_DIM);
    return BRINK_OK;
}

static brink_status check_boot(int nboot, double level, brink_error *err)
{
    if (nboot < 0 || nboot > BRINK_EXPLORE_MAX_BOOT)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d bootstrap resamples (allowed 0 to %d)", nboot,
                               BRINK_EXPLORE_MAX_BOOT);
    if (nboot > 0 && !(level > 0 && level < 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "interval level %g (allowed strictly between 0 and 1)", level);
    return BRINK_OK;
}

brink_status brink_explore_oom(brink_error *err)
{
    return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
}

/* Resample b's choice of item k out of n (with replacement). */
static int boot_pick(uint64_t seed, int b, int k, int n)
{
    brink_rng r;
    brink_rng_init(&r, seed, BRINK_BOOT_STREAM + (uint64_t)b);
    int i = (int)(brink_rng_u(&r, 5, (uint32_t)k) * n);
    return i < n ? i : n - 1;
}

/* The percentile interval of v[0..nb-1] (sorted in place). */
static void percentile(double *v, int nb, double level, double *lo, double *hi)
{
    if (nb <= 0) {
        *lo = *hi = NAN;
        return;
    }
    gsl_sort(v, 1, (size_t)nb);
    *lo = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)nb, (1.0 - level) / 2.0);
    *hi = gsl_stats_quantile_from_sorted_data(v, 1, (size_t)nb, (1.0 + level) / 2.0);
}

/* ---- Morris --------------------------------------------------------------- */

size_t brink_morris_rows(int d, int r)
{
    return (size_t)r * (size_t)(d + 1);
}

brink_status brink_morris_design(int d, int r, int levels, uint64_t seed, double *u,
                                 brink_error *err)
{
    brink_status st = check_dim(d, err);
    if (st != BRINK_OK)
        return st;
    if (r < BRINK_MORRIS_MIN_TRAJECTORIES || r > 1000000)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d trajectories (allowed %d to 1000000)", r,
                               BRINK_MORRIS_MIN_TRAJECTORIES);
    if (levels < 2 || levels > 1000 || levels % 2 != 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d levels (allowed an even number from 2 to 1000)", levels);
    const double delta = levels / (2.0 * (levels - 1));
    int *order = malloc(sizeof(int) * (size_t)d);
    if (!order)
        return brink_explore_oom(err);
    for (int t = 0; t < r; t++) {
        brink_rng g;
        brink_rng_init(&g, seed, BRINK_MORRIS_STREAM + (uint64_t)t);
        double *row = u + (size_t)t * (size_t)(d + 1) * (size_t)d;
        int half = levels / 2;
        for (int j = 0; j < d; j++) {
            int lv = (int)(brink_rng_u(&g, 6, (uint32_t)j) * half);
            double x = (lv < half ? lv : half - 1) / (double)(levels - 1);
            int up = brink_rng_u(&g, 6, (uint32_t)(d + j)) < 0.5;
            row[j] = up ? x : x + delta;
            order[j] = j;
        }
        for (int j = d - 1; j > 0; j--) {
            int k = (int)(brink_rng_u(&g, 6, (uint32_t)(2 * d + j)) * (j + 1));
            k = k > j ? j : k;
            int tmp = order[j];
            order[j] = order[k];
            order[k] = tmp;
        }
        for (int m = 0; m < d; m++) {
            double *next = row + (size_t)d;
            memcpy(next, row, sizeof(double) * (size_t)d);
            int j = order[m];
            /* a coordinate at its upper start moves down, else up */
            next[j] = row[j] + delta <= 1.0 + 1e-12 ? row[j] + delta : row[j] - delta;
            row = next;
        }
    }
    free(order);
    return BRINK_OK;
}

void brink_morris_result_free(brink_morris_result *m)
{
    if (!m)
        return;
    free(m->mu);
    free(m->mu_star);
    free(m->sigma);
    free(m->mu_star_lo);
    free(m->mu_star_hi);
    free(m);
}

brink_status brink_morris_analyse(int d, int r, const double *u, const double *y, int nboot,
                                  double level, uint64_t seed, brink_morris_result **out,
                                  brink_error *err)
{
    *out = NULL;
    brink_status st = check_dim(d, err);
    if (st == BRINK_OK)
        st = check_boot(nboot, level, err);
    if (st != BRINK_OK)
        return st;
    if (r < BRINK_MORRIS_MIN_TRAJECTORIES)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d trajectories: the elementary effects need at least %d", r,
                               BRINK_MORRIS_MIN_TRAJECTORIES);
    brink_morris_result *m = calloc(1, sizeof *m);
    double *ee = malloc(sizeof(double) * (size_t)r * (size_t)d);
    double *bv = malloc(sizeof(double) * (size_t)(nboot > 0 ? nboot : 1));
    if (m) {
        m->d = d;
        m->r = r;
        m->mu = calloc((size_t)d, sizeof(double));
        m->mu_star = calloc((size_t)d, sizeof(double));
        m->sigma = calloc((size_t)d, sizeof(double));
        m->mu_star_lo = calloc((size_t)d, sizeof(double));
        m->mu_star_hi = calloc((size_t)d, sizeof(double));
    }
    if (!m || !ee || !bv || !m->mu || !m->mu_star || !m->sigma || !m->mu_star_lo ||
        !m->mu_star_hi) {
        free(ee);
        free(bv);
        brink_morris_result_free(m);
        return brink_explore_oom(err);
    }
    for (int t = 0; t < r && st == BRINK_OK; t++) {
        const double *row = u + (size_t)t * (size_t)(d + 1) * (size_t)d;
        const double *yt = y + (size_t)t * (size_t)(d + 1);
        unsigned char *seen = (unsigned char *)m->mu_star_lo; /* scratch: d bytes */
        memset(seen, 0, (size_t)d);
        for (int k = 0; k < d && st == BRINK_OK; k++) {
            const double *a = row + (size_t)k * (size_t)d, *b = a + d;
            int moved = -1, count = 0;
            for (int j = 0; j < d; j++)
                if (b[j] != a[j]) {
                    moved = j;
                    count++;
                }
            if (count != 1 || seen[moved])
                st = brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                     "trajectory %d is not a Morris trajectory (step %d)", t, k);
            else {
                seen[moved] = 1;
                ee[(size_t)t * (size_t)d + (size_t)moved] = (yt[k + 1] - yt[k]) / (b[moved] - a[moved]);
            }
        }
    }
    if (st != BRINK_OK) {
        free(ee);
        free(bv);
        brink_morris_result_free(m);
        return st;
    }
    for (int j = 0; j < d; j++) {
        double s = 0, sa = 0;
        for (int t = 0; t < r; t++) {
            double e = ee[(size_t)t * (size_t)d + (size_t)j];
            s += e;
            sa += fabs(e);
        }
        m->mu[j] = s / r;
        m->mu_star[j] = sa / r;
        double v = 0;
        for (int t = 0; t < r; t++) {
            double e = ee[(size_t)t * (size_t)d + (size_t)j] - m->mu[j];
            v += e * e;
        }
        m->sigma[j] = sqrt(v / (r - 1));
        for (int b = 0; b < nboot; b++) {
            double sb = 0;
            for (int k = 0; k < r; k++)
                sb += fabs(ee[(size_t)boot_pick(seed, b, k, r) * (size_t)d + (size_t)j]);
            bv[b] = sb / r;
        }
        percentile(bv, nboot, level, &m->mu_star_lo[j], &m->mu_star_hi[j]);
    }
    free(ee);
    free(bv);
    *out = m;
    return BRINK_OK;
}

/* ---- Sobol indices --------------------------------------------------------- */

size_t brink_saltelli_rows(int d, int n)
{
    return (size_t)n * (size_t)(d + 2);
}

brink_status brink_saltelli_design(int d, int i0, int i1, uint64_t seed, double *u,
                                   brink_error *err)
{
    brink_status st = check_dim(d, err);
    if (st != BRINK_OK)
        return st;
    if (i0 < 0 || i1 < i0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "base samples [%d, %d) (need 0 <= first <= last)", i0, i1);
    const int d2 = 2 * d;
    double *ab = malloc(sizeof(double) * (size_t)d2);
    if (!ab)
        return brink_explore_oom(err);
    brink_sobol_stream q = {NULL, 0};
    int sobol = d2 <= BRINK_SOBOL_MAX_DIM;
    if (sobol)
        st = brink_sobol_stream_init(&q, d2, 1u + (unsigned)i0, err);
    for (int i = i0; i < i1 && st == BRINK_OK; i++) {
        if (sobol)
            brink_sobol_stream_next(&q, ab);
        else {
            brink_rng g;
            brink_rng_init(&g, seed, BRINK_SALTELLI_STREAM + (uint64_t)i);
            for (int j = 0; j < d2; j++)
                ab[j] = brink_rng_u(&g, 7, (uint32_t)j);
        }
        double *blk = u + (size_t)(i - i0) * (size_t)(d + 2) * (size_t)d;
        memcpy(blk, ab, sizeof(double) * (size_t)d);                        /* A */
        for (int j = 0; j < d; j++) {
            double *row = blk + (size_t)(1 + j) * (size_t)d;
            memcpy(row, ab, sizeof(double) * (size_t)d);
            row[j] = ab[d + j];                                              /* AB_j */
        }
        memcpy(blk + (size_t)(d + 1) * (size_t)d, ab + d, sizeof(double) * (size_t)d); /* B */
    }
    if (sobol)
        brink_sobol_stream_release(&q);
    free(ab);
    return st;
}

void brink_sobol_result_free(brink_sobol_result *s)
{
    if (!s)
        return;
    free(s->s1);
    free(s->s1_lo);
    free(s->s1_hi);
    free(s->st);
    free(s->st_lo);
    free(s->st_hi);
    free(s);
}

/* The estimators over the base samples pick[0..n-1] (NULL: 0..n-1):
 * Saltelli (2010) for S1, Jansen (1999) for ST, over the variance of the
 * outputs at A and B. */
static void sobol_estimate(int d, int n, const double *y, const int *pick, double *s1,
                           double *st, double *mean_out, double *var_out)
{
    const size_t w = (size_t)(d + 2);
    double mean = 0;
    for (int k = 0; k < n; k++) {
        size_t i = (size_t)(pick ? pick[k] : k);
        mean += y[i * w] + y[i * w + (size_t)d + 1];
    }
    mean /= 2.0 * n;
    double var = 0;
    for (int k = 0; k < n; k++) {
        size_t i = (size_t)(pick ? pick[k] : k);
        double a = y[i * w] - mean, b = y[i * w + (size_t)d + 1] - mean;
        var += a * a + b * b;
    }
    var /= 2.0 * n;
    for (int j = 0; j < d; j++) {
        double v1 = 0, vt = 0;
        for (int k = 0; k < n; k++) {
            size_t i = (size_t)(pick ? pick[k] : k);
            double fa = y[i * w], fb = y[i * w + (size_t)d + 1], fab = y[i * w + 1 + (size_t)j];
            v1 += fb * (fab - fa);
            vt += (fa - fab) * (fa - fab);
        }
        s1[j] = var > 0 ? v1 / n / var : (double)NAN;
        st[j] = var > 0 ? vt / (2.0 * n) / var : (double)NAN;
    }
    if (mean_out)
        *mean_out = mean;
    if (var_out)
        *var_out = var;
}

brink_status brink_sobol_analyse(int d, int n, const double *y, int nboot, double level,
                                 uint64_t seed, brink_sobol_result **out, brink_error *err)
{
    *out = NULL;
    brink_status st = check_dim(d, err);
    if (st == BRINK_OK)
        st = check_boot(nboot, level, err);
    if (st != BRINK_OK)
        return st;
    if (n < BRINK_SOBOL_MIN_BASE)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d base samples: the Sobol estimators need at least %d", n,
                               BRINK_SOBOL_MIN_BASE);
    brink_sobol_result *s = calloc(1, sizeof *s);
    int *pick = malloc(sizeof(int) * (size_t)n);
    size_t nb = (size_t)(nboot > 0 ? nboot : 1);
    double *b1 = malloc(sizeof(double) * nb * (size_t)d), *bt = malloc(sizeof(double) * nb * (size_t)d);
    double *t1 = malloc(sizeof(double) * (size_t)d), *tt = malloc(sizeof(double) * (size_t)d);
    double *col = malloc(sizeof(double) * nb);
    double **arr[6];
    if (s) {
        s->d = d;
        s->n = n;
        arr[0] = &s->s1, arr[1] = &s->s1_lo, arr[2] = &s->s1_hi;
        arr[3] = &s->st, arr[4] = &s->st_lo, arr[5] = &s->st_hi;
        for (int k = 0; k < 6; k++)
            *arr[k] = calloc((size_t)d, sizeof(double));
    }
    int ok = s && pick && b1 && bt && t1 && tt && col;
    for (int k = 0; ok && k < 6; k++)
        ok = *arr[k] != NULL;
    if (!ok) {
        brink_sobol_result_free(s);
        st = brink_explore_oom(err);
    } else {
        sobol_estimate(d, n, y, NULL, s->s1, s->st, &s->mean, &s->var);
        for (int b = 0; b < nboot; b++) {
            for (int k = 0; k < n; k++)
                pick[k] = boot_pick(seed, b, k, n);
            sobol_estimate(d, n, y, pick, t1, tt, NULL, NULL);
            for (int j = 0; j < d; j++) {
                b1[(size_t)j * nb + (size_t)b] = t1[j];
                bt[(size_t)j * nb + (size_t)b] = tt[j];
            }
        }
        for (int j = 0; j < d; j++) {
            int m = 0;
            for (int b = 0; b < nboot; b++)
                if (!isnan(b1[(size_t)j * nb + (size_t)b]))
                    col[m++] = b1[(size_t)j * nb + (size_t)b];
            percentile(col, m, level, &s->s1_lo[j], &s->s1_hi[j]);
            m = 0;
            for (int b = 0; b < nboot; b++)
                if (!isnan(bt[(size_t)j * nb + (size_t)b]))
                    col[m++] = bt[(size_t)j * nb + (size_t)b];
            percentile(col, m, level, &s->st_lo[j], &s->st_hi[j]);
        }
        *out = s;
    }
    free(pick);
    free(b1);
    free(bt);
    free(t1);
    free(tt);
    free(col);
    return st;
}

double brink_sobol_max_halfwidth(const brink_sobol_result *s, double min_st)
{
    double w = 0;
    for (int j = 0; j < s->d; j++)
        if (s->st[j] >= min_st && isfinite(s->st_lo[j]) && isfinite(s->st_hi[j]))
            w = fmax(w, (s->st_hi[j] - s->st_lo[j]) / 2.0);
    return w;
}
