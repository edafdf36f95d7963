/* M4 leakage and M5 exports and earnings, good by good; the embargo on
 * critical imports. Written over lanes (model/lockstep.h); the loops over
 * parties and goods work on several entries at a time (brink_lpv): several
 * parties or goods of the run to a vector in the library, one of every run
 * of the group in lanes. */
#include "model/mechanisms.h"

_Static_assert(BRINK_MAX_PARTIES % BRINK_VP_N == 0 && BRINK_MAX_GOODS % BRINK_VP_N == 0,
               "tables of parties and goods hold whole vectors");

void BRINK_LFN(brink_prices_update)(struct brink_lsim *sim)
{
    /* the exponentials in lanes (model/vmath.h); in the library whole
     * vectors of four, the deviations past the last good zeros */
    brink_ld e[BRINK_MAX_GOODS];
    int ng = sim->p.n_goods;
    BRINK_LEXP_TABLE(e, sim->st.price_dev, ng);
    for (int g = 0; g < ng; g++)
        sim->st.price[g] = sim->p.good[g].price_mean * e[g];
}

void BRINK_LFN(brink_prices_step)(struct brink_lsim *sim, brink_ld z_price)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    /* AR(1) in logs around their means, one commodity shock */
    for (int g = 0; g < p->n_goods; g++) {
        const __typeof__(p->good[0]) *gd = &p->good[g];
        /* (a price without shocks at its mean stays there) */
        brink_lm moves = (gd->price_volatility > 0) | (st->price_dev[g] != 0);
        if (BRINK_LANY(moves))
            st->price_dev[g] =
                BRINK_LSEL(moves,
                           gd->price_persistence * st->price_dev[g] +
                               p->s.simulation_noise * gd->price_volatility * z_price,
                           st->price_dev[g]);
    }
    BRINK_LFN(brink_prices_update)(sim);
}

