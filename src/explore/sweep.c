/* Exploring the model: the uncertain parameters of a scenario, designs over
 * them, and ensembles at every point on common random numbers
 * (include/brink/explore.h, docs/exploration.md). */
#include "brink/explore.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "analysis/ensemble_lean.h"
#include "analysis/farm.h"
#include "core/pack.h"
#include "core/threads.h"
#include "explore/design.h"
#include "explore/explore_internal.h"
#include "model/spec.h"

/* ---- The uncertain parameters -------------------------------------------- */

/* The spec of a dotted path: a scalar, or <group>.<id>.<name>. */
static const brink_spec *spec_of(const char *path)
{
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, path);
    if (sp)
        return sp;
    const char *dot = strchr(path, '.');
    if (!dot)
        return NULL;
    for (int g = 1; g < BRINK_GROUP_MILESTONE; g++) {
        const char *key = brink_groups[g].key;
        if (strlen(key) == (size_t)(dot - path) && strncmp(key, path, (size_t)(dot - path)) == 0) {
            const char *name = strchr(dot + 1, '.');
            return name ? brink_spec_find((brink_group)g, name + 1) : NULL;
        }
    }
    return NULL;
}

/* The support of a distribution written as {kind: [numbers]}. */
static int dist_support(const char *kind, const double *a, int na, double *lo, double *hi)
{
    if (strcmp(kind, "uniform") == 0 && na == 2) {
        *lo = a[0], *hi = a[1];
    } else if (strcmp(kind, "truncated_normal") == 0 && na == 4) {
        *lo = a[2], *hi = a[3];
    } else if (strcmp(kind, "triangular") == 0 && na == 3) {
        *lo = a[0], *hi = a[2];
    } else if (strcmp(kind, "beta") == 0 && (na == 2 || na == 4)) {
        *lo = na == 4 ? a[2] : 0.0, *hi = na == 4 ? a[3] : 1.0;
    } else if (strcmp(kind, "normal") == 0 && na == 2) {
        *lo = a[0] - 2 * a[1], *hi = a[0] + 2 * a[1];
    } else if (strcmp(kind, "lognormal") == 0 && na == 2) {
        *lo = exp(a[0] - 2 * a[1]), *hi = exp(a[0] + 2 * a[1]);
    } else {
        return -1;
    }
    return 0;
}

typedef struct {
    brink_explore_param *p;
    int n, cap;
    int oom;
} param_list;

static void add_uncertain(param_list *l, const char *path, const char *kind, const double *a,
                          int na)
{
    double slo, shi;
    if (dist_support(kind, a, na, &slo, &shi) != 0)
        return;
    const brink_spec *sp = spec_of(path);
    double lo = slo, hi = shi;
    if (sp) {
        /* the plausible range, within the distribution's support */
        double plo = fmax(sp->plo, slo), phi = fmin(sp->phi, shi);
        if (phi > plo)
            lo = plo, hi = phi;
        lo = fmax(lo, sp->lo);
        hi = fmin(hi, sp->hi);
    }
    if (!(hi > lo) || strlen(path) >= BRINK_EXPLORE_PATH_MAX)
        return;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 32;
        brink_explore_param *g = realloc(l->p, sizeof *g * (size_t)cap);
        if (!g) {
            l->oom = 1;
            return;
        }
        l->p = g;
        l->cap = cap;
    }
    brink_explore_param *q = &l->p[l->n++];
    memset(q, 0, sizeof *q);
    snprintf(q->path, sizeof q->path, "%s", path);
    q->lo = lo;
    q->hi = hi;
    q->levels = 3;
}

/* Walks the resolved YAML: a mapping with one key whose value is a flow
 * sequence of numbers is a distribution at the path of the keys above. */
