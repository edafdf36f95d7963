/* What the benchmarks share: a monotonic clock and the default case. */
#ifndef BRINK_BENCH_COMMON_H
#define BRINK_BENCH_COMMON_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "brink/scenario.h"
#include "model/isa.h"

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

/* Makes the engine run the copy of the step named (base, x86-64-v3,
 * x86-64-v4: model/isa.h); 0 after a message on stderr where it is not
 * built or not runnable here. */
static inline int bench_force_step(const char *name)
{
    int isa = -1;
    for (int i = 0; i < BRINK_ISA_COUNT; i++)
        if (strcmp(name, brink_isa_name_((brink_isa)i)) == 0)
            isa = i;
    if (isa < 0 || !brink_isa_force_(isa)) {
        fprintf(stderr, "no step '%s' here (base, x86-64-v3, x86-64-v4: built and runnable)\n",
                name);
        return 0;
    }
    return 1;
}

#endif
