/* Reading scenario YAML into a brink_scenario: every key is checked against
 * the parameter specs; every problem becomes one error with its position. */
#include "io/scenario_priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "io/yaml_util.h"
#include "core/gsl_guard.h"

#define PATH_MAX_LEN 256

/* ---- errors ------------------------------------------------------------ */

brink_error *scn_error(scn_ctx *c, const yaml_node_t *node, scn_loc loc, const char *path,
                       const char *fmt, ...)
{
    brink_error e;
    memset(&e, 0, sizeof e);
    e.code = BRINK_ERR_INPUT;
    yu_fmt(e.file, sizeof e.file, "%s", c->file ? c->file : "");
    if (node) {
        e.line = yu_line(node);
        e.column = yu_column(node);
        if (c->set_mode && e.line == 1)
            e.column += c->set_col;
    } else {
        e.line = loc.line;
        e.column = loc.col;
    }
    if (path)
        yu_fmt(e.path, sizeof e.path, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (!c->errs)
        return NULL;
    if (c->errs->count >= BRINK_MAX_ERRORS) {
        c->errs->dropped++;
        return NULL;
    }
    brink_error_list_add(c->errs, &e);
    return &c->errs->items[c->errs->count - 1];
}

int scn_error_count(const scn_ctx *c)
{
    return c->errs ? c->errs->count + c->errs->dropped : 0;
}

/* Where a path-derived problem sits: in --set mode, at the path's last
 * component in the argument; otherwise unknown. */
static scn_loc path_loc(const scn_ctx *c, const char *path)
{
    scn_loc l = {0, 0};
    if (c->set_mode) {
        const char *dot = strrchr(path, '.');
        l.line = 1;
        l.col = dot ? (int)(dot - path) + 2 : 1;
    }
    return l;
}

static scn_loc node_loc(const yaml_node_t *node)
{
    scn_loc l = {yu_line(node), yu_column(node)};
    return l;
}

static brink_error *wrong_type(scn_ctx *c, const yaml_node_t *node, const char *path,
                               const char *expected)
{
    char what[96];
    return scn_error(c, node, node_loc(node), path, "expected %s, found %s", expected,
                     yu_describe(node, what, sizeof what));
}

/* A null where a section or an entity (a mapping) goes: nothing to read in
 * a file; in a --set argument, where it would silently change nothing (a
 * set cannot remove what is there), an error. Returns 1 for a null node. */
static int null_section(scn_ctx *c, const yaml_node_t *node, const char *path)
{
    if (!yu_is_null(node))
        return 0;
    if (c->set_mode)
        brink_error_hint(wrong_type(c, node, path, "a mapping of values to change"),
                         "--set cannot remove or reset a section; set each value by its "
                         "path (see 'brink show')");
    return 1;
}

void scn_spec_hint(const brink_spec *sp, char *buf, size_t size)
{
    char lo[32], hi[32];
    switch (sp->kind) {
    case BRINK_SPEC_BOOL:
        yu_fmt(buf, size, "true or false");
        return;
    case BRINK_SPEC_ENUM: {
        char choices[200];
        size_t j = 0;
        for (const char *p = sp->unit; *p && j + 3 < sizeof choices; p++) {
            if (*p == '|') {
                choices[j++] = ',';
                choices[j++] = ' ';
            } else {
                choices[j++] = *p;
            }
        }
        choices[j] = '\0';
        yu_fmt(buf, size, "one of: %s", choices);
        return;
    }
    default:
        yu_format_number(sp->lo, lo, sizeof lo);
        yu_format_number(sp->hi, hi, sizeof hi);
        yu_fmt(buf, size, "allowed range [%s, %s] %s%s", lo, hi, sp->unit,
                 sp->kind == BRINK_SPEC_INT ? ", a whole number" : "");
        return;
    }
}

/* ---- groups and ids ---------------------------------------------------- */

const char *scn_group_noun(brink_group g)
{
    return brink_groups[g].noun;
}

int scn_entity_count(const brink_scenario *sc, brink_group g)
{
    return g > BRINK_GROUP_SCALAR && g < BRINK_GROUP_MILESTONE ? sc->layout.n[g] : 0;
}

const char *scn_entity_id(const brink_scenario *sc, brink_group g, int i)
{
    return sc->layout.id[g][i];
}

int scn_entity_index(const brink_scenario *sc, brink_group g, const char *id)
{
    if (scn_entity_count(sc, g) == 0)
        return -1;
    return brink_layout_index(&sc->layout, g, id, strlen(id));
}

void scn_hint_ids(brink_error *e, const brink_scenario *sc, brink_group g, const char *id)
{
    if (!e)
        return;
    const char *ids[SCN_MAX_ENT] = {0};
    int n = scn_entity_count(sc, g);
    for (int i = 0; i < n; i++)
        ids[i] = scn_entity_id(sc, g, i);
    const char *s = brink_suggest(id, ids, (size_t)n);
    if (s) {
        brink_error_hint(e, "did you mean '%s'?", s);
    } else if (n == 0) {
        brink_error_hint(e, "the scenario defines no %s", brink_groups[g].key);
    } else {
        char list[200];
        yu_join(ids, (size_t)n, list, sizeof list);
        brink_error_hint(e, "known: %s", list);
    }
}

/* One entity of group g in brink_values. */
static brink_dist *entity_values(brink_scenario *sc, brink_group g, int idx)
{
    const brink_group_info *gi = &brink_groups[g];
    return (brink_dist *)((char *)&sc->values + gi->base_d + (size_t)idx * gi->stride_d);
}

/* ---- known names ------------------------------------------------------- */

static const char *const scalar_extras[] = {"coalition.label", "target.label",
                                            "simulation.policy"};
static const char *const entity_extras[] = {"label"};
static const char *const good_extras[] = {"label", "unit"};
static const char *const party_extras[] = {"label", "member"};
static const char *const patron_extras[] = {"label", "party"};
static const char *const policy_extras[] = {"label", "issues", "milestones", "on_success",
                                            "on_failure", "on_reversal", "inducements"};
static const char *const milestone_extras[] = {"issue"};

/* Name i of the known keys of group g (spec names, then the non-numeric
 * keys), or NULL past the end. */
static const char *known_name(brink_group g, size_t i)
{
    const brink_group_info *gi = &brink_groups[g];
    if (i < gi->n_specs)
        return gi->specs[i].name;
    i -= gi->n_specs;
    const char *const *ex;
    size_t n;
    switch (g) {
    case BRINK_GROUP_SCALAR:
        ex = scalar_extras;
        n = sizeof scalar_extras / sizeof *ex;
        break;
    case BRINK_GROUP_POLICY:
        ex = policy_extras;
        n = sizeof policy_extras / sizeof *ex;
        break;
    case BRINK_GROUP_MILESTONE:
        ex = milestone_extras;
        n = sizeof milestone_extras / sizeof *ex;
        break;
    case BRINK_GROUP_GOOD:
        ex = good_extras;
        n = sizeof good_extras / sizeof *ex;
        break;
    case BRINK_GROUP_PARTY:
        ex = party_extras;
        n = sizeof party_extras / sizeof *ex;
        break;
    case BRINK_GROUP_PATRON:
        ex = patron_extras;
        n = sizeof patron_extras / sizeof *ex;
        break;
    default:
        ex = entity_extras;
        n = sizeof entity_extras / sizeof *ex;
        break;
    }
    return i < n ? ex[i] : NULL;
}

/* 1 if some known key of g lies under prefix ("sanctions" for
 * "sanctions.target"). */
static int is_prefix(brink_group g, const char *prefix)
{
    size_t n = strlen(prefix);
    const char *name;
    for (size_t i = 0; (name = known_name(g, i)) != NULL; i++)
        if (strncmp(name, prefix, n) == 0 && name[n] == '.')
            return 1;
    return 0;
}

#define MAX_CANDS 128
typedef struct {
    char name[MAX_CANDS][64];
    const char *ptr[MAX_CANDS];
    size_t n;
} cand_list;

static void cands_add(cand_list *l, const char *s, size_t len)
{
    if (len >= sizeof l->name[0] || l->n >= MAX_CANDS)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->name[i]) == len && strncmp(l->name[i], s, len) == 0)
            return;
    memcpy(l->name[l->n], s, len);
    l->name[l->n][len] = '\0';
    l->ptr[l->n] = l->name[l->n];
    l->n++;
}

