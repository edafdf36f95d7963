/* A farm of independent tasks over threads and processes (farm.h). */
#include "analysis/farm.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/snapshot.h"
#include "core/pack.h"
#include "core/parallel.h"
#include "core/threads.h"

typedef struct {
    const brink_farm *f;
    unsigned char *res;
    unsigned char *have; /* per task: its result is in res */
    pthread_mutex_t mu;
    pthread_cond_t changed; /* a task finished or a thread left */
    uint64_t next, end;     /* tasks not yet handed out: [next, end) */
    int active;             /* worker threads running */
    int stopping;           /* hand out nothing more */
    int honour_stop;        /* process 0 decides when to stop; the others follow it */
    int failed;
    uint64_t fail_task;
    brink_error error;
} farm_state;

typedef struct {
    farm_state *s;
    int index;
} farm_thread;

static void fail_locked(farm_state *s, uint64_t task, const brink_error *e)
{
    if (!s->failed || task < s->fail_task) {
        s->failed = 1;
        s->fail_task = task;
        s->error = *e;
    }
}

static void *farm_worker(void *arg)
{
    farm_thread *th = arg;
    farm_state *s = th->s;
    const brink_farm *f = s->f;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        if (s->failed || s->stopping || s->next >= s->end)
            break;
        if (s->honour_stop && f->stop && atomic_load(f->stop)) {
            s->stopping = 1;
            break;
        }
        uint64_t t = s->next++;
        pthread_mutex_unlock(&s->mu);
        brink_error e;
        brink_error_clear(&e);
        brink_status st = f->task(f->ctx, th->index, t, s->res + t * f->result_size, &e);
        pthread_mutex_lock(&s->mu);
        if (st != BRINK_OK) {
            if (!e.code)
                e.code = st;
            fail_locked(s, t, &e);
        } else {
            s->have[t] = 1;
        }
        pthread_cond_broadcast(&s->changed);
    }
    s->active--;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/* Starts up to n worker threads on the tasks [next, end); returns how many
 * started (their handles in tid). */
static int start_threads(farm_state *s, int n, pthread_t *tid, farm_thread *th)
{
    int started = 0;
    pthread_mutex_lock(&s->mu);
    for (; started < n; started++) {
        th[started].s = s;
        th[started].index = started;
        s->active++;
        if (brink_thread_start(&tid[started], farm_worker, &th[started]) != 0) {
            s->active--;
            break;
        }
    }
    if (started == 0) {
        brink_error e;
        brink_error_set(&e, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "cannot start a thread");
        fail_locked(s, s->next, &e);
    }
    pthread_mutex_unlock(&s->mu);
    return started;
}

/* ---- process 0 ---------------------------------------------------------- */

typedef struct {
    farm_state *s;
    const brink_transport *tr;
    int workers_left;  /* processes not yet told that no task is left */
    unsigned char *msg;
    size_t msg_cap;
} root_state;

/* Serves one message from another process, if one is waiting; 1 if one was. */
static int serve_one(root_state *r)
{
    const brink_transport *tr = r->tr;
    farm_state *s = r->s;
    const size_t size = s->f->result_size;
    int src, tag;
    size_t n;
    brink_error e;
    brink_error_clear(&e);
    int got = brink_parallel_take(tr, &r->msg, &r->msg_cap, &src, &tag, &n, &e);
    if (got == 0)
        return 0;
    if (got < 0)
        goto lost;
    brink_unpacker u;
    brink_unpacker_init(&u, r->msg, n);
    if (tag == BRINK_TAG_TASKS_WANTED) {
        uint64_t want = 0, give[2] = {0, 0};
        brink_unpack_u64(&u, &want);
        pthread_mutex_lock(&s->mu);
        if (!s->failed && !s->stopping && s->next < s->end && want > 0) {
            /* guided: a share of what is left while much is, so that a
             * long farm costs process 0 few messages; the last tasks go
             * out a few at a time, so that processes finish together */
            uint64_t left = s->end - s->next, share = left / (2 * (uint64_t)tr->size);
            give[0] = s->next;
            give[1] = share > want ? share : want;
            if (give[1] > left)
                give[1] = left;
            s->next += give[1];
        }
        pthread_mutex_unlock(&s->mu);
        if (give[1] == 0)
            r->workers_left--;
        if (tr->send(tr->user, src, BRINK_TAG_TASKS_GIVEN, give, sizeof give) != 0) {
            brink_parallel_failed(&e, "send");
            goto lost;
        }
        return 1;
    }
    if (tag == BRINK_TAG_TASKS_DONE) {
        uint64_t first = 0, count = 0;
        if (brink_unpack_u64(&u, &first) != 0 || brink_unpack_u64(&u, &count) != 0 ||
            first > s->f->tasks || count > s->f->tasks - first ||
            u.len - u.pos != count * size) {
            brink_parallel_failed(&e, "results out of place");
            goto lost;
        }
        memcpy(s->res + first * size, u.data + u.pos, count * size);
        pthread_mutex_lock(&s->mu);
        memset(s->have + first, 1, count);
        pthread_cond_broadcast(&s->changed);
        pthread_mutex_unlock(&s->mu);
        return 1;
    }
    if (tag == BRINK_TAG_TASKS_FAILED) {
        uint64_t task = 0;
        if (brink_unpack_u64(&u, &task) != 0 || brink_unpack_bytes(&u, &e, sizeof e) != 0) {
            brink_parallel_failed(&e, "a failure cut short");
            goto lost;
        }
        pthread_mutex_lock(&s->mu);
        fail_locked(s, task, &e);
        pthread_mutex_unlock(&s->mu);
        return 1;
    }
    brink_parallel_failed(&e, "an unexpected message");
lost:
    /* the processes can no longer agree: stop serving them */
    pthread_mutex_lock(&s->mu);
    fail_locked(s, 0, &e);
    pthread_mutex_unlock(&s->mu);
    r->workers_left = 0;
    return 1;
}

