/* The mechanisms written over lanes (model/lane.h), compiled in lanes of
 * four runs for unit/test_lanes: a group of four runs steps them, and the
 * lanes' states come back as plain states (lanes_unit.h). */
#define BRINK_LANES 4

#include "model/economy.c"

#include <stdlib.h>

#include "lanes_unit.h"

enum { LANES_UNIT_N_ = LANES_UNIT_N };
_Static_assert(LANES_UNIT_N_ == BRINK_LANES, "the unit's lanes are the test's runs");

static struct brink_group *group_of(struct brink_sim *const run[LANES_UNIT_N])
{
    struct brink_group *g = aligned_alloc(_Alignof(struct brink_group), sizeof *g);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    for (int l = 0; l < BRINK_LANES; l++)
        brink_group_put(g, l, run[l]);
    return g;
}

int lanes_unit_economy(struct brink_sim *const run[LANES_UNIT_N], const double z_fx[LANES_UNIT_N],
                       brink_state out[LANES_UNIT_N], double drive[LANES_UNIT_N])
{
    struct brink_group *g = group_of(run);
    if (!g)
        return -1;
    brink_ld z;
    for (int l = 0; l < BRINK_LANES; l++)
        z[l] = z_fx[l];
    brink_fiscal_step_lanes(g);
    brink_money_step_lanes(g, z);
    brink_output_step_lanes(g);
    brink_ld d = brink_output_drive_lanes(g);
    for (int l = 0; l < BRINK_LANES; l++) {
        brink_group_get_state(&out[l], g, l);
        drive[l] = d[l];
    }
    free(g);
    return 0;
}

int lanes_unit_round_trip(struct brink_sim *const run[LANES_UNIT_N], brink_state out[LANES_UNIT_N])
{
    struct brink_group *g = group_of(run);
    if (!g)
        return -1;
    for (int l = 0; l < BRINK_LANES; l++)
        brink_group_get_state(&out[l], g, l);
    free(g);
    return 0;
}
