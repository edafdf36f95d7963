/* The HTML report: the data as one JSON object, the key findings in words,
 * the scenario's YAML and the provenance, poured into the embedded template
 * with the embedded Chart.js and the report's script (docs/reports.md).
 *
 * Every byte written is a pure function of the scenario, the options and the
 * ensemble result, except the date, which appears once, in the element
 * marked data-nondeterministic. */
#include "brink/report.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "brink/analysis_game.h"
#include "brink/brink.h"
#include "brink/game.h"
#include "core/atomic_file.h"
#include "model/scenario_model.h"
#include "report/assets.h"
#include "report/report_internal.h"

#define LEVEL 0.95
#define ZOPA_GRID 101

/* ---- Small helpers ---------------------------------------------------------- */

static json_t *jmonth(int m)
{
    return m == BRINK_KM_NOT_REACHED ? json_null() : json_integer(m);
}

static const char *scenario_title(const brink_scenario *sc)
{
    const char *l = brink_scenario_label(sc);
    return l && *l ? l : brink_scenario_name(sc);
}

int brink_report_date_valid(const char *d)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || day < 1 || day > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && day == 29 && !leap);
}

/* A growable byte buffer; `failed` latches an allocation failure. */
typedef struct {
    char *p;
    size_t len, cap;
    int failed;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->failed = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Text as HTML element content or attribute value. */
static void sb_html(sbuf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            sb_put(b, s + start, i - start);
            sb_str(b, rep);
            start = i + 1;
        }
    }
    sb_put(b, s + start, n - start);
}

static void sb_html_str(sbuf *b, const char *s)
{
    sb_html(b, s, strlen(s));
}

/* ---- What the fans show ------------------------------------------------------ */

typedef struct {
    brink_fan_var var;
    const char *label, *unit;
    double scale;  /* multiply values for display */
    int log;
} fan_meta;

static const fan_meta fans_shown[] = {
    {BRINK_FAN_EXPORTS, "Oil exports", "million barrels a day", 1, 0},
    {BRINK_FAN_RESERVES, "Foreign-exchange reserves", "USD bn", 1, 0},
    {BRINK_FAN_INFLATION, "Inflation", "% a year", 100, 0},
    {BRINK_FAN_FX_RATE, "Exchange rate", "local currency per USD, log scale", 1, 1},
    {BRINK_FAN_LEGITIMACY, "Regime legitimacy", "index, 0 to 1", 1, 0},
    {BRINK_FAN_HARDLINERS, "Hardliners' weight", "share, 0 to 1", 1, 0},
    {BRINK_FAN_BYPASS, "Sanctions-bypass capacity", "index, 0 to 1", 1, 0},
    {BRINK_FAN_TRUST, "Target's trust in the sender", "index, 0 to 1", 1, 0},
};
#define N_FANS (sizeof fans_shown / sizeof fans_shown[0])

static json_t *fan_vars_json(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < N_FANS; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "key", json_string(brink_fan_var_name(fans_shown[i].var)));
        json_object_set_new(o, "label", json_string(fans_shown[i].label));
        json_object_set_new(o, "unit", json_string(fans_shown[i].unit));
        json_object_set_new(o, "scale", json_real(fans_shown[i].scale));
        json_object_set_new(o, "log", json_boolean(fans_shown[i].log));
        json_array_append_new(a, o);
    }
    return a;
}

/* ---- Ensemble data ------------------------------------------------------------ */

static const char *const qnames[5] = {"q05", "q25", "q50", "q75", "q95"};
static const double qs[5] = {0.05, 0.25, 0.5, 0.75, 0.95};
static const int by_years[4] = {1, 2, 5, 10};

static json_t *policy_json(const brink_ensemble_result *r, int k, brink_km_result *kr)
{
    const brink_ensemble_policy *p = &r->pol[k];
    double z = brink_z_for_level(LEVEL);
    json_t *o = json_object();

    json_t *fin = json_object();
    for (int c = 0; c < BRINK_OUTCOME_COUNT; c++) {
        double pr, lo, hi;
        brink_categorical_interval(&p->outcomes, (uint32_t)c, z, &pr, &lo, &hi, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "p", brink_json_num(pr));
        json_object_set_new(e, "lo", brink_json_num(lo));
        json_object_set_new(e, "hi", brink_json_num(hi));
        json_object_set_new(e, "count", json_integer((json_int_t)p->outcomes.count[c]));
        json_object_set_new(fin, brink_outcome_name((brink_outcome)c), e);
    }
    json_object_set_new(o, "outcomes", fin);

    json_t *bm = json_object();
    for (int c = 0; c < BRINK_OUTCOME_COUNT; c++) {
        json_t *a = json_array();
        for (uint32_t t = 0; t < p->by_month.months; t++) {
            uint64_t tot = brink_outcome_by_month_total(&p->by_month, t);
            uint64_t n = p->by_month.counts[(size_t)t * p->by_month.ncat + (uint32_t)c];
            json_array_append_new(a, brink_json_num(brink_proportion(n, tot)));
        }
        json_object_set_new(bm, brink_outcome_name((brink_outcome)c), a);
    }
    json_object_set_new(o, "by_month", bm);

    brink_km_estimate(&p->km_deal, LEVEL, kr, NULL);
    json_t *sv = json_object(), *S = json_array(), *lo = json_array(), *hi = json_array();
    for (uint32_t t = 0; t <= kr->horizon; t++) {
        json_array_append_new(S, brink_json_num(kr->surv[t]));
        json_array_append_new(lo, brink_json_num(kr->lo[t]));
        json_array_append_new(hi, brink_json_num(kr->hi[t]));
    }
    json_object_set_new(sv, "S", S);
    json_object_set_new(sv, "lo", lo);
    json_object_set_new(sv, "hi", hi);
    json_object_set_new(sv, "median", jmonth(kr->median));
    json_object_set_new(sv, "median_lo", jmonth(kr->median_lo));
    json_object_set_new(sv, "median_hi", jmonth(kr->median_hi));
    json_object_set_new(o, "survival", sv);

    json_t *by = json_array();
    for (size_t i = 0; i < sizeof by_years / sizeof by_years[0]; i++) {
        uint32_t m = (uint32_t)(12 * by_years[i]);
        if (m > p->km_deal.horizon)
            continue;
        uint64_t x = brink_ensemble_events_by(&p->km_deal, m);
        double wl, wh;
        brink_wilson(x, p->km_deal.n, z, &wl, &wh, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "years", json_integer(by_years[i]));
        json_object_set_new(e, "months", json_integer(m));
        json_object_set_new(e, "p", brink_json_num(brink_proportion(x, p->km_deal.n)));
        json_object_set_new(e, "lo", brink_json_num(wl));
        json_object_set_new(e, "hi", brink_json_num(wh));
        json_array_append_new(by, e);
    }
    json_object_set_new(o, "deal_by", by);

    json_t *fans = json_object();
    double *q = malloc((size_t)r->horizon * 5 * sizeof *q);
    for (size_t i = 0; q && i < N_FANS; i++) {
        uint32_t v = (uint32_t)fans_shown[i].var;
        json_t *f = json_object();
        brink_fan_quantiles(&p->fan, v, qs, 5, q, NULL);
        for (int j = 0; j < 5; j++) {
            json_t *a = json_array();
            for (uint32_t t = 0; t < r->horizon; t++)
                json_array_append_new(a, brink_json_num(q[(size_t)t * 5 + (size_t)j]));
            json_object_set_new(f, qnames[j], a);
        }
        json_t *n = json_array();
        for (uint32_t t = 0; t < r->horizon; t++)
            json_array_append_new(
                n, json_integer((json_int_t)brink_fan_cell_const(&p->fan, v, t)->moments.n));
        json_object_set_new(f, "n", n);
        json_object_set_new(fans, brink_fan_var_name(fans_shown[i].var), f);
    }
    free(q);
    json_object_set_new(o, "fans", fans);

    json_t *costs = json_object();
    for (int c = 0; c < BRINK_COST_COUNT; c++) {
        const brink_hist *h = &p->cost[c];
        double ml, mh;
        brink_moments_mean_interval(&h->moments, LEVEL, &ml, &mh, NULL);
        json_t *e = json_object();
        json_object_set_new(e, "mean", brink_json_num(brink_moments_mean(&h->moments)));
        json_object_set_new(e, "lo", brink_json_num(ml));
        json_object_set_new(e, "hi", brink_json_num(mh));
        for (int j = 0; j < 5; j += 2)
            json_object_set_new(e, qnames[j], brink_json_num(brink_hist_quantile(h, qs[j], NULL)));
        json_object_set_new(costs, brink_cost_name((brink_cost)c), e);
    }
    json_object_set_new(o, "costs", costs);

    if (k > 0) {
        json_t *cmp = json_object(), *co = json_object();
        for (int c = 0; c < BRINK_OUTCOME_COUNT; c++) {
            brink_paired_diff d;
            brink_paired_prop_diff(&r->pair[k].outcome[c], LEVEL, &d, NULL);
            json_t *e = json_object();
            json_object_set_new(e, "diff", brink_json_num(d.diff));
            json_object_set_new(e, "lo", brink_json_num(d.lo));
            json_object_set_new(e, "hi", brink_json_num(d.hi));
            json_object_set_new(e, "discordant", json_integer((json_int_t)d.discordant));
            json_object_set_new(co, brink_outcome_name((brink_outcome)c), e);
        }
        json_object_set_new(cmp, "outcomes", co);
        json_t *cc = json_object();
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            double d, dl, dh;
            brink_paired_mean_diff(&r->pair[k].cost[c], LEVEL, &d, &dl, &dh, NULL);
            json_t *e = json_object();
            json_object_set_new(e, "diff", brink_json_num(d));
            json_object_set_new(e, "lo", brink_json_num(dl));
            json_object_set_new(e, "hi", brink_json_num(dh));
            json_object_set_new(cc, brink_cost_name((brink_cost)c), e);
        }
        json_object_set_new(cmp, "costs", cc);
        json_object_set_new(o, "vs_baseline", cmp);
    } else {
        json_object_set_new(o, "vs_baseline", json_null());
    }
    return o;
}

