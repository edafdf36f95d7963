/* brink claims: the seed's claims, verification and validation, on one or
 * more cases and over the plausible behaviour box. */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "brink/claims.h"
#include "brink/stats.h"
#include "cli/cli.h"
#include "cli/common.h"

#define MAX_SETS 256
#define DEFAULT_RUNS 4000
#define DEFAULT_BOX 100
#define DEFAULT_BOX_RUNS 800
#define QUICK_RUNS 100
#define QUICK_BOX 3
#define QUICK_BOX_RUNS 40


static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink claims [SCENARIO...] [options]\n"
            "\n"
            "Tests the seed's 16 claims. Five are verification: an equation of the model states\n"
            "them, so they are true by construction; unit tests check them (tests/unit/\n"
            "test_claims.c) and they are listed here, never counted as evidence. Eleven are\n"
            "validation: each is a paired experiment (the same runs in every arm, common random\n"
            "numbers) that changes one lever, over each case's full horizon, on each SCENARIO\n"
            "(default iran-2025), and again at each point of a Latin-hypercube sample of the\n"
            "plausible behaviour box (every behaviour.* parameter within its plausible range)\n"
            "on the first SCENARIO. A part of a claim holds when its effect is at least 2 points\n"
            "in the claimed direction with a 95%% interval that excludes zero; it fails when the\n"
            "interval lies short of 2 points; it is inconclusive otherwise, and untestable when\n"
            "the case lacks what the lever needs or the measure is at a floor or ceiling.\n"
            "Results are identical for any number of threads.\n"
            "\n"
            "options:\n"
            "  --runs N           paired runs per arm on each case (default %d)\n"
            "  --box K            Latin-hypercube points over the behaviour box (default %d;\n"
            "                     0 = no box)\n"
            "  --box-runs M       paired runs per arm at each box point (default %d)\n"
            "  --all              every built-in case (the box on the first, iran-2025)\n"
            "  --quick            small settings for tests: --runs %d --box %d --box-runs %d\n"
            "                     (options given explicitly win)\n"
            "  --seed N           random seed of the runs and of the box (default 1)\n"
            "  --claim K          claim K only (1-16)\n"
            "  --threads T        worker threads; 0 = every core (default 0)\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "  --set PATH=VALUE   override a parameter of every SCENARIO (repeatable)\n"
            "  --arm-set PATH=VALUE  override a parameter in every arm after the experiment's\n"
            "                     own overrides ('@' = each policy; repeatable)\n"
            "  --format F         table (default), markdown or json\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 when the claims were tested, whatever the verdicts (a claim that\n"
            "fails is a finding, not an error); 2 on bad input; 1 when they could not be run.\n",
            DEFAULT_RUNS, DEFAULT_BOX, DEFAULT_BOX_RUNS, QUICK_RUNS, QUICK_BOX, QUICK_BOX_RUNS);
}

typedef struct {
    int n;
    brink_scenario *sc[BRINK_CLAIMS_MAX_CASES];
    brink_claim_result *res; /* n x BRINK_CLAIMS */
    brink_claims_config cfg;
    int box_points;
    uint64_t box_runs;
    brink_claims_box box;
    int has_box;
} claims_run;

static const char *short_verdict(brink_verdict v)
{
    switch (v) {
    case BRINK_VERDICT_HOLDS: return "holds";
    case BRINK_VERDICT_FAILS: return "FAILS";
    case BRINK_VERDICT_INCONCLUSIVE: return "incon.";
    case BRINK_VERDICT_UNTESTABLE: return "n/t";
    case BRINK_VERDICT_NOT_RUN: break;
    }
    return "-";
}

static int shown(const claims_run *r, int id)
{
    return !r->cfg.only || r->cfg.only == id;
}

static int validation(int id)
{
    return brink_claim_info_get(id)->kind == BRINK_CLAIM_VALIDATION;
}

/* "0.312 -> 0.401" or, for a level, "0.012". */
static void levels_text(const brink_claim_test *t, char *buf, size_t size)
{
    if (t->expect == BRINK_EXPECT_NEAR_ZERO)
        snprintf(buf, size, "%.3f", t->variant);
    else
        snprintf(buf, size, "%.3f -> %.3f", t->base, t->variant);
}

