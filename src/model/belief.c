#include "model/belief.h"

#include "model/valuation.h"

void brink_belief_init(struct brink_sim *sim)
{
    const brink_scalars *s = &sim->p.s;
    double mu = s->sender_prior_resolve_mean, sd = s->sender_prior_resolve_sd;
    double total = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++) {
        double z = -4.0 + 8.0 * j / (BRINK_BELIEF_N - 1);
        sim->belief_grid[j] = mu + sd * z;
        sim->st.belief[j] = exp(-0.5 * z * z);
        total += sim->st.belief[j];
    }
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        sim->st.belief[j] /= total;
}

void brink_belief_update(struct brink_sim *sim, double net, double weight, double noise,
                         int accepted)
{
    double total = 0;
    double post[BRINK_BELIEF_N];
    for (int j = 0; j < BRINK_BELIEF_N; j++) {
        double pa = brink_accept_probability(net, weight * sim->belief_grid[j], noise);
        post[j] = sim->st.belief[j] * (accepted ? pa : 1.0 - pa);
        total += post[j];
    }
    if (!(total > 1e-300))
        return; /* an answer the belief deemed impossible: keep the prior */
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        sim->st.belief[j] = post[j] / total;
}

double brink_belief_mean(const struct brink_sim *sim)
{
    double m = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        m += sim->st.belief[j] * sim->belief_grid[j];
    return m;
}

double brink_belief_accept(const struct brink_sim *sim, double net, double noise)
{
    double pa = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        pa += sim->st.belief[j] * brink_accept_probability(net, sim->belief_grid[j], noise);
    return pa;
}
