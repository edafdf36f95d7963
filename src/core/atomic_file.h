/* Atomic outputs.
 *
 * A file: written to a temporary file beside the target, then renamed over
 * it, so a reader never sees a partial file and a failure leaves any earlier
 * file intact.
 *
 * A set of files (a directory of outputs): written to a temporary directory
 * beside the target directory, which is then swapped in (an atomic exchange
 * of the two names where the file system has one), so the set in place is
 * always complete and from one run. Other entries of the target directory
 * (files the set does not own) are carried into the new one.
 *
 * Outputs replace only regular files (and, for sets, directories): a device,
 * FIFO, socket or symbolic link at the path is refused (BRINK_ERR_INPUT).
 *
 * In a job of several processes (brink/parallel.h) only process 0 writes:
 * the others' outputs are checked and written as usual, but to temporary
 * files and directories of their own that are dropped at commit.
 *
 * Every temporary file and directory is registered until it is committed or
 * aborted; brink_atomic_cleanup removes those still there, from a signal
 * handler. Temporary names are "TARGET.tmp.PID.XXXXXX"; one left by a
 * process that no longer runs (killed with SIGKILL) is removed the next time
 * the same target is written. */
#ifndef BRINK_CORE_ATOMIC_FILE_H
#define BRINK_CORE_ATOMIC_FILE_H

#include <stdio.h>

#include "brink/error.h"

/* Longest output file path, and longest output directory path (room is
 * left for a temporary name and a file name), bytes (NUL excluded). */
#define BRINK_PATH_MAX 1023
#define BRINK_DIR_MAX 900
/* Room for a temporary name beside a path of BRINK_PATH_MAX bytes. */
#define BRINK_TMP_PATH_SIZE (BRINK_PATH_MAX + 40)

typedef struct {
    FILE *fp;
    char path[BRINK_PATH_MAX + 1];
    char tmp[BRINK_TMP_PATH_SIZE];
    int slot;  /* in the registry of temporary files; -1 if none */
    int discard; /* not the first process of a job: written to nowhere */
} brink_atomic_file;

/* Opens a temporary file for `path`. */
brink_status brink_atomic_open(brink_atomic_file *af, const char *path, brink_error *err);
/* Flushes, syncs and renames over the target; closes in every case. */
brink_status brink_atomic_commit(brink_atomic_file *af, brink_error *err);
/* Closes and removes the temporary file (after a failure). Safe to call twice. */
void brink_atomic_abort(brink_atomic_file *af);

typedef struct {
    char dir[BRINK_PATH_MAX + 1];   /* the target (a symbolic link resolved) */
    char tmp[BRINK_TMP_PATH_SIZE];  /* the new set is written here */
    const char *const *names;       /* the files the set owns, NULL-terminated */
    int slot;                       /* in the registry; -1 if none */
    int open;
    int discard; /* not the first process of a job: removed at commit */
} brink_atomic_dir;

/* Creates the temporary directory for a new set of the files `names` (a
 * NULL-terminated list of plain names, which must outlive ad) in `dir`;
 * creates the parents of dir if missing. Refused: a dir that is not a
 * directory, holds the current directory, or holds one of `names` as
 * something other than a regular file. */
brink_status brink_atomic_dir_open(brink_atomic_dir *ad, const char *dir,
                                   const char *const *names, brink_error *err);
/* The path of the set's file `name` (one of its names) in the new set. */
brink_status brink_atomic_dir_path(const brink_atomic_dir *ad, const char *name, char *buf,
                                   size_t size, brink_error *err);
/* Swaps the new set in: afterwards dir holds exactly the files of the new
 * set among `names`, and every other entry it held before. */
brink_status brink_atomic_dir_commit(brink_atomic_dir *ad, brink_error *err);
/* Removes the new set (after a failure); dir is left as it was. Safe to
 * call twice. */
void brink_atomic_dir_abort(brink_atomic_dir *ad);

/* The whole cycle: opens a set of `names` in dir, lets `fill` write its
 * files (by brink_atomic_dir_path), commits when fill returns BRINK_OK and
 * aborts otherwise. */
typedef brink_status (*brink_atomic_fill_fn)(const brink_atomic_dir *ad, void *ctx,
                                             brink_error *err);
brink_status brink_atomic_dir_write(const char *dir, const char *const *names,
                                    brink_atomic_fill_fn fill, void *ctx, brink_error *err);

/* Removes every temporary file and directory not yet committed or aborted.
 * Async-signal-safe: for a handler of SIGTERM, SIGINT and the like. */
void brink_atomic_cleanup(void);

#endif
