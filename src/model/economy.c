/* M5 fiscal gap, reserves, patrons' credit and printing money; M6 exchange
 * rate and inflation (a Cagan money-demand block, so that a large printed
 * deficit can turn into hyperinflation); output. */
#include "model/mechanisms.h"

void brink_fiscal_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    double inflow = st->income + st->transfers + st->aid;
    /* a state that cannot pay cuts its needs towards its income; once it
     * can, it restores them towards the stated break-even */
    double k = s->behaviour_money_fiscal_adjustment;
    if (st->monetised > 0 || st->unfunded > 0)
        st->need += k * (inflow - st->need);
    else if (st->need < sim->need0)
        st->need += k * (sim->need0 - st->need);
    st->gap = st->need - inflow;
    st->monetised = 0;
    st->unfunded = 0;
    st->credit_drawn = 0;
    if (st->gap > 0) {
        double usable = st->reserves - s->target_fx_reserve_floor_usd_bn;
        if (usable < 0)
            usable = 0;
        double drawn = st->gap < usable ? st->gap : usable;
        st->reserves -= drawn;
        double rest = st->gap - drawn;
        /* then the patrons' credit lines, as far as they are committed */
        for (int j = 0; j < p->n_patrons && rest > 0; j++) {
            double avail = st->credit_left[j] * st->commitment[j];
            double take = rest < avail ? rest : avail;
            st->credit_left[j] -= take;
            st->credit_drawn += take;
            rest -= take;
        }
        /* what neither can cover is printed, or cut where the state
         * cannot print */
        if (s->target_money_can_print > 0.5 && !st->dollarised)
            st->monetised = rest / sim->gdp_month;
        else
            st->unfunded = rest / sim->gdp_month;
    } else {
        st->reserves -= st->gap * s->target_fx_surplus_saving;
    }
}

/* Monthly log depreciation driven by risk: the fiscal gap, thin reserve
 * cover, a jump in sanctions (without trend, inflation or noise). */
static double risk_depreciation(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double need = st->need > 1e-9 ? st->need : 1e-9;
    double gap_share = st->gap > 0 ? st->gap / need : 0;
    double cover = (st->reserves - s->target_fx_reserve_floor_usd_bn) /
                   (s->behaviour_fx_cover_months * need);
    double thin = cover < 1 ? 1 - (cover > 0 ? cover : 0) : 0;
    return s->behaviour_fx_gap_weight * gap_share + s->behaviour_fx_cover_weight * thin +
           s->behaviour_fx_shock_weight * (st->S - st->S_prev);
}

/* Monthly log growth of base money that printing the month's deficit
 * needs, given real money demand (Cagan): the smaller the real balances
 * people hold, the faster money must grow to raise the same real amount. */
static double printing(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    if (st->monetised == 0) /* (0 / base: the demand's exponential is not needed) */
        return 0.0;
    double base = 12.0 * sim->p.s.target_money_base_gdp_share * brink_money_demand(st);
    double mu = st->monetised / base;
    return mu < BRINK_PRINTING_MAX ? mu : BRINK_PRINTING_MAX;
}

void brink_money_step(struct brink_sim *sim, double z_fx)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    double risk = risk_depreciation(sim);
    st->dep_risk_ann += (12.0 * risk - st->dep_risk_ann) / 12.0;
    st->pi_smooth += s->target_prices_adjustment *
                     (st->pi_core + s->target_prices_passthrough * st->dep_risk_ann / 12.0 -
                      st->pi_smooth);
    double mu = printing(sim);
    if (mu >= BRINK_PRINTING_MAX) {
        /* beyond what any money demand can yield: the rest goes unpaid */
        double raised =
            BRINK_PRINTING_MAX * 12.0 * s->target_money_base_gdp_share * brink_money_demand(st);
        st->unfunded += st->monetised - raised;
        st->monetised = raised;
    }
    st->pi = st->pi_smooth + mu + s->behaviour_money_shortage_inflation * st->imports_cut / 12.0;
    st->pi_e += (st->pi - st->pi_e) / s->behaviour_money_expectations_months;
    /* real money demand, floored where nobody holds the currency any more */
    st->money_log = -s->behaviour_money_demand_elasticity * (st->pi_e - st->pi0);
    /* (the demand's exponential only near the threshold: far above it the
     * demand is surely above) */
    if (st->money_log <= sim->dollarisation_log &&
        brink_money_demand(st) < s->behaviour_money_dollarisation)
        st->dollarised = 1;
    /* the currency follows inflation above its month-0 rate, the trend and
     * the risk premium */
    double d = s->target_fx_base_depreciation / 12.0 + (st->pi - st->pi0) + risk +
               s->simulation_noise * s->behaviour_fx_volatility * z_fx;
    st->log_fx += d;
    st->dep_ann += (12.0 * d - st->dep_ann) / 12.0;
}

/* Month 0 as a steady state: the core inflation is what the starting
 * inflation leaves unexplained by the depreciation and printing the
 * starting state drives. */
void brink_money_init(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    st->pi0 = log1p(s->target_prices_inflation) / 12.0;
    st->money_log = 0.0;
    double risk = risk_depreciation(sim);
    st->dep_risk_ann = 12.0 * risk;
    st->dep_ann = s->target_fx_base_depreciation + 12.0 * risk;
    st->pi_core = st->pi0 - s->target_prices_passthrough * risk - printing(sim) -
                  s->behaviour_money_shortage_inflation * st->imports_cut / 12.0;
    st->pi_smooth = st->pi0 - printing(sim) -
                    s->behaviour_money_shortage_inflation * st->imports_cut / 12.0;
    st->pi = st->pi_e = st->pi0;
}

double brink_output_drive(const struct brink_sim *sim)
{
    const brink_state *st = &sim->st;
    const brink_scalars *s = &sim->p.s;
    /* foreign exchange lost from exports and not replaced by patrons, aid
     * or credit compresses imports and the budget, as does spending the
     * state can neither pay nor print */
    double lost = st->earnings_base - st->earnings - st->transfers - st->aid - st->credit_drawn;
    double y = s->target_economy_revenue_multiplier *
               ((lost > 0 ? lost : 0) / sim->gdp_month + st->unfunded);
    double adapt = 1.0 - s->target_economy_adaptation_max * st->adaptation;
    y += (s->target_economy_sanctions_drag * st->S + st->imports_cut) * adapt;
    y += s->behaviour_insurgency_damage * st->insurgency + st->strike_damage;
    /* losses compound: output falls by 1 - e^(-y), about y when it is small */
    return -expm1(-y);
}

void brink_output_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    double k = sim->p.s.behaviour_economy_output_adjustment;
    st->y += k * (brink_output_drive(sim) - st->y);
    st->strike_damage *= 1.0 - k;
}
