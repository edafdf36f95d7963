#include "model/spec.h"

#include "core/text.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUM BRINK_SPEC_NUM
#define INT BRINK_SPEC_INT
#define BOOL BRINK_SPEC_BOOL
#define ENUM BRINK_SPEC_ENUM
#define REQ BRINK_REQ


#define X(field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_)    \
    {#field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_,        \
     offsetof(DSTRUCT, field_), offsetof(PSTRUCT, field_), 0, BRINK_GROUP_SCALAR, 1},
#define XMAP(field_, name_, key_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_) \
    {#field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_,        \
     offsetof(DSTRUCT, field_), offsetof(PSTRUCT, field_), 1, BRINK_GROUP_##key_,   \
     BRINK_MAX_KEY_##key_},

#define DSTRUCT brink_scalars_d
#define PSTRUCT brink_scalars
static const brink_spec spec_scalar[] = {
#include "model/spec_scalar.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_sender_d
#define PSTRUCT brink_sender
static const brink_spec spec_sender[] = {
#include "model/spec_sender.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_good_d
#define PSTRUCT brink_good
static const brink_spec spec_good[] = {
#include "model/spec_good.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_import_d
#define PSTRUCT brink_import
static const brink_spec spec_import[] = {
#include "model/spec_import.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_party_d
#define PSTRUCT brink_party
static const brink_spec spec_party[] = {
#include "model/spec_party.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_channel_d
#define PSTRUCT brink_channel
static const brink_spec spec_channel[] = {
#include "model/spec_channel.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_proxy_d
#define PSTRUCT brink_proxy
static const brink_spec spec_proxy[] = {
#include "model/spec_proxy.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_patron_d
#define PSTRUCT brink_patron
static const brink_spec spec_patron[] = {
#include "model/spec_patron.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_issue_d
#define PSTRUCT brink_issue
static const brink_spec spec_issue[] = {
#include "model/spec_issue.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_inducement_d
#define PSTRUCT brink_inducement
static const brink_spec spec_inducement[] = {
#include "model/spec_inducement.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_policy_num_d
#define PSTRUCT brink_policy_num
static const brink_spec spec_policy[] = {
#include "model/spec_policy.def"
};
#undef DSTRUCT
#undef PSTRUCT
#define DSTRUCT brink_milestone_num_d
#define PSTRUCT brink_milestone_num
static const brink_spec spec_milestone[] = {
#include "model/spec_milestone.def"
};
#undef DSTRUCT
#undef PSTRUCT
#undef X
#undef XMAP

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define GROUP(key, noun, g, field, max)                                                  \
    {key, noun, spec_##g, COUNT(spec_##g), sizeof(brink_##g##_d_t), sizeof(brink_##g##_t), \
     offsetof(brink_values, field), offsetof(brink_params, field), max}

typedef brink_scalars_d brink_scalar_d_t;
typedef brink_scalars brink_scalar_t;
typedef brink_sender_d brink_sender_d_t;
typedef brink_sender brink_sender_t;
typedef brink_good_d brink_good_d_t;
typedef brink_good brink_good_t;
typedef brink_import_d brink_import_d_t;
typedef brink_import brink_import_t;
typedef brink_party_d brink_party_d_t;
typedef brink_party brink_party_t;
typedef brink_channel_d brink_channel_d_t;
typedef brink_channel brink_channel_t;
typedef brink_proxy_d brink_proxy_d_t;
typedef brink_proxy brink_proxy_t;
typedef brink_patron_d brink_patron_d_t;
typedef brink_patron brink_patron_t;
typedef brink_issue_d brink_issue_d_t;
typedef brink_issue brink_issue_t;
typedef brink_inducement_d brink_inducement_d_t;
typedef brink_inducement brink_inducement_t;
typedef brink_policy_num_d brink_policy_d_t;
typedef brink_policy_num brink_policy_t;
typedef brink_milestone_num_d brink_milestone_d_t;
typedef brink_milestone_num brink_milestone_t;

const brink_group_info brink_groups[BRINK_GROUP_COUNT] = {
    GROUP("", "parameter", scalar, s, 1),
    GROUP("senders", "sender", sender, sender, BRINK_MAX_SENDERS),
    GROUP("exports", "export good", good, good, BRINK_MAX_GOODS),
    GROUP("imports", "import", import, import, BRINK_MAX_IMPORTS),
    GROUP("third_parties", "third party", party, party, BRINK_MAX_PARTIES),
    GROUP("channels", "channel", channel, channel, BRINK_MAX_CHANNELS),
    GROUP("proxies", "proxy", proxy, proxy, BRINK_MAX_PROXIES),
    GROUP("patrons", "patron", patron, patron, BRINK_MAX_PATRONS),
    GROUP("issues", "issue", issue, issue, BRINK_MAX_ISSUES),
    GROUP("inducements", "inducement", inducement, inducement, BRINK_MAX_INDUCEMENTS),
    GROUP("policies", "policy", policy, policy, BRINK_MAX_POLICIES),
    GROUP("milestones", "milestone", milestone, milestone, BRINK_MAX_MILESTONES),
};
_Static_assert(COUNT(brink_groups) == BRINK_GROUP_COUNT, "one entry per group");

const brink_spec *brink_spec_find(brink_group g, const char *name)
{
    const brink_group_info *gi = &brink_groups[g];
    for (size_t i = 0; i < gi->n_specs; i++)
        if (strcmp(gi->specs[i].name, name) == 0)
            return &gi->specs[i];
    return NULL;
}

const char *brink_spec_suggest(brink_group g, const char *name)
{
    const brink_group_info *gi = &brink_groups[g];
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < gi->n_specs; i++) {
        const char *cand = gi->specs[i].name;
        size_t d = brink_edit_distance(name, cand);
        /* also compare with the last path component only */
        const char *dot = strrchr(cand, '.');
        if (dot) {
            size_t d2 = brink_edit_distance(name, dot + 1);
            if (d2 < d)
                d = d2;
        }
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    size_t len = strlen(name);
    size_t limit = len < 6 ? 2 : len / 3 + 1;
    return best_d <= limit ? best : NULL;
}

int brink_spec_enum_index(const brink_spec *spec, const char *choice)
{
    const char *p = spec->unit;
    size_t n = strlen(choice);
    for (int i = 0; *p; i++) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, choice, n) == 0)
            return i;
        p += len;
        if (*p == '|')
            p++;
    }
    return -1;
}

void brink_spec_enum_name(const brink_spec *spec, int i, char *buf, size_t size)
{
    const char *p = spec->unit;
    for (int k = 0; *p; k++) {
        size_t len = strcspn(p, "|");
        if (k == i) {
            snprintf(buf, size, "%.*s", (int)len, p);
            return;
        }
        p += len;
        if (*p == '|')
            p++;
    }
    snprintf(buf, size, "?");
}

/* ---- Calibrated defaults ---------------------------------------------------- */

typedef struct {
    const char *path;
    double mean, sd, lo, hi; /* sd NAN: a point (a structural error scale) */
} calibrated_row;

static const calibrated_row calibrated[] = {
#define C(path, m, s, lo, hi) {path, m, s, lo, hi},
#define E(path, v) {path, v, NAN, NAN, NAN},
#include "model/calibrated.def"
#undef C
#undef E
    {NULL, 0, 0, 0, 0}, /* end */
};

static const calibrated_row *calibrated_find(const char *path)
{
    for (const calibrated_row *r = calibrated; r->path; r++)
        if (strcmp(r->path, path) == 0)
            return r;
    return NULL;
}

/* The shared prior over resolve: its mean, and its spread widened by the
 * spread of the fitted mean (the predictive spread of a new target). */
static int calibrated_resolve(double *m, double *s)
{
    const calibrated_row *rm = calibrated_find("prior.resolve_mean");
    const calibrated_row *rs = calibrated_find("prior.resolve_sd");
    if (!rm || !rs)
        return 0;
    *m = rm->mean;
    *s = sqrt(rs->mean * rs->mean + rm->sd * rm->sd);
    return 1;
}

int brink_spec_calibrated(const brink_spec *sp, brink_dist *out)
{
    if (!sp || sp->is_map)
        return 0;
    memset(out, 0, sizeof *out);
    double m, s;
    if (strcmp(sp->name, "target.resolve") == 0 && calibrated_resolve(&m, &s)) {
        *out = (brink_dist){BRINK_DIST_TRUNCNORMAL, 0, m, s, BRINK_RESOLVE_LO, BRINK_RESOLVE_HI};
        out->point = brink_dist_point(out);
        return 1;
    }
    if (strcmp(sp->name, "coalition.prior_resolve_mean") == 0 && calibrated_resolve(&m, &s)) {
        *out = (brink_dist){BRINK_DIST_POINT, m, 0, 0, 0, 0};
        return 1;
    }
    if (strcmp(sp->name, "coalition.prior_resolve_sd") == 0 && calibrated_resolve(&m, &s)) {
        *out = (brink_dist){BRINK_DIST_POINT, s, 0, 0, 0, 0};
        return 1;
    }
    const calibrated_row *r = calibrated_find(sp->name);
    if (!r)
        return 0;
    if (isnan(r->sd))
        *out = (brink_dist){BRINK_DIST_POINT, r->mean, 0, 0, 0, 0};
    else {
        *out = (brink_dist){BRINK_DIST_TRUNCNORMAL, 0, r->mean, r->sd, r->lo, r->hi};
        out->point = brink_dist_point(out);
    }
    return 1;
}

void brink_spec_defaults(brink_group g, void *entity_d)
{
    const brink_group_info *gi = &brink_groups[g];
    for (size_t i = 0; i < gi->n_specs; i++) {
        const brink_spec *sp = &gi->specs[i];
        brink_dist *d = (brink_dist *)((char *)entity_d + sp->off_d);
        int n = sp->map_max;
        for (int k = 0; k < n; k++) {
            memset(&d[k], 0, sizeof d[k]);
            d[k].kind = BRINK_DIST_POINT;
            d[k].point = sp->def;
        }
        brink_dist cal;
        if (g == BRINK_GROUP_SCALAR && brink_spec_calibrated(sp, &cal))
            d[0] = cal;
    }
}

double brink_dist_point(const brink_dist *d)
{
    switch (d->kind) {
    case BRINK_DIST_POINT:
        return d->point;
    case BRINK_DIST_UNIFORM:
        return 0.5 * (d->a + d->b);
    case BRINK_DIST_NORMAL:
        return d->a;
    case BRINK_DIST_TRUNCNORMAL: {
        /* mean of the normal truncated to [c, d] */
        double al = (d->c - d->a) / d->b, be = (d->d - d->a) / d->b;
        double z = gsl_cdf_ugaussian_P(be) - gsl_cdf_ugaussian_P(al);
        if (z <= 0)
            return fmin(fmax(d->a, d->c), d->d);
        double phi_a = exp(-0.5 * al * al) * 0.3989422804014327;
        double phi_b = exp(-0.5 * be * be) * 0.3989422804014327;
        return d->a + d->b * (phi_a - phi_b) / z;
    }
    case BRINK_DIST_BETA:
        return d->c + (d->d - d->c) * d->a / (d->a + d->b);
    case BRINK_DIST_TRIANGULAR:
        return d->b;
    case BRINK_DIST_LOGNORMAL:
        return exp(d->a + 0.5 * d->b * d->b);
    }
    return NAN;
}

int brink_dist_check(const brink_dist *d, double lo, double hi, char *why, size_t size)
{
    double slo = -INFINITY, shi = INFINITY; /* support */
    switch (d->kind) {
    case BRINK_DIST_POINT:
        slo = shi = d->point;
        break;
    case BRINK_DIST_UNIFORM:
        if (!(d->a < d->b)) {
            snprintf(why, size, "uniform needs low < high (got %g, %g)", d->a, d->b);
            return -1;
        }
        slo = d->a;
        shi = d->b;
        break;
    case BRINK_DIST_NORMAL: {
        if (!(d->b > 0)) {
            snprintf(why, size, "normal needs sd > 0 (got %g)", d->b);
            return -1;
        }
        double out = gsl_cdf_gaussian_P(lo - d->a, d->b) + gsl_cdf_gaussian_Q(hi - d->a, d->b);
        if (out > BRINK_DIST_TAIL) {
            snprintf(why, size,
                     "normal(%g, %g) puts %.2g of its mass outside the allowed range [%g, %g]; "
                     "use truncated_normal", d->a, d->b, out, lo, hi);
            return -1;
        }
        return 0;
    }
    case BRINK_DIST_TRUNCNORMAL:
        if (!(d->b > 0) || !(d->c < d->d)) {
            snprintf(why, size, "truncated_normal needs sd > 0 and low < high");
            return -1;
        }
        slo = d->c;
        shi = d->d;
        break;
    case BRINK_DIST_BETA:
        if (!(d->a > 0) || !(d->b > 0) || !(d->c < d->d)) {
            snprintf(why, size, "beta needs alpha > 0, beta > 0 and low < high");
            return -1;
        }
        slo = d->c;
        shi = d->d;
        break;
    case BRINK_DIST_TRIANGULAR:
        if (!(d->a <= d->b && d->b <= d->c && d->a < d->c)) {
            snprintf(why, size, "triangular needs low <= mode <= high and low < high");
            return -1;
        }
        slo = d->a;
        shi = d->c;
        break;
    case BRINK_DIST_LOGNORMAL: {
        if (!(d->b > 0)) {
            snprintf(why, size, "lognormal needs sigma > 0 (got %g)", d->b);
            return -1;
        }
        double out = (lo > 0 ? gsl_cdf_lognormal_P(lo, d->a, d->b) : 0) +
                     gsl_cdf_lognormal_Q(hi, d->a, d->b);
        if (out > BRINK_DIST_TAIL) {
            snprintf(why, size,
                     "lognormal(%g, %g) puts %.2g of its mass outside the allowed range "
                     "[%g, %g]", d->a, d->b, out, lo, hi);
            return -1;
        }
        return 0;
    }
    }
    if (!isfinite(d->point) && d->kind == BRINK_DIST_POINT) {
        snprintf(why, size, "value must be a finite number");
        return -1;
    }
    if (slo < lo || shi > hi) {
        if (d->kind == BRINK_DIST_POINT)
            snprintf(why, size, "value %g is outside the allowed range [%g, %g]", d->point,
                     lo, hi);
        else
            snprintf(why, size, "distribution support [%g, %g] is outside the allowed range "
                     "[%g, %g]", slo, shi, lo, hi);
        return -1;
    }
    return 0;
}

/* Where the search for a beta quantile starts: for a, b > 1 the normal
 * approximation of Abramowitz and Stegun (26.5.22); otherwise the leading
 * term of the incomplete beta in the tail the quantile lies in,
 * I_x(a, b) ~ x^a / (a B(a, b)) near 0 and its mirror near 1. lnb is
 * ln B(a, b). */
static double beta_start(double a, double b, double lnb, double u)
{
    if (a > 1 && b > 1) {
        double y = -gsl_cdf_ugaussian_Pinv(u);
        double r = 1 / (2 * a - 1), s = 1 / (2 * b - 1), h = 2 / (r + s);
        double lambda = (y * y - 3) / 6;
        double w = y * sqrt(h + lambda) / h - (s - r) * (lambda + 5.0 / 6 - 2 / (3 * h));
        return a / (a + b * exp(2 * w));
    }
    double x = exp((log(u) + log(a) + lnb) / a);
    return x < a / (a + b) ? x : -expm1((log1p(-u) + log(b) + lnb) / b);
}

/* The continued fraction of the regularised incomplete beta (Abramowitz
 * and Stegun 26.5.8), I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) times
 * 1/(1 + d1/(1 + d2/(1 + ...))) with d(2m+1) = -(a + m)(a + b + m) x /
 * ((a + 2m)(a + 2m + 1)) and d(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)),
 * evaluated by Lentz's method from its first term on, until a pair of
 * terms changes it by no more than a unit in the last place. It converges
 * fast for x below (a + 1)/(a + b + 2). */
static double beta_fraction(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (fabs(d) < tiny ? tiny : d);
    double f = d;
    for (int m = 1; m <= 1000; m++) {
        double step = 1;
        for (int odd = 0; odd < 2; odd++) {
            double k = odd ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                           : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + k * d;
            d = 1 / (fabs(d) < tiny ? tiny : d);
            c = 1 + k / c;
            if (fabs(c) < tiny)
                c = tiny;
            step = c * d;
            f *= step;
        }
        if (fabs(step - 1) <= DBL_EPSILON)
            break;
    }
    return f;
}

/* I_x(a, b) for 0 < x < 1, given front = x^a (1 - x)^b / B(a, b): the
 * continued fraction where it converges fast, else 1 - I_(1-x)(b, a). */
static double beta_regularised(double a, double b, double x, double front)
{
    if (x < (a + 1) / (a + b + 2))
        return front * beta_fraction(a, b, x) / a;
    return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

/* The quantile at u of the standard beta(a, b), lnb = ln B(a, b): Halley's
 * method on the regularised incomplete beta I_x(a, b) (above: ln B, ln x and
 * ln(1 - x) give its front factor and the density, x (1 - x) apart), kept
 * inside the bracket the signs have shown, bisecting where a step would
 * leave it. It stops after a Halley step shorter than 1e-8 of the distance
 * to the nearer end (cubic convergence leaves an error far below the last
 * bit's), or when a step no longer moves. Two or three evaluations of the
 * incomplete beta for the scenarios' priors, where gsl_cdf_beta_Pinv takes
 * about ten (each computing ln B again) with the density besides: it agrees
 * with it to 3e-15 (unit/test_spec, docs/model.md). u outside (0, 1) gives
 * the end. */
static double beta_quantile(double a, double b, double lnb, double u)
{
    if (!(u > 0))
        return 0;
    if (!(u < 1))
        return 1;
    double lo = 0, hi = 1, x = beta_start(a, b, lnb, u);
    if (!(x > 0 && x < 1))
        x = 0.5;
    for (int it = 0; it < 100; it++) {
        double front = exp(a * log(x) + b * log1p(-x) - lnb);
        double f = beta_regularised(a, b, x, front) - u;
        if (f == 0)
            break;
        if (f < 0)
            lo = x;
        else
            hi = x;
        double density = front / (x * (1 - x));
        double d = f / density, c = 0.5 * d * ((a - 1) / x - (b - 1) / (1 - x));
        int halley = fabs(c) < 0.5;
        if (halley)
            d /= 1 - c;
        double next = x - d;
        if (!(next > lo && next < hi)) {
            next = 0.5 * (lo + hi);
            halley = 0;
        }
        if (next == x || (halley && fabs(d) <= 1e-8 * fmin(next, 1 - next)))
            return next;
        x = next;
    }
    return x;
}

/* A truncated normal's bounds as probabilities of the untruncated normal. */
static void truncnormal_bounds(const brink_dist *d, double *pa, double *pb)
{
    *pa = gsl_cdf_ugaussian_P((d->c - d->a) / d->b);
    *pb = gsl_cdf_ugaussian_P((d->d - d->a) / d->b);
}

/* A truncated normal's quantile at u, given its bounds' probabilities. */
static double truncnormal_quantile(const brink_dist *d, double pa, double pb, double u)
{
    double x = d->a + d->b * gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
    return fmin(fmax(x, d->c), d->d);
}

double brink_dist_quantile(const brink_dist *d, double u)
{
    switch (d->kind) {
    case BRINK_DIST_POINT:
        return d->point;
    case BRINK_DIST_UNIFORM:
        return d->a + (d->b - d->a) * u;
    case BRINK_DIST_NORMAL:
        return d->a + d->b * gsl_cdf_ugaussian_Pinv(u); /* caller clamps to the range */
    case BRINK_DIST_TRUNCNORMAL: {
        double pa, pb;
        truncnormal_bounds(d, &pa, &pb);
        return truncnormal_quantile(d, pa, pb, u);
    }
    case BRINK_DIST_BETA:
        return d->c + (d->d - d->c) * beta_quantile(d->a, d->b, gsl_sf_lnbeta(d->a, d->b), u);
    case BRINK_DIST_TRIANGULAR: {
        double lo = d->a, mode = d->b, hi = d->c;
        double f = (mode - lo) / (hi - lo);
        if (u < f)
            return lo + sqrt(u * (hi - lo) * (mode - lo));
        return hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case BRINK_DIST_LOGNORMAL:
        return exp(d->a + d->b * gsl_cdf_ugaussian_Pinv(u));
    }
    return NAN;
}

/* Visits every numeric value in the fixed enumeration order: its
 * distribution, its slot in brink_params, its index and its spec. */
typedef void (*value_visitor)(const brink_dist *d, size_t off, unsigned index,
                              const brink_spec *sp, void *ctx);

static void visit_values(const brink_values *v, const brink_layout *lay, value_visitor fn,
                         void *ctx)
{
    unsigned index = 0;
    for (int g = 0; g < BRINK_GROUP_COUNT; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int outer = g == BRINK_GROUP_MILESTONE ? lay->n[BRINK_GROUP_POLICY] : 1;
        for (int pol = 0; pol < outer; pol++) {
            int n = g == BRINK_GROUP_MILESTONE ? lay->policy[pol].n_milestones
                    : g == BRINK_GROUP_SCALAR ? 1 : lay->n[g];
            for (int e = 0; e < n; e++) {
                size_t eoff_d = gi->base_d + (size_t)e * gi->stride_d;
                size_t eoff = gi->base + (size_t)e * gi->stride;
                if (g == BRINK_GROUP_MILESTONE) {
                    eoff_d = offsetof(brink_values, milestone) +
                             ((size_t)pol * BRINK_MAX_MILESTONES + (size_t)e) * gi->stride_d;
                    eoff = offsetof(brink_params, milestone) +
                           ((size_t)pol * BRINK_MAX_MILESTONES + (size_t)e) * gi->stride;
                }
                for (size_t i = 0; i < gi->n_specs; i++) {
                    const brink_spec *sp = &gi->specs[i];
                    int nm = sp->map_max;
                    for (int k = 0; k < nm; k++) {
                        const brink_dist *d =
                            (const brink_dist *)((const char *)v + eoff_d + sp->off_d) + k;
                        fn(d, eoff + sp->off + (size_t)k * sizeof(double), index, sp, ctx);
                        index++;
                    }
                }
            }
        }
    }
}

typedef struct {
    brink_params *out;
    brink_uniform_fn u;
    void *ctx;
} resolve_ctx;

static void resolve_one(const brink_dist *d, size_t off, unsigned index, const brink_spec *sp,
                        void *ctx)
{
    resolve_ctx *rc = ctx;
    double *x = (double *)((char *)rc->out + off);
    if (rc->u && d->kind != BRINK_DIST_POINT)
        *x = fmin(fmax(brink_dist_quantile(d, rc->u(rc->ctx, index)), sp->lo), sp->hi);
    else
        *x = brink_dist_point(d);
}

void brink_params_counts(const brink_layout *lay, brink_params *out)
{
    out->n_senders = lay->n[BRINK_GROUP_SENDER];
    out->n_goods = lay->n[BRINK_GROUP_GOOD];
    out->n_imports = lay->n[BRINK_GROUP_IMPORT];
    out->n_parties = lay->n[BRINK_GROUP_PARTY];
    out->n_channels = lay->n[BRINK_GROUP_CHANNEL];
    out->n_proxies = lay->n[BRINK_GROUP_PROXY];
    out->n_patrons = lay->n[BRINK_GROUP_PATRON];
    out->n_issues = lay->n[BRINK_GROUP_ISSUE];
    out->n_inducements = lay->n[BRINK_GROUP_INDUCEMENT];
    out->n_policies = lay->n[BRINK_GROUP_POLICY];
    out->layout = lay;
}

void brink_params_resolve(const brink_values *v, const brink_layout *lay,
                          brink_uniform_fn u, void *ctx, brink_params *out)
{
    memset(out, 0, sizeof *out);
    resolve_ctx rc = {out, u, ctx};
    visit_values(v, lay, resolve_one, &rc);
    brink_params_counts(lay, out);
}

typedef struct {
    brink_param_draw *out;
    size_t cap, n;
} plan_ctx;

static void plan_one(const brink_dist *d, size_t off, unsigned index, const brink_spec *sp,
                     void *ctx)
{
    plan_ctx *pc = ctx;
    if (d->kind == BRINK_DIST_POINT)
        return;
    if (pc->n < pc->cap) {
        brink_param_draw *e = &pc->out[pc->n];
        e->off = off;
        e->dist = d;
        e->index = index;
        e->lo = sp->lo;
        e->hi = sp->hi;
        e->pa = e->pb = e->lnb = 0;
        if (d->kind == BRINK_DIST_TRUNCNORMAL)
            truncnormal_bounds(d, &e->pa, &e->pb);
        if (d->kind == BRINK_DIST_BETA)
            e->lnb = gsl_sf_lnbeta(d->a, d->b);
    }
    pc->n++;
}

double brink_param_draw_quantile(const brink_param_draw *e, double u)
{
    const brink_dist *d = e->dist;
    if (d->kind == BRINK_DIST_TRUNCNORMAL)
        return truncnormal_quantile(d, e->pa, e->pb, u);
    if (d->kind == BRINK_DIST_BETA)
        return d->c + (d->d - d->c) * beta_quantile(d->a, d->b, e->lnb, u);
    return brink_dist_quantile(d, u);
}

size_t brink_params_draw_plan(const brink_values *v, const brink_layout *lay,
                              brink_param_draw *out, size_t cap)
{
    plan_ctx pc = {out, cap, 0};
    visit_values(v, lay, plan_one, &pc);
    return pc.n;
}

int brink_param_locate(const brink_layout *lay, const char *path, size_t *off,
                       const brink_spec **spec)
{
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, path);
    if (sp) {
        *off = offsetof(brink_params, s) + sp->off;
        *spec = sp;
        return 0;
    }
    const char *dot = strchr(path, '.');
    if (!dot)
        return -1;
    int g = -1;
    for (int k = 1; k < BRINK_GROUP_MILESTONE; k++)
        if (strlen(brink_groups[k].key) == (size_t)(dot - path) &&
            strncmp(brink_groups[k].key, path, (size_t)(dot - path)) == 0)
            g = k;
    if (g < 0)
        return -1;
    const char *id = dot + 1, *dot2 = strchr(id, '.');
    if (!dot2)
        return -1;
    int e = brink_layout_index(lay, (brink_group)g, id, (size_t)(dot2 - id));
    if (e < 0)
        return -1;
    const brink_group_info *gi = &brink_groups[g];
    size_t base = gi->base + (size_t)e * gi->stride;
    const char *rest = dot2 + 1;
    if (g == BRINK_GROUP_POLICY && strncmp(rest, "milestones.", 11) == 0) {
        char *end;
        long m = strtol(rest + 11, &end, 10);
        if (end == rest + 11 || *end != '.' || m < 0 ||
            m >= lay->policy[e].n_milestones)
            return -1;
        sp = brink_spec_find(BRINK_GROUP_MILESTONE, end + 1);
        if (!sp)
            return -1;
        const brink_group_info *mi = &brink_groups[BRINK_GROUP_MILESTONE];
        *off = offsetof(brink_params, milestone) +
               ((size_t)e * BRINK_MAX_MILESTONES + (size_t)m) * mi->stride + sp->off;
        *spec = sp;
        return 0;
    }
    sp = brink_spec_find((brink_group)g, rest);
    if (sp && !sp->is_map) {
        *off = base + sp->off;
        *spec = sp;
        return 0;
    }
    const char *dot3 = strrchr(rest, '.');
    if (!dot3)
        return -1;
    char head[64];
    snprintf(head, sizeof head, "%.*s", (int)(dot3 - rest), rest);
    sp = brink_spec_find((brink_group)g, head);
    if (!sp || !sp->is_map)
        return -1;
    int k = brink_layout_index(lay, sp->key_group, dot3 + 1, strlen(dot3 + 1));
    if (k < 0)
        return -1;
    *off = base + sp->off + (size_t)k * sizeof(double);
    *spec = sp;
    return 0;
}
