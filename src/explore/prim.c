/* PRIM, the patient rule induction method (Friedman and Fisher 1999), for
 * scenario discovery (include/brink/explore.h, docs/exploration.md). */
#include "brink/explore.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "explore/explore_internal.h"

void brink_prim_config_init(brink_prim_config *cfg)
{
    cfg->peel_alpha = 0.05;
    cfg->paste_alpha = 0.05;
    cfg->min_mass = 0.05;
    cfg->min_coverage = 0.5;
    cfg->density_slack = 0.02;
    cfg->paste = 1;
    cfg->prune_p = 0.05;
}

typedef struct {
    int n, d, n_pos;
    const double *x;
    const unsigned char *y;
    double *min, *max; /* d: the data's range */
    double *v;         /* n: scratch */
} prim_data;

static int inside(const prim_data *p, int i, const double *lo, const double *hi, int skip)
{
    const double *xi = p->x + (size_t)i * (size_t)p->d;
    for (int j = 0; j < p->d; j++)
        if (j != skip && (xi[j] < lo[j] || xi[j] > hi[j]))
            return 0;
    return 1;
}

/* Points inside [lo, hi] (dimension `skip` unrestricted; -1: none) and how
 * many of them meet the condition. */
static void count_box(const prim_data *p, const double *lo, const double *hi, int skip,
                      int *n_in, int *n_pos)
{
    int a = 0, b = 0;
    for (int i = 0; i < p->n; i++)
        if (inside(p, i, lo, hi, skip)) {
            a++;
            b += p->y[i] != 0;
        }
    *n_in = a;
    *n_pos = b;
}

static double density_of(int n_in, int n_pos)
{
    return n_in > 0 ? (double)n_pos / n_in : 0.0;
}

static int box_alloc(brink_prim_box *b, int d)
{
    b->lo = malloc(sizeof(double) * (size_t)d);
    b->hi = malloc(sizeof(double) * (size_t)d);
    b->restricted = calloc((size_t)d, 1);
    return b->lo && b->hi && b->restricted ? 0 : -1;
}

static void box_release(brink_prim_box *b)
{
    free(b->lo);
    free(b->hi);
    free(b->restricted);
}

static void box_fill(const prim_data *p, brink_prim_box *b, const double *lo, const double *hi)
{
    memcpy(b->lo, lo, sizeof(double) * (size_t)p->d);
    memcpy(b->hi, hi, sizeof(double) * (size_t)p->d);
    for (int j = 0; j < p->d; j++)
        b->restricted[j] = lo[j] > p->min[j] || hi[j] < p->max[j];
    count_box(p, lo, hi, -1, &b->n_in, &b->n_pos);
    b->density = density_of(b->n_in, b->n_pos);
    b->coverage = p->n_pos > 0 ? (double)b->n_pos / p->n_pos : 0.0;
    b->mass = (double)b->n_in / p->n;
}

/* One peeling step from [lo, hi]: the cut of alpha of the box's points,
 * from below or above in one dimension, that leaves the densest box. Returns
 * 0 and the new limits, or -1 when no cut is possible or the box left would
 * hold less than min_mass. */
static int peel_once(const prim_data *p, const brink_prim_config *cfg, double *lo, double *hi)
{
    int best_j = -1, best_side = 0;
    double best_cut = 0, best_den = -1;
    for (int j = 0; j < p->d; j++) {
        int m = 0;
        for (int i = 0; i < p->n; i++)
            if (inside(p, i, lo, hi, -1))
                p->v[m++] = p->x[(size_t)i * (size_t)p->d + (size_t)j];
        if (m < 2)
            return -1;
        gsl_sort(p->v, 1, (size_t)m);
        int k = (int)floor(cfg->peel_alpha * m);
        k = k < 1 ? 1 : k;
        for (int side = 0; side < 2; side++) {
            double cut = side == 0 ? p->v[k] : p->v[m - 1 - k];
            if (side == 0 ? cut <= p->v[0] : cut >= p->v[m - 1])
                continue; /* ties: nothing would go */
            double olo = lo[j], ohi = hi[j];
            if (side == 0)
                lo[j] = cut;
            else
                hi[j] = cut;
            int n_in, n_pos;
            count_box(p, lo, hi, -1, &n_in, &n_pos);
            lo[j] = olo;
            hi[j] = ohi;
            double den = density_of(n_in, n_pos);
            if ((double)n_in >= cfg->min_mass * p->n && den > best_den) {
                best_den = den;
                best_j = j;
                best_side = side;
                best_cut = cut;
            }
        }
    }
    if (best_j < 0)
        return -1;
    if (best_side == 0)
        lo[best_j] = best_cut;
    else
        hi[best_j] = best_cut;
    return 0;
}

