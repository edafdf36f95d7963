/* The process-wide transport of brink/parallel.h: which process this is, and
 * how to reach the others. */
#include "core/parallel.h"

#include <pthread.h>

static brink_transport transport;
static int have_transport;
static pthread_t owner; /* the thread that set the transport */

void brink_parallel_set(const brink_transport *t)
{
    have_transport = t && t->size > 1;
    if (have_transport) {
        transport = *t;
        owner = pthread_self();
    }
}

const brink_transport *brink_parallel_transport(void)
{
    /* an ensemble started on another thread (inside a command's own thread
     * pool) is this process's alone: only one thread passes messages */
    return have_transport && pthread_equal(owner, pthread_self()) ? &transport : NULL;
}

int brink_parallel_rank(void)
{
    return have_transport ? transport.rank : 0;
}

int brink_parallel_size(void)
{
    return have_transport ? transport.size : 1;
}
