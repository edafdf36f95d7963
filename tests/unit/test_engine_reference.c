/* The engine against a recorded reference: the outcome of each of the same
 * runs (default case, every policy, drawn parameters, seed 12345, runs
 * 0..N-1) as the scalar engine gave them before the exponentials of the
 * party, belief-grid and price loops went to vector lanes
 * (tests/fixtures/engine_reference_outcomes.txt). The new engine differs
 * from the old in the last bits of those exponentials only, so the runs
 * must end as before but for a few near a threshold, and the outcome
 * distribution of each policy must agree with the reference (chi-square
 * test of homogeneity).
 *
 * BRINK_WRITE_REFERENCE=FILE writes the outcomes of this build instead
 * (once, from the scalar engine; not to be regenerated from a later one). */
#include "sim_fixture.h"

#include <gsl/gsl_cdf.h>

FIXTURE_DEFAULT_CASE

enum { REF_RUNS = 2500, REF_SEED = 12345 };

/* at most this share of the runs may end otherwise than in the reference */
#define REF_MAX_CHANGED 0.02
/* the chi-square test of homogeneity must not reject at this level */
#define REF_ALPHA 0.001

static void outcomes_of(const brink_scenario *scen, int policy, char *out)
{
    brink_sim *sim = brink_sim_alloc(scen, NULL);
    assert_non_null(sim);
    for (int r = 0; r < REF_RUNS; r++) {
        assert_int_equal(brink_sim_init(sim, policy, REF_SEED, (uint64_t)r, 1, 0, NULL), BRINK_OK);
        brink_sim_run(sim);
        out[r] = (char)('a' + (int)brink_sim_summary(sim)->outcome);
    }
    out[REF_RUNS] = '\0';
    brink_sim_free(sim);
}

/* Chi-square statistic of homogeneity of two count vectors over k cells
 * (cells empty in both are left out); *df receives its degrees of freedom. */
static double chi_square_2xk(const int *a, const int *b, int k, int *df)
{
    double na = 0, nb = 0;
    for (int i = 0; i < k; i++) {
        na += a[i];
        nb += b[i];
    }
    double x2 = 0;
    int cells = 0;
    for (int i = 0; i < k; i++) {
        double col = a[i] + b[i];
        if (col == 0)
            continue;
        cells++;
        double ea = na * col / (na + nb), eb = nb * col / (na + nb);
        x2 += (a[i] - ea) * (a[i] - ea) / ea + (b[i] - eb) * (b[i] - eb) / eb;
    }
    *df = cells > 1 ? cells - 1 : 1;
    return x2;
}

static void test_chi_square_rejects_a_shift(void **state)
{
    (void)state;
    /* the statistic itself: equal counts give 0; a clear shift is rejected */
    int a[3] = {500, 300, 200}, b[3] = {500, 300, 200}, c[3] = {400, 300, 300}, df;
    assert_true(chi_square_2xk(a, b, 3, &df) == 0.0);
    assert_int_equal(df, 2);
    assert_true(gsl_cdf_chisq_Q(chi_square_2xk(a, c, 3, &df), df) < REF_ALPHA);
}

static void test_outcomes_agree_with_reference(void **state)
{
    (void)state;
    const char *write = getenv("BRINK_WRITE_REFERENCE");
    static char got[REF_RUNS + 1];
    if (write) {
        FILE *f = fopen(write, "w");
        assert_non_null(f);
        for (int p = 0; p < brink_scenario_policy_count(sc); p++) {
            outcomes_of(sc, p, got);
            fprintf(f, "%s %s\n", brink_scenario_policy_name(sc, p), got);
        }
        assert_int_equal(fclose(f), 0);
        return;
    }
    char path[512];
    const char *dir = getenv("BRINK_FIXTURES");
    snprintf(path, sizeof path, "%s/engine_reference_outcomes.txt", dir ? dir : "tests/fixtures");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char name[128], ref[REF_RUNS + 2];
    int policies = 0;
    while (fscanf(f, "%127s %2501s", name, ref) == 2) {
        assert_int_equal((int)strlen(ref), REF_RUNS);
        int p = brink_scenario_policy_index(sc, name);
        assert_true(p >= 0);
        outcomes_of(sc, p, got);
        int changed = 0, cnt_ref[BRINK_OUTCOME_COUNT] = {0}, cnt_got[BRINK_OUTCOME_COUNT] = {0};
        for (int r = 0; r < REF_RUNS; r++) {
            int o_ref = ref[r] - 'a', o_got = got[r] - 'a';
            assert_true(o_ref >= 0 && o_ref < BRINK_OUTCOME_COUNT);
            cnt_ref[o_ref]++;
            cnt_got[o_got]++;
            changed += o_ref != o_got;
        }
        int df;
        double x2 = chi_square_2xk(cnt_ref, cnt_got, BRINK_OUTCOME_COUNT, &df);
        double q = gsl_cdf_chisq_Q(x2, df);
        printf("%-20s %4d of %d runs end otherwise; chi-square %.2f (%d df), p = %.3f\n", name,
               changed, REF_RUNS, x2, df, q);
        assert_true(changed <= REF_MAX_CHANGED * REF_RUNS);
        assert_true(q > REF_ALPHA);
        policies++;
    }
    fclose(f);
    assert_int_equal(policies, brink_scenario_policy_count(sc));
}

static double run_uniform(void *ctx, unsigned index)
{
    return brink_rng_u(ctx, BRINK_STREAM_PARAMS, index);
}

/* The engine's draws (the plan: blocks of uniforms drawn once, a truncated
 * normal's bounds computed once) are, to the bit, the values that
 * brink_params_resolve gives from the same uniforms. */
static void test_draws_are_the_resolved_values(void **state)
{
    (void)state;
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    assert_non_null(sim);
    assert_true(sim->n_plan > 0);
    int kinds[8] = {0};
    for (size_t i = 0; i < sim->n_plan; i++)
        kinds[sim->plan[i].dist->kind]++;
    assert_true(kinds[BRINK_DIST_TRUNCNORMAL] > 0 && kinds[BRINK_DIST_BETA] > 0);
    static brink_params want;
    for (uint64_t r = 0; r < 200; r++) {
        assert_int_equal(brink_sim_init(sim, 0, REF_SEED, r, 1, 0, NULL), BRINK_OK);
        brink_rng rng;
        brink_rng_init(&rng, REF_SEED, r);
        brink_params_resolve(&sc->values, &sc->layout, run_uniform, &rng, &want);
        for (size_t i = 0; i < sim->n_plan; i++) {
            size_t off = sim->plan[i].off;
            assert_memory_equal((const char *)&sim->p + off, (const char *)&want + off,
                                sizeof(double));
        }
    }
    brink_sim_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chi_square_rejects_a_shift),
        cmocka_unit_test_setup_teardown(test_outcomes_agree_with_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_draws_are_the_resolved_values, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
