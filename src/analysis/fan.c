/* Quantile fans: one histogram sketch per (variable, month), all bin counts
 * in one block (one allocation, one packed array), a variable's months one
 * after the other (as the fan's columns take them, analysis/histogram.c). */
#include "analysis/hist_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

brink_status brink_fan_alloc(brink_fan *f, const brink_hist_spec *specs, uint32_t nvars,
                             uint32_t months, brink_error *err)
{
    *f = (brink_fan){0};
    if (nvars == 0 || months == 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "fan of %u variables over %u months", nvars, months);
    size_t per_month = 0;
    for (uint32_t v = 0; v < nvars; v++) {
        brink_status st = brink_hist_spec_check(&specs[v], err);
        if (st != BRINK_OK)
            return st;
        per_month += specs[v].bins;
    }
    if (per_month > SIZE_MAX / sizeof(uint32_t) / months)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    size_t ncells = (size_t)nvars * months;
    f->nbins = per_month * months;
    f->cells = calloc(ncells, sizeof *f->cells);
    f->block = calloc(f->nbins, sizeof *f->block);
    if (!f->cells || !f->block) {
        brink_fan_free(f);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    f->nvars = nvars;
    f->months = months;
    uint32_t *next = f->block;
    for (uint32_t v = 0; v < nvars; v++)
        for (uint32_t t = 0; t < months; t++) {
            brink_hist_setup_(&f->cells[(size_t)v * months + t], &specs[v], next);
            next += specs[v].bins;
        }
    return BRINK_OK;
}

void brink_fan_free(brink_fan *f)
{
    free(f->cells);
    free(f->block);
    *f = (brink_fan){0};
}

void brink_fan_clear(brink_fan *f)
{
    /* cell by cell: each clears only the bins it used */
    size_t ncells = (size_t)f->nvars * f->months;
    for (size_t i = 0; i < ncells; i++)
        brink_hist_clear(&f->cells[i]);
}

void brink_fan_rescan_(brink_fan *f)
{
    size_t ncells = (size_t)f->nvars * f->months;
    for (size_t i = 0; i < ncells; i++)
        brink_hist_rescan_(&f->cells[i]);
}

brink_hist *brink_fan_cell(brink_fan *f, uint32_t var, uint32_t t)
{
    if (var >= f->nvars || t >= f->months)
        return NULL;
    return &f->cells[(size_t)var * f->months + t];
}

const brink_hist *brink_fan_cell_const(const brink_fan *f, uint32_t var, uint32_t t)
{
    if (var >= f->nvars || t >= f->months)
        return NULL;
    return &f->cells[(size_t)var * f->months + t];
}

brink_status brink_fan_add(brink_fan *f, uint32_t var, uint32_t t, double x, brink_error *err)
{
    brink_hist *h = brink_fan_cell(f, var, t);
    if (!h)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "variable %u, month %u out of range (%u variables, %u months)",
                               var, t, f->nvars, f->months);
    return brink_hist_add(h, x, err);
}

brink_status brink_fan_merge(brink_fan *dst, const brink_fan *src, brink_error *err)
{
    if (dst->nvars != src->nvars || dst->months != src->months || dst->nbins != src->nbins)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "cannot merge fans of different shapes");
    size_t ncells = (size_t)src->nvars * src->months;
    for (size_t i = 0; i < ncells; i++) {
        brink_status st = brink_hist_merge(&dst->cells[i], &src->cells[i], err);
        if (st != BRINK_OK)
            return st;
    }
    return BRINK_OK;
}

brink_status brink_fan_quantiles(const brink_fan *f, uint32_t var, const double *q, size_t nq,
                                 double *out, brink_error *err)
{
    if (var >= f->nvars)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "variable %u out of range (%u variables)", var, f->nvars);
    for (uint32_t t = 0; t < f->months; t++) {
        const brink_hist *h = &f->cells[(size_t)var * f->months + t];
        for (size_t k = 0; k < nq; k++)
            out[(size_t)t * nq + k] = brink_hist_quantile(h, q[k], NULL);
    }
    return BRINK_OK;
}
