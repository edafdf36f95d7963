/* The game parser and the equilibrium solver on arbitrary text. Every
 * equilibrium returned must be one: no strategy of either player earns more
 * against the other's mix than the mix itself (within a tolerance relative to
 * the payoffs' range plus a rounding term relative to their magnitude, so a
 * constant matrix, whose range is zero, is not failed for an error of one
 * ulp; computed in halves so that payoffs near +-1e308 do not overflow). */
#include <math.h>
#include <string.h>

#include "fuzz_common.h"

/* (max - min) / 2 of the n values of v: finite for any finite payoffs. */
static double half_range(const double *v, size_t n)
{
    double lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, v[i]);
        hi = fmax(hi, v[i]);
    }
    return 0.5 * hi - 0.5 * lo;
}

/* The tolerance on a player's regret: 1e-6 of the half range, plus 1e-12 of
 * the largest half payoff in magnitude (rounding in the sums of products). */
static double tolerance(const double *v, size_t n)
{
    double big = 0;
    for (size_t i = 0; i < n; i++)
        big = fmax(big, fabs(0.5 * v[i]));
    return 1e-6 * half_range(v, n) + 1e-12 * big;
}

/* Player p's best pure payoff against the other's mix, less the payoff of
 * its own mix, both halved. */
static double regret(const brink_game *g, const brink_equilibrium *q, int p)
{
    const double *pay = p == 0 ? g->a : g->b;
    int mine = p == 0 ? g->m : g->n, theirs = p == 0 ? g->n : g->m;
    const double *own = p == 0 ? q->x : q->y, *other = p == 0 ? q->y : q->x;
    double best = -INFINITY, mixed = 0;
    for (int i = 0; i < mine; i++) {
        double v = 0;
        for (int j = 0; j < theirs; j++) {
            size_t c = p == 0 ? (size_t)i * (size_t)g->n + (size_t)j
                              : (size_t)j * (size_t)g->n + (size_t)i;
            v += 0.5 * pay[c] * other[j];
        }
        best = fmax(best, v);
        mixed += own[i] * v;
    }
    return best - mixed;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_game *g = NULL;
    brink_error err;
    if (brink_game_parse((const char *)data, size, "fuzz.yaml", &g, &err) != BRINK_OK) {
        FUZZ_CHECK(g == NULL, "a failed parse returned a game");
        FUZZ_CHECK(err.message[0] != '\0', "a failed parse without a message");
        return 0;
    }
    /* bounded cost per input: small games, a small budget of bases */
    if (g->m <= 8 && g->n <= 8) {
        brink_nash_options opt;
        memset(&opt, 0, sizeof opt);
        opt.max_bases = 20000;
        opt.max_equilibria = 256;
        brink_nash_result *r = brink_nash_result_alloc(NULL);
        if (r && brink_nash_enumerate(g, &opt, r, &err) == BRINK_OK) {
            size_t cells = (size_t)g->m * (size_t)g->n;
            double ta = tolerance(g->a, cells), tb = tolerance(g->b, cells);
            FUZZ_CHECK(r->count >= 1, "a finite game without an equilibrium");
            FUZZ_CHECK(r->count <= r->total, "more equilibria kept than found");
            for (size_t e = 0; e < r->count; e++) {
                const brink_equilibrium *q = &r->eq[e];
                double sx = 0, sy = 0;
                for (int i = 0; i < g->m; i++)
                    sx += q->x[i];
                for (int j = 0; j < g->n; j++)
                    sy += q->y[j];
                FUZZ_CHECK(fabs(sx - 1) < 1e-9 && fabs(sy - 1) < 1e-9, "not a mixed strategy");
                FUZZ_CHECK(regret(g, q, 0) <= ta + 1e-300, "the row player can do better");
                FUZZ_CHECK(regret(g, q, 1) <= tb + 1e-300, "the column player can do better");
            }
        }
        brink_nash_result_free(r);
    }
    brink_game_free(g);
    return 0;
}
