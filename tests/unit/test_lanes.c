/* The mechanisms written over lanes (model/lane.h) give, in a group of four
 * runs in lockstep (lanes_unit.c, compiled in lanes), the bits that the
 * library's step gives each run: every member of the state (model/state.def)
 * after the month's block, on the months of real runs of built-in cases
 * under every policy, the group refilled with the next run as runs end. The
 * runs are chosen so that the lanes of a group part ways: some short of
 * foreign exchange and some not, printing, printing beyond what any money
 * demand yields, drawing patrons' credit, abandoning the currency; the test
 * counts those months and fails if any kind never occurs (one lane's money
 * demand is now and then set far down, as in a hyperinflation, to reach
 * the rarest). Also: a run goes
 * into a lane and comes out unchanged, member by member. */
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
#include "lanes_unit.h"
#include "model/mechanisms.h"
#include "model/state.h"

enum { N = LANES_UNIT_N };

/* Whether the force terms a and b differ in any bit of a member. */
static int force_differs(const brink_force_terms *a, const brink_force_terms *b)
{
    int n = 0;
#define BRINK_FORCE_TERM(kind, name, doc) n += memcmp(&a->name, &b->name, sizeof a->name) != 0;
#include "model/force_terms.def"
#undef BRINK_FORCE_TERM
    return n > 0;
}

/* Members of a and b that differ in any bit, named into `first` (the first
 * one); the run's totals (SUMMARY) are compared apart. */
static int state_diffs(const brink_state *a, const brink_state *b, const char **first)
{
    int n = 0;
#define CMP_NOTE(name)                                                                             \
    if (n++ == 0)                                                                                  \
        *first = #name;
#define CMP_D(name)                                                                                \
    if (memcmp(&a->name, &b->name, sizeof a->name) != 0) {                                         \
        CMP_NOTE(name)                                                                             \
    }
#define CMP_I(name) CMP_D(name)
#define CMP_U(name) CMP_D(name)
#define CMP_FORCE(name)                                                                            \
    if (force_differs(&a->name, &b->name)) {                                                       \
        CMP_NOTE(name)                                                                             \
    }
#define CMP_SUMMARY(name)
#define BRINK_STATE(kind, name, dims, doc) CMP_##kind(name)
#include "model/state.def"
#undef BRINK_STATE
    return n;
}

/* Kinds of month in which the lanes of a group part ways. */
enum { SHORT_MIXED, PRINTING, BEYOND, CREDIT, DOLLARISED, KINDS };
static const char *const kind_name[KINDS] = {"short and not short in one group", "printing",
                                             "printing beyond the demand", "patrons' credit",
                                             "currency abandoned"};

typedef struct {
    long months, kinds[KINDS];
} tally;

/* A run into the next free lane: run index *next under policy pol. */
static void refill(brink_sim *sim, int pol, uint64_t *next)
{
    assert_int_equal(brink_sim_init(sim, pol, 11, (*next)++, 1, 0, NULL), BRINK_OK);
}

