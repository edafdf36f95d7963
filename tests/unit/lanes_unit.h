/* What unit/test_lanes asks of lanes_unit.c (compiled in lanes), in the
 * library's plain types. */
#ifndef BRINK_TEST_LANES_UNIT_H
#define BRINK_TEST_LANES_UNIT_H

#include "model/state.h"

#define LANES_UNIT_N 4

/* The economy's month (brink_fiscal_step, brink_money_step with z_fx[l],
 * brink_output_step) of the four runs in lanes, from a group made of them
 * (the runs are not changed): each lane's state into out[l], and
 * brink_output_drive after it into drive[l]. -1 without memory. */
int lanes_unit_economy(struct brink_sim *const run[LANES_UNIT_N], const double z_fx[LANES_UNIT_N],
                       brink_state out[LANES_UNIT_N], double drive[LANES_UNIT_N]);

/* The four runs into a group and straight out again: their states. */
int lanes_unit_round_trip(struct brink_sim *const run[LANES_UNIT_N], brink_state out[LANES_UNIT_N]);

#endif
