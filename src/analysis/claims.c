/* The seed's claims (see claims.h). Verification claims are listed only:
 * their checks are unit tests. A validation claim is an experiment: arms
 * (each a policy plus overrides, changing one lever between them), what a
 * run did (run_obs), and tests, each a contrast between arms with a
 * direction and a minimum meaningful effect. */
#include "brink/claims.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "brink/stats.h"
#include "core/rng.h"
#include "analysis/farm.h"
#include "analysis/runner.h"
#include "core/pack.h"
#include "core/threads.h"
#include "explore/design.h"
#include "model/scenario_model.h"
#include "model/mechanisms.h"
#include "model/spec.h"
#include "model/state.h"
#include "model/valuation.h"

/* ---- the table ------------------------------------------------------------ */

static const brink_claim_info infos[BRINK_CLAIMS] = {
#define CLAIM(id, kind, claim, mech, check, expl) {id, BRINK_CLAIM_##kind, claim, mech, check, expl},
#include "analysis/claims.def"
#undef CLAIM
};

const brink_claim_info *brink_claim_info_get(int id)
{
    return id >= 1 && id <= BRINK_CLAIMS ? &infos[id - 1] : NULL;
}

const char *brink_verdict_name(brink_verdict v)
{
    switch (v) {
    case BRINK_VERDICT_HOLDS: return "holds";
    case BRINK_VERDICT_FAILS: return "fails";
    case BRINK_VERDICT_INCONCLUSIVE: return "inconclusive";
    case BRINK_VERDICT_UNTESTABLE: return "untestable";
    case BRINK_VERDICT_NOT_RUN: break;
    }
    return "not run";
}

const char *brink_claim_kind_name(brink_claim_kind k)
{
    return k == BRINK_CLAIM_VERIFICATION ? "verification" : "validation";
}

/* ---- what one run did -------------------------------------------------------- */

typedef struct {
    double deal;       /* a comprehensive deal stands at the end */
    double agreed;     /* some offer or milestone was accepted */
    double war_acc;    /* accidental war: an incident escalated */
    double progress;   /* concessions in force at the end, mean over the policy's issues */
    double loss_early; /* export loss, months 12-23 (after a year for compliance to settle) */
    double loss_late;  /* export loss, the last 12 months of the horizon (NaN if the run ended early) */
    double recovery;   /* loss_early - loss_late */
    double durability; /* mean perceived durability of the standing demand (when asked) */
    double s_change;   /* |mean intensity, last year - first year| (NaN if the run ended early) */
} run_obs;

#define OBS(field) offsetof(run_obs, field)
#define N_FIELDS (sizeof(run_obs) / sizeof(double))
#define FIELD_INDEX(off) ((off) / sizeof(double))

static double obs_get(const run_obs *o, size_t off)
{
    return *(const double *)(const void *)((const char *)o + off);
}

/* ---- experiments --------------------------------------------------------------- */

#define NOT_A_NUMBER ((double)NAN)
#define MAX_ARMS 6
#define MAX_SETS 64
#define SET_LEN 160

typedef struct {
    int policy;
    int n_sets;
    char sets[MAX_SETS][SET_LEN];
} arm;

typedef enum {
    T_PROP,  /* a binary field in two arms: paired difference (Newcombe) */
    T_MEAN,  /* per-run difference of two sides (t interval) */
    T_LEVEL, /* a binary field in one arm: its level (Wilson) */
} test_kind;

typedef struct {
    int n;
    int arm[2];
    size_t field[2];
    double w[2];
} side;

#define TF_BOUNDED 1u   /* the base side is a share in [0, 1]: floors and ceilings apply */
#define TF_ALL_FLOOR 2u /* untestable when every arm involved is at or below min */

typedef struct {
    test_kind kind;
    side base, variant;
    brink_expect expect;
    double min;
    unsigned flags;
    int depends;           /* untestable when this test is (-1: none; -2: always) */
    int has_premise;       /* the mean of premise_field over the variant arm must be below */
    size_t premise_field;  /*   premise_max, else the test is untestable (premise_text) */
    double premise_max;
    const char *premise_text; /* printf format with the premise's mean and its maximum */
    char what[160], unit[24], base_label[48], variant_label[48];
} test_def;

typedef struct {
    int n_arms;
    arm arms[MAX_ARMS];
    int n_tests;
    test_def tests[BRINK_CLAIM_TESTS];
    int want_durability;
    int no_timeline; /* the arms drop the case's timeline (its dated history) */
    double progress_full[BRINK_MAX_ISSUES]; /* progress: full concession per issue (0: not counted) */
    char changed[400];
} design;

typedef int (*build_fn)(const brink_scenario *sc, design *d, char *why, size_t size);

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

static test_def *add_test(design *d, test_kind kind, brink_expect expect, unsigned flags,
                          const char *unit, const char *what, ...)
    __attribute__((format(printf, 6, 7)));
static test_def *add_test(design *d, test_kind kind, brink_expect expect, unsigned flags,
                          const char *unit, const char *what, ...)
{
    test_def *t = &d->tests[d->n_tests++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->expect = expect;
    t->min = BRINK_CLAIM_MIN_EFFECT;
    t->flags = flags;
    t->depends = -1;
    snprintf(t->unit, sizeof t->unit, "%s", unit);
    va_list ap;
    va_start(ap, what);
    vsnprintf(t->what, sizeof t->what, what, ap);
    va_end(ap);
    return t;
}

static void one(side *s, int a, size_t field)
{
    s->n = 1;
    s->arm[0] = a;
    s->field[0] = field;
    s->w[0] = 1;
}

static void gap(side *s, int from, int to, size_t field)
{
    s->n = 2;
    s->arm[0] = to;
    s->arm[1] = from;
    s->field[0] = s->field[1] = field;
    s->w[0] = 1;
    s->w[1] = -1;
}

static void labels(test_def *t, const char *base, const char *variant)
{
    snprintf(t->base_label, sizeof t->base_label, "%s", base);
    snprintf(t->variant_label, sizeof t->variant_label, "%s", variant);
}

/* A paired test of a binary field between arms a (base) and b (variant). */
static test_def *prop_test(design *d, int a, int b, size_t field, brink_expect e,
                           const char *what)
{
    test_def *t = add_test(d, T_PROP, e, TF_BOUNDED, "probability", "%s", what);
    one(&t->base, a, field);
    one(&t->variant, b, field);
    return t;
}

/* Two levels of a lever around the case's value x0, a step d apart, inside
 * [lo, hi]: (x0, x0 + d), else (x0 - d, x0), else the range's ends. */
static void two_levels(double x0, double d, double lo, double hi, double *a, double *b)
{
    if (x0 + d <= hi + 1e-9) {
        *a = x0;
        *b = x0 + d;
    } else if (x0 - d >= lo - 1e-9) {
        *a = x0 - d;
        *b = x0;
    } else {
        *a = lo;
        *b = hi;
    }
}

static double policy_value(const brink_scenario *sc, int p, size_t off)
{
    const brink_policy_num_d *pol = &brink_scenario_values(sc)->policy[p];
    return brink_dist_point((const brink_dist *)(const void *)((const char *)pol + off));
}
#define POLICY(sc, p, field) policy_value(sc, p, offsetof(brink_policy_num_d, field))

static const char *policy_id(const brink_scenario *sc, int p)
{
    return brink_scenario_policy_name(sc, p);
}

static int n_policies(const brink_scenario *sc)
{
    return brink_scenario_policy_count(sc);
}

/* Whether policy p puts offers. */
static int puts_offers(const brink_scenario *sc, int p)
{
    if (p < 0 || POLICY(sc, p, offer_interval_months) < 0.5)
        return 0;
    const brink_policy_ref *ref = &brink_scenario_layout(sc)->policy[p];
    if ((int)lround(POLICY(sc, p, bundling)) == BRINK_STAGED)
        return ref->n_milestones > 0;
    return ref->issue_mask != 0;
}

/* Whether a run of policy p can meet an offer: p itself, the policies its
 * entry step and a reversal hand over to, and, for the default policy, the
 * policies the case's timeline switches to. */
static int reaches_offers(const brink_scenario *sc, int p)
{
    const brink_policy_ref *ref = &brink_scenario_layout(sc)->policy[p];
    if (puts_offers(sc, p) || puts_offers(sc, ref->on_success) ||
        puts_offers(sc, ref->on_failure) || puts_offers(sc, ref->on_reversal))
        return 1;
    if (p != brink_scenario_default_policy(sc))
        return 0;
    const brink_layout *lay = brink_scenario_layout(sc);
    for (int i = 0; i < lay->n_timeline; i++) {
        const brink_timeline_action *a = &lay->timeline[i];
        if (a->kind == BRINK_TL_POLICY && puts_offers(sc, a->index))
            return 1;
    }
    return 0;
}

static int needs_offers(const brink_scenario *sc, int p, char *why, size_t size)
{
    if (reaches_offers(sc, p))
        return 0;
    snprintf(why, size, "the policy %s makes no offers (and hands over to none that does)",
             policy_id(sc, p));
    return -1;
}

/* ---- the validation claims ------------------------------------------------------ */

/* Claims 3 and 9: the pressure the policies aim at, 0.5 against 1.0. */
static int build_pressure(const brink_scenario *sc, design *d, double rhetoric, char *why,
                          size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    d->n_arms = 2;
    const double level[2] = {0.5, 1.0};
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.*.sanctions.target=%g", level[a]);
        add_set(&d->arms[a], "policies.*.sanctions.max=%g", level[a]);
    }
    all_arms(d, "policies.*.rhetoric=%g", rhetoric);
    all_arms(d, "target.trust=0.8");
    test_def *t;
    if (rhetoric < 0.5) {
        t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_RISE, "P(deal): pressure 1.0 - pressure 0.5");
    } else {
        t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_NO_RISE,
                      "P(deal): pressure 1.0 - pressure 0.5 (no rise of 2 points or more)");
    }
    labels(t, "pressure 0.5", "pressure 1.0");
    snprintf(d->changed, sizeof d->changed,
             "%s: the sanctions target and ceiling of every policy 0.5 against 1.0; rhetoric %g "
             "and trust 0.8 in both arms",
             policy_id(sc, p), rhetoric);
    return 0;
}

