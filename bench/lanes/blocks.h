/* What bench/bench_lanes.c asks of bench/lanes/blocks.c (compiled in
 * lanes for this machine), in the library's plain types. */
#ifndef BRINK_BENCH_LANES_BLOCKS_H
#define BRINK_BENCH_LANES_BLOCKS_H

#include <string.h>

#include "model/state.h"

struct brink_group;

/* Runs to a group: 8 with AVX-512, else 4. */
int bench_lanes_width(void);
/* A group of bench_lanes_width() runs (NULL without memory; free() it). */
struct brink_group *bench_lanes_group(struct brink_sim *const *run);
/* Lane l's state. */
void bench_lanes_state(const struct brink_group *g, int l, brink_state *st);
/* The blocks written over lanes, in the monthly step's order: prices
 * (z = u[3 l]), the instruments of sanctions, compliance, bypass, patrons,
 * trade, fiscal, money (z = u[3 l]), output, proxies, insurgency, the
 * month's loss and erosion, the accounts,
 * politics (u_crisis = u[3 l + 1], u_coup = u[3 l + 2]), the programme,
 * incidents (u_incident = u[3 l + 1], u_escalate = u[3 l + 2]), force
 * (u_force = u[3 l + 1], u_escalate = u[3 l + 2]). */
void bench_lanes_month(struct brink_group *g, const double *u);

/* What a run's end is checked by: its month count, outcome, the month of
 * the outcome, and the bits of its totals and ending state. */
typedef struct {
    int t, outcome, outcome_month;
    double gdp_loss, sender_cost, reserves, trust, belief;
} bench_lanes_end;

static inline void bench_lanes_end_of(bench_lanes_end *e, const brink_state *st)
{
    memset(e, 0, sizeof *e); /* (the padding too: ends are compared whole) */
    e->t = st->t;
    e->outcome = (int)st->sum.outcome;
    e->outcome_month = st->sum.outcome_month;
    e->gdp_loss = st->sum.gdp_loss_usd_bn;
    e->sender_cost = st->sum.sender_cost_usd_bn;
    e->reserves = st->reserves;
    e->trust = st->trust;
    e->belief = st->sum.belief_end;
}

/* Runs 0 .. n-1 of the lanes' scenario under policy pol with seed (drawn
 * parameters) in lanes, a group of bench_lanes_width() runs taking the next
 * run as one ends, each lane in its own sim (lane[l]): run r's end into
 * out[r]. -1 without memory. */
int bench_lanes_runs(struct brink_sim *const *lane, int pol, uint64_t seed, long n,
                     bench_lanes_end *out);

#endif
