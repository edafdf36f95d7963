/* Whole runs in lanes: a group of BRINK_LANES runs steps month after month
 * (brink_month_run over lanes, model/month.c), and a lane whose run ends
 * takes the next run. Compiled only in lanes, after model/lockstep/blocks.c
 * (a unit that sets BRINK_LANES to 4 or 8). */
#if !defined(BRINK_LANES) || BRINK_LANES == 1
#error "included only by a unit compiled in lanes (BRINK_LANES 4 or 8)"
#endif

/* Steps the runs sims[0 .. n) to their ends, BRINK_LANES at a time, a lane
 * taking the next run as its run ends: each sim ends as brink_sim_run
 * leaves it (its state and totals, to the bit; no events are recorded).
 * Each sim is initialised (brink_sim_init, not recording) and runs of one
 * scenario. -1 without memory, else 0. */
static int brink_group_run_all(struct brink_sim *const *sims, size_t n)
{
    if (n == 0)
        return 0;
    struct brink_sim *first[BRINK_LANES];
    size_t next = 0;
    brink_lm live;
    for (int l = 0; l < BRINK_LANES; l++) {
        /* a lane without a run of its own holds a copy of the last run's
         * and takes no part: its run is never written */
        live[l] = next < n ? -1 : 0;
        first[l] = sims[next < n ? next++ : n - 1];
    }
    struct brink_group *g = brink_group_alloc(first);
    if (!g)
        return -1;
    for (;;) {
        for (int l = 0; l < BRINK_LANES; l++)
            while (live[l] && g->run[l]->st.over) {
                /* a run over before its first month (or just now) */
                if (next < n)
                    brink_group_put(g, l, sims[next++]);
                else
                    live[l] = 0;
            }
        if (!BRINK_LANY(live))
            break;
        brink_lm more = brink_month_run_lanes(g, live);
        for (int l = 0; l < BRINK_LANES; l++)
            if (live[l] && !more[l])
                /* the run ended, its state the run's own (brink_sim_finish
                 * ran on it) */
                g->run[l]->st.over = 1;
    }
    brink_group_free(g);
    return 0;
}
