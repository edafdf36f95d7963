/* brink backtest: historical cases against the model's ensembles, scored
 * beside a base-rate forecast; observed series against the fans; and the
 * escalation calibration (--calibration). See docs/validation.md. */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "brink/backtest.h"
#include "brink/brink.h"
#include "brink/calibrate.h"
#include "brink/ensemble.h"
#include "cli/cli.h"
#include "cli/common.h"

#define MAX_CASES 64
#define DEFAULT_RUNS 5000u
#define DEFAULT_WINDOW 12
#define MAX_SETS 64
#define DEFAULT_POINTS BRINK_CALIB_DEFAULT_POINTS
#define DEFAULT_DESIGN_RUNS BRINK_CALIB_DEFAULT_RUNS
#define DEFAULT_WEIGHT BRINK_CALIB_DEFAULT_WEIGHT



static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink backtest [SCENARIO...] [options]\n"
            "\n"
            "Backtests the model on historical cases: each SCENARIO (a built-in name or a\n"
            "YAML file with a `history` section; default: every built-in case with one) is\n"
            "simulated as an ensemble with drawn parameters under the policy the sender\n"
            "followed, over its horizon. Prints the predicted probability of each outcome\n"
            "beside what happened, the Brier score (sum over the seven outcomes of\n"
            "(p - y)^2) and the log score (-ln p(actual), p floored at %g), the same\n"
            "scores of the base rate at the case's horizon (TIES imposed sanctions, war\n"
            "from MID data, regime crises from Archigos; see docs/validation.md) and of\n"
            "the other cases' outcome frequencies, means over cases with bootstrap\n"
            "intervals, a reliability table,\n"
            "and, for each observed series, the share of observations inside the model's\n"
            "50%% and 90%% fans and the median absolute log error of the median path.\n"
            "\n"
            "options:\n"
            "  --runs N           runs per case, 1 to %llu (default %u)\n"
            "  --seed S           random seed (default 1)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "  --format F         table (default) or json\n"
            "  --cross-validate   score each case with the model fitted without it (leave one\n"
            "                     case out; see brink calibrate): outcomes from the calibration\n"
            "                     design reweighted without the case, series with that fit and a\n"
            "                     structural error fitted on the other cases\n"
            "  --points K         cross-validation: first-stage design points (default %u)\n"
            "  --refine K2        cross-validation: second-stage points (default %u)\n"
            "  --design-runs N    cross-validation: runs per case and design point (default %u)\n"
            "  --weight W         cross-validation: cases' worth of each population target\n"
            "                     (default %g; 0 = the cases' outcomes only)\n"
            "  --calibration      instead: incidents and escalation to war under each case's\n"
            "                     policy (default: every built-in case), against the MID and\n"
            "                     ICB war rates\n"
            "  --window M         calibration: months after a first incident in which a war\n"
            "                     counts as the crisis's war (default %d)\n"
            "  --set PATH=VALUE   override a parameter in every scenario (repeatable): a\n"
            "                     sensitivity check of shared behaviour.* values\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input (an unknown scenario, a\n"
            "scenario without a history section, a bad option).\n",
            BRINK_LOG_SCORE_FLOOR, (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS, DEFAULT_RUNS,
            DEFAULT_POINTS, DEFAULT_POINTS, DEFAULT_DESIGN_RUNS, DEFAULT_WEIGHT, DEFAULT_WINDOW);
}

typedef brink_backtest_entry case_entry;

/* Column heads of the seven outcomes. */
static const char *const abbrev[BRINK_OUTCOME_COUNT] = {"deal",  "partial", "stalem", "backs",
                                                        "war",   "crisis",  "revers"};
_Static_assert(BRINK_OUTCOME_COUNT == 7, "one column head per outcome");

static void print_reliability(const brink_backtest_totals *t)
{
    printf("\nReliability: every (case, outcome) pair is a forecast; by forecast bin, the mean\n"
           "forecast beside the share of pairs whose outcome happened\n\n");
    printf("%-11s %18s %18s\n", "", "model", "base rate");
    printf("%-11s %5s %6s %6s %5s %6s %6s\n", "bin", "n", "mean p", "freq", "n", "mean p",
           "freq");
    for (int b = 0; b < BRINK_RELIABILITY_BINS; b++) {
        char bin[24];
        snprintf(bin, sizeof bin, "[%.1f, %.1f%s", b / 10.0, (b + 1) / 10.0,
                 b == BRINK_RELIABILITY_BINS - 1 ? "]" : ")");
        printf("%-11s", bin);
        const brink_reliability *rs[2] = {&t->rel, &t->rel_base};
        for (int k = 0; k < 2; k++) {
            if (rs[k]->n[b])
                printf(" %5d %6.3f %6.3f", rs[k]->n[b], brink_reliability_mean_p(rs[k], b),
                       brink_reliability_freq(rs[k], b));
            else
                printf(" %5d %6s %6s", 0, "-", "-");
        }
        printf("\n");
    }
}