static BRINK_LCLONES void BRINK_LFN(trade_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);

    brink_ld cut = s->behaviour_bypass_buyin_cut * pol->buy_in;
    brink_ld open_channels = 1.0 - pol->interdiction;

    /* per channel: carrying capacity in use, its discount, development */
    int nc = p->n_channels;
    brink_ld cb[BRINK_MAX_CHANNELS], cbd[BRINK_MAX_CHANNELS];
    brink_ld smuggle = BRINK_LD(0), cap_all = BRINK_LD(0);
    for (int c = 0; c < nc; c++) {
        cb[c] = p->channel[c].capacity * st->bypass[c] * open_channels;
        cbd[c] = cb[c] * p->channel[c].discount;
        smuggle += cb[c];
        cap_all += p->channel[c].capacity;
    }

    /* per party, several entries at a time, sums over channels: carrying
     * capacity in use (raw), its discount (disc) and development (dev),
     * channel by channel; then what a compliant party still buys through
     * the channels it can use, per unit blocked, in volume (leak) and in
     * value (leak_value), and how far defiant buyers take displaced goods
     * (reach), as products with the party's compliance x for the sums over
     * buyers below */
    int np = p->n_parties;
    brink_ld xl[BRINK_MAX_PARTIES], xv[BRINK_MAX_PARTIES];
    brink_ld reach[BRINK_MAX_PARTIES], xr[BRINK_MAX_PARTIES];
    for (int i0 = 0; i0 < np; i0 += BRINK_LPV_N) {
        brink_lpv vraw = BRINK_LPV_ALL(0.0), vdisc = vraw, vdev = vraw;
        for (int c = 0; c < nc; c++) {
            brink_lpv a;
            BRINK_LPV_LOAD(a, sim->access_t[c][i0]);
            vraw += a * BRINK_LPV_ALL(cb[c]);
            vdisc += a * BRINK_LPV_ALL(cbd[c]);
            vdev += a * BRINK_LPV_ALL(st->bypass[c]);
        }
        brink_lpv align, absorption;
        BRINK_LPV_LOAD(align, sim->party_alignment[i0]);
        BRINK_LPV_LOAD(absorption, sim->party_absorption[i0]);
        brink_lpv keep = 1.0 - BRINK_LPV_ALL(cut) * align;
        __typeof__(vraw <= vraw) within = vraw <= BRINK_LPV_ALL(1.0);
        brink_lpv leak = BRINK_LPV_SEL(within, vraw * keep, keep);
        brink_lpv leak_value =
            BRINK_LPV_SEL(within, (vraw - vdisc) * keep, (1.0 - vdisc / vraw) * keep);
        /* defiant buyers take displaced goods as far as their logistics
         * (the channels they can use) have developed */
        brink_lpv sum, vx;
        BRINK_LPV_LOAD(sum, sim->access_sum[i0]);
        BRINK_LPV_LOAD(vx, st->compliance[i0]);
        brink_lpv vreach =
            BRINK_LPV_SEL(sum > BRINK_LPV_ALL(0.0), absorption * vdev / sum, BRINK_LPV_ALL(0.0));
        brink_lpv vxl = vx * leak, vxv = vx * leak_value, vxr = vx * vreach;
        BRINK_LPV_STORE(xl[i0], vxl);
        BRINK_LPV_STORE(xv[i0], vxv);
        BRINK_LPV_STORE(reach[i0], vreach);
        BRINK_LPV_STORE(xr[i0], vxr);
    }

    /* per good, several entries at a time, sums over its buyers of five
     * party numbers (the buyers' shares are kept party by party, zero past
     * the last good, so that each good is an entry of its own); then
     * exports, earnings and income */
    int ng = p->n_goods;
    brink_ld sx[BRINK_MAX_GOODS], sxl[BRINK_MAX_GOODS], sxv[BRINK_MAX_GOODS];
    brink_ld sr[BRINK_MAX_GOODS], sxr[BRINK_MAX_GOODS];
    for (int g0 = 0; g0 < ng; g0 += BRINK_LPV_N) {
        brink_lpv vx = BRINK_LPV_ALL(0.0), vxl = vx, vxv = vx, vr = vx, vxr = vx;
        for (int i = 0; i < np; i++) {
            brink_lpv b;
            BRINK_LPV_LOAD(b, sim->buys_p[i][g0]);
            vx += b * BRINK_LPV_ALL(st->compliance[i]);
            vxl += b * BRINK_LPV_ALL(xl[i]);
            vxv += b * BRINK_LPV_ALL(xv[i]);
            vr += b * BRINK_LPV_ALL(reach[i]);
            vxr += b * BRINK_LPV_ALL(xr[i]);
        }
        BRINK_LPV_STORE(sx[g0], vx);
        BRINK_LPV_STORE(sxl[g0], vxl);
        BRINK_LPV_STORE(sxv[g0], vxv);
        BRINK_LPV_STORE(sr[g0], vr);
        BRINK_LPV_STORE(sxr[g0], vxr);
    }
    brink_ld earnings = BRINK_LD(0), base_all = BRINK_LD(0), income = BRINK_LD(0);
    brink_ld crude = BRINK_LD(0);
    for (int g = 0; g < ng; g++) {
        const __typeof__(p->good[0]) *gd = &p->good[g];
        brink_ld e = gd->exposure;
        brink_ld grey = gd->grey_discount * st->S * e; /* discount to defiant buyers */
        brink_ld volume = BRINK_LD(1), value = BRINK_LD(1);
        if (np > 0) {
            /* open purchases, what compliant buyers still get through the
             * channels, and displaced goods that defiant buyers take */
            brink_ld open = sim->buys_total[g] - e * sx[g];
            brink_ld blocked = e * (sx[g] - sxl[g]), appetite = sr[g] - e * sxr[g];
            brink_ld redirected = BRINK_LSEL(blocked < appetite, blocked, appetite);
            volume = open + e * sxl[g] + redirected;
            value = (open + redirected) * (1.0 - grey) + e * sxv[g];
        }
        brink_ld base = gd->value_usd_bn_year / 12.0 * st->price[g];
        earnings += base * value;
        base_all += base;
        income += gd->fiscal_share * base * value;
        crude =
            BRINK_LSEL(gd->kind == (double)BRINK_GOOD_CRUDE, crude + gd->volume * volume, crude);
    }
    st->earnings = earnings;
    st->earnings_base = base_all;
    st->income = income;
    st->crude_mbpd = crude;

    /* the embargo on critical imports, less smuggling and patrons' supplies */
    if (p->n_imports > 0) {
        brink_ld leak_m = BRINK_LSEL(cap_all > 1, smuggle / cap_all, smuggle) * (1.0 - cut);
        brink_ld through = (1.0 - leak_m) * (1.0 - st->supply);
        brink_ld cutw = BRINK_LD(0);
        for (int j = 0; j < p->n_imports; j++)
            cutw += p->import[j].output_weight * st->embargo * p->import[j].exposure * through;
        st->imports_cut = cutw;
    }
}

void BRINK_LFN(brink_trade_step)(struct brink_lsim *sim)
{
    BRINK_LFN(trade_step)(sim);
}