static void walk(yaml_document_t *doc, yaml_node_t *node, char *path, size_t len, param_list *l)
{
    if (!node || node->type != YAML_MAPPING_NODE)
        return;
    yaml_node_pair_t *b = node->data.mapping.pairs.start, *e = node->data.mapping.pairs.top;
    if (e - b == 1) {
        yaml_node_t *k = yaml_document_get_node(doc, b->key);
        yaml_node_t *v = yaml_document_get_node(doc, b->value);
        if (k && v && k->type == YAML_SCALAR_NODE && v->type == YAML_SEQUENCE_NODE && len > 0) {
            double a[4];
            int na = 0, ok = 1;
            for (yaml_node_item_t *it = v->data.sequence.items.start;
                 it < v->data.sequence.items.top && ok; it++) {
                yaml_node_t *x = yaml_document_get_node(doc, *it);
                char *end;
                ok = na < 4 && x && x->type == YAML_SCALAR_NODE;
                if (ok) {
                    a[na++] = strtod((const char *)x->data.scalar.value, &end);
                    ok = end != (const char *)x->data.scalar.value && *end == '\0';
                }
            }
            if (ok) {
                add_uncertain(l, path, (const char *)k->data.scalar.value, a, na);
                return;
            }
        }
    }
    for (yaml_node_pair_t *pr = b; pr < e; pr++) {
        yaml_node_t *k = yaml_document_get_node(doc, pr->key);
        if (!k || k->type != YAML_SCALAR_NODE)
            continue;
        const char *key = (const char *)k->data.scalar.value;
        if (len == 0 && (strcmp(key, "history") == 0 || strcmp(key, "timeline") == 0))
            continue; /* not parameters */
        size_t kl = strlen(key);
        if (len + kl + 2 >= 512)
            continue;
        size_t nl = len;
        if (len)
            path[nl++] = '.';
        memcpy(path + nl, key, kl + 1);
        walk(doc, yaml_document_get_node(doc, pr->value), path, nl + kl, l);
        path[len] = '\0';
    }
}

brink_status brink_explore_uncertain(const brink_scenario *sc, brink_explore_param **out,
                                     int *n, brink_error *err)
{
    *out = NULL;
    *n = 0;
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (!mem)
        return brink_explore_oom(err);
    brink_status st = brink_scenario_write_yaml(sc, mem, err);
    if (fclose(mem) != 0 && st == BRINK_OK)
        st = brink_explore_oom(err);
    if (st != BRINK_OK) {
        free(text);
        return st;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    param_list l = {NULL, 0, 0, 0};
    if (!yaml_parser_initialize(&parser)) {
        free(text);
        return brink_explore_oom(err);
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, size);
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_parser_delete(&parser);
        free(text);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "cannot read the resolved scenario back");
    }
    char path[512] = "";
    walk(&doc, yaml_document_get_root_node(&doc), path, 0, &l);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(text);
    if (l.oom) {
        free(l.p);
        return brink_explore_oom(err);
    }
    *out = l.p;
    *n = l.n;
    return BRINK_OK;
}

static brink_status set_value(brink_scenario *sc, const char *path, double v, brink_error *err)
{
    char a[BRINK_EXPLORE_PATH_MAX + 40];
    snprintf(a, sizeof a, "%s=%.17g", path, v);
    return brink_scenario_set(sc, a, err);
}

brink_status brink_explore_check(const brink_scenario *sc, const brink_explore_param *p, int d,
                                 brink_error *err)
{
    if (d < 1 || d > BRINK_EXPLORE_MAX_DIM)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d parameters (allowed 1 to %d)", d, BRINK_EXPLORE_MAX_DIM);
    brink_scenario *c = brink_scenario_clone(sc, err);
    if (!c)
        return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    brink_status st = BRINK_OK;
    for (int j = 0; j < d && st == BRINK_OK; j++) {
        if (!(p[j].lo < p[j].hi) || !isfinite(p[j].lo) || !isfinite(p[j].hi)) {
            st = brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, p[j].path,
                                 "empty range [%g, %g] (need LO < HI)", p[j].lo, p[j].hi);
            break;
        }
        if (p[j].log_scale && !(p[j].lo > 0)) {
            st = brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, p[j].path,
                                 "a log scale needs LO > 0 (the range is [%g, %g])", p[j].lo,
                                 p[j].hi);
            break;
        }
        if (p[j].levels < 1 || p[j].levels > 10000) {
            st = brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, p[j].path,
                                 "%d grid levels (allowed 1 to 10000)", p[j].levels);
            break;
        }
        for (int k = 0; k < j && st == BRINK_OK; k++)
            if (strcmp(p[k].path, p[j].path) == 0)
                st = brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, p[j].path,
                                     "parameter given twice");
        if (st == BRINK_OK)
            st = set_value(c, p[j].path, p[j].lo, err);
        if (st == BRINK_OK)
            st = set_value(c, p[j].path, p[j].hi, err);
    }
    brink_scenario_free(c);
    return st;
}

/* ---- Designs --------------------------------------------------------------- */

static const char *const design_names[] = {"grid", "lhs", "sobol"};

const char *brink_design_name(brink_design_kind k)
{
    return (unsigned)k < 3u ? design_names[k] : NULL;
}

