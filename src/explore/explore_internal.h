/* Shared by the files of src/explore. */
#ifndef BRINK_EXPLORE_INTERNAL_H
#define BRINK_EXPLORE_INTERNAL_H

#include "brink/error.h"

/* Run indices of the generator streams the estimators draw from (no run of
 * the model uses them). */
#define BRINK_BOOT_STREAM 0x424f4f5400000000ull     /* bootstrap resamples */
#define BRINK_MORRIS_STREAM 0x4d4f525200000000ull   /* Morris trajectories */
#define BRINK_SALTELLI_STREAM 0x53414c5400000000ull /* Saltelli base samples beyond Sobol */

brink_status brink_explore_oom(brink_error *err);

#endif