static void print_summary_row(const char *name, const brink_paired_bootstrap *br,
                              const brink_paired_bootstrap *lg, int model)
{
    if (model)
        printf("  %-24s %6.3f [%6.3f, %6.3f]   %6.3f [%6.3f, %6.3f]\n", name, br->mean_a, br->lo_a,
               br->hi_a, lg->mean_a, lg->lo_a, lg->hi_a);
    else
        printf("  %-24s %6.3f [%6.3f, %6.3f]   %6.3f [%6.3f, %6.3f]\n", name, br->mean_b, br->lo_b,
               br->hi_b, lg->mean_b, lg->lo_b, lg->hi_b);
}

static void print_table(const case_entry *e, int n, uint64_t runs, uint64_t seed,
                        const char *mode)
{
    printf("Backtest: %d case%s, %" PRIu64 " runs each (drawn parameters), seed %" PRIu64
           ", the sender's historical policy\n",
           n, n == 1 ? "" : "s", runs, seed);
    printf("%s\n", mode);
    printf("Outcome probabilities of the model, and (second row) of the base rate at the "
           "case's horizon;\nlog score = -ln p(actual), p floored at %g; lower scores are "
           "better\n\n",
           BRINK_LOG_SCORE_FLOOR);
    printf("%-18s %-22s %4s", "case", "actual (month)", "hor.");
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        printf(" %7s", abbrev[k]);
    printf("  %6s %6s  %7s %7s\n", "Brier", "log", "dBrier", "dlog");
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *c = &e[i].c;
        char act[40];
        snprintf(act, sizeof act, "%s (%d)", brink_outcome_name((brink_outcome)c->actual),
                 c->actual_month);
        printf("%-18s %-22s %4u", c->scenario, act, c->horizon);
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            printf(" %7.*f", CLI_PROB_DECIMALS, c->p[k]);
        printf("  %6.3f %6.3f  %+7.3f %+7.3f\n", c->brier, c->log_score,
               c->brier - c->brier_base_rate, c->log_score - c->log_score_base_rate);
        printf("%-18s %-22s %4s", "", "  base rate", "");
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            printf(" %7.*f", CLI_PROB_DECIMALS, c->p_base[k]);
        printf("  %6.3f %6.3f\n", c->brier_base_rate, c->log_score_base_rate);
    }
    printf("\ndBrier, dlog: the case's contribution, model minus base rate (negative: the model "
           "did better)\n\n");
    brink_backtest_totals t;
    if (brink_backtest_totals_compute(e, n, seed, &t, NULL) != BRINK_OK) {
        printf("(no summary: out of memory)\n");
        return;
    }
    if (n > 0) {
        printf("Mean over %d cases, 95%% intervals from %d bootstrap resamples of the cases\n",
               t.n, BRINK_BACKTEST_RESAMPLES);
        printf("  %-24s %-25s %-25s\n", "", "Brier", "log score");
        print_summary_row("model", &t.brier, &t.log, 1);
        print_summary_row("base rate", &t.brier, &t.log, 0);
        print_summary_row("library (leave-one-out)", &t.brier_loo, &t.log_loo, 1);
        printf("  %-24s %+6.3f [%+6.3f, %+6.3f]   %+6.3f [%+6.3f, %+6.3f]\n", "model - base rate",
               t.brier.diff, t.brier.lo_diff, t.brier.hi_diff, t.log.diff, t.log.lo_diff,
               t.log.hi_diff);
        printf("  the model %s the base rate on the Brier score (in %.0f%% of resamples) and "
               "%s it on the log score (in %.0f%%)\n",
               t.brier.diff < 0 ? "beats" : "does not beat", 100 * t.brier.share_a_better,
               t.log.diff < 0 ? "beats" : "does not beat", 100 * t.log.share_a_better);
        print_reliability(&t);
    }

    printf("\nTrajectories: observed series against the model's fans at the observed months\n");
    printf("(fans of the runs still running; error of the median on a log scale)\n\n");
    printf("%-18s %-16s %3s %9s %9s %8s  %s\n", "case", "variable", "n", "in 50%", "in 90%",
           "MdALE", "transform");
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *c = &e[i].c;
        for (int s = 0; s < c->n_series; s++) {
            const brink_backtest_series *bs = &c->series[s];
            if (bs->fan < 0) {
                printf("%-18s %-16s   (no fan for this variable)\n", c->scenario, bs->variable);
                continue;
            }
            if (bs->placeholder) {
                printf("%-18s %-16s %3d   (every observation is 0: not scored)\n", c->scenario,
                       bs->variable, bs->n);
                continue;
            }
            char a[16], b[16];
            snprintf(a, sizeof a, "%d/%d", bs->in50, bs->n);
            snprintf(b, sizeof b, "%d/%d", bs->in90, bs->n);
            printf("%-18s %-16s %3d %9s %9s ", c->scenario, bs->variable, bs->n, a, b);
            if (isfinite(bs->median_abs_log_error))
                printf("%8.3f", bs->median_abs_log_error);
            else
                printf("%8s", "-");
            printf("  %s\n", brink_logerr_name(bs->transform));
        }
    }
    if (t.obs > 0)
        printf("%-18s %-16s %3d %8.0f%% %8.0f%%\n", "all", "", t.obs, 100.0 * t.in50 / t.obs,
               100.0 * t.in90 / t.obs);
    printf("\nPoints (month: observed | q05 q25 q50 q75 q95; inflation in %% a year):\n");
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *c = &e[i].c;
        for (int s = 0; s < c->n_series; s++) {
            const brink_backtest_series *bs = &c->series[s];
            if (bs->fan < 0 || bs->n == 0)
                continue;
            printf("  %s %s\n", c->scenario, bs->variable);
            for (int k = 0; k < bs->n; k++) {
                /* as the other tables print the variable; an exchange
                 * rate's decimals follow its first observation */
                char v[48];
                double scale = bs->observed[0];
                printf("    %3d: %10s |", bs->month[k],
                       cli_format_value(bs->variable, bs->observed[k], scale, v, sizeof v));
                for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
                    printf(" %s", cli_format_value(bs->variable, bs->q[k][j], scale, v, sizeof v));
                printf("%s\n", bs->observed[k] >= bs->q[k][1] && bs->observed[k] <= bs->q[k][3]
                                   ? "   in 50%"
                               : bs->observed[k] >= bs->q[k][0] && bs->observed[k] <= bs->q[k][4]
                                   ? "   in 90%"
                                   : "");
            }
        }
    }
}

