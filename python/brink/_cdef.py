"""The declarations of libbrink's public C API (include/brink/*.h) that the
module uses, for cffi's ABI mode.

The structs are laid out exactly as in the headers; enums are declared by
their underlying type (int). python/tests/test_layout.py compiles every
struct, field and constant here against the real headers and fails on any
difference, and the module checks the counts below against the library at
import (brink._lib)."""

CDEF = r"""
/* error.h */
typedef int brink_status;
typedef struct {
    brink_status code;
    char message[512];
    char file[256];
    int line;
    int column;
    char path[256];
    char hint[256];
} brink_error;
#define BRINK_MAX_ERRORS 32
typedef struct {
    int count;
    int dropped;
    brink_error items[32];
} brink_error_list;
void brink_error_clear(brink_error *err);
brink_status brink_error_set(brink_error *err, brink_status code, const char *file, int line,
                             int column, const char *path, const char *fmt, ...);
void brink_error_hint(brink_error *err, const char *fmt, ...);
size_t brink_error_format(const brink_error *err, const char *source, char *buf, size_t size);

/* brink.h */
const char *brink_version(void);

/* scenario.h */
typedef struct brink_scenario brink_scenario;
brink_scenario *brink_scenario_load_file(const char *path, brink_error_list *errs);
brink_scenario *brink_scenario_load_string(const char *text, size_t len, const char *filename,
                                           brink_error_list *errs);
brink_scenario *brink_scenario_load_builtin(const char *name, brink_error_list *errs);
brink_scenario *brink_scenario_load(const char *spec, brink_error_list *errs);
const char *brink_builtin_name(int i);
const char *brink_builtin_description(int i);
void brink_scenario_free(brink_scenario *sc);
brink_scenario *brink_scenario_clone(const brink_scenario *sc, brink_error *err);
brink_status brink_scenario_set(brink_scenario *sc, const char *assignment, brink_error *err);
brink_status brink_scenario_write_yaml(const brink_scenario *sc, FILE *out, brink_error *err);
const char *brink_scenario_name(const brink_scenario *sc);
const char *brink_scenario_label(const brink_scenario *sc);
const char *brink_scenario_file(const brink_scenario *sc);
uint64_t brink_scenario_hash(const brink_scenario *sc);
const char *brink_scenario_coalition_label(const brink_scenario *sc);
double brink_scenario_breakeven_mbpd(const brink_scenario *sc);
int brink_scenario_policy_count(const brink_scenario *sc);
const char *brink_scenario_policy_name(const brink_scenario *sc, int i);
int brink_scenario_policy_index(const brink_scenario *sc, const char *name);
int brink_scenario_default_policy(const brink_scenario *sc);

/* params.h */
typedef struct {
    char path[128];
    const char *kind;
    char unit[64];
    char allowed[256];
    char plausible[256];
    char def[128];
    double lo, hi;
    double plausible_lo, plausible_hi;
    double default_value;
    const char *description;
    const char *source;
} brink_param_info;
int brink_param_count(void);
brink_status brink_param_describe(int i, brink_param_info *info, brink_error *err);

/* engine.h */
#define BRINK_OUTCOME_COUNT 7
#define BRINK_EV_COUNT 34
#define BRINK_VAR_COUNT 30
const char *brink_outcome_name(int o);
const char *brink_outcome_description(int o);
typedef struct {
    int month;
    int kind;
    int subject;
    double value;
    double deal_value;
    double submission;
} brink_event;
const char *brink_event_name(int k);
int brink_event_mid_level(int k);
int brink_event_icb_level(int k);
const char *brink_var_name(int v);
const char *brink_var_unit(int v);
typedef struct {
    int outcome;
    int outcome_month;
    char cause[160];
    int first_agreement_month;
    int deal_month;
    int months_below_breakeven;
    int offers, accepts, incidents, strikes, milestones_verified, elections, reversals;
    int max_hostility;
    int max_crisis;
    double gdp_loss_usd_bn;
    double sender_cost_usd_bn;
    double programme_end, reserves_end_usd_bn, trust_end, belief_end;
    double resolve;
} brink_summary;
typedef struct brink_sim brink_sim;
brink_sim *brink_sim_alloc(const brink_scenario *sc, brink_error *err);
void brink_sim_free(brink_sim *sim);
brink_status brink_sim_init(brink_sim *sim, int policy, uint64_t seed, uint64_t run,
                            int draw, int record_events, brink_error *err);
int brink_sim_step(brink_sim *sim);
void brink_sim_run(brink_sim *sim);
int brink_sim_month(const brink_sim *sim);
int brink_sim_horizon(const brink_sim *sim);
double brink_sim_var(const brink_sim *sim, int v);
const brink_summary *brink_sim_summary(const brink_sim *sim);
size_t brink_sim_events(const brink_sim *sim, const brink_event **events);
int brink_sim_policy(const brink_sim *sim);

/* report.h */
void brink_event_describe(const brink_scenario *sc, const brink_event *e, int *policy,
                          char *buf, size_t size);

/* stats.h */
double brink_z_for_level(double level);
brink_status brink_wilson(uint64_t successes, uint64_t n, double z, double *lo, double *hi,
                          brink_error *err);
double brink_proportion(uint64_t successes, uint64_t n);
#define BRINK_CATEGORIES_MAX 16
typedef struct {
    uint32_t ncat;
    uint64_t n;
    uint64_t count[16];
} brink_categorical;
brink_status brink_categorical_interval(const brink_categorical *c, uint32_t cat, double z,
                                        double *p, double *lo, double *hi, brink_error *err);
typedef struct {
    uint64_t n;
    uint64_t nonfinite;
    double mean;
    double m2;
    double min, max;
} brink_moments;
double brink_moments_mean(const brink_moments *m);
double brink_moments_variance(const brink_moments *m);
double brink_moments_sd(const brink_moments *m);
brink_status brink_moments_mean_interval(const brink_moments *m, double level, double *lo,
                                         double *hi, brink_error *err);
typedef struct {
    uint64_t both, only_a, only_b, neither;
} brink_paired_prop;
typedef struct {
    uint64_t n;
    uint64_t discordant;
    double p_a, p_b;
    double diff;
    double lo, hi;
} brink_paired_diff;
brink_status brink_paired_prop_diff(const brink_paired_prop *p, double level,
                                    brink_paired_diff *out, brink_error *err);
typedef struct {
    brink_moments a, b;
    brink_moments diff;
    uint64_t nonfinite;
} brink_paired_mean;
brink_status brink_paired_mean_diff(const brink_paired_mean *p, double level, double *diff,
                                    double *lo, double *hi, brink_error *err);
#define BRINK_KM_MAX_HORIZON 600
#define BRINK_KM_NOT_REACHED -1
typedef struct {
    uint32_t horizon;
    uint64_t n;
    uint64_t events[600];
    uint64_t censored[600];
} brink_km;
typedef struct {
    uint32_t horizon;
    uint64_t n;
    double z;
    uint64_t at_risk[601];
    uint64_t events[601];
    uint64_t censored[601];
    double surv[601];
    double se[601];
    double lo[601];
    double hi[601];
    double incidence[601];
    int median;
    int median_lo;
    int median_hi;
} brink_km_result;
brink_status brink_km_estimate(const brink_km *km, double level, brink_km_result *out,
                               brink_error *err);
typedef struct {
    uint32_t months, ncat;
    uint64_t *counts;
} brink_outcome_by_month;
uint64_t brink_outcome_by_month_total(const brink_outcome_by_month *o, uint32_t t);
typedef struct {
    double lo, hi;
    int scale;
    uint32_t bins;
} brink_hist_spec;
typedef struct {
    brink_hist_spec spec;
    brink_moments moments;
    uint64_t under, over;
    uint32_t *counts;
    double origin_, factor_;
    _Bool owned_;
    uint32_t used_lo_, used_hi_;
} brink_hist;
double brink_hist_quantile(const brink_hist *h, double q, int *where);
typedef struct {
    uint32_t nvars, months;
    brink_hist *cells;
    uint32_t *block;
    size_t nbins;
} brink_fan;
const brink_hist *brink_fan_cell_const(const brink_fan *f, uint32_t var, uint32_t t);
brink_status brink_fan_quantiles(const brink_fan *f, uint32_t var, const double *q, size_t nq,
                                 double *out, brink_error *err);

/* ensemble.h */
#define BRINK_ENSEMBLE_CHUNK 1024
#define BRINK_ENSEMBLE_MAX_POLICIES 16
#define BRINK_ENSEMBLE_MAX_THREADS 256
#define BRINK_FAN_COUNT 12
#define BRINK_COST_COUNT 5
int brink_fan_engine_var(int k);
const char *brink_fan_var_name(int k);
const char *brink_cost_name(int c);
typedef void (*brink_progress_fn)(uint64_t done, uint64_t total, void *user);
typedef struct {
    int policies[16];
    int npolicies;
    uint64_t runs;
    uint64_t seed;
    int threads;
    brink_progress_fn progress;
    void *progress_user;
    int *stop;
    int model_only;
} brink_ensemble_config;
typedef struct {
    brink_categorical outcomes;
    brink_outcome_by_month by_month;
    brink_km km_deal;
    brink_km km_agreement;
    brink_fan fan;
    brink_hist cost[5];
    uint64_t run_months;
} brink_ensemble_policy;
typedef struct {
    brink_paired_prop outcome[7];
    brink_paired_mean cost[5];
} brink_ensemble_pair;
typedef struct {
    int npolicies;
    int policies[16];
    uint64_t seed;
    uint64_t runs_requested;
    uint64_t runs_done;
    uint64_t chunks_done;
    int partial;
    uint32_t horizon;
    int threads;
    brink_hist_spec fan_spec[12];
    brink_hist_spec cost_spec[5];
    brink_ensemble_policy *pol;
    brink_ensemble_pair *pair;
} brink_ensemble_result;
brink_status brink_ensemble_run(const brink_scenario *sc, const brink_ensemble_config *config,
                                brink_ensemble_result **result, brink_error *err);
void brink_ensemble_result_free(brink_ensemble_result *r);
uint64_t brink_ensemble_events_by(const brink_km *km, uint32_t months);
brink_status brink_ensemble_write_json(const brink_scenario *sc, const brink_ensemble_result *r,
                                       int compare, FILE *out, brink_error *err);
brink_status brink_ensemble_write_dir(const brink_scenario *sc, const brink_ensemble_result *r,
                                      int compare, const char *dir, brink_error *err);
"""

# The C library's own functions the module needs: writing into memory.
LIBC_CDEF = r"""
FILE *open_memstream(char **ptr, size_t *sizeloc);
int fclose(FILE *stream);
void free(void *ptr);
"""

# Counts the declarations above are sized by, and the function of the
# library that names each item (it answers "unknown" or "?" past the end).
COUNTS = {
    "BRINK_OUTCOME_COUNT": "brink_outcome_name",
    "BRINK_EV_COUNT": "brink_event_name",
    "BRINK_VAR_COUNT": "brink_var_name",
    "BRINK_FAN_COUNT": "brink_fan_var_name",
    "BRINK_COST_COUNT": "brink_cost_name",
}
