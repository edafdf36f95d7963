/* brink: the table of parameters, as `brink params` lists it.
 *
 * Every parameter a scenario may set, in the order of the specs (the
 * scenario-wide scalars, then each kind of entity): its path, kind, unit,
 * allowed and plausible ranges, default, description and source. Entity
 * parameters have generic paths, "<group>.<id>.<name>" (e.g.
 * "senders.<id>.participation"); a scenario's --set path puts an id in
 * place of <id>. The table does not depend on any scenario.
 */
#ifndef BRINK_PARAMS_H
#define BRINK_PARAMS_H

#include "brink/error.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

typedef struct {
    char path[128];          /* "target.gdp_usd_bn", "senders.<id>.participation" */
    const char *kind;        /* "number", "integer", "boolean" or "choice" */
    char unit[64];           /* empty for booleans and choices */
    char allowed[256];       /* "[lo, hi]", or the choices: "true, false", "a, b, c" */
    char plausible[256];     /* where values of real cases lie, same form */
    char def[128];           /* the default as text: a number, a distribution
                              * (calibrated defaults), a choice, or "required" */
    double lo, hi;           /* allowed range; NaN for choices */
    double plausible_lo, plausible_hi; /* NaN for choices */
    double default_value;    /* the default's point value (booleans 0/1); NaN for
                              * choices and required parameters */
    const char *description;
    const char *source;
} brink_param_info;

/* Number of rows of the table. */
int brink_param_count(void);

/* Fills *info with row i, 0 <= i < brink_param_count(); fails
 * (BRINK_ERR_INPUT, *info cleared) for any other i. */
brink_status brink_param_describe(int i, brink_param_info *info, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