static int build_claim3(const brink_scenario *sc, design *d, char *why, size_t size)
{
    return build_pressure(sc, d, 0.0, why, size);
}

static int build_claim9(const brink_scenario *sc, design *d, char *why, size_t size)
{
    return build_pressure(sc, d, 1.0, why, size);
}

static int build_claim4(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    d->n_arms = 3;
    for (int a = 0; a < 3; a++)
        d->arms[a].policy = p;
    add_set(&d->arms[0], "target.trust=0.8");
    add_set(&d->arms[1], "target.trust=0.05");
    /* the least durable deal and the most pain within the plausible box */
    arm *x = &d->arms[2];
    add_set(x, "target.trust=0.05");
    add_set(x, "behaviour.law.executive_break=0.01");
    add_set(x, "senders.*.legal_form=executive");
    add_set(x, "senders.*.reversal_probability=0.6");
    add_set(x, "coalition.sanctions_initial=1");
    add_set(x, "policies.*.sanctions.target=1");
    add_set(x, "policies.*.sanctions.max=1");
    add_set(x, "policies.*.sanctions.imports=1");
    d->want_durability = 1;
    test_def *t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_FALL, "P(deal): trust 0.05 - trust 0.8");
    labels(t, "trust 0.8", "trust 0.05");
    t = add_test(d, T_LEVEL, BRINK_EXPECT_NEAR_ZERO, 0, "probability",
                 "P(deal) at the least durable plausible deal under extreme pain (near zero: below 2 "
                 "points)");
    one(&t->variant, 2, OBS(deal));
    t->has_premise = 1;
    t->premise_field = OBS(durability);
    t->premise_max = 0.2;
    t->premise_text = "premise not reached: the least durable plausible deal keeps a perceived "
                      "durability of %.2f (near zero: below %.2g)";
    labels(t, "", "least durable, extreme pain");
    snprintf(d->changed, sizeof d->changed,
             "%s: (a) trust 0.8 against 0.05; (b) trust 0.05, executive break 0.01/month, every "
             "sender's relief executive with reversal probability 0.6, sanctions and embargo at 1 "
             "from month 0",
             policy_id(sc, p));
    return 0;
}

static int build_claim5(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    const brink_scalars_d *s = &brink_scenario_values(sc)->s;
    double h0 = brink_dist_point(&s->target_politics_hardliners), ha, hb;
    two_levels(h0, 0.4, 0.2, 0.9, &ha, &hb);
    double other = fabs(ha - h0) < 1e-9 ? hb : ha;
    /* arms: 0 private, 1 public at the case's hardliners; 2, 3 at the other level */
    d->n_arms = 4;
    for (int a = 0; a < 4; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.*.channel=%s", a % 2 ? "public" : "private");
        add_set(&d->arms[a], "target.politics.hardliners=%.6g", a < 2 ? h0 : other);
    }
    test_def *t = prop_test(d, 0, 1, OBS(agreed), BRINK_EXPECT_FALL,
                            "P(agreement): public - private, at the case's hardliners");
    labels(t, "private", "public");
    int weak = other < h0 ? 2 : 0, strong = other < h0 ? 0 : 2;
    t = add_test(d, T_MEAN, BRINK_EXPECT_FALL, TF_ALL_FLOOR, "probability",
                 "public-private gap in P(agreement): hardliners %.2g - hardliners %.2g",
                 fmax(h0, other), fmin(h0, other));
    gap(&t->base, weak, weak + 1, OBS(agreed));
    gap(&t->variant, strong, strong + 1, OBS(agreed));
    char lb[48], lv[48];
    snprintf(lb, sizeof lb, "gap, hardliners %.2g", fmin(h0, other));
    snprintf(lv, sizeof lv, "gap, hardliners %.2g", fmax(h0, other));
    labels(t, lb, lv);
    snprintf(d->changed, sizeof d->changed,
             "%s: every policy's offers in public against in private, with hardliners at the "
             "case's %.2g and at %.2g",
             policy_id(sc, p), h0, other);
    return 0;
}

static int build_claim7(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (brink_scenario_layout(sc)->n[BRINK_GROUP_PARTY] == 0) {
        snprintf(why, size, "the case has no third parties: exports are not modelled as purchases");
        return -1;
    }
    int horizon = brink_scenario_horizon_months(sc);
    if (horizon < 48) {
        snprintf(why, size,
                 "the horizon (%d months) is too short to compare the second year with a last "
                 "year at least two years later",
                 horizon);
        return -1;
    }
    double s = fmin(POLICY(sc, p, sanctions_target), POLICY(sc, p, sanctions_max));
    if (s < 0.05) {
        snprintf(why, size, "the policy %s applies no sanctions (target %.2g)", policy_id(sc, p), s);
        return -1;
    }
    double b0 = POLICY(sc, p, buy_in), ba, bb;
    two_levels(b0, 0.5, 0, 1, &ba, &bb);
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.*.buy_in=%.6g", a ? bb : ba);
    }
    /* constant sanctions: the case's dated history (participation, shocks) is left out */
    d->no_timeline = brink_scenario_layout(sc)->n_timeline > 0;
    all_arms(d, "coalition.sanctions_initial=%.6g", s);
    all_arms(d, "policies.*.sanctions.target=%.6g", s);
    all_arms(d, "policies.*.sanctions.max=1");
    all_arms(d, "policies.*.sanctions.ramp=1");
    all_arms(d, "policies.*.sanctions.escalation=0");
    all_arms(d, "policies.*.offer.interval_months=0");
    all_arms(d, "policies.*.entry.enabled=false");
    all_arms(d, "behaviour.sender.give_up_max=0"); /* no sender leaves the coalition */
    int own = fabs(ba - b0) < 1e-9 ? 0 : 1;
    test_def *t = add_test(d, T_MEAN, BRINK_EXPECT_FALL, TF_BOUNDED, "share",
                           "export loss: last year - second year (negative: exports recover), "
                           "buy-in %.2g",
                           b0);
    one(&t->base, own, OBS(loss_early));
    one(&t->variant, own, OBS(loss_late));
    labels(t, "second year", "last year");
    /* the case's timeline may change who applies the sanctions: then they are not constant */
    t->has_premise = 1;
    t->premise_field = OBS(s_change);
    t->premise_max = 0.02;
    t->premise_text = "the sanctions are not constant: their combined intensity moves by %.2f "
                      "between the second and the last year (at most %.2g)";
    t = add_test(d, T_MEAN, BRINK_EXPECT_FALL, 0, "share",
                 "recovery of exports (second-year loss - last-year loss): buy-in %.2g - buy-in %.2g",
                 bb, ba);
    one(&t->base, 0, OBS(recovery));
    one(&t->variant, 1, OBS(recovery));
    t->depends = 0;
    char lb[48], lv[48];
    snprintf(lb, sizeof lb, "recovery, buy-in %.2g", ba);
    snprintf(lv, sizeof lv, "recovery, buy-in %.2g", bb);
    labels(t, lb, lv);
    snprintf(d->changed, sizeof d->changed,
             "sanctions held at %.2g (the target of %s) with no offers and no sender leaving%s; "
             "buy-in %.2g against %.2g",
             s, policy_id(sc, p), d->no_timeline ? ", without the case's timeline" : "", ba, bb);
    return 0;
}

