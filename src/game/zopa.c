/* The zone of possible agreement over concessions x relief (docs/game.md,
 * "The ZOPA"). A point (c, r) is inside when both sides gain from the
 * agreement against no agreement:
 *     target: net(c, r) - theta >= 0   (brink_offer_evaluate at the state)
 *     sender: U_S(c, r) >= 0           (brink_sender_deal_value)
 * The target's net value does not fall as relief grows and the sender's
 * gain does not rise, so at each concession level the zone is an interval
 * of relief [r_lo(c), r_hi(c)], found by bisection on the model's own
 * functions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "brink/stats.h"
#include "model/mechanisms.h"
#include "model/sender.h"
#include "model/valuation.h"

_Static_assert(BRINK_ZOPA_MAX_ISSUES == BRINK_MAX_ISSUES, "issue capacity");

#define BISECT_STEPS 48

void brink_zopa_options_default(brink_zopa_options *opt)
{
    opt->grid = 101;
    opt->nash = true;
}

typedef struct {
    const struct brink_sim *sim;
    brink_offer base;
    unsigned scope;     /* issues whose concession is c */
    double mc, theta;
    double scale_t, scale_s;
    double c_fixed;     /* concession of a search along relief */
} slice;

static void at(const slice *z, double c, double r, double *net, double *gain)
{
    brink_offer o = z->base;
    for (int i = 0; i < BRINK_MAX_ISSUES; i++)
        if (z->scope >> i & 1u)
            o.concession[i] = c;
    o.relief = r;
    brink_offer_value v;
    brink_offer_evaluate(z->sim, &o, z->mc, &v);
    *net = v.net - z->theta;
    *gain = brink_sender_deal_value(z->sim, &o);
}

static double net_at(const slice *z, double c, double r)
{
    double n, g;
    at(z, c, r, &n, &g);
    return n;
}

static double gain_at(const slice *z, double c, double r)
{
    double n, g;
    at(z, c, r, &n, &g);
    return g;
}

static void slice_init(slice *z, const struct brink_sim *sim, int issue)
{
    memset(z, 0, sizeof *z);
    z->sim = sim;
    unsigned mask = sim->p.layout->policy[sim->st.policy].issue_mask;
    if (issue < 0) {
        brink_offer_standing(sim, &z->base);
        z->base.milestone = -1; /* the whole agreement space, not a staged step */
        z->scope = mask;
    } else {
        brink_offer_unbundled(sim, mask, issue, &z->base);
        z->scope = 1u << issue;
    }
    z->mc = brink_maintenance_cost(sim);
    z->theta = sim->st.theta;
    double st = 0, ss = 0;
    for (int k = 0; k < 4; k++) {
        double n, g;
        at(z, k & 1, k >> 1, &n, &g);
        st = fmax(st, fabs(n));
        ss = fmax(ss, fabs(g));
    }
    z->scale_t = st > 0 ? st : 1;
    z->scale_s = ss > 0 ? ss : 1;
}

/* Relief interval of the zone at concession c; returns 0 when empty. */
static int interval(const slice *z, double c, double *lo, double *hi)
{
    /* least r with net >= 0 */
    if (net_at(z, c, 1) < 0)
        return 0;
    double a = 0, b = 1;
    if (net_at(z, c, 0) >= 0) {
        b = 0;
    } else {
        for (int k = 0; k < BISECT_STEPS; k++) {
            double m = 0.5 * (a + b);
            if (net_at(z, c, m) >= 0)
                b = m;
            else
                a = m;
        }
    }
    *lo = b;
    /* largest r with gain >= 0 */
    if (gain_at(z, c, 0) < 0)
        return 0;
    a = 0, b = 1;
    if (gain_at(z, c, 1) >= 0) {
        a = 1;
    } else {
        for (int k = 0; k < BISECT_STEPS; k++) {
            double m = 0.5 * (a + b);
            if (gain_at(z, c, m) >= 0)
                a = m;
            else
                b = m;
        }
    }
    *hi = a;
    return *lo <= *hi;
}

/* max over r of min(net / scale_t, gain / scale_s) at concession c: the
 * first is nondecreasing in r, the second nonincreasing, so the maximum is
 * where they cross. Non-negative iff the zone at c is not empty. */
