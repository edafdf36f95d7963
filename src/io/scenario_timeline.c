/* The `timeline` section: known turns of a case's history, each at a month
 * (or a date) with what it does. Items:
 *
 *   timeline:
 *     - date: 1994-09            # or month: 35
 *       label: Carter agreement
 *       policy: staged           # the coalition switches policy (in runs of the
 *                                # default policy only: its history)
 *       senders: {un: 1}         # participation of senders
 *       patrons: {ussr: 0}       # commitment of patrons
 *       set: {exports.crude.exposure: 1}   # parameters from then on
 *       shock: {legitimacy: -0.1, prices: -0.4}   # or prices.<good>: one good
 *       leader: {hardliners: -0.2}          # a new leader (or: leader: true)
 */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "io/scenario_priv.h"
#include "io/yaml_util.h"

static const char *const item_keys[] = {"month", "date",  "label", "policy",
                                        "senders", "patrons", "set",  "shock", "leader"};
#define N_ITEM_KEYS (sizeof item_keys / sizeof item_keys[0])

static const char *const shock_names[BRINK_SHOCK_COUNT] = {
    "legitimacy", "cohesion", "hardliners", "trust", "tension",
    "insurgency", "reserves_usd_bn", "prices", "programme"};

static brink_timeline_action *add_action(scn_ctx *c, const yaml_node_t *node, const char *path,
                                         int item, brink_timeline_kind kind)
{
    brink_layout *lay = &c->sc->layout;
    if (lay->n_timeline >= BRINK_MAX_TIMELINE) {
        scn_error(c, node, scn_node_loc(node), path, "too many timeline actions (at most %d)",
                  BRINK_MAX_TIMELINE);
        return NULL;
    }
    c->locs->tl_action_loc[lay->n_timeline] = scn_node_loc(node);
    brink_timeline_action *a = &lay->timeline[lay->n_timeline++];
    memset(a, 0, sizeof *a);
    a->item = item;
    a->kind = kind;
    a->index = -1;
    a->sub = -1;
    return a;
}

/* A value in [lo, hi]. */
static int read_bounded(scn_ctx *c, const yaml_node_t *node, const char *path, double lo,
                        double hi, double *out)
{
    char hint[96], v[32], l[32], h[32];
    yu_format_number(lo, l, sizeof l);
    yu_format_number(hi, h, sizeof h);
    yu_fmt(hint, sizeof hint, "a number in [%s, %s]", l, h);
    if (scn_read_number(c, node, path, out, hint) != 0)
        return -1;
    if (*out < lo || *out > hi) {
        yu_format_number(*out, v, sizeof v);
        brink_error *e = scn_error(c, node, scn_node_loc(node), path,
                                   "value %s is outside the allowed range [%s, %s]", v, l, h);
        brink_error_hint(e, "%s", hint);
        return -1;
    }
    return 0;
}

/* senders: {id: participation} or patrons: {id: commitment}. */
static void read_levels(scn_ctx *c, yaml_node_t *val, const char *path, int item, brink_group g,
                        brink_timeline_kind kind)
{
    if (val->type != YAML_MAPPING_NODE) {
        char what[64];
        yu_fmt(what, sizeof what, "a mapping of %s ids to levels in [0, 1]", scn_group_noun(g));
        scn_wrong_type(c, val, path, what);
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *id = yu_text(k);
        char ipath[200];
        yu_fmt(ipath, sizeof ipath, "%s.%s", path, id ? id : "?");
        int i = id ? scn_entity_index(c->sc, g, id) : -1;
        if (i < 0) {
            brink_error *e = scn_error(c, k, scn_node_loc(k), ipath, "unknown %s '%s'",
                                       scn_group_noun(g), id ? id : "?");
            scn_hint_ids(e, c->sc, g, id ? id : "");
            continue;
        }
        double x;
        if (read_bounded(c, v, ipath, 0, 1, &x) != 0)
            continue;
        brink_timeline_action *a = add_action(c, v, ipath, item, kind);
        if (a) {
            a->index = i;
            a->value = x;
        }
    }
}

