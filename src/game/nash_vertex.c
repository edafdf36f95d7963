/* Vertex enumeration of best-response polytopes by breadth-first search over
 * feasible bases. Each basis is solved afresh with an LU factorisation rather
 * than by updating a tableau, so rounding does not accumulate along the
 * search. Degenerate vertices are reached through all their feasible bases
 * (the graph of feasible bases is connected); vertices are identified by
 * their sets of zero variables, which determine them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "game/nash_internal.h"

static brink_status oom(brink_error *err)
{
    return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
}

brink_status nash_poly_init(nash_poly *p, int d, int k, brink_error *err)
{
    memset(p, 0, sizeof *p);
    p->d = d;
    p->k = k;
    size_t dd = (size_t)d;
    p->lu = malloc(dd * dd * sizeof *p->lu);
    p->xb = malloc(dd * sizeof *p->xb);
    p->col = malloc(dd * sizeof *p->col);
    p->perm = malloc(dd * sizeof *p->perm);
    p->bv = malloc(dd * sizeof *p->bv);
    p->nb = malloc((size_t)k * sizeof *p->nb);
    if (!p->lu || !p->xb || !p->col || !p->perm || !p->bv || !p->nb) {
        nash_poly_release(p);
        return oom(err);
    }
    return BRINK_OK;
}

void nash_poly_release(nash_poly *p)
{
    free(p->vzero);
    free(p->vcoord);
    free(p->basis);
    free(p->bhash);
    free(p->vhash);
    free(p->lu);
    free(p->xb);
    free(p->col);
    free(p->perm);
    free(p->bv);
    free(p->nb);
    memset(p, 0, sizeof *p);
}

/* Rebuilds an open-addressing table of `cap` slots over keys[0..n). */
static bool rehash(uint32_t **table, size_t *cap, size_t want, const nash_mask *keys,
                   size_t n)
{
    uint32_t *t = calloc(want, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t h = (size_t)nash_mask_hash(&keys[i]) & (want - 1);
        while (t[h])
            h = (h + 1) & (want - 1);
        t[h] = (uint32_t)(i + 1);
    }
    free(*table);
    *table = t;
    *cap = want;
    return true;
}

/* Looks key up in keys[] through table; returns its index, or inserts it
 * (appending to keys, growing both) and sets *added. -1 when out of memory. */
static long intern(uint32_t **table, size_t *tcap, nash_mask **keys, size_t *n,
                   size_t *kcap, const nash_mask *key, bool *added)
{
    *added = false;
    if (*tcap) {
        size_t h = (size_t)nash_mask_hash(key) & (*tcap - 1);
        while ((*table)[h]) {
            size_t i = (*table)[h] - 1;
            if (nash_mask_eq(&(*keys)[i], key))
                return (long)i;
            h = (h + 1) & (*tcap - 1);
        }
    }
    if (*n + 1 > UINT32_MAX - 1)
        return -1;
    if (*n + 1 > *kcap) {
        size_t c = *kcap ? 2 * *kcap : 64;
        nash_mask *k2 = realloc(*keys, c * sizeof *k2);
        if (!k2)
            return -1;
        *keys = k2;
        *kcap = c;
    }
    if (2 * (*n + 1) > *tcap) {
        size_t c = *tcap ? 2 * *tcap : 256;
        while (2 * (*n + 1) > c)
            c *= 2;
        if (!rehash(table, tcap, c, *keys, *n))
            return -1;
    }
    (*keys)[*n] = *key;
    size_t h = (size_t)nash_mask_hash(key) & (*tcap - 1);
    while ((*table)[h])
        h = (h + 1) & (*tcap - 1);
    (*table)[h] = (uint32_t)(*n + 1);
    *added = true;
    return (long)(*n)++;
}

/* Column of variable v of [M I] into out (d entries). */
static void column(const nash_poly *p, int v, double *out)
{
    if (v < p->k) {
        for (int r = 0; r < p->d; r++)
            out[r] = p->M[(size_t)r * (size_t)p->k + (size_t)v];
    } else {
        memset(out, 0, (size_t)p->d * sizeof *out);
        out[v - p->k] = 1.0;
    }
}

