/* Small helpers over libyaml's document API: positions, typed scalars,
 * did-you-mean and round-trip number formatting. */
#ifndef BRINK_IO_YAML_UTIL_H
#define BRINK_IO_YAML_UTIL_H

#include <stddef.h>
#include <yaml.h>

#include "brink/error.h"
#include "model/params.h"

/* Deepest nesting of collections accepted in a document. */
#define YU_MAX_DEPTH 32

/* Parses `text` (len bytes) into doc. On failure fills err (file, 1-based
 * line and column of the problem, message, hint), leaves nothing to free and
 * returns the status. A document nested deeper than YU_MAX_DEPTH or followed
 * by a second document is refused. On success the caller owns doc (release
 * with yaml_document_delete); an empty text gives a document without root. */
brink_status yu_load(const char *text, size_t len, const char *file, yaml_document_t *doc,
                     brink_error *err);

/* Repeated keys of every mapping of a document, found once by sorting
 * (O(n log n) in the number of keys) rather than pair by pair. */
typedef struct {
    size_t *base;   /* per node: index of its first pair in `first` */
    int *first;     /* per pair: node id of the earliest key of its mapping
                       with the same text, 0 when it is the first */
} yu_dups;

/* Indexes the keys of doc. Returns BRINK_ERR_RUNTIME when out of memory
 * (dups is then empty and needs no release). */
brink_status yu_dups_init(yu_dups *dups, const yaml_document_t *doc, brink_error *err);
void yu_dups_release(yu_dups *dups);

/* The key node of an earlier pair of `map` whose key has the same text as
 * `pair`'s (the earliest such), or NULL when there is none. Keys that are not
 * scalars (or hold a NUL byte) never repeat. */
yaml_node_t *yu_dups_first(const yu_dups *dups, yaml_document_t *doc, const yaml_node_t *map,
                           const yaml_node_pair_t *pair);

/* 1-based line and column of a node. */
int yu_line(const yaml_node_t *node);
int yu_column(const yaml_node_t *node);

/* The text of a scalar node, or NULL when node is not a scalar or its text
 * holds a NUL byte. */
const char *yu_text(const yaml_node_t *node);

/* 1 for a plain scalar that spells null ("", "~", "null"). */
int yu_is_null(const yaml_node_t *node);

/* 1 for a scalar written in quotes (a string in every schema). */
int yu_is_quoted(const yaml_node_t *node);

/* What the node is, for messages: "a mapping", "a list", "a number",
 * "a string 'abc'", "null", ... (written into buf). */
const char *yu_describe(const yaml_node_t *node, char *buf, size_t size);

/* Strict number parsing: the whole text must be a finite decimal number.
 * Returns 0 on success. */
int yu_parse_number(const char *s, double *out);

/* true/false, also yes/no and on/off in any case. Returns 0 on success. */
int yu_parse_bool(const char *s, int *out);

/* 1 if s is an id: [a-z][a-z0-9_]*, shorter than maxlen. */
int yu_is_id(const char *s, size_t maxlen);

/* Writes the shortest decimal text that reads back as exactly x. */
void yu_format_number(double x, char *buf, size_t size);

/* A value as a scenario file writes it: a number, or a flow mapping such as
 * "{truncated_normal: [0.3, 0.8, -3, 4]}" (defined in scenario_write.c). */
void brink_dist_format(const brink_dist *d, char *buf, size_t size);


/* snprintf that truncates silently (for paths and messages whose length
 * is bounded by the buffers they come from). */
void yu_fmt(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Joins up to n strings with ", " into buf (truncated with "..."). */
void yu_join(const char *const *items, size_t n, char *buf, size_t size);

#endif
