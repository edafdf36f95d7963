/* brink calibrate: fit the shared behavioural parameters to the historical
 * cases (include/brink/calibrate.h, docs/calibration.md). */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brink/brink.h"
#include "brink/calibrate.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "core/atomic_file.h"

#define MAX_SETS 64
#define DEFAULT_POINTS BRINK_CALIB_DEFAULT_POINTS
#define DEFAULT_RUNS BRINK_CALIB_DEFAULT_RUNS
#define DEFAULT_SERIES_RUNS 2000u
#define DEFAULT_WEIGHT BRINK_CALIB_DEFAULT_WEIGHT
#define DEFAULT_ROUNDS BRINK_CALIB_DEFAULT_ROUNDS
#define DEFAULT_PROJECT "iran-2025"
#define DEFAULT_PROJECT_RUNS 100u


static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink calibrate [SCENARIO...] [options]\n"
            "\n"
            "Fits the behavioural parameters that every case shares to the historical\n"
            "record (docs/calibration.md). Each SCENARIO needs a history section (default:\n"
            "every built-in case with one). Method: Bayesian calibration by simulated\n"
            "likelihood over a Sobol design of the plausible box, refined around the\n"
            "first stage's posterior by importance sampling: every case is simulated\n"
            "at every design point under its historical policy, on common random numbers;\n"
            "a point's likelihood is the probability it gave each case's actual outcome,\n"
            "times population targets (the outcome shares of the sanctions record at the\n"
            "cases' horizons, the share of militarized disputes and of violent crises that\n"
            "reach war), each worth W cases. Prints the fitted values with their spread,\n"
            "the fit of every target and case, and the structural error of each observed\n"
            "series, fitted by maximum likelihood on the cases' series.\n"
            "\n"
            "options:\n"
            "  --points K         first-stage design points (Sobol), 2 to %u (default %u)\n"
            "  --refine K2        second-stage points drawn around the first stage's\n"
            "                     posterior, 0 to %u (default %u)\n"
            "  --rounds R         refinement rounds, 1 to %d (default %u)\n"
            "  --runs N           runs per case and design point (default %u)\n"
            "  --series-runs M    ensemble runs per case for the observed series (default %u)\n"
            "  --weight W         cases' worth of each population target (default %g;\n"
            "                     0 = the cases' outcomes only)\n"
            "  --seed S           random seed (default 1)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "  --format F         table (default) or json\n"
            "  --design FILE      write the design as CSV: each point's values, its\n"
            "                     log-likelihood and its posterior weight\n"
            "  --project NAME     then: the outcome probabilities of scenario NAME under\n"
            "                     each of its policies with the fitted parameters'\n"
            "                     uncertainty, and the parameters that move them most\n"
            "                     (default %s; 'none' to skip)\n"
            "  --project-runs N   runs per design point and policy (default %u)\n"
            "  --write-def FILE   write the fit as the table of shared defaults\n"
            "                     (src/model/calibrated.def; rebuild to use it)\n"
            "  --set PATH=VALUE   override a parameter in every scenario (repeatable)\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input.\n",
            BRINK_CALIB_MAX_POINTS, DEFAULT_POINTS, BRINK_CALIB_MAX_POINTS, DEFAULT_POINTS,
            BRINK_CALIB_MAX_ROUNDS, DEFAULT_ROUNDS,
            DEFAULT_RUNS, DEFAULT_SERIES_RUNS, DEFAULT_WEIGHT, DEFAULT_PROJECT,
            DEFAULT_PROJECT_RUNS);
}

static void progress(uint64_t done, uint64_t total, void *user)
{
    (void)user;
    fprintf(stderr, "\rcalibration design: %" PRIu64 " of %" PRIu64 " case-points", done, total);
    if (done == total)
        fputc('\n', stderr);
}

typedef struct {
    int n;
    brink_scenario *sc[BRINK_CALIB_MAX_CASES];
    const char *file[BRINK_CALIB_MAX_CASES];
} case_set;

static void free_cases(case_set *cs)
{
    for (int i = 0; i < cs->n; i++)
        brink_scenario_free(cs->sc[i]);
    cs->n = 0;
}

