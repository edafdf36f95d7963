/* Checks that span several values, run after reading a file and after each
 * --set (where every problem is the argument's doing). */
#include "io/scenario_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/yaml_util.h"

#define SHARE_TOLERANCE 1e-6

/* Where to report: the recorded location, the top of the file when
 * unknown, or the value of the --set argument. */
static scn_loc at(const scn_ctx *c, scn_loc l)
{
    if (c->set_mode)
        return (scn_loc){1, c->set_col + 1};
    if (l.line == 0)
        return c->locs->root;
    return l;
}

static void missing(scn_ctx *c, scn_loc loc, const char *path, const brink_spec *sp)
{
    const char *name = strrchr(path, '.');
    name = name ? name + 1 : path;
    brink_error *e = scn_error(c, NULL, at(c, loc), path, "missing required field '%s'", name);
    if (sp) {
        char hint[200];
        scn_spec_hint(sp, hint, sizeof hint);
        brink_error_hint(e, "%s; %s", sp->doc, hint);
    }
}

/* Required values of one entity (or the scalars) still unset. */
static void check_required(scn_ctx *c, brink_group g, const void *ent, const char *prefix,
                           scn_loc loc)
{
    const brink_group_info *gi = &brink_groups[g];
    for (size_t i = 0; i < gi->n_specs; i++) {
        const brink_spec *sp = &gi->specs[i];
        const brink_dist *d = (const brink_dist *)((const char *)ent + sp->off_d);
        int n = sp->is_map ? c->sc->layout.n[sp->key_group] : 1;
        for (int k = 0; k < n; k++) {
            /* a != 0 marks a value given but invalid (reported already) */
            if (d[k].kind != BRINK_DIST_POINT || !isnan(d[k].point) || d[k].a != 0)
                continue;
            char path[256];
            if (sp->is_map)
                yu_fmt(path, sizeof path, "%s%s%s.%s", prefix, prefix[0] ? "." : "",
                         sp->name, c->sc->layout.id[sp->key_group][k]);
            else
                yu_fmt(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", sp->name);
            missing(c, loc, path, sp);
        }
    }
}

static void check_all_required(scn_ctx *c)
{
    const brink_scenario *sc = c->sc;
    if (!sc->layout.name[0]) {
        brink_error *e = scn_error(c, NULL, at(c, c->locs->root), "name",
                                   "missing required field 'name'");
        brink_error_hint(e, "a short name such as 'iran-2025'");
    }
    check_required(c, BRINK_GROUP_SCALAR, &sc->values.s, "", c->locs->root);
    for (int g = BRINK_GROUP_SENDER; g < BRINK_GROUP_MILESTONE; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int n = scn_entity_count(sc, (brink_group)g);
        for (int i = 0; i < n; i++) {
            if (c->locs->broken[g][i])
                continue;
            char prefix[128];
            yu_fmt(prefix, sizeof prefix, "%s.%s", gi->key, scn_entity_id(sc, (brink_group)g, i));
            const void *ent = (const char *)&sc->values + gi->base_d + (size_t)i * gi->stride_d;
            check_required(c, (brink_group)g, ent, prefix, c->locs->entity[g][i]);
        }
    }
    for (int p = 0; p < sc->layout.n[BRINK_GROUP_POLICY]; p++) {
        const brink_policy_ref *ref = &sc->layout.policy[p];
        for (int m = 0; m < ref->n_milestones; m++) {
            char prefix[128];
            yu_fmt(prefix, sizeof prefix, "policies.%s.milestones.%d",
                   sc->layout.id[BRINK_GROUP_POLICY][p], m);
            scn_loc loc = c->locs->milestone[p][m];
            if (ref->milestone_issue[m] < 0) {
                char path[160];
                yu_fmt(path, sizeof path, "%s.issue", prefix);
                brink_error *e = scn_error(c, NULL, at(c, loc), path,
                                           "missing required field 'issue'");
                brink_error_hint(e, "the id of the issue the step is about");
            }
            check_required(c, BRINK_GROUP_MILESTONE, &sc->values.milestone[p][m], prefix, loc);
        }
    }
}

static void check_groups_present(scn_ctx *c)
{
    static const brink_group need[] = {BRINK_GROUP_SENDER, BRINK_GROUP_GOOD, BRINK_GROUP_ISSUE,
                                       BRINK_GROUP_POLICY};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        brink_group g = need[i];
        if (scn_entity_count(c->sc, g) > 0)
            continue;
        brink_error *e = scn_error(c, NULL, at(c, c->locs->group[g]), brink_groups[g].key,
                                   "at least one %s is required", scn_group_noun(g));
        brink_error_hint(e, "add a mapping '%s:' with one entry per id", brink_groups[g].key);
    }
}

