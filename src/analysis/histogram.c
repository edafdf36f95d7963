/* Fixed-memory histogram sketch: mergeable counts, quantiles by
 * interpolation inside the bin that holds the wanted order statistic. The
 * bins between used_lo_ and used_hi_ hold every non-zero count, so clearing
 * and merging touch only those: a chunk of an ensemble fills a small part of
 * its fan's bins. */
#include "analysis/hist_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/moments_internal.h"
#include "model/lanes.h"

static inline void mark_unused(brink_hist *h)
{
    h->used_lo_ = h->spec.bins;
    h->used_hi_ = 0;
}

brink_status brink_hist_spec_check(const brink_hist_spec *spec, brink_error *err)
{
    if (!(isfinite(spec->lo) && isfinite(spec->hi) && spec->lo < spec->hi))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "histogram range [%g, %g] is not an interval", spec->lo,
                               spec->hi);
    if (spec->scale != BRINK_SCALE_LINEAR && spec->scale != BRINK_SCALE_LOG &&
        spec->scale != BRINK_SCALE_LOG1P)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "unknown histogram scale %d", (int)spec->scale);
    if (spec->scale == BRINK_SCALE_LOG && !(spec->lo > 0.0))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "logarithmic histogram needs a positive lower bound, not %g",
                               spec->lo);
    if (spec->scale == BRINK_SCALE_LOG1P && !(spec->lo > -1.0))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "log(1+x) histogram needs a lower bound above -1, not %g",
                               spec->lo);
    if (spec->bins == 0 || spec->bins > BRINK_HIST_MAX_BINS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%u histogram bins (allowed 1 to %u)", spec->bins,
                               BRINK_HIST_MAX_BINS);
    return BRINK_OK;
}

void brink_hist_setup_(brink_hist *h, const brink_hist_spec *spec, uint32_t *counts)
{
    memset(h, 0, sizeof *h);
    h->spec = *spec;
    brink_moments_init(&h->moments);
    h->counts = counts;
    mark_unused(h);
    if (spec->scale == BRINK_SCALE_LOG) {
        h->origin_ = log(spec->lo);
        h->factor_ = (double)spec->bins / (log(spec->hi) - h->origin_);
    } else if (spec->scale == BRINK_SCALE_LOG1P) {
        h->origin_ = log1p(spec->lo);
        h->factor_ = (double)spec->bins / (log1p(spec->hi) - h->origin_);
    } else {
        h->origin_ = spec->lo;
        h->factor_ = (double)spec->bins / (spec->hi - spec->lo);
    }
}

brink_status brink_hist_alloc(brink_hist *h, const brink_hist_spec *spec, brink_error *err)
{
    memset(h, 0, sizeof *h);
    brink_status st = brink_hist_spec_check(spec, err);
    if (st != BRINK_OK)
        return st;
    uint32_t *counts = calloc(spec->bins, sizeof *counts);
    if (!counts)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    brink_hist_setup_(h, spec, counts);
    h->owned_ = true;
    return BRINK_OK;
}

void brink_hist_free(brink_hist *h)
{
    if (h->owned_)
        free(h->counts);
    memset(h, 0, sizeof *h);
}

void brink_hist_clear(brink_hist *h)
{
    if (h->counts && h->used_lo_ <= h->used_hi_)
        memset(h->counts + h->used_lo_, 0,
               (size_t)(h->used_hi_ - h->used_lo_ + 1) * sizeof *h->counts);
    mark_unused(h);
    brink_moments_init(&h->moments);
    h->under = h->over = 0;
}

void brink_hist_rescan_(brink_hist *h)
{
    mark_unused(h);
    for (uint32_t i = 0; i < h->spec.bins; i++)
        if (h->counts[i]) {
            if (i < h->used_lo_)
                h->used_lo_ = i;
            h->used_hi_ = i;
        }
}

/* pos = the position of x in [lo, hi] among the bins (t its image on the
 * scale, top the last bin's index), whose integer part is x's bin: (t -
 * origin) * factor held to [0, top] (x == hi, or rounding at the ends). One
 * formula for every insertion, for doubles or vectors of them (model/lanes.h:
 * a macro, as a function taking vectors would change its ABI with the
 * target): splat(x) spreads x, sel(m, a, b) is a where m holds, else b. */
