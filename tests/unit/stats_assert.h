/* Tolerance assertion for the statistics tests (include after cmocka.h). */
#ifndef BRINK_TEST_STATS_ASSERT_H
#define BRINK_TEST_STATS_ASSERT_H

#include <math.h>

/* Fails unless |a - b| <= tol; NaN never passes. */
#define assert_close(a, b, tol) assert_close_((a), (b), (tol), #a, __FILE__, __LINE__)

static inline void assert_close_(double a, double b, double tol, const char *expr,
                                 const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.17g, expected %.17g (tolerance %g)\n", expr, a, b, tol);
        _fail(file, line);
    }
}

#endif
