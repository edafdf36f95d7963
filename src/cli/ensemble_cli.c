/* Shared by `brink ensemble` and `brink compare`. */
#include "cli/ensemble_cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "brink/report.h"
#include "cli/common.h"

int ens_parse(ens_options *o, int argc, char **argv, void (*usage)(FILE *))
{
    int compare = strcmp(o->cmd, "compare") == 0;
    int report = strcmp(o->cmd, "report") == 0;
    static const struct option opts[] = {
        {"policy", required_argument, 0, 'p'},  {"policies", required_argument, 0, 'P'},
        {"runs", required_argument, 0, 'n'},    {"seed", required_argument, 0, 's'},
        {"threads", required_argument, 0, 't'}, {"months", required_argument, 0, 'm'},
        {"set", required_argument, 0, 'S'},     {"out", required_argument, 0, 'o'},
        {"format", required_argument, 0, 'f'},  {"quiet", no_argument, 0, 'q'},
        {"report", required_argument, 0, 'r'},  {"date", required_argument, 0, 'D'},
        {"output", required_argument, 0, 'O'},  {"resume", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    const char *format = NULL;
    o->runs = report ? ENS_REPORT_DEFAULT_RUNS : ENS_DEFAULT_RUNS;
    o->seed = 1;
    optind = 1;
    int c;
    while ((c = cli_getopt(o->cmd, argc, argv, report ? "hqo:" : "hq", opts)) != -1) {
        switch (c) {
        case 'p':
        case 'P':
            if (!report && (c == 'P') != compare) {
                fprintf(stderr, "brink %s: error: use --%s\n", o->cmd,
                        compare ? "policies a,b,..." : "policy P");
                return 3;
            }
            o->policies = optarg;
            break;
        case 'n':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &o->runs) != 0 || o->runs < 1 ||
                o->runs > BRINK_ENSEMBLE_MAX_RUNS) {
                fprintf(stderr,
                        "brink %s: error: --runs: '%s' is not an integer in [1, %llu]\n",
                        o->cmd, optarg, (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS);
                return 3;
            }
            break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &o->seed) != 0) {
                fprintf(stderr, "brink %s: error: --seed: '%s' is not a non-negative integer\n",
                        o->cmd, optarg);
                return 3;
            }
            break;
        case 't': {
            uint64_t t;
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &t) != 0 || t > BRINK_ENSEMBLE_MAX_THREADS) {
                fprintf(stderr,
                        "brink %s: error: --threads: '%s' is not an integer in [0, %d] "
                        "(0 = every core)\n",
                        o->cmd, optarg, BRINK_ENSEMBLE_MAX_THREADS);
                return 3;
            }
            o->threads = (int)t;
            break;
        }
        case 'm': {
            uint64_t m;
            if (cli_parse_u64(optarg, 1, CLI_MAX_MONTHS, &m) != 0) {
                fprintf(stderr, "brink %s: error: --months: '%s' is not an integer in [1, %d]\n",
                        o->cmd, optarg, CLI_MAX_MONTHS);
                return 3;
            }
            snprintf(o->months_set, sizeof o->months_set, "simulation.horizon_months=%" PRIu64,
                     m);
            if (o->nsets >= ENS_MAX_SETS) {
                fprintf(stderr, "brink %s: error: too many --set options (at most %d)\n", o->cmd,
                        ENS_MAX_SETS);
                return 3;
            }
            o->sets[o->nsets++] = o->months_set;
            break;
        }
        case 'S':
            if (o->nsets >= ENS_MAX_SETS) {
                fprintf(stderr, "brink %s: error: too many --set options (at most %d)\n", o->cmd,
                        ENS_MAX_SETS);
                return 3;
            }
            o->sets[o->nsets++] = optarg;
            break;
        case 'o':
        case 'O':
            if (report)
                o->report_path = optarg;
            else if (c == 'o')
                o->out_dir = optarg;
            else {
                fprintf(stderr, "brink %s: error: unknown option '--output' (did you mean "
                                "--out DIR or --report FILE?)\n", o->cmd);
                return 3;
            }
            break;
        case 'r':
            if (report) {
                fprintf(stderr, "brink report: error: use -o FILE for the report's path\n");
                return 3;
            }
            o->report_path = optarg;
            break;
        case 'D': o->date = optarg; break;
        case 'R': o->resume = optarg; break;
        case 'f':
            if (report) {
                fprintf(stderr, "brink report: error: --format: the report is HTML; "
                                "use brink compare --format json for JSON\n");
                return 3;
            }
            format = optarg;
            break;
        case 'q': o->quiet = 1; break;
        case 'h': usage(stdout); return 1;
        default: return 3; /* cli_getopt said why */
        }
    }
    if (!format || strcmp(format, "table") == 0) {
        o->json = 0;
    } else if (strcmp(format, "json") == 0) {
        o->json = 1;
    } else {
        fprintf(stderr, "brink %s: error: --format: '%s' is not one of table, json\n", o->cmd,
                format);
        return 3;
    }
    if (compare && !o->policies) {
        fprintf(stderr, "brink compare: error: --policies a,b,... is required\n");
        return 3;
    }
    if (optind < argc)
        o->spec = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "brink %s: error: unexpected argument '%s'\n", o->cmd, argv[optind]);
        return 3;
    }
    if (report && !o->report_path)
        o->report_path = "report.html";
    if (o->date && !o->report_path) {
        fprintf(stderr, "brink %s: error: --date is for the report (--report FILE)\n", o->cmd);
        return 3;
    }
    if (o->report_path && cli_report_date(o->cmd, o->date, &o->date) != 0)
        return 3;
    return 0;
}