static int build_claim8(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    unsigned mask = brink_scenario_layout(sc)->policy[p].issue_mask;
    int issues = 0;
    for (unsigned m = mask; m; m &= m - 1)
        issues++;
    if (issues < 2) {
        snprintf(why, size, "the policy %s puts %d issue(s) on the table: nothing to bundle",
                 policy_id(sc, p), issues);
        return -1;
    }
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        const char *form = a ? "bundled" : "unbundled";
        /* every policy that bundles or unbundles (staged policies keep their steps) */
        for (int q = 0; q < n_policies(sc); q++)
            if (q == p || (int)lround(POLICY(sc, q, bundling)) != BRINK_STAGED)
                add_set(&d->arms[a], "policies.%s.bundling=%s", policy_id(sc, q), form);
    }
    test_def *t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_FALL, "P(deal): bundled - unbundled");
    labels(t, "unbundled", "bundled");
    t = prop_test(d, 0, 1, OBS(agreed), BRINK_EXPECT_FALL, "P(agreement): bundled - unbundled");
    labels(t, "unbundled", "bundled");
    snprintf(d->changed, sizeof d->changed,
             "%s's %d issues offered as one all-or-nothing bundle against issue by issue",
             policy_id(sc, p), issues);
    return 0;
}

/* The case's staged policy: the default one if it is staged, else the first. */
static int staged_policy(const brink_scenario *sc)
{
    const brink_layout *lay = brink_scenario_layout(sc);
    int p = brink_scenario_default_policy(sc);
    if ((int)lround(POLICY(sc, p, bundling)) == BRINK_STAGED && lay->policy[p].n_milestones > 0)
        return p;
    for (int q = 0; q < n_policies(sc); q++)
        if ((int)lround(POLICY(sc, q, bundling)) == BRINK_STAGED && lay->policy[q].n_milestones > 0)
            return q;
    return -1;
}

static int build_claim11(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = staged_policy(sc);
    if (p < 0) {
        snprintf(why, size, "the case has no staged policy (milestones)");
        return -1;
    }
    if (needs_offers(sc, p, why, size))
        return -1;
    const brink_layout *lay = brink_scenario_layout(sc);
    const brink_milestone_num_d *ms = brink_scenario_values(sc)->milestone[p];
    const brink_policy_ref *ref = &lay->policy[p];
    /* the whole path: each issue's last concession, every tranche */
    double relief = 0;
    for (int m = 0; m < ref->n_milestones; m++) {
        int i = ref->milestone_issue[m];
        d->progress_full[i] = fmax(d->progress_full[i], brink_dist_point(&ms[m].concession));
        relief += brink_dist_point(&ms[m].relief);
    }
    d->n_arms = 2;
    d->arms[0].policy = d->arms[1].policy = p;
    /* arm 0: the same terms as one all-or-nothing offer */
    arm *a = &d->arms[0];
    add_set(a, "policies.%s.bundling=bundled", policy_id(sc, p));
    add_set(a, "policies.%s.offer.relief=%.6g", policy_id(sc, p), fmin(1, relief));
    for (int i = 0; i < lay->n[BRINK_GROUP_ISSUE]; i++)
        if (ref->issue_mask >> i & 1u)
            add_set(a, "issues.%s.demand=%.6g", lay->id[BRINK_GROUP_ISSUE][i],
                    d->progress_full[i]);
    test_def *t = add_test(d, T_MEAN, BRINK_EXPECT_RISE, TF_BOUNDED, "share",
                           "progress (share of the path's concessions in force at the end): "
                           "staged - all-or-nothing");
    one(&t->base, 0, OBS(progress));
    one(&t->variant, 1, OBS(progress));
    labels(t, "all-or-nothing", "staged");
    t = prop_test(d, 0, 1, OBS(war_acc), BRINK_EXPECT_FALL,
                  "P(accidental war): staged - all-or-nothing");
    labels(t, "all-or-nothing", "staged");
    snprintf(d->changed, sizeof d->changed,
             "%s: its %d verified milestones against the same terms (each issue's last concession, "
             "relief %.2g, the same inducements) as one all-or-nothing offer",
             policy_id(sc, p), ref->n_milestones, fmin(1, relief));
    return 0;
}

static int build_claim13(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    d->n_arms = 2;
    d->arms[0].policy = d->arms[1].policy = p;
    double lo_p = 0, hi_p = 0;
    for (int q = 0; q < n_policies(sc); q++) {
        double lo, hi;
        two_levels(POLICY(sc, q, rhetoric), 0.5, 0, 1, &lo, &hi);
        add_set(&d->arms[0], "policies.%s.rhetoric=%.6g", policy_id(sc, q), hi);
        add_set(&d->arms[1], "policies.%s.rhetoric=%.6g", policy_id(sc, q), lo);
        if (q == p) {
            lo_p = lo;
            hi_p = hi;
        }
    }
    char w[64], lb[48], lv[48];
    snprintf(w, sizeof w, "P(agreement): rhetoric %.2g - rhetoric %.2g", lo_p, hi_p);
    test_def *t = prop_test(d, 0, 1, OBS(agreed), BRINK_EXPECT_RISE, w);
    snprintf(lb, sizeof lb, "rhetoric %.2g", hi_p);
    snprintf(lv, sizeof lv, "rhetoric %.2g", lo_p);
    labels(t, lb, lv);
    snprintf(d->changed, sizeof d->changed,
             "every policy's rhetoric 0.5 lower (%s: %.2g against %.2g)", policy_id(sc, p), lo_p,
             hi_p);
    return 0;
}

static int build_claim14(const brink_scenario *sc, design *d, char *why, size_t size)
{
    (void)why;
    (void)size;
    const brink_layout *lay = brink_scenario_layout(sc);
    int p = brink_scenario_default_policy(sc);
    int nx = lay->n[BRINK_GROUP_PROXY];
    /* arms: 0, 1 posture lower and higher; 2, 3 no hotline and a hotline;
     * 4, 5 proxy activity lower and higher; each pair changes one lever */
    d->n_arms = nx > 0 ? 6 : 4;
    for (int a = 0; a < d->n_arms; a++)
        d->arms[a].policy = p;
    double pa = 0, pb = 0;
    for (int q = 0; q < n_policies(sc); q++) {
        double lo, hi;
        two_levels(POLICY(sc, q, posture), 0.3, 0, 1, &lo, &hi);
        add_set(&d->arms[0], "policies.%s.posture=%.6g", policy_id(sc, q), lo);
        add_set(&d->arms[1], "policies.%s.posture=%.6g", policy_id(sc, q), hi);
        if (q == p) {
            pa = lo;
            pb = hi;
        }
    }
    add_set(&d->arms[2], "policies.*.hotline=false");
    add_set(&d->arms[3], "policies.*.hotline=true");
    for (int x = 0; x < nx; x++) {
        double lo, hi;
        two_levels(brink_dist_point(&brink_scenario_values(sc)->proxy[x].activity), 0.3, 0, 0.7,
                   &lo, &hi);
        add_set(&d->arms[4], "proxies.%s.activity=%.6g", lay->id[BRINK_GROUP_PROXY][x], lo);
        add_set(&d->arms[5], "proxies.%s.activity=%.6g", lay->id[BRINK_GROUP_PROXY][x], hi);
    }
    char w[96], lb[48], lv[48];
    snprintf(w, sizeof w, "P(accidental war): posture %.2g - posture %.2g", pb, pa);
    test_def *t = prop_test(d, 0, 1, OBS(war_acc), BRINK_EXPECT_RISE, w);
    snprintf(lb, sizeof lb, "posture %.2g", pa);
    snprintf(lv, sizeof lv, "posture %.2g", pb);
    labels(t, lb, lv);
    if (nx > 0) {
        t = prop_test(d, 4, 5, OBS(war_acc), BRINK_EXPECT_RISE,
                      "P(accidental war): every proxy's activity 0.3 higher - lower");
        labels(t, "proxy activity lower", "proxy activity higher");
    } else {
        t = prop_test(d, 0, 0, OBS(war_acc), BRINK_EXPECT_RISE,
                      "P(accidental war): proxy activity 0.3 higher - lower");
        t->depends = -2;
        labels(t, "", "");
    }
    t = prop_test(d, 2, 3, OBS(war_acc), BRINK_EXPECT_FALL, "P(accidental war): hotline - no hotline");
    labels(t, "no hotline", "hotline");
    snprintf(d->changed, sizeof d->changed,
             "one at a time: every policy's posture 0.3 higher (%s: %.2g against %.2g); every "
             "proxy's activity 0.3 higher%s; a crisis hotline in every policy against none",
             policy_id(sc, p), pb, pa, nx > 0 ? "" : " (the case has no proxies)");
    return 0;
}

