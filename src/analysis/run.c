/* One trajectory: simulation with every month kept, the JSON summary and the
 * files of `brink run --out`. */
#include "brink/run.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/brink.h"
#include "brink/report.h"
#include "core/atomic_file.h"
#include "core/json_out.h"

#define JSON_DIGITS 10 /* significant digits of reals */

void brink_run_free(brink_run_result *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r->events);
    free(r);
}

brink_status brink_run_simulate(const brink_scenario *sc, int policy, uint64_t seed, int draw,
                                brink_run_result **result, brink_error *err)
{
    *result = NULL;
    brink_run_result *r = calloc(1, sizeof *r);
    if (!r)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    r->policy = policy;
    r->seed = seed;
    r->draw = draw;
    brink_sim *sim = brink_sim_alloc(sc, err);
    if (!sim) {
        brink_run_free(r);
        return err ? err->code : BRINK_ERR_RUNTIME;
    }
    brink_status st = brink_sim_init(sim, policy, seed, 0, draw, 1, err);
    if (st != BRINK_OK) {
        brink_sim_free(sim);
        brink_run_free(r);
        return st;
    }
    int H = brink_sim_horizon(sim);
    r->rows = calloc((size_t)(H + 1) * BRINK_VAR_COUNT, sizeof(double));
    if (!r->rows) {
        brink_sim_free(sim);
        brink_run_free(r);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    int more = 1;
    while (more) {
        more = brink_sim_step(sim);
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            r->rows[(size_t)r->months * BRINK_VAR_COUNT + (size_t)v] =
                brink_sim_var(sim, (brink_var)v);
        r->months++;
    }
    r->summary = *brink_sim_summary(sim);
    r->final_policy = brink_sim_policy(sim);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    r->events = malloc((n ? n : 1) * sizeof *r->events);
    if (!r->events) {
        brink_sim_free(sim);
        brink_run_free(r);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    memcpy(r->events, ev, n * sizeof *r->events);
    r->n_events = n;
    brink_sim_free(sim);
    *result = r;
    return BRINK_OK;
}

/* ---- JSON ------------------------------------------------------------------ */

static json_t *summary_json(const brink_scenario *sc, const brink_run_result *r)
{
    const brink_summary *m = &r->summary;
    char hash[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc));
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    json_object_set_new(root, "scenario_hash", json_string(hash));
    json_object_set_new(root, "policy", json_string(brink_scenario_policy_name(sc, r->policy)));
    json_object_set_new(root, "final_policy",
                        json_string(brink_scenario_policy_name(sc, r->final_policy)));
    json_object_set_new(root, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(root, "values", json_string(r->draw ? "drawn" : "point"));
    json_object_set_new(root, "months", json_integer(r->months));
    json_object_set_new(root, "outcome", json_string(brink_outcome_name(m->outcome)));
    json_object_set_new(root, "outcome_month", json_integer(m->outcome_month));
    json_object_set_new(root, "cause", json_string(m->cause));
    json_object_set_new(root, "first_agreement_month",
                        m->first_agreement_month < 0 ? json_null()
                                                     : json_integer(m->first_agreement_month));
    json_object_set_new(root, "deal_month",
                        m->deal_month < 0 ? json_null() : json_integer(m->deal_month));
    json_t *tot = json_object();
    json_object_set_new(tot, "target_gdp_loss_usd_bn", json_real(m->gdp_loss_usd_bn));
    json_object_set_new(tot, "sender_cost_usd_bn", json_real(m->sender_cost_usd_bn));
    json_object_set_new(tot, "months_below_breakeven", json_integer(m->months_below_breakeven));
    json_object_set_new(tot, "reserves_end_usd_bn", json_real(m->reserves_end_usd_bn));
    json_object_set_new(tot, "programme_end", json_real(m->programme_end));
    json_object_set_new(tot, "trust_end", json_real(m->trust_end));
    json_object_set_new(tot, "belief_resolve_end", json_real(m->belief_end));
    json_object_set_new(tot, "resolve", json_real(m->resolve));
    json_object_set_new(tot, "offers", json_integer(m->offers));
    json_object_set_new(tot, "accepts", json_integer(m->accepts));
    json_object_set_new(tot, "incidents", json_integer(m->incidents));
    json_object_set_new(tot, "milestones_verified", json_integer(m->milestones_verified));
    json_object_set_new(tot, "elections", json_integer(m->elections));
    json_object_set_new(tot, "reversals", json_integer(m->reversals));
    json_object_set_new(root, "totals", tot);
    json_t *evs = json_array();
    int policy = r->policy;
    for (size_t i = 0; i < r->n_events; i++) {
        const brink_event *e = &r->events[i];
        char text[512];
        brink_event_describe(sc, e, &policy, text, sizeof text);
        json_t *o = json_object();
        json_object_set_new(o, "month", json_integer(e->month));
        json_object_set_new(o, "event", json_string(brink_event_name(e->kind)));
        json_object_set_new(o, "text", json_string(text));
        json_array_append_new(evs, o);
    }
    json_object_set_new(root, "events", evs);
    return root;
}

brink_status brink_run_write_json(const brink_scenario *sc, const brink_run_result *r,
                                  FILE *out, brink_error *err)
{
    return brink_json_write(summary_json(sc, r), out, JSON_DIGITS, err);
}

/* ---- Files ----------------------------------------------------------------- */

static void month_label(const brink_scenario *sc, int t, char *buf, size_t size)
{
    int m = brink_scenario_start_month(sc) - 1 + t;
    snprintf(buf, size, "%04d-%02d", brink_scenario_start_year(sc) + m / 12, m % 12 + 1);
}

/* A file's contents; BRINK_ERR_RUNTIME when they cannot be encoded (a
 * failed write leaves the stream in error, which the commit reports). */
typedef brink_status (*file_body)(FILE *f, const brink_scenario *sc, const brink_run_result *r);

static brink_status monthly_csv(FILE *f, const brink_scenario *sc, const brink_run_result *r)
{
    fprintf(f, "month,date");
    for (int v = 0; v < BRINK_VAR_COUNT; v++)
        fprintf(f, ",%s", brink_var_name((brink_var)v));
    fprintf(f, "\n");
    for (int t = 0; t < r->months; t++) {
        char lab[16];
        month_label(sc, t, lab, sizeof lab);
        fprintf(f, "%d,%s", t, lab);
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            fprintf(f, ",%.10g", brink_run_value(r, t, (brink_var)v));
        fprintf(f, "\n");
    }
    return BRINK_OK;
}

static brink_status events_csv(FILE *f, const brink_scenario *sc, const brink_run_result *r)
{
    fprintf(f, "month,date,event,subject,value,text\n");
    int policy = r->policy;
    for (size_t i = 0; i < r->n_events; i++) {
        const brink_event *e = &r->events[i];
        char lab[16], text[512];
        month_label(sc, e->month, lab, sizeof lab);
        brink_event_describe(sc, e, &policy, text, sizeof text);
        fprintf(f, "%d,%s,%s,%d,%.10g,\"", e->month, lab, brink_event_name(e->kind), e->subject,
                e->value);
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fprintf(f, "\"\n");
    }
    return BRINK_OK;
}

static brink_status summary_file(FILE *f, const brink_scenario *sc, const brink_run_result *r)
{
    return brink_json_write(summary_json(sc, r), f, JSON_DIGITS, NULL);
}

static brink_status write_file(const brink_atomic_dir *ad, const char *name, file_body body,
                               const brink_scenario *sc, const brink_run_result *r,
                               brink_error *err)
{
    char path[BRINK_PATH_MAX + 1];
    if (brink_atomic_dir_path(ad, name, path, sizeof path, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_INPUT;
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err ? err->code : BRINK_ERR_RUNTIME;
    if (body(af.fp, sc, r) != BRINK_OK) {
        brink_atomic_abort(&af);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL, "cannot encode JSON");
    }
    return brink_atomic_commit(&af, err); /* reports write errors */
}

const char *const brink_run_files[] = {"monthly.csv", "events.csv", "summary.json", NULL};

typedef struct {
    const brink_scenario *sc;
    const brink_run_result *r;
} dir_ctx;

static brink_status write_files(const brink_atomic_dir *ad, void *ctx, brink_error *err)
{
    const dir_ctx *d = ctx;
    static const file_body bodies[] = {monthly_csv, events_csv, summary_file};
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        brink_status st = write_file(ad, brink_run_files[i], bodies[i], d->sc, d->r, err);
        if (st != BRINK_OK)
            return st;
    }
    return BRINK_OK;
}

brink_status brink_run_write_dir(const brink_scenario *sc, const brink_run_result *r,
                                 const char *dir, brink_error *err)
{
    dir_ctx d = {sc, r};
    return brink_atomic_dir_write(dir, brink_run_files, write_files, &d, err);
}
