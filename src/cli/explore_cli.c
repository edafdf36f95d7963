/* Shared by the exploring commands (src/cli/explore_cli.h). */
#include "cli/explore_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/common.h"

/* the help text states the default */
_Static_assert(ECLI_DEFAULT_RUNS == 200, "ecli_options_help says 200 runs");

const char ecli_options_help[] =
    "  --param PATH=LO:HI[:N][:log]  explore PATH (any path --set takes) over\n"
    "                     [LO, HI]; N grid levels (default 3); log: evenly on a log\n"
    "                     scale (LO > 0); repeatable. Default: every\n"
    "                     uncertain parameter of the scenario (each value it gives\n"
    "                     as a distribution) over its plausible range\n"
    "  --policy P         the senders' policy (default: the scenario's)\n"
    "  --runs R           runs of the ensemble at each point (default 200)\n"
    "  --seed S           seed: every point uses runs 0..R-1 of it (default 1)\n"
    "  --months M[,M...]  months of the outcome probabilities (default 60,120)\n"
    "  --threads T        worker threads; 0 = every core (default 0)\n"
    "  --set PATH=VALUE   override a parameter first (repeatable)\n"
    "  -q, --quiet        no progress on the terminal\n";

const char ecli_report_help[] =
    "  --report FILE      also write the results as a self-contained HTML briefing\n"
    "                     (charts and data inline; see docs/reports.md)\n"
    "  --date YYYY-MM-DD  the date printed in the briefing (default: today, or the\n"
    "                     environment variable BRINK_REPORT_DATE)\n";

void ecli_options_init(ecli_options *o, uint64_t runs)
{
    memset(o, 0, sizeof *o);
    o->runs = runs;
    o->seed = 1;
    o->out.nmonths = 2;
    o->out.months[0] = 60;
    o->out.months[1] = 120;
}

static int parse_param(const char *cmd, const char *arg, brink_explore_param *p)
{
    memset(p, 0, sizeof *p);
    p->levels = 3;
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof p->path) {
        fprintf(stderr, "brink %s: error: --param '%s': expected PATH=LO:HI[:N][:log]\n", cmd,
                arg);
        return -1;
    }
    memcpy(p->path, arg, (size_t)(eq - arg));
    p->path[eq - arg] = '\0';
    char buf[256];
    snprintf(buf, sizeof buf, "%s", eq + 1);
    char *f[5];
    int nf = 0;
    for (char *s = buf; nf < 5;) {
        f[nf++] = s;
        char *c = strchr(s, ':');
        if (!c)
            break;
        *c = '\0';
        s = c + 1;
    }
    uint64_t lv = 3;
    if (nf >= 3 && strcmp(f[nf - 1], "log") == 0) {
        p->log_scale = 1;
        nf--;
    }
    if (nf < 2 || nf > 3 || strchr(f[nf - 1], ':') ||
        cli_parse_real(f[0], -1e300, 1e300, &p->lo) != 0 ||
        cli_parse_real(f[1], -1e300, 1e300, &p->hi) != 0 ||
        (nf == 3 && cli_parse_u64(f[2], 1, 10000, &lv) != 0)) {
        fprintf(stderr,
                "brink %s: error: --param '%s': expected PATH=LO:HI[:N][:log] (numbers LO < "
                "HI, N grid levels from 1 to 10000, log for a log scale)\n", cmd, arg);
        return -1;
    }
    p->levels = (int)lv;
    return 0;
}

static int parse_months(const char *cmd, const char *arg, brink_explore_outputs *out)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    out->nmonths = 0;
    for (char *s = buf; s;) {
        char *c = strchr(s, ',');
        if (c)
            *c = '\0';
        uint64_t m;
        if (out->nmonths == BRINK_EXPLORE_MAX_MONTHS ||
            cli_parse_u64(s, 1, CLI_MAX_MONTHS, &m) != 0) {
            fprintf(stderr,
                    "brink %s: error: --months '%s': expected up to %d months from 1 to %d, "
                    "separated by commas\n", cmd, arg, BRINK_EXPLORE_MAX_MONTHS, CLI_MAX_MONTHS);
            return -1;
        }
        out->months[out->nmonths++] = (uint32_t)m;
        s = c ? c + 1 : NULL;
    }
    return 0;
}

