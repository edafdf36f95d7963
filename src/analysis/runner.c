/* Batches of runs, in lanes or one after the other (analysis/runner.h). */
#include "analysis/runner.h"

#include <stddef.h>
#include <stdlib.h>

#include "model/isa.h"
#include "model/sim_var.h"

enum { RUNNER_MAX_LANES = 8 };

const brink_var brink_runner_fan_vars[BRINK_FAN_COUNT] = {
    BRINK_VAR_EXPORTS, BRINK_VAR_RESERVES,       BRINK_VAR_INFLATION,  BRINK_VAR_FX_RATE,
    BRINK_VAR_GDP,     BRINK_VAR_LEGITIMACY,     BRINK_VAR_HARDLINERS, BRINK_VAR_BYPASS,
    BRINK_VAR_TRUST,   BRINK_VAR_PROXY_STRENGTH, BRINK_VAR_PROGRAMME,  BRINK_VAR_INSURGENCY,
};

struct brink_runner {
    int lanes;                        /* the lanes of a vector, or 0: one run at a time */
    brink_sim *sim[RUNNER_MAX_LANES]; /* one per lane, or one */
};

brink_runner *brink_runner_alloc(const brink_scenario *sc, int scalar, brink_error *err)
{
    brink_runner *r = calloc(1, sizeof *r);
    if (!r) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    int w = scalar ? 0 : brink_lanes_width_();
    r->lanes = w > 0 && w <= RUNNER_MAX_LANES ? w : 0;
    for (int l = 0; l < (r->lanes ? r->lanes : 1); l++)
        if (!(r->sim[l] = brink_sim_alloc(sc, err))) {
            brink_runner_free(r);
            return NULL;
        }
    return r;
}

void brink_runner_free(brink_runner *r)
{
    if (!r)
        return;
    for (int l = 0; l < RUNNER_MAX_LANES; l++)
        brink_sim_free(r->sim[l]);
    free(r);
}

int brink_runner_lanes(const brink_runner *r)
{
    return r->lanes ? r->lanes : 1;
}

/* (runs to a lane in a batch: enough that the batch's last runs, which
 * leave lanes idle, are a small share of it, few enough that its records
 * stay in the processor's cache) */
enum { RUNNER_BATCH_PER_LANE = 16 };

size_t brink_runner_batch(const brink_runner *r)
{
    return r->lanes > 1 ? (size_t)RUNNER_BATCH_PER_LANE * (size_t)r->lanes : 1;
}

/* What a batch records, and where it stands. In lanes, a lane takes the
 * jobs of one run (the run under each policy, next to each other in the
 * batch) one after the other, so that its sim draws the run's values once
 * (brink_sim_init keeps them for the same seed and run); when no run is
 * left whole, a lane without a job takes the last job not started of the
 * lane with most of them left. The order jobs are taken in changes no
 * record. */
typedef struct {
    uint64_t seed;
    const brink_var *vars;
    int n_vars;
    uint32_t horizon;
    brink_runner_job *jobs;
    size_t n, next;                                      /* next: the first job of no lane's */
    size_t cur[RUNNER_MAX_LANES], end[RUNNER_MAX_LANES]; /* each lane's jobs to come */
    int lanes;
    brink_runner_job *at[RUNNER_MAX_LANES]; /* each lane's job */
    const brink_runner_watch *w;            /* or NULL */
    brink_status st;
    brink_error *err;
} batch;

/* The run's month m into its record: the variables, and the status (its
 * outcome once it has ended, else its running status). */
static inline void record_month(const batch *b, brink_runner_job *j, const brink_sim *sim,
                                uint32_t m, int ended)
{
    if (j->vals && b->vars == brink_runner_fan_vars && b->n_vars == BRINK_FAN_COUNT) {
        /* unrolled, each variable is a constant, so that the inline
         * dispatch (model/sim_var.h) folds away into a dozen reads */
#pragma GCC unroll 12
        for (int k = 0; k < BRINK_FAN_COUNT; k++)
            j->vals[(size_t)k * b->horizon + m] =
                brink_sim_var_on_scale_(sim, brink_runner_fan_vars[k]);
    } else if (j->vals) {
        for (int k = 0; k < b->n_vars; k++)
            j->vals[(size_t)k * b->horizon + m] = brink_sim_var_on_scale_(sim, b->vars[k]);
    }
    if (j->status) {
        const brink_summary *s = brink_sim_summary(sim);
        j->status[m] = (unsigned char)(ended ? (uint32_t)s->outcome
                                             : brink_running_status(
                                                   s->deal_month, s->first_agreement_month,
                                                   brink_sim_var_inline_(sim, BRINK_VAR_RELIEF)));
    }
}

/* Job j prepared in sim; NULL when it could not be. */
static brink_runner_job *prepare(batch *b, brink_sim *sim, size_t i)
{
    brink_runner_job *j = &b->jobs[i];
    if (brink_sim_init(sim, j->policy, b->seed, j->run, 1, 0, b->err) != BRINK_OK) {
        b->st = b->err && b->err->code ? b->err->code : BRINK_ERR_INPUT;
        return NULL;
    }
    if (b->w && b->w->start)
        b->w->start(b->w->ctx, i, sim);
    return j;
}