/* Loads the named scenarios, or every built-in one with a history. */
static int load_cases(case_set *cs, int argc, char **argv, char **sets, int nsets)
{
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            if (cs->n >= BRINK_CALIB_MAX_CASES) {
                fprintf(stderr, "brink calibrate: error: at most %d scenarios\n",
                        BRINK_CALIB_MAX_CASES);
                return 2;
            }
            brink_scenario *sc = cli_load_scenario(argv[i], sets, nsets);
            if (!sc)
                return cli_last_status();
            const brink_history *h = brink_scenario_history(sc);
            if (!h || !h->present) {
                fprintf(stderr,
                        "brink calibrate: error: %s: no history section (history.outcome, "
                        "outcome_month, policy); calibration needs what actually happened\n",
                        argv[i]);
                brink_scenario_free(sc);
                return 2;
            }
            cs->file[cs->n] = argv[i];
            cs->sc[cs->n++] = sc;
        }
        return 0;
    }
    for (int i = 0; brink_builtin_name(i) && cs->n < BRINK_CALIB_MAX_CASES; i++) {
        brink_scenario *sc = cli_load_scenario(brink_builtin_name(i), sets, nsets);
        if (!sc)
            return cli_last_status();
        const brink_history *h = brink_scenario_history(sc);
        if (!h || !h->present) {
            brink_scenario_free(sc);
            continue;
        }
        cs->file[cs->n] = brink_builtin_name(i);
        cs->sc[cs->n++] = sc;
    }
    return 0;
}

static brink_calib_coverage series_coverage(const brink_backtest_case *bc, int n, int fan)
{
    brink_calib_coverage c = {0, 0, 0};
    for (int i = 0; i < n; i++)
        for (int s = 0; s < bc[i].n_series; s++) {
            const brink_backtest_series *b = &bc[i].series[s];
            if (b->fan < 0 || b->placeholder || (fan >= 0 && b->fan != fan))
                continue;
            c.obs += b->n;
            c.in50 += b->in50;
            c.in90 += b->in90;
        }
    return c;
}

static int print_projection(const brink_calib *c, const brink_calib_report *f)
{
    printf("\n%s under each policy with the fitted parameters' uncertainty: posterior mean\n"
           "and 90%% interval over the design (%" PRIu64 " runs per point and policy)\n\n",
           brink_scenario_name(f->proj), f->proj_runs);
    printf("%-22s", "policy");
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        printf(" %-20s", brink_outcome_name((brink_outcome)o));
    printf("\n");
    for (int p = 0; p < f->npol; p++) {
        printf("%-22s", brink_scenario_policy_name(f->proj, f->policies[p]));
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
            double m, lo, hi;
            brink_calib_outcome_uncertainty(c, f->w, f->cells, f->npol, p, o, f->proj_runs, &m,
                                            &lo, &hi);
            char b[40];
            snprintf(b, sizeof b, "%.3f [%.2f,%.2f]", m, lo, hi);
            printf(" %-20s", b);
        }
        printf("\n");
    }
    printf("\nThe parameters that move them most across the plausible box: first-order\n"
           "share of the variance of each probability over the first-stage design\n"
           "(uniform over the box), the means of %d bins along each parameter:\n",
           BRINK_CALIB_SENS_BINS);
    for (int p = 0; p < f->npol; p++) {
        static const int shown[2] = {BRINK_OUTCOME_DEAL, BRINK_OUTCOME_WAR};
        for (int q = 0; q < 2; q++) {
            int idx[BRINK_CALIB_TOP_PARAMS];
            double share[BRINK_CALIB_TOP_PARAMS];
            brink_error err;
            if (brink_calib_top_params(c, f->cells, f->npol, p, shown[q], f->proj_runs, idx,
                                       share, &err) != BRINK_OK) {
                cli_print_error(&err, NULL);
                return 1;
            }
            printf("  %-20s P(%s):", brink_scenario_policy_name(f->proj, f->policies[p]),
                   brink_outcome_name((brink_outcome)shown[q]));
            for (int t = 0; t < BRINK_CALIB_TOP_PARAMS; t++)
                if (idx[t] >= 0)
                    printf("%s %s %.2f", t ? "," : "", brink_calib_param_name(idx[t]), share[t]);
            printf("\n");
        }
    }
    return 0;
}

