/* Canonical YAML: write -> load -> write is identical; the hash ignores key
 * order and formatting and follows the values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <math.h>

#include "model/scenario_model.h"
#include "model/spec.h"
#include "scenario_test_util.h"

static brink_scenario *load_text(const char *text)
{
    brink_error_list errs;
    brink_scenario *sc = brink_scenario_load_string(text, strlen(text), "t.yaml", &errs);
    if (!sc)
        test_dump_errors(&errs);
    assert_non_null(sc);
    return sc;
}

static int dist_same(const brink_dist *a, const brink_dist *b)
{
    return a->kind == b->kind && a->point == b->point && a->a == b->a && a->b == b->b &&
           a->c == b->c && a->d == b->d;
}

/* Every value and every layout field of a and b agree. */
static void assert_same_scenario(const brink_scenario *a, const brink_scenario *b)
{
    const brink_layout *la = &a->layout, *lb = &b->layout;
    assert_string_equal(la->name, lb->name);
    assert_string_equal(la->label, lb->label);
    assert_string_equal(la->description, lb->description);
    assert_string_equal(la->coalition_label, lb->coalition_label);
    assert_string_equal(la->target_label, lb->target_label);
    assert_int_equal(a->default_policy, b->default_policy);
    for (int g = 1; g < BRINK_GROUP_MILESTONE; g++) {
        assert_int_equal(la->n[g], lb->n[g]);
        for (int i = 0; i < la->n[g]; i++) {
            assert_string_equal(la->id[g][i], lb->id[g][i]);
            assert_string_equal(la->elabel[g][i], lb->elabel[g][i]);
        }
    }
    for (int i = 0; i < la->n[BRINK_GROUP_GOOD]; i++)
        assert_string_equal(la->good_unit[i], lb->good_unit[i]);
    for (int i = 0; i < la->n[BRINK_GROUP_PARTY]; i++)
        assert_int_equal(la->party_member[i], lb->party_member[i]);
    for (int i = 0; i < la->n[BRINK_GROUP_PATRON]; i++)
        assert_int_equal(la->patron_party[i], lb->patron_party[i]);
    assert_int_equal(la->n_timeline, lb->n_timeline);
    assert_int_equal(la->n_timeline_items, lb->n_timeline_items);
    for (int j = 0; j < la->n_timeline; j++) {
        const brink_timeline_action *x = &la->timeline[j], *y = &lb->timeline[j];
        assert_int_equal(x->month, y->month);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->index, y->index);
        assert_int_equal(x->item, y->item);
        assert_true(x->offset == y->offset);
        assert_true(x->value == y->value);
    }
    for (int i = 0; i < la->n[BRINK_GROUP_POLICY]; i++) {
        const brink_policy_ref *pa = &la->policy[i], *pb = &lb->policy[i];
        assert_int_equal(pa->issue_mask, pb->issue_mask);
        assert_int_equal(pa->inducement_mask, pb->inducement_mask);
        assert_int_equal(pa->n_milestones, pb->n_milestones);
        assert_int_equal(pa->on_success, pb->on_success);
        assert_int_equal(pa->on_failure, pb->on_failure);
        assert_int_equal(pa->on_reversal, pb->on_reversal);
        for (int m = 0; m < pa->n_milestones; m++) {
            assert_int_equal(pa->milestone_issue[m], pb->milestone_issue[m]);
            for (size_t k = 0; k < brink_groups[BRINK_GROUP_MILESTONE].n_specs; k++) {
                size_t off = brink_groups[BRINK_GROUP_MILESTONE].specs[k].off_d;
                assert_true(dist_same(
                    (const brink_dist *)((const char *)&a->values.milestone[i][m] + off),
                    (const brink_dist *)((const char *)&b->values.milestone[i][m] + off)));
            }
        }
    }
    for (int g = 0; g < BRINK_GROUP_MILESTONE; g++) {
        const brink_group_info *gi = &brink_groups[g];
        int count = g == BRINK_GROUP_SCALAR ? 1 : la->n[g];
        for (int e = 0; e < count; e++)
            for (size_t k = 0; k < gi->n_specs; k++) {
                const brink_spec *sp = &gi->specs[k];
                int nm = sp->is_map ? la->n[sp->key_group] : 1;
                size_t off = gi->base_d + (size_t)e * gi->stride_d + sp->off_d;
                for (int j = 0; j < nm; j++)
                    assert_true(dist_same((const brink_dist *)((const char *)&a->values + off) + j,
                                          (const brink_dist *)((const char *)&b->values + off) + j));
            }
    }
}

static void test_round_trip_default(void **state)
{
    (void)state;
    brink_scenario *a = brink_scenario_load(NULL, NULL);
    assert_non_null(a);
    char *t1 = test_write(a);
    assert_non_null(t1);
    brink_scenario *b = load_text(t1);
    char *t2 = test_write(b);
    assert_string_equal(t1, t2);
    assert_same_scenario(a, b);
    assert_true(brink_scenario_hash(a) == brink_scenario_hash(b));
    free(t1);
    free(t2);
    brink_scenario_free(a);
    brink_scenario_free(b);
}

