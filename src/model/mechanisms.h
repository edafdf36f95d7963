/* The monthly step, one function per block of mechanisms, called by the
 * engine in this causal order (docs/model.md, "The monthly step"). Each
 * reads and writes sim->st only (a timeline `set` also writes sim->p). */
#ifndef BRINK_MODEL_MECHANISMS_H
#define BRINK_MODEL_MECHANISMS_H

#include "model/state.h"
#include "model/vmath.h"
#if defined(BRINK_ISA_VARIANT) && BRINK_LANES > 1
#include "core/rng_lanes.h"
#endif

/* Random-number slots of a month (brink_rng_u4 on BRINK_STREAM_EVENTS). */
enum {
    BRINK_SLOT_SHOCKS = 0,   /* price and exchange-rate normals, incident, escalation */
    BRINK_SLOT_HAZARDS = 1,  /* regime crisis, coup, force, escalation of force */
    BRINK_SLOT_ENTRY = 2,    /* the low-stakes step */
    BRINK_SLOT_MAIN = 3,     /* bundled or staged offer, verification */
    BRINK_SLOT_ISSUE0 = 4,   /* unbundled offer on issue i: 4 + i */
    BRINK_SLOT_ULTIMATUM = 12,
    BRINK_SLOT_LEADER = 13,
    BRINK_SLOT_SENDER0 = 16, /* sender k: 16 + k (election, break, give-up) */
    BRINK_SLOT_AGREEMENT0 = 24 /* issue i under agreement: 24 + i (backslide, detection) */
};

/* The slots nearly every month uses, drawn ahead for BRINK_AHEAD_MONTHS
 * months at a time (sim->ahead_u, month by month, slot by slot in this
 * order), and in lanes every lane's at the month's start (g->month_u); the
 * first is the shocks, whose normals are computed with them, the second
 * the hazards. */
#define BRINK_AHEAD_SLOTS {BRINK_SLOT_SHOCKS, BRINK_SLOT_HAZARDS, BRINK_SLOT_SENDER0, \
                           BRINK_SLOT_AGREEMENT0}

/* At the start of a month the draws ahead do not cover: those of this
 * month and the next BRINK_AHEAD_MONTHS - 1 (brink_rng_u4xn), and the two
 * normals of each month's shocks (brink_normals_lanes). Each number is
 * still a pure function of (seed, run, month, slot): which months are
 * drawn together changes none. */
static inline void brink_month_draw(struct brink_sim *sim)
{
    int t = sim->st.t;
    if (sim->ahead_t >= 0 && t >= sim->ahead_t && t < sim->ahead_t + BRINK_AHEAD_MONTHS)
        return;
    static const uint32_t slots[] = BRINK_AHEAD_SLOTS;
    _Static_assert(sizeof slots / sizeof slots[0] == BRINK_AHEAD_NSLOTS, "one count of slots");
    uint32_t month[BRINK_AHEAD_MONTHS * BRINK_AHEAD_NSLOTS];
    uint32_t slot[BRINK_AHEAD_MONTHS * BRINK_AHEAD_NSLOTS];
    for (int d = 0; d < BRINK_AHEAD_MONTHS; d++)
        for (int k = 0; k < BRINK_AHEAD_NSLOTS; k++) {
            month[d * BRINK_AHEAD_NSLOTS + k] = (uint32_t)(t + d);
            slot[d * BRINK_AHEAD_NSLOTS + k] = slots[k];
        }
    brink_rng_u4xn(&sim->rng, BRINK_STREAM_EVENTS, month, slot,
                   BRINK_AHEAD_MONTHS * BRINK_AHEAD_NSLOTS, sim->ahead_u);
    double u0[BRINK_AHEAD_MONTHS], u1[BRINK_AHEAD_MONTHS];
    for (int d = 0; d < BRINK_AHEAD_MONTHS; d++) {
        u0[d] = sim->ahead_u[d * BRINK_AHEAD_NSLOTS][0];
        u1[d] = sim->ahead_u[d * BRINK_AHEAD_NSLOTS][1];
    }
    brink_normals_lanes(sim->ahead_z[0], sim->ahead_z[1], u0, u1, BRINK_AHEAD_MONTHS);
    sim->ahead_t = t;
}

/* The current month's two normals of its shocks (price, exchange rate). */
static inline void brink_month_normals(const struct brink_sim *sim, double *z_price,
                                       double *z_fx)
{
    int d = sim->st.t - sim->ahead_t; /* brink_month_draw ran this month */
    *z_price = sim->ahead_z[0][d];
    *z_fx = sim->ahead_z[1][d];
}

