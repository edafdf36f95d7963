/* brink zopa: the zone of possible agreement over concessions x relief,
 * bundled and issue by issue, at a state of a run and over the scenario's
 * uncertainty. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/game_state.h"
#include "core/atomic_file.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink zopa [SCENARIO] [--policy P] [--month M] [--runs N] [--seed S]\n"
            "                  [--threads T] [--set PATH=VALUE]... [--out DIR]\n"
            "                  [--format table|json]\n"
            "\n"
            "The zone of possible agreement over concessions c x relief r, each in [0, 1]:\n"
            "the agreements that leave neither side worse off than none and one better\n"
            "off (target: deal value - submission cost x e^resolve, the choice rule;\n"
            "sender: the terms plus what the deal changes in its expected costs of war,\n"
            "strikes, the programme and sanctions), at the start of month M (default 0)\n"
            "of a point-value run of SCENARIO (default iran-2025). Bundled (one\n"
            "concession level on all the policy's issues) and unbundled (issue by\n"
            "issue): emptiness, area share and the Nash bargaining point; with --runs N,\n"
            "the probability of a zone over N runs with drawn values (95%% Wilson\n"
            "intervals). See docs/game.md.\n"
            "\n"
            "options:\n"
            "  --policy P          policy in force (default: the scenario's)\n"
            "  --month M           state month, 0..horizon (default 0)\n"
            "  --runs N            runs with drawn values, 0..1000000 (default 100; 0: none)\n"
            "  --seed S            seed (default 1)\n"
            "  --threads T         worker threads for the runs; 0 = every core (default 0)\n"
            "  --set PATH=VALUE    override a parameter (repeatable)\n"
            "  --out DIR           write DIR/zopa_grid.csv and DIR/zopa.json\n"
            "  --format F          table (default) or json\n"
            "  -h, --help          this text\n"
            "\n"
            "The runs give the same result for any number of threads. Ctrl-C stops them\n"
            "after the runs in progress; the completed runs are reported, marked partial,\n"
            "and the exit status is %d.\n",
            CLI_EXIT_INTERRUPTED);
}

#define GRID 101
#define ZOPA_MAX_THREADS 256
#define ZOPA_MAX_RUNS 1000000

static const char *issue_id(const brink_scenario *sc, int i)
{
    return brink_scenario_entity_id(sc, BRINK_ENTITY_ISSUE, i);
}

/* 'f': fixed, 4 decimals; 'g': 4 significant digits; "-" when not finite. */
static void fmt(char *buf, size_t size, double v, char f)
{
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (f == 'f')
        snprintf(buf, size, "%.4f", v);
    else
        snprintf(buf, size, "%.4g", v);
}

