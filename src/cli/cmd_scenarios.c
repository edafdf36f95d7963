#include <stdio.h>

#include "brink/brink.h"
#include "cli/cli.h"
#include "cli/common.h"

int cmd_scenarios(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            printf("usage: brink scenarios\n\nLists the built-in scenarios (name, label); "
                   "the first is the default.\n");
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", NULL};
            cli_unknown_option("scenarios", argv[i], names);
            return 2;
        }
        fprintf(stderr, "brink scenarios: unexpected argument '%s'\n"
                        "usage: brink scenarios\n", argv[i]);
        return 2;
    }
    for (int i = 0; brink_builtin_name(i); i++)
        printf("%-20s %s\n", brink_builtin_name(i), brink_builtin_description(i));
    return 0; /* a write error on stdout is reported at exit (main.c) */
}