static int build_claim15(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    const brink_policy_ref *ref = &brink_scenario_layout(sc)->policy[p];
    d->n_arms = 2;
    for (int a = 0; a < 2; a++) {
        d->arms[a].policy = p;
        add_set(&d->arms[a], "policies.@.entry.enabled=true");
        add_set(&d->arms[a], "policies.@.entry.month=0");
        add_set(&d->arms[a], "policies.@.entry.success=%d", a);
        /* both arms then follow the same policy */
        if (ref->on_success >= 0 && ref->on_failure != ref->on_success)
            add_set(&d->arms[a], "policies.@.on_failure=%s", policy_id(sc, ref->on_success));
        else if (ref->on_success < 0 && ref->on_failure >= 0)
            add_set(&d->arms[a], "policies.@.on_success=%s", policy_id(sc, ref->on_failure));
    }
    test_def *t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_RISE,
                            "P(deal): first step carried out - first step failed");
    labels(t, "step failed", "step carried out");
    snprintf(d->changed, sizeof d->changed,
             "%s with a low-stakes exchange at month 0 that is carried out against one that fails",
             policy_id(sc, p));
    return 0;
}

/* Where `months` of the policy's sanctions, held at its target with no
 * offers and nothing absorbing, leave the channels and adaptation (point
 * values, no continuous shocks). */
static int grown_bypass(const brink_scenario *sc, int p, int months, double *bypass,
                        double *adaptation, brink_error *err)
{
    brink_sim *sim = brink_sim_alloc(sc, err);
    if (!sim)
        return -1;
    if (brink_sim_init(sim, p, 1, 0, 0, 0, err) != BRINK_OK) {
        brink_sim_free(sim);
        return -1;
    }
    brink_policy_num *pol = &sim->p.policy[p];
    double s = fmin(pol->sanctions_target, pol->sanctions_max);
    pol->sanctions_target = s;
    pol->sanctions_escalation = 0;
    pol->offer_interval_months = 0;
    pol->entry_enabled = 0;
    sim->st.s_target = s;
    sim->history_run = 0; /* the policy as given, no switches */
    sim->p.s.simulation_noise = 0;
    sim->p.s.behaviour_politics_crisis_max = 0;
    sim->p.s.behaviour_politics_coup_max = 0;
    sim->p.s.behaviour_conflict_incident_base = 0;
    sim->p.s.behaviour_force_max = 0;
    sim->p.s.behaviour_sender_give_up_max = 0;
    for (int t = 0; t < months && brink_sim_step(sim); t++)
        ;
    for (int c = 0; c < sim->p.n_channels; c++)
        bypass[c] = sim->st.bypass[c];
    *adaptation = sim->st.adaptation;
    brink_sim_free(sim);
    return 0;
}

static int build_claim16(const brink_scenario *sc, design *d, char *why, size_t size)
{
    int p = brink_scenario_default_policy(sc);
    if (needs_offers(sc, p, why, size))
        return -1;
    double bypass[BRINK_MAX_CHANNELS], adaptation = 0;
    brink_error err;
    brink_error_clear(&err);
    if (grown_bypass(sc, p, 48, bypass, &adaptation, &err) != 0) {
        snprintf(why, size, "the 48-month run failed: %s", err.message);
        return -1;
    }
    d->n_arms = 2;
    d->arms[0].policy = d->arms[1].policy = p;
    double grown = 0;
    const brink_layout *lay = brink_scenario_layout(sc);
    const brink_values *v = brink_scenario_values(sc);
    for (int c = 0; c < lay->n[BRINK_GROUP_CHANNEL]; c++) {
        double c0 = brink_dist_point(&v->channel[c].initial);
        grown = fmax(grown, bypass[c] - c0);
        add_set(&d->arms[1], "channels.%s.initial=%.6f", lay->id[BRINK_GROUP_CHANNEL][c],
                fmin(1, fmax(0, bypass[c])));
    }
    double a0 = brink_dist_point(&v->s.target_economy_adaptation_initial);
    grown = fmax(grown, adaptation - a0);
    if (grown < 0.005) {
        snprintf(why, size,
                 "48 months of the policy's sanctions grow neither bypass nor adaptation (by %.3g)",
                 grown);
        return -1;
    }
    add_set(&d->arms[1], "target.economy.adaptation_initial=%.6f", fmin(1, fmax(0, adaptation)));
    test_def *t = prop_test(d, 0, 1, OBS(deal), BRINK_EXPECT_FALL,
                            "P(deal): pressure applied after 48 months - applied now");
    labels(t, "now", "48 months later");
    snprintf(d->changed, sizeof d->changed,
             "%s starting where 48 months of its sanctions leave bypass and adaptation "
             "(adaptation %.3f against %.3f)",
             policy_id(sc, p), adaptation, a0);
    return 0;
}

static const build_fn builders[BRINK_CLAIMS] = {
    NULL, NULL, build_claim3, build_claim4, build_claim5, NULL, build_claim7, build_claim8,
    build_claim9, NULL, build_claim11, NULL, build_claim13, build_claim14, build_claim15,
    build_claim16,
};

/* ---- running an experiment ------------------------------------------------------ */

/* What a run shows on its way, month by month: the loss of export
 * earnings and the intensity in its second year and its last (months
 * [12, 24) and from horizon - 12), the durability of a deal every month
 * where the design wants it. */
typedef struct {
    double early, late, dur, s_early, s_late;
    int n_early, n_late, n_dur, horizon;
} run_path;

/* One arm's runs of a chunk, watched (analysis/runner.h): the design, and
 * each run's path and observations. */
typedef struct {
    const design *d;
    run_path *path;
    run_obs *obs;
} arm_watch;

static void path_start(void *ctx, size_t i, const brink_sim *sim)
{
    arm_watch *aw = ctx;
    aw->path[i] = (run_path){.horizon = sim->st.horizon};
}

/* Whether month t is in the run's second year or its last. */
static inline int path_years(const run_path *pa, long t)
{
    return (t >= 12 && t < 24) || t >= pa->horizon - 12;
}

static int path_wants(void *ctx, size_t i, uint32_t m)
{
    const arm_watch *aw = ctx;
    return aw->d->want_durability || path_years(&aw->path[i], (long)m);
}

/* The run after its month m (t). */
static void path_month(void *ctx, size_t i, const brink_sim *sim, uint32_t m)
{
    arm_watch *aw = ctx;
    run_path *pa = &aw->path[i];
    long t = (long)m;
    if (sim->st.earnings_base > 0 && path_years(pa, t)) {
        double loss = 1.0 - sim->st.earnings / sim->st.earnings_base;
        if (t < 24) {
            pa->early += loss;
            pa->s_early += sim->st.S;
            pa->n_early++;
        } else {
            pa->late += loss;
            pa->s_late += sim->st.S;
            pa->n_late++;
        }
    }
    if (aw->d->want_durability) {
        pa->dur += brink_durability(sim, brink_active_policy(sim)->rhetoric, 0);
        pa->n_dur++;
    }
}

/* The run at its end: its observations. */
static void path_end(void *ctx, size_t job, const brink_sim *sim)
{
    const arm_watch *aw = ctx;
    const design *d = aw->d;
    const run_path *pa = &aw->path[job];
    run_obs *o = &aw->obs[job];
    const brink_summary *m = brink_sim_summary(sim);
    int reached = m->outcome == BRINK_OUTCOME_DEAL || m->outcome == BRINK_OUTCOME_PARTIAL_DEAL ||
                  m->outcome == BRINK_OUTCOME_STALEMATE || m->outcome == BRINK_OUTCOME_DEAL_REVERSED;
    o->deal = m->outcome == BRINK_OUTCOME_DEAL;
    o->agreed = m->first_agreement_month >= 0;
    /* the engine names the cause of a war; an escalated incident is the accidental one */
    o->war_acc = m->outcome == BRINK_OUTCOME_WAR && strncmp(m->cause, "an incident escalated", 21) == 0;
    double c = 0;
    int k = 0;
    for (int i = 0; i < sim->p.n_issues; i++) {
        if (!(d->progress_full[i] > 0))
            continue;
        k++;
        if (!(sim->st.cheating >> i & 1u))
            c += fmin(1, sim->st.conceded[i] / d->progress_full[i]);
    }
    o->progress = k ? c / k : NOT_A_NUMBER;
    o->loss_early = pa->n_early == 12 ? pa->early / 12 : NOT_A_NUMBER;
    o->loss_late = reached && pa->n_late == 12 ? pa->late / 12 : NOT_A_NUMBER;
    o->recovery = o->loss_early - o->loss_late;
    o->s_change = isfinite(o->loss_late) ? fabs(pa->s_late - pa->s_early) / 12 : NOT_A_NUMBER;
    o->durability = pa->n_dur ? pa->dur / pa->n_dur : NOT_A_NUMBER;
}

