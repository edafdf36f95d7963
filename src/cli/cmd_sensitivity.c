/* brink sensitivity: Morris screening and Sobol indices of the model's
 * outputs over its uncertain parameters. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/explore.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/explore_cli.h"

#define SENS_MAX_OUTPUTS 16

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink sensitivity [SCENARIO] [--method sobol|morris] [--output NAME]...\n"
            "                         [--width W] [--base N] [--trajectories R] [options]\n"
            "\n"
            "Which assumptions drive an output: each point of the design is an ensemble\n"
            "of SCENARIO (default iran-2025) with the parameters set there, on common\n"
            "random numbers (the same runs at every point).\n"
            "  sobol   first-order (S1, Saltelli 2010) and total (ST, Jansen) indices\n"
            "          with bootstrap intervals: the share of the output's variance\n"
            "          each parameter explains alone, and with its interactions. The\n"
            "          base sample doubles from 32 until every total index of at least\n"
            "          0.05 has an interval of at most +-W (or --max-base is reached)\n"
            "  morris  elementary effects for screening: mu* (the mean absolute change\n"
            "          of the output when the parameter crosses its whole range, one at\n"
            "          a time) with its bootstrap interval, mu and sigma (spread:\n"
            "          interactions and non-linearity)\n"
            "See docs/exploration.md.\n"
            "\n"
            "options:\n"
            "  --method M         sobol (default) or morris\n"
            "  --output NAME      an output (repeatable; default p_deal_within_60 and\n"
            "                     p_war_120): p_OUTCOME_M, p_deal_within_M,\n"
            "                     median_months_to_deal, mean_COST (as brink sweep)\n"
            "  --width W          sobol: target half-width of the total indices' intervals\n"
            "                     (default 0.05)\n"
            "  --base N           sobol: exactly N base samples (at least %d; N x (d + 2)\n"
            "                     ensembles), instead of --width\n"
            "  --max-base N       sobol: the most base samples --width may use (default 4096)\n"
            "  --trajectories R   morris: trajectories (at least %d; default 20)\n"
            "  --levels L         morris: grid levels, even (default 4)\n"
            "  --boot B           bootstrap resamples (default 1000)\n"
            "  --format F         table (default) or json\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "%s%s"
            "  -h, --help         this text\n"
            "\n"
            "Progress shows on a terminal. Ctrl-C stops after the points in progress and\n"
            "reports the indices of the complete base samples (trajectories), marked\n"
            "partial; the exit status is then %d.\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input.\n",
            BRINK_SOBOL_MIN_BASE, BRINK_MORRIS_MIN_TRAJECTORIES, ecli_report_help, ecli_options_help,
            CLI_EXIT_INTERRUPTED);
}

typedef struct {
    const ecli_options *o;
    uint64_t before, total;
    const char *what;
} sens_progress;

static int on_points(int first, int count, const double *x, const double *y, void *user)
{
    (void)x;
    (void)y;
    sens_progress *p = user;
    ecli_progress(p->o, "sensitivity", p->what, (uint64_t)(first + count), p->total);
    return 0;
}

/* Column k of the outputs of `rows` points (nout per point) into v; -1 when
 * one is not a number. */
static int column(const double *y, size_t rows, int nout, int k, double *v)
{
    for (size_t i = 0; i < rows; i++) {
        v[i] = y[i * (size_t)nout + (size_t)k];
        if (!isfinite(v[i]))
            return -1;
    }
    return 0;
}

typedef struct {
    int d;
    const double *key;
} order_ctx;

static order_ctx sort_ctx;

static int by_key_desc(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    double x = sort_ctx.key[i], z = sort_ctx.key[j];
    if (x != z)
        return x > z ? -1 : 1;
    return i - j;
}

static void order_by(const double *key, int d, int *idx)
{
    for (int j = 0; j < d; j++)
        idx[j] = j;
    sort_ctx.d = d;
    sort_ctx.key = key;
    qsort(idx, (size_t)d, sizeof *idx, by_key_desc);
}