/* ---- The typical run ------------------------------------------------------------ */

static const brink_var run_vars[] = {
    BRINK_VAR_SANCTIONS,  BRINK_VAR_RELIEF,     BRINK_VAR_EXPORTS,    BRINK_VAR_RESERVES,
    BRINK_VAR_INFLATION,  BRINK_VAR_FX_RATE,    BRINK_VAR_LEGITIMACY, BRINK_VAR_HARDLINERS,
    BRINK_VAR_BYPASS,     BRINK_VAR_TRUST,      BRINK_VAR_TENSION,    BRINK_VAR_P_ACCEPT,
    BRINK_VAR_PROGRAMME,
};
#define N_RUN_VARS (sizeof run_vars / sizeof run_vars[0])

/* Lane of an event on the timeline. */
static const char *event_lane(brink_event_kind k)
{
    switch (k) {
    case BRINK_EV_OFFER:
    case BRINK_EV_MILESTONE_OFFER:
    case BRINK_EV_ENTRY_OFFER: return "offers";
    case BRINK_EV_ACCEPT:
    case BRINK_EV_REJECT:
    case BRINK_EV_MILESTONE_ACCEPT:
    case BRINK_EV_MILESTONE_REJECT:
    case BRINK_EV_ENTRY_SUCCESS:
    case BRINK_EV_ENTRY_FAILURE: return "answers";
    case BRINK_EV_MILESTONE_VERIFIED:
    case BRINK_EV_CHEATING_DETECTED:
    case BRINK_EV_DEAL: return "milestones";
    case BRINK_EV_TIGHTEN:
    case BRINK_EV_POLICY_SWITCH:
    case BRINK_EV_SENDER_DEFECTS:
    case BRINK_EV_SENDER_BACKS_DOWN:
    case BRINK_EV_TIMELINE: return "pressure";
    case BRINK_EV_THREAT:
    case BRINK_EV_SHOW_OF_FORCE:
    case BRINK_EV_STRIKE:
    case BRINK_EV_ULTIMATUM_LAPSED:
    case BRINK_EV_INCIDENT:
    case BRINK_EV_WAR: return "incidents";
    case BRINK_EV_ELECTION:
    case BRINK_EV_REVERSAL:
    case BRINK_EV_SENDER_BREAK:
    case BRINK_EV_BACKSLIDE_DETECTED:
    case BRINK_EV_COUP:
    case BRINK_EV_CIVIL_WAR:
    case BRINK_EV_REGIME_CRISIS: return "politics";
    case BRINK_EV_PATRON_CHANGE:
    case BRINK_EV_HYPERINFLATION:
    case BRINK_EV_RESERVES_FLOOR:
    case BRINK_EV_BELOW_BREAKEVEN: return "economy";
    case BRINK_EV_COUNT: break;
    }
    return "other";
}

static void month_label(const brink_scenario *sc, int t, char *buf, size_t size)
{
    int y = brink_scenario_start_year(sc);
    int m = brink_scenario_start_month(sc) - 1 + t;
    snprintf(buf, size, "%04d-%02d", y + m / 12, m % 12 + 1);
}

/* The month an outcome was reached, counted as the charts count months
 * (month m ends after m steps): a stalemate is reached at the horizon. */
static int outcome_month(const brink_summary *m)
{
    return m->outcome == BRINK_OUTCOME_STALEMATE ? m->outcome_month : m->outcome_month + 1;
}

typedef struct {
    int policy;
    uint64_t run;
    int draw;
    brink_summary sum;
} run_info;