static brink_status save(long seq, uint64_t job, const farm_state *s, uint64_t done,
                         brink_error *err)
{
    return brink_snapshot_save(seq, job, done, s->res, (size_t)(done * s->f->result_size), err);
}

/* Process 0 (or the only one): runs tasks on its threads, serves the other
 * processes, hands the results to `ready` in order. Returns the prefix of
 * tasks complete. */
static uint64_t coordinate(farm_state *s, const brink_transport *tr, long seq, uint64_t job)
{
    const brink_farm *f = s->f;
    root_state r = {s, tr, tr ? tr->size - 1 : 0, NULL, 0};
    pthread_t tid[BRINK_FARM_MAX_THREADS];
    farm_thread th[BRINK_FARM_MAX_THREADS];
    uint64_t left = s->failed ? 0 : s->end - s->next;
    int want = (uint64_t)f->threads < left ? f->threads : (int)left;
    int started = want > 0 ? start_threads(s, want, tid, th) : 0;
    uint64_t delivered = 0, saved = 0; /* handed to `ready`; snapshotted */
    int ready_stopped = 0; /* `ready` asked to stop: it sees nothing more */
    pthread_mutex_lock(&s->mu);
    for (;;) {
        uint64_t p = delivered;
        while (!s->failed && !ready_stopped && p < f->tasks && s->have[p])
            p++;
        if (p > delivered) {
            pthread_mutex_unlock(&s->mu);
            int rc = f->ready ? f->ready(f->ctx, delivered, p - delivered,
                                         s->res + delivered * f->result_size)
                              : 0;
            brink_error e;
            brink_error_clear(&e);
            if (seq >= 0 && brink_snapshot_due()) {
                if (save(seq, job, s, p, &e) == BRINK_OK)
                    saved = p;
            }
            pthread_mutex_lock(&s->mu);
            if (e.code)
                fail_locked(s, p, &e);
            delivered = p;
            if (rc != 0)
                s->stopping = ready_stopped = 1;
            continue;
        }
        if (f->stop && atomic_load(f->stop))
            s->stopping = 1;
        if (r.workers_left > 0) {
            pthread_mutex_unlock(&s->mu);
            int served = 0;
            while (r.workers_left > 0 && serve_one(&r))
                served = 1;
            pthread_mutex_lock(&s->mu);
            if (served)
                continue;
        }
        if (s->active == 0 && r.workers_left <= 0)
            break;
        /* other processes' messages every millisecond; a stop within 50 ms */
        brink_cond_wait_ns(&s->changed, &s->mu, tr ? 1000000L : 50000000L);
    }
    pthread_mutex_unlock(&s->mu);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    if (seq >= 0 && delivered > saved && !s->failed) {
        brink_error e;
        brink_error_clear(&e);
        if (save(seq, job, s, delivered, &e) != BRINK_OK)
            fail_locked(s, delivered, &e);
    }
    free(r.msg);
    return delivered;
}

/* ---- the other processes --------------------------------------------------- */

/* Asks process 0 for tasks, runs them on this process's threads and sends
 * their results back, until told that none is left. */