static void check_case(const char *name, int months_max, tally *t)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin(name, &errs);
    assert_non_null(sc);
    brink_sim *drive[N], *copy[N];
    for (int l = 0; l < N; l++) {
        drive[l] = brink_sim_alloc(sc, NULL);
        copy[l] = brink_sim_alloc(sc, NULL);
        assert_non_null(drive[l]);
        assert_non_null(copy[l]);
    }
    brink_state *lanes = calloc(N, sizeof *lanes);
    assert_non_null(lanes);
    for (int pol = 0; pol < brink_scenario_policy_count(sc); pol++) {
        uint64_t next = 0;
        for (int l = 0; l < N; l++)
            refill(drive[l], pol, &next);
        for (int month = 0; month < months_max; month++) {
            double z[N], dl[N];
            for (int l = 0; l < N; l++) {
                z[l] = 0.7 * (l - 1.5) + 0.01 * month;
                /* (the copy keeps its own heap blocks, which it frees) */
                brink_param_draw *plan = copy[l]->plan;
                double *drawn = copy[l]->drawn;
                memcpy(copy[l], drive[l], sizeof *copy[l]);
                copy[l]->plan = plan;
                copy[l]->drawn = drawn;
            }
            /* now and then one lane's money demand far below its month-0
             * level (as in a hyperinflation), so that what it prints can
             * pass what any demand yields while the other lanes' does not */
            if (month % 5 == 2)
                copy[(month / 5) % N]->st.money_log = -8.0 - 0.1 * month;
            assert_int_equal(lanes_unit_economy(copy, z, lanes, dl), 0);
            int short_ = 0;
            for (int l = 0; l < N; l++) {
                brink_sim *s = copy[l];
                int was_dollarised = s->st.dollarised;
                brink_fiscal_step(s);
                short_ += s->st.gap > 0;
                t->kinds[PRINTING] += s->st.monetised > 0;
                t->kinds[CREDIT] += s->st.credit_drawn > 0;
                double monetised = s->st.monetised;
                brink_money_step(s, z[l]);
                t->kinds[BEYOND] += s->st.monetised < monetised;
                t->kinds[DOLLARISED] += s->st.dollarised && !was_dollarised;
                brink_output_step(s);
                double d = brink_output_drive(s);
                const char *first = "";
                int diffs = state_diffs(&lanes[l], &s->st, &first);
                if (diffs || memcmp(&d, &dl[l], sizeof d) != 0)
                    fail_msg("%s, policy %d, month %d, lane %d: %d members differ (first: %s); "
                             "output drive %.17g vs %.17g",
                             name, pol, month, l, diffs, first, dl[l], d);
            }
            t->kinds[SHORT_MIXED] += short_ > 0 && short_ < N;
            t->months += N;
            /* a month of each run; an ended run's lane takes the next run */
            for (int l = 0; l < N; l++)
                if (!brink_sim_step(drive[l]))
                    refill(drive[l], pol, &next);
        }
    }
    free(lanes);
    for (int l = 0; l < N; l++) {
        brink_sim_free(drive[l]);
        brink_sim_free(copy[l]);
    }
    brink_scenario_free(sc);
}

static void test_economy_in_lanes(void **state)
{
    (void)state;
    tally t;
    memset(&t, 0, sizeof t);
    /* the default case; hyperinflations and dollarisation; patrons' credit
     * (Russia's to Belarus, China's to North Korea) */
    static const char *const cases[] = {"iran-2025",        "zimbabwe-2002", "venezuela-2019",
                                        "north-korea-2016", "belarus-2006",  "yugoslavia-1998"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        check_case(cases[c], 150, &t);
    for (int k = 0; k < KINDS; k++) {
        printf("  %-36s %ld of %ld run-months\n", kind_name[k], t.kinds[k], t.months);
        if (t.kinds[k] == 0)
            fail_msg("no month of the kind \"%s\": the lanes' choices of it are untested",
                     kind_name[k]);
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", &errs);
    assert_non_null(sc);
    brink_sim *run[N];
    for (int l = 0; l < N; l++) {
        run[l] = brink_sim_alloc(sc, NULL);
        assert_non_null(run[l]);
        assert_int_equal(
            brink_sim_init(run[l], l % brink_scenario_policy_count(sc), 5, (uint64_t)l, 1, 0, NULL),
            BRINK_OK);
        for (int m = 0; m < 10 * l + 3 && brink_sim_step(run[l]); m++)
            ;
    }
    brink_state *out = calloc(N, sizeof *out);
    assert_non_null(out);
    assert_int_equal(lanes_unit_round_trip(run, out), 0);
    for (int l = 0; l < N; l++) {
        const char *first = "";
        int diffs = state_diffs(&out[l], &run[l]->st, &first);
        if (diffs)
            fail_msg("lane %d: %d members changed on the way (first: %s)", l, diffs, first);
        assert_string_equal(out[l].sum.cause, run[l]->st.sum.cause);
        assert_int_equal(out[l].sum.offers, run[l]->st.sum.offers);
        assert_memory_equal(&out[l].sum.gdp_loss_usd_bn, &run[l]->st.sum.gdp_loss_usd_bn,
                            sizeof(double));
    }
    /* the lanes differ: the runs are not copies of one another */
    assert_true(out[0].t != out[3].t);
    free(out);
    for (int l = 0; l < N; l++)
        brink_sim_free(run[l]);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_economy_in_lanes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
