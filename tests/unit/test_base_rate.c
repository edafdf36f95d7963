/* The horizon-conditioned base rate (src/analysis/base_rate.c) over the
 * generated table src/analysis/base_rate.def: the table's consistency, the
 * life-table arithmetic by hand, and what the historical record says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "analysis/base_rate.h"
#include "stats_assert.h"

/* The table itself, for the checks against its raw counts. */
typedef struct {
    const char *name;
    int upper;
    int count;
} row;

static const row table[] = {
#define X(name, upper, count) {name, upper, count},
#include "analysis/base_rate.def"
#undef X
};

enum { NROWS = (int)(sizeof table / sizeof table[0]), NOUT = 7 };

static const char *const outcomes[NOUT] = {"deal",          "partial_deal",
                                           "stalemate",     "sender_backs_down",
                                           "war",           "regime_crisis",
                                           "deal_reversed"};
enum { DEAL, PARTIAL, STALEMATE, SENDER, WAR, REGIME, REVERSED };

static int table_count(const char *name, int upper)
{
    int c = 0;
    for (int i = 0; i < NROWS; i++)
        if (strcmp(table[i].name, name) == 0 && (upper < 0 || table[i].upper == upper))
            c += table[i].count;
    return c;
}

static void at(double h, double p[NOUT])
{
    brink_base_rate_at(h, outcomes, NOUT, p);
}

static void test_table(void **state)
{
    (void)state;
    int n = 0, prev = 0;
    for (int i = 0; i < NROWS; i++) {
        assert_true(table[i].count > 0);
        assert_true(table[i].upper >= prev); /* sorted by bin */
        assert_int_equal(table[i].upper % BRINK_BASE_RATE_BIN_MONTHS, 0);
        int known = strcmp(table[i].name, "censored") == 0;
        for (int k = 0; k < NOUT; k++)
            known |= strcmp(table[i].name, outcomes[k]) == 0;
        assert_true(known);
        prev = table[i].upper;
        n += table[i].count;
    }
    /* TIES v4.1: 540 cases with imposition = 1 and a final outcome */
    assert_int_equal(n, 540);
    assert_int_equal(brink_base_rate_episodes(), 540);
    assert_int_equal(table_count("deal_reversed", -1), 0);
    assert_true(table_count("war", -1) > 0);
    assert_true(table_count("regime_crisis", -1) > 0);
}

/* Sums to 1, every outcome above 0, at any horizon. */
static void test_sums(void **state)
{
    (void)state;
    const double hs[] = {-5, 0, 1, 6, 12, 36, 60, 120, 240, 480, 1e4, NAN};
    for (size_t i = 0; i < sizeof hs / sizeof hs[0]; i++) {
        double p[NOUT], s = 0;
        at(hs[i], p);
        for (int k = 0; k < NOUT; k++) {
            assert_true(p[k] > 0 && p[k] < 1);
            s += p[k];
        }
        assert_close(s, 1.0, 1e-12);
    }
    /* a subset of the names sums to 1 too; an unknown name holds only its
     * pseudo-episode */
    const char *const two[3] = {"deal", "no_such_outcome", "stalemate"};
    double q[3];
    brink_base_rate_at(60, two, 3, q);
    assert_close(q[0] + q[1] + q[2], 1.0, 1e-12);
    assert_true(q[1] > 0 && q[1] < q[0] && q[1] < q[2]);
}

/* At horizon 0 nothing has ended: all but the pseudo-episodes are stalemate. */
static void test_horizon_zero(void **state)
{
    (void)state;
    double p[NOUT];
    at(0, p);
    assert_close(p[STALEMATE], 541.0 / 547.0, 1e-12);
    for (int k = 0; k < NOUT; k++)
        if (k != STALEMATE)
            assert_close(p[k], 1.0 / 547.0, 1e-12);
}

/* The first bin by hand: at 6 months every episode of the bin (0, 6] has
 * ended or been censored; the censored ones count half at risk. At 3 months,
 * half the bin. Then (540 c + 1)/(540 + 7). */