/* The keys allowed directly under prefix ("" = the entity or section top). */
static void level_cands(brink_group g, const char *prefix, cand_list *l)
{
    size_t n = strlen(prefix);
    const char *name;
    l->n = 0;
    for (size_t i = 0; (name = known_name(g, i)) != NULL; i++) {
        const char *rest;
        if (n == 0)
            rest = name;
        else if (strncmp(name, prefix, n) == 0 && name[n] == '.')
            rest = name + n + 1;
        else
            continue;
        cands_add(l, rest, strcspn(rest, "."));
    }
}

/* Hint listing the keys allowed under prefix in group g. */
static void hint_keys(brink_error *e, brink_group g, const char *prefix)
{
    if (!e)
        return;
    cand_list *l = malloc(sizeof *l);
    if (!l)
        return;
    level_cands(g, prefix, l);
    char list[200];
    yu_join(l->ptr, l->n, list, sizeof list);
    brink_error_hint(e, "keys here: %s", list);
    free(l);
}

static const char *const top_keys[] = {
    "name",     "label",       "description", "history",       "timeline",
    "simulation", "coalition", "target",      "behaviour",     "senders",
    "exports",  "imports",     "third_parties", "channels",    "proxies",
    "patrons",  "issues",      "inducements", "policies"};
#define N_TOP_KEYS (sizeof top_keys / sizeof top_keys[0])

/* Reports an unknown key `sub` (dotted, within group g) with a suggestion
 * among the keys at its level. */
static void unknown_key(scn_ctx *c, brink_group g, const char *sub, const char *path,
                        const yaml_node_t *keynode)
{
    char prefix[PATH_MAX_LEN];
    yu_fmt(prefix, sizeof prefix, "%s", sub);
    char *dot = strrchr(prefix, '.');
    const char *key = sub;
    if (dot) {
        *dot = '\0';
        key = sub + (dot - prefix) + 1;
    } else {
        prefix[0] = '\0';
    }
    /* the deepest known level of the path: "target.oill.x" -> "target", "oill" */
    while (prefix[0] && !is_prefix(g, prefix)) {
        char *d = strrchr(prefix, '.');
        key = sub + (d ? (size_t)(d - prefix) + 1 : 0);
        if (d)
            *d = '\0';
        else
            prefix[0] = '\0';
    }
    char keybuf[PATH_MAX_LEN];
    yu_fmt(keybuf, sizeof keybuf, "%.*s", (int)strcspn(key, "."), key);
    brink_error *e = scn_error(c, keynode, path_loc(c, path), path, "unknown key '%s'", keybuf);
    if (!e)
        return;
    if (c->set_mode && !keynode) {
        /* point at the unknown component of the argument */
        e->column = (int)(strlen(path) - strlen(sub) + (size_t)(key - sub)) + 1;
    }
    cand_list *l = malloc(sizeof *l);
    if (!l)
        return;
    level_cands(g, prefix, l);
    const char *s = brink_suggest(keybuf, l->ptr, l->n);
    if (!s && g == BRINK_GROUP_SCALAR && !prefix[0])
        s = brink_suggest(keybuf, top_keys, N_TOP_KEYS);
    if (s) {
        brink_error_hint(e, "did you mean '%s'?", s);
    } else if (g == BRINK_GROUP_SCALAR && (s = brink_spec_suggest(g, sub)) != NULL) {
        brink_error_hint(e, "did you mean '%s'?", s);
    } else if (l->n > 0) {
        char list[200];
        yu_join(l->ptr, l->n, list, sizeof list);
        brink_error_hint(e, "known keys here: %s", list);
    }
    free(l);
}

/* Iterates over a mapping's pairs, skipping (and reporting) repeated and
 * non-scalar keys. Returns the key text or NULL for a pair to skip. */
