/* State variables on the scale their fans are binned on (internal: the
 * ensemble's accumulators). The exchange rate and output are kept as
 * logarithms and inflation as log(1 + the annual rate), so a fan bins them
 * without taking the logarithm of an exponential; brink_sim_var returns
 * their exponentials (expm1 for inflation) of the same values. */
#ifndef BRINK_MODEL_SIM_VAR_H
#define BRINK_MODEL_SIM_VAR_H

#include "brink/engine.h"
#include "brink/stats.h"

/* The scale variable v is reported on: BRINK_SCALE_LOG for the exchange
 * rate and output, BRINK_SCALE_LOG1P for inflation, linear otherwise. */
brink_scale brink_var_scale_(brink_var v);

/* v's value on that scale: log(x), log(1 + x) or x, where x is
 * brink_sim_var(sim, v) (which is its exp, expm1 or itself). */
double brink_sim_var_on_scale_(const brink_sim *sim, brink_var v);

#endif
