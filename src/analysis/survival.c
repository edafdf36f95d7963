/* Kaplan-Meier estimate of time to an event on a monthly grid. */
#include "brink/stats.h"

#include <math.h>
#include <string.h>

/* S(t) <= 0.5 is tested with this slack so that a product of ratios that is
 * exactly one half in exact arithmetic is not missed by a rounding error. */
#define HALF_FUZZ 1e-12

brink_status brink_km_init(brink_km *km, uint32_t horizon, brink_error *err)
{
    memset(km, 0, sizeof *km);
    if (horizon == 0 || horizon > BRINK_KM_MAX_HORIZON)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "horizon of %u months (allowed 1 to %d)", horizon,
                               BRINK_KM_MAX_HORIZON);
    km->horizon = horizon;
    return BRINK_OK;
}

void brink_km_release(brink_km *km)
{
    (void)km;
}

brink_status brink_km_add(brink_km *km, uint32_t month, bool event, brink_error *err)
{
    if (month < 1 || month > km->horizon)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "month %u outside 1 to %u", month, km->horizon);
    if (event)
        km->events[month - 1]++;
    else
        km->censored[month - 1]++;
    km->n++;
    return BRINK_OK;
}

brink_status brink_km_merge(brink_km *dst, const brink_km *src, brink_error *err)
{
    if (dst->horizon != src->horizon)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "cannot merge survival counts over %u and %u months",
                               dst->horizon, src->horizon);
    for (uint32_t i = 0; i < src->horizon; i++) {
        dst->events[i] += src->events[i];
        dst->censored[i] += src->censored[i];
    }
    dst->n += src->n;
    return BRINK_OK;
}

static int first_at_or_below_half(const double *v, uint32_t horizon)
{
    for (uint32_t t = 1; t <= horizon; t++)
        if (v[t] <= 0.5 + HALF_FUZZ)
            return (int)t;
    return BRINK_KM_NOT_REACHED;
}

brink_status brink_km_estimate(const brink_km *km, double level, brink_km_result *out,
                               brink_error *err)
{
    memset(out, 0, sizeof *out);
    double z = brink_z_for_level(level);
    if (isnan(z))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "confidence level %g outside (0, 1)", level);
    uint32_t H = km->horizon;
    out->horizon = H;
    out->n = km->n;
    out->z = z;
    out->at_risk[0] = km->n;
    out->surv[0] = out->lo[0] = out->hi[0] = 1.0;

    double s = 1.0;
    double v = 0.0; /* Greenwood sum of d / (n (n - d)) */
    uint64_t risk = km->n;
    for (uint32_t t = 1; t <= H; t++) {
        uint64_t d = km->events[t - 1], c = km->censored[t - 1];
        out->at_risk[t] = risk;
        out->events[t] = d;
        out->censored[t] = c;
        if (d > 0 && s > 0.0) {
            if (d >= risk) {
                s = 0.0;
            } else {
                double nr = (double)risk, nd = (double)d;
                s *= (nr - nd) / nr;
                v += nd / (nr * (nr - nd));
            }
        }
        out->surv[t] = s;
        out->incidence[t] = 1.0 - s;
        if (s == 1.0 || s == 0.0) {
            /* no event yet, or none left at risk: nothing to be uncertain of */
            out->se[t] = 0.0;
            out->lo[t] = out->hi[t] = s;
        } else {
            out->se[t] = s * sqrt(v);
            /* log(-log S) has standard error sqrt(v) / |log S| */
            double w = z * sqrt(v) / fabs(log(s));
            out->lo[t] = pow(s, exp(w));
            out->hi[t] = pow(s, exp(-w));
        }
        risk -= d + c;
    }
    out->median = first_at_or_below_half(out->surv, H);
    out->median_lo = first_at_or_below_half(out->lo, H);
    out->median_hi = first_at_or_below_half(out->hi, H);
    return BRINK_OK;
}
