/* brink compare: several policies over the same runs (common random numbers). */
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
            "usage: brink compare [SCENARIO] --policies A,B[,C...] [options]\n"
            "\n"
            "Simulates the same N runs of SCENARIO under each policy: run r draws the\n"
            "same parameters and shocks under every policy (common random numbers), so\n"
            "differences are paired. Reports each policy's outcome probabilities with\n"
            "95%% Wilson intervals, the paired difference against the first policy (the\n"
            "baseline) with a 95%% Newcombe interval, the median time to a deal, and\n"
            "paired differences of mean costs. Identical for any number of threads.\n"
            "\n"
            "options:\n"
            "  --policies LIST    comma-separated policies, 2 to %d; the first is the baseline\n"
            "  --runs N           runs per policy, 1 to %llu (default %u)\n"
            "  --seed S           random seed (default 1)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --months M         horizon in months (same as --set simulation.horizon_months=M)\n"
            "  --set PATH=VALUE   override a parameter (repeatable)\n"
            "  --out DIR          write summary.json, comparison.csv, cost_comparison.csv and\n"
            "                     the per-policy CSV files of 'brink ensemble' to DIR\n"
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
            BRINK_ENSEMBLE_MAX_POLICIES, (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS,
            ENS_DEFAULT_RUNS, ENS_EXIT_INTERRUPTED);
}

static const char *month_text(int m, char *buf, size_t size)
{
    if (m == BRINK_KM_NOT_REACHED)
        snprintf(buf, size, "n.r.");
    else
        snprintf(buf, size, "%d", m);
    return buf;
}

static void print_table(FILE *out, const brink_scenario *sc, const brink_ensemble_result *r)
{
    double z = brink_z_for_level(0.95);
    ens_print_header(out, sc, r, "brink compare");
    fprintf(out, "baseline: %s; differences are policy - baseline on the same runs\n\n",
            brink_scenario_policy_name(sc, r->policies[0]));

    fprintf(out, "%-47s%-23s%s\n", "outcome / policy", "probability [95%]",
            "difference [95% paired]");
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
        fprintf(out, "%s\n", brink_outcome_name((brink_outcome)o));
        for (int k = 0; k < r->npolicies; k++) {
            double p, lo, hi;
            brink_categorical_interval(&r->pol[k].outcomes, (uint32_t)o, z, &p, &lo, &hi, NULL);
            fprintf(out, "  %-44s %5.3f [%.3f, %.3f]  ",
                    brink_scenario_policy_name(sc, r->policies[k]), p, lo, hi);
            if (k == 0) {
                fprintf(out, "(baseline)\n");
                continue;
            }
            brink_paired_diff d;
            brink_paired_prop_diff(&r->pair[k].outcome[o], 0.95, &d, NULL);
            fprintf(out, "%+.3f [%+.3f, %+.3f]\n", d.diff, d.lo, d.hi);
        }
    }
    fputc('\n', out);

    brink_km_result *kr = malloc(sizeof *kr);
    if (kr) {
        fprintf(out, "Time to the first comprehensive deal (months; n.r. = not reached)\n");
        fprintf(out, "  %-30s %-20s %-22s %-22s %s\n", "policy", "median [95%]",
                "P(deal by 2 years)", "by 5 years", "by 10 years");
        for (int k = 0; k < r->npolicies; k++) {
            const brink_km *km = &r->pol[k].km_deal;
            brink_km_estimate(km, 0.95, kr, NULL);
            char med[48], m0[12], m1[12], m2[12];
            snprintf(med, sizeof med, "%s [%s, %s]", month_text(kr->median, m0, sizeof m0),
                     month_text(kr->median_lo, m1, sizeof m1),
                     month_text(kr->median_hi, m2, sizeof m2));
            fprintf(out, "  %-30s %-20s", brink_scenario_policy_name(sc, r->policies[k]), med);
            static const int years[3] = {2, 5, 10};
            for (int i = 0; i < 3; i++) {
                uint32_t m = (uint32_t)(12 * years[i]);
                if (m > km->horizon)
                    continue;
                uint64_t x = brink_ensemble_events_by(km, m);
                double lo, hi;
                brink_wilson(x, km->n, z, &lo, &hi, NULL);
                char cell[48];
                snprintf(cell, sizeof cell, "%.3f [%.3f, %.3f]", brink_proportion(x, km->n), lo,
                         hi);
                fprintf(out, " %-22s", cell);
            }
            fputc('\n', out);
        }
        free(kr);
    }
    fputc('\n', out);

    fprintf(out, "Costs per run: mean; paired difference from the baseline [95%%]\n");
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        const char *name = brink_cost_name((brink_cost)c);
        int dec = cli_decimals(name, 0);
        fprintf(out, "%s\n", name);
        for (int k = 0; k < r->npolicies; k++) {
            fprintf(out, "  %-44s %10.*f  ", brink_scenario_policy_name(sc, r->policies[k]), dec,
                    brink_moments_mean(&r->pol[k].cost[c].moments));
            if (k == 0) {
                fprintf(out, "(baseline)\n");
                continue;
            }
            double d, lo, hi;
            brink_paired_mean_diff(&r->pair[k].cost[c], 0.95, &d, &lo, &hi, NULL);
            fprintf(out, "%+.*f [%+.*f, %+.*f]\n", dec, d, dec, lo, dec, hi);
        }
    }
}

int cmd_compare(int argc, char **argv)
{
    return ens_main("compare", argc, argv, usage, print_table);
}
