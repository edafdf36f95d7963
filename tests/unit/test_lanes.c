/* The blocks of the monthly step written over lanes (model/lockstep.h) give,
 * in a group of four runs in lockstep (lanes_unit.c, compiled in lanes),
 * the bits that the library's step gives each run: every member of the
 * state (model/state.def), the run's totals and cause after the block
 * (brink_summary), and what the block returns, on the months of real
 * runs of built-in cases under every policy, the group refilled with the
 * next run as runs end. Blocks: the economy (fiscal, money, output), bypass
 * and adaptation, patrons, proxies, insurgency, politics (with its draws of
 * a regime crisis and a coup), the instruments of sanctions and the relief
 * in force, the programme and incidents (with their draws), and prices,
 * third parties' compliance and trade (whose loops over parties and goods
 * take several parties of a run to a vector in the library, one party of
 * every run in lanes), the month's loss, its erosion and the run's
 * running totals and economic events, deliberate force (ultimatums,
 * strikes, invasion), the senders (elections, relief taken back on the run
 * by the library, backing down, leaving) and backsliding (an agreement
 * found broken voided on the run by the library).
 *
 * The cases are chosen so that the lanes of a group part ways: some short
 * of foreign exchange and some not, printing, printing beyond what any
 * money demand yields, drawing patrons' credit, abandoning the currency, a
 * patron's support crossing half, an insurgency moving or standing still,
 * a civil war, a crisis or a coup drawn, sanctions eased or moved by the
 * whole ramp, the programme rolled back, an incident and its escalation
 * drawn, a buyer's channels able to carry more than its trade, income
 * falling below the needs, reserves no longer meeting the gap (and
 * patrons' credit filling it), hyperinflation beginning, ultimatums
 * issued, carried out and lapsing, strikes, invasions and escalating strike
 * campaigns, elections, relief taken back, a sender backing down or
 * leaving, agreements broken in secret and found out. The test counts
 * those months and fails if any kind never occurs.
 * To reach the rarest, one lane at a time is now and then set apart: its
 * money demand far down (as in a hyperinflation), its first patron just
 * above half its starting commitment and falling, its coalition aiming at
 * no sanctions, its lead sender granting relief, its bypass channels
 * developed four times over, its inflation above 50% a month, its needs
 * above its income or patrons' credit filling its gap for the first time.
 *
 * Whole runs too: every run of a group of runs in lanes, its month
 * written over lanes (model/month.c) and a lane taking the next run as one
 * ends (model/lockstep/group.c), ends as the library's brink_sim_run leaves
 * it, to the bit, in every outcome the model has.
 *
 * Also: a run goes into a lane and comes out unchanged, member by member,
 * its lane holding the numbers of its own policy in force. */
#include <math.h>
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
#include "model/isa.h"
#include "model/mechanisms.h"
#include "model/sim_var.h"
#include "model/state.h"
#include "model/valuation.h"
#include "model/valuation.h"

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
#define CMP_RUN_D(name) CMP_D(name)
#define CMP_RUN_I(name) CMP_D(name)
#define CMP_RUN_U(name) CMP_D(name)
#define CMP_FORCE(name)                                                                            \
    if (force_differs(&a->name, &b->name)) {                                                       \
        CMP_NOTE(name)                                                                             \
    }
#define CMP_SUMMARY(name)
#define BRINK_STATE(kind, name, dims, by, doc) CMP_##kind(name)
#include "model/state.def"
#undef BRINK_STATE
    return n;
}

/* Whether the run's totals a and b differ: any count, the cause, or any
 * bit of a total. */
static int summary_differs(const brink_summary *a, const brink_summary *b)
{
    int n = a->outcome != b->outcome || strcmp(a->cause, b->cause) != 0;
#define CMP_INT(f) n += a->f != b->f;
#define CMP_DBL(f) n += memcmp(&a->f, &b->f, sizeof a->f) != 0;
    CMP_INT(outcome_month)
    CMP_INT(first_agreement_month)
    CMP_INT(deal_month)
    CMP_INT(months_below_breakeven)
    CMP_INT(offers)
    CMP_INT(accepts)
    CMP_INT(incidents)
    CMP_INT(strikes)
    CMP_INT(milestones_verified)
    CMP_INT(elections)
    CMP_INT(reversals)
    CMP_INT(max_hostility)
    CMP_INT(max_crisis)
    CMP_DBL(gdp_loss_usd_bn)
    CMP_DBL(sender_cost_usd_bn)
    CMP_DBL(programme_end)
    CMP_DBL(reserves_end_usd_bn)
    CMP_DBL(trust_end)
    CMP_DBL(belief_end)
    CMP_DBL(resolve)
#undef CMP_INT
#undef CMP_DBL
    return n > 0;
}

