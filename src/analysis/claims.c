/* The sixteen claims of the seed as paired experiments (see claims.h).
 * A claim is data: arms (each a policy plus a few overrides), an observer
 * that records what a run did, and tests, each a contrast between arms. */
#include "brink/claims.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "brink/stats.h"
#include "io/scenario_internal.h"
#include "model/belief.h"
#include "model/mechanisms.h"
#include "model/state.h"

#define MAX_ARMS 4
#define MAX_SETS 48
#define SET_LEN 200

/* What one run did, as the tests need it. */
typedef struct {
    double agreed;        /* any agreement (accepted offer or milestone) */
    double deal;          /* a comprehensive deal */
    double agreed24;      /* an agreement within the first 24 months */
    double agreed12;      /* an agreement within the first 12 months */
    double war;
    double progress;      /* milestones verified + issues agreed at the end */
    double exports24;     /* mean exports, months 0-23 */
    double shortfall12;   /* capacity minus exports at month 12 */
    double shortfall96;
    double reserves24;
    double inflation_peak; /* highest inflation over the run */
    double belief_jump;   /* change of the sender's expected resolve across the first rejection */
    double tighten_jump;  /* change of the sanctions target across it */
    double standing;      /* elections held with a deal standing */
    double reversals;     /* of those, reversed, less the configured probability each */
} run_obs;

#define OBS(field) offsetof(run_obs, field)

typedef struct {
    int policy;
    int n_sets;
    char sets[MAX_SETS][SET_LEN];
} arm;

typedef struct {
    int n_arms;
    arm arms[MAX_ARMS];
    char changed[600];
} design;

/* PROP: a binary outcome, two arms (Newcombe interval). MEAN: a per-run
 * contrast (t interval). POOLED: field over `den` summed over runs (a rate
 * per event, with the ratio estimator's cluster-robust interval). */
typedef enum { TEST_PROP, TEST_MEAN, TEST_POOLED } test_kind;

typedef struct {
    test_kind kind;
    size_t field;             /* run_obs member */
    double w[MAX_ARMS];       /* contrast weights over arms */
    int expect;
    double tolerance;         /* for expect = 0 */
    const char *what, *unit;
    size_t den;               /* POOLED: the denominator's run_obs member */
} test_def;

typedef struct {
    int id;
    const char *claim, *mechanisms, *explanation;
    /* Fills the design; returns 0, or -1 with a reason when not applicable. */
    int (*build)(const brink_scenario *sc, design *d, char *why, size_t size);
    int n_tests;
    test_def tests[BRINK_CLAIM_TESTS];
} claim_def;

/* ---- helpers for designs --------------------------------------------- */

