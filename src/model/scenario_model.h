/* The scenario as a model object: what brink_scenario holds.
 *
 * The model owns this layout; src/io builds and fills it (the loader, --set,
 * the consistency checks) and writes it back as YAML. src/model reads its
 * members directly. Everything else (analysis, games, reports, the CLI)
 * reads it through the public accessors of brink/scenario.h or the inline
 * accessors below, which give read-only views and cost nothing in a loop. */
#ifndef BRINK_MODEL_SCENARIO_MODEL_H
#define BRINK_MODEL_SCENARIO_MODEL_H

#include "brink/scenario.h"
#include "model/params.h"

/* Where a scenario came from; read and written by src/io only. */
typedef struct {
    char file[256];          /* path or "<builtin:NAME>" */
    char *text;              /* the source text (for carets in messages), owned */
    size_t text_len;
} brink_scenario_source;

struct brink_scenario {
    brink_layout layout;     /* ids, labels, references, counts */
    brink_values values;     /* every numeric value (point or distribution) */
    int default_policy;      /* index into layout.policy */
    brink_history history;   /* what happened, for historical cases */
    brink_scenario_source source;
};

/* Ids, labels, counts, policies' references and the timeline. */
static inline const brink_layout *brink_scenario_layout(const brink_scenario *sc)
{
    return &sc->layout;
}

/* Every numeric value as given (point or distribution). */
static inline const brink_values *brink_scenario_values(const brink_scenario *sc)
{
    return &sc->values;
}

/* Resolves the scenario to one run's point parameters. */
void brink_scenario_points(const brink_scenario *sc, brink_params *out);

/* Drops the timeline (the scheduled events) of a scenario, e.g. of a copy
 * that a counterfactual runs without them. */
void brink_scenario_drop_timeline(brink_scenario *sc);

#endif
