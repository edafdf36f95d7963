#include "cli/game_print.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void fmt_num(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.6g", brink_nash_clean_number(v));
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

void game_print_table(FILE *out, const brink_game *g, const brink_nash_result *r)
{
    const int m = g->m, n = g->n;
    fprintf(out, "game: %s (rows) vs %s (columns), %dx%d\n", g->player[0], g->player[1],
            m, n);
    fprintf(out, "cells: %s payoff, %s payoff\n\n", g->player[0], g->player[1]);
    int w0 = 0, wc = 0;
    char cell[96], a[40], b[40];
    for (int i = 0; i < m; i++)
        w0 = max_int(w0, (int)strlen(g->strategy[0][i]));
    for (int j = 0; j < n; j++)
        wc = max_int(wc, (int)strlen(g->strategy[1][j]));
    for (size_t c = 0; c < (size_t)m * (size_t)n; c++) {
        fmt_num(a, sizeof a, g->a[c]);
        fmt_num(b, sizeof b, g->b[c]);
        wc = max_int(wc, (int)strlen(a) + (int)strlen(b) + 2);
    }
    fprintf(out, "  %-*s", w0, "");
    for (int j = 0; j < n; j++)
        fprintf(out, "  %-*s", j + 1 < n ? wc : 0, g->strategy[1][j]);
    fputc('\n', out);
    for (int i = 0; i < m; i++) {
        fprintf(out, "  %-*s", w0, g->strategy[0][i]);
        for (int j = 0; j < n; j++) {
            size_t c = (size_t)i * (size_t)n + (size_t)j;
            fmt_num(a, sizeof a, g->a[c]);
            fmt_num(b, sizeof b, g->b[c]);
            snprintf(cell, sizeof cell, "%s, %s", a, b);
            fprintf(out, "  %-*s", j + 1 < n ? wc : 0, cell);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
    size_t total = r->total > r->count ? r->total : r->count;
    if (r->degenerate)
        fprintf(out, "degenerate game: %zu extreme equilibri%s (equilibria may form "
                     "connected sets; every equilibrium mixes listed ones)\n",
                total, total == 1 ? "um" : "a");
    else
        fprintf(out, "nondegenerate game: %zu equilibri%s\n", total, total == 1 ? "um" : "a");
    if (total > r->count)
        fprintf(out, "only the first %zu are shown (--max-equilibria N shows more)\n", r->count);
    for (size_t e = 0; e < r->count; e++) {
        const brink_equilibrium *q = &r->eq[e];
        bool pure = q->support_size[0] == 1 && q->support_size[1] == 1;
        fprintf(out, "\n#%zu (%s)\n", e + 1, pure ? "pure" : "mixed");
        for (int p = 0; p < 2; p++) {
            const double *prob = p == 0 ? q->x : q->y;
            fprintf(out, "  %s:", g->player[p]);
            for (int s = 0; s < q->support_size[p]; s++) {
                int k = q->support[p][s];
                fmt_num(a, sizeof a, prob[k]);
                fprintf(out, "%s %s %s", s ? "," : "", g->strategy[p][k], a);
            }
            fputc('\n', out);
        }
        fmt_num(a, sizeof a, q->payoff[0]);
        fmt_num(b, sizeof b, q->payoff[1]);
        fprintf(out, "  payoffs: %s %s, %s %s\n", g->player[0], a, g->player[1], b);
    }
}
