/* The parameter table is consistent: ranges ordered, defaults allowed and
 * plausible, names unique within a group, enum defaults valid. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges_and_defaults),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