#define BIN_POS_(pos, t, origin, factor, top, splat, sel)                                          \
    do {                                                                                           \
        (pos) = ((t)-splat(origin)) * splat(factor);                                               \
        (pos) = sel((pos) > splat(0.0), (pos), splat(0.0));                                        \
        (pos) = sel((pos) < splat((top) + 1.0), (pos), splat(top));                                \
    } while (0)
#define SCALAR_SPLAT_(x) (x)
#define SCALAR_SEL_(m, a, b) ((m) ? (a) : (b))

static inline uint32_t bin_of(double t, double origin, double factor, uint32_t bins)
{
    double pos;
    BIN_POS_(pos, t, origin, factor, (double)(bins - 1), SCALAR_SPLAT_, SCALAR_SEL_);
    return (uint32_t)pos;
}

static inline double on_scale(double x, brink_scale scale)
{
    return scale == BRINK_SCALE_LOG ? log(x) : scale == BRINK_SCALE_LOG1P ? log1p(x) : x;
}

static inline void count_bin(brink_hist *h, uint32_t i)
{
    h->counts[i]++;
    if (i < h->used_lo_)
        h->used_lo_ = i;
    if (i > h->used_hi_)
        h->used_hi_ = i;
}

/* One value into h: a value in [lo, hi] (the usual case) needs no other
 * test; a non-finite one is counted apart; a finite one into a full sketch
 * (2^32 - 1 values) is dropped. Its bin is that of its image on the scale.
 * (The fan's columns, below, do the same on several months at once.) */
static inline void add_one(brink_hist *h, double x)
{
    double lo = h->spec.lo, hi = h->spec.hi;
    if (x >= lo && x <= hi) {
        if (h->moments.n < UINT32_MAX) {
            brink_moments_add_finite_(&h->moments, x);
            count_bin(h, bin_of(on_scale(x, h->spec.scale), h->origin_, h->factor_, h->spec.bins));
        }
    } else if (!isfinite(x)) {
        h->moments.nonfinite++;
    } else if (h->moments.n < UINT32_MAX) {
        brink_moments_add_finite_(&h->moments, x);
        if (x < lo)
            h->under++;
        else
            h->over++;
    }
}

brink_status brink_hist_add(brink_hist *h, double x, brink_error *err)
{
    if (isfinite(x) && h->moments.n >= UINT32_MAX)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "histogram full (%u values)", UINT32_MAX);
    add_one(h, x);
    return BRINK_OK;
}

/* ---- One variable of a fan in columns ------------------------------------ */

/* (entries of a column, or a row of bins: the months rounded up to whole
 * vectors) */
static size_t column_len(uint32_t months)
{
    return ((size_t)months + BRINK_VP_N - 1) / BRINK_VP_N * BRINK_VP_N;
}

size_t brink_fan_columns_row_(uint32_t months)
{
    return column_len(months);
}

enum { COLUMNS_D = 8 }; /* n, nonfinite, under, over, mean, m2, min, max */

