/* The blocks of the monthly step written over lanes (model/lockstep.h): their
 * cost per run-month in a group of runs in lockstep (compiled for this
 * machine, bench/lanes/blocks.c) against the library's step of the same
 * blocks, run after run, on the same states of real runs of the default
 * case (every policy, runs taken at months 0 to 59). Checks that both end
 * with the same bits in every real and integer of the state. Then whole
 * runs, as bench_engine steps them, in the library and in a group of runs
 * in lanes (model/lockstep/group.c), their ends compared run by run.
 * Usage: bench_lanes [GROUPS] [MONTHS] [RUNS].
 * Prints figures; never used as a test. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brink/engine.h"
#include "brink/scenario.h"
#include "lanes/blocks.h"
#include "model/mechanisms.h"
#include "model/valuation.h"

#include "bench_common.h"
#include "lanes/month.h"

/* the library's step of the same blocks */
static void scalar_month(brink_sim *s, const double *u)
{
    bench_blocks_month(s, u[0], u[1], u[2]);
}

/* Whole runs, as bench_engine steps them (every policy, runs 0 .. n-1,
 * seed 12345, drawn parameters): the library's brink_sim_step, one run
 * after another in one sim, against a group in lanes; both ends compared
 * run by run. Returns the runs whose ends differ, or -1. */
static long whole_runs(const brink_scenario *sc, long n)
{
    int w = bench_lanes_width();
    brink_sim *one = brink_sim_alloc(sc, NULL);
    brink_sim *lane[8];
    bench_lanes_end *a = malloc(sizeof *a * (size_t)n), *b = malloc(sizeof *b * (size_t)n);
    if (!one || !a || !b)
        return -1;
    for (int l = 0; l < w; l++)
        if (!(lane[l] = brink_sim_alloc(sc, NULL)))
            return -1;
    printf("\nwhole runs (every block; the timeline's turns, offers and answers and broken "
           "agreements found "
           "out by the library on the run), default case, %ld runs per policy, %d runs to a "
           "group\n",
           n, w);
    printf("%-22s %14s %14s %8s %8s\n", "policy", "library", "lanes", "ratio", "differ");
    long differ = 0;
    double all_lib = 0, all_lanes = 0, all_months = 0;
    for (int p = 0; p < brink_scenario_policy_count(sc); p++) {
        double months = 0;
        double t0 = bench_now();
        for (long r = 0; r < n; r++) {
            if (brink_sim_init(one, p, 12345, (uint64_t)r, 1, 0, NULL) != BRINK_OK)
                return -1;
            while (brink_sim_step(one))
                ;
            bench_lanes_end_of(&a[r], &one->st);
            months += one->st.t;
        }
        double t1 = bench_now();
        if (bench_lanes_runs(lane, p, 12345, n, b) != 0)
            return -1;
        double t2 = bench_now();
        long d = 0;
        for (long r = 0; r < n; r++)
            d += memcmp(&a[r], &b[r], sizeof a[r]) != 0;
        printf("%-22s %14.0f %14.0f %8.2f %8ld\n", brink_scenario_policy_name(sc, p),
               months / (t1 - t0), months / (t2 - t1), (t1 - t0) / (t2 - t1), d);
        differ += d;
        all_lib += t1 - t0;
        all_lanes += t2 - t1;
        all_months += months;
    }
    printf("%-22s %14.0f %14.0f %8.2f %8ld\n", "all", all_months / all_lib, all_months / all_lanes,
           all_lib / all_lanes, differ);
    printf("(run-months/s, one thread)\n");
    for (int l = 0; l < w; l++)
        brink_sim_free(lane[l]);
    brink_sim_free(one);
    free(a);
    free(b);
    return differ;
}

