/* M7 regional project atrophy: proxies live on a share of the state's
 * foreign-exchange income; the target's deterrence adds patrons' arms.
 * (Written over lanes, model/lockstep.h.) */
#include "model/mechanisms.h"

void BRINK_LFN(brink_proxies_step)(struct brink_lsim *sim)
{
    brink_lstate *st = &sim->st;
    const brink_lparams *p = &sim->p;
    brink_ld k = p->s.behaviour_proxies_adjustment;
    /* a concession on regional issues cuts funding */
    brink_ld regional = BRINK_LFN(brink_conceded_kind)(sim, BRINK_ISSUE_REGIONAL);
    brink_ld income = st->income + st->transfers;
    brink_ld deter = BRINK_LD(0);
    for (int x = 0; x < p->n_proxies; x++) {
        const __typeof__(p->proxy[0]) *q = &p->proxy[x];
        brink_ld funding = q->funding_share * (1.0 - regional) * income;
        brink_ld ratio =
            BRINK_LSEL(q->upkeep_usd_bn_month > 0, funding / q->upkeep_usd_bn_month, BRINK_LD(1.0));
        ratio = BRINK_LSEL(ratio > 1, BRINK_LD(1), ratio);
        st->proxy[x] += k * (ratio - st->proxy[x]);
        deter += q->deterrence * st->proxy[x];
    }
    st->deterrence = deter + st->arms;
}
