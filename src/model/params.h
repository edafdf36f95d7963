/* Model parameters: the scenario in two forms generated from one table.
 *
 * The *.def files beside this header list every parameter once (path, kind,
 * unit, range, default, description, source). From them come:
 *   - brink_spec tables (spec.c): validation, defaults, --set, show, docs;
 *   - `_d` structs of brink_dist: what a scenario file says (point or
 *     distribution), kept by brink_scenario;
 *   - plain structs of double: one run's resolved values, read by the engine.
 * XMAP rows are keyed by the ids of another group (third_parties.<id>.buys.
 * <good>): one member per possible id of that group.
 * Non-numeric members (ids, labels, references) sit beside them.
 */
#ifndef BRINK_MODEL_PARAMS_H
#define BRINK_MODEL_PARAMS_H

#include <math.h>
#include <stddef.h>
#include <string.h>

#define BRINK_MAX_SENDERS 8
#define BRINK_MAX_GOODS 8
#define BRINK_MAX_IMPORTS 8
#define BRINK_MAX_PARTIES 16
#define BRINK_MAX_CHANNELS 8
#define BRINK_MAX_PROXIES 8
#define BRINK_MAX_PATRONS 8
#define BRINK_MAX_ISSUES 8
#define BRINK_MAX_INDUCEMENTS 8
#define BRINK_MAX_POLICIES 16
#define BRINK_MAX_MILESTONES 12
#define BRINK_MAX_TIMELINE 64
#define BRINK_MAX_ENTITIES 16 /* the largest of the counts above, for generic tables */
#define BRINK_ID_MAX 48
#define BRINK_LABEL_MAX 128

/* The key group of an XMAP row, by its token in the .def files. */
#define BRINK_MAX_KEY_SENDER BRINK_MAX_SENDERS
#define BRINK_MAX_KEY_GOOD BRINK_MAX_GOODS
#define BRINK_MAX_KEY_CHANNEL BRINK_MAX_CHANNELS

/* A numeric value as given: a point, or a distribution. */
typedef enum {
    BRINK_DIST_POINT = 0,
    BRINK_DIST_UNIFORM,     /* a = low, b = high */
    BRINK_DIST_NORMAL,      /* a = mean, b = sd */
    BRINK_DIST_TRUNCNORMAL, /* a = mean, b = sd, c = low, d = high */
    BRINK_DIST_BETA,        /* a = alpha, b = beta, c = low, d = high (scaled) */
    BRINK_DIST_TRIANGULAR,  /* a = low, b = mode, c = high */
    BRINK_DIST_LOGNORMAL,   /* a = mu, b = sigma of log */
} brink_dist_kind;

typedef struct {
    brink_dist_kind kind;
    double point; /* value used by a single run: mean (mode for triangular) */
    double a, b, c, d;
} brink_dist;

#define BRINK_REQ NAN

/* Generated structs: one member per table row. */
#define X(field, ...) double field;
#define XMAP(field, name, key, ...) double field[BRINK_MAX_KEY_##key];
typedef struct {
#include "model/spec_scalar.def"
} brink_scalars;
typedef struct {
#include "model/spec_sender.def"
} brink_sender;
typedef struct {
#include "model/spec_good.def"
} brink_good;
typedef struct {
#include "model/spec_import.def"
} brink_import;
typedef struct {
#include "model/spec_party.def"
} brink_party;
typedef struct {
#include "model/spec_channel.def"
} brink_channel;
typedef struct {
#include "model/spec_proxy.def"
} brink_proxy;
typedef struct {
#include "model/spec_patron.def"
} brink_patron;
typedef struct {
#include "model/spec_issue.def"
} brink_issue;
typedef struct {
#include "model/spec_inducement.def"
} brink_inducement;
typedef struct {
#include "model/spec_policy.def"
} brink_policy_num;
typedef struct {
#include "model/spec_milestone.def"
} brink_milestone_num;
#undef X
#undef XMAP