/* ---- --calibration ----------------------------------------------------------- */

static double ratio(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : (double)NAN;
}

static int run_calibration(case_entry *e, int n, uint64_t runs, uint64_t seed, int window,
                           int json)
{
    brink_escalation_stats st[MAX_CASES], all;
    memset(&all, 0, sizeof all);
    for (int i = 0; i < n; i++) {
        const brink_history *h = brink_scenario_history(e[i].sc);
        int pol = h && h->present && h->policy >= 0 ? h->policy
                                                    : brink_scenario_default_policy(e[i].sc);
        e[i].c.policy = pol;
        brink_error err;
        brink_error_clear(&err);
        if (brink_escalation_run(e[i].sc, pol, runs, seed, window, &st[i], &err) != BRINK_OK) {
            cli_print_error(&err, NULL);
            return err.code == BRINK_ERR_INPUT ? 2 : 1;
        }
        brink_escalation_merge(&all, &st[i]);
    }
    double z = brink_z_for_level(0.95);
    if (json) {
        const brink_scenario *scs[MAX_CASES];
        int pol[MAX_CASES];
        for (int i = 0; i < n; i++) {
            scs[i] = e[i].sc;
            pol[i] = e[i].c.policy;
        }
        /* a write error on stdout is reported when it is closed */
        brink_error err;
        brink_escalation_write_json(scs, pol, st, n, &all, runs, seed, window, stdout, &err);
        return 0;
    }
    printf("Escalation calibration: %" PRIu64 " runs per case (drawn parameters), seed %" PRIu64
           ", each case under its historical policy (else its default)\n",
           runs, seed);
    printf("An incident ~ a militarized interstate dispute (MID: %.1f%% reach war); a run's "
           "first incident opens a crisis (ICB: %.1f%% reach full-scale war),\nwhose war is "
           "a war within %d months of it. 95%% Wilson intervals.\n\n",
           100 * BRINK_MID_WAR_RATE, 100 * BRINK_ICB_WAR_RATE, window);
    printf("%-18s %-20s %8s %7s %8s %-20s %8s %7s %-20s %6s %6s\n", "case", "policy", "incid.",
           "per yr", "mean p", "P(war|incident)", "crises", "wars", "P(war|crisis)", "strike",
           "P(war)");
    for (int i = 0; i <= n; i++) {
        const brink_escalation_stats *s = i < n ? &st[i] : &all;
        double lo1 = NAN, hi1 = NAN, lo2 = NAN, hi2 = NAN;
        brink_wilson(s->escalations, s->incidents, z, &lo1, &hi1, NULL);
        brink_wilson(s->war_in_window, s->runs_with_incident, z, &lo2, &hi2, NULL);
        char a[40], b[40];
        snprintf(a, sizeof a, "%.3f [%.3f,%.3f]", ratio(s->escalations, s->incidents), lo1, hi1);
        snprintf(b, sizeof b, "%.3f [%.3f,%.3f]", ratio(s->war_in_window, s->runs_with_incident),
                 lo2, hi2);
        printf("%-18s %-20s %8" PRIu64 " %7.3f %8.3f %-20s %8" PRIu64 " %7" PRIu64
               " %-20s %6" PRIu64 " %6.3f\n",
               i < n ? brink_scenario_name(e[i].sc) : "all (pooled)",
               i < n ? brink_scenario_policy_name(e[i].sc, e[i].c.policy) : "",
               s->incidents, 12.0 * ratio(s->incidents, s->run_months),
               s->incidents ? s->sum_p_escalate / (double)s->incidents : (double)NAN, a,
               s->runs_with_incident, s->war_in_window, b, s->preventive, ratio(s->wars, s->runs));
    }
    printf("\nreference: MID %.3f (war | dispute), ICB %.3f (full-scale war | crisis)\n",
           BRINK_MID_WAR_RATE, BRINK_ICB_WAR_RATE);
    return 0;
}

