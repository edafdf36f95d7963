/* The zone of possible agreement over concessions x relief (docs/game.md,
 * "The ZOPA"). A point (c, r) is inside when neither side loses by the
 * agreement against none and one gains:
 *     target: V + cont - C e^theta   (the choice rule's weighing, game_choose)
 *     sender: the agreement's terms plus what it changes in the senders'
 *             expected costs over the horizon (game_sender_gain)
 * The target's gain rises with relief (relief adds to the deal value, not
 * to the cost of conceding); the sender's need not fall (relief also lowers
 * tension and the senders' forgone trade), so each row of concession is
 * cut into the stretches of relief where both gains are non-negative:
 * exactly at the grid's points, with every crossing between two of them
 * found by bisection on the model's own functions. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "brink/stats.h"
#include "core/threads.h"
#include "game/game_internal.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/valuation.h"

_Static_assert(BRINK_ZOPA_MAX_ISSUES == BRINK_MAX_ISSUES, "issue capacity");

#define CROSSING_STEPS 100
/* A zone whose best agreement leaves both sides better off by less than
 * this share of their largest stakes is taken as empty: rounding in the
 * projections is far below it, a genuine zone far above. */
#define MARGIN_EPS 1e-9
#define BRINK_ZOPA_MAX_THREADS 256

void brink_zopa_options_default(brink_zopa_options *opt)
{
    opt->grid = 101;
    opt->nash = true;
}

typedef struct {
    const struct brink_sim *sim;
    struct brink_sim *now;     /* the target's valuation is read here (game_now) */
    struct brink_sim *scratch; /* the senders' projections */
    brink_offer base;
    unsigned scope;     /* issues whose concession is c */
    double mc, theta;
    game_outlook nodeal;
    double scale_t, scale_s;
} slice;

static void offer_at(const slice *z, double c, double r, brink_offer *o)
{
    *o = z->base;
    for (int i = 0; i < BRINK_MAX_ISSUES; i++)
        if (z->scope >> i & 1u)
            o->concession[i] = c;
    o->relief = r;
}

/* The target's gain from the agreement against none, GDP-months. */
static double target_at(const slice *z, double c, double r)
{
    brink_offer o;
    offer_at(z, c, r, &o);
    brink_offer_value v;
    brink_offer_evaluate(z->now, &o, z->mc, &v);
    game_choice ch;
    game_choose(z->now, &v, z->theta, &ch);
    return ch.gain;
}

/* The sender's gain from the agreement against none, sender value. */
static double sender_at(const slice *z, double c, double r)
{
    brink_offer o;
    offer_at(z, c, r, &o);
    return game_sender_gain(z->scratch, z->sim, &o, &z->nodeal);
}

/* Neither side loses and one gains. */
static bool inside(double t, double s)
{
    return t >= 0 && s >= 0 && (t > 0 || s > 0);
}

static int slice_init(slice *z, const struct brink_sim *sim, int issue)
{
    memset(z, 0, sizeof *z);
    z->sim = sim;
    z->scratch = game_scratch(sim);
    z->now = game_now(sim);
    if (!z->scratch || !z->now) {
        free(z->scratch);
        free(z->now);
        return -1;
    }
    unsigned mask = sim->p.layout->policy[sim->st.policy].issue_mask;
    if (issue < 0) {
        brink_offer_standing(sim, &z->base);
        z->base.milestone = -1; /* the whole agreement space, not a staged step */
        z->base.lag = 0;
        z->base.induce_share = 1;
        z->scope = mask;
    } else {
        brink_offer_unbundled(sim, mask, issue, &z->base);
        z->scope = 1u << issue;
    }
    z->mc = brink_maintenance_cost(z->now);
    z->theta = sim->st.theta;
    game_nodeal(z->scratch, sim, &z->nodeal);
    double st = 0, ss = 0;
    for (int k = 0; k < 4; k++) {
        st = fmax(st, fabs(target_at(z, k & 1, k >> 1)));
        ss = fmax(ss, fabs(sender_at(z, k & 1, k >> 1)));
    }
    z->scale_t = st > 0 ? st : 1;
    z->scale_s = ss > 0 ? ss : 1;
    return 0;
}

