#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/common.h"
#include "core/atomic_file.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink show [SCENARIO] [--set PATH=VALUE]... [-o FILE]\n\n"
            "Prints the scenario fully resolved (every parameter, defaults included) as\n"
            "YAML that loads back to the same scenario.\n\n"
            "  SCENARIO              a built-in name (see 'brink scenarios') or a YAML file;\n"
            "                        default: the default case\n"
            "  --set PATH=VALUE      override one value (repeatable), e.g.\n"
            "                        --set target.resolve='{normal: [1.5, 0.5]}'\n"
            "  -o, --output FILE     write to FILE (atomically) instead of stdout\n"
            "  -h, --help            print this help\n");
}

int cmd_show(int argc, char **argv)
{
    const char *spec = NULL, *out = NULL;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    int nsets = 0;
    if (!sets) {
        fprintf(stderr, "brink show: out of memory\n");
        return 1;
    }
    int rc = 0;
    for (int i = 1; i < argc && rc == 0;) {
        const char *v = NULL;
        int r;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            free(sets);
            return 0;
        }
        if ((r = cli_opt_value("show", argc, argv, &i, "--set", NULL, &v)) != 0) {
            if (r < 0) {
                rc = 2;
            } else {
                char *arg = argv[i - 1]; /* the value lies in the last argument used */
                sets[nsets++] = arg + (v - arg);
            }
            continue;
        }
        if ((r = cli_opt_value("show", argc, argv, &i, "--output", "-o", &v)) != 0) {
            if (r < 0)
                rc = 2;
            out = v;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", "--set", "--output", NULL};
            cli_unknown_option("show", argv[i], names);
            free(sets);
            return 2;
        }
        if (spec) {
            fprintf(stderr, "brink show: more than one scenario given ('%s', '%s')\n", spec,
                    argv[i]);
            rc = 2;
            break;
        }
        spec = argv[i++];
    }
    if (rc != 0) {
        usage(stderr);
        free(sets);
        return rc;
    }
    brink_scenario *sc = cli_load_scenario(spec, sets, nsets);
    free(sets);
    if (!sc)
        return cli_last_status();
    brink_error err;
    brink_status st;
    if (out) {
        brink_atomic_file af;
        st = brink_atomic_open(&af, out, &err);
        if (st == BRINK_OK) {
            st = brink_scenario_write_yaml(sc, af.fp, &err);
            if (st == BRINK_OK)
                st = brink_atomic_commit(&af, &err);
            else
                brink_atomic_abort(&af);
        }
    } else {
        st = brink_scenario_write_yaml(sc, stdout, &err); /* stdout is checked at exit */
    }
    brink_scenario_free(sc);
    if (st != BRINK_OK) {
        cli_print_error(&err, "");
        return st == BRINK_ERR_RUNTIME ? 1 : 2;
    }
    return 0;
}
