/* The process-wide transport of brink/parallel.h: which process this is, and
 * how to reach the others. */
#include "core/parallel.h"

#include <pthread.h>
#include <stdlib.h>

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

brink_status brink_parallel_failed(brink_error *err, const char *what)
{
    return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                           "message passing between processes failed (%s)", what);
}

int brink_parallel_take(const brink_transport *tr, unsigned char **buf, size_t *cap, int *src,
                        int *tag, size_t *n, brink_error *err)
{
    if (!tr->probe(tr->user, src, tag, n))
        return 0;
    if (*n > *cap) {
        unsigned char *m = realloc(*buf, *n);
        if (!m) {
            brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
            return -1;
        }
        *buf = m;
        *cap = *n;
    }
    if (tr->recv(tr->user, *src, *tag, *buf, *n) != 0) {
        brink_parallel_failed(err, "receive");
        return -1;
    }
    return 1;
}
