/* Helpers shared by the scenario unit tests. */
#ifndef BRINK_TEST_SCENARIO_UTIL_H
#define BRINK_TEST_SCENARIO_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"

/* cmocka 1.1.5 has no double comparison. Include after cmocka.h. */
#define assert_near(a, b, eps) test_assert_near((a), (b), (eps), __FILE__, __LINE__)
static inline void test_assert_near(double a, double b, double eps, const char *file, int line)
{
    if (!(a - b <= eps && b - a <= eps)) {
        fprintf(stderr, "%.17g != %.17g (tolerance %g)\n", a, b, eps);
        _fail(file, line);
    }
}

/* The canonical YAML of sc (caller frees). */
static inline char *test_write(const brink_scenario *sc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    brink_error err;
    if (brink_scenario_write_yaml(sc, f, &err) != BRINK_OK) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

/* Built-in case `name`, which must load (the test fails otherwise). */
static inline brink_scenario *test_builtin(const char *name)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin(name, &errs);
    assert_non_null(sc);
    return sc;
}

/* Path of fixture `name` (static buffer). */
static inline const char *test_fixture(const char *name)
{
    static char path[1024];
    const char *dir = getenv("BRINK_FIXTURES");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/fixtures", name);
    return path;
}

/* Index of the first error whose fields match (NULL/0 = any), or -1. */
static inline int test_find_error(const brink_error_list *errs, int line, int column,
                                  const char *path, const char *msg_part)
{
    for (int i = 0; i < errs->count; i++) {
        const brink_error *e = &errs->items[i];
        if (line && e->line != line)
            continue;
        if (column && e->column != column)
            continue;
        if (path && strcmp(e->path, path) != 0)
            continue;
        if (msg_part && !strstr(e->message, msg_part))
            continue;
        return i;
    }
    return -1;
}

/* Prints the errors (to see what a failing test got). */
static inline void test_dump_errors(const brink_error_list *errs)
{
    for (int i = 0; i < errs->count; i++) {
        char buf[2048];
        brink_error_format(&errs->items[i], NULL, buf, sizeof buf);
        fprintf(stderr, "  [%d] %s", i, buf);
    }
}

#endif
