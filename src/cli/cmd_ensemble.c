/* brink ensemble: many runs of one policy with drawn parameters, summarised. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "brink/ensemble.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/ensemble_cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink ensemble [SCENARIO] [options]\n"
            "\n"
            "Simulates N runs of SCENARIO (a built-in name or a YAML file; default\n"
            "iran-2025) under one policy, every uncertain parameter drawn from its\n"
            "distribution (run r uses the random streams of (seed, r)), and summarises\n"
            "them: outcome probabilities with 95%% Wilson intervals, time to the first\n"
            "deal, quantile fans of key state variables, and the distribution of costs.\n"
            "Results are identical for any number of threads.\n"
            "\n"
            "options:\n"
            "  --policy P         policy to follow (default: the scenario's)\n"
            "  --runs N           number of runs, 1 to %llu (default %u)\n"
            "  --seed S           random seed (default 1)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --months M         horizon in months (same as --set simulation.horizon_months=M)\n"
            "  --set PATH=VALUE   override a parameter (repeatable)\n"
            "  --out DIR          write summary.json, outcomes.csv, outcomes_by_month.csv,\n"
            "                     fans.csv, survival.csv and costs.csv to DIR\n"
            "  --format F         table (default) or json (the summary on stdout)\n"
            "  --report FILE      also write an HTML report of these results (docs/reports.md)\n"
            "  --date YYYY-MM-DD  the report's date (default: today or $BRINK_REPORT_DATE)\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "  -q, --quiet        no progress line (it is shown only when stderr is a terminal)\n"
            "  -h, --help         this text\n"
            "\n"
            "Ctrl-C stops after the runs in progress; the completed runs are reported and\n"
            "written, marked partial. Exit status: 0 done, %d interrupted (partial results\n"
            "written), 1 runtime failure, 2 bad input. See docs/ensembles.md.\n",
            (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS, ENS_DEFAULT_RUNS, ENS_EXIT_INTERRUPTED);
}

/* A probability in `width` characters, then its interval. */
static void print_prob(FILE *out, int width, double p, double lo, double hi)
{
    if (isnan(p))
        fprintf(out, "%*s  %-16s", width, "-", "");
    else
        fprintf(out, "%*.*f  [%.*f, %.*f]", width, CLI_PROB_DECIMALS, p, CLI_PROB_DECIMALS, lo,
                CLI_PROB_DECIMALS, hi);
}

static void print_month(FILE *out, int m)
{
    if (m == BRINK_KM_NOT_REACHED)
        fprintf(out, "not reached");
    else
        fprintf(out, "%d", m);
}

/* Median time and probability by 2, 5, 10 years of a KM accumulator. */
static void print_time(FILE *out, const char *title, const brink_km *km, double z,
                       brink_km_result *kr)
{
    brink_km_estimate(km, 0.95, kr, NULL);
    fprintf(out, "%s\n  median months: ", title);
    print_month(out, kr->median);
    fprintf(out, "  (95%% interval ");
    print_month(out, kr->median_lo);
    fprintf(out, " to ");
    print_month(out, kr->median_hi);
    fprintf(out, "; Kaplan-Meier, war and crisis censor)\n");
    static const int years[3] = {2, 5, 10};
    for (int i = 0; i < 3; i++) {
        uint32_t m = (uint32_t)(12 * years[i]);
        if (m > km->horizon)
            continue;
        uint64_t x = brink_ensemble_events_by(km, m);
        double lo, hi;
        brink_wilson(x, km->n, z, &lo, &hi, NULL);
        fprintf(out, "  P(by %2d years): ", years[i]);
        print_prob(out, 5, brink_proportion(x, km->n), lo, hi);
        fputc('\n', out);
    }
}