static void box_text(const brink_claims_box_claim *b, char *buf, size_t size)
{
    if (!b->points) {
        snprintf(buf, size, "-");
        return;
    }
    snprintf(buf, size, "%.0f%% [%.0f%%, %.0f%%] (%d/%d/%d/%d)", 100 * b->share, 100 * b->lo,
             100 * b->hi, b->holds, b->fails, b->inconclusive, b->untestable);
}

/* ---- the claims table (the first case and the box) ------------------------ */

static void print_header(const claims_run *r, int md)
{
    const brink_scenario *sc = r->sc[0];
    printf("%sThe seed's claims: %s (%s)%s\n\n", md ? "### " : "", brink_scenario_name(sc),
           brink_scenario_label(sc), r->n > 1 ? " and the other cases" : "");
    printf("%" PRIu64 " paired runs per arm on each case, seed %" PRIu64
           ", 95%% intervals, minimum meaningful effect %.0f points.\n",
           r->cfg.runs, r->cfg.seed, 100 * BRINK_CLAIM_MIN_EFFECT);
    if (r->has_box)
        printf("Box: %d Latin-hypercube points over the plausible ranges of the %d behaviour "
               "parameters, %" PRIu64 " paired runs per arm at each point, on %s.\n",
               r->box.points, r->box.n_params, r->box.runs, brink_scenario_name(sc));
    if (r->has_box && !md)
        printf("box: the share of the box where a claim holds [95%% interval] "
               "(points where it holds/fails/is inconclusive/is untestable)\n");
    printf("\n");
}

static void print_claims_table(const claims_run *r, int md)
{
    const brink_claim_result *res = r->res; /* the first case */
    if (md) {
        printf("| # | claim | kind | on %s: levels, effect [95%% CI] | verdict | share of the box "
               "where it holds [95%% CI] (holds/fails/inconclusive/untestable) |\n",
               brink_scenario_name(r->sc[0]));
        printf("|---|---|---|---|---|---|\n");
    }
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        if (!shown(r, id))
            continue;
        const brink_claim_info *ci = brink_claim_info_get(id);
        const brink_claim_result *cr = &res[id - 1];
        char box[96];
        box_text(&r->box.claim[id - 1], box, sizeof box);
        if (!r->has_box)
            snprintf(box, sizeof box, "-");
        if (md) {
            printf("| %d | %s | %s | ", id, ci->claim, brink_claim_kind_name(ci->kind));
            if (!validation(id)) {
                printf("true by construction (unit test) | - | - |\n");
                continue;
            }
            if (cr->verdict == BRINK_VERDICT_UNTESTABLE && cr->n_tests == 0)
                printf("%s", cr->why);
            for (int k = 0; k < cr->n_tests; k++) {
                const brink_claim_test *t = &cr->test[k];
                char lv[64];
                levels_text(t, lv, sizeof lv);
                printf("%s(%c) %s: %s, %+.3f [%+.3f, %+.3f] %s", k ? "<br>" : "", 'a' + k,
                       t->what, lv, t->effect, t->lo, t->hi, brink_verdict_name(t->verdict));
                if (t->verdict == BRINK_VERDICT_UNTESTABLE && t->note[0])
                    printf(" (%s)", t->note);
            }
            printf(" | **%s** | %s |\n", brink_verdict_name(cr->verdict), box);
        } else {
            printf("%2d. %s\n    %s", id, ci->claim, brink_claim_kind_name(ci->kind));
            if (!validation(id)) {
                printf(": true by construction; %s\n\n", ci->check);
                continue;
            }
            printf(" [%s]  box: %s\n", cr->verdict == BRINK_VERDICT_HOLDS ? "HOLDS"
                                       : cr->verdict == BRINK_VERDICT_FAILS ? "FAILS"
                                                                         : brink_verdict_name(cr->verdict),
                   box);
            printf("    test: %s\n", ci->check);
            if (cr->changed[0])
                printf("    on %s: %s\n", brink_scenario_name(r->sc[0]), cr->changed);
            for (int k = 0; k < cr->n_tests; k++) {
                const brink_claim_test *t = &cr->test[k];
                printf("    (%c) %s: %s\n", 'a' + k, t->what, brink_verdict_name(t->verdict));
                if (t->expect == BRINK_EXPECT_NEAR_ZERO)
                    printf("        level %.4f [%.4f, %.4f] %s (n %" PRIu64 ")", t->effect, t->lo,
                           t->hi, t->unit, t->n);
                else
                    printf("        %s %.4f, %s %.4f; effect %+.4f [%+.4f, %+.4f] %s (n %" PRIu64
                           ")",
                           t->base_label, t->base, t->variant_label, t->variant, t->effect, t->lo,
                           t->hi, t->unit, t->n);
                if (isfinite(t->premise))
                    printf("; premise %.3f", t->premise);
                printf("\n");
                if (t->note[0])
                    printf("        %s\n", t->note);
            }
            if (cr->verdict == BRINK_VERDICT_UNTESTABLE && cr->n_tests == 0)
                printf("    untestable: %s\n", cr->why);
            printf("    why: %s\n", ci->explanation);
            const brink_claims_box_claim *b = &r->box.claim[id - 1];
            if (r->has_box && b->n_drivers > 0) {
                printf("    where in the box (Spearman with the margin, * beyond chance at |rho| > "
                       "%.2f; holds in lower / upper half):\n",
                       b->rho_critical);
                for (int k = 0; k < b->n_drivers; k++)
                    printf("      %-44s %+.2f%s %3.0f%% / %3.0f%%\n", b->driver[k].path,
                           b->driver[k].rho, fabs(b->driver[k].rho) > b->rho_critical ? "*" : " ",
                           100 * b->driver[k].held_low, 100 * b->driver[k].held_high);
            }
            printf("\n");
        }
    }
    if (md)
        printf("\n");
}