/* Simulates (policy, seed, run, draw) with its events; returns its JSON. */
static json_t *run_json(const brink_scenario *sc, brink_sim *sim, int policy, uint64_t seed,
                        uint64_t run, int draw, run_info *info, brink_error *err)
{
    if (brink_sim_init(sim, policy, seed, run, draw, 1, err) != BRINK_OK)
        return NULL;
    int H = brink_sim_horizon(sim);
    json_t *series[N_RUN_VARS];
    for (size_t v = 0; v < N_RUN_VARS; v++)
        series[v] = json_array();
    int more = 1;
    while (more) {
        more = brink_sim_step(sim);
        for (size_t v = 0; v < N_RUN_VARS; v++)
            json_array_append_new(series[v], brink_json_num(brink_sim_var(sim, run_vars[v])));
    }
    const brink_summary *m = brink_sim_summary(sim);
    info->policy = policy;
    info->run = run;
    info->draw = draw;
    info->sum = *m;
    json_t *o = json_object();
    json_object_set_new(o, "policy", json_string(brink_scenario_policy_name(sc, policy)));
    json_object_set_new(o, "policy_label", json_string(report_policy_label(sc, policy)));
    json_object_set_new(o, "final_policy",
                        json_string(brink_scenario_policy_name(sc, brink_sim_policy(sim))));
    json_object_set_new(o, "seed", json_integer((json_int_t)seed));
    json_object_set_new(o, "run", json_integer((json_int_t)run));
    json_object_set_new(o, "values", json_string(draw ? "drawn" : "point"));
    json_object_set_new(o, "horizon_months", json_integer(H));
    json_object_set_new(o, "outcome", json_string(brink_outcome_name(m->outcome)));
    json_object_set_new(o, "outcome_month", json_integer(outcome_month(m)));
    json_object_set_new(o, "cause", json_string(m->cause));
    json_object_set_new(o, "deal_month", m->deal_month < 0 ? json_null()
                                                           : json_integer(m->deal_month + 1));
    json_t *tot = json_object();
    json_object_set_new(tot, "target_gdp_loss_usd_bn", brink_json_num(m->gdp_loss_usd_bn));
    json_object_set_new(tot, "sender_cost_usd_bn", brink_json_num(m->sender_cost_usd_bn));
    json_object_set_new(tot, "months_below_breakeven", json_integer(m->months_below_breakeven));
    json_object_set_new(tot, "offers", json_integer(m->offers));
    json_object_set_new(tot, "accepts", json_integer(m->accepts));
    json_object_set_new(tot, "incidents", json_integer(m->incidents));
    json_object_set_new(o, "totals", tot);
    json_t *ser = json_object();
    for (size_t v = 0; v < N_RUN_VARS; v++)
        json_object_set_new(ser, brink_var_name(run_vars[v]), series[v]);
    json_object_set_new(o, "series", ser);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    json_t *evs = json_array();
    int pol = policy;
    for (size_t i = 0; i < n; i++) {
        char text[512], lab[16];
        brink_event_describe(sc, &ev[i], &pol, text, sizeof text);
        month_label(sc, ev[i].month, lab, sizeof lab);
        json_t *e = json_object();
        json_object_set_new(e, "month", json_integer(ev[i].month + 1));
        json_object_set_new(e, "date", json_string(lab));
        json_object_set_new(e, "kind", json_string(brink_event_name(ev[i].kind)));
        json_object_set_new(e, "lane", json_string(event_lane(ev[i].kind)));
        json_object_set_new(e, "text", json_string(text));
        json_array_append_new(evs, e);
    }
    json_object_set_new(o, "events", evs);
    return o;
}

/* The modal final outcome of the baseline policy (ties: the first in the
 * order of brink_outcome). */
static int modal_outcome(const brink_ensemble_result *r)
{
    int best = 0;
    for (int c = 1; c < BRINK_OUTCOME_COUNT; c++)
        if (r->pol[0].outcomes.count[c] > r->pol[0].outcomes.count[best])
            best = c;
    return best;
}

/* The typical run: the first run r = 0, 1, ... of the ensemble (baseline
 * policy, drawn values, seed of the ensemble) whose final outcome is the
 * modal one. */
static json_t *typical_json(const brink_scenario *sc, const brink_report_options *opt,
                            run_info *info, brink_error *err)
{
    brink_sim *sim = brink_sim_alloc(sc, err);
    if (!sim)
        return NULL;
    json_t *o = NULL;
    char rule[512];
    if (opt->ens) {
        const brink_ensemble_result *r = opt->ens;
        int modal = modal_outcome(r);
        uint64_t found = UINT64_MAX;
        for (uint64_t k = 0; k < r->runs_done; k++) {
            if (brink_sim_init(sim, r->policies[0], r->seed, k, 1, 0, err) != BRINK_OK) {
                brink_sim_free(sim);
                return NULL;
            }
            brink_sim_run(sim);
            if ((int)brink_sim_summary(sim)->outcome == modal) {
                found = k;
                break;
            }
        }
        if (found == UINT64_MAX)
            found = 0; /* cannot happen: the modal outcome occurred */
        o = run_json(sc, sim, r->policies[0], r->seed, found, 1, info, err);
        snprintf(rule, sizeof rule,
                 "The first run (run 0, 1, 2, ... of the ensemble, drawn values, seed %" PRIu64
                 ") of the baseline policy whose final outcome is the most frequent one, %s "
                 "(ties go to the outcome listed first).",
                 r->seed, brink_outcome_name((brink_outcome)modal));
        if (o) {
            json_object_set_new(o, "modal_outcome",
                                json_string(brink_outcome_name((brink_outcome)modal)));
        }
    } else {
        o = run_json(sc, sim, opt->run_policy, opt->run_seed, 0, opt->run_draw, info, err);
        snprintf(rule, sizeof rule, "The run reported by brink run (seed %" PRIu64 ", %s values).",
                 opt->run_seed, opt->run_draw ? "drawn" : "point");
    }
    if (o)
        json_object_set_new(o, "rule", json_string(rule));
    brink_sim_free(sim);
    return o;
}

/* ---- The game layer ------------------------------------------------------------- */

static const char *const action_name[3] = {"tighten", "hold", "relax"};
static const char *const answer_name[3] = {"accept", "reject", "escalate"};

typedef struct {
    int ok;
    char note[600];
    int eq_count;
    int pure_action, pure_answer; /* first pure equilibrium, or -1 */
    int no_win;
} game_info;