/* The four uniforms of a slot not drawn ahead (engine.c): brink_rng_u4 on
 * BRINK_STREAM_EVENTS for the current month, out of line. */
void brink_month_u4_drawn(const struct brink_sim *sim, uint32_t slot, double u[4]);

/* The four uniforms of slot `slot` in the current month: exactly
 * brink_rng_u4 on BRINK_STREAM_EVENTS, from the draws ahead where they hold
 * it. Small enough to be inlined where it is called: with `slot` a constant
 * there, the search for it folds away. */
static inline void brink_month_u4(const struct brink_sim *sim, uint32_t slot, double u[4])
{
    static const uint32_t slots[] = BRINK_AHEAD_SLOTS;
    int d = sim->st.t - sim->ahead_t, k = 0;
    while (k < BRINK_AHEAD_NSLOTS && slots[k] != slot)
        k++;
    if (k < BRINK_AHEAD_NSLOTS && sim->ahead_t >= 0 && d >= 0 && d < BRINK_AHEAD_MONTHS) {
        for (int i = 0; i < 4; i++)
            u[i] = sim->ahead_u[d * BRINK_AHEAD_NSLOTS + k][i];
        return;
    }
    brink_month_u4_drawn(sim, slot, u);
}

/* (The blocks whose names go through BRINK_LFN are written over lanes,
 * model/lockstep.h: in a unit compiled in lanes they are the group's.) */
void brink_timeline_step(struct brink_sim *sim);             /* scheduled events */
void BRINK_LFN(brink_sanctions_step)(struct brink_lsim *sim); /* M1, M20: instruments */
/* Each sender's effective intensity and the combined intensities from the
 * coalition's intensity, participation and relief (no ramp). */
void BRINK_LFN(brink_sanctions_combine)(struct brink_lsim *sim);
void BRINK_LFN(brink_compliance_step)(struct brink_lsim *sim); /* M2, M3 */
void BRINK_LFN(brink_bypass_step)(struct brink_lsim *sim);   /* M4, M18 */
void BRINK_LFN(brink_trade_step)(struct brink_lsim *sim);    /* M4, M5: exports, imports */
/* Each good's price from its log deviation: mean x e^deviation (the
 * deviations past the last good are zeros). */
void BRINK_LFN(brink_prices_update)(struct brink_lsim *sim);
/* The month's prices: each good's log deviation moves as an AR(1) with the
 * month's commodity shock z_price, then brink_prices_update. Nothing reads
 * the prices before the trade step, so the step takes them first, and
 * their exponentials overlap the work in between. */
void BRINK_LFN(brink_prices_step)(struct brink_lsim *sim, brink_ld z_price);
void BRINK_LFN(brink_patrons_step)(struct brink_lsim *sim); /* patrons' support */
/* M5: reserves, credit, printing */
void BRINK_LFN(brink_fiscal_step)(struct brink_lsim *sim);
/* M6: exchange rate, inflation */
void BRINK_LFN(brink_money_step)(struct brink_lsim *sim, brink_ld z_fx);
void brink_money_init(struct brink_sim *sim);                /* M6 steady start */
void BRINK_LFN(brink_output_step)(struct brink_lsim *sim);   /* output gap */
/* The run's running totals (output lost, what the senders pay, months
 * below the break-even) and the economy's threshold events (below the
 * break-even, reserves no longer meeting the gap, hyperinflation). */
void BRINK_LFN(brink_account_step)(struct brink_lsim *sim);
/* The output loss the month's state drives (share of baseline output). */
brink_ld BRINK_LFN(brink_output_drive)(const struct brink_lsim *sim);
void BRINK_LFN(brink_proxies_step)(struct brink_lsim *sim); /* M7 */
/* armed opposition */
void BRINK_LFN(brink_insurgency_step)(struct brink_lsim *sim);
/* The indices of the hazards of a regime crisis and of a coup at the
 * current legitimacy, cohesion and insurgency (the hazards are hz(max, x)). */
void BRINK_LFN(brink_regime_indices)(const struct brink_lsim *sim, brink_ld *crisis,
                                     brink_ld *coup);
/* The monthly hazards of a regime crisis and of a coup at the current
 * legitimacy, cohesion and insurgency. */
