/* brink discover: scenario discovery with PRIM. Where, in the space of the
 * uncertain parameters, does a condition on the outcomes hold? */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/explore.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/explore_cli.h"
#include "cli/explore_cond.h"
#include "core/atomic_file.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink discover [SCENARIO] --when CONDITION [--points N] [--design D]\n"
            "                      [--yaml FILE] [options]\n"
            "\n"
            "Scenario discovery: samples the uncertain parameters of SCENARIO (default\n"
            "iran-2025), runs an ensemble at every point on common random numbers, and\n"
            "finds with PRIM (peeling, then pasting) a box of parameter values where\n"
            "CONDITION holds far more often than elsewhere. Prints the peeling\n"
            "trajectory (coverage: the share of all points where the condition holds\n"
            "that the box catches; density: the share of the box's points where it\n"
            "holds), the chosen box in words with a p-value for each restricted\n"
            "parameter (hypergeometric: could the box do as well without that\n"
            "limit?), and the box as YAML that --set takes. See docs/exploration.md.\n"
            "\n"
            "CONDITION is A OP B, OP one of > >= < <=, A and B numbers or outputs:\n"
            "  \"P(war,60) > 0.3\"                  (also p_war_60 > 0.3)\n"
            "  \"P(deal within 60) < 0.2\"\n"
            "  \"P(deal within 60)@maximum_pressure > P(deal within 60)@staged_reciprocity\"\n"
            "Outputs as brink sweep writes them; @POLICY evaluates under that policy.\n"
            "\n"
            "options:\n"
            "  --when CONDITION   the condition (required)\n"
            "  --points N         design points, 10 to 1000000 (default 256)\n"
            "  --design D         lhs (default) or sobol\n"
            "  --peel-alpha A     share of the box peeled per step (default 0.05)\n"
            "  --min-coverage C   the chosen box keeps at least this coverage (default 0.5)\n"
            "  --yaml FILE        write the box as YAML to FILE\n"
            "  --resume DIR       keep snapshots in DIR; run again with the same DIR to go\n"
            "                     on from them after a crash or kill (docs/cluster.md)\n"
            "%s%s"
            "  -h, --help         this text\n"
            "\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input.\n",
            ecli_report_help, ecli_options_help);
}

typedef struct {
    const ecli_options *o;
    uint64_t before, total;
} disc_progress;

static int on_points(int first, int count, const double *x, const double *y, void *user)
{
    (void)x;
    (void)y;
    disc_progress *p = user;
    ecli_progress(p->o, "discover", "points", p->before + (uint64_t)(first + count), p->total);
    return 0;
}

static void write_yaml(FILE *f, const ecli_options *o, const brink_prim_result *p,
                       const char *when)
{
    char a[40], b[40];
    fprintf(f, "# brink discover: where \"%s\" holds: density %.3f (%.3f overall), "
               "coverage %.3f, mass %.3f\n",
            when, p->box.density, p->base_density, p->box.coverage, p->box.mass);
    fprintf(f, "# each entry is a --set assignment: --set 'PATH={uniform: [LO, HI]}'\n");
    fprintf(f, "box:\n");
    int any = 0;
    for (int j = 0; j < p->d; j++)
        if (p->box.restricted[j]) {
            fprintf(f, "  %s: {uniform: [%s, %s]}\n", o->param[j].path,
                    ecli_real(p->box.lo[j], a, sizeof a), ecli_real(p->box.hi[j], b, sizeof b));
            any = 1;
        }
    if (!any)
        fprintf(f, "  {}\n");
}

