/* The lab's HTTP side: libmicrohttpd with its own pool of threads, routes,
 * request bodies with a size limit, and the page's files (compiled in: the
 * page, its style and script from src/serve/, Chart.js from the report's
 * embedded copy). Every answer is JSON except the page's files and the
 * downloads; every bad request gets a 4xx with {"error": ...}. */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "report/assets.h"
#include "serve/serve.h"

/* The page's files, compiled in by cmake/embed_assets.cmake. */
extern const char *const brink_asset_lab_html;
extern const size_t brink_asset_lab_html_len;
extern const char *const brink_asset_lab_css;
extern const size_t brink_asset_lab_css_len;
extern const char *const brink_asset_lab_js;
extern const size_t brink_asset_lab_js_len;

/* Nothing from elsewhere: scripts, styles and requests from this server only. */
#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
            "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

typedef struct {
    const serve_config *cfg;
    serve_jobs *jobs;
    int check_host;   /* bound to loopback: refuse other Host names (DNS rebinding) */
} server;

typedef struct {
    char *buf;
    size_t len, cap;
    int too_large;
} request_body;

/* ---- Answers ----------------------------------------------------------------- */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type,
                             const void *data, size_t len, enum MHD_ResponseMemoryMode mode,
                             const char *attachment)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free((void *)(uintptr_t)data);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    if (status == MHD_HTTP_TOO_MANY_REQUESTS || status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST");
    if (attachment) {
        char disp[160];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", attachment);
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disp);
    }
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result reply_json(struct MHD_Connection *c, unsigned status, json_t *o)
{
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(o);
    if (!text) {
        static const char oom[] = "{\"error\":\"out of memory\"}";
        return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "application/json", oom,
                     sizeof oom - 1, MHD_RESPMEM_PERSISTENT, NULL);
    }
    return reply(c, status, "application/json; charset=utf-8", text, strlen(text),
                 MHD_RESPMEM_MUST_FREE, NULL);
}

static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned status, const char *fmt,
                                   ...) __attribute__((format(printf, 3, 4)));
static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned status, const char *fmt,
                                   ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return reply_json(c, status, serve_api_error(msg, NULL, NULL));
}

/* ---- Requests ---------------------------------------------------------------- */

/* A plain decimal number, as the command line reads them. */
static int parse_id(const char *s, uint64_t *out)
{
    if (!s || !*s || strlen(s) > 19)
        return -1;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = v;
    return 0;
}

/* The Host header names this machine (localhost, 127.0.0.1, [::1]). */
static int host_allowed(struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (!h)
        return 0;
    size_t n = strlen(h);
    const char *colon = strrchr(h, ':');
    if (colon && !strchr(colon, ']'))
        n = (size_t)(colon - h);
    static const char *const names[] = {"localhost", "127.0.0.1", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncmp(h, names[i], n) == 0)
            return 1;
    return 0;
}

static enum MHD_Result asset(struct MHD_Connection *c, const char *type, const char *data,
                             size_t len)
{
    return reply(c, MHD_HTTP_OK, type, data, len, MHD_RESPMEM_PERSISTENT, NULL);
}

static enum MHD_Result api_run(server *s, struct MHD_Connection *c, const request_body *b)
{
    /* a refusal costs no scenario load: a crowd waiting for its turn
     * must not starve the jobs that run */
    char client[SERVE_CLIENT_MAX + 1];
    serve_api_peek_client(b->buf ? b->buf : "", b->len, client);
    if (!serve_jobs_room(s->jobs, client))
        return reply_error(c, MHD_HTTP_TOO_MANY_REQUESTS,
                           "too many jobs running (at most %d); try again shortly",
                           s->cfg->max_jobs);
    serve_request req;
    json_t *error = NULL;
    int status = serve_api_parse_run(b->buf ? b->buf : "", b->len, s->cfg->max_runs, &req,
                                     &error);
    if (status)
        return reply_json(c, (unsigned)status, error);
    uint64_t id = 0;
    status = serve_jobs_submit(s->jobs, &req, &id);
    if (status == 429) {
        return reply_error(c, MHD_HTTP_TOO_MANY_REQUESTS,
                           "too many jobs running (at most %d); try again shortly",
                           s->cfg->max_jobs);
    }
    if (status)
        return reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s", "cannot start a job");
    return reply_json(c, MHD_HTTP_ACCEPTED, json_pack("{s:I}", "job", (json_int_t)id));
}