void BRINK_LFN(brink_regime_hazards)(const struct brink_lsim *sim, brink_ld *crisis,
                                     brink_ld *coup);
/* Those hazards as of the last politics step (0 before the first). */
brink_ld BRINK_LFN(brink_crisis_hazard)(const struct brink_lsim *sim);
brink_ld BRINK_LFN(brink_coup_hazard)(const struct brink_lsim *sim);
/* Legitimacy, cohesion, hardliners and the indices of the hazards of a
 * regime crisis and a coup, then their draws (each hazard is evaluated only
 * when its uniform falls below its maximum); returns 1 on a crisis, 2 on a
 * coup. */
brink_li BRINK_LFN(brink_politics_step)(struct brink_lsim *sim, brink_ld u_crisis, brink_ld u_coup);
void BRINK_LFN(brink_programme_step)(struct brink_lsim *sim); /* M19 */
/* M15: tension moves one month towards its level (sanctions, posture,
 * rhetoric, programme). */
void BRINK_LFN(brink_conflict_tension)(struct brink_lsim *sim);
/* M15: the month's incident rate and escalation index. */
void BRINK_LFN(brink_conflict_hazards)(struct brink_lsim *sim);
/* M15: the incident and escalation probabilities as of the last conflict
 * step (0 before the first). */
brink_ld BRINK_LFN(brink_incident_probability)(const struct brink_lsim *sim);
brink_ld BRINK_LFN(brink_escalation_probability)(const struct brink_lsim *sim);
/* M15: what an incident or strike that did not escalate leaves behind, in
 * the runs where m holds; brink_conflict_incident for the run. */
void BRINK_LFN(brink_conflict_incident_where)(struct brink_lsim *sim, brink_lm m);
#if BRINK_LANES == 1
void brink_conflict_incident(struct brink_sim *sim);
#endif
/* M15: tension, hazards, then the month's incident draw; returns 1 when war
 * starts. */
brink_li BRINK_LFN(brink_conflict_step)(struct brink_lsim *sim, brink_ld u_incident,
                                        brink_ld u_escalate);
/* Deliberate force: the coalition's monthly hazard of using the policy's
 * force (preventive and coercive motives against costs and protection). */
#if BRINK_LANES == 1
double brink_force_hazard(const struct brink_sim *sim);
#endif
/* The same hazard in two parts: its terms at the current state, and their
 * value. */
void BRINK_LFN(brink_force_terms_at)(const struct brink_lsim *sim, brink_lforce *out);
brink_ld BRINK_LFN(brink_force_terms_hazard)(const brink_lforce *f);
/* Ultimatums and deliberate force; returns 1 when war starts. */
brink_li BRINK_LFN(brink_force_step)(struct brink_lsim *sim, brink_ld u_force, brink_ld u_escalate);
void brink_bargaining_step(struct brink_sim *sim);           /* M9-M13, M16, M17 */
/* Agreements the target stops carrying out, and their detection, in the
 * runs where live holds (the library's: 1); returns where an agreement
 * was found broken. */
brink_lm BRINK_LFN(brink_backslide_step)(struct brink_lsim *sim, brink_lm live);
/* Issue `issue` found backslid on (the library's, for one run): the
 * agreements void, sanctions snapping back. */
void brink_backslide_found(struct brink_sim *sim, int issue);
/* Elections, breaks and backing down of each sender, in the runs where
 * live holds (the library's: 1); returns 1 when the lead sender backs
 * down. */
brink_li BRINK_LFN(brink_senders_step)(struct brink_lsim *sim, brink_lm live);
/* Sender k takes back its relief (at an election, why = BRINK_EV_REVERSAL,
 * or outside one, BRINK_EV_SENDER_BREAK): the library's, for one run. */
void brink_sender_take_back(struct brink_sim *sim, int k, brink_event_kind why);

/* One month of the runs where live holds (the library's: 1), in the
 * step's causal order (model/month.c); returns where the run goes on. */
brink_lm BRINK_LFN(brink_month_run)(struct brink_lsim *sim, brink_lm live);
/* The library's own pieces of a month's end, for one run: the run ends
 * with outcome o in month `month` (its totals at the end); a regime crisis
 * (crisis 1) or a coup (2), with its event and cause; the month's end (the
 * valuation report when recording, the month counted, the horizon). */