brink_status nash_poly_vertices(nash_poly *p, const double *M, double tol,
                                size_t max_bases, brink_error *err)
{
    const int d = p->d, k = p->k;
    p->M = M;
    p->tol = tol;
    p->max_bases = max_bases;
    p->nvert = 0;
    p->nbases = 0;
    p->degenerate = false;
    if (p->bhash)
        memset(p->bhash, 0, p->bhash_cap * sizeof *p->bhash);
    if (p->vhash)
        memset(p->vhash, 0, p->vhash_cap * sizeof *p->vhash);

    gsl_matrix_view lu = gsl_matrix_view_array(p->lu, (size_t)d, (size_t)d);
    gsl_vector_view xb = gsl_vector_view_array(p->xb, (size_t)d);
    gsl_vector_view col = gsl_vector_view_array(p->col, (size_t)d);
    gsl_permutation perm = {(size_t)d, p->perm};

    nash_mask start = {{0, 0}};
    for (int v = k; v < k + d; v++)
        nash_mask_set(&start, v);
    bool added;
    if (intern(&p->bhash, &p->bhash_cap, &p->basis, &p->nbases, &p->basis_cap, &start,
               &added) < 0)
        return oom(err);

    for (size_t head = 0; head < p->nbases; head++) {
        if (p->nbases > max_bases)
            return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                                   "more than %zu feasible bases: game too large "
                                   "or too degenerate", max_bases);
        const nash_mask basis = p->basis[head];
        int nbv = 0, nnb = 0;
        for (int v = 0; v < k + d; v++) {
            if (nash_mask_has(&basis, v))
                p->bv[nbv++] = v;
            else
                p->nb[nnb++] = v;
        }
        for (int r = 0; r < d; r++) {
            column(p, p->bv[r], p->col);
            for (int i = 0; i < d; i++)
                p->lu[(size_t)i * (size_t)d + (size_t)r] = p->col[i];
        }
        int signum;
        gsl_linalg_LU_decomp(&lu.matrix, &perm, &signum);
        /* A pivot this small means a numerically singular basis, which a
         * correct pivot from a regular one cannot produce: skip it. */
        bool singular = false;
        for (int i = 0; i < d; i++)
            if (fabs(p->lu[(size_t)i * (size_t)d + (size_t)i]) < 1e-11)
                singular = true;
        if (singular)
            continue;
        for (int i = 0; i < d; i++)
            p->xb[i] = 1.0;
        gsl_linalg_LU_svx(&lu.matrix, &perm, &xb.vector);

        nash_mask zero = {{0, 0}};
        bool feasible = true, degen = false;
        for (int j = 0; j < nnb; j++)
            nash_mask_set(&zero, p->nb[j]);
        for (int r = 0; r < d; r++) {
            if (p->xb[r] < -tol)
                feasible = false;
            if (p->xb[r] <= tol) {
                p->xb[r] = 0.0;
                nash_mask_set(&zero, p->bv[r]);
                degen = true;
            }
        }
        if (!feasible)
            continue;
        if (degen)
            p->degenerate = true;
        long vi = intern(&p->vhash, &p->vhash_cap, &p->vzero, &p->nvert, &p->vert_cap,
                         &zero, &added);
        if (vi < 0)
            return oom(err);
        if (added) {
            if (p->nvert > p->coord_cap) {
                size_t c = p->vert_cap;
                double *g = realloc(p->vcoord, c * (size_t)k * sizeof *g);
                if (!g)
                    return oom(err);
                p->vcoord = g;
                p->coord_cap = c;
            }
            double *u = p->vcoord + (size_t)vi * (size_t)k;
            memset(u, 0, (size_t)k * sizeof *u);
            for (int r = 0; r < d; r++)
                if (p->bv[r] < k)
                    u[p->bv[r]] = p->xb[r];
        }

        /* Pivots: each nonbasic variable enters; every row attaining the
         * minimum ratio may leave (several only at a degenerate vertex). */
        for (int j = 0; j < nnb; j++) {
            int e = p->nb[j];
            column(p, e, p->col);
            gsl_linalg_LU_svx(&lu.matrix, &perm, &col.vector);
            double theta = HUGE_VAL;
            for (int r = 0; r < d; r++)
                if (p->col[r] > tol && p->xb[r] / p->col[r] < theta)
                    theta = p->xb[r] / p->col[r];
            if (theta == HUGE_VAL)
                continue; /* a ray: impossible for these bounded polytopes */
            for (int r = 0; r < d; r++) {
                if (p->col[r] <= tol || p->xb[r] / p->col[r] > theta + tol)
                    continue;
                nash_mask next = basis;
                next.w[p->bv[r] >> 6] ^= (uint64_t)1 << (p->bv[r] & 63);
                nash_mask_set(&next, e);
                if (intern(&p->bhash, &p->bhash_cap, &p->basis, &p->nbases,
                           &p->basis_cap, &next, &added) < 0)
                    return oom(err);
            }
        }
    }
    return BRINK_OK;
}