static const char *pair_key(scn_ctx *c, const yaml_node_t *map, const yaml_node_pair_t *pair,
                            const char *path, yaml_node_t **keynode, yaml_node_t **valnode)
{
    *keynode = yaml_document_get_node(c->doc, pair->key);
    *valnode = yaml_document_get_node(c->doc, pair->value);
    const char *key = yu_text(*keynode);
    if (!key || yu_is_null(*keynode)) {
        wrong_type(c, *keynode, path, "a key (a plain word)");
        return NULL;
    }
    const yaml_node_t *first = yu_dups_first(c->dups, c->doc, map, pair);
    if (first) {
        char full[PATH_MAX_LEN];
        yu_fmt(full, sizeof full, "%s%s%s", path, path[0] ? "." : "", key);
        brink_error *e = scn_error(c, *keynode, node_loc(*keynode), full,
                                   "duplicate key '%s'", key);
        brink_error_hint(e, "first given at line %d", yu_line(first));
        return NULL;
    }
    return key;
}

/* ---- values ------------------------------------------------------------ */

static const struct {
    const char *name;
    brink_dist_kind kind;
    int nmin, nmax;
    const char *params;
} dists[] = {
    {"uniform", BRINK_DIST_UNIFORM, 2, 2, "[low, high]"},
    {"normal", BRINK_DIST_NORMAL, 2, 2, "[mean, sd]"},
    {"truncated_normal", BRINK_DIST_TRUNCNORMAL, 4, 4, "[mean, sd, low, high]"},
    {"beta", BRINK_DIST_BETA, 2, 4, "[alpha, beta] or [alpha, beta, low, high]"},
    {"triangular", BRINK_DIST_TRIANGULAR, 3, 3, "[low, mode, high]"},
    {"lognormal", BRINK_DIST_LOGNORMAL, 2, 2, "[mu, sigma]"},
};
#define N_DISTS (sizeof dists / sizeof dists[0])

static int read_number(scn_ctx *c, const yaml_node_t *node, const char *path, double *out,
                       const char *hint)
{
    const char *s = yu_text(node);
    if (!s || yu_is_quoted(node) || yu_parse_number(s, out) != 0) {
        char what[96];
        brink_error *e = scn_error(c, node, node_loc(node), path, "expected a number, found %s",
                                   yu_describe(node, what, sizeof what));
        if (hint)
            brink_error_hint(e, "%s", hint);
        return -1;
    }
    return 0;
}

static int read_dist(scn_ctx *c, const brink_spec *sp, const yaml_node_t *node,
                     const char *path, brink_dist *d)
{
    if (node->data.mapping.pairs.top - node->data.mapping.pairs.start != 1) {
        brink_error *e = scn_error(c, node, node_loc(node), path,
                                   "expected a number or a one-key distribution mapping");
        brink_error_hint(e, "e.g. {uniform: [low, high]} or {normal: [mean, sd]}");
        return -1;
    }
    const yaml_node_pair_t *pair = node->data.mapping.pairs.start;
    yaml_node_t *k = yaml_document_get_node(c->doc, pair->key);
    yaml_node_t *v = yaml_document_get_node(c->doc, pair->value);
    const char *name = yu_text(k);
    size_t which = N_DISTS;
    for (size_t i = 0; name && i < N_DISTS; i++)
        if (strcmp(name, dists[i].name) == 0)
            which = i;
    if (which == N_DISTS) {
        char what[96];
        brink_error *e = scn_error(c, k, node_loc(k), path, "unknown distribution %s",
                                   name ? name : yu_describe(k, what, sizeof what));
        const char *names[N_DISTS];
        for (size_t i = 0; i < N_DISTS; i++)
            names[i] = dists[i].name;
        const char *s = name ? brink_suggest(name, names, N_DISTS) : NULL;
        if (s) {
            brink_error_hint(e, "did you mean '%s'?", s);
        } else {
            char list[160];
            yu_join(names, N_DISTS, list, sizeof list);
            brink_error_hint(e, "one of: %s", list);
        }
        return -1;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        wrong_type(c, v, path, "a list of distribution parameters");
        return -1;
    }
    int n = (int)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (n < dists[which].nmin || n > dists[which].nmax ||
        (dists[which].kind == BRINK_DIST_BETA && n == 3)) {
        char count[16];
        if (dists[which].nmin == dists[which].nmax)
            yu_fmt(count, sizeof count, "%d", dists[which].nmin);
        else
            yu_fmt(count, sizeof count, "%d or %d", dists[which].nmin, dists[which].nmax);
        brink_error *e = scn_error(c, v, node_loc(v), path, "%s takes %s parameters, found %d",
                                   dists[which].name, count, n);
        brink_error_hint(e, "%s: %s", dists[which].name, dists[which].params);
        return -1;
    }
    double x[4] = {0, 0, 0, 1};
    if (dists[which].kind != BRINK_DIST_BETA)
        x[3] = 0;
    for (int i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node(c->doc, v->data.sequence.items.start[i]);
        if (read_number(c, item, path, &x[i], dists[which].params) != 0)
            return -1;
    }
    memset(d, 0, sizeof *d);
    d->kind = dists[which].kind;
    d->a = x[0];
    d->b = x[1];
    d->c = x[2];
    d->d = x[3];
    char why[256];
    if (brink_dist_check(d, sp->lo, sp->hi, why, sizeof why) != 0) {
        brink_error *e = scn_error(c, node, node_loc(node), path, "%s", why);
        char hint[256];
        scn_spec_hint(sp, hint, sizeof hint);
        brink_error_hint(e, "%s", hint);
        return -1;
    }
    d->point = brink_dist_point(d);
    if (!isfinite(d->point)) {
        scn_error(c, node, node_loc(node), path, "%s has no finite mean", dists[which].name);
        return -1;
    }
    return 0;
}

/* 1 if node is a one-key mapping whose key names a distribution. */
static int is_dist_mapping(const yaml_node_t *node, const scn_ctx *c)
{
    if (node->type != YAML_MAPPING_NODE ||
        node->data.mapping.pairs.top - node->data.mapping.pairs.start != 1)
        return 0;
    const char *k = yu_text(yaml_document_get_node(c->doc, node->data.mapping.pairs.start->key));
    for (size_t i = 0; k && i < N_DISTS; i++)
        if (strcmp(k, dists[i].name) == 0)
            return 1;
    return 0;
}

