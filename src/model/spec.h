/* Parameter specs: the single table behind validation, defaults, --set,
 * `brink show` and the parameter table of docs/model.md.
 *
 * Specs are grouped: scenario-wide scalars, then one group per kind of
 * entity. An entity's parameters live under "<group>.<id>.<name>" (milestones
 * under "policies.<id>.milestones.<n>.<name>"). */
#ifndef BRINK_MODEL_SPEC_H
#define BRINK_MODEL_SPEC_H

#include <stddef.h>

#include "model/params.h"

typedef enum {
    BRINK_SPEC_NUM,  /* a number or a distribution */
    BRINK_SPEC_INT,  /* an integer, no distribution */
    BRINK_SPEC_BOOL, /* true/false, stored as 0/1 */
    BRINK_SPEC_ENUM, /* one of the '|'-separated choices in unit; stored as index */
} brink_spec_kind;

typedef struct {
    const char *field;  /* C member name */
    const char *name;   /* path (scalars) or name within the entity */
    brink_spec_kind kind;
    const char *unit;   /* for ENUM: the choices, '|'-separated */
    double lo, hi;      /* allowed range, inclusive */
    double def;         /* default; NAN = required */
    double plo, phi;    /* plausible range: where values of real cases lie */
    const char *doc;
    const char *source;
    size_t off_d;       /* offset of the brink_dist member in the _d struct */
    size_t off;         /* offset of the double member in the plain struct */
    int is_map;         /* keyed by the ids of group key_group */
    brink_group key_group;
    int map_max;        /* members of a keyed row */
} brink_spec;

typedef struct {
    const char *key;        /* "" for scalars; "senders", ..., "milestones" */
    const char *noun;       /* "sender", "third party", ... (messages) */
    const brink_spec *specs;
    size_t n_specs;
    size_t stride_d, stride; /* size of one entity in each form */
    size_t base_d, base;     /* offset of the array in brink_values / brink_params */
    int max;                 /* capacity of the array */
} brink_group_info;

extern const brink_group_info brink_groups[BRINK_GROUP_COUNT];

/* Finds a spec by name within a group; NULL if unknown. */
const brink_spec *brink_spec_find(brink_group g, const char *name);

/* The closest known name in group g to `name` (for did-you-mean), or NULL
 * when none is close. */
const char *brink_spec_suggest(brink_group g, const char *name);

/* Number of choices of an ENUM spec and the index of `choice` (-1 if none). */
int brink_spec_enum_index(const brink_spec *spec, const char *choice);
/* Writes choice i of an ENUM spec into buf. */
void brink_spec_enum_name(const brink_spec *spec, int i, char *buf, size_t size);

/* Sets every value of an entity (or the scalars) to its spec default as a
 * point; required values become NAN points. `entity_d` points to one
 * entity of the group's _d struct. */
void brink_spec_defaults(brink_group g, void *entity_d);

/* The bounds of the shared prior over a target's resolve (log units). */
#define BRINK_RESOLVE_LO (-3.0)
#define BRINK_RESOLVE_HI 4.0

/* The calibrated default of a scalar parameter (src/model/calibrated.def,
 * written by `brink calibrate`): 1 and *out when the calibration gives
 * one, else 0 (the spec's default applies). brink_spec_defaults uses it. */
int brink_spec_calibrated(const brink_spec *sp, brink_dist *out);

/* The point value of a distribution (mean; mode for triangular). */
double brink_dist_point(const brink_dist *d);

/* Largest probability mass an unbounded distribution (normal, lognormal) may
 * put outside a parameter's range; draws are clamped to the range. */
#define BRINK_DIST_TAIL 1e-3

/* Checks a distribution's parameters and its support against [lo, hi].
 * Returns 0 if valid, else writes the reason into why. */
int brink_dist_check(const brink_dist *d, double lo, double hi, char *why, size_t size);

/* Quantile of a distribution at u in (0,1) (inverse CDF); points return the point. */
double brink_dist_quantile(const brink_dist *d, double u);

/* Copies the entity counts of lay into out and points out->layout at it. */
void brink_params_counts(const brink_layout *lay, brink_params *out);

/* Resolves the values to one run's parameters: points (u == NULL) or
 * quantiles at u(index) for each numeric value in table order, where the
 * index is the value's position in a fixed enumeration of all values. */
typedef double (*brink_uniform_fn)(void *ctx, unsigned index);
void brink_params_resolve(const brink_values *v, const brink_layout *lay,
                          brink_uniform_fn u, void *ctx, brink_params *out);

/* One uncertain value of a scenario: where it goes in brink_params, its
 * distribution, and its index in the enumeration (which selects its
 * uniform). Drawing every planned value into a copy of the point
 * parameters gives exactly what brink_params_resolve gives with u. */
typedef struct {
    size_t off;             /* byte offset of the double in brink_params */
    const brink_dist *dist;
    unsigned index;
    double lo, hi;
    double pa, pb;          /* a truncated normal's bounds as probabilities of
                             * the normal (the same for every draw) */
    double lnb;             /* a beta's ln B(a, b) (the same for every draw) */
} brink_param_draw;

/* Lists the non-point values, in enumeration order, into out (at most cap);
 * returns how many there are. */
size_t brink_params_draw_plan(const brink_values *v, const brink_layout *lay,
                              brink_param_draw *out, size_t cap);

/* The planned value at uniform u: brink_dist_quantile(e->dist, u), without
 * what is the same for every draw. (The caller clamps to [lo, hi].) */
double brink_param_draw_quantile(const brink_param_draw *e, double u);

/* Finds the parameter at a dotted path ("target.gdp_usd_bn",
 * "senders.us.participation", "third_parties.china.buys.crude",
 * "policies.x.milestones.0.relief") in a scenario of layout lay: its byte
 * offset in brink_params and its spec. Returns 0, or -1 when there is none. */
int brink_param_locate(const brink_layout *lay, const char *path, size_t *off,
                       const brink_spec **spec);

#endif
