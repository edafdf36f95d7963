/* Shared by the subcommands: printing errors with their source line,
 * loading a scenario with its overrides, and option parsing. */
#ifndef BRINK_CLI_COMMON_H
#define BRINK_CLI_COMMON_H

#include <getopt.h>
#include <stdatomic.h>
#include <stdint.h>

#include <jansson.h>

#include "brink/brink.h"

/* Prints each error to stderr (file:line:column, path, message, the source
 * line with a caret, hint). The source text is read again from the file, or
 * taken from the built-in scenario for "<builtin:NAME>". */
void cli_print_errors(const brink_error_list *errs);

/* Prints one error; `source` is the text it refers to (or NULL to look it
 * up as cli_print_errors does). */
void cli_print_error(const brink_error *err, const char *source);

/* Loads SPEC (built-in name or path; NULL = default case) and applies the
 * overrides in order. On any problem prints it and returns NULL: the caller
 * exits with 2 (or 1 for an I/O failure, see cli_last_status). */
brink_scenario *cli_load_scenario(const char *spec, char **sets, int nsets);

/* Exit code for the last failure of cli_load_scenario (2 bad input, 1 I/O). */
int cli_last_status(void);

/* --resume DIR (NULL: none): snapshots of the command's ensembles go to DIR
 * and a rerun continues from them (brink/parallel.h); BRINK_SNAPSHOT_SECONDS
 * sets the interval between snapshots (0: after every block). Returns 0, or
 * exit code 2 after saying why. */
int cli_resume(const char *cmd, const char *dir);

/* Index of policy `name` in sc; prints "unknown policy" with the list of
 * policies and returns -1 when there is none. NULL means the default. */
int cli_policy_index(const brink_scenario *sc, const char *name);

/* Option with a value, given as "--opt value" or "--opt=value" (short "-o"
 * forms take the next argument). When argv[*i] is that option, stores the
 * value, advances *i past what it used and returns 1; returns 0 when argv[*i]
 * is another argument; returns -1 (after a message naming `cmd`) when the
 * value is missing. */
int cli_opt_value(const char *cmd, int argc, char **argv, int *i, const char *name,
                  const char *short_name, const char **value);

/* cli_opt_value for an integer option in [lo, hi] (read by cli_parse_u64):
 * 1 when argv[*i] was it and *out holds its value, 0 for another argument,
 * -1 after a message naming `cmd` and the range (missing or bad value). */
int cli_opt_u64(const char *cmd, int argc, char **argv, int *i, const char *name, uint64_t lo,
                uint64_t hi, uint64_t *out);

/* The date of a report: `given` (--date) if not NULL, else the environment
 * variable BRINK_REPORT_DATE if set, else NULL (today). Prints a message
 * naming `cmd` and returns -1 when the date is not YYYY-MM-DD. */
int cli_report_date(const char *cmd, const char *given, const char **date);

/* Checks that an output file can be created at `path` (by creating and
 * removing its temporary file), so a long computation does not end in a
 * write failure. Returns 0, or the exit code (1, or 2 for a path that may not
 * be replaced) after a message naming `cmd`. */
int cli_check_writable(const char *cmd, const char *path);

/* The same for an output set of the files `names` in directory `dir`. */
int cli_check_writable_dir(const char *cmd, const char *dir, const char *const *names);

/* Writes `root` as indented JSON to `path`, atomically. */
brink_status cli_write_json_file(json_t *root, const char *path, brink_error *err);

/* Exit code when Ctrl-C stopped a long computation and the partial results
 * were reported (128 + SIGINT, as a shell reports it). */
#define CLI_EXIT_INTERRUPTED 130

/* Ctrl-C during a long computation: the first sets the returned flag (the
 * library stops at its next chunk and returns partial results); a second
 * ends the program at once. cli_interrupt_end restores the usual handling. */
atomic_int *cli_interrupt_begin(void);
void cli_interrupt_end(void);

/* The getopt value of --resume DIR (no short form), in the commands that
 * take it through getopt_long directly. */
#define OPT_RESUME 1000

/* The longest horizon --months accepts (simulation.horizon_months). */
#define CLI_MAX_MONTHS 600

/* Parses a decimal integer in [lo, hi] (no sign, no spaces, nothing after
 * it) into *out; returns 0, or -1 when it is not one. Every integer option
 * is read with it, so all accept and refuse the same spellings. */
int cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* Parses a decimal number in [lo, hi] (strtod's forms, but no leading
 * space or '+', as for the integers, and nothing after it) into *out;
 * returns 0, or -1 when it is not one. */
int cli_parse_real(const char *s, double lo, double hi, double *out);

/* getopt_long for subcommand `cmd` (opterr is set to 0: the messages are
 * these). On an unknown option, an ambiguous abbreviation, a missing value
 * or a value given to an option that takes none, prints the problem to
 * stderr - with a did-you-mean for a misspelled long option ("unknown option
 * '--rnus'; did you mean '--runs'?") - and a pointer to `brink CMD --help`,
 * and returns '?': the caller exits with 2. Otherwise returns what
 * getopt_long returns. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts);

/* For the commands that read their options by hand: prints "unknown option
 * 'ARG'" with a did-you-mean among `names` (the long options, "--name", up
 * to a NULL) and the pointer to `brink CMD --help`. */
void cli_unknown_option(const char *cmd, const char *arg, const char *const *names);

/* "Run 'brink CMD --help' for its options." on stderr (the list of commands
 * for a NULL cmd). */
void cli_help_pointer(const char *cmd);

/* Numbers in the text tables, the same in every command: money in USD bn
 * with CLI_MONEY_DECIMALS decimals, probabilities with CLI_PROB_DECIMALS,
 * shares (0 to 1) with 2, oil in mbpd with 2, months with 1 (a mean),
 * inflation in percent a year with 1. Never an exponent ("1.2e6"). JSON and
 * CSV output keeps full precision. */
#define CLI_MONEY_DECIMALS 1
#define CLI_PROB_DECIMALS 3

/* The decimals of the quantity `name` (a variable or cost name such as
 * "reserves_usd_bn", "exports_mbpd", "months_below_breakeven", "fx_rate",
 * "programme_end"): per the rules above; an exchange rate gets 0 when
 * `scale` (its typical size) is 100 or more, else 2. */
int cli_decimals(const char *name, double scale);

/* The value of `name` as the tables show it: its decimals, and inflation
 * (a yearly rate) as percent. Returns buf. */
const char *cli_format_value(const char *name, double x, double scale, char *buf, size_t size);

/* 1 when arg is "--help" or "-h". */
int cli_is_help(const char *arg);

#endif
