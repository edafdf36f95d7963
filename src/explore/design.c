/* Space-filling designs (src/explore/design.h). */
#include "explore/design.h"

#include <stdlib.h>

#include "core/rng.h"

brink_status brink_sobol_stream_init(brink_sobol_stream *s, int d, unsigned skip,
                                     brink_error *err)
{
    s->d = d;
    s->q = d >= 1 && d <= BRINK_SOBOL_MAX_DIM ? gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d)
                                              : NULL;
    if (!s->q)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "cannot set up a Sobol sequence of dimension %d", d);
    double u[BRINK_SOBOL_MAX_DIM];
    for (unsigned i = 0; i < skip; i++)
        gsl_qrng_get(s->q, u);
    return BRINK_OK;
}

void brink_sobol_stream_next(brink_sobol_stream *s, double *u)
{
    gsl_qrng_get(s->q, u);
}

void brink_sobol_stream_release(brink_sobol_stream *s)
{
    if (s->q)
        gsl_qrng_free(s->q);
    s->q = NULL;
}

int brink_latin_hypercube(uint64_t seed, uint64_t stream, int n, int d, const double *lo,
                          const double *hi, double *x)
{
    int *perm = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    if (!perm)
        return -1;
    for (int j = 0; j < d; j++) {
        brink_rng r;
        brink_rng_init(&r, seed, stream + (uint64_t)j);
        for (int i = 0; i < n; i++)
            perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            double u = brink_rng_u(&r, 2, (uint32_t)i);
            int k = (int)(u * (i + 1));
            if (k > i)
                k = i;
            int tmp = perm[i];
            perm[i] = perm[k];
            perm[k] = tmp;
        }
        double a = lo ? lo[j] : 0.0, b = hi ? hi[j] : 1.0;
        for (int i = 0; i < n; i++) {
            double u = brink_rng_u(&r, 3, (uint32_t)i);
            x[(size_t)i * d + j] = a + (b - a) * (perm[i] + u) / n;
        }
    }
    free(perm);
    return 0;
}

void brink_grid_point(int d, const int *levels, uint64_t k, double *u)
{
    for (int j = d - 1; j >= 0; j--) {
        uint64_t L = (uint64_t)levels[j];
        uint64_t i = k % L;
        k /= L;
        u[j] = L > 1 ? (double)i / (double)(L - 1) : 0.5;
    }
}
