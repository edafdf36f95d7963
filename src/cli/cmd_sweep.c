/* brink sweep: a design over parameter paths, an ensemble at every point on
 * common random numbers, streamed as tidy CSV; resumable. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "brink/explore.h"
#include "brink/parallel.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/explore_cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink sweep [SCENARIO] [--param PATH=LO:HI[:N][:log]]... [--design D]\n"
            "                   [--points N] [--runs R] [--seed S] [--out FILE.csv [--resume]]\n"
            "                   [options]\n"
            "\n"
            "Runs an ensemble of SCENARIO (default iran-2025) at every point of a design\n"
            "over the parameters, on common random numbers: every point uses the same\n"
            "seed and run indices, so differences between points are not noise. Writes\n"
            "tidy CSV, one row per point and output: point, the parameters' values,\n"
            "output, value (a first line '#' records the sweep). Rows come in point order\n"
            "as points finish, identical for any number of threads. See\n"
            "docs/exploration.md.\n"
            "\n"
            "options:\n"
            "  --design D         grid (full factorial of each --param's N levels), lhs\n"
            "                     (Latin hypercube) or sobol (default: sobol; lhs above\n"
            "                     40 parameters)\n"
            "  --points N         design points for lhs and sobol, 2 to %d (default 64)\n"
            "  --output NAME      an output to write (repeatable; default all):\n"
            "                     p_OUTCOME_M (share of runs in each outcome at month M),\n"
            "                     p_deal_within_M, median_months_to_deal, mean_COST\n"
            "  --out FILE.csv     write FILE.csv (default: standard output). Rows stream\n"
            "                     to FILE.csv.partial, renamed to FILE.csv when complete\n"
            "  --resume           continue FILE.csv.partial: its design must match; the\n"
            "                     result is the same bytes as an uninterrupted sweep\n"
            "%s"
            "  -h, --help         this text\n"
            "\n"
            "Ctrl-C stops after the points in progress; FILE.csv.partial keeps every\n"
            "complete point, and the exit status is %d.\n"
            "Exit status: 0 done, 1 runtime failure, 2 bad input.\n",
            BRINK_EXPLORE_MAX_POINTS, ecli_options_help, CLI_EXIT_INTERRUPTED);
}

typedef struct {
    FILE *fp;
    const ecli_options *o;
    const int *sel;   /* the outputs written */
    int nsel, nout;
    int total;
    int write_failed;
} sweep_sink;

/* "k,x1,...,xd," */
static void row_prefix(char *buf, size_t size, int k, const double *x, int d)
{
    char v[40];
    size_t n = (size_t)snprintf(buf, size, "%d,", k);
    for (int j = 0; j < d && n < size; j++)
        n += (size_t)snprintf(buf + n, size - n, "%s,", ecli_real(x[j], v, sizeof v));
}

static int write_points(int first, int count, const double *x, const double *y, void *user)
{
    sweep_sink *s = user;
    const int d = s->o->nparam;
    char prefix[8192], name[96], num[40];
    for (int i = 0; i < count; i++) {
        row_prefix(prefix, sizeof prefix, first + i, x + (size_t)i * (size_t)d, d);
        for (int k = 0; k < s->nsel; k++) {
            brink_explore_output_name(&s->o->out, s->sel[k], name, sizeof name);
            double v = y[(size_t)i * (size_t)s->nout + (size_t)s->sel[k]];
            if (isnan(v))
                fprintf(s->fp, "%s%s,NA\n", prefix, name);
            else
                fprintf(s->fp, "%s%s,%s\n", prefix, name, ecli_real(v, num, sizeof num));
        }
    }
    if (fflush(s->fp) != 0 || ferror(s->fp)) {
        s->write_failed = errno ? errno : EIO;
        return 1;
    }
    ecli_progress(s->o, "sweep", "points", (uint64_t)(first + count), (uint64_t)s->total);
    return 0;
}

