/* Game files: YAML (or JSON) with players, strategies and payoffs. Every
 * problem is reported at its node with a path such as "payoffs[1][2][0]". */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "brink/game.h"
#include "io/yaml_util.h"

#define MAX_FILE_BYTES ((size_t)16 << 20)

typedef struct {
    yaml_document_t *doc;
    const char *file;
    brink_error *err;
} ctx;

static brink_status fail(const ctx *c, const yaml_node_t *node, const char *path,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reports a problem at node (line 1, column 1 without one). */
static brink_status fail(const ctx *c, const yaml_node_t *node, const char *path,
                         const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = node ? (int)node->start_mark.line + 1 : 1;
    int col = node ? (int)node->start_mark.column + 1 : 1;
    return brink_error_set(c->err, BRINK_ERR_INPUT, c->file, line, col, path, "%s", msg);
}

static const char *kind_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return "a scalar";
    case YAML_SEQUENCE_NODE:
        return "a sequence";
    case YAML_MAPPING_NODE:
        return "a mapping";
    default:
        return "nothing";
    }
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static int seq_len(const yaml_node_t *n)
{
    return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *seq_item(const ctx *c, const yaml_node_t *n, int i)
{
    return yaml_document_get_node(c->doc, n->data.sequence.items.start[i]);
}

static brink_status want_seq(const ctx *c, const yaml_node_t *n, const char *path,
                             const char *what)
{
    if (n->type == YAML_SEQUENCE_NODE)
        return BRINK_OK;
    return fail(c, n, path, "expected %s, found %s", what, kind_name(n));
}

/* A plain scalar in decimal notation: no quotes, hex, inf or nan. */
static brink_status number(const ctx *c, const yaml_node_t *n, const char *path,
                           double *out)
{
    if (n->type != YAML_SCALAR_NODE) {
        return fail(c, n, path, "expected a number, found %s", kind_name(n));
    }
    const char *s = scalar(n);
    bool ok = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && s[0] &&
              strspn(s, "0123456789+-.eE") == strlen(s) && strpbrk(s, "0123456789");
    char *end = NULL;
    double v = 0.0;
    if (ok) {
        errno = 0;
        v = strtod(s, &end);
        ok = *end == '\0' && errno != ERANGE && isfinite(v);
    }
    if (!ok)
        return fail(c, n, path, "expected a number, found '%s'", s);
    *out = v;
    return BRINK_OK;
}

/* Reads payoff matrix k into dst (m x n, set by matrix 0 when *m == 0). */
static brink_status matrix(const ctx *c, const yaml_node_t *node, int k, int *m, int *n,
                           double *dst)
{
    char path[64];
    snprintf(path, sizeof path, "payoffs[%d]", k);
    brink_status st = want_seq(c, node, path, "a matrix (a sequence of rows)");
    if (st)
        return st;
    int rows = seq_len(node);
    if (rows == 0)
        return fail(c, node, path, "%s", "a matrix needs at least one row");
    if (rows > BRINK_GAME_MAX_STRATEGIES) {
        fail(c, node, path, "%s", "too many rows");
        brink_error_hint(c->err, "at most %d strategies per player",
                         BRINK_GAME_MAX_STRATEGIES);
        return BRINK_ERR_INPUT;
    }
    if (*m && rows != *m) {
        return fail(c, node, path, "%d rows, but payoffs[0] has %d", rows, *m);
    }
    for (int i = 0; i < rows; i++) {
        const yaml_node_t *row = seq_item(c, node, i);
        snprintf(path, sizeof path, "payoffs[%d][%d]", k, i);
        if ((st = want_seq(c, row, path, "a row (a sequence of numbers)")))
            return st;
        int cols = seq_len(row);
        if (cols == 0)
            return fail(c, row, path, "%s", "a row needs at least one number");
        if (cols > BRINK_GAME_MAX_STRATEGIES) {
            fail(c, row, path, "%s", "too many columns");
            brink_error_hint(c->err, "at most %d strategies per player",
                             BRINK_GAME_MAX_STRATEGIES);
            return BRINK_ERR_INPUT;
        }
        int want = *n ? *n : cols;
        if (cols != want) {
            return fail(c, row, path, "row has %d entries, expected %d", cols, want);
        }
        if (!*n)
            *n = cols;
        if (!*m)
            *m = rows;
        for (int j = 0; j < cols; j++) {
            char epath[64];
            snprintf(epath, sizeof epath, "payoffs[%d][%d][%d]", k, i, j);
            if ((st = number(c, seq_item(c, row, j), epath, &dst[i * cols + j])))
                return st;
        }
    }
    return BRINK_OK;
}

static brink_status name(const ctx *c, brink_game *g, const yaml_node_t *n, int p, int s,
                         const char *path)
{
    if (n->type != YAML_SCALAR_NODE) {
        return fail(c, n, path, "expected a name, found %s", kind_name(n));
    }
    size_t len = strlen(scalar(n));
    if (len == 0 || len > BRINK_GAME_MAX_NAME) {
        return fail(c, n, path, "a name has 1 to %d bytes", BRINK_GAME_MAX_NAME);
    }
    brink_error tmp;
    if (brink_game_set_name(g, p, s, scalar(n), &tmp) != BRINK_OK) {
        *c->err = tmp;
        return tmp.code;
    }
    return BRINK_OK;
}

static brink_status players(const ctx *c, brink_game *g, const yaml_node_t *n)
{
    brink_status st = want_seq(c, n, "players", "a sequence of two names");
    if (st)
        return st;
    if (seq_len(n) != 2)
        return fail(c, n, "players", "%s", "expected exactly two players");
    for (int p = 0; p < 2; p++) {
        char path[32];
        snprintf(path, sizeof path, "players[%d]", p);
        if ((st = name(c, g, seq_item(c, n, p), p, -1, path)))
            return st;
    }
    if (strcmp(g->player[0], g->player[1]) == 0)
        return fail(c, seq_item(c, n, 1), "players[1]", "duplicate name '%s'",
                    g->player[1]);
    return BRINK_OK;
}

static brink_status strategies(const ctx *c, brink_game *g, const yaml_node_t *n)
{
    brink_status st = want_seq(c, n, "strategies", "a sequence of two name lists");
    if (st)
        return st;
    if (seq_len(n) != 2)
        return fail(c, n, "strategies", "%s",
                    "expected two lists, the row and the column player's");
    for (int p = 0; p < 2; p++) {
        const yaml_node_t *list = seq_item(c, n, p);
        char path[48];
        snprintf(path, sizeof path, "strategies[%d]", p);
        if ((st = want_seq(c, list, path, "a sequence of names")))
            return st;
        int want = p == 0 ? g->m : g->n;
        if (seq_len(list) != want) {
            return fail(c, list, path, "%d names for %d %s", seq_len(list), want,
                        p == 0 ? "rows" : "columns");
        }
        for (int s = 0; s < want; s++) {
            const yaml_node_t *item = seq_item(c, list, s);
            snprintf(path, sizeof path, "strategies[%d][%d]", p, s);
            if ((st = name(c, g, item, p, s, path)))
                return st;
            for (int t = 0; t < s; t++)
                if (strcmp(g->strategy[p][t], g->strategy[p][s]) == 0)
                    return fail(c, item, path, "duplicate name '%s'", g->strategy[p][s]);
        }
    }
    return BRINK_OK;
}

static brink_status parse_doc(const ctx *c, brink_game **out)
{
    const yaml_node_t *root = yaml_document_get_root_node(c->doc);
    if (!root)
        return fail(c, NULL, NULL, "%s", "empty file: expected a mapping with 'payoffs'");
    if (root->type != YAML_MAPPING_NODE) {
        return fail(c, root, NULL, "expected a mapping with 'payoffs', found %s",
                    kind_name(root));
    }
    static const char *const keys[] = {"players", "strategies", "payoffs"};
    const yaml_node_t *val[3] = {NULL, NULL, NULL};
    for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
         pr < root->data.mapping.pairs.top; pr++) {
        const yaml_node_t *key = yaml_document_get_node(c->doc, pr->key);
        if (key->type != YAML_SCALAR_NODE)
            return fail(c, key, NULL, "%s", "expected a key");
        int which = -1;
        for (int i = 0; i < 3; i++)
            if (strcmp(scalar(key), keys[i]) == 0)
                which = i;
        if (which < 0) {
            fail(c, key, scalar(key), "%s", "unknown key");
            brink_error_hint(c->err, "expected players, strategies or payoffs");
            return BRINK_ERR_INPUT;
        }
        if (val[which])
            return fail(c, key, scalar(key), "%s", "duplicate key");
        val[which] = yaml_document_get_node(c->doc, pr->value);
    }
    if (!val[2])
        return fail(c, root, "payoffs", "%s", "missing: the two payoff matrices");
    brink_status st = want_seq(c, val[2], "payoffs", "a sequence of two matrices");
    if (st)
        return st;
    if (seq_len(val[2]) != 2)
        return fail(c, val[2], "payoffs", "%s",
                    "expected two matrices, the row and the column player's");
    int m = 0, n = 0;
    double *buf = malloc(2 * sizeof(double) * BRINK_GAME_MAX_STRATEGIES *
                         BRINK_GAME_MAX_STRATEGIES);
    if (!buf)
        return brink_error_set(c->err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "out of memory");
    double *mat[2] = {buf, buf + BRINK_GAME_MAX_STRATEGIES * BRINK_GAME_MAX_STRATEGIES};
    brink_game *g = NULL;
    for (int k = 0; k < 2 && !st; k++)
        st = matrix(c, seq_item(c, val[2], k), k, &m, &n, mat[k]);
    if (!st && !(g = brink_game_alloc(m, n, c->err)))
        st = c->err ? c->err->code : BRINK_ERR_RUNTIME;
    if (!st) {
        memcpy(g->a, mat[0], (size_t)m * (size_t)n * sizeof *g->a);
        memcpy(g->b, mat[1], (size_t)m * (size_t)n * sizeof *g->b);
        if (val[0])
            st = players(c, g, val[0]);
        if (!st && val[1])
            st = strategies(c, g, val[1]);
    }
    free(buf);
    if (st) {
        brink_game_free(g);
        return st;
    }
    *out = g;
    return BRINK_OK;
}