static json_t *nowin_json(brink_sim *sim, game_info *gi, brink_error *err)
{
    brink_nowin nw;
    brink_game *g = NULL;
    brink_nash_result *res = NULL;
    gi->pure_action = gi->pure_answer = -1;
    if (brink_nowin_compute(sim, NULL, &nw, err) != BRINK_OK ||
        !(g = brink_nowin_game(&nw, err)) || !(res = brink_nash_result_alloc(err)) ||
        brink_nash_enumerate(g, NULL, res, err) != BRINK_OK) {
        brink_nash_result_free(res);
        brink_game_free(g);
        return NULL;
    }
    json_t *o = json_object();
    json_object_set_new(o, "sanctions", brink_json_num(nw.s_now));
    json_object_set_new(o, "resolve", brink_json_num(nw.theta));
    json_object_set_new(o, "relief", brink_json_num(nw.relief));
    json_object_set_new(o, "public", json_boolean(nw.is_public));
    json_object_set_new(o, "horizon_months", json_integer(nw.horizon));
    json_t *acts = json_array(), *ans = json_array();
    for (int i = 0; i < 3; i++) {
        json_array_append_new(acts, json_string(action_name[i]));
        json_array_append_new(ans, json_string(answer_name[i]));
    }
    json_object_set_new(o, "actions", acts);
    json_object_set_new(o, "answers", ans);
    json_t *cells = json_array();
    int rows = 0;
    for (int a = 0; a < 3; a++) {
        json_t *row = json_array();
        int all = 1;
        for (int b = 0; b < 3; b++) {
            json_t *c = json_object();
            json_object_set_new(c, "target", brink_json_num(nw.target[a][b]));
            json_object_set_new(c, "sender", brink_json_num(nw.sender[a][b]));
            json_object_set_new(c, "worse", json_boolean(nw.worse[a][b]));
            json_object_set_new(c, "p_war", brink_json_num(nw.p_war[a][b]));
            json_array_append_new(row, c);
            all &= nw.worse[a][b];
        }
        rows += all;
        json_array_append_new(cells, row);
    }
    json_object_set_new(o, "cells", cells);
    (void)rows;
    /* two verdicts (docs/game.md): against the pre-crisis value every cell
     * is worse by construction unless inducements outweigh the costs a deal
     * leaves; against the status quo the verdict is emergent */
    gi->no_win = nw.no_win;
    json_object_set_new(o, "no_win_pre_crisis", json_boolean(nw.no_win_pre_crisis));
    json_object_set_new(o, "no_win", json_boolean(nw.no_win));
    json_object_set_new(o, "status_quo", brink_json_num(nw.status_quo));
    json_object_set_new(o, "accept_worse", json_boolean(nw.accept_worse));
    json_object_set_new(o, "reject_worse", json_boolean(nw.reject_worse));
    json_object_set_new(o, "escalate_worse", json_boolean(nw.escalate_worse));
    json_t *eqs = json_array();
    for (size_t k = 0; k < res->count; k++) {
        const brink_equilibrium *e = &res->eq[k];
        json_t *x = json_array(), *y = json_array();
        for (int i = 0; i < 3; i++) {
            json_array_append_new(x, brink_json_num(e->x[i]));
            json_array_append_new(y, brink_json_num(e->y[i]));
        }
        json_t *q = json_object();
        json_object_set_new(q, "sender", x);
        json_object_set_new(q, "target", y);
        json_object_set_new(
            q, "payoffs",
            json_pack("[o, o]", brink_json_num(e->payoff[0]), brink_json_num(e->payoff[1])));
        int pure = e->support_size[0] == 1 && e->support_size[1] == 1;
        json_object_set_new(q, "pure", json_boolean(pure));
        if (pure && gi->pure_action < 0) {
            gi->pure_action = e->support[0][0];
            gi->pure_answer = e->support[1][0];
        }
        json_array_append_new(eqs, q);
    }
    gi->eq_count = (int)res->count;
    json_object_set_new(o, "equilibria", eqs);
    json_object_set_new(o, "degenerate", json_boolean(res->degenerate));
    brink_nash_result_free(res);
    brink_game_free(g);
    return o;
}

typedef struct {
    int n;
    double *net, *gain; /* [i * n + j]: concession i, relief j */
} grid_ctx;

static int grid_point(void *ctx, double c, double r, double t, double g, bool inside)
{
    (void)inside;
    grid_ctx *x = ctx;
    int i = (int)lround(c * (x->n - 1)), j = (int)lround(r * (x->n - 1));
    x->net[i * x->n + j] = t;
    x->gain[i * x->n + j] = g;
    return 0;
}

/* Crossing of zero between r0 (value f0) and r1 (f1), linearly. */
static double crossing(double r0, double f0, double r1, double f1)
{
    return f0 == f1 ? r0 : r0 + (r1 - r0) * f0 / (f0 - f1);
}

static json_t *slice_json(const brink_scenario *sc, brink_sim *sim, const brink_zopa_slice *s,
                          brink_error *err)
{
    grid_ctx g = {ZOPA_GRID, malloc(ZOPA_GRID * ZOPA_GRID * sizeof(double)),
                  malloc(ZOPA_GRID * ZOPA_GRID * sizeof(double))};
    if (!g.net || !g.gain || brink_zopa_grid(sim, s->issue, ZOPA_GRID, grid_point, &g, err) !=
                                 BRINK_OK) {
        free(g.net);
        free(g.gain);
        if (err && !err->message[0])
            brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    int n = g.n;
    json_t *o = json_object();
    json_object_set_new(o, "issue",
                        s->issue < 0
                            ? json_null()
                            : json_string(brink_scenario_entity_id(sc, BRINK_ENTITY_ISSUE, s->issue)));
    json_object_set_new(o, "label",
                        json_string(s->issue < 0
                                        ? "bundled: every issue of the policy"
                                        : brink_scenario_entity_label(sc, BRINK_ENTITY_ISSUE,
                                                                      s->issue)));
    json_object_set_new(o, "nonempty", json_boolean(s->nonempty));
    json_object_set_new(o, "area", brink_json_num(s->area));
    json_object_set_new(
        o, "nash",
        s->nonempty ? json_pack("{s:o, s:o, s:o, s:o}", "c", brink_json_num(s->nash_c), "r",
                                brink_json_num(s->nash_r), "target", brink_json_num(s->nash_target),
                                "sender", brink_json_num(s->nash_sender))
                    : json_null());
    json_t *cs = json_array(), *rt = json_array(), *rs = json_array();
    double best_t = -INFINITY, best_s = -INFINITY;
    for (int i = 0; i < n; i++) {
        const double *nt = g.net + i * n, *gs = g.gain + i * n;
        double c = (double)i / (n - 1);
        json_array_append_new(cs, json_real(c));
        /* least relief the target accepts (net rises with relief) */
        double t = NAN;
        if (nt[0] >= 0)
            t = 0;
        else
            for (int j = 1; j < n; j++)
                if (nt[j] >= 0) {
                    t = crossing((double)(j - 1) / (n - 1), nt[j - 1], (double)j / (n - 1), nt[j]);
                    break;
                }
        /* most relief the sender gives (its gain falls with relief) */
        double u = NAN;
        if (gs[n - 1] >= 0)
            u = 1;
        else
            for (int j = n - 2; j >= 0; j--)
                if (gs[j] >= 0) {
                    u = crossing((double)j / (n - 1), gs[j], (double)(j + 1) / (n - 1), gs[j + 1]);
                    break;
                }
        json_array_append_new(rt, brink_json_num(t));
        json_array_append_new(rs, brink_json_num(u));
        for (int j = 0; j < n; j++) {
            if (nt[j] > best_t)
                best_t = nt[j];
            if (gs[j] > best_s)
                best_s = gs[j];
        }
    }
    json_object_set_new(o, "concession", cs);
    json_object_set_new(o, "target_min_relief", rt);
    json_object_set_new(o, "sender_max_relief", rs);
    json_object_set_new(o, "target_best", brink_json_num(best_t));
    json_object_set_new(o, "sender_best", brink_json_num(best_s));
    free(g.net);
    free(g.gain);
    return o;
}

typedef struct {
    int ok;
    int bundled_nonempty, issues, issues_nonempty;
    int have_draws;
    brink_zopa_draws d;
} zopa_info;

static json_t *zopa_json(const brink_scenario *sc, brink_sim *sim, int policy, uint64_t seed,
                         uint64_t runs, zopa_info *zi, brink_error *err)
{
    brink_zopa *z = malloc(sizeof *z);
    if (!z) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return NULL;
    }
    brink_zopa_options zo;
    brink_zopa_options_default(&zo);
    zo.grid = ZOPA_GRID;
    if (brink_zopa_compute(sim, &zo, z, err) != BRINK_OK) {
        free(z);
        return NULL;
    }
    json_t *o = json_object();
    json_object_set_new(o, "resolve", brink_json_num(z->theta));
    json_t *slices = json_array();
    json_t *b = slice_json(sc, sim, &z->bundled, err);
    int failed = !b;
    json_array_append_new(slices, b);
    for (int k = 0; !failed && k < z->n_issues; k++) {
        json_t *s = slice_json(sc, sim, &z->unbundled[k], err);
        failed = !s;
        json_array_append_new(slices, s);
    }
    json_object_set_new(o, "slices", slices);
    zi->bundled_nonempty = z->bundled.nonempty;
    zi->issues = z->n_issues;
    zi->issues_nonempty = z->unbundled_nonempty;
    free(z);
    if (failed) {
        json_decref(o);
        return NULL;
    }
    zi->have_draws = 0;
    if (runs > 0) {
        if (brink_zopa_uncertainty(sc, policy, BRINK_REPORT_GAME_MONTH, seed, runs, ZOPA_GRID,
                                   NULL, &zi->d, err) != BRINK_OK) {
            json_decref(o);
            return NULL;
        }
        zi->have_draws = 1;
        const brink_zopa_draws *d = &zi->d;
        json_t *u = json_object();
        json_object_set_new(u, "runs", json_integer((json_int_t)d->runs));
        json_object_set_new(u, "ended_early", json_integer((json_int_t)d->ended_early));
        json_object_set_new(
            u, "bundled",
            json_pack("{s:o, s:o, s:o}", "p", brink_json_num(brink_proportion(d->bundled, d->runs)),
                      "lo", brink_json_num(d->bundled_lo), "hi", brink_json_num(d->bundled_hi)));
        json_object_set_new(u, "unbundled_any",
                            json_pack("{s:o, s:o, s:o}", "p",
                                      brink_json_num(brink_proportion(d->unbundled_any, d->runs)),
                                      "lo", brink_json_num(d->any_lo), "hi",
                                      brink_json_num(d->any_hi)));
        json_object_set_new(u, "unbundled_all",
                            json_pack("{s:o, s:o, s:o}", "p",
                                      brink_json_num(brink_proportion(d->unbundled_all, d->runs)),
                                      "lo", brink_json_num(d->all_lo), "hi",
                                      brink_json_num(d->all_hi)));
        json_object_set_new(o, "uncertainty", u);
    } else {
        json_object_set_new(o, "uncertainty", json_null());
    }
    zi->ok = 1;
    return o;
}