static void print_table(FILE *out, const brink_scenario *sc, const brink_ensemble_result *r)
{
    const brink_ensemble_policy *p = &r->pol[0];
    double z = brink_z_for_level(0.95);
    ens_print_header(out, sc, r, "brink ensemble");
    fprintf(out, "policy: %s\n\n", brink_scenario_policy_name(sc, r->policies[0]));

    fprintf(out, "%-23s%11s  %-16s  %8s\n", "Outcomes", "probability", "[95% interval]", "runs");
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        double pr, lo, hi;
        brink_categorical_interval(&p->outcomes, (uint32_t)o, z, &pr, &lo, &hi, NULL);
        fprintf(out, "  %-20s ", brink_outcome_name((brink_outcome)o));
        print_prob(out, 11, pr, lo, hi);
        fprintf(out, "  %8" PRIu64 "\n", p->outcomes.count[o]);
    }
    fputc('\n', out);

    brink_km_result *kr = malloc(sizeof *kr);
    if (kr) {
        print_time(out, "Time to the first comprehensive deal", &p->km_deal, z, kr);
        print_time(out, "Time to the first agreement (any accepted offer or step)",
                   &p->km_agreement, z, kr);
        free(kr);
    }
    fputc('\n', out);

    /* each column as wide as its widest cell */
    static const int years[4] = {1, 2, 5, 10};
    int ny = 0;
    for (int i = 0; i < 4; i++)
        if ((uint32_t)(12 * years[i]) <= r->horizon)
            ny = i + 1;
    char cells[BRINK_FAN_COUNT + 1][4][80];
    int width[4] = {0, 0, 0, 0};
    for (int v = 0; v <= BRINK_FAN_COUNT; v++) {
        for (int i = 0; i < ny; i++) {
            char *cell = cells[v][i];
            if (v == BRINK_FAN_COUNT) { /* the runs still running */
                const brink_hist *h = brink_fan_cell_const(&p->fan, 0,
                                                           (uint32_t)(12 * years[i] - 1));
                snprintf(cell, sizeof cells[v][i], "%" PRIu64, h->moments.n);
            } else {
                const brink_hist *h = brink_fan_cell_const(&p->fan, (uint32_t)v,
                                                           (uint32_t)(12 * years[i] - 1));
                const char *name = brink_fan_var_name((brink_fan_var)v);
                /* the exchange rate's decimals follow its size in the first year */
                const brink_hist *h0 = brink_fan_cell_const(&p->fan, (uint32_t)v, 11);
                double scale = brink_hist_quantile(h0, 0.5, NULL);
                char a[32], b[32], c[32];
                if (h->moments.n)
                    snprintf(cell, sizeof cells[v][i], "%s [%s, %s]",
                             cli_format_value(name, brink_hist_quantile(h, 0.5, NULL), scale, a,
                                              sizeof a),
                             cli_format_value(name, brink_hist_quantile(h, 0.05, NULL), scale, b,
                                              sizeof b),
                             cli_format_value(name, brink_hist_quantile(h, 0.95, NULL), scale, c,
                                              sizeof c));
                else
                    snprintf(cell, sizeof cells[v][i], "-");
            }
            int len = (int)strlen(cell);
            if (len > width[i])
                width[i] = len;
        }
    }
    fprintf(out, "State of the runs still running: median [5%%, 95%%]; inflation in %% a year\n"
                 "  %-16s", "variable");
    for (int i = 0; i < ny; i++) {
        char h[32];
        snprintf(h, sizeof h, "year %d", years[i]);
        fprintf(out, "  %-*s", i + 1 < ny ? width[i] : 0, h);
    }
    fputc('\n', out);
    for (int v = 0; v <= BRINK_FAN_COUNT; v++) {
        fprintf(out, "  %-16s",
                v == BRINK_FAN_COUNT ? "(runs running)" : brink_fan_var_name((brink_fan_var)v));
        for (int i = 0; i < ny; i++)
            fprintf(out, "  %-*s", i + 1 < ny ? width[i] : 0, cells[v][i]);
        fputc('\n', out);
    }
    fputc('\n', out);

    fprintf(out, "Costs per run             %10s %10s %10s %10s %10s\n", "mean", "sd", "5%",
            "50%", "95%");
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        const brink_hist *h = &p->cost[c];
        const char *name = brink_cost_name((brink_cost)c);
        double x[5] = {brink_moments_mean(&h->moments), brink_moments_sd(&h->moments),
                       brink_hist_quantile(h, 0.05, NULL), brink_hist_quantile(h, 0.5, NULL),
                       brink_hist_quantile(h, 0.95, NULL)};
        fprintf(out, "  %-23s", name);
        for (int k = 0; k < 5; k++) {
            char buf[32];
            fprintf(out, " %10s", cli_format_value(name, x[k], 0, buf, sizeof buf));
        }
        fputc('\n', out);
    }
}

int cmd_ensemble(int argc, char **argv)
{
    return ens_main("ensemble", argc, argv, usage, print_table);
}
