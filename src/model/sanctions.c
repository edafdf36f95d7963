/* M1 sanctions intensity of the coalition and of each sender, M2 secondary
 * sanctions and third-party compliance, M3 financial reach, M20
 * multilateral buy-in. */
#include "model/lanes.h"
#include "model/mechanisms.h"
#include "model/vmath.h"

/* (relief, the instruments and their combination are written over lanes,
 * model/lockstep.h; compliance takes several parties to a vector within a run,
 * in the library only) */

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

#if BRINK_LANES == 1
static BRINK_LANES_CLONES void compliance_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    /* M3: trade that has moved onto channels outside the senders' currencies
     * is partly out of reach */
    double off = 0, cap = 0;
    for (int c = 0; c < p->n_channels; c++) {
        off += p->channel[c].capacity * p->channel[c].off_currency * st->bypass[c];
        cap += p->channel[c].capacity;
    }
    double erosion = 1.0 - s->behaviour_bypass_reach_erosion * (cap > 0 ? off / cap : 0);

    /* M2: each party weighs every sender's market against the target's
     * trade; a sender's own market complies by law */
    double pull_k[BRINK_MAX_SENDERS];
    for (int k = 0; k < p->n_senders; k++) {
        st->reach[k] = p->sender[k].currency_reach * erosion;
        pull_k[k] = st->s_k[k] * p->sender[k].enforcement * st->reach[k] * sim->ln_market_ratio[k];
    }
    double lure_w = s->behaviour_compliance_benefit;
    double kx = s->behaviour_compliance_adjustment;
    double buyin = s->behaviour_compliance_buyin * pol->buy_in * st->S;
    const int *member = p->layout->party_member;
    /* the argument of each party's logistic, four or eight parties to a vector
     * (model/lanes.h; lanes past the last party compute from zeros what
     * nobody reads), then their exponentials in lanes too (model/vmath.h;
     * a sender's own market does not use its own) */
    int np = p->n_parties;
    double e[BRINK_MAX_PARTIES] = {0}; /* zeros: for compilers that cannot see the loop fill it */
    for (int i0 = 0; i0 < np; i0 += BRINK_VP_N) {
        brink_vp pull = BRINK_VP_SPLAT(0.0), exposure;
        for (int k = 0; k < p->n_senders; k++) {
            BRINK_VP_LOAD(exposure, &sim->exposure_t[k][i0]);
            pull += BRINK_VP_SPLAT(pull_k[k]) * exposure;
        }
        brink_vp grey, benefit, align;
        BRINK_VP_LOAD(grey, &sim->party_grey[i0]);
        BRINK_VP_LOAD(benefit, &sim->party_benefit[i0]);
        BRINK_VP_LOAD(align, &sim->party_alignment[i0]);
        brink_vp lure = 1.0 + grey * BRINK_VP_SPLAT(st->S);
        brink_vp idx = BRINK_VP_SPLAT(s->behaviour_compliance_pressure) * pull -
                       BRINK_VP_SPLAT(lure_w) * benefit * lure + BRINK_VP_SPLAT(buyin) * align -
                       BRINK_VP_SPLAT(s->behaviour_compliance_threshold);
        brink_vp arg = -(idx / BRINK_VP_SPLAT(s->behaviour_compliance_noise));
        BRINK_VP_STORE(&e[i0], arg);
    }
    int nv = (np + 3) & ~3;
    brink_exp_lanes(e, e, nv);
    /* the logistics in a loop of their own, whole vectors, so that the
     * divisions vectorise */
    for (int i = 0; i < nv; i++)
        e[i] = brink_logistic_of_exp(e[i]);
    /* what the bound parties want instead, then every party's adjustment,
     * whole vectors where they hold parties only */
    for (int j = 0; j < sim->n_bound; j++) {
        int i = sim->bound_party[j];
        double want = member[i] >= 0 ? st->s_k[member[i]] : e[i];
        /* a committed patron's purchases defy the sanctions */
        if (sim->party_patron[i] >= 0)
            want *= 1.0 - st->commitment[sim->party_patron[i]];
        e[i] = want;
    }
    int i = 0;
    for (; i + BRINK_VP_N <= np; i += BRINK_VP_N) {
        brink_vp want, x;
        BRINK_VP_LOAD(want, &e[i]);
        BRINK_VP_LOAD(x, &st->compliance[i]);
        x += BRINK_VP_SPLAT(kx) * (want - x);
        BRINK_VP_STORE(&st->compliance[i], x);
    }
    for (; i < np; i++)
        st->compliance[i] += kx * (e[i] - st->compliance[i]);
}

/* (the clones are static: their dispatcher stays inside the library) */
void brink_compliance_step(struct brink_sim *sim)
{
    compliance_step(sim);
}
#endif