/* Kinds of month in which the lanes of a group part ways. */
enum {
    SHORT_MIXED,
    PRINTING,
    BEYOND,
    CREDIT,
    DOLLARISED,
    PATRON_EVENT,
    INSURGENT,
    CIVIL_WAR,
    CRISIS,
    COUP,
    ROLLBACK,
    EASED,
    RAMPED,
    INCIDENT,
    ESCALATION,
    CHANNELS_FULL,
    BELOW_BEGINS,
    FLOOR_REACHED,
    FLOOR_CREDIT,
    HYPER_BEGINS,
    ULT_ISSUED,
    ULT_CARRIED,
    ULT_LAPSED,
    STRIKE,
    INVADED,
    STRIKE_WAR,
    ELECTION,
    TAKE_BACK,
    BACKS_DOWN,
    DEFECTS,
    CHEAT_STARTS,
    CHEAT_FOUND,
    KINDS
};
static const char *const kind_name[KINDS] = {"short and not short in one group",
                                             "printing",
                                             "printing beyond the demand",
                                             "patrons' credit",
                                             "currency abandoned",
                                             "a patron's support crosses half",
                                             "an insurgency moves",
                                             "civil war begins",
                                             "regime crisis drawn",
                                             "coup drawn",
                                             "the programme rolled back",
                                             "sanctions eased",
                                             "sanctions moved by the whole ramp",
                                             "incident drawn",
                                             "incident escalated",
                                             "a buyer's channels past its trade",
                                             "income falls below the needs",
                                             "reserves no longer meet the gap",
                                             "... and patrons' credit fills it",
                                             "hyperinflation begins",
                                             "an ultimatum issued",
                                             "an ultimatum carried out",
                                             "an ultimatum lapses",
                                             "a strike",
                                             "an invasion",
                                             "a strike campaign escalates",
                                             "a sender's election",
                                             "a sender takes back its relief",
                                             "the lead sender backs down",
                                             "a sender leaves the coalition",
                                             "an agreement secretly broken",
                                             "a broken agreement found out"};

typedef struct {
    long months, kinds[KINDS];
} tally;

/* Block b of run s in the library, as lanes_unit_block does it in lanes;
 * counts the kinds of month it meets. */