static int read_value_checked(scn_ctx *c, const brink_spec *sp, const yaml_node_t *node,
                      const char *path, brink_dist *out)
{
    brink_dist d;
    memset(&d, 0, sizeof d);
    d.kind = BRINK_DIST_POINT;
    char hint[256];
    scn_spec_hint(sp, hint, sizeof hint);
    switch (sp->kind) {
    case BRINK_SPEC_NUM:
        if (node->type == YAML_MAPPING_NODE) {
            if (read_dist(c, sp, node, path, &d) != 0)
                return -1;
            *out = d;
            return 0;
        }
        if (node->type != YAML_SCALAR_NODE) {
            char what[96];
            brink_error *e = scn_error(c, node, node_loc(node), path,
                                       "expected a number or a distribution, found %s",
                                       yu_describe(node, what, sizeof what));
            brink_error_hint(e, "%s; a distribution is e.g. {uniform: [low, high]}", hint);
            return -1;
        }
        if (read_number(c, node, path, &d.point, hint) != 0)
            return -1;
        break;
    case BRINK_SPEC_INT:
        if (node->type == YAML_MAPPING_NODE) {
            brink_error *e = scn_error(c, node, node_loc(node), path,
                                       "expected a whole number, found a distribution");
            brink_error_hint(e, "whole-number parameters take no distribution; %s", hint);
            return -1;
        }
        if (read_number(c, node, path, &d.point, hint) != 0)
            return -1;
        if (d.point != floor(d.point)) {
            brink_error *e = scn_error(c, node, node_loc(node), path,
                                       "expected a whole number, found %s", yu_text(node));
            brink_error_hint(e, "%s", hint);
            return -1;
        }
        break;
    case BRINK_SPEC_BOOL: {
        int b;
        const char *s = yu_text(node);
        if (!s || yu_is_quoted(node) || yu_parse_bool(s, &b) != 0) {
            brink_error *e = NULL;
            char what[96];
            e = scn_error(c, node, node_loc(node), path, "expected true or false, found %s",
                          yu_describe(node, what, sizeof what));
            brink_error_hint(e, "true or false");
            return -1;
        }
        d.point = b;
        *out = d;
        return 0;
    }
    case BRINK_SPEC_ENUM: {
        const char *s = yu_text(node);
        int i = s && !yu_is_null(node) ? brink_spec_enum_index(sp, s) : -1;
        if (i < 0) {
            char what[96];
            brink_error *e;
            if (s && !yu_is_null(node))
                e = scn_error(c, node, node_loc(node), path, "unknown choice '%s'", s);
            else
                e = scn_error(c, node, node_loc(node), path, "expected one of the choices, "
                              "found %s", yu_describe(node, what, sizeof what));
            brink_error_hint(e, "%s", hint);
            return -1;
        }
        d.point = i;
        *out = d;
        return 0;
    }
    }
    if (d.point < sp->lo || d.point > sp->hi) {
        char v[32], lo[32], hi[32];
        yu_format_number(d.point, v, sizeof v);
        yu_format_number(sp->lo, lo, sizeof lo);
        yu_format_number(sp->hi, hi, sizeof hi);
        brink_error *e = scn_error(c, node, node_loc(node), path,
                                   "value %s is outside the allowed range [%s, %s]", v, lo, hi);
        brink_error_hint(e, "%s", hint);
        return -1;
    }
    *out = d;
    return 0;
}

/* Reads node as a value of spec sp into *out. Returns 0 on success; on
 * failure (reported) *out becomes a NaN point marked invalid, so that the
 * value is not reported missing as well. */
static int read_value(scn_ctx *c, const brink_spec *sp, const yaml_node_t *node,
                      const char *path, brink_dist *out)
{
    brink_dist d;
    if (read_value_checked(c, sp, node, path, &d) == 0) {
        *out = d;
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->kind = BRINK_DIST_POINT;
    out->point = NAN;
    out->a = 1;
    return -1;
}

static int read_string(scn_ctx *c, const yaml_node_t *node, const char *path, char *buf,
                       size_t size)
{
    const char *s = yu_text(node);
    if (!s) {
        wrong_type(c, node, path, "a string");
        return -1;
    }
    if (yu_is_null(node))
        s = "";
    if (strlen(s) >= size) {
        scn_error(c, node, node_loc(node), path, "text longer than %zu bytes", size - 1);
        return -1;
    }
    yu_fmt(buf, size, "%s", s);
    return 0;
}

scn_loc scn_node_loc(const yaml_node_t *node)
{
    return node_loc(node);
}

brink_error *scn_wrong_type(scn_ctx *c, const yaml_node_t *node, const char *path,
                            const char *expected)
{
    return wrong_type(c, node, path, expected);
}

int scn_read_number(scn_ctx *c, const yaml_node_t *node, const char *path, double *out,
                    const char *hint)
{
    return read_number(c, node, path, out, hint);
}

int scn_read_string(scn_ctx *c, const yaml_node_t *node, const char *path, char *buf,
                    size_t size)
{
    return read_string(c, node, path, buf, size);
}

/* Reads an id reference into *out (-1 for null when allow_null). */
static int read_ref(scn_ctx *c, const yaml_node_t *node, const char *path, brink_group g,
                    int allow_null, int *out)
{
    const char *s = yu_text(node);
    if (allow_null && yu_is_null(node)) {
        *out = -1;
        return 0;
    }
    if (!s || yu_is_null(node) || node->type != YAML_SCALAR_NODE) {
        char what[40];
        yu_fmt(what, sizeof what, "the id of a %s", scn_group_noun(g));
        wrong_type(c, node, path, what);
        return -1;
    }
    int i = scn_entity_index(c->sc, g, s);
    if (i < 0) {
        brink_error *e = scn_error(c, node, node_loc(node), path, "unknown %s '%s'",
                                   scn_group_noun(g), s);
        scn_hint_ids(e, c->sc, g, s);
        return -1;
    }
    *out = i;
    return 0;
}

/* ---- scalars ----------------------------------------------------------- */

static int scalar_index(const brink_spec *sp)
{
    return (int)(sp - brink_groups[BRINK_GROUP_SCALAR].specs);
}

void scn_assign_scalar(scn_ctx *c, const char *path, const yaml_node_t *keynode,
                       yaml_node_t *val)
{
    brink_layout *lay = &c->sc->layout;
    if (strcmp(path, "coalition.label") == 0) {
        read_string(c, val, path, lay->coalition_label, sizeof lay->coalition_label);
        return;
    }
    if (strcmp(path, "target.label") == 0) {
        read_string(c, val, path, lay->target_label, sizeof lay->target_label);
        return;
    }
    if (strcmp(path, "simulation.policy") == 0) {
        int i;
        if (read_ref(c, val, path, BRINK_GROUP_POLICY, 0, &i) == 0)
            c->sc->default_policy = i;
        return;
    }
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, path);
    if (sp) {
        if (read_value(c, sp, val, path,
                       (brink_dist *)((char *)&c->sc->values.s + sp->off_d)) == 0) {
            int k = scalar_index(sp);
            if (k < SCN_MAX_SCALARS)
                c->locs->scalar[k] = node_loc(val);
        }
        return;
    }
    if (!is_prefix(BRINK_GROUP_SCALAR, path)) {
        unknown_key(c, BRINK_GROUP_SCALAR, path, path, keynode);
        return;
    }
    if (null_section(c, val, path))
        return;
    if (val->type != YAML_MAPPING_NODE) {
        hint_keys(wrong_type(c, val, path, "a mapping"), BRINK_GROUP_SCALAR, path);
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k, *v;
        const char *key = pair_key(c, val, p, path, &k, &v);
        if (!key)
            continue;
        char sub[PATH_MAX_LEN];
        if (snprintf(sub, sizeof sub, "%s.%s", path, key) >= (int)sizeof sub) {
            unknown_key(c, BRINK_GROUP_SCALAR, path, path, k);
            continue;
        }
        scn_assign_scalar(c, sub, k, v);
    }
}

