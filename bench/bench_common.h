/* What the benchmarks share: a monotonic clock and the default case. */
#ifndef BRINK_BENCH_COMMON_H
#define BRINK_BENCH_COMMON_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "brink/scenario.h"

/* Seconds on a monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The built-in default case, or NULL after a message on stderr. */
static inline brink_scenario *bench_default_case(void)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", &errs);
    if (!sc)
        fprintf(stderr, "cannot load the default case\n");
    return sc;
}

#endif
