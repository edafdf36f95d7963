/* The state of one run: plain numbers, no pointers to heap memory, so the
 * monthly step touches only this struct and the run's parameters. */
#ifndef BRINK_MODEL_STATE_H
#define BRINK_MODEL_STATE_H

#include "brink/engine.h"
#include "core/rng.h"
#include "model/params.h"
#include "model/spec.h"

#define BRINK_BELIEF_N 32        /* grid points of the senders' belief over resolve */
#define BRINK_EVENTS_MAX 1024    /* event log capacity per run */
#define BRINK_BBL_YEAR_BN 0.365  /* mbpd x USD/bbl -> USD bn per year */
#define BRINK_PRINTING_MAX 25.0  /* monthly log money growth: a numerical guard beyond any
                                  * recorded hyperinflation (Zimbabwe, November 2008: 20.5) */

/* The coalition's force hazard as the terms of its index, its two
 * logistics not yet evaluated (brink_force_terms_hazard):
 *     hz(max, lead + prevent_w * (prevent_scale * Λ(prevent_arg)) - cost - shield)
 * a month's draw needs the hazard itself only when its uniform falls below
 * max (hz never exceeds it). */
typedef struct {
    int on;            /* 0: no force (the hazard is 0) */
    double max;        /* behaviour.force.max x the policy's resolve; 0 when off */
    double lead;       /* base + the coercive (frustration) term */
    double prevent_w, prevent_scale, prevent_arg;
    double cost, shield; /* the cost and protection terms */
} brink_force_terms;

typedef struct {
    int t;            /* month being simulated next */
    int horizon;
    int policy;       /* index of the policy in force */
    int policy_since; /* month it took over */
    int over;         /* absorbing outcome reached or horizon passed */
    int tl_next;      /* next timeline action */

    /* M1 instruments; senders */
    double s_target;  /* level the policy moves sanctions towards (escalates) */
    double s_pol;     /* the coalition's sanctions intensity set by the policy */
    double S, S_prev; /* combined effective intensity 1 - prod(1 - s_k) */
    double embargo;   /* combined intensity on critical imports */
    double part[BRINK_MAX_SENDERS];   /* participation of each sender */
    double relief[BRINK_MAX_SENDERS]; /* share of each sender's sanctions lifted */
    double s_k[BRINK_MAX_SENDERS];    /* each sender's effective intensity */
    double relief_avg;                /* participation-weighted relief in force */

    /* M2-M4 third parties, reach, bypass, M18 adaptation */
    double compliance[BRINK_MAX_PARTIES];
    double reach[BRINK_MAX_SENDERS];
    double bypass[BRINK_MAX_CHANNELS];
    double adaptation;

    /* trade */
    double price_dev[BRINK_MAX_GOODS]; /* log price over its mean */
    double price[BRINK_MAX_GOODS];     /* relative to the reference price */
    double crude_mbpd;                 /* crude exports */
    double earnings, earnings_base;    /* export earnings this month, and without sanctions */
    double income;                     /* the state's FX income, USD bn/month */
    double imports_cut;                /* output-weighted share of critical imports cut */

    /* patrons */
    double commitment[BRINK_MAX_PATRONS];
    double commit_goal[BRINK_MAX_PATRONS];
    double credit_left[BRINK_MAX_PATRONS];
    double transfers;                  /* USD bn/month reaching the target */
    double supply;                     /* share of embargoed imports replaced */
    double arms, shield;

    /* M5 fiscal */
    double gap;           /* break-even income minus income, USD bn/month */
    double reserves;      /* USD bn */
    double credit_drawn;  /* patrons' credit drawn this month, USD bn */
    double monetised;     /* share of monthly GDP to print this month */
    double unfunded;      /* share of monthly GDP neither paid nor printed: spending cut */
    double need;          /* the state's foreign-exchange needs, USD bn/month (the break-even, adjusting) */

    /* M6 money and prices (monthly log rates) */
    double log_fx;
    double dep_risk_ann;  /* smoothed annualised risk-driven depreciation */
    double dep_ann;       /* smoothed annualised depreciation */
    double pi, pi_smooth, pi_core, pi_e, pi0;
    double money_log;     /* log of real money demand relative to month 0
                           * (brink_money_demand gives the demand) */
    int dollarised;       /* people abandoned the currency: no more printing */

    /* output */
    double y, y0;         /* share of baseline output lost; at month 0 */
    double strike_damage; /* output lost to strikes, decaying */

    /* politics */
    double cohesion, legitimacy, hardliners, insurgency;
    /* the hazards' indices as of the last politics step: the hazards of a
     * regime crisis and a coup are hz(max, x) (brink_crisis_hazard,
     * brink_coup_hazard), evaluated when they are needed */
    double x_crisis, x_coup;
    int civil_war;

    /* M7 proxies */
    double proxy[BRINK_MAX_PROXIES];
    double deterrence, deter_ref;

    /* M15, M19 and force */
    double programme, missiles, tension;
    /* as of the last conflict step: the incident rate h (an incident has
     * probability 1 - e^-h) and the escalation index (escalation has
     * probability Λ(index)); brink_incident_probability and
     * brink_escalation_probability evaluate them when they are needed */
    double incident_rate, escalation_index;
    brink_force_terms force; /* the force hazard as of the last force step */
    int ult_deadline;     /* month of a pending ultimatum's deadline; -1 none */
    int ult_carry;        /* whether the coalition will carry it out */
    int ult_issued;       /* the policy in force has issued its ultimatum */
    double ult_belief;    /* the target's belief that it will be carried out */
    double cred_discount; /* credibility left after ultimatums that lapsed */

    /* M8-M14 valuation of the standing demand (for reports) */
    double loss, eta, loss_per_intensity;
    double maintenance, submission, durability, deal_value, p_accept;
    double futility;      /* senders' belief that the standing offer will be refused */

    /* M10, M12 beliefs */
    double trust;
    double theta;                     /* the target's resolve (private) */
    double belief[BRINK_BELIEF_N];    /* senders' posterior over resolve */

    /* agreements */
    double conceded[BRINK_MAX_ISSUES]; /* concession in force per issue */
    unsigned agreed;                   /* issues agreed (bundled/unbundled) */
    unsigned cheating;                 /* agreed issues the target secretly stopped carrying out */
    double induce_done[BRINK_MAX_INDUCEMENTS]; /* share of each inducement delivered */
    double aid;                        /* inducement flows in force, USD bn/month */
    int deal_standing;                 /* a comprehensive agreement is in force */
    int reversed;                      /* an agreement was discarded during the run */
    int ms_next;        /* next milestone to offer */
    int ms_pending;     /* milestone awaiting verification, -1 if none */
    int ms_verify_at;   /* month of its verification */
    int ms_cheat;       /* whether the pending step is not being carried out */
    int entry_done;
    int below_breakeven, at_floor, hyper;

    brink_summary sum;
} brink_state;

