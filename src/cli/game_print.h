/* Printing a bimatrix game and its equilibria, as a table or as JSON; shared
 * by 'brink game FILE' and other commands that solve games. */
#ifndef BRINK_CLI_GAME_PRINT_H
#define BRINK_CLI_GAME_PRINT_H

#include <stdio.h>

#include <jansson.h>

#include "brink/game.h"

/* v snapped to the nearest fraction p/q (q <= 1000) when within 1e-12
 * (relative) of it; else v. Prints 0.5 rather than 0.50000000000000011. */
double game_clean_number(double v);

/* The payoff matrix, then each equilibrium: supports with probabilities and
 * expected payoffs; says whether the game is degenerate, and how many
 * equilibria were not kept. */
void game_print_table(FILE *out, const brink_game *g, const brink_nash_result *r);

/* {"degenerate": false, "total": n, "equilibria": [{"strategies": [x, y],
 *  "payoffs": [u1, u2]}, ...]}: total counts every equilibrium found, the
 * list holds the ones kept (see max_equilibria); NULL when out of memory. */
json_t *game_result_json(const brink_game *g, const brink_nash_result *r);

/* Prints game_result_json on one line. Returns 0, or -1 on failure. */
int game_print_json(FILE *out, const brink_game *g, const brink_nash_result *r);

#endif