brink_status brink_fan_columns_init_(brink_fan_columns *c, uint32_t months, brink_error *err)
{
    memset(c, 0, sizeof *c);
    size_t len = column_len(months);
    c->mem_ = aligned_alloc(sizeof(brink_vp), COLUMNS_D * len * sizeof(double));
    c->used_mem_ = malloc(2 * len * sizeof(uint32_t));
    if (!c->mem_ || !c->used_mem_) {
        brink_fan_columns_release_(c);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    /* (the entries past the months stay as they are here: nothing counts
     * into them) */
    memset(c->mem_, 0, COLUMNS_D * len * sizeof(double));
    double **col[COLUMNS_D] = {&c->n,    &c->nonfinite, &c->under, &c->over,
                               &c->mean, &c->m2,        &c->min,   &c->max};
    for (int i = 0; i < COLUMNS_D; i++)
        *col[i] = c->mem_ + (size_t)i * len;
    c->used_lo = c->used_mem_;
    c->used_hi = c->used_mem_ + len;
    c->months = months;
    return BRINK_OK;
}

void brink_fan_columns_release_(brink_fan_columns *c)
{
    free(c->mem_);
    free(c->used_mem_);
    memset(c, 0, sizeof *c);
}

void brink_fan_columns_load_(brink_fan_columns *c, const brink_fan *f, uint32_t var)
{
    const brink_hist *h = &f->cells[(size_t)var * f->months];
    c->spec = h->spec;
    c->origin = h->origin_;
    c->factor = h->factor_;
    c->counts = h->counts; /* (a variable's months lie one after the other, fan.c) */
    for (uint32_t t = 0; t < c->months; t++) {
        const brink_moments *m = &h[t].moments;
        c->n[t] = (double)m->n;
        c->nonfinite[t] = (double)m->nonfinite;
        c->under[t] = (double)h[t].under;
        c->over[t] = (double)h[t].over;
        c->mean[t] = m->mean;
        c->m2[t] = m->m2;
        c->min[t] = m->min;
        c->max[t] = m->max;
        c->used_lo[t] = h[t].used_lo_;
        c->used_hi[t] = h[t].used_hi_;
    }
}

void brink_fan_columns_store_(const brink_fan_columns *c, brink_fan *f, uint32_t var)
{
    brink_hist *h = &f->cells[(size_t)var * f->months];
    for (uint32_t t = 0; t < c->months; t++) {
        brink_moments *m = &h[t].moments;
        m->n = (uint64_t)c->n[t];
        m->nonfinite = (uint64_t)c->nonfinite[t];
        h[t].under = (uint64_t)c->under[t];
        h[t].over = (uint64_t)c->over[t];
        m->mean = c->mean[t];
        m->m2 = c->m2[t];
        m->min = c->min[t];
        m->max = c->max[t];
        h[t].used_lo_ = c->used_lo[t];
        h[t].used_hi_ = c->used_hi[t];
    }
}

/* Bins as 32-bit integers, as many as a brink_vp has doubles. */
typedef int32_t bin_vp __attribute__((vector_size(BRINK_VP_N * sizeof(int32_t))));

/* add_one on the months [t0, t0 + BRINK_VP_N) of the columns at once, the
 * first `active` of them, operation for operation (model/lanes.h): their
 * values xs[0 ..], their images images[0 ..] (BRINK_VP_N of each); the
 * moments and tails; each month's bin, or BRINK_FAN_NO_BIN, into
 * bin[t0 ..]. */
static inline void columns_add_vector(const brink_fan_columns *c, const double *xs,
                                      const double *images, uint32_t *bin, size_t t0, int active)
{
    const brink_vp zero = {0}, one = BRINK_VP_SPLAT(1.0);
    brink_vp x, image, lane;
    BRINK_VP_LOAD(x, xs);
    BRINK_VP_LOAD(image, images);
    for (int l = 0; l < BRINK_VP_N; l++)
        lane[l] = (double)l;
    brink_mp act = lane < BRINK_VP_SPLAT((double)active);
    const brink_vp lo = BRINK_VP_SPLAT(c->spec.lo), hi = BRINK_VP_SPLAT(c->spec.hi);
    /* a cell takes at most UINT32_MAX finite values */
    const brink_vp full = BRINK_VP_SPLAT((double)UINT32_MAX);
    brink_vp n, mean, m2, min, max;
    BRINK_VP_LOAD(n, c->n + t0);
    BRINK_VP_LOAD(mean, c->mean + t0);
    BRINK_VP_LOAD(m2, c->m2 + t0);
    BRINK_VP_LOAD(min, c->min + t0);
    BRINK_VP_LOAD(max, c->max + t0);

    brink_mp finite = (x - x) == zero; /* (NaN for an infinity or a NaN) */
    brink_mp take = act & finite & (n < full);
    brink_mp in = (x >= lo) & (x <= hi);
    brink_mp counted = take & in;
    bin_vp mask = __builtin_convertvector(counted, bin_vp);
    /* the usual case: every month's value counted (all the mask's bits) */
    uint64_t words[sizeof mask / sizeof(uint64_t)], all = ~(uint64_t)0;
    memcpy(words, &mask, sizeof mask);
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        all &= words[w];
    int every = all == ~(uint64_t)0;
    brink_vp n1 = n + one, mean1 = mean, m21 = m2;
    BRINK_WELFORD_STEP_(n1, x, mean1, m21);
    if (every) {
        n = n1;
        mean = mean1;
        m2 = m21;
    } else {
        n = BRINK_VP_SELECT(take, n1, n);
        mean = BRINK_VP_SELECT(take, mean1, mean);
        m2 = BRINK_VP_SELECT(take, m21, m2);
        brink_vp nonfinite, under, over;
        BRINK_VP_LOAD(nonfinite, c->nonfinite + t0);
        BRINK_VP_LOAD(under, c->under + t0);
        BRINK_VP_LOAD(over, c->over + t0);
        nonfinite += BRINK_VP_SELECT(act & ~finite, one, zero);
        brink_mp tail = take & ~in, below = x < lo;
        under += BRINK_VP_SELECT(tail & below, one, zero);
        over += BRINK_VP_SELECT(tail & ~below, one, zero);
        BRINK_VP_STORE(c->nonfinite + t0, nonfinite);
        BRINK_VP_STORE(c->under + t0, under);
        BRINK_VP_STORE(c->over + t0, over);
    }
    min = BRINK_VP_SELECT(take & (x < min), x, min);
    max = BRINK_VP_SELECT(take & (x > max), x, max);
    BRINK_VP_STORE(c->n + t0, n);
    BRINK_VP_STORE(c->mean + t0, mean);
    BRINK_VP_STORE(c->m2 + t0, m2);
    BRINK_VP_STORE(c->min + t0, min);
    BRINK_VP_STORE(c->max + t0, max);

    /* the bins of the values counted (image: anything in the others) */
    brink_vp pos;
    BIN_POS_(pos, image, c->origin, c->factor, (double)(c->spec.bins - 1), BRINK_VP_SPLAT,
             BRINK_VP_SELECT);
    bin_vp i = __builtin_convertvector(BRINK_VP_SELECT(counted, pos, zero), bin_vp);
    /* the bins in use (count_bin's, on bins below 2^31) */
    bin_vp used_lo, used_hi;
    memcpy(&used_lo, c->used_lo + t0, sizeof used_lo);
    memcpy(&used_hi, c->used_hi + t0, sizeof used_hi);
    bin_vp lower = mask & (i < used_lo), higher = mask & (i > used_hi);
    used_lo = (i & lower) | (used_lo & ~lower);
    used_hi = (i & higher) | (used_hi & ~higher);
    memcpy(c->used_lo + t0, &used_lo, sizeof used_lo);
    memcpy(c->used_hi + t0, &used_hi, sizeof used_hi);
    i |= ~mask; /* (all ones: BRINK_FAN_NO_BIN) */
    memcpy(bin + t0, &i, sizeof i);
}

/* (compiled for AVX too, model/lanes.h) */
static BRINK_LANES_CLONES void columns_add(const brink_fan_columns *columns, const double *x,
                                           const double *image, uint32_t n, uint32_t *bin)
{
    /* (a copy the stores cannot reach: its pointers stay in registers) */
    const brink_fan_columns c = *columns;
    size_t t0 = 0;
    for (; t0 + BRINK_VP_N <= n; t0 += BRINK_VP_N)
        columns_add_vector(&c, x + t0, image + t0, bin, t0, BRINK_VP_N);
    if (t0 < n) {
        /* the last months, the lanes past them idle */
        double last[BRINK_VP_N] = {0}, last_image[BRINK_VP_N] = {0};
        memcpy(last, x + t0, (n - t0) * sizeof *x);
        memcpy(last_image, image + t0, (n - t0) * sizeof *image);
        columns_add_vector(&c, last, last_image, bin, t0, (int)(n - t0));
    }
}

void brink_fan_columns_add_(brink_fan_columns *c, const double *x, const double *image, uint32_t n,
                            uint32_t *bin)
{
    columns_add(c, x, image, n, bin);
}

void brink_fan_columns_count_(brink_fan_columns *c, const uint32_t *bin, const uint32_t *len,
                              size_t paths)
{
    enum { SPAN = 8 }; /* months counted together */
    const uint32_t bins = c->spec.bins;
    const size_t row = column_len(c->months);
    /* a span of months at a time, path by path: the span's bins stay in the
     * cache across the paths, and a path's counts in its months (one to a
     * month) do not wait on one another, as one month's counts of paths
     * after one another might (the order of the counts changes nothing;
     * brink_fan_columns_add_ has found the bins in use) */
    for (uint32_t t0 = 0; t0 < c->months; t0 += SPAN) {
        uint32_t *counts = c->counts + (size_t)t0 * bins;
        for (size_t r = 0; r < paths; r++) {
            if (len[r] <= t0)
                continue;
            const uint32_t *b = bin + r * row + t0;
            if (len[r] - t0 >= SPAN) {
                for (uint32_t k = 0; k < SPAN; k++)
                    if (b[k] != BRINK_FAN_NO_BIN)
                        counts[k * bins + b[k]]++;
            } else {
                for (uint32_t k = 0; k < len[r] - t0; k++)
                    if (b[k] != BRINK_FAN_NO_BIN)
                        counts[k * bins + b[k]]++;
            }
        }
    }
}

static bool same_spec(const brink_hist_spec *a, const brink_hist_spec *b)
{
    return a->lo == b->lo && a->hi == b->hi && a->scale == b->scale && a->bins == b->bins;
}

brink_status brink_hist_merge(brink_hist *dst, const brink_hist *src, brink_error *err)
{
    if (!same_spec(&dst->spec, &src->spec))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "cannot merge histograms with different bins");
    if (dst->moments.n + src->moments.n > UINT32_MAX)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "histogram full (%u values)", UINT32_MAX);
    for (uint32_t i = src->used_lo_; i <= src->used_hi_; i++)
        dst->counts[i] += src->counts[i];
    if (src->used_lo_ < dst->used_lo_)
        dst->used_lo_ = src->used_lo_;
    if (src->used_lo_ <= src->used_hi_ && src->used_hi_ > dst->used_hi_)
        dst->used_hi_ = src->used_hi_;
    dst->under += src->under;
    dst->over += src->over;
    brink_moments_merge(&dst->moments, &src->moments);
    return BRINK_OK;
}

