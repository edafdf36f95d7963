/* Snapshots of ensembles for resuming them (brink/parallel.h). Internal to
 * the library. */
#ifndef BRINK_ANALYSIS_SNAPSHOT_H
#define BRINK_ANALYSIS_SNAPSHOT_H

#include <stdint.h>

#include "brink/parallel.h"
#include "core/pack.h"

/* A snapshot of one ensemble: `job` identifies the ensemble (its inputs),
 * `blocks` the blocks merged, `payload` the packed merged result. */
typedef struct {
    uint64_t job, blocks;
    brink_packer payload;
} brink_snapshot;

/* The next ensemble's number in this process (0, 1, ...), counted while a
 * checkpoint directory is set; -1 without one. */
long brink_snapshot_next(void);
/* Loads snapshot `seq` into s (its payload owned by s: release it with
 * brink_packer_release). Returns 1 when loaded, 0 when there is none, and
 * -1 with err set for a snapshot of another job or a damaged file. */
int brink_snapshot_load(long seq, uint64_t job, brink_snapshot *s, brink_error *err);
/* Writes snapshot `seq` atomically. */
brink_status brink_snapshot_save(long seq, uint64_t job, uint64_t blocks, const void *payload,
                                 size_t n, brink_error *err);
/* Whether a snapshot is due after a block (every block, or every few
 * seconds); restarts the clock when it says yes. */
int brink_snapshot_due(void);

#endif
