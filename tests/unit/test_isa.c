/* The copies of the monthly step compiled for wider processors (x86-64-v3,
 * x86-64-v4; model/isa.h) give the bits of the library's own: every state
 * variable in every month, every event and the summary of runs of every
 * built-in scenario under every policy, drawn parameters. SKIP where the
 * build has no such copy or the processor cannot run it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "brink/engine.h"
#include "brink/scenario.h"
#include "model/isa.h"

enum { RUNS = 40 };

/* FNV-1a over the bytes of each value put */
static void put(uint64_t *d, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        *d ^= b[i];
        *d *= 1099511628211ull;
    }
}

static void put_d(uint64_t *d, double x)
{
    put(d, &x, sizeof x);
}

static void put_i(uint64_t *d, int x)
{
    put(d, &x, sizeof x);
}

/* One digest per run of sc under every policy, in order, into out (nout
 * entries at most); returns the count. */
static size_t digest_runs(const brink_scenario *sc, uint64_t *out, size_t nout)
{
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    assert_non_null(sim);
    size_t n = 0;
    for (int pol = 0; pol < brink_scenario_policy_count(sc); pol++)
        for (uint64_t run = 0; run < RUNS && n < nout; run++) {
            assert_int_equal(brink_sim_init(sim, pol, 7, run, 1, 1, NULL), BRINK_OK);
            uint64_t d = 1469598103934665603ull;
            int more = 1;
            while (more) {
                more = brink_sim_step(sim);
                for (int v = 0; v < BRINK_VAR_COUNT; v++)
                    put_d(&d, brink_sim_var(sim, (brink_var)v));
            }
            const brink_event *ev;
            size_t ne = brink_sim_events(sim, &ev);
            for (size_t e = 0; e < ne; e++) {
                put_i(&d, ev[e].month);
                put_i(&d, (int)ev[e].kind);
                put_i(&d, ev[e].subject);
                put_d(&d, ev[e].value);
                put_d(&d, ev[e].deal_value);
                put_d(&d, ev[e].submission);
            }
            const brink_summary *s = brink_sim_summary(sim);
            put_i(&d, (int)s->outcome);
            put_i(&d, s->outcome_month);
            put(&d, s->cause, strnlen(s->cause, sizeof s->cause));
            put_i(&d, s->first_agreement_month);
            put_i(&d, s->deal_month);
            put_i(&d, s->offers);
            put_i(&d, s->accepts);
            put_i(&d, s->strikes);
            put_d(&d, s->gdp_loss_usd_bn);
            put_d(&d, s->sender_cost_usd_bn);
            put_d(&d, s->belief_end);
            out[n++] = d;
        }
    brink_sim_free(sim);
    return n;
}

static void same_bits_as_base(brink_isa isa)
{
    if (!brink_isa_available_(isa)) {
        printf("SKIP: no %s copy of the step here (not built, or the processor lacks it)\n",
               brink_isa_name_(isa));
        skip();
    }
    enum { MAX = 4096 };
    static uint64_t base[MAX], wide[MAX];
    size_t total = 0;
    for (int i = 0; brink_builtin_name(i); i++) {
        brink_error_list errs;
        memset(&errs, 0, sizeof errs);
        brink_scenario *sc = brink_scenario_load_builtin(brink_builtin_name(i), &errs);
        assert_non_null(sc);
        assert_true(brink_isa_force_(BRINK_ISA_BASE));
        assert_int_equal(brink_isa_step_(), BRINK_ISA_BASE);
        size_t n = digest_runs(sc, base, MAX);
        assert_true(brink_isa_force_((int)isa));
        assert_int_equal(brink_isa_step_(), isa);
        size_t m = digest_runs(sc, wide, MAX);
        assert_int_equal(n, m);
        for (size_t r = 0; r < n; r++)
            if (base[r] != wide[r])
                fail_msg("%s, run %zu of its policies in turn: the %s step differs",
                         brink_builtin_name(i), r, brink_isa_name_(isa));
        total += n;
        brink_scenario_free(sc);
    }
    assert_true(brink_isa_force_(-1));
    printf("%s: %zu runs with the bits of the base step\n", brink_isa_name_(isa), total);
    assert_true(total > 100);
}

static void test_v3(void **state)
{
    (void)state;
    same_bits_as_base(BRINK_ISA_V3);
}

static void test_v4(void **state)
{
    (void)state;
    same_bits_as_base(BRINK_ISA_V4);
}

/* Forcing: an unavailable copy is refused and changes nothing; -1 returns
 * to the widest, which is available and at least the base. */
static void test_force(void **state)
{
    (void)state;
    assert_true(brink_isa_available_(BRINK_ISA_BASE));
    assert_false(brink_isa_available_(BRINK_ISA_COUNT));
    assert_true(brink_isa_force_(-1));
    brink_isa best = brink_isa_step_();
    assert_true(brink_isa_available_(best));
    /* the wider ones are not available: forcing them is refused */
    for (int i = (int)best + 1; i < BRINK_ISA_COUNT; i++) {
        assert_false(brink_isa_available_((brink_isa)i));
        assert_false(brink_isa_force_(i));
        assert_int_equal(brink_isa_step_(), best);
    }
    assert_true(brink_isa_force_(BRINK_ISA_BASE));
    assert_false(brink_isa_force_(BRINK_ISA_COUNT));
    assert_int_equal(brink_isa_step_(), BRINK_ISA_BASE);
    assert_true(brink_isa_force_(-1));
    assert_int_equal(brink_isa_step_(), best);
    assert_string_equal(brink_isa_name_(BRINK_ISA_V4), "x86-64-v4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_force),
        cmocka_unit_test(test_v3),
        cmocka_unit_test(test_v4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
