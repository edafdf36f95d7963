/* M1 sanctions intensity, M2 secondary sanctions and third-party compliance,
 * M3 dollar reach, M20 multilateral buy-in. */
#include "model/mechanisms.h"

void brink_sanctions_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_policy_num *pol = brink_active_policy(sim);
    double target = st->s_target < pol->sanctions_max ? st->s_target : pol->sanctions_max;
    /* move towards the target at most `ramp` per month, in either direction */
    double d = target - st->s_pol;
    if (d > pol->sanctions_ramp)
        d = pol->sanctions_ramp;
    else if (d < -pol->sanctions_ramp)
        d = -pol->sanctions_ramp;
    st->s_pol = brink_clamp01(st->s_pol + d);
    st->s_eff_prev = st->s_eff;
    st->s_eff = st->s_pol * (1.0 - st->relief);
}

void brink_compliance_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    const brink_scalars *s = &p->s;
    const brink_policy_num *pol = brink_active_policy(sim);

    /* M3: trade that has moved onto off-dollar channels is out of reach */
    double off = 0, cap = 0;
    for (int c = 0; c < p->n_channels; c++) {
        off += p->channel[c].capacity * p->channel[c].off_dollar * st->bypass[c];
        cap += p->channel[c].capacity;
    }
    st->reach = s->sender_dollar_share *
                (1.0 - s->behaviour_bypass_reach_erosion * (cap > 0 ? off / cap : 0));

    /* M2: each party weighs the sender's market against the target's trade */
    double pull = st->s_eff * s->sender_enforcement * st->reach * sim->ln_market_ratio;
    double lure = 1.0 + s->target_oil_grey_discount * st->s_eff;
    double k = s->behaviour_compliance_adjustment;
    for (int i = 0; i < p->n_parties; i++) {
        const brink_party *q = &p->party[i];
        double idx = s->behaviour_compliance_pressure * pull * q->exposure -
                     s->behaviour_compliance_benefit * q->benefit * lure +
                     s->behaviour_compliance_buyin * pol->buy_in * q->alignment * st->s_eff -
                     s->behaviour_compliance_threshold;
        double want = brink_logistic(idx / s->behaviour_compliance_noise);
        st->compliance[i] += k * (want - st->compliance[i]);
    }
}
