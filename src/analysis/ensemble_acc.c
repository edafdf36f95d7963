/* Accumulators of an ensemble: allocation, merging and packing (see
 * ensemble_acc.h). */
#include "analysis/ensemble_acc.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/hist_internal.h"

/* ---- Accumulators of one chunk (or of the result) ------------------------- */

static void policy_free(brink_ensemble_policy *p)
{
    brink_outcome_by_month_free(&p->by_month);
    brink_fan_free(&p->fan);
    for (int c = 0; c < BRINK_COST_COUNT; c++)
        brink_hist_free(&p->cost[c]);
}

void acc_free(acc_set *a)
{
    if (a->pol)
        for (int k = 0; k < a->npol; k++)
            policy_free(&a->pol[k]);
    free(a->pol);
    free(a->pair);
    a->pol = NULL;
    a->pair = NULL;
}

void acc_clear(acc_set *a, uint32_t horizon)
{
    for (int k = 0; k < a->npol; k++) {
        brink_ensemble_policy *p = &a->pol[k];
        brink_categorical_init(&p->outcomes, BRINK_OUTCOME_COUNT, NULL);
        brink_outcome_by_month_clear(&p->by_month);
        brink_km_init(&p->km_deal, horizon, NULL);
        brink_km_init(&p->km_agreement, horizon, NULL);
        brink_fan_clear(&p->fan);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_hist_clear(&p->cost[c]);
        p->run_months = 0;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            brink_paired_prop_init(&a->pair[k].outcome[o]);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_paired_mean_init(&a->pair[k].cost[c]);
    }
    a->runs = 0;
}

brink_status acc_alloc(acc_set *a, int npol, uint32_t horizon,
                              const brink_hist_spec *fan_spec, const brink_hist_spec *cost_spec,
                              brink_error *err)
{
    a->npol = npol;
    a->pol = calloc((size_t)npol, sizeof *a->pol);
    a->pair = calloc((size_t)npol, sizeof *a->pair);
    if (!a->pol || !a->pair) {
        acc_free(a);
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL, "out of memory");
    }
    for (int k = 0; k < npol; k++) {
        brink_ensemble_policy *p = &a->pol[k];
        if (brink_outcome_by_month_alloc(&p->by_month, horizon, BRINK_OUTCOME_COUNT, err) !=
                BRINK_OK ||
            brink_fan_alloc(&p->fan, fan_spec, BRINK_FAN_COUNT, horizon, err) != BRINK_OK) {
            acc_free(a);
            return err ? err->code : BRINK_ERR_RUNTIME;
        }
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            if (brink_hist_alloc(&p->cost[c], &cost_spec[c], err) != BRINK_OK) {
                acc_free(a);
                return err ? err->code : BRINK_ERR_RUNTIME;
            }
    }
    acc_clear(a, horizon);
    return BRINK_OK;
}

/* dst ⊕= src; dst starts empty for the first chunk, so it copies it exactly. */
brink_status acc_merge(acc_set *dst, const acc_set *src, brink_error *err)
{
    for (int k = 0; k < dst->npol; k++) {
        brink_ensemble_policy *d = &dst->pol[k];
        const brink_ensemble_policy *s = &src->pol[k];
        if (brink_categorical_merge(&d->outcomes, &s->outcomes, err) != BRINK_OK ||
            brink_outcome_by_month_merge(&d->by_month, &s->by_month, err) != BRINK_OK ||
            brink_km_merge(&d->km_deal, &s->km_deal, err) != BRINK_OK ||
            brink_km_merge(&d->km_agreement, &s->km_agreement, err) != BRINK_OK ||
            brink_fan_merge(&d->fan, &s->fan, err) != BRINK_OK)
            return err ? err->code : BRINK_ERR_RUNTIME;
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            if (brink_hist_merge(&d->cost[c], &s->cost[c], err) != BRINK_OK)
                return err ? err->code : BRINK_ERR_RUNTIME;
        d->run_months += s->run_months;
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++)
            brink_paired_prop_merge(&dst->pair[k].outcome[o], &src->pair[k].outcome[o]);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_paired_mean_merge(&dst->pair[k].cost[c], &src->pair[k].cost[c]);
    }
    dst->runs += src->runs;
    return BRINK_OK;
}

/* ---- Packed form ------------------------------------------------------------
 * Per policy: the outcome counts, the status counts by month, the two
 * survival tables, each fan cell's moments and tails then all fan bins, each
 * cost histogram, the run-months; then the paired tables and the run count.
 * Counter arrays have their zero runs collapsed (core/pack.h). */

static void pack_moments(brink_packer *p, const brink_moments *m)
{
    brink_pack_u64(p, m->n);
    brink_pack_u64(p, m->nonfinite);
    brink_pack_bytes(p, &m->mean, sizeof m->mean);
    brink_pack_bytes(p, &m->m2, sizeof m->m2);
    brink_pack_bytes(p, &m->min, sizeof m->min);
    brink_pack_bytes(p, &m->max, sizeof m->max);
}

static int unpack_moments(brink_unpacker *u, brink_moments *m)
{
    brink_unpack_u64(u, &m->n);
    brink_unpack_u64(u, &m->nonfinite);
    brink_unpack_bytes(u, &m->mean, sizeof m->mean);
    brink_unpack_bytes(u, &m->m2, sizeof m->m2);
    brink_unpack_bytes(u, &m->min, sizeof m->min);
    return brink_unpack_bytes(u, &m->max, sizeof m->max);
}

