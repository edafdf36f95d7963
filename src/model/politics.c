/* Domestic politics of the target: legitimacy (output, inflation, the
 * currency), the cohesion of the regime's base (the security forces' real
 * pay), hardliners (with the rally effect of M14), and the hazards of a
 * regime crisis and of a coup. (Written over lanes, model/lockstep.h.) */
#include "model/mechanisms.h"

void BRINK_LFN(brink_regime_indices)(const struct brink_lsim *sim, brink_ld *crisis, brink_ld *coup)
{
    const brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    brink_ld weakness = 1.0 - 0.5 * (st->legitimacy + st->cohesion) +
                        s->behaviour_politics_insurgency_weight * st->insurgency;
    *crisis = (weakness - s->behaviour_politics_crisis_threshold) /
              s->behaviour_politics_crisis_width;
    *coup = (1.0 - st->cohesion - s->behaviour_politics_coup_threshold) /
            s->behaviour_politics_coup_width;
}

void BRINK_LFN(brink_regime_hazards)(const struct brink_lsim *sim, brink_ld *crisis, brink_ld *coup)
{
    const brink_lscalars *s = &sim->p.s;
    brink_ld xc, xk;
    BRINK_LFN(brink_regime_indices)(sim, &xc, &xk);
    *crisis = BRINK_LFN(brink_hazard)(s->behaviour_politics_crisis_max, xc);
    *coup = BRINK_LFN(brink_hazard)(s->behaviour_politics_coup_max, xk);
}

/* The crisis and coup hazards of the indices as of the last step, in the
 * runs where m holds (brink_hazard_where). */
static inline brink_ld BRINK_LFN(crisis_hazard_where)(const struct brink_lsim *sim, brink_lm m)
{
    return BRINK_LFN(brink_hazard_where)(m, sim->p.s.behaviour_politics_crisis_max,
                                         sim->st.x_crisis);
}

static inline brink_ld BRINK_LFN(coup_hazard_where)(const struct brink_lsim *sim, brink_lm m)
{
    return BRINK_LFN(brink_hazard_where)(m, sim->p.s.behaviour_politics_coup_max, sim->st.x_coup);
}

brink_ld BRINK_LFN(brink_crisis_hazard)(const struct brink_lsim *sim)
{
    return BRINK_LFN(crisis_hazard_where)(sim, BRINK_LTRUE);
}

brink_ld BRINK_LFN(brink_coup_hazard)(const struct brink_lsim *sim)
{
    return BRINK_LFN(coup_hazard_where)(sim, BRINK_LTRUE);
}

brink_li BRINK_LFN(brink_politics_step)(struct brink_lsim *sim, brink_ld u_crisis, brink_ld u_coup)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);

    /* annual log inflation above the norm and the currency's fall above its
     * trend, against their month-0 levels: legitimacy moves with changes */
    brink_ld norm = sim->log_norm_inflation;
    brink_ld infl = 12.0 * st->pi - norm, infl0 = 12.0 * st->pi0 - norm;
    brink_ld excess =
        BRINK_LSEL(infl > 0, infl, BRINK_LD(0)) - BRINK_LSEL(infl0 > 0, infl0, BRINK_LD(0));
    brink_ld fall = st->dep_ann - s->target_fx_base_depreciation;
    brink_ld want_l =
        s->target_politics_legitimacy - s->behaviour_politics_legitimacy_output * (st->y - st->y0) -
        s->behaviour_politics_legitimacy_inflation * excess -
        s->behaviour_politics_legitimacy_currency * BRINK_LSEL(fall > 0, fall, BRINK_LD(0));
    st->legitimacy += s->behaviour_politics_legitimacy_adjustment *
                      (BRINK_LFN(brink_clamp01)(want_l) - st->legitimacy);

    /* the base's real pay is indexed up to the inflation of month 0 */
    brink_ld over = 12.0 * (st->pi - st->pi0);
    brink_ld want_c = s->target_politics_cohesion;
    brink_lm eroded = over > 0;
    if (BRINK_LANY(eroded))
        want_c = BRINK_LSEL(
            eroded,
            want_c * brink_lexp_where(eroded, -s->behaviour_politics_cohesion_inflation * over),
            want_c);
    st->cohesion += s->behaviour_politics_cohesion_adjustment * (want_c - st->cohesion);

    /* pressure under regime-change rhetoric rallies the base behind the
     * hardliners; relief in force strengthens the pragmatists */
    brink_ld want_h = s->target_politics_hardliners +
                      s->behaviour_politics_rally * pol->rhetoric * st->S -
                      s->behaviour_politics_hardliner_relief * st->relief_avg;
    st->hardliners += s->behaviour_politics_hardliner_adjustment *
                      (BRINK_LFN(brink_clamp01)(want_h) - st->hardliners);

    /* a hazard never exceeds its maximum (brink_hazard): a uniform at or
     * above it draws nothing, whatever the hazard; 1 for a regime crisis,
     * 2 for a coup */
    BRINK_LFN(brink_regime_indices)(sim, &st->x_crisis, &st->x_coup);
    brink_lm crisis = u_crisis < s->behaviour_politics_crisis_max;
    if (BRINK_LANY(crisis))
        crisis = crisis & (u_crisis < BRINK_LFN(crisis_hazard_where)(sim, crisis));
    brink_lm coup = BRINK_LNOT(crisis) & (u_coup < s->behaviour_politics_coup_max);
    if (BRINK_LANY(coup))
        coup = coup & (u_coup < BRINK_LFN(coup_hazard_where)(sim, coup));
    return BRINK_LISEL(crisis, BRINK_LI(1), BRINK_LISEL(coup, BRINK_LI(2), BRINK_LI(0)));
}
