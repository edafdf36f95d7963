/* All Nash equilibria of a bimatrix game by vertex enumeration of the two
 * best-response polytopes (von Stengel, "Computing equilibria for two-person
 * games", 2002):
 *     P = { x >= 0 : B'x <= 1 },  Q = { y >= 0 : A y <= 1 },
 * with A, B made positive. Label i (row i) marks x_i = 0 or (Ay)_i = 1, label
 * m + j (column j) marks (B'x)_j = 1 or y_j = 0. The equilibria are the
 * completely labelled vertex pairs other than (0, 0), normalised. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "brink/game.h"
#include "core/gsl_guard.h"
#include "game/nash_internal.h"

#define DEFAULT_TOL 1e-9
#define DEFAULT_MAX_BASES ((size_t)4000000)
#define SAME_TOL 1e-9 /* probabilities closer than this compare equal */

brink_nash_result *brink_nash_result_alloc(brink_error *err)
{
    brink_nash_result *r = calloc(1, sizeof *r);
    if (!r)
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    return r;
}

static void result_clear(brink_nash_result *r)
{
    free(r->eq);
    free(r->values);
    free(r->indices);
    memset(r, 0, sizeof *r);
}

void brink_nash_result_free(brink_nash_result *r)
{
    if (!r)
        return;
    result_clear(r);
    free(r);
}

/* Maps the payoffs affinely onto [1, 11] (equilibria are invariant under
 * positive affine maps of each player's payoffs): positive, as the polytopes
 * need, and the same scale for every game, so one tolerance fits all.
 * Extreme payoffs must not overflow: the range of payoffs near +-1e308 is
 * infinite (then halves are used), and 10 / range is infinite for a range
 * of subnormals (then the division comes first). */
static void scale_payoffs(const double *src, size_t cells, double *dst)
{
    double lo = src[0], hi = src[0];
    for (size_t c = 1; c < cells; c++) {
        lo = fmin(lo, src[c]);
        hi = fmax(hi, src[c]);
    }
    double range = hi - lo, f = hi > lo ? 10.0 / range : 0.0;
    for (size_t c = 0; c < cells; c++) {
        if (isinf(range))
            dst[c] = 1.0 + 10.0 * ((0.5 * src[c] - 0.5 * lo) / (0.5 * hi - 0.5 * lo));
        else if (isinf(f))
            dst[c] = 1.0 + 10.0 * ((src[c] - lo) / range);
        else
            dst[c] = 1.0 + (src[c] - lo) * f;
    }
}

/* Work per basis grows with the size: shrink the default budget with it so
 * that hopeless games fail within seconds rather than hours. */
static size_t default_max_bases(int m, int n)
{
    double d = fmax(12.0, (double)(m > n ? m : n));
    double b = (double)DEFAULT_MAX_BASES * pow(12.0 / d, 2.0);
    return b < 10000.0 ? 10000 : (size_t)b;
}

/* One equilibrium found, before sorting: x then y, m + n values. */
typedef struct {
    const double *v;
    int len;
} candidate;

static int cmp_candidate(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    for (int i = 0; i < a->len; i++) {
        double d = a->v[i] - b->v[i];
        if (d > SAME_TOL)
            return -1;
        if (d < -SAME_TOL)
            return 1;
    }
    return 0;
}

typedef struct {
    nash_mask label;
    size_t vertex;
} labelled;

static int cmp_labelled(const void *pa, const void *pb)
{
    const labelled *a = pa, *b = pb;
    for (int w = 1; w >= 0; w--)
        if (a->label.w[w] != b->label.w[w])
            return a->label.w[w] < b->label.w[w] ? -1 : 1;
    return 0;
}

/* Growable list of candidate equilibria, m + n values each. */
typedef struct {
    double *v;
    size_t count, cap;
    int len;
} cand_list;

