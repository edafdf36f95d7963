/* Engine throughput: run-months and runs per second on the default case,
 * one thread, drawn parameters. Usage: bench_engine [RUNS] [STEP] [lanes],
 * STEP the copy of the monthly step to run (model/isa.h): base, x86-64-v3
 * or x86-64-v4 (default: the widest the processor runs); with `lanes`, that
 * copy's whole runs in lanes (brink_lanes_run_: eight runs to a vector in
 * the x86-64-v4 copy, four in the x86-64-v3 one), the same runs with the
 * same results. Prints figures; never used as a test. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brink/engine.h"
#include "brink/scenario.h"
#include "model/isa.h"

#include "bench_common.h"

typedef struct {
    int policy;
    long runs, next;
    uint64_t months;
} lanes_ctx;

static int lanes_next(void *ctx, int l, brink_sim *sim, brink_lanes_record *rec)
{
    (void)l;
    (void)rec; /* (nothing recorded) */
    lanes_ctx *c = ctx;
    if (c->next >= c->runs)
        return 0;
    return brink_sim_init(sim, c->policy, 12345, (uint64_t)c->next++, 1, 0, NULL) == BRINK_OK;
}

static void lanes_done(void *ctx, int l, brink_sim *sim)
{
    (void)l;
    lanes_ctx *c = ctx;
    /* (as the loop below counts: the months stepped) */
    c->months += (uint64_t)brink_sim_month(sim) + 1;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
    if (runs <= 0)
        runs = 20000;
    if (argc > 2 && !bench_force_step(argv[2]))
        return 2;
    int lanes = argc > 3 && strcmp(argv[3], "lanes") == 0;
    if (argc > 3 && (!lanes || brink_lanes_width_() == 0)) {
        fprintf(stderr, "no lanes '%s' here (`lanes`, with the x86-64-v3 or x86-64-v4 step)\n",
                argv[3]);
        return 2;
    }
    brink_scenario *sc = bench_default_case();
    if (!sc)
        return 1;
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    brink_sim *lane[8] = {0};
    for (int l = 0; lanes && l < brink_lanes_width_(); l++)
        if (!(lane[l] = brink_sim_alloc(sc, NULL)))
            return 1;
    printf("brink engine benchmark: %ld runs per policy, 1 thread, drawn parameters, step %s%s\n",
           runs, brink_isa_name_(brink_isa_step_()), lanes ? ", whole runs in lanes" : "");
    printf("%-22s %14s %14s %12s\n", "policy", "run-months/s", "runs/s", "months/run");
    for (int p = 0; p < brink_scenario_policy_count(sc); p++) {
        uint64_t months = 0;
        double t0 = bench_now();
        if (lanes) {
            lanes_ctx c = {.policy = p, .runs = runs};
            brink_lanes_source src = {.next = lanes_next, .done = lanes_done, .ctx = &c};
            if (brink_lanes_run_(lane, &src) != 0 || c.next != runs)
                return 1;
            months = c.months;
        }
        for (long r = 0; !lanes && r < runs; r++) {
            brink_sim_init(sim, p, 12345, (uint64_t)r, 1, 0, NULL);
            while (brink_sim_step(sim))
                months++;
            months++;
        }
        double dt = bench_now() - t0;
        printf("%-22s %14.0f %14.0f %12.1f\n", brink_scenario_policy_name(sc, p),
               (double)months / dt, (double)runs / dt, (double)months / (double)runs);
    }
    for (int l = 0; l < 8; l++)
        brink_sim_free(lane[l]);
    brink_sim_free(sim);
    brink_scenario_free(sc);
    return 0;
}