/* ---- every case ---------------------------------------------------------------- */

static void print_cases(const claims_run *r, int md)
{
    if (md) {
        printf("| case |");
        for (int id = 1; id <= BRINK_CLAIMS; id++)
            if (shown(r, id) && validation(id))
                printf(" %d |", id);
        printf("\n|---|");
        for (int id = 1; id <= BRINK_CLAIMS; id++)
            if (shown(r, id) && validation(id))
                printf("---|");
        printf("\n");
    } else {
        printf("Per case (holds, FAILS, incon. = inconclusive, n/t = untestable):\n\n%-20s", "case");
        for (int id = 1; id <= BRINK_CLAIMS; id++)
            if (shown(r, id) && validation(id))
                printf(" %6d", id);
        printf("\n");
    }
    for (int c = 0; c < r->n; c++) {
        printf(md ? "| %s |" : "%-20s", brink_scenario_name(r->sc[c]));
        for (int id = 1; id <= BRINK_CLAIMS; id++)
            if (shown(r, id) && validation(id))
                printf(md ? " %s |" : " %6s", short_verdict(r->res[c * BRINK_CLAIMS + id - 1].verdict));
        printf("\n");
    }
    printf(md ? "| **holds / testable** |" : "%-20s", "holds/testable");
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        if (!(shown(r, id) && validation(id)))
            continue;
        int held = 0, testable = 0;
        for (int c = 0; c < r->n; c++) {
            brink_verdict v = r->res[c * BRINK_CLAIMS + id - 1].verdict;
            held += v == BRINK_VERDICT_HOLDS;
            testable += v != BRINK_VERDICT_UNTESTABLE;
        }
        char buf[32];
        snprintf(buf, sizeof buf, "%d/%d", held, testable);
        printf(md ? " %s |" : " %6s", buf);
    }
    printf("\n\n");
    /* where and why */
    printf(md ? "#### Where and why a claim does not hold\n\n" : "Where and why a claim does not hold:\n");
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        if (!(shown(r, id) && validation(id)))
            continue;
        for (int c = 0; c < r->n; c++) {
            const brink_claim_result *cr = &r->res[c * BRINK_CLAIMS + id - 1];
            if (cr->verdict == BRINK_VERDICT_HOLDS)
                continue;
            printf(md ? "- claim %d, %s, %s: %s\n" : "  %2d %-18s %-12s %s\n", id,
                   brink_scenario_name(r->sc[c]), brink_verdict_name(cr->verdict), cr->why);
        }
    }
    printf("\n");
}