typedef double (*side_fn)(const slice *z, double c, double r);

/* The stretch of [a, b] (relief at concession c) where f >= 0, given f at
 * the ends (at most one crossing between them): [*lo, *hi], or 0 when
 * none. The crossing is bracketed and found by the Illinois variant of
 * regula falsi (superlinear on a smooth function, never leaving the
 * bracket) to 1e-12 in relief. */
static int stretch(const slice *z, side_fn f, double c, double a, double fa, double b, double fb,
                   double *lo, double *hi)
{
    if (fa >= 0 && fb >= 0) {
        *lo = a;
        *hi = b;
        return 1;
    }
    if (fa < 0 && fb < 0)
        return 0;
    /* x0 keeps fa's side (f >= 0 or not), x1 fb's */
    double x0 = a, f0 = fa, x1 = b, f1 = fb;
    int side = 0;
    for (int k = 0; k < CROSSING_STEPS && x1 - x0 > 1e-12; k++) {
        double m = (f0 == f1) ? 0.5 * (x0 + x1) : x0 + (x1 - x0) * f0 / (f0 - f1);
        if (!(m > x0 && m < x1))
            m = 0.5 * (x0 + x1);
        double fm = f(z, c, m);
        if ((fm >= 0) == (f0 >= 0)) {
            x0 = m;
            f0 = fm;
            if (side == -1)
                f1 *= 0.5;
            side = -1;
        } else {
            x1 = m;
            f1 = fm;
            if (side == 1)
                f0 *= 0.5;
            side = 1;
        }
    }
    if (fa >= 0) {
        *lo = a;
        *hi = x0;
    } else {
        *lo = x1;
        *hi = b;
    }
    return 1;
}

/* The stretch of relief in [a, b] at concession c where both gains are >= 0:
 * [*lo, *hi], or 0 when none. */
static int cell_zone(const slice *z, double c, double a, double b, double ta, double tb, double sa,
                     double sb, double *lo, double *hi)
{
    double tl, th, sl, sh;
    if (!stretch(z, target_at, c, a, ta, b, tb, &tl, &th) ||
        !stretch(z, sender_at, c, a, sa, b, sb, &sl, &sh))
        return 0;
    *lo = fmax(tl, sl);
    *hi = fmin(th, sh);
    return *hi > *lo;
}

static double margin_at(const slice *z, double c, double r)
{
    return fmin(target_at(z, c, r) / z->scale_t, sender_at(z, c, r) / z->scale_s);
}

static double product_at(const slice *z, double c, double r)
{
    return target_at(z, c, r) * sender_at(z, c, r);
}

/* Golden-section search for the maximum of f(c, .) over [lo, hi], the ends
 * included; *arg receives the abscissa. */
static double golden_r(const slice *z, side_fn f, double c, double lo, double hi, double *arg)
{
    const double g = 0.6180339887498949;
    double a = lo, b = hi;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = f(z, c, x1), f2 = f(z, c, x2);
    for (int it = 0; it < 200 && b - a > 1e-10; it++) {
        if (f1 < f2) {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = f(z, c, x2);
        } else {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = f(z, c, x1);
        }
    }
    double x = 0.5 * (a + b), fx = f(z, c, x);
    double fl = f(z, c, lo), fh = f(z, c, hi);
    if (fl > fx) {
        fx = fl;
        x = lo;
    }
    if (fh > fx) {
        fx = fh;
        x = hi;
    }
    *arg = x;
    return fx;
}

/* The maximum of f over the box [c0, c1] x [r0, r1]: golden section over c
 * of the maximum over r. */
static double golden_box(const slice *z, side_fn f, double c0, double c1, double r0, double r1,
                         double *bc, double *br)
{
    const double g = 0.6180339887498949;
    double a = c0, b = c1, r;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = golden_r(z, f, x1, r0, r1, &r), f2 = golden_r(z, f, x2, r0, r1, &r);
    for (int it = 0; it < 200 && b - a > 1e-10; it++) {
        if (f1 < f2) {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = golden_r(z, f, x2, r0, r1, &r);
        } else {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = golden_r(z, f, x1, r0, r1, &r);
        }
    }
    double best = -INFINITY;
    *bc = c0;
    *br = r0;
    const double cs[3] = {0.5 * (a + b), c0, c1};
    for (int k = 0; k < 3; k++) {
        double v = golden_r(z, f, cs[k], r0, r1, &r);
        if (v > best) {
            best = v;
            *bc = cs[k];
            *br = r;
        }
    }
    return best;
}

