/* M4 leakage and M5 exports and earnings, good by good; the embargo on
 * critical imports. */
#include "model/mechanisms.h"

void brink_trade_step(struct brink_sim *sim, double z_price)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    /* prices: AR(1) in logs around their means, one commodity shock */
    for (int g = 0; g < p->n_goods; g++) {
        const brink_good *gd = &p->good[g];
        if (gd->price_volatility > 0 || st->price_dev[g] != 0) {
            st->price_dev[g] = gd->price_persistence * st->price_dev[g] +
                               s->simulation_noise * gd->price_volatility * z_price;
            st->price[g] = gd->price_mean * exp(st->price_dev[g]);
        }
    }

    double cut = s->behaviour_bypass_buyin_cut * pol->buy_in;
    double open_channels = 1.0 - pol->interdiction;

    /* per party, sums over channels: carrying capacity in use (raw), its
     * discount (disc) and development (dev), channel by channel */
    int np = p->n_parties;
    double raw[BRINK_MAX_PARTIES] = {0}, disc[BRINK_MAX_PARTIES] = {0};
    double dev[BRINK_MAX_PARTIES] = {0};
    double smuggle = 0, cap_all = 0;
    for (int c = 0; c < p->n_channels; c++) {
        double cb = p->channel[c].capacity * st->bypass[c] * open_channels;
        double cbd = cb * p->channel[c].discount, b = st->bypass[c];
        const double *a = sim->access_t[c];
        for (int i = 0; i < np; i++) {
            raw[i] += a[i] * cb;
            disc[i] += a[i] * cbd;
            dev[i] += a[i] * b;
        }
        smuggle += cb;
        cap_all += p->channel[c].capacity;
    }
    /* what a compliant party still buys through the channels it can use,
     * per unit blocked, in volume and in value */
    double leak[BRINK_MAX_PARTIES], leak_value[BRINK_MAX_PARTIES], reach[BRINK_MAX_PARTIES];
    for (int i = 0; i < np; i++) {
        double keep = 1.0 - cut * p->party[i].alignment;
        if (raw[i] <= 1) {
            leak[i] = raw[i] * keep;
            leak_value[i] = (raw[i] - disc[i]) * keep;
        } else {
            leak[i] = keep;
            leak_value[i] = (1.0 - disc[i] / raw[i]) * keep;
        }
        /* defiant buyers take displaced goods as far as their logistics
         * (the channels they can use) have developed */
        reach[i] = sim->access_sum[i] > 0 ? p->party[i].absorption * dev[i] / sim->access_sum[i]
                                          : 0;
    }

    /* per good, sums over its buyers of five party vectors; the buyers'
     * shares are kept party by party, so that the sums over goods run as
     * independent lanes (no reassociation) */
    int ng = p->n_goods;
    double sx[BRINK_MAX_GOODS] = {0}, sxl[BRINK_MAX_GOODS] = {0}, sxv[BRINK_MAX_GOODS] = {0};
    double sr[BRINK_MAX_GOODS] = {0}, sxr[BRINK_MAX_GOODS] = {0};
    for (int i = 0; i < np; i++) {
        const double *b = sim->buys_p[i];
        double x = st->compliance[i], xl = x * leak[i], xv = x * leak_value[i];
        double r = reach[i], xr = x * r;
        for (int g = 0; g < ng; g++) {
            sx[g] += b[g] * x;
            sxl[g] += b[g] * xl;
            sxv[g] += b[g] * xv;
            sr[g] += b[g] * r;
            sxr[g] += b[g] * xr;
        }
    }
    double earnings = 0, base_all = 0, income = 0, crude = 0;
    for (int g = 0; g < ng; g++) {
        const brink_good *gd = &p->good[g];
        double e = gd->exposure;
        double grey = gd->grey_discount * st->S * e; /* discount to defiant buyers */
        double volume = 1, value = 1;
        if (np > 0) {
            /* open purchases, what compliant buyers still get through the
             * channels, and displaced goods that defiant buyers take */
            double open = sim->buys_total[g] - e * sx[g];
            double blocked = e * (sx[g] - sxl[g]), appetite = sr[g] - e * sxr[g];
            double redirected = blocked < appetite ? blocked : appetite;
            volume = open + e * sxl[g] + redirected;
            value = (open + redirected) * (1.0 - grey) + e * sxv[g];
        }
        double base = gd->value_usd_bn_year / 12.0 * st->price[g];
        earnings += base * value;
        base_all += base;
        income += gd->fiscal_share * base * value;
        if ((int)gd->kind == BRINK_GOOD_CRUDE)
            crude += gd->volume * volume;
    }
    st->earnings = earnings;
    st->earnings_base = base_all;
    st->income = income;
    st->crude_mbpd = crude;

    /* the embargo on critical imports, less smuggling and patrons' supplies */
    if (p->n_imports > 0) {
        double leak_m = (cap_all > 1 ? smuggle / cap_all : smuggle) * (1.0 - cut);
        double through = (1.0 - leak_m) * (1.0 - st->supply);
        double cutw = 0;
        for (int j = 0; j < p->n_imports; j++)
            cutw += p->import[j].output_weight * st->embargo * p->import[j].exposure * through;
        st->imports_cut = cutw;
    }
}
