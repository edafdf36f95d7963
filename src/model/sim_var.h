/* State variables by name, inline (internal: the engine's brink_sim_var
 * and the ensemble's accumulators, which read a dozen of them every month;
 * where the variable is a constant, the dispatch folds away), and on the
 * scale their fans are binned on. The exchange rate and output are kept as
 * logarithms and inflation as log(1 + the annual rate), so a fan bins them
 * without taking the logarithm of an exponential; brink_sim_var returns
 * their exponentials (expm1 for inflation) of the same values. */
#ifndef BRINK_MODEL_SIM_VAR_H
#define BRINK_MODEL_SIM_VAR_H

#include <math.h>
#include <stdint.h>

#include "brink/engine.h"
#include "brink/stats.h"
#include "model/belief.h"
#include "model/state.h"

/* The scale variable v is reported on: BRINK_SCALE_LOG for the exchange
 * rate and output, BRINK_SCALE_LOG1P for inflation, linear otherwise. */
brink_scale brink_var_scale_(brink_var v);

/* The status of a run still going at the end of a month, as the
 * ensemble counts it month by month: a comprehensive deal reached once
 * (deal_month >= 0), else a partial one (an agreement, or relief in
 * force), else a stalemate. */
static inline uint32_t brink_running_status(int deal_month, int first_agreement_month,
                                            double relief)
{
    if (deal_month >= 0)
        return BRINK_OUTCOME_DEAL;
    if (first_agreement_month >= 0 || relief > 0)
        return BRINK_OUTCOME_PARTIAL_DEAL;
    return BRINK_OUTCOME_STALEMATE;
}

/* (written over lanes, model/lockstep.h: a group of runs in lanes reads
 * them too) */

/* Price of the first crude export in USD/bbl (0 when there is none). */
static inline brink_ld BRINK_LFN(brink_var_crude_price_)(const struct brink_lsim *sim)
{
    const brink_lparams *p = &sim->p;
    brink_ld price = BRINK_LD(0);
    brink_lm found = BRINK_LNOT(BRINK_LTRUE);
    for (int g = 0; g < p->n_goods; g++) {
        brink_lm first = BRINK_LNOT(found) & (p->good[g].kind == (double)BRINK_GOOD_CRUDE) &
                         (p->good[g].volume > 0);
        if (!BRINK_LANY(first))
            continue;
        price = BRINK_LSEL(first,
                           p->good[g].value_usd_bn_year / (p->good[g].volume * BRINK_BBL_YEAR_BN) *
                               sim->st.price[g],
                           price);
        found = found | first;
    }
    return price;
}

/* The exchange rate's logarithm, bounded to stay finite (e^709 is 8e307). */
static inline brink_ld BRINK_LFN(brink_var_fx_log_)(const brink_lstate *st)
{
    return BRINK_LSEL(st->log_fx < 709.0, st->log_fx, BRINK_LD(709.0));
}

/* Output's logarithm: month-0 GDP less the share lost since month 0, grown
 * at the baseline rate. */
static inline brink_ld BRINK_LFN(brink_var_gdp_log_)(const struct brink_lsim *sim)
{
    const brink_lstate *st = &sim->st;
    const brink_lscalars *s = &sim->p.s;
    return brink_llog(s->target_gdp_usd_bn * (1.0 - st->y) / (1.0 - st->y0)) +
           s->target_economy_growth * BRINK_LITOD(st->t) / 12.0;
}

