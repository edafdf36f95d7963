/* What bench/bench_lanes.c asks of bench/lanes/blocks.c (compiled in
 * lanes for this machine), in the library's plain types. */
#ifndef BRINK_BENCH_LANES_BLOCKS_H
#define BRINK_BENCH_LANES_BLOCKS_H

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

#endif
