/* Domestic politics of the target: legitimacy (output, inflation, the
 * currency), the cohesion of the regime's base (the security forces' real
 * pay), hardliners (with the rally effect of M14), and the hazards of a
 * regime crisis and of a coup. */
#include "model/mechanisms.h"

void brink_regime_indices(const struct brink_sim *sim, double *crisis, double *coup)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double weakness = 1.0 - 0.5 * (st->legitimacy + st->cohesion) +
                      s->behaviour_politics_insurgency_weight * st->insurgency;
    *crisis = (weakness - s->behaviour_politics_crisis_threshold) /
              s->behaviour_politics_crisis_width;
    *coup = (1.0 - st->cohesion - s->behaviour_politics_coup_threshold) /
            s->behaviour_politics_coup_width;
}

void brink_regime_hazards(const struct brink_sim *sim, double *crisis, double *coup)
{
    const brink_scalars *s = &sim->p.s;
    double xc, xk;
    brink_regime_indices(sim, &xc, &xk);
    *crisis = brink_hazard(s->behaviour_politics_crisis_max, xc);
    *coup = brink_hazard(s->behaviour_politics_coup_max, xk);
}

double brink_crisis_hazard(const struct brink_sim *sim)
{
    return brink_hazard(sim->p.s.behaviour_politics_crisis_max, sim->st.x_crisis);
}

double brink_coup_hazard(const struct brink_sim *sim)
{
    return brink_hazard(sim->p.s.behaviour_politics_coup_max, sim->st.x_coup);
}

int brink_politics_step(struct brink_sim *sim, double u_crisis, double u_coup)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    const brink_policy_num *pol = brink_active_policy(sim);

    /* annual log inflation above the norm and the currency's fall above its
     * trend, against their month-0 levels: legitimacy moves with changes */
    double norm = sim->log_norm_inflation;
    double infl = 12.0 * st->pi - norm, infl0 = 12.0 * st->pi0 - norm;
    double excess = (infl > 0 ? infl : 0) - (infl0 > 0 ? infl0 : 0);
    double fall = st->dep_ann - s->target_fx_base_depreciation;
    double want_l = s->target_politics_legitimacy -
                    s->behaviour_politics_legitimacy_output * (st->y - st->y0) -
                    s->behaviour_politics_legitimacy_inflation * excess -
                    s->behaviour_politics_legitimacy_currency * (fall > 0 ? fall : 0);
    st->legitimacy += s->behaviour_politics_legitimacy_adjustment *
                      (brink_clamp01(want_l) - st->legitimacy);

    /* the base's real pay is indexed up to the inflation of month 0 */
    double over = 12.0 * (st->pi - st->pi0);
    double want_c = s->target_politics_cohesion;
    if (over > 0)
        want_c *= exp(-s->behaviour_politics_cohesion_inflation * over);
    st->cohesion += s->behaviour_politics_cohesion_adjustment * (want_c - st->cohesion);

    /* pressure under regime-change rhetoric rallies the base behind the
     * hardliners; relief in force strengthens the pragmatists */
    double want_h = s->target_politics_hardliners +
                    s->behaviour_politics_rally * pol->rhetoric * st->S -
                    s->behaviour_politics_hardliner_relief * st->relief_avg;
    st->hardliners += s->behaviour_politics_hardliner_adjustment *
                      (brink_clamp01(want_h) - st->hardliners);

    /* a hazard never exceeds its maximum (brink_hazard): a uniform at or
     * above it draws nothing, whatever the hazard */
    brink_regime_indices(sim, &st->x_crisis, &st->x_coup);
    if (u_crisis < s->behaviour_politics_crisis_max && u_crisis < brink_crisis_hazard(sim))
        return 1;
    if (u_coup < s->behaviour_politics_coup_max && u_coup < brink_coup_hazard(sim))
        return 2;
    return 0;
}