static void test_first_bin_by_hand(void **state)
{
    (void)state;
    const int bin = BRINK_BASE_RATE_BIN_MONTHS;
    const double cens = table_count("censored", bin);
    const double risk = 540.0 - cens / 2;
    double ended = 0;
    for (int k = 0; k < NOUT; k++)
        ended += table_count(outcomes[k], bin);
    const double fs[2] = {1.0, 0.5};
    for (int i = 0; i < 2; i++) {
        double f = fs[i], p[NOUT];
        at(f * bin, p);
        for (int k = 0; k < NOUT; k++) {
            double c = f * table_count(outcomes[k], bin) / risk;
            if (k == STALEMATE)
                c += 1 - f * ended / risk;
            assert_close(p[k], (540.0 * c + 1) / 547.0, 1e-12);
        }
    }
}

/* The order of the names does not matter. */
static void test_name_order(void **state)
{
    (void)state;
    const char *rev[NOUT];
    for (int k = 0; k < NOUT; k++)
        rev[k] = outcomes[NOUT - 1 - k];
    double p[NOUT], q[NOUT];
    at(36, p);
    brink_base_rate_at(36, rev, NOUT, q);
    for (int k = 0; k < NOUT; k++)
        assert_close(q[NOUT - 1 - k], p[k], 1e-15);
}

/* Stalemate (still going, or ended in stalemate) falls as the horizon grows;
 * deal, sender_backs_down and every other ending rise. */
static void test_monotone(void **state)
{
    (void)state;
    double prev[NOUT];
    at(0, prev);
    for (double h = 1; h <= 600; h += 1) {
        double p[NOUT];
        at(h, p);
        assert_true(p[STALEMATE] <= prev[STALEMATE] + 1e-12);
        for (int k = 0; k < NOUT; k++)
            if (k != STALEMATE)
                assert_true(p[k] >= prev[k] - 1e-12);
        memcpy(prev, p, sizeof p);
    }
    double a[NOUT], b[NOUT], c[NOUT];
    at(12, a);
    at(60, b);
    at(120, c);
    assert_true(a[STALEMATE] > b[STALEMATE] + 0.2 && b[STALEMATE] > c[STALEMATE] + 0.1);
    assert_true(c[DEAL] > a[DEAL] + 0.15);
    assert_true(c[SENDER] > a[SENDER] + 0.1);
    /* most episodes that end, end early: a year in, about 40% have ended */
    assert_true(a[STALEMATE] > 0.5 && a[STALEMATE] < 0.7);
}

/* Past the longest episode the forecast no longer moves, and it is close to
 * the TIES shares of imposed cases (verified in scripts/base_rates.py): the
 * target gave in (codes 6, 7) 32.6% and settled (10) 23.9%, 56.5% together
 * (brink deal + partial_deal); the sender gave up (3, 8) 30.4%; stalemate (9)
 * 13.1%. Stalemate comes out lower: the episodes that war or a regime crisis
 * ended are taken out of every TIES code, and the censored episodes (TIES
 * codes them stalemate while they go on) are spread over the outcomes of the
 * episodes that outlasted them. */
static void test_long_horizon(void **state)
{
    (void)state;
    double p[NOUT], q[NOUT];
    at(600, p);
    at(1e4, q);
    for (int k = 0; k < NOUT; k++)
        assert_close(q[k], p[k], 1e-12);
    assert_close(q[DEAL] + q[PARTIAL], 0.565, 0.04);
    assert_close(q[SENDER], 0.304, 0.03);
    assert_true(q[STALEMATE] > 0.03 && q[STALEMATE] < 0.131);
    assert_close(q[WAR], 0.026, 0.01);
    assert_close(q[REGIME], 0.083, 0.02);
    assert_close(q[REVERSED], 1.0 / 547.0, 1e-12);
    /* the forecast only redistributes what the table holds: ended outcomes
     * get at least their raw share */
    for (int k = 0; k < NOUT; k++)
        if (k != STALEMATE)
            assert_true(547.0 * q[k] >= table_count(outcomes[k], -1) - 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_sums),
        cmocka_unit_test(test_horizon_zero),
        cmocka_unit_test(test_first_bin_by_hand),
        cmocka_unit_test(test_name_order),
        cmocka_unit_test(test_monotone),
        cmocka_unit_test(test_long_horizon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
