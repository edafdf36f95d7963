/* M7 regional project atrophy: proxies live on a share of the state's
 * foreign-exchange income; the target's deterrence adds patrons' arms. */
#include "model/mechanisms.h"

void brink_proxies_step(struct brink_sim *sim)
{
    brink_state *st = &sim->st;
    const brink_params *p = &sim->p;
    double k = p->s.behaviour_proxies_adjustment;
    /* a concession on regional issues cuts funding */
    double regional = brink_conceded_kind(sim, BRINK_ISSUE_REGIONAL);
    double income = st->income + st->transfers;
    double deter = 0;
    for (int x = 0; x < p->n_proxies; x++) {
        const brink_proxy *q = &p->proxy[x];
        double funding = q->funding_share * (1.0 - regional) * income;
        double ratio = q->upkeep_usd_bn_month > 0 ? funding / q->upkeep_usd_bn_month : 1.0;
        if (ratio > 1)
            ratio = 1;
        st->proxy[x] += k * (ratio - st->proxy[x]);
        deter += q->deterrence * st->proxy[x];
    }
    st->deterrence = deter + st->arms;
}
