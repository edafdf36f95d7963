/* The process-wide transport of brink/parallel.h, and the messages the
 * processes of an ensemble exchange. Internal to the library. */
#ifndef BRINK_CORE_PARALLEL_H
#define BRINK_CORE_PARALLEL_H

#include "brink/parallel.h"

/* The transport, or NULL for one process. */
const brink_transport *brink_parallel_transport(void);

/* Message tags between the processes of an ensemble. */
enum {
    BRINK_TAG_REQUEST = 1, /* worker -> 0: a block, please (empty) */
    BRINK_TAG_ASSIGN = 2,  /* 0 -> worker: a block index, or none (UINT64_MAX) */
    BRINK_TAG_RESULT = 3,  /* worker -> 0: block index, then its packed accumulators */
    BRINK_TAG_FAILED = 4,  /* worker -> 0: a brink_error */
};

#endif
