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

/* Reference figures of docs/validation.md. */
#define MID_WAR_RATE 0.044 /* GML MID 2.1.1: disputes reaching hostility level 5 */
#define ICB_WAR_RATE 0.212 /* ICB v14: crises with full-scale war (viol = 4) */

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

static json_t *jnum(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

static json_t *outcome_map(const double *p)
{
    json_t *o = json_object();
    for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
        json_object_set_new(o, brink_outcome_name((brink_outcome)k), jnum(p[k]));
    return o;
}

static const char *transform_name(brink_logerr t)
{
    return t == BRINK_LOGERR_LOG1P ? "ln(1 + x)" : "ln(x)";
}

typedef struct {
    const char *file; /* as given (or the built-in name) */
    brink_scenario *sc;
    brink_backtest_case c;
    double loo[BRINK_OUTCOME_COUNT];
    double brier_loo, log_loo;
} case_entry;

#define BOOT_RESAMPLES 2000

/* Scores over cases: model and library frequencies against the base rate,
 * with paired bootstrap intervals; fan coverage; reliability. */
typedef struct {
    int n;
    brink_paired_bootstrap brier, log, brier_loo, log_loo;
    int obs, in50, in90;
    brink_reliability rel, rel_base;
} totals;

static int sum_totals(const case_entry *e, int n, uint64_t seed, totals *t)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    brink_reliability_clear(&t->rel);
    brink_reliability_clear(&t->rel_base);
    double *col = calloc(6 * (size_t)(n > 0 ? n : 1), sizeof *col);
    if (!col)
        return -1;
    double *mb = col, *ml = col + n, *bb = col + 2 * n, *bl = col + 3 * n, *lb = col + 4 * n,
           *ll = col + 5 * n;
    for (int i = 0; i < n; i++) {
        mb[i] = e[i].c.brier;
        ml[i] = e[i].c.log_score;
        bb[i] = e[i].c.brier_base_rate;
        bl[i] = e[i].c.log_score_base_rate;
        lb[i] = e[i].brier_loo;
        ll[i] = e[i].log_loo;
        brink_reliability_add(&t->rel, e[i].c.p, BRINK_OUTCOME_COUNT, e[i].c.actual);
        brink_reliability_add(&t->rel_base, e[i].c.p_base, BRINK_OUTCOME_COUNT, e[i].c.actual);
        for (int s = 0; s < e[i].c.n_series; s++) {
            const brink_backtest_series *bs = &e[i].c.series[s];
            if (bs->fan < 0 || bs->placeholder)
                continue;
            t->obs += bs->n;
            t->in50 += bs->in50;
            t->in90 += bs->in90;
        }
    }
    int rc = 0;
    if (n > 0) {
        brink_error err;
        rc |= brink_paired_bootstrap_run(mb, bb, n, BOOT_RESAMPLES, seed, 0.95, &t->brier, &err);
        rc |= brink_paired_bootstrap_run(ml, bl, n, BOOT_RESAMPLES, seed, 0.95, &t->log, &err);
        rc |= brink_paired_bootstrap_run(lb, bb, n, BOOT_RESAMPLES, seed, 0.95, &t->brier_loo,
                                         &err);
        rc |= brink_paired_bootstrap_run(ll, bl, n, BOOT_RESAMPLES, seed, 0.95, &t->log_loo, &err);
    }
    free(col);
    return rc ? -1 : 0;
}

/* Column heads of the seven outcomes. */
static const char *const abbrev[BRINK_OUTCOME_COUNT] = {"deal",  "partial", "stalem", "backs",
                                                        "war",   "crisis",  "revers"};
_Static_assert(BRINK_OUTCOME_COUNT == 7, "one column head per outcome");

