/* The canonical YAML form of a scenario: every parameter in table order,
 * defaults included, numbers in shortest round-trip form. It is also what
 * the scenario hash is taken over. */
#include "io/scenario_priv.h"

#include <stdlib.h>
#include <string.h>

#include "io/yaml_util.h"

static int plain_safe(const char *s)
{
    static const char *const words[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE",
                                        "false", "False", "FALSE", "yes", "Yes", "YES", "no",
                                        "No", "NO", "on", "On", "ON", "off", "Off", "OFF"};
    size_t n = strlen(s);
    if (n == 0 || s[n - 1] == ' ')
        return 0;
    unsigned char c0 = (unsigned char)s[0];
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9')))
        return 0;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 (ch != 0 && strchr(" _-.,()/&'+%;!?", ch));
        if (!ok)
            return 0;
    }
    double x;
    if (yu_parse_number(s, &x) == 0)
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0)
            return 0;
    return 1;
}

static void put_string(FILE *f, const char *s)
{
    if (plain_safe(s)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void put_number(FILE *f, double x)
{
    char buf[40];
    yu_format_number(x, buf, sizeof buf);
    fputs(buf, f);
}

static void put_value(FILE *f, const brink_spec *sp, const brink_dist *d)
{
    char buf[64];
    switch (sp->kind) {
    case BRINK_SPEC_ENUM:
        brink_spec_enum_name(sp, (int)d->point, buf, sizeof buf);
        fputs(buf, f);
        return;
    case BRINK_SPEC_BOOL:
        fputs(d->point != 0 ? "true" : "false", f);
        return;
    default:
        break;
    }
    char buf2[256];
    brink_dist_format(d, buf2, sizeof buf2);
    fputs(buf2, f);
}

void brink_dist_format(const brink_dist *d, char *buf, size_t size)
{
    int n = 0;
    const char *name = "?";
    switch (d->kind) {
    case BRINK_DIST_POINT: yu_format_number(d->point, buf, size); return;
    case BRINK_DIST_UNIFORM: name = "uniform"; n = 2; break;
    case BRINK_DIST_NORMAL: name = "normal"; n = 2; break;
    case BRINK_DIST_TRUNCNORMAL: name = "truncated_normal"; n = 4; break;
    case BRINK_DIST_BETA: name = "beta"; n = (d->c == 0 && d->d == 1) ? 2 : 4; break;
    case BRINK_DIST_TRIANGULAR: name = "triangular"; n = 3; break;
    case BRINK_DIST_LOGNORMAL: name = "lognormal"; n = 2; break;
    }
    const double x[4] = {d->a, d->b, d->c, d->d};
    size_t used = (size_t)snprintf(buf, size, "{%s: [", name);
    for (int i = 0; i < n && used < size; i++) {
        char num[40];
        yu_format_number(x[i], num, sizeof num);
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", num);
    }
    if (used < size)
        snprintf(buf + used, size - used, "]}");
}

static void indent_to(FILE *f, int indent)
{
    fprintf(f, "%*s", indent, "");
}

/* Writes the values of one entity (or the scalars) that lie under prefix,
 * nesting dotted names, in table order. */
static void write_level(FILE *f, const brink_scenario *sc, brink_group g, const void *ent,
                        const char *prefix, int indent)
{
    const brink_group_info *gi = &brink_groups[g];
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < gi->n_specs; i++) {
        const brink_spec *sp = &gi->specs[i];
        const char *rest = sp->name;
        if (plen) {
            if (strncmp(rest, prefix, plen) != 0 || rest[plen] != '.')
                continue;
            rest += plen + 1;
        }
        size_t clen = strcspn(rest, ".");
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++) {
            const char *r2 = gi->specs[j].name;
            if (plen) {
                if (strncmp(r2, prefix, plen) != 0 || r2[plen] != '.')
                    continue;
                r2 += plen + 1;
            }
            dup = strncmp(r2, rest, clen) == 0 && (r2[clen] == '.' || r2[clen] == '\0');
        }
        if (dup)
            continue;
        indent_to(f, indent);
        if (rest[clen] == '.') {
            char sub[256];
            yu_fmt(sub, sizeof sub, "%s%s%.*s", prefix, plen ? "." : "", (int)clen, rest);
            fprintf(f, "%.*s:\n", (int)clen, rest);
            write_level(f, sc, g, ent, sub, indent + 2);
            continue;
        }
        const brink_dist *d = (const brink_dist *)((const char *)ent + sp->off_d);
        fprintf(f, "%s: ", rest);
        if (sp->is_map) {
            fputc('{', f);
            for (int k = 0; k < sc->layout.n[sp->key_group]; k++) {
                fprintf(f, "%s%s: ", k ? ", " : "", sc->layout.id[sp->key_group][k]);
                put_value(f, sp, &d[k]);
            }
            fputc('}', f);
        } else {
            put_value(f, sp, d);
        }
        fputc('\n', f);
    }
}