static void read_shocks(scn_ctx *c, yaml_node_t *val, const char *path, int item)
{
    if (val->type != YAML_MAPPING_NODE) {
        scn_wrong_type(c, val, path, "a mapping of state variables to changes");
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *name = yu_text(k);
        char ipath[200];
        yu_fmt(ipath, sizeof ipath, "%s.%s", path, name ? name : "?");
        int var = -1, good = -1;
        for (int i = 0; name && i < BRINK_SHOCK_COUNT; i++)
            if (strcmp(name, shock_names[i]) == 0)
                var = i;
        if (var < 0 && name && strncmp(name, "prices.", 7) == 0) {
            good = scn_entity_index(c->sc, BRINK_GROUP_GOOD, name + 7);
            if (good < 0) {
                brink_error *e = scn_error(c, k, scn_node_loc(k), ipath, "unknown export good '%s'",
                                           name + 7);
                scn_hint_ids(e, c->sc, BRINK_GROUP_GOOD, name + 7);
                continue;
            }
            var = BRINK_SHOCK_PRICES;
        }
        if (var < 0) {
            brink_error *e = scn_error(c, k, scn_node_loc(k), ipath, "unknown shock '%s'",
                                       name ? name : "?");
            const char *s = e && name ? brink_suggest(name, shock_names, BRINK_SHOCK_COUNT) : NULL;
            char list[200];
            yu_join(shock_names, BRINK_SHOCK_COUNT, list, sizeof list);
            if (s)
                brink_error_hint(e, "did you mean '%s'?", s);
            else
                brink_error_hint(e, "shocks: %s, prices.<good>", list);
            continue;
        }
        double lo = -1, hi = 1;
        if (var == BRINK_SHOCK_RESERVES) {
            lo = -1e5;
            hi = 1e5;
        } else if (var == BRINK_SHOCK_PRICES) {
            lo = -5;
            hi = 5;
        }
        double x;
        if (read_bounded(c, v, ipath, lo, hi, &x) != 0)
            continue;
        brink_timeline_action *a = add_action(c, v, ipath, item, BRINK_TL_SHOCK);
        if (a) {
            a->index = var;
            a->sub = good;
            a->value = x;
        }
    }
}

/* set: {path: value}: the paths are resolved after the whole file is read
 * (entities may be defined below the timeline). */
static void read_sets(scn_ctx *c, yaml_node_t *val, const char *path, int item)
{
    if (val->type != YAML_MAPPING_NODE) {
        scn_wrong_type(c, val, path, "a mapping of parameter paths to values");
        return;
    }
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *name = yu_text(k);
        char ipath[200];
        yu_fmt(ipath, sizeof ipath, "%s.%s", path, name ? name : "?");
        if (!name || strlen(name) >= sizeof ((brink_timeline_action *)0)->path) {
            scn_error(c, k, scn_node_loc(k), ipath, "expected a parameter path");
            continue;
        }
        double x;
        const char *word = yu_text(v);
        int is_word = v->type == YAML_SCALAR_NODE && word && yu_parse_number(word, &x) != 0;
        if (!is_word && scn_read_number(c, v, ipath, &x, "a number, true/false or a choice") != 0)
            continue;
        brink_timeline_action *a = add_action(c, v, ipath, item, BRINK_TL_SET);
        if (!a)
            continue;
        yu_fmt(a->path, sizeof a->path, "%s", name);
        a->value = is_word ? 0.0 : x;
        a->index = is_word ? 1 : 0; /* a word, resolved with the spec (choice or bool) */
        if (is_word)
            yu_fmt(c->locs->tl_word[c->sc->layout.n_timeline - 1],
                   sizeof c->locs->tl_word[0], "%s", word);
    }
}

/* "YYYY-MM" into year and month; 0 on success. */
static int parse_date(const char *s, int *year, int *month)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (end == s || *end != '-' || y < 1800 || y > 2300)
        return -1;
    const char *m0 = end + 1;
    long m = strtol(m0, &end, 10);
    if (end == m0 || *end != '\0' || m < 1 || m > 12)
        return -1;
    *year = (int)y;
    *month = (int)m;
    return 0;
}