static void block_scalar(lanes_block b, brink_sim *s, const double u[2], double ret[2], tally *t,
                         int *short_)
{
    ret[0] = ret[1] = 0;
    switch (b) {
    case LANES_ECONOMY: {
        int was_dollarised = s->st.dollarised;
        brink_fiscal_step(s);
        *short_ += s->st.gap > 0;
        t->kinds[PRINTING] += s->st.monetised > 0;
        t->kinds[CREDIT] += s->st.credit_drawn > 0;
        double monetised = s->st.monetised;
        brink_money_step(s, u[0]);
        t->kinds[BEYOND] += s->st.monetised < monetised;
        t->kinds[DOLLARISED] += s->st.dollarised && !was_dollarised;
        brink_output_step(s);
        ret[0] = brink_output_drive(s);
        break;
    }
    case LANES_BYPASS:
        brink_bypass_step(s);
        break;
    case LANES_PATRONS: {
        double half[BRINK_MAX_PATRONS];
        for (int j = 0; j < s->p.n_patrons; j++)
            half[j] = (s->st.commitment[j] >= 0.5 * s->p.patron[j].commitment);
        brink_patrons_step(s);
        for (int j = 0; j < s->p.n_patrons; j++)
            t->kinds[PATRON_EVENT] +=
                half[j] != (s->st.commitment[j] >= 0.5 * s->p.patron[j].commitment);
        break;
    }
    case LANES_PROXIES:
        brink_proxies_step(s);
        break;
    case LANES_INSURGENCY: {
        double before = s->st.insurgency;
        int war = s->st.civil_war;
        brink_insurgency_step(s);
        t->kinds[INSURGENT] += s->st.insurgency != before;
        t->kinds[CIVIL_WAR] += s->st.civil_war && !war;
        break;
    }
    case LANES_POLITICS: {
        int k = brink_politics_step(s, u[0], u[1]);
        t->kinds[CRISIS] += k == 1;
        t->kinds[COUP] += k == 2;
        ret[0] = k;
        double coup;
        brink_regime_hazards(s, &ret[1], &coup);
        break;
    }
    case LANES_SANCTIONS: {
        double s_pol = s->st.s_pol;
        brink_sanctions_step(s);
        brink_relief_update(s);
        t->kinds[EASED] += s->st.s_pol < s_pol;
        t->kinds[RAMPED] += fabs(s->st.s_pol - s_pol) == s->p.policy[s->st.policy].sanctions_ramp;
        break;
    }
    case LANES_CONFLICT: {
        double programme = s->st.programme;
        brink_programme_step(s);
        t->kinds[ROLLBACK] += s->st.programme < programme;
        int incidents = s->st.sum.incidents;
        int k = brink_conflict_step(s, u[0], u[1]);
        t->kinds[INCIDENT] += s->st.sum.incidents > incidents;
        t->kinds[ESCALATION] += k == 1;
        ret[0] = k;
        ret[1] = brink_incident_probability(s);
        break;
    }
    case LANES_TRADE: {
        /* a buyer whose channels in use could carry more than its trade */
        const brink_policy_num *pol = &s->p.policy[s->st.policy];
        int full = 0;
        for (int i = 0; i < s->p.n_parties; i++) {
            double raw = 0;
            for (int c = 0; c < s->p.n_channels; c++)
                raw += s->access_t[c][i] * s->p.channel[c].capacity * s->st.bypass[c] *
                       (1.0 - pol->interdiction);
            full |= raw > 1;
        }
        t->kinds[CHANNELS_FULL] += full;
        brink_prices_step(s, u[0]);
        brink_compliance_step(s);
        brink_trade_step(s);
        break;
    }
    case LANES_ACCOUNT: {
        int below = s->st.below_breakeven, floor = s->st.at_floor, hyper = s->st.hyper;
        s->st.loss = brink_flow_loss(s, &ret[0]);
        s->st.eta = brink_erosion_rate(s);
        brink_account_step(s);
        t->kinds[BELOW_BEGINS] += s->st.below_breakeven && !below;
        t->kinds[FLOOR_REACHED] += s->st.at_floor && !floor;
        t->kinds[FLOOR_CREDIT] +=
            s->st.at_floor && !floor && s->st.monetised <= 0 && s->st.unfunded <= 0;
        t->kinds[HYPER_BEGINS] += s->st.hyper && !hyper;
        break;
    }
    case LANES_FORCE: {
        brink_state *st = &s->st;
        int issued = st->ult_issued, strikes = st->sum.strikes;
        int carried = st->ult_deadline >= 0 && st->t >= st->ult_deadline && st->ult_carry &&
                      !st->deal_standing;
        double credibility = st->cred_discount;
        int k = brink_force_step(s, u[0], u[1]);
        t->kinds[ULT_ISSUED] += st->ult_issued && !issued;
        t->kinds[ULT_CARRIED] += carried;
        t->kinds[ULT_LAPSED] += st->cred_discount < credibility;
        t->kinds[STRIKE] += st->sum.strikes > strikes;
        t->kinds[INVADED] += k && st->sum.strikes == strikes;
        t->kinds[STRIKE_WAR] += k && st->sum.strikes > strikes;
        ret[0] = k;
        ret[1] = brink_force_terms_hazard(&st->force);
        break;
    }
    case LANES_SENDERS: {
        brink_state *st = &s->st;
        int elections = st->sum.elections, reversals = st->sum.reversals, in = 0, out = 0;
        for (int k = 1; k < s->p.n_senders; k++)
            in += st->part[k] > 0;
        int k = brink_senders_step(s, 1);
        for (int j = 1; j < s->p.n_senders; j++)
            out += st->part[j] > 0;
        t->kinds[ELECTION] += st->sum.elections > elections;
        t->kinds[TAKE_BACK] += st->sum.reversals > reversals;
        t->kinds[BACKS_DOWN] += k == 1;
        t->kinds[DEFECTS] += out < in;
        ret[0] = k;
        break;
    }
    case LANES_BACKSLIDE: {
        unsigned cheating = s->st.cheating;
        int k = brink_backslide_step(s, 1) != 0;
        t->kinds[CHEAT_STARTS] += (s->st.cheating & ~cheating) != 0;
        t->kinds[CHEAT_FOUND] += k;
        ret[0] = k;
        break;
    }
    case LANES_BLOCKS:
        break;
    }
}

