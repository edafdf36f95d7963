/* Whole runs in lanes: a group of BRINK_LANES runs steps month after month
 * (brink_month_run over lanes, model/month.c), and a lane whose run ends
 * takes the next run. Compiled only in lanes, after model/lockstep/blocks.c
 * (a unit that sets BRINK_LANES to 4 or 8). */
#if !defined(BRINK_LANES) || BRINK_LANES == 1
#error "included only by a unit compiled in lanes (BRINK_LANES 4 or 8)"
#endif

/* Where a group's runs come from and go: next(ctx, l, sim) initialises sim
 * (brink_sim_init, not recording; runs of one scenario) with the next run
 * for lane l and returns 1, or returns 0 when there are no more; month(ctx,
 * g, stepped), when not NULL, sees the group after each month, each lane
 * where `stepped` holds showing its run's state at the month's end (as the
 * library's brink_sim_step leaves it, whether or not the run ended in it);
 * done(ctx, l, sim) receives lane l's run when it has ended, its state and
 * totals what brink_sim_run would leave, to the bit (no events are
 * recorded). */
typedef struct {
    int (*next)(void *ctx, int l, struct brink_sim *sim);
    void (*month)(void *ctx, const struct brink_group *g, brink_lm stepped);
    void (*done)(void *ctx, int l, struct brink_sim *sim);
    void *ctx;
} brink_group_source;

/* Steps runs from src to their ends in lanes, each lane in its own sim
 * (lane[l], of the runs' scenario), a lane taking the next run as its run
 * ends. -1 without memory, else 0. */
static int brink_group_run_each(struct brink_sim *const lane[BRINK_LANES],
                                const brink_group_source *src)
{
    brink_lm live = BRINK_LNOT(BRINK_LTRUE);
    int any = 0;
    for (int l = 0; l < BRINK_LANES; l++) {
        live[l] = src->next(src->ctx, l, lane[l]) ? -1 : 0;
        any |= live[l] != 0;
    }
    if (!any)
        return 0;
    /* a lane without a run holds a copy of a lane's that has one and takes
     * no part: nothing done on a run (BRINK_LRUN) is done for it, so that
     * the run it shares is never written */
    struct brink_sim *first[BRINK_LANES];
    int some = 0;
    while (!live[some])
        some++;
    for (int l = 0; l < BRINK_LANES; l++)
        first[l] = live[l] ? lane[l] : lane[some];
    struct brink_group *g = brink_group_alloc(first);
    if (!g)
        return -1;
    for (;;) {
        /* (a live lane's run shows its end in the lane too: a run ends on
         * the run, BRINK_LRUN, which puts its state back, or below) */
        BRINK_LFOR(live & (g->st.over != 0), l)
        {
            while (live[l] && g->st.over[l]) {
                /* its run ended (or was over before its first month) */
                src->done(src->ctx, l, g->run[l]);
                if (src->next(src->ctx, l, lane[l]))
                    brink_group_refill(g, l, lane[l]);
                else
                    live[l] = 0;
            }
        }
        if (!BRINK_LANY(live))
            break;
        brink_lm more = brink_month_run_lanes(g, live);
        for (int l = 0; l < BRINK_LANES; l++)
            if (live[l] && !more[l]) {
                /* the library finished the month on the run: the lane
                 * shows the run's end (over, said again, keeps the lane
                 * from another month whatever the way it ended) */
                g->run[l]->st.over = 1;
                brink_group_put_state(g, l, &g->run[l]->st);
            }
        if (src->month)
            src->month(src->ctx, g, live);
    }
    brink_group_free(g);
    return 0;
}