/* ---- entities ---------------------------------------------------------- */

static void entity_path(const scn_ctx *c, brink_group g, int idx, const char *sub, char *buf,
                        size_t size)
{
    yu_fmt(buf, size, "%s.%s%s%s", brink_groups[g].key, scn_entity_id(c->sc, g, idx),
             sub[0] ? "." : "", sub);
}

static void assign_milestone(scn_ctx *c, int pol, int m, const char *name,
                             const yaml_node_t *keynode, yaml_node_t *val);

static void assign_milestone_map(scn_ctx *c, int pol, int m, yaml_node_t *map)
{
    char path[PATH_MAX_LEN];
    yu_fmt(path, sizeof path, "policies.%s.milestones.%d", c->sc->layout.id[BRINK_GROUP_POLICY][pol], m);
    if (null_section(c, map, path))
        return;
    if (map->type != YAML_MAPPING_NODE) {
        wrong_type(c, map, path, "a mapping such as {issue: nuclear, concession: 0.5, "
                                 "relief: 0.2}");
        return;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k, *v;
        const char *key = pair_key(c, map, p, path, &k, &v);
        if (key)
            assign_milestone(c, pol, m, key, k, v);
    }
}

static void assign_milestone(scn_ctx *c, int pol, int m, const char *name,
                             const yaml_node_t *keynode, yaml_node_t *val)
{
    brink_policy_ref *ref = &c->sc->layout.policy[pol];
    char path[PATH_MAX_LEN];
    yu_fmt(path, sizeof path, "policies.%s.milestones.%d%s%s", c->sc->layout.id[BRINK_GROUP_POLICY][pol], m,
             name[0] ? "." : "", name);
    if (name[0] == '\0') {
        assign_milestone_map(c, pol, m, val);
        return;
    }
    if (strcmp(name, "issue") == 0) {
        int i;
        if (read_ref(c, val, path, BRINK_GROUP_ISSUE, 0, &i) == 0)
            ref->milestone_issue[m] = i;
        return;
    }
    const brink_spec *sp = brink_spec_find(BRINK_GROUP_MILESTONE, name);
    if (!sp) {
        unknown_key(c, BRINK_GROUP_MILESTONE, name, path, keynode);
        return;
    }
    read_value(c, sp, val, path,
               (brink_dist *)((char *)&c->sc->values.milestone[pol][m] + sp->off_d));
}

static void read_milestones(scn_ctx *c, int pol, const char *path, yaml_node_t *val)
{
    brink_policy_ref *ref = &c->sc->layout.policy[pol];
    if (yu_is_null(val)) {
        ref->n_milestones = 0;
        return;
    }
    if (val->type != YAML_SEQUENCE_NODE) {
        wrong_type(c, val, path, "a list of milestones");
        return;
    }
    int n = (int)(val->data.sequence.items.top - val->data.sequence.items.start);
    if (n > BRINK_MAX_MILESTONES) {
        yaml_node_t *extra =
            yaml_document_get_node(c->doc, val->data.sequence.items.start[BRINK_MAX_MILESTONES]);
        scn_error(c, extra, node_loc(extra), path, "too many milestones (at most %d)",
                  BRINK_MAX_MILESTONES);
        n = BRINK_MAX_MILESTONES;
    }
    ref->n_milestones = n;
    for (int m = 0; m < n; m++) {
        yaml_node_t *item = yaml_document_get_node(c->doc, val->data.sequence.items.start[m]);
        brink_spec_defaults(BRINK_GROUP_MILESTONE, &c->sc->values.milestone[pol][m]);
        ref->milestone_issue[m] = -1;
        c->locs->milestone[pol][m] = node_loc(item);
        if (c->set_mode)
            c->locs->milestone[pol][m] = (scn_loc){0, 0};
        if (item->type != YAML_MAPPING_NODE) {
            char mpath[PATH_MAX_LEN];
            yu_fmt(mpath, sizeof mpath, "%s.%d", path, m);
            wrong_type(c, item, mpath, "a mapping such as {issue: nuclear, concession: 0.5, "
                                       "relief: 0.2}");
            continue;
        }
        assign_milestone_map(c, pol, m, item);
    }
}

