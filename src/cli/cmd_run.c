/* brink run: one trajectory, told as a story. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/brink.h"
#include "brink/engine.h"
#include "brink/report.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "core/atomic_file.h"

#define MAX_SETS 256

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink run [SCENARIO] [options]\n"
            "\n"
            "Simulates one trajectory of SCENARIO (a built-in name or a YAML file;\n"
            "default iran-2025) with the scenario's point values, and tells its story.\n"
            "\n"
            "options:\n"
            "  --policy P         policy to follow (default: the scenario's)\n"
            "  --seed N           random seed (default 1)\n"
            "  --months N         horizon in months (same as --set simulation.horizon_months=N)\n"
            "  --set PATH=VALUE   override a parameter (repeatable)\n"
            "  --draw             draw uncertain parameters instead of using point values\n"
            "  --out DIR          write DIR/monthly.csv, DIR/events.csv and DIR/summary.json\n"
            "  --format F         table (default) or json (the summary on stdout)\n"
            "  --report FILE      also write an HTML report of this run (docs/reports.md)\n"
            "  --date YYYY-MM-DD  the report's date (default: today or $BRINK_REPORT_DATE)\n"
            "  -h, --help         this text\n");
}

typedef struct {
    const brink_scenario *sc;
    int policy;
    uint64_t seed;
    int draw;
    int months;            /* rows recorded */
    double *rows;          /* months x BRINK_VAR_COUNT */
    brink_event *ev;
    size_t n_ev;
    brink_summary sum;
    int start_year, start_month;
    int final_policy;
} run_result;

static void month_label(const run_result *r, int t, char *buf, size_t size)
{
    int m = r->start_month - 1 + t;
    snprintf(buf, size, "%04d-%02d", r->start_year + m / 12, m % 12 + 1);
}

static double row(const run_result *r, int t, brink_var v)
{
    return r->rows[(size_t)t * BRINK_VAR_COUNT + (size_t)v];
}

/* A probability as an analyst reads it: "0.12", "<0.001". */
static const char *prob(double p, char *buf, size_t size)
{
    if (p < 0.001)
        snprintf(buf, size, "<0.001");
    else if (p > 0.999)
        snprintf(buf, size, ">0.999");
    else
        snprintf(buf, size, "%.3f", p);
    return buf;
}

static int simulate(run_result *r, brink_error *err)
{
    brink_sim *sim = brink_sim_alloc(r->sc, err);
    if (!sim)
        return 1;
    if (brink_sim_init(sim, r->policy, r->seed, 0, r->draw, 1, err) != BRINK_OK) {
        brink_sim_free(sim);
        return 2;
    }
    int H = brink_sim_horizon(sim);
    r->rows = calloc((size_t)(H + 1) * BRINK_VAR_COUNT, sizeof(double));
    if (!r->rows) {
        brink_sim_free(sim);
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return 1;
    }
    r->months = 0;
    int more = 1;
    while (more) {
        more = brink_sim_step(sim);
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            r->rows[(size_t)r->months * BRINK_VAR_COUNT + (size_t)v] =
                brink_sim_var(sim, (brink_var)v);
        r->months++;
    }
    r->sum = *brink_sim_summary(sim);
    r->final_policy = brink_sim_policy(sim);
    const brink_event *ev;
    size_t n = brink_sim_events(sim, &ev);
    brink_event *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!copy) {
        brink_sim_free(sim);
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        return 1;
    }
    memcpy(copy, ev, n * sizeof *copy);
    r->ev = copy;
    r->n_ev = n;
    brink_sim_free(sim);
    return 0;
}

