/* brink: one trajectory, as `brink run` simulates and reports it.
 *
 * brink_run_simulate steps one run of a scenario to its end and keeps every
 * month's state, the events and the summary; the writers turn it into the
 * JSON summary (what `brink run --format json` prints and summary.json
 * holds) and the files of `brink run --out DIR`. Every byte is a pure
 * function of (scenario, policy, seed, draw).
 *
 * Ownership: the caller frees what brink_run_simulate returns with
 * brink_run_free; the scenario must outlive it. */
#ifndef BRINK_RUN_H
#define BRINK_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "brink/engine.h"
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

typedef struct {
    int policy;            /* the policy the run started with */
    int final_policy;      /* the policy in force at the end */
    uint64_t seed;
    int draw;              /* 1: drawn values, 0: the scenario's point values */
    int months;            /* rows: the state at the start of month 0, ..., months - 1 */
    double *rows;          /* months x BRINK_VAR_COUNT, row by row (brink_var order) */
    brink_event *events;
    size_t n_events;
    brink_summary summary;
} brink_run_result;

/* Simulates run 0 of (seed) under `policy` with point values (draw = 0) or
 * drawn values (draw = 1). On failure *result is NULL. */
brink_status brink_run_simulate(const brink_scenario *sc, int policy, uint64_t seed, int draw,
                                brink_run_result **result, brink_error *err);
void brink_run_free(brink_run_result *r);

/* The state variable v at the start of month t. */
static inline double brink_run_value(const brink_run_result *r, int t, brink_var v)
{
    return r->rows[(size_t)t * BRINK_VAR_COUNT + (size_t)v];
}

/* The JSON summary: scenario, policies, seed, outcome, totals and each
 * event with its sentence (brink_event_describe), indented, then a newline. */
brink_status brink_run_write_json(const brink_scenario *sc, const brink_run_result *r,
                                  FILE *out, brink_error *err);

/* Writes monthly.csv (every variable, each month, with its date),
 * events.csv and summary.json into dir, as one atomic set: dir holds the
 * complete set of this run or, after a failure, what it held before; other
 * files of dir are kept. */
extern const char *const brink_run_files[];
brink_status brink_run_write_dir(const brink_scenario *sc, const brink_run_result *r,
                                 const char *dir, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
