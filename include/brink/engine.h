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

typedef enum {
    BRINK_OUTCOME_DEAL = 0,      /* a comprehensive deal stands at the horizon */
    BRINK_OUTCOME_PARTIAL_DEAL,  /* some issues or verified milestones stand */
    BRINK_OUTCOME_STALEMATE,     /* nothing agreed by the horizon */
    BRINK_OUTCOME_WAR,           /* an incident escalated, or a preventive strike */
    BRINK_OUTCOME_REGIME_CRISIS, /* the target's regime broke down */
    BRINK_OUTCOME_DEAL_REVERSED, /* a later administration discarded a deal */
    BRINK_OUTCOME_COUNT
} brink_outcome;

/* "deal", "partial_deal", "stalemate", "war", "regime_crisis", "deal_reversed". */
const char *brink_outcome_name(brink_outcome o);

typedef enum {
    BRINK_EV_OFFER = 0,         /* subject: issue (-1 = bundled), value: relief */
    BRINK_EV_ACCEPT,            /* subject: issue or -1, value: acceptance probability */
    BRINK_EV_REJECT,            /* same */
    BRINK_EV_TIGHTEN,           /* value: new sanctions target */
    BRINK_EV_MILESTONE_OFFER,   /* subject: milestone, value: relief */
    BRINK_EV_MILESTONE_ACCEPT,  /* subject: milestone, value: acceptance probability */
    BRINK_EV_MILESTONE_REJECT,
    BRINK_EV_MILESTONE_VERIFIED, /* subject: milestone, value: relief now in force */
    BRINK_EV_CHEATING_DETECTED,  /* subject: milestone */
    BRINK_EV_ENTRY_OFFER,
    BRINK_EV_ENTRY_SUCCESS,
    BRINK_EV_ENTRY_FAILURE,
    BRINK_EV_POLICY_SWITCH,     /* subject: new policy index */
    BRINK_EV_INCIDENT,          /* value: escalation probability */
    BRINK_EV_WAR,               /* subject: 0 = escalation, 1 = preventive strike */
    BRINK_EV_REGIME_CRISIS,
    BRINK_EV_ELECTION,          /* value: 1 if a deal was standing */
    BRINK_EV_REVERSAL,
    BRINK_EV_RESERVES_FLOOR,    /* reserves reached the floor; monetisation begins */
    BRINK_EV_BELOW_BREAKEVEN,   /* exports fell below the fiscal break-even */
    BRINK_EV_DEAL,              /* a comprehensive deal is in force */
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

/* State variables reported each month (CSV columns, quantile fans). */
typedef enum {
    BRINK_VAR_SANCTIONS = 0,   /* effective sanctions intensity, after relief */
    BRINK_VAR_RELIEF,
    BRINK_VAR_COMPLIANCE,      /* oil-share-weighted compliance of third parties */
    BRINK_VAR_REACH,           /* sender's dollar reach */
    BRINK_VAR_BYPASS,          /* capacity-weighted development of bypass channels */
    BRINK_VAR_OIL_PRICE,
    BRINK_VAR_EXPORTS,         /* mbpd */
    BRINK_VAR_REVENUE,         /* USD bn/month */
    BRINK_VAR_RESERVES,        /* USD bn */
    BRINK_VAR_FX_RATE,         /* local currency per USD */
    BRINK_VAR_INFLATION,       /* annual rate */
    BRINK_VAR_COHESION,
    BRINK_VAR_LEGITIMACY,
    BRINK_VAR_HARDLINERS,
    BRINK_VAR_PROXY_STRENGTH,  /* mean over proxies */
    BRINK_VAR_PROGRAMME,
    BRINK_VAR_TENSION,
    BRINK_VAR_TRUST,
    BRINK_VAR_BELIEF_RESOLVE,  /* sender's expected resolve of the target */
    BRINK_VAR_LOSS,            /* target's monthly loss, share of GDP */
    BRINK_VAR_MAINTENANCE,     /* cost of holding out, GDP-months */
    BRINK_VAR_SUBMISSION,      /* cost of the standing demand, GDP-months */
    BRINK_VAR_DURABILITY,      /* perceived durability weight of a deal */
    BRINK_VAR_DEAL_VALUE,      /* the target's value of the standing offer's relief, GDP-months */
    BRINK_VAR_P_ACCEPT,        /* probability this run's target would accept it now */
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
    int offers, accepts, incidents, milestones_verified, elections, reversals;
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

#endif