/* ---- Policies ---------------------------------------------------------------- */

static int resolve_policies(const ens_options *o, const brink_scenario *sc,
                            brink_ensemble_config *cfg)
{
    int report = strcmp(o->cmd, "report") == 0;
    if (report && !o->policies) {
        /* every policy of the scenario, the default one first */
        int def = brink_scenario_default_policy(sc), n = brink_scenario_policy_count(sc);
        cfg->npolicies = 0;
        cfg->policies[cfg->npolicies++] = def;
        for (int i = 0; i < n && cfg->npolicies < BRINK_ENSEMBLE_MAX_POLICIES; i++)
            if (i != def)
                cfg->policies[cfg->npolicies++] = i;
        return 0;
    }
    if (!report && strcmp(o->cmd, "compare") != 0) {
        cfg->policies[0] = cli_policy_index(sc, o->policies);
        cfg->npolicies = 1;
        return cfg->policies[0] < 0 ? 2 : 0;
    }
    const char *s = o->policies;
    cfg->npolicies = 0;
    for (;;) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char name[128];
        if (len == 0 || len >= sizeof name) {
            fprintf(stderr, "brink %s: error: --policies: '%s' is not a comma-separated "
                            "list of policy names\n", o->cmd, o->policies);
            return 2;
        }
        if (cfg->npolicies >= BRINK_ENSEMBLE_MAX_POLICIES) {
            fprintf(stderr, "brink %s: error: --policies: at most %d policies\n", o->cmd,
                    BRINK_ENSEMBLE_MAX_POLICIES);
            return 2;
        }
        memcpy(name, s, len);
        name[len] = '\0';
        int idx = cli_policy_index(sc, name);
        if (idx < 0)
            return 2;
        cfg->policies[cfg->npolicies++] = idx;
        if (!end)
            break;
        s = end + 1;
    }
    if (!report && cfg->npolicies < 2) {
        fprintf(stderr, "brink compare: error: --policies: name at least two policies "
                        "(the first is the baseline)\n");
        return 2;
    }
    return 0;
}

/* ---- Progress line and Ctrl-C ------------------------------------------------ */

typedef struct {
    double start, last;
    int shown;
    atomic_int *stop;
} progress_state;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void progress(uint64_t done, uint64_t total, void *user)
{
    progress_state *ps = user;
    double t = now();
    if (done < total && t - ps->last < 0.1)
        return;
    ps->last = t;
    double el = t - ps->start;
    double rate = el > 0 ? (double)done / el : 0;
    char eta[32];
    if (rate > 0 && done < total) {
        double left = (double)(total - done) / rate;
        if (left >= 3600)
            snprintf(eta, sizeof eta, "%dh%02dm", (int)(left / 3600), (int)(left / 60) % 60);
        else if (left >= 60)
            snprintf(eta, sizeof eta, "%dm%02ds", (int)(left / 60), (int)left % 60);
        else
            snprintf(eta, sizeof eta, "%.0fs", left);
    } else {
        snprintf(eta, sizeof eta, "-");
    }
    fprintf(stderr, "\r%" PRIu64 "/%" PRIu64 " runs (%3.0f%%)  %.0f runs/s  ETA %s%s\033[K",
            done, total, 100.0 * (double)done / (double)total, rate, eta,
            ps->stop && atomic_load(ps->stop) ? "  stopping..." : "");
    fflush(stderr);
    ps->shown = 1;
}

/* ---- Running -------------------------------------------------------------------- */