/* Copies `in` with each '@' replaced by `policy`; -1 when it does not fit. */
static int substitute(const char *in, const char *policy, char *out, size_t size)
{
    size_t j = 0;
    for (const char *c = in; *c; c++) {
        const char *piece = *c == '@' ? policy : c;
        size_t n = *c == '@' ? strlen(policy) : 1;
        if (j + n + 1 > size) {
            out[j] = '\0';
            return -1;
        }
        memcpy(out + j, piece, n);
        j += n;
    }
    out[j] = '\0';
    return 0;
}

/* Applies one override; "policies.*." and "senders.*." apply to every
 * policy or sender, '@' is the arm's policy. */
static brink_status apply_set(brink_scenario *sc, const char *set, const char *policy,
                              brink_error *err)
{
    static const struct {
        const char *prefix;
        brink_group group;
    } every[] = {{"policies.*.", BRINK_GROUP_POLICY}, {"senders.*.", BRINK_GROUP_SENDER}};
    /* an override that does not fit is refused, never cut short */
    char buf[BRINK_CLAIMS_MAX_SET + 1];
    if (substitute(set, policy, buf, sizeof buf) != 0)
        return brink_error_set(err, BRINK_ERR_INPUT, "--arm-set", 0, 0, NULL,
                               "'%.40s...' is longer than %d bytes (with '@' replaced by '%s')",
                               set, BRINK_CLAIMS_MAX_SET, policy);
    for (size_t e = 0; e < sizeof every / sizeof every[0]; e++) {
        size_t n = strlen(every[e].prefix);
        if (strncmp(buf, every[e].prefix, n) != 0)
            continue;
        const brink_layout *lay = brink_scenario_layout(sc);
        for (int i = 0; i < lay->n[every[e].group]; i++) {
            char one_set[BRINK_CLAIMS_MAX_SET + BRINK_ID_MAX + 2];
            snprintf(one_set, sizeof one_set, "%.*s%s.%s", (int)(n - 2), buf,
                     lay->id[every[e].group][i], buf + n);
            if (brink_scenario_set(sc, one_set, err) != BRINK_OK)
                return err->code ? err->code : BRINK_ERR_INPUT;
        }
        return BRINK_OK;
    }
    return brink_scenario_set(sc, buf, err);
}

typedef struct {
    brink_paired_prop prop;
    brink_moments diff, base, variant;
    uint64_t succ, n;
    brink_moments premise;
} test_acc;

static double side_value(const side *s, const run_obs *obs)
{
    double v = 0;
    for (int k = 0; k < s->n; k++)
        v += s->w[k] * obs_get(&obs[s->arm[k]], s->field[k]);
    return v;
}

static int side_uses(const side *s, int a)
{
    for (int k = 0; k < s->n; k++)
        if (s->arm[k] == a)
            return 1;
    return 0;
}

static void judge(brink_claim_test *t)
{
    double m = t->min_effect;
    switch (t->expect) {
    case BRINK_EXPECT_RISE:
        t->verdict = t->effect >= m && t->lo > 0  ? BRINK_VERDICT_HOLDS
                     : t->hi < m                  ? BRINK_VERDICT_FAILS
                                                  : BRINK_VERDICT_INCONCLUSIVE;
        break;
    case BRINK_EXPECT_FALL:
        t->verdict = t->effect <= -m && t->hi < 0 ? BRINK_VERDICT_HOLDS
                     : t->lo > -m                 ? BRINK_VERDICT_FAILS
                                                  : BRINK_VERDICT_INCONCLUSIVE;
        break;
    case BRINK_EXPECT_NO_RISE:
        t->verdict = t->hi < m                      ? BRINK_VERDICT_HOLDS
                     : t->effect >= m && t->lo > 0 ? BRINK_VERDICT_FAILS
                                                   : BRINK_VERDICT_INCONCLUSIVE;
        break;
    case BRINK_EXPECT_NEAR_ZERO:
        t->verdict = t->hi < m    ? BRINK_VERDICT_HOLDS
                     : t->lo >= m ? BRINK_VERDICT_FAILS
                                  : BRINK_VERDICT_INCONCLUSIVE;
        break;
    }
    if (t->verdict == BRINK_VERDICT_FAILS) {
        const char *how;
        if (t->expect == BRINK_EXPECT_NO_RISE)
            how = "a meaningful rise";
        else if (t->expect == BRINK_EXPECT_NEAR_ZERO)
            how = "not near zero";
        else if ((t->expect > 0 && t->effect < 0) || (t->expect < 0 && t->effect > 0))
            how = "the opposite direction";
        else
            how = "smaller than the minimum effect";
        if (t->expect == BRINK_EXPECT_RISE && fabs(t->base) < m && fabs(t->variant) < m)
            how = "below the minimum effect in both arms: the lever does not open the outcome";
        snprintf(t->note, sizeof t->note, "%+.3f [%+.3f, %+.3f]: %s (%.2g); levels %.3f -> %.3f",
                 t->effect, t->lo, t->hi, how, m, t->base, t->variant);
    } else if (t->verdict == BRINK_VERDICT_INCONCLUSIVE) {
        snprintf(t->note, sizeof t->note,
                 "%+.3f [%+.3f, %+.3f]: the interval straddles the minimum effect (%.2g) or zero; more "
                 "runs may decide",
                 t->effect, t->lo, t->hi, m);
    }
}

/* One run of every arm into the tests' accumulators. */
static void reduce_run(const design *d, test_acc *acc, const run_obs *obs)
{
    for (int k = 0; k < d->n_tests; k++) {
        const test_def *td = &d->tests[k];
        test_acc *ac = &acc[k];
        double v = side_value(&td->variant, obs);
        if (td->has_premise)
            brink_moments_add(&ac->premise, obs_get(&obs[td->variant.arm[0]], td->premise_field));
        if (td->kind == T_LEVEL) {
            if (!isfinite(v))
                continue;
            ac->n++;
            ac->succ += v > 0.5;
            continue;
        }
        double b = side_value(&td->base, obs);
        if (!isfinite(b) || !isfinite(v))
            continue;
        brink_moments_add(&ac->base, b);
        brink_moments_add(&ac->variant, v);
        brink_moments_add(&ac->diff, v - b);
        if (td->kind == T_PROP)
            brink_paired_prop_add(&ac->prop, b > 0.5, v > 0.5);
    }
}

/* Runs of an experiment simulated at a time: each arm's in lanes where
 * the processor has them (analysis/runner.h), then reduced run by run in
 * order, so that the results do not depend on the way. */
enum { CHUNK_RUNS = 512 };

