/* Welford's update of running moments, shared by brink_moments_add and the
 * histogram's inner loops so that both give the same bits. */
#ifndef BRINK_ANALYSIS_MOMENTS_INTERNAL_H
#define BRINK_ANALYSIS_MOMENTS_INTERNAL_H

#include "brink/stats.h"

/* Welford's step for value x, the n-th (n counts it): mean and m2 (the sum
 * of squared deviations from the mean) updated in place. A macro, so that
 * the fan's columns (analysis/histogram.c) take it on vectors of doubles,
 * operation for operation the same. */
#define BRINK_WELFORD_STEP_(n, x, mean, m2)                                                        \
    do {                                                                                           \
        __typeof__(mean) delta_ = (x) - (mean);                                                    \
        (mean) += delta_ / (n);                                                                    \
        (m2) += delta_ * ((x) - (mean));                                                           \
    } while (0)

/* Adds x, which the caller has checked is finite. */
static inline void brink_moments_add_finite_(brink_moments *m, double x)
{
    m->n++;
    BRINK_WELFORD_STEP_((double)m->n, x, m->mean, m->m2);
    if (x < m->min)
        m->min = x;
    if (x > m->max)
        m->max = x;
}

#endif
