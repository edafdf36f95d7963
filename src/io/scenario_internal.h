/* Internal layout of brink_scenario, shared by the loader, show and the
 * engine's parameter resolution. */
#ifndef BRINK_IO_SCENARIO_INTERNAL_H
#define BRINK_IO_SCENARIO_INTERNAL_H

#include "brink/scenario.h"
#include "model/params.h"

struct brink_scenario {
    brink_layout layout;     /* ids, labels, references, counts */
    brink_values values;     /* every numeric value (point or distribution) */
    int default_policy;      /* index into layout.policy */
    brink_history history;   /* what happened, for historical cases */
    char file[256];          /* where it came from: path or "<builtin:NAME>" */
    char *text;              /* the source text (for carets in messages) */
    size_t text_len;
    /* Location of each entity's node in the source, for consistency errors
     * found after loading (0 when unknown, e.g. after --set). */
    int line_parties, col_parties;
    int line_policy[BRINK_MAX_POLICIES], col_policy[BRINK_MAX_POLICIES];
};

/* Resolves the scenario to one run's point parameters. */
void brink_scenario_points(const brink_scenario *sc, brink_params *out);

#endif
