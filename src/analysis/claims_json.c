/* The JSON of `brink claims --format json` (claims.h): every claim shown,
 * its verdict and tests on each case, the box's summary of it, and the
 * cases and the box themselves. */
#include "brink/claims.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "brink/brink.h"
#include "core/json_out.h"

#define JSON_DIGITS 6 /* significant digits of reals */

static json_t *test_json(const brink_claim_test *t)
{
    static const char *expect[] = {"no_rise", "rise", "near_zero"};
    json_t *o = json_object();
    json_object_set_new(o, "what", json_string(t->what));
    json_object_set_new(o, "unit", json_string(t->unit));
    json_object_set_new(o, "expect",
                        json_string(t->expect == BRINK_EXPECT_FALL ? "fall" : expect[t->expect]));
    json_object_set_new(o, "min_effect", brink_json_num(t->min_effect));
    json_t *lv = json_object();
    if (t->expect != BRINK_EXPECT_NEAR_ZERO)
        json_object_set_new(lv, t->base_label, brink_json_num(t->base));
    json_object_set_new(lv, t->variant_label, brink_json_num(t->variant));
    json_object_set_new(o, "levels", lv);
    json_object_set_new(o, "effect", brink_json_num(t->effect));
    json_object_set_new(o, "ci", brink_json_pair(t->lo, t->hi));
    if (isfinite(t->premise))
        json_object_set_new(o, "premise", brink_json_num(t->premise));
    json_object_set_new(o, "n", json_integer((json_int_t)t->n));
    json_object_set_new(o, "verdict", json_string(brink_verdict_name(t->verdict)));
    if (t->note[0])
        json_object_set_new(o, "note", json_string(t->note));
    return o;
}

static json_t *result_json(const brink_claim_result *cr)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(cr->id));
    json_object_set_new(o, "verdict", json_string(brink_verdict_name(cr->verdict)));
    if (cr->why[0])
        json_object_set_new(o, "why", json_string(cr->why));
    if (cr->changed[0])
        json_object_set_new(o, "changed", json_string(cr->changed));
    json_t *tests = json_array();
    for (int k = 0; k < cr->n_tests; k++)
        json_array_append_new(tests, test_json(&cr->test[k]));
    json_object_set_new(o, "tests", tests);
    return o;
}

/* What the box says of claim id: its verdicts, the parameters that go with
 * them, and each point's verdict and effect. */
static json_t *box_claim_json(const brink_claims_box *box, int id)
{
    const brink_claims_box_claim *b = &box->claim[id - 1];
    json_t *bo = json_object();
    json_object_set_new(bo, "points", json_integer(b->points));
    json_object_set_new(bo, "holds", json_integer(b->holds));
    json_object_set_new(bo, "fails", json_integer(b->fails));
    json_object_set_new(bo, "inconclusive", json_integer(b->inconclusive));
    json_object_set_new(bo, "untestable", json_integer(b->untestable));
    json_object_set_new(bo, "share", brink_json_num(b->share));
    json_object_set_new(bo, "ci", brink_json_pair(b->lo, b->hi));
    json_t *dr = json_array();
    for (int k = 0; k < b->n_drivers; k++) {
        json_t *d = json_object();
        json_object_set_new(d, "parameter", json_string(b->driver[k].path));
        json_object_set_new(d, "rho", brink_json_num(b->driver[k].rho));
        json_object_set_new(d, "holds_lower_half", brink_json_num(b->driver[k].held_low));
        json_object_set_new(d, "holds_upper_half", brink_json_num(b->driver[k].held_high));
        json_array_append_new(dr, d);
    }
    json_object_set_new(bo, "drivers", dr);
    json_object_set_new(bo, "rho_critical", brink_json_num(b->rho_critical));
    json_t *pts = json_array();
    for (int i = 0; i < box->points; i++) {
        size_t at = (size_t)i * BRINK_CLAIMS + (size_t)(id - 1);
        json_t *p = json_object();
        json_object_set_new(p, "verdict", json_string(brink_verdict_name(box->verdict[at])));
        json_object_set_new(p, "effect", brink_json_num(box->effect[at]));
        json_array_append_new(pts, p);
    }
    json_object_set_new(bo, "per_point", pts);
    return bo;
}