int brink_design_from_name(const char *name)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(design_names[k], name) == 0)
            return k;
    return -1;
}

uint64_t brink_explore_grid_points(const brink_explore_param *p, int d)
{
    uint64_t n = 1;
    for (int j = 0; j < d; j++) {
        n *= (uint64_t)(p[j].levels > 0 ? p[j].levels : 1);
        if (n > BRINK_EXPLORE_MAX_POINTS)
            return 0;
    }
    return n;
}

brink_status brink_explore_design(brink_design_kind kind, const brink_explore_param *p, int d,
                                  int n, uint64_t seed, int k0, int k1, double *u,
                                  brink_error *err)
{
    if (d < 1 || d > BRINK_EXPLORE_MAX_DIM || k0 < 0 || k1 < k0 || k1 > n)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "design points [%d, %d) of %d in %d dimensions", k0, k1, n, d);
    if (kind == BRINK_DESIGN_GRID) {
        int levels[BRINK_EXPLORE_MAX_DIM];
        for (int j = 0; j < d; j++)
            levels[j] = p[j].levels;
        for (int k = k0; k < k1; k++)
            brink_grid_point(d, levels, (uint64_t)k, u + (size_t)(k - k0) * (size_t)d);
        return BRINK_OK;
    }
    if (kind == BRINK_DESIGN_SOBOL) {
        if (d > BRINK_SOBOL_MAX_DIM)
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "a Sobol design has at most %d dimensions (%d given); use "
                                   "a Latin hypercube", BRINK_SOBOL_MAX_DIM, d);
        brink_sobol_stream q;
        brink_status st = brink_sobol_stream_init(&q, d, 1u + (unsigned)k0, err);
        if (st != BRINK_OK)
            return st;
        for (int k = k0; k < k1; k++)
            brink_sobol_stream_next(&q, u + (size_t)(k - k0) * (size_t)d);
        brink_sobol_stream_release(&q);
        return BRINK_OK;
    }
    if (kind == BRINK_DESIGN_LHS) {
        double *all = malloc(sizeof(double) * (size_t)n * (size_t)d);
        if (!all || brink_latin_hypercube(seed, BRINK_LHS_STREAM, n, d, NULL, NULL, all) != 0) {
            free(all);
            return brink_explore_oom(err);
        }
        memcpy(u, all + (size_t)k0 * (size_t)d, sizeof(double) * (size_t)(k1 - k0) * (size_t)d);
        free(all);
        return BRINK_OK;
    }
    return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "unknown design %d", (int)kind);
}

void brink_explore_point(const brink_explore_param *p, int d, const double *u, double *x)
{
    for (int j = 0; j < d; j++)
        /* on a log scale, the ends exactly (exp(log(x)) may miss them) */
        x[j] = p[j].log_scale && u[j] <= 0   ? p[j].lo
               : p[j].log_scale && u[j] >= 1 ? p[j].hi
                                             : brink_unit_to_box(p[j].lo, p[j].hi,
                                                                 p[j].log_scale, u[j]);
}

/* ---- Outputs ---------------------------------------------------------------- */

enum { PER_MONTH = BRINK_OUTCOME_COUNT + 1, FIXED = 1 + BRINK_COST_COUNT };

int brink_explore_output_count(const brink_explore_outputs *o)
{
    return o->nmonths * PER_MONTH + FIXED;
}

void brink_explore_output_name(const brink_explore_outputs *o, int k, char *buf, size_t size)
{
    if (k < o->nmonths * PER_MONTH) {
        unsigned m = o->months[k / PER_MONTH];
        int i = k % PER_MONTH;
        if (i < BRINK_OUTCOME_COUNT)
            snprintf(buf, size, "p_%s_%u", brink_outcome_name((brink_outcome)i), m);
        else
            snprintf(buf, size, "p_deal_within_%u", m);
        return;
    }
    k -= o->nmonths * PER_MONTH;
    if (k == 0)
        snprintf(buf, size, "median_months_to_deal");
    else
        snprintf(buf, size, "mean_%s", brink_cost_name((brink_cost)(k - 1)));
}

int brink_explore_output_index(const brink_explore_outputs *o, const char *name)
{
    char buf[96];
    for (int k = 0; k < brink_explore_output_count(o); k++) {
        brink_explore_output_name(o, k, buf, sizeof buf);
        if (strcmp(buf, name) == 0)
            return k;
    }
    return -1;
}