/* The no-win matrix and the ZOPA at month 12 of a run of the baseline policy
 * (point values and the report's seed; for brink run: the run itself). */
static json_t *game_json(const brink_scenario *sc, const brink_report_options *opt,
                         game_info *gi, zopa_info *zi)
{
    int policy = opt->ens ? opt->ens->policies[0] : opt->run_policy;
    uint64_t seed = opt->ens ? opt->ens->seed : opt->run_seed;
    int draw = opt->ens ? 0 : opt->run_draw;
    json_t *o = json_object();
    json_object_set_new(o, "month", json_integer(BRINK_REPORT_GAME_MONTH));
    json_object_set_new(o, "policy", json_string(brink_scenario_policy_name(sc, policy)));
    json_object_set_new(o, "policy_label", json_string(report_policy_label(sc, policy)));
    json_object_set_new(o, "seed", json_integer((json_int_t)seed));
    json_object_set_new(o, "values", json_string(draw ? "drawn" : "point"));
    brink_error err;
    brink_error_clear(&err);
    brink_sim *sim = brink_sim_alloc(sc, &err);
    if (!sim || brink_sim_init(sim, policy, seed, 0, draw, 0, &err) != BRINK_OK) {
        snprintf(gi->note, sizeof gi->note, "not computed: %.500s", err.message);
        json_object_set_new(o, "note", json_string(gi->note));
        json_object_set_new(o, "nowin", json_null());
        json_object_set_new(o, "zopa", json_null());
        brink_sim_free(sim);
        return o;
    }
    int H = brink_sim_horizon(sim);
    if (H < BRINK_REPORT_GAME_MONTH) {
        snprintf(gi->note, sizeof gi->note,
                 "not computed: the horizon (%d months) ends before month %d", H,
                 BRINK_REPORT_GAME_MONTH);
        json_object_set_new(o, "note", json_string(gi->note));
        json_object_set_new(o, "nowin", json_null());
        json_object_set_new(o, "zopa", json_null());
        brink_sim_free(sim);
        return o;
    }
    int reached = brink_game_advance(sim, BRINK_REPORT_GAME_MONTH);
    json_object_set_new(o, "month_reached", json_integer(reached));
    if (reached < BRINK_REPORT_GAME_MONTH) {
        const brink_summary *m = brink_sim_summary(sim);
        char note[400];
        snprintf(note, sizeof note,
                 "this run ended in month %d (%s) before month %d; its last state is used",
                 m->outcome_month + 1, brink_outcome_name(m->outcome), BRINK_REPORT_GAME_MONTH);
        json_object_set_new(o, "ended_early", json_string(note));
    } else {
        json_object_set_new(o, "ended_early", json_null());
    }
    json_t *nw = nowin_json(sim, gi, &err);
    if (nw) {
        gi->ok = 1;
        json_object_set_new(o, "nowin", nw);
        json_object_set_new(o, "nowin_note", json_null());
    } else {
        char note[600];
        snprintf(note, sizeof note, "The no-win matrix does not apply here: %.500s", err.message);
        json_object_set_new(o, "nowin", json_null());
        json_object_set_new(o, "nowin_note", json_string(note));
    }
    brink_error_clear(&err);
    int n_issues = 0;
    const brink_layout *lay = brink_scenario_layout(sc);
    for (int i = 0; i < lay->n[BRINK_GROUP_ISSUE]; i++)
        n_issues += (int)(lay->policy[policy].issue_mask >> i & 1u);
    json_t *zp = NULL;
    if (n_issues == 0)
        brink_error_set(&err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                        "the policy makes no demands, so there is nothing to bargain over");
    else
        zp = zopa_json(sc, sim, policy, seed, draw ? 0 : opt->zopa_runs, zi, &err);
    if (zp) {
        json_object_set_new(o, "zopa", zp);
        json_object_set_new(o, "zopa_note", json_null());
    } else {
        char note[600];
        snprintf(note, sizeof note, "The ZOPA does not apply here: %.500s", err.message);
        json_object_set_new(o, "zopa", json_null());
        json_object_set_new(o, "zopa_note", json_string(note));
    }
    brink_sim_free(sim);
    return o;
}

/* ---- Key findings ---------------------------------------------------------------- */

void report_add_finding(report_findings *f, const char *fmt, ...)
{
    if (f->n >= REPORT_MAX_FINDINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->text[f->n], sizeof f->text[f->n], fmt, ap);
    va_end(ap);
    f->n++;
}

/* "12.3%", or "<0.1%" / "0%" at the ends. */
static const char *pct(double p, char *buf, size_t size)
{
    if (!isfinite(p))
        snprintf(buf, size, "n/a");
    else if (p == 0)
        snprintf(buf, size, "0%%");
    else if (p < 0.001)
        snprintf(buf, size, "<0.1%%");
    else
        snprintf(buf, size, "%.1f%%", 100 * p);
    return buf;
}

/* "[a–b%]" */
static const char *ci(double lo, double hi, char *buf, size_t size)
{
    snprintf(buf, size, "[%.1f–%.1f%%]", 100 * lo, 100 * hi);
    return buf;
}