/* Job j's index in the batch, as the watch names it. */
static inline size_t job_index(const batch *b, const brink_runner_job *j)
{
    return (size_t)(j - b->jobs);
}

/* Whether the watch sees month m of job j's run. */
static inline int watched(const batch *b, const brink_runner_job *j, uint32_t m)
{
    return b->w && b->w->month && b->w->wants(b->w->ctx, job_index(b, j), m);
}

/* The run's end into its record: the months observed and the totals. (A
 * run ends only in a month it steps, brink_sim_init never ends one, so it
 * has stepped at least one month: brink_sim_month is 0 or more.) */
static void finish(const batch *b, brink_runner_job *j, const brink_sim *sim)
{
    uint32_t t = (uint32_t)brink_sim_month(sim) + 1;
    j->steps = t < b->horizon ? t : b->horizon;
    j->sum = *brink_sim_summary(sim);
    if (b->w && b->w->end)
        b->w->end(b->w->ctx, job_index(b, j), sim);
}

/* Lane l's next job (as batch says), or -1 when none is left. */
static ptrdiff_t take(batch *b, int l)
{
    if (b->cur[l] == b->end[l]) {
        if (b->next < b->n) {
            /* the next run's jobs */
            size_t e = b->next + 1;
            while (e < b->n && b->jobs[e].run == b->jobs[b->next].run)
                e++;
            b->cur[l] = b->next;
            b->end[l] = b->next = e;
        } else {
            int most = -1;
            for (int o = 0; o < b->lanes; o++)
                if (b->end[o] > b->cur[o] &&
                    (most < 0 || b->end[o] - b->cur[o] > b->end[most] - b->cur[most]))
                    most = o;
            if (most < 0)
                return -1;
            b->cur[l] = --b->end[most];
            b->end[l] = b->cur[l] + 1;
        }
    }
    return (ptrdiff_t)b->cur[l]++;
}

static int lanes_next(void *ctx, int l, brink_sim *sim, brink_lanes_record *rec)
{
    batch *b = ctx;
    if (b->st != BRINK_OK)
        return 0;
    ptrdiff_t i = take(b, l);
    brink_runner_job *j = i < 0 ? NULL : prepare(b, sim, (size_t)i);
    if (!j)
        return 0;
    b->at[l] = j;
    rec->vals = j->vals;
    rec->status = j->status;
    return 1;
}

static void lanes_done(void *ctx, int l, brink_sim *sim)
{
    batch *b = ctx;
    finish(b, b->at[l], sim);
}

static int lanes_wants(void *ctx, int l, int m)
{
    const batch *b = ctx;
    return watched(b, b->at[l], (uint32_t)m);
}

static void lanes_see(void *ctx, int l, const brink_sim *sim, int m)
{
    const batch *b = ctx;
    b->w->month(b->w->ctx, job_index(b, b->at[l]), sim, (uint32_t)m);
}

/* One run after the other, each month recorded (and watched) as it is
 * stepped, to the run's end. */
static void run_scalar(batch *b, brink_sim *sim)
{
    brink_runner_job *j;
    while (b->st == BRINK_OK && b->next < b->n && (j = prepare(b, sim, b->next++))) {
        for (uint32_t t = 0, more = 1; more; t++) {
            more = (uint32_t)brink_sim_step(sim);
            if (t < b->horizon)
                record_month(b, j, sim, t, !more);
            if (watched(b, j, t))
                b->w->month(b->w->ctx, job_index(b, j), sim, t);
        }
        finish(b, j, sim);
    }
}

brink_status brink_runner_run(brink_runner *r, uint64_t seed, const brink_var *vars, int n_vars,
                              uint32_t horizon, brink_runner_job *jobs, size_t n, brink_error *err)
{
    return brink_runner_run_watched(r, seed, vars, n_vars, horizon, jobs, n, NULL, err);
}

brink_status brink_runner_run_watched(brink_runner *r, uint64_t seed, const brink_var *vars,
                                      int n_vars, uint32_t horizon, brink_runner_job *jobs,
                                      size_t n, const brink_runner_watch *w, brink_error *err)
{
    batch b = {.seed = seed,
               .vars = vars,
               .n_vars = n_vars,
               .horizon = horizon,
               .jobs = jobs,
               .n = n,
               .lanes = r->lanes,
               .w = w,
               .st = BRINK_OK,
               .err = err};
    int done = 0;
    if (r->lanes) {
        int see = w && w->month;
        brink_lanes_source src = {.next = lanes_next,
                                  .done = lanes_done,
                                  .ctx = &b,
                                  .vars = vars,
                                  .n_vars = n_vars,
                                  .horizon = (int)horizon,
                                  .wants = see ? lanes_wants : NULL,
                                  .see = see ? lanes_see : NULL};
        int rc = brink_lanes_run_(r->sim, &src);
        if (rc == -1)
            return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        done = rc == 0;
    }
    if (!done)
        run_scalar(&b, r->sim[0]);
    return b.st;
}
