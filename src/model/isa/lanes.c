/* Whole runs in lanes (model/lockstep/group.c) compiled for a wider
 * processor, as the copies of the step are (model/isa.h): eight runs to a
 * vector in the x86-64-v4 copy, four in the x86-64-v3 one. CMakeLists.txt
 * compiles this file as it compiles model/isa/step.c and keeps only its
 * entry, brink_lanes_run_v3_ or brink_lanes_run_v4_, global; what it calls
 * outside the files written over lanes (the library's pieces done on a
 * run, random numbers, libm) is the library's. Not compiled into the
 * library as it stands (the library globs only the files directly in
 * src/model). */
#ifndef BRINK_ISA_VARIANT
#error "compiled only as a copy for a wider processor (CMakeLists.txt)"
#endif

#if BRINK_ISA_VARIANT == 4
#define BRINK_LANES 8
#else
#define BRINK_LANES 4
#endif

#include "model/lockstep/blocks.c"

#include "model/isa.h"
#include "model/lockstep/group.c"

#define LANES_ENTRY_(level) brink_lanes_run_v##level##_
#define LANES_ENTRY(level) LANES_ENTRY_(level)
__attribute__((externally_visible)) int
LANES_ENTRY(BRINK_ISA_VARIANT)(struct brink_sim *const *lane, const brink_lanes_source *src)
{
    brink_group_source g = {src->next, NULL, src->done, src->ctx};
    return brink_group_run_each(lane, &g);
}
