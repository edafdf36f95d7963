/* brink report: an ensemble of every policy, written as one HTML briefing. */
#include <stdio.h>
#include <string.h>

#include "brink/brink.h"
#include "brink/ensemble.h"
#include "brink/report.h"
#include "cli/cli.h"
#include "cli/ensemble_cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink report [SCENARIO] [options]\n"
            "\n"
            "Simulates N runs of SCENARIO (a built-in name or a YAML file; default\n"
            "iran-2025) under each policy on the same draws, as brink compare does, and\n"
            "writes one self-contained HTML file (charts and data inline; it opens\n"
            "offline): key findings, outcome probabilities over time, time to a deal,\n"
            "quantile fans of key states, the policy comparison with paired differences,\n"
            "the events of a typical run, the no-win matrix and the zone of possible\n"
            "agreement at month %d, the scenario's parameters and the provenance.\n"
            "\n"
            "options:\n"
            "  --policies LIST    comma-separated policies; the first is the baseline\n"
            "                     (default: every policy of the scenario, its default first)\n"
            "  --runs N           runs per policy, 1 to %llu (default %u)\n"
            "  --seed S           random seed (default 1)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --months M         horizon in months (same as --set simulation.horizon_months=M)\n"
            "  --set PATH=VALUE   override a parameter (repeatable)\n"
            "  -o, --out FILE     the report's path (default report.html)\n"
            "  --date YYYY-MM-DD  the date printed in the report (default: today, or the\n"
            "                     environment variable BRINK_REPORT_DATE); the only part of\n"
            "                     the file that is not a function of the inputs\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "  -q, --quiet        no progress line (it is shown only when stderr is a terminal)\n"
            "  -h, --help         this text\n"
            "\n"
            "The file is written atomically and is identical for any number of threads.\n"
            "Exit status: 0 done, %d interrupted (a report of the completed runs, marked\n"
            "partial, is written), 1 runtime failure (e.g. the file cannot be written),\n"
            "2 bad input. See docs/reports.md.\n",
            BRINK_REPORT_GAME_MONTH, (unsigned long long)BRINK_ENSEMBLE_MAX_RUNS,
            ENS_REPORT_DEFAULT_RUNS, ENS_EXIT_INTERRUPTED);
}

int cmd_report(int argc, char **argv)
{
    return ens_main("report", argc, argv, usage, NULL);
}
