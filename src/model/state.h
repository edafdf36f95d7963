/* The state of one run: plain numbers, no pointers to heap memory, so the
 * monthly step touches only this struct and the run's parameters. */
#ifndef BRINK_MODEL_STATE_H
#define BRINK_MODEL_STATE_H

#include "brink/engine.h"
#include "core/rng.h"
#include "model/params.h"
#include "model/spec.h"

#define BRINK_BELIEF_N 32        /* grid points of the sender's belief over resolve */
#define BRINK_EVENTS_MAX 1024    /* event log capacity per run */
#define BRINK_BBL_MONTH_BN 0.0304 /* mbpd x USD/bbl -> USD bn per month (30.4 days) */

typedef struct {
    int t;            /* month being simulated next */
    int horizon;
    int policy;       /* index of the policy in force */
    int over;         /* absorbing outcome reached or horizon passed */

    /* M1 policy instruments */
    double s_target;  /* level the policy moves sanctions towards (escalates) */
    double s_pol;     /* sanctions intensity set by the policy */
    double s_eff;     /* after relief */
    double s_eff_prev;
    double relief;    /* share of sanctions lifted by agreements in force */

    /* M2-M4 third parties, reach, bypass, M18 adaptation */
    double compliance[BRINK_MAX_PARTIES];
    double reach;
    double bypass[BRINK_MAX_CHANNELS];
    double adaptation;

    /* M5-M6 economy */
    double oil_price;
    double oil_dev;       /* log of price over its mean */
    double exports;       /* mbpd */
    double revenue;       /* USD bn/month */
    double revenue_base;  /* unsanctioned revenue at this month's price */
    double gap;           /* break-even revenue minus revenue, USD bn/month */
    double reserves;      /* USD bn */
    double monetised;     /* share of monthly GDP monetised this month */
    double log_fx;
    double dep_annual;    /* smoothed annualised depreciation */
    double infl_core;     /* inflation not explained by depreciation */
    double infl_smooth;
    double inflation;
    double cohesion, legitimacy, hardliners;

    /* M7 proxies */
    double proxy[BRINK_MAX_PROXIES];
    double deterrence, deter_ref;

    /* M15, M19 */
    double programme, missiles, tension;
    double h_incident, p_escalate, h_preventive, h_crisis;

    /* M8-M14 valuation of the standing demand (for reports) */
    double loss, loss_ref, loss_econ, eta;
    double maintenance, submission, durability, deal_value, p_accept;

    /* M10, M12 beliefs */
    double trust;
    double theta;                     /* the target's resolve (private) */
    double belief[BRINK_BELIEF_N];    /* sender's posterior over resolve */

    /* agreements */
    double conceded[BRINK_MAX_ISSUES]; /* concession in force per issue */
    unsigned agreed;                   /* issues agreed (bundled/unbundled) */
    int ms_next;        /* next milestone to offer */
    int ms_pending;     /* milestone awaiting verification, -1 if none */
    int ms_verify_at;   /* month of its verification */
    int ms_cheat;       /* whether the pending step is not being carried out */
    int entry_done;
    int rejections;
    int below_breakeven, at_floor;

    brink_summary sum;
} brink_state;

struct brink_sim {
    const struct brink_scenario *sc;
    brink_params p;
    brink_params p_point;    /* the scenario's point values, resolved once */
    brink_param_draw *plan;  /* its uncertain values, drawn per run */
    size_t n_plan;
    brink_state st;
    brink_rng rng;
    double belief_grid[BRINK_BELIEF_N];
    double ln_market_ratio;  /* precomputed: log(sender GDP / target GDP) / log(100) */
    /* third parties' channel access, channel-major (contiguous over parties,
     * so the monthly sums over parties vectorise), and each party's total;
     * laid out by brink_sim_init from the run's parameters */
    double access_t[BRINK_MAX_CHANNELS][BRINK_MAX_PARTIES];
    double access_sum[BRINK_MAX_PARTIES];
    double gdp_month;        /* target GDP per month, USD bn */
    int record;
    size_t n_events;
    brink_event events[BRINK_EVENTS_MAX];
};

/* Appends an event and returns it; NULL (nothing kept) unless recording or
 * when the log is full. */
brink_event *brink_sim_event(struct brink_sim *sim, brink_event_kind k, int subject,
                             double value);

static inline double brink_clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* Logistic function 1 / (1 + e^-x). */
static inline double brink_logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

#endif