static void print_drivers_md(const claims_run *r)
{
    printf("#### Where in the box each claim holds\n\n"
           "The three behaviour parameters whose values go most with the claim's margin (the "
           "smallest excess of an effect over the minimum effect, in the claimed direction) across "
           "the box points (Spearman's rho), and the share of points where the claim holds with the "
           "parameter in the lower and in the upper half of its plausible range. With %d points and "
           "%d parameters, chance alone gives some parameter |rho| above %.2f with probability 5%% "
           "(Bonferroni): only correlations beyond it (marked *) say where a claim holds.\n\n",
           r->box.points, r->box.n_params,
           brink_z_for_level(1.0 - 0.05 / r->box.n_params) / sqrt((double)(r->box.points - 1)));
    printf("| # | parameter | rho | holds, lower half | holds, upper half |\n|---|---|---|---|---|\n");
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        const brink_claims_box_claim *b = &r->box.claim[id - 1];
        if (!(shown(r, id) && validation(id)))
            continue;
        for (int k = 0; k < b->n_drivers; k++)
            printf("| %d | `%s` | %+.2f%s | %.0f%% | %.0f%% |\n", id, b->driver[k].path,
                   b->driver[k].rho, fabs(b->driver[k].rho) > b->rho_critical ? " *" : "",
                   100 * b->driver[k].held_low, 100 * b->driver[k].held_high);
    }
    printf("\n");
}

/* ---- main ---------------------------------------------------------------------------- */

static void free_run(claims_run *r)
{
    for (int c = 0; c < r->n; c++)
        brink_scenario_free(r->sc[c]);
    free(r->res);
    brink_claims_box_free(&r->box);
}

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "brink claims: error: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return 2;
}

