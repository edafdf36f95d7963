/* M1 sanctions intensity of the coalition and of each sender, M2 secondary
 * sanctions and third-party compliance, M3 financial reach, M20
 * multilateral buy-in. */
#include "model/mechanisms.h"

/* (written over lanes, model/lockstep.h; compliance's loops over parties
 * work on several entries at a time: several parties of the run in the
 * library, one party of every run in lanes) */

void BRINK_LFN(brink_relief_update)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    brink_ld w = BRINK_LD(0), r = BRINK_LD(0);
    for (int k = 0; k < sim->p.n_senders; k++) {
        w += st->part[k];
        r += st->part[k] * st->relief[k];
    }
    st->relief_avg = BRINK_LSEL(w > 0, r / w, st->relief[0]);
}

void BRINK_LFN(brink_sanctions_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    brink_ld target =
        BRINK_LSEL(st->s_target < pol->sanctions_max, st->s_target, pol->sanctions_max);
    /* move towards the target at most `ramp` per month, in either direction */
    brink_ld d = target - st->s_pol;
    d = BRINK_LSEL(d > pol->sanctions_ramp, pol->sanctions_ramp,
                   BRINK_LSEL(d < -pol->sanctions_ramp, -pol->sanctions_ramp, d));
    st->s_pol = BRINK_LFN(brink_clamp01)(st->s_pol + d);
    st->S_prev = st->S;
    BRINK_LFN(brink_sanctions_combine)(sim);
}

void BRINK_LFN(brink_sanctions_combine)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);
    /* each sender applies its participation of the coalition's intensity,
     * less the relief it has granted; the target feels them together */
    brink_ld keep = BRINK_LD(1.0), keep_m = BRINK_LD(1.0);
    for (int k = 0; k < sim->p.n_senders; k++) {
        brink_ld s = st->part[k] * st->s_pol * (1.0 - st->relief[k]);
        st->s_k[k] = s;
        keep *= 1.0 - s;
        keep_m *= 1.0 - s * pol->sanctions_imports;
    }
    st->S = 1.0 - keep;
    st->embargo = 1.0 - keep_m;
}

static BRINK_LCLONES void BRINK_LFN(compliance_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    const brink_lscalars *s = &p->s;
    const brink_lpolicy *pol = BRINK_LFN(brink_active_policy)(sim);

    /* M3: trade that has moved onto channels outside the senders' currencies
     * is partly out of reach */
    brink_ld off = BRINK_LD(0), cap = BRINK_LD(0);
    for (int c = 0; c < p->n_channels; c++) {
        off += p->channel[c].capacity * p->channel[c].off_currency * st->bypass[c];
        cap += p->channel[c].capacity;
    }
    brink_ld erosion =
        1.0 - s->behaviour_bypass_reach_erosion * BRINK_LSEL(cap > 0, off / cap, BRINK_LD(0));

    /* M2: each party weighs every sender's market against the target's
     * trade; a sender's own market complies by law */
    brink_ld pull_k[BRINK_MAX_SENDERS];
    for (int k = 0; k < p->n_senders; k++) {
        st->reach[k] = p->sender[k].currency_reach * erosion;
        pull_k[k] = st->s_k[k] * p->sender[k].enforcement * st->reach[k] * sim->ln_market_ratio[k];
    }
    brink_ld lure_w = s->behaviour_compliance_benefit;
    brink_ld kx = s->behaviour_compliance_adjustment;
    brink_ld buyin = s->behaviour_compliance_buyin * pol->buy_in * st->S;
    const int *member = p->layout->party_member;
    /* the argument of each party's logistic, several entries at a time
     * (model/lockstep.h: in the library, entries past the last party
     * compute from zeros what nobody reads), then their exponentials in
     * lanes too (model/vmath.h; a sender's own market does not use its
     * own) */
    int np = p->n_parties;
    brink_ld e[BRINK_MAX_PARTIES];
    memset(e, 0, sizeof e); /* for compilers that cannot see the loop fill it */
    for (int i0 = 0; i0 < np; i0 += BRINK_LPV_N) {
        brink_lpv pull = BRINK_LPV_ALL(0.0), exposure;
        for (int k = 0; k < p->n_senders; k++) {
            BRINK_LPV_LOAD(exposure, sim->exposure_t[k][i0]);
            pull += BRINK_LPV_ALL(pull_k[k]) * exposure;
        }
        brink_lpv grey, benefit, align;
        BRINK_LPV_LOAD(grey, sim->party_grey[i0]);
        BRINK_LPV_LOAD(benefit, sim->party_benefit[i0]);
        BRINK_LPV_LOAD(align, sim->party_alignment[i0]);
        brink_lpv lure = 1.0 + grey * BRINK_LPV_ALL(st->S);
        brink_lpv idx = BRINK_LPV_ALL(s->behaviour_compliance_pressure) * pull -
                        BRINK_LPV_ALL(lure_w) * benefit * lure + BRINK_LPV_ALL(buyin) * align -
                        BRINK_LPV_ALL(s->behaviour_compliance_threshold);
        brink_lpv arg = -(idx / BRINK_LPV_ALL(s->behaviour_compliance_noise));
        BRINK_LPV_STORE(e[i0], arg);
    }
    BRINK_LEXP_TABLE(e, e, np);
    /* the logistics in a loop of their own, so that the divisions
     * vectorise (in the library, whole vectors of four) */
    int nv = BRINK_LANES == 1 ? (np + 3) & ~3 : np;
    for (int i = 0; i < nv; i++)
        e[i] = BRINK_LFN(brink_logistic_of_exp)(e[i]);
    /* what the bound parties want instead, then every party's adjustment,
     * whole vectors where they hold parties only */
    for (int j = 0; j < sim->n_bound; j++) {
        int i = sim->bound_party[j];
        brink_ld want = member[i] >= 0 ? st->s_k[member[i]] : e[i];
        /* a committed patron's purchases defy the sanctions */
        if (sim->party_patron[i] >= 0)
            want *= 1.0 - st->commitment[sim->party_patron[i]];
        e[i] = want;
    }
    int i = 0;
    for (; i + BRINK_LPV_N <= np; i += BRINK_LPV_N) {
        brink_lpv want, x;
        BRINK_LPV_LOAD(want, e[i]);
        BRINK_LPV_LOAD(x, st->compliance[i]);
        x += BRINK_LPV_ALL(kx) * (want - x);
        BRINK_LPV_STORE(st->compliance[i], x);
    }
    for (; i < np; i++)
        st->compliance[i] += kx * (e[i] - st->compliance[i]);
}

void BRINK_LFN(brink_compliance_step)(struct brink_lsim *sim)
{
    BRINK_LFN(compliance_step)(sim);
}