static double margin(const slice *z, double c)
{
    double n, g;
    at(z, c, 0, &n, &g);
    if (n / z->scale_t >= g / z->scale_s)
        return g / z->scale_s;
    at(z, c, 1, &n, &g);
    if (n / z->scale_t <= g / z->scale_s)
        return n / z->scale_t;
    double a = 0, b = 1;
    for (int k = 0; k < BISECT_STEPS; k++) {
        double m = 0.5 * (a + b);
        at(z, c, m, &n, &g);
        if (n / z->scale_t < g / z->scale_s)
            a = m;
        else
            b = m;
    }
    at(z, c, b, &n, &g);
    return fmin(n / z->scale_t, g / z->scale_s);
}

typedef double (*line_fn)(slice *z, double x, double *arg);

/* Golden-section search for the maximum of f on [lo, hi]. */
static double golden(slice *z, line_fn f, double lo, double hi, double *fbest, double *arg)
{
    const double g = 0.6180339887498949;
    double a = lo, b = hi, t;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = f(z, x1, &t), f2 = f(z, x2, &t);
    for (int it = 0; it < 200 && b - a > 1e-12; it++) {
        if (f1 < f2) {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = f(z, x2, &t);
        } else {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = f(z, x1, &t);
        }
    }
    double x = 0.5 * (a + b);
    *fbest = f(z, x, arg);
    /* the ends themselves (a maximum on the boundary of the zone) */
    double fa = f(z, lo, &t);
    if (fa > *fbest) {
        *fbest = f(z, lo, arg);
        x = lo;
    }
    double fb = f(z, hi, &t);
    if (fb > *fbest) {
        *fbest = f(z, hi, arg);
        x = hi;
    }
    return x;
}

static double margin_fn(slice *z, double c, double *arg)
{
    (void)arg;
    return margin(z, c);
}

/* Nash product at (c_fixed, r): net x gain; -1 outside the zone. */
static double product_r(slice *z, double r, double *arg)
{
    (void)arg;
    double n, g;
    at(z, z->c_fixed, r, &n, &g);
    return n >= 0 && g >= 0 ? n * g : -1;
}

/* Best Nash product at concession c (over the zone's relief interval);
 * *arg receives the relief. -INFINITY when the zone is empty at c. */
static double product_c(slice *z, double c, double *arg)
{
    double lo, hi;
    if (!interval(z, c, &lo, &hi))
        return -INFINITY;
    double f, r;
    z->c_fixed = c;
    r = golden(z, product_r, lo, hi, &f, &r);
    *arg = r;
    return f;
}

static void compute_slice(const struct brink_sim *sim, int issue, int n, bool nash,
                          brink_zopa_slice *out)
{
    slice z;
    slice_init(&z, sim, issue);
    memset(out, 0, sizeof *out);
    out->issue = issue;
    out->nash_c = out->nash_r = out->nash_target = out->nash_sender = out->nash_product = NAN;
    out->grid_share = NAN;

    int best = 0;
    double best_m = -INFINITY, sum = 0;
    for (int k = 0; k < n; k++) {
        double c = (double)k / (n - 1), lo, hi;
        double m = margin(&z, c);
        if (m > best_m) {
            best_m = m;
            best = k;
        }
        if (m >= 0 && interval(&z, c, &lo, &hi))
            sum += (k == 0 || k == n - 1 ? 0.5 : 1.0) * (hi - lo);
    }
    out->area = sum / (n - 1);
    /* refine the margin around the best grid point: a zone thinner than the
     * grid shows here */
    double c_lo = (double)(best > 0 ? best - 1 : 0) / (n - 1);
    double c_hi = (double)(best < n - 1 ? best + 1 : n - 1) / (n - 1);
    double m_ref, dummy;
    double c_m = golden(&z, margin_fn, c_lo, c_hi, &m_ref, &dummy);
    if (m_ref < best_m) {
        m_ref = best_m;
        c_m = (double)best / (n - 1);
    }
    out->margin = m_ref;
    out->nonempty = m_ref >= 0;
    if (!nash)
        return;

    long inside = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double nt, g;
            at(&z, (double)i / (n - 1), (double)j / (n - 1), &nt, &g);
            inside += nt >= 0 && g >= 0;
        }
    out->grid_share = (double)inside / ((double)n * n);
    if (!out->nonempty)
        return;

    /* Nash point: best grid concession, then golden section around it */
    int kb = -1;
    double fb = -INFINITY, r;
    for (int k = 0; k < n; k++) {
        double f = product_c(&z, (double)k / (n - 1), &r);
        if (f > fb) {
            fb = f;
            kb = k;
        }
    }
    double c0, c1;
    if (kb < 0) { /* only the refinement found the zone */
        c0 = c1 = c_m;
    } else {
        c0 = (double)(kb > 0 ? kb - 1 : 0) / (n - 1);
        c1 = (double)(kb < n - 1 ? kb + 1 : n - 1) / (n - 1);
    }
    double f, c = c0 == c1 ? c0 : golden(&z, product_c, c0, c1, &f, &r);
    f = product_c(&z, c, &r);
    if (kb >= 0 && !(f >= fb)) {
        c = (double)kb / (n - 1);
        f = product_c(&z, c, &r);
    }
    if (!isfinite(f))
        return;
    double nt, g;
    at(&z, c, r, &nt, &g);
    out->nash_c = c;
    out->nash_r = r;
    out->nash_target = nt;
    out->nash_sender = g;
    out->nash_product = nt * g;
}

