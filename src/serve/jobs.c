/* The lab's jobs: one ensemble per request on a worker thread, refined in
 * stages. A stage is a complete ensemble of its own number of runs, so each
 * stage's answer is what `brink ensemble --runs N` gives for that N, and the
 * last stage is the requested one. Jobs live in a fixed table of slots; a
 * finished job stays (for polling and downloads) until its slot is needed. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "brink/report.h"
#include "serve/serve.h"

typedef enum { JOB_RUNNING = 0, JOB_DONE, JOB_STOPPED, JOB_FAILED } job_state;
static const char *const state_names[] = {"running", "done", "stopped", "failed"};

typedef struct {
    uint64_t id;
    char client[SERVE_CLIENT_MAX + 1];
    brink_scenario *sc;
    brink_ensemble_config cfg;  /* policies, runs requested, seed */
    atomic_int stop;
    pthread_t thread;
    job_state state;
    int finished;               /* the worker has ended (joinable at once) */
    int refs;                   /* downloads reading sc and result */
    int dropped;                /* result freed to bound memory */
    char error[512];
    char *stage_json;           /* the latest stage's results */
    size_t stage_len;
    uint64_t stage_runs;
    brink_ensemble_result *result; /* the latest complete stage */
    double t0, first_s, done_s; /* submit time; seconds to the first and last stage */
    struct serve_jobs *owner;
} job;