/* The first two lines of the CSV: the sweep, then the column names. */
static char *csv_head(const brink_scenario *sc, const ecli_options *o, int policy,
                      brink_design_kind design, int n, const int *sel, int nsel)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f)
        return NULL;
    fprintf(f, "# brink sweep: scenario %s hash %016" PRIx64 " policy %s design %s points %d "
               "runs %" PRIu64 " seed %" PRIu64 " params",
            brink_scenario_name(sc), brink_scenario_hash(sc),
            brink_scenario_policy_name(sc, policy), brink_design_name(design), n, o->runs,
            o->seed);
    char a[40], b[40];
    for (int j = 0; j < o->nparam; j++)
        fprintf(f, " %s=%s:%s:%d%s", o->param[j].path, ecli_real(o->param[j].lo, a, sizeof a),
                ecli_real(o->param[j].hi, b, sizeof b), o->param[j].levels,
                o->param[j].log_scale ? ":log" : "");
    fprintf(f, " outputs");
    char name[96];
    for (int k = 0; k < nsel; k++) {
        brink_explore_output_name(&o->out, sel[k], name, sizeof name);
        fprintf(f, "%s%s", k ? "," : " ", name);
    }
    fprintf(f, "\npoint");
    for (int j = 0; j < o->nparam; j++)
        fprintf(f, ",%s", o->param[j].path);
    fprintf(f, ",output,value\n");
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* Reads FILE.partial and finds how many complete points it holds: its head
 * must be `head`, and every row the one this sweep writes (point, values,
 * output). Returns the points, with *keep the bytes to keep; -1 after a
 * message. */
static int resume_points(const char *path, const char *head, const ecli_options *o,
                         const double *u, int n, const int *sel, int nsel, long *keep)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "brink sweep: error: --resume: cannot read '%s': %s\n", path,
                strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap + 1);
    for (size_t got; text && (got = fread(text + len, 1, cap - len, f)) > 0;) {
        len += got;
        if (len == cap) {
            char *g = realloc(text, 2 * cap + 1);
            if (!g) {
                free(text);
                text = NULL;
                break;
            }
            text = g;
            cap *= 2;
        }
    }
    fclose(f);
    if (!text) {
        fprintf(stderr, "brink sweep: error: out of memory\n");
        return -1;
    }
    text[len] = '\0';
    size_t hl = strlen(head);
    if (len < hl && memcmp(text, head, len) == 0) {
        /* stopped inside the first lines: start again */
        free(text);
        *keep = 0;
        return 0;
    }
    if (len < hl || memcmp(text, head, hl) != 0) {
        fprintf(stderr, "brink sweep: error: --resume: '%s' is not this sweep's (its first "
                        "lines record another scenario, design, parameters or outputs)\n", path);
        free(text);
        return -1;
    }
    const int d = o->nparam;
    double *x = malloc(sizeof(double) * (size_t)d);
    char prefix[8192], name[96], line[8400];
    size_t pos = hl;
    int k = 0;
    while (x && k < n) {
        brink_explore_point(o->param, d, u + (size_t)k * (size_t)d, x);
        row_prefix(prefix, sizeof prefix, k, x, d);
        size_t p = pos;
        int whole = 1;
        for (int s = 0; s < nsel && whole; s++) {
            char *nl = memchr(text + p, '\n', len - p);
            brink_explore_output_name(&o->out, sel[s], name, sizeof name);
            snprintf(line, sizeof line, "%s%s,", prefix, name);
            size_t ll = strlen(line);
            if (!nl) {
                whole = 0;
                break;
            }
            if ((size_t)(nl - (text + p)) < ll || memcmp(text + p, line, ll) != 0) {
                fprintf(stderr, "brink sweep: error: --resume: '%s': the row at byte %zu is "
                                "not point %d's %s of this design\n", path, p, k, name);
                free(x);
                free(text);
                return -1;
            }
            p = (size_t)(nl - text) + 1;
        }
        if (!whole)
            break;
        pos = p;
        k++;
    }
    free(x);
    free(text);
    *keep = (long)pos;
    return k;
}

