/* Batches of runs for the ensembles (analysis/runner.h): a runner in lanes
 * and one stepping a run at a time leave the same records, to the bit,
 * whatever the order of the jobs; a job that cannot be prepared fails the
 * batch with its message, in both; a runner in lanes whose group of runs
 * finds no memory fails its batch with "out of memory" and works again
 * once memory is back. */
#include "no_aligned_memory.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/runner.h"
#include "brink/scenario.h"
#include "model/isa.h"
#include "model/state.h"
#include "scenario_test_util.h"

enum { MONTHS = 150 }; /* above every built-in case's horizon */

typedef struct {
    brink_runner_job *jobs;
    double *vals;
    unsigned char *status;
    size_t n;
} batch;

/* n jobs: run r[i] under policy pol[i], recording every variable. */
static void batch_alloc(batch *b, size_t n)
{
    b->n = n;
    b->jobs = calloc(n, sizeof *b->jobs);
    b->vals = calloc(n * BRINK_VAR_COUNT * MONTHS, sizeof *b->vals);
    b->status = calloc(n * MONTHS, 1);
    assert_non_null(b->jobs);
    assert_non_null(b->vals);
    assert_non_null(b->status);
    for (size_t i = 0; i < n; i++) {
        b->jobs[i].vals = &b->vals[i * BRINK_VAR_COUNT * MONTHS];
        b->jobs[i].status = &b->status[i * MONTHS];
    }
}

static void batch_free(batch *b)
{
    free(b->jobs);
    free(b->vals);
    free(b->status);
}

static void same_records(const batch *a, const batch *b, uint32_t horizon)
{
    for (size_t i = 0; i < a->n; i++) {
        const brink_runner_job *x = &a->jobs[i], *y = &b->jobs[i];
        assert_int_equal(x->steps, y->steps);
        assert_true(x->steps >= 1 && x->steps <= horizon);
        assert_memory_equal(&x->sum, &y->sum, sizeof x->sum);
        assert_memory_equal(x->status, y->status, x->steps);
        for (int k = 0; k < BRINK_VAR_COUNT; k++)
            assert_memory_equal(&x->vals[(size_t)k * horizon], &y->vals[(size_t)k * horizon],
                                x->steps * sizeof(double));
    }
}

static const brink_var *all_vars(void)
{
    static brink_var v[BRINK_VAR_COUNT];
    for (int k = 0; k < BRINK_VAR_COUNT; k++)
        v[k] = (brink_var)k;
    return v;
}

/* Batches a and b (the same jobs) run in lanes and one run at a time:
 * both succeed and leave the same records; then both are freed. */
static void run_both(brink_runner *lanes, brink_runner *one, uint64_t seed, uint32_t horizon,
                     batch *a, batch *b)
{
    assert_int_equal(
        brink_runner_run(lanes, seed, all_vars(), BRINK_VAR_COUNT, horizon, a->jobs, a->n, NULL),
        BRINK_OK);
    assert_int_equal(
        brink_runner_run(one, seed, all_vars(), BRINK_VAR_COUNT, horizon, b->jobs, b->n, NULL),
        BRINK_OK);
    same_records(a, b, horizon);
    batch_free(a);
    batch_free(b);
}

/* A built-in case, its horizon, and a runner for it in lanes (where the
 * processor has them) and one stepping a run at a time. */
typedef struct {
    brink_scenario *sc;
    uint32_t horizon;
    brink_runner *lanes, *one;
} runners;

static runners runners_open(const char *name)
{
    runners r;
    r.sc = test_builtin(name);
    r.horizon = (uint32_t)brink_scenario_horizon_months(r.sc);
    assert_true(r.horizon <= MONTHS);
    r.lanes = brink_runner_alloc(r.sc, 0, NULL);
    r.one = brink_runner_alloc(r.sc, 1, NULL);
    assert_non_null(r.lanes);
    assert_non_null(r.one);
    assert_int_equal(brink_runner_lanes(r.one), 1);
    return r;
}