static void read_item(scn_ctx *c, yaml_node_t *node, int item)
{
    brink_layout *lay = &c->sc->layout;
    char path[64];
    yu_fmt(path, sizeof path, "timeline.%d", item);
    c->locs->tl_loc[item] = scn_node_loc(node);
    c->locs->tl_year[item] = 0;
    lay->timeline_item_month[item] = -1;
    lay->timeline_label[item][0] = '\0';
    if (node->type != YAML_MAPPING_NODE) {
        scn_wrong_type(c, node, path, "a mapping such as {date: 1994-09, policy: staged}");
        return;
    }
    int when = 0;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *key = yu_text(k);
        char kpath[96];
        yu_fmt(kpath, sizeof kpath, "%s.%s", path, key ? key : "?");
        if (!key) {
            scn_wrong_type(c, k, path, "a key");
        } else if (strcmp(key, "month") == 0) {
            double m;
            if (read_bounded(c, v, kpath, 0, 600, &m) == 0) {
                if (m != (double)(int)m) {
                    scn_error(c, v, scn_node_loc(v), kpath, "expected a whole month, found %g", m);
                } else {
                    lay->timeline_item_month[item] = (int)m;
                    when++;
                }
            }
        } else if (strcmp(key, "date") == 0) {
            const char *s = yu_text(v);
            int y, m;
            if (!s || parse_date(s, &y, &m) != 0) {
                brink_error *e = scn_error(c, v, scn_node_loc(v), kpath, "expected a date "
                                           "YYYY-MM, found '%s'", s ? s : "?");
                brink_error_hint(e, "e.g. date: 1994-09");
                when++; /* given, if badly: no second message */
            } else {
                c->locs->tl_year[item] = y;
                c->locs->tl_month[item] = m;
                when++;
            }
        } else if (strcmp(key, "label") == 0) {
            scn_read_string(c, v, kpath, lay->timeline_label[item], BRINK_LABEL_MAX);
        } else if (strcmp(key, "policy") == 0) {
            const char *s = yu_text(v);
            int i = s ? scn_entity_index(c->sc, BRINK_GROUP_POLICY, s) : -1;
            if (i < 0) {
                brink_error *e = scn_error(c, v, scn_node_loc(v), kpath, "unknown policy '%s'",
                                           s ? s : "?");
                scn_hint_ids(e, c->sc, BRINK_GROUP_POLICY, s ? s : "");
            } else {
                brink_timeline_action *a = add_action(c, v, kpath, item, BRINK_TL_POLICY);
                if (a)
                    a->index = i;
            }
        } else if (strcmp(key, "senders") == 0) {
            read_levels(c, v, kpath, item, BRINK_GROUP_SENDER, BRINK_TL_SENDER);
        } else if (strcmp(key, "patrons") == 0) {
            read_levels(c, v, kpath, item, BRINK_GROUP_PATRON, BRINK_TL_PATRON);
        } else if (strcmp(key, "set") == 0) {
            read_sets(c, v, kpath, item);
        } else if (strcmp(key, "shock") == 0) {
            read_shocks(c, v, kpath, item);
        } else if (strcmp(key, "leader") == 0) {
            double dh = 0;
            const char *s = yu_text(v);
            int b;
            if (v->type == YAML_MAPPING_NODE) {
                for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
                     q < v->data.mapping.pairs.top; q++) {
                    yaml_node_t *lk = yaml_document_get_node(c->doc, q->key);
                    const char *lkey = yu_text(lk);
                    char lpath[128];
                    yu_fmt(lpath, sizeof lpath, "%s.%s", kpath, lkey ? lkey : "?");
                    if (lkey && strcmp(lkey, "hardliners") == 0) {
                        read_bounded(c, yaml_document_get_node(c->doc, q->value), lpath, -1, 1, &dh);
                    } else {
                        brink_error *e = scn_error(c, lk, scn_node_loc(lk), lpath,
                                                   "unknown key '%s'", lkey ? lkey : "?");
                        brink_error_hint(e, "a new leader takes 'hardliners' (a change in [-1, 1])");
                    }
                }
            } else if (!s || yu_parse_bool(s, &b) != 0 || !b) {
                scn_wrong_type(c, v, kpath, "true or a mapping {hardliners: change}");
                continue;
            }
            brink_timeline_action *a = add_action(c, v, kpath, item, BRINK_TL_LEADER);
            if (a)
                a->value = dh;
        } else {
            brink_error *e = scn_error(c, k, scn_node_loc(k), kpath, "unknown key '%s'", key);
            const char *s = e ? brink_suggest(key, item_keys, N_ITEM_KEYS) : NULL;
            char list[200];
            yu_join(item_keys, N_ITEM_KEYS, list, sizeof list);
            if (s)
                brink_error_hint(e, "did you mean '%s'?", s);
            else
                brink_error_hint(e, "keys of a timeline item: %s", list);
        }
    }
    if (when != 1) {
        brink_error *e = scn_error(c, node, scn_node_loc(node), path,
                                   when ? "give either 'month' or 'date', not both"
                                        : "a timeline item needs 'month' or 'date'");
        brink_error_hint(e, "e.g. {date: 1994-09, policy: staged}");
    }
}

