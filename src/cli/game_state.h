/* Options and set-up shared by the commands that analyse a game at a state
 * of a run (brink game --scenario, brink tioli, brink zopa): the scenario,
 * its overrides, the policy, the month and the seed. */
#ifndef BRINK_CLI_GAME_STATE_H
#define BRINK_CLI_GAME_STATE_H

#include <stdint.h>

#include "brink/brink.h"
#include "brink/analysis_game.h"
#include "brink/engine.h"

#define GS_MAX_SETS 256

typedef struct {
    const char *spec;      /* scenario name or file; NULL = default case */
    const char *policy;    /* NULL = the scenario's default */
    int month;             /* state month, >= 0 */
    uint64_t seed;
    char *sets[GS_MAX_SETS];
    int nsets;
    const char *format;    /* "table" or "json" */
    int given;             /* any of these options was given */
} gs_options;

void gs_options_init(gs_options *o);

/* When argv[*i] is --policy, --month, --seed, --set or --format (with its
 * value), stores it, advances *i past it and returns 1; returns 0 for any
 * other argument; prints a message naming `cmd` and returns -1 for a bad or
 * missing value. */
int gs_parse_option(const char *cmd, int argc, char **argv, int *i, gs_options *o);

/* The names of those options, for the did-you-mean of an unknown one. */
#define GS_OPTION_NAMES "--policy", "--month", "--seed", "--set", "--format"

/* Non-negative integer; -1 when `text` is not one. */
long gs_parse_count(const char *text, long max);

typedef struct {
    brink_scenario *sc;
    brink_sim *sim;
    int policy;
    int month;          /* reached: less than asked when the run ended first */
} gs_state;

/* Loads the scenario with its overrides, checks the policy and the month
 * (at most the horizon), and steps a point-value run to the month. Returns
 * 0, or the exit code after printing the problem. */
int gs_open(const char *cmd, const gs_options *o, gs_state *s);
void gs_close(gs_state *s);

/* One line on stdout/stderr when the run ended before the month asked. */
void gs_note_early(FILE *out, const gs_options *o, const gs_state *s);

/* Prints the header lines of a table. */
void gs_print_header(FILE *out, const char *title, const gs_options *o, const gs_state *s);

/* Where the analysis looks, for the library's JSON writers. */
brink_game_state gs_game_state(const gs_options *o, const gs_state *s);

/* The exit code of a JSON writer's status (1, with a message, on failure). */
int gs_json_done(brink_status st);

#endif
