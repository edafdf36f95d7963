/* Printing a bimatrix game and its equilibria as a table (the JSON is the
 * library's, brink_nash_write_json); shared by 'brink game FILE' and other
 * commands that solve games. */
#ifndef BRINK_CLI_GAME_PRINT_H
#define BRINK_CLI_GAME_PRINT_H

#include <stdio.h>

#include "brink/game.h"

/* The payoff matrix, then each equilibrium: supports with probabilities and
 * expected payoffs; says whether the game is degenerate, and how many
 * equilibria were not kept. */
void game_print_table(FILE *out, const brink_game *g, const brink_nash_result *r);

#endif
