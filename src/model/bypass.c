/* M4 sanction fatigue: bypass channels learn under pressure;
 * M18 perishable leverage: the economy adapts (import substitution).
 * (Written over lanes, model/lockstep.h.) */
#include "model/mechanisms.h"

void BRINK_LFN(brink_bypass_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    /* channels keep improving slowly even without pressure */
    brink_ld floor = p->s.behaviour_bypass_pressure_floor;
    brink_ld pressure = floor + (1.0 - floor) * st->S;
    for (int c = 0; c < p->n_channels; c++)
        st->bypass[c] += p->channel[c].learning * pressure * (1.0 - st->bypass[c]);
    /* adaptation learns from trade sanctions and embargoes alike */
    brink_ld felt = BRINK_LSEL(st->S > st->embargo, st->S, st->embargo);
    st->adaptation += p->s.target_economy_adaptation_rate * felt * (1.0 - st->adaptation);
}