#define X(field, ...) brink_dist field;
#define XMAP(field, name, key, ...) brink_dist field[BRINK_MAX_KEY_##key];
typedef struct {
#include "model/spec_scalar.def"
} brink_scalars_d;
typedef struct {
#include "model/spec_sender.def"
} brink_sender_d;
typedef struct {
#include "model/spec_good.def"
} brink_good_d;
typedef struct {
#include "model/spec_import.def"
} brink_import_d;
typedef struct {
#include "model/spec_party.def"
} brink_party_d;
typedef struct {
#include "model/spec_channel.def"
} brink_channel_d;
typedef struct {
#include "model/spec_proxy.def"
} brink_proxy_d;
typedef struct {
#include "model/spec_patron.def"
} brink_patron_d;
typedef struct {
#include "model/spec_issue.def"
} brink_issue_d;
typedef struct {
#include "model/spec_inducement.def"
} brink_inducement_d;
typedef struct {
#include "model/spec_policy.def"
} brink_policy_num_d;
typedef struct {
#include "model/spec_milestone.def"
} brink_milestone_num_d;
#undef X
#undef XMAP

/* Enum values of ENUM parameters (index in the choices list). */
enum {
    BRINK_ISSUE_NUCLEAR = 0,
    BRINK_ISSUE_MISSILES,
    BRINK_ISSUE_REGIONAL,
    BRINK_ISSUE_LEADERSHIP,
    BRINK_ISSUE_OTHER,
    BRINK_ISSUE_KINDS
};
enum { BRINK_GOOD_CRUDE = 0 };
enum { BRINK_CHANNEL_PUBLIC = 0, BRINK_CHANNEL_PRIVATE };
enum { BRINK_BUNDLED = 0, BRINK_UNBUNDLED, BRINK_STAGED };
enum { BRINK_LAW_EXECUTIVE = 0, BRINK_LAW_STATUTE, BRINK_LAW_RESOLUTION };
enum { BRINK_FORCE_NONE = 0, BRINK_FORCE_STRIKE, BRINK_FORCE_INVADE };

/* Entity groups of a scenario, in the order of the parameter enumeration
 * (which fixes the stream index of each uncertain value). */
typedef enum {
    BRINK_GROUP_SCALAR = 0,
    BRINK_GROUP_SENDER,
    BRINK_GROUP_GOOD,
    BRINK_GROUP_IMPORT,
    BRINK_GROUP_PARTY,
    BRINK_GROUP_CHANNEL,
    BRINK_GROUP_PROXY,
    BRINK_GROUP_PATRON,
    BRINK_GROUP_ISSUE,
    BRINK_GROUP_INDUCEMENT,
    BRINK_GROUP_POLICY,
    BRINK_GROUP_MILESTONE, /* inside policies; no ids of its own */
    BRINK_GROUP_COUNT
} brink_group;

/* Non-numeric members of a policy. */
typedef struct {
    unsigned issue_mask;        /* bit i: issue i is on the table */
    unsigned inducement_mask;   /* bit i: inducement i comes with a deal */
    int n_milestones;
    int milestone_issue[BRINK_MAX_MILESTONES];
    int on_success;             /* policy index after a successful entry step; -1 = stay */
    int on_failure;             /* policy index after a failed entry step; -1 = stay */
    int on_reversal;            /* policy index after relief is discarded; -1 = stay */
} brink_policy_ref;

/* What a scheduled event of the timeline does. */
typedef enum {
    BRINK_TL_POLICY = 0,   /* the coalition switches to policy `index` */
    BRINK_TL_SENDER,       /* sender `index` applies `value` of the intensity */
    BRINK_TL_PATRON,       /* patron `index`'s commitment becomes `value` */
    BRINK_TL_SET,          /* the parameter at byte `offset` of brink_params becomes `value` */
    BRINK_TL_SHOCK,        /* state variable `index` (brink_shock_var) moves by `value` */
    BRINK_TL_LEADER,       /* a new leader: resolve drawn afresh from the prior */
    BRINK_TL_COUNT
} brink_timeline_kind;

