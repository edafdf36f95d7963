/* M4 leakage and M5 oil exports and revenue. */
#include "model/mechanisms.h"

void brink_trade_step(struct brink_sim *sim, double z_oil)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    /* oil price: AR(1) in logs around its mean */
    st->oil_dev = s->target_oil_price_persistence * st->oil_dev +
                  s->simulation_noise * s->target_oil_price_volatility * z_oil;
    st->oil_price = s->target_oil_price_mean_usd * exp(st->oil_dev);

    double grey = s->target_oil_grey_discount * st->s_eff; /* discount to defiant buyers */
    double cut = p->s.behaviour_bypass_buyin_cut * pol->buy_in;

    /* per party, sums over channels: carrying capacity in use (raw), its
     * discount (disc) and development (dev), channel by channel */
    int np = p->n_parties;
    double raw[BRINK_MAX_PARTIES] = {0}, disc[BRINK_MAX_PARTIES] = {0};
    double dev[BRINK_MAX_PARTIES] = {0};
    for (int c = 0; c < p->n_channels; c++) {
        double cb = p->channel[c].capacity * st->bypass[c];
        double cbd = cb * p->channel[c].discount, b = st->bypass[c];
        const double *a = sim->access_t[c];
        for (int i = 0; i < np; i++) {
            raw[i] += a[i] * cb;
            disc[i] += a[i] * cbd;
            dev[i] += a[i] * b;
        }
    }
    double volume = 0, value = 0, blocked = 0, appetite = 0;
    for (int i = 0; i < np; i++) {
        const brink_party *q = &p->party[i];
        /* leakage: what a compliant party still buys through the channels it can use */
        double keep = 1.0 - cut * q->alignment;
        double x = st->compliance[i];
        double open = q->oil_share * (1.0 - x);  /* defiant purchases */
        double leak, leak_value;                 /* through bypass channels, per unit */
        if (raw[i] <= 1) {
            leak = raw[i] * keep;
            leak_value = (raw[i] - disc[i]) * keep; /* raw x (1 - mean discount) */
        } else {
            leak = keep;
            leak_value = (1.0 - disc[i] / raw[i]) * keep;
        }
        volume += open + q->oil_share * x * leak;
        value += open * (1.0 - grey) + q->oil_share * x * leak_value;
        blocked += q->oil_share * x * (1.0 - leak);
        /* defiant buyers take displaced barrels as far as their logistics
         * (the channels they can use) have developed */
        if (q->absorption > 0 && sim->access_sum[i] > 0)
            appetite += open * q->absorption * dev[i] / sim->access_sum[i];
    }
    double redirected = blocked < appetite ? blocked : appetite;
    volume += redirected;
    value += redirected * (1.0 - grey);
    double cap = s->target_oil_capacity_mbpd;
    st->exports = cap * volume;
    st->revenue = cap * value * st->oil_price * BRINK_BBL_MONTH_BN;
    st->revenue_base = cap * st->oil_price * BRINK_BBL_MONTH_BN;
}
