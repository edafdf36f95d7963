/* The parameter table of include/brink/params.h: one row per spec, in the
 * order of brink_groups. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "brink/params.h"
#include "io/yaml_util.h"
#include "model/spec.h"

int brink_param_count(void)
{
    int n = 0;
    for (int g = 0; g < BRINK_GROUP_COUNT; g++)
        n += (int)brink_groups[g].n_specs;
    return n;
}

/* "scalar.path", "group.<id>.name", "group.<id>.name.<key noun>",
 * "policies.<id>.milestones.<n>.name" */
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

static void range_text(double lo, double hi, char *buf, size_t size)
{
    char a[32], b[32];
    yu_format_number(lo, a, sizeof a);
    yu_format_number(hi, b, sizeof b);
    snprintf(buf, size, "[%s, %s]", a, b);
}

static void fill(brink_group g, const brink_spec *sp, brink_param_info *r)
{
    spec_path(g, sp, r->path, sizeof r->path);
    r->description = sp->doc;
    r->source = sp->source;
    r->lo = sp->lo;
    r->hi = sp->hi;
    r->plausible_lo = sp->plo;
    r->plausible_hi = sp->phi;
    r->default_value = sp->def;
    switch (sp->kind) {
    case BRINK_SPEC_BOOL:
        r->kind = "boolean";
        snprintf(r->allowed, sizeof r->allowed, "true, false");
        snprintf(r->plausible, sizeof r->plausible, "true, false");
        snprintf(r->def, sizeof r->def, "%s", sp->def != 0 ? "true" : "false");
        return;
    case BRINK_SPEC_ENUM: {
        r->kind = "choice";
        size_t j = 0;
        for (const char *p = sp->unit; *p && j + 3 < sizeof r->allowed; p++) {
            if (*p == '|') {
                r->allowed[j++] = ',';
                r->allowed[j++] = ' ';
            } else {
                r->allowed[j++] = *p;
            }
        }
        r->allowed[j] = '\0';
        snprintf(r->plausible, sizeof r->plausible, "%s", r->allowed);
        brink_spec_enum_name(sp, (int)sp->def, r->def, sizeof r->def);
        r->lo = r->hi = r->plausible_lo = r->plausible_hi = r->default_value = NAN;
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
    range_text(sp->lo, sp->hi, r->allowed, sizeof r->allowed);
    range_text(sp->plo, sp->phi, r->plausible, sizeof r->plausible);
    brink_dist cal;
    if (g == BRINK_GROUP_SCALAR && brink_spec_calibrated(sp, &cal)) {
        brink_dist_format(&cal, r->def, sizeof r->def); /* fitted: docs/calibration.md */
        r->default_value = brink_dist_point(&cal);
    } else if (isnan(sp->def)) {
        snprintf(r->def, sizeof r->def, "required");
    } else {
        yu_format_number(sp->def, r->def, sizeof r->def);
    }
}

brink_status brink_param_describe(int i, brink_param_info *info, brink_error *err)
{
    memset(info, 0, sizeof *info);
    info->kind = "";
    info->description = "";
    info->source = "";
    if (i >= 0) {
        int k = i;
        for (int g = 0; g < BRINK_GROUP_COUNT; g++) {
            const brink_group_info *gi = &brink_groups[g];
            if ((size_t)k < gi->n_specs) {
                fill((brink_group)g, &gi->specs[k], info);
                return BRINK_OK;
            }
            k -= (int)gi->n_specs;
        }
    }
    return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                           "no parameter %d (the table has %d)", i, brink_param_count());
}
