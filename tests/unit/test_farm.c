/* The farm of tasks (analysis/farm.h) in one process: every task runs once
 * on a worker thread (never the caller's), results reach `ready` in task
 * order as a growing prefix, a stop (by `ready` or by the caller's flag)
 * leaves a prefix, the failure reported is
 * the lowest-numbered one, and a farm resumed from its snapshot runs only
 * the tasks it lacked and gives the same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/farm.h"
#include "brink/parallel.h"

#define TASKS 500

typedef struct {
    pthread_t caller;
    atomic_int runs[TASKS];   /* how often each task ran */
    atomic_int on_caller;     /* tasks run on the calling thread */
    atomic_int bad_thread;    /* a thread index out of range */
    int threads;
    atomic_uint_least64_t next_ready; /* the next task `ready` should see */
    int out_of_order;         /* or seen after a stop */
    int stopped;
    uint64_t stop_after;      /* ready stops the farm once this many are seen */
    uint64_t fail_from;       /* tasks >= this fail (UINT64_MAX: none) */
    uint64_t flag_at;         /* this task raises the stop flag (UINT64_MAX: none) */
    brink_atomic_int flag;
} farm_ctx;

static void pause_us(long us)
{
    struct timespec ts = {0, us * 1000};
    nanosleep(&ts, NULL);
}

/* A result that depends on the task alone: a few mixed words. */
static void expected(uint64_t t, uint64_t *r)
{
    uint64_t x = t * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < 3; i++) {
        x ^= x >> 31;
        x *= 0xbf58476d1ce4e5b9ull;
        r[i] = x;
    }
}

static brink_status task(void *vctx, int thread, uint64_t t, void *result, brink_error *err)
{
    farm_ctx *c = vctx;
    if (pthread_equal(pthread_self(), c->caller))
        atomic_fetch_add(&c->on_caller, 1);
    if (thread < 0 || thread >= c->threads)
        atomic_fetch_add(&c->bad_thread, 1);
    atomic_fetch_add(&c->runs[t], 1);
    if (t >= c->fail_from)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "task", "task %llu failed",
                               (unsigned long long)t);
    /* uneven work, so that tasks finish out of order */
    if (t % 7 == 0)
        pause_us(200);
    if (t == c->flag_at)
        atomic_store(&c->flag, 1);
    /* the tasks after it wait until the stop flag is up: each other thread
     * holds at most one of them when it goes up */
    if (c->flag_at < TASKS && t > c->flag_at)
        while (!atomic_load(&c->flag))
            pause_us(100);
    /* tasks from 200 on wait until `ready` has stopped the farm */
    if (c->stop_after < TASKS && t >= 200)
        while (atomic_load(&c->next_ready) < c->stop_after)
            pause_us(100);
    expected(t, result);
    return BRINK_OK;
}

static int ready(void *vctx, uint64_t first, uint64_t count, const void *results)
{
    farm_ctx *c = vctx;
    const uint64_t *r = results;
    if (first != atomic_load(&c->next_ready) || count == 0 || c->stopped)
        c->out_of_order = 1;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t e[3];
        expected(first + i, e);
        if (memcmp(e, r + 3 * i, sizeof e) != 0)
            c->out_of_order = 1;
    }
    atomic_store(&c->next_ready, first + count);
    c->stopped = first + count >= c->stop_after;
    return c->stopped;
}

static void ctx_init(farm_ctx *c, int threads)
{
    memset(c, 0, sizeof *c);
    c->caller = pthread_self();
    c->threads = threads;
    c->stop_after = UINT64_MAX;
    c->fail_from = UINT64_MAX;
    c->flag_at = UINT64_MAX;
    atomic_init(&c->flag, 0);
}

static brink_farm farm_of(farm_ctx *c, uint64_t job)
{
    brink_farm f = {
        .tasks = TASKS,
        .result_size = 3 * sizeof(uint64_t),
        .threads = c->threads,
        .task = task,
        .ready = ready,
        .ctx = c,
        .job = job,
    };
    return f;
}

static void every_task_once_in_order(void **state)
{
    (void)state;
    static uint64_t ref[TASKS * 3], res[TASKS * 3];
    for (uint64_t t = 0; t < TASKS; t++)
        expected(t, ref + 3 * t);
    for (int threads = 1; threads <= 4; threads++) {
        farm_ctx c;
        ctx_init(&c, threads);
        brink_farm f = farm_of(&c, 1);
        brink_error err;
        brink_error_clear(&err);
        uint64_t done = 0;
        memset(res, 0, sizeof res);
        assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
        assert_int_equal(done, TASKS);
        assert_memory_equal(res, ref, sizeof ref);
        for (int t = 0; t < TASKS; t++)
            assert_int_equal(atomic_load(&c.runs[t]), 1);
        assert_int_equal(atomic_load(&c.on_caller), 0);
        assert_int_equal(atomic_load(&c.bad_thread), 0);
        assert_int_equal(c.out_of_order, 0);
        assert_int_equal(atomic_load(&c.next_ready), TASKS);
    }
}

