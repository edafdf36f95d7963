/* The lab's JSON API: requests read into scenarios and ensemble settings
 * (every problem a clear message with its position, path and range, as on
 * the command line), and results, parameters and stories written out. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "brink/report.h"
#include "core/json_out.h"
#include "core/text.h"
#include "model/scenario_model.h"
#include "io/yaml_util.h"
#include "model/spec.h"
#include "serve/serve.h"

#define UPLOAD_NAME "upload.yaml"
#define MAX_SETS 256

/* ---- Errors -------------------------------------------------------------- */

static json_t *error_item(const brink_error *e, const char *source)
{
    char text[2048];
    brink_error_format(e, source, text, sizeof text);
    return json_pack("{s:s, s:s, s:i, s:i, s:s, s:s, s:s}", "message", e->message, "file",
                     e->file, "line", e->line, "column", e->column, "path", e->path, "hint",
                     e->hint, "text", text);
}

json_t *serve_api_error(const char *message, const brink_error_list *errs, const char *source)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "error", json_string(message));
    if (errs) {
        json_t *a = json_array();
        for (int i = 0; i < errs->count; i++)
            json_array_append_new(a, error_item(&errs->items[i], source));
        json_object_set_new(o, "errors", a);
        if (errs->dropped)
            json_object_set_new(o, "more", json_integer(errs->dropped));
    }
    return o;
}

/* "what: first message (file:line:column)" from a list of problems. */
static json_t *errors_json(const char *what, const brink_error_list *errs, const char *source)
{
    char msg[2048];
    const brink_error *e = &errs->items[0];
    if (errs->count == 0)
        snprintf(msg, sizeof msg, "%s", what);
    else if (e->line > 0)
        snprintf(msg, sizeof msg, "%s: %s:%d:%d: %s%s%s", what, e->file, e->line, e->column,
                 e->path[0] ? e->path : "", e->path[0] ? ": " : "", e->message);
    else
        snprintf(msg, sizeof msg, "%s: %s%s%s", what, e->path[0] ? e->path : "",
                 e->path[0] ? ": " : "", e->message);
    return serve_api_error(msg, errs, source);
}

static json_t *one_error(const char *what, const brink_error *e, const char *source)
{
    brink_error_list *l = calloc(1, sizeof *l);
    if (!l)
        return serve_api_error("out of memory", NULL, NULL);
    brink_error_list_add(l, e);
    json_t *o = errors_json(what, l, source);
    free(l);
    return o;
}

static json_t *bad_field(const char *field, const char *detail)
{
    char msg[600];
    snprintf(msg, sizeof msg, "'%s': %s", field, detail);
    return serve_api_error(msg, NULL, NULL);
}

/* ---- Reading a request ---------------------------------------------------- */

static json_t *parse_body(const char *body, size_t len, json_t **error)
{
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        char msg[400];
        snprintf(msg, sizeof msg, "bad JSON at line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        *error = serve_api_error(msg, NULL, NULL);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        *error = serve_api_error("the request must be a JSON object", NULL, NULL);
        return NULL;
    }
    return root;
}

/* Refuses keys other than `known` (with a did-you-mean). */
static int check_keys(json_t *root, const char *const *known, size_t n, json_t **error)
{
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        int found = 0;
        for (size_t i = 0; i < n; i++)
            found |= strcmp(key, known[i]) == 0;
        if (found)
            continue;
        const char *s = brink_suggest(key, known, n);
        char msg[400];
        snprintf(msg, sizeof msg, "unknown field '%.100s'%s%s%s", key, s ? "; did you mean '" : "",
                 s ? s : "", s ? "'?" : "");
        *error = serve_api_error(msg, NULL, NULL);
        return -1;
    }
    return 0;
}

/* The scenario of a request: "scenario" (a built-in name) or "yaml" (the
 * text of an uploaded file), or the default case. */