/* State variables a timeline shock can move. */
typedef enum {
    BRINK_SHOCK_LEGITIMACY = 0,
    BRINK_SHOCK_COHESION,
    BRINK_SHOCK_HARDLINERS,
    BRINK_SHOCK_TRUST,
    BRINK_SHOCK_TENSION,
    BRINK_SHOCK_INSURGENCY,
    BRINK_SHOCK_RESERVES,   /* USD bn */
    BRINK_SHOCK_PRICES,     /* log change of every export price */
    BRINK_SHOCK_PROGRAMME,
    BRINK_SHOCK_COUNT
} brink_shock_var;

typedef struct {
    int month;
    brink_timeline_kind kind;
    int index;
    size_t offset;
    double value;
    int item;        /* which item of the scenario's timeline it came from */
    int sub;         /* BRINK_SHOCK_PRICES: the good (-1: every good) */
    char path[96];   /* BRINK_TL_SET: the parameter's path (for messages and the writer) */
} brink_timeline_action;

/* Ids and labels of all entities; counts. Shared by both forms. */
typedef struct {
    char name[BRINK_ID_MAX];
    char label[BRINK_LABEL_MAX];
    char description[512];
    char coalition_label[BRINK_LABEL_MAX];
    char target_label[BRINK_LABEL_MAX];
    int n[BRINK_GROUP_COUNT]; /* entities per group (MILESTONE: unused) */
    char id[BRINK_GROUP_COUNT][BRINK_MAX_ENTITIES][BRINK_ID_MAX];
    char elabel[BRINK_GROUP_COUNT][BRINK_MAX_ENTITIES][BRINK_LABEL_MAX];
    char good_unit[BRINK_MAX_GOODS][16];  /* unit of a good's volume ("mbpd") */
    int party_member[BRINK_MAX_PARTIES];  /* sender whose own market the party is; -1 */
    int patron_party[BRINK_MAX_PATRONS];  /* third party the patron buys through; -1 */
    brink_policy_ref policy[BRINK_MAX_POLICIES];
    int n_timeline;                       /* actions, sorted by month */
    brink_timeline_action timeline[BRINK_MAX_TIMELINE];
    int n_timeline_items;
    char timeline_label[BRINK_MAX_TIMELINE][BRINK_LABEL_MAX];
    int timeline_item_month[BRINK_MAX_TIMELINE];
} brink_layout;

/* One run's resolved parameters: plain numbers only. */
typedef struct {
#define BRINK_PARAMS_TABLE(stem, member, dims) brink_##stem member dims;
#define BRINK_PARAMS_COUNT(member) int member;
#include "model/params_tables.def"
#undef BRINK_PARAMS_TABLE
#undef BRINK_PARAMS_COUNT
    const brink_layout *layout; /* ids, labels, references (owned by the scenario) */
} brink_params;

/* The scenario as given: distributions. */
typedef struct {
#define BRINK_PARAMS_TABLE(stem, member, dims) brink_##stem##_d member dims;
#define BRINK_PARAMS_COUNT(member)
#include "model/params_tables.def"
#undef BRINK_PARAMS_TABLE
#undef BRINK_PARAMS_COUNT
} brink_values;

/* Id and label of entity i of group g. */
static inline const char *brink_layout_id(const brink_layout *lay, brink_group g, int i)
{
    return lay->id[g][i];
}
static inline const char *brink_layout_label(const brink_layout *lay, brink_group g, int i)
{
    return lay->elabel[g][i][0] ? lay->elabel[g][i] : lay->id[g][i];
}

/* Index of the entity of group g whose id is the len bytes at id, or -1. */
static inline int brink_layout_index(const brink_layout *lay, brink_group g, const char *id,
                                     size_t len)
{
    for (int i = 0; i < lay->n[g]; i++)
        if (strlen(lay->id[g][i]) == len && strncmp(lay->id[g][i], id, len) == 0)
            return i;
    return -1;
}

#endif
