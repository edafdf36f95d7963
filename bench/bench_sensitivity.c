/* Global sensitivity of the default case: Sobol indices of P(deal within 60
 * months) and P(war by month 120) under the default policy, over every
 * uncertain parameter of the scenario, with a fixed base sample. Reports the
 * wall time, the run-months per second sustained (ensembles at N x (d + 2)
 * points) and the widest interval of the leading total indices.
 * Usage: bench_sensitivity [BASE [RUNS [THREADS]]] (default 64 200 0).
 * Prints figures; never used as a test. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brink/explore.h"

#include "bench_common.h"

int main(int argc, char **argv)
{
    int base = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 64;
    long runs = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
    int threads = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 0;
    if (base < BRINK_SOBOL_MIN_BASE || runs < 1 || threads < 0) {
        fprintf(stderr, "usage: bench_sensitivity [BASE>=16 [RUNS [THREADS]]]\n");
        return 2;
    }
    brink_scenario *sc = bench_default_case();
    brink_explore_param *p = NULL;
    int d = 0;
    brink_error err;
    if (!sc)
        return 1;
    if (brink_explore_uncertain(sc, &p, &d, &err) != BRINK_OK) {
        fprintf(stderr, "the default case's uncertain parameters: %s\n", err.message);
        return 1;
    }
    const size_t rows = brink_saltelli_rows(d, base);
    brink_explore_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.param = p;
    cfg.d = d;
    cfg.policy = brink_scenario_default_policy(sc);
    cfg.runs = (uint64_t)runs;
    cfg.seed = 1;
    cfg.threads = threads;
    cfg.out.nmonths = 2;
    cfg.out.months[0] = 60;
    cfg.out.months[1] = 120;
    const int nout = brink_explore_output_count(&cfg.out);
    double *u = malloc(sizeof(double) * rows * (size_t)d);
    double *y = malloc(sizeof(double) * rows * (size_t)nout);
    double *col = malloc(sizeof(double) * rows);
    if (!u || !y || !col || brink_saltelli_design(d, 0, base, 1, u, &err) != BRINK_OK)
        return 1;
    printf("brink sensitivity benchmark: %s, policy %s, %d parameters, %d base samples, "
           "%zu points, %ld runs each\n",
           brink_scenario_name(sc), brink_scenario_policy_name(sc, cfg.policy), d, base, rows,
           runs);
    int done = 0;
    double t0 = bench_now();
    if (brink_explore_evaluate(sc, &cfg, u, (int)rows, 0, y, &done, &err) != BRINK_OK) {
        fprintf(stderr, "evaluation failed: %s\n", err.message);
        return 1;
    }
    double t1 = bench_now();
    const char *names[2] = {"p_deal_within_60", "p_war_120"};
    double worst = 0;
    for (int k = 0; k < 2; k++) {
        int idx = brink_explore_output_index(&cfg.out, names[k]);
        for (size_t i = 0; i < rows; i++)
            col[i] = y[i * (size_t)nout + (size_t)idx];
        brink_sobol_result *s = NULL;
        if (brink_sobol_analyse(d, base, col, 1000, 0.95, 1, &s, &err) != BRINK_OK)
            return 1;
        double w = brink_sobol_max_halfwidth(s, 0.05);
        printf("  %-18s widest half-width of the total indices >= 0.05: %.3f\n", names[k], w);
        worst = w > worst ? w : worst;
        brink_sobol_result_free(s);
    }
    double t2 = bench_now();
    printf("  simulation %.1f s, analysis %.2f s; %" PRIu64 " run-months, %.0f run-months/s\n",
           t1 - t0, t2 - t1, cfg.run_months, (double)cfg.run_months / (t1 - t0));
    free(u);
    free(y);
    free(col);
    free(p);
    brink_scenario_free(sc);
    return 0;
}
