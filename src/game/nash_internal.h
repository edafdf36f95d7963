/* Vertex enumeration of a best-response polytope
 *     { z = (u, s) >= 0 : M u + s = 1 },  M (d x k) positive,
 * shared by the equilibrium enumerator. Variables are numbered 0..k-1 for u
 * and k..k+d-1 for the slacks s. */
#ifndef BRINK_GAME_NASH_INTERNAL_H
#define BRINK_GAME_NASH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "brink/error.h"

/* A set of at most 128 variables. */
typedef struct {
    uint64_t w[2];
} nash_mask;

typedef struct {
    /* problem */
    int d, k;
    const double *M;          /* d x k, row-major */
    double tol;
    size_t max_bases;
    /* result: vertices in discovery order; vertex 0 is the origin */
    size_t nvert;
    nash_mask *vzero;         /* variables equal to zero at each vertex */
    double *vcoord;           /* u at each vertex, k per vertex */
    bool degenerate;          /* some vertex has more than k zero variables */
    size_t nbases;            /* feasible bases visited */
    /* workspace */
    nash_mask *basis;         /* bases found, also the search queue */
    size_t basis_cap, vert_cap, coord_cap;
    uint32_t *bhash, *vhash;  /* open addressing, index + 1, 0 empty */
    size_t bhash_cap, vhash_cap;
    double *lu, *xb, *col;
    size_t *perm;
    int *bv, *nb;
} nash_poly;

/* Prepares p for polytopes of up to d equations and k variables. */
brink_status nash_poly_init(nash_poly *p, int d, int k, brink_error *err);
void nash_poly_release(nash_poly *p);

/* Enumerates every vertex of the polytope of M (d x k as given to init) by a
 * breadth-first search over its feasible bases. */
brink_status nash_poly_vertices(nash_poly *p, const double *M, double tol,
                                size_t max_bases, brink_error *err);

static inline void nash_mask_set(nash_mask *m, int bit)
{
    m->w[bit >> 6] |= (uint64_t)1 << (bit & 63);
}
static inline bool nash_mask_has(const nash_mask *m, int bit)
{
    return (m->w[bit >> 6] >> (bit & 63)) & 1u;
}
static inline bool nash_mask_eq(const nash_mask *a, const nash_mask *b)
{
    return a->w[0] == b->w[0] && a->w[1] == b->w[1];
}
static inline uint64_t nash_mask_hash(const nash_mask *m)
{
    uint64_t h = m->w[0] * 0x9E3779B97F4A7C15u ^ (m->w[1] + 0x632BE59BD9B4E019u);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 29);
}

#endif