/* One row of the grid: concession c, relief at n points. */
typedef struct {
    double length;        /* relief inside the zone */
    long inside;          /* grid points inside */
    double margin;        /* best min(t / scale_t, s / scale_s) at the points
                             evaluated and at the middle of the longest
                             stretch inside */
    double margin_r;
    double product;       /* best Nash product inside (want_product), -inf if none */
    double product_r;
} row_result;

/* Scans row c with the work arrays t and s (n values each). The sender's
 * gain (a projection) is computed only where it can matter: where the
 * target does not lose or next to such a point (the stretches), or where
 * the target's side beats `margin_floor` (the best margin so far). With
 * want_product, the Nash product is maximised over each stretch. */
static void row_scan(const slice *z, double c, int n, double *t, double *s, double margin_floor,
                     bool want_product, row_result *out)
{
    const double h = 1.0 / (n - 1);
    out->length = 0;
    out->inside = 0;
    out->margin = -INFINITY;
    out->margin_r = 0;
    out->product = -INFINITY;
    out->product_r = NAN;
    for (int j = 0; j < n; j++)
        t[j] = target_at(z, c, j * h);
    for (int j = 0; j < n; j++) {
        bool near = t[j] >= 0 || (j > 0 && t[j - 1] >= 0) || (j + 1 < n && t[j + 1] >= 0);
        double floor_ = fmax(margin_floor, out->margin);
        s[j] = near || t[j] / z->scale_t > floor_ ? sender_at(z, c, j * h) : (double)NAN;
        if (isnan(s[j]))
            continue;
        double m = fmin(t[j] / z->scale_t, s[j] / z->scale_s);
        if (m > out->margin) {
            out->margin = m;
            out->margin_r = j * h;
        }
        out->inside += inside(t[j], s[j]);
    }
    /* the stretches inside, merged across cells */
    double lo = 0, hi = -1, best_len = 0, best_mid = 0;
    for (int j = 0; j + 1 <= n; j++) {
        double a, b;
        int any = j + 1 < n && (t[j] >= 0 || t[j + 1] >= 0) &&
                  cell_zone(z, c, j * h, (j + 1) * h, t[j], t[j + 1], s[j], s[j + 1], &a, &b);
        if (any && hi >= lo && a <= hi) { /* continues the stretch */
            hi = b;
            continue;
        }
        if (hi > lo) { /* a stretch ended */
            out->length += hi - lo;
            if (hi - lo > best_len) {
                best_len = hi - lo;
                best_mid = 0.5 * (lo + hi);
            }
            if (want_product) {
                double r, f = golden_r(z, product_at, c, lo, hi, &r);
                if (f > out->product) {
                    out->product = f;
                    out->product_r = r;
                }
            }
        }
        if (any) {
            lo = a;
            hi = b;
        } else {
            lo = 0;
            hi = -1;
        }
    }
    if (best_len > 0) {
        double m = margin_at(z, c, best_mid);
        if (m > out->margin) {
            out->margin = m;
            out->margin_r = best_mid;
        }
    }
}

/* The best Nash product at concession c over relief. */
static double row_product(const slice *z, double c, int n, double *t, double *s, double *r)
{
    row_result rr;
    row_scan(z, c, n, t, s, INFINITY, true, &rr);
    *r = rr.product_r;
    return rr.product;
}