static void add_set(arm *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_set(arm *a, const char *fmt, ...)
{
    if (a->n_sets >= MAX_SETS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->sets[a->n_sets++], SET_LEN, fmt, ap);
    va_end(ap);
}

static int policy_or_default(const brink_scenario *sc, const char *name)
{
    int i = brink_scenario_policy_index(sc, name);
    return i >= 0 ? i : brink_scenario_default_policy(sc);
}

static const char *pid(const brink_scenario *sc, int i)
{
    return brink_scenario_policy_name(sc, i);
}

/* Every arm gets the same overrides. In overrides, '@' stands for the arm's
 * policy id. */
static void all_arms(design *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void all_arms(design *d, const char *fmt, ...)
{
    char buf[SET_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (int a = 0; a < d->n_arms; a++)
        add_set(&d->arms[a], "%s", buf);
}

/* Absorbing events off: to watch slow economic dynamics over the horizon. */
static void no_absorbing(const brink_scenario *sc, design *d)
{
    all_arms(d, "behaviour.politics.crisis_max=0");
    all_arms(d, "behaviour.politics.coup_max=0");
    all_arms(d, "behaviour.conflict.incident_base=0");
    all_arms(d, "behaviour.force.max=0");
    all_arms(d, "behaviour.sender.give_up_max=0");
    for (int k = 0; k < sc->layout.n[BRINK_GROUP_SENDER]; k++)
        all_arms(d, "senders.%s.reversal_probability=0", sc->layout.id[BRINK_GROUP_SENDER][k]);
}

/* A policy that holds sanctions where they start and makes no offers. */
static void hold_sanctions(design *d, int a, int policy, double s)
{
    const char *p = NULL;
    (void)p;
    d->arms[a].policy = policy;
    add_set(&d->arms[a], "coalition.sanctions_initial=%g", s);
    add_set(&d->arms[a], "policies.@.sanctions={target: %g, ramp: 1, escalation: 0, max: 1}", s);
    add_set(&d->arms[a], "policies.@.offer.interval_months=0");
    add_set(&d->arms[a], "policies.@.entry.enabled=false");
}

/* ---- the claims ------------------------------------------------------- */

static int build_exposure(const brink_scenario *sc, design *d, char *why, size_t size)
{
    const brink_layout *lay = &sc->layout;
    if (lay->n[BRINK_GROUP_PARTY] == 0) {
        snprintf(why, size, "the scenario has no third parties");
        return -1;
    }
    int p = brink_scenario_default_policy(sc);
    d->n_arms = 2;
    hold_sanctions(d, 0, p, 0.8);
    hold_sanctions(d, 1, p, 0.8);
    for (int i = 0; i < lay->n[BRINK_GROUP_PARTY]; i++)
        for (int k = 0; k < lay->n[BRINK_GROUP_SENDER]; k++) {
            double x = brink_dist_point(&sc->values.party[i].exposure[k]);
            const char *id = lay->id[BRINK_GROUP_PARTY][i], *sk = lay->id[BRINK_GROUP_SENDER][k];
            add_set(&d->arms[0], "third_parties.%s.exposure.%s=%g", id, sk, x);
            add_set(&d->arms[1], "third_parties.%s.exposure.%s=%g", id, sk, fmin(1, x + 0.2));
        }
    snprintf(d->changed, sizeof d->changed,
             "every third party's exposure to the sender raised by 0.2 (capped at 1); sanctions "
             "held at 0.8 with no offers");
    return 0;
}

static int build_breakeven(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = brink_scenario_default_policy(sc);
    double be = brink_dist_point(&sc->values.s.target_fiscal_breakeven_usd_bn_year);
    d->n_arms = 2;
    hold_sanctions(d, 0, p, 0.8);
    hold_sanctions(d, 1, p, 0.8);
    add_set(&d->arms[1], "target.fiscal.breakeven_usd_bn_year=%g", be * 1.33);
    no_absorbing(sc, d);
    snprintf(d->changed, sizeof d->changed,
             "fiscal break-even raised by a third, from %g to %g USD bn a year, so income sits "
             "further below it; sanctions held at 0.8, absorbing outcomes off",
             be, be * 1.33);
    return 0;
}

/* Offers every 4 months from month 0 on the default policy's terms. */
static void frequent_offers(design *d, int a)
{
    add_set(&d->arms[a], "policies.@.offer.first_month=0");
    add_set(&d->arms[a], "policies.@.offer.interval_months=4");
    add_set(&d->arms[a], "policies.@.entry.enabled=false");
}

/* The setting of claims 3, 9 and 16: private issue-by-issue offers every 4
 * months from month 0, trust 0.8, sanctions held at s (from month 0 when
 * `from_start`), rhetoric as given. */
static void offers_under_pressure(design *d, int a, int policy, double rhetoric, double s,
                                  int from_start)
{
    d->arms[a].policy = policy;
    frequent_offers(d, a);
    add_set(&d->arms[a], "policies.@.bundling=unbundled");
    add_set(&d->arms[a], "policies.@.channel=private");
    add_set(&d->arms[a], "policies.@.rhetoric=%g", rhetoric);
    add_set(&d->arms[a], "target.trust=0.8");
    add_set(&d->arms[a], "policies.@.sanctions={target: %g, ramp: 1, escalation: 0, max: 1}", s);
    if (from_start)
        add_set(&d->arms[a], "coalition.sanctions_initial=%g", s);
}

static int build_pressure_behaviour(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "maximum_pressure");
    d->n_arms = 2;
    offers_under_pressure(d, 0, p, 0, 0.5, 1);
    offers_under_pressure(d, 1, p, 0, 1.0, 1);
    snprintf(d->changed, sizeof d->changed,
             "sanctions held at 1.0 instead of 0.5, under behaviour-change rhetoric (0) and "
             "durable deals (trust 0.8), with private issue-by-issue offers every 4 months (%s)",
             pid(sc, p));
    return 0;
}

static int build_durability(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "staged_reciprocity");
    d->n_arms = 4;
    for (int a = 0; a < 4; a++)
        d->arms[a].policy = p;
    add_set(&d->arms[1], "target.trust=0.05");
    for (int a = 2; a < 4; a++) {
        add_set(&d->arms[a], "target.trust=0");
        add_set(&d->arms[a], "behaviour.trust.tranche_gain=0");
        add_set(&d->arms[a], "behaviour.law.executive_break=1");
    }
    add_set(&d->arms[3], "target.economy.sanctions_drag=0.3");
    add_set(&d->arms[3], "target.economy.revenue_multiplier=4");
    snprintf(d->changed, sizeof d->changed,
             "%s: perceived durability (trust) cut from the scenario's to 0.05; then no "
             "durability at all (trust 0 and never rising, the executive's off-switch expected "
             "within months), with the scenario's pain and with extreme pain (non-oil drag 0.3, "
             "oil multiplier 4)",
             pid(sc, p));
    return 0;
}

static int build_public(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "staged_reciprocity");
    d->n_arms = 4;
    for (int a = 0; a < 4; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.@.channel=%s", a % 2 ? "public" : "private");
        add_set(&d->arms[a], "target.politics.hardliners=%g", a >= 2 ? 0.9 : 0.3);
        add_set(&d->arms[a], "behaviour.politics.hardliner_adjustment=0");
    }
    snprintf(d->changed, sizeof d->changed,
             "%s: the same offers made in public instead of in private, with hardliners held at "
             "0.3 and at 0.9",
             pid(sc, p));
    return 0;
}

