/* Shared by the histogram and the fan, which owns the counts of its cells. */
#ifndef BRINK_ANALYSIS_HIST_INTERNAL_H
#define BRINK_ANALYSIS_HIST_INTERNAL_H

#include "brink/stats.h"

/* Sets h up over `counts` (spec->bins zeroed values, not owned by h). The
 * spec must have passed brink_hist_spec_check. */
void brink_hist_setup_(brink_hist *h, const brink_hist_spec *spec, uint32_t *counts);

#endif