struct serve_jobs {
    pthread_mutex_t lock;
    job *slot[SERVE_MAX_SLOTS];
    uint64_t next_id;
    int running;   /* workers not yet finished */
    int max_jobs;
    int threads;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

serve_jobs *serve_jobs_alloc(int max_jobs, int threads)
{
    serve_jobs *js = calloc(1, sizeof *js);
    if (!js)
        return NULL;
    if (pthread_mutex_init(&js->lock, NULL) != 0) {
        free(js);
        return NULL;
    }
    js->next_id = 1;
    js->max_jobs = max_jobs;
    js->threads = threads;
    return js;
}

/* Frees a job whose worker has ended or never started. */
static void job_free(job *j)
{
    if (!j)
        return;
    brink_scenario_free(j->sc);
    brink_ensemble_result_free(j->result);
    free(j->stage_json);
    free(j);
}

void serve_jobs_free(serve_jobs *js)
{
    if (!js)
        return;
    pthread_mutex_lock(&js->lock);
    for (int i = 0; i < SERVE_MAX_SLOTS; i++)
        if (js->slot[i])
            atomic_store(&js->slot[i]->stop, 1);
    pthread_mutex_unlock(&js->lock);
    /* every worker ends before any job is freed: a worker that ends looks
     * at the other slots (drop_old_results) */
    for (int i = 0; i < SERVE_MAX_SLOTS; i++)
        if (js->slot[i])
            pthread_join(js->slot[i]->thread, NULL);
    for (int i = 0; i < SERVE_MAX_SLOTS; i++)
        job_free(js->slot[i]);
    pthread_mutex_destroy(&js->lock);
    free(js);
}

/* Keeps the results of the last SERVE_KEPT_RESULTS finished jobs only (lock
 * held): memory stays bounded whatever the number of jobs. */
static void drop_old_results(serve_jobs *js)
{
    for (;;) {
        int kept = 0, oldest = -1;
        for (int i = 0; i < SERVE_MAX_SLOTS; i++) {
            job *o = js->slot[i];
            if (!o || !o->finished || !o->result)
                continue;
            kept++;
            if (o->refs == 0 && (oldest < 0 || o->id < js->slot[oldest]->id))
                oldest = i;
        }
        if (kept < SERVE_KEPT_RESULTS || oldest < 0)
            return;
        brink_ensemble_result_free(js->slot[oldest]->result);
        js->slot[oldest]->result = NULL;
        js->slot[oldest]->dropped = 1;
    }
}

static void *worker(void *arg)
{
    job *j = arg;
    serve_jobs *js = j->owner;
    json_t *story = serve_api_story(j->sc, j->cfg.policies[0], j->cfg.seed);
    uint64_t total = j->cfg.runs;
    uint64_t n = total < SERVE_FIRST_STAGE_RUNS ? total : SERVE_FIRST_STAGE_RUNS;
    job_state end = JOB_STOPPED;
    char error[512] = "";
    for (;;) {
        if (atomic_load(&j->stop))
            break;
        brink_ensemble_config cfg = j->cfg;
        cfg.runs = n;
        cfg.threads = js->threads;
        cfg.stop = &j->stop;
        brink_ensemble_result *r = NULL;
        brink_error err;
        brink_error_clear(&err);
        if (brink_ensemble_run(j->sc, &cfg, &r, &err) != BRINK_OK) {
            end = JOB_FAILED;
            snprintf(error, sizeof error, "%s", err.message);
            break;
        }
        if (r->partial) { /* stopped: a newer request or shutdown */
            brink_ensemble_result_free(r);
            break;
        }
        json_t *res = serve_api_result(j->sc, r, story);
        char *text = res ? json_dumps(res, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
        json_decref(res);
        if (!text) {
            brink_ensemble_result_free(r);
            end = JOB_FAILED;
            snprintf(error, sizeof error, "out of memory");
            break;
        }
        pthread_mutex_lock(&js->lock);
        free(j->stage_json);
        j->stage_json = text;
        j->stage_len = strlen(text);
        j->stage_runs = n;
        brink_ensemble_result *old = j->result;
        j->result = r;
        if (j->first_s == 0)
            j->first_s = now_s() - j->t0;
        pthread_mutex_unlock(&js->lock);
        brink_ensemble_result_free(old);
        if (n == total) {
            end = JOB_DONE;
            break;
        }
        n = n > total / SERVE_STAGE_FACTOR ? total : n * SERVE_STAGE_FACTOR;
    }
    json_decref(story);
    pthread_mutex_lock(&js->lock);
    j->state = end;
    if (end != JOB_DONE) { /* only a finished job's results are downloaded */
        brink_ensemble_result_free(j->result);
        j->result = NULL;
    }
    drop_old_results(js);
    snprintf(j->error, sizeof j->error, "%s", error);
    j->done_s = now_s() - j->t0;
    j->finished = 1;
    js->running--;
    pthread_mutex_unlock(&js->lock);
    /* An ensemble's accumulators come from the malloc arenas of its threads;
     * glibc keeps what they free. Handing it back after each job keeps the
     * server's memory flat under many concurrent jobs. */
    malloc_trim(0);
    return NULL;
}

/* A slot for a new job (lock held): an empty one, else the oldest finished
 * job nobody is downloading from, which is dropped. -1 when none. */
static int take_slot(serve_jobs *js)
{
    int best = -1;
    for (int i = 0; i < SERVE_MAX_SLOTS; i++) {
        job *j = js->slot[i];
        if (!j)
            return i;
        if (j->finished && j->refs == 0 && (best < 0 || j->id < js->slot[best]->id))
            best = i;
    }
    if (best >= 0) {
        pthread_join(js->slot[best]->thread, NULL);
        job_free(js->slot[best]);
        js->slot[best] = NULL;
    }
    return best;
}

/* Jobs that count against the limit (lock held): running and not stopped,
 * other than those of `client`, which a new request of it would stop. */
static int active_jobs(const serve_jobs *js, const char *client)
{
    int active = 0;
    for (int i = 0; i < SERVE_MAX_SLOTS; i++) {
        const job *o = js->slot[i];
        if (o && !o->finished && !atomic_load(&o->stop) &&
            !(client[0] && strcmp(o->client, client) == 0))
            active++;
    }
    return active;
}

int serve_jobs_room(serve_jobs *js, const char *client)
{
    pthread_mutex_lock(&js->lock);
    int room = active_jobs(js, client) < js->max_jobs && js->running < 2 * js->max_jobs;
    pthread_mutex_unlock(&js->lock);
    return room;
}

int serve_jobs_submit(serve_jobs *js, serve_request *req, uint64_t *id)
{
    job *j = calloc(1, sizeof *j);
    if (!j) {
        brink_scenario_free(req->sc);
        req->sc = NULL;
        return 500;
    }
    j->sc = req->sc;
    req->sc = NULL;
    snprintf(j->client, sizeof j->client, "%s", req->client);
    memcpy(j->cfg.policies, req->policies, sizeof j->cfg.policies);
    j->cfg.npolicies = req->npolicies;
    j->cfg.runs = req->runs;
    j->cfg.seed = req->seed;
    atomic_init(&j->stop, 0);
    j->owner = js;
    j->t0 = now_s();

    pthread_mutex_lock(&js->lock);
    int active = active_jobs(js, j->client);
    /* the same page's older job is stale now */
    for (int i = 0; i < SERVE_MAX_SLOTS; i++) {
        job *o = js->slot[i];
        if (o && !o->finished && j->client[0] && strcmp(o->client, j->client) == 0)
            atomic_store(&o->stop, 1);
    }
    /* stopped jobs end within a chunk, but a flood of them is bounded too */
    int slot = -1;
    if (active < js->max_jobs && js->running < 2 * js->max_jobs)
        slot = take_slot(js);
    if (slot < 0) {
        pthread_mutex_unlock(&js->lock);
        job_free(j);
        return 429;
    }
    j->id = js->next_id++;
    if (pthread_create(&j->thread, NULL, worker, j) != 0) {
        pthread_mutex_unlock(&js->lock);
        job_free(j);
        return 500;
    }
    js->slot[slot] = j;
    js->running++;
    *id = j->id;
    pthread_mutex_unlock(&js->lock);
    return 0;
}

static job *find(serve_jobs *js, uint64_t id)
{
    for (int i = 0; i < SERVE_MAX_SLOTS; i++)
        if (js->slot[i] && js->slot[i]->id == id)
            return js->slot[i];
    return NULL;
}

char *serve_jobs_poll(serve_jobs *js, uint64_t id, size_t *len)
{
    pthread_mutex_lock(&js->lock);
    job *j = find(js, id);
    if (!j) {
        pthread_mutex_unlock(&js->lock);
        return NULL;
    }
    json_t *head = json_pack("{s:I, s:s, s:I, s:I, s:f, s:f}", "job", (json_int_t)j->id,
                             "state", state_names[j->state], "runs", (json_int_t)j->cfg.runs,
                             "runs_done", (json_int_t)j->stage_runs,
                             "first_seconds", j->first_s, "seconds",
                             j->finished ? j->done_s : now_s() - j->t0);
    if (head && j->error[0])
        json_object_set_new(head, "error", json_string(j->error));
    char *h = head ? json_dumps(head, JSON_COMPACT) : NULL;
    json_decref(head);
    char *out = NULL;
    if (h) {
        /* {...head..., "result": STAGE} without parsing the stage again */
        size_t hl = strlen(h), sl = j->stage_json ? j->stage_len : 4;
        out = malloc(hl + sl + 16);
        if (out) {
            memcpy(out, h, hl - 1);
            size_t k = hl - 1;
            memcpy(out + k, ",\"result\":", 10);
            k += 10;
            memcpy(out + k, j->stage_json ? j->stage_json : "null", sl);
            k += sl;
            out[k++] = '}';
            out[k] = '\0';
            *len = k;
        }
        free(h);
    }
    pthread_mutex_unlock(&js->lock);
    if (!out)
        *len = 0;
    return out ? out : strdup("{\"error\":\"out of memory\"}");
}

int serve_jobs_running(serve_jobs *js)
{
    pthread_mutex_lock(&js->lock);
    int n = js->running;
    pthread_mutex_unlock(&js->lock);
    return n;
}

json_t *serve_jobs_status(serve_jobs *js)
{
    pthread_mutex_lock(&js->lock);
    int kept = 0, results = 0;
    for (int i = 0; i < SERVE_MAX_SLOTS; i++) {
        const job *j = js->slot[i];
        if (!j)
            continue;
        kept++;
        results += j->finished && j->result;
    }
    json_t *o =
        json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "running", js->running, "active",
                  active_jobs(js, ""), "kept", kept, "results_kept", results, "max_jobs",
                  js->max_jobs, "slots", SERVE_MAX_SLOTS, "results_limit", SERVE_KEPT_RESULTS);
    pthread_mutex_unlock(&js->lock);
    return o;
}

/* ---- Downloads ------------------------------------------------------------- */

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(f) != 0;
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* Removes a directory of plain files made by a download. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[1200];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            if (rmdir(p) != 0)
                unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

static int is_ensemble_file(const char *file)
{
    for (const char *const *n = brink_ensemble_files; *n; n++)
        if (strcmp(*n, file) == 0)
            return 1;
    return 0;
}

/* Writes the file into a fresh temporary directory through the library's
 * writers (which write atomically) and reads it back. */
static int make_file(const job *j, const char *file, char **data, size_t *len, char *why,
                     size_t whysize)
{
    const char *tmpdir = getenv("TMPDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/brink-serve.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(why, whysize, "cannot make a temporary directory: %s", strerror(errno));
        return 500;
    }
    char path[1200];
    brink_error err;
    brink_error_clear(&err);
    brink_status st;
    if (strcmp(file, "briefing.html") == 0) {
        snprintf(path, sizeof path, "%s/%s", dir, file);
        brink_report_options ro;
        memset(&ro, 0, sizeof ro);
        ro.command = j->result->npolicies > 1 ? "compare" : "ensemble";
        ro.ens = j->result;
        ro.zopa_runs = BRINK_REPORT_ZOPA_RUNS;
        st = brink_report_write(j->sc, &ro, path, &err);
    } else {
        char set[1100];
        snprintf(set, sizeof set, "%s/set", dir);
        snprintf(path, sizeof path, "%s/%s", set, file);
        st = brink_ensemble_write_dir(j->sc, j->result, j->result->npolicies > 1, set, &err);
    }
    int status = 200;
    if (st != BRINK_OK) {
        snprintf(why, whysize, "%s", err.message);
        status = 500;
    } else if (read_file(path, data, len) != 0) {
        snprintf(why, whysize, "'%s' is not part of these results", file);
        status = 404; /* comparison files of a one-policy job */
    }
    char set[1100];
    snprintf(set, sizeof set, "%s/set", dir);
    remove_tree(set);
    remove_tree(dir);
    return status;
}

static int yaml_text(const job *j, char **data, size_t *len, char *why, size_t whysize)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) {
        snprintf(why, whysize, "out of memory");
        return 500;
    }
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_scenario_write_yaml(j->sc, f, &err);
    if (fclose(f) != 0 && st == BRINK_OK) {
        st = BRINK_ERR_RUNTIME;
        snprintf(err.message, sizeof err.message, "out of memory");
    }
    if (st != BRINK_OK) {
        free(buf);
        snprintf(why, whysize, "%s", err.message);
        return 500;
    }
    *data = buf;
    *len = n;
    return 200;
}

