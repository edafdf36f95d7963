#include "cli/game_state.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "cli/common.h"

void gs_options_init(gs_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->format = "table";
}

long gs_parse_count(const char *text, long max)
{
    uint64_t v;
    if (cli_parse_u64(text, 0, (uint64_t)max, &v) != 0)
        return -1;
    return (long)v;
}

int gs_parse_option(const char *cmd, int argc, char **argv, int *i, gs_options *o)
{
    const char *v;
    int r;
    if ((r = cli_opt_value(cmd, argc, argv, i, "--policy", NULL, &v)) != 0) {
        if (r > 0) {
            o->policy = v;
            o->given = 1;
        }
        return r;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--month", NULL, &v)) != 0) {
        if (r < 0)
            return r;
        long m = gs_parse_count(v, 100000);
        if (m < 0) {
            fprintf(stderr, "brink %s: error: --month: '%s' is not a non-negative integer\n", cmd, v);
            return -1;
        }
        o->month = (int)m;
        o->given = 1;
        return 1;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--seed", NULL, &v)) != 0) {
        if (r < 0)
            return r;
        if (cli_parse_u64(v, 0, UINT64_MAX, &o->seed) != 0) {
            fprintf(stderr, "brink %s: error: --seed: '%s' is not a non-negative integer\n", cmd, v);
            return -1;
        }
        o->given = 1;
        return 1;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--set", NULL, &v)) != 0) {
        if (r < 0)
            return r;
        if (o->nsets >= GS_MAX_SETS) {
            fprintf(stderr, "brink %s: error: too many --set options (at most %d)\n", cmd,
                    GS_MAX_SETS);
            return -1;
        }
        o->sets[o->nsets++] = (char *)(uintptr_t)v;
        o->given = 1;
        return 1;
    }
    if ((r = cli_opt_value(cmd, argc, argv, i, "--format", NULL, &v)) != 0) {
        if (r < 0)
            return r;
        if (strcmp(v, "table") != 0 && strcmp(v, "json") != 0) {
            fprintf(stderr, "brink %s: error: --format: '%s' is not one of table, json\n", cmd, v);
            return -1;
        }
        o->format = v;
        return 1;
    }
    return 0;
}

int gs_open(const char *cmd, const gs_options *o, gs_state *s)
{
    memset(s, 0, sizeof *s);
    s->sc = cli_load_scenario(o->spec, (char **)(uintptr_t)o->sets, o->nsets);
    if (!s->sc)
        return cli_last_status();
    s->policy = cli_policy_index(s->sc, o->policy);
    if (s->policy < 0) {
        gs_close(s);
        return 2;
    }
    brink_error err;
    brink_error_clear(&err);
    s->sim = brink_sim_alloc(s->sc, &err);
    if (!s->sim || brink_sim_init(s->sim, s->policy, o->seed, 0, 0, 1, &err) != BRINK_OK) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink %s: %s", cmd, msg);
        gs_close(s);
        return err.code == BRINK_ERR_INPUT ? 2 : 1;
    }
    int horizon = brink_sim_horizon(s->sim);
    if (o->month > horizon) {
        fprintf(stderr,
                "brink %s: error: --month: %d is beyond the horizon of %d months "
                "(simulation.horizon_months)\n",
                cmd, o->month, horizon);
        gs_close(s);
        return 2;
    }
    s->month = brink_game_advance(s->sim, o->month);
    return 0;
}

void gs_close(gs_state *s)
{
    brink_sim_free(s->sim);
    brink_scenario_free(s->sc);
    s->sim = NULL;
    s->sc = NULL;
}

void gs_note_early(FILE *out, const gs_options *o, const gs_state *s)
{
    if (s->month >= o->month)
        return;
    const brink_summary *m = brink_sim_summary(s->sim);
    fprintf(out, "note: the run ended in month %d (%s: %s) before month %d; the last state "
                 "(start of month %d) is used\n",
            m->outcome_month, brink_outcome_name(m->outcome), m->cause, o->month, s->month);
}

void gs_print_header(FILE *out, const char *title, const gs_options *o, const gs_state *s)
{
    fprintf(out, "%s\n", title);
    fprintf(out, "scenario: %s   policy: %s   month: %d   seed: %" PRIu64 "   values: point\n",
            brink_scenario_name(s->sc), brink_scenario_policy_name(s->sc, s->policy), o->month,
            o->seed);
    gs_note_early(out, o, s);
    fputc('\n', out);
}

brink_game_state gs_game_state(const gs_options *o, const gs_state *s)
{
    return (brink_game_state){s->policy, o->seed, o->month, s->month, s->sim};
}

int gs_json_done(brink_status st)
{
    if (st != BRINK_OK) {
        fprintf(stderr, "brink: cannot write JSON\n");
        return 1;
    }
    return 0;
}