static void print_story(const run_result *r, FILE *out)
{
    const brink_scenario *sc = r->sc;
    char lab[16];
    fprintf(out, "%s\n", brink_scenario_label(sc));
    fprintf(out, "policy: %s (%s)   seed: %" PRIu64 "   values: %s   scenario hash: %016" PRIx64
                 "\n\n",
            brink_scenario_policy_name(sc, r->policy),
            brink_scenario_entity_label(sc, BRINK_ENTITY_POLICY, r->policy), r->seed,
            r->draw ? "drawn" : "point", brink_scenario_hash(sc));

    double be = NAN;
    brink_scenario_get(sc, "target.fiscal.breakeven_usd_bn_year", &be, NULL);
    double be_mbpd = brink_scenario_breakeven_mbpd(sc);
    if (isfinite(be_mbpd))
        fprintf(out, "Key states (start of each year; fiscal break-even USD %.1f bn a year, "
                     "%.2f mbpd of crude)\n", be, be_mbpd);
    else
        fprintf(out, "Key states (start of each year; fiscal break-even USD %.1f bn a year)\n", be);
    /* the exchange rate's decimals follow its size at the start (rials or roubles) */
    double fx0 = row(r, 0, BRINK_VAR_FX_RATE);
    int fxd = cli_decimals("fx_rate", fx0);
    fprintf(out, "%-8s %5s %7s %8s %7s %8s %12s %7s %5s %5s %5s %5s %5s %5s\n", "month",
            "sanct", "exports", "income", "reserv", "infl", "fx rate", "GDP", "legit", "hardl",
            "bypas", "trust", "progr", "tens");
    fprintf(out, "%-8s %5s %7s %8s %7s %8s %12s %7s %5s %5s %5s %5s %5s %5s\n", "", "", "mbpd",
            "USD bn/y", "USD bn", "%/yr", "per USD", "USD bn", "", "", "", "", "", "");
    for (int t = 0; t < r->months; t++) {
        if (t % 12 != 0 && t != r->months - 1)
            continue;
        month_label(r, t, lab, sizeof lab);
        double income = 12.0 * row(r, t, BRINK_VAR_REVENUE);
        fprintf(out, "%-8s %5.2f %7.2f %7.*f%s %7.*f %8.1f %12.*f %7.*f %5.2f %5.2f %5.2f %5.2f "
                     "%5.2f %5.2f\n",
                lab, row(r, t, BRINK_VAR_SANCTIONS), row(r, t, BRINK_VAR_EXPORTS),
                CLI_MONEY_DECIMALS, income, income < be ? "<" : " ", CLI_MONEY_DECIMALS,
                row(r, t, BRINK_VAR_RESERVES), 100 * row(r, t, BRINK_VAR_INFLATION), fxd,
                row(r, t, BRINK_VAR_FX_RATE), CLI_MONEY_DECIMALS, row(r, t, BRINK_VAR_GDP),
                row(r, t, BRINK_VAR_LEGITIMACY), row(r, t, BRINK_VAR_HARDLINERS),
                row(r, t, BRINK_VAR_BYPASS), row(r, t, BRINK_VAR_TRUST),
                row(r, t, BRINK_VAR_PROGRAMME), row(r, t, BRINK_VAR_TENSION));
    }
    fprintf(out, "('<' marks the state's foreign-exchange income below the fiscal break-even)\n\n");

    /* one label and one unit per column, each right-aligned over its numbers */
    fprintf(out, "Why the target holds out or gives in: the cost of holding out against the\n"
                 "standing offer's value and its submission cost (start of each year)\n");
    fprintf(out, "%-8s %9s %12s %11s %11s %10s %9s\n", "month", "GDP loss", "holding out",
            "deal value", "submission", "durability", "P(accept)");
    fprintf(out, "%-8s %9s %12s %11s %11s %10s %9s\n", "", "% GDP/yr", "GDP-months",
            "GDP-months", "GDP-months", "share", "");
    for (int t = 0; t < r->months; t++) {
        if (t % 12 != 0 && t != r->months - 1)
            continue;
        month_label(r, t, lab, sizeof lab);
        char pb[16];
        fprintf(out, "%-8s %9.1f %12.2f %11.2f %11.2f %10.2f %9s\n", lab,
                100 * row(r, t, BRINK_VAR_LOSS), row(r, t, BRINK_VAR_MAINTENANCE),
                row(r, t, BRINK_VAR_DEAL_VALUE), row(r, t, BRINK_VAR_SUBMISSION),
                row(r, t, BRINK_VAR_DURABILITY), prob(row(r, t, BRINK_VAR_P_ACCEPT), pb, sizeof pb));
    }
    fprintf(out, "\n");

    fprintf(out, "Events\n");
    int policy = r->policy;
    size_t shown = 0;
    for (size_t i = 0; i < r->n_ev; i++) {
        char text[512];
        brink_event_describe(r->sc, &r->ev[i], &policy, text, sizeof text);
        month_label(r, r->ev[i].month, lab, sizeof lab);
        fprintf(out, "  %s  %s\n", lab, text);
        shown++;
    }
    if (!shown)
        fprintf(out, "  (none)\n");
    fprintf(out, "\n");

    const brink_summary *m = &r->sum;
    month_label(r, m->outcome_month < 0 ? 0 : m->outcome_month, lab, sizeof lab);
    fprintf(out, "Outcome: %s in month %d (%s): %s\n", brink_outcome_name(m->outcome),
            m->outcome_month, lab, m->cause);
    fprintf(out,
            "Totals: target GDP loss USD %.*f bn; sender cost USD %.*f bn; %d months below "
            "break-even;\n        reserves at the end USD %.*f bn; programme level %.2f; "
            "%d offers, %d accepted; %d incidents\n",
            CLI_MONEY_DECIMALS, m->gdp_loss_usd_bn, CLI_MONEY_DECIMALS, m->sender_cost_usd_bn,
            m->months_below_breakeven, CLI_MONEY_DECIMALS, m->reserves_end_usd_bn,
            m->programme_end, m->offers, m->accepts, m->incidents);
    fprintf(out, "        sender's estimate of the target's resolve: %.2f (true %.2f)\n",
            m->belief_end, m->resolve);
}