int cmd_sweep(int argc, char **argv)
{
    ecli_options o;
    ecli_options_init(&o, ECLI_DEFAULT_RUNS);
    const char *out_path = NULL, *design_name = NULL, *outputs[64];
    int noutputs = 0, resume = 0;
    uint64_t points = 0;
    for (int i = 1; i < argc;) {
        int r;
        const char *v;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = ecli_parse_option("sweep", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("sweep", argc, argv, &i, "--design", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            design_name = v;
        } else if ((r = cli_opt_u64("sweep", argc, argv, &i, "--points", 2,
                                    BRINK_EXPLORE_MAX_POINTS, &points)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt_value("sweep", argc, argv, &i, "--output", NULL, &v)) != 0) {
            if (r < 0)
                return 2;
            if (noutputs == 64) {
                fprintf(stderr, "brink sweep: error: more than 64 --output options\n");
                return 2;
            }
            outputs[noutputs++] = v;
        } else if ((r = cli_opt_value("sweep", argc, argv, &i, "--out", "-o", &v)) != 0) {
            if (r < 0)
                return 2;
            out_path = v;
        } else if (strcmp(argv[i], "--resume") == 0) {
            resume = 1;
            i++;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", ECLI_OPTION_NAMES, "--design",
                                                "--points", "--output", "--out", "--resume",
                                                NULL};
            cli_unknown_option("sweep", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink sweep: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    int design = design_name ? brink_design_from_name(design_name) : -1;
    if (design_name && design < 0) {
        fprintf(stderr, "brink sweep: error: unknown design '%s' (grid, lhs or sobol)\n",
                design_name);
        return 2;
    }
    if (resume && !out_path) {
        fprintf(stderr, "brink sweep: error: --resume needs --out FILE.csv\n");
        return 2;
    }
    brink_scenario *sc = NULL;
    int policy = 0;
    int rc = ecli_open("sweep", &o, &sc, &policy);
    if (rc)
        return rc;
    const int d = o.nparam;
    if (design < 0)
        design = d <= 40 ? BRINK_DESIGN_SOBOL : BRINK_DESIGN_LHS;
    int n;
    if (design == BRINK_DESIGN_GRID) {
        uint64_t g = brink_explore_grid_points(o.param, d);
        if (g == 0 || (points && points != g)) {
            fprintf(stderr, "brink sweep: error: the grid has %s points%s\n",
                    g ? "a different number of" : "too many",
                    g ? " than --points (the product of the levels)" : " (at most 10000000)");
            brink_scenario_free(sc);
            return 2;
        }
        n = (int)g;
    } else {
        n = points ? (int)points : 64;
    }
    const int nout = brink_explore_output_count(&o.out);
    int sel[64 + 128], nsel = 0;
    for (int k = 0; k < noutputs; k++) {
        int idx = brink_explore_output_index(&o.out, outputs[k]);
        if (idx < 0) {
            fprintf(stderr, "brink sweep: error: unknown output '%s'", outputs[k]);
            char name[96];
            brink_explore_output_name(&o.out, 0, name, sizeof name);
            fprintf(stderr, " (for example %s; months come from --months)\n", name);
            brink_scenario_free(sc);
            return 2;
        }
        sel[nsel++] = idx;
    }
    if (nsel == 0)
        for (int k = 0; k < nout && k < (int)(sizeof sel / sizeof sel[0]); k++)
            sel[nsel++] = k;

    brink_error err;
    brink_error_clear(&err);
    char partial[4096] = "";
    sweep_sink sink = {stdout, &o, sel, nsel, nout, n, 0};
    double *u = malloc(sizeof(double) * (size_t)n * (size_t)d);
    double *y = malloc(sizeof(double) * (size_t)n * (size_t)nout);
    char *head = csv_head(sc, &o, policy, (brink_design_kind)design, n, sel, nsel);
    if (!u || !y || !head) {
        fprintf(stderr, "brink sweep: error: out of memory\n");
        rc = 1;
        goto done;
    }
    if (brink_explore_design((brink_design_kind)design, o.param, d, n, o.seed, 0, n, u, &err) !=
        BRINK_OK) {
        rc = ecli_fail("sweep", &err);
        goto done;
    }
    int start = 0, write_head = 1;
    /* in a job of several processes (docs/cluster.md) process 0 alone writes:
     * the others read what is there and write to nowhere */
    int writer = brink_parallel_rank() == 0;
    if (out_path) {
        if ((rc = cli_check_writable("sweep", out_path)) != 0)
            goto done;
        snprintf(partial, sizeof partial, "%s.partial", out_path);
        long keep = 0;
        struct stat stp, sto;
        if (resume && stat(partial, &stp) != 0 && errno == ENOENT && stat(out_path, &sto) == 0) {
            /* no partial file, but the finished one: complete when it is this
             * sweep's with every point */
            int have = resume_points(out_path, head, &o, u, n, sel, nsel, &keep);
            if (have < 0) {
                rc = 2;
            } else if (have < n || keep != (long)sto.st_size) {
                fprintf(stderr, "brink sweep: error: --resume: '%s' holds %d of %d points and no "
                                "'%s' is left to continue\n", out_path, have, n, partial);
                rc = 2;
            } else if (!o.quiet) {
                fprintf(stderr, "brink sweep: '%s' is complete (%d points): nothing left to do\n",
                        out_path, n);
            }
            goto done;
        }
        if (resume) {
            start = resume_points(partial, head, &o, u, n, sel, nsel, &keep);
            if (start < 0) {
                rc = 2;
                goto done;
            }
            write_head = keep == 0;
            if (!writer ? !(sink.fp = fopen("/dev/null", "wb"))
                        : truncate(partial, (off_t)keep) != 0 ||
                              !(sink.fp = fopen(partial, "ab"))) {
                fprintf(stderr, "brink sweep: error: cannot continue '%s': %s\n", partial,
                        strerror(errno));
                rc = 1;
                goto done;
            }
        } else if (!(sink.fp = fopen(writer ? partial : "/dev/null", "wb"))) {
            fprintf(stderr, "brink sweep: error: cannot write '%s': %s\n", partial,
                    strerror(errno));
            rc = 1;
            goto done;
        }
    }
    if (write_head && fputs(head, sink.fp) == EOF) {
        rc = 1;
        goto done;
    }
    brink_explore_config cfg = {o.param, d, policy, o.runs, o.seed, o.threads, o.out,
                                NULL, write_points, &sink, 0};
    cfg.stop = cli_interrupt_begin();
    int done_pts = 0;
    brink_status st = brink_explore_evaluate(sc, &cfg, u + (size_t)start * (size_t)d, n - start,
                                             start, y, &done_pts, &err);
    int stopped = atomic_load(cfg.stop);
    cli_interrupt_end();
    ecli_progress_end(&o);
    if (st != BRINK_OK) {
        rc = ecli_fail("sweep", &err);
    } else if (sink.write_failed) {
        fprintf(stderr, "brink sweep: error: cannot write %s: %s\n",
                out_path ? partial : "to standard output", strerror(sink.write_failed));
        rc = 1;
    } else if (start + done_pts < n) {
        fprintf(stderr, "brink sweep: interrupted: %d of %d points in '%s'; continue with "
                        "--resume\n", start + done_pts, n, out_path ? partial : "stdout");
        rc = stopped ? CLI_EXIT_INTERRUPTED : 1;
    }
    if (out_path && sink.fp) {
        int bad = fflush(sink.fp) != 0 || (writer && fsync(fileno(sink.fp)) != 0);
        bad |= fclose(sink.fp) != 0;
        sink.fp = NULL;
        if (bad && rc == 0) {
            fprintf(stderr, "brink sweep: error: cannot write '%s'\n", partial);
            rc = 1;
        }
        if (rc == 0 && writer && rename(partial, out_path) != 0) {
            fprintf(stderr, "brink sweep: error: cannot rename '%s' to '%s': %s\n", partial,
                    out_path, strerror(errno));
            rc = 1;
        }
    }
done:
    if (out_path && sink.fp && sink.fp != stdout)
        fclose(sink.fp);
    free(u);
    free(y);
    free(head);
    brink_scenario_free(sc);
    return rc;
}
