/* Shared by sweep, sensitivity, discover and robust: the explored
 * parameters, the outputs, and progress on a terminal. */
#ifndef BRINK_CLI_EXPLORE_CLI_H
#define BRINK_CLI_EXPLORE_CLI_H

#include <stdint.h>

#include "brink/explore.h"
#include "brink/report.h"

#define ECLI_MAX_PARAMS BRINK_EXPLORE_MAX_DIM

/* The options every exploring command takes. */
typedef struct {
    const char *spec;        /* SCENARIO */
    char *sets[256];
    int nsets;
    const char *policy;
    brink_explore_param param[ECLI_MAX_PARAMS];
    const char *param_arg[ECLI_MAX_PARAMS]; /* as given, for messages */
    int nparam;
    uint64_t runs, seed;
    int threads;
    brink_explore_outputs out;
    int quiet;
    const char *resume;      /* --resume DIR (not sweep's) */
    const char *report_path; /* --report FILE (sensitivity, discover, robust) */
    const char *date;        /* --date, or BRINK_REPORT_DATE */
} ecli_options;

/* Runs of the ensemble at each point, unless --runs says otherwise. */
#define ECLI_DEFAULT_RUNS 200u

void ecli_options_init(ecli_options *o, uint64_t runs);

/* Parses one of the shared options at argv[*i]: --param PATH=LO:HI[:N],
 * --set, --policy, --runs, --seed, --threads, --months M[,M...], --quiet,
 * --resume DIR (but for sweep, whose --resume is its own).
 * 1 when it was one, 0 for another argument, -1 after a message (exit 2). */
int ecli_parse_option(const char *cmd, int argc, char **argv, int *i, ecli_options *o);
#define ECLI_OPTION_NAMES                                                                   \
    "--param", "--set", "--policy", "--runs", "--seed", "--threads", "--months", "--quiet"

/* The help text of the shared options. */
extern const char ecli_options_help[];

/* --report FILE and --date YYYY-MM-DD, for the commands that write an HTML
 * briefing of their results: as ecli_parse_option. */
int ecli_parse_report_option(const char *cmd, int argc, char **argv, int *i, ecli_options *o);
#define ECLI_REPORT_OPTION_NAMES "--report", "--date"
extern const char ecli_report_help[];

/* Before anything runs: --date only with --report, the date valid, and the
 * report's path writable. 0, or the exit code after a message. */
int ecli_report_check(const char *cmd, ecli_options *o);

/* Writes the briefing of exploration x to --report's file, if given (and
 * says so unless --quiet). 0, or the exit code after a message. */
int ecli_report_write(const char *cmd, const ecli_options *o, const brink_scenario *sc,
                      const brink_report_exploration *x);

/* Loads the scenario, resolves the policy and the parameters (the given
 * ones, checked, or else every uncertain parameter of the scenario). Returns
 * 0, or the exit code after a message. *sc and *policy on success. */
int ecli_open(const char *cmd, ecli_options *o, brink_scenario **sc, int *policy);

/* Progress on stderr when it is a terminal (and not --quiet): "cmd: what
 * done/total". ecli_progress_end ends the line. */
void ecli_progress(const ecli_options *o, const char *cmd, const char *what, uint64_t done,
                   uint64_t total);
void ecli_progress_end(const ecli_options *o);

/* x in the fewest significant digits (15 to 17) that read back exactly.
 * Returns buf. */
const char *ecli_real(double x, char *buf, size_t size);

/* Prints a library error for `cmd`, and returns its exit code. */
int ecli_fail(const char *cmd, const brink_error *err);

#endif
