/* The process-wide transport of brink/parallel.h: which process this is, and
 * how to reach the others. */
#include "core/parallel.h"

static brink_transport transport;
static int have_transport;

void brink_parallel_set(const brink_transport *t)
{
    have_transport = t && t->size > 1;
    if (have_transport)
        transport = *t;
}

const brink_transport *brink_parallel_transport(void)
{
    return have_transport ? &transport : NULL;
}

int brink_parallel_rank(void)
{
    return have_transport ? transport.rank : 0;
}

int brink_parallel_size(void)
{
    return have_transport ? transport.size : 1;
}
