/* Worker threads of the library (ensembles, draws of the zone of possible
 * agreement). */
#ifndef BRINK_CORE_THREADS_H
#define BRINK_CORE_THREADS_H

#include <pthread.h>

/* Starts a worker with every signal blocked, so that signals (Ctrl-C,
 * SIGTERM) reach the calling thread: the one that writes the outputs and
 * owns the handlers. Returns pthread_create's result. */
int brink_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

/* Waits on cond (mu held) for at most ns nanoseconds from now. */
void brink_cond_wait_ns(pthread_cond_t *cond, pthread_mutex_t *mu, long ns);

/* Threads to use: `asked`, or every online core when it is 0; at most max. */
int brink_thread_count(int asked, int max);

#endif