/* A run into the next free lane: run index *next under policy pol. */
static void refill(brink_sim *sim, int pol, uint64_t *next)
{
    assert_int_equal(brink_sim_init(sim, pol, 11, (*next)++, 1, 0, NULL), BRINK_OK);
}

/* copy = sim, but for the copy's own heap blocks, which it frees */
static void copy_run(brink_sim *copy, const brink_sim *sim)
{
    brink_param_draw *plan = copy->plan;
    double *drawn = copy->drawn;
    memcpy(copy, sim, sizeof *copy);
    copy->plan = plan;
    copy->drawn = drawn;
}

static void check_case(const char *name, int months_max, tally *t)
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin(name, &errs);
    assert_non_null(sc);
    brink_sim *drive[N], *copy[N], *lane_copy[N];
    for (int l = 0; l < N; l++) {
        drive[l] = brink_sim_alloc(sc, NULL);
        copy[l] = brink_sim_alloc(sc, NULL);
        lane_copy[l] = brink_sim_alloc(sc, NULL);
        assert_non_null(lane_copy[l]);
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
            for (int b = 0; b < LANES_BLOCKS; b++) {
                double u[2][N], ret[2][N];
                for (int l = 0; l < N; l++) {
                    copy_run(copy[l], drive[l]);
                    /* the shock's normal; draws of the hazards that fall
                     * below them now and then */
                    u[0][l] = b == LANES_ECONOMY || b == LANES_TRADE
                                  ? 0.7 * (l - 1.5) + 0.01 * month
                                  : 0.002 * ((month * 7 + l * 3) % 11);
                    u[1][l] = 0.002 * ((month * 5 + l) % 13);
                }
                /* now and then one lane's money demand far below its
                 * month-0 level (as in a hyperinflation), so that what it
                 * prints can pass what any demand yields while the other
                 * lanes' does not */
                if (b == LANES_ECONOMY && month % 5 == 2)
                    copy[(month / 5) % N]->st.money_log = -8.0 - 0.1 * month;
                /* and one lane's coalition aiming at no sanctions, another's
                 * lead sender granting relief */
                if (b == LANES_SANCTIONS && month % 4 == 3) {
                    copy[(month / 4) % N]->st.s_target = 0;
                    copy[(month / 4 + 1) % N]->st.relief[0] = 0.5;
                }
                /* and one lane's first patron just above half its starting
                 * commitment, heading for none, so that it crosses half */
                if (b == LANES_PATRONS && month % 3 == 1 && copy[0]->p.n_patrons > 0) {
                    brink_sim *s = copy[(month / 3) % N];
                    s->st.commitment[0] = 0.5 * s->p.patron[0].commitment + 1e-3;
                    s->st.commit_goal[0] = 0;
                }
                /* and one lane's channels developed four times over, so
                 * that they can carry more than a buyer's trade */
                if (b == LANES_TRADE && month % 6 == 5) {
                    brink_sim *s = copy[(month / 6) % N];
                    for (int c = 0; c < s->p.n_channels; c++)
                        s->st.bypass[c] = 4.0;
                }
                /* and one lane's inflation above 50% a month for the first
                 * time, another's needs above its income for the first time */
                if (b == LANES_ACCOUNT && month % 7 == 3) {
                    brink_sim *s = copy[(month / 7) % N];
                    s->st.pi = 0.5;
                    s->st.hyper = 0;
                    s = copy[(month / 7 + 1) % N];
                    s->st.need = s->st.income + s->st.transfers + s->st.aid + 1.0;
                    s->st.below_breakeven = 0;
                }
                /* and one lane's reserves no longer meeting the gap for the
                 * first time, patrons' credit filling it */
                if (b == LANES_ACCOUNT && month % 7 == 5) {
                    brink_sim *s = copy[(month / 7) % N];
                    s->st.credit_drawn = 0.5;
                    s->st.monetised = s->st.unfunded = 0;
                    s->st.at_floor = 0;
                }
                /* (the group's runs are copies of their own: a rare piece
                 * of a block runs on its lane's run) */
                for (int l = 0; l < N; l++)
                    copy_run(lane_copy[l], copy[l]);
                assert_int_equal(lanes_unit_block((lanes_block)b, lane_copy, u, lanes, ret), 0);
                int short_ = 0;
                for (int l = 0; l < N; l++) {
                    brink_sim *s = copy[l];
                    double mine[2], ul[2] = {u[0][l], u[1][l]};
                    block_scalar((lanes_block)b, s, ul, mine, t, &short_);
                    const char *first = "";
                    int diffs = state_diffs(&lanes[l], &s->st, &first);
                    if (summary_differs(&lanes[l].sum, &s->st.sum) && diffs++ == 0)
                        first = "sum";
                    if (diffs || memcmp(mine, (double[2]){ret[0][l], ret[1][l]}, sizeof mine))
                        fail_msg("%s, policy %d, month %d, block %d, lane %d: %d members "
                                 "differ (first: %s); returns %.17g %.17g vs %.17g %.17g",
                                 name, pol, month, b, l, diffs, first, ret[0][l], ret[1][l],
                                 mine[0], mine[1]);
                }
                if (b == LANES_ECONOMY) {
                    t->kinds[SHORT_MIXED] += short_ > 0 && short_ < N;
                    t->months += N;
                }
            }
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
        brink_sim_free(lane_copy[l]);
    }
    brink_scenario_free(sc);
}

