/* brink game FILE: every Nash equilibrium of a two-player game.
 * brink game --scenario [SCENARIO]: the no-win matrix at a state of a run. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "brink/game.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/game_print.h"
#include "cli/game_state.h"

#define MAX_FILE_BYTES ((size_t)16 << 20)
/* Equilibria printed by default, and the most --max-equilibria allows. */
#define DEFAULT_MAX_EQUILIBRIA 1000
#define MAX_EQUILIBRIA_LIMIT 10000000

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink game FILE [--format table|json] [--max-equilibria N]\n"
            "       brink game --scenario [SCENARIO] [--policy P] [--month M] [--seed S]\n"
            "                  [--set PATH=VALUE]... [--step D] [--format table|json]\n\n"
            "Finds every Nash equilibrium, pure and mixed, of a two-player game.\n"
            "FILE (YAML or JSON) holds:\n"
            "  players: [sender, target]              # optional\n"
            "  strategies: [[s1, s2], [t1, t2, t3]]   # optional\n"
            "  payoffs: [A, B]                        # [row][column] each\n"
            "At most %d strategies per player. See docs/game.md.\n\n"
            "With --scenario: the no-win matrix. A point-value run of SCENARIO (default\n"
            "iran-2025) is stepped to the start of month M (default 12); there the sender\n"
            "chooses tighten, hold or relax (sanctions +D, 0, -D, projected one month) and\n"
            "the target accept (the policy's standing offer), reject or escalate (provoke\n"
            "an incident). Payoffs come from the model's value functions; each target\n"
            "payoff is compared with the pre-crisis value 0 and with the status quo\n"
            "(holding out at today's sanctions). See docs/game.md.\n\n"
            "options:\n"
            "  --format table|json   output format (default table)\n"
            "  --max-equilibria N    print at most N equilibria, 1 to %d (default %d);\n"
            "                        how many there are is always printed\n"
            "  --scenario [S]        the no-win matrix of scenario S (name or file)\n"
            "  --policy P            policy in force (default: the scenario's)\n"
            "  --month M             state month, 0..horizon (default 12)\n"
            "  --seed S              seed of the run (default 1)\n"
            "  --set PATH=VALUE      override a parameter (repeatable); the senders' value\n"
            "                        of a USD bn is coalition.value_per_usd_bn\n"
            "  --step D              sanctions step of tighten and relax, 0..1 (default:\n"
            "                        the policy's sanctions.ramp, its largest monthly move)\n",
            BRINK_GAME_MAX_STRATEGIES, MAX_EQUILIBRIA_LIMIT, DEFAULT_MAX_EQUILIBRIA);
}

