/* The costs that decide how ensembles scale over processes (brink/parallel.h,
 * docs/cluster.md), measured on this machine for the default case, and the
 * parallel efficiency they imply at 2 to 256 processes.
 *
 * Measured: the time one process (one thread) takes to simulate a block
 * (BRINK_ENSEMBLE_BLOCK chunks of BRINK_ENSEMBLE_CHUNK runs), the bytes of a
 * block's packed accumulators (the message a process sends to process 0),
 * the time to pack them (the sender) and to unpack and merge them (process
 * 0, which serves every other process from one thread).
 *
 * Model, per process of one thread: a block's cycle is
 *   C = Tb + pack + 2 L + bytes / BW + poll,
 * the simulation plus the request and the message (L: latency, BW: network
 * bandwidth, poll: process 0 looks for messages every millisecond). Process
 * 0 spends S = L + bytes / BW + unpack_merge per block it receives, so with N
 * processes it is busy N S / C of the time: the job slows once that passes 1.
 * The last blocks leave some processes idle: with nb blocks the job takes
 * ceil(nb / N) cycles where nb / N would do. Efficiency:
 *   E(N) = Tb / C * min(1, C / (N S)) * (nb / N) / ceil(nb / N).
 * Usage: bench_cluster [LATENCY_US [BANDWIDTH_GBPS]] (defaults 20 us and
 * 1.25 GB/s, 10 Gb Ethernet). Prints figures; never used as a test. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/ensemble_acc.h"
#include "analysis/snapshot.h"
#include "brink/ensemble.h"
#include "brink/parallel.h"
#include "brink/scenario.h"

#include "bench_common.h"

static int run_block(const brink_scenario *sc, brink_ensemble_result **res, double *dt)
{
    brink_ensemble_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.policies[0] = brink_scenario_default_policy(sc);
    cfg.npolicies = 1;
    cfg.runs = (uint64_t)BRINK_ENSEMBLE_BLOCK * BRINK_ENSEMBLE_CHUNK;
    cfg.seed = 1;
    cfg.threads = 1;
    brink_error err;
    double t0 = bench_now();
    if (brink_ensemble_run(sc, &cfg, res, &err) != BRINK_OK) {
        fprintf(stderr, "ensemble: %s\n", err.message);
        return -1;
    }
    *dt = bench_now() - t0;
    return 0;
}

int main(int argc, char **argv)
{
    double latency = (argc > 1 ? strtod(argv[1], NULL) : 20) * 1e-6;
    double bw = (argc > 2 ? strtod(argv[2], NULL) : 1.25) * 1e9;
    if (!(latency >= 0) || !(bw > 0)) {
        fprintf(stderr, "usage: bench_cluster [LATENCY_US [BANDWIDTH_GBPS]]\n");
        return 2;
    }
    brink_scenario *sc = bench_default_case();
    if (!sc)
        return 1;

    /* a block's simulation, one thread: best of three */
    double tb = INFINITY;
    brink_ensemble_result *res = NULL;
    for (int i = 0; i < 3; i++) {
        brink_ensemble_result_free(res);
        double dt;
        if (run_block(sc, &res, &dt) != 0)
            return 1;
        tb = fmin(tb, dt);
    }

    /* its accumulators, packed as a process sends them */
    acc_set blk = {res->npolicies, res->pol, res->pair, res->runs_done};
    const int reps = 20;
    brink_packer p;
    brink_packer_init(&p);
    double t0 = bench_now();
    for (int i = 0; i < reps; i++) {
        p.len = 0;
        acc_pack(&p, &blk);
    }
    double t_pack = (bench_now() - t0) / reps;
    size_t bytes = p.len;

    /* process 0: unpack into a block's accumulators and merge into the total */
    acc_set in, total;
    brink_error err;
    if (acc_alloc(&in, 1, res->horizon, res->fan_spec, res->cost_spec, &err) != BRINK_OK ||
        acc_alloc(&total, 1, res->horizon, res->fan_spec, res->cost_spec, &err) != BRINK_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    t0 = bench_now();
    for (int i = 0; i < reps; i++) {
        brink_unpacker u;
        brink_unpacker_init(&u, p.data, p.len);
        acc_clear(&in, res->horizon);
        if (acc_unpack(&u, &in, &err) != BRINK_OK || acc_merge(&total, &in, &err) != BRINK_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    double t_merge = (bench_now() - t0) / reps;

    uint64_t block_runs = (uint64_t)BRINK_ENSEMBLE_BLOCK * BRINK_ENSEMBLE_CHUNK;
    double months = (double)res->pol[0].run_months;
    printf("brink cluster benchmark: %s, policy %s, one process of one thread\n",
           brink_scenario_name(sc), brink_scenario_policy_name(sc, res->policies[0]));
    printf("  block: %u chunks of %u runs = %" PRIu64 " runs, %.0f run-months\n",
           BRINK_ENSEMBLE_BLOCK, BRINK_ENSEMBLE_CHUNK, block_runs, months);
    printf("  simulate a block (Tb)              %10.3f s   (%.2f M run-months/s)\n", tb,
           months / tb / 1e6);
    printf("  bytes sent per block (packed)      %10zu     (%.0f per chunk, %.1f per run)\n",
           bytes, (double)bytes / BRINK_ENSEMBLE_BLOCK, (double)bytes / (double)block_runs);
    printf("  pack a block (sender)              %10.3f ms\n", 1e3 * t_pack);
    printf("  unpack and merge a block (rank 0)  %10.3f ms\n", 1e3 * t_merge);
    printf("  network assumed: latency %.0f us, bandwidth %.2f GB/s\n", latency * 1e6,
           bw / 1e9);

    double poll = 1e-3;
    double cycle = tb + t_pack + 2 * latency + (double)bytes / bw + poll;
    double serve = latency + (double)bytes / bw + t_merge;
    printf("  block cycle C = %.3f s; rank 0 per block S = %.3f ms; rank 0 saturates at "
           "N = C / S = %.0f processes\n",
           cycle, 1e3 * serve, cycle / serve);
    printf("\nestimated parallel efficiency E(N), one thread per process:\n");
    printf("  %-12s", "runs");
    static const int ns[] = {2, 16, 64, 256};
    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++)
        printf(" %8s%-4d", "N=", ns[k]);
    printf("\n");
    static const double jobs[] = {1e6, 1e7, 1e8};
    for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
        double nb = ceil(jobs[j] / (double)block_runs);
        printf("  %-12.0e", jobs[j]);
        for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
            double n = ns[k];
            double e = tb / cycle * fmin(1, cycle / (n * serve)) * (nb / n) / ceil(nb / n);
            printf(" %11.1f%%", 100 * e);
        }
        printf("\n");
    }
    brink_packer_release(&p);
    acc_free(&in);
    acc_free(&total);
    brink_ensemble_result_free(res);
    brink_scenario_free(sc);
    return 0;
}
