/* The mechanisms written over lanes (model/lockstep.h), compiled in lanes of
 * four runs for unit/test_lanes: a group of four runs steps them, and the
 * lanes' states come back as plain states (lanes_unit.h). */
#define BRINK_LANES 4
/* each piece done on a lane's run checked to leave the rows it does not
 * put back as the lane holds them (model/lockstep_types.h) */
#define BRINK_LANES_CHECK_BACK 1

#include "model/lockstep/blocks.c"
#include "model/lockstep/group.c"
#include "model/sim_var.h"

#include "lanes_unit.h"

long brink_lanes_back_checks_, brink_lanes_back_mismatches_;

void lanes_unit_back_checks(long *checks, long *mismatches)
{
    *checks = brink_lanes_back_checks_;
    *mismatches = brink_lanes_back_mismatches_;
}

enum { LANES_UNIT_N_ = LANES_UNIT_N };
_Static_assert(LANES_UNIT_N_ == BRINK_LANES, "the unit's lanes are the test's runs");

static brink_ld lanes_of(const double x[LANES_UNIT_N])
{
    brink_ld v = BRINK_LD(0);
    for (int l = 0; l < BRINK_LANES; l++)
        v[l] = x[l];
    return v;
}

int lanes_unit_block(lanes_block b, struct brink_sim *const run[LANES_UNIT_N],
                     const double u[2][LANES_UNIT_N], brink_state out[LANES_UNIT_N],
                     double ret[2][LANES_UNIT_N])
{
    struct brink_group *g = brink_group_alloc(run);
    if (!g)
        return -1;
    brink_ld r0 = BRINK_LD(0), r1 = BRINK_LD(0);
    switch (b) {
    case LANES_ECONOMY:
        brink_fiscal_step_lanes(g);
        brink_money_step_lanes(g, lanes_of(u[0]));
        brink_output_step_lanes(g);
        r0 = brink_output_drive_lanes(g);
        break;
    case LANES_BYPASS:
        brink_bypass_step_lanes(g);
        break;
    case LANES_PATRONS:
        brink_patrons_step_lanes(g);
        break;
    case LANES_PROXIES:
        brink_proxies_step_lanes(g);
        break;
    case LANES_INSURGENCY:
        brink_insurgency_step_lanes(g);
        break;
    case LANES_POLITICS: {
        brink_li k = brink_politics_step_lanes(g, lanes_of(u[0]), lanes_of(u[1]));
        r0 = __builtin_convertvector(k, brink_ld);
        brink_ld coup;
        brink_regime_hazards_lanes(g, &r1, &coup);
        break;
    }
    case LANES_SANCTIONS:
        brink_sanctions_step_lanes(g);
        brink_relief_update_lanes(g);
        break;
    case LANES_CONFLICT: {
        brink_programme_step_lanes(g);
        brink_li k = brink_conflict_step_lanes(g, lanes_of(u[0]), lanes_of(u[1]));
        r0 = __builtin_convertvector(k, brink_ld);
        r1 = brink_incident_probability_lanes(g);
        break;
    }
    case LANES_TRADE:
        brink_prices_step_lanes(g, lanes_of(u[0]));
        brink_compliance_step_lanes(g);
        brink_trade_step_lanes(g);
        break;
    case LANES_ACCOUNT:
        g->st.loss = brink_flow_loss_lanes(g, &r0);
        g->st.eta = brink_erosion_rate_lanes(g);
        brink_account_step_lanes(g);
        break;
    case LANES_FORCE: {
        brink_li k = brink_force_step_lanes(g, lanes_of(u[0]), lanes_of(u[1]));
        r0 = __builtin_convertvector(k, brink_ld);
        r1 = brink_force_terms_hazard_lanes(&g->st.force);
        break;
    }
    case LANES_SENDERS: {
        brink_li k = brink_senders_step_lanes(g, BRINK_LTRUE);
        r0 = __builtin_convertvector(k, brink_ld);
        break;
    }
    case LANES_BACKSLIDE: {
        brink_lm k = brink_backslide_step_lanes(g, BRINK_LTRUE);
        r0 = BRINK_LSEL(k, BRINK_LD(1), BRINK_LD(0));
        break;
    }
    case LANES_BLOCKS:
        break;
    }
    for (int l = 0; l < BRINK_LANES; l++) {
        /* the run's state as the group holds it: what the run keeps alone
         * from the run, the rest from the lane */
        out[l] = g->run[l]->st;
        brink_group_get_state(&out[l], g, l);
        ret[0][l] = r0[l];
        ret[1][l] = r1[l];
    }
    brink_group_free(g);
    return 0;
}

