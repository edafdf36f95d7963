/* M4 leakage and M5 exports and earnings, good by good; the embargo on
 * critical imports. */
#include "model/lanes.h"
#include "model/mechanisms.h"

_Static_assert(BRINK_MAX_PARTIES % 2 == 0 && BRINK_MAX_GOODS % 2 == 0,
               "tables of parties and goods hold whole vectors");

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

    /* per channel: carrying capacity in use, its discount, development */
    int nc = p->n_channels;
    brink_v2 vcb[BRINK_MAX_CHANNELS], vcbd[BRINK_MAX_CHANNELS], vb[BRINK_MAX_CHANNELS];
    double smuggle = 0, cap_all = 0;
    for (int c = 0; c < nc; c++) {
        double cb = p->channel[c].capacity * st->bypass[c] * open_channels;
        vcb[c] = brink_v2_splat(cb);
        vcbd[c] = brink_v2_splat(cb * p->channel[c].discount);
        vb[c] = brink_v2_splat(st->bypass[c]);
        smuggle += cb;
        cap_all += p->channel[c].capacity;
    }

    /* per party, two to a vector (model/lanes.h; the lane past an odd last
     * party computes from zeros what nobody reads), sums over channels:
     * carrying capacity in use (raw), its discount (disc) and development
     * (dev), channel by channel; then what a compliant party still buys
     * through the channels it can use, per unit blocked, in volume (leak)
     * and in value (leak_value), and how far defiant buyers take displaced
     * goods (reach), as products with the party's compliance x for the sums
     * over buyers below */
    int np = p->n_parties;
    double x[BRINK_MAX_PARTIES], xl[BRINK_MAX_PARTIES], xv[BRINK_MAX_PARTIES];
    double reach[BRINK_MAX_PARTIES], xr[BRINK_MAX_PARTIES];
    for (int i0 = 0; i0 < np; i0 += 2) {
        brink_v2 vraw = {0, 0}, vdisc = {0, 0}, vdev = {0, 0};
        for (int c = 0; c < nc; c++) {
            brink_v2 a = brink_v2_load(&sim->access_t[c][i0]);
            vraw += a * vcb[c];
            vdisc += a * vcbd[c];
            vdev += a * vb[c];
        }
        double raw[2], disc[2], dev[2];
        brink_v2_store(raw, vraw);
        brink_v2_store(disc, vdisc);
        brink_v2_store(dev, vdev);
        for (int l = 0; l < 2 && i0 + l < np; l++) {
            int i = i0 + l;
            double keep = 1.0 - cut * p->party[i].alignment;
            double leak, leak_value;
            if (raw[l] <= 1) {
                leak = raw[l] * keep;
                leak_value = (raw[l] - disc[l]) * keep;
            } else {
                leak = keep;
                leak_value = (1.0 - disc[l] / raw[l]) * keep;
            }
            /* defiant buyers take displaced goods as far as their logistics
             * (the channels they can use) have developed */
            reach[i] = sim->access_sum[i] > 0
                           ? p->party[i].absorption * dev[l] / sim->access_sum[i]
                           : 0;
            x[i] = st->compliance[i];
            xl[i] = x[i] * leak;
            xv[i] = x[i] * leak_value;
            xr[i] = x[i] * reach[i];
        }
    }

    /* per good, two to a vector, sums over its buyers of five party vectors
     * (the buyers' shares are kept party by party, zero past the last good,
     * so that each good is a lane of its own); then exports, earnings and
     * income */
    int ng = p->n_goods;
    double sx[BRINK_MAX_GOODS], sxl[BRINK_MAX_GOODS], sxv[BRINK_MAX_GOODS];
    double sr[BRINK_MAX_GOODS], sxr[BRINK_MAX_GOODS];
    for (int g0 = 0; g0 < ng; g0 += 2) {
        brink_v2 vx = {0, 0}, vxl = {0, 0}, vxv = {0, 0}, vr = {0, 0}, vxr = {0, 0};
        for (int i = 0; i < np; i++) {
            brink_v2 b = brink_v2_load(&sim->buys_p[i][g0]);
            vx += b * brink_v2_splat(x[i]);
            vxl += b * brink_v2_splat(xl[i]);
            vxv += b * brink_v2_splat(xv[i]);
            vr += b * brink_v2_splat(reach[i]);
            vxr += b * brink_v2_splat(xr[i]);
        }
        brink_v2_store(&sx[g0], vx);
        brink_v2_store(&sxl[g0], vxl);
        brink_v2_store(&sxv[g0], vxv);
        brink_v2_store(&sr[g0], vr);
        brink_v2_store(&sxr[g0], vxr);
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