static void runners_close(runners *r)
{
    brink_runner_free(r->lanes);
    brink_runner_free(r->one);
    brink_scenario_free(r->sc);
}

/* Every run under every policy, next to each other (as an ensemble lays a
 * batch out), then the same jobs shuffled: one record per job, the same in
 * lanes as one run at a time, whichever lane takes which job. */
static void test_lanes_records_equal(void **state)
{
    (void)state;
    static const char *const cases[] = {"iran-2025", "iraq-1990", "north-korea-2016"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        runners r = runners_open(cases[c]);
        int w = brink_runner_lanes(r.lanes);
        if (w == 1)
            printf("  SKIP: no lanes here; %s compared one run at a time twice\n", cases[c]);
        int npol = brink_scenario_policy_count(r.sc);
        size_t runs = 3 * (size_t)w + 5, n = runs * (size_t)npol;
        for (int shuffled = 0; shuffled < 2; shuffled++) {
            batch a, b;
            batch_alloc(&a, n);
            batch_alloc(&b, n);
            for (size_t i = 0; i < n; i++) {
                /* shuffled: a fixed permutation (7919 is prime, n is not a
                 * multiple of it) */
                size_t j = shuffled ? (i * 7919) % n : i;
                a.jobs[i].policy = b.jobs[i].policy = (int)(j % (size_t)npol);
                a.jobs[i].run = b.jobs[i].run = 1000 + j / (size_t)npol;
            }
            run_both(r.lanes, r.one, 9, r.horizon, &a, &b);
        }
        runners_close(&r);
    }
}

/* What a watch saw of each job of a batch: how often each hook ran for it,
 * the months it saw (in order), and a digest (FNV-1a) of the run's state at
 * each of them and at the end, with the run's totals. */
typedef struct {
    size_t n;
    unsigned *starts, *ends, *seen;
    long *last;
    uint64_t *digest;
} watch_log;

static void log_alloc(watch_log *w, size_t n)
{
    w->n = n;
    assert_non_null(w->starts = calloc(n, sizeof *w->starts));
    assert_non_null(w->ends = calloc(n, sizeof *w->ends));
    assert_non_null(w->seen = calloc(n, sizeof *w->seen));
    assert_non_null(w->last = calloc(n, sizeof *w->last));
    assert_non_null(w->digest = calloc(n, sizeof *w->digest));
}

static void log_free(watch_log *w)
{
    free(w->starts);
    free(w->ends);
    free(w->seen);
    free(w->last);
    free(w->digest);
}

static uint64_t fnv(uint64_t h, const void *p, size_t size)
{
    const unsigned char *c = p;
    for (size_t k = 0; k < size; k++)
        h = (h ^ c[k]) * 1099511628211u;
    return h;
}

static void log_start(void *ctx, size_t i, const brink_sim *sim)
{
    watch_log *w = ctx;
    assert_true(i < w->n);
    assert_int_equal(brink_sim_month(sim), -1); /* nothing stepped yet */
    w->starts[i]++;
    w->last[i] = -1;
    w->digest[i] = 14695981039346656037u;
}

/* Months 3, 8, 13, ... of even jobs, and months 0, 1, 2, 5, 8, ... of odd
 * ones: some watched, some not, differently from lane to lane. */
static int log_wants(void *ctx, size_t i, uint32_t m)
{
    (void)ctx;
    return i % 2 ? m < 3 || m % 3 == 2 : m % 5 == 3;
}

static void log_month(void *ctx, size_t i, const brink_sim *sim, uint32_t m)
{
    watch_log *w = ctx;
    assert_true(log_wants(ctx, i, m));
    assert_true((long)m > w->last[i]);
    assert_int_equal(brink_sim_month(sim), (int)m);
    assert_int_equal(w->starts[i], 1);
    assert_int_equal(w->ends[i], 0);
    w->last[i] = m;
    w->seen[i]++;
    w->digest[i] = fnv(w->digest[i], &m, sizeof m);
    w->digest[i] = fnv(w->digest[i], &sim->st, sizeof sim->st);
}

