/* Which copy of the monthly step runs (model/isa.h). */
#include "model/isa.h"

#include <stdatomic.h>

static atomic_int isa_forced = -1;
static atomic_int isa_best = -1;

const char *brink_isa_name_(brink_isa isa)
{
    switch (isa) {
    case BRINK_ISA_V3:
        return "x86-64-v3";
    case BRINK_ISA_V4:
        return "x86-64-v4";
    default:
        return "base";
    }
}

int brink_isa_available_(brink_isa isa)
{
    switch (isa) {
    case BRINK_ISA_BASE:
        return 1;
#ifdef BRINK_HAVE_ISA_V3
    case BRINK_ISA_V3:
        return __builtin_cpu_supports("x86-64-v3") != 0;
#endif
#ifdef BRINK_HAVE_ISA_V4
    case BRINK_ISA_V4:
        return __builtin_cpu_supports("x86-64-v4") != 0;
#endif
    default:
        return 0;
    }
}

brink_isa brink_isa_step_(void)
{
    int forced = atomic_load_explicit(&isa_forced, memory_order_relaxed);
    if (forced >= 0)
        return (brink_isa)forced;
    int best = atomic_load_explicit(&isa_best, memory_order_relaxed);
    if (best < 0) {
        /* (threads that find it unset at once all find the same) */
        best = BRINK_ISA_BASE;
        for (int i = BRINK_ISA_COUNT - 1; i > BRINK_ISA_BASE; i--)
            if (brink_isa_available_((brink_isa)i)) {
                best = i;
                break;
            }
        atomic_store_explicit(&isa_best, best, memory_order_relaxed);
    }
    return (brink_isa)best;
}

int brink_isa_force_(int isa)
{
    if (isa >= BRINK_ISA_COUNT || (isa >= 0 && !brink_isa_available_((brink_isa)isa)))
        return 0;
    atomic_store_explicit(&isa_forced, isa < 0 ? -1 : isa, memory_order_relaxed);
    return 1;
}

int brink_lanes_width_(void)
{
    switch (brink_isa_step_()) {
#ifdef BRINK_HAVE_ISA_V4
    case BRINK_ISA_V4:
        return 8;
#endif
#ifdef BRINK_HAVE_ISA_V3
    case BRINK_ISA_V3:
        return 4;
#endif
    default:
        return 0;
    }
}

int brink_lanes_run_(struct brink_sim *const *lane, const brink_lanes_source *src)
{
    switch (brink_isa_step_()) {
#ifdef BRINK_HAVE_ISA_V4
    case BRINK_ISA_V4:
        return brink_lanes_run_v4_(lane, src);
#endif
#ifdef BRINK_HAVE_ISA_V3
    case BRINK_ISA_V3:
        return brink_lanes_run_v3_(lane, src);
#endif
    default:
        (void)lane;
        (void)src;
        return -2;
    }
}
