/* Proportions: Wilson score intervals and a multi-category counter. */
#include "brink/stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "core/gsl_guard.h"

double brink_z_for_level(double level)
{
    brink_gsl_guard();
    if (!(level > 0.0 && level < 1.0))
        return NAN;
    /* upper-tail inverse keeps full precision for levels close to 1 */
    return gsl_cdf_ugaussian_Qinv(0.5 * (1.0 - level));
}

double brink_proportion(uint64_t successes, uint64_t n)
{
    return n ? (double)successes / (double)n : (double)NAN;
}

brink_status brink_wilson(uint64_t successes, uint64_t n, double z, double *lo, double *hi,
                          brink_error *err)
{
    *lo = NAN;
    *hi = NAN;
    if (!(isfinite(z) && z > 0.0))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "critical value %g is not a positive number", z);
    if (successes > n)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%llu successes out of %llu trials",
                               (unsigned long long)successes, (unsigned long long)n);
    if (n == 0) {
        *lo = 0.0;
        *hi = 1.0;
        return BRINK_OK;
    }
    /* Roots in p of (x - n p)^2 = z^2 n p (1 - p):
     *   (2x + z^2 -+ z sqrt(z^2 + 4 x (n - x) / n)) / (2 (n + z^2)) */
    double x = (double)successes, nn = (double)n, z2 = z * z;
    double spread = z * sqrt(z2 + 4.0 * x * (1.0 - x / nn));
    double den = 2.0 * (nn + z2);
    double l = (2.0 * x + z2 - spread) / den;
    double h = (2.0 * x + z2 + spread) / den;
    /* the boundary cases are exact, not merely close */
    *lo = successes == 0 ? 0.0 : fmax(l, 0.0);
    *hi = successes == n ? 1.0 : fmin(h, 1.0);
    return BRINK_OK;
}

brink_status brink_categorical_init(brink_categorical *c, uint32_t ncat, brink_error *err)
{
    *c = (brink_categorical){0};
    if (ncat == 0 || ncat > BRINK_CATEGORIES_MAX)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%u categories (allowed 1 to %d)", ncat, BRINK_CATEGORIES_MAX);
    c->ncat = ncat;
    return BRINK_OK;
}

void brink_categorical_release(brink_categorical *c)
{
    (void)c;
}

brink_status brink_categorical_add(brink_categorical *c, uint32_t cat, brink_error *err)
{
    if (cat >= c->ncat)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "category %u out of range (%u categories)", cat, c->ncat);
    c->count[cat]++;
    c->n++;
    return BRINK_OK;
}

brink_status brink_categorical_merge(brink_categorical *dst, const brink_categorical *src,
                                     brink_error *err)
{
    if (dst->ncat != src->ncat)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "cannot merge counters of %u and %u categories", dst->ncat,
                               src->ncat);
    for (uint32_t i = 0; i < src->ncat; i++)
        dst->count[i] += src->count[i];
    dst->n += src->n;
    return BRINK_OK;
}

brink_status brink_categorical_interval(const brink_categorical *c, uint32_t cat, double z,
                                        double *p, double *lo, double *hi, brink_error *err)
{
    *p = NAN;
    if (cat >= c->ncat) {
        *lo = *hi = NAN;
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "category %u out of range (%u categories)", cat, c->ncat);
    }
    brink_status st = brink_wilson(c->count[cat], c->n, z, lo, hi, err);
    if (st == BRINK_OK)
        *p = brink_proportion(c->count[cat], c->n);
    return st;
}