void scn_read_timeline(scn_ctx *c, yaml_node_t *val)
{
    brink_layout *lay = &c->sc->layout;
    if (c->set_mode) {
        scn_error(c, val, scn_node_loc(val), "timeline",
                  "the timeline cannot be changed with --set; edit the scenario file");
        return;
    }
    lay->n_timeline = 0;
    lay->n_timeline_items = 0;
    if (yu_is_null(val))
        return;
    if (val->type != YAML_SEQUENCE_NODE) {
        scn_wrong_type(c, val, "timeline", "a list of dated events");
        return;
    }
    int n = 0;
    for (yaml_node_item_t *it = val->data.sequence.items.start; it < val->data.sequence.items.top;
         it++) {
        yaml_node_t *item = yaml_document_get_node(c->doc, *it);
        if (n >= BRINK_MAX_TIMELINE) {
            scn_error(c, item, scn_node_loc(item), "timeline",
                      "too many timeline items (at most %d)", BRINK_MAX_TIMELINE);
            break;
        }
        read_item(c, item, n++);
    }
    lay->n_timeline_items = n;
}

/* A close known path for a mistyped one: the entity's own parameter names
 * when the group and id are right, else the scenario-wide names. */
static int suggest_path(const brink_scenario *sc, const char *path, char *buf, size_t size)
{
    const char *dot = strchr(path, '.');
    int g = -1;
    if (dot) {
        char head[64];
        yu_fmt(head, sizeof head, "%.*s", (int)(dot - path), path);
        g = scn_group_of(head);
    }
    if (g > 0) {
        const char *id = dot + 1, *dot2 = strchr(id, '.');
        if (!dot2)
            return 0;
        char idbuf[BRINK_ID_MAX];
        yu_fmt(idbuf, sizeof idbuf, "%.*s", (int)(dot2 - id), id);
        if (scn_entity_index(sc, (brink_group)g, idbuf) < 0)
            return 0;
        const char *s = brink_spec_suggest((brink_group)g, dot2 + 1);
        if (!s)
            return 0;
        yu_fmt(buf, size, "%.*s%s", (int)(dot2 + 1 - path), path, s);
        return 1;
    }
    const char *s = brink_spec_suggest(BRINK_GROUP_SCALAR, path);
    if (!s)
        return 0;
    yu_fmt(buf, size, "%s", s);
    return 1;
}

void scn_check_timeline(scn_ctx *c)
{
    brink_layout *lay = &c->sc->layout;
    if (c->set_mode || lay->n_timeline_items == 0)
        return;
    const brink_scalars_d *s = &c->sc->values.s;
    double ys = s->simulation_start_year.point, ms = s->simulation_start_month.point;
    /* a start out of its allowed range (or not a number) is already an
     * error: the items cannot be dated against it */
    const brink_spec *sy = brink_spec_find(BRINK_GROUP_SCALAR, "simulation.start_year");
    const brink_spec *sm = brink_spec_find(BRINK_GROUP_SCALAR, "simulation.start_month");
    if (!(ys >= sy->lo && ys <= sy->hi && ms >= sm->lo && ms <= sm->hi))
        return;
    int y0 = (int)ys, m0 = (int)ms;
    for (int i = 0; i < lay->n_timeline_items; i++) {
        if (c->locs->tl_year[i] == 0)
            continue;
        int m = (c->locs->tl_year[i] - y0) * 12 + (c->locs->tl_month[i] - m0);
        if (m < 0) {
            brink_error *e = scn_error(c, NULL, c->locs->tl_loc[i], "timeline",
                                       "item %d is dated %04d-%02d, before the start %04d-%02d", i,
                                       c->locs->tl_year[i], c->locs->tl_month[i], y0, m0);
            brink_error_hint(e, "dates count from simulation.start_year and start_month");
            continue;
        }
        lay->timeline_item_month[i] = m;
    }
    for (int j = 0; j < lay->n_timeline; j++) {
        brink_timeline_action *a = &lay->timeline[j];
        a->month = lay->timeline_item_month[a->item];
        if (a->kind != BRINK_TL_SET)
            continue;
        const brink_spec *sp;
        char path[200];
        yu_fmt(path, sizeof path, "timeline.%d.set.%s", a->item, a->path);
        if (brink_param_locate(lay, a->path, &a->offset, &sp) != 0) {
            brink_error *e = scn_error(c, NULL, c->locs->tl_action_loc[j], path,
                                       "unknown parameter path '%s'", a->path);
            char sug[160];
            if (suggest_path(c->sc, a->path, sug, sizeof sug))
                brink_error_hint(e, "did you mean '%s'?", sug);
            else
                brink_error_hint(e, "a parameter path as in 'brink params', with ids");
            continue;
        }
        if (a->index == 1) { /* a word: a choice or true/false */
            const char *w = c->locs->tl_word[j];
            int b, k = -1;
            if (sp->kind == BRINK_SPEC_ENUM)
                k = brink_spec_enum_index(sp, w);
            else if (sp->kind == BRINK_SPEC_BOOL && yu_parse_bool(w, &b) == 0)
                k = b;
            if (k < 0) {
                char hint[200];
                scn_spec_hint(sp, hint, sizeof hint);
                brink_error *e = scn_error(c, NULL, c->locs->tl_action_loc[j], path,
                                           "unknown value '%s'", w);
                brink_error_hint(e, "%s", hint);
                continue;
            }
            a->value = k;
        } else if (a->value < sp->lo || a->value > sp->hi ||
                   (sp->kind != BRINK_SPEC_NUM && a->value != (double)(long)a->value)) {
            char hint[200], v[32], lo[32], hi[32];
            scn_spec_hint(sp, hint, sizeof hint);
            yu_format_number(a->value, v, sizeof v);
            yu_format_number(sp->lo, lo, sizeof lo);
            yu_format_number(sp->hi, hi, sizeof hi);
            brink_error *e = scn_error(c, NULL, c->locs->tl_action_loc[j], path,
                                       a->value < sp->lo || a->value > sp->hi
                                           ? "value %s is outside the allowed range [%s, %s]"
                                           : "value %s is not a whole number in [%s, %s]",
                                       v, lo, hi);
            brink_error_hint(e, "%s", hint);
            continue;
        }
        a->index = -1;
    }
    /* actions in month order, items in file order within a month (stable) */
    for (int j = 1; j < lay->n_timeline; j++) {
        brink_timeline_action a = lay->timeline[j];
        int k = j - 1;
        while (k >= 0 && lay->timeline[k].month > a.month) {
            lay->timeline[k + 1] = lay->timeline[k];
            k--;
        }
        lay->timeline[k + 1] = a;
    }
}

