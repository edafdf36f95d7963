/* Load, then simulate: a scenario that loads must run (point values and one
 * drawn run, two years) with every state variable finite or NaN-free where
 * the engine promises. */
#include <math.h>

#include "brink/engine.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load_string((const char *)data, size, "fuzz.yaml", &errs);
    if (!sc)
        return 0;
    brink_error err;
    /* a short horizon bounds the cost of an input */
    if (brink_scenario_set(sc, "simulation.horizon_months=24", &err) == BRINK_OK) {
        brink_sim *sim = brink_sim_alloc(sc, &err);
        FUZZ_CHECK(sim != NULL, "a loaded scenario has no workspace");
        for (int draw = 0; draw < 2; draw++) {
            int pol = brink_scenario_default_policy(sc);
            FUZZ_CHECK(brink_sim_init(sim, pol, 1, 0, draw, 1, &err) == BRINK_OK,
                       "a loaded scenario cannot start a run");
            int months = 0;
            while (brink_sim_step(sim))
                FUZZ_CHECK(++months <= 24, "a run past its horizon");
            const brink_summary *s = brink_sim_summary(sim);
            FUZZ_CHECK(s->outcome >= 0 && s->outcome < BRINK_OUTCOME_COUNT, "no outcome");
            FUZZ_CHECK(!isnan(s->gdp_loss_usd_bn) && !isnan(s->reserves_end_usd_bn),
                       "a NaN total");
        }
        brink_sim_free(sim);
    }
    brink_scenario_free(sc);
    return 0;
}
