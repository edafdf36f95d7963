/* GSL's error handler for a library: GSL's default handler aborts the
 * process on an error; libbrink checks GSL's return values instead. */
#ifndef BRINK_CORE_GSL_GUARD_H
#define BRINK_CORE_GSL_GUARD_H

/* Once per process (thread-safe): turns off GSL's default handler, the one
 * that aborts, unless the program has installed its own handler, which is
 * kept. Called by every public entry point from which GSL can be reached:
 * scenario loads (every simulation, ensemble, calibration, backtest, claim
 * and report needs a scenario), games, and the statistics that use GSL's
 * distributions. include/brink/brink.h documents the behaviour. */
void brink_gsl_guard(void);

#endif