static int build_rejection(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_policy_index(sc, "maximum_pressure");
    if (p < 0) {
        snprintf(why, size, "the scenario has no policy named maximum_pressure");
        return -1;
    }
    d->n_arms = 1;
    d->arms[0].policy = p;
    snprintf(d->changed, sizeof d->changed,
             "maximum_pressure as given; the sanctions target and the sender's expected "
             "resolve just before and just after the first rejected offer");
    return 0;
}

static int build_fatigue(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = brink_scenario_default_policy(sc);
    d->n_arms = 2;
    hold_sanctions(d, 0, p, 0.9);
    hold_sanctions(d, 1, p, 0.9);
    add_set(&d->arms[0], "policies.@.buy_in=0");
    add_set(&d->arms[1], "policies.@.buy_in=0.9");
    no_absorbing(sc, d);
    snprintf(d->changed, sizeof d->changed,
             "sanctions held at 0.9 for the whole run: the export shortfall in month 96 against "
             "month 12, without buy-in and with buy-in 0.9; absorbing outcomes off");
    return 0;
}

static int build_bundling(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = policy_or_default(sc, "maximum_pressure");
    if (sc->layout.n[BRINK_GROUP_ISSUE] < 2) {
        snprintf(why, size, "bundling needs at least two issues");
        return -1;
    }
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        frequent_offers(d, a);
        add_set(&d->arms[a], "policies.@.bundling=%s", a ? "bundled" : "unbundled");
        add_set(&d->arms[a], "policies.@.channel=private");
        add_set(&d->arms[a], "policies.@.rhetoric=0.3");
    }
    snprintf(d->changed, sizeof d->changed,
             "%s's issues offered as one all-or-nothing bundle instead of issue by issue "
             "(private offers every 4 months, rhetoric 0.3)",
             pid(sc, p));
    return 0;
}

static int build_regime_change(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "maximum_pressure");
    d->n_arms = 2;
    offers_under_pressure(d, 0, p, 1, 0.6, 1);
    offers_under_pressure(d, 1, p, 1, 1.0, 1);
    snprintf(d->changed, sizeof d->changed,
             "sanctions held at 1.0 instead of 0.6 under regime-change rhetoric (1), otherwise "
             "as in claim 3 (trust 0.8, private issue-by-issue offers every 4 months)");
    return 0;
}

static int build_reversals(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "maximum_pressure");
    d->n_arms = 1;
    d->arms[0].policy = p;
    add_set(&d->arms[0], "target.resolve=-9");
    add_set(&d->arms[0], "coalition.prior_resolve_mean=-9");
    add_set(&d->arms[0], "policies.@.offer.first_month=0");
    add_set(&d->arms[0], "policies.@.offer.interval_months=1");
    add_set(&d->arms[0], "behaviour.politics.crisis_max=0");
    add_set(&d->arms[0], "behaviour.conflict.incident_base=0");
    add_set(&d->arms[0], "behaviour.force.max=0");
    add_set(&d->arms[0], "behaviour.bargain.backslide_max=0");
    add_set(&d->arms[0], "behaviour.law.executive_break=0");
    snprintf(d->changed, sizeof d->changed,
             "%s with a target that accepts at once (resolve -20) so a deal stands at every "
             "election; the share of those elections that discard it, against "
             "sender.reversal_probability",
             pid(sc, p));
    return 0;
}

static int build_staged(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int a = brink_scenario_policy_index(sc, "maximum_pressure");
    int b = brink_scenario_policy_index(sc, "staged_reciprocity");
    if (a < 0 || b < 0) {
        snprintf(why, size, "needs policies named maximum_pressure and staged_reciprocity");
        return -1;
    }
    d->n_arms = 2;
    d->arms[0].policy = a;
    d->arms[1].policy = b;
    snprintf(d->changed, sizeof d->changed,
             "staged_reciprocity instead of maximum_pressure, both as given");
    return 0;
}

static int build_buyin_effect(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = brink_scenario_default_policy(sc);
    d->n_arms = 3;
    hold_sanctions(d, 0, p, 0.0);
    hold_sanctions(d, 1, p, 0.9);
    hold_sanctions(d, 2, p, 0.9);
    add_set(&d->arms[0], "policies.@.buy_in=0");
    add_set(&d->arms[1], "policies.@.buy_in=0");
    add_set(&d->arms[2], "policies.@.buy_in=0.9");
    snprintf(d->changed, sizeof d->changed,
             "the export loss that sanctions at 0.9 cause against no sanctions (months 0-23), "
             "with buy-in 0.9 against without buy-in");
    return 0;
}