static void test_blocks_in_lanes(void **state)
{
    (void)state;
    tally t;
    memset(&t, 0, sizeof t);
    /* the default case; hyperinflations and dollarisation; patrons' credit
     * (Russia's to Belarus, China's to North Korea); insurgencies (Libya,
     * Afghanistan); ultimatums (Cote d'Ivoire), invasion (Iraq 1990) */
    static const char *const cases[] = {
        "iran-2025",       "zimbabwe-2002", "venezuela-2019",   "north-korea-2016",  "belarus-2006",
        "yugoslavia-1998", "libya-2011",    "afghanistan-1999", "cote-divoire-2010", "iraq-1990"};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        check_case(cases[c], 150, &t);
    for (int k = 0; k < KINDS; k++) {
        printf("  %-36s %ld of %ld run-months\n", kind_name[k], t.kinds[k], t.months);
        if (t.kinds[k] == 0)
            fail_msg("no month of the kind \"%s\": the lanes' choices of it are untested",
                     kind_name[k]);
    }
}

/* Whole runs: each run of a group of runs in lanes, a lane taking the next
 * run as one ends (model/lockstep/group.c), ends with the state and totals
 * the library's brink_sim_run gives it, to the bit; every policy of each
 * case (the default one follows the case's timeline), a number of runs
 * that leaves lanes without a run at the end. */
