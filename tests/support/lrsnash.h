/* Runs lrsnash (lrslib) on a bimatrix game and reads back its equilibria,
 * for tests and benchmarks. Header-only; POSIX. */
#ifndef BRINK_TESTS_LRSNASH_H
#define BRINK_TESTS_LRSNASH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LRSNASH_PATH "/usr/bin/lrsnash"

/* Equilibria as read from lrsnash: each m + n values, x then y. */
typedef struct {
    int m, n;
    size_t count, cap;
    double *v;
} lrs_eqs;

static inline void lrs_eqs_free(lrs_eqs *e)
{
    free(e->v);
    memset(e, 0, sizeof *e);
}

static inline int lrs_available(void)
{
    return access(LRSNASH_PATH, X_OK) == 0;
}

/* Parses "p", "-p" or "p/q" at *s; advances *s. Returns 0 when none. */
static inline int lrs_rational(const char **s, double *out)
{
    char *end;
    while (**s == ' ' || **s == '\t')
        (*s)++;
    /* Numerators and denominators may exceed 64 bits: read as doubles. */
    double v = strtod(*s, &end);
    if (end == *s)
        return 0;
    *s = end;
    if (**s == '/') {
        (*s)++;
        double q = strtod(*s, &end);
        if (end == *s || q == 0.0)
            return 0;
        *s = end;
        v /= q;
    }
    *out = v;
    return 1;
}

static inline int lrs_push(lrs_eqs *e, const double *x, const double *y)
{
    if (e->count == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 16;
        double *v = realloc(e->v, cap * (size_t)(e->m + e->n) * sizeof *v);
        if (!v)
            return 0;
        e->v = v;
        e->cap = cap;
    }
    double *d = e->v + e->count * (size_t)(e->m + e->n);
    memcpy(d, x, (size_t)e->m * sizeof *d);
    memcpy(d + e->m, y, (size_t)e->n * sizeof *d);
    e->count++;
    return 1;
}

/* Solves the game (integer payoffs a, b: m x n row-major) with lrsnash.
 * Returns 1 on success; 0 (with a message in why) on any failure. */
static inline int lrs_solve(int m, int n, const long *a, const long *b, lrs_eqs *out,
                            char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    out->m = m;
    out->n = n;
    if (!lrs_available()) {
        snprintf(why, why_size, "%s not found (install lrslib)", LRSNASH_PATH);
        return 0;
    }
    char path[] = "/tmp/brink-lrsnash-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(why, why_size, "mkstemp failed");
        return 0;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        unlink(path);
        snprintf(why, why_size, "fdopen failed");
        return 0;
    }
    fprintf(f, "%d %d\n\n", m, n);
    for (int k = 0; k < 2; k++) {
        const long *mat = k == 0 ? a : b;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++)
                fprintf(f, " %ld", mat[i * n + j]);
            fputc('\n', f);
        }
        fputc('\n', f);
    }
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", LRSNASH_PATH, path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        unlink(path);
        snprintf(why, why_size, "cannot run %s", LRSNASH_PATH);
        return 0;
    }
    /* Output: blocks separated by blank lines; in each, lines "2 y.. u1"
     * (column strategies) and "1 x.. u2" (row strategies); every x of a
     * block is an equilibrium with every y of it. */
    double *xs = malloc(sizeof(double) * 64 * (size_t)m);
    double *ys = malloc(sizeof(double) * 64 * (size_t)n);
    int nx = 0, ny = 0, ok = xs && ys;
    char line[8192];
    while (ok && fgets(line, sizeof line, p)) {
        if (line[0] == '*')
            continue;
        const char *s = line;
        double who;
        if (!lrs_rational(&s, &who)) {
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny && ok; j++)
                    ok = lrs_push(out, xs + i * m, ys + j * n);
            nx = ny = 0;
            continue;
        }
        int k = who == 1.0 ? m : n;
        double *dst = who == 1.0 ? xs + nx * m : ys + ny * n;
        if ((who == 1.0 ? nx : ny) >= 64) {
            ok = 0;
            snprintf(why, why_size, "lrsnash block too large");
            break;
        }
        for (int i = 0; i < k && ok; i++)
            if (!lrs_rational(&s, &dst[i])) {
                ok = 0;
                snprintf(why, why_size, "cannot parse lrsnash line: %.200s", line);
            }
        if (who == 1.0)
            nx++;
        else
            ny++;
    }
    for (int i = 0; ok && i < nx; i++)
        for (int j = 0; j < ny && ok; j++)
            ok = lrs_push(out, xs + i * m, ys + j * n);
    int rc = pclose(p);
    unlink(path);
    free(xs);
    free(ys);
    if (ok && rc != 0) {
        ok = 0;
        snprintf(why, why_size, "lrsnash exited with status %d", rc);
    }
    if (!ok)
        lrs_eqs_free(out);
    return ok;
}

/* Deterministic random numbers (splitmix64). */
static inline uint64_t lrs_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Integer uniform on [lo, hi]. */
static inline long lrs_rand_int(uint64_t *state, long lo, long hi)
{
    return lo + (long)(lrs_rand(state) % (uint64_t)(hi - lo + 1));
}

#endif
