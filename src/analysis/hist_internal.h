/* Shared by the histogram and the fan, which owns the counts of its cells. */
#ifndef BRINK_ANALYSIS_HIST_INTERNAL_H
#define BRINK_ANALYSIS_HIST_INTERNAL_H

#include "brink/stats.h"

/* Sets h up over `counts` (spec->bins zeroed values, not owned by h). The
 * spec must have passed brink_hist_spec_check. */
void brink_hist_setup_(brink_hist *h, const brink_hist_spec *spec, uint32_t *counts);

/* Finds the bins in use again after h->counts was written directly (as
 * acc_unpack does); clear and merge touch only those. */
void brink_hist_rescan_(brink_hist *h);

/* brink_hist_add(&h[t], x[t], NULL) for t < n (a value that would overflow
 * h[t] is dropped, as that call leaves h[t] unchanged), every h[t] set up
 * with the same spec: one run's path into a fan variable's cells for months
 * 0..n-1. The same bits as those calls, in a loop made for the scale. */
void brink_hist_add_path_(brink_hist *h, const double *x, uint32_t n);

/* The same, the values' images on the cells' scale (log(x[t]) or
 * log1p(x[t]) or x[t]) given in image[t] by a caller that has them: each
 * value in range goes to its image's bin (the bin of the image taken here
 * unless the two differ in the last bit at a bin's edge). */
void brink_hist_add_path_image_(brink_hist *h, const double *x, const double *image, uint32_t n);

/* brink_hist_rescan_ of every cell of f. */
void brink_fan_rescan_(brink_fan *f);

#endif
