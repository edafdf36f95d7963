#include "io/yaml_util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line and column (1-based) of byte `offset` of text. */
static void offset_position(const char *text, size_t len, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static brink_status parser_error(const yaml_parser_t *p, const char *text, size_t len,
                                 const char *file, brink_error *err)
{
    if (p->error == YAML_MEMORY_ERROR)
        return brink_error_set(err, BRINK_ERR_RUNTIME, file, 0, 0, NULL, "out of memory");
    int line, col;
    if (p->error == YAML_READER_ERROR) {
        /* the reader reports a byte offset, not a mark */
        offset_position(text, len, p->problem_offset, &line, &col);
        brink_error_set(err, BRINK_ERR_INPUT, file, line, col, NULL, "malformed yaml: %s",
                        p->problem ? p->problem : "unreadable text");
        if (p->problem_value >= 0)
            brink_error_hint(err, "byte 0x%02X at offset %zu; the file must be UTF-8 text",
                             (unsigned)p->problem_value & 0xFFu, p->problem_offset);
        return BRINK_ERR_INPUT;
    }
    line = (int)p->problem_mark.line + 1;
    col = (int)p->problem_mark.column + 1;
    brink_error_set(err, BRINK_ERR_INPUT, file, line, col, NULL, "malformed yaml: %s",
                    p->problem ? p->problem : "syntax error");
    if (p->context)
        brink_error_hint(err, "%s that started at line %d, column %d", p->context,
                         (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
    return BRINK_ERR_INPUT;
}

/* Scans the events once: reports syntax errors, too deep nesting and extra
 * documents before the (recursive) document loader sees the text. */
static brink_status prescan(const char *text, size_t len, const char *file, brink_error *err)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return brink_error_set(err, BRINK_ERR_RUNTIME, file, 0, 0, NULL, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    brink_status st = BRINK_OK;
    int depth = 0, docs = 0, done = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            st = parser_error(&p, text, len, file, err);
            break;
        }
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                st = brink_error_set(err, BRINK_ERR_INPUT, file, line, col, NULL,
                                     "expected one yaml document, found more");
                brink_error_hint(err, "remove the second '---' and what follows");
                done = 1;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > YU_MAX_DEPTH) {
                st = brink_error_set(err, BRINK_ERR_INPUT, file, line, col, NULL,
                                     "nesting deeper than %d levels", YU_MAX_DEPTH);
                done = 1;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return st;
}

brink_status yu_load(const char *text, size_t len, const char *file, yaml_document_t *doc,
                     brink_error *err)
{
    memset(doc, 0, sizeof *doc);
    brink_status st = prescan(text, len, file, err);
    if (st != BRINK_OK)
        return st;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return brink_error_set(err, BRINK_ERR_RUNTIME, file, 0, 0, NULL, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, doc)) {
        st = parser_error(&p, text, len, file, err);
        memset(doc, 0, sizeof *doc);
    }
    yaml_parser_delete(&p);
    return st;
}

typedef struct {
    const char *key;
    size_t map;  /* node index of the mapping */
    size_t pos;  /* pair index within it */
    int node;    /* node id of the key */
} key_entry;

static int cmp_key_entry(const void *pa, const void *pb)
{
    const key_entry *a = pa, *b = pb;
    if (a->map != b->map)
        return a->map < b->map ? -1 : 1;
    int d = strcmp(a->key, b->key);
    if (d)
        return d;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

brink_status yu_dups_init(yu_dups *dups, const yaml_document_t *doc, brink_error *err)
{
    memset(dups, 0, sizeof *dups);
    size_t nodes = (size_t)(doc->nodes.top - doc->nodes.start), pairs = 0;
    dups->base = malloc((nodes ? nodes : 1) * sizeof *dups->base);
    if (!dups->base)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    for (size_t i = 0; i < nodes; i++) {
        const yaml_node_t *n = &doc->nodes.start[i];
        dups->base[i] = pairs;
        if (n->type == YAML_MAPPING_NODE)
            pairs += (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    }
    dups->first = calloc(pairs ? pairs : 1, sizeof *dups->first);
    key_entry *e = malloc((pairs ? pairs : 1) * sizeof *e);
    if (!dups->first || !e) {
        free(e);
        yu_dups_release(dups);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    size_t ne = 0;
    for (size_t i = 0; i < nodes; i++) {
        const yaml_node_t *n = &doc->nodes.start[i];
        if (n->type != YAML_MAPPING_NODE)
            continue;
        const yaml_node_pair_t *p0 = n->data.mapping.pairs.start;
        for (const yaml_node_pair_t *p = p0; p < n->data.mapping.pairs.top; p++) {
            int id = p->key;
            const yaml_node_t *k = id >= 1 && (size_t)id <= nodes ? &doc->nodes.start[id - 1]
                                                                   : NULL;
            const char *text = yu_text(k);
            if (text)
                e[ne++] = (key_entry){text, i, (size_t)(p - p0), id};
        }
    }
    qsort(e, ne, sizeof *e, cmp_key_entry);
    for (size_t j = 1, head = 0; j < ne; j++) {
        if (e[j].map == e[head].map && strcmp(e[j].key, e[head].key) == 0)
            dups->first[dups->base[e[j].map] + e[j].pos] = e[head].node;
        else
            head = j;
    }
    free(e);
    return BRINK_OK;
}

void yu_dups_release(yu_dups *dups)
{
    free(dups->base);
    free(dups->first);
    memset(dups, 0, sizeof *dups);
}

yaml_node_t *yu_dups_first(const yu_dups *dups, yaml_document_t *doc, const yaml_node_t *map,
                           const yaml_node_pair_t *pair)
{
    if (!dups->first || map < doc->nodes.start || map >= doc->nodes.top)
        return NULL;
    size_t i = (size_t)(map - doc->nodes.start);
    int id = dups->first[dups->base[i] + (size_t)(pair - map->data.mapping.pairs.start)];
    return id ? yaml_document_get_node(doc, id) : NULL;
}

int yu_line(const yaml_node_t *node)
{
    return node ? (int)node->start_mark.line + 1 : 0;
}

int yu_column(const yaml_node_t *node)
{
    return node ? (int)node->start_mark.column + 1 : 0;
}

const char *yu_text(const yaml_node_t *node)
{
    if (!node || node->type != YAML_SCALAR_NODE)
        return NULL;
    const char *s = (const char *)node->data.scalar.value;
    if (strlen(s) != node->data.scalar.length)
        return NULL;
    return s;
}

int yu_is_quoted(const yaml_node_t *node)
{
    return node && node->type == YAML_SCALAR_NODE &&
           (node->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
            node->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

int yu_is_null(const yaml_node_t *node)
{
    if (!node || node->type != YAML_SCALAR_NODE || yu_is_quoted(node) ||
        node->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
        node->data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)node->data.scalar.value;
    return node->data.scalar.length == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
           strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

const char *yu_describe(const yaml_node_t *node, char *buf, size_t size)
{
    if (!node) {
        snprintf(buf, size, "nothing");
        return buf;
    }
    switch (node->type) {
    case YAML_MAPPING_NODE:
        snprintf(buf, size, "a mapping");
        break;
    case YAML_SEQUENCE_NODE:
        snprintf(buf, size, "a list");
        break;
    case YAML_SCALAR_NODE: {
        const char *s = yu_text(node);
        double x;
        int b;
        if (!s)
            snprintf(buf, size, "a string holding a NUL byte");
        else if (yu_is_null(node))
            snprintf(buf, size, "null");
        else if (yu_is_quoted(node))
            snprintf(buf, size, "a quoted string '%.40s%s'", s, strlen(s) > 40 ? "..." : "");
        else if (yu_parse_number(s, &x) == 0)
            snprintf(buf, size, "the number %s", s);
        else if (yu_parse_bool(s, &b) == 0)
            snprintf(buf, size, "the boolean %s", s);
        else
            snprintf(buf, size, "a string '%.40s%s'", s, strlen(s) > 40 ? "..." : "");
        break;
    }
    default:
        snprintf(buf, size, "nothing");
        break;
    }
    return buf;
}

int yu_parse_number(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    /* decimal only: no hex, inf or nan spellings that strtod would take */
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789+-.eE", *p))
            return -1;
    errno = 0;
    char *end = NULL;
    double x = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(x))
        return -1;
    if (errno == ERANGE && fabs(x) > 1.0)
        return -1;
    *out = x;
    return 0;
}

int yu_parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
    if (!s)
        return -1;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcmp(s, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

int yu_is_id(const char *s, size_t maxlen)
{
    if (!s || !(*s >= 'a' && *s <= 'z'))
        return 0;
    size_t n = 0;
    for (const char *p = s; *p; p++, n++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return n < maxlen;
}

void yu_format_number(double x, char *buf, size_t size)
{
    int prec = 17;
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, x);
        char *end = NULL;
        if (strtod(buf, &end) == x && end && *end == '\0') {
            prec = p;
            break;
        }
    }
    /* whole digits in full ("27400", not "2.74e+04") below 1e16 */
    double ax = fabs(x);
    if (ax >= 1 && ax < 1e16) {
        int digits = (int)floor(log10(ax)) + 1;
        if (digits > prec)
            prec = digits;
    }
    snprintf(buf, size, "%.*g", prec, x);
}

void yu_join(const char *const *items, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", items[i]);
        if (k < 0 || (size_t)k >= size - used) {
            if (size > 4)
                snprintf(buf + size - 4, 4, "...");
            return;
        }
        used += (size_t)k;
    }
}

void yu_fmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}
