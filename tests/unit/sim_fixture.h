/* Shared set-up for engine tests: the built-in default case, a workspace,
 * and helpers to run controlled experiments. Header-only for the tests. */
#ifndef BRINK_TEST_SIM_FIXTURE_H
#define BRINK_TEST_SIM_FIXTURE_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "brink/engine.h"
#include "brink/scenario.h"
#include "model/scenario_model.h"
#include "model/belief.h"
#include "model/mechanisms.h"
#include "model/state.h"
#include "model/valuation.h"

/* cmocka 1.1.5 has no floating-point assertion of its own. */
#define assert_close(a, b, tol) assert_true(fabs((double)(a) - (double)(b)) <= (tol))

static inline brink_scenario *fixture_scenario(void)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", &errs);
    assert_non_null(sc);
    return sc;
}

/* A scenario from tests/fixtures. */
static inline brink_scenario *fixture_file(const char *name)
{
    char path[512];
    const char *dir = getenv("BRINK_FIXTURES");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/fixtures", name);
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *f = brink_scenario_load_file(path, &errs);
    if (!f)
        for (int i = 0; i < errs.count; i++)
            fprintf(stderr, "%s:%d:%d: %s: %s\n", errs.items[i].file, errs.items[i].line,
                    errs.items[i].column, errs.items[i].path, errs.items[i].message);
    assert_non_null(f);
    return f;
}

/* A test file's shared default case `sc`, loaded by setup and freed by
 * teardown (for cmocka_run_group_tests). */
#define FIXTURE_DEFAULT_CASE                                                                       \
    static brink_scenario *sc;                                                                     \
    static int setup(void **state)                                                                 \
    {                                                                                              \
        (void)state;                                                                               \
        sc = fixture_scenario();                                                                   \
        return 0;                                                                                  \
    }                                                                                              \
    static int teardown(void **state)                                                              \
    {                                                                                              \
        (void)state;                                                                               \
        brink_scenario_free(sc);                                                                   \
        return 0;                                                                                  \
    }

static inline int fixture_policy(const brink_scenario *sc, const char *name)
{
    int i = brink_scenario_policy_index(sc, name);
    assert_true(i >= 0);
    return i;
}

/* A workspace initialised at point values, events recorded, noise off. */
static inline brink_sim *fixture_sim(const brink_scenario *sc, const char *policy, uint64_t seed)
{
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    assert_non_null(sim);
    assert_int_equal(brink_sim_init(sim, fixture_policy(sc, policy), seed, 0, 0, 1, NULL),
                     BRINK_OK);
    sim->p.s.simulation_noise = 0;
    return sim;
}

static inline void fixture_steps(brink_sim *sim, int n)
{
    for (int i = 0; i < n && brink_sim_step(sim); i++)
        ;
}

/* Holds sanctions at `s` with no offers under the policy in force. */
static inline void fixture_hold(brink_sim *sim, double s)
{
    brink_policy_num *pol = &sim->p.policy[sim->st.policy];
    pol->sanctions_target = s;
    pol->sanctions_max = 1;
    pol->sanctions_ramp = 1;
    pol->sanctions_escalation = 0;
    pol->offer_interval_months = 0;
    pol->entry_enabled = 0;
    sim->st.s_target = s;
}

/* No war, crisis, coup, backing down, reversal or backsliding ends or
 * changes the run by chance (to study slow dynamics). */
static inline void fixture_no_absorbing(brink_sim *sim)
{
    sim->p.s.behaviour_politics_crisis_max = 0;
    sim->p.s.behaviour_politics_coup_max = 0;
    sim->p.s.behaviour_conflict_incident_base = 0;
    sim->p.s.behaviour_force_max = 0;
    sim->p.s.behaviour_sender_give_up_max = 0;
    sim->p.s.behaviour_law_executive_break = 0;
    sim->p.s.behaviour_bargain_backslide_max = 0;
    for (int k = 0; k < sim->p.n_senders; k++)
        sim->p.sender[k].reversal_probability = 0;
    brink_sim_derive(sim); /* what the engine derives from them, as after a timeline set */
}

/* Crude exports without sanctions (the sum of crude goods' volumes). */
static inline double fixture_crude_capacity(const brink_sim *sim)
{
    double cap = 0;
    for (int g = 0; g < sim->p.n_goods; g++)
        if ((int)sim->p.good[g].kind == BRINK_GOOD_CRUDE)
            cap += sim->p.good[g].volume;
    return cap;
}

/* Acceptance probability of the standing demand at the current state. */
static inline double fixture_accept(const brink_sim *sim, brink_offer_value *out)
{
    brink_offer offer;
    brink_offer_value v;
    brink_offer_standing(sim, &offer);
    brink_offer_evaluate(sim, &offer, brink_maintenance_cost(sim), &v);
    if (out)
        *out = v;
    return brink_accept_probability(v.log_ratio, sim->st.theta,
                                    sim->p.s.behaviour_bargain_choice_noise);
}

#endif