static void a_stop_leaves_a_prefix(void **state)
{
    (void)state;
    static uint64_t res[TASKS * 3];
    farm_ctx c;
    ctx_init(&c, 3);
    c.stop_after = 100;
    brink_farm f = farm_of(&c, 2);
    brink_error err;
    brink_error_clear(&err);
    uint64_t done = 0;
    assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
    assert_true(done >= 100 && done <= 200);
    assert_int_equal(atomic_load(&c.next_ready), done);
    assert_int_equal(c.out_of_order, 0);
    int ran = 0;
    for (int t = 0; t < TASKS; t++)
        ran += atomic_load(&c.runs[t]);
    /* no task started after the stop but those the threads already held */
    assert_true(ran <= 200 + 3);
}

/* The caller's stop flag: no task starts after it is seen, the tasks under
 * way finish, and the farm returns them all as a complete prefix. */
static void the_stop_flag_leaves_a_prefix(void **state)
{
    (void)state;
    static uint64_t res[TASKS * 3];
    for (int threads = 1; threads <= 3; threads++) {
        farm_ctx c;
        ctx_init(&c, threads);
        c.flag_at = 150;
        brink_farm f = farm_of(&c, 5);
        f.stop = &c.flag;
        brink_error err;
        brink_error_clear(&err);
        uint64_t done = 0;
        memset(res, 0, sizeof res);
        assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
        /* task 150 ran; each other thread took at most one task after it */
        assert_true(done >= 151 && done <= 150 + (uint64_t)threads);
        assert_int_equal(atomic_load(&c.next_ready), done);
        assert_int_equal(c.out_of_order, 0);
        for (uint64_t t = 0; t < TASKS; t++)
            assert_int_equal(atomic_load(&c.runs[t]), t < done ? 1 : 0);
        for (uint64_t t = 0; t < done; t++) {
            uint64_t e[3];
            expected(t, e);
            assert_memory_equal(res + 3 * t, e, sizeof e);
        }
    }
}

static void the_lowest_failure_is_reported(void **state)
{
    (void)state;
    static uint64_t res[TASKS * 3];
    for (int threads = 1; threads <= 4; threads++) {
        farm_ctx c;
        ctx_init(&c, threads);
        c.fail_from = 250;
        brink_farm f = farm_of(&c, 3);
        brink_error err;
        brink_error_clear(&err);
        uint64_t done = 0;
        assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_ERR_INPUT);
        assert_non_null(strstr(err.message, "task 250 failed"));
        assert_true(done <= 250);
        assert_true(atomic_load(&c.next_ready) <= 250);
    }
}

static void resumed_from_a_snapshot(void **state)
{
    (void)state;
    static uint64_t ref[TASKS * 3], res[TASKS * 3];
    for (uint64_t t = 0; t < TASKS; t++)
        expected(t, ref + 3 * t);
    char dir[] = "/tmp/brink-farm-XXXXXX";
    assert_non_null(mkdtemp(dir));
    brink_error err;
    brink_error_clear(&err);
    brink_parallel_set_snapshot_interval(0);

    /* the first attempt stops after 120 tasks (as a killed job would have
     * snapshotted them) */
    assert_int_equal(brink_parallel_set_checkpoint(dir, &err), BRINK_OK);
    farm_ctx c;
    ctx_init(&c, 2);
    c.stop_after = 120;
    brink_farm f = farm_of(&c, 4);
    uint64_t done = 0;
    assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
    uint64_t first = done;
    assert_true(first >= 120 && first < TASKS);

    /* run again with the same directory: the first tasks come from the
     * snapshot, the rest run, the bytes are those of an uninterrupted farm */
    assert_int_equal(brink_parallel_set_checkpoint(dir, &err), BRINK_OK);
    ctx_init(&c, 2);
    f = farm_of(&c, 4);
    memset(res, 0, sizeof res);
    assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
    assert_int_equal(done, TASKS);
    assert_memory_equal(res, ref, sizeof ref);
    assert_int_equal(c.out_of_order, 0);
    for (uint64_t t = 0; t < TASKS; t++)
        assert_int_equal(atomic_load(&c.runs[t]), t < first ? 0 : 1);

    /* another job's snapshot is refused */
    assert_int_equal(brink_parallel_set_checkpoint(dir, &err), BRINK_OK);
    ctx_init(&c, 2);
    f = farm_of(&c, 5);
    brink_error_clear(&err);
    assert_int_not_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
    assert_non_null(strstr(err.message, "another job"));

    assert_int_equal(brink_parallel_set_checkpoint(NULL, &err), BRINK_OK);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void bad_farms_are_refused(void **state)
{
    (void)state;
    farm_ctx c;
    ctx_init(&c, 0);
    brink_farm f = farm_of(&c, 6);
    brink_error err;
    brink_error_clear(&err);
    uint64_t done = 7, res[3];
    assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_ERR_INPUT);
    assert_int_equal(done, 0);
    /* no task: nothing runs */
    ctx_init(&c, 2);
    f = farm_of(&c, 6);
    f.tasks = 0;
    assert_int_equal(brink_farm_run(&f, res, &done, &err), BRINK_OK);
    assert_int_equal(done, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_task_once_in_order),
        cmocka_unit_test(a_stop_leaves_a_prefix),
        cmocka_unit_test(the_stop_flag_leaves_a_prefix),
        cmocka_unit_test(the_lowest_failure_is_reported),
        cmocka_unit_test(resumed_from_a_snapshot),
        cmocka_unit_test(bad_farms_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
