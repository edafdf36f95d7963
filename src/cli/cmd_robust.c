/* brink robust: robust decision-making across sampled futures: each policy's
 * outcome in each future, its regret, minimax regret, the share of futures
 * meeting a threshold, and (PRIM) the futures where each policy fails. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/explore.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/explore_cli.h"
#include "cli/explore_cond.h"

#define ROBUST_MAX_POLICIES 16

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink robust [SCENARIO] [--policies P1,P2,...] [--output NAME]\n"
            "                    [--goal max|min] [--threshold T] [--points N] [options]\n"
            "\n"
            "Robust decision-making: samples futures (a Latin hypercube over the\n"
            "uncertain parameters of SCENARIO, default iran-2025), runs an ensemble of\n"
            "every policy in every future on common random numbers, and reports for\n"
            "each policy its mean outcome, its regret (the gap to the best policy in\n"
            "that future: mean and maximum), the share of futures where it meets the\n"
            "threshold, the minimax-regret policy, and, found by PRIM, the futures\n"
            "where each policy fails the threshold. See docs/exploration.md.\n"
            "\n"
            "options:\n"
            "  --policies LIST    policies to compare (default: all of the scenario's)\n"
            "  --output NAME      the outcome (default p_deal_within_60; as brink sweep,\n"
            "                     or P(war,60), P(deal within 60))\n"
            "  --goal G           max or min: whether more is better (default: max for\n"
            "                     a deal, min for anything else)\n"
            "  --threshold T      a policy meets it with at least (max) or at most (min)\n"
            "                     T (default 0.5)\n"
            "  --points N         futures, 10 to 100000 (default 100)\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "%s%s"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input.\n",
            ecli_report_help, ecli_options_help);
}

typedef struct {
    const ecli_options *o;
    uint64_t before, total;
} rob_progress;

static int on_points(int first, int count, const double *x, const double *y, void *user)
{
    (void)x;
    (void)y;
    rob_progress *p = user;
    ecli_progress(p->o, "robust", "ensembles", p->before + (uint64_t)(first + count), p->total);
    return 0;
}

int cmd_robust(int argc, char **argv)
{
    ecli_options o;
    ecli_options_init(&o, ECLI_DEFAULT_RUNS);
    const char *policies = NULL, *output = "p_deal_within_60", *goal = NULL;
    double threshold = 0.5;
    uint64_t points = 100;
    for (int i = 1; i < argc;) {
        int r;
        const char *v;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = ecli_parse_option("robust", argc, argv, &i, &o)) != 0 ||
                   (r = ecli_parse_report_option("robust", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("robust", argc, argv, &i, "--policies", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            policies = v;
        } else if ((r = cli_opt_value("robust", argc, argv, &i, "--output", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            output = v;
        } else if ((r = cli_opt_value("robust", argc, argv, &i, "--goal", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            goal = v;
        } else if ((r = cli_opt_value("robust", argc, argv, &i, "--threshold", NULL, &v)) != 0) {
            if (r < 0 || cli_parse_real(v, -1e12, 1e12, &threshold) != 0) {
                if (r > 0)
                    fprintf(stderr, "brink robust: error: --threshold '%s': expected a "
                                    "number\n", v);
                return 2;
            }
        } else if ((r = cli_opt_u64("robust", argc, argv, &i, "--points", 10, 100000,
                                    &points)) != 0) {
            if (r < 0)
                return 2;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", ECLI_OPTION_NAMES, ECLI_REPORT_OPTION_NAMES, "--resume", "--policies",
                                                "--output", "--goal", "--threshold",
                                                "--points", NULL};
            cli_unknown_option("robust", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink robust: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    econd_term t;
    if (econd_parse_term("robust", output, &t) != 0)
        return 2;
    if (t.is_number || t.policy[0]) {
        fprintf(stderr, "brink robust: error: --output '%s': an output without @POLICY\n",
                output);
        return 2;
    }
    econd_term *terms[1] = {&t};
    if (econd_resolve("robust", terms, 1, &o.out) != 0)
        return 2;
    int maximise;
    if (!goal)
        maximise = strstr(t.output, "deal") && !strstr(t.output, "deal_reversed");
    else if (strcmp(goal, "max") == 0 || strcmp(goal, "min") == 0)
        maximise = strcmp(goal, "max") == 0;
    else {
        fprintf(stderr, "brink robust: error: --goal '%s': max or min\n", goal);
        return 2;
    }
    int rc = ecli_report_check("robust", &o);
    if (rc)
        return rc;
    brink_scenario *sc = NULL;
    int def_policy = 0;
    rc = ecli_open("robust", &o, &sc, &def_policy);
    if (rc)
        return rc;
    int pol[ROBUST_MAX_POLICIES], np = 0;
    if (policies) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", policies);
        for (char *s = buf; s && rc == 0;) {
            char *c = strchr(s, ',');
            if (c)
                *c = '\0';
            int p = cli_policy_index(sc, s);
            if (p < 0 || np == ROBUST_MAX_POLICIES) {
                if (p >= 0)
                    fprintf(stderr, "brink robust: error: more than %d policies\n",
                            ROBUST_MAX_POLICIES);
                rc = 2;
            } else {
                pol[np++] = p;
            }
            s = c ? c + 1 : NULL;
        }
    } else {
        for (int p = 0; p < brink_scenario_policy_count(sc) && np < ROBUST_MAX_POLICIES; p++)
            pol[np++] = p;
    }
    if (rc == 0 && np < 2) {
        fprintf(stderr, "brink robust: error: at least two policies to compare\n");
        rc = 2;
    }
    if (rc) {
        brink_scenario_free(sc);
        return rc;
    }
    const int d = o.nparam, n = (int)points, nout = brink_explore_output_count(&o.out);
    brink_error err;
    brink_error_clear(&err);
    double *u = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *x = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *y = malloc(sizeof(double) * (size_t)n * (size_t)nout);
    double *val = malloc(sizeof(double) * (size_t)n * (size_t)np);
    unsigned char *fail = malloc((size_t)n);
    brink_robust_result *res = NULL;
    brink_prim_result *fails[ROBUST_MAX_POLICIES] = {0};
    if (!u || !x || !y || !val || !fail) {
        fprintf(stderr, "brink robust: error: out of memory\n");
        rc = 1;
        goto done;
    }
    if (brink_explore_design(BRINK_DESIGN_LHS, o.param, d, n, o.seed, 0, n, u, &err) !=
        BRINK_OK) {
        rc = ecli_fail("robust", &err);
        goto done;
    }
    rob_progress prog = {&o, 0, (uint64_t)n * (uint64_t)np};
    brink_explore_config cfg = {o.param, d, 0, o.runs, o.seed, o.threads, o.out,
                                NULL, on_points, &prog, 0};
    cfg.stop = cli_interrupt_begin();
    int complete = n;
    for (int s = 0; s < np && rc == 0; s++) {
        int done_pts = 0;
        cfg.policy = pol[s];
        prog.before = (uint64_t)s * (uint64_t)n;
        if (brink_explore_evaluate(sc, &cfg, u, complete, 0, y, &done_pts, &err) != BRINK_OK) {
            rc = ecli_fail("robust", &err);
            break;
        }
        complete = done_pts;
        for (int i = 0; i < complete; i++)
            val[(size_t)i * (size_t)np + (size_t)s] = y[(size_t)i * (size_t)nout + (size_t)t.index];
    }
    int stopped = atomic_load(cfg.stop);
    cli_interrupt_end();
    ecli_progress_end(&o);
    if (rc)
        goto done;
    if (complete < 10) {
        fprintf(stderr, "brink robust: interrupted before 10 futures were complete\n");
        rc = stopped ? CLI_EXIT_INTERRUPTED : 1;
        goto done;
    }
    if (brink_robust_analyse(complete, np, val, maximise, threshold, &res, &err) != BRINK_OK) {
        rc = ecli_fail("robust", &err);
        goto done;
    }
    for (int i = 0; i < complete; i++)
        brink_explore_point(o.param, d, u + (size_t)i * (size_t)d, x + (size_t)i * (size_t)d);
    printf("Robustness on %s: %s (%s is better), threshold %g\n", brink_scenario_name(sc),
           t.output, maximise ? "more" : "less", threshold);
    printf("%d futures (Latin hypercube over %d parameters), %" PRIu64 " runs per policy and "
           "future (seed %" PRIu64 ")%s\n\n",
           complete, d, o.runs, o.seed, complete < n ? ", partial" : "");
    printf("  %-24s %8s %12s %11s %14s\n", "policy", "mean", "mean regret", "max regret",
           "meets (share)");
    for (int s = 0; s < np; s++)
        printf("  %-24s %8.3f %12.3f %11.3f %14.2f%s\n", brink_scenario_policy_name(sc, pol[s]),
               res->mean[s], res->mean_regret[s], res->max_regret[s], res->share_meets[s],
               s == res->minimax ? "  minimax regret" : "");
    printf("\nMinimax regret: %s (its worst gap to the best policy in any future: %.3f).\n",
           brink_scenario_policy_name(sc, pol[res->minimax]), res->max_regret[res->minimax]);
    printf("Meets the threshold most often: %s (%.0f%% of futures).\n",
           brink_scenario_policy_name(sc, pol[res->most_satisficing]),
           100 * res->share_meets[res->most_satisficing]);
    brink_prim_config pc;
    brink_prim_config_init(&pc);
    for (int s = 0; s < np; s++) {
        int nf = 0;
        for (int i = 0; i < complete; i++) {
            double v = val[(size_t)i * (size_t)np + (size_t)s];
            fail[i] = (unsigned char)!(maximise ? v >= threshold : v <= threshold);
            nf += fail[i];
        }
        printf("\n%s fails the threshold in %d of %d futures", brink_scenario_policy_name(sc, pol[s]),
               nf, complete);
        if (nf == 0 || nf == complete) {
            printf(".\n");
            continue;
        }
        if (brink_prim_run(complete, d, x, fail, &pc, &fails[s], &err) != BRINK_OK) {
            printf(".\n");
            rc = ecli_fail("robust", &err);
            goto done;
        }
        const brink_prim_result *p = fails[s];
        printf("; most (%.0f%% of them, at a density of %.0f%%) where:\n", 100 * p->box.coverage,
               100 * p->box.density);
        int any = 0;
        for (int j = 0; j < d; j++) {
            if (!p->box.restricted[j])
                continue;
            any = 1;
            printf("  %s in [%.4g, %.4g] (sampled %.4g to %.4g), p = %.2g\n", o.param[j].path,
                   p->box.lo[j], p->box.hi[j], o.param[j].lo, o.param[j].hi, p->p_value[j]);
        }
        if (!any)
            printf("  (no parameter limits them significantly)\n");
    }
    if (rc == 0) {
        brink_report_exploration rx;
        memset(&rx, 0, sizeof rx);
        rx.kind = BRINK_REPORT_ROBUST;
        rx.param = o.param;
        rx.d = d;
        rx.policy = def_policy;
        rx.runs = o.runs;
        rx.seed = o.seed;
        rx.points = complete;
        rx.partial = complete < n;
        rx.run_months = cfg.run_months;
        rx.design = "lhs";
        rx.x = x;
        rx.output = t.output;
        rx.policies = pol;
        rx.robust = res;
        rx.fails = fails;
        rc = ecli_report_write("robust", &o, sc, &rx);
    }
    if (rc == 0 && complete < n && stopped)
        rc = CLI_EXIT_INTERRUPTED;
done:
    for (int s = 0; s < ROBUST_MAX_POLICIES; s++)
        brink_prim_result_free(fails[s]);
    brink_robust_result_free(res);
    free(u);
    free(x);
    free(y);
    free(val);
    free(fail);
    brink_scenario_free(sc);
    return rc;
}