/* Share of runs with a first comprehensive deal within `months`. */
static double deal_by(const brink_ensemble_result *r, int k, uint32_t months, double *lo,
                      double *hi)
{
    const brink_km *km = &r->pol[k].km_deal;
    uint64_t x = brink_ensemble_events_by(km, months);
    brink_wilson(x, km->n, brink_z_for_level(LEVEL), lo, hi, NULL);
    return brink_proportion(x, km->n);
}

static void ensemble_findings(const brink_scenario *sc, const brink_ensemble_result *r,
                              report_findings *f)
{
    double z = brink_z_for_level(LEVEL);
    char a[32], b[32], c[48], d[48];
    uint32_t months = r->horizon >= 60 ? 60 : r->horizon;
    char span[48];
    if (months % 12 == 0)
        snprintf(span, sizeof span, "%u year%s", months / 12, months == 12 ? "" : "s");
    else
        snprintf(span, sizeof span, "%u months", months);
    const char *base = report_policy_label(sc, r->policies[0]);

    /* 1. the best policy for a deal against the baseline */
    int best = 0;
    double pbest = -1, lo0, hi0;
    double p0 = deal_by(r, 0, months, &lo0, &hi0);
    for (int k = 1; k < r->npolicies; k++) {
        double lo, hi, p = deal_by(r, k, months, &lo, &hi);
        if (p > pbest) {
            pbest = p;
            best = k;
        }
    }
    if (best > 0) {
        double lo, hi;
        double p = deal_by(r, best, months, &lo, &hi);
        report_add_finding(f,
                    "Under %s a comprehensive deal within %s is %s %s, against %s %s under %s.",
                    report_policy_label(sc, r->policies[best]), span, pct(p, a, sizeof a),
                    ci(lo, hi, c, sizeof c), pct(p0, b, sizeof b), ci(lo0, hi0, d, sizeof d),
                    base);
    } else {
        report_add_finding(f, "Under %s a comprehensive deal within %s is %s %s.", base, span,
                    pct(p0, a, sizeof a), ci(lo0, hi0, c, sizeof c));
    }

    /* 2. war */
    double pw, wl, wh;
    brink_categorical_interval(&r->pol[0].outcomes, BRINK_OUTCOME_WAR, z, &pw, &wl, &wh, NULL);
    if (best > 0) {
        brink_paired_diff dd;
        brink_paired_prop_diff(&r->pair[best].outcome[BRINK_OUTCOME_WAR], LEVEL, &dd, NULL);
        report_add_finding(f,
                    "War within the %u-month horizon: %s %s under %s; %s changes it by %+.1f "
                    "points [%+.1f, %+.1f] on the same runs.",
                    r->horizon, pct(pw, a, sizeof a), ci(wl, wh, c, sizeof c), base,
                    report_policy_label(sc, r->policies[best]), 100 * dd.diff, 100 * dd.lo,
                    100 * dd.hi);
    } else {
        report_add_finding(f, "War within the %u-month horizon: %s %s under %s.", r->horizon,
                    pct(pw, a, sizeof a), ci(wl, wh, c, sizeof c), base);
    }

    /* 3. the most likely outcome of each policy */
    char line[600];
    size_t used = 0;
    line[0] = '\0';
    for (int k = 0; k < r->npolicies && used < sizeof line; k++) {
        int m = 0;
        for (int o = 1; o < BRINK_OUTCOME_COUNT; o++)
            if (r->pol[k].outcomes.count[o] > r->pol[k].outcomes.count[m])
                m = o;
        double pm = brink_proportion(r->pol[k].outcomes.count[m], r->pol[k].outcomes.n);
        int n = snprintf(line + used, sizeof line - used, "%s%s %s (%s)",
                         k == 0 ? "" : (k == r->npolicies - 1 ? "; and " : "; "),
                         report_policy_label(sc, r->policies[k]),
                         brink_outcome_name((brink_outcome)m), pct(pm, a, sizeof a));
        if (n < 0)
            break;
        used += (size_t)n;
    }
    report_add_finding(f, "Most likely outcome at the horizon: %s.", line);

    /* 4. the squeeze on the baseline */
    const brink_hist *mb = &r->pol[0].cost[BRINK_COST_MONTHS_BELOW];
    const brink_hist *gl = &r->pol[0].cost[BRINK_COST_GDP_LOSS];
    report_add_finding(f,
                "Under %s exports stay below the fiscal break-even for a median of %.0f of %u "
                "months; the target's cumulative GDP loss averages USD %.1f bn.",
                base, brink_hist_quantile(mb, 0.5, NULL), r->horizon,
                brink_moments_mean(&gl->moments));
}

static void run_findings(const brink_scenario *sc, const run_info *ri, report_findings *f)
{
    const brink_summary *m = &ri->sum;
    report_add_finding(f, "This run of %s ends in %s in month %d: %s.", report_policy_label(sc, ri->policy),
                brink_outcome_name(m->outcome), outcome_month(m), m->cause);
    if (m->deal_month >= 0)
        report_add_finding(f, "A comprehensive deal was reached in month %d.", m->deal_month + 1);
    else
        report_add_finding(f, "No comprehensive deal was reached; %d offers were made and %d accepted.",
                    m->offers, m->accepts);
    report_add_finding(f,
                "Exports were below the fiscal break-even for %d months; the target's GDP loss "
                "came to USD %.1f bn and the sender's cost to USD %.1f bn.",
                m->months_below_breakeven, m->gdp_loss_usd_bn, m->sender_cost_usd_bn);
}

static void game_findings(const game_info *gi, const zopa_info *zi, report_findings *f)
{
    char a[32], c[48];
    if (gi->ok && gi->pure_action >= 0)
        report_add_finding(f,
                    "At month %d the stage game's equilibrium is (%s, %s)%s; against holding "
                    "out at today's sanctions, %s.",
                    BRINK_REPORT_GAME_MONTH, action_name[gi->pure_action],
                    answer_name[gi->pure_answer], gi->eq_count > 1 ? " among others" : "",
                    gi->no_win ? "every answer of the target is worse once the sender tightens "
                                 "after a refusal: a no-win position"
                               : "some answer of the target is not worse: not a no-win "
                                 "position");
    if (zi->ok) {
        char extra[200] = "";
        if (zi->have_draws)
            snprintf(extra, sizeof extra,
                     "; over %" PRIu64 " drawn runs a bundled zone exists in %s %s",
                     zi->d.runs, pct(brink_proportion(zi->d.bundled, zi->d.runs), a, sizeof a),
                     ci(zi->d.bundled_lo, zi->d.bundled_hi, c, sizeof c));
        report_add_finding(f,
                    "Zone of possible agreement at month %d: %s bundled, on %d of %d issues "
                    "unbundled%s.",
                    BRINK_REPORT_GAME_MONTH, zi->bundled_nonempty ? "present" : "empty",
                    zi->issues_nonempty, zi->issues, extra);
    }
}

/* ---- Assembly ----------------------------------------------------------------------- */

static void today(char out[11])
{
    time_t now = time(NULL);
    struct tm tmv;
    if (gmtime_r(&now, &tmv))
        strftime(out, 11, "%Y-%m-%d", &tmv);
    else
        snprintf(out, 11, "1970-01-01");
}

