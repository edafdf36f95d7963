/* brink: two-player normal-form (bimatrix) games and their Nash equilibria.
 *
 * A game has m row strategies and n column strategies; A holds the row
 * player's payoffs and B the column player's, both indexed [row][column].
 * brink_nash_enumerate finds every Nash equilibrium, pure and mixed, by
 * vertex enumeration of the two best-response polytopes (see docs/game.md).
 *
 * Ownership: what _alloc returns is freed with the matching _free; every
 * _free accepts NULL.
 */
#ifndef BRINK_GAME_H
#define BRINK_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "brink/error.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Largest number of strategies per player accepted anywhere. */
#define BRINK_GAME_MAX_STRATEGIES 64
/* Longest player or strategy name, bytes, NUL excluded. */
#define BRINK_GAME_MAX_NAME 63

typedef struct {
    int m, n;                 /* strategies of the row and column player */
    double *a;                /* row player's payoffs, a[i * n + j] */
    double *b;                /* column player's payoffs, b[i * n + j] */
    char *player[2];          /* names; default "row", "column" */
    char **strategy[2];       /* strategy[0][i], i < m; strategy[1][j], j < n;
                                 defaults "r1".., "c1".. */
} brink_game;

/* A game of m x n strategies (1..BRINK_GAME_MAX_STRATEGIES each), payoffs
 * zero, default names. NULL on failure (bad size, out of memory). */
brink_game *brink_game_alloc(int m, int n, brink_error *err);
void brink_game_free(brink_game *g);

/* Renames player p (0 row, 1 column), or its strategy s when s >= 0.
 * The name is copied; it must be 1..BRINK_GAME_MAX_NAME bytes. */
brink_status brink_game_set_name(brink_game *g, int p, int s, const char *name,
                                 brink_error *err);

/* Parses a game from YAML (JSON is YAML too):
 *     players: [sender, target]                  # optional
 *     strategies: [[s1, s2], [t1, t2, t3]]       # optional
 *     payoffs: [A, B]                            # required, [row][column]
 * `file` names the text in messages. On failure returns BRINK_ERR_INPUT with
 * the line, column and path (e.g. "payoffs[1][2][0]") of the first problem,
 * and *out is NULL. */
brink_status brink_game_parse(const char *text, size_t len, const char *file,
                              brink_game **out, brink_error *err);

/* Reads and parses a game file. */
brink_status brink_game_load(const char *path, brink_game **out, brink_error *err);

/* One equilibrium (x, y): x over the m rows, y over the n columns. */
typedef struct {
    double *x, *y;            /* probabilities, exact zeros off the support */
    int *support[2];          /* ascending strategy indices with positive
                                 probability; support_size[p] entries */
    int support_size[2];
    double payoff[2];         /* expected payoffs x'Ay and x'By */
} brink_equilibrium;

typedef struct {
    int m, n;
    bool degenerate;          /* see brink_nash_enumerate */
    size_t count;             /* equilibria in eq */
    size_t total;             /* equilibria found: more than count when
                                 max_equilibria kept only the first */
    brink_equilibrium *eq;
    size_t vertices[2];       /* vertices of the best-response polytopes of the
                                 row and column player, origin included */
    size_t bases;             /* feasible bases visited, both polytopes */
    /* storage */
    size_t cap;
    double *values;
    int *indices;
} brink_nash_result;

brink_nash_result *brink_nash_result_alloc(brink_error *err);
void brink_nash_result_free(brink_nash_result *r);

typedef struct {
    /* Zero tolerance on the scaled polytopes (payoffs are mapped affinely
     * onto [1, 11] first); 0 means the default 1e-9. */
    double tol;
    /* Give up (BRINK_ERR_RUNTIME) after finding this many feasible bases in
     * one polytope; 0 means the default, 4,000,000 * (12 / max(m, n, 12))^2,
     * which bounds time (to seconds) and memory; random 12x12 games need about
     * 10,000, random 16x16 ones 250,000. */
    size_t max_bases;
    /* Keep only the first this many equilibria (in the canonical order) in
     * the result; r->total still counts them all. 0 means all. Bounds the
     * result's memory: a 20x20 identity game has 1,048,575 equilibria. */
    size_t max_equilibria;
} brink_nash_options;

/* Finds the Nash equilibria of g and stores them in r (replacing what it
 * held), sorted canonically: by x, then y, compared strategy by strategy in
 * file order, larger probability first.
 *
 * Nondegenerate games (no mixed strategy with support size k has more than k
 * pure best responses): every equilibrium is returned, exactly once; supports
 * have equal size.
 *
 * Degenerate games (r->degenerate is true): equilibria then form convex
 * components that may be infinite sets. The extreme equilibria are returned:
 * every pair (x, y) with x a vertex of the row player's best-response
 * polytope, y one of the column player's, both nonzero and together
 * completely labelled, each pair once. Every equilibrium is a convex
 * combination of returned ones (within each maximal component); this is the
 * set lrsnash prints. Supports may then differ in size.
 *
 * opt may be NULL (defaults). Returns BRINK_ERR_INPUT for a malformed game
 * (sizes, non-finite payoffs), BRINK_ERR_RUNTIME when out of memory or over
 * max_bases; r is then empty. */
brink_status brink_nash_enumerate(const brink_game *g, const brink_nash_options *opt,
                                  brink_nash_result *r, brink_error *err);

/* v snapped to the nearest fraction p/q (q <= 1000) when within 1e-12
 * (relative) of it; else v: 0.5 rather than 0.50000000000000011. */
double brink_nash_clean_number(double v);

/* The equilibria as `brink game FILE --format json` prints them, on one
 * line: {"degenerate": false, "total": n, "equilibria": [{"strategies":
 * [x, y], "payoffs": [u1, u2]}, ...]} (numbers cleaned as above); total
 * counts every equilibrium found, the list holds the ones kept. */
brink_status brink_nash_write_json(const brink_game *g, const brink_nash_result *r, FILE *out,
                                   brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