static json_t *to_json(const brink_scenario *const *sc, int n, const brink_claims_config *cfg,
                       const brink_claim_result *res, const brink_claims_box *box)
{
    json_t *root = json_object();
    json_object_set_new(root, "program", json_string("brink"));
    json_object_set_new(root, "version", json_string(brink_version()));
    json_object_set_new(root, "runs", json_integer((json_int_t)cfg->runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)cfg->seed));
    json_object_set_new(root, "min_effect", brink_json_num(BRINK_CLAIM_MIN_EFFECT));
    json_t *claims = json_array();
    for (int id = 1; id <= BRINK_CLAIMS; id++) {
        if (cfg->only && cfg->only != id)
            continue;
        const brink_claim_info *ci = brink_claim_info_get(id);
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(id));
        json_object_set_new(o, "claim", json_string(ci->claim));
        json_object_set_new(o, "kind", json_string(brink_claim_kind_name(ci->kind)));
        json_object_set_new(o, "mechanisms", json_string(ci->mechanisms));
        json_object_set_new(o, "check", json_string(ci->check));
        json_object_set_new(o, "explanation", json_string(ci->explanation));
        if (box && ci->kind == BRINK_CLAIM_VALIDATION)
            json_object_set_new(o, "box", box_claim_json(box, id));
        json_t *cases = json_array();
        for (int c = 0; c < n; c++) {
            json_t *co = result_json(&res[c * BRINK_CLAIMS + id - 1]);
            json_object_set_new(co, "scenario", json_string(brink_scenario_name(sc[c])));
            json_array_append_new(cases, co);
        }
        json_object_set_new(o, "cases", cases);
        json_array_append_new(claims, o);
    }
    json_object_set_new(root, "claims", claims);
    json_t *sj = json_array();
    for (int c = 0; c < n; c++) {
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(brink_scenario_name(sc[c])));
        char hash[17];
        snprintf(hash, sizeof hash, "%016" PRIx64, brink_scenario_hash(sc[c]));
        json_object_set_new(o, "hash", json_string(hash));
        json_array_append_new(sj, o);
    }
    json_object_set_new(root, "scenarios", sj);
    if (box) {
        json_t *bo = json_object();
        json_object_set_new(bo, "scenario", json_string(brink_scenario_name(sc[0])));
        json_object_set_new(bo, "points", json_integer(box->points));
        json_object_set_new(bo, "runs", json_integer((json_int_t)box->runs));
        json_t *par = json_array();
        for (int k = 0; k < box->n_params; k++) {
            json_t *p = json_object();
            json_object_set_new(p, "path", json_string(box->param[k]));
            json_object_set_new(p, "lo", brink_json_num(box->lo[k]));
            json_object_set_new(p, "hi", brink_json_num(box->hi[k]));
            json_array_append_new(par, p);
        }
        json_object_set_new(bo, "parameters", par);
        json_object_set_new(root, "box", bo);
    }
    return root;
}

brink_status brink_claims_write_json(const brink_scenario *const *sc, int n,
                                     const brink_claims_config *cfg,
                                     const brink_claim_result *res, const brink_claims_box *box,
                                     FILE *out, brink_error *err)
{
    if (!sc || n < 1 || n > BRINK_CLAIMS_MAX_CASES || !cfg || !res || !out)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "claims JSON: no cases, results or stream (1 to %d cases)",
                               BRINK_CLAIMS_MAX_CASES);
    if (cfg->only < 0 || cfg->only > BRINK_CLAIMS)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "claims JSON: claim %d is not 0 (every claim) or 1 to %d",
                               cfg->only, BRINK_CLAIMS);
    return brink_json_write(to_json(sc, n, cfg, res, box), out, JSON_DIGITS, err);
}