/* The JSON text with every '<' written \u003c, so that no "</script>" or
 * "<!--" can appear inside the script element. */
static void sb_json(sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '<');
        if (!q) {
            sb_str(b, p);
            return;
        }
        sb_put(b, p, (size_t)(q - p));
        sb_str(b, "\\u003c");
        p = q;
    }
}

static char *scenario_yaml(const brink_scenario *sc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    brink_error err;
    brink_status st = brink_scenario_write_yaml(sc, f, &err);
    if (fclose(f) != 0 || st != BRINK_OK) {
        free(text);
        return NULL;
    }
    return text;
}

static void provenance_html(sbuf *b, const brink_scenario *sc, const brink_report_options *opt,
                            const char *hash, const char *date)
{
    sb_str(b, "<dl class=\"prov\">\n");
    sb_printf(b, "<dt>Program</dt><dd>brink %s (<code>brink %s</code>)</dd>\n", brink_version(),
              opt->command);
    sb_str(b, "<dt>Scenario</dt><dd>");
    sb_html_str(b, brink_scenario_name(sc));
    sb_str(b, " — ");
    sb_html_str(b, scenario_title(sc));
    sb_printf(b, "</dd>\n<dt>Scenario hash</dt><dd><code>%s</code></dd>\n", hash);
    if (opt->ens) {
        const brink_ensemble_result *r = opt->ens;
        sb_printf(b, "<dt>Seed</dt><dd>%" PRIu64 "</dd>\n", r->seed);
        sb_printf(b, "<dt>Runs</dt><dd>%" PRIu64 " per policy%s", r->runs_done,
                  r->partial ? " (PARTIAL: interrupted" : "");
        if (r->partial)
            sb_printf(b, " after %" PRIu64 " of %" PRIu64 ")", r->runs_done, r->runs_requested);
        sb_printf(b, ", drawn parameters, horizon %u months</dd>\n", r->horizon);
        sb_str(b, "<dt>Policies</dt><dd>");
        for (int k = 0; k < r->npolicies; k++) {
            if (k)
                sb_str(b, ", ");
            sb_html_str(b, brink_scenario_policy_name(sc, r->policies[k]));
        }
        sb_str(b, " (the first is the baseline)</dd>\n");
    } else if (opt->explore) {
        const brink_report_exploration *x = opt->explore;
        sb_printf(b, "<dt>Seed</dt><dd>%" PRIu64 "</dd>\n", x->seed);
        sb_printf(b, "<dt>Design</dt><dd>%s, %d points%s, %d parameters</dd>\n", x->design,
                  x->points, x->partial ? " (PARTIAL: interrupted)" : "", x->d);
        sb_printf(b, "<dt>Runs</dt><dd>%" PRIu64 " per point%s, common random numbers; %" PRIu64
                     " run-months in all</dd>\n",
                  x->runs, x->kind == BRINK_REPORT_ROBUST ? " and policy" : "", x->run_months);
        sb_str(b, x->kind == BRINK_REPORT_ROBUST ? "<dt>Policies</dt><dd>" : "<dt>Policy</dt><dd>");
        int np = x->kind == BRINK_REPORT_ROBUST ? x->robust->np : 1;
        for (int k = 0; k < np; k++) {
            if (k)
                sb_str(b, ", ");
            sb_html_str(b, brink_scenario_policy_name(
                               sc, x->kind == BRINK_REPORT_ROBUST ? x->policies[k] : x->policy));
        }
        sb_str(b, "</dd>\n");
    } else {
        sb_printf(b, "<dt>Seed</dt><dd>%" PRIu64 "</dd>\n", opt->run_seed);
        sb_printf(b, "<dt>Runs</dt><dd>1 (%s values)</dd>\n", opt->run_draw ? "drawn" : "point");
        sb_str(b, "<dt>Policy</dt><dd>");
        sb_html_str(b, brink_scenario_policy_name(sc, opt->run_policy));
        sb_str(b, "</dd>\n");
    }
    if (opt->explore && !opt->ens)
        sb_str(b, "<dt>Intervals</dt><dd>95%: bootstrap percentile over the base samples "
                  "(Sobol) or trajectories (Morris); p-values: hypergeometric (PRIM)</dd>\n");
    else
        sb_str(b, "<dt>Intervals</dt><dd>95%: Wilson (probabilities), Newcombe (paired "
                  "differences), log-log (Kaplan–Meier)</dd>\n");
    sb_str(b, "<dt>Date</dt><dd><time id=\"report-date\" data-nondeterministic=\"date\">");
    sb_html_str(b, date);
    sb_str(b, "</time> <span class=\"muted\">(the only part of this file that changes from one "
              "day to the next)</span></dd>\n</dl>\n");
}

static brink_status fill_template(sbuf *out, const char *tpl, sbuf *const vals[],
                                  const char *const names[], int nvals)
{
    const char *p = tpl;
    for (;;) {
        const char *q = strstr(p, "@@");
        if (!q) {
            sb_str(out, p);
            break;
        }
        sb_put(out, p, (size_t)(q - p));
        int found = 0;
        for (int i = 0; i < nvals; i++) {
            size_t n = strlen(names[i]);
            if (strncmp(q + 2, names[i], n) == 0 && strncmp(q + 2 + n, "@@", 2) == 0) {
                sb_put(out, vals[i]->p ? vals[i]->p : "", vals[i]->len);
                p = q + 4 + n;
                found = 1;
                break;
            }
        }
        if (!found) {
            sb_str(out, "@@");
            p = q + 2;
        }
    }
    return out->failed ? BRINK_ERR_RUNTIME : BRINK_OK;
}