int cmd_claims(int argc, char **argv)
{
    static const struct option opts[] = {
        {"runs", required_argument, 0, 'r'},     {"seed", required_argument, 0, 's'},
        {"claim", required_argument, 0, 'c'},    {"set", required_argument, 0, 'S'},
        {"format", required_argument, 0, 'f'},   {"help", no_argument, 0, 'h'},
        {"arm-set", required_argument, 0, 'A'},  {"box", required_argument, 0, 'b'},
        {"box-runs", required_argument, 0, 'B'}, {"all", no_argument, 0, 'a'},
        {"quick", no_argument, 0, 'q'},          {"threads", required_argument, 0, 't'}, {"resume", required_argument, 0, OPT_RESUME},
        {0, 0, 0, 0}};
    claims_run run;
    memset(&run, 0, sizeof run);
    run.cfg.level = 0.95;
    run.cfg.seed = 1;
    int64_t runs = -1, box = -1, box_runs = -1;
    int all = 0, quick = 0;
    const char *format = "table";
    char *sets[MAX_SETS], *arm_sets[MAX_SETS];
    int nsets = 0, narm = 0;
    const char *resume = NULL;
    optind = 1;
    int c;
    while ((c = cli_getopt("claims", argc, argv, "h", opts)) != -1) {
        uint64_t v;
        switch (c) {
        case 'r':
            if (cli_parse_u64(optarg, 2, 100000000, &v) != 0)
                return bad("--runs: '%s' is not an integer in [2, 100000000]", optarg);
            runs = (int64_t)v;
            break;
        case 'b':
            if (cli_parse_u64(optarg, 0, 100000, &v) != 0 || v == 1)
                return bad("--box: '%s' is not 0 or an integer in [2, 100000]", optarg);
            box = (int64_t)v;
            break;
        case 'B':
            if (cli_parse_u64(optarg, 2, 100000000, &v) != 0)
                return bad("--box-runs: '%s' is not an integer in [2, 100000000]", optarg);
            box_runs = (int64_t)v;
            break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &v) != 0)
                return bad("--seed: '%s' is not a non-negative integer", optarg);
            run.cfg.seed = v;
            break;
        case 'c':
            if (cli_parse_u64(optarg, 1, BRINK_CLAIMS, &v) != 0)
                return bad("--claim: '%s' is not an integer in [1, 16]", optarg);
            run.cfg.only = (int)v;
            break;
        case 't':
            if (cli_parse_u64(optarg, 0, BRINK_CLAIMS_MAX_THREADS, &v) != 0)
                return bad("--threads: '%s' is not an integer in [0, 256] (0 = every core)", optarg);
            run.cfg.threads = (int)v;
            break;
        case 'S':
            if (nsets >= MAX_SETS)
                return bad("%s", "too many --set options");
            sets[nsets++] = optarg;
            break;
        case 'A':
            if (narm >= MAX_SETS)
                return bad("%s", "too many --arm-set options");
            arm_sets[narm++] = optarg;
            break;
        case 'a': all = 1; break;
        case 'q': quick = 1; break;
        case 'f': format = optarg; break;
        case OPT_RESUME: resume = optarg; break;
        case 'h': usage(stdout); return 0;
        default: return 2; /* cli_getopt said why */
        }
    }
    int resume_rc = cli_resume("claims", resume);
    if (resume_rc != 0)
        return resume_rc;
    int md = strcmp(format, "markdown") == 0, json = strcmp(format, "json") == 0;
    if (!md && !json && strcmp(format, "table") != 0)
        return bad("--format: '%s' is not one of table, markdown, json", format);
    if (all && optind < argc)
        return bad("--all and a scenario ('%s') exclude each other", argv[optind]);
    if (argc - optind > BRINK_CLAIMS_MAX_CASES)
        return bad("%s", "too many scenarios");
    run.cfg.runs = (uint64_t)(runs >= 0 ? runs : quick ? QUICK_RUNS : DEFAULT_RUNS);
    run.box_points = (int)(box >= 0 ? box : quick ? QUICK_BOX : DEFAULT_BOX);
    run.box_runs = (uint64_t)(box_runs >= 0 ? box_runs : quick ? QUICK_BOX_RUNS : DEFAULT_BOX_RUNS);
    run.cfg.arm_sets = arm_sets;
    run.cfg.n_arm_sets = narm;

    if (all) {
        for (int i = 0; brink_builtin_name(i) && run.n < BRINK_CLAIMS_MAX_CASES; i++) {
            brink_scenario *sc = cli_load_scenario(brink_builtin_name(i), sets, nsets);
            if (!sc) {
                free_run(&run);
                return cli_last_status();
            }
            run.sc[run.n++] = sc;
        }
    } else if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            brink_scenario *sc = cli_load_scenario(argv[i], sets, nsets);
            if (!sc) {
                free_run(&run);
                return cli_last_status();
            }
            run.sc[run.n++] = sc;
        }
    } else {
        brink_scenario *sc = cli_load_scenario(NULL, sets, nsets);
        if (!sc)
            return cli_last_status();
        run.sc[run.n++] = sc;
    }
    run.res = calloc((size_t)run.n * BRINK_CLAIMS, sizeof *run.res);
    if (!run.res) {
        free_run(&run);
        fprintf(stderr, "brink claims: error: out of memory\n");
        return 1;
    }
    brink_error err;
    brink_error_clear(&err);
    if (brink_claims_run((const brink_scenario *const *)run.sc, run.n, &run.cfg, run.res, &err) !=
        BRINK_OK) {
        cli_print_error(&err, NULL);
        free_run(&run);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (run.box_points > 0) {
        if (brink_claims_box_run(run.sc[0], &run.cfg, run.box_points, run.box_runs, &run.box,
                                 &err) != BRINK_OK) {
            cli_print_error(&err, NULL);
            free_run(&run);
            return err.code == BRINK_ERR_INPUT ? 2 : 1;
        }
        run.has_box = 1;
    }
    if (json) {
        /* a failed write leaves stdout in error, reported with its reason
         * when it is closed */
        if (brink_claims_write_json((const brink_scenario *const *)run.sc, run.n, &run.cfg,
                                    run.res, run.has_box ? &run.box : NULL, stdout,
                                    &err) != BRINK_OK &&
            !ferror(stdout)) {
            cli_print_error(&err, NULL);
            free_run(&run);
            return 1;
        }
    } else {
        print_header(&run, md);
        print_claims_table(&run, md);
        if (run.n > 1)
            print_cases(&run, md);
        else if (!md) {
            int tested = 0, held = 0;
            for (int id = 1; id <= BRINK_CLAIMS; id++)
                if (shown(&run, id) && validation(id)) {
                    brink_verdict v = run.res[id - 1].verdict;
                    held += v == BRINK_VERDICT_HOLDS;
                    tested += v != BRINK_VERDICT_UNTESTABLE;
                }
            printf("%d of %d testable validation claims hold on %s\n", held, tested,
                   brink_scenario_name(run.sc[0]));
        }
        if (md && run.has_box)
            print_drivers_md(&run);
    }
    free_run(&run);
    return 0;
}