static brink_status compute_slice(const struct brink_sim *sim, int issue, int n, bool nash,
                                  brink_zopa_slice *out, brink_error *err)
{
    slice z;
    memset(out, 0, sizeof *out);
    out->issue = issue;
    out->nash_c = out->nash_r = out->nash_target = out->nash_sender = out->nash_product = NAN;
    out->grid_share = NAN;
    double *row = malloc(2 * (size_t)n * sizeof *row);
    if (!row || slice_init(&z, sim, issue) != 0) {
        free(row);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    double *t = row, *s = row + n;
    const double h = 1.0 / (n - 1);

    /* the grid, row by row */
    int mi = 0, pi = -1;
    double best_m = -INFINITY, mr = 0, best_p = -INFINITY, pr = NAN, sum = 0;
    long in = 0;
    for (int i = 0; i < n; i++) {
        row_result rr;
        row_scan(&z, i * h, n, t, s, best_m, nash, &rr);
        if (rr.margin > best_m) {
            best_m = rr.margin;
            mi = i;
            mr = rr.margin_r;
        }
        if (rr.product > best_p) {
            best_p = rr.product;
            pi = i;
            pr = rr.product_r;
        }
        in += rr.inside;
        sum += (i == 0 || i == n - 1 ? 0.5 : 1.0) * rr.length;
    }
    out->area = sum * h;
    out->grid_share = (double)in / ((double)n * n);

    /* refine the margin in a box of one grid step around the best point (a
     * zone the grid misses shows here); without the Nash point, only when
     * the grid finds no zone */
    double m_ref = best_m, mc_ = mi * h;
    if (nash || !(best_m > MARGIN_EPS)) {
        double bc, br;
        double f = golden_box(&z, margin_at, fmax(0, mc_ - h), fmin(1, mc_ + h), fmax(0, mr - h),
                              fmin(1, mr + h), &bc, &br);
        if (f > m_ref) {
            m_ref = f;
            mc_ = bc;
            mr = br;
        }
    }
    out->margin = m_ref;
    out->nonempty = m_ref > MARGIN_EPS;

    if (nash && out->nonempty) {
        /* the Nash point: the best row (or, for a zone thinner than the grid,
         * the refined margin's agreement), then a golden section over
         * concession around it, each row maximised over relief exactly */
        double c0, c1, bc, br;
        if (pi >= 0 && best_p > 0) {
            bc = pi * h;
            br = pr;
        } else {
            bc = mc_;
            br = mr;
            best_p = product_at(&z, bc, br);
        }
        c0 = fmax(0, bc - h);
        c1 = fmin(1, bc + h);
        const double g = 0.6180339887498949;
        double a = c0, b = c1, r1, r2;
        double x1 = b - g * (b - a), x2 = a + g * (b - a);
        double f1 = row_product(&z, x1, n, t, s, &r1), f2 = row_product(&z, x2, n, t, s, &r2);
        for (int it = 0; it < 200 && b - a > 1e-10; it++) {
            if (f1 < f2) {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = row_product(&z, x2, n, t, s, &r2);
            } else {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = row_product(&z, x1, n, t, s, &r1);
            }
        }
        double x = 0.5 * (a + b), rx;
        double fx = row_product(&z, x, n, t, s, &rx);
        if (fx > best_p) {
            bc = x;
            br = rx;
        }
        double nt = target_at(&z, bc, br), ns = sender_at(&z, bc, br);
        if (nt >= 0 && ns >= 0) {
            out->nash_c = bc;
            out->nash_r = br;
            out->nash_target = nt;
            out->nash_sender = ns;
            out->nash_product = nt * ns;
        }
    }
    free(z.scratch);
    free(z.now);
    free(row);
    return BRINK_OK;
}

static brink_status check_grid(int n, brink_error *err)
{
    if (n < 3 || n > 1001)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "grid of %d points per axis is not in [3, 1001]", n);
    return BRINK_OK;
}