static void pack_hist_tails(brink_packer *p, const brink_hist *h)
{
    pack_moments(p, &h->moments);
    brink_pack_u64(p, h->under);
    brink_pack_u64(p, h->over);
}

static int unpack_hist_tails(brink_unpacker *u, brink_hist *h)
{
    unpack_moments(u, &h->moments);
    brink_unpack_u64(u, &h->under);
    return brink_unpack_u64(u, &h->over);
}

static void pack_km(brink_packer *p, const brink_km *km)
{
    brink_pack_u64(p, km->n);
    brink_pack_u64s(p, km->events, km->horizon);
    brink_pack_u64s(p, km->censored, km->horizon);
}

static int unpack_km(brink_unpacker *u, brink_km *km)
{
    brink_unpack_u64(u, &km->n);
    brink_unpack_u64s(u, km->events, km->horizon);
    return brink_unpack_u64s(u, km->censored, km->horizon);
}

void acc_pack(brink_packer *p, const acc_set *a)
{
    brink_pack_u64(p, (uint64_t)a->npol);
    for (int k = 0; k < a->npol; k++) {
        const brink_ensemble_policy *q = &a->pol[k];
        brink_pack_u64(p, q->by_month.months);
        brink_pack_u64(p, q->fan.nbins);
        brink_pack_u64(p, q->outcomes.n);
        brink_pack_u64s(p, q->outcomes.count, q->outcomes.ncat);
        brink_pack_u64s(p, q->by_month.counts, (size_t)q->by_month.months * q->by_month.ncat);
        pack_km(p, &q->km_deal);
        pack_km(p, &q->km_agreement);
        size_t cells = (size_t)q->fan.nvars * q->fan.months;
        for (size_t c = 0; c < cells; c++)
            pack_hist_tails(p, &q->fan.cells[c]);
        brink_pack_u32s(p, q->fan.block, q->fan.nbins);
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            pack_hist_tails(p, &q->cost[c]);
            brink_pack_u32s(p, q->cost[c].counts, q->cost[c].spec.bins);
        }
        brink_pack_u64(p, q->run_months);
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
            const brink_paired_prop *pp = &a->pair[k].outcome[o];
            brink_pack_u64(p, pp->both);
            brink_pack_u64(p, pp->only_a);
            brink_pack_u64(p, pp->only_b);
            brink_pack_u64(p, pp->neither);
        }
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            const brink_paired_mean *pm = &a->pair[k].cost[c];
            pack_moments(p, &pm->a);
            pack_moments(p, &pm->b);
            pack_moments(p, &pm->diff);
            brink_pack_u64(p, pm->nonfinite);
        }
    }
    brink_pack_u64(p, a->runs);
}

brink_status acc_unpack(brink_unpacker *u, acc_set *a, brink_error *err)
{
    uint64_t npol = 0;
    brink_unpack_u64(u, &npol);
    if (npol != (uint64_t)a->npol)
        u->failed = 1;
    for (int k = 0; k < a->npol && !u->failed; k++) {
        brink_ensemble_policy *q = &a->pol[k];
        uint64_t months = 0, nbins = 0;
        brink_unpack_u64(u, &months);
        brink_unpack_u64(u, &nbins);
        if (months != q->by_month.months || nbins != q->fan.nbins) {
            u->failed = 1;
            break;
        }
        brink_unpack_u64(u, &q->outcomes.n);
        brink_unpack_u64s(u, q->outcomes.count, q->outcomes.ncat);
        brink_unpack_u64s(u, q->by_month.counts, (size_t)q->by_month.months * q->by_month.ncat);
        unpack_km(u, &q->km_deal);
        unpack_km(u, &q->km_agreement);
        size_t cells = (size_t)q->fan.nvars * q->fan.months;
        for (size_t c = 0; c < cells; c++)
            unpack_hist_tails(u, &q->fan.cells[c]);
        brink_unpack_u32s(u, q->fan.block, q->fan.nbins);
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            unpack_hist_tails(u, &q->cost[c]);
            brink_unpack_u32s(u, q->cost[c].counts, q->cost[c].spec.bins);
        }
        brink_unpack_u64(u, &q->run_months);
        for (int o = 0; o < BRINK_OUTCOME_COUNT; o++) {
            brink_paired_prop *pp = &a->pair[k].outcome[o];
            brink_unpack_u64(u, &pp->both);
            brink_unpack_u64(u, &pp->only_a);
            brink_unpack_u64(u, &pp->only_b);
            brink_unpack_u64(u, &pp->neither);
        }
        for (int c = 0; c < BRINK_COST_COUNT; c++) {
            brink_paired_mean *pm = &a->pair[k].cost[c];
            unpack_moments(u, &pm->a);
            unpack_moments(u, &pm->b);
            unpack_moments(u, &pm->diff);
            brink_unpack_u64(u, &pm->nonfinite);
        }
    }
    brink_unpack_u64(u, &a->runs);
    /* the counts were written directly, perhaps only in part */
    for (int k = 0; k < a->npol; k++) {
        brink_fan_rescan_(&a->pol[k].fan);
        for (int c = 0; c < BRINK_COST_COUNT; c++)
            brink_hist_rescan_(&a->pol[k].cost[c]);
    }
    if (u->failed)
        return brink_error_set(err, BRINK_ERR_RUNTIME, NULL, 0, 0, NULL,
                               "ensemble accumulators of another shape, or cut short");
    return BRINK_OK;
}