/* Reads the whole file; NULL (and a message on stderr) on failure. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(MAX_FILE_BYTES + 1);
    size_t n = text ? fread(text, 1, MAX_FILE_BYTES + 1, f) : 0;
    int bad = !text || ferror(f);
    fclose(f);
    if (bad || n > MAX_FILE_BYTES) {
        fprintf(stderr, "%s: error: %s\n", path,
                !text ? "out of memory" : bad ? "cannot read" : "file too large");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    *len = n;
    return text;
}

static const char *const action_name[3] = {"tighten", "hold", "relax"};
static const char *const answer_name[3] = {"accept", "reject", "escalate"};

static void print_nowin(const brink_nowin *nw, const brink_game *g, const brink_nash_result *r,
                        const gs_options *o, const gs_state *s)
{
    FILE *out = stdout;
    gs_print_header(out, "The no-win matrix", o, s);
    fprintf(out,
            "state: sanctions %.3f (step %.3g), resolve %.2f, standing offer: %.0f%% relief for "
            "the policy's demands (%s)\n",
            nw->s_now, nw->step, nw->theta, 100 * nw->relief, nw->is_public ? "public" : "private");
    fprintf(out, "target payoffs in GDP-months against the pre-crisis value %g; sender payoffs "
                 "in sender value\n(USD bn at %g); the sender's terms over %d months\n\n",
            nw->baseline, nw->value_per_usd_bn, nw->horizon);
    fprintf(out, "%-8s %6s %11s %11s %10s %10s %10s %9s %8s %10s\n", "sender", "s", "maintenance",
            "after incid", "deal value", "submission", "durability", "gain acc", "P(acc)",
            "P(esc inc)");
    for (int a = 0; a < 3; a++)
        fprintf(out, "%-8s %6.3f %11.3f %11.3f %10.3f %10.3f %10.3f %9.3f %8.4f %10.4f\n",
                action_name[a], nw->s_pol[a], nw->maintenance[a], nw->maintenance_incident[a],
                nw->deal_value[a], nw->submission[a], nw->durability[a], nw->accept_gain[a],
                nw->p_accept[a], nw->p_escalate_incident[a]);
    fputc('\n', out);
    game_print_table(out, g, r);
    fprintf(out, "\nEach cell: the target against the pre-crisis value and the status quo (hold, "
                 "reject: %.3f), and the sender's terms\n", nw->status_quo);
    fprintf(out, "%-8s %-8s %10s %-9s %-9s %10s %8s %8s %9s %9s\n", "sender", "target", "target",
            "vs 0", "vs s.quo", "sender", "P(war)", "strikes", "programme", "cost USDbn");
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            fprintf(out, "%-8s %-8s %10.3f %-9s %-9s %10.3f %8.4f %8.4f %+9.4f %9.1f\n",
                    action_name[a], answer_name[b], nw->target[a][b],
                    nw->worse[a][b] ? "worse" : "not worse",
                    a == BRINK_NOWIN_HOLD && b == BRINK_NOWIN_REJECT ? "-"
                    : nw->worse_status_quo[a][b]                     ? "worse"
                                                                     : "not worse",
                    nw->sender[a][b], nw->p_war[a][b], nw->strikes[a][b], nw->programme[a][b],
                    nw->cost_usd_bn[a][b]);
    fprintf(out, "\nno-win: %s (against the status quo: accepting is %s, rejecting when the sender "
                 "tightens is %s,\n        escalating when it tightens is %s)\n",
            nw->no_win ? "yes" : "no", nw->accept_worse ? "worse" : "not worse",
            nw->reject_worse ? "worse" : "not worse", nw->escalate_worse ? "worse" : "not worse");
    fprintf(out, "every cell worse than the pre-crisis value: %s (holds by construction unless "
                 "inducements outweigh\n        the costs a deal leaves; docs/game.md)\n",
            nw->no_win_pre_crisis ? "yes" : "no");
}

static json_t *num3(const double *v)
{
    json_t *a = json_array();
    for (int i = 0; i < 3; i++)
        json_array_append_new(a, json_real(v[i]));
    return a;
}

static json_t *nowin_json(const brink_nowin *nw, const brink_game *g, const brink_nash_result *r,
                          const gs_options *o, const gs_state *s)
{
    json_t *root = gs_json_header(o, s);
    json_t *res = game_result_json(g, r);
    if (!root || !res) {
        json_decref(root);
        json_decref(res);
        return NULL;
    }
    json_object_set_new(root, "analysis", json_string("nowin"));
    json_object_set_new(root, "baseline", json_real(nw->baseline));
    json_object_set_new(root, "status_quo", json_real(nw->status_quo));
    json_object_set_new(root, "step", json_real(nw->step));
    json_object_set_new(root, "value_per_usd_bn", json_real(nw->value_per_usd_bn));
    json_object_set_new(root, "horizon_months", json_integer(nw->horizon));
    json_object_set_new(root, "resolve", json_real(nw->theta));
    json_object_set_new(root, "sanctions", json_real(nw->s_now));
    json_t *offer = json_object();
    json_object_set_new(offer, "relief", json_real(nw->relief));
    json_object_set_new(offer, "public", json_boolean(nw->is_public));
    json_object_set_new(offer, "concession_value", json_real(nw->concession_value));
    json_object_set_new(offer, "relief_cost", json_real(nw->relief_cost));
    json_object_set_new(root, "offer", offer);
    json_t *players = json_array(), *strat = json_array(), *rows = json_array(),
           *cols = json_array(), *pay = json_array(), *pa = json_array(), *pb = json_array();
    json_array_append_new(players, json_string("sender"));
    json_array_append_new(players, json_string("target"));
    for (int i = 0; i < 3; i++) {
        json_array_append_new(rows, json_string(action_name[i]));
        json_array_append_new(cols, json_string(answer_name[i]));
        json_array_append_new(pa, num3(nw->sender[i]));
        json_array_append_new(pb, num3(nw->target[i]));
    }
    json_array_append_new(strat, rows);
    json_array_append_new(strat, cols);
    json_array_append_new(pay, pa);
    json_array_append_new(pay, pb);
    json_t *game = json_object();
    json_object_set_new(game, "players", players);
    json_object_set_new(game, "strategies", strat);
    json_object_set_new(game, "payoffs", pay);
    json_object_set_new(root, "game", game);
    json_object_set(root, "degenerate", json_object_get(res, "degenerate"));
    json_object_set(root, "total", json_object_get(res, "total"));
    json_object_set(root, "equilibria", json_object_get(res, "equilibria"));
    json_decref(res);
    json_t *acts = json_array();
    for (int a = 0; a < 3; a++) {
        json_t *x = json_object();
        json_object_set_new(x, "action", json_string(action_name[a]));
        json_object_set_new(x, "sanctions", json_real(nw->s_pol[a]));
        json_object_set_new(x, "sanctions_effective", json_real(nw->s_eff[a]));
        json_object_set_new(x, "maintenance", json_real(nw->maintenance[a]));
        json_object_set_new(x, "maintenance_after_incident", json_real(nw->maintenance_incident[a]));
        json_object_set_new(x, "incident_escalation", json_real(nw->p_escalate_incident[a]));
        json_object_set_new(x, "deal_value", json_real(nw->deal_value[a]));
        json_object_set_new(x, "submission", json_real(nw->submission[a]));
        json_object_set_new(x, "durability", json_real(nw->durability[a]));
        json_object_set_new(x, "net", json_real(nw->net[a]));
        json_object_set_new(x, "accept_gain", json_real(nw->accept_gain[a]));
        json_object_set_new(x, "accept_probability", json_real(nw->p_accept[a]));
        json_array_append_new(acts, x);
    }
    json_object_set_new(root, "actions", acts);
    json_t *cells = json_array();
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            json_t *x = json_object();
            json_object_set_new(x, "sender_action", json_string(action_name[a]));
            json_object_set_new(x, "target_action", json_string(answer_name[b]));
            json_object_set_new(x, "target", json_real(nw->target[a][b]));
            json_object_set_new(x, "sender", json_real(nw->sender[a][b]));
            json_object_set_new(x, "worse_than_pre_crisis", json_boolean(nw->worse[a][b]));
            json_object_set_new(x, "worse_than_status_quo",
                                json_boolean(nw->worse_status_quo[a][b]));
            json_object_set_new(x, "p_war", json_real(nw->p_war[a][b]));
            json_object_set_new(x, "strikes", json_real(nw->strikes[a][b]));
            json_object_set_new(x, "programme_change", json_real(nw->programme[a][b]));
            json_object_set_new(x, "sender_cost_usd_bn", json_real(nw->cost_usd_bn[a][b]));
            json_array_append_new(cells, x);
        }
    json_object_set_new(root, "cells", cells);
    json_t *v = json_object();
    json_object_set_new(v, "accept_worse", json_boolean(nw->accept_worse));
    json_object_set_new(v, "reject_worse", json_boolean(nw->reject_worse));
    json_object_set_new(v, "escalate_worse", json_boolean(nw->escalate_worse));
    json_object_set_new(root, "against_status_quo", v);
    json_object_set_new(root, "no_win", json_boolean(nw->no_win));
    json_object_set_new(root, "no_win_pre_crisis", json_boolean(nw->no_win_pre_crisis));
    return root;
}

static int run_nowin(const gs_options *o, double step, const brink_nash_options *nopt)
{
    gs_state s;
    int rc = gs_open("game", o, &s);
    if (rc)
        return rc;
    brink_nowin_options opt = {.step = step};
    brink_nowin nw;
    brink_error err;
    brink_error_clear(&err);
    brink_game *g = NULL;
    brink_nash_result *r = NULL;
    if (brink_nowin_compute(s.sim, &opt, &nw, &err) != BRINK_OK ||
        !(g = brink_nowin_game(&nw, &err)) || !(r = brink_nash_result_alloc(&err)) ||
        brink_nash_enumerate(g, nopt, r, &err) != BRINK_OK) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink game: %s", msg);
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    } else if (strcmp(o->format, "json") == 0) {
        json_t *root = nowin_json(&nw, g, r, o, &s);
        rc = gs_print_json(root);
        json_decref(root);
    } else {
        print_nowin(&nw, g, r, o, &s);
    }
    brink_nash_result_free(r);
    brink_game_free(g);
    gs_close(&s);
    return rc;
}

static int parse_real(const char *opt, const char *v, double lo, double hi, double *out)
{
    if (cli_parse_real(v, lo, hi, out) != 0) {
        fprintf(stderr, "brink game: error: %s: '%s' is not a number in [%g, %g]\n", opt, v, lo,
                hi);
        return -1;
    }
    return 0;
}

int cmd_game(int argc, char **argv)
{
    const char *file = NULL, *format = "table";
    gs_options o;
    gs_options_init(&o);
    o.month = 12;
    int scenario_mode = 0;
    double step = -1; /* the policy's ramp */
    brink_nash_options nopt;
    memset(&nopt, 0, sizeof nopt);
    nopt.max_equilibria = DEFAULT_MAX_EQUILIBRIA;
    for (int i = 1; i < argc;) {
        const char *a = argv[i];
        const char *v;
        uint64_t k;
        int r;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--scenario") == 0) {
            scenario_mode = 1;
            i++;
            if (i < argc && argv[i][0] != '-')
                o.spec = argv[i++];
        } else if (strncmp(a, "--scenario=", 11) == 0) {
            scenario_mode = 1;
            o.spec = a + 11;
            i++;
        } else if ((r = gs_parse_option("game", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
            format = o.format;
        } else if ((r = cli_opt_value("game", argc, argv, &i, "--step", NULL, &v)) != 0) {
            if (r < 0 || parse_real("--step", v, 0, 1, &step) != 0)
                return 2;
            o.given = 1;
        } else if ((r = cli_opt_u64("game", argc, argv, &i, "--max-equilibria", 1,
                                    MAX_EQUILIBRIA_LIMIT, &k)) != 0) {
            if (r < 0)
                return 2;
            nopt.max_equilibria = (size_t)k;
        } else if (a[0] == '-' && a[1] != '\0') {
            static const char *const names[] = {"--help", "--scenario", GS_OPTION_NAMES,
                                                "--step", "--max-equilibria", NULL};
            cli_unknown_option("game", a, names);
            return 2;
        } else if (file) {
            fprintf(stderr, "brink game: one game file only\n");
            return 2;
        } else {
            file = a;
            i++;
        }
    }
    if (file && (scenario_mode || o.given)) {
        fprintf(stderr, "brink game: a game FILE or --scenario, not both (scenario options need "
                        "--scenario)\n");
        return 2;
    }
    if (scenario_mode || o.given)
        return run_nowin(&o, step, &nopt);
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "brink game: unknown format '%s' (table or json)\n", format);
        return 2;
    }
    if (!file) {
        usage(stderr);
        return 2;
    }
    size_t len;
    char *text = slurp(file, &len);
    if (!text)
        return 2;
    brink_game *g = NULL;
    brink_error err;
    brink_error_clear(&err);
    if (brink_game_parse(text, len, file, &g, &err) != BRINK_OK) {
        char msg[2048];
        brink_error_format(&err, text, msg, sizeof msg);
        fputs(msg, stderr);
        free(text);
        return err.code == BRINK_ERR_RUNTIME ? 1 : 2;
    }
    free(text);
    int rc = 0;
    brink_nash_result *r = brink_nash_result_alloc(&err);
    if (!r || brink_nash_enumerate(g, &nopt, r, &err) != BRINK_OK) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "%s: %s", file, msg);
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    } else if (strcmp(format, "json") == 0) {
        if (game_print_json(stdout, g, r) != 0) {
            fprintf(stderr, "brink game: cannot write JSON\n");
            rc = 1;
        }
    } else {
        game_print_table(stdout, g, r);
    }
    brink_nash_result_free(r);
    brink_game_free(g);
    return rc;
}
