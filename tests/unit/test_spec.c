/* The parameter table is consistent: ranges ordered, defaults allowed and
 * plausible, names unique within a group, enum defaults valid. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "model/spec.h"

static void test_ranges_and_defaults(void **state)
{
    (void)state;
    int checked = 0;
    for (int g = 0; g < BRINK_GROUP_COUNT; g++) {
        const brink_group_info *gi = &brink_groups[g];
        for (size_t i = 0; i < gi->n_specs; i++) {
            const brink_spec *sp = &gi->specs[i];
            if (!(sp->lo <= sp->plo && sp->plo <= sp->phi && sp->phi <= sp->hi))
                fail_msg("%s: ranges out of order: allowed [%g, %g], plausible [%g, %g]",
                         sp->name, sp->lo, sp->hi, sp->plo, sp->phi);
            if (!isnan(sp->def) && !(sp->def >= sp->plo && sp->def <= sp->phi))
                fail_msg("%s: default %g outside its plausible range [%g, %g]", sp->name,
                         sp->def, sp->plo, sp->phi);
            assert_true(sp->doc && *sp->doc && sp->source && *sp->source);
            for (size_t j = 0; j < i; j++)
                if (strcmp(gi->specs[j].name, sp->name) == 0)
                    fail_msg("%s: defined twice", sp->name);
            if (sp->kind == BRINK_SPEC_ENUM) {
                char name[64];
                brink_spec_enum_name(sp, (int)sp->def, name, sizeof name);
                assert_int_equal(brink_spec_enum_index(sp, name), (int)sp->def);
            }
            checked++;
        }
    }
    assert_true(checked > 150);
}

static void test_suggest(void **state)
{
    (void)state;
    assert_string_equal(brink_spec_suggest(BRINK_GROUP_SCALAR, "target.fx.reserves_usd_nb"),
                        "target.fx.reserves_usd_bn");
    assert_string_equal(brink_spec_suggest(BRINK_GROUP_GOOD, "exposre"), "exposure");
    assert_null(brink_spec_suggest(BRINK_GROUP_SCALAR, "completely.unrelated.thing"));
}

/* The beta quantile agrees with GSL's gsl_cdf_beta_Pinv and inverts GSL's
 * incomplete beta, over shapes from U-shaped to narrow and skewed; the
 * planned draw (ln B computed once) gives the same bits as the direct one;
 * the distribution's range scales it. */
static void test_beta_quantile(void **state)
{
    (void)state;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    static const double shape[] = {0.3, 0.5, 1, 2, 7, 13, 18, 50, 200};
    const int n = (int)(sizeof shape / sizeof shape[0]);
    double worst = 0, worst_p = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            brink_dist d = {.kind = BRINK_DIST_BETA, .a = shape[i], .b = shape[j], .c = 0, .d = 1};
            brink_param_draw e = {.dist = &d, .lnb = gsl_sf_lnbeta(d.a, d.b)};
            for (int k = 1; k < 400; k++) {
                double u = k / 400.0;
                double x = brink_dist_quantile(&d, u);
                assert_true(x >= 0 && x <= 1);
                assert_memory_equal(&x, &(double){brink_param_draw_quantile(&e, u)},
                                    sizeof x);
                double g = gsl_cdf_beta_Pinv(u, d.a, d.b);
                if (isfinite(g) && fabs(x - g) > worst)
                    worst = fabs(x - g);
                /* it inverts the incomplete beta: to a few units in the
                 * last place of x, times the density there */
                double p = fabs(gsl_cdf_beta_P(x, d.a, d.b) - u) /
                           (1e-13 + 1e-14 * gsl_ran_beta_pdf(x, d.a, d.b));
                if (p > worst_p)
                    worst_p = p;
            }
            /* far in both tails */
            double lo = brink_dist_quantile(&d, 1e-12), hi = brink_dist_quantile(&d, 1 - 1e-12);
            assert_true(lo >= 0 && lo < hi && hi <= 1);
        }
    gsl_set_error_handler(old);
    print_message("beta quantile: largest difference from GSL %.3g, residual %.3g of its bound\n",
                  worst, worst_p);
    assert_true(worst < 1e-12);
    assert_true(worst_p < 1);
    brink_dist d = {.kind = BRINK_DIST_BETA, .a = 7, .b = 13, .c = 0.2, .d = 0.6};
    brink_dist unit = {.kind = BRINK_DIST_BETA, .a = 7, .b = 13, .c = 0, .d = 1};
    assert_true(fabs(brink_dist_quantile(&d, 0.3) -
                     (0.2 + 0.4 * brink_dist_quantile(&unit, 0.3))) < 1e-15);
    /* the ends: u = 0 and u = 1 (and beyond) give the range's ends */
    assert_true(brink_dist_quantile(&d, 0) == 0.2 && brink_dist_quantile(&d, -1) == 0.2);
    assert_true(fabs(brink_dist_quantile(&d, 1) - 0.6) < 1e-15);
    assert_true(fabs(brink_dist_quantile(&d, 2) - 0.6) < 1e-15);
    /* a wrong quantile is caught: the median of beta(7, 13) is not 0.5 */
    assert_true(fabs(brink_dist_quantile(&unit, 0.5) - 0.5) > 0.1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges_and_defaults),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_beta_quantile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