/* Each good's buyers' shares sum to 1 (when the scenario names buyers). */
static void check_buyer_shares(scn_ctx *c)
{
    const brink_scenario *sc = c->sc;
    const brink_layout *lay = &sc->layout;
    int n = lay->n[BRINK_GROUP_PARTY];
    if (n == 0)
        return; /* no buyers named: goods sell where the sanctions do not reach */
    for (int g = 0; g < lay->n[BRINK_GROUP_GOOD]; g++) {
        double sum = 0;
        int bad = 0;
        for (int i = 0; i < n; i++) {
            double x = brink_dist_point(&sc->values.party[i].buys[g]);
            if (isnan(x))
                bad = 1;
            sum += x;
        }
        if (bad || fabs(sum - 1.0) <= SHARE_TOLERANCE)
            continue;
        /* the sum carries rounding error (0.8799999999999999 for 0.3 + 0.3 +
         * 0.28): twelve digits are more than the tolerance needs */
        char s[32];
        snprintf(s, sizeof s, "%.12g", sum);
        char path[128];
        yu_fmt(path, sizeof path, "third_parties.<id>.buys.%s", lay->id[BRINK_GROUP_GOOD][g]);
        brink_error *e = scn_error(c, NULL, at(c, c->locs->group[BRINK_GROUP_PARTY]), path,
                                   "the buyers' shares of export '%s' sum to %s, not 1",
                                   lay->id[BRINK_GROUP_GOOD][g], s);
        if (!e)
            continue;
        char list[256];
        size_t used = 0;
        list[0] = '\0';
        for (int i = 0; i < n && used < sizeof list; i++) {
            double x = brink_dist_point(&sc->values.party[i].buys[g]);
            if (x == 0)
                continue;
            char v[32];
            yu_format_number(x, v, sizeof v);
            int k = snprintf(list + used, sizeof list - used, "%s%s %s", used ? ", " : "",
                             lay->id[BRINK_GROUP_PARTY][i], v);
            if (k < 0)
                break;
            used += (size_t)k;
        }
        brink_error_hint(e, "third_parties.<id>.buys.%s (points) must sum to 1: %s",
                         lay->id[BRINK_GROUP_GOOD][g], used ? list : "no party buys it");
    }
}

static void check_reserves(scn_ctx *c)
{
    const brink_scalars_d *s = &c->sc->values.s;
    double floor_ = brink_dist_point(&s->target_fx_reserve_floor_usd_bn);
    double res = brink_dist_point(&s->target_fx_reserves_usd_bn);
    if (!(floor_ > res))
        return;
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, "target.fx.reserve_floor_usd_bn");
    scn_loc loc = {0, 0};
    if (sp) {
        int k = (int)(sp - brink_groups[BRINK_GROUP_SCALAR].specs);
        if (k < SCN_MAX_SCALARS)
            loc = c->locs->scalar[k];
    }
    char a[32], b[32];
    yu_format_number(floor_, a, sizeof a);
    yu_format_number(res, b, sizeof b);
    brink_error *e = scn_error(c, NULL, at(c, loc), "target.fx.reserve_floor_usd_bn",
                               "reserve floor %s is above the reserves %s", a, b);
    brink_error_hint(e, "target.fx.reserve_floor_usd_bn must not exceed "
                        "target.fx.reserves_usd_bn (point values)");
}

static void check_milestone_issues(scn_ctx *c)
{
    const brink_layout *lay = &c->sc->layout;
    for (int p = 0; p < lay->n[BRINK_GROUP_POLICY]; p++) {
        const brink_policy_ref *ref = &lay->policy[p];
        for (int m = 0; m < ref->n_milestones; m++) {
            int i = ref->milestone_issue[m];
            if (i < 0 || (ref->issue_mask & (1u << i)))
                continue;
            char path[160];
            yu_fmt(path, sizeof path, "policies.%s.milestones.%d.issue",
                   lay->id[BRINK_GROUP_POLICY][p], m);
            brink_error *e = scn_error(c, NULL, at(c, c->locs->milestone[p][m]), path,
                                       "issue '%s' is not among the policy's issues",
                                       lay->id[BRINK_GROUP_ISSUE][i]);
            if (!e)
                continue;
            const char *ids[BRINK_MAX_ISSUES];
            size_t n = 0;
            for (int k = 0; k < lay->n[BRINK_GROUP_ISSUE]; k++)
                if (ref->issue_mask & (1u << k))
                    ids[n++] = lay->id[BRINK_GROUP_ISSUE][k];
            char list[200];
            yu_join(ids, n, list, sizeof list);
            brink_error_hint(e, "add it to policies.%s.issues (now: [%s])",
                             lay->id[BRINK_GROUP_POLICY][p], list);
        }
    }
}

void scn_check(scn_ctx *c)
{
    scn_check_timeline(c);
    check_all_required(c);
    check_groups_present(c);
    check_buyer_shares(c);
    check_reserves(c);
    check_milestone_issues(c);
}
