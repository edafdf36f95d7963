/* Writing a JSON document, shared by the library's writers. Internal. */
#ifndef BRINK_CORE_JSON_OUT_H
#define BRINK_CORE_JSON_OUT_H

#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "brink/error.h"

/* A number, or null where it is not finite (NaN: undefined; JSON has no
 * infinities). */
static inline json_t *brink_json_num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* An interval [lo, hi] as a two-element array of brink_json_num. */
static inline json_t *brink_json_pair(double lo, double hi)
{
    json_t *a = json_array();
    json_array_append_new(a, brink_json_num(lo));
    json_array_append_new(a, brink_json_num(hi));
    return a;
}

/* Writes root to out, indented by two, reals to `digits` significant
 * digits, then a newline, and drops root. A NULL root (a writer that ran out
 * of memory building it) or a failed write: BRINK_ERR_RUNTIME, "cannot write
 * JSON". */
brink_status brink_json_write(json_t *root, FILE *out, int digits, brink_error *err);

#endif