/* Pasting: widens one limit at a time by paste_alpha of the box's points
 * while that raises the density. */
static void paste(const prim_data *p, const brink_prim_config *cfg, double *lo, double *hi)
{
    int n_in, n_pos;
    count_box(p, lo, hi, -1, &n_in, &n_pos);
    for (;;) {
        double cur = density_of(n_in, n_pos), best_den = cur, best_lim = 0;
        int best_j = -1, best_side = 0, best_in = 0, best_pos = 0;
        int k = (int)floor(cfg->paste_alpha * n_in);
        k = k < 1 ? 1 : k;
        for (int j = 0; j < p->d; j++)
            for (int side = 0; side < 2; side++) {
                int m = 0;
                for (int i = 0; i < p->n; i++) {
                    double xij = p->x[(size_t)i * (size_t)p->d + (size_t)j];
                    if ((side == 0 ? xij < lo[j] : xij > hi[j]) && inside(p, i, lo, hi, j))
                        p->v[m++] = side == 0 ? -xij : xij;
                }
                if (m == 0)
                    continue;
                gsl_sort(p->v, 1, (size_t)m);
                double lim = p->v[(k < m ? k : m) - 1];
                double olo = lo[j], ohi = hi[j];
                if (side == 0)
                    lo[j] = -lim;
                else
                    hi[j] = lim;
                int a, b;
                count_box(p, lo, hi, -1, &a, &b);
                lo[j] = olo;
                hi[j] = ohi;
                double den = density_of(a, b);
                if (den > best_den) {
                    best_den = den;
                    best_j = j;
                    best_side = side;
                    best_lim = side == 0 ? -lim : lim;
                    best_in = a;
                    best_pos = b;
                }
            }
        if (best_j < 0)
            return;
        if (best_side == 0)
            lo[best_j] = best_lim;
        else
            hi[best_j] = best_lim;
        n_in = best_in;
        n_pos = best_pos;
    }
}

/* For each restricted dimension of b: the one-sided p-value that the box
 * holds at least its n_pos points meeting the condition when its n_in points
 * are drawn at random from the box without that restriction
 * (hypergeometric); NaN where unrestricted. */
static void p_values(const prim_data *p, const brink_prim_box *b, double *pv)
{
    for (int j = 0; j < p->d; j++) {
        pv[j] = NAN;
        if (!b->restricted[j])
            continue;
        int n_wide, pos_wide;
        count_box(p, b->lo, b->hi, j, &n_wide, &pos_wide);
        pv[j] = b->n_pos == 0 ? 1.0
                              : gsl_cdf_hypergeometric_Q((unsigned)(b->n_pos - 1),
                                                         (unsigned)pos_wide,
                                                         (unsigned)(n_wide - pos_wide),
                                                         (unsigned)b->n_in);
    }
}

void brink_prim_result_free(brink_prim_result *r)
{
    if (!r)
        return;
    for (int s = 0; s < r->n_steps; s++)
        box_release(&r->step[s]);
    free(r->step);
    box_release(&r->box);
    free(r->p_value);
    free(r);
}

