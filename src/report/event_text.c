/* Events of a run in words: the sentences of `brink run`'s story, shared by
 * the report's timeline. */
#include <math.h>
#include <stdio.h>

#include "brink/report.h"
#include "model/scenario_model.h"

static const char *label(const brink_scenario *sc, brink_entity_kind kind, int i)
{
    const char *s = brink_scenario_entity_label(sc, kind, i);
    return s ? s : "?";
}

static void describe_scope(const brink_scenario *sc, int policy, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    const brink_layout *lay = brink_scenario_layout(sc);
    unsigned mask = lay->policy[policy].issue_mask;
    for (int i = 0; i < lay->n[BRINK_GROUP_ISSUE]; i++) {
        if (!(mask >> i & 1u))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                         lay->id[BRINK_GROUP_ISSUE][i]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
}

/* The fiscal break-even, USD bn a year. */
static double breakeven(const brink_scenario *sc)
{
    return brink_scenario_values(sc)->s.target_fiscal_breakeven_usd_bn_year.point;
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

static const char *const force_words[] = {"force", "strikes", "invasion"};

/* One sentence per event, in the analyst's terms. */
void brink_event_describe(const brink_scenario *sc, const brink_event *e, int *policy,
                          char *buf, size_t size)
{
    const brink_layout *lay = brink_scenario_layout(sc);
    const char *target = brink_scenario_target_label(sc);
    const char *sender = brink_scenario_coalition_label(sc);
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
                     sender, 100 * e->value, label(sc, BRINK_ENTITY_ISSUE, e->subject),
                     e->deal_value, e->submission);
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
        snprintf(buf, size, "%s tightens sanctions: target intensity %.2f", sender, e->value);
        break;
    case BRINK_EV_MILESTONE_OFFER: {
        int issue = lay->policy[*policy].milestone_issue[e->subject];
        snprintf(buf, size,
                 "%s proposes step %d (%s) against a %.0f%% relief tranche "
                 "(worth %.2f, cost %.2f GDP-months)",
                 sender, e->subject + 1, label(sc, BRINK_ENTITY_ISSUE, issue), 100 * e->value,
                 e->deal_value, e->submission);
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
        snprintf(buf, size, "%s switches to policy '%s'", sender,
                 lay->id[BRINK_GROUP_POLICY][e->subject]);
        break;
    case BRINK_EV_THREAT:
        snprintf(buf, size, "%s issues an ultimatum: comply within %.0f months or face %s",
                 sender, e->value, force_words[e->subject >= 0 && e->subject <= 2 ? e->subject : 0]);
        break;
    case BRINK_EV_SHOW_OF_FORCE:
        snprintf(buf, size, "%s reinforces its forces near %s (posture %.2f)", sender, target,
                 e->value);
        break;
    case BRINK_EV_INCIDENT:
        snprintf(buf, size, "armed incident between the sides (escalation probability %.2f)",
                 e->value);
        break;
    case BRINK_EV_STRIKE:
        snprintf(buf, size, "%s launches a strike campaign%s (escalation probability %.2f)",
                 sender, e->subject == 1 ? " as its ultimatum expires" : "", e->value);
        break;
    case BRINK_EV_ULTIMATUM_LAPSED:
        snprintf(buf, size, "the ultimatum's deadline passes without the threatened force");
        break;
    case BRINK_EV_WAR:
        snprintf(buf, size, e->subject == 2   ? "%s invades: war"
                            : e->subject == 1 ? "the strikes escalate into war"
                                              : "the incident escalates into war",
                 sender);
        break;
    case BRINK_EV_COUP:
        snprintf(buf, size, "the security forces turn on %s's leaders (cohesion %.2f)", target,
                 e->value);
        break;
    case BRINK_EV_REGIME_CRISIS:
        snprintf(buf, size, "regime crisis in %s (monthly hazard was %.3f)", target, e->value);
        break;
    case BRINK_EV_CIVIL_WAR:
        snprintf(buf, size, "the insurgency in %s becomes a civil war (strength %.2f)", target,
                 e->value);
        break;
    case BRINK_EV_ELECTION:
        snprintf(buf, size, "election in %s%s", label(sc, BRINK_ENTITY_SENDER, e->subject),
                 e->value > 0 ? " with its relief standing" : "");
        break;
    case BRINK_EV_REVERSAL:
        snprintf(buf, size, "the new government of %s discards its relief (%.0f%% withdrawn)",
                 label(sc, BRINK_ENTITY_SENDER, e->subject), 100 * e->value);
        break;
    case BRINK_EV_SENDER_BREAK:
        snprintf(buf, size, "%s reimposes its sanctions by executive act (%.0f%% relief "
                 "withdrawn)", label(sc, BRINK_ENTITY_SENDER, e->subject), 100 * e->value);
        break;
    case BRINK_EV_BACKSLIDE_DETECTED:
        snprintf(buf, size, "inspectors find %s stopped carrying out the agreement on %s; "
                 "sanctions snap back", target, label(sc, BRINK_ENTITY_ISSUE, e->subject));
        break;
    case BRINK_EV_SENDER_DEFECTS:
        snprintf(buf, size, "%s lifts its own sanctions and leaves the coalition",
                 label(sc, BRINK_ENTITY_SENDER, e->subject));
        break;
    case BRINK_EV_SENDER_BACKS_DOWN:
        snprintf(buf, size, "%s lifts its sanctions without the concessions it demanded",
                 label(sc, BRINK_ENTITY_SENDER, e->subject));
        break;
    case BRINK_EV_PATRON_CHANGE:
        snprintf(buf, size, "%s's commitment to %s is now %.2f",
                 label(sc, BRINK_ENTITY_PATRON, e->subject), target, e->value);
        break;
    case BRINK_EV_TIMELINE:
        if (e->subject >= 0 && e->subject < lay->n_timeline_items &&
            lay->timeline_label[e->subject][0])
            snprintf(buf, size, "%s", lay->timeline_label[e->subject]);
        else
            snprintf(buf, size, "scheduled event %d of the scenario", e->subject);
        break;
    case BRINK_EV_RESERVES_FLOOR:
        snprintf(buf, size, "reserves reach the floor (USD %.1f bn): the deficit is now %s",
                 e->value,
                 e->subject == 0   ? "borrowed from patrons"
                 : e->subject == 2 ? "cut from spending"
                                   : "printed");
        break;
    case BRINK_EV_BELOW_BREAKEVEN:
        snprintf(buf, size, "the state's foreign-exchange income (USD %.1f bn a year) falls "
                 "below its needs of USD %.1f bn",
                 e->value, isfinite(e->submission) ? e->submission : breakeven(sc));
        break;
    case BRINK_EV_HYPERINFLATION:
        snprintf(buf, size, "hyperinflation: prices rise more than 50%% a month (%.3g a year)",
                 e->value);
        break;
    case BRINK_EV_DEAL:
        snprintf(buf, size, "comprehensive deal in force (relief %.0f%%)", 100 * e->value);
        break;
    case BRINK_EV_COUNT:
        snprintf(buf, size, "?");
        break;
    }
}
