#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "brink/brink.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/libm.h"
#include "cli/mpi.h"
#include "core/atomic_file.h"
#include "core/text.h"

static const cli_command commands[] = {
    {"run", cmd_run, "simulate one trajectory and tell its story"},
    {"ensemble", cmd_ensemble, "simulate many runs with drawn parameters and summarise them"},
    {"compare", cmd_compare, "compare policies over the same runs (common random numbers)"},
    {"report", cmd_report, "write an HTML briefing: charts, comparison, a typical run, the game"},
    {"show", cmd_show, "print a scenario fully resolved, as YAML"},
    {"scenarios", cmd_scenarios, "list the built-in scenarios"},
    {"params", cmd_params, "list every parameter with unit, range, default and source"},
    {"claims", cmd_claims, "check the seed's claims with paired experiments"},
    {"backtest", cmd_backtest, "score the model on historical cases against a base rate"},
    {"calibrate", cmd_calibrate, "fit the shared behavioural parameters to the historical cases"},
    {"game", cmd_game, "all Nash equilibria of a two-player game; the no-win matrix"},
    {"tioli", cmd_tioli, "the sender's optimal take-it-or-leave-it offer under its belief"},
    {"zopa", cmd_zopa, "the zone of possible agreement, bundled and issue by issue"},
    {"sweep", cmd_sweep, "ensembles over a design of parameter values, as tidy CSV"},
    {"sensitivity", cmd_sensitivity, "Morris screening and Sobol indices of an output"},
    {"discover", cmd_discover, "scenario discovery: where a condition holds (PRIM)"},
    {"robust", cmd_robust, "robust policies: regret across sampled futures, and where each fails"},
#ifdef BRINK_HAVE_SERVE
    {"serve", cmd_serve, "a local web lab: move the levers, the ensemble re-runs live"},
#endif
};

static void usage(FILE *out)
{
    fprintf(out, "usage: brink <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'brink <command> --help' or 'brink help <command>' describes a command's\n"
                 "options. 'brink --version' prints the version and which variants of\n"
                 "glibc's maths functions the program runs: those without FMA, so that\n"
                 "results are the same to the bit on every x86-64 processor, unless\n"
                 "GLIBC_TUNABLES sets glibc.cpu.hwcaps (docs/ensembles.md).\n"
                 "Models coercive diplomacy; see docs/model.md.\n");
}

/* A signal that ends the program: temporary output files go first, then the
 * signal takes its default course (so the exit status tells it). */
static void on_fatal_signal(int sig)
{
    brink_atomic_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_cleanup(void)
{
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        /* a signal ignored by whoever started us stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

/* Standard output is flushed and closed here, so that a write error (a full
 * disk, /dev/full) is reported and fails the command instead of being lost:
 * exit code 1. A standard output closed from the start is an error only when
 * something was written to it. */
static int finish_stdout(const char *cmd, int rc)
{
    int bad = ferror(stdout) != 0;
    errno = 0;
    if (fflush(stdout) != 0)
        bad = 1;
    int e = errno;
    if (fclose(stdout) != 0 && errno != EBADF && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad || rc != 0)
        return rc;
    fprintf(stderr, "brink %s: error: cannot write to standard output%s%s\n", cmd,
            e ? ": " : "", e ? strerror(e) : "");
    return 1;
}

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* "brink: unknown command 'rnu'; did you mean 'run'?" and where the list of
 * commands is; exit code 2. */
static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS + 1];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    names[N_COMMANDS] = "help";
    if (name[0] == '-') {
        static const char *const options[] = {"help", "version"};
        const char *s = brink_suggest(name + strspn(name, "-"), options, 2);
        fprintf(stderr, "brink: unknown option '%s'", name);
        if (s)
            fprintf(stderr, "; did you mean '--%s'?", s);
        fputc('\n', stderr);
    } else {
        const char *s = brink_suggest(name, names, N_COMMANDS + 1);
        fprintf(stderr, "brink: unknown command '%s'", name);
        if (s)
            fprintf(stderr, "; did you mean '%s'?", s);
        fputc('\n', stderr);
    }
    cli_help_pointer(NULL);
    return 2;
}

/* brink help [COMMAND]: the top-level help, or COMMAND's (as COMMAND --help). */
static int help(int argc, char **argv)
{
    if (argc < 3) {
        usage(stdout);
        return finish_stdout("help", 0);
    }
    if (argc > 3) {
        fprintf(stderr, "brink help: one command at a time ('%s' is one too many)\n", argv[3]);
        return 2;
    }
    if (strcmp(argv[2], "help") == 0 || cli_is_help(argv[2])) {
        usage(stdout);
        return finish_stdout("help", 0);
    }
    const cli_command *c = find_command(argv[2]);
    if (!c || argv[2][0] == '-')
        return unknown_command(argv[2]);
    static char help_opt[] = "--help";
    char *sub[] = {argv[2], help_opt, NULL};
    return finish_stdout(c->name, c->fn(2, sub));
}

int main(int argc, char **argv)
{
    /* (may run the program again, with libm's variants without FMA) */
    cli_libm_same_everywhere(argv);
    install_cleanup();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return finish_stdout("help", 0);
    }
    if (strcmp(argv[1], "help") == 0)
        return help(argc, argv);
    if (strcmp(argv[1], "--version") == 0) {
        printf("brink %s\n%s\nlibm check: %016llx\n", brink_version(), cli_libm_mode(),
               (unsigned long long)cli_libm_check());
        return finish_stdout("--version", 0);
    }
    const cli_command *c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    int rc = cli_mpi_start(&argc, &argv);
    if (rc == 0)
        rc = finish_stdout(c->name, c->fn(argc - 1, argv + 1));
    cli_mpi_finish();
    return rc;
}
