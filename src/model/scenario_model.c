/* The scenario's read-only accessors and its point resolution. src/io fills
 * the scenario; this file only reads it. */
#include "model/scenario_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/spec.h"

const char *brink_scenario_name(const brink_scenario *sc)
{
    return sc->layout.name;
}

const char *brink_scenario_label(const brink_scenario *sc)
{
    return sc->layout.label;
}

const char *brink_scenario_description(const brink_scenario *sc)
{
    return sc->layout.description;
}

const char *brink_scenario_file(const brink_scenario *sc)
{
    return sc->source.file;
}

int brink_scenario_horizon_months(const brink_scenario *sc)
{
    return (int)sc->values.s.simulation_horizon_months.point;
}

int brink_scenario_start_year(const brink_scenario *sc)
{
    return (int)sc->values.s.simulation_start_year.point;
}

int brink_scenario_start_month(const brink_scenario *sc)
{
    return (int)sc->values.s.simulation_start_month.point;
}

brink_status brink_scenario_get(const brink_scenario *sc, const char *path, double *value,
                                brink_error *err)
{
    size_t off;
    const brink_spec *sp;
    if (!path || brink_param_locate(&sc->layout, path, &off, &sp) != 0)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, path ? path : "",
                               "unknown parameter '%s'", path ? path : "");
    brink_params *p = malloc(sizeof *p);
    if (!p)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, path, "out of memory");
    brink_scenario_points(sc, p);
    memcpy(value, (const char *)p + off, sizeof *value);
    free(p);
    return BRINK_OK;
}

/* The entity kinds are the scenario's entity groups. */
_Static_assert((int)BRINK_ENTITY_SENDER == BRINK_GROUP_SENDER &&
                   (int)BRINK_ENTITY_GOOD == BRINK_GROUP_GOOD &&
                   (int)BRINK_ENTITY_IMPORT == BRINK_GROUP_IMPORT &&
                   (int)BRINK_ENTITY_THIRD_PARTY == BRINK_GROUP_PARTY &&
                   (int)BRINK_ENTITY_CHANNEL == BRINK_GROUP_CHANNEL &&
                   (int)BRINK_ENTITY_PROXY == BRINK_GROUP_PROXY &&
                   (int)BRINK_ENTITY_PATRON == BRINK_GROUP_PATRON &&
                   (int)BRINK_ENTITY_ISSUE == BRINK_GROUP_ISSUE &&
                   (int)BRINK_ENTITY_INDUCEMENT == BRINK_GROUP_INDUCEMENT &&
                   (int)BRINK_ENTITY_POLICY == BRINK_GROUP_POLICY,
               "entity kinds follow the groups");

static int is_kind(brink_entity_kind kind)
{
    return kind >= BRINK_ENTITY_SENDER && kind <= BRINK_ENTITY_POLICY;
}

const char *brink_entity_kind_key(brink_entity_kind kind)
{
    return is_kind(kind) ? brink_groups[kind].key : NULL;
}

int brink_scenario_entity_count(const brink_scenario *sc, brink_entity_kind kind)
{
    return is_kind(kind) ? sc->layout.n[kind] : 0;
}

const char *brink_scenario_entity_id(const brink_scenario *sc, brink_entity_kind kind, int i)
{
    if (i < 0 || i >= brink_scenario_entity_count(sc, kind))
        return NULL;
    return brink_layout_id(&sc->layout, (brink_group)kind, i);
}

const char *brink_scenario_entity_label(const brink_scenario *sc, brink_entity_kind kind,
                                        int i)
{
    if (i < 0 || i >= brink_scenario_entity_count(sc, kind))
        return NULL;
    return brink_layout_label(&sc->layout, (brink_group)kind, i);
}

int brink_scenario_entity_index(const brink_scenario *sc, brink_entity_kind kind,
                                const char *id)
{
    if (!id || !is_kind(kind))
        return -1;
    return brink_layout_index(&sc->layout, (brink_group)kind, id, strlen(id));
}

const char *brink_scenario_target_label(const brink_scenario *sc)
{
    return sc->layout.target_label[0] ? sc->layout.target_label : "the target";
}

const char *brink_scenario_coalition_label(const brink_scenario *sc)
{
    const brink_layout *lay = &sc->layout;
    if (lay->coalition_label[0])
        return lay->coalition_label;
    if (lay->n[BRINK_GROUP_SENDER] > 0)
        return brink_layout_label(lay, BRINK_GROUP_SENDER, 0);
    return "the senders";
}

double brink_scenario_breakeven_mbpd(const brink_scenario *sc)
{
    for (int g = 0; g < sc->layout.n[BRINK_GROUP_GOOD]; g++) {
        const brink_good_d *gd = &sc->values.good[g];
        if ((int)gd->kind.point == BRINK_GOOD_CRUDE && gd->volume.point > 0 &&
            gd->value_usd_bn_year.point > 0)
            return sc->values.s.target_fiscal_breakeven_usd_bn_year.point * gd->volume.point /
                   gd->value_usd_bn_year.point;
    }
    return NAN;
}

int brink_scenario_policy_count(const brink_scenario *sc)
{
    return brink_scenario_entity_count(sc, BRINK_ENTITY_POLICY);
}

const char *brink_scenario_policy_name(const brink_scenario *sc, int i)
{
    return brink_scenario_entity_id(sc, BRINK_ENTITY_POLICY, i);
}

int brink_scenario_policy_index(const brink_scenario *sc, const char *name)
{
    return brink_scenario_entity_index(sc, BRINK_ENTITY_POLICY, name);
}

int brink_scenario_default_policy(const brink_scenario *sc)
{
    return sc->default_policy;
}

const brink_history *brink_scenario_history(const brink_scenario *sc)
{
    return &sc->history;
}

void brink_scenario_points(const brink_scenario *sc, brink_params *out)
{
    brink_params_resolve(&sc->values, &sc->layout, NULL, NULL, out);
}

void brink_scenario_drop_timeline(brink_scenario *sc)
{
    sc->layout.n_timeline = 0;
    sc->layout.n_timeline_items = 0;
}
