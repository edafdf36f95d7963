/* Welford's update of running moments, shared by brink_moments_add and the
 * histogram's inner loops so that both give the same bits. */
#ifndef BRINK_ANALYSIS_MOMENTS_INTERNAL_H
#define BRINK_ANALYSIS_MOMENTS_INTERNAL_H

#include "brink/stats.h"

/* Adds x, which the caller has checked is finite. */
static inline void brink_moments_add_finite_(brink_moments *m, double x)
{
    m->n++;
    double delta = x - m->mean;
    m->mean += delta / (double)m->n;
    m->m2 += delta * (x - m->mean);
    if (x < m->min)
        m->min = x;
    if (x > m->max)
        m->max = x;
}

#endif