/* Runs one experiment; fills r. Returns 0, or -1 with err set. */
static int run_design(const brink_scenario *sc, const design *d, const brink_claims_config *cfg,
                      uint64_t runs, brink_claim_result *r, brink_error *err)
{
    brink_scenario *arms[MAX_ARMS] = {0};
    brink_runner *runner[MAX_ARMS] = {0};
    brink_runner_job *jobs = calloc(CHUNK_RUNS, sizeof *jobs);
    run_path *path = calloc(CHUNK_RUNS, sizeof *path);
    run_obs *obs_of = calloc((size_t)MAX_ARMS * CHUNK_RUNS, sizeof *obs_of);
    int status = 0;
    if (!jobs || !path || !obs_of) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
        status = -1;
    }
    for (int a = 0; a < d->n_arms && status == 0; a++) {
        if (!(arms[a] = brink_scenario_clone(sc, err))) {
            status = -1;
            break;
        }
        if (d->no_timeline)
            brink_scenario_drop_timeline(arms[a]);
        const char *policy = policy_id(sc, d->arms[a].policy);
        for (int k = 0; status == 0 && k < d->arms[a].n_sets; k++)
            if (apply_set(arms[a], d->arms[a].sets[k], policy, err) != BRINK_OK) {
                brink_error_hint(err, "claim %d, while setting '%s'", r->id, d->arms[a].sets[k]);
                status = -1;
            }
        for (int k = 0; status == 0 && k < cfg->n_arm_sets; k++)
            if (apply_set(arms[a], cfg->arm_sets[k], policy, err) != BRINK_OK) {
                brink_error_hint(err, "claim %d, while setting '%s' (--arm-set)", r->id,
                                 cfg->arm_sets[k]);
                status = -1;
            }
        if (status == 0 && !(runner[a] = brink_runner_alloc(arms[a], 0, err)))
            status = -1;
    }
    test_acc acc[BRINK_CLAIM_TESTS];
    brink_moments arm_mean[MAX_ARMS][N_FIELDS];
    for (int k = 0; k < d->n_tests; k++) {
        brink_paired_prop_init(&acc[k].prop);
        brink_moments_init(&acc[k].diff);
        brink_moments_init(&acc[k].base);
        brink_moments_init(&acc[k].variant);
        brink_moments_init(&acc[k].premise);
        acc[k].succ = acc[k].n = 0;
    }
    for (int a = 0; a < MAX_ARMS; a++)
        for (size_t f = 0; f < N_FIELDS; f++)
            brink_moments_init(&arm_mean[a][f]);

    for (uint64_t run0 = 0; status == 0 && run0 < runs; run0 += CHUNK_RUNS) {
        size_t n = runs - run0 < CHUNK_RUNS ? (size_t)(runs - run0) : CHUNK_RUNS;
        for (int a = 0; status == 0 && a < d->n_arms; a++) {
            for (size_t i = 0; i < n; i++)
                jobs[i] = (brink_runner_job){.policy = d->arms[a].policy, .run = run0 + i};
            arm_watch aw = {d, path, &obs_of[(size_t)a * CHUNK_RUNS]};
            brink_runner_watch w = {path_start, path_wants, path_month, path_end, &aw};
            if (brink_runner_run_watched(runner[a], cfg->seed, NULL, 0, 0, jobs, n, &w, err) !=
                BRINK_OK)
                status = -1;
        }
        for (size_t i = 0; status == 0 && i < n; i++) {
            run_obs obs[MAX_ARMS];
            for (int a = 0; a < d->n_arms; a++) {
                obs[a] = obs_of[(size_t)a * CHUNK_RUNS + i];
                for (size_t f = 0; f < N_FIELDS; f++)
                    brink_moments_add(&arm_mean[a][f], obs_get(&obs[a], f * sizeof(double)));
            }
            reduce_run(d, acc, obs);
        }
    }

    for (int k = 0; status == 0 && k < d->n_tests; k++) {
        const test_def *td = &d->tests[k];
        const test_acc *ac = &acc[k];
        brink_claim_test *t = &r->test[k];
        memset(t, 0, sizeof *t);
        snprintf(t->what, sizeof t->what, "%s", td->what);
        snprintf(t->unit, sizeof t->unit, "%s", td->unit);
        snprintf(t->base_label, sizeof t->base_label, "%s", td->base_label);
        snprintf(t->variant_label, sizeof t->variant_label, "%s", td->variant_label);
        t->expect = td->expect;
        t->min_effect = td->min;
        t->premise = NOT_A_NUMBER;
        if (td->kind == T_LEVEL) {
            t->n = ac->n;
            t->base = NOT_A_NUMBER;
            t->variant = t->effect = brink_proportion(ac->succ, ac->n);
            if (brink_wilson(ac->succ, ac->n, brink_z_for_level(cfg->level), &t->lo, &t->hi,
                             err) != BRINK_OK) {
                status = -1;
                break;
            }
        } else {
            t->n = ac->diff.n;
            t->base = brink_moments_mean(&ac->base);
            t->variant = brink_moments_mean(&ac->variant);
            if (td->kind == T_PROP) {
                brink_paired_diff pd;
                if (brink_paired_prop_diff(&ac->prop, cfg->level, &pd, err) != BRINK_OK) {
                    status = -1;
                    break;
                }
                t->effect = pd.diff;
                t->lo = pd.lo;
                t->hi = pd.hi;
            } else {
                t->effect = brink_moments_mean(&ac->diff);
                if (ac->diff.n < 2 ||
                    brink_moments_mean_interval(&ac->diff, cfg->level, &t->lo, &t->hi, err) !=
                        BRINK_OK) {
                    t->lo = t->hi = t->effect;
                }
            }
        }
        if (td->has_premise)
            t->premise = brink_moments_mean(&ac->premise);
        /* testable? */
        double m = td->min;
        const char *untestable = NULL;
        char buf[200];
        if (td->depends == -2) {
            untestable = "the case has nothing this lever acts on";
        } else if (td->depends >= 0 && r->test[td->depends].verdict == BRINK_VERDICT_UNTESTABLE) {
            snprintf(buf, sizeof buf, "untestable because part (%c) is", 'a' + td->depends);
            untestable = buf;
        } else if (t->n == 0) {
            untestable = "no run entered the contrast";
        } else if (td->has_premise && !(t->premise <= td->premise_max)) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            snprintf(buf, sizeof buf, td->premise_text, t->premise, td->premise_max);
#pragma GCC diagnostic pop
            untestable = buf;
        } else if ((td->flags & TF_BOUNDED) && td->expect == BRINK_EXPECT_RISE && t->base > 1 - m &&
                   !(t->effect <= -m && t->hi < 0)) {
            /* (a meaningful move the other way still counts against the claim) */
            snprintf(buf, sizeof buf, "ceiling: the base level %.3f leaves less than %.2g to rise",
                     t->base, m);
            untestable = buf;
        } else if ((td->flags & TF_BOUNDED) && td->expect == BRINK_EXPECT_FALL && t->base < m &&
                   !(t->effect >= m && t->lo > 0)) {
            snprintf(buf, sizeof buf, "floor: the base level %.3f leaves less than %.2g to fall",
                     t->base, m);
            untestable = buf;
        } else if ((td->flags & TF_BOUNDED) && td->expect == BRINK_EXPECT_NO_RISE &&
                   t->base < m && t->variant < m) {
            snprintf(buf, sizeof buf,
                     "floor: below %.2g in both arms (%.3f, %.3f), so no threshold can show", m,
                     t->base, t->variant);
            untestable = buf;
        } else if (td->flags & TF_ALL_FLOOR) {
            double top = 0;
            for (int a = 0; a < d->n_arms; a++)
                if (side_uses(&td->base, a) || side_uses(&td->variant, a))
                    for (int s = 0; s < td->base.n; s++)
                        top = fmax(top, brink_moments_mean(&arm_mean[a][FIELD_INDEX(td->base.field[s])]));
            if (top < m) {
                snprintf(buf, sizeof buf, "floor: below %.2g in every arm (at most %.3f)", m, top);
                untestable = buf;
            }
        }
        if (untestable) {
            t->verdict = BRINK_VERDICT_UNTESTABLE;
            snprintf(t->note, sizeof t->note, "%s", untestable);
        } else {
            judge(t);
        }
    }
    r->n_tests = d->n_tests;
    if (status == 0) {
        int testable = 0, held = 0, failed = -1;
        for (int k = 0; k < d->n_tests; k++) {
            brink_verdict v = r->test[k].verdict;
            if (v == BRINK_VERDICT_UNTESTABLE)
                continue;
            testable++;
            held += v == BRINK_VERDICT_HOLDS;
            if (v == BRINK_VERDICT_FAILS && failed < 0)
                failed = k;
        }
        if (!testable) {
            r->verdict = BRINK_VERDICT_UNTESTABLE;
            snprintf(r->why, sizeof r->why, "%s", r->test[0].note);
        } else if (failed >= 0) {
            r->verdict = BRINK_VERDICT_FAILS;
            snprintf(r->why, sizeof r->why, "(%c) %s", 'a' + failed, r->test[failed].note);
        } else if (held == testable) {
            r->verdict = BRINK_VERDICT_HOLDS;
        } else {
            r->verdict = BRINK_VERDICT_INCONCLUSIVE;
            for (int k = 0; k < d->n_tests; k++)
                if (r->test[k].verdict == BRINK_VERDICT_INCONCLUSIVE) {
                    snprintf(r->why, sizeof r->why, "(%c) %s", 'a' + k, r->test[k].note);
                    break;
                }
        }
    }
    for (int a = 0; a < MAX_ARMS; a++) {
        brink_runner_free(runner[a]);
        brink_scenario_free(arms[a]);
    }
    free(jobs);
    free(path);
    free(obs_of);
    return status;
}

/* Tests claim `id` on sc; r->id must be set. */
static int run_claim(const brink_scenario *sc, int id, const brink_claims_config *cfg,
                     uint64_t runs, brink_claim_result *r, brink_error *err)
{
    memset(r, 0, sizeof *r);
    r->id = id;
    build_fn build = builders[id - 1];
    if (!build || infos[id - 1].kind != BRINK_CLAIM_VALIDATION) {
        r->verdict = BRINK_VERDICT_NOT_RUN;
        snprintf(r->why, sizeof r->why, "verification: true by construction, checked by a unit test");
        return 0;
    }
    design *d = calloc(1, sizeof *d);
    if (!d) {
        brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, "claims", "out of memory");
        return -1;
    }
    char why[240] = "";
    if (build(sc, d, why, sizeof why) != 0) {
        r->verdict = BRINK_VERDICT_UNTESTABLE;
        snprintf(r->why, sizeof r->why, "%s", why);
        free(d);
        return 0;
    }
    snprintf(r->changed, sizeof r->changed, "%s", d->changed);
    int rc = run_design(sc, d, cfg, runs, r, err);
    free(d);
    return rc;
}

