/* brink: the monthly simulation engine.
 *
 * A brink_sim is a workspace for one run at a time: allocate it once per
 * thread, then for each run call brink_sim_init and brink_sim_step until it
 * returns 0 (or brink_sim_run). Stepping allocates nothing. A run is a pure
 * function of (scenario, policy, seed, run index, draw flag).
 */
#ifndef BRINK_ENGINE_H
#define BRINK_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "brink/error.h"
#include "brink/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Outcomes, events and state variables come from one table each
 * (outcome.def, event.def, var.def); the name tables in the library are
 * built from the same rows, with a compile-time check of their length. */
typedef enum {
#define BRINK_OUTCOME_ROW(e, ...) BRINK_OUTCOME_##e,
#include "brink/outcome.def"
#undef BRINK_OUTCOME_ROW
    BRINK_OUTCOME_COUNT
} brink_outcome;

/* "deal", "partial_deal", "stalemate", "sender_backs_down", "war",
 * "regime_crisis", "deal_reversed". */
const char *brink_outcome_name(brink_outcome o);
/* One line: what the outcome means. */
const char *brink_outcome_description(brink_outcome o);

typedef enum {
#define BRINK_EVENT_ROW(e, ...) BRINK_EV_##e,
#include "brink/event.def"
#undef BRINK_EVENT_ROW
    BRINK_EV_COUNT
} brink_event_kind;

typedef struct {
    int month;
    brink_event_kind kind;
    int subject;
    double value;
    double deal_value;  /* offers: the target's value of the deal, GDP-months */
    double submission;  /* offers: the target's submission cost, GDP-months */
} brink_event;

const char *brink_event_name(brink_event_kind k);
/* MID hostility level (2 threat, 3 display, 4 use of force, 5 war) and ICB
 * violence level (2 minor clashes, 3 serious clashes, 4 war) of an event;
 * 0 for events that are not militarized. */
int brink_event_mid_level(brink_event_kind k);
int brink_event_icb_level(brink_event_kind k);

/* State variables reported each month (CSV columns, quantile fans). */
typedef enum {
#define BRINK_VAR_ROW(e, ...) BRINK_VAR_##e,
#include "brink/var.def"
#undef BRINK_VAR_ROW
    BRINK_VAR_COUNT
} brink_var;

const char *brink_var_name(brink_var v); /* e.g. "exports_mbpd" */
const char *brink_var_unit(brink_var v);

typedef struct {
    brink_outcome outcome;
    int outcome_month;          /* month the outcome was reached (horizon for stalemate) */
    char cause[160];
    int first_agreement_month;  /* first accepted offer or milestone; -1 if none */
    int deal_month;             /* first comprehensive deal; -1 if none */
    int months_below_breakeven;
    int offers, accepts, incidents, strikes, milestones_verified, elections, reversals;
    int max_hostility;          /* highest MID hostility level of the run's events (1: none) */
    int max_crisis;             /* highest ICB violence level of the run's events (0: none) */
    double gdp_loss_usd_bn;     /* target's cumulative GDP loss */
    double sender_cost_usd_bn;  /* sender's cumulative cost */
    double programme_end, reserves_end_usd_bn, trust_end, belief_end;
    double resolve;             /* the target's resolve in this run */
} brink_summary;

typedef struct brink_sim brink_sim;

/* Allocates a workspace for runs of `sc`, which must outlive it and must not
 * change while it exists (its point values and draw plan are resolved here;
 * allocate a new workspace after brink_scenario_set). */
brink_sim *brink_sim_alloc(const brink_scenario *sc, brink_error *err);
void brink_sim_free(brink_sim *sim);

/* Prepares a run. draw = 0 uses the scenario's point values; draw = 1 draws
 * every uncertain value from its distribution with the (seed, run) stream.
 * record_events = 1 keeps the event log (brink_sim_events). */
brink_status brink_sim_init(brink_sim *sim, int policy, uint64_t seed, uint64_t run,
                            int draw, int record_events, brink_error *err);

/* Simulates one month. Returns 1 while the run goes on, 0 once it is over
 * (horizon reached or an absorbing outcome). */
int brink_sim_step(brink_sim *sim);

/* Steps to the end. */
void brink_sim_run(brink_sim *sim);

/* Month of the last completed step (-1 before the first). */
int brink_sim_month(const brink_sim *sim);
int brink_sim_horizon(const brink_sim *sim);
double brink_sim_var(const brink_sim *sim, brink_var v);
const brink_summary *brink_sim_summary(const brink_sim *sim);
size_t brink_sim_events(const brink_sim *sim, const brink_event **events);
/* Index of the policy in force (policies can hand over to one another). */
int brink_sim_policy(const brink_sim *sim);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
