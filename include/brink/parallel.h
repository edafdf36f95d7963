/* brink: running one job over several processes, and resuming a job.
 *
 * libbrink does not depend on MPI. A program that runs as several processes
 * (the `brink` command under mpirun does, with Open MPI) describes how its
 * processes exchange messages with a brink_transport and hands it over with
 * brink_parallel_set. From then on every process runs the same sequence of
 * library calls (the same command on the same input), and each ensemble
 * (brink_ensemble_run, and the commands built on it) is shared out among
 * them:
 *
 * - The runs are cut into blocks of BRINK_ENSEMBLE_BLOCK chunks. Process 0
 *   hands blocks out on request, in order, to whichever process asks first
 *   (a dynamic queue: a process that finishes early takes more), and
 *   simulates blocks itself on its own threads meanwhile.
 * - A process simulates its block on its threads, reduces it (chunks in
 *   order) and sends the block's accumulators to process 0, which merges the
 *   blocks strictly in block order.
 * - Process 0 then sends the merged result to every process, so all of them
 *   go on with the same result.
 * The order of every floating-point reduction is fixed by the block and
 * chunk structure alone, so every result is bitwise identical for any number
 * of processes and threads, and equal to that of a single process.
 *
 * Resuming: with a checkpoint directory set (brink_parallel_set_checkpoint),
 * process 0 writes, as blocks are merged, a snapshot of each ensemble's
 * merged result so far (one file per ensemble, numbered in call order,
 * replaced atomically). Run again with the same directory, the same command
 * continues each ensemble from its snapshot and produces the same bytes as
 * an uninterrupted run; a snapshot of another job (another scenario, seed,
 * number of runs or policies) is refused.
 *
 * Both settings are process-wide; set them before any ensemble starts, from
 * the thread that will run the ensembles: an ensemble started on another
 * thread (inside a caller's own thread pool) is neither shared out nor
 * snapshotted. See docs/cluster.md.
 */
#ifndef BRINK_PARALLEL_H
#define BRINK_PARALLEL_H

#include <stddef.h>

#include "brink/error.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Message passing between the processes of one job. Each function returns 0
 * on success and non-zero on failure; all are called from the thread that
 * called the library (never from worker threads). */
typedef struct {
    int rank; /* this process: 0 .. size-1; process 0 coordinates */
    int size; /* processes in the job, >= 1 */
    void *user;
    /* Sends n bytes to process dest with a tag (0..255); may block until
     * the receiver takes the message. */
    int (*send)(void *user, int dest, int tag, const void *buf, size_t n);
    /* Without blocking: 1 and (*src, *tag, *n) when a message from any
     * process is waiting, 0 when none is. */
    int (*probe)(void *user, int *src, int *tag, size_t *n);
    /* Waits for a message from src with tag, of n bytes, into buf. */
    int (*recv)(void *user, int src, int tag, void *buf, size_t n);
    /* Process 0's n bytes of buf to every process (all call it with the
     * same n). */
    int (*bcast)(void *user, void *buf, size_t n);
} brink_transport;

/* Shares later ensembles among the processes of t (copied); NULL, or a
 * transport of size 1, goes back to one process. */
void brink_parallel_set(const brink_transport *t);
/* This process's rank (0 without a transport) and the number of processes. */
int brink_parallel_rank(void);
int brink_parallel_size(void);

/* Snapshots of ensembles go to (and are resumed from) directory dir, created
 * if missing; NULL stops. Fails (BRINK_ERR_INPUT) for a path that is not a
 * directory or cannot be created. Only process 0 reads and writes it. */
brink_status brink_parallel_set_checkpoint(const char *dir, brink_error *err);
/* Seconds between snapshots of one ensemble (default 10; 0: after every
 * block). The bytes of every result are the same whatever the interval. */
void brink_parallel_set_snapshot_interval(double seconds);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
