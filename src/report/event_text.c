/* Events of a run in words: the sentences of `brink run`'s story, shared by
 * the report's timeline. */
#include <stdio.h>

#include "brink/report.h"
#include "io/scenario_internal.h"

static const char *issue_label(const brink_scenario *sc, int i)
{
    return sc->layout.issue_label[i][0] ? sc->layout.issue_label[i] : sc->layout.issue_id[i];
}

static void describe_scope(const brink_scenario *sc, int policy, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    unsigned mask = sc->layout.policy[policy].issue_mask;
    for (int i = 0; i < sc->layout.n_issues; i++) {
        if (!(mask >> i & 1u))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", sc->layout.issue_id[i]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* A probability as an analyst reads it: "0.12", "<0.001". */
static const char *prob(double p, char *buf, size_t size)
{
    if (p < 0.001)
        snprintf(buf, size, "<0.001");
    else if (p > 0.999)
        snprintf(buf, size, ">0.999");
    else
        snprintf(buf, size, "%.3f", p);
    return buf;
}

/* One sentence per event, in the analyst's terms. */
void brink_event_describe(const brink_scenario *sc, const brink_event *e, int *policy,
                          char *buf, size_t size)
{
    const brink_layout *lay = &sc->layout;
    const char *target = lay->target_label[0] ? lay->target_label : "the target";
    const char *sender = lay->sender_label[0] ? lay->sender_label : "the sender";
    char scope[256], pb[16];
    switch (e->kind) {
    case BRINK_EV_OFFER:
        if (e->subject < 0) {
            describe_scope(sc, *policy, scope, sizeof scope);
            snprintf(buf, size,
                     "%s offers %.0f%% relief for concessions on all of: %s "
                     "(deal worth %.2f to %s, submission cost %.2f GDP-months)",
                     sender, 100 * e->value, scope, e->deal_value, target, e->submission);
        } else {
            snprintf(buf, size,
                     "%s offers %.0f%% relief for a concession on %s alone "
                     "(deal worth %.2f, submission cost %.2f)",
                     sender, 100 * e->value, issue_label(sc, e->subject), e->deal_value,
                     e->submission);
        }
        break;
    case BRINK_EV_ACCEPT:
        snprintf(buf, size, "%s accepts (acceptance probability was %s)", target,
                 prob(e->value, pb, sizeof pb));
        break;
    case BRINK_EV_REJECT:
        snprintf(buf, size, "%s rejects (acceptance probability was %s)", target,
                 prob(e->value, pb, sizeof pb));
        break;
    case BRINK_EV_TIGHTEN:
        snprintf(buf, size, "%s tightens sanctions after the rejection: target intensity %.2f",
                 sender, e->value);
        break;
    case BRINK_EV_MILESTONE_OFFER: {
        int issue = lay->policy[*policy].milestone_issue[e->subject];
        snprintf(buf, size,
                 "%s proposes step %d (%s) against a %.0f%% relief tranche "
                 "(worth %.2f, cost %.2f GDP-months)",
                 sender, e->subject + 1, issue_label(sc, issue), 100 * e->value, e->deal_value,
                 e->submission);
        break;
    }
    case BRINK_EV_MILESTONE_ACCEPT:
        snprintf(buf, size, "%s agrees to step %d (acceptance probability %s)", target,
                 e->subject + 1, prob(e->value, pb, sizeof pb));
        break;
    case BRINK_EV_MILESTONE_REJECT:
        snprintf(buf, size, "%s declines step %d (acceptance probability %s)", target,
                 e->subject + 1, prob(e->value, pb, sizeof pb));
        break;
    case BRINK_EV_MILESTONE_VERIFIED:
        snprintf(buf, size, "step %d verified; tranche paid, relief in force %.0f%%",
                 e->subject + 1, 100 * e->value);
        break;
    case BRINK_EV_CHEATING_DETECTED:
        snprintf(buf, size, "inspectors find step %d was not carried out; tranche withheld",
                 e->subject + 1);
        break;
    case BRINK_EV_ENTRY_OFFER:
        snprintf(buf, size, "low-stakes first step proposed (acceptance probability %s)",
                 prob(e->value, pb, sizeof pb));
        break;
    case BRINK_EV_ENTRY_SUCCESS:
        snprintf(buf, size, "the low-stakes exchange succeeds; %s's trust rises to %.2f", target,
                 e->value);
        break;
    case BRINK_EV_ENTRY_FAILURE:
        snprintf(buf, size, "the low-stakes exchange fails (%s)",
                 e->value > 0 ? "accepted but not carried out" : "declined");
        break;
    case BRINK_EV_POLICY_SWITCH:
        *policy = e->subject;
        snprintf(buf, size, "%s switches to policy '%s'", sender, lay->policy[e->subject].id);
        break;
    case BRINK_EV_INCIDENT:
        snprintf(buf, size, "incident in the Gulf or by a proxy (escalation probability %.2f)",
                 e->value);
        break;
    case BRINK_EV_WAR:
        snprintf(buf, size, e->subject == 1 ? "preventive strike on the programme: war"
                                             : "the incident escalates into war");
        break;
    case BRINK_EV_REGIME_CRISIS:
        snprintf(buf, size, "regime crisis in %s (monthly hazard was %.3f)", target, e->value);
        break;
    case BRINK_EV_ELECTION:
        snprintf(buf, size, "election in %s%s", sender,
                 e->value > 0 ? " with a deal standing" : "");
        break;
    case BRINK_EV_REVERSAL:
        snprintf(buf, size, "the new administration discards the deal (relief %.0f%% withdrawn)",
                 100 * e->value);
        break;
    case BRINK_EV_RESERVES_FLOOR:
        snprintf(buf, size, "reserves reach the floor (USD %.1f bn): the deficit is now printed",
                 e->value);
        break;
    case BRINK_EV_BELOW_BREAKEVEN:
        snprintf(buf, size, "exports (%.2f mbpd) fall below the fiscal break-even of %.2f mbpd",
                 e->value, sc->values.s.target_oil_breakeven_mbpd.point);
        break;
    case BRINK_EV_DEAL:
        snprintf(buf, size, "comprehensive deal in force (relief %.0f%%)", 100 * e->value);
        break;
    case BRINK_EV_COUNT:
        snprintf(buf, size, "?");
        break;
    }
}
