/* Atomic output files: write to a temporary file beside the target, then
 * rename over it, so a reader never sees a partial file and a failure leaves
 * any earlier file intact. */
#ifndef BRINK_CORE_ATOMIC_FILE_H
#define BRINK_CORE_ATOMIC_FILE_H

#include <stdio.h>

#include "brink/error.h"

typedef struct {
    FILE *fp;
    char path[1024];
    char tmp[1040];
} brink_atomic_file;

/* Opens a temporary file for `path`. */
brink_status brink_atomic_open(brink_atomic_file *af, const char *path, brink_error *err);
/* Flushes, syncs and renames over the target; closes in every case. */
brink_status brink_atomic_commit(brink_atomic_file *af, brink_error *err);
/* Closes and removes the temporary file (after a failure). Safe to call twice. */
void brink_atomic_abort(brink_atomic_file *af);

/* Creates directory `dir` (and its parents) if missing. */
brink_status brink_mkdirs(const char *dir, brink_error *err);

#endif
