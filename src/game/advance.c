/* Stepping a run to the month a game analysis looks at. */
#include "brink/analysis_game.h"

#include "model/state.h"

int brink_game_advance(brink_sim *sim, int month)
{
    while (sim->st.t < month && !sim->st.over)
        brink_sim_step(sim);
    return sim->st.t < month ? sim->st.t : month;
}