static void test_whole_runs(void **state)
{
    (void)state;
    static const char *const cases[] = {"iran-2025",        "zimbabwe-2002",    "venezuela-2019",
                                        "north-korea-2016", "belarus-2006",     "yugoslavia-1998",
                                        "libya-2011",       "afghanistan-1999", "cote-divoire-2010",
                                        "iraq-1990",        "iran-2018",        "haiti-1991"};
    enum { RUNS = 23 };
    long checked = 0, months = 0, var_months = 0;
    int outcomes[BRINK_OUTCOME_COUNT] = {0};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        brink_error_list errs;
        memset(&errs, 0, sizeof errs);
        brink_scenario *sc = brink_scenario_load_builtin(cases[c], &errs);
        assert_non_null(sc);
        brink_sim *lib = brink_sim_alloc(sc, NULL);
        brink_state *lanes = calloc(RUNS, sizeof *lanes);
        size_t row = (size_t)LANES_UNIT_MONTHS * BRINK_VAR_COUNT;
        double *vars = calloc(RUNS * row, sizeof *vars);
        assert_non_null(lib);
        assert_non_null(lanes);
        assert_non_null(vars);
        for (int pol = 0; pol < brink_scenario_policy_count(sc); pol++) {
            assert_int_equal(lanes_unit_runs(sc, pol, 9, RUNS, lanes, vars), 0);
            for (int r = 0; r < RUNS; r++) {
                assert_int_equal(brink_sim_init(lib, pol, 9, (uint64_t)r, 1, 0, NULL), BRINK_OK);
                assert_true(lib->st.horizon <= LANES_UNIT_MONTHS);
                /* every variable the runs report, month by month */
                for (int more = 1; more;) {
                    more = brink_sim_step(lib);
                    int m = lib->st.t - 1;
                    for (int v = 0; v < BRINK_VAR_COUNT; v++) {
                        double x = brink_sim_var_on_scale_(lib, (brink_var)v);
                        double y = vars[r * row + (size_t)m * BRINK_VAR_COUNT + (size_t)v];
                        if (memcmp(&x, &y, sizeof x) != 0)
                            fail_msg("%s, policy %d, run %d, month %d: %s is %.17g in lanes, "
                                     "%.17g in the library",
                                     cases[c], pol, r, m, brink_var_name((brink_var)v), y, x);
                    }
                    var_months++;
                }
                const char *first = "";
                int diffs = state_diffs(&lanes[r], &lib->st, &first);
                if (summary_differs(&lanes[r].sum, &lib->st.sum) && diffs++ == 0)
                    first = "sum";
                if (diffs)
                    fail_msg("%s, policy %d, run %d: %d members differ after the run (first: "
                             "%s); outcome %d in month %d vs %d in month %d",
                             cases[c], pol, r, diffs, first, lanes[r].sum.outcome,
                             lanes[r].sum.outcome_month, lib->st.sum.outcome,
                             lib->st.sum.outcome_month);
                outcomes[lib->st.sum.outcome]++;
                months += lib->st.t;
                checked++;
            }
        }
        free(vars);
        free(lanes);
        brink_sim_free(lib);
        brink_scenario_free(sc);
    }
    /* the pieces done on a run put back every row they change */
    long back, mismatches;
    lanes_unit_back_checks(&back, &mismatches);
    printf("  %ld pieces done on a lane's run, %ld rows changed and not put back\n", back,
           mismatches);
    assert_true(back > 1000);
    assert_int_equal(mismatches, 0);
    printf("  %ld runs, %ld run-months (%ld with every reported variable), the same to the bit; "
           "outcomes:",
           checked, months, var_months);
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        printf(" %s %d", brink_outcome_name((brink_outcome)o), outcomes[o]);
    printf("\n");
    /* the runs end every way the model has */
    for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
        if (outcomes[o] == 0)
            fail_msg("no run ended in %s: the lanes' way to it is untested",
                     brink_outcome_name((brink_outcome)o));
}

/* The library's own whole runs in lanes (model/isa/lanes.c, in the copies
 * of the step for wider processors, brink_lanes_run_) end each run as
 * brink_sim_run does and record each month's variables and status as the
 * library's runs give them, to the bit, in each copy this build has and
 * this processor runs (a copy that is not here is skipped, and said so). */
enum { ISA_MONTHS = 400 };

typedef struct {
    const brink_scenario *sc;
    int pol;
    int next, n;
    int at[8];
    brink_state *out;
    double *vals;          /* run r's: [r][var][month] */
    unsigned char *status; /* [r][month] */
} isa_source;

static int isa_next(void *ctx, int l, brink_sim *sim, brink_lanes_record *rec)
{
    isa_source *u = ctx;
    if (u->next >= u->n)
        return 0;
    assert_int_equal(brink_sim_init(sim, u->pol, 4, (uint64_t)u->next, 1, 0, NULL), BRINK_OK);
    u->at[l] = u->next;
    rec->vals = &u->vals[(size_t)u->next * BRINK_VAR_COUNT * ISA_MONTHS];
    rec->status = &u->status[(size_t)u->next * ISA_MONTHS];
    u->next++;
    return 1;
}

static void isa_done(void *ctx, int l, brink_sim *sim)
{
    isa_source *u = ctx;
    u->out[u->at[l]] = sim->st;
}