static enum MHD_Result api_job(server *s, struct MHD_Connection *c)
{
    const char *arg = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "id");
    uint64_t id;
    if (parse_id(arg, &id) != 0)
        return reply_error(c, MHD_HTTP_BAD_REQUEST, "%s",
                           "'id': expected a job number (from POST /api/run)");
    size_t len;
    char *text = serve_jobs_poll(s->jobs, id, &len);
    if (!text)
        return reply_error(c, MHD_HTTP_NOT_FOUND,
                           "no job %s (finished jobs are kept for a while; run again)", arg);
    return reply(c, MHD_HTTP_OK, "application/json; charset=utf-8", text, len,
                 MHD_RESPMEM_MUST_FREE, NULL);
}

static enum MHD_Result api_download(server *s, struct MHD_Connection *c)
{
    const char *arg = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "job");
    const char *file = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "file");
    uint64_t id;
    if (parse_id(arg, &id) != 0)
        return reply_error(c, MHD_HTTP_BAD_REQUEST, "%s",
                           "'job': expected a job number (from POST /api/run)");
    if (!file)
        return reply_error(c, MHD_HTTP_BAD_REQUEST, "%s",
                           "'file': expected scenario.yaml, briefing.html or outcomes.csv");
    char *data = NULL;
    size_t len = 0;
    const char *type = NULL, *name = NULL;
    json_t *error = NULL;
    int status = serve_jobs_download(s->jobs, id, file, &data, &len, &type, &name, &error);
    if (status != 200)
        return reply_json(c, (unsigned)status, error);
    return reply(c, MHD_HTTP_OK, type, data, len, MHD_RESPMEM_MUST_FREE, name);
}

/* The process's memory for GET /api/status: the heap's bytes in use (live
 * allocations) and held (what the allocator has from the system), from
 * glibc's mallinfo2, and the resident set, from /proc/self/statm; null
 * where the system does not tell. The heap in use is what the server's
 * jobs and kept results hold: it returns to the same level after any load
 * (tests/cli/test_serve_load.sh), where the resident size also depends on
 * how the allocator's free memory lies in its arenas. */
static json_t *memory_status(void)
{
    json_t *in_use = json_null(), *held = json_null(), *resident = json_null();
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    in_use = json_integer((json_int_t)(mi.uordblks + mi.hblkhd));
    held = json_integer((json_int_t)(mi.arena + mi.hblkhd));
#endif
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        unsigned long long size, pages;
        long page = sysconf(_SC_PAGESIZE);
        if (fscanf(f, "%llu %llu", &size, &pages) == 2 && page > 0)
            resident = json_integer((json_int_t)(pages * (unsigned long long)page));
        fclose(f);
    }
    return json_pack("{s:o, s:o, s:o}", "heap_in_use_bytes", in_use, "heap_held_bytes", held,
                     "resident_bytes", resident);
}

