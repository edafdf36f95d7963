/* The blocks bench_lanes times, in the monthly step's order, written over
 * lanes (model/lockstep.h): included by bench/bench_lanes.c it is the
 * library's step of them for one run, by bench/lanes/blocks.c (compiled in
 * lanes) a group's. z is the shock of prices and money, u_a and u_b the
 * draws of politics, incidents and force. Include after
 * model/mechanisms.h and model/valuation.h. */
#ifndef BRINK_BENCH_LANES_MONTH_H
#define BRINK_BENCH_LANES_MONTH_H

static void BRINK_LFN(bench_blocks_month)(struct brink_lsim *s, brink_ld z, brink_ld u_a,
                                          brink_ld u_b)
{
    BRINK_LFN(brink_prices_step)(s, z);
    BRINK_LFN(brink_sanctions_step)(s);
    BRINK_LFN(brink_compliance_step)(s);
    BRINK_LFN(brink_bypass_step)(s);
    BRINK_LFN(brink_patrons_step)(s);
    BRINK_LFN(brink_trade_step)(s);
    BRINK_LFN(brink_fiscal_step)(s);
    BRINK_LFN(brink_money_step)(s, z);
    BRINK_LFN(brink_output_step)(s);
    BRINK_LFN(brink_proxies_step)(s);
    BRINK_LFN(brink_insurgency_step)(s);
    s->st.loss = BRINK_LFN(brink_flow_loss)(s, NULL);
    s->st.eta = BRINK_LFN(brink_erosion_rate)(s);
    BRINK_LFN(brink_account_step)(s);
    (void)BRINK_LFN(brink_politics_step)(s, u_a, u_b);
    BRINK_LFN(brink_programme_step)(s);
    (void)BRINK_LFN(brink_conflict_step)(s, u_a, u_b);
    (void)BRINK_LFN(brink_force_step)(s, u_a, u_b);
}

#endif