int ecli_parse_option(const char *cmd, int argc, char **argv, int *i, ecli_options *o)
{
    const char *v;
    uint64_t n;
    int r;
    if ((r = cli_opt_value(cmd, argc, argv, i, "--param", NULL, &v)) != 0) {
        if (r < 0)
            return -1;
        if (o->nparam == ECLI_MAX_PARAMS) {
            fprintf(stderr, "brink %s: error: more than %d --param options\n", cmd,
                    ECLI_MAX_PARAMS);
            return -1;
        }
        o->param_arg[o->nparam] = v;
        return parse_param(cmd, v, &o->param[o->nparam++]) == 0 ? 1 : -1;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--set", NULL, &v)) != 0) {
        if (r < 0)
            return -1;
        if (o->nsets == (int)(sizeof o->sets / sizeof o->sets[0])) {
            fprintf(stderr, "brink %s: error: too many --set options\n", cmd);
            return -1;
        }
        o->sets[o->nsets++] = (char *)(uintptr_t)v;
        return 1;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--policy", NULL, &v)) != 0) {
        o->policy = v;
        return r;
    }
    if ((r = cli_opt_u64(cmd, argc, argv, i, "--runs", 1, 1000000, &n)) != 0) {
        o->runs = n;
        return r;
    }
    if ((r = cli_opt_u64(cmd, argc, argv, i, "--seed", 0, UINT64_MAX, &n)) != 0) {
        o->seed = n;
        return r;
    }
    if ((r = cli_opt_u64(cmd, argc, argv, i, "--threads", 0, 256, &n)) != 0) {
        o->threads = (int)n;
        return r;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--months", NULL, &v)) != 0) {
        if (r < 0)
            return -1;
        return parse_months(cmd, v, &o->out) == 0 ? 1 : -1;
    }
    /* sweep's --resume continues its CSV file instead */
    if (strcmp(cmd, "sweep") != 0 &&
        (r = cli_opt_value(cmd, argc, argv, i, "--resume", NULL, &v)) != 0) {
        o->resume = v;
        return r;
    }
    if (strcmp(argv[*i], "--quiet") == 0 || strcmp(argv[*i], "-q") == 0) {
        o->quiet = 1;
        (*i)++;
        return 1;
    }
    return 0;
}

int ecli_parse_report_option(const char *cmd, int argc, char **argv, int *i, ecli_options *o)
{
    const char *v;
    int r;
    if ((r = cli_opt_value(cmd, argc, argv, i, "--report", NULL, &v)) != 0) {
        if (r > 0)
            o->report_path = v;
        return r;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--date", NULL, &v)) != 0) {
        if (r > 0)
            o->date = v;
        return r;
    }
    return 0;
}

int ecli_report_check(const char *cmd, ecli_options *o)
{
    if (o->date && !o->report_path) {
        fprintf(stderr, "brink %s: error: --date is for the report (--report FILE)\n", cmd);
        return 2;
    }
    if (!o->report_path)
        return 0;
    if (cli_report_date(cmd, o->date, &o->date) != 0)
        return 2;
    return cli_check_writable(cmd, o->report_path);
}

int ecli_report_write(const char *cmd, const ecli_options *o, const brink_scenario *sc,
                      const brink_report_exploration *x)
{
    if (!o->report_path)
        return 0;
    brink_report_options ro;
    memset(&ro, 0, sizeof ro);
    ro.command = cmd;
    ro.date = o->date;
    ro.explore = x;
    brink_error err;
    brink_error_clear(&err);
    if (brink_report_write(sc, &ro, o->report_path, &err) != BRINK_OK)
        return ecli_fail(cmd, &err);
    if (!o->quiet)
        fprintf(stderr, "brink %s: report written to %s\n", cmd, o->report_path);
    return 0;
}