static void log_end(void *ctx, size_t i, const brink_sim *sim)
{
    watch_log *w = ctx;
    assert_int_equal(w->starts[i], 1);
    assert_int_equal(w->ends[i], 0);
    w->ends[i]++;
    w->digest[i] = fnv(w->digest[i], &sim->st, sizeof sim->st);
    w->digest[i] = fnv(w->digest[i], brink_sim_summary(sim), sizeof(brink_summary));
}

/* A watch sees the same months of each run, with the same state to the
 * byte, in lanes as one run at a time: each run started once, ended once,
 * its months in order, the last one seen at most its last month; the
 * records beside it as without a watch. */
static void test_watch_equal(void **state)
{
    (void)state;
    runners r = runners_open("iran-2025");
    uint32_t horizon = r.horizon;
    if (brink_runner_lanes(r.lanes) == 1)
        print_message("SKIP: no lanes here; the watch compared one run at a time twice\n");
    int npol = brink_scenario_policy_count(r.sc);
    size_t n = 61;
    batch a, b;
    batch_alloc(&a, n);
    batch_alloc(&b, n);
    watch_log la, lb;
    log_alloc(&la, n);
    log_alloc(&lb, n);
    for (size_t i = 0; i < n; i++) {
        a.jobs[i].policy = b.jobs[i].policy = (int)(i % (size_t)npol);
        a.jobs[i].run = b.jobs[i].run = 50 + i;
    }
    brink_runner_watch wa = {log_start, log_wants, log_month, log_end, &la};
    brink_runner_watch wb = {log_start, log_wants, log_month, log_end, &lb};
    assert_int_equal(brink_runner_run_watched(r.lanes, 4, all_vars(), BRINK_VAR_COUNT, horizon,
                                              a.jobs, n, &wa, NULL),
                     BRINK_OK);
    assert_int_equal(brink_runner_run_watched(r.one, 4, all_vars(), BRINK_VAR_COUNT, horizon,
                                              b.jobs, n, &wb, NULL),
                     BRINK_OK);
    same_records(&a, &b, horizon);
    unsigned seen = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(la.starts[i], 1);
        assert_int_equal(la.ends[i], 1);
        assert_int_equal(lb.starts[i], 1);
        assert_int_equal(lb.ends[i], 1);
        assert_int_equal(la.seen[i], lb.seen[i]);
        assert_true(la.last[i] < (long)a.jobs[i].steps);
        assert_true(la.digest[i] == lb.digest[i]);
        seen += la.seen[i];
    }
    assert_true(seen > n); /* months were watched */
    /* the same records as a batch without a watch */
    batch c;
    batch_alloc(&c, n);
    for (size_t i = 0; i < n; i++)
        c.jobs[i] = (brink_runner_job){.policy = a.jobs[i].policy,
                                       .run = a.jobs[i].run,
                                       .vals = c.jobs[i].vals,
                                       .status = c.jobs[i].status};
    assert_int_equal(
        brink_runner_run(r.lanes, 4, all_vars(), BRINK_VAR_COUNT, horizon, c.jobs, n, NULL),
        BRINK_OK);
    same_records(&a, &c, horizon);
    batch_free(&a);
    batch_free(&b);
    batch_free(&c);
    log_free(&la);
    log_free(&lb);
    runners_close(&r);
}

/* A job whose policy does not exist fails the batch with the message of
 * brink_sim_init, in lanes and one run at a time; an empty batch does
 * nothing; freeing NULL is safe. */