static brink_scenario *request_scenario(json_t *root, json_t **error)
{
    json_t *name = json_object_get(root, "scenario"), *yaml = json_object_get(root, "yaml");
    if (name && yaml) {
        *error = serve_api_error("give 'scenario' (a built-in case) or 'yaml' (a scenario "
                                 "file's text), not both", NULL, NULL);
        return NULL;
    }
    brink_error_list *errs = calloc(1, sizeof *errs);
    if (!errs) {
        *error = serve_api_error("out of memory", NULL, NULL);
        return NULL;
    }
    brink_scenario *sc = NULL;
    if (yaml) {
        if (!json_is_string(yaml)) {
            *error = bad_field("yaml", "expected the text of a scenario file");
        } else {
            const char *text = json_string_value(yaml);
            sc = brink_scenario_load_string(text, json_string_length(yaml), UPLOAD_NAME, errs);
            if (!sc)
                *error = errors_json("the scenario has problems", errs, text);
        }
    } else if (name && !json_is_string(name)) {
        *error = bad_field("scenario", "expected the name of a built-in scenario");
    } else {
        const char *n = name ? json_string_value(name) : brink_builtin_name(0);
        sc = brink_scenario_load_builtin(n, errs);
        if (!sc)
            *error = errors_json("unknown scenario", errs, NULL);
    }
    free(errs);
    return sc;
}

/* An integer field in [lo, hi]: 1 and *out when present, 0 when absent, -1
 * with *error otherwise. */
static int int_field(json_t *root, const char *key, json_int_t lo, json_int_t hi,
                     json_int_t *out, json_t **error)
{
    json_t *v = json_object_get(root, key);
    if (!v)
        return 0;
    char msg[300];
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
        char got[64];
        if (json_is_integer(v))
            snprintf(got, sizeof got, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        else
            snprintf(got, sizeof got, "%s", json_is_real(v) ? "a fraction" : "not a number");
        snprintf(msg, sizeof msg, "'%s': %s is outside the allowed range [%" JSON_INTEGER_FORMAT
                                  ", %" JSON_INTEGER_FORMAT "] (a whole number)",
                 key, got, lo, hi);
        *error = serve_api_error(msg, NULL, NULL);
        return -1;
    }
    *out = json_integer_value(v);
    return 1;
}