static brink_status outputs_of(const brink_ensemble_lean *r, const brink_explore_outputs *o,
                               brink_km_result *km, double *y, brink_error *err)
{
    const double runs = (double)r->runs;
    int k = 0;
    for (int mi = 0; mi < o->nmonths; mi++) {
        uint32_t m = o->months[mi] < r->horizon ? o->months[mi] : r->horizon;
        uint32_t t = m - 1;
        uint64_t tot = brink_outcome_by_month_total(&r->by_month, t);
        for (int i = 0; i < BRINK_OUTCOME_COUNT; i++)
            y[k++] = tot ? (double)r->by_month.counts[(size_t)t * r->by_month.ncat + (size_t)i] /
                               (double)tot
                         : (double)NAN;
        y[k++] = (double)brink_ensemble_events_by(&r->km_deal, m) / runs;
    }
    brink_status st = brink_km_estimate(&r->km_deal, 0.95, km, err);
    if (st != BRINK_OK)
        return st;
    y[k++] = km->median == BRINK_KM_NOT_REACHED ? (double)NAN : (double)km->median;
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        y[k++] = brink_moments_mean(&r->cost[c]);
    return BRINK_OK;
}

/* ---- Evaluation ----------------------------------------------------------- */

/* The points are the tasks of a farm (analysis/farm.h): shared among the
 * threads and, under a transport, the processes; each point's result is its
 * outputs, then the run-months it simulated. */
typedef struct {
    const brink_scenario *sc;
    brink_explore_config *cfg; /* run_months is added up on the calling thread */
    const double *u;
    int nout;
    size_t result_size;
    brink_km_result *km;   /* one per thread */
    double *y;             /* the caller's outputs */
    int first;             /* the number of point 0 of u */
    double *x;             /* values of up to XBUF points, for on_points */
} eval_job;

#define XBUF 256
#define MAX_OUTPUTS 256
_Static_assert(BRINK_EXPLORE_MAX_MONTHS * PER_MONTH + FIXED <= MAX_OUTPUTS,
               "a point's outputs fit MAX_OUTPUTS");

static brink_status eval_point(void *ctx, int thread, uint64_t k, void *result,
                               brink_error *err)
{
    eval_job *job = ctx;
    const brink_explore_config *cfg = job->cfg;
    double x[BRINK_EXPLORE_MAX_DIM];
    brink_explore_point(cfg->param, cfg->d, job->u + (size_t)k * (size_t)cfg->d, x);
    brink_scenario *sc = brink_scenario_clone(job->sc, err);
    if (!sc)
        return err->code ? err->code : BRINK_ERR_RUNTIME;
    brink_status st = BRINK_OK;
    for (int j = 0; j < cfg->d && st == BRINK_OK; j++)
        st = set_value(sc, cfg->param[j].path, x[j], err);
    /* only the accumulators the outputs read, equal bit for bit to those of
     * the full ensemble (analysis/ensemble_lean.h) */
    brink_ensemble_lean r;
    if (st == BRINK_OK)
        st = brink_ensemble_lean_run(sc, cfg->policy, cfg->seed, cfg->runs, &r, err);
    if (st == BRINK_OK) {
        uint64_t months = r.run_months;
        memcpy((unsigned char *)result + (size_t)job->nout * sizeof(double), &months,
               sizeof months);
        double y[MAX_OUTPUTS];
        st = outputs_of(&r, &cfg->out, &job->km[thread], y, err);
        memcpy(result, y, (size_t)job->nout * sizeof(double));
        brink_ensemble_lean_release(&r);
    }
    if (st != BRINK_OK)
        brink_error_hint(err, "at design point %d", (int)k);
    brink_scenario_free(sc);
    return st;
}

/* Points [first, first + count) are complete, in order. */
static int eval_ready(void *ctx, uint64_t first, uint64_t count, const void *results)
{
    eval_job *job = ctx;
    brink_explore_config *cfg = job->cfg;
    const unsigned char *res = results;
    const int d = cfg->d, nout = job->nout;
    for (uint64_t i = 0; i < count; i++) {
        const unsigned char *one = res + i * job->result_size;
        uint64_t months;
        memcpy(job->y + (size_t)(first + i) * (size_t)nout, one, (size_t)nout * sizeof(double));
        memcpy(&months, one + (size_t)nout * sizeof(double), sizeof months);
        cfg->run_months += months;
    }
    if (!cfg->on_points)
        return 0;
    for (uint64_t k0 = first; k0 < first + count; k0 += XBUF) {
        int m = (int)(first + count - k0 < XBUF ? first + count - k0 : XBUF);
        for (int i = 0; i < m; i++)
            brink_explore_point(cfg->param, d, job->u + (size_t)(k0 + (uint64_t)i) * (size_t)d,
                                job->x + (size_t)i * (size_t)d);
        if (cfg->on_points(job->first + (int)k0, m, job->x, job->y + (size_t)k0 * (size_t)nout,
                           cfg->user) != 0)
            return 1; /* the farm stops */
    }
    return 0;
}

