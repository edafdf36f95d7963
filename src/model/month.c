/* The monthly step, block by block in causal order (docs/model.md, "The
 * monthly step"), written over lanes (model/lockstep.h): the library's
 * step of one run (brink_sim_step), and a month of a group of runs in
 * lanes. A run whose outcome comes in the month leaves the group there:
 * the library finishes its month on the run itself (BRINK_LRUN), and its
 * lane takes no further part in the month (`live`). Rare pieces (the
 * timeline's turns, offers and answers, an agreement found broken) are
 * the library's, done on the run, in the runs where they may do
 * something. */
#include "model/mechanisms.h"
#include "model/valuation.h"

/* The month's draws of the runs where live holds: the uniforms of the
 * shocks (a) and the hazards (b), the normals of the price and
 * exchange-rate shocks. */
static inline void BRINK_LFN(month_draws)(struct brink_lsim *sim, brink_lm live, brink_ld a[4],
                                          brink_ld b[4], brink_ld *z_price, brink_ld *z_fx)
{
#if BRINK_LANES == 1
    (void)live;
    brink_month_draw(sim);
    brink_month_u4(sim, BRINK_SLOT_SHOCKS, a);
    brink_month_u4(sim, BRINK_SLOT_HAZARDS, b);
    brink_month_normals(sim, z_price, z_fx);
#else
    /* every lane's slots of the month at once (the slots the library draws
     * ahead: BRINK_AHEAD_SLOTS, the shocks and the hazards first), and the
     * shocks' normals: the same numbers as the library's run's draws
     * ahead, each a pure function of seed, run, month and slot; 1 and 0 in
     * the lanes not live */
    brink_lanes_draw_month_lanes(sim);
    const brink_ld *u = sim->month_u;
    brink_ld z0, z1;
    brink_normals_lanes((double *)&z0, (double *)&z1, (const double *)&u[0], (const double *)&u[1],
                        BRINK_LANES);
    for (int i = 0; i < 4; i++) {
        a[i] = BRINK_LSEL(live, u[i], BRINK_LD(1.0));
        b[i] = BRINK_LSEL(live, u[4 + i], BRINK_LD(1.0));
    }
    *z_price = BRINK_LSEL(live, z0, BRINK_LD(0));
    *z_fx = BRINK_LSEL(live, z1, BRINK_LD(0));
#endif
}

/* The runs where `ended` holds end in this month with outcome o: the
 * library finishes the month on each; returns the runs still going. */
static inline brink_lm BRINK_LFN(month_ends)(struct brink_lsim *sim, brink_lm live, brink_lm ended,
                                             brink_outcome o, brink_li month)
{
    BRINK_LFOR(ended, l)
    {
        BRINK_LRUN(sim, l, r, brink_sim_finish(r, o, (int)BRINK_LGET(month, l)),
                   brink_sim_month_end(r));
    }
    return live & BRINK_LNOT(ended);
}

static inline brink_lm BRINK_LFN(month_run)(struct brink_lsim *sim, brink_lm live)
{
    brink_lstate *st = &sim->st;
    /* the timeline's turns due this month (a `set` changes the parameters) */
    brink_lm due = live & BRINK_LFN(brink_timeline_due)(sim);
    BRINK_LFOR(due, l)
    {
        BRINK_LRUN_ALL(sim, l, r, brink_timeline_step(r));
    }
    brink_ld a[4], b[4], z_price, z_fx;
    BRINK_LFN(month_draws)(sim, live, a, b, &z_price, &z_fx);
    BRINK_LFN(brink_prices_step)(sim, z_price);

    BRINK_LFN(brink_sanctions_step)(sim);
    BRINK_LFN(brink_compliance_step)(sim);
    BRINK_LFN(brink_bypass_step)(sim);
    BRINK_LFN(brink_patrons_step)(sim);
    BRINK_LFN(brink_trade_step)(sim);
    BRINK_LFN(brink_fiscal_step)(sim);
    BRINK_LFN(brink_money_step)(sim, z_fx);
    BRINK_LFN(brink_output_step)(sim);
    BRINK_LFN(brink_proxies_step)(sim);
    BRINK_LFN(brink_insurgency_step)(sim);
    st->loss = BRINK_LFN(brink_flow_loss)(sim, NULL);
    st->eta = BRINK_LFN(brink_erosion_rate)(sim);
    BRINK_LFN(brink_account_step)(sim);

    brink_li month = st->t;
    brink_li crisis = BRINK_LFN(brink_politics_step)(sim, b[0], b[1]);
    brink_lm ended = live & (crisis != 0);
    BRINK_LFOR(ended, l)
    {
        BRINK_LRUN(sim, l, r,
                   brink_sim_end_crisis(r, (int)BRINK_LGET(crisis, l), (int)BRINK_LGET(month, l)),
                   brink_sim_month_end(r));
    }
    live = live & BRINK_LNOT(ended);
    if (!BRINK_LANY(live))
        return live;
    BRINK_LFN(brink_programme_step)(sim);
    brink_li war = BRINK_LFN(brink_conflict_step)(sim, a[2], a[3]);
    live = BRINK_LFN(month_ends)(sim, live, live & (war != 0), BRINK_OUTCOME_WAR, month);
    if (!BRINK_LANY(live))
        return live;
    war = BRINK_LFN(brink_force_step)(sim, b[2], b[3]);
    live = BRINK_LFN(month_ends)(sim, live, live & (war != 0), BRINK_OUTCOME_WAR, month);
    if (!BRINK_LANY(live))
        return live;
    due = live & BRINK_LFN(brink_bargaining_due)(sim);
    BRINK_LFOR(due, l)
    {
        BRINK_LRUN(sim, l, r, brink_bargaining_step(r));
    }
    (void)BRINK_LFN(brink_backslide_step)(sim, live);
    brink_li down = BRINK_LFN(brink_senders_step)(sim, live);
    live = BRINK_LFN(month_ends)(sim, live, live & (down != 0), BRINK_OUTCOME_SENDER_BACKS_DOWN,
                                 month);
    if (!BRINK_LANY(live))
        return live;

        /* the month's end: brink_sim_month_end, over lanes (a group records no
         * valuation report) */
#if BRINK_LANES == 1
    if (sim->record)
        brink_sim_valuation_report(sim);
#endif
    st->t = BRINK_LISEL(live, st->t + 1, st->t);
    brink_lm horizon = live & (st->over == 0) & (st->t >= st->horizon);
    BRINK_LFOR(horizon, l)
    {
        BRINK_LRUN(sim, l, r, brink_sim_finish_horizon(r));
    }
    return live & BRINK_LNOT(horizon);
}

brink_lm BRINK_LFN(brink_month_run)(struct brink_lsim *sim, brink_lm live)
{
    brink_lm more = BRINK_LFN(month_run)(sim, live);
#if BRINK_LANES > 1
    sim->month_drawn = 0; /* (the month's draws are its own) */
#endif
    return more;
}