int cmd_discover(int argc, char **argv)
{
    ecli_options o;
    ecli_options_init(&o, ECLI_DEFAULT_RUNS);
    const char *when = NULL, *design_name = "lhs", *yaml_path = NULL;
    uint64_t points = 256;
    brink_prim_config pc;
    brink_prim_config_init(&pc);
    for (int i = 1; i < argc;) {
        int r;
        const char *v;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = ecli_parse_option("discover", argc, argv, &i, &o)) != 0 ||
                   (r = ecli_parse_report_option("discover", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("discover", argc, argv, &i, "--when", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            when = v;
        } else if ((r = cli_opt_value("discover", argc, argv, &i, "--design", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            design_name = v;
        } else if ((r = cli_opt_value("discover", argc, argv, &i, "--yaml", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            yaml_path = v;
        } else if ((r = cli_opt_u64("discover", argc, argv, &i, "--points", 10, 1000000,
                                    &points)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("discover", argc, argv, &i, "--peel-alpha", NULL, &v)) !=
                   0) {
            if (r < 0 || cli_parse_real(v, 0.001, 0.49, &pc.peel_alpha) != 0) {
                if (r > 0)
                    fprintf(stderr, "brink discover: error: --peel-alpha '%s': expected a "
                                    "number from 0.001 to 0.49\n", v);
                return 2;
            }
        } else if ((r = cli_opt_value("discover", argc, argv, &i, "--min-coverage", NULL,
                                      &v)) != 0) {
            if (r < 0 || cli_parse_real(v, 0, 1, &pc.min_coverage) != 0) {
                if (r > 0)
                    fprintf(stderr, "brink discover: error: --min-coverage '%s': expected a "
                                    "number from 0 to 1\n", v);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", ECLI_OPTION_NAMES, ECLI_REPORT_OPTION_NAMES, "--resume", "--when",
                                                "--design", "--yaml", "--points",
                                                "--peel-alpha", "--min-coverage", NULL};
            cli_unknown_option("discover", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink discover: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    if (!when) {
        fprintf(stderr, "brink discover: error: which condition? Give --when, e.g. "
                        "--when \"P(war,60) > 0.3\"\n");
        cli_help_pointer("discover");
        return 2;
    }
    int design = brink_design_from_name(design_name);
    if (design != BRINK_DESIGN_LHS && design != BRINK_DESIGN_SOBOL) {
        fprintf(stderr, "brink discover: error: unknown design '%s' (lhs or sobol)\n",
                design_name);
        return 2;
    }
    econd c;
    if (econd_parse("discover", when, &c) != 0)
        return 2;
    econd_term *terms[2] = {&c.a, &c.b};
    if (econd_resolve("discover", terms, 2, &o.out) != 0)
        return 2;
    if (yaml_path) {
        int w = cli_check_writable("discover", yaml_path);
        if (w)
            return w;
    }
    int rc = ecli_report_check("discover", &o);
    if (rc)
        return rc;
    brink_scenario *sc = NULL;
    int def_policy = 0;
    rc = ecli_open("discover", &o, &sc, &def_policy);
    if (rc)
        return rc;
    /* the policies the condition names: one slot each */
    int pol[2], npol = 0;
    for (int t = 0; t < 2; t++) {
        if (terms[t]->is_number)
            continue;
        int p = terms[t]->policy[0] ? cli_policy_index(sc, terms[t]->policy) : def_policy;
        if (p < 0) {
            brink_scenario_free(sc);
            return 2;
        }
        int s = 0;
        while (s < npol && pol[s] != p)
            s++;
        if (s == npol)
            pol[npol++] = p;
        terms[t]->pslot = s;
    }
    const int d = o.nparam, n = (int)points, nout = brink_explore_output_count(&o.out);
    brink_error err;
    brink_error_clear(&err);
    double *u = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *x = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *y = malloc(sizeof(double) * (size_t)n * (size_t)nout * (size_t)npol);
    unsigned char *hit = malloc((size_t)n);
    brink_prim_result *p = NULL;
    if (!u || !x || !y || !hit) {
        fprintf(stderr, "brink discover: error: out of memory\n");
        rc = 1;
        goto done;
    }
    if (brink_explore_design((brink_design_kind)design, o.param, d, n, o.seed, 0, n, u, &err) !=
        BRINK_OK) {
        rc = ecli_fail("discover", &err);
        goto done;
    }
    disc_progress prog = {&o, 0, (uint64_t)n * (uint64_t)npol};
    brink_explore_config cfg = {o.param, d, 0, o.runs, o.seed, o.threads, o.out,
                                NULL, on_points, &prog, 0};
    cfg.stop = cli_interrupt_begin();
    int complete = n;
    for (int s = 0; s < npol && rc == 0; s++) {
        int done_pts = 0;
        cfg.policy = pol[s];
        prog.before = (uint64_t)s * (uint64_t)n;
        if (brink_explore_evaluate(sc, &cfg, u, complete, 0, y + (size_t)s * (size_t)n * (size_t)nout,
                                   &done_pts, &err) != BRINK_OK)
            rc = ecli_fail("discover", &err);
        complete = done_pts;
    }
    int stopped = atomic_load(cfg.stop);
    cli_interrupt_end();
    ecli_progress_end(&o);
    if (rc)
        goto done;
    if (complete < n)
        fprintf(stderr, "brink discover: interrupted: %d of %d points complete; using those\n",
                complete, n);
    int pos = 0;
    for (int i = 0; i < complete; i++) {
        const double *yp[2];
        for (int s = 0; s < npol; s++)
            yp[s] = y + ((size_t)s * (size_t)n + (size_t)i) * (size_t)nout;
        hit[i] = (unsigned char)econd_holds(&c, yp);
        pos += hit[i];
        brink_explore_point(o.param, d, u + (size_t)i * (size_t)d, x + (size_t)i * (size_t)d);
    }
    printf("Scenario discovery on %s: \"%s\"\n", brink_scenario_name(sc), when);
    printf("%d points (%s design) over %d parameters, %" PRIu64 " runs each (seed %" PRIu64
           ")%s\n", complete, design_name, d, o.runs, o.seed, complete < n ? ", partial" : "");
    printf("The condition holds at %d of %d points (%.1f%%).\n", pos, complete,
           complete ? 100.0 * pos / complete : 0.0);
    if (pos == 0 || pos == complete) {
        printf("Nothing to discover: it holds %s.\n", pos ? "everywhere" : "nowhere");
        goto finish;
    }
    if (brink_prim_run(complete, d, x, hit, &pc, &p, &err) != BRINK_OK) {
        rc = ecli_fail("discover", &err);
        goto done;
    }
    printf("\nPeeling trajectory (every few steps; * the chosen box):\n");
    printf("  %5s %9s %8s %6s %11s\n", "step", "coverage", "density", "mass", "restricted");
    for (int s = 0; s < p->n_steps; s++) {
        if (s % 5 != 0 && s != p->chosen && s != p->n_steps - 1)
            continue;
        int nr = 0;
        for (int j = 0; j < d; j++)
            nr += p->step[s].restricted[j];
        printf("  %5d %9.3f %8.3f %6.3f %11d%s\n", s, p->step[s].coverage, p->step[s].density,
               p->step[s].mass, nr, s == p->chosen ? " *" : "");
    }
    printf("\nThe box (after pasting and pruning): the condition holds at %.0f%% of its points against "
           "%.0f%% overall;\nit catches %.0f%% of the points where it holds, in %.0f%% of the "
           "space sampled.\n",
           100 * p->box.density, 100 * p->base_density, 100 * p->box.coverage,
           100 * p->box.mass);
    char a[40], b[40];
    for (int j = 0; j < d; j++) {
        if (!p->box.restricted[j])
            continue;
        const brink_explore_param *q = &o.param[j];
        double dmin = x[j], dmax = x[j];
        for (int i = 1; i < complete; i++) {
            dmin = fmin(dmin, x[(size_t)i * (size_t)d + (size_t)j]);
            dmax = fmax(dmax, x[(size_t)i * (size_t)d + (size_t)j]);
        }
        int lo_r = p->box.lo[j] > dmin, hi_r = p->box.hi[j] < dmax;
        snprintf(a, sizeof a, "%.4g", p->box.lo[j]);
        snprintf(b, sizeof b, "%.4g", p->box.hi[j]);
        printf("  %s %s%s%s%s (sampled %.4g to %.4g), p = %.2g\n", q->path,
               lo_r && hi_r ? "between " : lo_r ? "at least " : "at most ", lo_r ? a : "",
               lo_r && hi_r ? " and " : "", hi_r ? b : "", q->lo, q->hi, p->p_value[j]);
    }
    printf("A p-value is the chance that the box would hold as many points meeting the "
           "condition\nif that limit were dropped; a large one marks a limit that adds "
           "little.\n\nAs YAML (each entry works as --set 'PATH={uniform: [LO, HI]}'):\n");
    write_yaml(stdout, &o, p, when);
    if (yaml_path) {
        brink_atomic_file af;
        if (brink_atomic_open(&af, yaml_path, &err) != BRINK_OK) {
            rc = ecli_fail("discover", &err);
            goto done;
        }
        write_yaml(af.fp, &o, p, when);
        if (brink_atomic_commit(&af, &err) != BRINK_OK) {
            rc = ecli_fail("discover", &err);
            goto done;
        }
    }
finish:
    if (rc == 0) {
        brink_report_exploration rx;
        memset(&rx, 0, sizeof rx);
        rx.kind = BRINK_REPORT_PRIM;
        rx.param = o.param;
        rx.d = d;
        rx.policy = pol[0];
        rx.runs = o.runs;
        rx.seed = o.seed;
        rx.points = complete;
        rx.partial = complete < n;
        rx.run_months = cfg.run_months;
        rx.design = design_name;
        rx.condition = when;
        rx.prim = p;
        rx.x = x;
        rx.hits = pos;
        rc = ecli_report_write("discover", &o, sc, &rx);
    }
    if (rc == 0 && complete < n && stopped)
        rc = CLI_EXIT_INTERRUPTED;
done:
    brink_prim_result_free(p);
    free(u);
    free(x);
    free(y);
    free(hit);
    brink_scenario_free(sc);
    return rc;
}
