/* The public parameter table (brink/params.h): one row per spec, in spec
 * order, with the texts `brink params` prints and the numbers behind them;
 * rows out of range fail without touching anything else. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "brink/params.h"
#include "io/yaml_util.h"
#include "model/spec.h"

static int spec_total(void)
{
    int n = 0;
    for (int g = 0; g < BRINK_GROUP_COUNT; g++)
        n += (int)brink_groups[g].n_specs;
    return n;
}

/* Row of `path`, or -1. */
static int find_row(const char *path, brink_param_info *info)
{
    for (int i = 0; i < brink_param_count(); i++) {
        assert_int_equal(brink_param_describe(i, info, NULL), BRINK_OK);
        if (strcmp(info->path, path) == 0)
            return i;
    }
    return -1;
}

static void test_count_and_order(void **state)
{
    (void)state;
    assert_int_equal(brink_param_count(), spec_total());
    assert_true(brink_param_count() > 150);
    brink_param_info info;
    assert_int_equal(brink_param_describe(0, &info, NULL), BRINK_OK);
    assert_string_equal(info.path, brink_groups[BRINK_GROUP_SCALAR].specs[0].name);
    /* the last row is the last milestone spec */
    const brink_group_info *mg = &brink_groups[BRINK_GROUP_MILESTONE];
    assert_int_equal(brink_param_describe(brink_param_count() - 1, &info, NULL), BRINK_OK);
    char want[128];
    snprintf(want, sizeof want, "policies.<id>.milestones.<n>.%s",
             mg->specs[mg->n_specs - 1].name);
    assert_string_equal(info.path, want);
}

static void test_every_row(void **state)
{
    (void)state;
    int n = brink_param_count();
    for (int i = 0; i < n; i++) {
        brink_param_info a;
        assert_int_equal(brink_param_describe(i, &a, NULL), BRINK_OK);
        assert_true(a.path[0] != '\0');
        assert_true(a.description[0] != '\0' && a.source[0] != '\0');
        assert_true(a.allowed[0] != '\0' && a.plausible[0] != '\0' && a.def[0] != '\0');
        int numeric = strcmp(a.kind, "number") == 0 || strcmp(a.kind, "integer") == 0;
        if (numeric) {
            assert_true(a.lo <= a.plausible_lo && a.plausible_lo <= a.plausible_hi &&
                        a.plausible_hi <= a.hi);
            assert_true(a.allowed[0] == '[' && a.plausible[0] == '[');
            if (strcmp(a.def, "required") == 0)
                assert_true(isnan(a.default_value));
            else if (!(a.default_value >= a.lo && a.default_value <= a.hi))
                fail_msg("%s: default %g outside [%g, %g]", a.path, a.default_value, a.lo,
                         a.hi);
        } else if (strcmp(a.kind, "boolean") == 0) {
            assert_string_equal(a.allowed, "true, false");
            assert_string_equal(a.def, a.default_value != 0 ? "true" : "false");
            assert_string_equal(a.unit, "");
        } else {
            assert_string_equal(a.kind, "choice");
            assert_true(isnan(a.lo) && isnan(a.hi) && isnan(a.default_value));
            assert_non_null(strstr(a.allowed, a.def));
            assert_string_equal(a.unit, "");
        }
        /* paths are unique */
        for (int j = 0; j < i; j++) {
            brink_param_info b;
            assert_int_equal(brink_param_describe(j, &b, NULL), BRINK_OK);
            if (strcmp(a.path, b.path) == 0)
                fail_msg("rows %d and %d: both %s", j, i, a.path);
        }
    }
}

static void test_known_rows(void **state)
{
    (void)state;
    brink_param_info info;
    assert_true(find_row("simulation.horizon_months", &info) >= 0);
    assert_string_equal(info.kind, "integer");
    assert_string_equal(info.unit, "months");
    assert_string_equal(info.allowed, "[1, 600]");
    assert_string_equal(info.def, "120");
    assert_true(info.lo == 1 && info.hi == 600 && info.default_value == 120);

    assert_true(find_row("target.gdp_usd_bn", &info) >= 0);
    assert_string_equal(info.def, "required");
    assert_true(isnan(info.default_value));

    assert_true(find_row("target.money.can_print", &info) >= 0);
    assert_string_equal(info.kind, "boolean");
    assert_string_equal(info.def, "true");
    assert_true(info.default_value == 1);

    assert_true(find_row("senders.<id>.legal_form", &info) >= 0);
    assert_string_equal(info.kind, "choice");
    assert_string_equal(info.allowed, "executive, statute, resolution");
    assert_string_equal(info.def, "executive");

    /* the longest list of choices is whole, not cut at a column width */
    assert_true(find_row("exports.<id>.kind", &info) >= 0);
    const char *end = "services, finance, other";
    size_t len = strlen(info.allowed);
    assert_true(len > strlen(end));
    assert_string_equal(info.allowed + len - strlen(end), end);

    assert_true(find_row("senders.<id>.currency_reach", &info) >= 0);
    assert_string_equal(info.kind, "number");
    assert_string_equal(info.unit, "share");
    assert_true(info.lo == 0 && info.hi == 1);
}

/* A calibrated default is shown as the fit wrote it (a point or a
 * distribution); its point value is the distribution's. */
static void test_calibrated_default(void **state)
{
    (void)state;
    int seen = 0;
    for (int i = 0; i < brink_param_count(); i++) {
        brink_param_info info;
        assert_int_equal(brink_param_describe(i, &info, NULL), BRINK_OK);
        const brink_spec *sp = brink_spec_find(BRINK_GROUP_SCALAR, info.path);
        brink_dist cal;
        if (!sp || !brink_spec_calibrated(sp, &cal))
            continue;
        char text[128];
        brink_dist_format(&cal, text, sizeof text);
        assert_string_equal(info.def, text);
        assert_true(info.default_value == brink_dist_point(&cal));
        seen++;
    }
    assert_true(seen > 0);
}

static void test_out_of_range(void **state)
{
    (void)state;
    int bad[3] = {-1, brink_param_count(), 1 << 30};
    for (int k = 0; k < 3; k++) {
        brink_param_info info;
        memset(&info, 0x55, sizeof info);
        brink_error err;
        assert_int_equal(brink_param_describe(bad[k], &info, &err), BRINK_ERR_INPUT);
        assert_int_equal(err.code, BRINK_ERR_INPUT);
        assert_non_null(strstr(err.message, "no parameter"));
        assert_string_equal(info.path, "");
        assert_string_equal(info.kind, "");
        assert_int_equal(brink_param_describe(bad[k], &info, NULL), BRINK_ERR_INPUT);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_and_order),
        cmocka_unit_test(test_every_row),
        cmocka_unit_test(test_known_rows),
        cmocka_unit_test(test_calibrated_default),
        cmocka_unit_test(test_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
