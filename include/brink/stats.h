/* brink: streaming statistics for ensembles.
 *
 * Every accumulator is a plain struct with _init/_release (fixed size) or
 * _alloc/_free (heap), an _add for one observation and a _merge(dst, src).
 * Memory never grows with the number of runs.
 *
 * Determinism contract. Counts are integers, so their merges are exact and
 * order-free. Floating-point state (means, sums of squares) depends on the
 * order of operations, so results are bitwise reproducible only when the
 * caller fixes that order: runs are split into chunks of a fixed size that
 * does not depend on the number of threads or processes, each chunk is
 * accumulated in run order into a fresh accumulator, and chunk accumulators
 * are merged, in chunk order, into an accumulator that starts empty. Merging
 * into an empty accumulator copies the source exactly. No function here reads
 * clocks, thread ids or global state.
 *
 * Intervals are two-sided at confidence `level` (e.g. 0.95) or at the normal
 * critical value `z` (brink_z_for_level). See docs/statistics.md for formulas
 * and references.
 */
#ifndef BRINK_STATS_H
#define BRINK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "brink/error.h"

#ifdef __cplusplus
extern "C" {
#endif
/* the library's interface: exported from libbrink.so (the rest of the
 * library is built hidden) */
#ifdef __GNUC__
#pragma GCC visibility push(default)
#endif

/* Two-sided normal critical value: P(|Z| <= z) = level, level in (0, 1)
 * (0.95 -> 1.959963984540054). NaN for a level outside (0, 1). */
double brink_z_for_level(double level);

/* ---- Proportions ------------------------------------------------------- */

/* Wilson score interval for `successes` out of `n` at critical value z > 0.
 * n = 0 gives [0, 1]; 0 successes gives lo = 0 and n successes hi = 1
 * exactly. Fails (BRINK_ERR_INPUT) when successes > n or z is not a positive
 * finite number; lo and hi are then NaN. */
brink_status brink_wilson(uint64_t successes, uint64_t n, double z, double *lo,
                          double *hi, brink_error *err);

/* successes / n, or NaN when n = 0. */
double brink_proportion(uint64_t successes, uint64_t n);

/* Counter of mutually exclusive outcomes (e.g. deal, war, collapse, ...). */
#define BRINK_CATEGORIES_MAX 16
typedef struct {
    uint32_t ncat;                        /* categories in use, 1..MAX */
    uint64_t n;                           /* observations */
    uint64_t count[BRINK_CATEGORIES_MAX]; /* per category */
} brink_categorical;

/* Fails when ncat is 0 or above BRINK_CATEGORIES_MAX. */
brink_status brink_categorical_init(brink_categorical *c, uint32_t ncat, brink_error *err);
void brink_categorical_release(brink_categorical *c);
/* Fails when cat >= ncat; the counter is then unchanged. */
brink_status brink_categorical_add(brink_categorical *c, uint32_t cat, brink_error *err);
/* Fails when the category counts differ. */
brink_status brink_categorical_merge(brink_categorical *dst, const brink_categorical *src,
                                     brink_error *err);
/* Share of category cat with its Wilson interval at critical value z.
 * p is NaN when n = 0 (the interval is then [0, 1]). */
brink_status brink_categorical_interval(const brink_categorical *c, uint32_t cat, double z,
                                        double *p, double *lo, double *hi, brink_error *err);

/* ---- Running moments ---------------------------------------------------- */

/* Count, mean, sum of squared deviations, min and max of the finite values
 * added (Welford); non-finite values are only counted. Merge is Chan et al.'s
 * pairwise update. */
typedef struct {
    uint64_t n;         /* finite values */
    uint64_t nonfinite; /* NaN or infinite values, otherwise ignored */
    double mean;
    double m2;          /* sum of squared deviations from the mean */
    double min, max;    /* +inf / -inf while n = 0 */
} brink_moments;

void brink_moments_init(brink_moments *m);
void brink_moments_release(brink_moments *m);
void brink_moments_add(brink_moments *m, double x);
void brink_moments_merge(brink_moments *dst, const brink_moments *src);
/* NaN when n = 0. */
double brink_moments_mean(const brink_moments *m);
/* Sample variance (divisor n - 1) and its root; NaN when n < 2. */
double brink_moments_variance(const brink_moments *m);
double brink_moments_sd(const brink_moments *m);
/* Student-t interval for the mean at `level`. With n < 2 the interval is
 * [NaN, NaN] (status OK); with zero variance it is [mean, mean]. Fails for a
 * level outside (0, 1). */
brink_status brink_moments_mean_interval(const brink_moments *m, double level, double *lo,
                                         double *hi, brink_error *err);

/* ---- Paired comparisons (common random numbers) -------------------------- */

/* 2x2 table of a binary outcome for the same run under policies A and B. */
typedef struct {
    uint64_t both, only_a, only_b, neither;
} brink_paired_prop;

typedef struct {
    uint64_t n;          /* pairs */
    uint64_t discordant; /* only_a + only_b */
    double p_a, p_b;     /* marginal proportions (NaN when n = 0) */
    double diff;         /* p_b - p_a (NaN when n = 0) */
    double lo, hi;       /* interval for diff ([-1, 1] when n = 0) */
} brink_paired_diff;

void brink_paired_prop_init(brink_paired_prop *p);
void brink_paired_prop_release(brink_paired_prop *p);
void brink_paired_prop_add(brink_paired_prop *p, bool a, bool b);
void brink_paired_prop_merge(brink_paired_prop *dst, const brink_paired_prop *src);
/* p_B - p_A with Newcombe's hybrid score interval for paired data (1998,
 * method 10, with his continuity-corrected correlation estimate). With no
 * discordant pair the difference is exactly 0 and the interval [0, 0]: under
 * common random numbers the policies agreed on every run. Fails for a level
 * outside (0, 1). */
brink_status brink_paired_prop_diff(const brink_paired_prop *p, double level,
                                    brink_paired_diff *out, brink_error *err);

/* Continuous outcome of the same run under A and B. A pair with a non-finite
 * member is counted in `nonfinite` and otherwise ignored, so the three
 * moments always describe the same runs. */
typedef struct {
    brink_moments a, b;
    brink_moments diff; /* of b - a, per run */
    uint64_t nonfinite;
} brink_paired_mean;

void brink_paired_mean_init(brink_paired_mean *p);
void brink_paired_mean_release(brink_paired_mean *p);
void brink_paired_mean_add(brink_paired_mean *p, double a, double b);
void brink_paired_mean_merge(brink_paired_mean *dst, const brink_paired_mean *src);
/* Mean of b - a with its Student-t interval (see
 * brink_moments_mean_interval); identical outcomes give exactly 0, [0, 0]. */
brink_status brink_paired_mean_diff(const brink_paired_mean *p, double level, double *diff,
                                    double *lo, double *hi, brink_error *err);

/* ---- Kaplan-Meier on a monthly grid -------------------------------------- */

/* Time to an event (e.g. the first deal) in whole months 1..horizon. A run
 * without the event is censored at the month it was last observed: the
 * horizon, or the month it reached an absorbing non-event outcome. An event
 * and a censoring in the same month: the censored run counts as at risk in
 * that month (events before censorings). */
#define BRINK_KM_MAX_HORIZON 600
#define BRINK_KM_NOT_REACHED (-1)

typedef struct {
    uint32_t horizon;                        /* months, 1..MAX */
    uint64_t n;                              /* runs */
    uint64_t events[BRINK_KM_MAX_HORIZON];   /* [t - 1]: events in month t */
    uint64_t censored[BRINK_KM_MAX_HORIZON]; /* [t - 1]: censorings in month t */
} brink_km;

/* Fails when horizon is 0 or above BRINK_KM_MAX_HORIZON. */
brink_status brink_km_init(brink_km *km, uint32_t horizon, brink_error *err);
void brink_km_release(brink_km *km);
/* One run: event (true) or censoring (false) in month 1..horizon. Fails, with
 * km unchanged, for a month outside that range. */
brink_status brink_km_add(brink_km *km, uint32_t month, bool event, brink_error *err);
/* Fails when the horizons differ. */
brink_status brink_km_merge(brink_km *dst, const brink_km *src, brink_error *err);

/* Estimates; arrays are indexed by month t = 0..horizon (t = 0 is the start,
 * S = 1). Large (about 40 kB): allocate it, don't put it in a hot loop. */
typedef struct {
    uint32_t horizon;
    uint64_t n;
    double z;                                     /* critical value used */
    uint64_t at_risk[BRINK_KM_MAX_HORIZON + 1];   /* entering month t */
    uint64_t events[BRINK_KM_MAX_HORIZON + 1];
    uint64_t censored[BRINK_KM_MAX_HORIZON + 1];
    double surv[BRINK_KM_MAX_HORIZON + 1];        /* S(t): no event by end of t */
    double se[BRINK_KM_MAX_HORIZON + 1];          /* Greenwood standard error */
    double lo[BRINK_KM_MAX_HORIZON + 1];          /* pointwise interval for S(t) */
    double hi[BRINK_KM_MAX_HORIZON + 1];          /*   (log-log transform) */
    double incidence[BRINK_KM_MAX_HORIZON + 1];   /* 1 - S(t) */
    int median;     /* first t with S(t) <= 0.5, or BRINK_KM_NOT_REACHED */
    int median_lo;  /* first t with lo(t) <= 0.5, or NOT_REACHED */
    int median_hi;  /* first t with hi(t) <= 0.5, or NOT_REACHED */
} brink_km_result;

/* Computes the estimates at `level`. With n = 0, S = 1 everywhere with
 * interval [1, 1] and every median not reached. Fails for a level outside
 * (0, 1). */
brink_status brink_km_estimate(const brink_km *km, double level, brink_km_result *out,
                               brink_error *err);

/* ---- Outcome by month ----------------------------------------------------- */

/* counts[t][c]: runs in category c at time index t (0..months-1). Usually
 * every run adds one observation per month. */
typedef struct {
    uint32_t months, ncat;
    uint64_t *counts; /* months * ncat, row-major by month */
} brink_outcome_by_month;

/* Fails for months = 0, ncat outside 1..BRINK_CATEGORIES_MAX, or no memory. */
brink_status brink_outcome_by_month_alloc(brink_outcome_by_month *o, uint32_t months,
                                          uint32_t ncat, brink_error *err);
void brink_outcome_by_month_free(brink_outcome_by_month *o);
void brink_outcome_by_month_clear(brink_outcome_by_month *o);
/* Fails, with o unchanged, for an index out of range. */
brink_status brink_outcome_by_month_add(brink_outcome_by_month *o, uint32_t t, uint32_t cat,
                                        brink_error *err);
/* Fails when the shapes differ. */
brink_status brink_outcome_by_month_merge(brink_outcome_by_month *dst,
                                          const brink_outcome_by_month *src, brink_error *err);
/* Observations at time t (0 when t is out of range). */
uint64_t brink_outcome_by_month_total(const brink_outcome_by_month *o, uint32_t t);
/* Share of category cat at time t with its Wilson interval (critical value
 * z); p is NaN when nothing was observed at t. */
brink_status brink_outcome_by_month_interval(const brink_outcome_by_month *o, uint32_t t,
                                             uint32_t cat, double z, double *p, double *lo,
                                             double *hi, brink_error *err);

/* ---- Histogram sketch for quantiles -------------------------------------- */

typedef enum {
    BRINK_SCALE_LINEAR = 0, /* equal-width bins on [lo, hi] */
    BRINK_SCALE_LOG = 1,    /* equal-width bins of log(x) on [lo, hi], lo > 0 */
    BRINK_SCALE_LOG1P = 2,  /* equal-width bins of log(1+x) on [lo, hi], lo > -1 (rates) */
} brink_scale;

#define BRINK_HIST_MAX_BINS 65536u

typedef struct {
    double lo, hi;     /* finite, lo < hi; lo > 0 for BRINK_SCALE_LOG, > -1 for LOG1P */
    brink_scale scale;
    uint32_t bins;     /* 1..BRINK_HIST_MAX_BINS */
} brink_hist_spec;

/* Fails with BRINK_ERR_INPUT when the spec is unusable. */
brink_status brink_hist_spec_check(const brink_hist_spec *spec, brink_error *err);

/* Fixed-memory histogram of one variable. Values in [lo, hi] go to bins
 * (hi itself to the last bin), finite values below lo (or <= 0 on a log
 * scale) to `under`, above hi to `over`; non-finite values are only counted
 * (moments.nonfinite). moments holds the exact count, mean, variance, min and
 * max of all finite values. At most UINT32_MAX finite values. */
typedef struct {
    brink_hist_spec spec;
    brink_moments moments;
    uint64_t under, over;
    uint32_t *counts; /* spec.bins */
    /* private */
    double origin_, factor_; /* bin = (t(x) - origin_) * factor_, t = id or log */
    bool owned_;
    uint32_t used_lo_, used_hi_; /* every non-zero count lies in these bins (none: lo > hi) */
} brink_hist;

brink_status brink_hist_alloc(brink_hist *h, const brink_hist_spec *spec, brink_error *err);
void brink_hist_free(brink_hist *h);
void brink_hist_clear(brink_hist *h);
/* Fails, with h unchanged, once UINT32_MAX finite values have been added. */
brink_status brink_hist_add(brink_hist *h, double x, brink_error *err);
/* Fails when the specs differ or the total would exceed UINT32_MAX. */
brink_status brink_hist_merge(brink_hist *dst, const brink_hist *src, brink_error *err);

/* Where a quantile estimate fell. */
typedef enum {
    BRINK_Q_EMPTY = -2, /* no finite value: the estimate is NaN */
    BRINK_Q_UNDER = -1, /* among underflows: interpolated in [min, lo) */
    BRINK_Q_RANGE = 0,  /* in [lo, hi]: error bound below holds */
    BRINK_Q_OVER = 1,   /* among overflows: interpolated in (hi, max] */
} brink_q_where;

/* Quantile q in [0, 1] of the finite values (q <= 0 gives min, q >= 1 max).
 * The bin holding the ceil(q n)-th smallest value is located exactly and
 * the estimate interpolated inside it (linearly, or geometrically on a log
 * scale), then clamped to [min, max]. So when the result is BRINK_Q_RANGE it
 * lies in the same bin as that order statistic: the error is below one bin
 * width, (hi - lo) / bins, on a linear scale, and below a factor
 * (hi / lo)^(1 / bins) on a log scale. `where` may be NULL. */
double brink_hist_quantile(const brink_hist *h, double q, brink_q_where *where);

/* ---- Quantile fans: one sketch per (variable, month) ---------------------- */

typedef struct {
    uint32_t nvars, months;
    brink_hist *cells; /* nvars * months, index var * months + t */
    uint32_t *block;   /* all bin counts, one allocation */
    size_t nbins;      /* total bins in block */
} brink_fan;

/* specs[v] describes variable v; time index t is 0..months-1. Memory is
 * about 4 * months * sum(bins) bytes. Fails for a bad spec, nvars or months
 * of 0, or no memory. */
brink_status brink_fan_alloc(brink_fan *f, const brink_hist_spec *specs, uint32_t nvars,
                             uint32_t months, brink_error *err);
void brink_fan_free(brink_fan *f);
void brink_fan_clear(brink_fan *f);
/* NULL when out of range. */
brink_hist *brink_fan_cell(brink_fan *f, uint32_t var, uint32_t t);
const brink_hist *brink_fan_cell_const(const brink_fan *f, uint32_t var, uint32_t t);
/* Fails for an index out of range or a full cell. */
brink_status brink_fan_add(brink_fan *f, uint32_t var, uint32_t t, double x, brink_error *err);
/* Fails when the layouts differ or a cell would overflow; dst may then be
 * partly merged. */
brink_status brink_fan_merge(brink_fan *dst, const brink_fan *src, brink_error *err);
/* out[t * nq + k] = quantile q[k] of variable var at time t, for every t. */
brink_status brink_fan_quantiles(const brink_fan *f, uint32_t var, const double *q, size_t nq,
                                 double *out, brink_error *err);

#ifdef __GNUC__
#pragma GCC visibility pop
#endif
#ifdef __cplusplus
}
#endif

#endif