int ens_execute(ens_options *o, brink_scenario **scp, brink_ensemble_result **res)
{
    *scp = NULL;
    *res = NULL;
    brink_scenario *sc = cli_load_scenario(o->spec, o->sets, o->nsets);
    if (!sc)
        return cli_last_status();
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    int rc = resolve_policies(o, sc, &cfg);
    if (rc) {
        brink_scenario_free(sc);
        return rc;
    }
    rc = o->report_path ? cli_check_writable(o->cmd, o->report_path) : 0;
    if (!rc && o->out_dir)
        rc = cli_check_writable_dir(o->cmd, o->out_dir, brink_ensemble_files);
    if (!rc)
        rc = cli_resume(o->cmd, o->resume);
    if (rc) {
        brink_scenario_free(sc);
        return rc;
    }
    cfg.runs = o->runs;
    cfg.seed = o->seed;
    cfg.threads = o->threads;
    progress_state ps = {now(), 0, 0, NULL};
    if (!o->quiet && isatty(STDERR_FILENO)) {
        cfg.progress = progress;
        cfg.progress_user = &ps;
    }

    cfg.stop = ps.stop = cli_interrupt_begin();
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_ensemble_run(sc, &cfg, res, &err);
    cli_interrupt_end();
    if (ps.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    if (st != BRINK_OK) {
        char msg[2048];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink %s: %s", o->cmd, msg);
        brink_scenario_free(sc);
        return st == BRINK_ERR_INPUT ? 2 : 1;
    }
    if ((*res)->partial && !o->quiet)
        fprintf(stderr, "brink %s: interrupted: %" PRIu64 " of %" PRIu64
                        " runs completed; writing partial results\n",
                o->cmd, (*res)->runs_done, (*res)->runs_requested);
    if (o->out_dir &&
        brink_ensemble_write_dir(sc, *res, strcmp(o->cmd, "compare") == 0, o->out_dir, &err) !=
            BRINK_OK) {
        char msg[2048];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink %s: %s", o->cmd, msg);
        brink_ensemble_result_free(*res);
        *res = NULL;
        brink_scenario_free(sc);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (o->report_path) {
        brink_report_options ro;
        memset(&ro, 0, sizeof ro);
        ro.command = o->cmd;
        ro.date = o->date;
        ro.ens = *res;
        ro.zopa_runs = BRINK_REPORT_ZOPA_RUNS;
        if (brink_report_write(sc, &ro, o->report_path, &err) != BRINK_OK) {
            char msg[2048];
            brink_error_format(&err, NULL, msg, sizeof msg);
            fprintf(stderr, "brink %s: %s", o->cmd, msg);
            brink_ensemble_result_free(*res);
            *res = NULL;
            brink_scenario_free(sc);
            return err.code == BRINK_ERR_INPUT ? 2 : 1;
        }
        if (!o->quiet && strcmp(o->cmd, "report") != 0)
            fprintf(stderr, "brink %s: report written to %s\n", o->cmd, o->report_path);
    }
    *scp = sc;
    return 0;
}

int ens_exit_code(const brink_ensemble_result *res)
{
    return res->partial ? ENS_EXIT_INTERRUPTED : 0;
}

void ens_print_header(FILE *out, const brink_scenario *sc, const brink_ensemble_result *r,
                      const char *title)
{
    const char *label = brink_scenario_label(sc);
    fprintf(out, "%s: %s\n", title, label && *label ? label : brink_scenario_name(sc));
    fprintf(out, "runs: %" PRIu64 "   seed: %" PRIu64 "   horizon: %u months   parameters: drawn"
                 "   scenario hash: %016" PRIx64 "\n",
            r->runs_done, r->seed, r->horizon, brink_scenario_hash(sc));
    if (r->partial)
        fprintf(out, "PARTIAL: interrupted after %" PRIu64 " of %" PRIu64
                     " runs (runs 0 to %" PRIu64 ")\n",
                r->runs_done, r->runs_requested, r->runs_done ? r->runs_done - 1 : 0);
    fputc('\n', out);
}

int ens_main(const char *cmd, int argc, char **argv, void (*usage)(FILE *), ens_table_fn table)
{
    ens_options o;
    memset(&o, 0, sizeof o);
    o.cmd = cmd;
    int rc = ens_parse(&o, argc, argv, usage);
    if (rc)
        return rc - 1;
    brink_scenario *sc;
    brink_ensemble_result *res;
    rc = ens_execute(&o, &sc, &res);
    if (rc)
        return rc;
    if (!table) {
        if (!o.quiet)
            fprintf(stderr, "brink %s: %s written (%d policies, %llu runs each)\n", cmd,
                    o.report_path, res->npolicies, (unsigned long long)res->runs_done);
    } else if (o.json) {
        brink_error err;
        int paired = strcmp(cmd, "compare") == 0;
        if (brink_ensemble_write_json(sc, res, paired, stdout, &err) != BRINK_OK) {
            char msg[1024];
            brink_error_format(&err, NULL, msg, sizeof msg);
            fprintf(stderr, "brink %s: %s", cmd, msg);
            rc = 1;
        }
    } else {
        table(stdout, sc, res);
    }
    if (!rc)
        rc = ens_exit_code(res);
    brink_ensemble_result_free(res);
    brink_scenario_free(sc);
    return rc;
}