void scn_write_timeline(const brink_scenario *sc, FILE *f)
{
    const brink_layout *lay = &sc->layout;
    if (lay->n_timeline_items == 0)
        return;
    fputs("\ntimeline:\n", f);
    for (int i = 0; i < lay->n_timeline_items; i++) {
        fprintf(f, "  - month: %d\n", lay->timeline_item_month[i]);
        if (lay->timeline_label[i][0]) {
            fputs("    label: ", f);
            scn_put_string(f, lay->timeline_label[i]);
            fputc('\n', f);
        }
        /* the actions of the item, grouped by kind, in stored order */
        for (int kind = 0; kind < BRINK_TL_COUNT; kind++) {
            int open = 0;
            for (int j = 0; j < lay->n_timeline; j++) {
                const brink_timeline_action *a = &lay->timeline[j];
                if (a->item != i || (int)a->kind != kind)
                    continue;
                switch (a->kind) {
                case BRINK_TL_POLICY:
                    fprintf(f, "    policy: %s\n", lay->id[BRINK_GROUP_POLICY][a->index]);
                    break;
                case BRINK_TL_LEADER:
                    fputs("    leader: {hardliners: ", f);
                    scn_put_number(f, a->value);
                    fputs("}\n", f);
                    break;
                default: {
                    static const char *const keys[] = {"", "senders", "patrons", "set", "shock"};
                    if (!open)
                        fprintf(f, "    %s: {", keys[kind]);
                    else
                        fputs(", ", f);
                    open = 1;
                    if (a->kind == BRINK_TL_SENDER)
                        fputs(lay->id[BRINK_GROUP_SENDER][a->index], f);
                    else if (a->kind == BRINK_TL_PATRON)
                        fputs(lay->id[BRINK_GROUP_PATRON][a->index], f);
                    else if (a->kind == BRINK_TL_SET)
                        fputs(a->path, f);
                    else if (a->sub >= 0)
                        fprintf(f, "prices.%s", lay->id[BRINK_GROUP_GOOD][a->sub]);
                    else
                        fputs(shock_names[a->index], f);
                    fputs(": ", f);
                    size_t off;
                    const brink_spec *sp = NULL;
                    if (a->kind == BRINK_TL_SET && brink_param_locate(lay, a->path, &off, &sp) == 0 &&
                        sp->kind == BRINK_SPEC_ENUM) {
                        char word[64];
                        brink_spec_enum_name(sp, (int)a->value, word, sizeof word);
                        fputs(word, f);
                    } else if (sp && sp->kind == BRINK_SPEC_BOOL) {
                        fputs(a->value != 0 ? "true" : "false", f);
                    } else {
                        scn_put_number(f, a->value);
                    }
                    break;
                }
                }
            }
            if (open)
                fputs("}\n", f);
        }
    }
}
