/* Shared by the histogram and the fan, which owns the counts of its cells. */
#ifndef BRINK_ANALYSIS_HIST_INTERNAL_H
#define BRINK_ANALYSIS_HIST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "brink/stats.h"

/* Sets h up over `counts` (spec->bins zeroed values, not owned by h). The
 * spec must have passed brink_hist_spec_check. */
void brink_hist_setup_(brink_hist *h, const brink_hist_spec *spec, uint32_t *counts);

/* Finds the bins in use again after h->counts was written directly (as
 * acc_unpack does); clear and merge touch only those. */
void brink_hist_rescan_(brink_hist *h);

/* ---- One variable of a fan in columns ------------------------------------
 * For adding many runs' paths to one variable of a fan: each month's count,
 * moments and tails held in arrays over the months (the bins stay in the
 * fan's block), so that a path's months are taken several at a time, a
 * vector's worth (model/lanes.h). brink_fan_columns_load_ takes a
 * variable's cells; brink_fan_columns_add_ adds a path's moments and tails
 * and finds the bins its values go to, brink_fan_columns_count_ counts
 * those of many paths, month by month: together the bits brink_hist_add
 * gives each cell. brink_fan_columns_store_ puts them back (the fan's cells
 * are not to be used in between). */
typedef struct {
    uint32_t months; /* the arrays hold brink_fan_columns_row_ entries */
    brink_hist_spec spec;
    double origin, factor; /* the cells' (brink_hist.origin_, factor_) */
    uint32_t *counts;      /* month t's bins at counts + t * spec.bins: the fan's */
    /* the counts as doubles (exact below 2^53) */
    double *n, *nonfinite, *under, *over, *mean, *m2, *min, *max;
    uint32_t *used_lo, *used_hi;
    double *mem_;
    uint32_t *used_mem_;
} brink_fan_columns;

/* A month whose value goes to no bin (out of range, not finite, or into a
 * full cell). */
#define BRINK_FAN_NO_BIN UINT32_MAX

/* Columns for fans of `months` months; fails without memory. */
brink_status brink_fan_columns_init_(brink_fan_columns *c, uint32_t months, brink_error *err);
/* (of a zeroed struct too) */
void brink_fan_columns_release_(brink_fan_columns *c);
/* Entries of a row of bins (brink_fan_columns_add_): the months rounded up
 * to whole vectors. */
size_t brink_fan_columns_row_(uint32_t months);
/* Variable var of f (which has c's months) into c. */
void brink_fan_columns_load_(brink_fan_columns *c, const brink_fan *f, uint32_t var);
/* brink_hist_add(cell of month t, x[t], NULL) for t < n (a value that would
 * overflow its cell is dropped, as that call leaves the cell unchanged), all
 * but the bin counts: the moments and tails, and the bins in use; the bin
 * of each month's value (or BRINK_FAN_NO_BIN) into bin[t], for
 * brink_fan_columns_count_. The images of the values on the cells' scale
 * (log(x[t]), log1p(x[t]) or x[t]) are given in image[t]: a value in range
 * goes to its image's bin (the bin of the image brink_hist_add takes,
 * unless the two differ in the last bit at a bin's edge). n is at most c's
 * months; bin has room for a row (brink_fan_columns_row_). */
void brink_fan_columns_add_(brink_fan_columns *c, const double *x, const double *image, uint32_t n,
                            uint32_t *bin);
/* The counts of `paths` rows of bins (brink_fan_columns_add_), row r at
 * bin + r * (the row's entries), its first len[r] entries (its path's n). */
void brink_fan_columns_count_(brink_fan_columns *c, const uint32_t *bin, const uint32_t *len,
                              size_t paths);
/* c back into variable var of f (the one it was loaded from). */
void brink_fan_columns_store_(const brink_fan_columns *c, brink_fan *f, uint32_t var);

/* brink_hist_rescan_ of every cell of f. */
void brink_fan_rescan_(brink_fan *f);

#endif