static void print_reliability(const totals *t)
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
    totals t;
    if (sum_totals(e, n, seed, &t) != 0) {
        printf("(no summary: out of memory)\n");
        return;
    }
    if (n > 0) {
        printf("Mean over %d cases, 95%% intervals from %d bootstrap resamples of the cases\n",
               t.n, BOOT_RESAMPLES);
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
            printf("  %s\n", transform_name(bs->transform));
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

static json_t *boot_json(const brink_paired_bootstrap *b)
{
    json_t *o = json_object();
    json_object_set_new(o, "model", jnum(b->mean_a));
    json_object_set_new(o, "model_ci", json_pack("[o,o]", jnum(b->lo_a), jnum(b->hi_a)));
    json_object_set_new(o, "base_rate", jnum(b->mean_b));
    json_object_set_new(o, "base_rate_ci", json_pack("[o,o]", jnum(b->lo_b), jnum(b->hi_b)));
    json_object_set_new(o, "difference", jnum(b->diff));
    json_object_set_new(o, "difference_ci",
                        json_pack("[o,o]", jnum(b->lo_diff), jnum(b->hi_diff)));
    json_object_set_new(o, "share_resamples_model_better", jnum(b->share_a_better));
    return o;
}

static json_t *reliability_json(const brink_reliability *r)
{
    json_t *a = json_array();
    for (int b = 0; b < BRINK_RELIABILITY_BINS; b++) {
        json_t *o = json_object();
        json_object_set_new(o, "lower", json_real(b / 10.0));
        json_object_set_new(o, "upper", json_real((b + 1) / 10.0));
        json_object_set_new(o, "n", json_integer(r->n[b]));
        json_object_set_new(o, "mean_p", jnum(brink_reliability_mean_p(r, b)));
        json_object_set_new(o, "observed", jnum(brink_reliability_freq(r, b)));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *to_json(const case_entry *e, int n, uint64_t runs, uint64_t seed,
                       const char *mode)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string("backtest"));
    json_object_set_new(root, "mode", json_string(mode));
    json_object_set_new(root, "runs", json_integer((json_int_t)runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)seed));
    json_object_set_new(root, "level", json_real(0.95));
    json_object_set_new(root, "log_score_floor", json_real(BRINK_LOG_SCORE_FLOOR));
    json_t *br = json_object();
    json_object_set_new(br, "source",
                        json_string("TIES v4.1 imposed sanctions, war from the GML MID data, "
                                    "regime crisis from Archigos; cumulative incidence at each "
                                    "case's horizon, episodes still going counted as stalemate; "
                                    "one pseudo-episode per outcome (docs/validation.md)"));
    json_object_set_new(br, "episodes", json_integer(brink_base_rate_size()));
    json_object_set_new(root, "base_rate", br);

    json_t *cases = json_array();
    json_t *traj = json_array();
    for (int i = 0; i < n; i++) {
        const brink_backtest_case *c = &e[i].c;
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(e[i].file));
        json_object_set_new(o, "scenario", json_string(c->scenario));
        json_object_set_new(o, "policy",
                            json_string(brink_scenario_policy_name(e[i].sc, c->policy)));
        json_object_set_new(o, "horizon_months", json_integer(c->horizon));
        json_object_set_new(o, "runs", json_integer((json_int_t)c->runs));
        json_object_set_new(o, "actual", json_string(brink_outcome_name((brink_outcome)c->actual)));
        json_object_set_new(o, "actual_month", json_integer(c->actual_month));
        json_object_set_new(o, "actual_date", json_string(c->actual_date));
        json_object_set_new(o, "predicted", outcome_map(c->p));
        json_t *ci = json_object();
        for (int k = 0; k < BRINK_OUTCOME_COUNT; k++)
            json_object_set_new(ci, brink_outcome_name((brink_outcome)k),
                                json_pack("[o,o]", jnum(c->lo[k]), jnum(c->hi[k])));
        json_object_set_new(o, "ci", ci);
        json_object_set_new(o, "base_rate", outcome_map(c->p_base));
        json_object_set_new(o, "brier", jnum(c->brier));
        json_object_set_new(o, "log_score", jnum(c->log_score));
        json_object_set_new(o, "brier_base_rate", jnum(c->brier_base_rate));
        json_object_set_new(o, "log_score_base_rate", jnum(c->log_score_base_rate));
        json_object_set_new(o, "brier_loo", jnum(e[i].brier_loo));
        json_object_set_new(o, "log_score_loo", jnum(e[i].log_loo));
        json_array_append_new(cases, o);

        for (int s = 0; s < c->n_series; s++) {
            const brink_backtest_series *bs = &c->series[s];
            json_t *t = json_object();
            json_object_set_new(t, "file", json_string(e[i].file));
            json_object_set_new(t, "scenario", json_string(c->scenario));
            json_object_set_new(t, "variable", json_string(bs->variable));
            json_object_set_new(t, "fanned", json_boolean(bs->fan >= 0));
            json_object_set_new(t, "scored", json_boolean(bs->fan >= 0 && !bs->placeholder));
            json_object_set_new(t, "n", json_integer(bs->n));
            json_object_set_new(t, "in50", json_integer(bs->in50));
            json_object_set_new(t, "in90", json_integer(bs->in90));
            json_object_set_new(t, "share_in50", bs->n ? json_real((double)bs->in50 / bs->n)
                                                       : json_null());
            json_object_set_new(t, "share_in90", bs->n ? json_real((double)bs->in90 / bs->n)
                                                       : json_null());
            json_object_set_new(t, "median_abs_log_error", jnum(bs->median_abs_log_error));
            json_object_set_new(t, "log_error_points", json_integer(bs->n_log));
            json_object_set_new(t, "transform", json_string(transform_name(bs->transform)));
            json_t *pts = json_array();
            static const char *const qn[BRINK_BACKTEST_QUANTILES] = {"q05", "q25", "q50", "q75",
                                                                      "q95"};
            for (int k = 0; k < bs->n; k++) {
                json_t *p = json_object();
                json_object_set_new(p, "month", json_integer(bs->month[k]));
                json_object_set_new(p, "observed", jnum(bs->observed[k]));
                for (int j = 0; j < BRINK_BACKTEST_QUANTILES; j++)
                    json_object_set_new(p, qn[j], jnum(bs->q[k][j]));
                json_object_set_new(p, "n", json_integer((json_int_t)bs->running[k]));
                json_array_append_new(pts, p);
            }
            json_object_set_new(t, "points", pts);
            json_array_append_new(traj, t);
        }
    }
    json_object_set_new(root, "cases", cases);
    totals t;
    if (sum_totals(e, n, seed, &t) == 0 && n > 0) {
        json_object_set_new(root, "brier_model", jnum(t.brier.mean_a));
        json_object_set_new(root, "brier_base_rate", jnum(t.brier.mean_b));
        json_object_set_new(root, "log_score_model", jnum(t.log.mean_a));
        json_object_set_new(root, "log_score_base_rate", jnum(t.log.mean_b));
        json_object_set_new(root, "brier_loo", jnum(t.brier_loo.mean_a));
        json_object_set_new(root, "log_score_loo", jnum(t.log_loo.mean_a));
        json_t *bo = json_object();
        json_object_set_new(bo, "resamples", json_integer(BOOT_RESAMPLES));
        json_object_set_new(bo, "brier", boot_json(&t.brier));
        json_object_set_new(bo, "log_score", boot_json(&t.log));
        json_object_set_new(bo, "brier_library_loo", boot_json(&t.brier_loo));
        json_object_set_new(bo, "log_score_library_loo", boot_json(&t.log_loo));
        json_object_set_new(root, "bootstrap", bo);
        json_t *rel = json_object();
        json_object_set_new(rel, "model", reliability_json(&t.rel));
        json_object_set_new(rel, "base_rate", reliability_json(&t.rel_base));
        json_object_set_new(root, "reliability", rel);
    }
    json_object_set_new(root, "trajectories", traj);
    json_t *cov = json_object();
    json_object_set_new(cov, "n", json_integer(t.obs));
    json_object_set_new(cov, "in50", json_integer(t.in50));
    json_object_set_new(cov, "in90", json_integer(t.in90));
    json_object_set_new(cov, "share_in50", t.obs ? json_real((double)t.in50 / t.obs) : json_null());
    json_object_set_new(cov, "share_in90", t.obs ? json_real((double)t.in90 / t.obs) : json_null());
    json_object_set_new(root, "coverage", cov);
    return root;
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
        json_t *root = json_object();
        json_object_set_new(root, "program", json_string("brink"));
        json_object_set_new(root, "version", json_string(brink_version()));
        json_object_set_new(root, "command", json_string("backtest --calibration"));
        json_object_set_new(root, "runs", json_integer((json_int_t)runs));
        json_object_set_new(root, "seed", json_integer((json_int_t)seed));
        json_object_set_new(root, "window_months", json_integer(window));
        json_object_set_new(root, "mid_war_rate", json_real(MID_WAR_RATE));
        json_object_set_new(root, "icb_war_rate", json_real(ICB_WAR_RATE));
        json_t *arr = json_array();
        for (int i = 0; i <= n; i++) {
            const brink_escalation_stats *s = i < n ? &st[i] : &all;
            json_t *o = json_object();
            json_object_set_new(o, "scenario",
                                json_string(i < n ? brink_scenario_name(e[i].sc) : "all"));
            if (i < n)
                json_object_set_new(o, "policy", json_string(brink_scenario_policy_name(
                                                     e[i].sc, e[i].c.policy)));
            json_object_set_new(o, "runs", json_integer((json_int_t)s->runs));
            json_object_set_new(o, "incidents", json_integer((json_int_t)s->incidents));
            json_object_set_new(o, "incidents_per_year",
                                jnum(12.0 * ratio(s->incidents, s->run_months)));
            json_object_set_new(o, "escalations", json_integer((json_int_t)s->escalations));
            json_object_set_new(o, "p_war_given_incident", jnum(ratio(s->escalations, s->incidents)));
            json_object_set_new(o, "mean_p_escalate",
                                jnum(s->incidents ? s->sum_p_escalate / (double)s->incidents : (double)NAN));
            json_object_set_new(o, "runs_with_incident",
                                json_integer((json_int_t)s->runs_with_incident));
            json_object_set_new(o, "p_war_in_window_given_incident",
                                jnum(ratio(s->war_in_window, s->runs_with_incident)));
            json_object_set_new(o, "preventive_strikes", json_integer((json_int_t)s->preventive));
            json_object_set_new(o, "p_war", jnum(ratio(s->wars, s->runs)));
            json_array_append_new(arr, o);
        }
        json_object_set_new(root, "cases", arr);
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        fputc('\n', stdout);
        json_decref(root);
        return 0;
    }
    printf("Escalation calibration: %" PRIu64 " runs per case (drawn parameters), seed %" PRIu64
           ", each case under its historical policy (else its default)\n",
           runs, seed);
    printf("An incident ~ a militarized interstate dispute (MID: %.1f%% reach war); a run's "
           "first incident opens a crisis (ICB: %.1f%% reach full-scale war),\nwhose war is "
           "a war within %d months of it. 95%% Wilson intervals.\n\n",
           100 * MID_WAR_RATE, 100 * ICB_WAR_RATE, window);
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
           MID_WAR_RATE, ICB_WAR_RATE);
    return 0;
}

