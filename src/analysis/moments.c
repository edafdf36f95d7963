/* Running moments: Welford's update, Chan et al.'s pairwise merge. */
#include "brink/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "analysis/moments_internal.h"
#include "core/gsl_guard.h"

void brink_moments_init(brink_moments *m)
{
    *m = (brink_moments){.min = INFINITY, .max = -INFINITY};
}

void brink_moments_release(brink_moments *m)
{
    (void)m;
}

void brink_moments_add(brink_moments *m, double x)
{
    if (!isfinite(x)) {
        m->nonfinite++;
        return;
    }
    brink_moments_add_finite_(m, x);
}

void brink_moments_merge(brink_moments *dst, const brink_moments *src)
{
    uint64_t nonfinite = dst->nonfinite + src->nonfinite;
    if (src->n == 0) {
        dst->nonfinite = nonfinite;
        return;
    }
    if (dst->n == 0) {
        /* exact copy: merging chunk 0 into an empty total changes nothing */
        *dst = *src;
        dst->nonfinite = nonfinite;
        return;
    }
    double na = (double)dst->n, nb = (double)src->n;
    uint64_t n = dst->n + src->n;
    double nt = (double)n;
    double delta = src->mean - dst->mean;
    dst->mean += delta * (nb / nt);
    dst->m2 += src->m2 + delta * delta * (na * nb / nt);
    dst->n = n;
    dst->nonfinite = nonfinite;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

double brink_moments_mean(const brink_moments *m)
{
    return m->n ? m->mean : (double)NAN;
}

double brink_moments_variance(const brink_moments *m)
{
    /* m2 can drift a few ulps below 0 when all values are nearly equal */
    return m->n >= 2 ? fmax(m->m2, 0.0) / (double)(m->n - 1) : (double)NAN;
}

double brink_moments_sd(const brink_moments *m)
{
    return sqrt(brink_moments_variance(m));
}

brink_status brink_moments_mean_interval(const brink_moments *m, double level, double *lo,
                                         double *hi, brink_error *err)
{
    brink_gsl_guard();
    *lo = *hi = NAN;
    if (!(level > 0.0 && level < 1.0))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "confidence level %g outside (0, 1)", level);
    if (m->n < 2)
        return BRINK_OK;
    double var = brink_moments_variance(m);
    if (var == 0.0) {
        *lo = *hi = m->mean;
        return BRINK_OK;
    }
    double t = gsl_cdf_tdist_Qinv(0.5 * (1.0 - level), (double)(m->n - 1));
    double half = t * sqrt(var / (double)m->n);
    *lo = m->mean - half;
    *hi = m->mean + half;
    return BRINK_OK;
}