brink_status brink_game_parse(const char *text, size_t len, const char *file,
                              brink_game **out, brink_error *err)
{
    brink_error local;
    if (!err)
        err = &local;
    *out = NULL;
    if (!file)
        file = "<string>";
    /* the shared loader refuses deep nesting and extra documents before
     * libyaml's recursive document loader sees the text */
    yaml_document_t doc;
    brink_status st = yu_load(text, len, file, &doc, err);
    if (st != BRINK_OK)
        return st;
    ctx c = {&doc, file, err};
    st = parse_doc(&c, out);
    yaml_document_delete(&doc);
    return st;
}

brink_status brink_game_load(const char *path, brink_game **out, brink_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL, "cannot open: %s",
                               strerror(errno));
    char *text = malloc(MAX_FILE_BYTES + 1);
    if (!text) {
        fclose(f);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL, "out of memory");
    }
    size_t len = fread(text, 1, MAX_FILE_BYTES + 1, f);
    int bad = ferror(f);
    fclose(f);
    brink_status st;
    if (bad)
        st = brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL, "cannot read");
    else if (len > MAX_FILE_BYTES)
        st = brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL,
                             "larger than %zu bytes", MAX_FILE_BYTES);
    else
        st = brink_game_parse(text, len, path, out, err);
    free(text);
    return st;
}