static void write_scalars(FILE *f, const brink_scenario *sc)
{
    const brink_group_info *gi = &brink_groups[BRINK_GROUP_SCALAR];
    for (size_t i = 0; i < gi->n_specs; i++) {
        const char *name = gi->specs[i].name;
        size_t clen = strcspn(name, ".");
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strncmp(gi->specs[j].name, name, clen) == 0 && gi->specs[j].name[clen] == '.';
        if (dup || name[clen] != '.')
            continue;
        char section[64];
        yu_fmt(section, sizeof section, "%.*s", (int)clen, name);
        fprintf(f, "\n%s:\n", section);
        if (strcmp(section, "coalition") == 0 || strcmp(section, "target") == 0) {
            fputs("  label: ", f);
            put_string(f, section[0] == 'c' ? sc->layout.coalition_label : sc->layout.target_label);
            fputc('\n', f);
        }
        write_level(f, sc, BRINK_GROUP_SCALAR, &sc->values.s, section, 2);
        if (strcmp(section, "simulation") == 0 && sc->default_policy >= 0)
            fprintf(f, "  policy: %s\n", sc->layout.id[BRINK_GROUP_POLICY][sc->default_policy]);
    }
}

/* A list of the ids of group g whose bits are set in mask. */
static void put_id_list(FILE *f, const brink_layout *lay, brink_group g, unsigned mask)
{
    fputc('[', f);
    int first = 1;
    for (int i = 0; i < lay->n[g]; i++)
        if (mask & (1u << i)) {
            fprintf(f, "%s%s", first ? "" : ", ", lay->id[g][i]);
            first = 0;
        }
    fputs("]\n", f);
}

static void put_policy_ref(FILE *f, const brink_layout *lay, const char *key, int p)
{
    if (p >= 0)
        fprintf(f, "    %s: %s\n", key, lay->id[BRINK_GROUP_POLICY][p]);
}

static void write_policy_extras(FILE *f, const brink_scenario *sc, int p)
{
    const brink_layout *lay = &sc->layout;
    const brink_policy_ref *ref = &lay->policy[p];
    fputs("    issues: ", f);
    put_id_list(f, lay, BRINK_GROUP_ISSUE, ref->issue_mask);
    fputs("    inducements: ", f);
    put_id_list(f, lay, BRINK_GROUP_INDUCEMENT, ref->inducement_mask);
    if (ref->n_milestones == 0) {
        fputs("    milestones: []\n", f);
    } else {
        fputs("    milestones:\n", f);
        const brink_group_info *gi = &brink_groups[BRINK_GROUP_MILESTONE];
        for (int m = 0; m < ref->n_milestones; m++) {
            int issue = ref->milestone_issue[m];
            fprintf(f, "      - {issue: %s", issue >= 0 ? lay->id[BRINK_GROUP_ISSUE][issue] : "~");
            for (size_t i = 0; i < gi->n_specs; i++) {
                const brink_spec *sp = &gi->specs[i];
                fprintf(f, ", %s: ", sp->name);
                put_value(f, sp, (const brink_dist *)((const char *)&sc->values.milestone[p][m] +
                                                      sp->off_d));
            }
            fputs("}\n", f);
        }
    }
    put_policy_ref(f, lay, "on_success", ref->on_success);
    put_policy_ref(f, lay, "on_failure", ref->on_failure);
    put_policy_ref(f, lay, "on_reversal", ref->on_reversal);
}

static void write_groups(FILE *f, const brink_scenario *sc)
{
    const brink_layout *lay = &sc->layout;
    for (int g = BRINK_GROUP_SENDER; g < BRINK_GROUP_MILESTONE; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int n = scn_entity_count(sc, (brink_group)g);
        fprintf(f, "\n%s:%s\n", gi->key, n == 0 ? " {}" : "");
        for (int i = 0; i < n; i++) {
            fprintf(f, "  %s:\n    label: ", lay->id[g][i]);
            put_string(f, lay->elabel[g][i]);
            fputc('\n', f);
            if (g == BRINK_GROUP_GOOD && lay->good_unit[i][0]) {
                fputs("    unit: ", f);
                put_string(f, lay->good_unit[i]);
                fputc('\n', f);
            }
            if (g == BRINK_GROUP_PARTY && lay->party_member[i] >= 0)
                fprintf(f, "    member: %s\n", lay->id[BRINK_GROUP_SENDER][lay->party_member[i]]);
            if (g == BRINK_GROUP_PATRON && lay->patron_party[i] >= 0)
                fprintf(f, "    party: %s\n", lay->id[BRINK_GROUP_PARTY][lay->patron_party[i]]);
            const void *ent = (const char *)&sc->values + gi->base_d + (size_t)i * gi->stride_d;
            write_level(f, sc, (brink_group)g, ent, "", 4);
            if (g == BRINK_GROUP_POLICY)
                write_policy_extras(f, sc, i);
        }
    }
}

void scn_put_string(FILE *f, const char *s)
{
    put_string(f, s);
}

void scn_put_number(FILE *f, double x)
{
    put_number(f, x);
}

int scn_write(const brink_scenario *sc, FILE *f)
{
    fputs("# Scenario, fully resolved: every parameter, defaults included.\n", f);
    fprintf(f, "name: %s\nlabel: ", sc->layout.name);
    put_string(f, sc->layout.label);
    fputs("\ndescription: ", f);
    put_string(f, sc->layout.description);
    fputc('\n', f);
    write_scalars(f, sc);
    write_groups(f, sc);
    scn_write_timeline(sc, f);
    scn_write_history(sc, f);
    return ferror(f) ? -1 : 0;
}

brink_status brink_scenario_write_yaml(const brink_scenario *sc, FILE *out, brink_error *err)
{
    brink_error_clear(err);
    if (scn_write(sc, out) != 0)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "cannot write the scenario");
    return BRINK_OK;
}

uint64_t brink_scenario_hash(const brink_scenario *sc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return 0;
    scn_write(sc, f);
    fclose(f);
    /* FNV-1a, 64 bits */
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 1099511628211ULL;
    }
    free(buf);
    return h;
}
