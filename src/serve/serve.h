/* brink serve: the web lab (docs/serve.md).
 *
 * A local HTTP server (libmicrohttpd, its own threads) serving one page and a
 * JSON API. Each run request becomes a job: an ensemble on a worker thread,
 * refined in stages (a few thousand runs first, then more), whose latest
 * stage the page polls. A newer request of the same page stops the older
 * one through the ensemble's stop flag. The last stage of a job is exactly
 * the result `brink ensemble` / `brink compare` gives for the same inputs.
 *
 * Parts: api.c (requests in, JSON out), jobs.c (the job table and its
 * workers), server.c (HTTP: routing, bodies, limits, static assets). */
#ifndef BRINK_SERVE_SERVE_H
#define BRINK_SERVE_SERVE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "brink/brink.h"
#include "brink/ensemble.h"

/* Limits; every one can be set on the command line (cmd_serve.c). */
#define SERVE_DEFAULT_PORT 8337
#define SERVE_DEFAULT_MAX_BODY (4u << 20)     /* bytes of a request body */
#define SERVE_DEFAULT_MAX_RUNS 200000u        /* runs of one request */
#define SERVE_DEFAULT_MAX_JOBS 4              /* jobs running at once */
#define SERVE_MAX_SLOTS 32                    /* jobs kept (running or finished) */
#define SERVE_KEPT_RESULTS 8                  /* finished jobs whose results stay for downloads */
#define SERVE_FIRST_STAGE_RUNS 2048u          /* runs of a job's first answer */
#define SERVE_STAGE_FACTOR 8u                 /* each later stage: this many times more */
#define SERVE_CLIENT_MAX 64                   /* bytes of a page's client id */
#define SERVE_MALLOC_ARENAS 4                 /* glibc's malloc arenas (server.c) */

typedef struct {
    const char *listen;    /* IPv4 or IPv6 address to bind */
    unsigned port;         /* 0: any free port */
    const char *scenario;  /* the page's first scenario; NULL = the default case */
    size_t max_body;
    uint64_t max_runs;
    int max_jobs;
    int threads;           /* ensemble threads per job; 0 = every core */
    int http_threads;      /* threads answering requests */
} serve_config;

/* ---- A run request (api.c) ------------------------------------------------ */

typedef struct {
    brink_scenario *sc;                   /* owned; the overrides applied */
    int policies[BRINK_ENSEMBLE_MAX_POLICIES];
    int npolicies;
    uint64_t runs, seed;
    char client[SERVE_CLIENT_MAX + 1];    /* "" when the page gave none */
} serve_request;

/* Reads the body of POST /api/run into req. Returns 0, or the HTTP status
 * (400) with *error the JSON body to send ({"error": ..., "errors": [...]}).
 * On success the caller owns req->sc. */
int serve_api_parse_run(const char *body, size_t len, uint64_t max_runs, serve_request *req,
                        json_t **error);

/* The "client" of a run request's body, or "" (no check: parse_run checks). */
void serve_api_peek_client(const char *body, size_t len, char client[SERVE_CLIENT_MAX + 1]);

/* The body of POST /api/check: {"ok": true, "scenario": ..., "params": ...}
 * for YAML that loads, {"ok": false, "errors": [...]} for YAML that does not
 * (a check that answered, hence 200); NULL with *status 400 and *error for a
 * request that is not {"yaml": TEXT}. */
json_t *serve_api_check(const char *body, size_t len, int *status, json_t **error);

/* GET /api/scenarios: the built-in cases. */
json_t *serve_api_scenarios(void);

/* GET /api/params?scenario=NAME: the scenario's policies and parameters with
 * their allowed and plausible ranges and current values. NULL with *error
 * (404, unknown scenario with a did-you-mean) on failure. */
json_t *serve_api_params(const char *name, json_t **error);

/* {"error": message} plus, when errs is not NULL, every problem with its
 * file, line, column, path, hint and the formatted text (source: the text
 * the problems point into, for the caret; may be NULL). */
json_t *serve_api_error(const char *message, const brink_error_list *errs, const char *source);

/* One stage's results: the summary of `brink ensemble --format json` (or of
 * `brink compare` for several policies), and for the charts the monthly
 * probability of a deal by then and the fans of key variables per policy.
 * story: the events of the run with central values (may be NULL). */
json_t *serve_api_result(const brink_scenario *sc, const brink_ensemble_result *r,
                         json_t *story);

/* The story of run 0 with the scenario's central values under policy `policy`,
 * as `brink run` tells it: [{"month": M, "text": ...}], ending with the outcome. */
json_t *serve_api_story(const brink_scenario *sc, int policy, uint64_t seed);

/* ---- Jobs (jobs.c) --------------------------------------------------------- */

typedef struct serve_jobs serve_jobs;

serve_jobs *serve_jobs_alloc(int max_jobs, int threads);
/* Stops every job, waits for the workers and frees everything. NULL is a no-op. */
void serve_jobs_free(serve_jobs *jobs);

/* Starts a job for req (taking req->sc in every case). A running job of the
 * same client is stopped first. Returns 0 and *id, or 429 when max_jobs are
 * running (or every slot holds a running job), or 500 when a thread cannot
 * be started. */
int serve_jobs_submit(serve_jobs *jobs, serve_request *req, uint64_t *id);

/* 1 when serve_jobs_submit would find room for a job of `client` now: a
 * cheap check before a request's scenario is loaded (submit checks again). */
int serve_jobs_room(serve_jobs *jobs, const char *client);

/* GET /api/job?id=ID: the job's state and its latest stage, as JSON text
 * (malloc'd). NULL when no job has that id (finished jobs are dropped when
 * their slot is needed). */
char *serve_jobs_poll(serve_jobs *jobs, uint64_t id, size_t *len);

/* GET /api/download?job=ID&file=NAME: "scenario.yaml", "briefing.html", or
 * one of brink_ensemble_files (from the job's last stage). Returns 200 with
 * *data (malloc'd) and *type; 404 for an unknown job or file, 409 when the
 * job is running or was stopped, 410 when its results are no longer kept
 * (only the last SERVE_KEPT_RESULTS finished jobs keep theirs), 500 on
 * failure; *error explains. */
int serve_jobs_download(serve_jobs *jobs, uint64_t id, const char *file, char **data,
                        size_t *len, const char **type, const char **disposition_name,
                        json_t **error);

/* Running jobs now (for the tests' figures and the shutdown message). */
int serve_jobs_running(serve_jobs *jobs);

/* The job table now, for GET /api/status: {"running": workers not yet
 * finished, "active": running jobs not stopped (what max_jobs limits),
 * "kept": jobs in the table, "results_kept": finished jobs whose results
 * are kept, "max_jobs", "slots": SERVE_MAX_SLOTS, "results_limit":
 * SERVE_KEPT_RESULTS}. NULL without memory. */
json_t *serve_jobs_status(serve_jobs *jobs);

/* ---- The server (server.c) ------------------------------------------------ */

/* Serves until *stop becomes non-zero (a signal handler sets it), then shuts
 * down cleanly. Prints the address on stdout once listening. Returns the
 * exit code: 0, 1 (cannot listen or out of memory), 2 (bad address). */
int serve_main(const serve_config *cfg, volatile sig_atomic_t *stop);

#endif