static void work_for_root(farm_state *s, const brink_transport *tr)
{
    const brink_farm *f = s->f;
    pthread_t tid[BRINK_FARM_MAX_THREADS];
    farm_thread th[BRINK_FARM_MAX_THREADS];
    for (;;) {
        brink_error e;
        brink_error_clear(&e);
        uint64_t want = (uint64_t)f->threads, give[2] = {0, 0};
        if (tr->send(tr->user, 0, BRINK_TAG_TASKS_WANTED, &want, sizeof want) != 0 ||
            tr->recv(tr->user, 0, BRINK_TAG_TASKS_GIVEN, give, sizeof give) != 0) {
            brink_parallel_failed(&e, "ask for tasks");
            fail_locked(s, 0, &e);
            return;
        }
        if (give[1] == 0)
            return;
        if (give[0] > f->tasks || give[1] > f->tasks - give[0]) {
            brink_parallel_failed(&e, "tasks out of range");
            fail_locked(s, 0, &e);
            return;
        }
        s->next = give[0];
        s->end = give[0] + give[1];
        int n = give[1] < (uint64_t)f->threads ? (int)give[1] : f->threads;
        int started = start_threads(s, n, tid, th);
        for (int i = 0; i < started; i++)
            pthread_join(tid[i], NULL);
        brink_packer p;
        brink_packer_init(&p);
        int tag;
        if (s->failed) {
            tag = BRINK_TAG_TASKS_FAILED;
            brink_pack_u64(&p, s->fail_task);
            brink_pack_bytes(&p, &s->error, sizeof s->error);
        } else {
            tag = BRINK_TAG_TASKS_DONE;
            brink_pack_u64(&p, give[0]);
            brink_pack_u64(&p, give[1]);
            brink_pack_bytes(&p, s->res + give[0] * f->result_size,
                             (size_t)(give[1] * f->result_size));
        }
        int rc = p.failed ? -1 : tr->send(tr->user, 0, tag, p.data, p.len);
        brink_packer_release(&p);
        if (rc != 0) {
            brink_parallel_failed(&e, "send results");
            fail_locked(s, give[0], &e);
            return;
        }
        /* after a failure, the next request is told that nothing is left */
    }
}

/* Process 0's outcome to every process: failed, done, then the error or the
 * results of the tasks done. */
static brink_status share_outcome(farm_state *s, const brink_transport *tr, uint64_t *done,
                                  brink_error *err)
{
    uint64_t head[2] = {(uint64_t)s->failed, *done};
    if (tr->bcast(tr->user, head, sizeof head) != 0)
        return brink_parallel_failed(err, "broadcast");
    if (head[0]) {
        brink_error e = s->error;
        if (tr->bcast(tr->user, &e, sizeof e) != 0)
            return brink_parallel_failed(err, "broadcast");
        if (err)
            *err = e;
        return e.code ? e.code : BRINK_ERR_RUNTIME;
    }
    if (head[1] > s->f->tasks)
        return brink_parallel_failed(err, "a result out of range");
    *done = head[1];
    size_t n = (size_t)(head[1] * s->f->result_size);
    if (n > 0 && tr->bcast(tr->user, s->res, n) != 0)
        return brink_parallel_failed(err, "broadcast");
    return BRINK_OK;
}

static uint64_t farm_fingerprint(const brink_farm *f)
{
    uint64_t v[4] = {0x6661726d, f->job, f->tasks, (uint64_t)f->result_size};
    return brink_fnv1a(BRINK_FNV_START, v, sizeof v);
}

brink_status brink_farm_run(const brink_farm *f, void *results, uint64_t *done,
                            brink_error *err)
{
    *done = 0;
    if (f->result_size == 0 || f->threads < 1 || f->threads > BRINK_FARM_MAX_THREADS ||
        !f->task)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "threads",
                               "a farm of %d threads (allowed 1 to %d)", f->threads,
                               BRINK_FARM_MAX_THREADS);
    if (f->tasks == 0)
        return BRINK_OK;
    farm_state s;
    memset(&s, 0, sizeof s);
    s.f = f;
    s.res = results;
    s.end = f->tasks;
    s.have = calloc((size_t)f->tasks, 1);
    if (!s.have)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.changed, NULL);
    const brink_transport *tr = brink_parallel_transport();
    const int rank = tr ? tr->rank : 0;
    const long seq = brink_snapshot_next();
    const uint64_t job = farm_fingerprint(f);
    brink_status st = BRINK_OK;

    if (rank == 0) {
        s.honour_stop = 1;
        if (seq >= 0) {
            brink_snapshot snap;
            brink_error e;
            brink_error_clear(&e);
            int got = brink_snapshot_load(seq, job, &snap, &e);
            if (got > 0 && (snap.blocks > f->tasks ||
                            snap.payload.len != (size_t)(snap.blocks * f->result_size))) {
                brink_error_set(&e, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                "the snapshot does not match the tasks of this job");
                got = -1;
            }
            if (got > 0) {
                memcpy(s.res, snap.payload.data, snap.payload.len);
                memset(s.have, 1, (size_t)snap.blocks);
                s.next = snap.blocks;
            }
            brink_packer_release(&snap.payload);
            if (got < 0)
                fail_locked(&s, 0, &e);
        }
        /* even after a failure, the other processes are served (told that
         * nothing is left) so that every process reaches the outcome */
        *done = coordinate(&s, tr, seq, job);
    } else {
        work_for_root(&s, tr);
    }
    if (tr) {
        st = share_outcome(&s, tr, done, err);
        if (st == BRINK_OK && rank != 0 && f->ready && *done > 0)
            f->ready(f->ctx, 0, *done, s.res);
    } else if (s.failed) {
        if (err)
            *err = s.error;
        st = s.error.code ? s.error.code : BRINK_ERR_RUNTIME;
    }
    pthread_cond_destroy(&s.changed);
    pthread_mutex_destroy(&s.mu);
    free(s.have);
    return st;
}
