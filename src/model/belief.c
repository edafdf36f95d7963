#include "model/belief.h"

#include <string.h>

#include "model/valuation.h"
#include "model/vmath.h"

/* (the belief's mean is written over lanes, model/lockstep.h; the rest of
 * the file is the library's only) */

#if BRINK_LANES == 1
double brink_belief_mean(const struct brink_sim *sim)
{
    double m = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        m += sim->st.belief[j] * sim->belief_grid[j];
    return m;
}
#else
/* the belief is its run's alone (model/state.def): the library's mean of
 * each lane's run */
brink_ld BRINK_LFN(brink_belief_mean)(const struct brink_lsim *sim)
{
    brink_ld m;
    for (int l = 0; l < BRINK_LANES; l++)
        m[l] = brink_belief_mean(sim->run[l]);
    return m;
}
#endif

#if BRINK_LANES == 1
/* The standard score of grid point j: the grid spans mean +- 4 sd. */
static inline double brink_belief_z(int j)
{
    return -4.0 + 8.0 * j / (BRINK_BELIEF_N - 1);
}

/* The acceptance probability at grid point j as the senders' belief
 * computes it: Λ((x - θ_j)/τ) = 1 / (1 + G_j e^(-x/τ)), G_j = e^(θ_j/τ) laid
 * out with the grid, e = e^(-x/τ): one exponential for the whole grid. */
static inline double accept_g(double g, double e)
{
    return 1.0 / (1.0 + g * e);
}

/* Whether accept_g gives the logistic at every grid point for this e: both
 * factors finite and positive (the grid ascends, so G_0 and G_(N-1) bound
 * the rest). An overflowed G (resolve far above the choice noise) or e
 * would make a product inf x 0; the logistics are then taken point by point. */
static inline int g_usable(const struct brink_sim *sim, double e)
{
    return e > 0 && e < HUGE_VAL && sim->belief_g[0] > 0 &&
           sim->belief_g[BRINK_BELIEF_N - 1] < HUGE_VAL;
}

void brink_belief_init(struct brink_sim *sim)
{
    const brink_scalars *s = &sim->p.s;
    double key[3] = {s->coalition_prior_resolve_mean, s->coalition_prior_resolve_sd,
                     s->behaviour_bargain_choice_noise};
    /* the prior's weights depend on the grid's standard scores alone: laid
     * out once; the grid and its exponentials depend on these three alone:
     * a run with the same ones (every run where none is drawn) reuses them */
    if (!sim->belief_laid) {
        double total = 0;
        for (int j = 0; j < BRINK_BELIEF_N; j++) {
            double z = brink_belief_z(j);
            sim->belief_prior[j] = exp(-0.5 * z * z);
            total += sim->belief_prior[j];
        }
        for (int j = 0; j < BRINK_BELIEF_N; j++)
            sim->belief_prior[j] /= total;
    }
    if (!sim->belief_laid || memcmp(key, sim->belief_key, sizeof key) != 0) {
        double mu = key[0], sd = key[1], tau = key[2];
        for (int j = 0; j < BRINK_BELIEF_N; j++) {
            sim->belief_grid[j] = mu + sd * brink_belief_z(j);
            sim->belief_g[j] = sim->belief_grid[j] / tau;
        }
        brink_exp_lanes(sim->belief_g, sim->belief_g, BRINK_BELIEF_N);
        memcpy(sim->belief_key, key, sizeof key);
        sim->belief_laid = 1;
    }
    memcpy(sim->st.belief, sim->belief_prior, sizeof sim->st.belief);
}

int brink_belief_posterior(const double *grid, const double *prior, double *post, int n,
                           double x, double weight, double noise, int accepted)
{
    double total = 0;
    for (int j = 0; j < n; j++) {
        double pa = brink_accept_probability(x, weight * grid[j], noise);
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

/* Bayes' rule under the choice rule itself (weight 1, the choice noise),
 * at e = e^(-x/noise) where g_usable holds: the belief becomes the
 * posterior (it stays as it is when the answer had probability (about)
 * zero under it), and pa[j] receives grid point j's acceptance
 * probability. */
static void update_g(struct brink_sim *sim, double e, int accepted, double pa[BRINK_BELIEF_N])
{
    double post[BRINK_BELIEF_N], total = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++) {
        pa[j] = accept_g(sim->belief_g[j], e);
        post[j] = sim->st.belief[j] * (accepted ? pa[j] : 1.0 - pa[j]);
        total += post[j];
    }
    if (!(total > 1e-300))
        return;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        sim->st.belief[j] = post[j] / total;
}

void brink_belief_update(struct brink_sim *sim, double x, double weight, double noise,
                         int accepted)
{
    if (!isfinite(x))
        return;
    double e;
    if (weight == 1.0 && noise == sim->p.s.behaviour_bargain_choice_noise &&
        g_usable(sim, e = exp(-x / noise))) {
        double pa[BRINK_BELIEF_N];
        update_g(sim, e, accepted, pa);
        return;
    }
    double post[BRINK_BELIEF_N];
    if (brink_belief_posterior(sim->belief_grid, sim->st.belief, post, BRINK_BELIEF_N, x, weight,
                               noise, accepted))
        for (int j = 0; j < BRINK_BELIEF_N; j++)
            sim->st.belief[j] = post[j];
}

double brink_belief_answer(struct brink_sim *sim, double x, int accepted)
{
    double noise = sim->p.s.behaviour_bargain_choice_noise, e;
    if (!isfinite(x) || !g_usable(sim, e = exp(-x / noise))) {
        brink_belief_update(sim, x, 1.0, noise, accepted);
        return brink_belief_accept(sim, x);
    }
    /* the update, then brink_belief_accept at the same x: the same e and
     * the same logistics at every point, taken once */
    double pa[BRINK_BELIEF_N];
    update_g(sim, e, accepted, pa);
    double p = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        p += sim->st.belief[j] * pa[j];
    return p;
}

double brink_belief_accept_grid(const double *grid, const double *w, int n, double x,
                                double noise)
{
    double pa = 0;
    if (!isfinite(x)) { /* every point accepts, or none */
        for (int j = 0; j < n; j++)
            pa += w[j] * brink_accept_probability(x, grid[j], noise);
        return pa;
    }
    /* brink_accept_probability at a finite x in passes over a block of
     * points: the logistics' arguments, their exponentials (in vector
     * lanes, model/vmath.h), the logistics (so that the divisions
     * vectorise), then the sum point after point */
    enum { BLOCK = 32 };
    double e[BLOCK];
    for (int j0 = 0; j0 < n; j0 += BLOCK) {
        int m = n - j0 < BLOCK ? n - j0 : BLOCK;
        for (int j = 0; j < m; j++)
            e[j] = -((x - grid[j0 + j]) / noise);
        brink_exp_lanes(e, e, m);
        for (int j = 0; j < m; j++)
            e[j] = brink_logistic_of_exp(e[j]);
        for (int j = 0; j < m; j++)
            pa += w[j0 + j] * e[j];
    }
    return pa;
}

double brink_belief_accept(const struct brink_sim *sim, double x)
{
    double noise = sim->p.s.behaviour_bargain_choice_noise, e;
    if (!isfinite(x) || !g_usable(sim, e = exp(-x / noise)))
        return brink_belief_accept_grid(sim->belief_grid, sim->st.belief, BRINK_BELIEF_N, x, noise);
    double pa = 0;
    for (int j = 0; j < BRINK_BELIEF_N; j++)
        pa += sim->st.belief[j] * accept_g(sim->belief_g[j], e);
    return pa;
}
#endif