static bool cand_push(cand_list *c, const double *x, int m, const double *y, int n)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        double *v = realloc(c->v, cap * (size_t)c->len * sizeof *v);
        if (!v)
            return false;
        c->v = v;
        c->cap = cap;
    }
    double *dst = c->v + c->count * (size_t)c->len;
    double sx = 0.0, sy = 0.0;
    for (int i = 0; i < m; i++)
        sx += x[i];
    for (int j = 0; j < n; j++)
        sy += y[j];
    for (int i = 0; i < m; i++)
        dst[i] = x[i] / sx;
    for (int j = 0; j < n; j++)
        dst[m + j] = y[j] / sy;
    c->count++;
    return true;
}

static nash_mask q_labels(const nash_mask *zero, int m, int n)
{
    /* Q's variables: y_j (j < n) carry label m + j, slack s_i label i. */
    nash_mask l = {{0, 0}};
    for (int j = 0; j < n; j++)
        if (nash_mask_has(zero, j))
            nash_mask_set(&l, m + j);
    for (int i = 0; i < m; i++)
        if (nash_mask_has(zero, n + i))
            nash_mask_set(&l, i);
    return l;
}

static brink_status validate(const brink_game *g, brink_error *err)
{
    if (!g || g->m < 1 || g->n < 1 || g->m > BRINK_GAME_MAX_STRATEGIES ||
        g->n > BRINK_GAME_MAX_STRATEGIES || !g->a || !g->b)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "malformed game");
    size_t cells = (size_t)g->m * (size_t)g->n;
    for (size_t c = 0; c < cells; c++)
        if (!isfinite(g->a[c]) || !isfinite(g->b[c]))
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "payoff of %s at [%zu][%zu] is not finite",
                                   isfinite(g->a[c]) ? "column player" : "row player",
                                   c / (size_t)g->n, c % (size_t)g->n);
    return BRINK_OK;
}

