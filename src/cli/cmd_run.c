/* brink run: one trajectory, told as a story. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "brink/engine.h"
#include "brink/report.h"
#include "brink/run.h"
#include "cli/cli.h"
#include "cli/common.h"

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

static void month_label(const brink_scenario *sc, int t, char *buf, size_t size)
{
    int m = brink_scenario_start_month(sc) - 1 + t;
    snprintf(buf, size, "%04d-%02d", brink_scenario_start_year(sc) + m / 12, m % 12 + 1);
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

/* Month t's value of v (short for the tables below). */
static double row(const brink_run_result *r, int t, brink_var v)
{
    return brink_run_value(r, t, v);
}

static void print_story(const brink_scenario *sc, const brink_run_result *r, FILE *out)
{
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
        month_label(sc, t, lab, sizeof lab);
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
        month_label(sc, t, lab, sizeof lab);
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
    for (size_t i = 0; i < r->n_events; i++) {
        char text[512];
        brink_event_describe(sc, &r->events[i], &policy, text, sizeof text);
        month_label(sc, r->events[i].month, lab, sizeof lab);
        fprintf(out, "  %s  %s\n", lab, text);
        shown++;
    }
    if (!shown)
        fprintf(out, "  (none)\n");
    fprintf(out, "\n");

    const brink_summary *m = &r->summary;
    month_label(sc, m->outcome_month < 0 ? 0 : m->outcome_month, lab, sizeof lab);
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
    uint64_t seed = 1;
    int draw = 0;
    optind = 1;
    int c;
    while ((c = cli_getopt("run", argc, argv, "h", opts)) != -1) {
        switch (c) {
        case 'p': policy_name = optarg; break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &seed) != 0) {
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
        case 'd': draw = 1; break;
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
    int policy = cli_policy_index(sc, policy_name);
    if (policy < 0) {
        brink_scenario_free(sc);
        return 2;
    }

    int bad = report_path ? cli_check_writable("run", report_path) : 0;
    if (!bad && out_dir)
        bad = cli_check_writable_dir("run", out_dir, brink_run_files);
    if (bad) {
        brink_scenario_free(sc);
        return bad;
    }
    brink_error err;
    brink_error_clear(&err);
    brink_run_result *r = NULL;
    int rc = 0;
    if (brink_run_simulate(sc, policy, seed, draw, &r, &err) != BRINK_OK ||
        (out_dir && brink_run_write_dir(sc, r, out_dir, &err) != BRINK_OK))
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    if (rc == 0 && report_path) {
        brink_report_options ro;
        memset(&ro, 0, sizeof ro);
        ro.command = "run";
        ro.date = report_date;
        ro.run_policy = policy;
        ro.run_seed = seed;
        ro.run_draw = draw;
        if (brink_report_write(sc, &ro, report_path, &err) != BRINK_OK)
            rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (rc == 0) {
        if (strcmp(format, "json") == 0) {
            /* a write error on stdout is reported when it is closed */
            brink_run_write_json(sc, r, stdout, &err);
        } else {
            print_story(sc, r, stdout);
        }
    } else {
        char msg[2048];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink run: %s", msg);
    }
    brink_run_free(r);
    brink_scenario_free(sc);
    return rc;
}