double brink_hist_quantile(const brink_hist *h, double q, brink_q_where *where)
{
    brink_q_where w_ = BRINK_Q_RANGE;
    brink_q_where *w = where ? where : &w_;
    const brink_moments *m = &h->moments;
    if (m->n == 0 || isnan(q)) {
        *w = BRINK_Q_EMPTY;
        return NAN;
    }
    double lo = h->spec.lo, hi = h->spec.hi, x;
    if (q <= 0.0) {
        *w = m->min < lo ? BRINK_Q_UNDER : m->min > hi ? BRINK_Q_OVER : BRINK_Q_RANGE;
        return m->min;
    }
    if (q >= 1.0) {
        *w = m->max < lo ? BRINK_Q_UNDER : m->max > hi ? BRINK_Q_OVER : BRINK_Q_RANGE;
        return m->max;
    }
    /* The ceil(r)-th smallest value lies in the first region whose cumulative
     * count reaches r: regions are underflow, bins 0..bins-1, overflow. */
    double r = q * (double)m->n;
    double cum = (double)h->under;
    if (h->under > 0 && cum >= r) {
        *w = BRINK_Q_UNDER;
        x = m->min + (r / cum) * (lo - m->min);
    } else {
        x = NAN;
        for (uint32_t i = 0; i < h->spec.bins; i++) {
            uint32_t c = h->counts[i];
            if (c == 0 || cum + (double)c < r) {
                cum += (double)c;
                continue;
            }
            double t = h->origin_ + ((double)i + (r - cum) / (double)c) / h->factor_;
            x = h->spec.scale == BRINK_SCALE_LOG     ? exp(t)
                : h->spec.scale == BRINK_SCALE_LOG1P ? expm1(t)
                                                     : t;
            *w = BRINK_Q_RANGE;
            break;
        }
        if (isnan(x)) {
            *w = BRINK_Q_OVER;
            x = hi + ((r - cum) / (double)h->over) * (m->max - hi);
        }
    }
    return fmin(fmax(x, m->min), m->max);
}