/* Moves the sorted, deduplicated candidates into r. */
static brink_status fill_result(const brink_game *g, cand_list *c, size_t max_keep,
                                brink_nash_result *r, brink_error *err)
{
    const int m = g->m, n = g->n, len = m + n;
    candidate *order = malloc((c->count ? c->count : 1) * sizeof *order);
    if (!order)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    for (size_t e = 0; e < c->count; e++)
        order[e] = (candidate){c->v + e * (size_t)len, len};
    qsort(order, c->count, sizeof *order, cmp_candidate);
    size_t kept = 0;
    for (size_t e = 0; e < c->count; e++)
        if (kept == 0 || cmp_candidate(&order[kept - 1], &order[e]) != 0)
            order[kept++] = order[e];

    size_t slots = kept < max_keep ? kept : max_keep;
    if (slots == 0)
        slots = 1;
    r->eq = calloc(slots, sizeof *r->eq);
    r->values = malloc(slots * (size_t)len * sizeof *r->values);
    r->indices = malloc(slots * (size_t)len * sizeof *r->indices);
    if (!r->eq || !r->values || !r->indices) {
        free(order);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    r->cap = slots;
    r->count = kept < max_keep ? kept : max_keep;
    r->total = kept;
    for (size_t e = 0; e < r->count; e++) {
        brink_equilibrium *q = &r->eq[e];
        q->x = r->values + e * (size_t)len;
        q->y = q->x + m;
        memcpy(q->x, order[e].v, (size_t)len * sizeof *q->x);
        q->support[0] = r->indices + e * (size_t)len;
        q->support[1] = q->support[0] + m;
        q->support_size[0] = q->support_size[1] = 0;
        for (int i = 0; i < m; i++)
            if (q->x[i] > 0.0)
                q->support[0][q->support_size[0]++] = i;
        for (int j = 0; j < n; j++)
            if (q->y[j] > 0.0)
                q->support[1][q->support_size[1]++] = j;
        double ua = 0.0, ub = 0.0;
        for (int i = 0; i < m; i++) {
            if (q->x[i] == 0.0)
                continue;
            double ra = 0.0, rb = 0.0;
            for (int j = 0; j < n; j++) {
                ra += g->a[(size_t)i * (size_t)n + (size_t)j] * q->y[j];
                rb += g->b[(size_t)i * (size_t)n + (size_t)j] * q->y[j];
            }
            ua += q->x[i] * ra;
            ub += q->x[i] * rb;
        }
        q->payoff[0] = ua;
        q->payoff[1] = ub;
    }
    free(order);
    return BRINK_OK;
}

brink_status brink_nash_enumerate(const brink_game *g, const brink_nash_options *opt,
                                  brink_nash_result *r, brink_error *err)
{
    brink_gsl_guard();
    if (!r)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "no result");
    result_clear(r);
    brink_status st = validate(g, err);
    if (st != BRINK_OK)
        return st;
    const int m = g->m, n = g->n;
    const size_t cells = (size_t)m * (size_t)n;
    double tol = opt && opt->tol > 0.0 ? opt->tol : DEFAULT_TOL;
    size_t max_bases = opt && opt->max_bases ? opt->max_bases : default_max_bases(m, n);

    nash_poly P, Q;
    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    cand_list cand = {NULL, 0, 0, m + n};
    labelled *qsorted = NULL;
    double *sa = malloc(cells * sizeof *sa);
    double *sbt = malloc(cells * sizeof *sbt);
    double *sb = malloc(cells * sizeof *sb);
    if (!sa || !sbt || !sb) {
        st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        goto done;
    }
    scale_payoffs(g->a, cells, sa);
    scale_payoffs(g->b, cells, sb);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
            sbt[(size_t)j * (size_t)m + (size_t)i] = sb[(size_t)i * (size_t)n + (size_t)j];

    if ((st = nash_poly_init(&P, n, m, err)) != BRINK_OK ||
        (st = nash_poly_init(&Q, m, n, err)) != BRINK_OK ||
        (st = nash_poly_vertices(&P, sbt, tol, max_bases, err)) != BRINK_OK ||
        (st = nash_poly_vertices(&Q, sa, tol, max_bases, err)) != BRINK_OK)
        goto done;

    r->m = m;
    r->n = n;
    r->degenerate = P.degenerate || Q.degenerate;
    r->vertices[0] = P.nvert;
    r->vertices[1] = Q.nvert;
    r->bases = P.nbases + Q.nbases;

    nash_mask full = {{0, 0}};
    for (int l = 0; l < m + n; l++)
        nash_mask_set(&full, l);
    /* Vertex 0 of each polytope is its origin, never part of an equilibrium. */
    qsorted = malloc(Q.nvert * sizeof *qsorted);
    if (!qsorted) {
        st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        goto done;
    }
    size_t nq = 0;
    for (size_t v = 1; v < Q.nvert; v++)
        qsorted[nq++] = (labelled){q_labels(&Q.vzero[v], m, n), v};
    if (!r->degenerate) {
        /* Each vertex has exactly m (P) or n (Q) labels: its partner, if
         * any, has exactly the complementary label set. */
        qsort(qsorted, nq, sizeof *qsorted, cmp_labelled);
        for (size_t v = 1; v < P.nvert; v++) {
            labelled key = {{{full.w[0] & ~P.vzero[v].w[0], full.w[1] & ~P.vzero[v].w[1]}}, 0};
            const labelled *hit = bsearch(&key, qsorted, nq, sizeof *qsorted, cmp_labelled);
            if (hit && !cand_push(&cand, P.vcoord + v * (size_t)m, m,
                                  Q.vcoord + hit->vertex * (size_t)n, n))
                goto oom;
        }
    } else {
        for (size_t v = 1; v < P.nvert; v++)
            for (size_t w = 0; w < nq; w++) {
                const nash_mask *lp = &P.vzero[v], *lq = &qsorted[w].label;
                if ((lp->w[0] | lq->w[0]) == full.w[0] &&
                    (lp->w[1] | lq->w[1]) == full.w[1] &&
                    !cand_push(&cand, P.vcoord + v * (size_t)m, m,
                               Q.vcoord + qsorted[w].vertex * (size_t)n, n))
                    goto oom;
            }
    }
    st = fill_result(g, &cand, opt && opt->max_equilibria ? opt->max_equilibria : SIZE_MAX,
                     r, err);
    goto done;
oom:
    st = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
done:
    if (st != BRINK_OK)
        result_clear(r);
    nash_poly_release(&P);
    nash_poly_release(&Q);
    free(qsorted);
    free(cand.v);
    free(sa);
    free(sbt);
    free(sb);
    return st;
}