static brink_status check_grid(int n, brink_error *err)
{
    if (n < 3 || n > 10001)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "grid of %d points per axis is not in [3, 10001]", n);
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
    compute_slice(sim, -1, n, opt->nash, &out->bundled);
    unsigned mask = sim->p.layout->policy[sim->st.policy].issue_mask;
    for (int i = 0; i < sim->p.n_issues; i++) {
        if (!(mask >> i & 1u))
            continue;
        brink_zopa_slice *u = &out->unbundled[out->n_issues];
        out->issue[out->n_issues++] = i;
        compute_slice(sim, i, n, opt->nash, u);
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
    slice_init(&z, sim, issue);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double c = (double)i / (n - 1), r = (double)j / (n - 1), nt, g;
            at(&z, c, r, &nt, &g);
            if (fn(ctx, c, r, nt, g, nt >= 0 && g >= 0))
                return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                                       "cannot write the grid");
        }
    return BRINK_OK;
}

brink_status brink_zopa_uncertainty(const brink_scenario *sc, int policy, int month,
                                    uint64_t seed, uint64_t runs, int grid,
                                    brink_zopa_draws *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    brink_zopa_options opt = {.grid = grid ? grid : 101, .nash = false};
    if (check_grid(opt.grid, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    if (month < 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "month %d < 0", month);
    brink_sim *sim = brink_sim_alloc(sc, err);
    if (!sim)
        return BRINK_ERR_RUNTIME;
    brink_zopa *z = malloc(sizeof *z);
    if (!z) {
        brink_sim_free(sim);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    brink_status rc = BRINK_OK;
    double area_b = 0, area_u = 0;
    for (uint64_t k = 0; k < runs && rc == BRINK_OK; k++) {
        rc = brink_sim_init(sim, policy, seed, k, 1, 0, err);
        if (rc != BRINK_OK)
            break;
        if (brink_game_advance(sim, month) < month)
            out->ended_early++;
        rc = brink_zopa_compute(sim, &opt, z, err);
        if (rc != BRINK_OK)
            break;
        out->runs++;
        out->bundled += z->bundled.nonempty;
        out->unbundled_any += z->unbundled_nonempty > 0;
        out->unbundled_all += z->n_issues > 0 && z->unbundled_nonempty == z->n_issues;
        area_b += z->bundled.area;
        area_u += z->unbundled_area;
    }
    if (rc == BRINK_OK) {
        double zc = brink_z_for_level(0.95);
        brink_wilson(out->bundled, out->runs, zc, &out->bundled_lo, &out->bundled_hi, NULL);
        brink_wilson(out->unbundled_any, out->runs, zc, &out->any_lo, &out->any_hi, NULL);
        brink_wilson(out->unbundled_all, out->runs, zc, &out->all_lo, &out->all_hi, NULL);
        out->bundled_area_mean = out->runs ? area_b / (double)out->runs : (double)NAN;
        out->unbundled_area_mean = out->runs ? area_u / (double)out->runs : (double)NAN;
    }
    free(z);
    brink_sim_free(sim);
    return rc;
}
