/* brink: simulation and analysis of coercive diplomacy. Umbrella header.
 *
 * Linking: `pkg-config --cflags --libs brink` (add --static for libbrink.a),
 * or in CMake find_package(brink) and target_link_libraries(x brink::brink)
 * (brink::brink_static for libbrink.a). The headers are C17 and C++-safe.
 *
 * GSL errors. libbrink uses the GNU Scientific Library, whose default error
 * handler aborts the process. libbrink never aborts: it checks GSL's return
 * values where GSL can fail and reports failures as brink_error records.
 * So that a GSL error inside libbrink cannot abort the host program, the
 * first call of any
 * libbrink function that can reach GSL (every scenario load, hence every
 * simulation, ensemble, calibration, backtest, claim and report; games and
 * equilibria; brink_z_for_level, brink_moments_mean_interval) turns GSL's
 * default handler off, once per process and thread-safely, with
 * gsl_set_error_handler_off(). A handler the program installed before that
 * first call is kept (and then called for GSL errors inside libbrink too:
 * it must return for libbrink's guarantee to hold); a handler installed
 * after it replaces libbrink's choice. Either way libbrink changes GSL's
 * handler at most once and never restores GSL's aborting default. */
#ifndef BRINK_BRINK_H
#define BRINK_BRINK_H

#include "brink/error.h"
#include "brink/game.h"
#include "brink/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Version of the library, e.g. "0.1.0". */
const char *brink_version(void);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
