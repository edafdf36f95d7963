/* Batches of runs for the ensembles: each run of a batch (its policy and
 * run index) is simulated with drawn values to its end, and what an
 * ensemble keeps of it is written into its record: the chosen variables
 * on their scales and the status at the end of each month observed, the
 * months observed and the run's totals. Where the processor has lanes
 * (model/isa.h) a batch is stepped several runs to a vector, a lane whose
 * run ends taking the next run of the batch; elsewhere one run after the
 * other. Either way every record holds the same bits (the lanes give each
 * run what brink_sim_run gives it), so the ensembles reduce the records
 * of a batch in its order and their results do not depend on the way.
 * Internal to the library. */
#ifndef BRINK_ANALYSIS_RUNNER_H
#define BRINK_ANALYSIS_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "brink/engine.h"
#include "brink/ensemble.h"

/* The engine's variable of each fan (brink_fan_var order). A batch that
 * records these, in this order (this very array), has them read with
 * their dispatch folded away when runs are stepped one at a time. */
extern const brink_var brink_runner_fan_vars[BRINK_FAN_COUNT];

/* One run of a batch and its record. The caller sets policy, run and the
 * buffers; the runner the rest. */
typedef struct {
    int policy;
    uint64_t run;
    double *vals;          /* [n_vars * horizon]: variable k at the end of month m at
                              k * horizon + m (brink_sim_var_on_scale_), or NULL */
    unsigned char *status; /* [horizon]: the run's outcome once it has ended, else its
                              running status (brink_running_status), or NULL */
    uint32_t steps;        /* months observed, 1 .. horizon */
    brink_summary sum;     /* the run's totals at its end */
} brink_runner_job;

typedef struct brink_runner brink_runner;

/* A runner for runs of sc (which must outlive it), in lanes where the
 * processor has them (brink_runner_lanes) unless scalar is set. NULL
 * with *err set when memory runs out. */
brink_runner *brink_runner_alloc(const brink_scenario *sc, int scalar, brink_error *err);
void brink_runner_free(brink_runner *r);

/* Runs stepped at once: the lanes of a vector, or 1. */
int brink_runner_lanes(const brink_runner *r);

/* Runs to give brink_runner_run at a time: 16 to a lane in lanes, 1 one
 * run at a time. */
size_t brink_runner_batch(const brink_runner *r);

/* Runs jobs[0 .. n) with the (seed, run) streams, recording vars[0 ..
 * n_vars) and the status in the first `horizon` months (the scenario's
 * horizon; 0: none). Each run steps to its end, whatever the horizon.
 * BRINK_ERR_INPUT when a run cannot be prepared (a bad policy),
 * BRINK_ERR_RUNTIME when memory runs out; the records are then partial. */
brink_status brink_runner_run(brink_runner *r, uint64_t seed, const brink_var *vars, int n_vars,
                              uint32_t horizon, brink_runner_job *jobs, size_t n, brink_error *err);

/* What a caller sees of each run beyond its record, the same in lanes and
 * one run at a time: start(ctx, i, sim) once job i's run is initialised;
 * month(ctx, i, sim, m) after each month m of it (its m-th step, from 0)
 * for which wants(ctx, i, m) holds, the run's state as brink_sim_step
 * leaves it; end(ctx, i, sim) at its end, the state brink_sim_run leaves.
 * i indexes the jobs given; sim is read only. Any hook may be NULL
 * (month and wants go together). */
typedef struct {
    void (*start)(void *ctx, size_t i, const brink_sim *sim);
    int (*wants)(void *ctx, size_t i, uint32_t m);
    void (*month)(void *ctx, size_t i, const brink_sim *sim, uint32_t m);
    void (*end)(void *ctx, size_t i, const brink_sim *sim);
    void *ctx;
} brink_runner_watch;

/* brink_runner_run, each run watched by w (NULL: as brink_runner_run). A
 * watched month costs a move of a lane's state into its run. */
brink_status brink_runner_run_watched(brink_runner *r, uint64_t seed, const brink_var *vars,
                                      int n_vars, uint32_t horizon, brink_runner_job *jobs,
                                      size_t n, const brink_runner_watch *w, brink_error *err);

#endif
