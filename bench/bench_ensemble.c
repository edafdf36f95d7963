/* Ensemble throughput on the default case (default policy, drawn
 * parameters): run-months and runs per second at 1 thread and at every
 * core, and every policy over the same runs on every core (as brink
 * compare), after three rows on 1 thread that take the ensemble apart:
 * the bare engine one run after another (brink_sim_step, stepping only);
 * the engine as the ensembles step it (the runner's batches, in lanes
 * where the processor has them, nothing recorded); and the lean ensemble
 * of the sweeps (src/analysis/ensemble_lean.h: outcomes by month, time to
 * a deal and cost moments, no fans). The full ensemble adds to that the
 * records of its fan variables and the fans. Usage: bench_ensemble [RUNS]
 * [STEP], STEP the copy of the monthly step to run (model/isa.h): base
 * (one run after another), or x86-64-v3 or x86-64-v4, whose ensembles step
 * their runs in lanes (default: the widest the processor runs). Names the
 * copy it runs. Prints figures; never used as a test. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "brink/engine.h"
#include "brink/ensemble.h"
#include "brink/scenario.h"
#include "analysis/ensemble_lean.h"
#include "analysis/runner.h"
#include "model/isa.h"

#include "bench_common.h"

static void row(const char *what, int threads, uint64_t runs, uint64_t months, double dt)
{
    printf("%-22s %7d %10" PRIu64 " %14.0f %12.0f %10.3f\n", what, threads, runs,
           (double)months / dt, (double)runs / dt, dt);
}

/* One row: an ensemble of the given policies over the same runs; runs and
 * run-months summed over the policies. */
static int ensemble_row(const char *what, const brink_scenario *sc, const int *policies,
                        int npol, uint64_t runs, int threads)
{
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    for (int k = 0; k < npol; k++)
        cfg.policies[k] = policies[k];
    cfg.npolicies = npol;
    cfg.runs = runs;
    cfg.seed = 1;
    cfg.threads = threads;
    brink_ensemble_result *res = NULL;
    double t0 = bench_now();
    if (brink_ensemble_run(sc, &cfg, &res, NULL) != BRINK_OK) {
        fprintf(stderr, "ensemble failed\n");
        return 1;
    }
    double dt = bench_now() - t0;
    uint64_t months = 0;
    for (int k = 0; k < npol; k++)
        months += res->pol[k].run_months;
    row(what, res->threads, res->runs_done * (uint64_t)npol, months, dt);
    brink_ensemble_result_free(res);
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 50000;
    if (n <= 0)
        n = 50000;
    if (argc > 2 && !bench_force_step(argv[2]))
        return 2;
    uint64_t runs = (uint64_t)n;
    brink_scenario *sc = bench_default_case();
    if (!sc)
        return 1;
    int policy = brink_scenario_default_policy(sc);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("brink ensemble benchmark: %s, policy %s, %" PRIu64 " runs, %ld cores online, step %s\n",
           brink_scenario_name(sc), brink_scenario_policy_name(sc, policy), runs, cores,
           brink_isa_name_(brink_isa_step_()));
    printf("%-22s %7s %10s %14s %12s %10s\n", "", "threads", "runs", "run-months/s", "runs/s",
           "seconds");

    /* the bare engine, one thread */
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    uint64_t months = 0;
    double t0 = bench_now();
    for (uint64_t r = 0; r < runs; r++) {
        brink_sim_init(sim, policy, 1, r, 1, 0, NULL);
        while (brink_sim_step(sim))
            months++;
        months++;
    }
    row("engine only", 1, runs, months, bench_now() - t0);
    brink_sim_free(sim);

    /* the engine as the ensembles step it: the runner's batches, nothing
     * recorded but each run's months, one thread */
    uint32_t horizon = (uint32_t)brink_scenario_horizon_months(sc);
    brink_runner *runner = brink_runner_alloc(sc, 0, NULL);
    size_t batch = runner ? brink_runner_batch(runner) : 0;
    brink_runner_job *jobs = runner ? calloc(batch, sizeof *jobs) : NULL;
    if (!jobs) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    months = 0;
    t0 = bench_now();
    for (uint64_t r = 0; r < runs; r += batch) {
        size_t nb = runs - r < batch ? (size_t)(runs - r) : batch;
        for (size_t i = 0; i < nb; i++)
            jobs[i] = (brink_runner_job){.policy = policy, .run = r + i};
        if (brink_runner_run(runner, 1, NULL, 0, horizon, jobs, nb, NULL) != BRINK_OK) {
            fprintf(stderr, "runner failed\n");
            return 1;
        }
        for (size_t i = 0; i < nb; i++)
            months += jobs[i].steps;
    }
    row(brink_runner_lanes(runner) > 1 ? "engine in lanes" : "engine in batches", 1, runs, months,
        bench_now() - t0);
    free(jobs);
    brink_runner_free(runner);

    /* the sweeps' lean ensemble, one thread */
    brink_ensemble_lean lean;
    t0 = bench_now();
    if (brink_ensemble_lean_run(sc, policy, 1, runs, &lean, NULL) != BRINK_OK) {
        fprintf(stderr, "lean ensemble failed\n");
        return 1;
    }
    row("lean ensemble", 1, runs, lean.run_months, bench_now() - t0);
    brink_ensemble_lean_release(&lean);

    int counts[2] = {1, (int)(cores > 0 ? cores : 1)};
    int one[1] = {policy};
    for (int i = 0; i < 2; i++) {
        if (i == 1 && counts[1] == 1)
            break;
        if (ensemble_row("ensemble", sc, one, 1, runs, counts[i]) != 0)
            return 1;
    }

    /* every policy over the same runs (as brink compare), every core: each
     * run's parameters are drawn once for all policies */
    char what[32];
    int all[BRINK_ENSEMBLE_MAX_POLICIES], npol = brink_scenario_policy_count(sc);
    if (npol > BRINK_ENSEMBLE_MAX_POLICIES)
        npol = BRINK_ENSEMBLE_MAX_POLICIES;
    for (int k = 0; k < npol; k++)
        all[k] = k;
    snprintf(what, sizeof what, "compare, %d policies", npol);
    if (ensemble_row(what, sc, all, npol, runs, counts[1]) != 0)
        return 1;
    brink_scenario_free(sc);
    return 0;
}