static void print_table(const brink_zopa *z, const brink_zopa_draws *d, const gs_options *o,
                        const gs_state *s)
{
    FILE *out = stdout;
    gs_print_header(out, "The zone of possible agreement (concessions x relief)", o, s);
    fprintf(out, "target's resolve %.3f (log units); sender's value of no deal %.4g (its expected "
                 "costs);\ngrid %dx%d\n\n",
            z->theta, z->value_no_deal, GRID, GRID);
    int nc = 1 + z->n_issues;
    const brink_zopa_slice *col[1 + BRINK_ZOPA_MAX_ISSUES];
    col[0] = &z->bundled;
    fprintf(out, "%-22s %12s", "", "bundled");
    for (int k = 0; k < z->n_issues; k++) {
        col[k + 1] = &z->unbundled[k];
        fprintf(out, " %12.12s", issue_id(s->sc, z->issue[k]));
    }
    fprintf(out, " %12s\n", "unbundled");
    char b[32];
#define ROW(label, expr, f, total)                                                          \
    do {                                                                                    \
        fprintf(out, "%-22s", label);                                                       \
        for (int k = 0; k < nc; k++) {                                                      \
            const brink_zopa_slice *x = col[k];                                             \
            fmt(b, sizeof b, (expr), f);                                                    \
            fprintf(out, " %12s", b);                                                       \
        }                                                                                   \
        fmt(b, sizeof b, (total), f);                                                       \
        fprintf(out, " %12s\n", b);                                                         \
    } while (0)
    fprintf(out, "%-22s", "zone");
    for (int k = 0; k < nc; k++)
        fprintf(out, " %12s", col[k]->nonempty ? "yes" : "empty");
    snprintf(b, sizeof b, "%d of %d", z->unbundled_nonempty, z->n_issues);
    fprintf(out, " %12s\n", b);
    ROW("area share", x->area, 'g', z->unbundled_area);
    ROW("grid share", x->grid_share, 'g', (double)NAN);
    ROW("margin", x->margin, 'g', (double)NAN);
    ROW("Nash: concession", x->nash_c, 'f', (double)NAN);
    ROW("Nash: relief", x->nash_r, 'f', z->unbundled_nonempty ? z->total_relief : (double)NAN);
    ROW("Nash: target gain", x->nash_target, 'g',
        z->unbundled_nonempty ? z->total_target : (double)NAN);
    ROW("Nash: sender gain", x->nash_sender, 'g',
        z->unbundled_nonempty ? z->total_sender : (double)NAN);
#undef ROW
    fprintf(out, "(unbundled: issues with a zone, sum of areas, sums at the Nash points; the "
                 "margin is the largest\n min(target gain, sender gain), each scaled by its "
                 "largest size: > 0 iff a zone)\n");
    if (d) {
        fprintf(out, "\nOver the scenario's uncertainty: %" PRIu64 " runs with drawn values at "
                     "month %d",
                d->runs, o->month);
        if (d->ended_early)
            fprintf(out, " (%" PRIu64 " ended earlier: last state used)", d->ended_early);
        if (d->partial)
            fprintf(out, "\nPARTIAL: interrupted after %" PRIu64 " of %" PRIu64 " runs",
                    d->runs, d->runs_requested);
        fprintf(out, "\n%-28s %8s %17s\n", "P(zone not empty)", "p", "95% Wilson");
        const struct {
            const char *name;
            uint64_t k;
            double lo, hi;
        } rows[3] = {{"bundled", d->bundled, d->bundled_lo, d->bundled_hi},
                     {"unbundled, some issue", d->unbundled_any, d->any_lo, d->any_hi},
                     {"unbundled, every issue", d->unbundled_all, d->all_lo, d->all_hi}};
        for (int i = 0; i < 3; i++)
            fprintf(out, "%-28s %8.3f    [%.3f, %.3f]\n", rows[i].name,
                    d->runs ? (double)rows[i].k / (double)d->runs : (double)NAN, rows[i].lo,
                    rows[i].hi);
        fprintf(out, "mean area share: bundled %.4g, unbundled (sum over issues) %.4g\n",
                d->bundled_area_mean, d->unbundled_area_mean);
    }
}

typedef struct {
    FILE *fp;
    const char *mode;
    const char *issue;
} csv_ctx;

static int csv_point(void *ctx, double c, double r, double t, double g, bool inside)
{
    csv_ctx *x = ctx;
    return fprintf(x->fp, "%s,%s,%.6g,%.6g,%.10g,%.10g,%d\n", x->mode, x->issue, c, r, t, g,
                   inside ? 1 : 0) < 0;
}

typedef struct {
    const brink_zopa *z;
    const brink_zopa_draws *d;
    const gs_options *o;
    const gs_state *s;
} zopa_set;

static const char *const zopa_files[] = {"zopa_grid.csv", "zopa.json", NULL};