static void test_round_trip_every_form(void **state)
{
    (void)state;
    brink_scenario *a = brink_scenario_load(NULL, NULL);
    assert_non_null(a);
    static const char *const sets[] = {
        "target.resolve={normal: [1.5, 0.5]}",
        "target.trust={beta: [2, 5, 0.1, 0.9]}",
        "exports.crude.price_mean={lognormal: [0.1, 0.1]}",
        "target.politics.cohesion={truncated_normal: [0.7, 0.1, 0.4, 1]}",
        "senders.us.currency_reach=0.1234567890123456",
        "senders.us.legal_form=resolution",
        "third_parties.india.exposure={uniform: [0.2, 0.4]}",
        "third_parties.india.member=us",
        "patrons.russia_china.party=others",
        "policies.status_quo.inducements=[fuel_consortium]",
        "policies.status_quo.on_reversal=maximum_pressure",
        "policies.status_quo.force.kind=invade",
        "target.fx.rate=1e-6",
        "target.gdp_usd_bn=99999.5",
        "behaviour.compliance.threshold=-7.25",
        "third_parties.india.access.barter={uniform: [0.1, 0.3]}",
        "policies.staged_reciprocity.milestones.1.relief={triangular: [0.1, 0.2, 0.3]}",
        "policies.maximum_pressure.offer.adaptive=true",
        "policies.status_quo.on_success=maximum_pressure",
        "policies.status_quo.issues=[]",
        "label=\"Quotes \\\"inside\\\", a colon: here # and a hash\\ttab\"",
        "target.label='yes'",
        "channels.barter.label=\xc3\xa9" "change",
        "description=''",
        "simulation.policy=low_stakes_first",
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        brink_error err;
        if (brink_scenario_set(a, sets[i], &err) != BRINK_OK)
            fprintf(stderr, "set %s: %s\n", sets[i], err.message);
        assert_int_equal(brink_scenario_set(a, sets[i], &err), BRINK_OK);
    }
    char *t1 = test_write(a);
    brink_scenario *b = load_text(t1);
    char *t2 = test_write(b);
    assert_string_equal(t1, t2);
    assert_same_scenario(a, b);
    assert_string_equal(b->layout.target_label, "yes");
    assert_string_equal(b->layout.label, "Quotes \"inside\", a colon: here # and a hash\ttab");
    free(t1);
    free(t2);
    brink_scenario_free(a);
    brink_scenario_free(b);
}

static const char block_form[] =
    "name: h\n"
    "senders:\n"
    "  s:\n"
    "    gdp_usd_bn: 20000\n"
    "    enforcement: {uniform: [0.5, 0.9]}\n"
    "target:\n"
    "  gdp_usd_bn: 100\n"
    "  fiscal:\n"
    "    breakeven_usd_bn_year: 10\n"
    "  fx:\n"
    "    reserves_usd_bn: 5\n"
    "    rate: 2\n"
    "  prices:\n"
    "    inflation: 0.1\n"
    "exports:\n"
    "  oil:\n"
    "    value_usd_bn_year: 12\n"
    "issues:\n"
    "  a:\n"
    "    salience: 0.5\n"
    "    security_value: 2\n"
    "  b:\n"
    "    salience: 0.25\n"
    "    security_value: 1\n"
    "policies:\n"
    "  p:\n"
    "    sanctions:\n"
    "      target: 0.5\n"
    "      ramp: 0.05\n"
    "    posture: 0.3\n"
    "    rhetoric: 0.3\n"
    "    issues: [a, b]\n";

/* Same content: keys reordered, flow style, comments, other number spellings. */
static const char flow_form[] =
    "# a comment\n"
    "policies: {p: {rhetoric: 3e-1, posture: .3, issues: [b, a],\n"
    "  sanctions: {ramp: 0.050, target: 5e-1}}}\n"
    "issues: {a: {security_value: 2.0, salience: 0.50}, b: {security_value: 1, salience: .25}}\n"
    "senders: {s: {enforcement: {uniform: [.5, 0.90]}, gdp_usd_bn: 2e4}}   # trailing\n"
    "exports: {oil: {value_usd_bn_year: 1.2e1}}\n"
    "target: {prices: {inflation: 1e-1}, fx: {rate: 2.0, reserves_usd_bn: 5}, gdp_usd_bn: 100,\n"
    "  fiscal: {breakeven_usd_bn_year: 10}}\n"
    "name: 'h'\n";

static void test_hash_stable(void **state)
{
    (void)state;
    brink_scenario *a = load_text(block_form);
    brink_scenario *b = load_text(flow_form);
    assert_true(brink_scenario_hash(a) == brink_scenario_hash(b));
    assert_true(brink_scenario_hash(a) == brink_scenario_hash(a));
    assert_true(brink_scenario_hash(a) != 0);

    brink_error err;
    uint64_t h0 = brink_scenario_hash(b);
    assert_int_equal(brink_scenario_set(b, "senders.s.gdp_usd_bn=20001", &err), BRINK_OK);
    assert_true(brink_scenario_hash(b) != h0);
    assert_int_equal(brink_scenario_set(b, "senders.s.gdp_usd_bn=20000", &err), BRINK_OK);
    assert_true(brink_scenario_hash(b) == h0);
    /* a distribution with the same mean is a different scenario */
    assert_int_equal(brink_scenario_set(b, "senders.s.enforcement=0.7", &err), BRINK_OK);
    assert_true(brink_scenario_hash(b) != h0);
    brink_scenario_free(a);
    brink_scenario_free(b);

    /* a file that gives a default explicitly is the same scenario */
    char buf[1024];
    snprintf(buf, sizeof buf, "%ssimulation: {noise: 1}\n", block_form);
    a = load_text(block_form);
    b = load_text(buf);
    assert_true(brink_scenario_hash(a) == brink_scenario_hash(b));
    brink_scenario_free(a);
    brink_scenario_free(b);
}

static void test_write_error(void **state)
{
    (void)state;
    brink_scenario *a = load_text(block_form);
    FILE *f = fopen("/dev/null", "r"); /* not writable */
    assert_non_null(f);
    brink_error err;
    assert_int_equal(brink_scenario_write_yaml(a, f, &err), BRINK_ERR_RUNTIME);
    fclose(f);
    brink_scenario_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_default),
        cmocka_unit_test(test_round_trip_every_form),
        cmocka_unit_test(test_hash_stable),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