brink_status brink_zopa_compute(const brink_sim *sim, const brink_zopa_options *opt,
                                brink_zopa *out, brink_error *err)
{
    brink_zopa_options def;
    if (!opt) {
        brink_zopa_options_default(&def);
        opt = &def;
    }
    int n = opt->grid ? opt->grid : 101;
    if (check_grid(n, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    memset(out, 0, sizeof *out);
    out->month = sim->st.t;
    out->theta = sim->st.theta;
    struct brink_sim *c = game_scratch(sim);
    if (!c)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    game_outlook nd;
    game_nodeal(c, sim, &nd);
    out->value_no_deal = nd.value;
    free(c);
    if (compute_slice(sim, -1, n, opt->nash, &out->bundled, err) != BRINK_OK)
        return BRINK_ERR_RUNTIME;
    unsigned mask = sim->p.layout->policy[sim->st.policy].issue_mask;
    for (int i = 0; i < sim->p.n_issues; i++) {
        if (!(mask >> i & 1u))
            continue;
        brink_zopa_slice *u = &out->unbundled[out->n_issues];
        out->issue[out->n_issues++] = i;
        if (compute_slice(sim, i, n, opt->nash, u, err) != BRINK_OK)
            return BRINK_ERR_RUNTIME;
        out->unbundled_nonempty += u->nonempty;
        out->unbundled_area += u->area;
        if (u->nonempty && opt->nash) {
            out->total_relief += u->nash_r;
            out->total_target += u->nash_target;
            out->total_sender += u->nash_sender;
        }
    }
    return BRINK_OK;
}

brink_status brink_zopa_grid(const brink_sim *sim, int issue, int n, brink_zopa_point_fn fn,
                             void *ctx, brink_error *err)
{
    if (check_grid(n, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    if (issue >= sim->p.n_issues)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "no issue %d", issue);
    slice z;
    if (slice_init(&z, sim, issue) != 0)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    brink_status rc = BRINK_OK;
    for (int i = 0; i < n && rc == BRINK_OK; i++)
        for (int j = 0; j < n; j++) {
            double c = (double)i / (n - 1), r = (double)j / (n - 1);
            double nt = target_at(&z, c, r), g = sender_at(&z, c, r);
            if (fn(ctx, c, r, nt, g, inside(nt, g))) {
                rc = brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                                     "cannot write the grid");
                break;
            }
        }
    free(z.scratch);
    free(z.now);
    return rc;
}

/* What one chunk of runs found, summed in run order. */
typedef struct {
    uint64_t ended_early, bundled, any, all;
    double area_b, area_u;
    int done;
} draw_chunk;

/* Shared by the workers of brink_zopa_uncertainty. */
typedef struct {
    const brink_scenario *sc;
    int policy, month, grid;
    uint64_t seed, runs, nchunks;
    atomic_int *stop;
    atomic_uint_fast64_t next;    /* next chunk to take */
    draw_chunk *chunk;            /* each written by the worker that took it */
    pthread_mutex_t mu;
    int failed;
    brink_error error;
} draw_queue;

static brink_status draw_chunk_run(draw_queue *q, brink_sim *sim, brink_zopa *z, uint64_t c,
                                   brink_error *e)
{
    brink_zopa_options opt = {.grid = q->grid, .nash = false};
    draw_chunk *d = &q->chunk[c];
    uint64_t first = c * BRINK_ZOPA_CHUNK, last = first + BRINK_ZOPA_CHUNK;
    if (last > q->runs)
        last = q->runs;
    for (uint64_t k = first; k < last; k++) {
        if (brink_sim_init(sim, q->policy, q->seed, k, 1, 0, e) != BRINK_OK)
            return e->code;
        d->ended_early += brink_game_advance(sim, q->month) < q->month;
        if (brink_zopa_compute(sim, &opt, z, e) != BRINK_OK)
            return e->code;
        d->bundled += z->bundled.nonempty;
        d->any += z->unbundled_nonempty > 0;
        d->all += z->n_issues > 0 && z->unbundled_nonempty == z->n_issues;
        d->area_b += z->bundled.area;
        d->area_u += z->unbundled_area;
    }
    d->done = 1;
    return BRINK_OK;
}

static void *draw_worker(void *arg)
{
    draw_queue *q = arg;
    brink_error e;
    brink_error_clear(&e);
    brink_sim *sim = brink_sim_alloc(q->sc, &e);
    brink_zopa *z = malloc(sizeof *z);
    brink_status rc = sim && z ? BRINK_OK : BRINK_ERR_RUNTIME;
    if (sim && !z)
        brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    while (rc == BRINK_OK) {
        pthread_mutex_lock(&q->mu);
        int quit = q->failed;
        pthread_mutex_unlock(&q->mu);
        if (quit || (q->stop && atomic_load(q->stop)))
            break;
        uint64_t c = atomic_fetch_add(&q->next, 1);
        if (c >= q->nchunks)
            break;
        rc = draw_chunk_run(q, sim, z, c, &e);
    }
    if (rc != BRINK_OK) {
        pthread_mutex_lock(&q->mu);
        if (!q->failed) {
            q->failed = 1;
            q->error = e;
        }
        pthread_mutex_unlock(&q->mu);
    }
    free(z);
    brink_sim_free(sim);
    return NULL;
}

brink_status brink_zopa_uncertainty(const brink_scenario *sc, int policy, int month,
                                    uint64_t seed, uint64_t runs, int grid,
                                    const brink_zopa_run_options *ro, brink_zopa_draws *out,
                                    brink_error *err)
{
    memset(out, 0, sizeof *out);
    out->runs_requested = runs;
    if (check_grid(grid ? grid : 101, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    if (month < 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "month %d < 0", month);
    if (runs > BRINK_ZOPA_MAX_RUNS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%llu runs (at most %llu)", (unsigned long long)runs,
                               BRINK_ZOPA_MAX_RUNS);
    draw_queue q;
    memset(&q, 0, sizeof q);
    q.sc = sc;
    q.policy = policy;
    q.month = month;
    q.grid = grid ? grid : 101;
    if (q.grid > BRINK_ZOPA_DRAWS_GRID)
        q.grid = BRINK_ZOPA_DRAWS_GRID;
    q.seed = seed;
    q.runs = runs;
    q.nchunks = (runs + BRINK_ZOPA_CHUNK - 1) / BRINK_ZOPA_CHUNK;
    q.stop = ro ? ro->stop : NULL;
    atomic_init(&q.next, 0);
    q.chunk = calloc(q.nchunks ? (size_t)q.nchunks : 1, sizeof *q.chunk);
    int T = brink_thread_count(ro ? ro->threads : 0, BRINK_ZOPA_MAX_THREADS);
    if ((uint64_t)T > q.nchunks)
        T = q.nchunks ? (int)q.nchunks : 1;
    pthread_t *tid = malloc((size_t)T * sizeof *tid);
    if (!q.chunk || !tid || pthread_mutex_init(&q.mu, NULL) != 0) {
        free(tid);
        free(q.chunk);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    int started = 0;
    while (started < T && brink_thread_start(&tid[started], draw_worker, &q) == 0)
        started++;
    if (started == 0)
        draw_worker(&q); /* no thread to be had: this one does the work */
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&q.mu);
    free(tid);
    if (q.failed) {
        if (err)
            *err = q.error;
        free(q.chunk);
        return q.error.code ? q.error.code : BRINK_ERR_RUNTIME;
    }
    /* the chunks done in a row from the first, summed in chunk order */
    double area_b = 0, area_u = 0;
    uint64_t c = 0;
    for (; c < q.nchunks && q.chunk[c].done; c++) {
        const draw_chunk *d = &q.chunk[c];
        out->ended_early += d->ended_early;
        out->bundled += d->bundled;
        out->unbundled_any += d->any;
        out->unbundled_all += d->all;
        area_b += d->area_b;
        area_u += d->area_u;
    }
    free(q.chunk);
    out->runs = c == q.nchunks ? runs : c * BRINK_ZOPA_CHUNK;
    out->partial = out->runs < runs;
    double zc = brink_z_for_level(0.95);
    brink_wilson(out->bundled, out->runs, zc, &out->bundled_lo, &out->bundled_hi, NULL);
    brink_wilson(out->unbundled_any, out->runs, zc, &out->any_lo, &out->any_hi, NULL);
    brink_wilson(out->unbundled_all, out->runs, zc, &out->all_lo, &out->all_hi, NULL);
    out->bundled_area_mean = out->runs ? area_b / (double)out->runs : (double)NAN;
    out->unbundled_area_mean = out->runs ? area_u / (double)out->runs : (double)NAN;
    return BRINK_OK;
}