void brink_sim_finish(struct brink_sim *sim, brink_outcome o, int month);
void brink_sim_end_crisis(struct brink_sim *sim, int crisis, int month);
void brink_sim_month_end(struct brink_sim *sim);
/* The end at the horizon: a deal standing, a partial one, one discarded,
 * or a stalemate, with its cause. */
void brink_sim_finish_horizon(struct brink_sim *sim);
/* The target's valuation of the standing offer into the state (recorded
 * runs, for their monthly report). */
void brink_sim_valuation_report(struct brink_sim *sim);

/* Recomputes what the engine derives from the run's parameters (market
 * ratios, channel access, break-even, prices' means); after a timeline
 * `set` changes them. */
void brink_sim_derive(struct brink_sim *sim);

/* Switches the coalition to policy `to` (no-op for -1 or the policy in force). */
void brink_switch_policy(struct brink_sim *sim, int to);
/* Ends the agreements in force: every sender's relief is reimposed, the
 * target takes back its concessions, trust falls by `trust_loss`. */
void brink_discard_agreements(struct brink_sim *sim, double trust_loss);
/* The lead's relief is gone (its reversal or break, or detected
 * backsliding): the agreements are discarded and the coalition switches to
 * the policy's on_reversal. */
void brink_void_agreements(struct brink_sim *sim, double trust_loss);
/* Recomputes the participation-weighted relief in force. */
void BRINK_LFN(brink_relief_update)(struct brink_lsim *sim);

/* Whether month t is one of a schedule's: every `every` months from month
 * `first` on (none when every <= 0). */
static inline int brink_scheduled(int t, int first, int every)
{
    return every > 0 && t >= first && (t - first) % every == 0;
}

/* Bargaining's conditions, for one run (the library's step, and a group's
 * choice of the runs whose bargaining the library does): the low-stakes
 * step is due (enabled, not done, its month reached: pm months into the
 * policy); a staged step awaits verification this month; the policy in
 * force has something left to offer (a staged policy: no step pending and
 * a step left; otherwise: an issue on the table not agreed). */
static inline int brink_entry_due(double enabled, int done, int pm, double month)
{
    return enabled > 0.5 && !done && pm >= (int)month;
}

static inline int brink_verify_due(int ms_pending, int t, int verify_at)
{
    return ms_pending >= 0 && t >= verify_at;
}

static inline int brink_offer_open(int staged, int ms_pending, int ms_next, int n_milestones,
                                   unsigned agreed, unsigned scope)
{
    return staged ? ms_pending < 0 && ms_next < n_milestones : (agreed & scope) != scope;
}

#if BRINK_LANES > 1
static inline brink_lm brink_scheduled_lanes(brink_li t, brink_li first, brink_li every)
{
    brink_li safe = BRINK_LISEL(every > 0, every, BRINK_LI(1)); /* (no division by 0) */
    return (every > 0) & (t >= first) & (((t - first) % safe) == 0);
}
#endif

/* Months since the policy in force took over. */
static inline int brink_policy_month(const struct brink_sim *sim)
{
    return sim->st.t - sim->st.policy_since;
}

/* How much relief resting on a legal form is at risk of reversal or break,
 * as a share of relief resting on an executive act. */
static inline brink_ld BRINK_LFN(brink_law_factor)(const brink_lscalars *s, brink_ld form)
{
    return BRINK_LSEL(form == (double)BRINK_LAW_STATUTE, s->behaviour_law_statute_factor,
                      BRINK_LSEL(form == (double)BRINK_LAW_RESOLUTION,
                                 s->behaviour_law_resolution_factor, BRINK_LD(1.0)));
}

/* Monthly hazard rate that sender `sd` breaks the relief it granted by
 * executive act (scaled by the legal form it rests on), in every month,
 * election months included: relief survives m months of it with
 * probability e^(-m * rate). The senders draw it (senders.c) and the
 * target values durability with it (valuation.c). */
#if BRINK_LANES == 1
static inline double brink_break_hazard(const brink_scalars *s, const brink_sender *sd)
{
    return s->behaviour_law_executive_break * brink_law_factor(s, (int)sd->legal_form);
}
#endif

/* ---- Written over lanes (model/lockstep.h) ---------------------------------- */

#if BRINK_LANES == 1
/* The policy in force: its numbers. */
static inline const brink_policy_num *brink_active_policy(const struct brink_sim *sim)
{
    return &sim->p.policy[sim->st.policy];
}

