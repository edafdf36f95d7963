/* M4 leakage and M5 exports and earnings, good by good; the embargo on
 * critical imports. */
#include "model/lanes.h"
#include "model/mechanisms.h"
#include "model/vmath.h"

_Static_assert(BRINK_MAX_PARTIES % BRINK_VP_N == 0 && BRINK_MAX_GOODS % BRINK_VP_N == 0,
               "tables of parties and goods hold whole vectors");

void brink_prices_update(struct brink_sim *sim)
{
    /* the exponentials in lanes (model/vmath.h), whole vectors of four (or
     * eight): the deviations past the last good are zeros */
    double e[BRINK_MAX_GOODS];
    int ng = sim->p.n_goods;
    brink_exp_lanes(e, sim->st.price_dev, (ng + 3) & ~3);
    for (int g = 0; g < ng; g++)
        sim->st.price[g] = sim->p.good[g].price_mean * e[g];
}

void brink_prices_step(struct brink_sim *sim, double z_price)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    /* AR(1) in logs around their means, one commodity shock */
    for (int g = 0; g < p->n_goods; g++) {
        const brink_good *gd = &p->good[g];
        if (gd->price_volatility > 0 || st->price_dev[g] != 0)
            st->price_dev[g] = gd->price_persistence * st->price_dev[g] +
                               p->s.simulation_noise * gd->price_volatility * z_price;
    }
    brink_prices_update(sim);
}

static BRINK_LANES_CLONES void trade_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    double cut = s->behaviour_bypass_buyin_cut * pol->buy_in;
    double open_channels = 1.0 - pol->interdiction;

    /* per channel: carrying capacity in use, its discount, development */
    int nc = p->n_channels;
    double cb[BRINK_MAX_CHANNELS], cbd[BRINK_MAX_CHANNELS];
    double smuggle = 0, cap_all = 0;
    for (int c = 0; c < nc; c++) {
        cb[c] = p->channel[c].capacity * st->bypass[c] * open_channels;
        cbd[c] = cb[c] * p->channel[c].discount;
        smuggle += cb[c];
        cap_all += p->channel[c].capacity;
    }

    /* per party, four or eight to a vector (model/lanes.h; lanes past the last
     * party compute from zeros what nobody reads), sums over channels:
     * carrying capacity in use (raw), its discount (disc) and development
     * (dev), channel by channel; then what a compliant party still buys
     * through the channels it can use, per unit blocked, in volume (leak)
     * and in value (leak_value), and how far defiant buyers take displaced
     * goods (reach), as products with the party's compliance x for the sums
     * over buyers below */
    int np = p->n_parties;
    double x[BRINK_MAX_PARTIES], xl[BRINK_MAX_PARTIES], xv[BRINK_MAX_PARTIES];
    double reach[BRINK_MAX_PARTIES], xr[BRINK_MAX_PARTIES];
    for (int i0 = 0; i0 < np; i0 += BRINK_VP_N) {
        brink_vp vraw = BRINK_VP_SPLAT(0.0), vdisc = vraw, vdev = vraw;
        for (int c = 0; c < nc; c++) {
            brink_vp a;
            BRINK_VP_LOAD(a, &sim->access_t[c][i0]);
            vraw += a * BRINK_VP_SPLAT(cb[c]);
            vdisc += a * BRINK_VP_SPLAT(cbd[c]);
            vdev += a * BRINK_VP_SPLAT(st->bypass[c]);
        }
        brink_vp align, absorption;
        BRINK_VP_LOAD(align, &sim->party_alignment[i0]);
        BRINK_VP_LOAD(absorption, &sim->party_absorption[i0]);
        brink_vp keep = 1.0 - BRINK_VP_SPLAT(cut) * align;
        brink_mp within = (brink_mp)(vraw <= BRINK_VP_SPLAT(1.0));
        brink_vp leak = BRINK_VP_SELECT(within, vraw * keep, keep);
        brink_vp leak_value =
            BRINK_VP_SELECT(within, (vraw - vdisc) * keep, (1.0 - vdisc / vraw) * keep);
        /* defiant buyers take displaced goods as far as their logistics
         * (the channels they can use) have developed */
        brink_vp sum, vx;
        BRINK_VP_LOAD(sum, &sim->access_sum[i0]);
        BRINK_VP_LOAD(vx, &st->compliance[i0]);
        brink_vp vreach = BRINK_VP_SELECT((brink_mp)(sum > BRINK_VP_SPLAT(0.0)),
                                          absorption * vdev / sum, BRINK_VP_SPLAT(0.0));
        brink_vp vxl = vx * leak, vxv = vx * leak_value, vxr = vx * vreach;
        BRINK_VP_STORE(&x[i0], vx);
        BRINK_VP_STORE(&xl[i0], vxl);
        BRINK_VP_STORE(&xv[i0], vxv);
        BRINK_VP_STORE(&reach[i0], vreach);
        BRINK_VP_STORE(&xr[i0], vxr);
    }

    /* per good, four or eight to a vector (model/lanes.h), sums over its
     * buyers of five party vectors (the buyers' shares are kept party by
     * party, zero past the last good, so that each good is a lane of its
     * own); then exports, earnings and income */
    int ng = p->n_goods;
    double sx[BRINK_MAX_GOODS], sxl[BRINK_MAX_GOODS], sxv[BRINK_MAX_GOODS];
    double sr[BRINK_MAX_GOODS], sxr[BRINK_MAX_GOODS];
    for (int g0 = 0; g0 < ng; g0 += BRINK_VP_N) {
        brink_vp vx = BRINK_VP_SPLAT(0.0), vxl = vx, vxv = vx, vr = vx, vxr = vx;
        for (int i = 0; i < np; i++) {
            brink_vp b;
            BRINK_VP_LOAD(b, &sim->buys_p[i][g0]);
            vx += b * BRINK_VP_SPLAT(x[i]);
            vxl += b * BRINK_VP_SPLAT(xl[i]);
            vxv += b * BRINK_VP_SPLAT(xv[i]);
            vr += b * BRINK_VP_SPLAT(reach[i]);
            vxr += b * BRINK_VP_SPLAT(xr[i]);
        }
        BRINK_VP_STORE(&sx[g0], vx);
        BRINK_VP_STORE(&sxl[g0], vxl);
        BRINK_VP_STORE(&sxv[g0], vxv);
        BRINK_VP_STORE(&sr[g0], vr);
        BRINK_VP_STORE(&sxr[g0], vxr);
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

/* (the clones are static: their dispatcher stays inside the library) */
void brink_trade_step(struct brink_sim *sim)
{
    trade_step(sim);
}
