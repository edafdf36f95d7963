/* Times the enumeration of all Nash equilibria against lrsnash on the same
 * random games (integer payoffs in [-999, 999]).
 *
 * usage: bench_nash [GAMES_PER_SIZE [MAX_SIZE]]   (defaults 5, 12)
 *
 * lrsnash times are wall-clock per game and include writing its input file,
 * starting the process and reading its output; the start-up overhead alone
 * (a 2x2 game) is printed first. Our times are in-process wall-clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../tests/support/lrsnash.h"
#include "brink/game.h"

#include "bench_common.h"

static long arg(int argc, char **argv, int i, long def, long lo, long hi)
{
    if (argc <= i)
        return def;
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*end || v < lo || v > hi) {
        fprintf(stderr, "bench_nash: argument %d must be %ld..%ld\n", i, lo, hi);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    long games = arg(argc, argv, 1, 5, 1, 1000);
    long max_size = arg(argc, argv, 2, 12, 5, 20);
    if (!lrs_available()) {
        fprintf(stderr, "bench_nash: %s not found (install lrslib)\n", LRSNASH_PATH);
        return 1;
    }
    char why[512];
    long a[400], b[400];
    lrs_eqs lrs;

    /* lrsnash start-up: a trivial game, several times */
    for (int c = 0; c < 4; c++)
        a[c] = b[c] = c;
    double t0 = bench_now();
    for (int k = 0; k < 20; k++) {
        if (!lrs_solve(2, 2, a, b, &lrs, why, sizeof why)) {
            fprintf(stderr, "bench_nash: %s\n", why);
            return 1;
        }
        lrs_eqs_free(&lrs);
    }
    printf("lrsnash start-up (2x2 game, process + files): %.2f ms\n\n",
           1e3 * (bench_now() - t0) / 20);
    printf("%5s %6s %8s %10s %12s %12s %8s %6s\n", "size", "games", "equil.",
           "vertices", "brink ms", "lrsnash ms", "ratio", "agree");

    brink_nash_result *r = brink_nash_result_alloc(NULL);
    brink_game *g = NULL;
    uint64_t rng = 31337;
    int status = 0;
    for (long s = 5; s <= max_size; s++) {
        int n = (int)s;
        double ours = 0.0, theirs = 0.0;
        size_t eqs = 0, verts = 0;
        int agree = 0;
        g = brink_game_alloc(n, n, NULL);
        if (!g || !r)
            return 1;
        for (long k = 0; k < games; k++) {
            for (int c = 0; c < n * n; c++) {
                a[c] = lrs_rand_int(&rng, -999, 999);
                b[c] = lrs_rand_int(&rng, -999, 999);
                g->a[c] = (double)a[c];
                g->b[c] = (double)b[c];
            }
            brink_error err;
            double t1 = bench_now();
            if (brink_nash_enumerate(g, NULL, r, &err) != BRINK_OK) {
                fprintf(stderr, "bench_nash: %s\n", err.message);
                return 1;
            }
            double t2 = bench_now();
            if (!lrs_solve(n, n, a, b, &lrs, why, sizeof why)) {
                fprintf(stderr, "bench_nash: %s\n", why);
                return 1;
            }
            double t3 = bench_now();
            ours += t2 - t1;
            theirs += t3 - t2;
            eqs += r->count;
            verts += r->vertices[0] + r->vertices[1];
            agree += lrs.count == r->count;
            lrs_eqs_free(&lrs);
        }
        printf("%2dx%-2d %6ld %8.1f %10.0f %12.3f %12.3f %8.2f %3d/%ld\n", n, n, games,
               (double)eqs / (double)games, (double)verts / (double)games,
               1e3 * ours / (double)games, 1e3 * theirs / (double)games, theirs / ours,
               agree, games);
        if (agree != games)
            status = 1;
        brink_game_free(g);
        g = NULL;
    }
    printf("\nper game means; ratio = lrsnash time / brink time; agree = same number "
           "of equilibria\n");
    brink_nash_result_free(r);
    return status;
}
