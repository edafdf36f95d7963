/* M5 fiscal gap, reserves and monetisation; M6 exchange rate, inflation and
 * the purchasing power of the regime's base. */
#include "model/mechanisms.h"

void brink_fiscal_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double need = s->target_oil_breakeven_mbpd * s->target_oil_reference_price_usd *
                  BRINK_BBL_MONTH_BN;
    st->gap = need - st->revenue;
    st->monetised = 0;
    if (st->gap > 0) {
        double usable = st->reserves - s->target_fx_reserve_floor_usd_bn;
        if (usable < 0)
            usable = 0;
        double drawn = st->gap < usable ? st->gap : usable;
        st->reserves -= drawn;
        /* what reserves cannot cover is printed */
        st->monetised = (st->gap - drawn) / sim->gdp_month;
    } else {
        st->reserves -= st->gap * s->target_fx_surplus_saving;
    }
}

/* Monthly log depreciation driven by the state (without noise). */
static double depreciation(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double need = s->target_oil_breakeven_mbpd * s->target_oil_reference_price_usd *
                  BRINK_BBL_MONTH_BN;
    double gap_share = st->gap > 0 ? st->gap / need : 0;
    double cover = (st->reserves - s->target_fx_reserve_floor_usd_bn) /
                   (s->behaviour_fx_cover_months * need);
    double thin = cover < 1 ? 1 - (cover > 0 ? cover : 0) : 0;
    return s->target_fx_base_depreciation / 12.0 + s->behaviour_fx_gap_weight * gap_share +
           s->behaviour_fx_cover_weight * thin +
           s->behaviour_fx_shock_weight * (st->s_eff - st->s_eff_prev);
}

void brink_money_step(struct brink_sim *sim, double z_fx)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double d = depreciation(sim) +
               s->simulation_noise * s->behaviour_fx_volatility * z_fx;
    st->log_fx += d;
    /* expectations: annualised depreciation, smoothed over about a year */
    st->dep_annual += (12.0 * d - st->dep_annual) / 12.0;
    double driven = st->infl_core + s->target_prices_passthrough * st->dep_annual;
    st->infl_smooth += s->target_prices_adjustment * (driven - st->infl_smooth);
    /* monetisation shows up at once */
    st->inflation = st->infl_smooth + s->behaviour_prices_monetisation * st->monetised;

    /* base cohesion follows the real pay of the security forces, indexed
     * up to the inflation of month 0 */
    double excess = st->inflation - s->target_prices_inflation;
    double want = s->target_politics_cohesion *
                  exp(-s->behaviour_politics_cohesion_inflation * (excess > 0 ? excess : 0));
    st->cohesion += s->behaviour_politics_cohesion_adjustment * (want - st->cohesion);
}

/* Initialises the monetary block so that month 0 is a steady state of
 * inflation: the core is what the starting inflation leaves unexplained by
 * the depreciation the starting state drives. */
void brink_money_init(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    st->dep_annual = 12.0 * depreciation(sim);
    st->infl_core = s->target_prices_inflation - s->target_prices_passthrough * st->dep_annual;
    st->infl_smooth = s->target_prices_inflation;
    st->inflation = s->target_prices_inflation;
}