static void test_library_lanes(void **state)
{
    (void)state;
    static const char *const cases[] = {"iran-2025", "iraq-1990", "zimbabwe-2002", "iran-2018"};
    enum { RUNS = 37 };
    for (int isa = BRINK_ISA_V3; isa < BRINK_ISA_COUNT; isa++) {
        if (!brink_isa_force_(isa)) {
            printf("  SKIP: no %s copy here (not built, or not this processor's)\n",
                   brink_isa_name_((brink_isa)isa));
            continue;
        }
        int w = brink_lanes_width_();
        assert_true(w == 4 || w == 8);
        long checked = 0;
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            brink_error_list errs;
            memset(&errs, 0, sizeof errs);
            brink_scenario *sc = brink_scenario_load_builtin(cases[c], &errs);
            assert_non_null(sc);
            brink_sim *lib = brink_sim_alloc(sc, NULL), *lane[8] = {0};
            brink_state *out = calloc(RUNS, sizeof *out);
            double *vals = calloc((size_t)RUNS * BRINK_VAR_COUNT * ISA_MONTHS, sizeof *vals);
            unsigned char *status = calloc((size_t)RUNS * ISA_MONTHS, 1);
            brink_var vars[BRINK_VAR_COUNT];
            for (int v = 0; v < BRINK_VAR_COUNT; v++)
                vars[v] = (brink_var)v;
            assert_non_null(lib);
            assert_non_null(out);
            assert_non_null(vals);
            assert_non_null(status);
            for (int l = 0; l < w; l++)
                assert_non_null(lane[l] = brink_sim_alloc(sc, NULL));
            for (int pol = 0; pol < brink_scenario_policy_count(sc); pol++) {
                isa_source u = {
                    .sc = sc, .pol = pol, .n = RUNS, .out = out, .vals = vals, .status = status};
                brink_lanes_source src = {.next = isa_next,
                                          .done = isa_done,
                                          .ctx = &u,
                                          .vars = vars,
                                          .n_vars = BRINK_VAR_COUNT,
                                          .horizon = ISA_MONTHS};
                assert_int_equal(brink_lanes_run_(lane, &src), 0);
                assert_int_equal(u.next, RUNS);
                for (int r = 0; r < RUNS; r++) {
                    assert_int_equal(brink_sim_init(lib, pol, 4, (uint64_t)r, 1, 0, NULL),
                                     BRINK_OK);
                    assert_true(lib->st.horizon <= ISA_MONTHS);
                    /* each month's variables and status, as the ensemble
                     * records them */
                    for (int more = 1; more;) {
                        more = brink_sim_step(lib);
                        int m = lib->st.t - 1;
                        const double *row = &vals[(size_t)r * BRINK_VAR_COUNT * ISA_MONTHS];
                        for (int v = 0; v < BRINK_VAR_COUNT; v++) {
                            double x = brink_sim_var_on_scale_(lib, (brink_var)v);
                            if (memcmp(&x, &row[v * ISA_MONTHS + m], sizeof x) != 0)
                                fail_msg("%s lanes, %s, policy %d, run %d, month %d: %s differs",
                                         brink_isa_name_((brink_isa)isa), cases[c], pol, r, m,
                                         brink_var_name((brink_var)v));
                        }
                        const brink_summary *sm = &lib->st.sum;
                        uint32_t want =
                            more ? brink_running_status(sm->deal_month, sm->first_agreement_month,
                                                        lib->st.relief_avg)
                                 : (uint32_t)sm->outcome;
                        assert_int_equal(status[(size_t)r * ISA_MONTHS + (size_t)m], want);
                    }
                    const char *first = "";
                    int diffs = state_diffs(&out[r], &lib->st, &first);
                    if (summary_differs(&out[r].sum, &lib->st.sum) && diffs++ == 0)
                        first = "sum";
                    if (diffs)
                        fail_msg("%s lanes, %s, policy %d, run %d: %d members differ (first: %s)",
                                 brink_isa_name_((brink_isa)isa), cases[c], pol, r, diffs, first);
                    checked++;
                }
            }
            for (int l = 0; l < w; l++)
                brink_sim_free(lane[l]);
            free(status);
            free(vals);
            free(out);
            brink_sim_free(lib);
            brink_scenario_free(sc);
        }
        printf("  %s, %d runs to a group: %ld runs, their months' records too, the same to "
               "the bit\n",
               brink_isa_name_((brink_isa)isa), w, checked);
    }
    /* the base copy has no lanes: it says so, and runs nothing */
    assert_int_equal(brink_isa_force_(BRINK_ISA_BASE), 1);
    assert_int_equal(brink_lanes_width_(), 0);
    isa_source none = {.n = 1};
    brink_lanes_source src = {.next = isa_next, .done = isa_done, .ctx = &none};
    assert_int_equal(brink_lanes_run_(NULL, &src), -2);
    assert_int_equal(none.next, 0);
    assert_int_equal(brink_isa_force_(-1), 1);
}

/* The default case's runs 0 .. N-1 (seed), run l under policy
 * policy(l) and stepped months(l) months (or to its end): into run[]; the
 * scenario is returned. */