/* One override PATH=VALUE through brink_scenario_set, as --set does. */
static int apply_set(brink_scenario *sc, const char *path, json_t *v, json_t **error)
{
    char value[1024];
    if (json_is_integer(v))
        snprintf(value, sizeof value, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        snprintf(value, sizeof value, "%.17g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(value, sizeof value, "%s", json_is_true(v) ? "true" : "false");
    else if (json_is_string(v) && json_string_length(v) < sizeof value &&
             !memchr(json_string_value(v), '\0', json_string_length(v)))
        snprintf(value, sizeof value, "%s", json_string_value(v));
    else {
        char msg[400];
        snprintf(msg, sizeof msg, "set: '%.255s': expected a number, true/false, or a YAML "
                                  "value of at most %zu bytes", path, sizeof value - 1);
        *error = serve_api_error(msg, NULL, NULL);
        return -1;
    }
    size_t plen = strlen(path), vlen = strlen(value);
    char *assign = malloc(plen + vlen + 2);
    if (!assign) {
        *error = serve_api_error("out of memory", NULL, NULL);
        return -1;
    }
    memcpy(assign, path, plen);
    assign[plen] = '=';
    memcpy(assign + plen + 1, value, vlen + 1);
    brink_error err;
    brink_error_clear(&err);
    int rc = 0;
    if (brink_scenario_set(sc, assign, &err) != BRINK_OK) {
        *error = one_error("bad parameter", &err, assign);
        rc = -1;
    }
    free(assign);
    return rc;
}

static int request_policies(json_t *root, const brink_scenario *sc, serve_request *req,
                            json_t **error)
{
    json_t *p = json_object_get(root, "policies");
    if (!p) {
        req->policies[0] = brink_scenario_default_policy(sc);
        req->npolicies = 1;
        return 0;
    }
    if (!json_is_array(p) || json_array_size(p) < 1 ||
        json_array_size(p) > BRINK_ENSEMBLE_MAX_POLICIES) {
        char msg[200];
        snprintf(msg, sizeof msg, "'policies': expected a list of 1 to %d policy names (the "
                                  "first is the baseline)", BRINK_ENSEMBLE_MAX_POLICIES);
        *error = serve_api_error(msg, NULL, NULL);
        return -1;
    }
    int n = brink_scenario_policy_count(sc);
    const char *names[BRINK_MAX_POLICIES];
    for (int i = 0; i < n && i < BRINK_MAX_POLICIES; i++)
        names[i] = brink_scenario_policy_name(sc, i);
    size_t k;
    json_t *v;
    json_array_foreach(p, k, v) {
        const char *name = json_is_string(v) ? json_string_value(v) : "";
        int idx = brink_scenario_policy_index(sc, name);
        if (idx < 0) {
            const char *s = brink_suggest(name, names, (size_t)n);
            char msg[600];
            snprintf(msg, sizeof msg, "'policies': unknown policy '%.100s'%s%s%s", name,
                     s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
            *error = serve_api_error(msg, NULL, NULL);
            return -1;
        }
        req->policies[k] = idx;
    }
    req->npolicies = (int)json_array_size(p);
    return 0;
}

static int request_client(json_t *root, serve_request *req, json_t **error)
{
    json_t *c = json_object_get(root, "client");
    req->client[0] = '\0';
    if (!c)
        return 0;
    const char *s = json_is_string(c) ? json_string_value(c) : NULL;
    size_t n = s ? strlen(s) : 0;
    int good = s && n >= 1 && n <= SERVE_CLIENT_MAX;
    for (size_t i = 0; good && i < n; i++)
        good = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
               (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_';
    if (!good) {
        char msg[200];
        snprintf(msg, sizeof msg, "'client': expected 1 to %d letters, digits, '-' or '_'",
                 SERVE_CLIENT_MAX);
        *error = serve_api_error(msg, NULL, NULL);
        return -1;
    }
    memcpy(req->client, s, n + 1);
    return 0;
}

void serve_api_peek_client(const char *body, size_t len, char client[SERVE_CLIENT_MAX + 1])
{
    client[0] = '\0';
    json_t *root = json_loadb(body, len, 0, NULL);
    json_t *c = json_object_get(root, "client");
    if (json_is_string(c) && json_string_length(c) <= SERVE_CLIENT_MAX)
        snprintf(client, SERVE_CLIENT_MAX + 1, "%s", json_string_value(c));
    json_decref(root);
}

int serve_api_parse_run(const char *body, size_t len, uint64_t max_runs, serve_request *req,
                        json_t **error)
{
    static const char *const known[] = {"client", "scenario", "yaml", "set",
                                        "policies", "months", "runs", "seed"};
    memset(req, 0, sizeof *req);
    json_t *root = parse_body(body, len, error);
    if (!root)
        return 400;
    json_int_t runs = 10000, seed = 1, months = 0;
    json_t *set = json_object_get(root, "set");
    int rc = -1;
    if (check_keys(root, known, sizeof known / sizeof known[0], error) != 0 ||
        request_client(root, req, error) != 0 ||
        int_field(root, "runs", 1, (json_int_t)max_runs, &runs, error) < 0 ||
        int_field(root, "seed", 0, INT64_MAX, &seed, error) < 0 ||
        int_field(root, "months", 1, 600, &months, error) < 0)
        goto out;
    if (set && (!json_is_object(set) || json_object_size(set) > MAX_SETS)) {
        char msg[200];
        snprintf(msg, sizeof msg, "'set': expected an object of at most %d {\"PATH\": VALUE} "
                                  "overrides", MAX_SETS);
        *error = serve_api_error(msg, NULL, NULL);
        goto out;
    }
    req->sc = request_scenario(root, error);
    if (!req->sc)
        goto out;
    /* --months first, as the command line does: overrides may follow it */
    if (months > 0) {
        json_t *m = json_integer(months);
        int bad = !m || apply_set(req->sc, "simulation.horizon_months", m, error) != 0;
        json_decref(m);
        if (bad)
            goto out;
    }
    const char *path;
    json_t *v;
    json_object_foreach(set, path, v) {
        if (apply_set(req->sc, path, v, error) != 0)
            goto out;
    }
    if (request_policies(root, req->sc, req, error) != 0)
        goto out;
    req->runs = (uint64_t)runs;
    req->seed = (uint64_t)seed;
    rc = 0;
out:
    json_decref(root);
    if (rc != 0) {
        brink_scenario_free(req->sc);
        req->sc = NULL;
        if (!*error)
            *error = serve_api_error("out of memory", NULL, NULL);
        return 400;
    }
    return 0;
}

/* ---- Parameters ------------------------------------------------------------- */

static void add_param(json_t *list, const brink_scenario *sc, const brink_params *pt,
                      const brink_param_draw *plan, size_t nplan, const char *path)
{
    size_t off;
    const brink_spec *sp;
    if (brink_param_locate(brink_scenario_layout(sc), path, &off, &sp) != 0)
        return;
    double value;
    memcpy(&value, (const char *)pt + off, sizeof value);
    static const char *const kinds[] = {"number", "integer", "boolean", "choice"};
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "path", path, "kind",
                          kinds[sp->kind], "unit", sp->kind == BRINK_SPEC_ENUM ? "" : sp->unit,
                          "lo", brink_json_num(sp->lo), "hi", brink_json_num(sp->hi), "plo",
                          brink_json_num(sp->plo), "phi", brink_json_num(sp->phi), "value",
                          brink_json_num(value), "doc", sp->doc);
    if (!o)
        return;
    if (sp->kind == BRINK_SPEC_ENUM) {
        json_t *choices = json_array();
        for (int i = 0; i < 64; i++) {
            char name[64];
            brink_spec_enum_name(sp, i, name, sizeof name);
            if (strcmp(name, "?") == 0) /* past the last choice */
                break;
            json_array_append_new(choices, json_string(name));
        }
        json_object_set_new(o, "choices", choices);
    }
    for (size_t i = 0; i < nplan; i++) {
        if (plan[i].off != off)
            continue;
        char d[128];
        brink_dist_format(plan[i].dist, d, sizeof d);
        json_object_set_new(o, "dist", json_string(d));
        break;
    }
    json_array_append_new(list, o);
}

static json_t *params_of(const brink_scenario *sc)
{
    const brink_layout *lay = brink_scenario_layout(sc);
    brink_params *pt = malloc(sizeof *pt);
    size_t cap = 8192;
    brink_param_draw *plan = malloc(cap * sizeof *plan);
    json_t *list = json_array();
    if (!pt || !plan || !list) {
        free(pt);
        free(plan);
        json_decref(list);
        return NULL;
    }
    brink_scenario_points(sc, pt);
    size_t nplan = brink_params_draw_plan(brink_scenario_values(sc), lay, plan, cap);
    if (nplan > cap)
        nplan = cap;
    char path[256];
    for (int g = 0; g < BRINK_GROUP_MILESTONE; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int nent = g == BRINK_GROUP_SCALAR ? 1 : lay->n[g];
        for (int e = 0; e < nent; e++) {
            for (size_t s = 0; s < gi->n_specs; s++) {
                const brink_spec *sp = &gi->specs[s];
                if (g == BRINK_GROUP_SCALAR) {
                    add_param(list, sc, pt, plan, nplan, sp->name);
                } else if (!sp->is_map) {
                    snprintf(path, sizeof path, "%s.%s.%s", gi->key, lay->id[g][e], sp->name);
                    add_param(list, sc, pt, plan, nplan, path);
                } else {
                    for (int k = 0; k < lay->n[sp->key_group]; k++) {
                        snprintf(path, sizeof path, "%s.%s.%s.%s", gi->key, lay->id[g][e],
                                 sp->name, lay->id[sp->key_group][k]);
                        add_param(list, sc, pt, plan, nplan, path);
                    }
                }
            }
        }
    }
    free(pt);
    free(plan);
    json_t *policies = json_array();
    for (int i = 0; i < brink_scenario_policy_count(sc); i++)
        json_array_append_new(policies, json_string(brink_scenario_policy_name(sc, i)));
    return json_pack("{s:s, s:s, s:I, s:o, s:i, s:o}", "scenario", brink_scenario_name(sc),
                     "label", brink_scenario_label(sc), "hash",
                     (json_int_t)(brink_scenario_hash(sc) >> 1), "policies", policies,
                     "default_policy", brink_scenario_default_policy(sc), "params", list);
}

json_t *serve_api_params(const char *name, json_t **error)
{
    brink_error_list *errs = calloc(1, sizeof *errs);
    if (!errs) {
        *error = serve_api_error("out of memory", NULL, NULL);
        return NULL;
    }
    brink_scenario *sc = brink_scenario_load_builtin(name ? name : brink_builtin_name(0), errs);
    json_t *out = NULL;
    if (!sc)
        *error = errors_json("unknown scenario", errs, NULL);
    else if (!(out = params_of(sc)))
        *error = serve_api_error("out of memory", NULL, NULL);
    brink_scenario_free(sc);
    free(errs);
    return out;
}

json_t *serve_api_check(const char *body, size_t len, int *status, json_t **error)
{
    static const char *const known[] = {"yaml"};
    *status = 400;
    json_t *root = parse_body(body, len, error);
    if (!root)
        return NULL;
    json_t *yaml = json_object_get(root, "yaml");
    if (check_keys(root, known, 1, error) != 0 || !yaml || !json_is_string(yaml)) {
        if (!*error)
            *error = bad_field("yaml", "expected the text of a scenario file");
        json_decref(root);
        return NULL;
    }
    brink_error_list *errs = calloc(1, sizeof *errs);
    json_t *out = NULL;
    if (errs) {
        const char *text = json_string_value(yaml);
        brink_scenario *sc =
            brink_scenario_load_string(text, json_string_length(yaml), UPLOAD_NAME, errs);
        if (sc) {
            out = params_of(sc);
            if (out)
                json_object_set_new(out, "ok", json_true());
        } else {
            out = errors_json("the scenario has problems", errs, text);
            if (out)
                json_object_set_new(out, "ok", json_false());
        }
        brink_scenario_free(sc);
        free(errs);
    }
    json_decref(root);
    if (!out) {
        *error = serve_api_error("out of memory", NULL, NULL);
        *status = 500;
        return NULL;
    }
    *status = 200;
    return out;
}

json_t *serve_api_scenarios(void)
{
    json_t *a = json_array();
    for (int i = 0; a && brink_builtin_name(i); i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "name", brink_builtin_name(i),
                                           "description", brink_builtin_description(i)));
    return a;
}

/* ---- Results ---------------------------------------------------------------- */

static json_t *summary_of(const brink_scenario *sc, const brink_ensemble_result *r)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    brink_status st = brink_ensemble_write_json(sc, r, r->npolicies > 1, f, NULL);
    int bad = fclose(f) != 0 || st != BRINK_OK;
    json_t *o = bad ? NULL : json_loadb(buf, n, 0, NULL);
    free(buf);
    return o;
}

/* The fans shown on the page: median and 90% band by month. */
static const brink_fan_var shown_fans[] = {BRINK_FAN_EXPORTS, BRINK_FAN_RESERVES,
                                           BRINK_FAN_INFLATION, BRINK_FAN_LEGITIMACY};

static json_t *curves_of(const brink_ensemble_result *r, int p)
{
    const brink_ensemble_policy *pol = &r->pol[p];
    json_t *deal = json_array(), *agree = json_array(), *fans = json_object();
    for (uint32_t m = 1; m <= r->horizon; m++) {
        double n = (double)pol->km_deal.n;
        json_array_append_new(
            deal, brink_json_num((double)brink_ensemble_events_by(&pol->km_deal, m) / n));
        json_array_append_new(
            agree, brink_json_num((double)brink_ensemble_events_by(&pol->km_agreement, m) / n));
    }
    static const double qs[3] = {0.05, 0.5, 0.95};
    static const char *const qn[3] = {"q05", "q50", "q95"};
    for (size_t k = 0; k < sizeof shown_fans / sizeof shown_fans[0]; k++) {
        json_t *v = json_object();
        for (int q = 0; q < 3; q++) {
            json_t *a = json_array();
            for (uint32_t t = 0; t < r->horizon; t++) {
                const brink_hist *h = brink_fan_cell_const(&pol->fan, (uint32_t)shown_fans[k], t);
                json_array_append_new(a, h->moments.n
                                             ? brink_json_num(brink_hist_quantile(h, qs[q], NULL))
                                             : json_null());
            }
            json_object_set_new(v, qn[q], a);
        }
        json_object_set_new(fans, brink_fan_var_name(shown_fans[k]), v);
    }
    return json_pack("{s:o, s:o, s:o}", "deal", deal, "agreement", agree, "fans", fans);
}

json_t *serve_api_result(const brink_scenario *sc, const brink_ensemble_result *r,
                         json_t *story)
{
    json_t *summary = summary_of(sc, r);
    if (!summary)
        return NULL;
    json_t *curves = json_array();
    for (int p = 0; p < r->npolicies; p++)
        json_array_append_new(curves, curves_of(r, p));
    return json_pack("{s:o, s:o, s:O?}", "summary", summary, "curves", curves, "story", story);
}

json_t *serve_api_story(const brink_scenario *sc, int policy, uint64_t seed)
{
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    if (!sim || brink_sim_init(sim, policy, seed, 0, 0, 1, NULL) != BRINK_OK) {
        brink_sim_free(sim);
        return NULL;
    }
    brink_sim_run(sim);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    json_t *events = json_array();
    int pol = policy;
    for (size_t i = 0; i < n; i++) {
        char text[512];
        brink_event_describe(sc, &ev[i], &pol, text, sizeof text);
        json_array_append_new(events, json_pack("{s:i, s:s, s:s}", "month", ev[i].month,
                                                "event", brink_event_name(ev[i].kind), "text",
                                                text));
    }
    const brink_summary *s = brink_sim_summary(sim);
    json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:o}", "policy",
                          brink_scenario_policy_name(sc, policy), "outcome",
                          brink_outcome_name(s->outcome), "month", s->outcome_month, "cause",
                          s->cause, "events", events);
    brink_sim_free(sim);
    return o;
}
