/* The accumulators of an ensemble (of a chunk, a block or the whole result):
 * allocation, merging and their packed form for other processes and
 * snapshots (see brink/parallel.h). Internal to the library. */
#ifndef BRINK_ANALYSIS_ENSEMBLE_ACC_H
#define BRINK_ANALYSIS_ENSEMBLE_ACC_H

#include "brink/ensemble.h"
#include "core/pack.h"

typedef struct {
    int npol;
    brink_ensemble_policy *pol;
    brink_ensemble_pair *pair;
    uint64_t runs;
} acc_set;

/* Accumulators for npol policies over horizon months, empty. */
brink_status acc_alloc(acc_set *a, int npol, uint32_t horizon, const brink_hist_spec *fan_spec,
                       const brink_hist_spec *cost_spec, brink_error *err);
void acc_free(acc_set *a);
void acc_clear(acc_set *a, uint32_t horizon);
/* dst ⊕= src; an empty dst becomes an exact copy of src. */
brink_status acc_merge(acc_set *dst, const acc_set *src, brink_error *err);
/* Appends a's counts and moments to p. */
void acc_pack(brink_packer *p, const acc_set *a);
/* Reads what acc_pack wrote into a, allocated with the same shape; fails
 * (BRINK_ERR_RUNTIME) on bytes of another shape or cut short. */
brink_status acc_unpack(brink_unpacker *u, acc_set *a, brink_error *err);

#endif