static brink_scenario *default_runs(brink_sim *run[N], uint64_t seed, int (*policy)(int, int),
                                    int (*months)(int))
{
    brink_error_list errs;
    memset(&errs, 0, sizeof errs);
    brink_scenario *sc = brink_scenario_load_builtin("iran-2025", &errs);
    assert_non_null(sc);
    for (int l = 0; l < N; l++) {
        run[l] = brink_sim_alloc(sc, NULL);
        assert_non_null(run[l]);
        assert_int_equal(brink_sim_init(run[l], policy(l, brink_scenario_policy_count(sc)), seed,
                                        (uint64_t)l, 1, 0, NULL),
                         BRINK_OK);
        for (int m = 0; m < months(l) && brink_sim_step(run[l]); m++)
            ;
    }
    return sc;
}

static int policy_by_lane(int l, int policies)
{
    return l % policies;
}

static int months_apart(int l)
{
    return 10 * l + 3;
}

static void test_round_trip(void **state)
{
    (void)state;
    brink_sim *run[N];
    brink_scenario *sc = default_runs(run, 5, policy_by_lane, months_apart);
    brink_state *out = calloc(N, sizeof *out);
    brink_policy_num *pol = calloc(N, sizeof *pol);
    assert_non_null(out);
    assert_non_null(pol);
    assert_int_equal(lanes_unit_round_trip(run, out, pol), 0);
    for (int l = 0; l < N; l++) {
        const char *first = "";
        int diffs = state_diffs(&out[l], &run[l]->st, &first);
        if (diffs)
            fail_msg("lane %d: %d members changed on the way (first: %s)", l, diffs, first);
        assert_false(summary_differs(&out[l].sum, &run[l]->st.sum));
        /* each lane has the numbers of its own run's policy in force */
        assert_memory_equal(&pol[l], &run[l]->p.policy[run[l]->st.policy], sizeof pol[l]);
    }
    /* the lanes differ: the runs are not copies of one another, nor their
     * policies */
    assert_true(out[0].t != out[3].t);
    assert_true(memcmp(&pol[0], &pol[1], sizeof pol[0]) != 0);
    free(pol);
    free(out);
    for (int l = 0; l < N; l++)
        brink_sim_free(run[l]);
    brink_scenario_free(sc);
}

/* A slot's uniforms in lanes are each run's own for the lane's month, before
 * a month and after one: the slots the group draws with the month
 * (g->month_u) as well as one it draws when asked, so that what a month
 * drew never serves the next. */
static int default_policy(int l, int policies)
{
    (void)l;
    (void)policies;
    return 0;
}

static int months_near_start(int l)
{
    return 2 * l;
}

static void test_draws(void **state)
{
    (void)state;
    /* (months apart, and with no end in the month: the default policy near
     * its start) */
    brink_sim *run[N];
    brink_scenario *sc = default_runs(run, 11, default_policy, months_near_start);
    const uint32_t slots[] = {BRINK_SLOT_SHOCKS, BRINK_SLOT_SENDER0, BRINK_SLOT_AGREEMENT0,
                              BRINK_SLOT_AGREEMENT0 + 1, BRINK_SLOT_ULTIMATUM};
    for (size_t k = 0; k < sizeof slots / sizeof slots[0]; k++) {
        brink_sim *copy[N];
        int t0[N];
        for (int l = 0; l < N; l++) {
            copy[l] = brink_sim_alloc(sc, NULL);
            assert_non_null(copy[l]);
            copy_run(copy[l], run[l]);
            t0[l] = run[l]->st.t;
        }
        double before[4][N], after[4][N], want[4];
        int t1[N];
        assert_int_equal(lanes_unit_draws(copy, slots[k], before, after, t1), 0);
        for (int l = 0; l < N; l++) {
            assert_int_equal(t1[l], t0[l] + 1);
            brink_rng_u4_scalar(&run[l]->rng, BRINK_STREAM_EVENTS, (uint32_t)t0[l], slots[k], want);
            for (int i = 0; i < 4; i++)
                assert_memory_equal(&before[i][l], &want[i], sizeof want[i]);
            brink_rng_u4_scalar(&run[l]->rng, BRINK_STREAM_EVENTS, (uint32_t)t1[l], slots[k], want);
            for (int i = 0; i < 4; i++)
                assert_memory_equal(&after[i][l], &want[i], sizeof want[i]);
        }
        for (int l = 0; l < N; l++)
            brink_sim_free(copy[l]);
    }
    for (int l = 0; l < N; l++)
        brink_sim_free(run[l]);
    brink_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_blocks_in_lanes),
        cmocka_unit_test(test_whole_runs), cmocka_unit_test(test_library_lanes),
        cmocka_unit_test(test_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
