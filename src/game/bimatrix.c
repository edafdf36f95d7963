/* Bimatrix games: allocation and names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/game.h"
#include "core/gsl_guard.h"

static char *dup_name(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

void brink_game_free(brink_game *g)
{
    if (!g)
        return;
    free(g->a);
    free(g->b);
    for (int p = 0; p < 2; p++) {
        free(g->player[p]);
        if (g->strategy[p]) {
            int k = p == 0 ? g->m : g->n;
            for (int s = 0; s < k; s++)
                free(g->strategy[p][s]);
            free(g->strategy[p]);
        }
    }
    free(g);
}

brink_game *brink_game_alloc(int m, int n, brink_error *err)
{
    brink_gsl_guard();
    if (m < 1 || n < 1 || m > BRINK_GAME_MAX_STRATEGIES || n > BRINK_GAME_MAX_STRATEGIES) {
        brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                        "game size %dx%d out of range", m, n);
        brink_error_hint(err, "each player has 1 to %d strategies",
                         BRINK_GAME_MAX_STRATEGIES);
        return NULL;
    }
    brink_game *g = calloc(1, sizeof *g);
    if (!g)
        goto oom;
    g->m = m;
    g->n = n;
    size_t cells = (size_t)m * (size_t)n;
    g->a = calloc(cells, sizeof *g->a);
    g->b = calloc(cells, sizeof *g->b);
    g->player[0] = dup_name("row");
    g->player[1] = dup_name("column");
    g->strategy[0] = calloc((size_t)m, sizeof *g->strategy[0]);
    g->strategy[1] = calloc((size_t)n, sizeof *g->strategy[1]);
    if (!g->a || !g->b || !g->player[0] || !g->player[1] || !g->strategy[0] ||
        !g->strategy[1])
        goto oom;
    for (int p = 0; p < 2; p++) {
        int k = p == 0 ? m : n;
        for (int s = 0; s < k; s++) {
            char buf[16];
            snprintf(buf, sizeof buf, "%c%d", p == 0 ? 'r' : 'c', s + 1);
            if (!(g->strategy[p][s] = dup_name(buf)))
                goto oom;
        }
    }
    return g;
oom:
    brink_game_free(g);
    brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    return NULL;
}

brink_status brink_game_set_name(brink_game *g, int p, int s, const char *name,
                                 brink_error *err)
{
    if (!g || p < 0 || p > 1 || s >= (p == 0 ? g->m : g->n))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "no player %d strategy %d", p, s);
    size_t len = name ? strlen(name) : 0;
    if (len == 0 || len > BRINK_GAME_MAX_NAME)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "name must be 1 to %d bytes long", BRINK_GAME_MAX_NAME);
    char *d = dup_name(name);
    if (!d)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    char **slot = s < 0 ? &g->player[p] : &g->strategy[p][s];
    free(*slot);
    *slot = d;
    return BRINK_OK;
}
