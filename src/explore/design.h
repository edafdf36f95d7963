/* Space-filling designs in the unit cube, shared by calibration, the claims
 * box, sweeps and the sensitivity estimators.
 *
 * Sobol points come from GSL's gsl_qrng_sobol (at most
 * BRINK_SOBOL_MAX_DIM dimensions); Latin hypercubes and the fallback
 * uniforms from the counter-based generator (core/rng.h), so every design is
 * a pure function of its arguments. */
#ifndef BRINK_EXPLORE_DESIGN_H
#define BRINK_EXPLORE_DESIGN_H

#include <math.h>
#include <stdint.h>

#include <gsl/gsl_qrng.h>

#include "brink/error.h"

#define BRINK_SOBOL_MAX_DIM 40 /* what gsl_qrng_sobol supports */

/* A Sobol stream of dimension d: _init skips the first `skip` points (point
 * 0 is the corner 0), _next writes the next point into u[0..d-1]. */
typedef struct {
    gsl_qrng *q;
    int d;
} brink_sobol_stream;

brink_status brink_sobol_stream_init(brink_sobol_stream *s, int d, unsigned skip,
                                     brink_error *err);
void brink_sobol_stream_next(brink_sobol_stream *s, double *u);
void brink_sobol_stream_release(brink_sobol_stream *s);

/* A parameter's value from its coordinate u in [0, 1] of the box [lo, hi],
 * on a linear or (log_scale) logarithmic scale, and back. */
static inline double brink_unit_to_box(double lo, double hi, int log_scale, double u)
{
    return log_scale ? exp(log(lo) + u * (log(hi) - log(lo))) : lo + u * (hi - lo);
}

static inline double brink_box_to_unit(double lo, double hi, int log_scale, double v)
{
    return log_scale ? (log(v) - log(lo)) / (log(hi) - log(lo)) : (v - lo) / (hi - lo);
}

/* A Latin hypercube of n points in d dimensions over the box [lo, hi]
 * (point-major into x): in each dimension one point falls in each of n equal
 * strata, in an order and at a place inside the stratum drawn from the seed
 * (stream `stream` + j for dimension j, a stream no run uses). lo, hi may be
 * NULL for the unit cube. Returns 0, or -1 when out of memory. */
int brink_latin_hypercube(uint64_t seed, uint64_t stream, int n, int d, const double *lo,
                          const double *hi, double *x);

/* The stream of the claims box's Latin hypercube. */
#define BRINK_LHS_STREAM 0x4c48530000000000ull

/* Point k of a full-factorial grid with levels[j] levels in dimension j
 * (levels[j] >= 1; a single level sits at the centre), the last dimension
 * varying fastest, in the unit cube. */
void brink_grid_point(int d, const int *levels, uint64_t k, double *u);

#endif
