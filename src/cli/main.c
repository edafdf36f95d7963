#include <stdio.h>

#include <gsl/gsl_errno.h>
#include <string.h>

#include "brink/brink.h"
#include "cli/cli.h"

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
};

static void usage(FILE *out)
{
    fprintf(out, "usage: brink <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'brink <command> --help' describes a command's options.\n"
                 "Models coercive diplomacy; see docs/model.md.\n");
}

int main(int argc, char **argv)
{
    /* GSL reports failures through return values; never abort the process */
    gsl_set_error_handler_off();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("brink %s\n", brink_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "brink: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