/* ---- main --------------------------------------------------------------------- */

static void free_entries(case_entry *e, int n)
{
    for (int i = 0; i < n; i++)
        brink_scenario_free(e[i].sc);
    free(e);
}

/* Library frequencies (leave one out), then the table or JSON (with cv when
 * cross-validated); frees e. */
static int report(case_entry *e, int n, const brink_backtest_config *cfg, int json,
                  const char *mode, const brink_backtest_cv *cv)
{
    brink_error err;
    brink_error_clear(&err);
    if (brink_backtest_entries_loo(e, n, &err) != BRINK_OK) {
        cli_print_error(&err, NULL);
        free_entries(e, n);
        return 1;
    }
    if (json)
        /* a write error on stdout is reported when it is closed */
        brink_backtest_write_json(e, n, cfg->runs, cfg->seed, mode, cv, stdout, &err);
    else
        print_table(e, n, cfg->runs, cfg->seed, mode);
    free_entries(e, n);
    return 0;
}

typedef struct {
    int on;
    uint32_t points, refine;
    uint64_t design_runs;
    double weight;
} cv_options;

static void cv_progress(uint64_t done, uint64_t total, void *user)
{
    (void)user;
    fprintf(stderr, "\rcalibration design: %llu of %llu case-points", (unsigned long long)done,
            (unsigned long long)total);
    if (done == total)
        fputc('\n', stderr);
}

