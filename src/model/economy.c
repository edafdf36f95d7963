/* M5 fiscal gap, reserves, patrons' credit and printing money; M6 exchange
 * rate and inflation (a Cagan money-demand block, so that a large printed
 * deficit can turn into hyperinflation); output. */
#include "model/mechanisms.h"
#include "model/sender.h"

/* (written over lanes, model/lockstep.h: the library's step, and a group of
 * runs in lockstep where the file is compiled in lanes) */

void BRINK_LFN(brink_fiscal_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    brink_ld inflow = st->income + st->transfers + st->aid;
    /* a state that cannot pay cuts its needs towards its income; once it
     * can, it restores them towards the stated break-even */
    brink_ld k = s->behaviour_money_fiscal_adjustment;
    brink_lm cutting = (st->monetised > 0) | (st->unfunded > 0);
    brink_lm restoring = BRINK_LNOT(cutting) & (st->need < sim->need0);
    st->need = BRINK_LSEL(cutting, st->need + k * (inflow - st->need),
                          BRINK_LSEL(restoring, st->need + k * (sim->need0 - st->need), st->need));
    st->gap = st->need - inflow;
    st->monetised = BRINK_LD(0);
    st->unfunded = BRINK_LD(0);
    st->credit_drawn = BRINK_LD(0);
    brink_lm short_ = st->gap > 0;
    if (BRINK_LANY(short_)) {
        brink_ld usable = st->reserves - s->target_fx_reserve_floor_usd_bn;
        usable = BRINK_LSEL(usable < 0, BRINK_LD(0), usable);
        brink_ld drawn = BRINK_LSEL(st->gap < usable, st->gap, usable);
        brink_ld rest = st->gap - drawn;
        /* then the patrons' credit lines, as far as they are committed */
        for (int j = 0; j < sim->p.n_patrons; j++) {
            brink_lm more = short_ & (rest > 0);
            if (!BRINK_LANY(more))
                break;
            brink_ld avail = st->credit_left[j] * st->commitment[j];
            brink_ld take = BRINK_LSEL(rest < avail, rest, avail);
            st->credit_left[j] = BRINK_LSEL(more, st->credit_left[j] - take, st->credit_left[j]);
            st->credit_drawn = BRINK_LSEL(more, st->credit_drawn + take, st->credit_drawn);
            rest = BRINK_LSEL(more, rest - take, rest);
        }
        /* what neither can cover is printed, or cut where the state
         * cannot print */
        brink_lm prints = (s->target_money_can_print > 0.5) & (st->dollarised == 0);
        brink_ld share = rest / sim->gdp_month;
        st->monetised = BRINK_LSEL(short_ & prints, share, st->monetised);
        st->unfunded = BRINK_LSEL(short_ & BRINK_LNOT(prints), share, st->unfunded);
        st->reserves = BRINK_LSEL(short_, st->reserves - drawn,
                                  st->reserves - st->gap * s->target_fx_surplus_saving);
    } else {
        st->reserves -= st->gap * s->target_fx_surplus_saving;
    }
}

/* Monthly log depreciation driven by risk: the fiscal gap, thin reserve
 * cover, a jump in sanctions (without trend, inflation or noise). */
static brink_ld BRINK_LFN(risk_depreciation)(const struct brink_lsim *sim)
{
    const brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    brink_ld need = BRINK_LSEL(st->need > 1e-9, st->need, BRINK_LD(1e-9));
    brink_ld gap_share = BRINK_LSEL(st->gap > 0, st->gap / need, BRINK_LD(0));
    brink_ld cover =
        (st->reserves - s->target_fx_reserve_floor_usd_bn) / (s->behaviour_fx_cover_months * need);
    brink_ld thin =
        BRINK_LSEL(cover < 1, 1 - BRINK_LSEL(cover > 0, cover, BRINK_LD(0)), BRINK_LD(0));
    return s->behaviour_fx_gap_weight * gap_share + s->behaviour_fx_cover_weight * thin +
           s->behaviour_fx_shock_weight * (st->S - st->S_prev);
}

/* Monthly log growth of base money that printing the month's deficit
 * needs, given real money demand (Cagan): the smaller the real balances
 * people hold, the faster money must grow to raise the same real amount. */
static brink_ld BRINK_LFN(printing)(const struct brink_lsim *sim)
{
    const brink_lstate *st = &sim->st;
    brink_lm prints = st->monetised != 0;
    if (!BRINK_LANY(prints)) /* (0 / base: the demand's exponential is not needed) */
        return BRINK_LD(0);
    brink_ld base = 12.0 * sim->p.s.target_money_base_gdp_share *
                    BRINK_LFN(brink_money_demand_where)(prints, st);
    brink_ld mu = st->monetised / base;
    return BRINK_LSEL(prints, BRINK_LSEL(mu < BRINK_PRINTING_MAX, mu, BRINK_LD(BRINK_PRINTING_MAX)),
                      BRINK_LD(0));
}

