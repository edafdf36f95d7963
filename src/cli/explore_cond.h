/* Conditions on the outputs of a sweep, for discover and robust:
 *   TERM OP TERM, OP one of > >= < <=, TERM a number or an output
 *   (p_war_60, P(war,60), P(deal within 60) ...) optionally followed by
 *   @POLICY. */
#ifndef BRINK_CLI_EXPLORE_COND_H
#define BRINK_CLI_EXPLORE_COND_H

#include "brink/explore.h"

#define ECOND_NAME_MAX 96
#define ECOND_POLICY_MAX 64

typedef struct {
    int is_number;
    double number;
    char output[ECOND_NAME_MAX];  /* canonical output name */
    char policy[ECOND_POLICY_MAX]; /* "" = the default policy */
    uint32_t month;               /* the month the output needs; 0 = none */
    int index;                    /* output index, set by econd_resolve */
    int pslot;                    /* the policy's slot, set by the caller */
} econd_term;

typedef struct {
    econd_term a, b;
    int op; /* '>', 'G' (>=), '<', 'L' (<=) */
} econd;

/* Parses text; -1 after a message naming cmd. */
int econd_parse(const char *cmd, const char *text, econd *c);

/* Reads one output term (no operator): -1 after a message. */
int econd_parse_term(const char *cmd, const char *text, econd_term *t);

/* Adds the months the terms need to out (keeping those there), then finds
 * each term's output index; -1 after a message (unknown output, with the
 * closest name). */
int econd_resolve(const char *cmd, econd_term *const *terms, int n, brink_explore_outputs *out);

/* The condition at a point: y[slot] points at the outputs of each policy
 * slot at that point. */
int econd_holds(const econd *c, const double *const *y);

double econd_value(const econd_term *t, const double *const *y);

#endif
