/* The monthly step, one function per block of mechanisms, called by the
 * engine in this causal order (docs/model.md, "The monthly step"). Each
 * reads and writes sim->st only. */
#ifndef BRINK_MODEL_MECHANISMS_H
#define BRINK_MODEL_MECHANISMS_H

#include "model/state.h"

/* Draws of the month, filled by the engine before the blocks run. */
typedef struct {
    double z_oil, z_fx;          /* standard normals */
    double u_incident, u_escalate, u_crisis, u_preventive, u_election;
} brink_draws;

void brink_sanctions_step(struct brink_sim *sim);            /* M1, M20: instruments */
void brink_compliance_step(struct brink_sim *sim);           /* M2, M3 */
void brink_bypass_step(struct brink_sim *sim);               /* M4, M18 */
void brink_trade_step(struct brink_sim *sim, double z_oil);  /* M4, M5: exports, revenue */
void brink_fiscal_step(struct brink_sim *sim);               /* M5: reserves, monetisation */
void brink_money_step(struct brink_sim *sim, double z_fx);   /* M6 */
void brink_money_init(struct brink_sim *sim);                /* M6 steady start */
void brink_proxies_step(struct brink_sim *sim);              /* M7 */
int brink_politics_step(struct brink_sim *sim, double u_crisis);  /* returns 1 on crisis */
void brink_programme_step(struct brink_sim *sim);            /* M19 */
/* M15: tension moves one month towards its level (sanctions, posture,
 * rhetoric, programme). */
void brink_conflict_tension(struct brink_sim *sim);
/* M15, M19: the month's incident hazard, escalation probability and
 * preventive-strike hazard at the current tension and programme. */
void brink_conflict_hazards(struct brink_sim *sim);
/* M15: what an incident that did not escalate leaves behind (tension and
 * hardliners jump). */
void brink_conflict_incident(struct brink_sim *sim);
/* M15, M19: tension, hazards, then the month's draws; returns 1 when war
 * starts. */
int brink_conflict_step(struct brink_sim *sim, double u_incident, double u_escalate,
                        double u_preventive);
void brink_valuation_step(struct brink_sim *sim);            /* M8-M10 for reports */
void brink_bargaining_step(struct brink_sim *sim);           /* M9-M13, M16, M17 */
/* M10: returns 1 when a deal is reversed. */
int brink_election_step(struct brink_sim *sim, double u_election);

/* Shares of the policy in force. */
static inline const brink_policy_num *brink_active_policy(const struct brink_sim *sim)
{
    return &sim->p.policy[sim->st.policy];
}

#endif