void BRINK_LFN(brink_money_step)(struct brink_lsim *sim, brink_ld z_fx)
{
    brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    brink_ld risk = BRINK_LFN(risk_depreciation)(sim);
    st->dep_risk_ann += (12.0 * risk - st->dep_risk_ann) / 12.0;
    st->pi_smooth += s->target_prices_adjustment *
                     (st->pi_core + s->target_prices_passthrough * st->dep_risk_ann / 12.0 -
                      st->pi_smooth);
    brink_ld mu = BRINK_LFN(printing)(sim);
    brink_lm beyond = mu >= BRINK_PRINTING_MAX;
    if (BRINK_LANY(beyond)) {
        /* beyond what any money demand can yield: the rest goes unpaid */
        brink_ld raised = BRINK_PRINTING_MAX * 12.0 * s->target_money_base_gdp_share *
                          BRINK_LFN(brink_money_demand_where)(beyond, st);
        st->unfunded = BRINK_LSEL(beyond, st->unfunded + (st->monetised - raised), st->unfunded);
        st->monetised = BRINK_LSEL(beyond, raised, st->monetised);
    }
    st->pi = st->pi_smooth + mu + s->behaviour_money_shortage_inflation * st->imports_cut / 12.0;
    st->pi_e += (st->pi - st->pi_e) / s->behaviour_money_expectations_months;
    /* real money demand, floored where nobody holds the currency any more */
    st->money_log = -s->behaviour_money_demand_elasticity * (st->pi_e - st->pi0);
    /* (the demand's exponential only near the threshold: far above it the
     * demand is surely above) */
    brink_lm near = st->money_log <= sim->dollarisation_log;
    if (BRINK_LANY(near)) {
        brink_lm gone = near & (BRINK_LFN(brink_money_demand_where)(near, st) <
                                s->behaviour_money_dollarisation);
        st->dollarised = BRINK_LISEL(gone, BRINK_LI(1), st->dollarised);
    }
    /* the currency follows inflation above its month-0 rate, the trend and
     * the risk premium */
    brink_ld d = s->target_fx_base_depreciation / 12.0 + (st->pi - st->pi0) + risk +
                 s->simulation_noise * s->behaviour_fx_volatility * z_fx;
    st->log_fx += d;
    st->dep_ann += (12.0 * d - st->dep_ann) / 12.0;
}

brink_ld BRINK_LFN(brink_output_drive)(const struct brink_lsim *sim)
{
    const brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    /* foreign exchange lost from exports and not replaced by patrons, aid
     * or credit compresses imports and the budget, as does spending the
     * state can neither pay nor print */
    brink_ld lost = st->earnings_base - st->earnings - st->transfers - st->aid - st->credit_drawn;
    brink_ld y = s->target_economy_revenue_multiplier *
                 (BRINK_LSEL(lost > 0, lost, BRINK_LD(0)) / sim->gdp_month + st->unfunded);
    brink_ld adapt = 1.0 - s->target_economy_adaptation_max * st->adaptation;
    y += (s->target_economy_sanctions_drag * st->S + st->imports_cut) * adapt;
    y += s->behaviour_insurgency_damage * st->insurgency + st->strike_damage;
    /* losses compound: output falls by 1 - e^(-y), about y when it is small */
    return -brink_lexpm1(-y);
}

void BRINK_LFN(brink_output_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    brink_ld k = sim->p.s.behaviour_economy_output_adjustment;
    st->y += k * (BRINK_LFN(brink_output_drive)(sim) - st->y);
    st->strike_damage *= 1.0 - k;
}

void BRINK_LFN(brink_account_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    brink_ld lost = st->y - st->y0;
    brink_ld gdp_loss = BRINK_LSEL(lost > 0, lost, BRINK_LD(0)) * sim->gdp_month;
    brink_ld cost = BRINK_LFN(brink_sender_monthly_cost)(sim);
    brink_ld inflow = st->income + st->transfers + st->aid;
    brink_lm below = inflow < st->need;
    BRINK_LFOR(BRINK_LTRUE, l)
    {
        brink_summary *sum = BRINK_LSUM(st, l);
        sum->gdp_loss_usd_bn += BRINK_LGET(gdp_loss, l);
        sum->sender_cost_usd_bn += BRINK_LGET(cost, l);
        sum->months_below_breakeven += BRINK_LGET(below, l) != 0;
    }
    BRINK_LFOR(below & (st->below_breakeven == 0), l)
    {
        brink_event *e = BRINK_LFN(brink_sim_event_lane)(sim, l, BRINK_EV_BELOW_BREAKEVEN, -1,
                                                         12.0 * BRINK_LGET(inflow, l));
        if (e)
            e->submission = 12.0 * BRINK_LGET(st->need, l); /* the needs it fell below */
    }
    st->below_breakeven = BRINK_LISEL(below, BRINK_LI(1), BRINK_LI(0));
    /* reserves no longer meet the gap: the rest is borrowed from patrons,
     * printed or cut (once a run's event has fired, nothing to see) */
    brink_lm open = st->at_floor == 0;
    if (BRINK_LANY(open)) {
        brink_li beyond =
            BRINK_LISEL(st->unfunded > 0, BRINK_LI(2),
                        BRINK_LISEL(st->monetised > 0, BRINK_LI(1),
                                    BRINK_LISEL(st->credit_drawn > 0, BRINK_LI(0), BRINK_LI(-1))));
        brink_lm floor_now = open & (beyond >= 0);
        BRINK_LFOR(floor_now, l)
        {
            BRINK_LFN(brink_sim_event_lane)
            (sim, l, BRINK_EV_RESERVES_FLOOR, (int)BRINK_LGET(beyond, l),
             BRINK_LGET(st->reserves, l));
        }
        st->at_floor = BRINK_LISEL(floor_now, BRINK_LI(1), st->at_floor);
    }
    brink_lm hyper = st->pi > 0.4054651081081644; /* ln 1.5: 50% a month (Cagan) */
    BRINK_LFOR(hyper & (st->hyper == 0), l)
    {
        BRINK_LFN(brink_sim_event_lane)
        (sim, l, BRINK_EV_HYPERINFLATION, -1, BRINK_LGET(BRINK_LFN(brink_annual_rate)(st->pi), l));
    }
    st->hyper = BRINK_LISEL(hyper, BRINK_LI(1), BRINK_LI(0));
}

#if BRINK_LANES == 1
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
#endif
