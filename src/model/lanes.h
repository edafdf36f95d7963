/* Two doubles to a vector (GCC and clang vector extensions): independent
 * lanes that each compute what a scalar loop over one party or one good
 * would, operation for operation (no reassociation, no contraction), so
 * results are the same to the bit; one instruction does two lanes. */
#ifndef BRINK_MODEL_LANES_H
#define BRINK_MODEL_LANES_H

#include <string.h>

typedef double brink_v2 __attribute__((vector_size(2 * sizeof(double))));

static inline brink_v2 brink_v2_splat(double x)
{
    return (brink_v2){x, x};
}

static inline brink_v2 brink_v2_load(const double *p)
{
    brink_v2 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void brink_v2_store(double *p, brink_v2 v)
{
    memcpy(p, &v, sizeof v);
}

#endif