int serve_jobs_download(serve_jobs *js, uint64_t id, const char *file, char **data,
                        size_t *len, const char **type, const char **disposition_name,
                        json_t **error)
{
    char why[600];
    int yaml = strcmp(file, "scenario.yaml") == 0;
    int html = strcmp(file, "briefing.html") == 0;
    if (!yaml && !html && !is_ensemble_file(file)) {
        snprintf(why, sizeof why, "unknown file '%s' (scenario.yaml, briefing.html, or one of "
                                  "the ensemble's files such as outcomes.csv)", file);
        *error = serve_api_error(why, NULL, NULL);
        return 404;
    }
    pthread_mutex_lock(&js->lock);
    job *j = find(js, id);
    int status = 0;
    if (!j) {
        snprintf(why, sizeof why, "no job %" PRIu64 " (finished jobs are kept for a while; "
                                  "run again)", id);
        status = 404;
    } else if (!yaml && j->dropped) {
        snprintf(why, sizeof why, "the results of job %" PRIu64 " are no longer kept (those "
                                  "of the last %d are); run again", id, SERVE_KEPT_RESULTS);
        status = 410;
    } else if (!yaml && (!j->finished || !j->result)) {
        snprintf(why, sizeof why, "job %" PRIu64 " has no final results %s", id,
                 j->finished ? "(it was stopped)" : "yet");
        status = 409;
    } else {
        j->refs++;
    }
    pthread_mutex_unlock(&js->lock);
    if (status) {
        *error = serve_api_error(why, NULL, NULL);
        return status;
    }
    /* sc never changes; result is final once finished (and kept while refs) */
    status = yaml ? yaml_text(j, data, len, why, sizeof why)
                  : make_file(j, file, data, len, why, sizeof why);
    pthread_mutex_lock(&js->lock);
    j->refs--;
    pthread_mutex_unlock(&js->lock);
    if (status != 200) {
        *error = serve_api_error(why, NULL, NULL);
        return status;
    }
    *type = yaml ? "application/yaml; charset=utf-8"
                 : html ? "text/html; charset=utf-8" : strstr(file, ".json")
                                                          ? "application/json; charset=utf-8"
                                                          : "text/csv; charset=utf-8";
    *disposition_name = file;
    return 200;
}
