/* The monthly step for wider processors. The files of the model that the
 * step runs are compiled a second and a third time, as one unit each, for
 * x86-64-v3 (AVX2) and x86-64-v4 (AVX-512), where the build supports it
 * (GCC 12 or later on x86-64; CMakeLists.txt), and brink_sim_step runs the
 * widest copy the processor can. Each copy is the same source with the
 * same operations in the same order (ISO C: nothing is contracted into
 * FMA, and FMA is off), calling the same libm, so every copy gives the same
 * bits; the wider instructions only do the same work in fewer of them.
 * (Internal: the engine, and the tests and benchmark that compare them.) */
#ifndef BRINK_MODEL_ISA_H
#define BRINK_MODEL_ISA_H

#include "brink/engine.h"

struct brink_sim;

typedef enum {
    BRINK_ISA_BASE = 0, /* the library's own compilation (x86-64, or any other target) */
    BRINK_ISA_V3,       /* x86-64-v3: AVX2 */
    BRINK_ISA_V4,       /* x86-64-v4: AVX-512 */
    BRINK_ISA_COUNT
} brink_isa;

/* "base", "x86-64-v3" or "x86-64-v4". */
const char *brink_isa_name_(brink_isa isa);

/* Whether this build has the step compiled for isa and the processor (and
 * the system) can run it; the base always. */
int brink_isa_available_(brink_isa isa);

/* The copy brink_sim_step runs: the one forced, else the widest available
 * (found once). */
brink_isa brink_isa_step_(void);

/* Makes brink_sim_step run the copy for isa, or, with a negative isa, the
 * widest again; for tests and benchmarks, before any thread steps. Returns
 * 0 and changes nothing where isa is not available. */
int brink_isa_force_(int isa);

/* The entries of the copies (model/isa/step.c): brink_sim_step's work. */
int brink_sim_step_v3_(struct brink_sim *sim);
int brink_sim_step_v4_(struct brink_sim *sim);

/* What a run in lanes records at the end of each month m below the
 * source's horizon, into buffers its source gives (either may be NULL):
 * vals[k * horizon + m], the source's variable k on its scale
 * (brink_sim_var_on_scale_), and status[m], the run's outcome once it has
 * ended, else brink_running_status. */
typedef struct {
    double *vals;
    unsigned char *status;
} brink_lanes_record;

/* Whole runs in lanes (model/lockstep/group.c, model/isa/lanes.c), in the
 * copy brink_sim_step runs: runs come from next(ctx, l, sim, rec), which
 * initialises lane l's own sim with the next run (brink_sim_init, not
 * recording events; runs of one scenario), sets what it records (*rec,
 * cleared before) and returns 1, or returns 0 when there are no more;
 * done(ctx, l, sim) receives each run when it has ended, its state and
 * totals what brink_sim_run would leave, to the bit. The variables
 * recorded are vars[0 .. n_vars) (n_vars 0: none). Where see is not NULL,
 * the source watches whole months as well: after each month m of lane l's
 * run (its m-th step, from 0, below the horizon or not) for which
 * wants(ctx, l, m) holds, see(ctx, l, sim, m) gets the run with its state
 * as brink_sim_step leaves it after that month, to the bit (read only: the
 * lane goes on from its own copy). A month seen costs a move of the
 * lane's state into its run. */
typedef struct {
    int (*next)(void *ctx, int l, struct brink_sim *sim, brink_lanes_record *rec);
    void (*done)(void *ctx, int l, struct brink_sim *sim);
    void *ctx;
    const brink_var *vars;
    int n_vars, horizon;
    int (*wants)(void *ctx, int l, int m);
    void (*see)(void *ctx, int l, const struct brink_sim *sim, int m);
} brink_lanes_source;

/* Runs to a group in the copy brink_sim_step runs: 8 (x86-64-v4), 4
 * (x86-64-v3), or 0 (the base: no lanes). */
int brink_lanes_width_(void);

/* Steps src's runs to their ends in lanes, lane[0 .. brink_lanes_width_())
 * each lane's own sim (of the runs' scenario). 0; -1 without memory; -2
 * where there are no lanes. */
int brink_lanes_run_(struct brink_sim *const *lane, const brink_lanes_source *src);

/* The copies' entries (model/isa/lanes.c). */
int brink_lanes_run_v3_(struct brink_sim *const *lane, const brink_lanes_source *src);
int brink_lanes_run_v4_(struct brink_sim *const *lane, const brink_lanes_source *src);

#endif