/* A list of ids of group g into a bit mask. */
static void read_id_list(scn_ctx *c, brink_group g, const char *path, yaml_node_t *val,
                         unsigned *out)
{
    if (val->type != YAML_SEQUENCE_NODE && !yu_is_null(val)) {
        char what[48];
        yu_fmt(what, sizeof what, "a list of %s ids", scn_group_noun(g));
        wrong_type(c, val, path, what);
        return;
    }
    unsigned mask = 0;
    if (val->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = val->data.sequence.items.start;
             it < val->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(c->doc, *it);
            int i;
            if (read_ref(c, item, path, g, 0, &i) != 0)
                continue;
            if (mask & (1u << i)) {
                scn_error(c, item, node_loc(item), path, "%s '%s' listed twice",
                          scn_group_noun(g), c->sc->layout.id[g][i]);
                continue;
            }
            mask |= 1u << i;
        }
    }
    *out = mask;
}

/* Parses "N" or "N.rest" after "milestones."; returns N or -1. */
static int milestone_number(const char *s, const char **rest)
{
    int n = 0;
    const char *p = s;
    if (!(*p >= '0' && *p <= '9'))
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (*p - '0');
        if (n > 1000000)
            return -1;
    }
    if (*p != '\0' && *p != '.')
        return -1;
    *rest = *p == '.' ? p + 1 : p;
    return n;
}

static int policy_special(scn_ctx *c, int idx, const char *sub, const char *path,
                          const yaml_node_t *keynode, yaml_node_t *val)
{
    brink_policy_ref *ref = &c->sc->layout.policy[idx];
    if (strcmp(sub, "issues") == 0) {
        read_id_list(c, BRINK_GROUP_ISSUE, path, val, &ref->issue_mask);
    } else if (strcmp(sub, "inducements") == 0) {
        read_id_list(c, BRINK_GROUP_INDUCEMENT, path, val, &ref->inducement_mask);
    } else if (strcmp(sub, "on_reversal") == 0) {
        read_ref(c, val, path, BRINK_GROUP_POLICY, 1, &ref->on_reversal);
    } else if (strcmp(sub, "milestones") == 0) {
        read_milestones(c, idx, path, val);
    } else if (strcmp(sub, "on_success") == 0) {
        read_ref(c, val, path, BRINK_GROUP_POLICY, 1, &ref->on_success);
    } else if (strcmp(sub, "on_failure") == 0) {
        read_ref(c, val, path, BRINK_GROUP_POLICY, 1, &ref->on_failure);
    } else if (strncmp(sub, "milestones.", 11) == 0) {
        const char *rest = NULL;
        int m = milestone_number(sub + 11, &rest);
        scn_loc at = path_loc(c, path);
        if (c->set_mode) /* at the number */
            at.col = (int)(strlen(path) - strlen(sub)) + 12;
        if (m < 0) {
            brink_error *e = scn_error(c, keynode, at, path,
                                       "expected a milestone number after 'milestones.'");
            brink_error_hint(e, "e.g. policies.%s.milestones.0.relief", c->sc->layout.id[BRINK_GROUP_POLICY][idx]);
        } else if (m >= ref->n_milestones) {
            brink_error *e = scn_error(c, keynode, at, path,
                                       "policy '%s' has no milestone %d",
                                       c->sc->layout.id[BRINK_GROUP_POLICY][idx], m);
            brink_error_hint(e, "it has %d milestone%s, numbered from 0", ref->n_milestones,
                             ref->n_milestones == 1 ? "" : "s");
        } else {
            assign_milestone(c, idx, m, rest, keynode, val);
        }
    } else {
        return 0;
    }
    return 1;
}

void scn_assign_entity_map(scn_ctx *c, brink_group g, int idx, yaml_node_t *map)
{
    char path[PATH_MAX_LEN];
    entity_path(c, g, idx, "", path, sizeof path);
    if (null_section(c, map, path))
        return;
    if (map->type != YAML_MAPPING_NODE) {
        wrong_type(c, map, path, "a mapping");
        if (idx < SCN_MAX_ENT)
            c->locs->broken[g][idx] = 1;
        return;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k, *v;
        const char *key = pair_key(c, map, p, path, &k, &v);
        if (key)
            scn_assign_entity(c, g, idx, key, k, v);
    }
}

