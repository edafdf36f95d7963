/* GSL's error handler, set once for the library (core/gsl_guard.h). */
#include "core/gsl_guard.h"

#include <gsl/gsl_errno.h>
#include <pthread.h>

static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;

static void gsl_handler_off(void)
{
    /* NULL is GSL's default, which aborts; anything else is the program's
     * own choice (its handler, or GSL's "off" handler) and stays */
    gsl_error_handler_t *previous = gsl_set_error_handler_off();
    if (previous)
        gsl_set_error_handler(previous);
}

void brink_gsl_guard(void)
{
    pthread_once(&gsl_once, gsl_handler_off);
}