int lanes_unit_round_trip(struct brink_sim *const run[LANES_UNIT_N], brink_state out[LANES_UNIT_N],
                          brink_policy_num pol[LANES_UNIT_N])
{
    struct brink_group *g = brink_group_alloc(run);
    if (!g)
        return -1;
    for (int l = 0; l < BRINK_LANES; l++) {
        /* what the lane holds, into a state of zeros but for the members
         * the run keeps alone (model/state.def, RUN_*), which stay in the
         * run */
        memset(&out[l], 0, sizeof out[l]);
#define ROUND_TRIP_RUN_(name) memcpy(&out[l].name, &g->run[l]->st.name, sizeof out[l].name);
#define ROUND_TRIP_D(name)
#define ROUND_TRIP_I(name)
#define ROUND_TRIP_U(name)
#define ROUND_TRIP_FORCE(name)
#define ROUND_TRIP_SUMMARY(name)
#define ROUND_TRIP_RUN_D(name) ROUND_TRIP_RUN_(name)
#define ROUND_TRIP_RUN_I(name) ROUND_TRIP_RUN_(name)
#define ROUND_TRIP_RUN_U(name) ROUND_TRIP_RUN_(name)
#define BRINK_STATE(kind, name, dims, by, doc) ROUND_TRIP_##kind(name)
#include "model/state.def"
#undef BRINK_STATE
        brink_group_get_state(&out[l], g, l);
        brink_lane_get_d_(&pol[l], &g->pol, sizeof pol[l], l);
    }
    brink_group_free(g);
    return 0;
}

int lanes_unit_draws(struct brink_sim *const run[LANES_UNIT_N], uint32_t slot,
                     double before[4][LANES_UNIT_N], double after[4][LANES_UNIT_N],
                     int t_after[LANES_UNIT_N])
{
    struct brink_group *g = brink_group_alloc(run);
    if (!g)
        return -1;
    brink_ld u[4];
    brink_lanes_u4_lanes(g, BRINK_LTRUE, slot, u);
    for (int i = 0; i < 4; i++)
        for (int l = 0; l < BRINK_LANES; l++)
            before[i][l] = u[i][l];
    (void)brink_month_run_lanes(g, BRINK_LTRUE);
    brink_lanes_u4_lanes(g, BRINK_LTRUE, slot, u);
    for (int l = 0; l < BRINK_LANES; l++) {
        t_after[l] = (int)g->st.t[l];
        for (int i = 0; i < 4; i++)
            after[i][l] = u[i][l];
    }
    brink_group_free(g);
    return 0;
}

typedef struct {
    int pol;
    uint64_t seed;
    size_t n, next;
    size_t at[BRINK_LANES];
    brink_state *out;
    double *vars;
    int failed;
} unit_source;

static int unit_next(void *ctx, int l, struct brink_sim *sim)
{
    unit_source *u = ctx;
    if (u->next >= u->n)
        return 0;
    if (brink_sim_init(sim, u->pol, u->seed, u->next, 1, 0, NULL) != BRINK_OK) {
        u->failed = 1;
        return 0;
    }
    u->at[l] = u->next++;
    return 1;
}

static void unit_month(void *ctx, const struct brink_group *g, brink_lm stepped)
{
    unit_source *u = ctx;
    brink_ld x[BRINK_VAR_COUNT];
    for (int v = 0; v < BRINK_VAR_COUNT; v++)
        x[v] = brink_sim_var_on_scale__lanes(g, (brink_var)v);
    for (int l = 0; l < BRINK_LANES; l++) {
        long long m = g->st.t[l] - 1;
        if (!stepped[l] || m < 0 || m >= LANES_UNIT_MONTHS)
            continue;
        double *row = &u->vars[(u->at[l] * LANES_UNIT_MONTHS + (size_t)m) * BRINK_VAR_COUNT];
        for (int v = 0; v < BRINK_VAR_COUNT; v++)
            row[v] = x[v][l];
    }
}

static void unit_done(void *ctx, int l, struct brink_sim *sim)
{
    unit_source *u = ctx;
    u->out[u->at[l]] = sim->st;
}

int lanes_unit_runs(const brink_scenario *sc, int pol, uint64_t seed, size_t n, brink_state *out,
                    double *vars)
{
    unit_source u = {.pol = pol, .seed = seed, .n = n, .out = out, .vars = vars};
    struct brink_sim *lane[BRINK_LANES];
    int rc = 0;
    for (int l = 0; l < BRINK_LANES; l++)
        if (!(lane[l] = brink_sim_alloc(sc, NULL)))
            rc = -1;
    brink_group_source src = {unit_next, vars ? unit_month : NULL, unit_done, &u};
    if (rc == 0)
        rc = brink_group_run_each(lane, &src);
    for (int l = 0; l < BRINK_LANES; l++)
        brink_sim_free(lane[l]);
    return rc == 0 && (u.failed || u.next < n) ? -1 : rc;
}
