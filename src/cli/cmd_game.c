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
                brink_nowin_action_name(a), nw->s_pol[a], nw->maintenance[a],
                nw->maintenance_incident[a],
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
                    brink_nowin_action_name(a), brink_nowin_answer_name(b), nw->target[a][b],
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
        brink_game_state at = gs_game_state(o, &s);
        rc = gs_json_done(brink_nowin_write_json(s.sc, &at, &nw, g, r, stdout, &err));
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
        if (brink_nash_write_json(g, r, stdout, &err) != BRINK_OK) {
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