static void print_table(const brink_calib *c, const brink_calib_report *f)
{
    int K = brink_calib_points(c), n = brink_calib_cases(c);
    printf("Calibration: %d cases, %d design points (%d Sobol, %d refined), %" PRIu64
           " runs per case and point, population weight %g\n",
           n, K, brink_calib_stage1_points(c), K - brink_calib_stage1_points(c),
           brink_calib_runs(c), brink_calib_weight(c));
    printf("Effective design points under the posterior: %.1f of %d\n\n", f->ess, K);
    printf("Fitted parameters (prior: uniform over the box%s)\n", "; log-uniform where marked");
    printf("%-36s %-18s %9s %9s %21s\n", "parameter", "box", "mean", "sd", "90% interval");
    for (int j = 0; j < brink_calib_param_count(); j++) {
        double lo, hi, m, sd, q05, q95;
        int lg;
        brink_calib_param_box(j, &lo, &hi, &lg);
        brink_calib_summary(c, f->w, j, &m, &sd, &q05, &q95);
        char box[40], iv[48];
        snprintf(box, sizeof box, "[%g, %g]%s", lo, hi, lg ? " log" : "");
        snprintf(iv, sizeof iv, "[%.4g, %.4g]", q05, q95);
        printf("%-36s %-18s %9.4g %9.4g %21s\n", brink_calib_param_name(j), box, m, sd, iv);
    }
    printf("\nTargets: the record, the fitted model, and the model at the centre of the box\n");
    printf("%-30s %9s %9s %9s\n", "target", "record", "fitted", "centre");
    for (int t = 0; t < BRINK_CALIB_TARGET_COUNT; t++)
        printf("%-30s %9.4f %9.4f %9.4f\n", f->targets[t].name, f->targets[t].target,
               f->targets[t].model, f->targets[t].at_box_centre);
    printf("  outcome shares: %s\n", f->targets[0].source);
    printf("  %s\n  %s\n", f->targets[BRINK_CALIB_TARGET_MID].source,
           f->targets[BRINK_CALIB_TARGET_ICB].source);
    printf("\nCases (in sample): the probability of what happened\n");
    printf("%-18s %-18s %8s %8s %8s\n", "case", "actual", "fitted", "centre", "base");
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *b = &f->bc[i];
        printf("%-18s %-18s %8.4f %8.4f %8.4f\n", b->scenario,
               brink_outcome_name((brink_outcome)b->actual), b->p[b->actual], f->centre_p[i],
               b->p_base[b->actual]);
    }
    printf("\nStructural error of the observed series (log sd per sqrt(year)), fitted by\n"
           "maximum likelihood; coverage of the 50%% and 90%% bands without and with it\n");
    printf("%-28s %7s %5s %16s %16s\n", "parameter", "sigma", "n", "without 50/90", "with 50/90");
    for (int k = 0; k <= BRINK_FAN_COUNT; k++) {
        const char *p = k < BRINK_FAN_COUNT ? brink_calib_error_path(k) : "all";
        if (!p || f->before[k].obs == 0)
            continue;
        char a[32], b[32];
        snprintf(a, sizeof a, "%.0f%% / %.0f%%", 100.0 * f->before[k].in50 / f->before[k].obs,
                 100.0 * f->before[k].in90 / f->before[k].obs);
        snprintf(b, sizeof b, "%.0f%% / %.0f%%", 100.0 * f->after[k].in50 / f->after[k].obs,
                 100.0 * f->after[k].in90 / f->after[k].obs);
        if (k < BRINK_FAN_COUNT)
            printf("%-28s %7.4f %5d %16s %16s\n", p, f->sigma[k], f->before[k].obs, a, b);
        else
            printf("%-28s %7s %5d %16s %16s\n", p, "", f->before[k].obs, a, b);
    }
}