void scn_assign_entity(scn_ctx *c, brink_group g, int idx, const char *sub,
                       const yaml_node_t *keynode, yaml_node_t *val)
{
    char path[PATH_MAX_LEN];
    entity_path(c, g, idx, sub, path, sizeof path);
    if (sub[0] == '\0') {
        scn_assign_entity_map(c, g, idx, val);
        return;
    }
    if (strcmp(sub, "label") == 0) {
        read_string(c, val, path, c->sc->layout.elabel[g][idx], BRINK_LABEL_MAX);
        return;
    }
    if (g == BRINK_GROUP_POLICY && policy_special(c, idx, sub, path, keynode, val))
        return;
    if (g == BRINK_GROUP_PARTY && strcmp(sub, "member") == 0) {
        read_ref(c, val, path, BRINK_GROUP_SENDER, 1, &c->sc->layout.party_member[idx]);
        return;
    }
    if (g == BRINK_GROUP_PATRON && strcmp(sub, "party") == 0) {
        read_ref(c, val, path, BRINK_GROUP_PARTY, 1, &c->sc->layout.patron_party[idx]);
        return;
    }
    if (g == BRINK_GROUP_GOOD && strcmp(sub, "unit") == 0) {
        read_string(c, val, path, c->sc->layout.good_unit[idx], sizeof c->sc->layout.good_unit[idx]);
        return;
    }
    brink_dist *ent = entity_values(c->sc, g, idx);
    const brink_spec *sp = brink_spec_find(g, sub);
    if (sp && !sp->is_map) {
        read_value(c, sp, val, path, (brink_dist *)((char *)ent + sp->off_d));
        return;
    }
    if (sp) { /* keyed by the ids of another group */
        if (null_section(c, val, path))
            return;
        if (val->type != YAML_MAPPING_NODE || is_dist_mapping(val, c)) {
            /* one value for every key (an invalid one marks them all, so
             * that none is reported missing as well) */
            brink_dist d;
            read_value(c, sp, val, path, &d);
            brink_dist *slot = (brink_dist *)((char *)ent + sp->off_d);
            for (int k = 0; k < sp->map_max; k++)
                slot[k] = d;
            return;
        }
        for (yaml_node_pair_t *p = val->data.mapping.pairs.start;
             p < val->data.mapping.pairs.top; p++) {
            yaml_node_t *k, *v;
            const char *key = pair_key(c, val, p, path, &k, &v);
            if (!key)
                continue;
            char sub2[PATH_MAX_LEN];
            yu_fmt(sub2, sizeof sub2, "%s.%s", sub, key);
            scn_assign_entity(c, g, idx, sub2, k, v);
        }
        return;
    }
    /* "access.<channel>" */
    const char *dot = strchr(sub, '.');
    if (dot) {
        char head[PATH_MAX_LEN];
        yu_fmt(head, sizeof head, "%.*s", (int)(dot - sub), sub);
        const brink_spec *msp = brink_spec_find(g, head);
        if (msp && msp->is_map) {
            int ch = scn_entity_index(c->sc, msp->key_group, dot + 1);
            if (ch < 0) {
                brink_error *e = scn_error(c, keynode, path_loc(c, path), path, "unknown %s '%s'",
                                           scn_group_noun(msp->key_group), dot + 1);
                scn_hint_ids(e, c->sc, msp->key_group, dot + 1);
                return;
            }
            read_value(c, msp, val, path, (brink_dist *)((char *)ent + msp->off_d) + ch);
            return;
        }
    }
    if (!is_prefix(g, sub)) {
        unknown_key(c, g, sub, path, keynode);
        return;
    }
    if (null_section(c, val, path))
        return;
    if (val->type != YAML_MAPPING_NODE) {
        hint_keys(wrong_type(c, val, path, "a mapping"), g, sub);
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k, *v;
        const char *key = pair_key(c, val, p, path, &k, &v);
        if (!key)
            continue;
        char sub2[PATH_MAX_LEN];
        if (snprintf(sub2, sizeof sub2, "%s.%s", sub, key) >= (int)sizeof sub2) {
            unknown_key(c, g, sub, path, k);
            continue;
        }
        scn_assign_entity(c, g, idx, sub2, k, v);
    }
}

/* ---- top level --------------------------------------------------------- */


int scn_group_of(const char *key)
{
    for (int g = 1; g < BRINK_GROUP_MILESTONE; g++)
        if (strcmp(key, brink_groups[g].key) == 0)
            return g;
    return -1;
}

/* A scenario name: [a-z0-9][a-z0-9_.-]*. */
static int valid_name(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("_.-", *p)))
            return 0;
    return 1;
}

/* Entities of group g from the file: contents only (ids were registered
 * before, see register_ids). */
static void load_group(scn_ctx *c, brink_group g, yaml_node_t *map)
{
    if (map->type != YAML_MAPPING_NODE)
        return; /* reported by register_ids */
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        int n = scn_entity_count(c->sc, g);
        for (int i = 0; i < n; i++)
            if (c->locs->entity_key[g][i] == p->key) {
                scn_assign_entity_map(c, g, i, yaml_document_get_node(c->doc, p->value));
                break;
            }
    }
}

/* In --set mode, a group value merges into existing entities. */
static void merge_group(scn_ctx *c, brink_group g, yaml_node_t *map)
{
    const char *key = brink_groups[g].key;
    if (map->type != YAML_MAPPING_NODE) {
        wrong_type(c, map, key, "a mapping keyed by id");
        return;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k, *v;
        const char *id = pair_key(c, map, p, key, &k, &v);
        if (!id)
            continue;
        int i = scn_entity_index(c->sc, g, id);
        if (i < 0) {
            char path[PATH_MAX_LEN];
            yu_fmt(path, sizeof path, "%s.%s", key, id);
            brink_error *e = scn_error(c, k, node_loc(k), path, "unknown %s '%s'",
                                       scn_group_noun(g), id);
            scn_hint_ids(e, c->sc, g, id);
            continue;
        }
        scn_assign_entity_map(c, g, i, v);
    }
}

void scn_assign_top(scn_ctx *c, const char *key, const yaml_node_t *keynode, yaml_node_t *val)
{
    brink_layout *lay = &c->sc->layout;
    if (strcmp(key, "name") == 0) {
        char name[BRINK_ID_MAX];
        if (read_string(c, val, key, name, sizeof name) != 0)
            return;
        if (!valid_name(name)) {
            brink_error *e = scn_error(c, val, node_loc(val), key, "invalid name '%s'", name);
            brink_error_hint(e, "lower-case letters, digits, '_', '-' and '.', starting with a "
                                "letter or digit");
            return;
        }
        yu_fmt(lay->name, sizeof lay->name, "%s", name);
        c->locs->name = node_loc(val);
        return;
    }
    if (strcmp(key, "label") == 0) {
        read_string(c, val, key, lay->label, sizeof lay->label);
        return;
    }
    if (strcmp(key, "description") == 0) {
        read_string(c, val, key, lay->description, sizeof lay->description);
        return;
    }
    if (strcmp(key, "history") == 0) {
        if (!null_section(c, val, key))
            scn_read_history(c, val);
        return;
    }
    if (strcmp(key, "timeline") == 0) {
        scn_read_timeline(c, val);
        return;
    }
    int g = scn_group_of(key);
    if (g > 0) {
        if (c->set_mode)
            merge_group(c, (brink_group)g, val);
        else
            load_group(c, (brink_group)g, val);
        return;
    }
    if (is_prefix(BRINK_GROUP_SCALAR, key)) {
        scn_assign_scalar(c, key, keynode, val);
        return;
    }
    brink_error *e = scn_error(c, keynode, path_loc(c, key), key, "unknown key '%s'", key);
    if (!e)
        return; /* the list is full: no hint to look for */
    const char *s = brink_suggest(key, top_keys, N_TOP_KEYS);
    if (!s)
        s = brink_spec_suggest(BRINK_GROUP_SCALAR, key);
    if (s) {
        brink_error_hint(e, "did you mean '%s'?", s);
    } else {
        char list[256];
        yu_join(top_keys, N_TOP_KEYS, list, sizeof list);
        brink_error_hint(e, "top-level keys: %s", list);
    }
}

