#include <stdio.h>
#include <string.h>

#include "brink/params.h"
#include "cli/cli.h"
#include "cli/common.h"

/* Markdown cell text: '|' escaped. */
static void md_cell(const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", stdout);
        else
            fputc(*s, stdout);
    }
}

static void usage(FILE *out)
{
    fprintf(out, "usage: brink params [--format table|markdown]\n\n"
                 "Lists every parameter: path, kind, unit, allowed range (what a scenario may\n"
                 "set), plausible range (where real cases lie), default ('required' when a\n"
                 "scenario must give it), description and source. Entity parameters are\n"
                 "shown as <group>.<id>.<name>.\n\n"
                 "  --format table|markdown   plain aligned table (default) or a Markdown table\n"
                 "  -h, --help                print this help\n");
}

int cmd_params(int argc, char **argv)
{
    const char *format = "table";
    for (int i = 1; i < argc;) {
        const char *v = NULL;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        }
        int r = cli_opt_value("params", argc, argv, &i, "--format", NULL, &v);
        if (r < 0) {
            usage(stderr);
            return 2;
        }
        if (r == 0 && argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", "--format", NULL};
            cli_unknown_option("params", argv[i], names);
            return 2;
        }
        if (r == 0) {
            fprintf(stderr, "brink params: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
        format = v;
    }
    int md = strcmp(format, "markdown") == 0;
    if (!md && strcmp(format, "table") != 0) {
        fprintf(stderr, "brink params: unknown format '%s' (table or markdown)\n", format);
        return 2;
    }
    if (md)
        printf("| Parameter | Kind | Unit | Allowed | Plausible | Default | Description | Source |\n"
               "|---|---|---|---|---|---|---|---|\n");
    else
        printf("%-56s %-7s %-14s %-26s %-18s %-10s %s\n", "PARAMETER", "KIND", "UNIT",
               "ALLOWED", "PLAUSIBLE", "DEFAULT", "DESCRIPTION [SOURCE]");
    for (int i = 0; i < brink_param_count(); i++) {
        brink_param_info r;
        brink_param_describe(i, &r, NULL);
        if (md) {
            printf("| `%s` | %s | ", r.path, r.kind);
            md_cell(r.unit);
            fputs(" | ", stdout);
            md_cell(r.allowed);
            fputs(" | ", stdout);
            md_cell(r.plausible);
            fputs(" | ", stdout);
            md_cell(r.def);
            fputs(" | ", stdout);
            md_cell(r.description);
            fputs(" | ", stdout);
            md_cell(r.source);
            fputs(" |\n", stdout);
        } else {
            printf("%-56s %-7s %-14s %-26s %-18s %-10s %s [%s]\n", r.path, r.kind, r.unit,
                   r.allowed, r.plausible, r.def, r.description, r.source);
        }
    }
    return 0; /* a write error on stdout is reported at exit (main.c) */
}
