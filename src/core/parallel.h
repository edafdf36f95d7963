/* The process-wide transport of brink/parallel.h, and the messages the
 * processes of an ensemble or a farm of tasks exchange. Internal to the library. */
#ifndef BRINK_CORE_PARALLEL_H
#define BRINK_CORE_PARALLEL_H

#include "brink/parallel.h"

/* The transport, or NULL for one process. */
const brink_transport *brink_parallel_transport(void);

/* Sets err to "message passing between processes failed (what)" and
 * returns BRINK_ERR_RUNTIME. */
brink_status brink_parallel_failed(brink_error *err, const char *what);

/* Takes the next message waiting from any process into *buf (of *cap
 * bytes, grown with realloc as needed; free it when done): 1 and (*src,
 * *tag, *n) when one was taken, 0 when none is waiting, -1 with err set
 * when memory ran out or the transport failed. */
int brink_parallel_take(const brink_transport *tr, unsigned char **buf, size_t *cap, int *src,
                        int *tag, size_t *n, brink_error *err);

/* Message tags between the processes of an ensemble. */
enum {
    BRINK_TAG_REQUEST = 1, /* worker -> 0: a block, please (empty) */
    BRINK_TAG_ASSIGN = 2,  /* 0 -> worker: a block index, or none (UINT64_MAX) */
    BRINK_TAG_RESULT = 3,  /* worker -> 0: block index, then its packed accumulators */
    BRINK_TAG_FAILED = 4,  /* worker -> 0: a brink_error */
    /* between the processes of a farm of tasks (analysis/farm.h) */
    BRINK_TAG_TASKS_WANTED = 5, /* worker -> 0: how many tasks it takes at once */
    BRINK_TAG_TASKS_GIVEN = 6,  /* 0 -> worker: first task and count (count 0: none left) */
    BRINK_TAG_TASKS_DONE = 7,   /* worker -> 0: first task, count, then their results */
    BRINK_TAG_TASKS_FAILED = 8, /* worker -> 0: the failed task, then a brink_error */
};

#endif
