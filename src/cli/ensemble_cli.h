/* Shared by `brink ensemble`, `brink compare` and `brink report`: options,
 * the progress line, Ctrl-C, running the ensemble and writing the report. */
#ifndef BRINK_CLI_ENSEMBLE_CLI_H
#define BRINK_CLI_ENSEMBLE_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "brink/brink.h"
#include "brink/ensemble.h"

#define ENS_MAX_SETS 256
#define ENS_DEFAULT_RUNS 10000u
#define ENS_REPORT_DEFAULT_RUNS 20000u

/* Exit code when Ctrl-C stopped the ensemble and the partial results were
 * written (CLI_EXIT_INTERRUPTED). */
#define ENS_EXIT_INTERRUPTED 130

typedef struct {
    const char *cmd;          /* "ensemble", "compare" or "report" */
    const char *spec;         /* scenario; NULL = default */
    const char *policies;     /* --policy or --policies (comma-separated) */
    uint64_t runs, seed;
    int threads;
    char *sets[ENS_MAX_SETS];
    int nsets;
    char months_set[64];
    const char *out_dir;
    const char *report_path;  /* --report FILE (brink report: -o FILE) */
    const char *date;         /* the report's date (--date or BRINK_REPORT_DATE) */
    const char *resume;       /* --resume DIR: snapshots to write and resume from */
    int json;
    int quiet;
} ens_options;

/* Parses argv (argv[0] = the command). Returns 0 to go on, or an exit code
 * + 1 (so 1 = exit 0 after --help, 3 = exit 2 for a usage error). */
int ens_parse(ens_options *o, int argc, char **argv, void (*usage)(FILE *));

/* Loads the scenario and the policies, runs the ensemble (with the progress
 * line and Ctrl-C handling), writes --out files and the --report file. On success returns 0 and sets
 * *sc and *res; otherwise returns the exit code (1 or 2) after printing the
 * problem. */
int ens_execute(ens_options *o, brink_scenario **sc, brink_ensemble_result **res);

/* Exit code for a finished (0) or interrupted (ENS_EXIT_INTERRUPTED) run. */
int ens_exit_code(const brink_ensemble_result *res);

/* A command's terminal table of the result. */
typedef void (*ens_table_fn)(FILE *out, const brink_scenario *sc,
                             const brink_ensemble_result *res);

/* The whole command: parse, execute, then print the result (the table, or
 * JSON with --format json; paired differences for "compare"), or, with no
 * table (report), say where the report went; exit code; clean up. */
int ens_main(const char *cmd, int argc, char **argv, void (*usage)(FILE *), ens_table_fn table);

/* Common header lines of the tables. */
void ens_print_header(FILE *out, const brink_scenario *sc, const brink_ensemble_result *r,
                      const char *title);

#endif