int main(int argc, char **argv)
{
    long groups = argc > 1 ? strtol(argv[1], NULL, 10) : 64;
    long months = argc > 2 ? strtol(argv[2], NULL, 10) : 2000;
    long runs = argc > 3 ? strtol(argv[3], NULL, 10) : 2000;
    if (groups <= 0 || months <= 0 || runs <= 0) {
        fprintf(stderr, "usage: bench_lanes [GROUPS] [MONTHS] [RUNS]\n");
        return 2;
    }
    brink_scenario *sc = bench_default_case();
    if (!sc)
        return 1;
    int w = bench_lanes_width();
    long n = groups * w;
    brink_sim **run = calloc((size_t)n, sizeof *run);
    struct brink_group **g = calloc((size_t)groups, sizeof *g);
    double *u = malloc(sizeof(double) * 3 * (size_t)w);
    brink_state *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    if (!run || !g || !u || !a || !b)
        return 1;
    for (long r = 0; r < n; r++) {
        run[r] = brink_sim_alloc(sc, NULL);
        if (!run[r] || brink_sim_init(run[r], (int)(r % brink_scenario_policy_count(sc)), 77,
                                      (uint64_t)r, 1, 0, NULL) != BRINK_OK)
            return 1;
        for (long m = 0; m < r % 60 && brink_sim_step(run[r]); m++)
            ;
    }
    for (long k = 0; k < groups; k++)
        if (!(g[k] = bench_lanes_group(&run[k * w])))
            return 1;
    for (int l = 0; l < w; l++) {
        u[3 * l] = 0.3 * (l - 1.5);
        /* above the hazards' maxima and the incident rate: no draw */
        u[3 * l + 1] = u[3 * l + 2] = 0.5;
    }
    /* each run (or group) steps its months while it is in cache, as an
     * engine would */
    double t0 = bench_now();
    for (long r = 0; r < n; r++)
        for (long m = 0; m < months; m++)
            scalar_month(run[r], &u[3 * (r % w)]);
    double t1 = bench_now();
    for (long k = 0; k < groups; k++)
        for (long m = 0; m < months; m++)
            bench_lanes_month(g[k], u);
    double t2 = bench_now();
    long differ = 0;
    for (long k = 0; k < groups; k++)
        for (int l = 0; l < w; l++) {
            bench_lanes_state(g[k], l, a);
            *b = run[k * w + l]->st;
            int same = 1;
#define SAME(name) same &= memcmp(&a->name, &b->name, sizeof a->name) == 0;
#define SAME_D(name) SAME(name)
#define SAME_I(name) SAME(name)
#define SAME_U(name) SAME(name)
#define SAME_RUN_D(name) SAME(name)
#define SAME_RUN_I(name) SAME(name)
#define SAME_RUN_U(name) SAME(name)
#define SAME_FORCE(name)
#define SAME_SUMMARY(name)
#define BRINK_STATE(kind, name, dims, by, doc) SAME_##kind(name)
#include "model/state.def"
#undef BRINK_STATE
            differ += !same;
        }
    double rm = (double)n * (double)months;
    printf("blocks in lanes (prices, sanctions, compliance, bypass, patrons, trade, fiscal, money, "
           "output, proxies, insurgency, loss, accounts, politics, programme, incidents, force), "
           "default "
           "case, %d runs to a group\n",
           w);
    printf("%-10s %14s %14s\n", "", "ns/run-month", "run-months/s");
    printf("%-10s %14.2f %14.0f\n", "library", 1e9 * (t1 - t0) / rm, rm / (t1 - t0));
    printf("%-10s %14.2f %14.0f\n", "lanes", 1e9 * (t2 - t1) / rm, rm / (t2 - t1));
    printf("ratio %.2f; runs whose states differ: %ld of %ld\n", (t1 - t0) / (t2 - t1), differ, n);
    for (long r = 0; r < n; r++)
        brink_sim_free(run[r]);
    for (long k = 0; k < groups; k++)
        free(g[k]);
    free(run);
    free(g);
    free(u);
    free(a);
    free(b);
    long whole = whole_runs(sc, runs);
    brink_scenario_free(sc);
    return differ || whole != 0 ? 1 : 0;
}
