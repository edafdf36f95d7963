/* The monthly step compiled for a wider processor (model/isa.h): the
 * model's files that the step runs, as one unit, so that the compiler
 * inlines across them as link-time optimisation does for the library's own
 * copy. CMakeLists.txt compiles this file with -march=x86-64-v3 or
 * -march=x86-64-v4 (and -mno-fma), BRINK_ISA_VARIANT set to 3 or 4, then
 * makes every symbol of the object local but the entry, brink_sim_step_v3_
 * or brink_sim_step_v4_: the copy's functions never meet the library's
 * own, and what it calls outside these files (random numbers, exponentials
 * in lanes, libm) is the library's. Not compiled into the library as it
 * stands (the library globs only the files directly in src/model). */
#ifndef BRINK_ISA_VARIANT
#error "compiled only as a copy of the step for a wider processor (CMakeLists.txt)"
#endif

#include "model/engine.c"

#include "model/bargaining.c"
#include "model/belief.c"
#include "model/bypass.c"
#include "model/conflict.c"
#include "model/economy.c"
#include "model/force.c"
#include "model/insurgency.c"
#include "model/month.c"
#include "model/patrons.c"
#include "model/politics.c"
#include "model/proxies.c"
#include "model/sanctions.c"
#include "model/sender.c"
#include "model/senders.c"
#include "model/timeline.c"
#include "model/trade.c"
#include "model/valuation.c"