/* What a snapshot of an evaluation must match: the scenario, the
 * parameters, the points and everything else that makes the outputs. */
static uint64_t eval_fingerprint(const brink_scenario *sc, const brink_explore_config *cfg,
                                 const double *u, int n, int first)
{
    uint64_t v[6] = {brink_scenario_hash(sc), (uint64_t)cfg->policy, cfg->runs, cfg->seed,
                     (uint64_t)cfg->d, (uint64_t)first};
    uint64_t h = brink_fnv1a(BRINK_FNV_START, v, sizeof v);
    for (int j = 0; j < cfg->d; j++) {
        h = brink_fnv1a(h, cfg->param[j].path, strlen(cfg->param[j].path));
        h = brink_fnv1a(h, &cfg->param[j].lo, sizeof cfg->param[j].lo);
        h = brink_fnv1a(h, &cfg->param[j].hi, sizeof cfg->param[j].hi);
        h = brink_fnv1a(h, &cfg->param[j].log_scale, sizeof cfg->param[j].log_scale);
    }
    h = brink_fnv1a(h, &cfg->out, sizeof cfg->out);
    return brink_fnv1a(h, u, sizeof(double) * (size_t)n * (size_t)cfg->d);
}

brink_status brink_explore_evaluate(const brink_scenario *sc, brink_explore_config *cfg,
                                    const double *u, int n, int first, double *y, int *done,
                                    brink_error *err)
{
    *done = 0;
    if (cfg->runs < 1 || cfg->runs > BRINK_ENSEMBLE_MAX_RUNS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "runs",
                               "%llu runs per point (allowed 1 to %llu)",
                               (unsigned long long)cfg->runs, BRINK_ENSEMBLE_MAX_RUNS);
    if (cfg->out.nmonths < 0 || cfg->out.nmonths > BRINK_EXPLORE_MAX_MONTHS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "months",
                               "%d months (allowed 0 to %d)", cfg->out.nmonths,
                               BRINK_EXPLORE_MAX_MONTHS);
    for (int i = 0; i < cfg->out.nmonths; i++)
        if (cfg->out.months[i] < 1 || cfg->out.months[i] > BRINK_KM_MAX_HORIZON)
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "months",
                                   "month %u (allowed 1 to %d)", cfg->out.months[i],
                                   BRINK_KM_MAX_HORIZON);
    if (cfg->d < 0 || cfg->d > BRINK_EXPLORE_MAX_DIM)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "parameters",
                               "%d parameters (allowed 0 to %d)", cfg->d,
                               BRINK_EXPLORE_MAX_DIM);
    if (n <= 0)
        return BRINK_OK;
    int nt = brink_thread_count(cfg->threads, BRINK_ENSEMBLE_MAX_THREADS);
    if (nt > n)
        nt = n;
    eval_job job;
    memset(&job, 0, sizeof job);
    job.sc = sc;
    job.cfg = cfg;
    job.u = u;
    job.nout = brink_explore_output_count(&cfg->out);
    job.result_size = ((size_t)job.nout + 1) * sizeof(double);
    job.y = y;
    job.first = first;
    job.km = calloc((size_t)nt, sizeof *job.km);
    job.x = malloc(sizeof(double) * XBUF * (size_t)(cfg->d > 0 ? cfg->d : 1));
    unsigned char *res = malloc(job.result_size * (size_t)n);
    if (!job.km || !job.x || !res) {
        free(job.km);
        free(job.x);
        free(res);
        return brink_explore_oom(err);
    }
    brink_farm farm = {
        .tasks = (uint64_t)n,
        .result_size = job.result_size,
        .threads = nt,
        .task = eval_point,
        .ready = eval_ready,
        .ctx = &job,
        .stop = cfg->stop,
        .job = eval_fingerprint(sc, cfg, u, n, first),
    };
    uint64_t complete = 0;
    brink_status st = brink_farm_run(&farm, res, &complete, err);
    *done = (int)complete;
    free(job.km);
    free(job.x);
    free(res);
    return st;
}