brink_status brink_report_write(const brink_scenario *sc, const brink_report_options *opt,
                                const char *path, brink_error *err)
{
    char date[11];
    if (opt->date) {
        if (!brink_report_date_valid(opt->date))
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "date '%s' is not a calendar date YYYY-MM-DD", opt->date);
        snprintf(date, sizeof date, "%s", opt->date);
    } else {
        today(date);
    }
    char hash[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc));
    const brink_ensemble_result *r = opt->ens;
    const brink_report_exploration *x = r ? NULL : opt->explore;

    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("brink-report/1"));
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "command", json_string(opt->command));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    json_object_set_new(root, "scenario_label", json_string(scenario_title(sc)));
    json_object_set_new(root, "scenario_hash", json_string(hash));
    json_object_set_new(root, "sender", json_string(brink_scenario_coalition_label(sc)));
    json_object_set_new(root, "target", json_string(brink_scenario_layout(sc)->target_label));
    json_object_set_new(root, "start",
                        json_pack("{s:i, s:i}", "year", brink_scenario_start_year(sc), "month",
                                  brink_scenario_start_month(sc)));
    double be = brink_scenario_breakeven_mbpd(sc);
    json_object_set_new(root, "breakeven_mbpd", isfinite(be) ? brink_json_num(be) : json_null());
    json_object_set_new(root, "level", json_real(LEVEL));
    json_t *outs = json_array();
    for (int c = 0; c < BRINK_OUTCOME_COUNT; c++)
        json_array_append_new(outs, json_string(brink_outcome_name((brink_outcome)c)));
    json_object_set_new(root, "outcome_names", outs);
    json_object_set_new(root, "fan_vars", fan_vars_json());

    json_t *pols = json_array();
    if (r) {
        for (int k = 0; k < r->npolicies; k++)
            json_array_append_new(pols, json_pack("{s:s, s:s}", "id",
                                                  brink_scenario_policy_name(sc, r->policies[k]),
                                                  "label", report_policy_label(sc, r->policies[k])));
        json_object_set_new(root, "seed", json_integer((json_int_t)r->seed));
        json_object_set_new(root, "runs", json_integer((json_int_t)r->runs_done));
        json_object_set_new(root, "runs_requested", json_integer((json_int_t)r->runs_requested));
        json_object_set_new(root, "partial", json_boolean(r->partial));
        json_object_set_new(root, "horizon_months", json_integer(r->horizon));
    } else if (x) {
        int np = x->kind == BRINK_REPORT_ROBUST ? x->robust->np : 1;
        for (int k = 0; k < np; k++) {
            int p = x->kind == BRINK_REPORT_ROBUST ? x->policies[k] : x->policy;
            json_array_append_new(pols, json_pack("{s:s, s:s}", "id",
                                                  brink_scenario_policy_name(sc, p), "label",
                                                  report_policy_label(sc, p)));
        }
        json_object_set_new(root, "seed", json_integer((json_int_t)x->seed));
        json_object_set_new(root, "runs", json_integer((json_int_t)x->runs));
        json_object_set_new(root, "runs_requested", json_integer((json_int_t)x->runs));
        json_object_set_new(root, "partial", json_boolean(x->partial));
        json_object_set_new(
            root, "horizon_months",
            json_integer((json_int_t)brink_scenario_values(sc)->s.simulation_horizon_months.point));
    } else {
        json_array_append_new(pols, json_pack("{s:s, s:s}", "id",
                                              brink_scenario_policy_name(sc, opt->run_policy),
                                              "label", report_policy_label(sc, opt->run_policy)));
        json_object_set_new(root, "seed", json_integer((json_int_t)opt->run_seed));
        json_object_set_new(root, "runs", json_integer(1));
        json_object_set_new(root, "runs_requested", json_integer(1));
        json_object_set_new(root, "partial", json_false());
    }
    json_object_set_new(root, "policies", pols);

    brink_status st = BRINK_OK;
    if (r) {
        brink_km_result *kr = malloc(sizeof *kr);
        if (!kr) {
            json_decref(root);
            return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        }
        json_t *res = json_array();
        for (int k = 0; k < r->npolicies; k++)
            json_array_append_new(res, policy_json(r, k, kr));
        free(kr);
        json_object_set_new(root, "ensemble", res);
    } else {
        json_object_set_new(root, "ensemble", json_null());
    }

    report_findings f;
    memset(&f, 0, sizeof f);
    if (x) {
        /* an exploration: its section, without a run or the game */
        json_object_set_new(root, "exploration", report_explore_json(sc, x));
        json_object_set_new(root, "typical", json_null());
        json_object_set_new(root, "game", json_null());
        report_explore_findings(sc, x, &f);
    } else {
        run_info ri;
        memset(&ri, 0, sizeof ri);
        json_t *typ = typical_json(sc, opt, &ri, err);
        if (!typ) {
            json_decref(root);
            return err ? err->code : BRINK_ERR_RUNTIME;
        }
        if (!r)
            json_object_set_new(
                root, "horizon_months",
                json_integer(json_integer_value(json_object_get(typ, "horizon_months"))));
        json_object_set_new(root, "typical", typ);
        json_object_set_new(root, "exploration", json_null());

        game_info gi;
        zopa_info zi;
        memset(&gi, 0, sizeof gi);
        memset(&zi, 0, sizeof zi);
        json_object_set_new(root, "game", game_json(sc, opt, &gi, &zi));
        if (r)
            ensemble_findings(sc, r, &f);
        else
            run_findings(sc, &ri, &f);
        game_findings(&gi, &zi, &f);
    }
    json_t *fj = json_array();
    for (int i = 0; i < f.n; i++)
        json_array_append_new(fj, json_string(f.text[i]));
    json_object_set_new(root, "findings", fj);

    char *data = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(6) | JSON_ESCAPE_SLASH);
    json_decref(root);
    char *yaml = scenario_yaml(sc);
    if (!data || !yaml) {
        free(data);
        free(yaml);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "cannot build the report's data");
    }

    sbuf v_title = {0}, v_sub = {0}, v_find = {0}, v_data = {0}, v_yaml = {0}, v_prov = {0},
         v_css = {0}, v_js = {0}, v_chart = {0}, v_ver = {0};
    sb_html_str(&v_title, scenario_title(sc));
    if (r) {
        if (r->npolicies > 1)
            sb_printf(&v_sub, "%d policies compared over the same %" PRIu64
                              " simulated runs each, %u months ahead",
                      r->npolicies, r->runs_done, r->horizon);
        else {
            sb_printf(&v_sub, "%" PRIu64 " simulated runs of ", r->runs_done);
            sb_html_str(&v_sub, report_policy_label(sc, r->policies[0]));
            sb_printf(&v_sub, ", %u months ahead", r->horizon);
        }
        if (r->partial)
            sb_str(&v_sub, " — PARTIAL: interrupted");
    } else if (x) {
        char sub[400];
        report_explore_subtitle(sc, x, sub, sizeof sub);
        sb_html_str(&v_sub, sub);
        if (x->partial)
            sb_str(&v_sub, " — PARTIAL: interrupted");
    } else {
        sb_str(&v_sub, "One simulated run of ");
        sb_html_str(&v_sub, report_policy_label(sc, opt->run_policy));
    }
    for (int i = 0; i < f.n; i++) {
        sb_str(&v_find, "<li>");
        sb_html_str(&v_find, f.text[i]);
        sb_str(&v_find, "</li>\n");
    }
    sb_json(&v_data, data);
    sb_html_str(&v_yaml, yaml);
    provenance_html(&v_prov, sc, opt, hash, date);
    sb_put(&v_css, brink_asset_css, brink_asset_css_len);
    sb_put(&v_js, brink_asset_js, brink_asset_js_len);
    sb_put(&v_chart, brink_asset_chartjs, brink_asset_chartjs_len);
    sb_str(&v_ver, brink_version());
    free(data);
    free(yaml);

    static const char *const names[] = {"TITLE", "SUBTITLE", "FINDINGS", "DATA",    "PARAMS",
                                        "PROVENANCE", "CSS", "REPORTJS", "CHARTJS", "VERSION"};
    sbuf *const vals[] = {&v_title, &v_sub, &v_find, &v_data, &v_yaml,
                          &v_prov,  &v_css, &v_js,   &v_chart, &v_ver};
    sbuf html = {0};
    st = fill_template(&html, brink_asset_template, vals, names, 10);
    int failed = 0;
    for (int i = 0; i < 10; i++) {
        failed |= vals[i]->failed;
        free(vals[i]->p);
    }
    if (st != BRINK_OK || failed) {
        free(html.p);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }

    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK) {
        free(html.p);
        return err ? err->code : BRINK_ERR_RUNTIME;
    }
    fwrite(html.p, 1, html.len, af.fp);
    free(html.p);
    return brink_atomic_commit(&af, err); /* reports a failed write, with its reason */
}