/* brink_sim_var(sim, v). */
static inline brink_ld BRINK_LFN(brink_sim_var_inline_)(const struct brink_lsim *sim, brink_var v)
{
    const brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    brink_ld x = BRINK_LD(0), w = BRINK_LD(0);
    switch (v) {
    case BRINK_VAR_SANCTIONS:
        return st->S;
    case BRINK_VAR_RELIEF:
        return st->relief_avg;
    case BRINK_VAR_COMPLIANCE:
        for (int i = 0; i < p->n_parties; i++)
            for (int g = 0; g < p->n_goods; g++) {
                brink_ld b = p->party[i].buys[g] * p->good[g].value_usd_bn_year;
                x += b * st->compliance[i];
                w += b;
            }
        return BRINK_LSEL(w > 0, x / w, BRINK_LD(0));
    case BRINK_VAR_REACH:
        return p->n_senders > 0 ? st->reach[0] : BRINK_LD(0);
    case BRINK_VAR_BYPASS:
        for (int c = 0; c < p->n_channels; c++) {
            x += p->channel[c].capacity * st->bypass[c];
            w += p->channel[c].capacity;
        }
        return BRINK_LSEL(w > 0, x / w, BRINK_LD(0));
    case BRINK_VAR_OIL_PRICE:
        return BRINK_LFN(brink_var_crude_price_)(sim);
    case BRINK_VAR_EXPORTS:
        return st->crude_mbpd;
    case BRINK_VAR_EXPORT_EARNINGS:
        return 12.0 * st->earnings;
    case BRINK_VAR_REVENUE:
        return st->income + st->transfers + st->aid;
    case BRINK_VAR_RESERVES:
        return st->reserves;
    case BRINK_VAR_FX_RATE:
        return brink_lexp(BRINK_LFN(brink_var_fx_log_)(st));
    case BRINK_VAR_INFLATION:
        return BRINK_LFN(brink_annual_rate)(st->pi);
    case BRINK_VAR_GDP:
        return brink_lexp(BRINK_LFN(brink_var_gdp_log_)(sim));
    case BRINK_VAR_IMPORTS_CUT:
        return st->imports_cut;
    case BRINK_VAR_COHESION:
        return st->cohesion;
    case BRINK_VAR_LEGITIMACY:
        return st->legitimacy;
    case BRINK_VAR_HARDLINERS:
        return st->hardliners;
    case BRINK_VAR_INSURGENCY:
        return st->insurgency;
    case BRINK_VAR_PROXY_STRENGTH:
        for (int k = 0; k < p->n_proxies; k++)
            x += st->proxy[k];
        return p->n_proxies > 0 ? x / (double)p->n_proxies : BRINK_LD(0);
    case BRINK_VAR_PATRON_SUPPORT:
        return 12.0 * st->transfers;
    case BRINK_VAR_PROGRAMME:
        return st->programme;
    case BRINK_VAR_TENSION:
        return st->tension;
    case BRINK_VAR_TRUST:
        return st->trust;
    case BRINK_VAR_BELIEF_RESOLVE:
        return BRINK_LFN(brink_belief_mean)(sim);
    case BRINK_VAR_LOSS:
        return st->loss;
    case BRINK_VAR_MAINTENANCE:
        return BRINK_LOWN(sim, maintenance);
    case BRINK_VAR_SUBMISSION:
        return BRINK_LOWN(sim, submission);
    case BRINK_VAR_DURABILITY:
        return BRINK_LOWN(sim, durability);
    case BRINK_VAR_DEAL_VALUE:
        return BRINK_LOWN(sim, deal_value);
    case BRINK_VAR_P_ACCEPT:
        return BRINK_LOWN(sim, p_accept);
    case BRINK_VAR_COUNT:
        break;
    }
    return BRINK_LD(NAN);
}

/* v's value on its scale: log(x), log(1 + x) or x, where x is
 * brink_sim_var(sim, v) (which is its exp, expm1 or itself). */
static inline brink_ld BRINK_LFN(brink_sim_var_on_scale_)(const struct brink_lsim *sim, brink_var v)
{
    switch (v) {
    case BRINK_VAR_FX_RATE:
        return BRINK_LFN(brink_var_fx_log_)(&sim->st);
    case BRINK_VAR_GDP:
        return BRINK_LFN(brink_var_gdp_log_)(sim);
    case BRINK_VAR_INFLATION:
        return BRINK_LFN(brink_annual_log_rate)(sim->st.pi);
    default:
        return BRINK_LFN(brink_sim_var_inline_)(sim, v);
    }
}

#endif