int cmd_sensitivity(int argc, char **argv)
{
    ecli_options o;
    ecli_options_init(&o, ECLI_DEFAULT_RUNS);
    const char *method = "sobol", *format = "table", *outputs[SENS_MAX_OUTPUTS];
    int noutputs = 0;
    double width = 0.05;
    uint64_t base = 0, max_base = 4096, traj = 20, levels = 4, boot = 1000;
    for (int i = 1; i < argc;) {
        int r;
        const char *v;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = ecli_parse_option("sensitivity", argc, argv, &i, &o)) != 0 ||
                   (r = ecli_parse_report_option("sensitivity", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("sensitivity", argc, argv, &i, "--method", NULL, &v)) !=
                   0) {
            if (r < 0)
                return 2;
            method = v;
        } else if ((r = cli_opt_value("sensitivity", argc, argv, &i, "--format", NULL, &v)) !=
                   0) {
            if (r < 0)
                return 2;
            format = v;
        } else if ((r = cli_opt_value("sensitivity", argc, argv, &i, "--output", NULL, &v)) !=
                   0) {
            if (r < 0)
                return 2;
            if (noutputs == SENS_MAX_OUTPUTS) {
                fprintf(stderr, "brink sensitivity: error: more than %d --output options\n",
                        SENS_MAX_OUTPUTS);
                return 2;
            }
            outputs[noutputs++] = v;
        } else if ((r = cli_opt_value("sensitivity", argc, argv, &i, "--width", NULL, &v)) !=
                   0) {
            if (r < 0)
                return 2;
            if (cli_parse_real(v, 1e-4, 1, &width) != 0) {
                fprintf(stderr, "brink sensitivity: error: --width '%s': expected a number "
                                "from 0.0001 to 1\n", v);
                return 2;
            }
        } else if ((r = cli_opt_u64("sensitivity", argc, argv, &i, "--base", 1, 1 << 20,
                                    &base)) != 0 ||
                   (r = cli_opt_u64("sensitivity", argc, argv, &i, "--max-base", 16, 1 << 20,
                                    &max_base)) != 0 ||
                   (r = cli_opt_u64("sensitivity", argc, argv, &i, "--trajectories", 1, 100000,
                                    &traj)) != 0 ||
                   (r = cli_opt_u64("sensitivity", argc, argv, &i, "--levels", 2, 1000,
                                    &levels)) != 0 ||
                   (r = cli_opt_u64("sensitivity", argc, argv, &i, "--boot", 0,
                                    BRINK_EXPLORE_MAX_BOOT, &boot)) != 0) {
            if (r < 0)
                return 2;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {
                "--help", ECLI_OPTION_NAMES, ECLI_REPORT_OPTION_NAMES, "--resume", "--method", "--format", "--output", "--width",
                "--base", "--max-base", "--trajectories", "--levels", "--boot", NULL};
            cli_unknown_option("sensitivity", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink sensitivity: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    int morris = strcmp(method, "morris") == 0;
    if (!morris && strcmp(method, "sobol") != 0) {
        fprintf(stderr, "brink sensitivity: error: unknown method '%s' (sobol or morris)\n",
                method);
        return 2;
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink sensitivity: error: unknown format '%s' (table or json)\n",
                format);
        return 2;
    }
    /* too few samples for the estimator: refused before anything runs */
    if (!morris && base && base < BRINK_SOBOL_MIN_BASE) {
        fprintf(stderr, "brink sensitivity: error: --base %" PRIu64 ": the Sobol estimators "
                        "need at least %d base samples\n", base, BRINK_SOBOL_MIN_BASE);
        return 2;
    }
    if (morris && traj < BRINK_MORRIS_MIN_TRAJECTORIES) {
        fprintf(stderr, "brink sensitivity: error: --trajectories %" PRIu64 ": the elementary "
                        "effects need at least %d trajectories\n", traj,
                BRINK_MORRIS_MIN_TRAJECTORIES);
        return 2;
    }
    if (morris && levels % 2 != 0) {
        fprintf(stderr, "brink sensitivity: error: --levels %" PRIu64 ": expected an even "
                        "number of levels\n", levels);
        return 2;
    }
    int rc = ecli_report_check("sensitivity", &o);
    if (rc)
        return rc;
    brink_scenario *sc = NULL;
    int policy = 0;
    rc = ecli_open("sensitivity", &o, &sc, &policy);
    if (rc)
        return rc;
    const int d = o.nparam, nout = brink_explore_output_count(&o.out);
    int sel[SENS_MAX_OUTPUTS], nsel = 0;
    if (noutputs == 0) {
        outputs[noutputs++] = "p_deal_within_60";
        outputs[noutputs++] = "p_war_120";
    }
    for (int k = 0; k < noutputs; k++) {
        sel[nsel] = brink_explore_output_index(&o.out, outputs[k]);
        if (sel[nsel++] < 0) {
            fprintf(stderr, "brink sensitivity: error: unknown output '%s' (see brink "
                            "sweep --help; months come from --months)\n", outputs[k]);
            brink_scenario_free(sc);
            return 2;
        }
    }

    brink_error err;
    brink_error_clear(&err);
    const size_t w = morris ? (size_t)(d + 1) : (size_t)(d + 2);
    size_t cap_units = morris ? (size_t)traj : (size_t)(base ? base : max_base);
    double *u = malloc(sizeof(double) * cap_units * w * (size_t)d);
    double *y = malloc(sizeof(double) * cap_units * w * (size_t)nout);
    double *col = malloc(sizeof(double) * cap_units * w);
    brink_sobol_result *sob[SENS_MAX_OUTPUTS] = {0};
    brink_morris_result *mor[SENS_MAX_OUTPUTS] = {0};
    int units = 0, partial = 0;
    if (!u || !y || !col) {
        fprintf(stderr, "brink sensitivity: error: out of memory\n");
        rc = 1;
        goto done;
    }
    sens_progress prog = {&o, 0, 0, "points"};
    brink_explore_config cfg = {o.param, d, policy, o.runs, o.seed, o.threads, o.out,
                                NULL, on_points, &prog, 0};
    cfg.stop = cli_interrupt_begin();
    if (morris) {
        if (brink_morris_design(d, (int)traj, (int)levels, o.seed, u, &err) != BRINK_OK) {
            rc = ecli_fail("sensitivity", &err);
            goto stop;
        }
        int n = (int)(traj * w), done_pts = 0;
        prog.total = (uint64_t)n;
        if (brink_explore_evaluate(sc, &cfg, u, n, 0, y, &done_pts, &err) != BRINK_OK) {
            rc = ecli_fail("sensitivity", &err);
            goto stop;
        }
        units = done_pts / (int)w;
        partial = units < (int)traj;
    } else {
        int target = base ? (int)base : 32;
        for (;;) {
            if (brink_saltelli_design(d, units, target, o.seed, u + (size_t)units * w * (size_t)d,
                                      &err) != BRINK_OK) {
                rc = ecli_fail("sensitivity", &err);
                goto stop;
            }
            int n = (int)((size_t)(target - units) * w), done_pts = 0;
            prog.total = (uint64_t)target * w;
            if (brink_explore_evaluate(sc, &cfg, u + (size_t)units * w * (size_t)d, n,
                                       (int)((size_t)units * w),
                                       y + (size_t)units * w * (size_t)nout, &done_pts,
                                       &err) != BRINK_OK) {
                rc = ecli_fail("sensitivity", &err);
                goto stop;
            }
            units += done_pts / (int)w;
            if (units < target) {
                partial = 1;
                break;
            }
            if (base || target >= (int)max_base)
                break;
            /* the interval width reached? */
            double worst = 0;
            for (int k = 0; k < nsel; k++) {
                brink_sobol_result *s = NULL;
                if (column(y, (size_t)units * w, nout, sel[k], col) != 0 ||
                    brink_sobol_analyse(d, units, col, (int)boot, 0.95, o.seed, &s, &err) !=
                        BRINK_OK) {
                    worst = INFINITY;
                    break;
                }
                worst = fmax(worst, brink_sobol_max_halfwidth(s, 0.05));
                brink_sobol_result_free(s);
            }
            if (worst <= width)
                break;
            target = 2 * target <= (int)max_base ? 2 * target : (int)max_base;
        }
    }
stop:
    cli_interrupt_end();
    ecli_progress_end(&o);
    if (rc)
        goto done;
    if (partial)
        fprintf(stderr, "brink sensitivity: interrupted: %d complete %s; reporting those\n",
                units, morris ? "trajectories" : "base samples");
    for (int k = 0; k < nsel && rc == 0; k++) {
        size_t rows = (size_t)units * w;
        if (column(y, rows, nout, sel[k], col) != 0) {
            fprintf(stderr, "brink sensitivity: error: output '%s' is not defined at every "
                            "point (a median not reached?); choose another with --output\n",
                    outputs[k]);
            rc = 2;
            break;
        }
        brink_status st = morris ? brink_morris_analyse(d, units, u, col, (int)boot, 0.95,
                                                        o.seed, &mor[k], &err)
                                 : brink_sobol_analyse(d, units, col, (int)boot, 0.95, o.seed,
                                                       &sob[k], &err);
        if (st != BRINK_OK)
            rc = ecli_fail("sensitivity", &err);
    }
    if (rc)
        goto done;
    int *idx = malloc(sizeof(int) * (size_t)d);
    if (!idx) {
        rc = 1;
        goto done;
    }
    brink_report_exploration x;
    memset(&x, 0, sizeof x);
    x.kind = morris ? BRINK_REPORT_MORRIS : BRINK_REPORT_SOBOL;
    x.param = o.param;
    x.d = d;
    x.policy = policy;
    x.runs = o.runs;
    x.seed = o.seed;
    x.points = (int)((size_t)units * w);
    x.units = units;
    x.partial = partial;
    x.run_months = cfg.run_months;
    x.design = morris ? "morris" : "saltelli";
    x.noutputs = nsel;
    x.outputs = outputs;
    x.sobol = sob;
    x.morris = mor;
    if (strcmp(format, "json") == 0) {
        /* a failed write leaves stdout in error, reported with its reason
         * when it is closed */
        if (brink_sensitivity_write_json(sc, &x, stdout, &err) != BRINK_OK && !ferror(stdout))
            rc = ecli_fail("sensitivity", &err);
    } else {
        printf("%s sensitivity of %s under %s: %d parameters, %d %s x %zu points, %" PRIu64
               " runs each (seed %" PRIu64 ")%s\n",
               morris ? "Morris" : "Sobol", brink_scenario_name(sc),
               brink_scenario_policy_name(sc, policy), d, units,
               morris ? "trajectories" : "base samples", w, o.runs, o.seed,
               partial ? ", partial" : "");
        printf("%" PRIu64 " run-months simulated\n", cfg.run_months);
        for (int k = 0; k < nsel; k++) {
            printf("\n%s", outputs[k]);
            if (morris) {
                printf(" (mu*: mean absolute change across the whole range; 95%% interval)\n");
                printf("  %-44s %8s %17s %8s %8s\n", "parameter", "mu*", "interval", "mu",
                       "sigma");
                order_by(mor[k]->mu_star, d, idx);
                for (int r = 0; r < d; r++) {
                    int j = idx[r];
                    printf("  %-44s %8.3f  [%6.3f, %6.3f] %8.3f %8.3f\n", o.param[j].path,
                           mor[k]->mu_star[j], mor[k]->mu_star_lo[j], mor[k]->mu_star_hi[j],
                           mor[k]->mu[j], mor[k]->sigma[j]);
                }
            } else {
                printf(" (mean %.3f, variance %.4g; 95%% bootstrap intervals)\n", sob[k]->mean,
                       sob[k]->var);
                printf("  %-44s %8s %17s %8s %17s\n", "parameter", "ST", "interval", "S1",
                       "interval");
                order_by(sob[k]->st, d, idx);
                for (int r = 0; r < d; r++) {
                    int j = idx[r];
                    printf("  %-44s %8.3f  [%6.3f, %6.3f] %8.3f  [%6.3f, %6.3f]\n",
                           o.param[j].path, sob[k]->st[j], sob[k]->st_lo[j], sob[k]->st_hi[j],
                           sob[k]->s1[j], sob[k]->s1_lo[j], sob[k]->s1_hi[j]);
                }
            }
        }
    }
    free(idx);
    if (rc == 0)
        rc = ecli_report_write("sensitivity", &o, sc, &x);
    if (rc == 0 && partial)
        rc = CLI_EXIT_INTERRUPTED;
done:
    for (int k = 0; k < SENS_MAX_OUTPUTS; k++) {
        brink_sobol_result_free(sob[k]);
        brink_morris_result_free(mor[k]);
    }
    free(u);
    free(y);
    free(col);
    brink_scenario_free(sc);
    return rc;
}
