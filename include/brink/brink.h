/* brink: simulation and analysis of coercive diplomacy. Umbrella header. */
#ifndef BRINK_BRINK_H
#define BRINK_BRINK_H

#include "brink/error.h"
#include "brink/game.h"
#include "brink/scenario.h"

/* Version of the library, e.g. "0.1.0". */
const char *brink_version(void);

#endif
