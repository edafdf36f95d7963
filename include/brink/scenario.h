/* brink: scenarios.
 *
 * A scenario holds every actor, issue, channel, proxy, policy and parameter of
 * a case. It is read from YAML (a file, a string or a built-in case), checked
 * once against the parameter specs, and may then be changed with
 * brink_scenario_set ("PATH=VALUE", checked the same way). Any numeric value
 * may be a point or a distribution; single runs use the point values.
 *
 * Ownership: the caller frees what _load returns with brink_scenario_free.
 */
#ifndef BRINK_SCENARIO_H
#define BRINK_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "brink/error.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

typedef struct brink_scenario brink_scenario;

/* Loads a scenario file. On failure returns NULL and records every problem
 * found (at least one) in errs. */
brink_scenario *brink_scenario_load_file(const char *path, brink_error_list *errs);

/* Loads a scenario from YAML text; `filename` names it in messages. */
brink_scenario *brink_scenario_load_string(const char *text, size_t len,
                                           const char *filename, brink_error_list *errs);

/* Loads a built-in scenario by name (see brink_builtin_name). */
brink_scenario *brink_scenario_load_builtin(const char *name, brink_error_list *errs);

/* Loads SPEC: a built-in name, or else a file path. NULL or "" means the
 * default case. */
brink_scenario *brink_scenario_load(const char *spec, brink_error_list *errs);

/* Name of built-in scenario i, or NULL past the end. Index 0 is the default. */
const char *brink_builtin_name(int i);
/* One-line description of built-in scenario i. */
const char *brink_builtin_description(int i);
/* The YAML text of built-in scenario i (NUL-terminated; what the messages'
 * carets point into), or NULL past the end. */
const char *brink_builtin_text(int i);

void brink_scenario_free(brink_scenario *sc);

/* An independent copy (to change with brink_scenario_set); NULL when out of
 * memory. */
brink_scenario *brink_scenario_clone(const brink_scenario *sc, brink_error *err);

/* Applies one override "PATH=VALUE". The value is YAML (a number, a word, or a
 * flow mapping for a distribution, e.g. "{normal: [1.5, 0.5]}"). Checks the
 * value and then the whole scenario's consistency. On failure the scenario is
 * unchanged. */
brink_status brink_scenario_set(brink_scenario *sc, const char *assignment, brink_error *err);

/* Writes the fully resolved scenario (every parameter, defaults included) as
 * YAML that loads back to the same scenario. */
brink_status brink_scenario_write_yaml(const brink_scenario *sc, FILE *out, brink_error *err);

/* ---- Read-only accessors -------------------------------------------------
 * Strings returned belong to the scenario and live as long as it does. */

/* The scenario's id (`name`), its title (`label`) and its `description`
 * ("" when none). */
const char *brink_scenario_name(const brink_scenario *sc);
const char *brink_scenario_label(const brink_scenario *sc);
const char *brink_scenario_description(const brink_scenario *sc);
/* Where it came from: a path, "<builtin:NAME>", or the filename given to
 * brink_scenario_load_string. */
const char *brink_scenario_file(const brink_scenario *sc);

/* The simulated months (simulation.horizon_months) and the calendar month
 * that month 0 is (simulation.start_year, simulation.start_month, 1-12). */
int brink_scenario_horizon_months(const brink_scenario *sc);
int brink_scenario_start_year(const brink_scenario *sc);
int brink_scenario_start_month(const brink_scenario *sc);

/* The point value of the parameter at a dotted path, as `brink params`
 * lists them and --set takes them ("target.trust",
 * "senders.us.participation", "policies.x.milestones.0.relief"): the value
 * itself, or the mean (mode for triangular) of a distribution; an enum's
 * choice index, a flag's 0 or 1. BRINK_ERR_INPUT for an unknown path. */
brink_status brink_scenario_get(const brink_scenario *sc, const char *path, double *value,
                                brink_error *err);

/* Kinds of entity a scenario lists, each under its own key (see
 * brink_entity_kind_key). */
typedef enum {
    BRINK_ENTITY_SENDER = 1,  /* senders */
    BRINK_ENTITY_GOOD,        /* exports */
    BRINK_ENTITY_IMPORT,      /* imports */
    BRINK_ENTITY_THIRD_PARTY, /* third_parties */
    BRINK_ENTITY_CHANNEL,     /* channels */
    BRINK_ENTITY_PROXY,       /* proxies */
    BRINK_ENTITY_PATRON,      /* patrons */
    BRINK_ENTITY_ISSUE,       /* issues */
    BRINK_ENTITY_INDUCEMENT,  /* inducements */
    BRINK_ENTITY_POLICY,      /* policies */
} brink_entity_kind;

/* The scenario key of a kind ("third_parties"), or NULL for no kind. */
const char *brink_entity_kind_key(brink_entity_kind kind);
/* How many entities of a kind the scenario has (0 for no kind). */
int brink_scenario_entity_count(const brink_scenario *sc, brink_entity_kind kind);
/* Id and label (the id when it has none) of entity i of a kind; NULL when
 * out of range. */
const char *brink_scenario_entity_id(const brink_scenario *sc, brink_entity_kind kind, int i);
const char *brink_scenario_entity_label(const brink_scenario *sc, brink_entity_kind kind,
                                        int i);
/* Index of the entity of a kind called `id`, or -1. */
int brink_scenario_entity_index(const brink_scenario *sc, brink_entity_kind kind,
                                const char *id);

/* The target's name in sentences (target.label, or "the target"). */
const char *brink_scenario_target_label(const brink_scenario *sc);

/* A 64-bit hash of the resolved scenario (independent of formatting and key
 * order in the file), printed as 16 hex digits in outputs. */
uint64_t brink_scenario_hash(const brink_scenario *sc);

/* The senders' name in sentences: coalition.label, or the lead sender's label. */
const char *brink_scenario_coalition_label(const brink_scenario *sc);

/* The fiscal break-even as a volume of the first crude export (mbpd at its
 * reference price); NaN when the scenario exports no crude with a volume. */
double brink_scenario_breakeven_mbpd(const brink_scenario *sc);

/* The policies: brink_scenario_entity_* for BRINK_ENTITY_POLICY. */
int brink_scenario_policy_count(const brink_scenario *sc);
const char *brink_scenario_policy_name(const brink_scenario *sc, int i);
/* Index of the policy called `name`, or -1. */
int brink_scenario_policy_index(const brink_scenario *sc, const char *name);
/* Index of the scenario's default policy (simulation.policy). */
int brink_scenario_default_policy(const brink_scenario *sc);

/* What happened in a historical case: its outcome, and observed series to
 * compare simulated paths with. Optional (the `history` section). */
#define BRINK_HISTORY_SERIES 8
#define BRINK_HISTORY_POINTS 64
typedef struct {
    char variable[32];   /* a state variable name, as in the monthly CSV */
    char source[256];
    int n;
    int month[BRINK_HISTORY_POINTS];  /* months from the start, increasing */
    double value[BRINK_HISTORY_POINTS];
} brink_history_series;

typedef struct {
    int present;
    int outcome;         /* brink_outcome */
    int outcome_month;   /* months from the start */
    char outcome_date[16];
    int policy;          /* the policy the sender followed; -1: the default policy */
    char note[512];
    int n_series;
    brink_history_series series[BRINK_HISTORY_SERIES];
} brink_history;

/* The scenario's history; history->present is 0 when it has none. */
const brink_history *brink_scenario_history(const brink_scenario *sc);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