static enum MHD_Result route(server *s, struct MHD_Connection *c, const char *url,
                             const char *method, const request_body *b)
{
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (s->check_host && !host_allowed(c))
        return reply_error(c, MHD_HTTP_MISDIRECTED_REQUEST, "%s",
                           "this server answers to localhost only (see --listen)");
    static const struct {
        const char *url;
        int post;
    } routes[] = {{"/", 0},           {"/index.html", 0}, {"/lab.css", 0},
                  {"/lab.js", 0},     {"/chart.js", 0},   {"/api/scenarios", 0},
                  {"/api/params", 0}, {"/api/job", 0},    {"/api/download", 0},
                  {"/api/status", 0}, {"/api/run", 1},    {"/api/check", 1}};
    int known = -1;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (strcmp(url, routes[i].url) == 0)
            known = (int)i;
    if (known < 0)
        return reply_error(c, MHD_HTTP_NOT_FOUND, "no such page or API: '%.200s'", url);
    if (routes[known].post ? !post : !get)
        return reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use %s here",
                           routes[known].post ? "POST" : "GET");
    if (b->too_large) {
        return reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
                           "request body too large (at most %zu bytes)", s->cfg->max_body);
    }
    if (!strcmp(url, "/") || !strcmp(url, "/index.html"))
        return asset(c, "text/html; charset=utf-8", brink_asset_lab_html,
                     brink_asset_lab_html_len);
    if (!strcmp(url, "/lab.css"))
        return asset(c, "text/css; charset=utf-8", brink_asset_lab_css, brink_asset_lab_css_len);
    if (!strcmp(url, "/lab.js"))
        return asset(c, "text/javascript; charset=utf-8", brink_asset_lab_js,
                     brink_asset_lab_js_len);
    if (!strcmp(url, "/chart.js"))
        return asset(c, "text/javascript; charset=utf-8", brink_asset_chartjs,
                     brink_asset_chartjs_len);
    if (!strcmp(url, "/api/scenarios"))
        return reply_json(c, MHD_HTTP_OK,
                          json_pack("{s:o, s:s}", "scenarios", serve_api_scenarios(), "default",
                                    s->cfg->scenario ? s->cfg->scenario : brink_builtin_name(0)));
    if (!strcmp(url, "/api/params")) {
        json_t *error = NULL;
        json_t *o = serve_api_params(
            MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "scenario"), &error);
        return o ? reply_json(c, MHD_HTTP_OK, o) : reply_json(c, MHD_HTTP_NOT_FOUND, error);
    }
    if (!strcmp(url, "/api/status"))
        return reply_json(
            c, MHD_HTTP_OK,
            json_pack("{s:o, s:o}", "jobs", serve_jobs_status(s->jobs), "memory", memory_status()));
    if (!strcmp(url, "/api/job"))
        return api_job(s, c);
    if (!strcmp(url, "/api/download"))
        return api_download(s, c);
    if (!strcmp(url, "/api/run"))
        return api_run(s, c, b);
    /* /api/check */
    int status = 0;
    json_t *error = NULL;
    json_t *o = serve_api_check(b->buf ? b->buf : "", b->len, &status, &error);
    return o ? reply_json(c, MHD_HTTP_OK, o) : reply_json(c, (unsigned)status, error);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    server *s = cls;
    request_body *b = *con_cls;
    if (!b) {
        b = calloc(1, sizeof *b);
        if (!b)
            return MHD_NO;
        *con_cls = b;
        /* a declared size over the limit is refused before the body is read */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > s->cfg->max_body) {
                b->too_large = 1;
                return route(s, c, url, method, b);
            }
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (b->too_large)
            return MHD_YES;
        if (b->len + n > s->cfg->max_body) {
            b->too_large = 1;
            free(b->buf);
            b->buf = NULL;
            b->len = b->cap = 0;
            return MHD_YES;
        }
        if (b->len + n + 1 > b->cap) {
            size_t cap = b->cap ? b->cap : 4096;
            while (cap < b->len + n + 1)
                cap *= 2;
            char *bigger = realloc(b->buf, cap);
            if (!bigger)
                return MHD_NO;
            b->buf = bigger;
            b->cap = cap;
        }
        memcpy(b->buf + b->len, upload, n);
        b->len += n;
        b->buf[b->len] = '\0';
        return MHD_YES;
    }
    return route(s, c, url, method, b);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    request_body *b = *con_cls;
    if (b) {
        free(b->buf);
        free(b);
    }
    *con_cls = NULL;
}

/* ---- Running ------------------------------------------------------------------ */

int serve_main(const serve_config *cfg, volatile sig_atomic_t *stop)
{
    struct sockaddr_storage addr;
    memset(&addr, 0, sizeof addr);
    struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;
    int v6 = 0, loopback = 0;
    if (inet_pton(AF_INET, cfg->listen, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    } else if (inet_pton(AF_INET6, cfg->listen, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
        v6 = 1;
    } else {
        fprintf(stderr, "brink serve: error: --listen: '%s' is not an IPv4 or IPv6 address\n",
                cfg->listen);
        return 2;
    }
#ifdef __GLIBC__
    /* Few malloc arenas, whatever the number of cores: the jobs' threads
     * allocate at their start, not as they run, and each arena keeps some
     * free memory resident after malloc_trim, which would otherwise grow
     * with the machine (glibc makes up to eight a core). */
    mallopt(M_ARENA_MAX, SERVE_MALLOC_ARENAS);
#endif
    server s = {cfg, serve_jobs_alloc(cfg->max_jobs, cfg->threads), loopback};
    if (!s.jobs) {
        fprintf(stderr, "brink serve: error: out of memory\n");
        return 1;
    }
    /* Every thread started from here on (the server's, the jobs', the
     * ensembles') blocks the stopping signals: only the waiting loop below
     * takes them. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
                     (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->http_threads,
        MHD_OPTION_CONNECTION_LIMIT, 512u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (!d) {
        int e = errno;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        serve_jobs_free(s.jobs);
        fprintf(stderr, "brink serve: error: cannot listen on %s port %u%s%s\n", cfg->listen,
                cfg->port, e ? ": " : "", e ? strerror(e) : "");
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : cfg->port;
    printf("brink serve: listening on http://%s%s%s:%u/ (Ctrl-C stops)\n", v6 ? "[" : "",
           cfg->listen, v6 ? "]" : "", port);
    fflush(stdout);
    while (!*stop)
        sigsuspend(&old);
    MHD_stop_daemon(d);
    serve_jobs_free(s.jobs);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    printf("brink serve: stopped\n");
    return 0;
}
