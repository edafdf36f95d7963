/* Model parameters: the scenario in two forms generated from one table.
 *
 * The *.def files beside this header list every parameter once (path, kind,
 * unit, range, default, description, source). From them come:
 *   - brink_spec tables (spec.c): validation, defaults, --set, show, docs;
 *   - `_d` structs of brink_dist: what a scenario file says (point or
 *     distribution), kept by brink_scenario;
 *   - plain structs of double: one run's resolved values, read by the engine.
 * Non-numeric members (ids, labels, references) sit beside them.
 */
#ifndef BRINK_MODEL_PARAMS_H
#define BRINK_MODEL_PARAMS_H

#include <math.h>
#include <stddef.h>

#define BRINK_MAX_PARTIES 16
#define BRINK_MAX_CHANNELS 8
#define BRINK_MAX_PROXIES 8
#define BRINK_MAX_ISSUES 8
#define BRINK_MAX_POLICIES 16
#define BRINK_MAX_MILESTONES 12
#define BRINK_ID_MAX 48
#define BRINK_LABEL_MAX 128

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
#define XMAP(field, ...) double field[BRINK_MAX_CHANNELS];
typedef struct {
#include "model/spec_scalar.def"
} brink_scalars;
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
#include "model/spec_issue.def"
} brink_issue;
typedef struct {
#include "model/spec_policy.def"
} brink_policy_num;
typedef struct {
#include "model/spec_milestone.def"
} brink_milestone_num;
#undef X
#undef XMAP

#define X(field, ...) brink_dist field;
#define XMAP(field, ...) brink_dist field[BRINK_MAX_CHANNELS];
typedef struct {
#include "model/spec_scalar.def"
} brink_scalars_d;
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
#include "model/spec_issue.def"
} brink_issue_d;
typedef struct {
#include "model/spec_policy.def"
} brink_policy_num_d;
typedef struct {
#include "model/spec_milestone.def"
} brink_milestone_num_d;
#undef X
#undef XMAP

/* Enum values of ENUM parameters (index in the choices list). */
enum { BRINK_ISSUE_NUCLEAR = 0, BRINK_ISSUE_MISSILES, BRINK_ISSUE_REGIONAL, BRINK_ISSUE_OTHER };
enum { BRINK_CHANNEL_PUBLIC = 0, BRINK_CHANNEL_PRIVATE };
enum { BRINK_BUNDLED = 0, BRINK_UNBUNDLED, BRINK_STAGED };

/* Non-numeric members of a policy. */
typedef struct {
    char id[BRINK_ID_MAX];
    char label[BRINK_LABEL_MAX];
    unsigned issue_mask;        /* bit i: issue i is on the table */
    int n_milestones;
    int milestone_issue[BRINK_MAX_MILESTONES];
    int on_success;             /* policy index after a successful entry step; -1 = stay */
    int on_failure;             /* policy index after a failed entry step; -1 = stay */
} brink_policy_ref;

/* Ids and labels of all entities; counts. Shared by both forms. */
typedef struct {
    char name[BRINK_ID_MAX];
    char label[BRINK_LABEL_MAX];
    char description[512];
    char sender_label[BRINK_LABEL_MAX];
    char target_label[BRINK_LABEL_MAX];
    int n_parties, n_channels, n_proxies, n_issues, n_policies;
    char party_id[BRINK_MAX_PARTIES][BRINK_ID_MAX];
    char party_label[BRINK_MAX_PARTIES][BRINK_LABEL_MAX];
    char channel_id[BRINK_MAX_CHANNELS][BRINK_ID_MAX];
    char channel_label[BRINK_MAX_CHANNELS][BRINK_LABEL_MAX];
    char proxy_id[BRINK_MAX_PROXIES][BRINK_ID_MAX];
    char proxy_label[BRINK_MAX_PROXIES][BRINK_LABEL_MAX];
    char issue_id[BRINK_MAX_ISSUES][BRINK_ID_MAX];
    char issue_label[BRINK_MAX_ISSUES][BRINK_LABEL_MAX];
    brink_policy_ref policy[BRINK_MAX_POLICIES];
} brink_layout;

/* One run's resolved parameters: plain numbers only. */
typedef struct {
    brink_scalars s;
    brink_party party[BRINK_MAX_PARTIES];
    brink_channel channel[BRINK_MAX_CHANNELS];
    brink_proxy proxy[BRINK_MAX_PROXIES];
    brink_issue issue[BRINK_MAX_ISSUES];
    brink_policy_num policy[BRINK_MAX_POLICIES];
    brink_milestone_num milestone[BRINK_MAX_POLICIES][BRINK_MAX_MILESTONES];
    int n_parties, n_channels, n_proxies, n_issues, n_policies;
    const brink_layout *layout; /* ids, labels, references (owned by the scenario) */
} brink_params;

/* The scenario as given: distributions. */
typedef struct {
    brink_scalars_d s;
    brink_party_d party[BRINK_MAX_PARTIES];
    brink_channel_d channel[BRINK_MAX_CHANNELS];
    brink_proxy_d proxy[BRINK_MAX_PROXIES];
    brink_issue_d issue[BRINK_MAX_ISSUES];
    brink_policy_num_d policy[BRINK_MAX_POLICIES];
    brink_milestone_num_d milestone[BRINK_MAX_POLICIES][BRINK_MAX_MILESTONES];
} brink_values;

#endif
