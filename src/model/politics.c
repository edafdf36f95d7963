/* Domestic politics of the target: legitimacy, hardliners (with the rally
 * effect of M14), and the hazard of a regime crisis. */
#include "model/mechanisms.h"

int brink_politics_step(struct brink_sim *sim, double u_crisis)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    const brink_policy_num *pol = brink_active_policy(sim);

    double want_l = s->target_politics_legitimacy -
                    s->behaviour_politics_legitimacy_loss * (st->loss - st->loss_ref);
    st->legitimacy += s->behaviour_politics_legitimacy_adjustment *
                      (brink_clamp01(want_l) - st->legitimacy);

    /* pressure under regime-change rhetoric rallies the base behind the
     * hardliners; relief in force strengthens the pragmatists */
    double want_h = s->target_politics_hardliners +
                    s->behaviour_politics_rally * pol->rhetoric * st->s_eff -
                    s->behaviour_politics_hardliner_relief * st->relief;
    st->hardliners += s->behaviour_politics_hardliner_adjustment *
                      (brink_clamp01(want_h) - st->hardliners);

    double weakness = 1.0 - 0.5 * (st->legitimacy + st->cohesion);
    st->h_crisis = s->behaviour_politics_crisis_max *
                   brink_logistic((weakness - s->behaviour_politics_crisis_threshold) /
                                  s->behaviour_politics_crisis_width);
    return u_crisis < st->h_crisis;
}
