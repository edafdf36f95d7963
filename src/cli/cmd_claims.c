/* brink claims: the seed's claims as paired experiments on a scenario. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "brink/brink.h"
#include "brink/claims.h"
#include "cli/cli.h"
#include "cli/common.h"

#define MAX_SETS 256

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink claims [SCENARIO] [options]\n"
            "\n"
            "Checks each of the seed's 16 claims on SCENARIO (default iran-2025) with a paired\n"
            "experiment: the same runs (common random numbers) with one thing changed, the\n"
            "effect with a 95%% interval, and whether the claim holds.\n"
            "\n"
            "options:\n"
            "  --runs N           paired runs per claim (default 2000)\n"
            "  --seed N           random seed (default 1)\n"
            "  --claim K          run claim K only (1-16)\n"
            "  --set PATH=VALUE   override a parameter (repeatable)\n"
            "  --arm-set PATH=VALUE  override a parameter in every arm after the claim's own\n"
            "                     overrides, so it wins ('@' = the arm's policy; repeatable)\n"
            "  --format F         table (default) or json\n"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 when every claim run holds, 1 when one does not, 2 on bad input.\n");
}

static void print_table(const brink_scenario *sc, const brink_claims_config *cfg,
                        const brink_claim_result *res)
{
    printf("The seed's claims on %s (%s)\n", brink_scenario_name(sc), brink_scenario_label(sc));
    printf("%" PRIu64 " paired runs per claim, seed %" PRIu64 ", 95%% intervals\n\n", cfg->runs,
           cfg->seed);
    int held = 0, run = 0;
    for (int i = 0; i < BRINK_CLAIMS; i++) {
        const brink_claim_result *r = &res[i];
        if (cfg->only && r->id != cfg->only)
            continue;
        run++;
        const char *verdict = !r->applicable ? "n/a" : r->holds ? "HOLDS" : "FAILS";
        held += r->applicable && r->holds;
        printf("%2d. %s  [%s]\n    %s\n", r->id, r->claim, verdict, r->mechanisms);
        if (!r->applicable) {
            printf("    not applicable: %s\n\n", r->not_applicable);
            continue;
        }
        printf("    changed: %s\n", r->changed);
        for (int k = 0; k < r->n_tests; k++) {
            const brink_claim_test *t = &r->test[k];
            printf("    %s %s\n      effect %+.4g [%+.4g, %+.4g] %s (n %" PRIu64 ")\n",
                   t->holds ? "+" : "-", t->what, t->effect, t->lo, t->hi, t->unit, t->n);
        }
        printf("    why: %s\n\n", r->explanation);
    }
    printf("%d of %d claims hold\n", held, run);
}

static json_t *to_json(const brink_scenario *sc, const brink_claims_config *cfg,
                       const brink_claim_result *res)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "scenario", json_string(brink_scenario_name(sc)));
    char hash[17];
    snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc));
    json_object_set_new(root, "scenario_hash", json_string(hash));
    json_object_set_new(root, "runs", json_integer((json_int_t)cfg->runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)cfg->seed));
    json_t *arr = json_array();
    for (int i = 0; i < BRINK_CLAIMS; i++) {
        const brink_claim_result *r = &res[i];
        if (cfg->only && r->id != cfg->only)
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(r->id));
        json_object_set_new(o, "claim", json_string(r->claim));
        json_object_set_new(o, "applicable", json_boolean(r->applicable));
        json_object_set_new(o, "changed", json_string(r->applicable ? r->changed : r->not_applicable));
        json_t *mech = json_array();
        char buf[64];
        snprintf(buf, sizeof buf, "%s", r->mechanisms);
        for (char *p = buf; *p;) {
            size_t n = strcspn(p, ", ");
            if (n)
                json_array_append_new(mech, json_stringn(p, n));
            p += n;
            p += strspn(p, ", ");
        }
        json_object_set_new(o, "mechanisms", mech);
        if (r->applicable && r->n_tests > 0) {
            json_object_set_new(o, "effect", json_real(r->test[0].effect));
            json_t *ci = json_array();
            json_array_append_new(ci, json_real(r->test[0].lo));
            json_array_append_new(ci, json_real(r->test[0].hi));
            json_object_set_new(o, "ci", ci);
        }
        json_object_set_new(o, "holds", json_boolean(r->applicable && r->holds));
        json_object_set_new(o, "explanation", json_string(r->explanation));
        json_t *tests = json_array();
        for (int k = 0; r->applicable && k < r->n_tests; k++) {
            const brink_claim_test *t = &r->test[k];
            json_t *to = json_object();
            json_object_set_new(to, "what", json_string(t->what));
            json_object_set_new(to, "unit", json_string(t->unit));
            json_object_set_new(to, "expect", json_integer(t->expect));
            json_object_set_new(to, "effect", json_real(t->effect));
            json_t *ci = json_array();
            json_array_append_new(ci, json_real(t->lo));
            json_array_append_new(ci, json_real(t->hi));
            json_object_set_new(to, "ci", ci);
            json_object_set_new(to, "n", json_integer((json_int_t)t->n));
            json_object_set_new(to, "holds", json_boolean(t->holds));
            json_array_append_new(tests, to);
        }
        json_object_set_new(o, "tests", tests);
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "claims", arr);
    return root;
}

int cmd_claims(int argc, char **argv)
{
    static const struct option opts[] = {
        {"runs", required_argument, 0, 'r'}, {"seed", required_argument, 0, 's'},
        {"claim", required_argument, 0, 'c'}, {"set", required_argument, 0, 'S'},
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'},
        {"arm-set", required_argument, 0, 'A'},
        {0, 0, 0, 0}};
    brink_claims_config cfg = {2000, 1, 0.95, 0, NULL, 0};
    const char *format = "table";
    char *sets[MAX_SETS], *arm_sets[MAX_SETS];
    int nsets = 0, narm = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        uint64_t v;
        switch (c) {
        case 'r':
            if (cli_parse_u64(optarg, 2, 100000000, &v) != 0) {
                fprintf(stderr, "brink claims: error: --runs: '%s' is not an integer in [2, 100000000]\n", optarg);
                return 2;
            }
            cfg.runs = v;
            break;
        case 's':
            if (cli_parse_u64(optarg, 0, UINT64_MAX, &v) != 0) {
                fprintf(stderr, "brink claims: error: --seed: '%s' is not a non-negative integer\n", optarg);
                return 2;
            }
            cfg.seed = v;
            break;
        case 'c':
            if (cli_parse_u64(optarg, 1, BRINK_CLAIMS, &v) != 0) {
                fprintf(stderr, "brink claims: error: --claim: '%s' is not an integer in [1, %d]\n",
                        optarg, BRINK_CLAIMS);
                return 2;
            }
            cfg.only = (int)v;
            break;
        case 'S':
            if (nsets >= MAX_SETS) {
                fprintf(stderr, "brink claims: error: too many --set options\n");
                return 2;
            }
            sets[nsets++] = optarg;
            break;
        case 'A':
            if (narm >= MAX_SETS) {
                fprintf(stderr, "brink claims: error: too many --arm-set options\n");
                return 2;
            }
            arm_sets[narm++] = optarg;
            break;
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return 0;
        default:
            fprintf(stderr, "brink claims: error: unknown or incomplete option '%s'\n", argv[optind - 1]);
            usage(stderr);
            return 2;
        }
    }
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink claims: error: --format: '%s' is not one of table, json\n", format);
        return 2;
    }
    const char *spec = optind < argc ? argv[optind++] : NULL;
    if (optind < argc) {
        fprintf(stderr, "brink claims: error: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    brink_scenario *sc = cli_load_scenario(spec, sets, nsets);
    if (!sc)
        return cli_last_status();
    cfg.arm_sets = arm_sets;
    cfg.n_arm_sets = narm;
    brink_claim_result res[BRINK_CLAIMS];
    brink_error err;
    brink_error_clear(&err);
    if (brink_claims_run(sc, &cfg, res, &err) != BRINK_OK) {
        cli_print_error(&err, NULL);
        brink_scenario_free(sc);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    if (strcmp(format, "json") == 0) {
        json_t *root = to_json(sc, &cfg, res);
        json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
        fputc('\n', stdout);
        json_decref(root);
    } else {
        print_table(sc, &cfg, res);
    }
    int all = 1;
    for (int i = 0; i < BRINK_CLAIMS; i++)
        if ((!cfg.only || res[i].id == cfg.only) && res[i].applicable && !res[i].holds)
            all = 0;
    brink_scenario_free(sc);
    return all ? 0 : 1;
}