static json_t *summary_json(const run_result *r)
{
    const brink_scenario *sc = r->sc;
    const brink_summary *m = &r->sum;
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
    for (size_t i = 0; i < r->n_ev; i++) {
        const brink_event *e = &r->ev[i];
        char text[512];
        brink_event_describe(r->sc, e, &policy, text, sizeof text);
        json_t *o = json_object();
        json_object_set_new(o, "month", json_integer(e->month));
        json_object_set_new(o, "event", json_string(brink_event_name(e->kind)));
        json_object_set_new(o, "text", json_string(text));
        json_array_append_new(evs, o);
    }
    json_object_set_new(root, "events", evs);
    return root;
}

static brink_status write_csv(const run_result *r, const char *path, brink_error *err)
{
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err->code;
    fprintf(af.fp, "month,date");
    for (int v = 0; v < BRINK_VAR_COUNT; v++)
        fprintf(af.fp, ",%s", brink_var_name((brink_var)v));
    fprintf(af.fp, "\n");
    for (int t = 0; t < r->months; t++) {
        char lab[16];
        month_label(r, t, lab, sizeof lab);
        fprintf(af.fp, "%d,%s", t, lab);
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            fprintf(af.fp, ",%.10g", row(r, t, (brink_var)v));
        fprintf(af.fp, "\n");
    }
    return brink_atomic_commit(&af, err);
}

static brink_status write_events(const run_result *r, const char *path, brink_error *err)
{
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err->code;
    fprintf(af.fp, "month,date,event,subject,value,text\n");
    int policy = r->policy;
    for (size_t i = 0; i < r->n_ev; i++) {
        const brink_event *e = &r->ev[i];
        char lab[16], text[512];
        month_label(r, e->month, lab, sizeof lab);
        brink_event_describe(r->sc, e, &policy, text, sizeof text);
        fprintf(af.fp, "%d,%s,%s,%d,%.10g,\"", e->month, lab, brink_event_name(e->kind),
                e->subject, e->value);
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                fputc('"', af.fp);
            fputc(*c, af.fp);
        }
        fprintf(af.fp, "\"\n");
    }
    return brink_atomic_commit(&af, err);
}

static const char *const run_files[] = {"monthly.csv", "events.csv", "summary.json", NULL};

/* The monthly states, the events and the summary, one atomic set
 * (brink_atomic_dir_write). */
