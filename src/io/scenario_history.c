/* The `history` section of a scenario: what happened in a past case (its
 * outcome and when) and observed series to set simulated paths against. */
#include <math.h>
#include <string.h>

#include "brink/engine.h"
#include "core/text.h"
#include "io/scenario_priv.h"
#include "io/yaml_util.h"

static const char *const history_keys[] = {"outcome", "outcome_month", "outcome_date",
                                           "policy",  "note",          "observed"};
#define N_HISTORY_KEYS (sizeof history_keys / sizeof history_keys[0])

static int var_index(const char *name)
{
    for (int v = 0; v < BRINK_VAR_COUNT; v++)
        if (strcmp(name, brink_var_name((brink_var)v)) == 0)
            return v;
    return -1;
}

static void hint_vars(brink_error *e, const char *name)
{
    if (!e)
        return; /* the list is full: no hint to look for */
    const char *names[BRINK_VAR_COUNT];
    for (int v = 0; v < BRINK_VAR_COUNT; v++)
        names[v] = brink_var_name((brink_var)v);
    const char *s = brink_suggest(name, names, BRINK_VAR_COUNT);
    if (s) {
        brink_error_hint(e, "did you mean '%s'?", s);
    } else {
        char list[256];
        yu_join(names, BRINK_VAR_COUNT, list, sizeof list);
        brink_error_hint(e, "state variables: %s", list);
    }
}

/* Reads a list of numbers into out (at most max); returns the count or -1. */
static int read_list(scn_ctx *c, yaml_node_t *node, const char *path, double *out, int max)
{
    if (node->type != YAML_SEQUENCE_NODE) {
        scn_wrong_type(c, node, path, "a list of numbers");
        return -1;
    }
    int n = 0, bad = 0;
    for (yaml_node_item_t *it = node->data.sequence.items.start;
         it < node->data.sequence.items.top; it++) {
        yaml_node_t *x = yaml_document_get_node(c->doc, *it);
        char ipath[300];
        yu_fmt(ipath, sizeof ipath, "%s[%d]", path, n);
        if (n >= max) {
            scn_error(c, x, scn_node_loc(x), ipath, "too many points (at most %d)", max);
            return -1;
        }
        if (scn_read_number(c, x, ipath, &out[n], NULL) != 0)
            bad = 1;
        n++;
    }
    return bad ? -1 : n;
}

static void read_series(scn_ctx *c, brink_history *h, const char *name,
                        const yaml_node_t *keynode, yaml_node_t *val)
{
    char path[128];
    yu_fmt(path, sizeof path, "history.observed.%s", name);
    if (var_index(name) < 0) {
        brink_error *e = scn_error(c, keynode, scn_node_loc(keynode), path,
                                   "unknown state variable '%s'", name);
        hint_vars(e, name);
        return;
    }
    if (h->n_series >= BRINK_HISTORY_SERIES) {
        scn_error(c, keynode, scn_node_loc(keynode), path, "too many observed series (at most %d)",
                  BRINK_HISTORY_SERIES);
        return;
    }
    if (val->type != YAML_MAPPING_NODE) {
        scn_wrong_type(c, val, path, "a mapping with months, values and source");
        return;
    }
    brink_history_series *s = &h->series[h->n_series];
    memset(s, 0, sizeof *s);
    yu_fmt(s->variable, sizeof s->variable, "%s", name);
    double months[BRINK_HISTORY_POINTS];
    int nm = -2, nv = -2;
    const yaml_node_t *mnode = val;
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *key = yu_text(k);
        char kpath[160];
        yu_fmt(kpath, sizeof kpath, "%s.%s", path, key ? key : "?");
        if (key && strcmp(key, "months") == 0) {
            nm = read_list(c, v, kpath, months, BRINK_HISTORY_POINTS);
            mnode = v;
        } else if (key && strcmp(key, "values") == 0) {
            nv = read_list(c, v, kpath, s->value, BRINK_HISTORY_POINTS);
        } else if (key && strcmp(key, "source") == 0) {
            scn_read_string(c, v, kpath, s->source, sizeof s->source);
        } else {
            static const char *const keys[] = {"months", "values", "source"};
            brink_error *e = scn_error(c, k, scn_node_loc(k), kpath, "unknown key '%s'",
                                       key ? key : "?");
            const char *sug = e && key ? brink_suggest(key, keys, 3) : NULL;
            if (e)
                brink_error_hint(e, sug ? "did you mean '%s'?" : "keys: months, values, source%s",
                                 sug ? sug : "");
        }
    }
    if (nm == -2 || nv == -2) {
        scn_error(c, val, scn_node_loc(val), path, "missing %s",
                  nm == -2 ? "'months'" : "'values'");
        return;
    }
    if (nm < 0 || nv < 0)
        return;
    if (nm != nv) {
        scn_error(c, mnode, scn_node_loc(mnode), path,
                  "%d months but %d values: the lists must have the same length", nm, nv);
        return;
    }
    for (int i = 0; i < nm; i++) {
        /* the range first: (int) of a number past INT_MAX is undefined */
        if (!(months[i] >= 0 && months[i] <= 600) || months[i] != floor(months[i]) ||
            (i > 0 && months[i] <= months[i - 1])) {
            brink_error *e = scn_error(c, mnode, scn_node_loc(mnode), path,
                                       "months must be increasing integers in [0, 600]");
            if (e)
                brink_error_hint(e, "month %d is %g", i, months[i]);
            return;
        }
        s->month[i] = (int)months[i];
    }
    s->n = nm;
    h->n_series++;
}

