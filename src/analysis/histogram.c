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

/* The bin of x in [lo, hi] (t its image on the scale): one formula for
 * every insertion. */
static inline uint32_t bin_of(double t, double origin, double factor, uint32_t bins)
{
    double pos = (t - origin) * factor;
    uint32_t i = pos > 0.0 ? (uint32_t)pos : 0;
    return i < bins ? i : bins - 1; /* x == hi, or rounding at the top */
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

/* One value into h, whose spec's range, origin, factor and bin count are
 * given (read once by a caller adding many): a value in [lo, hi] (the usual
 * case) needs no other test; a non-finite one is counted apart; a finite one
 * into a full sketch (2^32 - 1 values) is dropped. Its bin is that of its
 * image on the scale: `image` where the caller has it (given), else the
 * image taken here. One formula for every insertion; with `scale` and
 * `given` constants, the caller's loop is made for them. */
static inline void add_one(brink_hist *h, double x, double image, int given, double lo, double hi,
                           double origin, double factor, uint32_t bins, brink_scale scale)
{
    if (x >= lo && x <= hi) {
        if (h->moments.n < UINT32_MAX) {
            brink_moments_add_finite_(&h->moments, x);
            count_bin(h, bin_of(given ? image : on_scale(x, scale), origin, factor, bins));
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
    add_one(h, x, 0, 0, h->spec.lo, h->spec.hi, h->origin_, h->factor_, h->spec.bins,
            h->spec.scale);
    return BRINK_OK;
}

/* brink_hist_add(&h[t], x[t], NULL) for t < n, every h[t] of h[0]'s spec,
 * read once, the images on the scale from `image` where given; a loop for
 * each scale. */
static inline void add_path(brink_hist *h, const double *x, const double *image, int given,
                            uint32_t n, brink_scale scale)
{
    const double lo = h[0].spec.lo, hi = h[0].spec.hi;
    const double origin = h[0].origin_, factor = h[0].factor_;
    const uint32_t bins = h[0].spec.bins;
    for (uint32_t t = 0; t < n; t++)
        add_one(&h[t], x[t], given ? image[t] : 0, given, lo, hi, origin, factor, bins, scale);
}

void brink_hist_add_path_(brink_hist *h, const double *x, uint32_t n)
{
    if (n == 0)
        return;
    switch (h[0].spec.scale) {
    case BRINK_SCALE_LOG:
        add_path(h, x, NULL, 0, n, BRINK_SCALE_LOG);
        break;
    case BRINK_SCALE_LOG1P:
        add_path(h, x, NULL, 0, n, BRINK_SCALE_LOG1P);
        break;
    default:
        add_path(h, x, NULL, 0, n, BRINK_SCALE_LINEAR);
        break;
    }
}

void brink_hist_add_path_image_(brink_hist *h, const double *x, const double *image, uint32_t n)
{
    if (n == 0)
        return;
    add_path(h, x, image, 1, n, BRINK_SCALE_LINEAR);
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
