/* brink: error records.
 *
 * Library functions never print, exit or abort. A function that can fail
 * takes a `brink_error *` (may be NULL) and returns a status; on failure it
 * fills the record once. The command-line program prints it and chooses the
 * exit code (0 ok, 1 runtime failure, 2 bad input or usage).
 */
#ifndef BRINK_ERROR_H
#define BRINK_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

typedef enum {
    BRINK_OK = 0,
    BRINK_ERR_INPUT = 2,   /* bad scenario, bad value, bad option: exit code 2 */
    BRINK_ERR_RUNTIME = 1, /* I/O failure, out of memory: exit code 1 */
} brink_status;

typedef struct {
    brink_status code;
    char message[512];  /* lower case, no full stop, subject quoted */
    char file[256];     /* input file, or "<builtin:NAME>", "--set"; may be empty */
    int line;           /* 1-based; 0 when unknown */
    int column;         /* 1-based; 0 when unknown */
    char path[256];     /* parameter path, e.g. "target.oil.fiscal_breakeven_mbpd" */
    char hint[256];     /* allowed range, did-you-mean, ...; may be empty */
} brink_error;

/* Several problems found in one input, each with its own message. */
#define BRINK_MAX_ERRORS 32
typedef struct {
    int count;      /* problems recorded (at most BRINK_MAX_ERRORS) */
    int dropped;    /* problems found beyond that */
    brink_error items[BRINK_MAX_ERRORS];
} brink_error_list;

/* Appends a copy of err (dropping it, and counting it, when full). */
void brink_error_list_add(brink_error_list *list, const brink_error *err);

/* Clears the record. */
void brink_error_clear(brink_error *err);

/* Fills the record (if err is not NULL) and returns code. Any of file, path
 * may be NULL. The message is printf-formatted. */
brink_status brink_error_set(brink_error *err, brink_status code, const char *file,
                             int line, int column, const char *path,
                             const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Sets the hint of an already filled record (printf-formatted). */
void brink_error_hint(brink_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Formats the record as "file:line:column: error: path: message" plus the
 * hint and, when `source` holds the text of the file, the offending line with
 * a caret under the column. Writes at most `size` bytes (NUL included). */
size_t brink_error_format(const brink_error *err, const char *source, char *buf,
                          size_t size);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