static int write_def(const brink_calib *c, const brink_calib_report *f, const char *path)
{
    const char *paths[BRINK_FAN_COUNT];
    double vals[BRINK_FAN_COUNT];
    int m = 0;
    for (int k = 0; k < BRINK_FAN_COUNT; k++)
        if (brink_calib_error_path(k) && f->before[k].obs > 0) {
            paths[m] = brink_calib_error_path(k);
            vals[m++] = f->sigma[k];
        }
    brink_atomic_file af;
    brink_error err;
    brink_error_clear(&err);
    if (brink_atomic_open(&af, path, &err) != BRINK_OK) {
        cli_print_error(&err, NULL);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    /* a failed write leaves the stream in error, which the commit reports
     * with its reason */
    if (brink_calib_write_def(c, f->w, paths, vals, m, af.fp, &err) != BRINK_OK &&
        !ferror(af.fp)) {
        brink_atomic_abort(&af);
        cli_print_error(&err, NULL);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (brink_atomic_commit(&af, &err) != BRINK_OK) {
        cli_print_error(&err, NULL);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    return 0;
}

/* The design as CSV: stage, parameter values, log-likelihood, weight. */
static int write_design(const brink_calib *c, const brink_calib_report *f, const double *ll,
                        const char *path)
{
    brink_atomic_file af;
    brink_error err;
    brink_error_clear(&err);
    if (brink_atomic_open(&af, path, &err) != BRINK_OK) {
        cli_print_error(&err, NULL);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    fprintf(af.fp, "point,stage");
    for (int j = 0; j < brink_calib_param_count(); j++)
        fprintf(af.fp, ",%s", brink_calib_param_name(j));
    fprintf(af.fp, ",loglik,weight\n");
    for (int k = 0; k < brink_calib_points(c); k++) {
        fprintf(af.fp, "%d,%d", k, k < brink_calib_stage1_points(c) ? 1 : 2);
        for (int j = 0; j < brink_calib_param_count(); j++)
            fprintf(af.fp, ",%.10g", brink_calib_value(c, k, j));
        fprintf(af.fp, ",%.10g,%.10g\n", ll[k], f->w[k]);
    }
    if (brink_atomic_commit(&af, &err) != BRINK_OK) { /* a failed write, with its reason */
        cli_print_error(&err, NULL);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    return 0;
}

/* The design point nearest the centre of the box. */
static int centre_point(const brink_calib *c)
{
    int best = 0;
    double bd = HUGE_VAL;
    for (int k = 0; k < brink_calib_points(c); k++) {
        double d2 = 0;
        for (int j = 0; j < brink_calib_param_count(); j++) {
            double lo, hi;
            int lg;
            brink_calib_param_box(j, &lo, &hi, &lg);
            double v = brink_calib_value(c, k, j);
            double u = lg ? (log(v) - log(lo)) / (log(hi) - log(lo)) : (v - lo) / (hi - lo);
            d2 += (u - 0.5) * (u - 0.5);
        }
        if (d2 < bd) {
            bd = d2;
            best = k;
        }
    }
    return best;
}

static int parse_u64_opt(const char *name, const char *arg, uint64_t lo, uint64_t hi,
                         uint64_t *out)
{
    if (cli_parse_u64(arg, lo, hi, out) != 0) {
        fprintf(stderr, "brink calibrate: error: %s: '%s' is not an integer in [%" PRIu64
                        ", %" PRIu64 "]\n",
                name, arg, lo, hi);
        return 2;
    }
    return 0;
}

int cmd_calibrate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"points", required_argument, 0, 'P'}, {"runs", required_argument, 0, 'r'},
        {"series-runs", required_argument, 0, 'R'}, {"weight", required_argument, 0, 'W'},
        {"seed", required_argument, 0, 's'},   {"threads", required_argument, 0, 't'}, {"resume", required_argument, 0, OPT_RESUME},
        {"format", required_argument, 0, 'f'}, {"write-def", required_argument, 0, 'o'},
        {"set", required_argument, 0, 'S'},    {"help", no_argument, 0, 'h'},
        {"refine", required_argument, 0, 'F'}, {"design", required_argument, 0, 'd'},
        {"rounds", required_argument, 0, 'N'}, {"project", required_argument, 0, 'j'},
        {"project-runs", required_argument, 0, 'J'},
        {0, 0, 0, 0}};
    char *sets[MAX_SETS];
    int nsets = 0;
    brink_calib_config cfg = {.points = DEFAULT_POINTS,
                              .refine_points = DEFAULT_POINTS,
                              .refine_rounds = DEFAULT_ROUNDS,
                              .runs = DEFAULT_RUNS,
                              .seed = 1,
                              .population_weight = DEFAULT_WEIGHT};
    uint64_t series_runs = DEFAULT_SERIES_RUNS, project_runs = DEFAULT_PROJECT_RUNS;
    const char *project = DEFAULT_PROJECT;
    const char *format = "table", *def_path = NULL, *design_path = NULL;
    const char *resume = NULL;
    optind = 1;
    int ch;
    while ((ch = cli_getopt("calibrate", argc, argv, "h", opts)) != -1) {
        uint64_t v;
        switch (ch) {
        case 'P':
            if (parse_u64_opt("--points", optarg, 2, BRINK_CALIB_MAX_POINTS, &v))
                return 2;
            cfg.points = (uint32_t)v;
            break;
        case 'F':
            if (parse_u64_opt("--refine", optarg, 0, BRINK_CALIB_MAX_POINTS, &v))
                return 2;
            cfg.refine_points = (uint32_t)v;
            break;
        case 'N':
            if (parse_u64_opt("--rounds", optarg, 1, BRINK_CALIB_MAX_ROUNDS, &v))
                return 2;
            cfg.refine_rounds = (uint32_t)v;
            break;
        case 'r':
            if (parse_u64_opt("--runs", optarg, 1, 1000000, &v))
                return 2;
            cfg.runs = v;
            break;
        case 'R':
            if (parse_u64_opt("--series-runs", optarg, 1, 10000000, &v))
                return 2;
            series_runs = v;
            break;
        case 's':
            if (parse_u64_opt("--seed", optarg, 0, UINT64_MAX, &v))
                return 2;
            cfg.seed = v;
            break;
        case 't':
            if (parse_u64_opt("--threads", optarg, 0, BRINK_ENSEMBLE_MAX_THREADS, &v))
                return 2;
            cfg.threads = (int)v;
            break;
        case 'W':
            if (cli_parse_real(optarg, 0, 1000, &cfg.population_weight) != 0) {
                fprintf(stderr,
                        "brink calibrate: error: --weight: '%s' is not a number in [0, 1000]\n",
                        optarg);
                return 2;
            }
            break;
        case 'f': format = optarg; break;
        case 'o': def_path = optarg; break;
        case 'd': design_path = optarg; break;
        case 'j': project = optarg; break;
        case 'J':
            if (parse_u64_opt("--project-runs", optarg, 1, 1000000, &v))
                return 2;
            project_runs = v;
            break;
        case 'S':
            if (nsets >= MAX_SETS) {
                fprintf(stderr, "brink calibrate: error: too many --set options (at most %d)\n",
                        MAX_SETS);
                return 2;
            }
            sets[nsets++] = optarg;
            break;
        case OPT_RESUME: resume = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return 2; /* cli_getopt said why */
        }
    }
    int resume_rc = cli_resume("calibrate", resume);
    if (resume_rc != 0)
        return resume_rc;
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink calibrate: error: --format: '%s' is not one of table, json\n",
                format);
        return 2;
    }
    /* an output path that cannot be written is bad input here (exit 2),
     * whatever the reason */
    if (def_path && cli_check_writable("calibrate", def_path) != 0)
        return 2;
    if (design_path && cli_check_writable("calibrate", design_path) != 0)
        return 2;
    int json = strcmp(format, "json") == 0;
    case_set cs;
    memset(&cs, 0, sizeof cs);
    int rc = load_cases(&cs, argc, argv, sets, nsets);
    if (rc != 0) {
        free_cases(&cs);
        return rc;
    }
    if (cs.n == 0) {
        fprintf(stderr, "brink calibrate: error: no case with a history to fit\n");
        return 2;
    }
    if (isatty(STDERR_FILENO))
        cfg.progress = progress;

    brink_error err;
    brink_error_clear(&err);
    brink_calib *c = NULL;
    /* what the report reads (f) and the buffers behind it, owned here */
    brink_calib_report f;
    memset(&f, 0, sizeof f);
    double *w = NULL, *ll = NULL;
    brink_backtest_case *bcs = NULL;
    brink_scenario *proj = NULL;
    brink_calib_cell *cells = NULL;
    /* the scenario to project, loaded first so that a bad name fails at once */
    if (strcmp(project, "none") != 0) {
        proj = cli_load_scenario(project, sets, nsets);
        if (!proj) {
            free_cases(&cs);
            return cli_last_status();
        }
    }
    brink_status st = brink_calib_run(cs.sc, cs.n, &cfg, &c, &err);
    if (st == BRINK_OK) {
        int K = brink_calib_points(c);
        w = calloc((size_t)K, sizeof *w);
        ll = calloc((size_t)K, sizeof *ll);
        bcs = calloc((size_t)cs.n, sizeof *bcs);
        if (!w || !ll || !bcs)
            st = brink_error_set(&err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        f.w = w;
        f.bc = bcs;
    }
    if (st == BRINK_OK) {
        brink_calib_fit(c, NULL, ll, w, &f.ess);
        brink_calib_targets(c, w, NULL, f.targets);
        int k0 = centre_point(c);
        for (int i = 0; i < cs.n; i++) {
            const brink_calib_cell *cell = brink_calib_cell_at(c, k0, i);
            f.centre_p[i] =
                (double)cell->count[brink_calib_case_actual(c, i)] / (double)brink_calib_runs(c);
        }
        brink_calib_backtest_config bc = {series_runs, cfg.seed, cfg.threads, 0, 1};
        st = brink_calib_backtest(c, cs.sc, &bc, bcs, NULL, f.sigma, &err);
    }
    if (st == BRINK_OK && proj) {
        f.proj = proj;
        f.npol = brink_scenario_policy_count(proj);
        if (f.npol > BRINK_ENSEMBLE_MAX_POLICIES)
            f.npol = BRINK_ENSEMBLE_MAX_POLICIES;
        for (int p = 0; p < f.npol; p++)
            f.policies[p] = p;
        f.proj_runs = project_runs;
        st = brink_calib_project(c, proj, f.policies, f.npol, project_runs, cfg.seed,
                                 cfg.threads, &cells, &err);
        f.cells = cells;
    }
    if (st == BRINK_OK) {
        for (int k = 0; k <= BRINK_FAN_COUNT; k++)
            f.after[k] = series_coverage(bcs, cs.n, k < BRINK_FAN_COUNT ? k : -1);
        for (int i = 0; i < cs.n; i++)
            for (int s = 0; s < bcs[i].n_series; s++) {
                brink_backtest_series tmp = bcs[i].series[s];
                brink_backtest_series_rescore(&tmp, 0);
                bcs[i].series[s].in50 = tmp.in50; /* kept only for the counts below */
                bcs[i].series[s].in90 = tmp.in90;
            }
        for (int k = 0; k <= BRINK_FAN_COUNT; k++)
            f.before[k] = series_coverage(bcs, cs.n, k < BRINK_FAN_COUNT ? k : -1);
        rc = 0;
        if (json) {
            /* a failed write leaves stdout in error, reported with its
             * reason when it is closed */
            if (brink_calib_write_json(c, &f, stdout, &err) != BRINK_OK && !ferror(stdout)) {
                cli_print_error(&err, NULL);
                rc = 1;
            }
        } else {
            print_table(c, &f);
            if (f.cells)
                rc = print_projection(c, &f);
        }
        if (rc == 0 && def_path)
            rc = write_def(c, &f, def_path);
        if (rc == 0 && design_path)
            rc = write_design(c, &f, ll, design_path);
        if (rc == 0 && def_path && !json)
            printf("\nwrote %s\n", def_path);
    } else {
        if (err.code)
            cli_print_error(&err, NULL);
        rc = st == BRINK_ERR_INPUT ? 2 : 1;
    }
    free(cells);
    brink_scenario_free(proj);
    free(w);
    free(ll);
    free(bcs);
    brink_calib_free(c);
    free_cases(&cs);
    return rc;
}
