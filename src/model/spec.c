#include "model/spec.h"

#include "core/text.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define NUM BRINK_SPEC_NUM
#define INT BRINK_SPEC_INT
#define BOOL BRINK_SPEC_BOOL
#define ENUM BRINK_SPEC_ENUM
#define REQ BRINK_REQ


#define X(field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_)    \
    {#field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_,        \
     offsetof(DSTRUCT, field_), offsetof(PSTRUCT, field_), 0},
#define XMAP(field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_) \
    {#field_, name_, kind_, unit_, lo_, hi_, def_, plo_, phi_, doc_, src_,        \
     offsetof(DSTRUCT, field_), offsetof(PSTRUCT, field_), 1},

#define DSTRUCT brink_scalars_d
#define PSTRUCT brink_scalars
static const brink_spec spec_scalar[] = {
#include "model/spec_scalar.def"
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
#define DSTRUCT brink_issue_d
#define PSTRUCT brink_issue
static const brink_spec spec_issue[] = {
#include "model/spec_issue.def"
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

const brink_group_info brink_groups[BRINK_GROUP_COUNT] = {
    {"", spec_scalar, COUNT(spec_scalar), sizeof(brink_scalars_d), sizeof(brink_scalars),
     offsetof(brink_values, s), offsetof(brink_params, s), 1},
    {"third_parties", spec_party, COUNT(spec_party), sizeof(brink_party_d), sizeof(brink_party),
     offsetof(brink_values, party), offsetof(brink_params, party), BRINK_MAX_PARTIES},
    {"channels", spec_channel, COUNT(spec_channel), sizeof(brink_channel_d), sizeof(brink_channel),
     offsetof(brink_values, channel), offsetof(brink_params, channel), BRINK_MAX_CHANNELS},
    {"proxies", spec_proxy, COUNT(spec_proxy), sizeof(brink_proxy_d), sizeof(brink_proxy),
     offsetof(brink_values, proxy), offsetof(brink_params, proxy), BRINK_MAX_PROXIES},
    {"issues", spec_issue, COUNT(spec_issue), sizeof(brink_issue_d), sizeof(brink_issue),
     offsetof(brink_values, issue), offsetof(brink_params, issue), BRINK_MAX_ISSUES},
    {"policies", spec_policy, COUNT(spec_policy), sizeof(brink_policy_num_d),
     sizeof(brink_policy_num), offsetof(brink_values, policy), offsetof(brink_params, policy),
     BRINK_MAX_POLICIES},
    {"milestones", spec_milestone, COUNT(spec_milestone), sizeof(brink_milestone_num_d),
     sizeof(brink_milestone_num), offsetof(brink_values, milestone),
     offsetof(brink_params, milestone), BRINK_MAX_MILESTONES},
};

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

void brink_spec_defaults(brink_group g, void *entity_d)
{
    const brink_group_info *gi = &brink_groups[g];
    for (size_t i = 0; i < gi->n_specs; i++) {
        const brink_spec *sp = &gi->specs[i];
        brink_dist *d = (brink_dist *)((char *)entity_d + sp->off_d);
        int n = sp->is_map ? BRINK_MAX_CHANNELS : 1;
        for (int k = 0; k < n; k++) {
            memset(&d[k], 0, sizeof d[k]);
            d[k].kind = BRINK_DIST_POINT;
            d[k].point = sp->def;
        }
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
        double pa = gsl_cdf_ugaussian_P((d->c - d->a) / d->b);
        double pb = gsl_cdf_ugaussian_P((d->d - d->a) / d->b);
        double x = d->a + d->b * gsl_cdf_ugaussian_Pinv(pa + u * (pb - pa));
        return fmin(fmax(x, d->c), d->d);
    }
    case BRINK_DIST_BETA:
        return d->c + (d->d - d->c) * gsl_cdf_beta_Pinv(u, d->a, d->b);
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
    int counts[BRINK_GROUP_COUNT] = {1, lay->n_parties, lay->n_channels, lay->n_proxies,
                                     lay->n_issues, lay->n_policies, 0};
    unsigned index = 0;
    for (int g = 0; g < BRINK_GROUP_COUNT; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int outer = g == BRINK_GROUP_MILESTONE ? lay->n_policies : 1;
        for (int pol = 0; pol < outer; pol++) {
            int n = g == BRINK_GROUP_MILESTONE ? lay->policy[pol].n_milestones : counts[g];
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
                    int nm = sp->is_map ? BRINK_MAX_CHANNELS : 1;
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

void brink_params_resolve(const brink_values *v, const brink_layout *lay,
                          brink_uniform_fn u, void *ctx, brink_params *out)
{
    memset(out, 0, sizeof *out);
    resolve_ctx rc = {out, u, ctx};
    visit_values(v, lay, resolve_one, &rc);
    out->n_parties = lay->n_parties;
    out->n_channels = lay->n_channels;
    out->n_proxies = lay->n_proxies;
    out->n_issues = lay->n_issues;
    out->n_policies = lay->n_policies;
    out->layout = lay;
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
    }
    pc->n++;
}

size_t brink_params_draw_plan(const brink_values *v, const brink_layout *lay,
                              brink_param_draw *out, size_t cap)
{
    plan_ctx pc = {out, cap, 0};
    visit_values(v, lay, plan_one, &pc);
    return pc.n;
}