static int build_deescalation(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = policy_or_default(sc, "staged_reciprocity");
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.@.rhetoric=%g", a ? 0.1 : 0.8);
        add_set(&d->arms[a], "policies.@.channel=public");
    }
    snprintf(d->changed, sizeof d->changed,
             "%s with rhetoric 0.1 instead of 0.8 (public offers, so face matters)", pid(sc, p));
    return 0;
}

static int build_posture(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    int p = brink_scenario_default_policy(sc);
    double posture = brink_dist_point(&sc->values.policy[p].posture);
    d->n_arms = 3;
    for (int a = 0; a < 3; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.@.hotline=%s", a == 2 ? "true" : "false");
    }
    add_set(&d->arms[1], "policies.@.posture=%g", fmin(1, posture + 0.3));
    for (int x = 0; x < sc->layout.n[BRINK_GROUP_PROXY]; x++)
        add_set(&d->arms[1], "proxies.%s.activity=%g", sc->layout.id[BRINK_GROUP_PROXY][x],
                fmin(1, brink_dist_point(&sc->values.proxy[x].activity) + 0.3));
    snprintf(d->changed, sizeof d->changed,
             "%s: posture raised by 0.3 and every proxy's activity by 0.3; separately, an open "
             "crisis channel (hotline)",
             pid(sc, p));
    return 0;
}

static int build_entry(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_policy_index(sc, "low_stakes_first");
    if (p < 0 || sc->layout.policy[p].on_success < 0) {
        snprintf(why, size, "needs a policy named low_stakes_first with an on_success policy");
        return -1;
    }
    const char *next = pid(sc, sc->layout.policy[p].on_success);
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.@.entry.success=%d", a);
        add_set(&d->arms[a], "policies.@.entry.value=5");
        add_set(&d->arms[a], "policies.@.on_failure=%s", next);
    }
    snprintf(d->changed, sizeof d->changed,
             "low_stakes_first with an exchange that succeeds instead of one that fails; both "
             "then follow %s, so only what the first step taught differs",
             next);
    return 0;
}

static int build_later(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = policy_or_default(sc, "maximum_pressure");
    /* where 48 months of the starting sanctions leave channels and adaptation */
    brink_sim *sim = brink_sim_alloc(sc, NULL);
    if (!sim) {
        snprintf(why, size, "out of memory");
        return -1;
    }
    brink_sim_init(sim, p, 1, 0, 0, 0, NULL);
    sim->p.policy[p].sanctions_target = sim->p.s.coalition_sanctions_initial;
    sim->p.policy[p].offer_interval_months = 0;
    sim->p.policy[p].entry_enabled = 0;
    sim->p.s.behaviour_politics_crisis_max = 0;
    sim->p.s.behaviour_conflict_incident_base = 0;
    sim->p.s.behaviour_force_max = 0;
    sim->p.s.behaviour_sender_give_up_max = 0;
    sim->st.s_target = sim->p.s.coalition_sanctions_initial;
    for (int t = 0; t < 48; t++)
        brink_sim_step(sim);
    d->n_arms = 2;
    offers_under_pressure(d, 0, p, 0, 1.0, 0);
    offers_under_pressure(d, 1, p, 0, 1.0, 0);
    for (int c = 0; c < sc->layout.n[BRINK_GROUP_CHANNEL]; c++)
        add_set(&d->arms[1], "channels.%s.initial=%.6f", sc->layout.id[BRINK_GROUP_CHANNEL][c],
                sim->st.bypass[c]);
    add_set(&d->arms[1], "target.economy.adaptation_initial=%.6f", sim->st.adaptation);
    brink_sim_free(sim);
    snprintf(d->changed, sizeof d->changed,
             "full pressure (as in claim 3) applied after 48 months of the starting sanctions: "
             "bypass channels and adaptation begin where those months left them");
    return 0;
}

#define W2(a, b) {a, b, 0, 0}
#define W4(a, b, c, d) {a, b, c, d}