/* ---- jobs over threads -------------------------------------------------------- */

/* A claims job writes one plain result (no pointers); the jobs are the tasks
 * of a farm (analysis/farm.h), over threads and processes. */
typedef int (*job_fn)(void *ctx, int job, void *result, brink_error *err);

typedef struct {
    job_fn fn;
    void *ctx;
} job_farm;

static brink_status job_task(void *ctx, int thread, uint64_t task, void *result,
                             brink_error *err)
{
    (void)thread;
    job_farm *jf = ctx;
    return jf->fn(jf->ctx, (int)task, result, err) == 0 ? BRINK_OK
                                                        : (err->code ? err->code
                                                                     : BRINK_ERR_RUNTIME);
}

static int thread_count(int asked, int jobs)
{
    int t = brink_thread_count(asked, BRINK_CLAIMS_MAX_THREADS);
    return t < jobs ? t : (jobs > 0 ? jobs : 1);
}

/* The inputs every claims job shares, for a snapshot to match. */
static uint64_t config_fingerprint(uint64_t h, const brink_claims_config *cfg)
{
    uint64_t v[3] = {cfg->runs, cfg->seed, (uint64_t)cfg->only};
    h = brink_fnv1a(h, v, sizeof v);
    h = brink_fnv1a(h, &cfg->level, sizeof cfg->level);
    for (int k = 0; k < cfg->n_arm_sets; k++)
        h = brink_fnv1a(h, cfg->arm_sets[k], strlen(cfg->arm_sets[k]) + 1);
    return h;
}

/* Runs every job into results (n_jobs x size bytes); each depends on its
 * job alone, so the outcome does not depend on the threads or processes.
 * Returns the failure of the lowest-numbered job that failed. */
static brink_status run_jobs(int n_jobs, size_t size, job_fn fn, void *ctx, void *results,
                             int threads, uint64_t fingerprint, brink_error *err)
{
    job_farm jf = {fn, ctx};
    brink_farm farm = {
        .tasks = (uint64_t)(n_jobs > 0 ? n_jobs : 0),
        .result_size = size,
        .threads = thread_count(threads, n_jobs),
        .task = job_task,
        .ctx = &jf,
        .job = fingerprint,
    };
    uint64_t done = 0;
    return brink_farm_run(&farm, results, &done, err);
}

static brink_status check_config(const brink_claims_config *cfg, uint64_t runs, brink_error *err)
{
    if (runs < 2)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "runs",
                               "at least 2 runs are needed (got %llu)", (unsigned long long)runs);
    if (!(cfg->level > 0 && cfg->level < 1))
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "level",
                               "confidence level %g is not in (0, 1)", cfg->level);
    if (cfg->only < 0 || cfg->only > BRINK_CLAIMS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "claim",
                               "claim %d is not in [1, %d]", cfg->only, BRINK_CLAIMS);
    if (cfg->threads < 0 || cfg->threads > BRINK_CLAIMS_MAX_THREADS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "threads",
                               "%d threads (allowed 0 to %d)", cfg->threads,
                               BRINK_CLAIMS_MAX_THREADS);
    return BRINK_OK;
}

/* Every --arm-set override fits once '@' is replaced by each policy of sc:
 * checked before any run, so that a long value fails at once, whichever
 * claims are selected. */
static brink_status check_arm_sets(const brink_scenario *sc, const brink_claims_config *cfg,
                                   brink_error *err)
{
    char buf[BRINK_CLAIMS_MAX_SET + 1];
    for (int k = 0; k < cfg->n_arm_sets; k++)
        for (int p = 0; p < brink_scenario_policy_count(sc); p++) {
            const char *policy = policy_id(sc, p);
            if (substitute(cfg->arm_sets[k], policy, buf, sizeof buf) != 0)
                return brink_error_set(err, BRINK_ERR_INPUT, "--arm-set", 0, 0, NULL,
                                       "'%.40s...' is longer than %d bytes (with '@' replaced "
                                       "by '%s')",
                                       cfg->arm_sets[k], BRINK_CLAIMS_MAX_SET, policy);
        }
    return BRINK_OK;
}

static int selected(const brink_claims_config *cfg, int id)
{
    return infos[id - 1].kind == BRINK_CLAIM_VALIDATION && (!cfg->only || cfg->only == id);
}

typedef struct {
    const brink_scenario *const *sc;
    const brink_claims_config *cfg;
    int *job_case, *job_claim;
} cases_ctx;

static int case_job(void *ctx, int j, void *result, brink_error *err)
{
    cases_ctx *c = ctx;
    int k = c->job_case[j], id = c->job_claim[j];
    brink_claim_result *r = result;
    memset(r, 0, sizeof *r);
    r->id = id;
    return run_claim(c->sc[k], id, c->cfg, c->cfg->runs, r, err);
}

brink_status brink_claims_run(const brink_scenario *const *sc, int n,
                              const brink_claims_config *cfg, brink_claim_result *out,
                              brink_error *err)
{
    brink_error_clear(err);
    brink_status st = check_config(cfg, cfg->runs, err);
    if (st != BRINK_OK)
        return st;
    if (n < 1 || n > BRINK_CLAIMS_MAX_CASES)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "scenarios",
                               "%d scenarios (allowed 1 to %d)", n, BRINK_CLAIMS_MAX_CASES);
    for (int k = 0; k < n; k++)
        if ((st = check_arm_sets(sc[k], cfg, err)) != BRINK_OK)
            return st;
    int jobs = 0;
    int *job_case = malloc(sizeof(int) * (size_t)n * BRINK_CLAIMS);
    int *job_claim = malloc(sizeof(int) * (size_t)n * BRINK_CLAIMS);
    if (!job_case || !job_claim) {
        free(job_case);
        free(job_claim);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, "claims", "out of memory");
    }
    for (int k = 0; k < n; k++)
        for (int id = 1; id <= BRINK_CLAIMS; id++) {
            brink_claim_result *r = &out[k * BRINK_CLAIMS + id - 1];
            memset(r, 0, sizeof *r);
            r->id = id;
            if (selected(cfg, id)) {
                job_case[jobs] = k;
                job_claim[jobs++] = id;
            } else {
                snprintf(r->why, sizeof r->why, "%s",
                         infos[id - 1].kind == BRINK_CLAIM_VERIFICATION
                             ? "verification: true by construction, checked by a unit test"
                             : "not selected");
            }
        }
    cases_ctx ctx = {sc, cfg, job_case, job_claim};
    brink_claim_result *res = malloc(sizeof *res * (size_t)(jobs > 0 ? jobs : 1));
    if (!res) {
        free(job_case);
        free(job_claim);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, "claims", "out of memory");
    }
    uint64_t h = config_fingerprint(BRINK_FNV_START, cfg);
    for (int k = 0; k < n; k++) {
        uint64_t sh = brink_scenario_hash(sc[k]);
        h = brink_fnv1a(h, &sh, sizeof sh);
    }
    st = run_jobs(jobs, sizeof *res, case_job, &ctx, res, cfg->threads, h, err);
    for (int j = 0; j < jobs && st == BRINK_OK; j++)
        out[job_case[j] * BRINK_CLAIMS + job_claim[j] - 1] = res[j];
    free(res);
    free(job_case);
    free(job_claim);
    return st;
}

/* ---- the plausible behaviour box ------------------------------------------------ */

/* The behaviour parameters with a plausible range. */
static int box_params(const char **path, double *lo, double *hi, int cap)
{
    const brink_group_info *gi = &brink_groups[BRINK_GROUP_SCALAR];
    int n = 0;
    for (size_t i = 0; i < gi->n_specs; i++) {
        const brink_spec *s = &gi->specs[i];
        if (s->kind != BRINK_SPEC_NUM || strncmp(s->name, "behaviour.", 10) != 0 ||
            !(s->phi > s->plo))
            continue;
        if (n < cap) {
            path[n] = s->name;
            lo[n] = s->plo;
            hi[n] = s->phi;
        }
        n++;
    }
    return n;
}

typedef struct {
    const brink_scenario *sc;
    const brink_claims_config *cfg;
    brink_claims_box *box;
} box_ctx;

/* Point j of the box: every claim there, into result (BRINK_CLAIMS results). */
static int box_job(void *ctx, int j, void *result, brink_error *err)
{
    box_ctx *c = ctx;
    brink_claim_result *res = result;
    brink_claims_box *b = c->box;
    brink_scenario *pt = brink_scenario_clone(c->sc, err);
    if (!pt)
        return -1;
    for (int k = 0; k < b->n_params; k++) {
        char set[SET_LEN];
        snprintf(set, sizeof set, "%s=%.17g", b->param[k], b->x[(size_t)j * b->n_params + k]);
        if (brink_scenario_set(pt, set, err) != BRINK_OK) {
            brink_error_hint(err, "box point %d", j);
            brink_scenario_free(pt);
            return -1;
        }
    }
    int rc = 0;
    for (int id = 1; id <= BRINK_CLAIMS && rc == 0; id++) {
        brink_claim_result *r = &res[id - 1];
        memset(r, 0, sizeof *r);
        if (selected(c->cfg, id))
            rc = run_claim(pt, id, c->cfg, b->runs, r, err);
        else
            memset(r, 0, sizeof *r);
    }
    brink_scenario_free(pt);
    return rc;
}

