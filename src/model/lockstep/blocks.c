/* The files of the model whose blocks are written over lanes
 * (model/lockstep.h), as one unit: a file that sets BRINK_LANES to 4 or 8
 * and includes this one has the group's forms of every such block (the
 * test that holds them to the library, tests/unit/lanes_unit.c, and the
 * benchmark, bench/lanes/blocks.c). A file joins this list when its blocks
 * are written over lanes. Not compiled into the library as it stands (the
 * library globs only the files directly in src/model). */
#if !defined(BRINK_LANES) || BRINK_LANES == 1
#error "included only by a unit compiled in lanes (BRINK_LANES 4 or 8)"
#endif

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
#include "model/trade.c"
#include "model/valuation.c"
