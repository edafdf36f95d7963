#include "cli/game_print.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double game_clean_number(double v)
{
    if (!isfinite(v))
        return v;
    double tol = 1e-12 * fmax(1.0, fabs(v));
    for (int q = 1; q <= 1000; q++) {
        double p = round(v * q);
        if (fabs(v - p / q) <= tol)
            return p / q == 0.0 ? 0.0 : p / q; /* no -0 */
    }
    return v;
}

static void fmt_num(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.6g", game_clean_number(v));
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

static json_t *json_num(double v)
{
    v = game_clean_number(v);
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static int push(json_t *arr, json_t *v)
{
    return v ? json_array_append_new(arr, v) : -1;
}

json_t *game_result_json(const brink_game *g, const brink_nash_result *r)
{
    json_t *root = json_object(), *list = json_array();
    size_t total = r->total > r->count ? r->total : r->count;
    int bad = !root || !list ||
              json_object_set_new(root, "degenerate", json_boolean(r->degenerate)) != 0 ||
              json_object_set_new(root, "total", json_integer((json_int_t)total)) != 0;
    for (size_t e = 0; !bad && e < r->count; e++) {
        const brink_equilibrium *q = &r->eq[e];
        json_t *item = json_object(), *strat = json_array(), *pay = json_array();
        json_t *x = json_array(), *y = json_array();
        bad = !item || !strat || !pay || !x || !y;
        for (int i = 0; !bad && i < g->m; i++)
            bad = push(x, json_num(q->x[i])) != 0;
        for (int j = 0; !bad && j < g->n; j++)
            bad = push(y, json_num(q->y[j])) != 0;
        if (!bad) {
            bad = json_array_append(strat, x) || json_array_append(strat, y) ||
                  push(pay, json_num(q->payoff[0])) || push(pay, json_num(q->payoff[1])) ||
                  json_object_set(item, "strategies", strat) ||
                  json_object_set(item, "payoffs", pay) || json_array_append(list, item);
        }
        json_decref(x);
        json_decref(y);
        json_decref(strat);
        json_decref(pay);
        json_decref(item);
    }
    if (!bad)
        bad = json_object_set(root, "equilibria", list) != 0;
    json_decref(list);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int game_print_json(FILE *out, const brink_game *g, const brink_nash_result *r)
{
    json_t *j = game_result_json(g, r);
    if (!j)
        return -1;
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(j);
    if (!s)
        return -1;
    int rc = fprintf(out, "%s\n", s) < 0 ? -1 : 0;
    free(s);
    return rc;
}
