/* Paired comparisons of two policies run on the same random numbers. */
#include "brink/stats.h"

#include <math.h>

void brink_paired_prop_init(brink_paired_prop *p)
{
    *p = (brink_paired_prop){0};
}

void brink_paired_prop_release(brink_paired_prop *p)
{
    (void)p;
}

void brink_paired_prop_add(brink_paired_prop *p, bool a, bool b)
{
    if (a && b)
        p->both++;
    else if (a)
        p->only_a++;
    else if (b)
        p->only_b++;
    else
        p->neither++;
}

void brink_paired_prop_merge(brink_paired_prop *dst, const brink_paired_prop *src)
{
    dst->both += src->both;
    dst->only_a += src->only_a;
    dst->only_b += src->only_b;
    dst->neither += src->neither;
}

/* Newcombe (1998), Stat Med 17:2635-2650, method 10. In his notation the
 * first proportion is p1 = (a + b) / n and the second p2 = (a + c) / n; here
 * "first" is policy B so that theta = p1 - p2 = p_B - p_A. Wilson limits
 * (l1, u1), (l2, u2) of the margins are combined as
 *   L = theta - sqrt(dl1^2 - 2 phi dl1 du2 + du2^2)
 *   U = theta + sqrt(du1^2 - 2 phi du1 dl2 + dl2^2)
 * with dl = p - l, du = u - p, and phi the correlation of the margins with
 * his continuity correction:
 *   A = ad - bc;  phi = (A - n/2) / sqrt(efgh) if A > n/2,
 *                       0                        if 0 <= A <= n/2,
 *                       A / sqrt(efgh)           if A < 0,
 * and phi = 0 when a margin e, f, g, h is empty. */
brink_status brink_paired_prop_diff(const brink_paired_prop *p, double level,
                                    brink_paired_diff *out, brink_error *err)
{
    uint64_t n = p->both + p->only_a + p->only_b + p->neither;
    *out = (brink_paired_diff){.n = n, .discordant = p->only_a + p->only_b,
                               .p_a = NAN, .p_b = NAN, .diff = NAN, .lo = NAN, .hi = NAN};
    double z = brink_z_for_level(level);
    if (isnan(z))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "confidence level %g outside (0, 1)", level);
    if (n == 0) {
        out->lo = -1.0;
        out->hi = 1.0;
        return BRINK_OK;
    }
    uint64_t x1 = p->both + p->only_b, x2 = p->both + p->only_a;
    double nn = (double)n;
    out->p_b = (double)x1 / nn;
    out->p_a = (double)x2 / nn;
    if (out->discordant == 0) {
        /* the policies agreed on every run */
        out->diff = out->lo = out->hi = 0.0;
        return BRINK_OK;
    }
    out->diff = ((double)p->only_b - (double)p->only_a) / nn;

    double l1, u1, l2, u2;
    brink_wilson(x1, n, z, &l1, &u1, NULL);
    brink_wilson(x2, n, z, &l2, &u2, NULL);
    double a = (double)p->both, b = (double)p->only_b, c = (double)p->only_a;
    double d = (double)p->neither;
    double e = a + b, f = c + d, g = a + c, h = b + d;
    double phi = 0.0;
    if (e > 0 && f > 0 && g > 0 && h > 0) {
        double root = sqrt(e * f) * sqrt(g * h);
        double A = a * d - b * c;
        if (A > nn / 2)
            phi = (A - nn / 2) / root;
        else if (A < 0)
            phi = A / root;
    }
    double dl1 = out->p_b - l1, du1 = u1 - out->p_b;
    double dl2 = out->p_a - l2, du2 = u2 - out->p_a;
    double down = dl1 * dl1 - 2.0 * phi * dl1 * du2 + du2 * du2;
    double up = du1 * du1 - 2.0 * phi * du1 * dl2 + dl2 * dl2;
    out->lo = fmax(out->diff - sqrt(fmax(down, 0.0)), -1.0);
    out->hi = fmin(out->diff + sqrt(fmax(up, 0.0)), 1.0);
    return BRINK_OK;
}

void brink_paired_mean_init(brink_paired_mean *p)
{
    brink_moments_init(&p->a);
    brink_moments_init(&p->b);
    brink_moments_init(&p->diff);
    p->nonfinite = 0;
}

void brink_paired_mean_release(brink_paired_mean *p)
{
    (void)p;
}

void brink_paired_mean_add(brink_paired_mean *p, double a, double b)
{
    double d = b - a;
    if (!isfinite(a) || !isfinite(b) || !isfinite(d)) {
        p->nonfinite++;
        return;
    }
    brink_moments_add(&p->a, a);
    brink_moments_add(&p->b, b);
    brink_moments_add(&p->diff, d);
}

void brink_paired_mean_merge(brink_paired_mean *dst, const brink_paired_mean *src)
{
    brink_moments_merge(&dst->a, &src->a);
    brink_moments_merge(&dst->b, &src->b);
    brink_moments_merge(&dst->diff, &src->diff);
    dst->nonfinite += src->nonfinite;
}

brink_status brink_paired_mean_diff(const brink_paired_mean *p, double level, double *diff,
                                    double *lo, double *hi, brink_error *err)
{
    *diff = brink_moments_mean(&p->diff);
    return brink_moments_mean_interval(&p->diff, level, lo, hi, err);
}