/* months of random numbers drawn at a time, and slots drawn for each
 * (BRINK_AHEAD_SLOTS, model/mechanisms.h) */
#define BRINK_AHEAD_MONTHS 4
#define BRINK_AHEAD_NSLOTS 4

struct brink_sim {
    const struct brink_scenario *sc;
    brink_params p;
    brink_params p_point;    /* the scenario's point values, resolved once */
    int p_clean;             /* p equals p_point but at the plan's offsets (a timeline
                              * setting clears it: the next run copies p_point whole) */
    brink_param_draw *plan;  /* its uncertain values, drawn per run */
    size_t n_plan;
    double *drawn;           /* the values last drawn, plan entry by plan entry, */
    uint64_t drawn_seed;     /* for this seed and run (drawn_ok): the next init of */
    uint64_t drawn_run;      /* the same run, under another policy, takes them */
    int drawn_ok;
    brink_state st;
    brink_rng rng;
    /* the uniforms of the slots nearly every month uses, drawn ahead for
     * months ahead_t to ahead_t + BRINK_AHEAD_MONTHS - 1 (-1: none), and the
     * normals of their shocks (price, exchange rate): brink_month_draw */
    double ahead_u[BRINK_AHEAD_MONTHS * BRINK_AHEAD_NSLOTS][4];
    double ahead_z[2][BRINK_AHEAD_MONTHS];
    int ahead_t;
    double belief_grid[BRINK_BELIEF_N];
    double belief_g[BRINK_BELIEF_N]; /* exp(grid / choice noise): Λ as 1/(1 + G e^(-x/τ)) */
    double belief_prior[BRINK_BELIEF_N]; /* the senders' prior weights on the grid */
    double belief_key[3];    /* prior mean, sd and choice noise the three above were laid
                              * out for (brink_belief_init lays them again when they change) */
    int belief_laid;         /* whether they were laid out at all */
    double ln_market_ratio[BRINK_MAX_SENDERS]; /* log(sender GDP / target GDP) / log(100), >= 0 */
    double break_prob[BRINK_MAX_SENDERS];      /* probability of an executive break of a sender's
                                                * relief in a month: 1 - e^(-brink_break_hazard) */
    /* third parties' channel access, channel-major (contiguous over parties,
     * so the monthly sums over parties vectorise), and each party's total;
     * laid out by brink_sim_init from the run's parameters */
    double access_t[BRINK_MAX_CHANNELS][BRINK_MAX_PARTIES];
    double access_sum[BRINK_MAX_PARTIES];
    /* the parties' values the monthly steps read four parties at a time,
     * laid out the same way (zero past the last party) */
    double exposure_t[BRINK_MAX_SENDERS][BRINK_MAX_PARTIES];
    double party_alignment[BRINK_MAX_PARTIES];
    double party_benefit[BRINK_MAX_PARTIES];
    double party_absorption[BRINK_MAX_PARTIES];
    double party_grey[BRINK_MAX_PARTIES]; /* purchase-weighted grey discount x exposure */
    double buys_p[BRINK_MAX_PARTIES][BRINK_MAX_GOODS]; /* buyers' shares, zero past n_goods */
    double buys_total[BRINK_MAX_GOODS];                 /* their sum per good (1, or 0) */
    double log_norm_inflation;                         /* log(1 + target.prices.norm_inflation) */
    double dollarisation_log; /* above this log money demand, the demand is surely above
                               * behaviour.money.dollarisation (its log plus 1e-9) */
    double regime_hazard0;   /* regime-crisis and coup hazards at month 0 (the regime's own weakness) */
    double support0;         /* outside support of insurgents at month 0 */
    int history_run;         /* the run follows the scenario's default policy: timeline switches apply */
    int party_patron[BRINK_MAX_PARTIES];  /* patron buying through the party, or -1 */
    int bound_party[BRINK_MAX_PARTIES];   /* parties whose compliance a sender's law (its own
                                           * market) or a patron's purchases set, ascending */
    int n_bound;
    unsigned issue_kind[BRINK_ISSUE_KINDS]; /* the issues of each kind, a bit each */
    brink_dist sc_resolve;   /* the prior of target.resolve (a new leader draws from it) */
    double gdp_month;        /* target GDP per month at month 0, USD bn */
    double need0;            /* break-even income stated by the scenario, USD bn/month */
    int record;
    size_t n_events;
    brink_event events[BRINK_EVENTS_MAX];
};

