/* M4 sanction fatigue: bypass channels learn under pressure;
 * M18 perishable leverage: the economy adapts (import substitution). */
#include "model/mechanisms.h"

void brink_bypass_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    /* channels keep improving slowly even without pressure */
    double floor = p->s.behaviour_bypass_pressure_floor;
    double pressure = floor + (1.0 - floor) * st->S;
    for (int c = 0; c < p->n_channels; c++)
        st->bypass[c] += p->channel[c].learning * pressure * (1.0 - st->bypass[c]);
    /* adaptation learns from trade sanctions and embargoes alike */
    double felt = st->S > st->embargo ? st->S : st->embargo;
    st->adaptation += p->s.target_economy_adaptation_rate * felt * (1.0 - st->adaptation);
}