brink_status brink_prim_run(int n, int d, const double *x, const unsigned char *y,
                            const brink_prim_config *cfg, brink_prim_result **out,
                            brink_error *err)
{
    *out = NULL;
    if (d < 1 || d > BRINK_EXPLORE_MAX_DIM)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d dimensions (allowed 1 to %d)", d, BRINK_EXPLORE_MAX_DIM);
    if (n < 10)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d points: PRIM needs at least 10", n);
    if (!(cfg->peel_alpha > 0 && cfg->peel_alpha < 0.5) ||
        !(cfg->paste_alpha > 0 && cfg->paste_alpha < 0.5) ||
        !(cfg->min_mass > 0 && cfg->min_mass < 1) ||
        !(cfg->min_coverage >= 0 && cfg->min_coverage <= 1) ||
        !(cfg->density_slack >= 0 && cfg->density_slack < 1) ||
        !(cfg->prune_p > 0 && cfg->prune_p <= 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "PRIM settings out of range (peel and paste alpha in (0, 0.5), "
                               "minimum mass in (0, 1), minimum coverage in [0, 1], density slack in [0, 1), pruning p in (0, 1])");
    prim_data p = {n, d, 0, x, y, NULL, NULL, NULL};
    for (int i = 0; i < n; i++)
        p.n_pos += y[i] != 0;
    brink_prim_result *r = calloc(1, sizeof *r);
    p.min = malloc(sizeof(double) * (size_t)d);
    p.max = malloc(sizeof(double) * (size_t)d);
    p.v = malloc(sizeof(double) * (size_t)n);
    double *lo = malloc(sizeof(double) * (size_t)d), *hi = malloc(sizeof(double) * (size_t)d);
    int cap = 64;
    brink_status st = BRINK_OK;
    if (r) {
        r->step = calloc((size_t)cap, sizeof *r->step);
        r->p_value = malloc(sizeof(double) * (size_t)d);
    }
    if (!r || !p.min || !p.max || !p.v || !lo || !hi || !r->step || !r->p_value ||
        box_alloc(&r->box, d) != 0) {
        st = brink_explore_oom(err);
        goto done;
    }
    r->d = d;
    r->n = n;
    r->n_pos = p.n_pos;
    r->base_density = (double)p.n_pos / n;
    for (int j = 0; j < d; j++) {
        p.min[j] = p.max[j] = x[j];
        for (int i = 1; i < n; i++) {
            double v = x[(size_t)i * (size_t)d + (size_t)j];
            p.min[j] = fmin(p.min[j], v);
            p.max[j] = fmax(p.max[j], v);
        }
        lo[j] = p.min[j];
        hi[j] = p.max[j];
    }
    for (;;) {
        if (r->n_steps == cap) {
            brink_prim_box *grown = realloc(r->step, sizeof *grown * (size_t)cap * 2);
            if (!grown) {
                st = brink_explore_oom(err);
                goto done;
            }
            memset(grown + cap, 0, sizeof *grown * (size_t)cap);
            r->step = grown;
            cap *= 2;
        }
        brink_prim_box *b = &r->step[r->n_steps];
        if (box_alloc(b, d) != 0) {
            box_release(b);
            st = brink_explore_oom(err);
            goto done;
        }
        box_fill(&p, b, lo, hi);
        r->n_steps++;
        if (b->n_pos == b->n_in || peel_once(&p, cfg, lo, hi) != 0)
            break;
    }
    /* among the boxes with enough coverage, the largest (earliest) whose
     * density is within the slack of the densest: a last sliver of density
     * is not worth much coverage */
    double top = r->step[0].density;
    for (int s = 1; s < r->n_steps; s++)
        if (r->step[s].coverage >= cfg->min_coverage)
            top = fmax(top, r->step[s].density);
    r->chosen = 0;
    for (int s = 0; s < r->n_steps; s++)
        if ((s == 0 || r->step[s].coverage >= cfg->min_coverage) &&
            r->step[s].density >= (1.0 - cfg->density_slack) * top) {
            r->chosen = s;
            break;
        }
    memcpy(lo, r->step[r->chosen].lo, sizeof(double) * (size_t)d);
    memcpy(hi, r->step[r->chosen].hi, sizeof(double) * (size_t)d);
    if (cfg->paste)
        paste(&p, cfg, lo, hi);
    for (;;) {
        box_fill(&p, &r->box, lo, hi);
        p_values(&p, &r->box, r->p_value);
        int worst = -1;
        for (int j = 0; j < d; j++)
            if (r->box.restricted[j] && r->p_value[j] > cfg->prune_p &&
                (worst < 0 || r->p_value[j] > r->p_value[worst]))
                worst = j;
        if (worst < 0)
            break;
        lo[worst] = p.min[worst];
        hi[worst] = p.max[worst];
    }
done:
    free(p.min);
    free(p.max);
    free(p.v);
    free(lo);
    free(hi);
    if (st != BRINK_OK)
        brink_prim_result_free(r);
    else
        *out = r;
    return st;
}