static const claim_def claims[BRINK_CLAIMS] = {
    {1, "More exposure of third parties to the sender's market brings more compliance and fewer exports",
     "M2, M3", "each party weighs the sender's market (intensity x enforcement x reach x exposure x market ratio) against the target's trade; more exposure raises compliance and closes purchases",
     build_exposure, 1,
     {{TEST_MEAN, OBS(exports24), W2(-1, 1), -1, 0, "mean exports, months 0-23: more exposure - baseline", "mbpd", 0}}},
    {2, "Exports below break-even drain reserves; at the floor, inflation jumps",
     "M5, M6", "the fiscal gap against break-even revenue is drawn from reserves; once they reach the floor the gap is printed and inflation rises at once",
     build_breakeven, 2,
     {{TEST_MEAN, OBS(reserves24), W2(-1, 1), -1, 0, "reserves at month 24: higher break-even - baseline", "USD bn", 0},
      {TEST_MEAN, OBS(inflation_peak), W2(-1, 1), 1, 0, "peak inflation: higher break-even - baseline", "annual rate", 0}}},
    {3, "With behaviour-change rhetoric and durable deals, more pressure raises the chance of a deal",
     "M8, M10, M14", "pressure raises the cost of holding out (M8); with durable deals and no regime-change threat, relief is worth that cost, so acceptance rises",
     build_pressure_behaviour, 1,
     {{TEST_PROP, OBS(agreed24), W2(-1, 1), 1, 0, "P(agreement within 24 months): pressure 1.0 - pressure 0.5", "probability", 0}}},
    {4, "Lower deal durability lowers the chance of a deal; near-zero durability makes it near zero even under extreme pain",
     "M10", "relief is valued over the deal's perceived life; with no trust the executive's off-switch and the next election make relief worthless, while concessions stay",
     build_durability, 2,
     {{TEST_PROP, OBS(agreed24), W4(-1, 1, 0, 0), -1, 0, "P(agreement within 24 months): trust 0.05 - baseline", "probability", 0},
      {TEST_MEAN, OBS(agreed), W4(0, 0, -1, 1), 0, 0.02, "with no durability, P(agreement) under extreme pain - under the scenario's pain (pain buys nothing)", "probability", 0}}},
    {5, "Public offers are accepted less often than private ones on the same terms, the more so with strong hardliners",
     "M11, M20", "accepting in public costs face in proportion to hardliner strength; in private it does not",
     build_public, 2,
     {{TEST_PROP, OBS(agreed), W4(-1, 1, 0, 0), -1, 0, "P(agreement): public - private (hardliners 0.3)", "probability", 0},
      {TEST_MEAN, OBS(agreed), W4(1, -1, -1, 1), -1, 0, "public-private gap at hardliners 0.9 minus the gap at 0.3", "probability", 0}}},
    {6, "Under maximum pressure a rejection is followed by tighter sanctions and a higher estimate of the target's resolve",
     "M1, M12", "the policy escalates after each rejection; the sender updates its belief by Bayes' rule on the known choice rule, and a rejection is likelier from a resolute type",
     build_rejection, 2,
     {{TEST_MEAN, OBS(tighten_jump), W2(1, 0), 1, 0, "rise of the sanctions target at the first rejection", "intensity", 0},
      {TEST_MEAN, OBS(belief_jump), W2(1, 0), 1, 0, "rise of the sender's expected resolve at the first rejection", "GDP-months", 0}}},
    {7, "Constant sanctions lose effect over time (exports recover), less so with multilateral buy-in",
     "M4, M18, M20", "bypass channels learn under pressure and defiant buyers' logistics grow, so leakage and redirected barrels rise; buy-in cuts leakage and raises compliance",
     build_fatigue, 2,
     {{TEST_MEAN, OBS(shortfall96), W4(1, 0, 0, 0), -1, 0, "export shortfall in month 96 minus month 12, no buy-in (negative = recovery)", "mbpd", 0},
      {TEST_MEAN, OBS(shortfall96), W4(-1, 1, 0, 0), 1, 0, "that change with buy-in 0.9 minus without (positive = less recovery)", "mbpd", 0}}},
    {8, "Bundling all issues shrinks the zone of agreement and lowers the chance of a deal",
     "M13", "an all-or-nothing bundle is accepted only if the sum of its issues is worth it; issue by issue, each issue that is worth it can pass",
     build_bundling, 1,
     {{TEST_PROP, OBS(agreed), W2(-1, 1), -1, 0, "P(agreement): bundled - unbundled", "probability", 0}}},
    {9, "With regime-change rhetoric, more pressure does not raise the chance of a deal past a threshold",
     "M14", "under a regime-change threat the exit ramp disappears (pressure is expected to go on after a deal) and concessions weaken the regime before the final push; both grow with pressure",
     build_regime_change, 1,
     {{TEST_PROP, OBS(agreed), W2(-1, 1), -1, 0, "P(agreement): pressure 1.0 - pressure 0.6 (rhetoric 1)", "probability", 0}}},
    {10, "Deals are reversed at electoral months at the configured rate",
     "M10", "at each election of the sender a standing deal is discarded with sender.reversal_probability",
     build_reversals, 1,
     {{TEST_POOLED, OBS(reversals), W2(1, 0), 0, 0.05, "reversal rate at elections with a deal standing minus the configured probability", "probability", OBS(standing)}}},
    {11, "Staged reciprocity gives more verified progress and less accidental war than maximum pressure",
     "M15, M16, M20", "small verifiable steps are cheap to accept and pay tranches that build trust; lower posture and rhetoric and an open channel cut tension and escalation",
     build_staged, 2,
     {{TEST_MEAN, OBS(progress), W2(-1, 1), 1, 0, "verified progress (milestones + issues agreed): staged - maximum pressure", "steps", 0},
      {TEST_PROP, OBS(war), W2(-1, 1), -1, 0, "P(war): staged - maximum pressure", "probability", 0}}},
    {12, "Multilateral buy-in raises the effect of pressure on exports",
     "M2, M4, M20", "buy-in adds aligned parties' compliance and closes their bypass channels, so each unit of pressure closes more purchases",
     build_buyin_effect, 1,
     {{TEST_MEAN, OBS(exports24), W4(0, -1, 1, 0), -1, 0, "exports under sanctions 0.9: with buy-in - without (the no-sanctions level is the same for both)", "mbpd", 0}}},
    {13, "De-escalated rhetoric raises acceptance",
     "M11, M14, M20", "lower rhetoric lowers the audience cost (face), the exit-ramp fear and expected further demands",
     build_deescalation, 1,
     {{TEST_PROP, OBS(agreed), W2(-1, 1), 1, 0, "P(agreement): rhetoric 0.1 - rhetoric 0.8", "probability", 0}}},
    {14, "More posture and proxy activity bring more accidental war; an open channel brings less",
     "M15", "posture and proxy activity raise the incident hazard; an open channel lowers the chance that an incident escalates",
     build_posture, 2,
     {{TEST_PROP, OBS(war), W4(-1, 1, 0, 0), 1, 0, "P(war): more posture and proxy activity - baseline", "probability", 0},
      {TEST_PROP, OBS(war), W4(-1, 0, 1, 0), -1, 0, "P(war): open channel - baseline", "probability", 0}}},
    {15, "A successful low-stakes first step raises the later chance of a deal",
     "M17, M12", "a completed exchange raises the target's trust, which raises the perceived durability of every later deal",
     build_entry, 1,
     {{TEST_PROP, OBS(agreed24), W2(-1, 1), 1, 0, "P(agreement within 24 months): successful first step - failed first step", "probability", 0}}},
    {16, "The same pressure applied later, after bypass has grown, yields a lower chance of a deal",
     "M4, M8, M18", "grown channels and adaptation shrink the loss pressure inflicts and raise its expected erosion, so holding out costs less",
     build_later, 1,
     {{TEST_PROP, OBS(agreed12), W2(-1, 1), -1, 0, "P(agreement within 12 months): started 48 months later - now", "probability", 0}}},
};

