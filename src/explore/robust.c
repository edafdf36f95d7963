/* Robust decisions across futures: regret, minimax regret, satisficing
 * (include/brink/explore.h, docs/exploration.md). */
#include "brink/explore.h"

#include <math.h>
#include <stdlib.h>

#include "explore/explore_internal.h"

void brink_robust_result_free(brink_robust_result *r)
{
    if (!r)
        return;
    free(r->regret);
    free(r->max_regret);
    free(r->mean_regret);
    free(r->mean);
    free(r->share_meets);
    free(r);
}

brink_status brink_robust_analyse(int nf, int np, const double *y, int maximise,
                                  double threshold, brink_robust_result **out, brink_error *err)
{
    *out = NULL;
    if (nf < 1 || np < 1 || np > 1024)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%d futures and %d policies (need at least 1 future and 1 to "
                               "1024 policies)", nf, np);
    for (size_t i = 0; i < (size_t)nf * (size_t)np; i++)
        if (!isfinite(y[i]))
            return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                                   "outcome of policy %d in future %d is not a number",
                                   (int)(i % (size_t)np), (int)(i / (size_t)np));
    brink_robust_result *r = calloc(1, sizeof *r);
    if (r) {
        r->regret = malloc(sizeof(double) * (size_t)nf * (size_t)np);
        r->max_regret = calloc((size_t)np, sizeof(double));
        r->mean_regret = calloc((size_t)np, sizeof(double));
        r->mean = calloc((size_t)np, sizeof(double));
        r->share_meets = calloc((size_t)np, sizeof(double));
    }
    if (!r || !r->regret || !r->max_regret || !r->mean_regret || !r->mean || !r->share_meets) {
        brink_robust_result_free(r);
        return brink_explore_oom(err);
    }
    r->nf = nf;
    r->np = np;
    r->maximise = maximise != 0;
    r->threshold = threshold;
    for (int f = 0; f < nf; f++) {
        const double *yf = y + (size_t)f * (size_t)np;
        double best = yf[0];
        for (int p = 1; p < np; p++)
            best = maximise ? fmax(best, yf[p]) : fmin(best, yf[p]);
        for (int p = 0; p < np; p++) {
            double g = maximise ? best - yf[p] : yf[p] - best;
            r->regret[(size_t)f * (size_t)np + (size_t)p] = g;
            r->max_regret[p] = fmax(r->max_regret[p], g);
            r->mean_regret[p] += g / nf;
            r->mean[p] += yf[p] / nf;
            r->share_meets[p] += (maximise ? yf[p] >= threshold : yf[p] <= threshold) ? 1.0 : 0.0;
        }
    }
    for (int p = 0; p < np; p++) {
        r->share_meets[p] /= nf;
        if (r->max_regret[p] < r->max_regret[r->minimax])
            r->minimax = p;
        if (r->share_meets[p] > r->share_meets[r->most_satisficing])
            r->most_satisficing = p;
    }
    *out = r;
    return BRINK_OK;
}
