/* Shared by the scenario loader, --set, the consistency checks and the
 * writer; the scenario itself is the model's (model/scenario_model.h). */
#ifndef BRINK_IO_SCENARIO_PRIV_H
#define BRINK_IO_SCENARIO_PRIV_H

#include <stdio.h>
#include <yaml.h>

#include "model/scenario_model.h"
#include "io/yaml_util.h"
#include "model/spec.h"

/* Largest entity count of any group. */
#define SCN_MAX_ENT 16
/* Room for one location per scalar parameter. */
#define SCN_MAX_SCALARS 256

typedef struct {
    int line, col; /* 1-based; 0 when unknown */
} scn_loc;

/* Where things were in the source, for errors found after reading. */
typedef struct {
    scn_loc root;
    scn_loc group[BRINK_GROUP_COUNT];               /* key of each group */
    scn_loc entity[BRINK_GROUP_COUNT][SCN_MAX_ENT]; /* key of each entity */
    int entity_key[BRINK_GROUP_COUNT][SCN_MAX_ENT]; /* node id of that key */
    unsigned char broken[BRINK_GROUP_COUNT][SCN_MAX_ENT]; /* not a mapping */
    scn_loc milestone[BRINK_MAX_POLICIES][BRINK_MAX_MILESTONES];
    scn_loc scalar[SCN_MAX_SCALARS];                /* value of each scalar */
    scn_loc name;                                   /* the name value */
    /* timeline items given by date, resolved once simulation.start_* is known */
    int tl_year[BRINK_MAX_TIMELINE], tl_month[BRINK_MAX_TIMELINE]; /* 0: given by month */
    scn_loc tl_loc[BRINK_MAX_TIMELINE];             /* each item */
    scn_loc tl_action_loc[BRINK_MAX_TIMELINE];      /* each action's value */
    char tl_word[BRINK_MAX_TIMELINE][48];           /* a `set` value given as a word */
} scn_locs;

/* One pass of reading YAML into a scenario: a file, or one --set value. */
typedef struct {
    brink_scenario *sc;
    yaml_document_t *doc;
    brink_error_list *errs;
    const char *file;
    scn_locs *locs;
    int set_mode;     /* reading a --set argument */
    int set_col;      /* columns before the value in the argument */
    const yu_dups *dups; /* repeated keys of doc */
} scn_ctx;

/* Records an error at a node (NULL: at loc) and returns it so a hint may be
 * added; NULL when the list is full. In --set mode positions are moved into
 * the argument. */
brink_error *scn_error(scn_ctx *c, const yaml_node_t *node, scn_loc loc, const char *path,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Errors so far. */
int scn_error_count(const scn_ctx *c);

/* Reads one top-level key (name, label, a section or a group). */
void scn_assign_top(scn_ctx *c, const char *key, const yaml_node_t *keynode,
                    yaml_node_t *val);
/* Reads a dotted scalar path (simulation..., sender..., target...,
 * behaviour...): a leaf or a mapping of sub-keys. */
void scn_assign_scalar(scn_ctx *c, const char *path, const yaml_node_t *keynode,
                       yaml_node_t *val);
/* Reads the dotted sub-path `sub` of entity idx of group g. */
void scn_assign_entity(scn_ctx *c, brink_group g, int idx, const char *sub,
                       const yaml_node_t *keynode, yaml_node_t *val);
/* Reads a mapping of keys of entity idx of group g (merging). */
void scn_assign_entity_map(scn_ctx *c, brink_group g, int idx, yaml_node_t *map);

/* Index of id in group g, or -1. */
int scn_entity_index(const brink_scenario *sc, brink_group g, const char *id);
/* Id array and count of group g. */
const char *scn_entity_id(const brink_scenario *sc, brink_group g, int i);
int scn_entity_count(const brink_scenario *sc, brink_group g);
/* The entity group named by a top-level key ("policies"), or -1. */
int scn_group_of(const char *key);
/* "third party", "channel", ... */
const char *scn_group_noun(brink_group g);

/* Writes "did you mean 'x'?" or "known NOUNs: a, b, c" for an unknown id. */
void scn_hint_ids(brink_error *e, const brink_scenario *sc, brink_group g, const char *id);

/* Runs the checks that span several values: required values, at least one
 * issue and policy, oil shares, reserve floor, milestone issues. */
void scn_check(scn_ctx *c);

/* Reads a whole scenario from YAML text (copied into the result). On
 * failure returns NULL with every problem in errs. */
brink_scenario *scn_load_text(const char *text, size_t len, const char *file,
                              brink_error_list *errs);

/* Writes the canonical YAML text. Returns 0, or -1 on a write error. */
int scn_write(const brink_scenario *sc, FILE *out);

/* Helpers shared with the history reader. */
scn_loc scn_node_loc(const yaml_node_t *node);
brink_error *scn_wrong_type(scn_ctx *c, const yaml_node_t *node, const char *path,
                            const char *expected);
int scn_read_number(scn_ctx *c, const yaml_node_t *node, const char *path, double *out,
                    const char *hint);
int scn_read_string(scn_ctx *c, const yaml_node_t *node, const char *path, char *buf,
                    size_t size);

/* Reads the `timeline` section (scheduled events). */
void scn_read_timeline(scn_ctx *c, yaml_node_t *val);
/* Resolves dated items to months and `set` paths to parameters, checks
 * their values and sorts the actions by month (after the whole file). */
void scn_check_timeline(scn_ctx *c);
/* Writes it (nothing when empty). */
void scn_write_timeline(const brink_scenario *sc, FILE *f);

/* Reads the `history` section (outcome and observed series). */
void scn_read_history(scn_ctx *c, yaml_node_t *val);
/* Canonical YAML scalars of the writer. */
void scn_put_string(FILE *f, const char *s);
void scn_put_number(FILE *f, double x);
/* Writes it (nothing when absent). */
void scn_write_history(const brink_scenario *sc, FILE *f);

/* The hint "allowed range [lo, hi] unit" (or choices) of a spec. */
void scn_spec_hint(const brink_spec *sp, char *buf, size_t size);

#endif
