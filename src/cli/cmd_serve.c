/* brink serve: the web lab (src/serve/, docs/serve.md). Built when
 * libmicrohttpd is found (BRINK_HAVE_SERVE). */
#ifdef BRINK_HAVE_SERVE

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/common.h"
#include "serve/serve.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink serve [SCENARIO] [options]\n"
            "\n"
            "Serves the lab: a page where every change of a lever (parameters, policies,\n"
            "horizon, runs) re-runs the ensemble and the charts follow, first from %u\n"
            "runs, then from more. SCENARIO (a built-in name) is the one the page opens\n"
            "with; any built-in case can be picked there, and a scenario file uploaded.\n"
            "Open the address it prints in a browser. Ctrl-C stops it.\n"
            "\n"
            "options:\n"
            "  --port P           port, 0 to 65535; 0 = any free port (default %d)\n"
            "  --listen ADDR      address to bind, IPv4 or IPv6 (default 127.0.0.1: this\n"
            "                     machine only)\n"
            "  --max-runs N       most runs one request may ask for, 1 to %llu (default %u)\n"
            "  --max-jobs J       ensembles running at once, 1 to 64 (default %d)\n"
            "  --max-body BYTES   largest request body, 1024 to 67108864 (default %u)\n"
            "  --threads T        worker threads per ensemble; 0 = every core (default 0)\n"
            "  --http-threads H   threads answering requests, 1 to 64 (default 4)\n"
            "  -h, --help         this text\n"
            "\n"
            "Results are those of `brink ensemble` (one policy) or `brink compare` (several)\n"
            "for the same inputs and seed. Exit status: 0 stopped by a signal, 1 cannot\n"
            "listen, 2 bad usage. See docs/serve.md.\n",
            SERVE_FIRST_STAGE_RUNS, SERVE_DEFAULT_PORT,
            (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS, SERVE_DEFAULT_MAX_RUNS,
            SERVE_DEFAULT_MAX_JOBS, SERVE_DEFAULT_MAX_BODY);
}

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

int cmd_serve(int argc, char **argv)
{
    serve_config cfg = {"127.0.0.1", SERVE_DEFAULT_PORT, NULL, SERVE_DEFAULT_MAX_BODY,
                        SERVE_DEFAULT_MAX_RUNS, SERVE_DEFAULT_MAX_JOBS, 0, 4};
    for (int i = 1; i < argc;) {
        uint64_t v;
        const char *s = NULL;
        int r;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        }
        if ((r = cli_opt_u64("serve", argc, argv, &i, "--port", 0, 65535, &v)) != 0) {
            if (r < 0)
                return 2;
            cfg.port = (unsigned)v;
        } else if ((r = cli_opt_u64("serve", argc, argv, &i, "--max-runs", 1,
                                    BRINK_ENSEMBLE_MAX_RUNS, &v)) != 0) {
            if (r < 0)
                return 2;
            cfg.max_runs = v;
        } else if ((r = cli_opt_u64("serve", argc, argv, &i, "--max-jobs", 1, 64, &v)) != 0) {
            if (r < 0)
                return 2;
            cfg.max_jobs = (int)v;
        } else if ((r = cli_opt_u64("serve", argc, argv, &i, "--max-body", 1024, 64u << 20,
                                    &v)) != 0) {
            if (r < 0)
                return 2;
            cfg.max_body = (size_t)v;
        } else if ((r = cli_opt_u64("serve", argc, argv, &i, "--threads", 0,
                                    BRINK_ENSEMBLE_MAX_THREADS, &v)) != 0) {
            if (r < 0)
                return 2;
            cfg.threads = (int)v;
        } else if ((r = cli_opt_u64("serve", argc, argv, &i, "--http-threads", 1, 64, &v)) !=
                   0) {
            if (r < 0)
                return 2;
            cfg.http_threads = (int)v;
        } else if ((r = cli_opt_value("serve", argc, argv, &i, "--listen", NULL, &s)) != 0) {
            if (r < 0)
                return 2;
            cfg.listen = s;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", "--port", "--listen", "--max-runs",
                                                "--max-jobs", "--max-body", "--threads",
                                                "--http-threads", NULL};
            cli_unknown_option("serve", argv[i], names);
            return 2;
        } else if (!cfg.scenario) {
            cfg.scenario = argv[i++];
        } else {
            fprintf(stderr, "brink serve: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (cfg.scenario) {
        /* the page offers built-in cases only: the server reads no files */
        brink_error_list *errs = calloc(1, sizeof *errs);
        brink_scenario *sc = errs ? brink_scenario_load_builtin(cfg.scenario, errs) : NULL;
        if (!sc) {
            if (errs)
                cli_print_errors(errs);
            free(errs);
            fprintf(stderr, "brink serve: a scenario file is uploaded in the page; the "
                            "command line names a built-in case ('brink scenarios')\n");
            return 2;
        }
        brink_scenario_free(sc);
        free(errs);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client that hangs up is not our end */
    return serve_main(&cfg, &stop_requested);
}

#else
/* libmicrohttpd was not found: the command is not part of this build. */
typedef int brink_cmd_serve_not_built;
#endif
