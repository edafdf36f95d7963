/* brink tioli: the sender's optimal take-it-or-leave-it offer under its
 * belief over the target's resolve, against the policy's own offer. */
#include <stdio.h>
#include <string.h>

#include "brink/analysis_game.h"
#include "cli/cli.h"
#include "cli/common.h"
#include "cli/game_state.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink tioli [SCENARIO] [--policy P] [--month M] [--seed S]\n"
            "                   [--set PATH=VALUE]... [--format table|json]\n"
            "\n"
            "Take-it-or-leave-it with incomplete information. A point-value run of SCENARIO\n"
            "(default iran-2025) is stepped to the start of month M (default 0, the prior).\n"
            "There the sender, with its belief over the target's resolve, chooses the\n"
            "relief of an offer on the policy's demands to maximise its expected value\n"
            "E[P] U_S(deal) + (1 - E[P]) U_S(no deal): the deal's terms plus the senders'\n"
            "expected costs of war, strikes, the programme, posture and forgone trade\n"
            "over the horizon, with and without the deal in force. Prints the optimal\n"
            "relief and the policy's own: acceptance probability, both sides' expected\n"
            "payoffs, and the belief after a rejection. See docs/game.md.\n"
            "\n"
            "options:\n"
            "  --policy P          policy in force (default: the scenario's)\n"
            "  --month M           state month, 0..horizon (default 0)\n"
            "  --seed S            seed of the run (default 1)\n"
            "  --set PATH=VALUE    override a parameter (repeatable)\n"
            "  --format F          table (default) or json\n"
            "  -h, --help          this text\n");
}

static void print_table(const brink_tioli *t, const gs_options *o, const gs_state *s)
{
    FILE *out = stdout;
    gs_print_header(out, "Take-it-or-leave-it with incomplete information", o, s);
    fprintf(out, "sender's belief over the target's resolve: mean %.3f, sd %.3f (log units)\n",
            t->prior_mean, t->prior_sd);
    fprintf(out, "choice noise %.3g; value of the concessions asked %.3f (sender value);\n"
                 "sender's value of no deal %.4g (its expected costs over %d months)\n\n",
            t->noise, t->concession_value, t->value_no_deal, t->horizon);
    const brink_tioli_offer *b = &t->best, *p = &t->standing;
    fprintf(out, "%-34s %12s %12s\n", "", "optimal", "policy's");
    fprintf(out, "%-34s %12.4f %12.4f\n", "relief", b->relief, p->relief);
    fprintf(out, "%-34s %12.4g %12.4g\n", "acceptance probability E[P]", b->accept, p->accept);
    fprintf(out, "%-34s %12.4g %12.4g\n", "sender's expected payoff", b->sender, p->sender);
    fprintf(out, "%-34s %12.4g %12.4g\n", "  sender's payoff of a deal", b->sender_deal,
            p->sender_deal);
    fprintf(out, "%-34s %12.4g %12.4g\n", "    of which the terms", b->terms, p->terms);
    fprintf(out, "%-34s %12.4g %12.4g\n", "target's expected gain E[P(V-Ce^θ)]", b->target,
            p->target);
    fprintf(out, "%-34s %12.4f %12.4f\n", "target's net value (deal - subm.)", b->net, p->net);
    fprintf(out, "%-34s %12.4f %12.4f\n", "  deal value", b->deal_value, p->deal_value);
    fprintf(out, "%-34s %12.4f %12.4f\n", "  submission cost", b->submission, p->submission);
    fprintf(out, "%-34s %12.4f %12.4f\n", "resolve after a rejection: mean", b->post_mean,
            p->post_mean);
    fprintf(out, "%-34s %12.4f %12.4f\n", "                            sd", b->post_sd,
            p->post_sd);
    fprintf(out, "\n(%d evaluations of the sender's objective)\n", t->evaluations);
}

int cmd_tioli(int argc, char **argv)
{
    gs_options o;
    gs_options_init(&o);
    for (int i = 1; i < argc;) {
        int r;
        if (cli_is_help(argv[i])) {
            usage(stdout);
            return 0;
        } else if ((r = gs_parse_option("tioli", argc, argv, &i, &o)) != 0) {
            if (r < 0)
                return 2;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            static const char *const names[] = {"--help", GS_OPTION_NAMES, NULL};
            cli_unknown_option("tioli", argv[i], names);
            return 2;
        } else if (o.spec) {
            fprintf(stderr, "brink tioli: error: unexpected argument '%s'\n", argv[i]);
            return 2;
        } else {
            o.spec = argv[i++];
        }
    }
    gs_state s;
    int rc = gs_open("tioli", &o, &s);
    if (rc)
        return rc;
    brink_tioli t;
    brink_error err;
    brink_error_clear(&err);
    if (brink_tioli_solve(s.sim, NULL, &t, &err) != BRINK_OK) {
        char msg[1024];
        brink_error_format(&err, NULL, msg, sizeof msg);
        fprintf(stderr, "brink tioli: %s", msg);
        rc = err.code == BRINK_ERR_INPUT ? 2 : 1;
    } else if (strcmp(o.format, "json") == 0) {
        brink_game_state at = gs_game_state(&o, &s);
        rc = gs_json_done(brink_tioli_write_json(s.sc, &at, &t, stdout, &err));
    } else {
        print_table(&t, &o, &s);
    }
    gs_close(&s);
    return rc;
}