/* --cross-validate: every case scored by the model fitted without it. */
static int cross_validate(case_entry *e, int n, const brink_backtest_config *cfg,
                          const cv_options *cv, int json)
{
    brink_scenario *cases[MAX_CASES];
    for (int i = 0; i < n; i++)
        cases[i] = e[i].sc;
    brink_calib_config cc = {.points = cv->points,
                             .refine_points = cv->refine,
                             .refine_rounds = BRINK_CALIB_DEFAULT_ROUNDS,
                             .runs = cv->design_runs,
                             .seed = cfg->seed,
                             .threads = cfg->threads,
                             .population_weight = cv->weight,
                             .progress = isatty(STDERR_FILENO) ? cv_progress : NULL};
    brink_calib *cal = NULL;
    brink_error err;
    brink_error_clear(&err);
    brink_backtest_case *ins = calloc((size_t)n, sizeof *ins);
    brink_backtest_case *loo = calloc((size_t)n, sizeof *loo);
    double ess[MAX_CASES];
    brink_status st = ins && loo ? brink_calib_run(cases, n, &cc, &cal, &err) : BRINK_ERR_RUNTIME;
    brink_calib_backtest_config bin = {cfg->runs, cfg->seed, cfg->threads, 0, 0};
    brink_calib_backtest_config bcv = {cfg->runs, cfg->seed, cfg->threads, 1, 1};
    if (st == BRINK_OK)
        st = brink_calib_backtest(cal, cases, &bin, ins, NULL, NULL, &err);
    if (st == BRINK_OK)
        st = brink_calib_backtest(cal, cases, &bcv, loo, ess, NULL, &err);
    if (st != BRINK_OK) {
        if (err.code)
            cli_print_error(&err, NULL);
        else
            fprintf(stderr, "brink backtest: error: out of memory\n");
        brink_calib_free(cal);
        free(ins);
        free(loo);
        free_entries(e, n);
        return st == BRINK_ERR_INPUT ? 2 : 1;
    }
    double ib = 0, il = 0;
    for (int i = 0; i < n; i++) {
        e[i].c = loo[i];
        ib += ins[i].brier / n;
        il += ins[i].log_score / n;
    }
    char mode[512];
    snprintf(mode, sizeof mode,
             "cross-validated (leave one case out): each case is forecast by the model fitted "
             "without it\n(%u design points x %llu runs per case, population weight %g; "
             "in sample the same fit scores Brier %.3f, log %.3f)",
             cv->points, (unsigned long long)cv->design_runs, cv->weight, ib, il);
    brink_backtest_cv cvr = {cv->points, cv->refine, cv->design_runs, cv->weight, ib, il, ess};
    int rc = report(e, n, cfg, json, mode, &cvr);
    brink_calib_free(cal);
    free(ins);
    free(loo);
    return rc;
}

