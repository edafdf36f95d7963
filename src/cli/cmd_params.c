#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/common.h"
#include "io/yaml_util.h"
#include "model/spec.h"

typedef struct {
    char path[128];
    const char *kind;
    char unit[64];
    char range[96];
    char plausible[96];
    char def[128];
    const char *doc;
    const char *source;
} param_row;

static void spec_path(brink_group g, const brink_spec *sp, char *buf, size_t size)
{
    const char *key = brink_groups[g].key;
    if (g == BRINK_GROUP_SCALAR)
        snprintf(buf, size, "%s", sp->name);
    else if (g == BRINK_GROUP_MILESTONE)
        snprintf(buf, size, "policies.<id>.milestones.<n>.%s", sp->name);
    else
        snprintf(buf, size, "%s.<id>.%s%s%s%s", key, sp->name, sp->is_map ? ".<" : "",
                 sp->is_map ? brink_groups[sp->key_group].noun : "", sp->is_map ? ">" : "");
}

static void fill_row(brink_group g, const brink_spec *sp, param_row *r)
{
    memset(r, 0, sizeof *r);
    spec_path(g, sp, r->path, sizeof r->path);
    r->doc = sp->doc;
    r->source = sp->source;
    char lo[32], hi[32];
    switch (sp->kind) {
    case BRINK_SPEC_BOOL:
        r->kind = "boolean";
        snprintf(r->range, sizeof r->range, "true, false");
        snprintf(r->plausible, sizeof r->plausible, "true, false");
        snprintf(r->def, sizeof r->def, "%s", sp->def != 0 ? "true" : "false");
        return;
    case BRINK_SPEC_ENUM: {
        r->kind = "choice";
        size_t j = 0;
        for (const char *p = sp->unit; *p && j + 3 < sizeof r->range; p++) {
            if (*p == '|') {
                r->range[j++] = ',';
                r->range[j++] = ' ';
            } else {
                r->range[j++] = *p;
            }
        }
        r->range[j] = '\0';
        snprintf(r->plausible, sizeof r->plausible, "%s", r->range);
        brink_spec_enum_name(sp, (int)sp->def, r->def, sizeof r->def);
        return;
    }
    case BRINK_SPEC_INT:
        r->kind = "integer";
        break;
    default:
        r->kind = "number";
        break;
    }
    snprintf(r->unit, sizeof r->unit, "%s", sp->unit);
    yu_format_number(sp->lo, lo, sizeof lo);
    yu_format_number(sp->hi, hi, sizeof hi);
    snprintf(r->range, sizeof r->range, "[%s, %s]", lo, hi);
    yu_format_number(sp->plo, lo, sizeof lo);
    yu_format_number(sp->phi, hi, sizeof hi);
    snprintf(r->plausible, sizeof r->plausible, "[%s, %s]", lo, hi);
    brink_dist cal;
    if (g == BRINK_GROUP_SCALAR && brink_spec_calibrated(sp, &cal))
        brink_dist_format(&cal, r->def, sizeof r->def); /* fitted: docs/calibration.md */
    else if (isnan(sp->def))
        snprintf(r->def, sizeof r->def, "required");
    else
        yu_format_number(sp->def, r->def, sizeof r->def);
}

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
    for (int g = 0; g < BRINK_GROUP_COUNT; g++) {
        const brink_group_info *gi = &brink_groups[g];
        for (size_t i = 0; i < gi->n_specs; i++) {
            param_row r;
            fill_row((brink_group)g, &gi->specs[i], &r);
            if (md) {
                printf("| `%s` | %s | ", r.path, r.kind);
                md_cell(r.unit);
                fputs(" | ", stdout);
                md_cell(r.range);
                fputs(" | ", stdout);
                md_cell(r.plausible);
                fputs(" | ", stdout);
                md_cell(r.def);
                fputs(" | ", stdout);
                md_cell(r.doc);
                fputs(" | ", stdout);
                md_cell(r.source);
                fputs(" |\n", stdout);
            } else {
                printf("%-56s %-7s %-14s %-26s %-18s %-10s %s [%s]\n", r.path, r.kind,
                       r.unit, r.range, r.plausible, r.def, r.doc, r.source);
            }
        }
    }
    return 0; /* a write error on stdout is reported at exit (main.c) */
}
