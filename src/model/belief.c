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

int brink_belief_posterior(const double *grid, const double *prior, double *post, int n,
                           double net, double weight, double noise, int accepted)
{
    double total = 0;
    for (int j = 0; j < n; j++) {
        double pa = brink_accept_probability(net, weight * grid[j], noise);
        post[j] = prior[j] * (accepted ? pa : 1.0 - pa);
        total += post[j];
    }
    if (!(total > 1e-300)) {
        for (int j = 0; j < n; j++)
            post[j] = prior[j];
        return 0;
    }
    for (int j = 0; j < n; j++)
        post[j] /= total;
    return 1;
}

void brink_belief_update(struct brink_sim *sim, double net, double weight, double noise,
                         int accepted)
{
    double post[BRINK_BELIEF_N];
    if (brink_belief_posterior(sim->belief_grid, sim->st.belief, post, BRINK_BELIEF_N, net,
                               weight, noise, accepted))
        for (int j = 0; j < BRINK_BELIEF_N; j++)
            sim->st.belief[j] = post[j];
}

double brink_belief_mean(const struct brink_sim *sim)
{
    double m = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        m += sim->st.belief[j] * sim->belief_grid[j];
    return m;
}

double brink_belief_accept_grid(const double *grid, const double *w, int n, double net,
                                double noise)
{
    double pa = 0;
    for (int j = 0; j < n; j++)
        pa += w[j] * brink_accept_probability(net, grid[j], noise);
    return pa;
}

double brink_belief_accept(const struct brink_sim *sim, double net, double noise)
{
    return brink_belief_accept_grid(sim->belief_grid, sim->st.belief, BRINK_BELIEF_N, net, noise);
}