int cmd_backtest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"runs", required_argument, 0, 'r'},   {"seed", required_argument, 0, 's'},
        {"threads", required_argument, 0, 't'}, {"resume", required_argument, 0, OPT_RESUME}, {"format", required_argument, 0, 'f'},
        {"calibration", no_argument, 0, 'c'},  {"window", required_argument, 0, 'w'},
        {"set", required_argument, 0, 'S'},    {"help", no_argument, 0, 'h'},
        {"cross-validate", no_argument, 0, 'x'}, {"points", required_argument, 0, 'P'},
        {"design-runs", required_argument, 0, 'D'}, {"weight", required_argument, 0, 'W'},
        {"refine", required_argument, 0, 'F'},
        {0, 0, 0, 0}};
    cv_options cv = {0, DEFAULT_POINTS, DEFAULT_POINTS, DEFAULT_DESIGN_RUNS, DEFAULT_WEIGHT};
    char *sets[MAX_SETS];
    int nsets = 0;
    brink_backtest_config cfg = {DEFAULT_RUNS, 1, 0, 0.95};
    const char *format = "table";
    int calibration = 0, window = DEFAULT_WINDOW;
    const char *resume = NULL;
    optind = 1;
    int c;
    while ((c = cli_getopt("backtest", argc, argv, "h", opts)) != -1) {
        uint64_t v;
        switch (c) {
        case 'r':
            if (cli_parse_u64(optarg, 1, BRINK_ENSEMBLE_MAX_RUNS, &v) != 0) {
                fprintf(stderr, "brink backtest: error: --runs: '%s' is not an integer in [1, %llu]\n",
                        optarg, (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS);
                return 2;
            }
            cfg.runs = v;
            break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &v) != 0) {
                fprintf(stderr, "brink backtest: error: --seed: '%s' is not a non-negative integer\n",
                        optarg);
                return 2;
            }
            cfg.seed = v;
            break;
        case 't':
            if (cli_parse_u64(optarg, 0, BRINK_ENSEMBLE_MAX_THREADS, &v) != 0) {
                fprintf(stderr,
                        "brink backtest: error: --threads: '%s' is not an integer in [0, %d] "
                        "(0 = every core)\n",
                        optarg, BRINK_ENSEMBLE_MAX_THREADS);
                return 2;
            }
            cfg.threads = (int)v;
            break;
        case 'w':
            if (cli_parse_u64(optarg, 1, 600, &v) != 0) {
                fprintf(stderr, "brink backtest: error: --window: '%s' is not an integer in [1, 600]\n",
                        optarg);
                return 2;
            }
            window = (int)v;
            break;
        case 'S':
            if (nsets >= MAX_SETS) {
                fprintf(stderr, "brink backtest: error: too many --set options (at most %d)\n",
                        MAX_SETS);
                return 2;
            }
            sets[nsets++] = optarg;
            break;
        case 'x': cv.on = 1; break;
        case 'P':
            if (cli_parse_u64(optarg, 2, BRINK_CALIB_MAX_POINTS, &v) != 0) {
                fprintf(stderr, "brink backtest: error: --points: '%s' is not an integer in [2, %u]\n",
                        optarg, BRINK_CALIB_MAX_POINTS);
                return 2;
            }
            cv.points = (uint32_t)v;
            break;
        case 'F':
            if (cli_parse_u64(optarg, 0, BRINK_CALIB_MAX_POINTS, &v) != 0) {
                fprintf(stderr, "brink backtest: error: --refine: '%s' is not an integer in [0, %u]\n",
                        optarg, BRINK_CALIB_MAX_POINTS);
                return 2;
            }
            cv.refine = (uint32_t)v;
            break;
        case 'D':
            if (cli_parse_u64(optarg, 1, 1000000, &v) != 0) {
                fprintf(stderr,
                        "brink backtest: error: --design-runs: '%s' is not an integer in [1, 1000000]\n",
                        optarg);
                return 2;
            }
            cv.design_runs = v;
            break;
        case 'W':
            if (cli_parse_real(optarg, 0, 1000, &cv.weight) != 0) {
                fprintf(stderr, "brink backtest: error: --weight: '%s' is not a number in [0, 1000]\n",
                        optarg);
                return 2;
            }
            break;
        case 'f': format = optarg; break;
        case 'c': calibration = 1; break;
        case OPT_RESUME: resume = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return 2; /* cli_getopt said why */
        }
    }
    int resume_rc = cli_resume("backtest", resume);
    if (resume_rc != 0)
        return resume_rc;
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink backtest: error: --format: '%s' is not one of table, json\n", format);
        return 2;
    }
    int json = strcmp(format, "json") == 0;

    case_entry *e = calloc(MAX_CASES, sizeof *e);
    if (!e) {
        fprintf(stderr, "brink backtest: error: out of memory\n");
        return 1;
    }
    int n = 0;
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            if (n >= MAX_CASES) {
                fprintf(stderr, "brink backtest: error: at most %d scenarios\n", MAX_CASES);
                free_entries(e, n);
                return 2;
            }
            brink_scenario *sc = cli_load_scenario(argv[i], sets, nsets);
            if (!sc) {
                free_entries(e, n);
                return cli_last_status();
            }
            e[n].file = argv[i];
            e[n++].sc = sc;
            const brink_history *h = brink_scenario_history(sc);
            if (!calibration && (!h || !h->present)) {
                fprintf(stderr,
                        "brink backtest: error: %s: no history section (history.outcome, "
                        "outcome_month, policy, observed); a backtest needs what actually "
                        "happened\n",
                        argv[i]);
                free_entries(e, n);
                return 2;
            }
        }
    } else {
        for (int i = 0; brink_builtin_name(i) && n < MAX_CASES; i++) {
            brink_scenario *sc = cli_load_scenario(brink_builtin_name(i), sets, nsets);
            if (!sc) {
                free_entries(e, n);
                return cli_last_status();
            }
            const brink_history *h = brink_scenario_history(sc);
            if (!calibration && (!h || !h->present)) {
                brink_scenario_free(sc);
                continue;
            }
            e[n].file = brink_builtin_name(i);
            e[n++].sc = sc;
        }
    }
    if (calibration) {
        int rc = run_calibration(e, n, cfg.runs, cfg.seed, window, json);
        free_entries(e, n);
        return rc;
    }
    if (cv.on)
        return cross_validate(e, n, &cfg, &cv, json);
    for (int i = 0; i < n; i++) {
        brink_error err;
        brink_error_clear(&err);
        if (brink_backtest_case_run(e[i].sc, &cfg, &e[i].c, &err) != BRINK_OK) {
            cli_print_error(&err, NULL);
            free_entries(e, n);
            return err.code == BRINK_ERR_INPUT ? 2 : 1;
        }
    }
    const char *mode = "in sample: the shared behavioural parameters take their fitted "
                       "distributions, fitted on these cases (see --cross-validate)";
    return report(e, n, &cfg, json, mode, NULL);
}