const char *ecli_real(double x, char *buf, size_t size)
{
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

int ecli_fail(const char *cmd, const brink_error *err)
{
    char msg[2048];
    brink_error_format(err, NULL, msg, sizeof msg);
    fprintf(stderr, "brink %s: %s", cmd, msg);
    return err->code == BRINK_ERR_INPUT ? 2 : 1;
}

/* The column of --param's argument "PATH=LO:HI[:N][:log]" to mark for an error
 * at column col of the assignment "PATH=VALUE" the check made: within PATH,
 * the same; in the value, the start of HI when LO alone is accepted, else of
 * LO. */
static int faulty_column(const brink_scenario *sc, const brink_explore_param *p,
                         const char *arg, int col)
{
    const char *eq = strchr(arg, '=');
    int value = eq ? (int)(eq - arg) + 2 : col;
    if (!eq || col < value)
        return col;
    const char *colon = strchr(eq + 1, ':');
    int hi = colon ? (int)(colon - arg) + 2 : value;
    brink_scenario *c = brink_scenario_clone(sc, NULL);
    if (!c)
        return value;
    char lo[BRINK_EXPLORE_PATH_MAX + 40];
    snprintf(lo, sizeof lo, "%s=%.17g", p->path, p->lo);
    int lo_ok = brink_scenario_set(c, lo, NULL) == BRINK_OK;
    brink_scenario_free(c);
    return lo_ok ? hi : value;
}

int ecli_open(const char *cmd, ecli_options *o, brink_scenario **out, int *policy)
{
    *out = NULL;
    int rc = cli_resume(cmd, o->resume);
    if (rc != 0)
        return rc;
    brink_scenario *sc = cli_load_scenario(o->spec, o->sets, o->nsets);
    if (!sc)
        return cli_last_status();
    int p = cli_policy_index(sc, o->policy);
    if (p < 0) {
        brink_scenario_free(sc);
        return 2;
    }
    brink_error err;
    brink_error_clear(&err);
    if (o->nparam == 0) {
        brink_explore_param *u = NULL;
        int n = 0;
        if (brink_explore_uncertain(sc, &u, &n, &err) != BRINK_OK) {
            brink_scenario_free(sc);
            return ecli_fail(cmd, &err);
        }
        if (n == 0 || n > ECLI_MAX_PARAMS) {
            fprintf(stderr, "brink %s: error: the scenario has %d uncertain parameters; name "
                            "those to explore with --param\n", cmd, n);
            free(u);
            brink_scenario_free(sc);
            return 2;
        }
        memcpy(o->param, u, sizeof *u * (size_t)n);
        o->nparam = n;
        free(u);
    }
    for (int j = 0; j < o->nparam; j++) {
        if (brink_explore_check(sc, o->param, j + 1, &err) != BRINK_OK) {
            if (o->param_arg[j] && err.line > 0) {
                if (strcmp(err.file, "--set") == 0)
                    snprintf(err.file, sizeof err.file, "--param");
                err.column = faulty_column(sc, &o->param[j], o->param_arg[j], err.column);
                cli_print_error(&err, o->param_arg[j]);
            }
            else
                ecli_fail(cmd, &err);
            brink_scenario_free(sc);
            return err.code == BRINK_ERR_INPUT ? 2 : 1;
        }
    }
    *out = sc;
    *policy = p;
    return 0;
}

void ecli_progress(const ecli_options *o, const char *cmd, const char *what, uint64_t done,
                   uint64_t total)
{
    if (o->quiet || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "\rbrink %s: %s %llu/%llu", cmd, what, (unsigned long long)done,
            (unsigned long long)total);
    fflush(stderr);
}

void ecli_progress_end(const ecli_options *o)
{
    if (!o->quiet && isatty(STDERR_FILENO))
        fputc('\n', stderr);
}