/* An event of the run where m holds. */
static inline void brink_sim_event_if(struct brink_sim *sim, int m, brink_event_kind k, int subject,
                                      double value)
{
    if (m)
        brink_sim_event(sim, k, subject, value);
}

/* Run l's uniforms of this month's slot (a lane's own, in a BRINK_LFOR):
 * brink_month_u4. */
static inline void brink_lane_u4(const struct brink_sim *sim, int l, uint32_t slot, double u[4])
{
    (void)l;
    brink_month_u4(sim, slot, u);
}

/* The uniforms of this month's slot for the runs where m holds (the
 * library's run: m holds). */
static inline void brink_lanes_u4(const struct brink_sim *sim, int m, uint32_t slot, double u[4])
{
    (void)m;
    brink_month_u4(sim, slot, u);
}

/* Whether a turn of the timeline is due this month. */
static inline int brink_timeline_due(const struct brink_sim *sim)
{
    const brink_layout *lay = sim->p.layout;
    return sim->st.tl_next < lay->n_timeline && lay->timeline[sim->st.tl_next].month <= sim->st.t;
}

/* Whether the month's bargaining may do anything: in the library always
 * asked (the step sees for itself). */
static inline int brink_bargaining_due(const struct brink_sim *sim)
{
    (void)sim;
    return 1;
}

/* The issues of the policy in force, a bit each. */
static inline int brink_policy_issue_mask(const struct brink_sim *sim)
{
    return (int)sim->p.layout->policy[sim->st.policy].issue_mask;
}

/* An event of run l (a lane's own, in a BRINK_LFOR): the event recorded,
 * or NULL (as brink_sim_event). */
static inline brink_event *brink_sim_event_lane(struct brink_sim *sim, int l, brink_event_kind k,
                                                int subject, double value)
{
    (void)l;
    return brink_sim_event(sim, k, subject, value);
}
#else
/* The numbers of the policy each run has in force. */
static inline const brink_policy_num_lanes *brink_active_policy_lanes(const struct brink_group *g)
{
    return &g->pol;
}

/* An event of each run where m holds: unrecorded, its hostility level. */
static inline void brink_sim_event_if_lanes(struct brink_group *g, brink_lm m, brink_event_kind k,
                                            int subject, brink_ld value)
{
    (void)subject;
    (void)value;
    BRINK_LFOR(m, l)
    {
        brink_summary_note_event(&g->st.sum[l], k);
    }
}

/* Run l's uniforms of this month's slot (brink_month_u4 of its run at the
 * lane's month). */
static inline void brink_lane_u4_lanes(const struct brink_group *g, int l, uint32_t slot,
                                       double u[4])
{
    brink_rng_u4(&g->rng[l], BRINK_STREAM_EVENTS, (uint32_t)g->st.t[l], slot, u);
}

/* The uniforms of this month's slots slot[0 .. nslots) for every lane's
 * run, drawn together (brink_rng_u4_runs; in a copy of the step for a
 * wider processor, its vector form for the copy's lanes, inline): word i
 * of slot k in u[4 k + i]. A lane without a run draws its copy's numbers,
 * which nothing reads. */
static inline void brink_lanes_draw_lanes(const struct brink_group *g, const uint32_t *slot,
                                          int nslots, brink_ld *u)
{
    uint32_t month[BRINK_LANES];
    for (int l = 0; l < BRINK_LANES; l++)
        month[l] = (uint32_t)g->st.t[l];
#if defined(BRINK_ISA_VARIANT) && BRINK_LANES == 8 && defined(__AVX512F__)
    brink_rng_runs8_avx512_(g->rng, BRINK_STREAM_EVENTS, month, slot, nslots, BRINK_LANES,
                            (double *)u);
#elif defined(BRINK_ISA_VARIANT) && BRINK_LANES == 4 && defined(__AVX2__)
    brink_rng_runs4_avx2_(g->rng, BRINK_STREAM_EVENTS, month, slot, nslots, BRINK_LANES,
                          (double *)u);
#else
    brink_rng_u4_runs(g->rng, BRINK_LANES, BRINK_STREAM_EVENTS, month, slot, nslots, (double *)u);
#endif
}

/* The month's draws of the slots nearly every month uses, every lane's
 * (g->month_u, until the month's end: brink_month_run). */
static inline void brink_lanes_draw_month_lanes(struct brink_group *g)
{
    static const uint32_t slots[] = BRINK_AHEAD_SLOTS;
    brink_lanes_draw_lanes(g, slots, BRINK_AHEAD_NSLOTS, g->month_u);
    g->month_drawn = 1;
}

