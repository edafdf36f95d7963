/* What unit/test_lanes asks of lanes_unit.c (compiled in lanes), in the
 * library's plain types. */
#ifndef BRINK_TEST_LANES_UNIT_H
#define BRINK_TEST_LANES_UNIT_H

#include "brink/scenario.h"
#include "model/state.h"

#define LANES_UNIT_N 4

/* The blocks of the monthly step written over lanes, with what each takes
 * and gives besides the state. */
typedef enum {
    LANES_ECONOMY = 0, /* brink_fiscal_step, brink_money_step (z = u[0]), brink_output_step;
                        * gives brink_output_drive after them */
    LANES_BYPASS,      /* brink_bypass_step */
    LANES_PATRONS,     /* brink_patrons_step */
    LANES_PROXIES,     /* brink_proxies_step */
    LANES_INSURGENCY,  /* brink_insurgency_step */
    LANES_POLITICS,    /* brink_politics_step (u_crisis = u[0], u_coup = u[1]); gives its
                        * result; then brink_regime_hazards' crisis hazard */
    LANES_SANCTIONS,   /* brink_sanctions_step, brink_relief_update */
    LANES_CONFLICT,    /* brink_programme_step, brink_conflict_step (u_incident = u[0],
                        * u_escalate = u[1]); gives its result and the incident
                        * probability */
    LANES_TRADE,       /* brink_prices_step (z_price = u[0]), brink_compliance_step,
                        * brink_trade_step */
    LANES_ACCOUNT,     /* the month's loss (brink_flow_loss, whose output part it gives)
                        * and erosion rate (brink_erosion_rate), brink_account_step */
    LANES_FORCE,       /* brink_force_step (u_force = u[0], u_escalate = u[1]); gives its
                        * result and the force hazard it leaves (brink_force_terms_hazard) */
    LANES_SENDERS,     /* brink_senders_step (every run live); gives its result */
    LANES_BACKSLIDE,   /* brink_backslide_step (every run live); gives its result */
    LANES_BLOCKS
} lanes_block;

/* Block b of the four runs in lanes, from a group made of them, with
 * u[k][l] the run's k-th number: each lane's state into out[l] and what
 * the block gives into ret[k][l]. A rare piece that the library does on a
 * lane's run (BRINK_LRUN) changes that run; the others are not changed.
 * -1 without memory. */
int lanes_unit_block(lanes_block b, struct brink_sim *const run[LANES_UNIT_N],
                     const double u[2][LANES_UNIT_N], brink_state out[LANES_UNIT_N],
                     double ret[2][LANES_UNIT_N]);

/* Months of a run whose reported variables lanes_unit_runs keeps. */
#define LANES_UNIT_MONTHS 400

/* Runs 0 .. n-1 of scenario sc under policy pol with seed (drawn
 * parameters, not recording) to their ends in lanes, a lane taking the
 * next run as its run ends (model/lockstep/group.c): run r's final state
 * into out[r], and the value of variable v on its scale at the end of its
 * month m (brink_sim_var_on_scale_, over lanes) into
 * vars[(r * LANES_UNIT_MONTHS + m) * BRINK_VAR_COUNT + v], for m below
 * LANES_UNIT_MONTHS. -1 without memory or when a run cannot start. */
int lanes_unit_runs(const brink_scenario *sc, int pol, uint64_t seed, size_t n, brink_state *out,
                    double *vars);

/* How many pieces done on a lane's run (BRINK_LRUN) this unit's groups
 * have checked, and how many rows such a piece changed that it does not put
 * back into the lane (model/state.def, L rows: each is a row to mark B). */
void lanes_unit_back_checks(long *checks, long *mismatches);

/* The four runs into a group and straight out again: their states, and the
 * numbers of the policy each lane has in force. */
int lanes_unit_round_trip(struct brink_sim *const run[LANES_UNIT_N], brink_state out[LANES_UNIT_N],
                          brink_policy_num pol[LANES_UNIT_N]);

/* The uniforms of slot `slot` that a group of the four runs gives its
 * lanes (brink_lanes_u4, every lane asking) before a month, into
 * before[i][l], and after a month in lanes (brink_month_run), into
 * after[i][l]; the month's end of each lane (its t) into t_after[l]. The
 * runs step the month (each must go on through it). -1 without memory. */
int lanes_unit_draws(struct brink_sim *const run[LANES_UNIT_N], uint32_t slot,
                     double before[4][LANES_UNIT_N], double after[4][LANES_UNIT_N],
                     int t_after[LANES_UNIT_N]);

#endif