static void test_bad_job(void **state)
{
    (void)state;
    brink_scenario *sc = test_builtin("iran-2025");
    uint32_t horizon = (uint32_t)brink_scenario_horizon_months(sc);
    for (int scalar = 0; scalar < 2; scalar++) {
        brink_runner *r = brink_runner_alloc(sc, scalar, NULL);
        assert_non_null(r);
        batch b;
        batch_alloc(&b, 40);
        for (size_t i = 0; i < b.n; i++) {
            b.jobs[i].policy = i == 17 ? 99 : 0;
            b.jobs[i].run = i;
        }
        brink_error err;
        brink_error_clear(&err);
        assert_int_equal(brink_runner_run(r, 1, NULL, 0, horizon, b.jobs, b.n, &err),
                         BRINK_ERR_INPUT);
        assert_non_null(strstr(err.message, "policy index 99"));
        assert_int_equal(brink_runner_run(r, 1, NULL, 0, horizon, b.jobs, 0, NULL), BRINK_OK);
        batch_free(&b);
        brink_runner_free(r);
    }
    brink_runner_free(NULL);
    brink_scenario_free(sc);
}

/* A watched batch with a job that cannot be prepared fails as without a
 * watch, in lanes and one run at a time, and the watch sees whole runs
 * only: the bad job and the jobs after it never start; every job before
 * it starts once and ends once (in lanes too, where runs were in flight
 * beside it), with the same months and states either way. */
static void test_watch_bad_job(void **state)
{
    (void)state;
    runners r = runners_open("iran-2025");
    size_t n = 40, bad = 17;
    watch_log logs[2];
    for (int k = 0; k < 2; k++) {
        batch b;
        batch_alloc(&b, n);
        for (size_t i = 0; i < n; i++) {
            b.jobs[i].policy = i == bad ? 99 : (int)(i % 2);
            b.jobs[i].run = 30 + i;
        }
        watch_log *lg = &logs[k];
        log_alloc(lg, n);
        brink_runner_watch w = {log_start, log_wants, log_month, log_end, lg};
        brink_error err;
        brink_error_clear(&err);
        assert_int_equal(brink_runner_run_watched(k ? r.one : r.lanes, 2, all_vars(),
                                                  BRINK_VAR_COUNT, r.horizon, b.jobs, n, &w, &err),
                         BRINK_ERR_INPUT);
        assert_non_null(strstr(err.message, "policy index 99"));
        for (size_t i = 0; i < n; i++) {
            int before = i < bad;
            assert_int_equal(lg->starts[i], before);
            assert_int_equal(lg->ends[i], before);
            if (!before)
                assert_int_equal(lg->seen[i], 0);
        }
        batch_free(&b);
    }
    for (size_t i = 0; i < bad; i++) {
        assert_int_equal(logs[0].seen[i], logs[1].seen[i]);
        assert_true(logs[0].digest[i] == logs[1].digest[i]);
    }
    log_free(&logs[0]);
    log_free(&logs[1]);
    runners_close(&r);
}

/* In lanes, a batch whose group of runs cannot be allocated fails with
 * BRINK_ERR_RUNTIME and "out of memory" (the caller stops: its records are
 * partial), and the runner runs the next batch once memory is back, its
 * records those of a run at a time. */
static void test_out_of_memory(void **state)
{
    (void)state;
    runners r = runners_open("iran-2025");
    if (brink_runner_lanes(r.lanes) == 1) {
        runners_close(&r);
        print_message("SKIP: no lanes here (no group of runs to allocate)\n");
        skip();
    } else {
        batch a, b;
        batch_alloc(&a, 30);
        batch_alloc(&b, 30);
        for (size_t i = 0; i < a.n; i++) {
            a.jobs[i].policy = b.jobs[i].policy = (int)(i % 2);
            a.jobs[i].run = b.jobs[i].run = i / 2;
        }
        brink_error err;
        brink_error_clear(&err);
        no_aligned_memory = 1;
        brink_status st =
            brink_runner_run(r.lanes, 3, all_vars(), BRINK_VAR_COUNT, r.horizon, a.jobs, a.n, &err);
        no_aligned_memory = 0;
        assert_int_equal(st, BRINK_ERR_RUNTIME);
        assert_non_null(strstr(err.message, "out of memory"));
        run_both(r.lanes, r.one, 3, r.horizon, &a, &b);
    }
    runners_close(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lanes_records_equal),
        cmocka_unit_test(test_watch_equal),
        cmocka_unit_test(test_bad_job),
        cmocka_unit_test(test_watch_bad_job),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