/* The uniforms of this month's slot for the runs where m holds (1 in the
 * others: no draw falls below a probability): the month's draws where
 * they hold the slot, else drawn. */
static inline void brink_lanes_u4_lanes(const struct brink_group *g, brink_lm m, uint32_t slot,
                                        brink_ld u[4])
{
    static const uint32_t slots[] = BRINK_AHEAD_SLOTS;
    brink_ld drawn[4];
    const brink_ld *v = NULL;
    for (int k = 0; g->month_drawn && k < BRINK_AHEAD_NSLOTS; k++)
        if (slots[k] == slot)
            v = &g->month_u[4 * k];
    if (!v) {
        brink_lanes_draw_lanes(g, &slot, 1, drawn);
        v = drawn;
    }
    for (int i = 0; i < 4; i++)
        u[i] = BRINK_LSEL(m, v[i], BRINK_LD(1.0));
}

/* The runs where a turn of the timeline is due this month. */
static inline brink_lm brink_timeline_due_lanes(const struct brink_group *g)
{
    const brink_layout *lay = g->p.layout;
    brink_lm m = BRINK_LNOT(BRINK_LTRUE);
    for (int l = 0; l < BRINK_LANES; l++)
        m[l] = g->st.tl_next[l] < lay->n_timeline &&
                       lay->timeline[g->st.tl_next[l]].month <= g->st.t[l]
                   ? -1
                   : 0;
    return m;
}

/* The runs whose bargaining may do something this month (the library's
 * step, run on the run, does it): the low-stakes step due, a milestone to
 * verify, an offer's month with something left to offer. */
static inline brink_lm brink_bargaining_due_lanes(const struct brink_group *g)
{
    const brink_state_lanes *st = &g->st;
    const brink_policy_num_lanes *pol = &g->pol;
    brink_lm due = BRINK_LNOT(BRINK_LTRUE);
    for (int l = 0; l < BRINK_LANES; l++) {
        const brink_policy_ref *ref = &g->p.layout->policy[st->policy[l]];
        int t = (int)st->t[l], pm = t - (int)st->policy_since[l];
        int offer = brink_scheduled(pm, (int)pol->offer_first_month[l],
                                    (int)pol->offer_interval_months[l]) &&
                    brink_offer_open((int)pol->bundling[l] == BRINK_STAGED, (int)st->ms_pending[l],
                                     (int)st->ms_next[l], ref->n_milestones,
                                     (unsigned)st->agreed[l], ref->issue_mask);
        due[l] = brink_entry_due(pol->entry_enabled[l], (int)st->entry_done[l], pm,
                                 pol->entry_month[l]) ||
                         brink_verify_due((int)st->ms_pending[l], t, (int)st->ms_verify_at[l]) ||
                         offer
                     ? -1
                     : 0;
    }
    return due;
}

/* The issues of the policy each run has in force, a bit each. */
static inline brink_li brink_policy_issue_mask_lanes(const struct brink_group *g)
{
    brink_li m = BRINK_LI(0);
    for (int l = 0; l < BRINK_LANES; l++)
        m[l] = g->p.layout->policy[g->st.policy[l]].issue_mask;
    return m;
}

/* Months since the policy each run has in force took over. */
static inline brink_li brink_policy_month_lanes(const struct brink_group *g)
{
    return g->st.t - g->st.policy_since;
}

/* An event of run l: unrecorded (NULL), its hostility level. */
static inline brink_event *brink_sim_event_lane_lanes(struct brink_group *g, int l,
                                                      brink_event_kind k, int subject, double value)
{
    (void)subject;
    (void)value;
    brink_summary_note_event(&g->st.sum[l], k);
    return NULL;
}
#endif

/* The largest concession in force on issues of kind `kind` (the issues of
 * each kind are laid out by brink_sim_derive; those cheated on count 0). */
static inline brink_ld BRINK_LFN(brink_conceded_kind)(const struct brink_lsim *sim, int kind)
{
    brink_ld c = BRINK_LD(0);
    for (unsigned m = sim->issue_kind[kind]; m; m &= m - 1) {
        int i = __builtin_ctz(m);
        brink_lm kept = ((sim->st.cheating >> i) & 1) == 0;
        c = BRINK_LSEL(kept & (sim->st.conceded[i] > c), sim->st.conceded[i], c);
    }
    return c;
}

#endif