/* The grid and the summary, one atomic set (brink_atomic_dir_write). */
static brink_status write_files(const brink_atomic_dir *ad, void *ctx, brink_error *err)
{
    const zopa_set *zs = ctx;
    const brink_zopa *z = zs->z;
    char path[BRINK_PATH_MAX + 1];
    if (brink_atomic_dir_path(ad, "zopa_grid.csv", path, sizeof path, err) != BRINK_OK)
        return err->code;
    brink_atomic_file af;
    if (brink_atomic_open(&af, path, err) != BRINK_OK)
        return err->code;
    fprintf(af.fp, "mode,issue,concession,relief,target_net,sender_gain,in_zopa\n");
    csv_ctx x = {af.fp, "bundled", ""};
    brink_status rc = brink_zopa_grid(zs->s->sim, -1, GRID, csv_point, &x, err);
    for (int k = 0; rc == BRINK_OK && k < z->n_issues; k++) {
        x.mode = "unbundled";
        x.issue = issue_id(zs->s->sc, z->issue[k]);
        rc = brink_zopa_grid(zs->s->sim, z->issue[k], GRID, csv_point, &x, err);
    }
    if (rc != BRINK_OK) {
        brink_atomic_abort(&af);
        return rc;
    }
    if (brink_atomic_commit(&af, err) != BRINK_OK)
        return err->code;
    if (brink_atomic_dir_path(ad, "zopa.json", path, sizeof path, err) != BRINK_OK ||
        brink_atomic_open(&af, path, err) != BRINK_OK)
        return err->code;
    brink_game_state at = gs_game_state(zs->o, zs->s);
    /* a failed write leaves the stream in error, which the commit reports */
    if (brink_zopa_write_json(zs->s->sc, &at, z, GRID, zs->d, af.fp, err) != BRINK_OK &&
        !ferror(af.fp)) {
        brink_atomic_abort(&af);
        return err->code;
    }
    return brink_atomic_commit(&af, err);
}

static brink_status write_outputs(const char *dir, const brink_zopa *z, const brink_zopa_draws *d,
                                  const gs_options *o, const gs_state *s, brink_error *err)
{
    zopa_set zs = {z, d, o, s};
    return brink_atomic_dir_write(dir, zopa_files, write_files, &zs, err);
}

int cmd_zopa(int argc, char **argv)
{
    gs_options o;
    gs_options_init(&o);
    const char *out_dir = NULL;
    long runs = 100;
    brink_zopa_run_options ro = {0, NULL};
    for (int i = 1; i < argc;) {
        int r;
        uint64_t n;
        const char *v;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = gs_parse_option("zopa", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_u64("zopa", argc, argv, &i, "--runs", 0, ZOPA_MAX_RUNS, &n)) !=
                   0) {
            if (r < 0)
                return 2;
            runs = (long)n;
        } else if ((r = cli_opt_u64("zopa", argc, argv, &i, "--threads", 0, ZOPA_MAX_THREADS,
                                    &n)) != 0) {
            if (r < 0)
                return 2;
            ro.threads = (int)n;
        } else if ((r = cli_opt_value("zopa", argc, argv, &i, "--out", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            out_dir = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", GS_OPTION_NAMES, "--runs",
                                                "--threads", "--out", NULL};
            cli_unknown_option("zopa", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink zopa: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    gs_state s;
    int rc = gs_open("zopa", &o, &s);
    if (rc)
        return rc;
    if (out_dir && (rc = cli_check_writable_dir("zopa", out_dir, zopa_files)) != 0) {
        gs_close(&s);
        return rc;
    }
    brink_zopa z;
    brink_zopa_draws d;
    brink_zopa_options opt;
    brink_zopa_options_default(&opt);
    opt.grid = GRID;
    brink_error err;
    brink_error_clear(&err);
    brink_status drawn = BRINK_OK;
    if (runs > 0) {
        ro.stop = cli_interrupt_begin();
        drawn = brink_zopa_uncertainty(s.sc, s.policy, o.month, o.seed, (uint64_t)runs, GRID,
                                       &ro, &d, &err);
        cli_interrupt_end();
        if (drawn == BRINK_OK && d.partial)
            fprintf(stderr, "brink zopa: interrupted: %" PRIu64 " of %" PRIu64
                            " runs completed; reporting those\n", d.runs, d.runs_requested);
    }
    const brink_zopa_draws *dp = runs > 0 ? &d : NULL;
    if (drawn != BRINK_OK || brink_zopa_compute(s.sim, &opt, &z, &err) != BRINK_OK ||
        (out_dir && write_outputs(out_dir, &z, dp, &o, &s, &err) != BRINK_OK)) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink zopa: %s", msg);
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    } else if (strcmp(o.format, "json") == 0) {
        brink_game_state at = gs_game_state(&o, &s);
        rc = gs_json_done(brink_zopa_write_json(s.sc, &at, &z, GRID, dp, stdout, &err));
    } else {
        print_table(&z, dp, &o, &s);
    }
    gs_close(&s);
    if (rc == 0 && runs > 0 && d.partial)
        rc = CLI_EXIT_INTERRUPTED;
    return rc;
}