/* Appends an event and returns it; NULL (nothing kept) unless recording or
 * when the log is full. Militarized events raise the run's highest MID
 * hostility level whether recorded or not. */
brink_event *brink_sim_event(struct brink_sim *sim, brink_event_kind k, int subject,
                             double value);

static inline double brink_clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* The logistic function from its exponential: Λ(x) given e = e^-x. */
static inline double brink_logistic_of_exp(double e)
{
    return 1.0 / (1.0 + e);
}

/* Logistic function 1 / (1 + e^-x). */
static inline double brink_logistic(double x)
{
    return brink_logistic_of_exp(exp(-x));
}

/* A hazard max * Λ(x): exactly 0 far in the lower tail, where the logistic
 * is below 1e-13 of its maximum, so that the exponential is skipped. It
 * never exceeds max (nor 0 when max < 0): a uniform u >= max never falls
 * below it, so a draw against it needs no exponential then. */
static inline double brink_hazard(double max, double x)
{
    return x < -30.0 ? 0.0 : max * brink_logistic(x);
}

/* Real money demand relative to month 0, floored where nobody holds the
 * currency any more. */
static inline double brink_money_demand(const brink_state *st)
{
    return st->money_log > -690.0 ? exp(st->money_log) : 1e-300;
}

/* Annual log inflation of a monthly log rate: log(1 + the annual rate),
 * bounded only to stay finite (e^700 is 1e304). */
static inline double brink_annual_log_rate(double pi_month)
{
    double a = 12.0 * pi_month;
    return a < 700.0 ? a : 700.0;
}

/* The same as an annual rate (no other clamp). */
static inline double brink_annual_rate(double pi_month)
{
    return expm1(brink_annual_log_rate(pi_month));
}

#endif
