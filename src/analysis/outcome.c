/* Outcome shares by month: a table of counts per (month, category). */
#include "brink/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

brink_status brink_outcome_by_month_alloc(brink_outcome_by_month *o, uint32_t months,
                                          uint32_t ncat, brink_error *err)
{
    *o = (brink_outcome_by_month){0};
    if (months == 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "no months");
    if (ncat == 0 || ncat > BRINK_CATEGORIES_MAX)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%u categories (allowed 1 to %d)", ncat, BRINK_CATEGORIES_MAX);
    o->counts = calloc((size_t)months * ncat, sizeof *o->counts);
    if (!o->counts)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    o->months = months;
    o->ncat = ncat;
    return BRINK_OK;
}

void brink_outcome_by_month_free(brink_outcome_by_month *o)
{
    free(o->counts);
    *o = (brink_outcome_by_month){0};
}

void brink_outcome_by_month_clear(brink_outcome_by_month *o)
{
    if (o->counts)
        memset(o->counts, 0, (size_t)o->months * o->ncat * sizeof *o->counts);
}

brink_status brink_outcome_by_month_add(brink_outcome_by_month *o, uint32_t t, uint32_t cat,
                                        brink_error *err)
{
    if (t >= o->months || cat >= o->ncat)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "month %u, category %u out of range (%u months, %u categories)",
                               t, cat, o->months, o->ncat);
    o->counts[(size_t)t * o->ncat + cat]++;
    return BRINK_OK;
}

brink_status brink_outcome_by_month_merge(brink_outcome_by_month *dst,
                                          const brink_outcome_by_month *src, brink_error *err)
{
    if (dst->months != src->months || dst->ncat != src->ncat)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "cannot merge outcome tables of %ux%u and %ux%u", dst->months,
                               dst->ncat, src->months, src->ncat);
    size_t len = (size_t)src->months * src->ncat;
    for (size_t i = 0; i < len; i++)
        dst->counts[i] += src->counts[i];
    return BRINK_OK;
}

uint64_t brink_outcome_by_month_total(const brink_outcome_by_month *o, uint32_t t)
{
    if (t >= o->months)
        return 0;
    uint64_t sum = 0;
    for (uint32_t c = 0; c < o->ncat; c++)
        sum += o->counts[(size_t)t * o->ncat + c];
    return sum;
}

brink_status brink_outcome_by_month_interval(const brink_outcome_by_month *o, uint32_t t,
                                             uint32_t cat, double z, double *p, double *lo,
                                             double *hi, brink_error *err)
{
    *p = *lo = *hi = NAN;
    if (t >= o->months || cat >= o->ncat)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "month %u, category %u out of range (%u months, %u categories)",
                               t, cat, o->months, o->ncat);
    uint64_t n = brink_outcome_by_month_total(o, t);
    uint64_t x = o->counts[(size_t)t * o->ncat + cat];
    brink_status st = brink_wilson(x, n, z, lo, hi, err);
    if (st == BRINK_OK)
        *p = brink_proportion(x, n);
    return st;
}