static brink_status write_files(const brink_atomic_dir *ad, void *ctx, brink_error *err)
{
    const run_result *r = ctx;
    char path[BRINK_PATH_MAX + 1];
    if (brink_atomic_dir_path(ad, "monthly.csv", path, sizeof path, err) != BRINK_OK ||
        write_csv(r, path, err) != BRINK_OK ||
        brink_atomic_dir_path(ad, "events.csv", path, sizeof path, err) != BRINK_OK ||
        write_events(r, path, err) != BRINK_OK ||
        brink_atomic_dir_path(ad, "summary.json", path, sizeof path, err) != BRINK_OK)
        return err->code;
    json_t *root = summary_json(r);
    brink_status st = cli_write_json_file(root, path, err);
    json_decref(root);
    return st;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"policy", required_argument, 0, 'p'}, {"seed", required_argument, 0, 's'},
        {"months", required_argument, 0, 'm'}, {"set", required_argument, 0, 'S'},
        {"out", required_argument, 0, 'o'},    {"format", required_argument, 0, 'f'},
        {"draw", no_argument, 0, 'd'},         {"help", no_argument, 0, 'h'},
        {"report", required_argument, 0, 'r'}, {"date", required_argument, 0, 'D'},
        {0, 0, 0, 0}};
    const char *policy_name = NULL, *out_dir = NULL, *format = "table";
    const char *report_path = NULL, *report_date = NULL;
    char *sets[MAX_SETS];
    int nsets = 0;
    char months_set[64];
    run_result r;
    memset(&r, 0, sizeof r);
    r.seed = 1;
    optind = 1;
    int c;
    while ((c = cli_getopt("run", argc, argv, "h", opts)) != -1) {
        switch (c) {
        case 'p': policy_name = optarg; break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &r.seed) != 0) {
                fprintf(stderr, "brink run: error: --seed: '%s' is not a non-negative integer\n",
                        optarg);
                return 2;
            }
            break;
        case 'm': {
            uint64_t v;
            if (cli_parse_u64(optarg, 1, CLI_MAX_MONTHS, &v) != 0) {
                fprintf(stderr, "brink run: error: --months: '%s' is not an integer in [1, %d]\n",
                        optarg, CLI_MAX_MONTHS);
                return 2;
            }
            snprintf(months_set, sizeof months_set, "simulation.horizon_months=%" PRIu64, v);
            if (nsets < MAX_SETS)
                sets[nsets++] = months_set;
            break;
        }
        case 'S':
            if (nsets >= MAX_SETS) {
                fprintf(stderr, "brink run: error: too many --set options (at most %d)\n", MAX_SETS);
                return 2;
            }
            sets[nsets++] = optarg;
            break;
        case 'o': out_dir = optarg; break;
        case 'f': format = optarg; break;
        case 'd': r.draw = 1; break;
        case 'r': report_path = optarg; break;
        case 'D': report_date = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return 2; /* cli_getopt said why */
        }
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink run: error: --format: '%s' is not one of table, json\n", format);
        return 2;
    }
    if (report_date && !report_path) {
        fprintf(stderr, "brink run: error: --date is for the report (--report FILE)\n");
        return 2;
    }
    if (report_path && cli_report_date("run", report_date, &report_date) != 0)
        return 2;
    const char *spec = NULL;
    if (optind < argc)
        spec = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "brink run: error: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    brink_scenario *sc = cli_load_scenario(spec, sets, nsets);
    if (!sc)
        return cli_last_status();
    r.sc = sc;
    r.policy = cli_policy_index(sc, policy_name);
    if (r.policy < 0) {
        brink_scenario_free(sc);
        return 2;
    }
    r.start_year = brink_scenario_start_year(sc);
    r.start_month = brink_scenario_start_month(sc);

    int bad = report_path ? cli_check_writable("run", report_path) : 0;
    if (!bad && out_dir)
        bad = cli_check_writable_dir("run", out_dir, run_files);
    if (bad) {
        brink_scenario_free(sc);
        return bad;
    }
    brink_error err;
    brink_error_clear(&err);
    int rc = simulate(&r, &err);
    if (rc == 0 && out_dir &&
        brink_atomic_dir_write(out_dir, run_files, write_files, &r, &err) != BRINK_OK)
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    if (rc == 0 && report_path) {
        brink_report_options ro;
        memset(&ro, 0, sizeof ro);
        ro.command = "run";
        ro.date = report_date;
        ro.run_policy = r.policy;
        ro.run_seed = r.seed;
        ro.run_draw = r.draw;
        if (brink_report_write(sc, &ro, report_path, &err) != BRINK_OK)
            rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (rc == 0) {
        if (strcmp(format, "json") == 0) {
            json_t *root = summary_json(&r);
            json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
            fputc('\n', stdout);
            json_decref(root);
        } else {
            print_story(&r, stdout);
        }
    } else {
        char msg[2048];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink run: %s", msg);
    }
    free(r.rows);
    free(r.ev);
    brink_scenario_free(sc);
    return rc;
}