/* ---- running ---------------------------------------------------------- */

/* Runs one arm for one run and records what the tests need. */
static void observe(brink_sim *sim, run_obs *o)
{
    memset(o, 0, sizeof *o);
    double cap = 0;
    for (int g = 0; g < sim->p.n_goods; g++)
        if ((int)sim->p.good[g].kind == BRINK_GOOD_CRUDE)
            cap += sim->p.good[g].volume;
    size_t seen = 0;
    int rejected = 0;
    double sum24 = 0;
    o->belief_jump = NAN;
    o->tighten_jump = NAN;
    o->shortfall12 = o->shortfall96 = NAN;
    int more = 1;
    while (more) {
        int t = sim->st.t;
        double belief_before = brink_belief_mean(sim), target_before = sim->st.s_target;
        more = brink_sim_step(sim);
        if (t < 24)
            sum24 += sim->st.crude_mbpd;
        if (t == 12)
            o->shortfall12 = cap - sim->st.crude_mbpd;
        if (t == 96)
            o->shortfall96 = cap - sim->st.crude_mbpd;
        if (t == 23)
            o->reserves24 = sim->st.reserves;
        double infl = brink_annual_rate(sim->st.pi);
        if (infl > o->inflation_peak)
            o->inflation_peak = infl;
        const brink_event *ev;
        size_t n = brink_sim_events(sim, &ev);
        for (; seen < n; seen++) {
            if (ev[seen].kind == BRINK_EV_REJECT && !rejected) {
                rejected = 1;
                o->belief_jump = brink_belief_mean(sim) - belief_before;
                o->tighten_jump = sim->st.s_target - target_before;
            }
            if (ev[seen].kind == BRINK_EV_ELECTION && ev[seen].subject == 0 && ev[seen].value > 0)
                o->standing++;
            if (ev[seen].kind == BRINK_EV_REVERSAL && ev[seen].subject == 0)
                o->reversals++;
        }
    }
    const brink_summary *m = brink_sim_summary(sim);
    o->agreed = m->first_agreement_month >= 0;
    o->deal = m->deal_month >= 0;
    o->agreed24 = m->first_agreement_month >= 0 && m->first_agreement_month < 24;
    o->agreed12 = m->first_agreement_month >= 0 && m->first_agreement_month < 12;
    o->war = m->outcome == BRINK_OUTCOME_WAR;
    int issues = 0;
    for (int i = 0; i < sim->p.n_issues; i++)
        issues += (int)(sim->st.agreed >> i & 1u);
    o->progress = m->milestones_verified + issues;
    o->exports24 = sum24 / 24.0;
    /* shortfall change and reversal rate are reported through these fields */
    o->shortfall96 = o->shortfall96 - o->shortfall12;
    const brink_sender *lead = &sim->p.sender[0];
    o->reversals -= o->standing * lead->reversal_probability *
                    brink_law_factor(&sim->p.s, (int)lead->legal_form);
}

