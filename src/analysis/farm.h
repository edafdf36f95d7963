/* A farm of independent tasks: the jobs that run many small ensembles (the
 * points of a sweep or a sensitivity design, the cases and claims of
 * `brink claims`, the design points of a calibration) share them out with
 * this, among this process's threads and, with a transport
 * (brink/parallel.h), among the processes of the job. Internal to the
 * library.
 *
 * Task t writes its result, result_size plain bytes (no pointers), into
 * slot t of the caller's array. A result depends only on the task, never on
 * the thread or process that computed it, so the array is the same bytes
 * for any number of threads and processes.
 *
 * - Tasks run on worker threads only, never on the calling thread: an
 *   ensemble a task starts is its thread's alone (not shared out, not
 *   snapshotted), and the calling thread keeps the messages and the
 *   callbacks.
 * - With other processes, process 0 hands out runs of consecutive tasks on
 *   request (as many as the asking process has threads, or, while many are
 *   left, a share of those left: guided self-scheduling) and runs tasks on
 *   its own threads meanwhile; when all are done (or the farm stopped), it
 *   sends every process the outcome (the results, or the failure), so every
 *   process goes on with the same array.
 * - `ready` sees the results in task order: on process 0 as each prefix
 *   completes, on the other processes once, at the end. A non-zero return
 *   stops the farm, as *stop does: no task starts after it, and `done`
 *   counts the prefix of tasks completed.
 * - A failure stops the farm; the error returned is that of the
 *   lowest-numbered task that failed.
 * - With a checkpoint directory set, process 0 snapshots the completed
 *   prefix (every few seconds) and a farm run again with the same `job`
 *   fingerprint resumes from it: the restored tasks are not run again and
 *   `ready` sees them first.
 */
#ifndef BRINK_ANALYSIS_FARM_H
#define BRINK_ANALYSIS_FARM_H

#include <stddef.h>
#include <stdint.h>

#include "brink/analysis_game.h" /* brink_atomic_int */
#include "brink/error.h"

/* Runs task `task` on worker thread `thread` (0 .. threads-1: for per-thread
 * scratch space) into result. */
typedef brink_status (*brink_farm_task_fn)(void *ctx, int thread, uint64_t task, void *result,
                                           brink_error *err);
/* Results [first, first + count) are complete. Non-zero stops the farm. */
typedef int (*brink_farm_ready_fn)(void *ctx, uint64_t first, uint64_t count,
                                   const void *results);

#define BRINK_FARM_MAX_THREADS 256

typedef struct {
    uint64_t tasks;
    size_t result_size;       /* bytes of one result (> 0) */
    int threads;              /* this process's worker threads (1 .. BRINK_FARM_MAX_THREADS) */
    brink_farm_task_fn task;
    brink_farm_ready_fn ready; /* may be NULL */
    void *ctx;
    brink_atomic_int *stop;   /* may be NULL */
    uint64_t job;             /* fingerprint of the inputs, for snapshots */
} brink_farm;

/* Runs the farm into results (tasks * result_size bytes). *done: the tasks
 * complete, a prefix (all of them unless stopped or failed). */
brink_status brink_farm_run(const brink_farm *f, void *results, uint64_t *done,
                            brink_error *err);

#endif