/* First pass over the groups: ids in file order, so that references (access
 * keys, issues, milestones, on_success, simulation.policy) resolve wherever
 * they appear. */
static void register_ids(scn_ctx *c, yaml_node_t *root)
{
    int seen[BRINK_GROUP_COUNT] = {0};
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *map = yaml_document_get_node(c->doc, p->value);
        const char *key = yu_text(k);
        int g = key ? scn_group_of(key) : -1;
        if (g <= 0 || seen[g]++)
            continue;
        c->locs->group[g] = node_loc(k);
        if (yu_is_null(map))
            continue;
        if (map->type != YAML_MAPPING_NODE) {
            wrong_type(c, map, key, "a mapping keyed by id");
            continue;
        }
        int *count = &c->sc->layout.n[g];
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start;
             q < map->data.mapping.pairs.top; q++) {
            yaml_node_t *idn = yaml_document_get_node(c->doc, q->key);
            const char *id = yu_text(idn);
            char path[PATH_MAX_LEN];
            yu_fmt(path, sizeof path, "%s.%s", key, id ? id : "?");
            if (!id || !yu_is_id(id, BRINK_ID_MAX)) {
                char what[96];
                brink_error *e = scn_error(c, idn, node_loc(idn), key, "invalid id %s",
                                           yu_describe(idn, what, sizeof what));
                brink_error_hint(e, "ids are lower-case letters, digits and '_', starting "
                                    "with a letter, at most %d characters", BRINK_ID_MAX - 1);
                continue;
            }
            int prev = scn_entity_index(c->sc, (brink_group)g, id);
            if (prev >= 0) {
                brink_error *e = scn_error(c, idn, node_loc(idn), path, "duplicate id '%s'", id);
                brink_error_hint(e, "first defined at line %d",
                                 c->locs->entity[g][prev].line);
                continue;
            }
            if (*count >= brink_groups[g].max) {
                scn_error(c, idn, node_loc(idn), path, "too many %s (at most %d)", key,
                          brink_groups[g].max);
                continue;
            }
            int i = (*count)++;
            yu_fmt(c->sc->layout.id[g][i], BRINK_ID_MAX, "%s", id);
            c->locs->entity[g][i] = node_loc(idn);
            c->locs->entity_key[g][i] = q->key;
            brink_spec_defaults((brink_group)g, entity_values(c->sc, (brink_group)g, i));
            if (g == BRINK_GROUP_POLICY) {
                brink_policy_ref *ref = &c->sc->layout.policy[i];
                ref->on_success = ref->on_failure = ref->on_reversal = -1;
                ref->n_milestones = 0;
                ref->inducement_mask = 0;
            } else if (g == BRINK_GROUP_PARTY) {
                c->sc->layout.party_member[i] = -1;
            } else if (g == BRINK_GROUP_PATRON) {
                c->sc->layout.patron_party[i] = -1;
            }
        }
    }
    /* every issue is on the table unless a policy lists its own */
    unsigned all = (1u << c->sc->layout.n[BRINK_GROUP_ISSUE]) - 1u;
    for (int i = 0; i < c->sc->layout.n[BRINK_GROUP_POLICY]; i++)
        c->sc->layout.policy[i].issue_mask = all;
}

brink_scenario *scn_load_text(const char *text, size_t len, const char *file,
                              brink_error_list *errs)
{
    brink_gsl_guard();
    brink_scenario *sc = calloc(1, sizeof *sc);
    scn_locs *locs = calloc(1, sizeof *locs);
    char *copy = malloc(len + 1);
    if (!sc || !locs || !copy) {
        brink_error e;
        brink_error_set(&e, BRINK_ERR_RUNTIME, file, 0, 0, NULL, "out of memory");
        brink_error_list_add(errs, &e);
        free(sc);
        free(locs);
        free(copy);
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    sc->source.text = copy;
    sc->source.text_len = len;
    yu_fmt(sc->source.file, sizeof sc->source.file, "%s", file);
    sc->default_policy = -1;
    brink_spec_defaults(BRINK_GROUP_SCALAR, &sc->values.s);

    yaml_document_t doc;
    brink_error e;
    if (yu_load(text, len, file, &doc, &e) != BRINK_OK) {
        brink_error_list_add(errs, &e);
        free(locs);
        brink_scenario_free(sc);
        return NULL;
    }
    yu_dups dups;
    if (yu_dups_init(&dups, &doc, &e) != BRINK_OK) {
        brink_error_list_add(errs, &e);
        yaml_document_delete(&doc);
        free(locs);
        brink_scenario_free(sc);
        return NULL;
    }
    scn_ctx c = {sc, &doc, errs, file, locs, 0, 0, &dups};
    locs->root = (scn_loc){1, 1};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || yu_is_null(root)) {
        brink_error *err = scn_error(&c, NULL, locs->root, NULL, "empty scenario");
        brink_error_hint(err, "a scenario needs at least 'name', 'issues' and 'policies'");
    } else if (root->type != YAML_MAPPING_NODE) {
        wrong_type(&c, root, "", "a mapping at the top level");
    } else {
        locs->root = node_loc(root);
        register_ids(&c, root);
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             p < root->data.mapping.pairs.top; p++) {
            yaml_node_t *k, *v;
            const char *key = pair_key(&c, root, p, "", &k, &v);
            if (key)
                scn_assign_top(&c, key, k, v);
        }
        if (sc->default_policy < 0 && sc->layout.n[BRINK_GROUP_POLICY] > 0)
            sc->default_policy = 0;
        scn_check(&c);
    }
    yu_dups_release(&dups);
    yaml_document_delete(&doc);
    free(locs);
    if (scn_error_count(&c) > 0) {
        brink_scenario_free(sc);
        return NULL;
    }
    return sc;
}