/* ---- main --------------------------------------------------------------------- */

static void free_entries(case_entry *e, int n)
{
    for (int i = 0; i < n; i++)
        brink_scenario_free(e[i].sc);
    free(e);
}

/* Library frequencies (leave one out), then the table or JSON; frees e. */
static int report(case_entry *e, int n, const brink_backtest_config *cfg, int json,
                  const char *mode, json_t *extra)
{
    int actual[MAX_CASES];
    for (int i = 0; i < n; i++)
        actual[i] = e[i].c.actual;
    for (int i = 0; i < n; i++) {
        brink_backtest_loo(actual, n, i, e[i].loo);
        e[i].brier_loo = brink_brier_score(e[i].loo, BRINK_OUTCOME_COUNT, e[i].c.actual);
        e[i].log_loo = brink_log_score(e[i].loo, e[i].c.actual, BRINK_LOG_SCORE_FLOOR);
    }
    if (json) {
        json_t *root = to_json(e, n, cfg->runs, cfg->seed, mode);
        if (extra)
            json_object_update(root, extra);
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        fputc('\n', stdout);
        json_decref(root);
    } else {
        print_table(e, n, cfg->runs, cfg->seed, mode);
    }
    json_decref(extra);
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
    json_t *extra = json_object();
    json_t *cvj = json_object();
    json_object_set_new(cvj, "method", json_string("leave one case out"));
    json_object_set_new(cvj, "design_points", json_integer(cv->points));
    json_object_set_new(cvj, "refine_points", json_integer(cv->refine));
    json_object_set_new(cvj, "design_runs", json_integer((json_int_t)cv->design_runs));
    json_object_set_new(cvj, "population_weight", json_real(cv->weight));
    json_object_set_new(cvj, "in_sample_brier", jnum(ib));
    json_object_set_new(cvj, "in_sample_log_score", jnum(il));
    json_t *ej = json_object();
    for (int i = 0; i < n; i++)
        json_object_set_new(ej, e[i].c.scenario, jnum(ess[i]));
    json_object_set_new(cvj, "effective_design_points", ej);
    json_object_set_new(extra, "cross_validation", cvj);
    brink_calib_free(cal);
    free(ins);
    free(loo);
    return report(e, n, cfg, json, mode, extra);
}

int cmd_backtest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"runs", required_argument, 0, 'r'},   {"seed", required_argument, 0, 's'},
        {"threads", required_argument, 0, 't'}, {"format", required_argument, 0, 'f'},
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
        case 'h': usage(stdout); return 0;
        default: return 2; /* cli_getopt said why */
        }
    }
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