/* The margin by which a result clears its claim: the smallest over its
 * testable parts of how far the effect lies beyond the minimum effect in the
 * claimed direction (negative: short of it). NaN when nothing is testable. */
static double margin(const brink_claim_result *r)
{
    double m = NOT_A_NUMBER;
    for (int k = 0; k < r->n_tests; k++) {
        const brink_claim_test *t = &r->test[k];
        if (t->verdict == BRINK_VERDICT_UNTESTABLE || t->verdict == BRINK_VERDICT_NOT_RUN)
            continue;
        double v;
        switch (t->expect) {
        case BRINK_EXPECT_RISE: v = t->effect - t->min_effect; break;
        case BRINK_EXPECT_FALL: v = -t->effect - t->min_effect; break;
        default: v = t->min_effect - t->effect; break;
        }
        if (isnan(m) || v < m)
            m = v;
    }
    return m;
}

/* Average ranks (1-based) of x[0..n-1]. */
static void ranks(const double *x, int n, double *rk)
{
    for (int i = 0; i < n; i++) {
        int below = 0, equal = 0;
        for (int k = 0; k < n; k++) {
            below += x[k] < x[i];
            equal += x[k] == x[i];
        }
        rk[i] = below + (equal + 1) / 2.0;
    }
}

static double pearson(const double *a, const double *b, int n)
{
    double ma = 0, mb = 0;
    for (int i = 0; i < n; i++) {
        ma += a[i];
        mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

static void box_summarise(brink_claims_box *b, const brink_claim_result *res,
                          const brink_claims_config *cfg)
{
    int P = b->points;
    double *m = malloc(sizeof(double) * (size_t)P), *xv = malloc(sizeof(double) * (size_t)P);
    double *rm = malloc(sizeof(double) * (size_t)P), *rx = malloc(sizeof(double) * (size_t)P);
    int *idx = malloc(sizeof(int) * (size_t)P);
    double z = brink_z_for_level(cfg->level);
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        brink_claims_box_claim *c = &b->claim[id - 1];
        memset(c, 0, sizeof *c);
        c->id = id;
        c->share = c->lo = c->hi = c->rho_critical = NOT_A_NUMBER;
        if (!selected(cfg, id))
            continue;
        c->points = P;
        int nm = 0;
        for (int i = 0; i < P; i++) {
            const brink_claim_result *r = &res[(size_t)i * BRINK_CLAIMS + id - 1];
            b->verdict[(size_t)i * BRINK_CLAIMS + id - 1] = r->verdict;
            b->effect[(size_t)i * BRINK_CLAIMS + id - 1] = r->n_tests ? r->test[0].effect : NOT_A_NUMBER;
            c->holds += r->verdict == BRINK_VERDICT_HOLDS;
            c->fails += r->verdict == BRINK_VERDICT_FAILS;
            c->inconclusive += r->verdict == BRINK_VERDICT_INCONCLUSIVE;
            c->untestable += r->verdict == BRINK_VERDICT_UNTESTABLE;
            double mg = margin(r);
            if (m && idx && isfinite(mg)) {
                m[nm] = mg;
                idx[nm++] = i;
            }
        }
        c->share = (double)c->holds / P;
        if (brink_wilson((uint64_t)c->holds, (uint64_t)P, z, &c->lo, &c->hi, NULL) != BRINK_OK)
            c->lo = c->hi = NOT_A_NUMBER;
        if (!m || !xv || !rm || !rx || !idx || nm < 4)
            continue;
        /* the parameters whose values go most with the margin (Spearman) */
        c->rho_critical = brink_z_for_level(1.0 - 0.05 / b->n_params) / sqrt((double)(nm - 1));
        ranks(m, nm, rm);
        for (int k = 0; k < b->n_params; k++) {
            for (int i = 0; i < nm; i++)
                xv[i] = b->x[(size_t)idx[i] * b->n_params + k];
            ranks(xv, nm, rx);
            double rho = pearson(rx, rm, nm);
            /* insert into the top list by |rho| (ties: the earlier parameter) */
            int pos = c->n_drivers;
            while (pos > 0 && fabs(rho) > fabs(c->driver[pos - 1].rho))
                pos--;
            if (pos >= BRINK_CLAIMS_BOX_DRIVERS)
                continue;
            int last = c->n_drivers < BRINK_CLAIMS_BOX_DRIVERS ? c->n_drivers : BRINK_CLAIMS_BOX_DRIVERS - 1;
            for (int q = last; q > pos; q--)
                c->driver[q] = c->driver[q - 1];
            brink_claims_driver *dr = &c->driver[pos];
            dr->path = b->param[k];
            dr->rho = rho;
            double mid = 0.5 * (b->lo[k] + b->hi[k]);
            int nl = 0, hl = 0, nh = 0, hh = 0;
            for (int i = 0; i < P; i++) {
                int held = res[(size_t)i * BRINK_CLAIMS + id - 1].verdict == BRINK_VERDICT_HOLDS;
                if (b->x[(size_t)i * b->n_params + k] < mid) {
                    nl++;
                    hl += held;
                } else {
                    nh++;
                    hh += held;
                }
            }
            dr->held_low = nl ? (double)hl / nl : NOT_A_NUMBER;
            dr->held_high = nh ? (double)hh / nh : NOT_A_NUMBER;
            if (c->n_drivers < BRINK_CLAIMS_BOX_DRIVERS)
                c->n_drivers++;
        }
    }
    free(m);
    free(xv);
    free(rm);
    free(rx);
    free(idx);
}

void brink_claims_box_free(brink_claims_box *box)
{
    if (!box)
        return;
    free(box->param);
    free(box->lo);
    free(box->hi);
    free(box->x);
    free(box->verdict);
    free(box->effect);
    memset(box, 0, sizeof *box);
}

brink_status brink_claims_box_run(const brink_scenario *sc, const brink_claims_config *cfg,
                                  int points, uint64_t runs, brink_claims_box *out,
                                  brink_error *err)
{
    brink_error_clear(err);
    memset(out, 0, sizeof *out);
    brink_status st = check_config(cfg, runs, err);
    if (st == BRINK_OK)
        st = check_arm_sets(sc, cfg, err);
    if (st != BRINK_OK)
        return st;
    if (points < 2 || points > 100000)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, "points",
                               "%d box points (allowed 2 to 100000)", points);
    int dims = box_params(NULL, NULL, NULL, 0);
    out->points = points;
    out->runs = runs;
    out->n_params = dims;
    out->param = calloc((size_t)dims, sizeof *out->param);
    out->lo = calloc((size_t)dims, sizeof *out->lo);
    out->hi = calloc((size_t)dims, sizeof *out->hi);
    out->x = calloc((size_t)points * (size_t)dims, sizeof *out->x);
    out->verdict = calloc((size_t)points * BRINK_CLAIMS, sizeof *out->verdict);
    out->effect = calloc((size_t)points * BRINK_CLAIMS, sizeof *out->effect);
    brink_claim_result *res = calloc((size_t)points * BRINK_CLAIMS, sizeof *res);
    if (!out->param || !out->lo || !out->hi || !out->x || !out->verdict || !out->effect || !res) {
        free(res);
        brink_claims_box_free(out);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, "claims", "out of memory");
    }
    box_params(out->param, out->lo, out->hi, dims);
    /* a Latin hypercube (explore/design.h), its own stream: no run uses it */
    if (brink_latin_hypercube(cfg->seed, BRINK_LHS_STREAM, points, dims, out->lo, out->hi,
                              out->x) != 0) {
        free(res);
        brink_claims_box_free(out);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, "claims", "out of memory");
    }
    box_ctx ctx = {sc, cfg, out};
    uint64_t h = config_fingerprint(BRINK_FNV_START, cfg);
    uint64_t v[3] = {brink_scenario_hash(sc), (uint64_t)points, runs};
    h = brink_fnv1a(h, v, sizeof v);
    h = brink_fnv1a(h, out->x, sizeof(double) * (size_t)points * (size_t)dims);
    st = run_jobs(points, sizeof *res * BRINK_CLAIMS, box_job, &ctx, res, cfg->threads, h, err);
    if (st == BRINK_OK)
        box_summarise(out, res, cfg);
    else
        brink_claims_box_free(out);
    free(res);
    return st;
}
