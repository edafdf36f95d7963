/* libbrink in a host program without the CLI: a GSL error must not abort
 * the process (include/brink/brink.h, "GSL errors"). GSL's default handler
 * aborts; the library turns it off, once, at its first entry point that can
 * reach GSL, and keeps a handler the program installed itself.
 *
 * Each case runs in a fresh child process (the library's choice is made once
 * per process): the child makes the GSL domain error
 * gsl_cdf_beta_Pinv(2, 1, 1) (P outside [0, 1]), which is what a GSL error
 * inside libbrink does, and exits 0 when it returned; an abort shows as
 * SIGABRT. The first case shows the check is real: without a library call,
 * the same error aborts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "brink/brink.h"
#include "brink/stats.h"

enum { BEFORE_NOTHING, BEFORE_SCENARIO, BEFORE_GAME, BEFORE_STATS, BEFORE_OWN_HANDLER };

static int own_handler_calls;
static void own_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)gsl_errno;
    own_handler_calls++;
}

/* The child: a first library call (or none), then the GSL domain error.
 * Exit status 0: the error returned NaN; 3: a library call failed; 4: the
 * program's own handler was not the one called. */
static int child(int before)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none); /* no core file from the expected abort */
    if (before == BEFORE_NOTHING) {
        /* GSL's default handler prints the error before aborting: say why */
        fprintf(stderr, "(expected: GSL's default handler aborts this child)\n");
    } else if (before == BEFORE_SCENARIO) {
        brink_scenario *sc = brink_scenario_load_builtin("iran-2025", NULL);
        if (!sc)
            return 3;
        brink_scenario_free(sc);
    } else if (before == BEFORE_GAME) {
        brink_game *g = brink_game_alloc(2, 2, NULL);
        if (!g)
            return 3;
        brink_game_free(g);
    } else if (before == BEFORE_STATS) {
        if (!isfinite(brink_z_for_level(0.95)))
            return 3;
    } else if (before == BEFORE_OWN_HANDLER) {
        gsl_set_error_handler(own_handler);
        brink_scenario *sc = brink_scenario_load_builtin("iran-2025", NULL);
        if (!sc)
            return 3;
        brink_scenario_free(sc);
    }
    double x = gsl_cdf_beta_Pinv(2.0, 1.0, 1.0);
    if (!isnan(x))
        return 5;
    if (before == BEFORE_OWN_HANDLER && own_handler_calls != 1)
        return 4;
    return 0;
}

/* Runs child(before) in a fresh process; returns its wait status. */
static int in_child(int before)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(child(before));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void assert_returned(int status)
{
    if (WIFSIGNALED(status))
        fail_msg("the child was killed by signal %d", WTERMSIG(status));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_default_handler_aborts(void **state)
{
    (void)state;
    int status = in_child(BEFORE_NOTHING);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void test_after_scenario_load(void **state)
{
    (void)state;
    assert_returned(in_child(BEFORE_SCENARIO));
}

static void test_after_game_alloc(void **state)
{
    (void)state;
    assert_returned(in_child(BEFORE_GAME));
}

static void test_after_statistics(void **state)
{
    (void)state;
    assert_returned(in_child(BEFORE_STATS));
}

static void test_own_handler_kept(void **state)
{
    (void)state;
    assert_returned(in_child(BEFORE_OWN_HANDLER));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_handler_aborts),
        cmocka_unit_test(test_after_scenario_load),
        cmocka_unit_test(test_after_game_alloc),
        cmocka_unit_test(test_after_statistics),
        cmocka_unit_test(test_own_handler_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
