/* Conditions on sweep outputs (src/cli/explore_cond.h). */
#include "cli/explore_cond.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/engine.h"
#include "core/text.h"

static const char *skip_space(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* The trailing number of an output name ("p_war_60" -> 60), or 0. */
static uint32_t month_of(const char *name)
{
    const char *u = strrchr(name, '_');
    if (!u || !isdigit((unsigned char)u[1]))
        return 0;
    char *end;
    unsigned long m = strtoul(u + 1, &end, 10);
    return *end == '\0' && m <= 600 ? (uint32_t)m : 0;
}

int econd_parse_term(const char *cmd, const char *text, econd_term *t)
{
    memset(t, 0, sizeof *t);
    t->index = -1;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", skip_space(text));
    size_t n = strlen(buf);
    while (n > 0 && isspace((unsigned char)buf[n - 1]))
        buf[--n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (n > 0 && end != buf && *end == '\0') {
        t->is_number = 1;
        t->number = v;
        return 0;
    }
    char *at = strchr(buf, '@');
    if (at) {
        *at = '\0';
        snprintf(t->policy, sizeof t->policy, "%s", at + 1);
        if (!t->policy[0]) {
            fprintf(stderr, "brink %s: error: '%s': a policy name after '@'\n", cmd, text);
            return -1;
        }
    }
    /* P(outcome,M) and P(deal within M) */
    char o[64];
    unsigned m;
    int used = 0;
    if (sscanf(buf, "P(deal within %u)%n", &m, &used) == 1 && buf[used] == '\0')
        snprintf(t->output, sizeof t->output, "p_deal_within_%u", m);
    else if (sscanf(buf, "P(%63[a-z_],%u)%n", o, &m, &used) == 2 && buf[used] == '\0')
        snprintf(t->output, sizeof t->output, "p_%s_%u", o, m);
    else if (buf[0] && strlen(buf) < sizeof t->output &&
             strspn(buf, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(buf))
        memcpy(t->output, buf, strlen(buf) + 1);
    else {
        fprintf(stderr,
                "brink %s: error: '%s': expected a number or an output such as p_war_60, "
                "P(war,60) or P(deal within 60), optionally @POLICY\n", cmd, text);
        return -1;
    }
    t->month = month_of(t->output);
    return 0;
}

int econd_parse(const char *cmd, const char *text, econd *c)
{
    memset(c, 0, sizeof *c);
    /* the operator: the first of > >= < <= outside parentheses */
    int depth = 0;
    const char *op = NULL;
    for (const char *p = text; *p && !op; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (depth == 0 && (*p == '>' || *p == '<'))
            op = p;
    }
    if (!op) {
        fprintf(stderr, "brink %s: error: condition '%s': expected A > B, A >= B, A < B or "
                        "A <= B\n", cmd, text);
        return -1;
    }
    int eq = op[1] == '=';
    c->op = op[0] == '>' ? (eq ? 'G' : '>') : (eq ? 'L' : '<');
    char left[256];
    size_t ll = (size_t)(op - text);
    if (ll >= sizeof left)
        ll = sizeof left - 1;
    memcpy(left, text, ll);
    left[ll] = '\0';
    if (econd_parse_term(cmd, left, &c->a) != 0 ||
        econd_parse_term(cmd, op + 1 + eq, &c->b) != 0)
        return -1;
    if (c->a.is_number && c->b.is_number) {
        fprintf(stderr, "brink %s: error: condition '%s' compares two numbers\n", cmd, text);
        return -1;
    }
    return 0;
}

int econd_resolve(const char *cmd, econd_term *const *terms, int n, brink_explore_outputs *out)
{
    for (int i = 0; i < n; i++) {
        uint32_t m = terms[i]->is_number ? 0 : terms[i]->month;
        int have = m == 0;
        for (int k = 0; k < out->nmonths && !have; k++)
            have = out->months[k] == m;
        if (!have) {
            if (out->nmonths == BRINK_EXPLORE_MAX_MONTHS) {
                fprintf(stderr, "brink %s: error: more than %d months\n", cmd,
                        BRINK_EXPLORE_MAX_MONTHS);
                return -1;
            }
            out->months[out->nmonths++] = m;
        }
    }
    for (int i = 0; i < n; i++) {
        econd_term *t = terms[i];
        if (t->is_number)
            continue;
        t->index = t->month > 600 ? -1 : brink_explore_output_index(out, t->output);
        if (t->index < 0) {
            int no = brink_explore_output_count(out);
            char(*names)[ECOND_NAME_MAX] = malloc(sizeof *names * (size_t)no);
            const char **cand = malloc(sizeof *cand * (size_t)no);
            const char *s = NULL;
            if (names && cand) {
                for (int k = 0; k < no; k++) {
                    brink_explore_output_name(out, k, names[k], sizeof names[k]);
                    cand[k] = names[k];
                }
                s = brink_suggest(t->output, cand, (size_t)no);
            }
            fprintf(stderr, "brink %s: error: unknown output '%s'", cmd, t->output);
            if (s)
                fprintf(stderr, "; did you mean '%s'?", s);
            fprintf(stderr, "\n");
            free(names);
            free(cand);
            return -1;
        }
    }
    return 0;
}

double econd_value(const econd_term *t, const double *const *y)
{
    return t->is_number ? t->number : y[t->pslot][t->index];
}

int econd_holds(const econd *c, const double *const *y)
{
    double a = econd_value(&c->a, y), b = econd_value(&c->b, y);
    switch (c->op) {
    case '>': return a > b;
    case 'G': return a >= b;
    case '<': return a < b;
    default: return a <= b;
    }
}