/* Copies `in` with each '@' replaced by the policy id. */
static void substitute_policy(const char *in, const char *policy, char *out, size_t size)
{
    size_t j = 0;
    for (const char *c = in; *c && j + 1 < size; c++) {
        if (*c == '@') {
            for (const char *q = policy; *q && j + 1 < size; q++)
                out[j++] = *q;
        } else {
            out[j++] = *c;
        }
    }
    out[j] = '\0';
}

typedef struct {
    brink_paired_prop prop;
    brink_moments mean;
    brink_moments side[2];
    double sn, sd, snn, sdd, snd; /* POOLED sums */
    uint64_t runs;
} test_acc;

static void fill_result(const claim_def *def, const design *d, brink_claim_result *r)
{
    memset(r, 0, sizeof *r);
    r->id = def->id;
    r->claim = def->claim;
    r->mechanisms = def->mechanisms;
    r->explanation = def->explanation;
    snprintf(r->changed, sizeof r->changed, "%s", d->changed);
    r->n_tests = def->n_tests;
}

static int run_claim(const brink_scenario *sc, const claim_def *def,
                     const brink_claims_config *cfg, brink_claim_result *r, brink_error *err)
{
    design d;
    memset(&d, 0, sizeof d);
    char why[200] = "";
    if (def->build(sc, &d, why, sizeof why) != 0) {
        fill_result(def, &d, r);
        r->applicable = 0;
        snprintf(r->not_applicable, sizeof r->not_applicable, "%s", why);
        return 0;
    }
    fill_result(def, &d, r);
    r->applicable = 1;

    brink_scenario *arms[MAX_ARMS] = {0};
    brink_sim *sims[MAX_ARMS] = {0};
    int status = 0;
    for (int a = 0; a < d.n_arms && status == 0; a++) {
        arms[a] = brink_scenario_clone(sc, err);
        if (!arms[a]) {
            status = -1;
            break;
        }
        const char *policy = brink_scenario_policy_name(sc, d.arms[a].policy);
        for (int k = 0; k < d.arms[a].n_sets; k++) {
            char set[SET_LEN + 64];
            substitute_policy(d.arms[a].sets[k], policy, set, sizeof set);
            if (brink_scenario_set(arms[a], set, err) != BRINK_OK) {
                brink_error_hint(err, "claim %d, while setting '%s'", def->id, set);
                status = -1;
                break;
            }
        }
        for (int k = 0; status == 0 && k < cfg->n_arm_sets; k++) {
            char set[SET_LEN + 64];
            substitute_policy(cfg->arm_sets[k], policy, set, sizeof set);
            if (brink_scenario_set(arms[a], set, err) != BRINK_OK) {
                brink_error_hint(err, "claim %d, while setting '%s' (--arm-set)", def->id, set);
                status = -1;
            }
        }
        if (status == 0 && !(sims[a] = brink_sim_alloc(arms[a], err)))
            status = -1;
    }

    test_acc acc[BRINK_CLAIM_TESTS];
    for (int k = 0; k < def->n_tests; k++) {
        brink_paired_prop_init(&acc[k].prop);
        brink_moments_init(&acc[k].mean);
        brink_moments_init(&acc[k].side[0]);
        brink_moments_init(&acc[k].side[1]);
        acc[k].sn = acc[k].sd = acc[k].snn = acc[k].sdd = acc[k].snd = 0;
        acc[k].runs = 0;
    }
    for (uint64_t run = 0; status == 0 && run < cfg->runs; run++) {
        run_obs obs[MAX_ARMS];
        for (int a = 0; a < d.n_arms; a++) {
            if (brink_sim_init(sims[a], d.arms[a].policy, cfg->seed, run, 1, 1, err) != BRINK_OK) {
                status = -1;
                break;
            }
            observe(sims[a], &obs[a]);
        }
        for (int k = 0; status == 0 && k < def->n_tests; k++) {
            const test_def *td = &def->tests[k];
            double x[MAX_ARMS], c = 0;
            int ok = 1;
            for (int a = 0; a < d.n_arms; a++) {
                x[a] = *(const double *)((const char *)&obs[a] + td->field);
                if (td->w[a] != 0) {
                    ok &= isfinite(x[a]);
                    c += td->w[a] * x[a];
                }
            }
            if (!ok)
                continue;
            if (td->kind == TEST_POOLED) {
                double den = *(const double *)((const char *)&obs[0] + td->den);
                acc[k].sn += c;
                acc[k].sd += den;
                acc[k].snn += c * c;
                acc[k].sdd += den * den;
                acc[k].snd += c * den;
                acc[k].runs += den > 0;
                continue;
            }
            brink_moments_add(&acc[k].mean, c);
            /* the two sides of a two-arm contrast */
            int neg = -1, pos = -1, n_used = 0;
            for (int a = 0; a < d.n_arms; a++) {
                if (td->w[a] < 0)
                    neg = a;
                if (td->w[a] > 0)
                    pos = a;
                n_used += td->w[a] != 0;
            }
            if (n_used == 2 && neg >= 0 && pos >= 0) {
                brink_moments_add(&acc[k].side[0], x[neg]);
                brink_moments_add(&acc[k].side[1], x[pos]);
                if (td->kind == TEST_PROP)
                    brink_paired_prop_add(&acc[k].prop, x[neg] > 0.5, x[pos] > 0.5);
            } else if (n_used == 1) {
                brink_moments_add(&acc[k].side[1], c);
            }
        }
    }

    int all = status == 0;
    for (int k = 0; status == 0 && k < def->n_tests; k++) {
        const test_def *td = &def->tests[k];
        brink_claim_test *t = &r->test[k];
        snprintf(t->what, sizeof t->what, "%s", td->what);
        snprintf(t->unit, sizeof t->unit, "%s", td->unit);
        t->expect = td->expect;
        t->n = acc[k].mean.n;
        t->base = brink_moments_mean(&acc[k].side[0]);
        t->variant = brink_moments_mean(&acc[k].side[1]);
        int two = acc[k].prop.both + acc[k].prop.only_a + acc[k].prop.only_b +
                      acc[k].prop.neither > 0;
        if (td->kind == TEST_POOLED) {
            /* ratio estimator: r = sum n / sum d; runs are the clusters */
            double n_runs = (double)cfg->runs, r_hat = acc[k].sd > 0 ? acc[k].sn / acc[k].sd : 0;
            double ss = acc[k].snn - 2 * r_hat * acc[k].snd + r_hat * r_hat * acc[k].sdd;
            double se = acc[k].sd > 0 ? sqrt(ss * n_runs / (n_runs - 1)) / acc[k].sd : 0;
            double z = brink_z_for_level(cfg->level);
            t->effect = r_hat;
            t->lo = r_hat - z * se;
            t->hi = r_hat + z * se;
            t->n = (uint64_t)acc[k].sd;
        } else if (td->kind == TEST_PROP && two) {
            brink_paired_diff pd;
            if (brink_paired_prop_diff(&acc[k].prop, cfg->level, &pd, err) != BRINK_OK) {
                status = -1;
                break;
            }
            t->effect = pd.diff;
            t->lo = pd.lo;
            t->hi = pd.hi;
        } else {
            t->effect = brink_moments_mean(&acc[k].mean);
            if (acc[k].mean.n < 2 ||
                brink_moments_mean_interval(&acc[k].mean, cfg->level, &t->lo, &t->hi, NULL) !=
                    BRINK_OK) {
                t->lo = t->hi = t->effect;
            }
        }
        if (!(t->n > 0))
            t->holds = 0;
        else if (td->expect > 0)
            t->holds = t->lo > 0;
        else if (td->expect < 0)
            t->holds = td->tolerance > 0 ? t->hi < td->tolerance : t->hi < 0;
        else
            t->holds = fabs(t->effect) <= td->tolerance && t->lo <= td->tolerance &&
                       t->hi >= -td->tolerance;
        all &= t->holds;
    }
    r->holds = all;
    for (int a = 0; a < MAX_ARMS; a++) {
        brink_sim_free(sims[a]);
        brink_scenario_free(arms[a]);
    }
    return status;
}

brink_status brink_claims_run(const brink_scenario *sc, const brink_claims_config *cfg,
                              brink_claim_result *out, brink_error *err)
{
    brink_error_clear(err);
    if (cfg->runs < 2)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "runs",
                               "at least 2 runs are needed (got %llu)",
                               (unsigned long long)cfg->runs);
    if (!(cfg->level > 0 && cfg->level < 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "level",
                               "confidence level %g is not in (0, 1)", cfg->level);
    for (int i = 0; i < BRINK_CLAIMS; i++) {
        if (cfg->only && claims[i].id != cfg->only) {
            memset(&out[i], 0, sizeof out[i]);
            out[i].id = claims[i].id;
            out[i].claim = claims[i].claim;
            out[i].mechanisms = claims[i].mechanisms;
            out[i].explanation = claims[i].explanation;
            snprintf(out[i].not_applicable, sizeof out[i].not_applicable, "not run");
            continue;
        }
        if (run_claim(sc, &claims[i], cfg, &out[i], err) != 0)
            return err && err->code ? err->code : BRINK_ERR_RUNTIME;
    }
    return BRINK_OK;
}