void scn_read_history(scn_ctx *c, yaml_node_t *val)
{
    brink_history *h = &c->sc->history;
    if (yu_is_null(val))
        return;
    if (val->type != YAML_MAPPING_NODE) {
        scn_wrong_type(c, val, "history", "a mapping");
        return;
    }
    memset(h, 0, sizeof *h);
    h->present = 1;
    h->outcome = -1;
    h->outcome_month = -1;
    h->policy = -1;
    for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(c->doc, p->value);
        const char *key = yu_text(k);
        char path[96];
        yu_fmt(path, sizeof path, "history.%s", key ? key : "?");
        if (!key) {
            scn_wrong_type(c, k, "history", "a key");
        } else if (strcmp(key, "outcome") == 0) {
            const char *s = yu_text(v);
            for (int o = 0; s && o < BRINK_OUTCOME_COUNT; o++)
                if (strcmp(s, brink_outcome_name((brink_outcome)o)) == 0)
                    h->outcome = o;
            if (h->outcome < 0) {
                brink_error *e = scn_error(c, v, scn_node_loc(v), path, "unknown outcome '%s'",
                                           s ? s : "?");
                const char *names[BRINK_OUTCOME_COUNT];
                for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
                    names[o] = brink_outcome_name((brink_outcome)o);
                const char *sug = s ? brink_suggest(s, names, BRINK_OUTCOME_COUNT) : NULL;
                char list[200];
                yu_join(names, BRINK_OUTCOME_COUNT, list, sizeof list);
                if (sug)
                    brink_error_hint(e, "did you mean '%s'?", sug);
                else
                    brink_error_hint(e, "one of %s", list);
            }
        } else if (strcmp(key, "outcome_month") == 0) {
            double m;
            if (scn_read_number(c, v, path, &m, "an integer month in [0, 600]") == 0) {
                if (!(m >= 0 && m <= 600) || m != floor(m)) {
                    brink_error *e = scn_error(c, v, scn_node_loc(v), path,
                                               "value %g is not an integer in [0, 600]", m);
                    (void)e;
                } else {
                    h->outcome_month = (int)m;
                }
            }
        } else if (strcmp(key, "outcome_date") == 0) {
            scn_read_string(c, v, path, h->outcome_date, sizeof h->outcome_date);
        } else if (strcmp(key, "note") == 0) {
            scn_read_string(c, v, path, h->note, sizeof h->note);
        } else if (strcmp(key, "policy") == 0) {
            const char *s = yu_text(v);
            h->policy = s ? scn_entity_index(c->sc, BRINK_GROUP_POLICY, s) : -1;
            if (h->policy < 0) {
                brink_error *e = scn_error(c, v, scn_node_loc(v), path, "unknown policy '%s'",
                                           s ? s : "?");
                scn_hint_ids(e, c->sc, BRINK_GROUP_POLICY, s ? s : "");
            }
        } else if (strcmp(key, "observed") == 0) {
            if (v->type != YAML_MAPPING_NODE) {
                scn_wrong_type(c, v, path, "a mapping of state variables");
                continue;
            }
            for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
                 q < v->data.mapping.pairs.top; q++) {
                yaml_node_t *sk = yaml_document_get_node(c->doc, q->key);
                yaml_node_t *sv = yaml_document_get_node(c->doc, q->value);
                const char *name = yu_text(sk);
                if (!name) {
                    scn_wrong_type(c, sk, path, "a state variable name");
                    continue;
                }
                read_series(c, h, name, sk, sv);
            }
        } else {
            brink_error *e = scn_error(c, k, scn_node_loc(k), path, "unknown key '%s'", key);
            const char *s = e ? brink_suggest(key, history_keys, N_HISTORY_KEYS) : NULL;
            if (e) {
                if (s) {
                    brink_error_hint(e, "did you mean '%s'?", s);
                } else {
                    char list[128];
                    yu_join(history_keys, N_HISTORY_KEYS, list, sizeof list);
                    brink_error_hint(e, "keys of history: %s", list);
                }
            }
        }
    }
    if (h->outcome < 0 || h->outcome_month < 0)
        scn_error(c, val, scn_node_loc(val), "history",
                  "a history needs both 'outcome' and 'outcome_month'");
}

void scn_write_history(const brink_scenario *sc, FILE *f)
{
    const brink_history *h = &sc->history;
    if (!h->present)
        return;
    fprintf(f, "\nhistory:\n  outcome: %s\n  outcome_month: %d\n",
            brink_outcome_name((brink_outcome)h->outcome), h->outcome_month);
    fputs("  outcome_date: ", f);
    scn_put_string(f, h->outcome_date);
    fputs("\n  note: ", f);
    scn_put_string(f, h->note);
    fputc('\n', f);
    if (h->policy >= 0)
        fprintf(f, "  policy: %s\n", sc->layout.id[BRINK_GROUP_POLICY][h->policy]);
    if (h->n_series == 0)
        return;
    fputs("  observed:\n", f);
    for (int i = 0; i < h->n_series; i++) {
        const brink_history_series *s = &h->series[i];
        fprintf(f, "    %s:\n      source: ", s->variable);
        scn_put_string(f, s->source);
        fputs("\n      months: [", f);
        for (int k = 0; k < s->n; k++)
            fprintf(f, "%s%d", k ? ", " : "", s->month[k]);
        fputs("]\n      values: [", f);
        for (int k = 0; k < s->n; k++) {
            if (k)
                fputs(", ", f);
            scn_put_number(f, s->value[k]);
        }
        fputs("]\n", f);
    }
}
